"""The account as a graph: the one structure every analysis works on.

Nodes are ``"<kind>:<id>"`` strings (kinds below) so a department and a person
may share an id; each node carries ``kind``, ``id`` and the item's own fields.
References become edges, each with a ``kind``:

============  ==============================  ======================
edge kind     from → to                       attributes
============  ==============================  ======================
reports_to    person → boss                   —
dotted_to     person → dotted-line boss       —
member_of     person → department             —
part_of       department → parent / its org   —
influences    the one who sways → listener    strength, note
contact       team member → person            stage, note
favours       person → competitor             —
============  ==============================  ======================

Account-level fields (id, name, ownership, funding, visits …) sit in ``G.graph``.
Edges have no order of their own: :func:`from_graph` lists influence and contacts
grouped by the person they start from.

>>> from chainmap.model import Account
>>> account = Account.model_validate({"id": "demo", "name": "Demo", "people": [
...     {"id": "zhou", "name": "Zhou"}, {"id": "ma", "name": "Ma", "reports_to": "zhou"}]})
>>> G = to_graph(account)
>>> boss(G, person("ma"))
'person:zhou'
>>> from_graph(G) == account
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from .bulk import paused_gc
from .errors import NotFoundError
from .i18n import Text, join
from .model import KIND_WORD, Account, Contact, Influence
from .rules import suggest

__all__ = [
    "PERSON",
    "DEPARTMENT",
    "ORGANISATION",
    "TEAM",
    "COMPETITOR",
    "SELF_ORG",
    "to_graph",
    "from_graph",
    "node",
    "person",
    "department",
    "nodes_of",
    "people",
    "departments",
    "boss",
    "department_of",
    "organisation_of",
    "members",
    "find",
    "sub_departments",
    "influence_edges",
    "out_ties",
    "in_ties",
]

PERSON, DEPARTMENT, ORGANISATION, TEAM, COMPETITOR = "person", "department", "organisation", "team", "competitor"
SELF_ORG = "self"

OR = Text(" or ", "或")
NOT_FOUND = Text("no {what} '{id}' in account '{account}'", "客户 '{account}' 中没有{what} '{id}'")
DID_YOU_MEAN = Text(" (did you mean '{guess}'?)", "（是不是 '{guess}'？）")
SEE_IDS = Text(" (`chainmap show` lists every id)", "（`chainmap show` 可列出所有 id）")
SAME_NAME = Text("{count} items are called '{name}' in account '{account}': name one by its id ({ids})", "客户 '{account}' 中有 {count} 项都叫 '{name}'：请用 id 指明（{ids}）")

# Item fields that are references and therefore become edges instead of node attributes.
_PERSON_REFS = {"department", "reports_to", "dotted_to", "favours"}
_DEPARTMENT_REFS = {"org", "parent"}
_SECTIONS = [
    ("organisations", ORGANISATION, set()),
    ("departments", DEPARTMENT, _DEPARTMENT_REFS),
    ("people", PERSON, _PERSON_REFS),
    ("team", TEAM, set()),
    ("competitors", COMPETITOR, set()),
]
_SECTION_OF = {kind: section for section, kind, _ in _SECTIONS}
_ACCOUNT_FIELDS = ("id", "name", "industry", "ownership", "funding", "extra")
_ENDS = {"source", "target"}


def node(kind: str, ident: str) -> str:
    """The graph node of item ``ident`` of ``kind``.

    >>> node("department", "it")
    'department:it'
    """
    return f"{kind}:{ident}"


def person(ident: str) -> str:
    """The graph node of person ``ident``."""
    return f"{PERSON}:{ident}"


def department(ident: str) -> str:
    """The graph node of department ``ident``."""
    return f"{DEPARTMENT}:{ident}"


@paused_gc()
def to_graph(account: Account) -> nx.MultiDiGraph:
    """Turn a checked account into a ``MultiDiGraph`` (see the module doc for its shape)."""
    # One dump of the whole account: a model_dump per item costs several times more at 100,000 people.
    data = account.model_dump()
    G = nx.MultiDiGraph()
    G.graph.update({name: data[name] for name in _ACCOUNT_FIELDS})
    G.graph["visits"] = data["visits"]

    G.add_node(node(ORGANISATION, SELF_ORG), kind=ORGANISATION, id=SELF_ORG, name=account.name, relation=None, funds_project=False)
    # Each node's name made once and shared by its edges: the adjacency dicts then find it by identity,
    # without hashing and comparing a fresh copy of the string for every end of every edge.
    names: dict[str, dict[str, str]] = {kind: {} for _, kind, _ in _SECTIONS}

    def named(kind: str, ident: str) -> str:
        known = names[kind]
        here = known.get(ident)
        if here is None:
            here = known[ident] = node(kind, ident)
        return here

    for section, kind, references in _SECTIONS:
        _add_nodes(G, ((named(kind, item["id"]), _fields(item, references, kind=kind)) for item in data[section]))

    edges: list[tuple[str, str, dict[str, Any]]] = []
    for dept in data["departments"]:
        here = named(DEPARTMENT, dept["id"])
        edges.append((here, named(ORGANISATION, dept["org"] or SELF_ORG), {"kind": "part_of"}))
        if dept["parent"]:
            edges.append((here, named(DEPARTMENT, dept["parent"]), {"kind": "part_of"}))
    for item in data["people"]:
        here = named(PERSON, item["id"])
        if item["department"]:
            edges.append((here, named(DEPARTMENT, item["department"]), {"kind": "member_of"}))
        # Dotted lines before the formal one: the graph keeps a person's edges grouped by the order
        # their targets first appear, so a boss also named in dotted_to would otherwise move first.
        edges += [(here, named(PERSON, other), {"kind": "dotted_to"}) for other in item["dotted_to"]]
        if item["reports_to"]:
            edges.append((here, named(PERSON, item["reports_to"]), {"kind": "reports_to"}))
        if item["favours"]:
            edges.append((here, named(COMPETITOR, item["favours"]), {"kind": "favours"}))
    for link in data["influence"]:
        edges.append((named(PERSON, link["source"]), named(PERSON, link["target"]), _fields(link, _ENDS, kind="influences")))
    for tie in data["contacts"]:
        edges.append((named(TEAM, tie["source"]), named(PERSON, tie["target"]), _fields(tie, _ENDS, kind="contact")))
    _add_edges(G, edges)
    return G


def _fields(item: dict[str, Any], leave_out: set[str], *, kind: str) -> dict[str, Any]:
    attrs = {"kind": kind, **item}
    for key in leave_out:
        del attrs[key]
    return attrs


def _add_nodes(G: nx.MultiDiGraph, nodes: Iterator[tuple[str, dict[str, Any]]]) -> None:
    """``G.add_nodes_from(nodes)`` for ``(node, new attribute dict)`` pairs, each dict kept as the node's own.

    networkx tells a pair from a node by catching the ``TypeError`` of looking the pair up,
    then copies its dict twice: most of adding 112,000 nodes. This fills the same dicts.
    """
    succ, pred, attributes = G._succ, G._pred, G._node
    for here, attrs in nodes:
        if here in attributes:
            # An unchecked account may repeat an id: networkx updates the first item's attributes.
            attributes[here].update(attrs)
        else:
            succ[here], pred[here], attributes[here] = {}, {}, attrs
    nx._clear_cache(G)


def _add_edges(G: nx.MultiDiGraph, edges: list[tuple[str, str, dict[str, Any]]]) -> None:
    """``G.add_edges_from(edges)`` into a new graph, without networkx's per-edge bookkeeping.

    That bookkeeping was half of building a 100,000-person graph. This fills the same
    adjacency: one key dict shared by ``_succ[u][v]`` and ``_pred[v][u]``, keys 0, 1, …
    per pair, as ``MultiDiGraph.add_edge`` does for a graph nobody has removed edges from.
    """
    succ, pred = G._succ, G._pred
    for u, v, attrs in edges:
        if u not in succ or v not in pred:
            # An unchecked account may name a node it never declares; networkx adds it.
            G.add_edge(u, v, **attrs)
            continue
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        keys[len(keys)] = attrs


def from_graph(G: nx.MultiDiGraph) -> Account:
    """Turn a graph of the shape :func:`to_graph` makes back into an account."""
    data: dict[str, Any] = {name: G.graph.get(name) for name in _ACCOUNT_FIELDS}
    data["visits"] = G.graph.get("visits", [])
    for section, kind, _ in _SECTIONS:
        items = []
        for here, attrs in nodes_of(G, kind):
            if kind == ORGANISATION and attrs["id"] == SELF_ORG:
                continue
            item = {key: value for key, value in attrs.items() if key != "kind"}
            item.update(_references(G, here, kind))
            items.append(item)
        data[section] = items
    data["influence"] = [
        Influence(source=G.nodes[u]["id"], target=G.nodes[v]["id"], **_edge_fields(attrs))
        for u, v, attrs in G.edges(data=True)
        if attrs["kind"] == "influences"
    ]
    data["contacts"] = [
        Contact(source=G.nodes[u]["id"], target=G.nodes[v]["id"], **_edge_fields(attrs))
        for u, v, attrs in G.edges(data=True)
        if attrs["kind"] == "contact"
    ]
    return Account.model_validate({key: value for key, value in data.items() if value is not None})


def _edge_fields(attrs: dict) -> dict:
    return {key: value for key, value in attrs.items() if key != "kind"}


def _references(G: nx.MultiDiGraph, here: str, kind: str) -> dict[str, Any]:
    refs: dict[str, Any] = {}
    for _, target, attrs in G.out_edges(here, data=True):
        edge, other = attrs["kind"], G.nodes[target]
        if kind == DEPARTMENT and edge == "part_of":
            if other["kind"] == DEPARTMENT:
                refs["parent"] = other["id"]
            elif other["id"] != SELF_ORG:
                refs["org"] = other["id"]
        elif kind == PERSON:
            if edge == "dotted_to":
                refs.setdefault("dotted_to", []).append(other["id"])
            elif edge in ("reports_to", "favours"):
                refs[edge] = other["id"]
            elif edge == "member_of":
                refs["department"] = other["id"]
    return refs


def nodes_of(G: nx.MultiDiGraph, kind: str) -> Iterator[tuple[str, dict]]:
    """``(node, attributes)`` of every node of ``kind``, in file order."""
    return ((n, attrs) for n, attrs in G.nodes(data=True) if attrs["kind"] == kind)


def people(G: nx.MultiDiGraph) -> list[str]:
    """Every person node, in file order."""
    return [n for n, attrs in G.nodes(data=True) if attrs["kind"] == PERSON]


def departments(G: nx.MultiDiGraph) -> list[str]:
    """Every department node, in file order."""
    return [n for n, attrs in G.nodes(data=True) if attrs["kind"] == DEPARTMENT]


def _ties(adjacency: dict, here: str) -> Iterator[tuple[str, dict]]:
    """``(other end, attributes)`` of each edge in ``G._succ`` or ``G._pred`` at ``here``.

    The analyses ask for every person's boss and department, many times over: reading
    the adjacency dicts is about 7x faster than building an edge view for each question.
    """
    for other, keys in adjacency.get(here, {}).items():
        for attrs in keys.values():
            yield other, attrs


def out_ties(G: nx.MultiDiGraph, here: str) -> Iterator[tuple[str, dict]]:
    """``(target, attributes)`` of every edge out of ``here``, without an edge view.

    >>> G = to_graph(Account.model_validate({"id": "d", "name": "D", "people": [
    ...     {"id": "zhou", "name": "Zhou"}, {"id": "ma", "name": "Ma", "reports_to": "zhou"}]}))
    >>> list(out_ties(G, person("ma"))), [source for source, _ in in_ties(G, person("zhou"))]
    ([('person:zhou', {'kind': 'reports_to'})], ['person:ma'])
    """
    return _ties(G._succ, here)


def in_ties(G: nx.MultiDiGraph, here: str) -> Iterator[tuple[str, dict]]:
    """``(source, attributes)`` of every edge into ``here``, without an edge view."""
    return _ties(G._pred, here)


def _out(G: nx.MultiDiGraph, here: str, kind: str) -> str | None:
    for target, attrs in _ties(G._succ, here):
        if attrs.get("kind") == kind and (kind != "part_of" or G._node[target]["kind"] == DEPARTMENT):
            return target
    return None


def boss(G: nx.MultiDiGraph, who: str) -> str | None:
    """The person node ``who`` formally reports to, if any."""
    return _out(G, who, "reports_to")


def department_of(G: nx.MultiDiGraph, who: str) -> str | None:
    """The department node person ``who`` belongs to, if any."""
    return _out(G, who, "member_of")


def organisation_of(G: nx.MultiDiGraph, dept: str) -> str:
    """The organisation node a department belongs to (``organisation:self`` for the account)."""
    for target, attrs in _ties(G._succ, dept):
        if attrs.get("kind") == "part_of" and G._node[target]["kind"] == ORGANISATION:
            return target
    return node(ORGANISATION, SELF_ORG)


def members(G: nx.MultiDiGraph, dept: str) -> list[str]:
    """The person nodes in department ``dept`` (not in its sub-departments)."""
    return [source for source, attrs in _ties(G._pred, dept) if attrs.get("kind") == "member_of"]


def find(G: nx.MultiDiGraph, ident: str, kinds: tuple[str, ...] = (PERSON,), *, lang: str = "en") -> str:
    """The node of the item ``ident`` names: its id, else its name when only one item of ``kinds`` has it.

    A rep types 周文斌 as often as zhou_yuanzhang. Anything else is a
    :class:`~chainmap.errors.NotFoundError` that suggests the closest id.

    >>> from chainmap.loader import loads
    >>> G = to_graph(loads("id: a\\nname: A\\npeople: [{id: zhou, name: 周文斌}]"))
    >>> find(G, "zhou"), find(G, "周文斌")
    ('person:zhou', 'person:zhou')
    >>> find(G, "zhuo")
    Traceback (most recent call last):
    chainmap.errors.NotFoundError: no person 'zhuo' in account 'a' (did you mean 'zhou'?)
    """
    for kind in kinds:
        here = node(kind, ident)
        if here in G and G.nodes[here]["kind"] == kind:
            return here
    candidates = [(here, attrs) for kind in kinds for here, attrs in nodes_of(G, kind)]
    named = [here for here, attrs in candidates if attrs["name"] == ident]
    if len(named) == 1:
        return named[0]
    account = G.graph["id"]
    if named:
        raise NotFoundError(SAME_NAME(lang, count=len(named), name=ident, account=account, ids=join(lang, [G.nodes[n]["id"] for n in named])))
    guess = suggest(ident, {attrs["id"]: attrs["name"] for _, attrs in candidates})
    what = OR(lang).join(KIND_WORD[_SECTION_OF[kind]](lang) for kind in kinds)
    hint = DID_YOU_MEAN(lang, guess=guess) if guess else SEE_IDS(lang)
    raise NotFoundError(NOT_FOUND(lang, what=what, id=ident, account=account) + hint)


def sub_departments(G: nx.MultiDiGraph, dept: str) -> list[str]:
    """The departments below ``dept`` in its tree, nearest first (not ``dept`` itself).

    >>> from chainmap.loader import loads
    >>> G = to_graph(loads("id: a\\nname: A\\ndepartments: [{id: hq, name: HQ}, {id: lab, name: Lab, parent: hq}, {id: bio, name: Bio, parent: lab}]"))
    >>> sub_departments(G, "department:hq")
    ['department:lab', 'department:bio']
    """
    found, frontier = [], [dept]
    while frontier:
        below = [child for here in frontier for child, attrs in _ties(G._pred, here) if attrs.get("kind") == "part_of" and G.nodes[child]["kind"] == DEPARTMENT]
        found += below
        frontier = below
    return found


def influence_edges(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, int]]:
    """``(sways, listener, strength)`` for every influence edge."""
    return ((u, v, attrs["strength"]) for u, v, attrs in G.edges(data=True) if attrs["kind"] == "influences")
