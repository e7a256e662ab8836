"""Who decides: every person's decision power from six visible factors, with reasons a rep can act on.

The score is a weighted sum of six factors in [0, 1] (:data:`WEIGHTS`), one per
rule of the methodology: decision-chain roles, who holds the money, the
department's say in the purchase, formal rank, informal power (who listens to
whom) and the declared decision maker. The decider comes first; whoever the
decider listens to decisively comes right behind.

>>> from chainmap import loads, to_graph
>>> G = to_graph(loads('''
... id: demo
... name: Demo
... departments: [{id: buy, name: Purchasing, weight: lead}, {id: tech, name: Tech, weight: support}]
... people:
...   - {id: zhou, name: Zhou, roles: [decision_maker]}
...   - {id: ma, name: Ma, department: buy, reports_to: zhou}
...   - {id: li, name: Li, department: tech, reports_to: zhou, roles: [designer]}
...   - {id: wu, name: Wu, department: tech, reports_to: li}
... influence: [{from: wu, to: zhou, strength: 5}]
... '''))
>>> [(p["id"], p["position"]) for p in who_decides(G)["ranking"]]
[('zhou', 'decider'), ('wu', 'key'), ('ma', 'other'), ('li', 'other')]
>>> who_decides(G, without=["zhou"])["changes"]["summary"][0]
'the decider changes from Zhou to Li'
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

import networkx as nx

from ..bulk import paused_gc
from ..enums import Choice, Role, Stage, Weight
from ..graph import ORGANISATION, PERSON, SELF_ORG, find, node, nodes_of
from ..i18n import Text, join
from ..report import Bullets, Document, Heading, Paragraph, Table
from .centrality import DAMPING, flow

__all__ = [
    "who_decides",
    "explain",
    "to_document",
    "explain_document",
    "facts",
    "analyse",
    "Reasons",
    "Facts",
    "Power",
    "WEIGHTS",
    "POSITIONS",
    "POSITION_LABEL",
    "DECISIVE",
]

# How much each rule counts; they sum to 1, so a score is in [0, 1]. Chosen so the rules hold against each other:
# a declared decider (0.25) outweighs any single other factor; whoever holds the money (0.20) outranks local
# management even with a formal-rank edge (at most 0.15); a lead department's head beats a support department's
# head by 0.15·(1 − 0.4) = 0.09, more than the strongest other role adds (0.08); informal power (0.17) weighs a
# little more than formal rank because the advice network shows power the org chart hides.
WEIGHTS = {"roles": 0.08, "money": 0.20, "department": 0.15, "formal": 0.15, "informal": 0.17, "declared": 0.25}
FACTORS = tuple(WEIGHTS)
# The account's own organisation node.
SELF = node(ORGANISATION, SELF_ORG)
POSITIONS = ("decider", "key", "handler", "other")

# Decision-chain roles other than decision maker, in the order the methodology ranks them.
ROLE_POWER = {Role.APPROVER: 1.0, Role.EVALUATOR: 0.8, Role.DESIGNER: 0.6, Role.USER: 0.35, Role.INITIATOR: 0.3, Role.HANDLER: 0.2}
DEPARTMENT_SAY = {"lead": 1.0, "support": 0.4, "unknown": 0.3, "none": 0.0}
# A head speaks for the department; a member carries half its say.
MEMBER_SHARE = 0.5
# Someone with neither boss nor reports in the file: place unknown, counted as two steps below the top.
UNPLACED_LEVEL = 1 / 3
# A dotted-line report counts half a solid one.
DOTTED_SHARE = 0.5
# Money: 1 in an organisation that holds it, 0 elsewhere, this when nobody knows who holds it.
MONEY_UNKNOWN = 0.5
# The strongest influence: decisive.
DECISIVE = 5
# Influence at or above this strength on the decider makes a key person.
KEY_INFLUENCE = 3
# People this close to the decider's score are key persons; at most this many key persons in all: a rep can work ten people.
KEY_SHARE = 0.6
KEY_MOST = 10
# What-if: every move within this many places of the top is told in a sentence.
MOVES_TOLD = 10
# Informal power is relative to the most listened-to person, who counts 1, but never to less than half of
# what the most powerful person passes to the only one they follow decisively.
INFORMAL_FLOOR = DAMPING * (1 - DAMPING) / 2

FACTOR_LABEL = {
    "roles": Text("roles", "角色"),
    "money": Text("money", "资金"),
    "department": Text("department", "部门分量"),
    "formal": Text("formal rank", "正式层级"),
    "informal": Text("informal power", "非正式影响"),
    "declared": Text("declared decider", "标注拍板人"),
}
POSITION_LABEL = {
    "decider": Text("decider", "拍板人"),
    "key": Text("key", "关键人"),
    "handler": Text("handler", "经办人"),
    "other": Text("other", "其他"),
}
POSITION_STYLE = {"decider": "bold red", "key": "yellow", "handler": "cyan", "other": "dim"}

DECLARED = Text("marked as the decision maker", "被标注为决策者（拍板人）")
PRIVATE_TOP = Text("at the top of a private company, where the owner decides", "民营企业的最高层：老板说了算")
LIKELIEST = Text("nobody is marked decision maker: the evidence points here", "没有人被标注为决策者：证据指向此人")
ROLES = Text("decision-chain role: {roles}", "决策链角色：{roles}")
MONEY_HERE = Text("the project is funded by {org}, where this person sits", "项目资金来自{org}，此人就在那里")
MONEY_AWAY = Text("the money sits with {org}, not with {own}", "钱在{org}，不在{own}")
PARENT_ORG = Text("its parent organisation {name}", "母公司{name}")
HEAD_LEAD = Text("heads {dept}, the department that leads the purchase", "负责{dept}，该部门主导这次采购")
IN_LEAD = Text("works in {dept}, which leads the purchase", "在{dept}，该部门主导这次采购")
HEAD_SUPPORT = Text("heads {dept}, which only supports the purchase", "负责{dept}，该部门只是辅助")
HEAD_NONE = Text("heads {dept}, which has no say in this purchase", "负责{dept}，该部门对这次采购没有话语权")
TOP = Text("top of the reporting line, {beneath} beneath", "汇报线的最高层，下属共 {beneath}")
BELOW = Text("{depth} below the top, {beneath} beneath", "距最高层 {depth}，下属共 {beneath}")
DOTTED_MORE = Text(", {dotted} more on dotted lines", "，另有虚线汇报 {dotted}")
LISTENED = Text("listened to by {count}: {names}", "{count} 人听此人的：{names}")
PEOPLE = (Text("{count} person", "{count} 人"), Text("{count} people", "{count} 人"))
STEPS = (Text("{count} step", "{count} 级"), Text("{count} steps", "{count} 级"))
LISTENER = Text("{name} ({strength}/5)", "{name}（{strength}/5）")
THE_DECIDER = Text("the decider {name}", "决策者{name}")
EAR = Text(
    "the decider {name} listens to this person decisively (strength 5): the first key person",
    "决策者{name}决定性地听此人的（强度 5）：头号关键人",
)

TWO_DECIDERS = Text(
    "{count} people are marked decision maker ({names}): the map contradicts itself; find out who really signs",
    "有 {count} 人被标注为决策者（{names}）：信息自相矛盾，要弄清到底谁签字",
)
NO_DECLARED = Text(
    "nobody is marked decision maker; {name} is the likeliest by the evidence: confirm who signs",
    "没有人被标注为决策者；按现有证据最可能是{name}：请确认谁签字",
)
FUNDED_ELSEWHERE = Text(
    "the money is held by {orgs}, not by the account: its leaders outrank the account's own management",
    "资金在{orgs}，不在本单位：其领导的分量高于本单位管理层",
)
DECIDER_WITHOUT_MONEY = Text(
    "{name} is marked decision maker but sits in {own}, while the money is held by {orgs}: check who there signs off",
    "{name}被标注为决策者，但在{own}，而资金在{orgs}：要弄清那边谁审批",
)
THIN_EVIDENCE = Text(
    "no roles, no influence and no funding are recorded: this ranking rests on the reporting lines alone; "
    "ask who signs, who pays and whom the boss listens to",
    "没有记录角色、影响关系和资金来源：这个排名只依据汇报线；要问清谁签字、谁出钱、老板听谁的",
)
NO_PEOPLE = Text("the account has no people yet", "客户里还没有任何人员")

TITLE = Text("Who decides: {name}", "谁拍板：{name}")
DECIDER_LINE = Text("Decider: {name} — {reasons}", "拍板人：{name}——{reasons}")
NO_DECIDER = Text("No decider can be named.", "无法判断拍板人。")
COLUMNS = Text("#|name|title|department|position|score|why", "#|姓名|职务|部门|定位|得分|依据")
WARNINGS = Text("Warnings", "提醒")
CHANGES = Text("Without {names}", "假如{names}离开")
DECIDER_STAYS = Text("the decider stays {name}", "拍板人仍是{name}")
DECIDER_CHANGES = Text("the decider changes from {before} to {after}", "拍板人从{before}变为{after}")
NOBODY = Text("nobody", "无人")
MOVED = Text("{name}: #{before} → #{after}, {position_before} → {position_after}", "{name}：第 {before} → 第 {after} 名，{position_before} → {position_after}")
MORE_MOVED = Text("{count} more change rank further down", "另有 {count} 人在更靠后的位置名次变化")
NOTHING_MOVED = Text("nobody else changes rank or position", "其他人的名次和定位都不变")

EXPLAIN_TITLE = Text("Why {name}: #{rank} of {count}, score {score}, {position}", "{name}：第 {rank} / {count} 名，得分 {score}，{position}")
EXPLAIN_COLUMNS = Text("factor|value|weight|points|evidence", "因素|取值|权重|得分|证据")
SEP = Text("; ", "；")
EV_ROLES = Text("roles in the file: {roles}; the strongest counts", "文件中的角色：{roles}；取最强的一个")
EV_NO_ROLES = Text("no decision-chain role recorded", "没有记录决策链角色")
EV_FUNDING = Text("funding: status {status}, source {source}", "资金：状态 {status}，来源 {source}")
EV_HOLDERS = Text("the money is held by {orgs}; this person sits in {own}", "资金在{orgs}；此人在{own}")
EV_MONEY_UNKNOWN = Text("nobody is known to hold the money: everyone counts {value}", "不清楚资金在谁手里：每人都按 {value} 计")
EV_DEPARTMENT = Text("{dept}: weight {weight}", "{dept}：分量 {weight}")
EV_HEAD = Text("this person heads it (nobody above them in it)", "此人是部门负责人（部门内没有上级）")
EV_MEMBER = Text("a member, counting half (boss {boss} is in the same department)", "普通成员，按一半计（上级{boss}在同一部门）")
EV_NO_DEPARTMENT = Text("no department recorded: counted as a member of a department of unknown weight", "没有记录部门：按分量未知部门的成员计")
EV_CHAIN = Text("reporting line: {chain}", "汇报线：{chain}")
EV_UNPLACED = Text("neither a boss nor reports in the file: place in the hierarchy unknown", "文件中既无上级也无下属：层级位置未知")
EV_BENEATH = Text("{beneath} beneath on solid lines, {dotted} on dotted lines (counting half)", "实线下属 {beneath}，虚线下属 {dotted}（按一半计）")
EV_DOTTED_TO = Text("also reports on a dotted line to {names}", "另虚线汇报给{names}")
EV_LISTENER = Text("{name} listens at strength {strength}/5", "{name}听此人的，强度 {strength}/5")
EV_NO_LISTENER = Text("nobody is recorded as listening to this person", "没有记录谁听此人的")
EV_RECEIVED = Text(
    "influence-weighted PageRank: {value} of the most listened-to person's",
    "影响力加权 PageRank：相当于最受倚重者的 {value}",
)
EV_DECLARED = Text("role decision_maker (决策者/拍板人) in the file", "文件中标注了决策者（拍板人）")
EV_NOT_DECLARED = Text("not marked decision maker", "未被标注为决策者")
EV_LIFT = Text(
    "ranked right behind the decider because the decider listens decisively: score raised from {raw} to {score}",
    "因为决策者决定性地听此人的，排在决策者之后：得分由 {raw} 提到 {score}",
)
EV_DECIDER_LIFT = Text("the decider ranks first: score raised from {raw} to {score}", "拍板人排第一：得分由 {raw} 提到 {score}")


@dataclass
class Facts:
    """The people of an account as plain lists indexed in file order, for fast walks.

    ``influence`` holds ``(sways, listener, strength)`` index triples, ``contacts``
    ``(team member node, person index, stage)``, ``favours`` person index → competitor
    node. People left out with ``without`` are gone; whoever reported to them
    reports to their boss.
    """

    nodes: list[str]
    attrs: list[dict]
    index: dict[str, int]
    boss: list[int | None]
    dotted: list[list[int]]
    department: list[str | None]
    organisation: list[str]
    influence: list[tuple[int, int, int]]
    contacts: list[tuple[str, int, Stage]]
    favours: dict[int, str]


def facts(G: nx.MultiDiGraph, without: Iterable[str] = ()) -> Facts:
    """The people, formal lines and influence of ``G`` as :class:`Facts`, without the people ``without``."""
    gone = set(without)
    present = [(n, attrs) for n, attrs in nodes_of(G, PERSON) if n not in gone]
    nodes = [n for n, _ in present]
    index = {n: i for i, n in enumerate(nodes)}
    boss_of: dict[str, str] = {}
    dotted_of: dict[str, list[str]] = {}
    department_of: dict[str, str] = {}
    department_org: dict[str, str] = {}
    links: list[tuple[str, str, int]] = []
    contacts: list[tuple[str, str, Stage]] = []
    favours: dict[str, str] = {}
    # One pass over the adjacency (three times faster than G.edges(data=True) on a MultiDiGraph), the most
    # frequent kinds of edge first.
    for u, neighbours in G.adjacency():
        for v, keyed in neighbours.items():
            for attrs in keyed.values():
                kind = attrs["kind"]
                if kind == "influences":
                    links.append((u, v, attrs["strength"]))
                elif kind == "reports_to":
                    boss_of[u] = v
                elif kind == "member_of":
                    department_of[u] = v
                elif kind == "part_of":
                    if G.nodes[v]["kind"] == ORGANISATION:
                        department_org[u] = v
                elif kind == "dotted_to":
                    dotted_of.setdefault(u, []).append(v)
                elif kind == "contact":
                    contacts.append((u, v, attrs["stage"]))
                elif kind == "favours":
                    favours[u] = v

    def present_boss(who: str) -> str | None:
        up = boss_of.get(who)
        while up in gone:
            up = boss_of.get(up)
        return up

    organisation: dict[str, str] = {}

    def organisation_of(who: str) -> str:
        # Without a department, a person belongs where their boss does. The answer is kept for everyone on the way
        # up, so a long line of people without departments is walked once, not once per person.
        trail: list[str] = []
        up: str | None = who
        while up is not None and up not in department_of and up not in organisation:
            trail.append(up)
            up = boss_of.get(up)
        found = SELF if up is None else organisation[up] if up in organisation else department_org.get(department_of[up], SELF)
        for person in trail:
            organisation[person] = found
        return found

    return Facts(
        nodes=nodes,
        attrs=[attrs for _, attrs in present],
        index=index,
        boss=[index[b] if (b := present_boss(n)) else None for n in nodes],
        dotted=[[index[d] for d in dotted_of[n] if d in index] if n in dotted_of else [] for n in nodes],
        department=[department_of.get(n) for n in nodes],
        organisation=[organisation_of(n) for n in nodes],
        influence=[(index[u], index[v], s) for u, v, s in links if u in index and v in index],
        contacts=[(u, index[v], stage) for u, v, stage in contacts if v in index],
        favours={index[u]: v for u, v in favours.items() if u in index},
    )


@dataclass
class Power:
    """Everything one run of :func:`analyse` computes: factors, scores, order (indices of ``facts``), deciders."""

    facts: Facts
    factors: dict[str, list[float]]
    raw: list[float]
    score: list[float]
    order: list[int]
    deciders: list[int]
    ears: list[int]
    position: list[str]
    depth: list[int]
    beneath: list[int]
    dotted_beneath: list[int]
    head: list[bool]
    weight: list[Weight]
    listeners: list[list[tuple[int, int]]]
    holders: set[str] | None
    declared: list[int]
    # Numbers other analyses derive from these alone (the champions' ranking, the routes to a person), kept here so that every
    # question given the same power computes them once.
    derived: dict = field(default_factory=dict, repr=False, compare=False)


def _formal(f: Facts) -> tuple[list[int], list[int], list[int], list[float]]:
    """Depth below the top, people beneath (solid, dotted) and the formal-rank factor of everyone."""
    n = len(f.nodes)
    depth = [-1] * n
    for i in range(n):
        chain: list[int] = []
        j: int | None = i
        while j is not None and depth[j] < 0:
            chain.append(j)
            j = f.boss[j]
        level = -1 if j is None else depth[j]
        for k in reversed(chain):
            level += 1
            depth[k] = level
    beneath = [0] * n
    for i in sorted(range(n), key=depth.__getitem__, reverse=True):
        if f.boss[i] is not None:
            beneath[f.boss[i]] += 1 + beneath[i]
    dotted_beneath = [0] * n
    for i, bosses in enumerate(f.dotted):
        for b in bosses:
            dotted_beneath[b] += 1 + beneath[i]
    reach = [solid + DOTTED_SHARE * dotted for solid, dotted in zip(beneath, dotted_beneath)]
    top = math.log1p(max(reach, default=0.0))
    formal = []
    for i in range(n):
        placed = f.boss[i] is not None or reach[i] > 0
        level = 1 / (1 + depth[i]) if placed else UNPLACED_LEVEL
        span = math.log1p(reach[i]) / top if top else 0.0
        formal.append((level + span) / 2)
    return depth, beneath, dotted_beneath, formal


def _department_say(G: nx.MultiDiGraph, f: Facts) -> tuple[list[float], list[bool], list[Weight]]:
    """Department factor, whether each person heads their department, and their department's weight."""
    # No inheritance from parent departments: a leading leadership team does not make every department under it lead.
    say, head, weight = [], [], []
    for i, dept in enumerate(f.department):
        boss = f.boss[i]
        heads = dept is not None and (boss is None or f.department[boss] != dept)
        head.append(heads)
        weight.append(G.nodes[dept]["weight"] if dept else Weight.UNKNOWN)
        say.append(DEPARTMENT_SAY[weight[-1]] * (1.0 if heads else MEMBER_SHARE))
    return say, head, weight


def _holders(G: nx.MultiDiGraph) -> set[str] | None:
    """The organisation nodes that hold the money for the purchase; ``None`` when nobody knows."""
    funders = {n for n, attrs in G.nodes(data=True) if attrs["kind"] == ORGANISATION and attrs.get("funds_project")}
    if funders:
        return funders
    source = str((G.graph.get("funding") or {}).get("source", "unknown"))
    if source == "parent":
        parents = {n for n, attrs in G.nodes(data=True) if attrs["kind"] == ORGANISATION and str(attrs.get("relation")) == "parent"}
        return parents or None
    # Self-funded, or a government budget paid to the account itself.
    return {node(ORGANISATION, SELF_ORG)} if source in ("self", "government") else None


@paused_gc()
def analyse(G: nx.MultiDiGraph, without: Iterable[str] = ()) -> Power:
    """Score everyone's decision power (the numbers behind :func:`who_decides`), without the person nodes ``without``.

    Every analysis that needs these numbers takes them as ``power=``: a caller that asks
    several questions of one graph (gaps, the view, the brief) computes them once and
    passes them on. They are never cached on the graph itself: a node attribute changed
    after the analysis is invisible to any check cheaper than the analysis, and copies
    and subgraph views of a graph share its ``G.graph`` dict.
    """
    f = facts(G, without)
    n = len(f.nodes)
    depth, beneath, dotted_beneath, formal = _formal(f)
    say, head, used = _department_say(G, f)
    holders = _holders(G)
    roles = [attrs["roles"] for attrs in f.attrs]
    factors = {
        "roles": [max((ROLE_POWER[r] for r in rs if r in ROLE_POWER), default=0.0) if rs else 0.0 for rs in roles],
        "money": [MONEY_UNKNOWN if holders is None else float(org in holders) for org in f.organisation],
        "department": say,
        "formal": formal,
        "declared": [float(Role.DECISION_MAKER in rs) for rs in roles],
    }
    # The weighted sum of the factors known so far, added up in this order.
    w = [WEIGHTS[name] for name in factors]
    own = [w[0] * a + w[1] * b + w[2] * c + w[3] * d + w[4] * e for a, b, c, d, e in zip(*factors.values())]
    strongest = max(own, default=0.0) or 1.0
    listeners: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    total: list[int] = [0] * n
    for sways, listener, strength in f.influence:
        listeners[sways].append((listener, strength))
        total[listener] += strength
    # Power flows from a listener to whoever they listen to: at most all of it, and all only at decisive strength.
    edges = [(listener, sways, strength / max(total[listener], DECISIVE)) for sways, listener, strength in f.influence]
    base = [value / strongest for value in own]
    passed = flow(n, edges, base)
    received = [max(0.0, passed[i] - (1 - DAMPING) * base[i]) for i in range(n)]
    # Relative to the most listened-to person, but never less than a floor, so one slight tie in a thin map stays small.
    most = max(max(received, default=0.0), INFORMAL_FLOOR)
    factors["informal"] = [value / most for value in received]
    factors = {name: factors[name] for name in FACTORS}
    raw = [value + WEIGHTS["informal"] * informal for value, informal in zip(own, factors["informal"])]

    declared = [i for i in range(n) if factors["declared"][i]]
    if declared:
        deciders = sorted(declared, key=lambda i: (-raw[i], i))
    elif str(G.graph.get("ownership")) == "private" and n:
        # The owner: the top of the account's own hierarchy with the most people beneath.
        deciders = [min(range(n), key=lambda i: (f.organisation[i] != SELF, depth[i], -beneath[i], -raw[i], i))]
    else:
        deciders = [min(range(n), key=lambda i: (-raw[i], i))] if n else []
    to_deciders = [(s, l, strength) for s, l, strength in f.influence if l in deciders]
    ears = []
    if deciders:
        ears = sorted({s for s, l, strength in to_deciders if l == deciders[0] and strength >= DECISIVE} - set(deciders), key=lambda i: (-raw[i], i))
    tier = [2] * n
    for i in ears:
        tier[i] = 1
    for i in deciders:
        tier[i] = 0
    # By tier, then power, then file order: two stable sorts with C-level keys, not one with a tuple per person.
    order = sorted(sorted(range(n), key=raw.__getitem__, reverse=True), key=tier.__getitem__)
    # The decider and their decisive ear are placed by rule; their score is raised to keep the ranking in score order.
    score = raw[:]
    floor = 0.0
    for i in reversed(order):
        score[i] = max(raw[i], floor)
        floor = score[i]

    key = _key_people(order, score, deciders, ears, to_deciders)
    position = []
    for i in range(n):
        if tier[i] == 0:
            position.append("decider")
        elif i in key:
            position.append("key")
        elif Role.HANDLER in roles[i]:
            position.append("handler")
        else:
            position.append("other")
    return Power(f, factors, raw, score, order, deciders, ears, position, depth, beneath, dotted_beneath, head, used, listeners,
                  holders, declared)


def _count(forms: tuple[Text, Text], count: int, lang: str) -> str:
    """``count`` with its noun: "1 person", "3 people"."""
    return forms[count != 1](lang, count=count)


def _org_label(G: nx.MultiDiGraph, org: str, lang: str) -> str:
    attrs = G.nodes[org]
    return PARENT_ORG(lang, name=attrs["name"]) if str(attrs.get("relation")) == "parent" else attrs["name"]


# Thousands of people share a place in the hierarchy: each sentence for one is made once.
@functools.lru_cache(maxsize=4096)
def _rank_sentence(depth: int, beneath: int, dotted_beneath: int, lang: str) -> str:
    """Where someone stands in the reporting line, in a sentence: "3 steps below the top, 12 people beneath"."""
    people_beneath = _count(PEOPLE, beneath, lang)
    sentence = TOP(lang, beneath=people_beneath) if depth == 0 else BELOW(lang, depth=_count(STEPS, depth, lang), beneath=people_beneath)
    if dotted_beneath:
        sentence += DOTTED_MORE(lang, dotted=_count(PEOPLE, dotted_beneath, lang))
    return sentence


def _key_people(order: list[int], score: list[float], deciders: list[int], ears: list[int], to_deciders: list[tuple[int, int, int]]) -> set[int]:
    """The key people: the decider's decisive ears, then whom the decider listens to (strongest first), then
    whoever comes close to the decider's score; at most :data:`KEY_MOST` beyond the ears.

    A decider who asks many people for advice (a survey's whole advice network) would otherwise make
    every one of them key, and a rep can work about ten.
    """
    rank = {i: r for r, i in enumerate(order)}
    heard: dict[int, int] = {}
    for sways, _, strength in to_deciders:
        if strength >= KEY_INFLUENCE and sways not in deciders:
            heard[sways] = max(heard.get(sways, 0), strength)
    top_score = score[order[0]] if order else 0.0
    near_top = [i for i in order[len(deciders) : len(deciders) + KEY_MOST] if score[i] >= KEY_SHARE * top_score]
    wanted = [*ears, *sorted(heard, key=lambda i: (-heard[i], rank[i])), *near_top]
    return set(list(dict.fromkeys(wanted))[: max(KEY_MOST, len(ears))])


class Reasons:
    """Sentences naming the evidence behind a person's rank, strongest first: ``Reasons(G, p, lang)(i)``.

    A sentence shared by many people (a department's, a set of roles', where the money
    sits) is made once; the rest are formatted from the templates of ``lang`` directly.
    """

    def __init__(self, G: nx.MultiDiGraph, p: Power, lang: str):
        self.G, self.p, self.lang = G, p, lang
        f = p.facts
        self.attrs = f.attrs
        self.roles, self.department_factor = p.factors["roles"], p.factors["department"]
        self.formal, self.informal = p.factors["formal"], p.factors["informal"]
        self.money = p.holders is not None and SELF not in p.holders
        self.listener = getattr(LISTENER, lang).format
        self.listened = getattr(LISTENED, lang).format
        self.the_decider = getattr(THE_DECIDER, lang).format
        self.cache: dict[tuple, str | None] = {}
        self.labels: dict[tuple[int, int], str] = {}

    def _once(self, key: tuple, make) -> str | None:
        text = self.cache.get(key, self)
        if text is self:
            text = self.cache[key] = make()
        return text

    def __call__(self, i: int) -> list[str]:
        G, p, lang = self.G, self.p, self.lang
        f = p.facts
        found: list[tuple[float, str]] = []
        if i in p.deciders:
            first = DECLARED if p.factors["declared"][i] else PRIVATE_TOP if str(G.graph.get("ownership")) == "private" else LIKELIEST
            found.append((2.0, first(lang)))
        if i in p.ears:
            found.append((1.5, EAR(lang, name=self.attrs[p.deciders[0]]["name"])))
        roles = self.roles[i]
        if roles:
            held = tuple(f.attrs[i]["roles"])
            text = self._once(("roles", held), lambda: ROLES(lang, roles=join(lang, [r.label(lang) for r in held if r in ROLE_POWER])))
            found.append((WEIGHTS["roles"] * roles, text))
        if self.money:
            own = f.organisation[i]
            if own in p.holders:
                found.append((WEIGHTS["money"], self._once(("here", own), lambda: MONEY_HERE(lang, org=_org_label(G, own, lang)))))
            elif i in p.deciders or p.depth[i] == 0:
                found.append((WEIGHTS["money"], self._once(("away", own), lambda: MONEY_AWAY(
                    lang, org=join(lang, [_org_label(G, org, lang) for org in sorted(p.holders)]), own=G.nodes[own]["name"]))))
        dept = f.department[i]
        if dept:
            weight, head = p.weight[i], p.head[i]
            text = self._once(("department", dept, weight, head), lambda: _department_sentence(G, dept, weight, head, lang))
            if text:
                found.append((WEIGHTS["department"] * max(self.department_factor[i], 0.01), text))
        if p.beneath[i] or p.dotted_beneath[i]:
            found.append((WEIGHTS["formal"] * self.formal[i], _rank_sentence(p.depth[i], p.beneath[i], p.dotted_beneath[i], lang)))
        listeners = p.listeners[i]
        if listeners:
            names = join(lang, self._listener_names(listeners))
            found.append((WEIGHTS["informal"] * self.informal[i], self.listened(count=len(listeners), names=names)))
        if len(found) > 1:
            # Strongest first; the sort is stable, so equal weights keep the order above.
            found.sort(key=itemgetter(0), reverse=True)
        return [sentence for _, sentence in found]

    def _listener_names(self, ranked: list[tuple[int, int]], limit: int = 3) -> list[str]:
        """Who listens: the decider first, then the most powerful listeners, at most ``limit`` named."""
        deciders, raw = self.p.deciders, self.p.raw
        if len(ranked) > 1:
            ranked = sorted(ranked, key=lambda item: (item[0] not in deciders, -raw[item[0]], item[0]))
        names, labels = [], self.labels
        for item in ranked[:limit]:
            # A listener is named the same way for everyone they listen to: each (listener, strength) once.
            label = labels.get(item)
            if label is None:
                listener, strength = item
                name = self.attrs[listener]["name"]
                label = labels[item] = self.listener(name=self.the_decider(name=name) if listener in deciders else name, strength=strength)
            names.append(label)
        return names + (["…"] if len(ranked) > limit else [])


def _department_sentence(G: nx.MultiDiGraph, dept: str, weight: Weight, head: bool, lang: str) -> str | None:
    """What a department of ``weight`` says about one of its heads (``head``) or members; ``None`` for nothing."""
    text = None
    if weight == "lead":
        text = HEAD_LEAD if head else IN_LEAD
    elif head:
        text = {"support": HEAD_SUPPORT, "none": HEAD_NONE}.get(weight)
    return text(lang, dept=G.nodes[dept]["name"]) if text else None


def _items(G: nx.MultiDiGraph, p: Power, people: list[int], lang: str, reasons: bool = True) -> list[dict]:
    """The ranking items of ``people``; their factors are rounded column by column, a third faster than one by one."""
    rows = zip(*([round(values[i], 3) for i in people] for values in p.factors.values()))
    reason = Reasons(G, p, lang) if reasons else None
    department: dict[str | None, tuple] = {None: (None, None)}
    f = p.facts
    items = []
    for i, row in zip(people, rows):
        attrs, dept = f.attrs[i], f.department[i]
        if dept not in department:
            department[dept] = (G.nodes[dept].get("id"), G.nodes[dept].get("name"))
        dept_id, dept_name = department[dept]
        item = {
            "id": attrs["id"],
            "name": attrs["name"],
            "title": attrs["title"],
            "department": dept_id,
            "department_name": dept_name,
            "score": round(p.score[i], 3),
            "position": p.position[i],
            "factors": dict(zip(FACTORS, row)),
        }
        if reason:
            item["reasons"] = reason(i)
        items.append(item)
    return items


def _ref(p: Power, i: int | None) -> dict | None:
    return None if i is None else {"id": p.facts.attrs[i]["id"], "name": p.facts.attrs[i]["name"]}


def _warnings(G: nx.MultiDiGraph, p: Power, lang: str) -> list[dict]:
    f = p.facts
    found: list[tuple[str, str]] = []
    if not f.nodes:
        found.append(("no_people", NO_PEOPLE(lang)))
    if len(p.declared) > 1:
        names = join(lang, [f.attrs[i]["name"] for i in p.deciders])
        found.append(("two_deciders", TWO_DECIDERS(lang, count=len(p.declared), names=names)))
    if f.nodes and not p.declared and str(G.graph.get("ownership")) != "private":
        found.append(("no_declared_decider", NO_DECLARED(lang, name=f.attrs[p.deciders[0]]["name"])))
    if p.holders is not None and SELF not in p.holders:
        orgs = join(lang, [_org_label(G, org, lang) for org in sorted(p.holders)])
        found.append(("funded_elsewhere", FUNDED_ELSEWHERE(lang, orgs=orgs)))
        for i in p.declared:
            if f.organisation[i] not in p.holders:
                own = G.nodes[f.organisation[i]]["name"]
                found.append(("decider_without_money", DECIDER_WITHOUT_MONEY(lang, name=f.attrs[i]["name"], own=own, orgs=orgs)))
    if f.nodes and p.holders is None and not f.influence and not any(attrs["roles"] for attrs in f.attrs):
        found.append(("thin_evidence", THIN_EVIDENCE(lang)))
    return [{"code": code, "message": message} for code, message in found]


def _changes(G: nx.MultiDiGraph, before: Power, after: Power, gone: list[str], lang: str) -> dict:
    """What leaving changes: the decider, and everyone whose rank among those who stay or position moves."""
    rank_before = {}
    for i in before.order:
        here = before.facts.nodes[i]
        if here in after.facts.index:
            rank_before[here] = len(rank_before) + 1
    moved = []
    for rank, i in enumerate(after.order, start=1):
        here = after.facts.nodes[i]
        j = before.facts.index[here]
        if rank_before[here] != rank or before.position[j] != after.position[i]:
            moved.append({
                "id": after.facts.attrs[i]["id"],
                "name": after.facts.attrs[i]["name"],
                "rank_before": rank_before[here],
                "rank_after": rank,
                "position_before": before.position[j],
                "position_after": after.position[i],
            })
    decider_before = _ref(before, before.deciders[0] if before.deciders else None)
    decider_after = _ref(after, after.deciders[0] if after.deciders else None)
    names = lambda ref: ref["name"] if ref else NOBODY(lang)  # noqa: E731
    if decider_before == decider_after:
        summary = [DECIDER_STAYS(lang, name=names(decider_after))]
    else:
        summary = [DECIDER_CHANGES(lang, before=names(decider_before), after=names(decider_after))]
    # A sentence for each new position or move near the top; further down, a count is enough.
    told = [m for m in moved if m["position_before"] != m["position_after"] or m["rank_after"] <= MOVES_TOLD]
    summary += [
        MOVED(lang, name=m["name"], before=m["rank_before"], after=m["rank_after"],
              position_before=POSITION_LABEL[m["position_before"]](lang), position_after=POSITION_LABEL[m["position_after"]](lang))
        for m in told
    ] or [NOTHING_MOVED(lang)]
    if len(moved) > len(told):
        summary.append(MORE_MOVED(lang, count=len(moved) - len(told)))
    return {
        "without": [{"id": G.nodes[n]["id"], "name": G.nodes[n]["name"]} for n in gone],
        "decider_before": decider_before,
        "decider_after": decider_after,
        "moved": moved,
        "summary": summary,
    }


@paused_gc()
def who_decides(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    without: Iterable[str] = (),
    top: int | None = None,
    power: Power | None = None,
    reasons: bool = True,
) -> dict:
    """Rank everyone's decision power; ``without`` recomputes as if those people had left (see ``changes``).

    Returns the JSON contract ``{"account", "decider", "ranking", "warnings"}`` plus ``name``,
    ``total`` (how many people the whole ranking holds) and, with ``without``, ``changes``;
    ``top`` keeps only the first ``top`` of the ranking.
    ``power`` is ``analyse(G)`` if the caller already has it (see :func:`analyse`);
    ``reasons=False`` leaves the sentences out of the ranking, for callers that need only the numbers.
    """
    gone = list(dict.fromkeys(find(G, ident, lang=lang) for ident in without))
    p = analyse(G, gone) if gone else power or analyse(G)
    ranking = _items(G, p, p.order[:top], lang, reasons)
    result = {
        "account": G.graph["id"],
        "name": G.graph["name"],
        "decider": _ref(p, p.deciders[0] if p.deciders else None),
        "ranking": ranking,
        "total": len(p.order),
        "warnings": _warnings(G, p, lang),
    }
    if gone:
        result["changes"] = _changes(G, power or analyse(G), p, gone, lang)
    return result


def _evidence(G: nx.MultiDiGraph, p: Power, i: int, lang: str) -> dict[str, list[str]]:
    """The facts behind each factor of person ``i``, as sentences."""
    f = p.facts
    attrs = f.attrs[i]
    labels = [r.label(lang) for r in attrs["roles"] if r in ROLE_POWER]
    evidence = {"roles": [EV_ROLES(lang, roles=join(lang, labels)) if labels else EV_NO_ROLES(lang)]}

    funding = G.graph.get("funding") or {}
    money = [EV_FUNDING(lang, status=_label(funding.get("status"), lang), source=_label(funding.get("source"), lang))] if funding else []
    if p.holders is None:
        money.append(EV_MONEY_UNKNOWN(lang, value=MONEY_UNKNOWN))
    else:
        orgs = join(lang, [_org_label(G, org, lang) for org in sorted(p.holders)])
        money.append(EV_HOLDERS(lang, orgs=orgs, own=G.nodes[f.organisation[i]]["name"]))
    evidence["money"] = money

    dept = f.department[i]
    if dept is None:
        evidence["department"] = [EV_NO_DEPARTMENT(lang)]
    else:
        first = EV_DEPARTMENT(lang, dept=G.nodes[dept]["name"], weight=p.weight[i].label(lang))
        boss = f.boss[i]
        second = EV_HEAD(lang) if p.head[i] else EV_MEMBER(lang, boss=f.attrs[boss]["name"])
        evidence["department"] = [first, second]

    chain, up = [attrs["name"]], f.boss[i]
    while up is not None:
        chain.append(f.attrs[up]["name"])
        up = f.boss[up]
    formal = [EV_CHAIN(lang, chain=" → ".join(chain))] if len(chain) > 1 or p.beneath[i] or p.dotted_beneath[i] else [EV_UNPLACED(lang)]
    formal.append(EV_BENEATH(lang, beneath=_count(PEOPLE, p.beneath[i], lang), dotted=_count(PEOPLE, p.dotted_beneath[i], lang)))
    if f.dotted[i]:
        formal.append(EV_DOTTED_TO(lang, names=join(lang, [f.attrs[b]["name"] for b in f.dotted[i]])))
    evidence["formal"] = formal

    listeners = [EV_LISTENER(lang, name=name, strength=strength) for name, strength in _listeners(p, i)]
    evidence["informal"] = (listeners or [EV_NO_LISTENER(lang)]) + [EV_RECEIVED(lang, value=round(p.factors["informal"][i], 3))]
    evidence["declared"] = [EV_DECLARED(lang) if p.factors["declared"][i] else EV_NOT_DECLARED(lang)]
    return evidence


def _listeners(p: Power, i: int) -> list[tuple[str, int]]:
    """``(name, strength)`` of everyone who listens to person ``i``, strongest first."""
    ranked = sorted(p.listeners[i], key=lambda item: (-item[1], -p.raw[item[0]], item[0]))
    return [(p.facts.attrs[listener]["name"], strength) for listener, strength in ranked]


def _label(value: object, lang: str) -> str:
    return value.label(lang) if isinstance(value, Choice) else str(value)


@paused_gc()
def explain(G: nx.MultiDiGraph, person_id: str, *, lang: str = "en") -> dict:
    """Every factor of one person's power with its weight, points and the evidence behind it.

    >>> from chainmap import loads, to_graph
    >>> G = to_graph(loads("id: d\\nname: D\\npeople: [{id: zhou, name: Zhou}, {id: ma, name: Ma, reports_to: zhou}]"))
    >>> [(f["factor"], f["value"]) for f in explain(G, "zhou")["factors"]][3]
    ('formal', 1.0)
    >>> explain(G, "zhuo")
    Traceback (most recent call last):
    chainmap.errors.NotFoundError: no person 'zhuo' in account 'd' (did you mean 'zhou'?)
    """
    here = find(G, person_id, lang=lang)
    p = analyse(G)
    i = p.facts.index[here]
    (item,) = _items(G, p, [i], lang)
    evidence = _evidence(G, p, i, lang)
    factors = [
        {
            "factor": name,
            "label": FACTOR_LABEL[name](lang),
            "value": round(p.factors[name][i], 3),
            "weight": WEIGHTS[name],
            "points": round(WEIGHTS[name] * p.factors[name][i], 3),
            "evidence": evidence[name],
        }
        for name in FACTORS
    ]
    lift = []
    if p.score[i] > p.raw[i]:
        text = EV_DECIDER_LIFT if i in p.deciders else EV_LIFT
        lift = [text(lang, raw=round(p.raw[i], 3), score=round(p.score[i], 3))]
    return {
        "account": G.graph["id"],
        "person": {key: item[key] for key in ("id", "name", "title", "department", "department_name")},
        "rank": p.order.index(i) + 1,
        "of": len(p.order),
        "score": item["score"],
        "weighted_sum": round(p.raw[i], 3),
        "position": item["position"],
        "factors": factors,
        "reasons": item["reasons"] + lift,
    }


def to_document(result: dict, lang: str) -> Document:
    """The ranking as a table, the decider in a sentence above it, warnings and changes below."""
    decider = result["decider"]
    first = next((item for item in result["ranking"] if decider and item["id"] == decider["id"]), None)
    if decider:
        reasons = SEP(lang).join(first["reasons"]) if first else ""
        blocks = [Paragraph(DECIDER_LINE(lang, name=decider["name"], reasons=reasons))]
    else:
        blocks = [Paragraph(NO_DECIDER(lang))]
    rows = [
        [
            str(rank),
            item["name"],
            item["title"] or "",
            item["department_name"] or "",
            (POSITION_LABEL[item["position"]](lang), POSITION_STYLE[item["position"]]),
            f"{item['score']:.3f}",
            SEP(lang).join(item["reasons"]),
        ]
        for rank, item in enumerate(result["ranking"], start=1)
    ]
    blocks.append(Table(COLUMNS(lang).split("|"), rows))
    if result["warnings"]:
        blocks += [Heading(WARNINGS(lang)), Bullets([(w["message"], "yellow") for w in result["warnings"]])]
    changes = result.get("changes")
    if changes:
        blocks += [Heading(CHANGES(lang, names=join(lang, [ref["name"] for ref in changes["without"]]))), Bullets(changes["summary"])]
    return Document(TITLE(lang, name=result["name"]), blocks)


def explain_document(result: dict, lang: str) -> Document:
    """One person's factors as a table: value, weight, points and evidence."""
    person_ = result["person"]
    title = EXPLAIN_TITLE(
        lang, name=person_["name"], rank=result["rank"], count=result["of"], score=f"{result['score']:.3f}",
        position=POSITION_LABEL[result["position"]](lang),
    )
    rows = [
        [f["label"], f"{f['value']:.3f}", f"{f['weight']:.2f}", f"{f['points']:.3f}", SEP(lang).join(f["evidence"])]
        for f in result["factors"]
    ]
    blocks = [Table(EXPLAIN_COLUMNS(lang).split("|"), rows)]
    if result["reasons"]:
        blocks.append(Bullets(result["reasons"]))
    return Document(title, blocks)
