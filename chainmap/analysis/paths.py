"""Paths: the strongest routes by which our message can reach a person, each with its weakest link.

A message travels along our contacts (team member → person, as strong as the
relationship's stage), along influence (from the one who sways to the one who
listens, strength/5) and along reporting lines (either way; dotted lines less).
A route's strength is the product of its links, so every extra hop costs; its
weakest link is the hop to strengthen first.

>>> from chainmap import loads, to_graph
>>> G = to_graph(loads('''
... id: demo
... name: Demo
... people:
...   - {id: zhou, name: Zhou, roles: [decision_maker]}
...   - {id: ma, name: Ma, reports_to: zhou, attitude: supporter}
... team: [{id: me, name: Me}]
... contacts: [{from: me, to: ma, stage: trust}]
... '''))
>>> [(r["from"]["id"], r["strength"], r["weakest"]["id"]) for r in paths(G)["routes"]]
[('ma', 0.7, 'zhou'), ('me', 0.56, 'zhou')]
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

import networkx as nx

from ..bulk import paused_gc
from ..enums import Attitude, Stage
from ..errors import NotFoundError
from ..graph import PERSON, TEAM, find
from ..i18n import Text
from ..report import Bullets, Document, Heading, Paragraph, Table
from .power import DECISIVE, Facts, Power, analyse, facts

__all__ = ["paths", "to_document", "route_text", "message_links", "strongest_routes", "routes_to", "VIA"]

VIA = ("contact", "influence", "reports_to")
# How surely a message crosses each kind of link. A boss hears a direct report (and passes word down) well;
# a dotted line less; influence as strong as it is recorded (decisive carries it all).
REPORTS = 0.7
DOTTED = 0.4
CONTACT = {Stage.NONE: 0.2, Stage.ACQUAINTED: 0.4, Stage.MEETING: 0.6, Stage.TRUST: 0.8, Stage.ALLIANCE: 1.0}
# Routes weaker than this barely carry a message: say so.
WEAK = 0.2

VIA_LABEL = {
    "contact": Text("contact", "联系"),
    "influence": Text("influence", "影响"),
    "reports_to": Text("reporting line", "汇报线"),
}
TITLE = Text("Routes to {name}", "通往{name}的路径")
COLUMNS = Text("#|from|route|strength|weakest link", "#|起点|路径|强度|最弱一环")
ROUTE_COUNT = Text("{count} of {sources} starting points reach {name}.", "{sources} 个起点中有 {count} 个能到达{name}。")
UNREACHABLE = Text("Cannot reach {name}", "到不了{name}")
WARNINGS = Text("Warnings", "提醒")
NO_ROUTE = Text(
    "none of our people and supporters reaches {name}: build a first contact in their circle",
    "我方人员和支持者都到不了{name}：先在其身边建立第一个联系",
)
WEAK_ROUTES = Text(
    "the strongest route to {name} has strength {strength}: strengthen {weakest} first",
    "到{name}最强的路径强度只有 {strength}：先加强与{weakest}的关系",
)
NO_TARGET = Text("account '{account}' has no decider to aim at: name a person with --to", "客户 '{account}' 没有可以瞄准的拍板人：请用 --to 指定目标")


def message_links(f: Facts) -> dict[str, list[tuple[str, float, str]]]:
    """For every node a message can reach: ``(sender, strength, via)`` of each link into it."""
    nodes = f.nodes
    into: dict[str, list[tuple[str, float, str]]] = {}
    for sways, listener, strength in f.influence:
        into.setdefault(nodes[listener], []).append((nodes[sways], strength / DECISIVE, "influence"))
    for team, i, stage in f.contacts:
        into.setdefault(nodes[i], []).append((team, CONTACT[stage], "contact"))
    lines = [(i, b, REPORTS) for i, b in enumerate(f.boss) if b is not None]
    lines += [(i, b, DOTTED) for i, bosses in enumerate(f.dotted) for b in bosses]
    for i, b, strength in lines:
        into.setdefault(nodes[b], []).append((nodes[i], strength, "reports_to"))
        into.setdefault(nodes[i], []).append((nodes[b], strength, "reports_to"))
    return into


Route = tuple[float, str | None, str | None, float]


def strongest_routes(target: str, into: dict[str, list[tuple[str, float, str]]]) -> dict[str, Route]:
    """For every node that can reach ``target``: ``(strength, next node, via, link strength)`` of its strongest route.

    A max-product Dijkstra from the target backwards: strengths are at most 1, so
    a route never grows stronger by going further. Ties keep the first found, in
    file order, so the answer is deterministic.
    """
    best: dict[str, Route] = {target: (1.0, None, None, 1.0)}
    # The strength of each node's best route so far, apart from the tuples: the loop reads it most.
    reached = {target: 1.0}
    heap = [(-1.0, 0, target)]
    pushed = 1
    pop, push, no_links = heapq.heappop, heapq.heappush, ()
    while heap:
        negative, _, here = pop(heap)
        strength_here = -negative
        # A weaker entry for a node already reached more strongly. No node reached before ``here`` can be
        # improved through it (strengths are at most 1), so no set of finished nodes is needed.
        if strength_here < reached[here]:
            continue
        for sender, strength, via in into.get(here, no_links):
            candidate = strength_here * strength
            if candidate > reached.get(sender, 0.0):
                reached[sender] = candidate
                best[sender] = (candidate, here, via, strength)
                push(heap, (-candidate, pushed, sender))
                pushed += 1
    return best


def routes_to(power: Power, target: str) -> dict[str, Route]:
    """:func:`strongest_routes` to ``target`` in the graph ``power`` was computed from, kept with ``power``.

    Champions, the brief and path ask for the routes to the decider; given the same
    ``power=``, the routes are found once.
    """
    key = ("routes", target)
    if key not in power.derived:
        power.derived[key] = strongest_routes(target, message_links(power.facts))
    return power.derived[key]


def _ref(G: nx.MultiDiGraph, here: str) -> dict:
    return {"id": G.nodes[here]["id"], "name": G.nodes[here]["name"]}


@paused_gc()
def paths(
    G: nx.MultiDiGraph, *, to: str | None = None, sources: Iterable[str] | None = None, lang: str = "en", power: Power | None = None
) -> dict:
    """The strongest route from each source to ``to`` (default: the decider), strongest first.

    ``sources`` are person or team-member ids; by default our whole team and the
    customer's people who support us. Returns ``{"account", "target", "routes"}``
    plus ``name``, ``unreachable`` and ``warnings``. Each step's ``via`` is the link
    that reached it (a dotted line counts as ``reports_to``); the first step's is
    ``None``, as the route starts there. ``weakest`` is the step reached by the
    weakest link, the first of them on a tie. ``power`` is
    :func:`~chainmap.analysis.power.analyse` of ``G`` if the caller already has it.
    """
    if to is None:
        power = power or analyse(G)
        if not power.deciders:
            raise NotFoundError(NO_TARGET(lang, account=G.graph["id"]))
        target = power.facts.nodes[power.deciders[0]]
    else:
        target = find(G, to, lang=lang)
    # Without the decision power, the facts are enough: computing the power would cost more than the routes.
    f = power.facts if power else facts(G)
    if sources is None:
        starts = [n for n, attrs in G.nodes(data=True) if attrs["kind"] == TEAM]
        starts += [n for n, attrs in zip(f.nodes, f.attrs) if attrs["attitude"] == Attitude.SUPPORTER]
    else:
        starts = [find(G, ident, (PERSON, TEAM), lang=lang) for ident in sources]
    starts = [n for n in dict.fromkeys(starts) if n != target]

    best = routes_to(power, target) if power else strongest_routes(target, message_links(f))
    routes, unreachable = [], []
    for start in starts:
        if start not in best:
            unreachable.append(_ref(G, start))
            continue
        steps = [{**_ref(G, start), "via": None}]
        links = []  # (strength of the link into a step, that step's place)
        here = start
        while here != target:
            _, ahead, via, link = best[here]
            links.append((link, len(steps)))
            steps.append({**_ref(G, ahead), "via": via})
            here = ahead
        weakest = steps[min(links)[1]]
        routes.append({
            "from": _ref(G, start),
            "steps": steps,
            "strength": round(best[start][0], 3),
            "weakest": {"id": weakest["id"], "name": weakest["name"]},
        })
    routes.sort(key=lambda route: -route["strength"])
    warnings = []
    name = G.nodes[target]["name"]
    if not routes:
        warnings.append({"code": "no_route", "message": NO_ROUTE(lang, name=name)})
    elif routes[0]["strength"] < WEAK:
        warnings.append({"code": "weak_routes", "message": WEAK_ROUTES(lang, name=name, strength=routes[0]["strength"], weakest=routes[0]["weakest"]["name"])})
    return {
        "account": G.graph["id"],
        "name": G.graph["name"],
        "target": _ref(G, target),
        "routes": routes,
        "unreachable": unreachable,
        "warnings": warnings,
    }


def route_text(route: dict, lang: str) -> str:
    """A route as one line: each person, and how the message passes to the next.

    >>> step = lambda name, via: {"id": name, "name": name, "via": via}
    >>> route_text({"steps": [step("Li", "contact"), step("Wang", "contact"), step("Zhao", "influence")]}, "en")
    'Li —contact→ Wang —influence→ Zhao'
    """
    parts = [route["steps"][0]["name"]]
    for step in route["steps"][1:]:
        parts.append(f"—{VIA_LABEL[step['via']](lang)}→ {step['name']}")
    return " ".join(parts)


def to_document(result: dict, lang: str) -> Document:
    """The routes as a table, strongest first; who cannot reach the target below."""
    rows = [
        [str(rank), route["from"]["name"], route_text(route, lang), f"{route['strength']:.3f}", route["weakest"]["name"]]
        for rank, route in enumerate(result["routes"], start=1)
    ]
    name = result["target"]["name"]
    count = len(result["routes"])
    blocks = [Paragraph(ROUTE_COUNT(lang, count=count, sources=count + len(result["unreachable"]), name=name)), Table(COLUMNS(lang).split("|"), rows)]
    if result["unreachable"]:
        blocks += [Heading(UNREACHABLE(lang, name=name)), Bullets([ref["name"] for ref in result["unreachable"]])]
    if result["warnings"]:
        blocks += [Heading(WARNINGS(lang)), Bullets([(w["message"], "yellow") for w in result["warnings"]])]
    return Document(TITLE(lang, name=name), blocks)
