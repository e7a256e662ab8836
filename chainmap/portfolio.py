"""The notebook API: a portfolio of accounts, its weekly risk review, and any result as a pandas DataFrame.

A sales lead reviews the whole pipeline at once. :func:`load_portfolio` reads
every account file in a folder (or every account in the Neo4j store) and sets
aside, with the reason, each one it cannot read; :func:`review` gives one row
per account — the decider and where we stand with them, the best champion
candidate, how many of the departments that matter we reached, the top gaps, a
rival's lock-in — riskiest first; :func:`to_frame` turns that or any analysis
result into a DataFrame.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.yaml").write_text("id: a\\nname: A\\npeople: [{id: li, name: Li, roles: [decision_maker]}]")
>>> _ = (folder / "b.yaml").write_text("id: b\\nname: B\\npeople: [{id: li, nmae: Li}]")
>>> portfolio = load_portfolio(folder)
>>> list(portfolio), [bad.source.endswith("b.yaml") for bad in portfolio.unreadable]
(['a'], [True])
>>> [(row["account"], row["risk"]) for row in review(portfolio)["portfolio"]]
[('a', 0.58)]
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from .analysis.power import WEIGHTS as POWER_WEIGHTS
from .enums import Attitude, Stage, Weight
from .errors import AccountError, ChainmapError, MissingExtraError, NotFoundError, SourceError, UsageError
from .graph import COMPETITOR, DEPARTMENT, node, nodes_of, person, to_graph
from .i18n import Text, check_lang, join
from .rules import suggest
from .sources import NEO4J_PREFIX, open_account

if TYPE_CHECKING:
    from .model import Account
    from .neo4j_store import Settings

__all__ = ["load_portfolio", "review", "to_frame", "cjk_font", "Portfolio", "Unreadable", "RISK_WEIGHTS", "ACCOUNT_SUFFIXES", "CJK_FONTS"]

ACCOUNT_SUFFIXES = (".yaml", ".yml", ".json")
# What makes an account risky, each factor in [0, 1]; the weights sum to 1, so the risk is in [0, 1].
# Where we stand with the decider matters most; a coach inside, reaching the departments that
# decide and a rival holding the working level follow; other serious gaps add the rest.
RISK_WEIGHTS = {"decider": 0.35, "champion": 0.2, "coverage": 0.2, "rival": 0.15, "other": 0.1}
# Decider risk is the worse of their attitude and how far our relationship has come.
ATTITUDE_RISK = {Attitude.OPPONENT: 1.0, Attitude.UNKNOWN: 0.6, Attitude.NEUTRAL: 0.4, Attitude.SUPPORTER: 0.0}
STAGE_RISK = {Stage.NONE: 0.8, Stage.ACQUAINTED: 0.5, Stage.MEETING: 0.3, Stage.TRUST: 0.0, Stage.ALLIANCE: 0.0}
# Candidates exist but none coaches us yet: better than nobody to develop.
UNDEVELOPED_CHAMPION = 0.6
# Nobody marked any department as leading or supporting: we do not even know whom to reach.
UNKNOWN_COVERAGE = 0.5
# Gap codes already behind another factor; every other high-severity gap counts under "other".
FACTORED_CODES = frozenset(
    {"decider_not_contacted", "decider_attitude_unknown", "decider_opposed", "competitor_lock_in", "untouched_department", "no_champion"}
)
# This many other serious gaps make that factor full.
OTHER_FULL = 3
KEY_WEIGHTS = (Weight.LEAD, Weight.SUPPORT)
# Fonts that draw Chinese, the usual ones on Linux, Windows and macOS; matplotlib's own fonts do not
# (its "Last Resort" font claims every character but draws boxes, so a glyph check cannot find them).
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Droid Sans Fallback",
)
# The attitude mix is read over the people who matter most; a lead looks at five per account.
MOST_POWERFUL = 5
TOP_GAPS = 3

NOT_A_SOURCE = Text(
    "{name}: no account files (.yaml, .yml, .json) in this folder",
    "{name}：此文件夹中没有客户文件（.yaml、.yml、.json）",
)
NOTHING_READ = Text("no account could be read:", "没有读到任何客户：")
DUPLICATE = Text("{source}: account '{account}' was already read from {first}; this copy is skipped", "{source}：客户 '{account}' 已从 {first} 读过；跳过这一份")
SUMMARY = (Text("{count} account read", "读到 {count} 个客户"), Text("{count} accounts read", "读到 {count} 个客户"))
SKIPPED = Text("{count} could not be read:", "{count} 个无法读取：")
UNKNOWN_ACCOUNT = Text("no account '{account}' in this portfolio", "此组合中没有客户 '{account}'")
DID_YOU_MEAN = Text(" (did you mean '{guess}'?)", "（是不是 '{guess}'？）")
UNKNOWN_RESULT = Text(
    "to_frame does not know this result (keys: {keys}); it takes the results of {known}",
    "to_frame 不认识这个结果（键：{keys}）；它接受这些结果：{known}",
)

NO_DECIDER = Text("nobody in the map can be named as the decider", "图中还无法确定拍板人")
DECIDER_STANDING = Text("the decider {name}: {attitude}, relationship {stage}", "拍板人{name}：{attitude}，关系阶段{stage}")
NO_CANDIDATE = Text("nobody in the map can be developed into a coach", "图中没有可发展为内线的人")
NOT_COACHING = Text("nobody coaches us yet (best candidate: {name})", "还没有内线（最佳人选：{name}）")
COVERAGE = Text("{reached} of {total} leading or supporting departments reached", "主导或辅助部门已覆盖 {reached}/{total}")
NO_KEY_DEPARTMENTS = Text("no department is marked as leading or supporting the purchase", "没有部门被标注为主导或辅助这次采购")
RIVAL = Text("the working level leans to {rival}", "工作层倾向{rival}")
OTHER_GAPS = (Text("{count} more serious gap: {codes}", "另有 {count} 个严重缺口：{codes}"), Text("{count} more serious gaps: {codes}", "另有 {count} 个严重缺口：{codes}"))
SENTENCES = Text("; ", "；")


@dataclass(frozen=True)
class Unreadable:
    """A source that could not be read, and every line of the reason."""

    source: str
    message: str


class Portfolio:
    """Accounts by id (each as its graph), in the order they were read, and the sources that could not be read.

    ``portfolio["acme"]`` is the graph of account ``acme``; iterating gives the ids;
    ``sources`` says where each account came from; ``unreadable`` lists the rest.
    """

    def __init__(self, graphs: dict[str, nx.MultiDiGraph], sources: dict[str, str], unreadable: list[Unreadable], lang: str):
        self.graphs = graphs
        self.sources = sources
        self.unreadable = unreadable
        self.lang = lang

    def __len__(self) -> int:
        return len(self.graphs)

    def __iter__(self) -> Iterator[str]:
        return iter(self.graphs)

    def __contains__(self, account: object) -> bool:
        return account in self.graphs

    def __getitem__(self, account: str) -> nx.MultiDiGraph:
        if account in self.graphs:
            return self.graphs[account]
        guess = suggest(account, {ident: G.graph["name"] for ident, G in self.graphs.items()})
        raise NotFoundError(UNKNOWN_ACCOUNT(self.lang, account=account) + (DID_YOU_MEAN(self.lang, guess=guess) if guess else ""))

    def summary(self) -> str:
        """How many accounts were read and, line by line, why the others were not."""
        lines = [SUMMARY[len(self) != 1](self.lang, count=len(self))]
        if self.unreadable:
            lines.append(SKIPPED(self.lang, count=len(self.unreadable)))
            lines += [f"  {line}" for bad in self.unreadable for line in bad.message.splitlines()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()


def _expand(source: str | os.PathLike, lang: str) -> list[str]:
    """The account sources one argument names: a folder's account files, or the argument itself."""
    name = os.fspath(source)
    if name.startswith(NEO4J_PREFIX):
        return [name]
    path = Path(name)
    if not path.is_dir():
        return [name]
    files = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in ACCOUNT_SUFFIXES and not p.name.startswith("."))
    if not files:
        raise SourceError(NOT_A_SOURCE(lang, name=name))
    return files


def _read(sources: list[str], lang: str, settings: Settings | None) -> Iterator[tuple[str, Account | ChainmapError]]:
    """``(source, account or the error that stopped it)`` for every source; ``neo4j:`` alone is every stored account."""
    for source in sources:
        if not source.startswith(NEO4J_PREFIX):
            try:
                yield source, open_account(source, lang=lang)
            except (AccountError, SourceError, NotFoundError) as error:
                yield source, error
    wanted = [source[len(NEO4J_PREFIX) :] for source in sources if source.startswith(NEO4J_PREFIX)]
    if not wanted:
        return
    from .neo4j_store import connect, list_accounts, pull

    # One session for every stored account; an unreachable store is one BackendError for the caller.
    with connect(settings, lang=lang) as session:
        stored = [row["id"] for row in list_accounts(session)] if "" in wanted else []
        for ident in dict.fromkeys([*stored, *filter(None, wanted)]):
            try:
                yield NEO4J_PREFIX + ident, pull(session, ident, lang=lang)
            except (AccountError, NotFoundError) as error:
                yield NEO4J_PREFIX + ident, error


def load_portfolio(folder_or_sources, *, lang: str | None = None, settings: Settings | None = None) -> Portfolio:
    """Every account in a folder, or in a list of sources, as a :class:`Portfolio`.

    A source is an account file, a folder (its ``.yaml``, ``.yml`` and ``.json``
    files), ``neo4j:ACCOUNT_ID``, or ``neo4j:`` alone for every account in the
    Neo4j store (``settings``: where the store is, default the ``NEO4J_*``
    variables; one session serves every ``neo4j:`` source). A source that cannot
    be read is kept in ``unreadable`` with its reason and the others are still
    read; only when nothing can be read is it an error.
    """
    lang = check_lang(lang)
    given = [folder_or_sources] if isinstance(folder_or_sources, str | os.PathLike) else list(folder_or_sources)
    sources = [source for item in given for source in _expand(item, lang)]
    graphs: dict[str, nx.MultiDiGraph] = {}
    where: dict[str, str] = {}
    unreadable: list[Unreadable] = []
    for source, account in _read(sources, lang, settings):
        if isinstance(account, ChainmapError):
            unreadable.append(Unreadable(source, "\n".join(account.lines())))
        elif account.id in graphs:
            unreadable.append(Unreadable(source, DUPLICATE(lang, source=source, account=account.id, first=where[account.id])))
        else:
            graphs[account.id] = to_graph(account)
            where[account.id] = source
    if not graphs:
        raise SourceError("\n".join([NOTHING_READ(lang), *(bad.message for bad in unreadable)]))
    return Portfolio(graphs, where, unreadable, lang)


def _ref(item: dict | None) -> dict | None:
    return {"id": item["id"], "name": item["name"]} if item else None


def _first_of_each_code(found: list[dict]) -> list[dict]:
    """The most severe finding of each gap code, most severe first: three of one kind say less than three kinds."""
    first: dict[str, dict] = {}
    for finding in found:
        first.setdefault(finding["code"], finding)
    return list(first.values())


def _account_row(G: nx.MultiDiGraph, today: dt.date, lang: str) -> dict:
    """One account's row of the review, with the risk factors behind its score."""
    from .analysis.champions import champions
    from .analysis.coverage import Reach, untouched_departments
    from .analysis.gaps import champion, findings, read_down_to
    from .analysis.power import analyse, who_decides

    reach = Reach(G)
    numbers = analyse(G)
    # The row reads names and positions, never the sentences, and only as far as the gaps and the attitude mix go.
    ranked, candidates = read_down_to(G, reach, numbers)
    power = who_decides(G, lang=lang, power=numbers, top=max(ranked, MOST_POWERFUL), reasons=False)
    coach = champions(G, lang=lang, power=numbers, top=candidates, reasons=False)
    found = findings(G, reach, power, coach, today, lang)
    factors, reasons = {}, []

    decider = power["decider"]
    attitude = stage = None
    if decider:
        attitude, stage = G.nodes[person(decider["id"])]["attitude"], reach.people.get(person(decider["id"]), Stage.NONE)
        factors["decider"] = max(ATTITUDE_RISK[attitude], STAGE_RISK[stage])
        if factors["decider"]:
            reasons.append(DECIDER_STANDING(lang, name=decider["name"], attitude=attitude.label(lang), stage=stage.label(lang)))
    else:
        factors["decider"] = 1.0
        reasons.append(NO_DECIDER(lang))

    best = coach["candidates"][0] if coach["candidates"] else None
    coaching = champion(G, coach["candidates"], reach)
    factors["champion"] = 0.0 if coaching else UNDEVELOPED_CHAMPION if best else 1.0
    if not coaching:
        reasons.append(NOT_COACHING(lang, name=best["name"]) if best else NO_CANDIDATE(lang))

    key = [dept for dept, attrs in nodes_of(G, DEPARTMENT) if attrs["weight"] in KEY_WEIGHTS]
    reached = sum(dept in reach.departments for dept in key)
    coverage = reached / len(key) if key else None
    factors["coverage"] = 1.0 - coverage if key else UNKNOWN_COVERAGE
    if factors["coverage"]:
        reasons.append(COVERAGE(lang, reached=reached, total=len(key)) if key else NO_KEY_DEPARTMENTS(lang))

    lock_in = next((f for f in found if f["code"] == "competitor_lock_in"), None)
    rival = G.nodes[node(COMPETITOR, lock_in["subject"])] if lock_in else None
    factors["rival"] = 1.0 if rival else 0.0
    if rival:
        reasons.append(RIVAL(lang, rival=rival["name"]))

    other = [f["code"] for f in found if f["severity"] == "high" and f["code"] not in FACTORED_CODES]
    factors["other"] = min(1.0, len(other) / OTHER_FULL)
    if other:
        reasons.append(OTHER_GAPS[len(other) != 1](lang, count=len(other), codes=join(lang, other)))

    mix = Counter(str(G.nodes[person(entry["id"])]["attitude"]) for entry in power["ranking"][:MOST_POWERFUL])
    return {
        "account": G.graph["id"],
        "name": G.graph["name"],
        "risk": round(sum(RISK_WEIGHTS[name] * value for name, value in factors.items()), 3),
        "decider": _ref(decider),
        "decider_attitude": str(attitude) if attitude else None,
        "decider_stage": str(stage) if stage else None,
        "champion": _ref(best),
        "coaching": _ref(coaching),
        "key_departments": len(key),
        "key_reached": reached,
        "coverage": None if coverage is None else round(coverage, 3),
        "untouched_key": [{"id": d["id"], "name": d["name"], "weight": d["weight"]} for d in untouched_departments(G, reach, lang) if d["weight"] in KEY_WEIGHTS],
        "top_gaps": [{"code": f["code"], "severity": f["severity"], "message": f["message"]} for f in _first_of_each_code(found)[:TOP_GAPS]],
        "codes": sorted({f["code"] for f in found}),
        "rival": {"id": rival["id"], "name": rival["name"]} if rival else None,
        "attitude_mix": {str(a): mix[str(a)] for a in Attitude},
        "factors": {name: round(value, 3) for name, value in factors.items()},
        "reasons": reasons,
    }


def review(portfolio: Portfolio, *, today: dt.date | None = None, lang: str = "en") -> dict:
    """One row per account, riskiest first (ties by account id): ``{"portfolio": [rows], "unreadable": [...]}``.

    Each row: ``account``, ``name``, ``risk`` in [0, 1], ``decider`` and our standing
    with them (``decider_attitude``, ``decider_stage``), the best ``champion``
    candidate and who already ``coaching`` us, ``key_departments`` (lead or support),
    ``key_reached`` and their share ``coverage``, ``untouched_key``, ``top_gaps`` (the most
    severe findings of :func:`~chainmap.analysis.gaps.gaps`) and ``codes`` (every gap code found),
    ``rival`` (lock-in), ``attitude_mix`` of the most powerful people, the risk
    ``factors`` (see :data:`RISK_WEIGHTS`) and ``reasons``.
    """
    today = today or dt.date.today()
    rows = [_account_row(G, today, lang) for G in portfolio.graphs.values()]
    rows.sort(key=lambda row: (-row["risk"], row["account"]))
    return {"portfolio": rows, "unreadable": [{"source": bad.source, "message": bad.message} for bad in portfolio.unreadable]}


def cjk_font() -> str | None:
    """An installed font matplotlib can draw Chinese names with (see :data:`CJK_FONTS`), or ``None``.

    Without one a chart should label accounts and people by id: matplotlib would draw boxes.
    On Debian, ``apt-get install fonts-noto-cjk`` provides one.
    """
    try:
        from matplotlib import font_manager
    except ImportError:
        raise MissingExtraError("matplotlib", "notebooks") from None
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


# ----------------------------------------------------------------------------------------------- frames


def _pandas():
    try:
        import pandas
    except ImportError:
        raise MissingExtraError("pandas", "notebooks") from None
    return pandas


def _names(items: list[dict] | None, lang: str) -> str:
    return join(lang, [item["name"] for item in items or []])


def _name(item: dict | None) -> str | None:
    return item["name"] if item else None


def _ranked(items: list[dict], lang: str, **columns) -> list[dict]:
    """Items numbered from 1, with ``reasons`` as one cell and any ``columns`` added."""
    rows = []
    for rank, item in enumerate(items, start=1):
        row = {"rank": rank, **item, **{name: value(item) for name, value in columns.items()}}
        if "reasons" in row:
            row["reasons"] = SENTENCES(lang).join(row["reasons"])
        rows.append(row)
    return rows


def _who_decides_rows(result: dict, lang: str) -> list[dict]:
    return _ranked(result["ranking"], lang)


def _explain_rows(result: dict, lang: str) -> list[dict]:
    return [{**factor, "evidence": SENTENCES(lang).join(factor["evidence"])} for factor in result["factors"]]


def _champions_rows(result: dict, lang: str) -> list[dict]:
    guides = {"technical": result["technical_guide"], "relationship": result["relationship_guide"]}

    def guide(item: dict) -> str:
        return "+".join(kind for kind, who in guides.items() if who and who["id"] == item["id"])

    return _ranked(result["candidates"], lang, guide=guide)


def _paths_rows(result: dict, lang: str) -> list[dict]:
    # The route reads as the path command prints it, in the same language.
    from .analysis.paths import route_text

    return [
        {
            "rank": rank,
            "from": route["from"]["name"],
            "to": route["steps"][-1]["name"],
            "hops": len(route["steps"]) - 1,
            "strength": route["strength"],
            "weakest": _name(route["weakest"]),
            "route": route_text(route, lang),
        }
        for rank, route in enumerate(result["routes"], start=1)
    ]


def _untouched_rows(result: dict, lang: str) -> list[dict]:
    rows = []
    for kind in ("departments", "people"):
        for item in result[kind]:
            opener = item.get("opener")
            rows.append(
                {
                    "kind": kind[:-1] if kind == "departments" else "person",
                    "id": item["id"],
                    "name": item["name"],
                    "function": item.get("function"),
                    "weight": item.get("weight"),
                    "opener": _name(opener),
                    "reasons": SENTENCES(lang).join(item["reasons"]),
                }
            )
    return rows


def _gaps_rows(result: dict, lang: str) -> list[dict]:
    return [dict(finding) for finding in result["findings"]]


def _diff_rows(result: dict, lang: str) -> list[dict]:
    """Every change as one row: ``change``, ``id``, ``name``, ``field``, ``old``, ``new``, ``direction``."""
    rows = [{"change": "joined", **p} for p in result["joined"]] + [{"change": "left", **p} for p in result["left"]]
    rows += [{"change": "move", **m} for m in result["moves"]] + [{"change": "field", **c} for c in result["changes"]]
    for section, field in (("influence", "strength"), ("contacts", "stage")):
        for how in ("added", "removed", "changed"):
            for link in result[section][how]:
                old, new = (link.get("old"), link.get("new")) if how == "changed" else (None, link[field]) if how == "added" else (link[field], None)
                rows.append({"change": f"{section} {how}", "id": f"{link['from']}->{link['to']}", "field": field, "old": old, "new": new})
    for how in ("added", "removed"):
        rows += [{"change": f"department {how}", "id": d["id"], "name": d["name"]} for d in result["departments"][how]]
    rows += [{"change": "visit", "id": visit["date"], "name": join(lang, visit["met"])} for visit in result["visits"]]
    for who in ("decider", "champion"):
        switch = result[who]
        if switch["changed"]:
            rows.append({"change": who, "field": who, "old": _name(switch["old"]), "new": _name(switch["new"])})
    columns = ("change", "id", "name", "field", "old", "new", "direction")
    return [{column: row.get(column) for column in columns} for row in rows]


def _review_rows(result: dict, lang: str) -> list[dict]:
    return [
        {
            "account": row["account"],
            "name": row["name"],
            "risk": row["risk"],
            "decider": _name(row["decider"]),
            "decider_attitude": row["decider_attitude"],
            "decider_stage": row["decider_stage"],
            "champion": _name(row["champion"]),
            "coaching": _name(row["coaching"]),
            "coverage": row["coverage"],
            "key_reached": f"{row['key_reached']}/{row['key_departments']}",
            "untouched_key": _names(row["untouched_key"], lang),
            "top_gaps": ", ".join(gap["code"] for gap in row["top_gaps"]),
            "rival": _name(row["rival"]),
            "reasons": SENTENCES(lang).join(row["reasons"]),
        }
        for row in result["portfolio"]
    ]


# result kind -> (the key that marks it, its rows, the columns always present in this order); checked in this
# order: a diff has "departments" too, so it comes before untouched.
_KINDS = {
    "review": ("portfolio", _review_rows, ("account", "name", "risk", "decider", "decider_attitude", "decider_stage", "champion", "coaching", "coverage", "key_reached", "untouched_key", "top_gaps", "rival", "reasons")),
    "who_decides": ("ranking", _who_decides_rows, ("rank", "id", "name", "title", "department_name", "position", "score", *(f"factors.{f}" for f in POWER_WEIGHTS), "reasons")),
    "explain": ("weighted_sum", _explain_rows, ("factor", "label", "value", "weight", "points", "evidence")),
    "champions": ("candidates", _champions_rows, ("rank", "id", "name", "score", "guide", "next_step", "reasons")),
    "paths": ("routes", _paths_rows, ("rank", "from", "to", "hops", "strength", "weakest", "route")),
    "gaps": ("findings", _gaps_rows, ("severity", "code", "subject", "message")),
    "diff": ("joined", _diff_rows, ("change", "id", "name", "field", "old", "new", "direction")),
    "untouched": ("departments", _untouched_rows, ("kind", "id", "name", "function", "weight", "opener", "reasons")),
}


def to_frame(result: dict, *, lang: str = "en"):
    """A pandas DataFrame of ``result``: one row per item, in the result's order.

    Takes the results of :func:`review`, ``who_decides``, ``explain``, ``champions``,
    ``paths``, ``gaps``, ``diff`` and ``untouched``. People and departments appear
    by name (ids stay where the result has them); lists of reasons become one cell
    joined in ``lang``; ``who_decides`` keeps each factor as ``factors.<name>``.
    The columns each result always has come first, even when it has no rows.

    >>> from chainmap.loader import loads
    >>> from chainmap.analysis.power import who_decides
    >>> G = to_graph(loads("id: d\\nname: D\\npeople: [{id: li, name: Li, roles: [decision_maker]}]"))
    >>> to_frame(who_decides(G))[["rank", "id", "position", "factors.declared"]].values.tolist()
    [[1, 'li', 'decider', 1.0]]
    """
    pd = _pandas()
    for key, rows, columns in _KINDS.values():
        if key in result:
            items = rows(result, lang)
            frame = pd.json_normalize(items) if items else pd.DataFrame()
            return frame.reindex(columns=[*columns, *(c for c in frame.columns if c not in columns)])
    raise UsageError(UNKNOWN_RESULT(lang, keys=", ".join(result), known=", ".join(_KINDS)))
