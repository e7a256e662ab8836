"""What changed between two versions of an account: people, stances, links, and who decides.

A sales lead reviewing a week's work wants the moves, not the files: who
joined or left, whose attitude or stage moved (and which way), new or lost
influence and contacts, and above all whether the decider or the best
champion is someone else now (computed on both versions by the analyses).

>>> from chainmap import loads
>>> old = loads("id: d\\nname: D\\npeople: [{id: zhou, name: Zhou, stage: none}]")
>>> new = loads("id: d\\nname: D\\npeople: [{id: zhou, name: Zhou, stage: meeting}, {id: ma, name: Ma}]")
>>> result = changes(old, new)
>>> [p["id"] for p in result["joined"]], result["moves"][0]["direction"]
(['ma'], 'up')
"""

from __future__ import annotations

from typing import Any

from ..enums import Attitude, Choice, Personality, Role, Stage
from ..graph import to_graph
from ..i18n import Text, join
from ..model import Account
from ..report import Bullets, Document, Heading, Paragraph, Table

__all__ = ["changes", "to_document", "FIELDS"]

# Person fields whose change is reported; attitude and stage are "moves" with a direction.
FIELDS = ("title", "department", "reports_to", "roles", "personality", "informed", "dotted_to", "favours")
MOVES = ("attitude", "stage")
VOCABULARY = {"attitude": Attitude, "stage": Stage, "roles": Role, "personality": Personality}
# Attitude from worst to best for us: a move up the list is good news.
ATTITUDE_ORDER = [Attitude.OPPONENT, Attitude.UNKNOWN, Attitude.NEUTRAL, Attitude.SUPPORTER]

TITLE = Text("What changed in {name}", "{name} 的变化")
NOTHING = Text("No changes.", "没有变化。")
JOINED = Text("Joined", "新增人员")
LEFT = Text("Left", "离开人员")
MOVED = Text("Attitude and stage", "态度与关系阶段")
CHANGED = Text("Other changes", "其他变化")
INFLUENCE = Text("Influence", "影响关系")
CONTACTS = Text("Our contacts", "我方联系")
DEPARTMENTS = Text("Departments", "部门")
VISITS = Text("Visits logged", "新增拜访")
DECIDER = Text("The decider changed: {old} → {new}", "拍板人变了：{old} → {new}")
DECIDER_SAME = Text("The decider is still {who}.", "拍板人仍是 {who}。")
CHAMPION = Text("The best champion changed: {old} → {new}", "最佳内线人选变了：{old} → {new}")
CHAMPION_SAME = Text("The best champion is still {who}.", "最佳内线人选仍是 {who}。")
NOBODY = Text("nobody", "无")
ADDED = Text("added", "新增")
REMOVED = Text("removed", "删除")
STRENGTH_IS = Text("strength {value}", "强度 {value}")
YES, NO = Text("yes", "是"), Text("no", "否")
UP, DOWN = Text("better", "改善"), Text("worse", "变差")
FIELD_LABEL = {
    "attitude": Text("attitude", "态度"),
    "stage": Text("stage", "关系阶段"),
    "title": Text("title", "职务"),
    "department": Text("department", "部门"),
    "reports_to": Text("reports to", "上级"),
    "roles": Text("roles", "角色"),
    "personality": Text("personality", "性格"),
    "informed": Text("informed", "知情"),
    "dotted_to": Text("dotted line to", "虚线汇报"),
    "favours": Text("favours", "倾向"),
}
COLUMNS = {
    "who": Text("who", "人员"),
    "field": Text("field", "字段"),
    "old": Text("before", "之前"),
    "new": Text("after", "之后"),
    "direction": Text("direction", "方向"),
}


def _plain(value: Any) -> Any:
    if isinstance(value, Choice):
        return value.value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _person(person: Any) -> dict:
    return {"id": person.id, "name": person.name, "title": person.title, "department": person.department}


def _direction(field: str, old: Choice, new: Choice) -> str:
    if field == "stage":
        return "up" if Stage(new).rank > Stage(old).rank else "down"
    return "up" if ATTITUDE_ORDER.index(new) > ATTITUDE_ORDER.index(old) else "down"


def _links(account: Account, section: str) -> dict[tuple[str, str], Any]:
    return {(link.source, link.target): link for link in getattr(account, section)}


def _link_changes(old: Account, new: Account, section: str, field: str) -> dict:
    before, after = _links(old, section), _links(new, section)
    return {
        "added": [{"from": a, "to": b, field: _plain(getattr(after[a, b], field))} for a, b in after if (a, b) not in before],
        "removed": [{"from": a, "to": b, field: _plain(getattr(before[a, b], field))} for a, b in before if (a, b) not in after],
        "changed": [
            {"from": a, "to": b, "old": _plain(getattr(before[a, b], field)), "new": _plain(getattr(after[a, b], field))}
            for a, b in after
            if (a, b) in before and getattr(before[a, b], field) != getattr(after[a, b], field)
        ],
    }


def _top(account: Account, lang: str) -> tuple[dict | None, dict | None]:
    """The decider and the best champion of one version, as ``{"id", "name"}`` or ``None``."""
    from .champions import champions
    from .power import analyse, who_decides

    G = to_graph(account)
    power = analyse(G)
    decider = who_decides(G, lang=lang, power=power, top=1, reasons=False)["decider"]
    candidates = champions(G, lang=lang, power=power, top=1, reasons=False)["candidates"]
    champion = {"id": candidates[0]["id"], "name": candidates[0]["name"]} if candidates else None
    return decider, champion


def _switch(old: dict | None, new: dict | None) -> dict:
    changed = (old or {}).get("id") != (new or {}).get("id")
    return {"old": old, "new": new, "changed": changed}


def changes(old: Account, new: Account, *, lang: str = "en") -> dict:
    """Everything that differs between ``old`` and ``new`` that a rep acts on, as plain data.

    Keys: ``account``, ``joined``/``left`` (people), ``moves`` (attitude and stage,
    with ``direction`` up or down), ``changes`` (other person fields),
    ``influence``/``contacts`` (``added``, ``removed``, ``changed``),
    ``departments`` (``added``, ``removed``), ``visits`` (new log entries),
    ``decider`` and ``champion`` (``old``, ``new``, ``changed``).
    """
    before = {person.id: person for person in old.people}
    after = {person.id: person for person in new.people}
    moves, changed = [], []
    for ident, person in after.items():
        if ident not in before:
            continue
        was = before[ident]
        for field in MOVES:
            if getattr(was, field) != getattr(person, field):
                moves.append(
                    {
                        "id": ident,
                        "name": person.name,
                        "field": field,
                        "old": _plain(getattr(was, field)),
                        "new": _plain(getattr(person, field)),
                        "direction": _direction(field, getattr(was, field), getattr(person, field)),
                    }
                )
        for field in FIELDS:
            if _plain(getattr(was, field)) != _plain(getattr(person, field)):
                changed.append({"id": ident, "name": person.name, "field": field, "old": _plain(getattr(was, field)), "new": _plain(getattr(person, field))})
    old_departments = {d.id: d for d in old.departments}
    new_departments = {d.id: d for d in new.departments}
    known_visits = {visit.model_dump_json() for visit in old.visits}
    old_decider, old_champion = _top(old, lang)
    new_decider, new_champion = _top(new, lang)
    return {
        "account": new.id,
        "name": new.name,
        "joined": [_person(p) for ident, p in after.items() if ident not in before],
        "left": [_person(p) for ident, p in before.items() if ident not in after],
        "moves": moves,
        "changes": changed,
        "influence": _link_changes(old, new, "influence", "strength"),
        "contacts": _link_changes(old, new, "contacts", "stage"),
        "departments": {
            "added": [{"id": d.id, "name": d.name} for ident, d in new_departments.items() if ident not in old_departments],
            "removed": [{"id": d.id, "name": d.name} for ident, d in old_departments.items() if ident not in new_departments],
        },
        "visits": [visit.model_dump(mode="json", exclude={"extra"}) for visit in new.visits if visit.model_dump_json() not in known_visits],
        "decider": _switch(old_decider, new_decider),
        "champion": _switch(old_champion, new_champion),
    }


def _value(field: str, value: Any, lang: str) -> str:
    if value is None or value == []:
        return "—"
    values = value if isinstance(value, list) else [value]
    if field in VOCABULARY:
        return join(lang, [VOCABULARY[field](v).label(lang) for v in values])
    if isinstance(value, bool):
        return YES(lang) if value else NO(lang)
    return join(lang, [str(v) for v in values])


def _who(item: dict) -> str:
    return f"{item['name']} ({item['id']})"


def _name(item: dict | None, lang: str) -> str:
    return _who(item) if item else NOBODY(lang)


def to_document(result: dict, lang: str) -> Document:
    """The changes as a report: decider and champion first, then people, stances and links."""
    blocks: list = []
    for key, moved, same in (("decider", DECIDER, DECIDER_SAME), ("champion", CHAMPION, CHAMPION_SAME)):
        switch = result[key]
        if switch["changed"]:
            blocks.append(Paragraph(moved(lang, old=_name(switch["old"], lang), new=_name(switch["new"], lang))))
        else:
            blocks.append(Paragraph(same(lang, who=_name(switch["new"], lang))))
    empty = len(blocks)
    for heading, people in ((JOINED, result["joined"]), (LEFT, result["left"])):
        if people:
            blocks += [Heading(heading(lang)), Bullets([_who(p) + (f" · {p['title']}" if p["title"] else "") for p in people])]
    if result["moves"]:
        rows = [
            [_who(m), FIELD_LABEL[m["field"]](lang), _value(m["field"], m["old"], lang), _value(m["field"], m["new"], lang), (UP(lang), "green") if m["direction"] == "up" else (DOWN(lang), "red")]
            for m in result["moves"]
        ]
        blocks += [Heading(MOVED(lang)), Table([COLUMNS[c](lang) for c in ("who", "field", "old", "new", "direction")], rows)]
    if result["changes"]:
        rows = [[_who(c), FIELD_LABEL[c["field"]](lang), _value(c["field"], c["old"], lang), _value(c["field"], c["new"], lang)] for c in result["changes"]]
        blocks += [Heading(CHANGED(lang)), Table([COLUMNS[c](lang) for c in ("who", "field", "old", "new")], rows)]
    for heading, section, field, describe in (
        (INFLUENCE, "influence", "strength", lambda value: STRENGTH_IS(lang, value=value)),
        (CONTACTS, "contacts", "stage", lambda value: Stage(value).label(lang)),
    ):
        links = result[section]
        items = [f"{ADDED(lang)}: {link['from']} → {link['to']} · {describe(link[field])}" for link in links["added"]]
        items += [f"{REMOVED(lang)}: {link['from']} → {link['to']} · {describe(link[field])}" for link in links["removed"]]
        items += [f"{link['from']} → {link['to']}: {describe(link['old'])} → {describe(link['new'])}" for link in links["changed"]]
        if items:
            blocks += [Heading(heading(lang)), Bullets(items)]
    departments = [f"{ADDED(lang)}: {_who(d)}" for d in result["departments"]["added"]]
    departments += [f"{REMOVED(lang)}: {_who(d)}" for d in result["departments"]["removed"]]
    if departments:
        blocks += [Heading(DEPARTMENTS(lang)), Bullets(departments)]
    if result["visits"]:
        blocks += [Heading(VISITS(lang)), Bullets([f"{v['date']}: {join(lang, v['met'])}" + (f" · {v['notes']}" if v.get("notes") else "") for v in result["visits"]])]
    if len(blocks) == empty and not result["decider"]["changed"] and not result["champion"]["changed"]:
        blocks.append(Paragraph(NOTHING(lang)))
    return Document(TITLE(lang, name=result["name"]), blocks)
