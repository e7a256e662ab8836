"""Coverage: the departments nobody on our side has reached, and who can open each one.

"One visit should open several departments" (一次拜访以点带面): a department is
*touched* when one of its people is at stage ``acquainted`` or better (by their
own stage or by a contact from our team) or a visit covered it (listed it, or met
one of its people). Every other department is *untouched*; they are listed by
how much they matter to the purchase, each with an **opener**: the known person
(or touched department) with the closest tie into it. The powerful people we have
never reached (by the decision power ranking) are listed too.

>>> from chainmap.loader import loads
>>> from chainmap.graph import to_graph
>>> G = to_graph(loads('''
... id: d
... name: D
... departments:
...   - {id: board, name: Board, function: management, weight: lead}
...   - {id: buy, name: Purchasing, function: procurement, weight: support, parent: board}
... people:
...   - {id: li, name: Li, department: board, stage: trust}
...   - {id: ma, name: Ma, department: buy, reports_to: li}
... '''))
>>> result = untouched(G)
>>> [(d["id"], d["opener"]["id"]) for d in result["departments"]]
[('buy', 'li')]
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx

from ..bulk import paused_gc
from ..enums import Attitude, Function, Stage, Weight
from ..graph import DEPARTMENT, PERSON, TEAM, department_of, members, nodes_of, sub_departments
from ..i18n import Text, join
from ..report import Bullets, Document, Heading, Paragraph, Table
from .power import Power, Reasons, analyse

__all__ = [
    "untouched",
    "to_document",
    "untouched_departments",
    "unreached_powerful",
    "reached_people",
    "touched_departments",
    "Reach",
    "Opener",
    "WEIGHT_ORDER",
    "FUNCTION_ORDER",
]

# How much a department matters to the purchase: its say first, then what it does.
WEIGHT_ORDER = [Weight.LEAD, Weight.SUPPORT, Weight.UNKNOWN, Weight.NONE]
FUNCTION_ORDER = [
    Function.PROCUREMENT,
    Function.FINANCE,
    Function.USER,
    Function.TECHNICAL,
    Function.MANAGEMENT,
    Function.LEGAL,
    Function.OTHER,
]
# Decision-power positions that make a person worth reaching even before anything else.
POWERFUL_POSITIONS = ("decider", "key", "handler")

TITLE = Text("Untouched departments — {name}", "未覆盖的部门 —— {name}")
ALL_TOUCHED = Text("Every department has been reached by someone on our side.", "每个部门都已有我方的人接触过。")
PEOPLE_HEADING = Text("Powerful people we have never contacted", "从未接触的关键人物")
NO_POWERFUL = Text("We have reached every person who matters to the decision.", "对决策有分量的人都已接触过。")
COLUMNS = {
    "departments": (Text("#", "#"), Text("department", "部门"), Text("function", "职能"), Text("say", "话语权"), Text("why", "原因"), Text("opener", "引荐人")),
    "people": (Text("#", "#"), Text("person", "人员"), Text("why", "原因"), Text("opener", "引荐人")),
}
NOBODY = Text("—", "—")

WEIGHT_REASON = {
    Weight.LEAD: Text("it leads this purchase (say: lead)", "它主导这次采购（话语权：主导）"),
    Weight.SUPPORT: Text("it has a supporting say in this purchase", "它在这次采购中有辅助话语权"),
    Weight.UNKNOWN: Text("nobody knows yet how much say it has — find out on the visit", "还不知道它有多大话语权——拜访时要问清楚"),
    Weight.NONE: Text("it has no say in this purchase", "它在这次采购中没有话语权"),
}
EMPTY_DEPARTMENT = Text("none of its people is in the map yet", "图中还没有它的任何人")
ONLY_BELOW = Text(
    "nobody in the map sits in it directly, only in {departments} below it ({count} in the map): find out who heads it",
    "图中没有人直接属于它，只在下属的{departments}（{count} 人）：弄清谁是它的负责人",
)
NOBODY_REACHED = Text("nobody in it has been contacted ({count} in the map) and no visit covered it", "其中 {count} 人都还没接触过，也没有拜访覆盖过")
ROLE_HOLDERS = Text("decision-chain roles inside: {people}", "其中在决策链上的：{people}")
ROLE_HOLDER = Text("{name} ({roles})", "{name}（{roles}）")
NO_OPENER = Text("nobody we know has a tie into it yet: ask our best contact for an introduction", "我们认识的人里还没有和它有联系的：请最熟的内线引荐")
OPENER_REASON = Text("{opener} can open it: {why}", "可以请{opener}引荐：{why}")
OPENER_PERSON_REASON = Text("{opener} can introduce us: {why}", "可以请{opener}引荐：{why}")
NO_PERSON_OPENER = Text("nobody we know has a tie to them yet", "我们认识的人里还没有和此人有联系的")
RANK = Text("ranks #{rank} of {count} in decision power (score {score:.2f}, {position})", "决策权排名第 {rank}/{count}（得分 {score:.2f}，{position}）")
NEVER_REACHED = Text("nobody on our side has met them", "我方还没有人接触过此人")
POSITION = {
    "decider": Text("decider", "拍板人"),
    "key": Text("key person", "关键人"),
    "handler": Text("handler", "经办人"),
    "other": Text("other", "其他"),
}

# Why a known person can open a target, strongest first; each is (strength, sentence).
TIE = {
    "boss": (5.0, Text("{target} reports to {opener}", "{target}向{opener}汇报")),
    "dotted_boss": (4.0, Text("{target} reports to {opener} on a dotted line", "{target}虚线向{opener}汇报")),
    "report": (4.0, Text("{opener} reports to {target}", "{opener}向{target}汇报")),
    "dotted_report": (3.0, Text("{opener} reports to {target} on a dotted line", "{opener}虚线向{target}汇报")),
    "sways": (None, Text("{target} listens to {opener} (strength {strength})", "{target}听{opener}的意见（强度 {strength}）")),
    "listens": (None, Text("{opener} listens to {target} (strength {strength})", "{opener}听{target}的意见（强度 {strength}）")),
    "colleague": (3.0, Text("{opener} works in the same department, {department}", "{opener}同在{department}")),
    "parent": (3.0, Text("{opener} works one level up, in {department}", "{opener}在上级部门{department}")),
    "child": (2.5, Text("{opener} works one level down, in {department}", "{opener}在下属部门{department}")),
    "sibling": (2.0, Text("{opener} works in {department}, under the same parent {parent}", "{opener}在同属{parent}的{department}")),
}
TOUCHED_DEPARTMENT = {
    "parent": Text("it sits under {department}, which we have reached", "它隶属于我们已覆盖的{department}"),
    "child": Text("{department}, a unit of it, has been reached", "其下属的{department}已覆盖"),
    "sibling": Text("{department}, under the same parent {parent}, has been reached", "同属{parent}的{department}已覆盖"),
}
# Listening to someone is a weaker way in than being listened to by them.
LISTENS_DISCOUNT = 0.5


def reached_people(G: nx.MultiDiGraph) -> dict[str, Stage]:
    """Person node → the best stage anyone on our side holds with them, for everyone we have reached.

    Their own ``stage``, any ``contact`` from our team, and meeting them on a visit
    (which counts as ``acquainted``) all count; stage ``none`` is not reached.
    """
    best: dict[str, Stage] = {}

    def raise_to(who: str, stage: Stage) -> None:
        if _RANK[stage] >= _RANK[Stage.ACQUAINTED] and (who not in best or _RANK[stage] > _RANK[best[who]]):
            best[who] = stage

    for who, attrs in nodes_of(G, PERSON):
        raise_to(who, attrs["stage"])
    for team, _ in nodes_of(G, TEAM):
        for _, target, attrs in G.out_edges(team, data=True):
            if attrs["kind"] == "contact":
                raise_to(target, attrs["stage"])
    for visit in G.graph.get("visits", []):
        for ident in visit["met"]:
            raise_to(f"{PERSON}:{ident}", Stage.ACQUAINTED)
    return best


def touched_departments(G: nx.MultiDiGraph, reached: dict[str, Stage]) -> set[str]:
    """Department nodes someone on our side has reached: a reached member, or a visit that listed it."""
    touched = {dept for who in reached if (dept := department_of(G, who))}
    touched.update(f"{DEPARTMENT}:{ident}" for visit in G.graph.get("visits", []) for ident in visit["departments"])
    return touched


@dataclass(frozen=True)
class Opener:
    """A way into a department or to a person: who (a person or department node), how strong, and why."""

    node: str
    key: tuple
    reason: str


# Edge kinds that tie two people, read from ``target``'s side: (its out-edge name, its in-edge name).
_TIES = {"reports_to": ("boss", "report"), "dotted_to": ("dotted_boss", "dotted_report"), "influences": ("listens", "sways")}
# Stage.rank searches the enum each call; this is the same order as a dict.
_RANK = {stage: rank for rank, stage in enumerate(Stage)}


class Reach:
    """Where our side stands in an account, computed once: the people and departments we have reached.

    Attributes: ``people`` (person node → best stage, see :func:`reached_people`)
    and ``departments`` (touched department nodes, see :func:`touched_departments`).
    """

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G
        self.people = reached_people(G)
        self.departments = touched_departments(G, self.people)
        # Reached people by department, so looking around a department costs only its neighbours.
        self.known_in: dict[str, list[str]] = {}
        for who, _ in nodes_of(G, PERSON):
            if who in self.people and (dept := department_of(G, who)):
                self.known_in.setdefault(dept, []).append(who)
        self.parent: dict[str, str] = {}
        self.children: dict[str, list[str]] = {}
        for dept, _ in nodes_of(G, DEPARTMENT):
            for _, target, kind in G.out_edges(dept, data="kind"):
                if kind == "part_of" and G.nodes[target]["kind"] == DEPARTMENT:
                    self.parent[dept] = target
                    self.children.setdefault(target, []).append(dept)

    def opener(self, targets: list[str], dept: str | None, lang: str) -> Opener | None:
        """The known person (else the touched department) with the strongest tie into ``targets`` / ``dept``.

        Person ties (reporting lines, dotted lines, influence) count by their
        strength; then working in the same, the parent, a child or a sibling
        department. Among equal ties the deeper relationship and a supporter win;
        opponents never open doors.
        """
        G = self.G
        # The node attribute dicts themselves: a node view per look-up was a third of the time.
        nodes = G._node
        names = {t: nodes[t]["name"] for t in targets}
        # (key, who, tie, strength, values): only the strongest one's sentence is ever read, so only it is formatted.
        candidates: list[tuple[tuple, str, str, float | None, dict]] = []

        def consider(who: str, tie: str, strength: float | None, **values) -> None:
            if who not in self.people or who in names:
                return
            attitude = nodes[who]["attitude"]
            # An opponent will not open doors for us, however close they sit.
            if attitude == Attitude.OPPONENT:
                return
            base = TIE[tie][0]
            power = base if base is not None else strength - (LISTENS_DISCOUNT if tie == "listens" else 0.0)
            candidates.append(((power, _RANK[self.people[who]], attitude == Attitude.SUPPORTER), who, tie, strength, values))

        known, nowhere = self.people, {}
        for target in targets:
            # Formal and informal ties out of and into the target: most ties lead to people nobody on our side
            # knows, so they are skipped before their edges are looked at.
            for side, adjacency in ((0, G._succ), (1, G._pred)):
                for other, keyed in adjacency.get(target, nowhere).items():
                    if other in known:
                        for attrs in keyed.values():
                            ties = _TIES.get(attrs["kind"])
                            if ties:
                                consider(other, ties[side], attrs.get("strength"), target=names[target])
        related: list[tuple[str, str]] = []
        parent = self.parent.get(dept) if dept else None
        if dept is not None:
            related += [("colleague", dept)] * (dept in self.departments) + [("parent", parent)] * bool(parent)
            related += [("child", d) for d in self.children.get(dept, [])]
            related += [("sibling", d) for d in self.children.get(parent, []) if d != dept] if parent else []
        values = {"parent": G.nodes[parent]["name"] if parent else ""}
        for relation, other_dept in related:
            for who in self.known_in.get(other_dept, []):
                consider(who, relation, None, department=G.nodes[other_dept]["name"], **values)
        if candidates:
            # max() keeps the first of equals, so ties go to file order.
            key, who, tie, strength, values = max(candidates, key=lambda c: c[0])
            return Opener(who, key, TIE[tie][1](lang, opener=G.nodes[who]["name"], strength=strength, **values))
        for relation, other_dept in related:
            if relation != "colleague" and other_dept in self.departments:
                return Opener(other_dept, (), TOUCHED_DEPARTMENT[relation](lang, department=G.nodes[other_dept]["name"], **values))
        return None


def _role_holder(attrs: dict, lang: str) -> str:
    return ROLE_HOLDER(lang, name=attrs["name"], roles="/".join(role.label(lang) for role in attrs["roles"]))


def _ref(G: nx.MultiDiGraph, way_in: Opener | None) -> dict | None:
    if way_in is None:
        return None
    attrs = G.nodes[way_in.node]
    return {"id": attrs["id"], "name": attrs["name"], "kind": attrs["kind"], "why": way_in.reason}


@paused_gc()
def untouched(G: nx.MultiDiGraph, *, lang: str = "en", power: Power | None = None) -> dict:
    """The untouched departments, most important first, and the powerful people never contacted.

    Returns the issue's JSON contract: ``{"account", "departments": [{"id", "name",
    "function", "weight", "reasons", "opener"}], "people": [{"id", "name", "reasons"}]}``;
    each opener is ``{"id", "name", "kind", "why"}`` (``kind``: person or department) or ``None``.
    ``power`` is :func:`~chainmap.analysis.power.analyse` of ``G`` if the caller already has it.
    """
    reach = Reach(G)
    return {
        "account": G.graph["id"],
        "name": G.graph["name"],
        "departments": untouched_departments(G, reach, lang),
        "people": unreached_powerful(G, reach, power or analyse(G), lang),
    }


def untouched_departments(G: nx.MultiDiGraph, reach: Reach, lang: str, *, weights: Collection[Weight] | None = None) -> list[dict]:
    """The ``departments`` list of :func:`untouched`, for callers that already hold a :class:`Reach`.

    ``weights`` keeps only the departments of those weights (finding an opener for
    each department is most of the work).
    """
    order = {dept: index for index, (dept, _) in enumerate(nodes_of(G, DEPARTMENT))}
    blank = [dept for dept in order if dept not in reach.departments and (weights is None or G.nodes[dept]["weight"] in weights)]
    blank.sort(key=lambda d: (WEIGHT_ORDER.index(G.nodes[d]["weight"]), FUNCTION_ORDER.index(G.nodes[d]["function"]), order[d]))
    result = []
    for dept in blank:
        attrs = G.nodes[dept]
        inside = members(G, dept)
        reasons = [WEIGHT_REASON[attrs["weight"]](lang)]
        reasons.append(NOBODY_REACHED(lang, count=len(inside)) if inside else _why_empty(G, dept, lang))
        holders = [_role_holder(G._node[who], lang) for who in inside if G._node[who]["roles"]]
        if holders:
            reasons.append(ROLE_HOLDERS(lang, people=join(lang, holders)))
        way_in = reach.opener(inside, dept, lang)
        reasons.append(OPENER_REASON(lang, opener=G.nodes[way_in.node]["name"], why=way_in.reason) if way_in else NO_OPENER(lang))
        result.append(
            {
                "id": attrs["id"],
                "name": attrs["name"],
                "function": str(attrs["function"]),
                "weight": str(attrs["weight"]),
                "reasons": reasons,
                "opener": _ref(G, way_in),
            }
        )
    return result


def _why_empty(G: nx.MultiDiGraph, dept: str, lang: str) -> str:
    """Why a department has nobody in it: nobody at all yet, or its people all sit in its sub-departments."""
    staffed = [(below, len(members(G, below))) for below in sub_departments(G, dept)]
    staffed = [(below, count) for below, count in staffed if count]
    if not staffed:
        return EMPTY_DEPARTMENT(lang)
    names = join(lang, [G.nodes[below]["name"] for below, _ in staffed])
    return ONLY_BELOW(lang, departments=names, count=sum(count for _, count in staffed))


def unreached_powerful(G: nx.MultiDiGraph, reach: Reach, power: Power, lang: str) -> list[dict]:
    """The ``people`` list of :func:`untouched`: deciders, key people and handlers nobody on our side has reached.

    ``power`` is :func:`chainmap.analysis.power.analyse` of ``G``; its ranking order is kept.
    """
    f, count = power.facts, len(power.order)
    strongest = Reasons(G, power, lang)
    result = []
    for rank, i in enumerate(power.order, start=1):
        who, position = f.nodes[i], power.position[i]
        if position not in POWERFUL_POSITIONS or who in reach.people:
            continue
        reasons = [RANK(lang, rank=rank, count=count, score=round(power.score[i], 3), position=POSITION[position](lang))]
        # Only the strongest reason of the ranking, built for the few listed here.
        reasons += strongest(i)[:1] + [NEVER_REACHED(lang)]
        way_in = reach.opener([who], department_of(G, who), lang)
        reasons.append(OPENER_PERSON_REASON(lang, opener=G.nodes[way_in.node]["name"], why=way_in.reason) if way_in else NO_PERSON_OPENER(lang))
        result.append({"id": f.attrs[i]["id"], "name": f.attrs[i]["name"], "reasons": reasons, "opener": _ref(G, way_in)})
    return result


def _reasons_cell(reasons: list[str], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(reasons)


def to_document(result: dict, lang: str) -> Document:
    """Two tables: the untouched departments, then the powerful people never contacted."""
    blocks: list = []
    if result["departments"]:
        rows = [
            [
                str(index),
                d["name"],
                Function(d["function"]).label(lang),
                (Weight(d["weight"]).label(lang), "bold red" if d["weight"] == "lead" else ""),
                _reasons_cell(d["reasons"], lang),
                d["opener"]["name"] if d["opener"] else NOBODY(lang),
            ]
            for index, d in enumerate(result["departments"], start=1)
        ]
        blocks.append(Table([c(lang) for c in COLUMNS["departments"]], rows))
    else:
        blocks.append(Paragraph(ALL_TOUCHED(lang)))
    blocks.append(Heading(PEOPLE_HEADING(lang)))
    if result["people"]:
        rows = [
            [str(index), p["name"], _reasons_cell(p["reasons"], lang), p["opener"]["name"] if p["opener"] else NOBODY(lang)]
            for index, p in enumerate(result["people"], start=1)
        ]
        blocks.append(Table([c(lang) for c in COLUMNS["people"]], rows))
    else:
        blocks.append(Bullets([NO_POWERFUL(lang)]))
    return Document(TITLE(lang, name=result["name"]), blocks)
