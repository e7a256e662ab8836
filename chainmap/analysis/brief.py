"""The pre-visit brief: one page a rep reads in the car before walking in.

It gathers the other analyses — who decides and why, the champions and the two
guides, the gaps, the departments to drop by and who can open them — and adds
the account's **open questions**: what the file does not answer yet. These
facts answer them:

=============  ==========================================================================
question       answered by
=============  ==========================================================================
funding        ``funding.status`` other than ``unknown``; ``funding.source`` other than ``unknown``
process        ``extra.process`` on the account: a list of steps, each a text or a mapping
               ``{step, difficulty, needs}`` (a step without ``difficulty``/``needs`` asks for them)
concerns       a department's ``concerns``, or ``concerns`` of someone in it (departments with no say are skipped)
rivals         ``competitors``; each competitor's ``note``
feasibility    ``extra.feasibility`` keys ``land``, ``money``, ``policy``, ``conditions``;
               money is also answered by ``funding.status`` ``approved`` or ``allocated``
=============  ==========================================================================

>>> from chainmap.loader import loads
>>> from chainmap.graph import to_graph
>>> G = to_graph(loads("id: d\\nname: D\\nfunding: {status: approved, source: self}\\npeople: [{id: li, name: Li}]"))
>>> [q["topic"] for q in prepare(G, today=dt.date(2026, 1, 1))["questions"]]
['process', 'rivals', 'feasibility', 'feasibility', 'feasibility']
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from ..enums import Function, FundingSource, FundingStatus, Ownership, Weight
from ..graph import COMPETITOR, DEPARTMENT, TEAM, members, nodes_of
from ..i18n import Text, join
from ..report import Bullets, Document, Heading, Paragraph, Table, to_markdown
from .coverage import Reach, unreached_powerful, untouched_departments
from .gaps import route_text

__all__ = ["brief", "prepare", "to_document", "FEASIBILITY", "TOP_PEOPLE"]

# How many people each section shows: a brief is read in minutes.
TOP_PEOPLE = 5
TOP_CANDIDATES = 3
TOP_DEPARTMENTS = 8
# More concern questions than this read as one question naming the departments.
CONCERNS_APART = 3
FEASIBILITY = ("land", "money", "policy", "conditions")
MONEY_SETTLED = (FundingStatus.APPROVED, FundingStatus.ALLOCATED)

TITLE = Text("Pre-visit brief — {name}", "拜访前简报 —— {name}")
FACTS = Text(
    "As of {today} · industry: {industry} · ownership: {ownership} · funding: {status} / {source}",
    "截至 {today} · 行业：{industry} · 所有制：{ownership} · 资金：{status} / {source}",
)
UNKNOWN = Text("unknown", "未知")
HEADINGS = {
    "decides": Text("Who decides, and why", "谁拍板，为什么"),
    "champions": Text("Champions and the two guides", "内线与双向导"),
    "gaps": Text("Gaps in the map", "地图上的缺口"),
    "drop_by": Text("Departments to drop by", "顺路要拜访的部门"),
    "unmet": Text("Powerful people we have never met", "从未接触的关键人物"),
    "questions": Text("Open questions for this visit", "这次要问清楚的问题"),
}
DECIDER = Text("{name}{title} decides: {why}.", "{name}{title}拍板：{why}。")
TITLE_PART = Text(" ({title})", "（{title}）")
ROUTE = Text(
    "Strongest route to {name}: {route} (strength {strength:.2f}; weakest link: {weakest}).",
    "通往{name}最强的路径：{route}（强度 {strength:.2f}；最弱的一环：{weakest}）。",
)
NO_ROUTE = Text("No route from us reaches {name} yet.", "我们还没有任何路径能通到{name}。")
NO_DECIDER = Text("Nobody in the map can be named as the decider yet.", "图中还无法确定谁拍板。")
KEY_COLUMNS = (Text("key person", "关键人"), Text("title", "职务"), Text("score", "得分"), Text("why", "依据"))
CANDIDATE = Text("{name} — {why}. Next: {step}", "{name}——{why}。下一步：{step}")
GUIDE = {
    "technical_guide": Text("Technical guide: {name} — {why}", "技术向导：{name}——{why}"),
    "relationship_guide": Text("Relationship guide: {name} — {why}", "关系向导：{name}——{why}"),
}
NO_GUIDE = {
    "technical_guide": Text("Technical guide: nobody yet", "技术向导：暂无"),
    "relationship_guide": Text("Relationship guide: nobody yet", "关系向导：暂无"),
}
NO_CANDIDATES = Text("Nobody in the map can be developed into a coach yet.", "图中还没有可发展为内线的人。")
GAP = Text("[{severity}] {message}", "【{severity}】{message}")
SEVERITY = {"high": Text("high", "高"), "medium": Text("medium", "中"), "low": Text("low", "低")}
NO_GAPS = Text("No gaps: the map is complete.", "没有缺口：地图是完整的。")
DROP_BY = Text("{name} ({function}, say: {weight}) — {how}", "{name}（{function}，话语权：{weight}）——{how}")
ASK_AROUND = Text("nobody we know can open it yet; ask our best contact", "还没有认识的人能引荐；请最熟的内线帮忙")
OPENER = Text("ask {name}: {why}", "请{name}引荐：{why}")
MORE = Text("…and {count} more: `chainmap untouched` lists them all.", "……另有 {count} 个，完整列表见 `chainmap untouched`。")
NO_SAY_TOO = Text("Also untouched, with no say in this purchase: {names}.", "另有未覆盖但对本次采购无话语权的部门：{names}。")
ALL_REACHED = Text("Every department that has a say has been reached.", "所有有话语权的部门都已覆盖。")
UNMET = Text("{name} — {why}", "{name}——{why}")
ALL_MET = Text("We have reached everyone who matters to the decision.", "对决策有分量的人都已接触过。")
NO_QUESTIONS = Text("The file answers every standing question.", "文件已经回答了所有常规问题。")

QUESTIONS = {
    "funding_status": Text(
        "Funding: is there money for this project — applied for, approved or already allocated — and how much?",
        "资金：这个项目有没有钱——在申请、已批还是已到位？有多少？",
    ),
    "funding_source": Text(
        "Funding: where does the money come from — own budget, the parent group, or a government grant — and who releases it?",
        "资金：钱从哪里来——自有资金、母公司，还是财政？由谁拨付？",
    ),
    "process": Text(
        "Process: what are the steps of this purchase (approval, budget, tender, contract), how hard is each, and what does each need from us?",
        "流程：这次采购要走哪些步骤（立项、预算、招标、合同）？每一步难度如何，需要我们做什么？",
    ),
    "step_difficulty": Text("Process: how hard is the step “{step}” to get through?", "流程：“{step}”这一步难度如何？"),
    "step_needs": Text("Process: what does the step “{step}” need — documents, approvals, people?", "流程：“{step}”这一步需要什么——材料、审批、哪些人？"),
    "concerns": Text("{department}: what does it want from this purchase, and what worries it?", "{department}：它对这次采购有什么诉求和顾虑？"),
    "concerns_of_many": Text(
        "Concerns: what do these departments want from this purchase, and what worries them — {departments}?",
        "诉求：这些部门对这次采购有什么诉求和顾虑——{departments}？",
    ),
    "rivals": Text(
        "Rivals: which other vendors is the customer talking to, and what does it think of them?",
        "竞争：客户还在和哪些厂家接触？对他们怎么看？",
    ),
    "rival": Text("Rivals: what does the customer know of {rival}, and who favours it?", "竞争：客户对{rival}了解多少？谁偏向它？"),
    "land": Text("Feasibility — land: is the site (land, building, room) settled for this project?", "可行性——土地：项目的场地（土地、楼宇、机房）落实了吗？"),
    "money": Text("Feasibility — money: is the whole budget really there, or only part of it?", "可行性——资金：整个预算真的落实了，还是只有一部分？"),
    "policy": Text("Feasibility — policy: do regulations and the customer's own plans support doing it now?", "可行性——政策：政策法规和客户自身规划现在支持做这个项目吗？"),
    "conditions": Text(
        "Feasibility — supporting conditions: are power, network, staff and the other prerequisites ready?",
        "可行性——配套条件：电力、网络、人员等配套条件具备了吗？",
    ),
}


def _question(topic: str, subject: str | None, text: str, about: str | None = None) -> dict:
    return {"topic": topic, "subject": subject, "about": about, "question": text}


def _steps(process: object) -> list[tuple[str, dict]]:
    """``(step name, its facts)`` for each step of ``extra.process``."""
    steps = []
    for item in process if isinstance(process, list) else []:
        if isinstance(item, dict):
            steps.append((str(item.get("step") or item.get("name") or ""), item))
        elif item:
            steps.append((str(item), {}))
    return steps


def open_questions(G: nx.MultiDiGraph, lang: str = "en") -> list[dict]:
    """The standing questions of an account that its file does not answer yet (see the module doc)."""
    found = []
    funding = G.graph.get("funding") or {}
    status = funding.get("status", FundingStatus.UNKNOWN)
    if status == FundingStatus.UNKNOWN:
        found.append(_question("funding", None, QUESTIONS["funding_status"](lang)))
    if funding.get("source", FundingSource.UNKNOWN) == FundingSource.UNKNOWN:
        found.append(_question("funding", None, QUESTIONS["funding_source"](lang)))

    extra = G.graph.get("extra") or {}
    process = extra.get("process")
    if not process:
        found.append(_question("process", None, QUESTIONS["process"](lang)))
    for step, facts in _steps(process):
        for key in ("difficulty", "needs"):
            if not facts.get(key):
                found.append(_question("process", None, QUESTIONS[f"step_{key}"](lang, step=step)))

    for dept, attrs in nodes_of(G, DEPARTMENT):
        if attrs["weight"] == Weight.NONE or attrs["concerns"]:
            continue
        if not any(G.nodes[who]["concerns"] for who in members(G, dept)):
            found.append(_question("concerns", attrs["id"], QUESTIONS["concerns"](lang, department=attrs["name"]), attrs["name"]))

    rivals = list(nodes_of(G, COMPETITOR))
    if not rivals:
        found.append(_question("rivals", None, QUESTIONS["rivals"](lang)))
    found += [_question("rivals", attrs["id"], QUESTIONS["rival"](lang, rival=attrs["name"]), attrs["name"]) for _, attrs in rivals if not attrs["note"]]

    feasibility = extra.get("feasibility")
    feasibility = feasibility if isinstance(feasibility, dict) else {}
    for key in FEASIBILITY:
        # An unknown funding status is already asked above; approved or allocated money is feasible.
        settled = key == "money" and (status in MONEY_SETTLED or status == FundingStatus.UNKNOWN)
        if not feasibility.get(key) and not settled:
            found.append(_question("feasibility", None, QUESTIONS[key](lang)))
    return found


def prepare(G: nx.MultiDiGraph, *, today: dt.date | None = None, lang: str = "en") -> dict:
    """Everything the brief says, as plain data (``--format json``)."""
    from .champions import champions, coaching
    from .gaps import findings, read_down_to
    from .paths import paths
    from .power import analyse, who_decides

    today = today or dt.date.today()
    reach = Reach(G)
    numbers = analyse(G)
    # Sentences only for whom the brief names: the gaps' reading, the first candidates and the two guides.
    ranked, candidates = read_down_to(G, reach, numbers)
    coached = coaching(G, numbers)
    guides = [coached.scored.index(item) + 1 for item in (coached.technical, coached.relationship) if item is not None]
    power = who_decides(G, lang=lang, power=numbers, top=ranked)
    coach = champions(G, lang=lang, power=numbers, top=max(candidates, TOP_CANDIDATES, *guides))
    decider = next((entry for entry in power["ranking"] if entry["position"] == "decider"), None)
    funding = G.graph.get("funding") or {}
    # Routes from our own people show how our word reaches the decider; without a team, from our supporters.
    team = [attrs["id"] for _, attrs in nodes_of(G, TEAM)]
    departments = untouched_departments(G, reach, lang)
    return {
        "account": G.graph["id"],
        "name": G.graph["name"],
        "today": today.isoformat(),
        "industry": G.graph.get("industry"),
        "ownership": str(G.graph.get("ownership") or Ownership.UNKNOWN),
        "funding": {"status": str(funding.get("status", FundingStatus.UNKNOWN)), "source": str(funding.get("source", FundingSource.UNKNOWN))},
        "decider": decider,
        "route": next(iter(paths(G, to=decider["id"], sources=team or None, lang=lang, power=numbers)["routes"]), None) if decider else None,
        "key_people": [entry for entry in power["ranking"] if entry["position"] == "key"][:TOP_PEOPLE],
        "candidates": coach["candidates"][:TOP_CANDIDATES],
        "technical_guide": _guide(coach, "technical_guide"),
        "relationship_guide": _guide(coach, "relationship_guide"),
        "gaps": findings(G, reach, power, coach, today, lang, departments=departments),
        "departments": departments,
        "people": unreached_powerful(G, reach, numbers, lang)[:TOP_PEOPLE],
        "questions": open_questions(G, lang),
    }


def _guide(coach: dict, key: str) -> dict | None:
    """A guide of :func:`champions` with the reasons of their candidacy, so the brief can say why."""
    ref = coach[key]
    if ref is None:
        return None
    entry = next((c for c in coach["candidates"] if c["id"] == ref["id"]), {"reasons": []})
    return {**ref, "reasons": entry["reasons"]}


def _question_lines(questions: list[dict], lang: str) -> list[str]:
    concerns = [q["about"] for q in questions if q["topic"] == "concerns"]
    if len(concerns) <= CONCERNS_APART:
        return [q["question"] for q in questions]
    lines = [q["question"] for q in questions if q["topic"] != "concerns"]
    # The grouped question takes the place of the first concern question.
    at = next(i for i, q in enumerate(questions) if q["topic"] == "concerns")
    lines.insert(at, QUESTIONS["concerns_of_many"](lang, departments=join(lang, concerns)))
    return lines


def _sentence_list(reasons: list[str], lang: str, limit: int = 2) -> str:
    return ("；" if lang == "zh" else "; ").join(reasons[:limit])


def to_document(result: dict, lang: str) -> Document:
    """The brief as headed sections: decider, champions, gaps, departments, people, questions."""
    funding = result["funding"]
    blocks: list = [
        Paragraph(
            FACTS(
                lang,
                today=result["today"],
                industry=result["industry"] or UNKNOWN(lang),
                ownership=Ownership(result["ownership"]).label(lang),
                status=FundingStatus(funding["status"]).label(lang),
                source=FundingSource(funding["source"]).label(lang),
            )
        ),
        Heading(HEADINGS["decides"](lang)),
    ]
    decider = result["decider"]
    if decider:
        title = TITLE_PART(lang, title=decider["title"]) if decider["title"] else ""
        blocks.append(Paragraph(DECIDER(lang, name=decider["name"], title=title, why=_sentence_list(decider["reasons"], lang, 3))))
        route = result["route"]
        blocks.append(
            Paragraph(
                ROUTE(lang, name=decider["name"], route=route_text(route), strength=route["strength"], weakest=route["weakest"]["name"])
                if route
                else NO_ROUTE(lang, name=decider["name"])
            )
        )
    else:
        blocks.append(Paragraph(NO_DECIDER(lang)))
    if result["key_people"]:
        rows = [[p["name"], p["title"] or "", f"{p['score']:.2f}", _sentence_list(p["reasons"], lang)] for p in result["key_people"]]
        blocks.append(Table([c(lang) for c in KEY_COLUMNS], rows))

    blocks.append(Heading(HEADINGS["champions"](lang)))
    candidates = [CANDIDATE(lang, name=c["name"], why=_sentence_list(c["reasons"], lang), step=c["next_step"]) for c in result["candidates"]]
    blocks.append(Bullets(candidates or [NO_CANDIDATES(lang)]))
    guides = [
        GUIDE[key](lang, name=result[key]["name"], why=_sentence_list(result[key]["reasons"], lang)) if result[key] else NO_GUIDE[key](lang)
        for key in GUIDE
    ]
    blocks.append(Bullets(guides))

    blocks.append(Heading(HEADINGS["gaps"](lang)))
    gaps = [GAP(lang, severity=SEVERITY[f["severity"]](lang), message=f["message"]) for f in result["gaps"]]
    blocks.append(Bullets(gaps or [NO_GAPS(lang)]))

    blocks.append(Heading(HEADINGS["drop_by"](lang)))
    with_say = [d for d in result["departments"] if d["weight"] != Weight.NONE]
    no_say = [d["name"] for d in result["departments"] if d["weight"] == Weight.NONE]
    visits = [
        DROP_BY(
            lang,
            name=d["name"],
            function=Function(d["function"]).label(lang),
            weight=Weight(d["weight"]).label(lang),
            how=OPENER(lang, name=d["opener"]["name"], why=d["opener"]["why"]) if d["opener"] else ASK_AROUND(lang),
        )
        for d in with_say[:TOP_DEPARTMENTS]
    ]
    if len(with_say) > TOP_DEPARTMENTS:
        visits.append(MORE(lang, count=len(with_say) - TOP_DEPARTMENTS))
    blocks.append(Bullets(visits or [ALL_REACHED(lang)]))
    if no_say:
        blocks.append(Paragraph(NO_SAY_TOO(lang, names=join(lang, no_say))))

    blocks.append(Heading(HEADINGS["unmet"](lang)))
    unmet = [UNMET(lang, name=p["name"], why=_sentence_list([p["reasons"][0], p["reasons"][-1]], lang)) for p in result["people"]]
    blocks.append(Bullets(unmet or [ALL_MET(lang)]))

    blocks.append(Heading(HEADINGS["questions"](lang)))
    blocks.append(Bullets(_question_lines(result["questions"], lang) or [NO_QUESTIONS(lang)]))
    return Document(TITLE(lang, name=result["name"]), blocks)


def brief(G: nx.MultiDiGraph, *, today: dt.date | None = None, lang: str = "en") -> str:
    """The pre-visit brief as Markdown."""
    return to_markdown(to_document(prepare(G, today=today, lang=lang), lang))
