"""Champions: whom to develop as an inside coach (内线), the two guides (双向导), and a next step for each.

A candidate's score is their position (the strongest route from them to the
decider, and their own decision power), raised by rapport (where we stand with
them, then their personality) and cut hard when they know none of the inside
facts. Opponents and the decider are no candidates; leaning to a competitor
costs most of the score.

>>> from chainmap import loads, to_graph
>>> G = to_graph(loads('''
... id: demo
... name: Demo
... departments: [{id: it, name: IT, function: technical}]
... people:
...   - {id: zhou, name: Zhou, roles: [decision_maker]}
...   - {id: ma, name: Ma, department: it, reports_to: zhou, attitude: supporter, stage: trust, informed: true}
...   - {id: li, name: Li, reports_to: ma, attitude: supporter, stage: alliance, personality: peacock, informed: false}
...   - {id: wu, name: Wu, reports_to: zhou, attitude: opponent}
... '''))
>>> result = champions(G)
>>> [c["id"] for c in result["candidates"]], result["technical_guide"]["id"], result["relationship_guide"]["id"]
(['ma', 'li'], 'ma', 'li')
>>> result["candidates"][0]["next_step"]
'ask how the decision will really be made and what the decider worries about'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

import networkx as nx

from ..bulk import paused_gc
from ..enums import Attitude, Function, Personality, Role, Stage
from ..graph import boss
from ..i18n import Text
from ..report import Bullets, Document, Heading, Paragraph, Table
from .paths import VIA_LABEL, routes_to
from .power import DECISIVE, Facts, Power, analyse

__all__ = ["champions", "coaching", "Coaching", "to_document", "FACTORS"]

# Position beats personality: score = informed × position × (RAPPORT_FLOOR + (1 − RAPPORT_FLOOR) × rapport), so a
# warm person far from the decision never outweighs a cold one beside it by more than a factor of 1 / RAPPORT_FLOOR.
RAPPORT_FLOOR = 0.5
# Position: how strongly a word from them reaches the decider, and their own decision power.
ACCESS_SHARE = 0.6
# Rapport: where we stand with them counts twice as much as how easy their personality is to win.
STANDING_SHARE = 2 / 3
# Someone who knows none of the inside facts (一问三不知) is worth little as a coach, however friendly.
INFORMED = {True: 1.0, None: 0.6, False: 0.15}
PERSONALITY = {
    Personality.PEACOCK: 1.0,
    Personality.TIGER: 1.0,
    Personality.CHAMELEON: 0.7,
    Personality.UNKNOWN: 0.55,
    Personality.OWL: 0.35,
    Personality.KOALA: 0.35,
}
ATTITUDE = {Attitude.SUPPORTER: 1.0, Attitude.NEUTRAL: 0.6, Attitude.UNKNOWN: 0.4}
# Leaning to a competitor keeps this share of the score.
FAVOURS_KEEP = 0.3
# A route to the decider at least this strong is near the decision.
NEAR = 0.5
GUIDE_FUNCTIONS = {Function.TECHNICAL, Function.USER}
GUIDE_ROLES = {Role.DESIGNER, Role.USER}
# Stage.rank builds a list on every call; this is read for every person.
STAGE_RANK = {stage: stage.rank for stage in Stage}
# A candidate's factors, in the order they are kept while ranking and shown in the result.
FACTORS = ("position", "access", "power", "informed", "standing", "personality", "rapport")
ACCESS = FACTORS.index("access")

REPORTS_TO_DECIDER = Text("reports directly to the decider {name}", "直接向决策者{name}汇报")
DECIDER_LISTENS = Text("the decider {name} listens to this person ({strength}/5)", "决策者{name}听此人的（{strength}/5）")
ROUTE = Text("reaches the decider via {route} (strength {strength})", "通往决策者的路径：{route}（强度 {strength}）")
NO_ROUTE = Text("no known route to the decider", "没有已知的路径通往决策者")
POWER = Text("#{rank} in decision power", "决策力排第 {rank}")
INFORMED_TEXT = {
    True: Text("knows the inside facts", "了解内情"),
    None: Text("unknown whether they know the inside facts: ask something only an insider knows", "不清楚是否了解内情：问一个只有内部人知道的问题"),
    False: Text("knows none of the inside facts (一问三不知): friendly, but no coach", "一问三不知：友好，但当不了教练"),
}
STANDING = Text("{attitude}, relationship: {stage}", "{attitude}，关系阶段：{stage}")
COLD = Text("cold start: no relationship yet", "冷启动：还没有建立关系")
PERSONALITY_TEXT = {
    1.0: Text("{type}: among the easiest to develop into a coach", "{type}：最容易发展成内线"),
    0.7: Text("{type}: can be developed, watch which way they lean", "{type}：可以发展，注意其立场摇摆"),
    0.55: Text("personality unknown: counted as average", "性格未知：按一般计"),
    0.35: Text("{type}: harder to develop; needs patience and facts", "{type}：较难发展，需要耐心和事实"),
}
FAVOURS = Text("leans to {competitor}: strongly penalised", "偏向{competitor}：大幅扣分")

NEXT_COLD = Text(
    "plan a short, easy activity — a coffee, a ride, a meal — and expect to be turned down three or four times "
    "before it turns from work to personal topics",
    "安排一次简短轻松的活动——喝咖啡、顺路送一程、吃顿饭——预期会被拒绝三四次，之后话题才会从工作转到个人",
)
NEXT_ACQUAINTED = Text(
    "move from work to personal topics: learn what they care about and offer a small, useful favour",
    "把话题从工作引到个人：了解对方在意什么，帮一个小而实用的忙",
)
NEXT_MEETING = Text(
    "build trust: help with something they need for their own goals, and check what they tell you against a second source",
    "建立信任：帮对方做成一件对其本人有用的事，并用第二个来源核实对方说的话",
)
NEXT_TRUSTED = Text(
    "ask how the decision will really be made and what the decider worries about",
    "问清楚这件事实际上怎么决策、决策者担心什么",
)
NEXT_WIN_OVER = Text(
    "ask what it would take for them to back us, then how the decision will really be made",
    "问清楚对方要怎样才会支持我们，再问这件事实际上怎么决策",
)

NO_DECIDER = Text("no decider is known, so nobody's closeness to the decision can be judged", "不知道拍板人，无法判断谁离决策近")
NO_CANDIDATES = Text("nobody can be developed as a coach: everyone is an opponent or the decider", "没有可发展的内线：其他人都是反对者或拍板人")
NONE_NEAR = Text(
    "no candidate is near the decider (best route strength {strength}): find someone the decider listens to",
    "没有候选人接近拍板人（最强路径只有 {strength}）：要找拍板人信任的人",
)
CHAMPION_FAR = Text(
    "our current champion {name} is far from the decision (route strength {strength}): develop someone closer as well",
    "现在的内线{name}离决策较远（路径强度 {strength}）：还要发展一个更近的人",
)
NO_TECHNICAL = Text("no candidate can act as technical guide: nobody in a technical or user department", "找不到技术向导：技术部门和使用部门都没有候选人")
NO_RELATIONSHIP = Text("no second candidate to act as relationship guide, so nobody can confirm the first one's information", "找不到第二个人做关系向导，无人可以印证信息")

TITLE = Text("Champions: {name}", "内线：{name}")
GUIDES = Text("Technical guide: {technical} · relationship guide: {relationship}", "技术向导：{technical} · 关系向导：{relationship}")
NOBODY = Text("nobody", "无")
COLUMNS = Text("#|name|title|score|why|next step", "#|姓名|职务|得分|依据|下一步")
WARNINGS = Text("Warnings", "提醒")
SEP = Text("; ", "；")


def _stages(f: Facts) -> list[Stage]:
    """Each person's relationship stage: the furthest of their own and of any contact from our team."""
    stage = [attrs["stage"] for attrs in f.attrs]
    for _, i, tie in f.contacts:
        if STAGE_RANK[tie] > STAGE_RANK[stage[i]]:
            stage[i] = tie
    return stage


def _breadth(f: Facts) -> list[int]:
    """How many other departments each person has formal or informal ties into."""
    reached: list[set[str]] = [set() for _ in f.nodes]
    department = f.department
    ties = [(i, b) for i, b in enumerate(f.boss) if b is not None]
    ties += [(i, b) for i, bosses in enumerate(f.dotted) for b in bosses]
    ties += [(sways, listener) for sways, listener, _ in f.influence]
    for a, b in ties:
        # Most ties stay inside a department: they reach nothing new on either side.
        if department[a] != department[b]:
            if department[b]:
                reached[a].add(department[b])
            if department[a]:
                reached[b].add(department[a])
    return [len(departments) for departments in reached]


def _access_reasons(G: nx.MultiDiGraph, f: Facts, decider: str, best: dict, lang: str) -> Callable[[int], str]:
    """``reason(i)``: how a word from person ``i`` reaches the decider, as a sentence.

    The strongest routes form a tree (each node has one next step), so the text of a
    route from each node on is built once and shared by everyone whose route passes it.
    """
    name = G.nodes[decider]["name"]
    via_label = {via: text(lang) for via, text in VIA_LABEL.items()}
    rest = {decider: ""}

    def rest_of_route(start: str) -> str:
        here, unbuilt = start, []
        while here not in rest:
            unbuilt.append(here)
            here = best[here][1]
        for step in reversed(unbuilt):
            _, ahead, via, _ = best[step]
            rest[step] = f" —{via_label[via]}→ {G.nodes[ahead]['name']}{rest[ahead]}"
        return rest[start]

    no_route, reports_to_decider = NO_ROUTE(lang), REPORTS_TO_DECIDER(lang, name=name)
    route_text = getattr(ROUTE, lang).format
    nodes, attrs = f.nodes, f.attrs

    def reason(i: int) -> str:
        here = nodes[i]
        route = best.get(here)
        if route is None:
            return no_route
        strength, ahead, via, link = route
        if ahead == decider:
            if via == "influence":
                return DECIDER_LISTENS(lang, name=name, strength=round(link * DECISIVE))
            if boss(G, here) == decider:
                return reports_to_decider
        return route_text(route=attrs[i]["name"] + rest_of_route(here), strength=round(strength, 3))

    return reason


def _next_step(attitude: Attitude, stage: Stage, lang: str) -> str:
    if stage == Stage.NONE:
        return NEXT_COLD(lang)
    if stage == Stage.ACQUAINTED:
        return NEXT_ACQUAINTED(lang)
    if stage == Stage.MEETING:
        return NEXT_MEETING(lang)
    return (NEXT_TRUSTED if attitude == Attitude.SUPPORTER else NEXT_WIN_OVER)(lang)


@dataclass
class Coaching:
    """The numbers behind :func:`champions`: every candidate ranked, and the two guides.

    ``scored`` holds ``(score, person index, factors)`` best first, the factors in the
    order of :data:`FACTORS`; ``technical`` and ``relationship`` are items of it or ``None``.
    """

    scored: list[tuple[float, int, tuple[float, ...]]]
    technical: tuple | None
    relationship: tuple | None
    stages: list[Stage]


def coaching(G: nx.MultiDiGraph, power: Power) -> Coaching:
    """Rank every coach candidate of ``G`` given its decision power ``power``.

    The numbers depend on nothing but the graph the power was computed from, so they are
    kept with it (``power.derived``): champions and gaps given the same ``power=`` rank once.
    """
    if "coaching" not in power.derived:
        power.derived["coaching"] = _coaching(G, power)
    return power.derived["coaching"]


def _coaching(G: nx.MultiDiGraph, power: Power) -> Coaching:
    f = power.facts
    decider = power.deciders[0] if power.deciders else None
    top_score = power.score[decider] if decider is not None else 0.0
    best = routes_to(power, f.nodes[decider]) if decider is not None else {}
    stages = _stages(f)
    breadth = _breadth(f)

    scored = []
    no_route = (0.0,)
    for i, attrs in enumerate(f.attrs):
        if i in power.deciders or attrs["attitude"] == Attitude.OPPONENT:
            continue
        access = best.get(f.nodes[i], no_route)[0]
        power_share = min(1.0, power.score[i] / top_score) if top_score else 0.0
        informed = INFORMED[attrs["informed"]]
        position = ACCESS_SHARE * access + (1 - ACCESS_SHARE) * power_share
        standing = (ATTITUDE[attrs["attitude"]] + STAGE_RANK[stages[i]] / STAGE_RANK[Stage.ALLIANCE]) / 2
        personality = PERSONALITY[attrs["personality"]]
        rapport = STANDING_SHARE * standing + (1 - STANDING_SHARE) * personality
        score = informed * position * (RAPPORT_FLOOR + (1 - RAPPORT_FLOOR) * rapport)
        if i in f.favours:
            score *= FAVOURS_KEEP
        # A tuple, not a dict: dicts are built only for the candidates returned.
        scored.append((score, i, (position, access, power_share, informed, standing, personality, rapport)))
    # Highest score first; the sort is stable, so equal scores stay in file order.
    scored.sort(key=itemgetter(0), reverse=True)

    fit = [item for item in scored if item[1] not in f.favours]
    technical = next((item for item in fit if f.department[item[1]] and G.nodes[f.department[item[1]]]["function"] in GUIDE_FUNCTIONS), None)
    technical = technical or next((item for item in fit if GUIDE_ROLES.intersection(f.attrs[item[1]]["roles"])), None)
    widest = max((breadth[item[1]] for item in fit), default=0) or 1
    # Broad ties and access to the decider make a relationship guide; the candidate's own score keeps them worth developing.
    relationship = max(
        (item for item in fit if item is not technical),
        key=lambda item: item[0] * (breadth[item[1]] / widest + item[2][ACCESS]) / 2,
        default=None,
    )
    return Coaching(scored, technical, relationship, stages)


@paused_gc()
def champions(
    G: nx.MultiDiGraph, *, lang: str = "en", top: int | None = None, power: Power | None = None, reasons: bool = True
) -> dict:
    """Rank coach candidates and name the technical and relationship guides.

    Returns ``{"account", "candidates", "technical_guide", "relationship_guide", "warnings"}``
    plus ``name`` and ``total`` (how many candidates there are in all); ``top`` keeps only the
    first ``top`` candidates (the guides come from all).
    ``power`` is :func:`~chainmap.analysis.power.analyse` of ``G`` if the caller already has it;
    ``reasons=False`` leaves each candidate's ``reasons`` and ``next_step`` out.
    """
    power = power or analyse(G)
    f = power.facts
    ranked = coaching(G, power)
    scored, technical, relationship, stages = ranked.scored, ranked.technical, ranked.relationship, ranked.stages
    rank = [0] * len(f.nodes)
    for r, i in enumerate(power.order if reasons else (), start=1):
        rank[i] = r
    decider = power.deciders[0] if power.deciders else None

    department_id = {dept: G.nodes[dept]["id"] for dept in set(f.department) if dept}
    department_id[None] = None

    # Apart from the route and the rank, a candidate's sentences are one of a few dozen: each is formatted once.
    access = _access_reasons(G, f, f.nodes[decider], routes_to(power, f.nodes[decider]), lang) if decider is not None else None
    power_text = getattr(POWER, lang).format
    informed_text = {value: text(lang) for value, text in INFORMED_TEXT.items()}
    personality_text = {kind: PERSONALITY_TEXT[value](lang, type=kind.label(lang)) for kind, value in PERSONALITY.items()}

    @functools.cache
    def standing_text(attitude: Attitude, stage: Stage) -> str:
        return STANDING(lang, attitude=attitude.label(lang), stage=stage.label(lang)) if stage != Stage.NONE else COLD(lang)

    @functools.cache
    def next_step(attitude: Attitude, stage: Stage) -> str:
        return _next_step(attitude, stage, lang)

    def candidates(shown: list[tuple[float, int, tuple[float, ...]]]) -> list[dict]:
        # The factors rounded column by column, then paired per candidate.
        rows = zip(*([round(value, 3) for value in column] for column in zip(*(item[2] for item in shown))))
        found = []
        for (score, i, _), row in zip(shown, rows):
            attrs, stage = f.attrs[i], stages[i]
            attitude = attrs["attitude"]
            item = {
                "id": attrs["id"],
                "name": attrs["name"],
                "title": attrs["title"],
                "department": department_id[f.department[i]],
                "score": round(score, 3),
                "factors": dict(zip(FACTORS, row)),
                "attitude": str(attitude),
                "stage": str(stage),
            }
            if reasons:
                said = [access(i)] if access else []
                said += (
                    power_text(rank=rank[i]),
                    informed_text[attrs["informed"]],
                    standing_text(attitude, stage),
                    personality_text[attrs["personality"]],
                )
                if i in f.favours:
                    said.append(FAVOURS(lang, competitor=G.nodes[f.favours[i]]["name"]))
                item["reasons"] = said
                item["next_step"] = next_step(attitude, stage)
            found.append(item)
        return found

    warnings = []
    if decider is None:
        warnings.append(("no_decider", NO_DECIDER(lang)))
    if f.nodes and not scored:
        warnings.append(("no_candidates", NO_CANDIDATES(lang)))
    elif decider is not None:
        nearest = max(item[2][ACCESS] for item in scored)
        if nearest < NEAR:
            warnings.append(("none_near_decider", NONE_NEAR(lang, strength=round(nearest, 3))))
        # Our current champion: the best candidate who already trusts us.
        champion = next((item for item in scored if f.attrs[item[1]]["attitude"] == Attitude.SUPPORTER and STAGE_RANK[stages[item[1]]] >= STAGE_RANK[Stage.TRUST]), None)
        if champion and champion[2][ACCESS] < NEAR <= nearest:
            warnings.append(("champion_far", CHAMPION_FAR(lang, name=f.attrs[champion[1]]["name"], strength=round(champion[2][ACCESS], 3))))
    if scored and technical is None:
        warnings.append(("no_technical_guide", NO_TECHNICAL(lang)))
    if scored and relationship is None:
        warnings.append(("no_relationship_guide", NO_RELATIONSHIP(lang)))

    def ref(item: tuple | None) -> dict | None:
        return {"id": f.attrs[item[1]]["id"], "name": f.attrs[item[1]]["name"]} if item else None

    return {
        "account": G.graph["id"],
        "name": G.graph["name"],
        "candidates": candidates(scored[:top]),
        "total": len(scored),
        "technical_guide": ref(technical),
        "relationship_guide": ref(relationship),
        "warnings": [{"code": code, "message": message} for code, message in warnings],
    }


def to_document(result: dict, lang: str) -> Document:
    """The guides in a sentence, the candidates as a table with their next step, then the warnings."""
    guide = lambda ref: ref["name"] if ref else NOBODY(lang)  # noqa: E731
    rows = [
        [str(r), c["name"], c["title"] or "", f"{c['score']:.3f}", SEP(lang).join(c["reasons"]), c["next_step"]]
        for r, c in enumerate(result["candidates"], start=1)
    ]
    blocks = [
        Paragraph(GUIDES(lang, technical=guide(result["technical_guide"]), relationship=guide(result["relationship_guide"]))),
        Table(COLUMNS(lang).split("|"), rows),
    ]
    if result["warnings"]:
        blocks += [Heading(WARNINGS(lang)), Bullets([(w["message"], "yellow") for w in result["warnings"]])]
    return Document(TITLE(lang, name=result["name"]), blocks)
