"""What the page shows: the people, departments and ties to draw, with where we stand, as plain data.

The analyses decide the marks (decision power, decider and key people, champion
candidates, untouched departments); this module only picks what to show — every
person, one department or person's neighbourhood (``focus``), or for a large
account one node per department — and where each item stands on the page.

>>> from chainmap.loader import loads
>>> from chainmap.graph import to_graph
>>> G = to_graph(loads('''
... id: d
... name: D
... departments: [{id: it, name: IT}, {id: buy, name: Purchasing}]
... people:
...   - {id: li, name: Li, department: it, roles: [decision_maker], stage: trust}
...   - {id: ma, name: Ma, department: it, reports_to: li}
... '''))
>>> shown = scene(G)
>>> shown["mode"], [p["id"] for p in shown["people"]], [(d["id"], d["untouched"]) for d in shown["departments"]]
('people', ['li', 'ma'], [('it', False), ('buy', True)])
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ..bulk import paused_gc
from ..errors import UsageError
from ..graph import (
    COMPETITOR,
    DEPARTMENT,
    ORGANISATION,
    PERSON,
    SELF_ORG,
    TEAM,
    department_of,
    departments,
    find,
    nodes_of,
    out_ties,
    people,
    person,
    sub_departments,
)
from ..i18n import Text
from . import layout as placing

__all__ = ["scene", "LAYOUTS", "MAX_PEOPLE", "CHAMPIONS_MARKED", "TIES"]

LAYOUTS = ("hierarchy", "force")
# Above this many people a page of people is an unreadable disc and slow to draw: show departments instead.
MAX_PEOPLE = 1500
# The best candidates (and the two guides) are worth a mark; the long tail of the ranking is not.
CHAMPIONS_MARKED = 2
# The ties between people (and our team and rivals) drawn as edges; membership is drawn as the department frame.
TIES = ("reports_to", "dotted_to", "influences", "contact", "favours")
# Room for one department and its two-line label on the department map.
DEPARTMENT_CELL = (210, 130)
# How far a person's neighbourhood reaches when the page is focused on them.
FOCUS_STEPS = 2

UNKNOWN_LAYOUT = Text("layout must be one of: {layouts}", "布局只能是：{layouts}")


@paused_gc()
def scene(G: nx.MultiDiGraph, *, focus: str | None = None, layout: str = "hierarchy", lang: str = "en") -> dict:
    """The items of the page and their positions.

    Returns ``{"mode": "people" | "departments", "layout", "focus_node", "people", "departments",
    "team", "competitors", "edges", "positions", "total_people"}``; ``positions`` maps
    graph nodes to ``(x, y)``.
    """
    if layout not in LAYOUTS:
        raise UsageError(UNKNOWN_LAYOUT(lang, layouts=", ".join(LAYOUTS)))
    standing = _standing(G, lang)
    everyone = people(G)
    if focus is not None:
        return _people_scene(G, standing, *_focus(G, focus, lang), layout, len(everyone))
    if len(everyone) > MAX_PEOPLE:
        return _department_scene(G, standing, layout, len(everyone))
    return _people_scene(G, standing, everyone, departments(G), None, layout, len(everyone))


def _standing(G: nx.MultiDiGraph, lang: str) -> dict:
    """The analyses' verdicts the page marks, keyed by graph node."""
    from ..analysis.champions import champions
    from ..analysis.coverage import Reach
    from ..analysis.power import analyse

    # One analysis for every mark; the page shows scores and positions, not the analyses' sentences.
    power = analyse(G)
    coaching = champions(G, lang=lang, power=power, top=CHAMPIONS_MARKED, reasons=False)
    reach = Reach(G)
    marked = {person(c["id"]) for c in coaching["candidates"]}
    guides = {person(coaching[guide]["id"]): guide for guide in ("technical_guide", "relationship_guide") if coaching[guide]}
    scores = zip(power.facts.nodes, power.score, power.position)
    return {
        # Rounded as who-decides rounds its scores.
        "power": {who: {"score": round(score, 3), "position": position} for who, score, position in scores},
        "champions": marked | set(guides),
        "guides": guides,
        "untouched": {dept for dept in departments(G) if dept not in reach.departments},
        "reached": reach.people,
    }


def _focus(G: nx.MultiDiGraph, focus: str, lang: str) -> tuple[list[str], list[str], str]:
    """The people and departments a focused page opens — a department's tree, or a person's neighbourhood — and the focus's node."""
    here = find(G, focus, (DEPARTMENT, PERSON), lang=lang)
    if G.nodes[here]["kind"] == DEPARTMENT:
        opened = [here, *sub_departments(G, here)]
        within = set(opened)
        inside = [who for who in people(G) if department_of(G, who) in within]
        shown = set(inside) | set(_neighbours(G, inside))
        return [who for who in people(G) if who in shown], opened, here
    shown = {here}
    ring = [here]
    for _ in range(FOCUS_STEPS):
        ring = [who for who in _neighbours(G, ring) if who not in shown]
        shown.update(ring)
    return [who for who in people(G) if who in shown], [], here


def _neighbours(G: nx.MultiDiGraph, group: Iterable[str]) -> list[str]:
    """People one tie away from anyone in ``group``, in either direction."""
    found = []
    for who in group:
        ties = [(other, kind) for _, other, kind in G.out_edges(who, data="kind")]
        ties += [(other, kind) for other, _, kind in G.in_edges(who, data="kind")]
        found += [other for other, kind in ties if kind in TIES and G.nodes[other]["kind"] == PERSON]
    return found


def _department_order(G: nx.MultiDiGraph) -> tuple[list[str], dict[str, str]]:
    """Every department, each parent before its units (depth first, file order), and each unit's parent."""
    parent: dict[str, str] = {}
    for here, _ in nodes_of(G, DEPARTMENT):
        for _, target, kind in G.out_edges(here, data="kind"):
            if kind == "part_of" and G.nodes[target]["kind"] == DEPARTMENT:
                parent[here] = target
    children: dict[str | None, list[str]] = {}
    for here, _ in nodes_of(G, DEPARTMENT):
        children.setdefault(parent.get(here), []).append(here)
    order: list[str] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        here = stack.pop()
        order.append(here)
        stack += reversed(children.get(here, []))
    return order, parent


def _tie(source: str, target: str, kind: str, *, strength: int | None = None, stage: str = "") -> dict:
    return {"from": source, "to": target, "kind": kind, "strength": strength, "stage": stage}


def _department_item(G: nx.MultiDiGraph, here: str, standing: dict, inside: list[str]) -> dict:
    attrs = G.nodes[here]
    org = next((t for _, t, k in G.out_edges(here, data="kind") if k == "part_of" and G.nodes[t]["kind"] == ORGANISATION), None)
    organisation = G.nodes[org]["name"] if org and G.nodes[org]["id"] != SELF_ORG else None
    return {
        "node": here,
        "id": attrs["id"],
        "name": attrs["name"],
        # Another organisation's department carries its name, so a parent group's finance is not mistaken for ours.
        "title": f"{organisation} · {attrs['name']}" if organisation else attrs["name"],
        "organisation": organisation,
        "function": str(attrs["function"]),
        "weight": str(attrs["weight"]),
        "concerns": list(attrs["concerns"]),
        "untouched": here in standing["untouched"],
        "people": len(inside),
        "reached": sum(1 for who in inside if who in standing["reached"]),
        "attitudes": {a: sum(1 for who in inside if G.nodes[who]["attitude"] == a) for a in ("supporter", "neutral", "opponent")},
    }


def _person_item(G: nx.MultiDiGraph, who: str, standing: dict) -> dict:
    attrs = G.nodes[who]
    dept = department_of(G, who)
    power = standing["power"].get(who, {})
    return {
        "node": who,
        "id": attrs["id"],
        "name": attrs["name"],
        "title": attrs["title"],
        "department": dept,
        "department_name": G.nodes[dept]["name"] if dept else None,
        "roles": [str(role) for role in attrs["roles"]],
        "attitude": str(attrs["attitude"]),
        "stage": str(attrs["stage"]),
        "personality": str(attrs["personality"]),
        "informed": attrs["informed"],
        "concerns": list(attrs["concerns"]),
        "notes": attrs["notes"],
        "score": power.get("score", 0.0),
        "position": power.get("position", "other"),
        "champion": who in standing["champions"],
        "guide": standing["guides"].get(who),
        "reached": who in standing["reached"],
    }


def _people_scene(
    G: nx.MultiDiGraph, standing: dict, shown: list[str], opened: list[str], focus: str | None, layout: str, total: int
) -> dict:
    """People ``shown``, their departments and the departments ``opened`` (drawn even when empty); ``focus`` is a node."""
    shown_set = set(shown)
    edges = []
    for u, v, attrs in G.edges(data=True):
        kind = attrs["kind"]
        hidden_end = any(end not in shown_set and G.nodes[end]["kind"] == PERSON for end in (u, v))
        if kind not in TIES or hidden_end:
            continue
        edges.append(_tie(u, v, kind, strength=attrs.get("strength"), stage=str(attrs.get("stage") or "")))
    linked = {e["from"] for e in edges} | {e["to"] for e in edges}
    team = [{"node": n, "name": a["name"], "role": str(a["role"])} for n, a in nodes_of(G, TEAM) if n in linked]
    rivals = [{"node": n, "name": a["name"], "note": a["note"]} for n, a in nodes_of(G, COMPETITOR) if n in linked]

    order, _ = _department_order(G)
    members: dict[str | None, list[str]] = {}
    for who in shown:
        members.setdefault(department_of(G, who), []).append(who)
    visible = [d for d in order if d in members or d in opened]
    department_items = [_department_item(G, d, standing, members.get(d, [])) for d in visible]
    # An empty department is drawn as its own box, so it stands in its group's place.
    titled = [([t["node"] for t in team], "")] + [(members.get(item["node"], [item["node"]]), item["title"]) for item in department_items]
    titled = [(group, title) for group, title in titled + [(members.get(None, []), ""), ([r["node"] for r in rivals], "")] if group]
    groups = [group for group, _ in titled]
    boss = {who: b for who in shown for _, b, kind in G.out_edges(who, data="kind") if kind == "reports_to"}
    positions = placing.blocks(groups, boss, titles=[title for _, title in titled])
    if layout == "force":
        # Hidden ties from each department's first member hold the department together in the simulation.
        edges += [_tie(group[0], other, "member_of") for group in groups for other in group[1:]]
    return {
        "mode": "people",
        "layout": layout,
        "focus_node": focus,
        "total_people": total,
        "people": [_person_item(G, who, standing) for who in shown],
        "departments": department_items,
        "team": team,
        "competitors": rivals,
        "edges": edges,
        "positions": positions,
    }


def _department_scene(G: nx.MultiDiGraph, standing: dict, layout: str, total: int) -> dict:
    """One node per department, each company's department tree in its own box, and the ties between departments."""
    order, parent = _department_order(G)
    department_of_person = {who: department_of(G, who) for who in people(G)}
    members: dict[str, list[str]] = {}
    for who, dept in department_of_person.items():
        if dept:
            members.setdefault(dept, []).append(who)
    department_items = [_department_item(G, d, standing, members.get(d, [])) for d in order]
    edges = [_tie(child, up, "part_of") for child, up in parent.items()]
    between: dict[tuple[str, str], int] = {}
    # Only people start these ties; reading their adjacency in file order counts them in the order G.edges() would.
    for u in department_of_person:
        for v, attrs in out_ties(G, u):
            if attrs["kind"] not in ("reports_to", "dotted_to", "influences") or G.nodes[v]["kind"] != PERSON:
                continue
            here, there = department_of_person[u], department_of_person.get(v)
            # A unit and its parent are already joined by the unit-of line.
            if here and there and here != there and parent.get(here) != there:
                between[(here, there)] = between.get((here, there), 0) + 1
    edges += [_tie(a, b, "between", strength=count) for (a, b), count in between.items()]
    companies: dict[str, list[str]] = {}
    for here in order:
        top = here
        while top in parent:
            top = parent[top]
        companies.setdefault(top, []).append(here)
    positions = placing.blocks(list(companies.values()), parent, cell=DEPARTMENT_CELL)
    return {
        "mode": "departments",
        "layout": layout,
        "focus_node": None,
        "total_people": total,
        "people": [],
        "departments": department_items,
        "team": [],
        "competitors": [],
        "edges": edges,
        "positions": positions,
    }
