"""The scene as one self-contained HTML page drawn by pyvis's vis-network.

pyvis's own templates load bootstrap and vis-network from CDNs (or write a
``lib/`` folder), so the page uses its own template and inlines the copy of
vis-network that ships inside the pyvis package: it opens offline. Every name,
title and note travels as JSON inside one ``<script type="application/json">``
with ``<``, ``>`` and ``&`` escaped, and the page's script only ever puts it into
text nodes and canvas text — data, never markup. The same scene always gives the
same bytes: ids, positions and key order are fixed.

>>> from chainmap.loader import loads
>>> from chainmap.graph import to_graph
>>> from chainmap.view.content import scene
>>> G = to_graph(loads("id: d\\nname: D\\npeople: [{id: li, name: '<b>Li</b>', roles: [decision_maker]}]"))
>>> html = render(scene(G), G.graph, "en")
>>> "<b>Li" in html, "\\\\u003cb\\\\u003eLi" in html
(False, True)
"""

from __future__ import annotations

import math
from importlib.resources import files

from ..enums import Attitude, Function, Personality, Role, Stage, TeamRole, Weight
from ..errors import MissingExtraError
from ..i18n import Text, join

__all__ = ["render", "network", "ATTITUDE_COLOUR", "STAGE_BORDER", "EDGE_STYLE", "BADGE"]

ATTITUDE_COLOUR = {"supporter": "#2e9d57", "neutral": "#e0a526", "opponent": "#d64545", "unknown": "#9aa1a9"}
# A thicker border is a closer relationship; a dashed one means nobody has met them.
STAGE_BORDER = {"none": 1, "acquainted": 2, "meeting": 3, "trust": 5, "alliance": 7}
NOT_MET_DASHES = [4, 3]
BORDER = "#263238"
EDGE_STYLE = {
    "reports_to": {"color": "#455a64", "width": 1.6, "dashes": False, "arrows": "to"},
    "dotted_to": {"color": "#78909c", "width": 1.2, "dashes": [6, 6], "arrows": "to"},
    "influences": {"color": "#8e44ad", "width": 1.0, "dashes": False, "arrows": "to"},
    "contact": {"color": "#1e88e5", "width": 1.0, "dashes": [2, 5], "arrows": "to"},
    "favours": {"color": "#b71c1c", "width": 2.0, "dashes": [10, 4, 2, 4], "arrows": "to"},
    "part_of": {"color": "#90a4ae", "width": 1.2, "dashes": False, "arrows": "to"},
    "between": {"color": "#8e44ad", "width": 1.0, "dashes": [3, 3], "arrows": "to"},
    "member_of": {"color": "#ffffff", "width": 1.0, "dashes": False, "arrows": "", "hidden": True},
}
# Marks in front of a name: the decider, the key people, the champion candidates.
BADGE = {"decider": "★", "key": "◆", "champion": "⚑"}
SHAPE = {"decider": "star", "key": "diamond"}
TEAM_COLOUR, RIVAL_COLOUR, EMPTY_COLOUR, UNTOUCHED_COLOUR = "#3f6fb5", "#5d4037", "#eceff1", "#d64545"
# Department coverage runs from grey (nobody reached) to green (everyone reached).
COVERAGE_FROM, COVERAGE_TO = (0xCF, 0xD4, 0xDA), (0x2E, 0x9D, 0x57)
# The force layout starts from the Python positions and settles for a fixed number of steps, then stands still
# (the page turns physics off): a free-running simulation of 1,000 nodes takes minutes in a browser.
SPRINGS = {"gravitationalConstant": -4000, "springLength": 110, "springConstant": 0.04, "avoidOverlap": 0.1}
# Each step costs about 50 ms at 1,500 nodes: big pages settle less so they still open in seconds.
STEPS, BIG_PAGE_STEPS = 100, 40
SEED = 7
# The vis-network build that ships inside pyvis (the one its own template uses).
VIS_NETWORK = "vis-9.1.2"
# Pages this big hide edges while dragging and zooming so panning stays smooth.
BIG_PAGE = 400

UI = {
    "search": Text("Search a name…", "搜索姓名…"),
    "all_departments": Text("All departments", "全部部门"),
    "all_attitudes": Text("All attitudes", "全部态度"),
    "all_roles": Text("All roles", "全部角色"),
    "reset": Text("Reset", "重置"),
    "legend": Text("Legend", "图例"),
    "found": Text("{count} found", "找到 {count} 个"),
    "none_found": Text("nothing found", "没有找到"),
    "untouched": Text("untouched", "未覆盖"),
}
LEGEND = {
    "attitude": Text("Colour: attitude toward us", "颜色：对我方的态度"),
    "stage": Text("Border: relationship stage (dashed: never met)", "边框：关系阶段（虚线：未联系）"),
    "size": Text("Size: decision power", "大小：决策权"),
    "decider": Text("decider", "拍板人"),
    "key": Text("key person", "关键人"),
    "champion": Text("champion candidate", "内线候选"),
    "team": Text("our team", "我方成员"),
    "rival": Text("rival vendor", "竞争对手"),
    "empty": Text("department with nobody in the map", "图中无人的部门"),
    "frame": Text("frame: department; red dashed frame: untouched", "方框：部门；红色虚线框：未覆盖"),
    "untouched_border": Text("red dashed border: untouched department", "红色虚线边框：未覆盖的部门"),
    "reports_to": Text("reports to", "汇报给"),
    "dotted_to": Text("dotted line to", "虚线汇报给"),
    "influences": Text("influences (width: strength)", "影响（粗细：强度）"),
    "contact": Text("our contact", "我方联系"),
    "favours": Text("leans to rival", "倾向竞争对手"),
    "part_of": Text("unit of", "隶属于"),
    "between": Text("ties between departments (width: how many)", "部门间的联系（粗细：数量）"),
    "dept_size": Text("Size: head-count", "大小：人数"),
    "coverage": Text("Colour: share of people reached (grey 0% → green 100%)", "颜色：已接触人数占比（灰 0% → 绿 100%）"),
}
TIP = {
    "title": Text("Title", "职务"),
    "department": Text("Department", "部门"),
    "roles": Text("Roles", "角色"),
    "attitude": Text("Attitude", "态度"),
    "stage": Text("Stage", "关系阶段"),
    "personality": Text("Personality", "性格"),
    "informed": Text("Knows the inside facts", "了解内情"),
    "concerns": Text("Concerns", "诉求"),
    "notes": Text("Notes", "备注"),
    "power": Text("Decision power", "决策权"),
    "champion": Text("Champion candidate", "内线候选"),
    "function": Text("Function", "职能"),
    "weight": Text("Say in the purchase", "话语权"),
    "people": Text("People in the map", "图中人数"),
    "reached": Text("Reached", "已接触"),
    "attitudes": Text("Supporters / neutral / opponents", "支持 / 中立 / 反对"),
    "coverage": Text("Coverage", "覆盖"),
    "role": Text("Role", "角色"),
    "organisation": Text("Organisation", "组织"),
}
POSITION = {"decider": Text("decider", "拍板人"), "key": Text("key person", "关键人"), "handler": Text("handler", "经办人"), "other": Text("other", "其他")}
GUIDE = {"technical_guide": Text("technical guide", "技术向导"), "relationship_guide": Text("relationship guide", "关系向导")}
YES_NO = {True: Text("yes", "是"), False: Text("no", "否")}
UNTOUCHED_NOTE = Text("nobody on our side has reached it", "我方还没有人接触过")
TOUCHED_NOTE = Text("reached", "已接触")
NOBODY_KNOWN = Text("(nobody known)", "（无已知人员）")
REACHED = Text("{reached} of {people} ({share:.0%})", "{people} 人中 {reached} 人（{share:.0%}）")
DEPT_LABEL = Text("{name}\n{people} people · {share:.0%} reached", "{name}\n{people} 人 · 已接触 {share:.0%}")
DEPARTMENT_MODE = Text(
    "{people} people: too many to draw one by one, so each department is one circle. Open one with --focus DEPARTMENT.",
    "共 {people} 人，逐人显示太多，故每个部门显示为一个圆。用 --focus 部门 打开某个部门。",
)
FOCUSED = Text("Focused on {name}: {shown} of {people} people.", "聚焦于 {name}：显示 {people} 人中的 {shown} 人。")
TITLE = Text("{name} — decision-chain map", "{name} —— 决策链地图")
SEPARATOR = Text("; ", "；")


def _lines(pairs: list[tuple[Text, object]], lang: str) -> list[list[str]]:
    """Tooltip lines ``[label, value]``; empty values are left out."""
    return [[label(lang), str(value)] for label, value in pairs if value not in (None, "", [])]


def _person(item: dict, lang: str) -> dict:
    marks = [item["position"]] if item["position"] in SHAPE else []
    marks += ["champion"] if item["champion"] else []
    stage = item["stage"]
    power = f"{item['score']:.2f} ({POSITION[item['position']](lang)})"
    champion = GUIDE[item["guide"]](lang) if item["guide"] else YES_NO[True](lang) if item["champion"] else None
    tip = _lines(
        [
            (TIP["title"], item["title"]),
            (TIP["department"], item["department_name"]),
            (TIP["roles"], join(lang, [Role(r).label(lang) for r in item["roles"]])),
            (TIP["attitude"], Attitude(item["attitude"]).label(lang)),
            (TIP["stage"], Stage(stage).label(lang)),
            (TIP["personality"], Personality(item["personality"]).label(lang)),
            (TIP["informed"], YES_NO[item["informed"]](lang) if item["informed"] is not None else None),
            (TIP["power"], power),
            (TIP["champion"], champion),
            (TIP["concerns"], SEPARATOR(lang).join(item["concerns"])),
            (TIP["notes"], item["notes"]),
        ],
        lang,
    )
    colour = ATTITUDE_COLOUR[item["attitude"]]
    return {
        "id": item["node"],
        "label": " ".join([*(BADGE[m] for m in marks), item["name"]]),
        "shape": SHAPE.get(item["position"], "dot"),
        "size": round(10 + 22 * item["score"], 1),
        # Hovering or selecting must not repaint the attitude: only the border darkens.
        "color": {"background": colour, "border": BORDER, **{state: {"background": colour, "border": "#000000"} for state in ("highlight", "hover")}},
        "borderWidth": STAGE_BORDER[stage],
        "borderWidthSelected": STAGE_BORDER[stage] + 3,
        "shapeProperties": {"borderDashes": NOT_MET_DASHES if stage == "none" else False},
        "name": item["name"],
        "tip": tip,
        "kind": "person",
        "department": item["department"] or "",
        "attitude": item["attitude"],
        "roles": item["roles"],
    }


def _share(item: dict) -> float:
    return item["reached"] / item["people"] if item["people"] else 0.0


def _department_tip(item: dict, lang: str) -> list[list[str]]:
    counts = item["attitudes"]
    return _lines(
        [
            (TIP["organisation"], item["organisation"]),
            (TIP["function"], Function(item["function"]).label(lang)),
            (TIP["weight"], Weight(item["weight"]).label(lang)),
            (TIP["people"], item["people"]),
            (TIP["reached"], REACHED(lang, reached=item["reached"], people=item["people"], share=_share(item)) if item["people"] else None),
            (TIP["attitudes"], f"{counts['supporter']} / {counts['neutral']} / {counts['opponent']}" if item["people"] else None),
            (TIP["coverage"], (UNTOUCHED_NOTE if item["untouched"] else TOUCHED_NOTE)(lang)),
            (TIP["concerns"], SEPARATOR(lang).join(item["concerns"])),
        ],
        lang,
    )


def _department(item: dict, lang: str, *, alone: bool) -> dict:
    """A department as a node: sized and coloured by coverage on the department map, a blank box when ``alone``."""
    border = UNTOUCHED_COLOUR if item["untouched"] else BORDER
    node = {
        "id": item["node"],
        "name": item["title"],
        "tip": _department_tip(item, lang),
        "kind": "department",
        "department": item["node"],
        "borderWidth": 3 if item["untouched"] else 1,
        "shapeProperties": {"borderDashes": [8, 4] if item["untouched"] else False},
    }
    if alone:
        label = f"{item['title']}\n{NOBODY_KNOWN(lang)}"
        return {**node, "label": label, "shape": "box", "color": {"background": EMPTY_COLOUR, "border": border}}
    share = _share(item)
    fill = "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(COVERAGE_FROM, COVERAGE_TO))
    label = DEPT_LABEL(lang, name=item["title"], people=item["people"], share=share)
    size = round(12 + 4 * math.sqrt(item["people"]), 1)
    return {**node, "label": label, "shape": "dot", "size": size, "color": {"background": fill, "border": border}}


def _edge(index: int, edge: dict) -> dict:
    style = dict(EDGE_STYLE[edge["kind"]])
    if edge["kind"] in ("influences", "between"):
        style["width"] = round(0.8 * min(edge["strength"], 8), 1)
    elif edge["kind"] == "contact" and edge["stage"]:
        style["width"] = 1 + Stage(edge["stage"]).rank * 0.5
    return {"id": f"e{index}", "from": edge["from"], "to": edge["to"], "kind": edge["kind"], **style}


def network(shown: dict, lang: str):
    """A pyvis ``Network`` holding the scene's nodes and edges at their Python positions, and the department frames."""
    try:
        from pyvis.network import Network
    except ModuleNotFoundError:
        raise MissingExtraError("pyvis", "views") from None

    nodes = [_person(item, lang) for item in shown["people"]]
    groups = []
    if shown["mode"] == "people":
        members: dict[str, list[str]] = {}
        for node in nodes:
            members.setdefault(node["department"], []).append(node["id"])
        for item in shown["departments"]:
            inside = members.get(item["node"])
            if not inside:
                nodes.append(_department(item, lang, alone=True))
            groups.append({"id": item["node"], "name": item["title"], "untouched": item["untouched"], "members": inside or [item["node"]]})
    else:
        nodes += [_department(item, lang, alone=False) for item in shown["departments"]]
    nodes += [
        {"id": t["node"], "label": t["name"], "name": t["name"], "shape": "square", "size": 11, "color": TEAM_COLOUR, "kind": "team",
         "tip": _lines([(TIP["role"], TeamRole(t["role"]).label(lang))], lang)}
        for t in shown["team"]
    ]
    nodes += [
        {"id": r["node"], "label": r["name"], "name": r["name"], "shape": "triangleDown", "size": 12, "color": RIVAL_COLOUR, "kind": "rival",
         "tip": _lines([(TIP["notes"], r["note"])], lang)}
        for r in shown["competitors"]
    ]
    for node in nodes:
        node["x"], node["y"] = shown["positions"][node["id"]]
    big = len(nodes) > BIG_PAGE
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    # pyvis's add_node/add_edge check membership in a list (quadratic); its lists take the same dicts directly.
    net.nodes = nodes
    net.edges = [_edge(index, edge) for index, edge in enumerate(shown["edges"])]
    net.options = {
        "physics": _physics(len(nodes)) if shown["layout"] == "force" else {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": SEED},
        "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.6}}},
        # A white outline keeps names legible where edges cross them.
        "nodes": {"font": {"size": 16, "face": "system-ui, 'Noto Sans CJK SC', sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "interaction": {"hover": True, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big, "tooltipDelay": 150},
    }
    return net, groups


def _physics(count: int) -> dict:
    steps = BIG_PAGE_STEPS if count > BIG_PAGE else STEPS
    return {"enabled": True, "solver": "barnesHut", "barnesHut": SPRINGS, "stabilization": {"enabled": True, "iterations": steps, "fit": True}}


def _legend(mode: str, lang: str) -> dict:
    if mode == "departments":
        return {"notes": [LEGEND[k](lang) for k in ("dept_size", "coverage")], "swatches": [], "stages": [], "marks": [],
                "edges": [(EDGE_STYLE[k], LEGEND[k](lang)) for k in ("part_of", "between")], "frame": LEGEND["untouched_border"](lang)}
    return {
        "notes": [LEGEND[k](lang) for k in ("attitude", "stage", "size")],
        "swatches": [(ATTITUDE_COLOUR[a], Attitude(a).label(lang)) for a in ATTITUDE_COLOUR],
        "stages": [(STAGE_BORDER[s], s == "none", Stage(s).label(lang)) for s in STAGE_BORDER],
        "marks": [(BADGE[m], LEGEND[m](lang)) for m in BADGE] + [("■", LEGEND["team"](lang)), ("▼", LEGEND["rival"](lang)), ("▭", LEGEND["empty"](lang))],
        "edges": [(EDGE_STYLE[k], LEGEND[k](lang)) for k in ("reports_to", "dotted_to", "influences", "contact", "favours")],
        "frame": LEGEND["frame"](lang),
    }


def _banner(shown: dict, lang: str) -> str:
    if shown["mode"] == "departments":
        return DEPARTMENT_MODE(lang, people=shown["total_people"])
    if shown["focus_node"] is not None:
        named = {item["node"]: item["name"] for item in shown["people"] + shown["departments"]}
        return FOCUSED(lang, name=named[shown["focus_node"]], shown=len(shown["people"]), people=shown["total_people"])
    return ""


def _filters(shown: dict, lang: str) -> dict:
    if shown["mode"] == "departments":
        return {}
    roles = {r for p in shown["people"] for r in p["roles"]}
    return {
        "department": [(d["node"], d["title"]) for d in shown["departments"] if d["people"]],
        "attitude": [(a, Attitude(a).label(lang)) for a in ATTITUDE_COLOUR if any(p["attitude"] == a for p in shown["people"])],
        "role": [(r.value, r.label(lang)) for r in Role if r.value in roles],
    }


def render(shown: dict, account: dict, lang: str) -> str:
    """The whole page as one HTML string: vis-network, its style, the data and the page's own script inline.

    ``account`` holds the account-level fields (``G.graph``); only its name is shown.
    """
    import jinja2
    from markupsafe import Markup

    net, groups = network(shown, lang)
    here = files(__package__)
    vis = files("pyvis") / "templates" / "lib" / VIS_NETWORK

    def inline(path) -> Markup:
        return Markup(path.read_text("utf-8"))

    env = jinja2.Environment(loader=jinja2.FunctionLoader(lambda name: (here / name).read_text("utf-8")), autoescape=True)
    ui = {key: text(lang, count="{count}") for key, text in UI.items()}
    template = env.get_template(
        "page.html",
        globals={
            "lang": lang,
            "title": TITLE(lang, name=account["name"]),
            "banner": _banner(shown, lang),
            "legend": _legend(shown["mode"], lang),
            "filters": _filters(shown, lang),
            "ui": ui,
            "page": {"groups": groups, "mode": shown["mode"], "focus": shown["focus_node"], "ui": ui},
            "vis_js": inline(vis / "vis-network.min.js"),
            "vis_css": inline(vis / "vis-network.css"),
            "page_js": inline(here / "page.js"),
            "page_css": inline(here / "page.css"),
        },
    )
    # generate_html(notebook=True) renders the template set on the network instead of pyvis's own CDN template.
    net.template = template
    return net.generate_html(notebook=True)
