"""The rules that need the whole account: unique ids, references, no cycles.

They run on the raw parsed data (plain dicts and lists), not on the models, so
they still find every broken reference in a file whose items also have other
problems: a rep fixes everything in one pass. Each finding is
``(path, message, fix)`` with ``path`` pointing into the data, for line lookup.

>>> data = {"people": [{"id": "a", "name": "A", "reports_to": "b"}, {"id": "b", "name": "B", "reports_to": "a"}]}
>>> [message for _, message, _ in account_findings(data, "en")]
['reports_to forms a cycle: a → b → a']
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from .i18n import Text

__all__ = ["account_findings", "suggest", "Finding"]

Finding = tuple[tuple[Any, ...], str, str]

SELF_ORG = "self"

# (section, key, section its value must name, whether the value is a list)
REFERENCES = [
    ("departments", "org", "organisations", False),
    ("departments", "parent", "departments", False),
    ("people", "department", "departments", False),
    ("people", "reports_to", "people", False),
    ("people", "dotted_to", "people", True),
    ("people", "favours", "competitors", False),
    ("influence", "from", "people", False),
    ("influence", "to", "people", False),
    ("contacts", "from", "team", False),
    ("contacts", "to", "people", False),
    ("visits", "by", "team", True),
    ("visits", "met", "people", True),
    ("visits", "departments", "departments", True),
]
# REFERENCES by the section that holds them: (place in REFERENCES, key, section named, whether a list).
CHECKS: dict[str, list[tuple[int, str, str, bool]]] = {
    section: [(order, key, target, many) for order, (holder, key, target, many) in enumerate(REFERENCES) if holder == section]
    for section in dict.fromkeys(holder for holder, *_ in REFERENCES)
}
ID_SECTIONS = ("organisations", "departments", "people", "team", "competitors")

KIND = {
    "organisations": Text("organisation", "组织"),
    "departments": Text("department", "部门"),
    "people": Text("person", "人员"),
    "team": Text("team member", "我方成员"),
    "competitors": Text("competitor", "竞争对手"),
}
DUPLICATE_ID = Text("{kind} id '{id}' is used twice (first on line {first})", "{kind} id '{id}' 重复（第一次在第 {first} 行）")
DUPLICATE_ID_FIX = Text("give each {kind} its own id", "每个{kind}的 id 必须唯一")
RESERVED = Text("organisation id 'self' is reserved for the account itself", "组织 id 'self' 已保留给本客户自身")
RESERVED_FIX = Text("choose another id; departments without org already belong to 'self'", "换一个 id；不写 org 的部门默认属于 self")
DANGLING = Text("{key} '{value}' is not a {kind} in this file", "{key} '{value}' 不是本文件中的{kind}")
DANGLING_FIX = Text("did you mean '{guess}'?", "是不是 '{guess}'？")
DANGLING_NONE = Text("add a {kind} with id '{value}' or correct the id", "添加 id 为 '{value}' 的{kind}，或改正 id")
CYCLE = Text("{key} forms a cycle: {cycle}", "{key} 形成循环：{cycle}")
CYCLE_FIX = Text("remove or change one {key} in the cycle", "删除或修改循环中的一个 {key}")
SELF_REF = Text("{key} names the item itself", "{key} 指向了自己")
SELF_REF_FIX = Text("nobody {verb} themself; name someone else", "不能{verb}自己，请改为他人")
VERB = {"influence": Text("influences", "影响"), "people": Text("reports to", "汇报给")}


def suggest(wrong: str, names: dict[str, str]) -> str | None:
    """The id the user probably meant: a close spelling, or the id whose name they typed.

    >>> suggest("周院长", {"zhou": "周院长", "ma": "马科长"})
    'zhou'
    >>> suggest("zhuo", {"zhou": "周院长"})
    'zhou'
    """
    for ident, name in names.items():
        if wrong == name:
            return ident
    close = difflib.get_close_matches(wrong, list(names), n=1, cutoff=0.6)
    return close[0] if close else None


def _items(data: dict, section: str) -> Iterator[tuple[int, dict]]:
    items = data.get(section)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _text(value: object) -> str | None:
    if type(value) is str:  # nearly every id: skip the checks below
        return value
    if isinstance(value, bool) or value is None:
        return None
    return str(value) if isinstance(value, (str, int, float)) else None


def account_findings(data: dict, lang: str, lines: dict | None = None) -> list[Finding]:
    """Every whole-account rule broken by ``data``; ``lines`` maps paths to lines if known."""
    lines = lines or {}
    findings: list[Finding] = []
    ids: dict[str, dict[str, str]] = {}
    for section in ID_SECTIONS:
        ids[section] = known = {}
        first: dict[str, tuple] = {}
        kind = KIND[section](lang)
        for index, item in _items(data, section):
            ident = _text(item.get("id"))
            if ident is None:
                continue
            path = (section, index, "id")
            if ident in known:
                first_line = lines.get(first[ident], "?")
                findings.append((path, DUPLICATE_ID(lang, kind=kind, id=ident, first=first_line), DUPLICATE_ID_FIX(lang, kind=kind)))
                continue
            if section == "organisations" and ident == SELF_ORG:
                findings.append((path, RESERVED(lang), RESERVED_FIX(lang)))
            known[ident] = _text(item.get("name")) or ident
            first[ident] = path
    ids["organisations"].setdefault(SELF_ORG, SELF_ORG)

    # One walk over each section for all its references; the findings keep the order of REFERENCES.
    dangling: list[tuple[int, int, int, Finding]] = []
    for section, checks in CHECKS.items():
        resolved = [(order, key, target, ids[target], many) for order, key, target, many in checks]
        for index, item in _items(data, section):
            for order, key, target, known, many in resolved:
                values = item.get(key)
                if values is None or (type(values) is str and values in known):
                    continue  # nearly every item: nothing to check further
                values = values if many and isinstance(values, list) else [values]
                for position, value in enumerate(values):
                    value = _text(value)
                    if value is None or value in known:
                        continue
                    path = (section, index, key, position) if many else (section, index, key)
                    kind = KIND[target](lang)
                    guess = suggest(value, known)
                    fix = DANGLING_FIX(lang, guess=guess) if guess else DANGLING_NONE(lang, kind=kind, value=value)
                    dangling.append((order, index, position, (path, DANGLING(lang, key=key, value=value, kind=kind), fix)))
    findings += [finding for *_, finding in sorted(dangling, key=itemgetter(0, 1, 2))]

    findings += _self_references(data, lang)
    findings += _cycles(data, "people", "reports_to", lang)
    findings += _cycles(data, "departments", "parent", lang)
    return findings


def _self_references(data: dict, lang: str) -> Iterator[Finding]:
    for index, item in _items(data, "influence"):
        sways, listener = item.get("from"), item.get("to")
        # Two ids as text, nearly always: compared as they are.
        same = sways == listener if type(sways) is type(listener) is str else _text(sways) is not None and _text(sways) == _text(listener)
        if same:
            yield ("influence", index, "to"), SELF_REF(lang, key="from/to"), SELF_REF_FIX(lang, verb=VERB["influence"](lang))
    for index, item in _items(data, "people"):
        dotted = item.get("dotted_to")
        if isinstance(dotted, list) and _text(item.get("id")) in map(_text, dotted):
            yield ("people", index, "dotted_to"), SELF_REF(lang, key="dotted_to"), SELF_REF_FIX(lang, verb=VERB["people"](lang))


def _cycles(data: dict, section: str, key: str, lang: str) -> Iterator[Finding]:
    """Each cycle in a one-parent relation once, located at its first member in file order."""
    parent: dict[str, str] = {}
    index_of: dict[str, int] = {}
    for index, item in _items(data, section):
        ident, up = item.get("id"), item.get(key)
        # Ids are text nearly always; anything else goes through _text (a call per value costs 40 ms at 100,000).
        ident = ident if type(ident) is str else _text(ident)
        up = up if type(up) is str else _text(up)
        if ident is not None and ident not in index_of:
            index_of[ident] = index
            if up is not None:
                parent[ident] = up
    # Each walk marks what it passes with its number; meeting its own number again closes a cycle. Linear in the
    # number of items however long the chains (a list of the trail made a 20,000-person chain take 3 s).
    walked: dict[str, int] = {}
    for walk, start in enumerate(index_of):
        node: str | None = start
        while node is not None and node not in walked:
            walked[node] = walk
            node = parent.get(node)
        if node is not None and walked[node] == walk:
            cycle = [node]
            while (up := parent[cycle[-1]]) != node:
                cycle.append(up)
            first = min(cycle, key=index_of.__getitem__)
            at = cycle.index(first)
            ordered = cycle[at:] + cycle[:at] + [first]
            yield (section, index_of[first], key), CYCLE(lang, key=key, cycle=" → ".join(ordered)), CYCLE_FIX(lang, key=key)
