"""The account at a glance: departments as a tree with their people.

>>> from chainmap.loader import loads
>>> from chainmap.graph import to_graph
>>> G = to_graph(loads("id: d\\nname: D\\ndepartments: [{id: it, name: IT}]\\npeople: [{id: a, name: An, department: it, roles: [decision_maker]}]"))
>>> overview(G)["organisations"][0]["departments"][0]["people"][0]["roles"]
['decision_maker']
"""

from __future__ import annotations

import networkx as nx

from .graph import DEPARTMENT, ORGANISATION, PERSON, department_of, nodes_of, people
from .i18n import Text
from .report import Document, Paragraph, Tree

__all__ = ["overview", "to_document"]

NO_DEPARTMENT = Text("(no department)", "（未分部门）")
SUMMARY = Text(
    "{people} people in {departments} departments · industry: {industry} · ownership: {ownership} · funding: {funding}",
    "{people} 人，{departments} 个部门 · 行业：{industry} · 所有制：{ownership} · 资金：{funding}",
)
UNKNOWN = Text("unknown", "未知")
ATTITUDE_UNKNOWN = Text("attitude unknown", "态度未知")
PERSONALITY_UNKNOWN = Text("personality unknown", "性格未知")
ATTITUDE_STYLE = {"supporter": "green", "opponent": "red", "neutral": "yellow", "unknown": "dim"}


def _person(attrs: dict) -> dict:
    return {
        "id": attrs["id"],
        "name": attrs["name"],
        "title": attrs["title"],
        "roles": [str(role) for role in attrs["roles"]],
        "attitude": str(attrs["attitude"]),
        "stage": str(attrs["stage"]),
        "personality": str(attrs["personality"]),
    }


def overview(G: nx.MultiDiGraph) -> dict:
    """Organisations, their department trees and everyone in them, as plain data."""
    by_department: dict[str | None, list[dict]] = {}
    for who in people(G):
        dept = department_of(G, who)
        by_department.setdefault(G.nodes[dept]["id"] if dept else None, []).append(_person(G.nodes[who]))
    children: dict[str | None, list[str]] = {}
    for here, _ in nodes_of(G, DEPARTMENT):
        parent = next((t for _, t, k in G.out_edges(here, data="kind") if k == "part_of" and G.nodes[t]["kind"] == DEPARTMENT), None)
        org = next(t for _, t, k in G.out_edges(here, data="kind") if k == "part_of" and G.nodes[t]["kind"] == ORGANISATION)
        children.setdefault(parent or org, []).append(here)

    # Every department's item first, then each hung under its parent in file order: no recursion, so a tree
    # deeper than Python's recursion limit still shows.
    item = {}
    for here, attrs in nodes_of(G, DEPARTMENT):
        item[here] = {
            "id": attrs["id"],
            "name": attrs["name"],
            "function": str(attrs["function"]),
            "weight": str(attrs["weight"]),
            "people": by_department.get(attrs["id"], []),
        }
    for here in item:
        item[here]["departments"] = [item[child] for child in children.get(here, [])]
    organisations = [
        {"id": attrs["id"], "name": attrs["name"], "departments": [item[d] for d in children.get(org, [])]}
        for org, attrs in nodes_of(G, ORGANISATION)
    ]
    return {
        "account": G.graph["id"],
        "name": G.graph["name"],
        "industry": G.graph["industry"],
        "ownership": str(G.graph["ownership"]),
        "funding": {k: str(v) if v is not None else None for k, v in (G.graph["funding"] or {}).items()} or None,
        "people": sum(1 for _ in nodes_of(G, PERSON)),
        "organisations": organisations,
        "unassigned": by_department.get(None, []),
    }


def to_document(result: dict, lang: str) -> Document:
    """The overview as a tree: organisation → departments → people."""
    from .enums import Attitude, Function, FundingSource, FundingStatus, Ownership, Personality, Role, Stage, Weight

    def person_line(p: dict) -> tuple[str, str]:
        parts = [p["name"] + (f"（{p['title']}）" if lang == "zh" and p["title"] else f" ({p['title']})" if p["title"] else "")]
        if p["roles"]:
            parts.append("/".join(Role(r).label(lang) for r in p["roles"]))
        attitude, personality = Attitude(p["attitude"]), Personality(p["personality"])
        parts.append(ATTITUDE_UNKNOWN(lang) if attitude is Attitude.UNKNOWN else attitude.label(lang))
        parts.append(Stage(p["stage"]).label(lang))
        parts.append(PERSONALITY_UNKNOWN(lang) if personality is Personality.UNKNOWN else personality.label(lang))
        return " · ".join(parts), ATTITUDE_STYLE[p["attitude"]]

    def dept_node(d: dict) -> Tree:
        label = f"{d['name']} [{Function(d['function']).label(lang)} · {Weight(d['weight']).label(lang)}]"
        return Tree((label, "bold"), [Tree(person_line(p)) for p in d["people"]])

    def dept_tree(top: dict) -> Tree:
        # A department's people, then its sub-departments; a stack, not recursion, as in overview().
        root = dept_node(top)
        stack = [(top, root)]
        while stack:
            d, node = stack.pop()
            for child in d["departments"]:
                node.children.append(dept_node(child))
                stack.append((child, node.children[-1]))
        return root

    funding = result["funding"]
    funding_text = (
        f"{FundingStatus(funding['status']).label(lang)} / {FundingSource(funding['source']).label(lang)}" if funding else UNKNOWN(lang)
    )
    count = sum(1 for _ in _walk(result["organisations"]))
    blocks = [
        Paragraph(
            SUMMARY(
                lang,
                people=result["people"],
                departments=count,
                industry=result["industry"] or UNKNOWN(lang),
                ownership=Ownership(result["ownership"]).label(lang),
                funding=funding_text,
            )
        )
    ]
    for org in result["organisations"]:
        if org["id"] == "self" or org["departments"]:
            blocks.append(Tree((org["name"], "bold cyan"), [dept_tree(d) for d in org["departments"]]))
    if result["unassigned"]:
        blocks.append(Tree((NO_DEPARTMENT(lang), "bold"), [Tree(person_line(p)) for p in result["unassigned"]]))
    return Document(f"{result['name']} ({result['account']})", blocks)


def _walk(organisations: list[dict]):
    stack = [d for org in organisations for d in org["departments"]]
    while stack:
        d = stack.pop()
        yield d
        stack += d["departments"]
