"""Gaps: what is missing or dangerous in our map of an account, each with a stable code.

Each finding names a ``code`` (stable, for scripts), a ``severity`` (``high``,
``medium``, ``low``), the ``subject`` it is about (a person, department,
organisation or competitor id, or ``None`` for the whole account) and a
``message`` that says what to do. The checks use the decision power ranking,
the champion candidates and coverage; a complete map gives no findings.

>>> from chainmap.loader import loads
>>> from chainmap.graph import to_graph
>>> G = to_graph(loads("id: d\\nname: D\\npeople: [{id: li, name: Li, stage: acquainted}]"))
>>> [(f["code"], f["severity"]) for f in gaps(G, today=dt.date(2026, 1, 1))["findings"]][:3]
[('no_decider_known', 'high'), ('no_champion', 'high'), ('decider_attitude_unknown', 'medium')]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import networkx as nx

from ..bulk import paused_gc
from ..enums import Attitude, Function, FundingSource, FundingStatus, Role, Stage, Weight
from ..graph import ORGANISATION, PERSON, SELF_ORG, department_of, nodes_of, organisation_of, people
from ..i18n import Text, join
from ..report import Document, Paragraph, Table
from .champions import champions, coaching
from .coverage import Reach, untouched_departments
from .power import Power, analyse, who_decides

__all__ = ["gaps", "findings", "read_down_to", "to_document", "route_text", "CODES", "SEVERITIES", "STALE_AFTER_DAYS", "champion"]

SEVERITIES = ("high", "medium", "low")
# Every code in the order its check runs; findings keep this order within a severity.
CODES = (
    "no_decider_known",
    "decider_not_contacted",
    "decider_attitude_unknown",
    "decider_opposed",
    "key_person_opposed",
    "competitor_lock_in",
    "funding_unknown",
    "funded_elsewhere",
    "untouched_department",
    "single_threaded",
    "no_champion",
    "no_technical_guide",
    "no_relationship_guide",
    "stale_contact",
)
# A relationship not renewed by a visit for this long has gone cold.
STALE_AFTER_DAYS = 90
# A champion already coaches us: a supporter at one of these stages.
CHAMPION_STAGES = (Stage.TRUST, Stage.ALLIANCE)

TITLE = Text("Gaps in the map — {name}", "客户地图的缺口 —— {name}")
NO_GAPS = Text("No gaps: the map is complete.", "没有缺口：地图是完整的。")
COLUMNS = (Text("severity", "严重度"), Text("code", "代码"), Text("about", "对象"), Text("what to do", "说明"))
SEVERITY = {"high": Text("high", "高"), "medium": Text("medium", "中"), "low": Text("low", "低")}
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
ACCOUNT = Text("(account)", "（整个客户）")

NO_DECIDER_KNOWN = Text(
    "Nobody in the map holds the decision_maker role; the best guess is {guess} — find out who has the final say.",
    "图中没有人被标为决策者；目前推测是{guess}——要查清楚谁最终拍板。",
)
NO_PEOPLE = Text("Nobody in the map holds the decision_maker role and the map has no people yet.", "图中没有人被标为决策者，也还没有任何人员。")
DECIDER_NOT_CONTACTED = Text("{name} decides, but nobody on our side has met them. {way}", "{name}拍板，但我方还没有人接触过。{way}")
WAY_IN = Text("{opener} can introduce us: {why}.", "可以请{opener}引荐：{why}。")
NO_WAY_IN = Text("Nobody we know has a tie to them yet: ask our champion who can.", "我们认识的人里还没有和此人有联系的：问问内线谁能引荐。")
ROUTE_IN = Text(
    "Nobody we know is tied to them directly; the strongest route in is {route} (weakest link: {weakest}).",
    "我们认识的人里没有和此人直接有联系的；最强的路径是 {route}（最弱的一环：{weakest}）。",
)
DECIDER_ATTITUDE_UNKNOWN = Text(
    "We do not know where {name}, the decider, stands on us: find out before the decision is made.",
    "还不知道拍板人{name}对我们的态度：要在决策前摸清。",
)
DECIDER_OPPOSED = Text(
    "{name}, the decider, opposes us: learn why and who they listen to{listeners}, and win those people first.",
    "拍板人{name}反对我们：弄清原因和他听谁的{listeners}，先争取这些人。",
)
LISTENERS = Text(" ({names})", "（{names}）")
KEY_PERSON_OPPOSED = Text(
    "{name}, a key person (ranks #{rank} in decision power), opposes us{favours}: neutralise them or build support around them.",
    "关键人{name}（决策权排名第 {rank}）反对我们{favours}：要化解，或在其周围建立支持。",
)
FAVOURS = Text(" and favours {rival}", "，且偏向{rival}")
COMPETITOR_LOCK_IN = Text(
    "{count} of the {total} people we reach at the working level favour {rival} ({names}): {rival} has taught them its view. "
    "Go top-down: win the leadership{decider} first.",
    "我们接触到的 {total} 个基层/中层人员里有 {count} 个偏向{rival}（{names}）：{rival}已经给他们“上过课”。"
    "要自上而下：先拿下领导层{decider}。",
)
DECIDER_HINT = Text(" ({name})", "（{name}）")
FUNDING_UNKNOWN = Text(
    "We do not know whether there is money for this project: ask whether it is applied for, approved or allocated, and from whom.",
    "不知道项目有没有钱：要问清资金是在申请、已批还是已到位，以及来自哪里。",
)
FUNDING_SOURCE_UNKNOWN = Text(
    "We do not know where the money comes from: own budget, the parent group, or a government grant.",
    "不知道资金来源：自有资金、母公司，还是财政拨款。",
)
FUNDED_ELSEWHERE = Text(
    "The money sits with {org}, and nobody there has been contacted: whoever holds the money decides — reach them.",
    "钱在{org}，那里还没有任何人接触过：谁管钱谁拍板——要接触上。",
)
FUNDED_BY_UNNAMED_PARENT = Text(
    "The project is funded by the parent group, but the map has no organisation that holds the money: add it and its people.",
    "项目由母公司出钱，但图中没有标出管钱的组织：把它和它的人加进来。",
)
UNTOUCHED_DEPARTMENT = Text("{department} ({weight}) has not been reached. {way}", "{department}（{weight}）还没有覆盖。{way}")
DEPARTMENT_WAY_IN = Text("{opener} can open it: {why}.", "可以请{opener}引荐：{why}。")
NO_DEPARTMENT_WAY_IN = Text(
    "Nobody we know can open it yet: ask our champion for an introduction, or drop by on the next visit.",
    "还没有认识的人能引荐：请内线介绍，或下次拜访时顺路去一趟。",
)
SINGLE_THREADED = Text(
    "Everything hangs on {name}: nobody else is at meeting stage or better. If they leave or turn, we are blind — build a second thread.",
    "所有关系都系于{name}一人：没有别人到约会阶段以上。此人一旦离开或变卦我们就看不见了——要再发展一条线。",
)
NO_CHAMPION = Text(
    "Nobody coaches us yet (no supporter at trust stage or better). Best candidate to develop: {name}.",
    "还没有内线教练（没有到信赖阶段以上的支持者）。最值得发展的是{name}。",
)
NO_CANDIDATE = Text("Nobody coaches us yet and nobody in the map can be developed into a coach.", "还没有内线教练，图中也没有可发展的人选。")
NO_TECHNICAL_GUIDE = Text(
    "No technical guide: nobody in a technical or user department can check the specification side for us.",
    "没有技术向导：技术或使用部门里没有人能帮我们核实技术方面的信息。",
)
NO_RELATIONSHIP_GUIDE = Text(
    "No relationship guide: nobody with broad ties and access to the decider can confirm what the technical guide says.",
    "没有关系向导：没有人脉广、能接近拍板人的人来印证技术向导的说法。",
)
STALE = Text(
    "{name} ({who}) was last met {days} days ago ({date}): renew the relationship with a visit.",
    "{name}（{who}）上次见面是 {days} 天前（{date}）：要尽快拜访维系关系。",
)
NEVER_VISITED = Text("{name} ({who}) has never been met on a logged visit: plan one.", "{name}（{who}）在拜访记录里从没见过：要安排拜访。")
WHO = {"decider": Text("the decider", "拍板人"), "champion": Text("our champion", "我们的内线")}


def _finding(code: str, severity: str, subject: str | None, message: str) -> dict:
    return {"code": code, "severity": severity, "subject": subject, "message": message}


def _pid(who: str) -> str:
    return who.split(":", 1)[1]


def champion(G: nx.MultiDiGraph, candidates: list[dict], reach: Reach) -> dict | None:
    """The best champion candidate who already coaches us: a supporter at trust stage or better."""
    return next((candidate for candidate in candidates if _coaches_us(G, f"{PERSON}:{candidate['id']}", reach)), None)


def _coaches_us(G: nx.MultiDiGraph, who: str, reach: Reach) -> bool:
    return G.nodes[who]["attitude"] == Attitude.SUPPORTER and reach.people.get(who) in CHAMPION_STAGES


def route_text(route: dict) -> str:
    """A route of :func:`chainmap.analysis.paths.paths` as its names: ``A → B → C``."""
    return " → ".join(step["name"] for step in route["steps"])


def _way_in(G: nx.MultiDiGraph, reach: Reach, who: str, lang: str) -> str:
    way = reach.opener([who], department_of(G, who), lang)
    if way:
        return WAY_IN(lang, opener=G.nodes[way.node]["name"], why=way.reason)
    from .paths import paths

    routes = paths(G, to=G.nodes[who]["id"], lang=lang)["routes"]
    return ROUTE_IN(lang, route=route_text(routes[0]), weakest=routes[0]["weakest"]["name"]) if routes else NO_WAY_IN(lang)


def _decider_checks(G, reach, power, lang):
    decider = power["decider"]
    declared = any(Role.DECISION_MAKER in attrs["roles"] for _, attrs in nodes_of(G, PERSON))
    if not declared:
        message = NO_DECIDER_KNOWN(lang, guess=decider["name"]) if decider else NO_PEOPLE(lang)
        yield _finding("no_decider_known", "high", None, message)
    if decider is None:
        return
    who = f"{PERSON}:{decider['id']}"
    attitude = G.nodes[who]["attitude"]
    if who not in reach.people:
        yield _finding("decider_not_contacted", "high", decider["id"], DECIDER_NOT_CONTACTED(lang, name=decider["name"], way=_way_in(G, reach, who, lang)))
    if attitude == Attitude.UNKNOWN:
        yield _finding("decider_attitude_unknown", "medium", decider["id"], DECIDER_ATTITUDE_UNKNOWN(lang, name=decider["name"]))
    if attitude == Attitude.OPPONENT:
        listened = sorted(_influences_into(G, who), key=lambda edge: -edge[2])
        names = join(lang, [G.nodes[u]["name"] for u, _, _ in listened])
        yield _finding("decider_opposed", "high", decider["id"], DECIDER_OPPOSED(lang, name=decider["name"], listeners=LISTENERS(lang, names=names) if names else ""))


def _influences_into(G: nx.MultiDiGraph, who: str):
    return ((u, v, attrs["strength"]) for u, v, attrs in G.in_edges(who, data=True) if attrs["kind"] == "influences")


def _favours(G: nx.MultiDiGraph, who: str) -> str | None:
    return next((target for _, target, kind in G.out_edges(who, data="kind") if kind == "favours"), None)


def _key_people_opposed(G, power, lang):
    for rank, entry in enumerate(power["ranking"], start=1):
        who = f"{PERSON}:{entry['id']}"
        if entry["position"] == "key" and G.nodes[who]["attitude"] == Attitude.OPPONENT:
            rival = _favours(G, who)
            favours = FAVOURS(lang, rival=G.nodes[rival]["name"]) if rival else ""
            yield _finding("key_person_opposed", "high", entry["id"], KEY_PERSON_OPPOSED(lang, name=entry["name"], rank=rank, favours=favours))


def _lock_in(G, reach, power, lang):
    """The working level we reach leans to one rival: at least two of them favour it, and at least half."""
    decider = f"{PERSON}:{power['decider']['id']}" if power["decider"] else None
    working = []
    for who in people(G):
        if who in reach.people and who != decider:
            dept = department_of(G, who)
            if not (dept and G.nodes[dept]["function"] == Function.MANAGEMENT):
                working.append(who)
    leaning = Counter(rival for who in working if (rival := _favours(G, who)))
    if not leaning:
        return
    rival, count = max(leaning.items(), key=lambda item: item[1])
    if count >= 2 and 2 * count >= len(working):
        names = join(lang, [G.nodes[who]["name"] for who in working if _favours(G, who) == rival])
        hint = DECIDER_HINT(lang, name=power["decider"]["name"]) if decider else ""
        message = COMPETITOR_LOCK_IN(lang, count=count, total=len(working), rival=G.nodes[rival]["name"], names=names, decider=hint)
        yield _finding("competitor_lock_in", "high", G.nodes[rival]["id"], message)


def _funding(G, reach, lang):
    funding = G.graph.get("funding")
    if not funding or funding["status"] == FundingStatus.UNKNOWN:
        yield _finding("funding_unknown", "medium", None, FUNDING_UNKNOWN(lang))
    elif funding["source"] == FundingSource.UNKNOWN:
        yield _finding("funding_unknown", "low", None, FUNDING_SOURCE_UNKNOWN(lang))
    holders = [(org, attrs) for org, attrs in nodes_of(G, ORGANISATION) if attrs["funds_project"] and attrs["id"] != SELF_ORG]
    for org, attrs in holders:
        if not any(organisation_of(G, dept) == org for who in reach.people if (dept := department_of(G, who))):
            yield _finding("funded_elsewhere", "high", attrs["id"], FUNDED_ELSEWHERE(lang, org=attrs["name"]))
    if funding and funding["source"] == FundingSource.PARENT and not holders:
        yield _finding("funded_elsewhere", "medium", None, FUNDED_BY_UNNAMED_PARENT(lang))


# An untouched department is a gap when it has a say in the purchase: this severe.
UNTOUCHED_SEVERITY = {Weight.LEAD: "high", Weight.SUPPORT: "medium"}


def _untouched(departments, lang):
    severity = {str(weight): level for weight, level in UNTOUCHED_SEVERITY.items()}
    for dept in departments:
        if dept["weight"] in severity:
            way = DEPARTMENT_WAY_IN(lang, opener=dept["opener"]["name"], why=dept["opener"]["why"]) if dept["opener"] else NO_DEPARTMENT_WAY_IN(lang)
            message = UNTOUCHED_DEPARTMENT(lang, department=dept["name"], weight=Weight(dept["weight"]).label(lang), way=way)
            yield _finding("untouched_department", severity[dept["weight"]], dept["id"], message)


def _single_threaded(G, reach, lang):
    close = [who for who, stage in reach.people.items() if stage.rank >= Stage.MEETING.rank]
    if len(close) == 1:
        yield _finding("single_threaded", "high", _pid(close[0]), SINGLE_THREADED(lang, name=G.nodes[close[0]]["name"]))


def _champion_checks(G, reach, coach, lang):
    best = champion(G, coach["candidates"], reach)
    if best is None:
        first = coach["candidates"][0] if coach["candidates"] else None
        message = NO_CHAMPION(lang, name=first["name"]) if first else NO_CANDIDATE(lang)
        yield _finding("no_champion", "high", first["id"] if first else None, message)
    if coach["technical_guide"] is None:
        yield _finding("no_technical_guide", "medium", None, NO_TECHNICAL_GUIDE(lang))
    if coach["relationship_guide"] is None:
        yield _finding("no_relationship_guide", "medium", None, NO_RELATIONSHIP_GUIDE(lang))


def _last_met(G: nx.MultiDiGraph, today: dt.date) -> dict[str, dt.date]:
    last: dict[str, dt.date] = {}
    for visit in G.graph.get("visits", []):
        if visit["date"] <= today:
            for ident in visit["met"]:
                last[ident] = max(last.get(ident, visit["date"]), visit["date"])
    return last


def _stale(G, reach, power, coach, today, lang):
    last = _last_met(G, today)
    watch = []
    if power["decider"]:
        watch.append(("decider", power["decider"]))
    best = champion(G, coach["candidates"], reach)
    if best and (not power["decider"] or best["id"] != power["decider"]["id"]):
        watch.append(("champion", best))
    for role, person in watch:
        if f"{PERSON}:{person['id']}" not in reach.people:
            continue  # never contacted is its own, graver gap
        met = last.get(person["id"])
        if met is None:
            yield _finding("stale_contact", "medium", person["id"], NEVER_VISITED(lang, name=person["name"], who=WHO[role](lang)))
        elif (today - met).days > STALE_AFTER_DAYS:
            days = (today - met).days
            yield _finding("stale_contact", "medium", person["id"], STALE(lang, name=person["name"], who=WHO[role](lang), days=days, date=met.isoformat()))


@paused_gc()
def gaps(G: nx.MultiDiGraph, *, today: dt.date | None = None, lang: str = "en", power: Power | None = None) -> dict:
    """Every gap in the map, most severe first: ``{"account", "findings": [{"code", "severity", "subject", "message"}]}``.

    ``today`` (default: today's date) dates the visit log for ``stale_contact``; ``power`` is
    :func:`~chainmap.analysis.power.analyse` of ``G`` if the caller already has it.
    """
    today = today or dt.date.today()
    power = power or analyse(G)
    reach = Reach(G)
    # The checks read names and positions, never the sentences.
    ranked, candidates = read_down_to(G, reach, power)
    ranking = who_decides(G, lang=lang, power=power, top=ranked, reasons=False)
    coach = champions(G, lang=lang, power=power, top=candidates, reasons=False)
    found = findings(G, reach, ranking, coach, today, lang)
    return {"account": G.graph["id"], "name": G.graph["name"], "today": today.isoformat(), "findings": found}


def read_down_to(G: nx.MultiDiGraph, reach: Reach, power: Power) -> tuple[int, int]:
    """How much of who-decides' ranking and of the champions' candidates :func:`findings` reads.

    The ranking down to the last key person, the candidates down to the first who
    already coaches us (else the first): a caller passes these as ``top=``, so that
    nobody further down is described for nothing.
    """
    key = [rank for rank, i in enumerate(power.order, start=1) if power.position[i] in ("decider", "key")]
    coaches = (rank for rank, (_, i, _) in enumerate(coaching(G, power).scored, start=1) if _coaches_us(G, power.facts.nodes[i], reach))
    return max(key, default=0), next(coaches, 1)


def findings(
    G: nx.MultiDiGraph, reach: Reach, power: dict, coach: dict, today: dt.date, lang: str, *, departments: list[dict] | None = None
) -> list[dict]:
    """The ``findings`` of :func:`gaps` from results the caller already holds.

    ``power`` is the result of who_decides, ``coach`` of champions, each read only as far
    as :func:`read_down_to` says and without reasons; ``departments`` (if given)
    of :func:`~chainmap.analysis.coverage.untouched_departments`.
    """
    departments = untouched_departments(G, reach, lang, weights=UNTOUCHED_SEVERITY) if departments is None else departments
    found = [
        *_decider_checks(G, reach, power, lang),
        *_key_people_opposed(G, power, lang),
        *_lock_in(G, reach, power, lang),
        *_funding(G, reach, lang),
        *_untouched(departments, lang),
        *_single_threaded(G, reach, lang),
        *_champion_checks(G, reach, coach, lang),
        *_stale(G, reach, power, coach, today, lang),
    ]
    # sort() is stable: within a severity, findings keep the order of CODES.
    found.sort(key=lambda f: SEVERITIES.index(f["severity"]))
    return found


def to_document(result: dict, lang: str) -> Document:
    """One table: severity, code, subject and what to do."""
    if not result["findings"]:
        return Document(TITLE(lang, name=result["name"]), [Paragraph(NO_GAPS(lang))])
    rows = [
        [(SEVERITY[f["severity"]](lang), SEVERITY_STYLE[f["severity"]]), f["code"], f["subject"] or ACCOUNT(lang), f["message"]]
        for f in result["findings"]
    ]
    return Document(TITLE(lang, name=result["name"]), [Table([c(lang) for c in COLUMNS], rows)])
