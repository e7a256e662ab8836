"""The HTML map: one offline file, names as data, same account → same bytes, department map and focus."""

import json
import re
import textwrap
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import chainmap
from chainmap.cli import main
from chainmap.errors import NotFoundError, UsageError
from chainmap.view import layout
from chainmap.view.content import MAX_PEOPLE

from .strategies import accounts

ORG = textwrap.dedent(
    """
    id: demo
    name: Demo Works
    departments:
      - {id: board, name: Board, function: management, weight: lead}
      - {id: it, name: IT, function: technical, weight: support, parent: board}
      - {id: buy, name: Purchasing, function: procurement, weight: lead}
      - {id: legal, name: Legal, function: legal}
    people:
      - {id: zhou, name: Zhou Wen, title: General manager, department: board, roles: [decision_maker], attitude: neutral, stage: meeting, personality: tiger}
      - {id: ma, name: Ma Li, title: IT head, department: it, reports_to: zhou, roles: [designer], attitude: supporter, stage: trust,
         personality: peacock, informed: true, concerns: [uptime of the line], notes: met at the trade fair}
      - {id: xu, name: Xu Tao, department: it, reports_to: ma, roles: [user], attitude: supporter, stage: acquainted}
      - {id: qian, name: Qian Hui, title: Buyer, department: buy, reports_to: zhou, roles: [handler], attitude: opponent, favours: rival, dotted_to: [ma]}
      - {id: bai, name: Bai Yun, attitude: unknown}
    influence:
      - {from: ma, to: zhou, strength: 5}
    team:
      - {id: me, name: Our Rep, role: sales}
    contacts:
      - {from: me, to: ma, stage: trust}
    competitors:
      - {id: rival, name: Rival Corp}
    """
)
SCRIPT = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = textwrap.dedent(
    f"""
    id: hostile
    name: "{SCRIPT}"
    departments:
      - {{id: evil, name: "{IMG}"}}
      - {{id: empty, name: "{SCRIPT}"}}
    people:
      - {{id: s, name: "{SCRIPT}", title: "{IMG}", department: evil, notes: "{SCRIPT}", concerns: ["{IMG}"], attitude: supporter, stage: trust}}
      - {{id: i, name: "{IMG}", title: "{SCRIPT}", department: evil, reports_to: s, notes: "{IMG}", favours: r}}
    team:
      - {{id: t, name: "{IMG}"}}
    contacts:
      - {{from: t, to: s, note: "{SCRIPT}"}}
    competitors:
      - {{id: r, name: "{SCRIPT}", note: "{IMG}"}}
    """
)


def graph_data(page: str) -> dict:
    """The nodes, edges and options the page hands to vis-network."""
    text = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.DOTALL).group(1)
    return json.loads(text)


def page_data(page: str) -> dict:
    return json.loads(re.search(r'<script id="page-data" type="application/json">(.*?)</script>', page, re.DOTALL).group(1))


class Resources(HTMLParser):
    """Every address the page would load: src and href of any tag, and every <link>."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self.loaded += [value or "" for name, value in attrs if name in ("src", "href", "srcset", "data", "action")]
        if tag in ("link", "iframe", "object", "embed", "base"):
            self.loaded.append(tag)


def big_account(people: int):
    departments = [{"id": f"d{d}", "name": f"Dept {d}", **({"parent": "d0"} if d else {})} for d in range(20)]
    staff = [
        {"id": f"p{n}", "name": f"Person {n}", "department": f"d{n % 20}", **({"reports_to": f"p{n % 20}"} if n >= 20 else {})}
        for n in range(people)
    ]
    staff[25]["stage"] = "trust"
    return chainmap.from_data({"id": "big", "name": "Big Group", "departments": departments, "people": staff})


def test_the_page_loads_nothing_from_any_address_and_leaves_no_lib_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = chainmap.view(chainmap.loads(ORG))
    parser = Resources()
    parser.feed(page.html)
    assert parser.loaded == []
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", page.html, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", page.html, re.IGNORECASE)
    page.save("map.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_vis_network_and_its_style_are_inlined():
    page = chainmap.view(chainmap.loads(ORG)).html
    assert "vis-network" in page and ".vis-network" in page
    parser = Resources()
    parser.feed(page)
    # vis-network, the page data, the graph data and the page's own script.
    assert parser.scripts == 4


def test_hostile_names_are_data_never_markup():
    page = chainmap.view(chainmap.loads(HOSTILE)).html
    for hostile in (SCRIPT, IMG, "<img", "<script>alert", "onerror=alert(1)>"):
        assert hostile not in page
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; — decision-chain map</title>" in page
    assert "<option value=\"department:evil\">&lt;img src=x onerror=alert(1)&gt;</option>" in page
    nodes = {node["id"]: node for node in graph_data(page)["nodes"]}
    assert nodes["person:s"]["name"] == SCRIPT
    assert ["Title", IMG] in nodes["person:s"]["tip"] and ["Notes", SCRIPT] in nodes["person:s"]["tip"]
    assert nodes["person:i"]["name"] == IMG and nodes["person:i"]["label"].endswith(IMG)
    assert nodes["department:empty"]["name"] == SCRIPT
    assert nodes["team:t"]["name"] == IMG and nodes["competitor:r"]["tip"] == [["Notes", IMG]]
    assert [g["name"] for g in page_data(page)["groups"]] == [IMG, SCRIPT]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accounts())
def test_any_account_gives_one_parseable_page_and_the_same_bytes_twice(account):
    first = chainmap.view(account).html
    assert first == chainmap.view(account).html
    data = graph_data(first)
    shown = {node["id"] for node in data["nodes"]}
    assert {f"person:{p.id}" for p in account.people} <= shown
    assert all(edge["from"] in shown and edge["to"] in shown for edge in data["edges"])
    assert page_data(first)["mode"] == "people"


@pytest.mark.parametrize("choice", ["hierarchy", "force"])
def test_the_same_account_gives_a_byte_identical_file(tmp_path, choice):
    one = chainmap.view(chainmap.loads(ORG), layout=choice).save(tmp_path / "one.html")
    two = chainmap.view(chainmap.loads(ORG), layout=choice).save(tmp_path / "two.html")
    assert one.read_bytes() == two.read_bytes()


def test_people_are_coloured_by_attitude_bordered_by_stage_and_marked():
    nodes = {node["id"]: node for node in graph_data(chainmap.view(chainmap.loads(ORG)).html)["nodes"]}
    zhou, ma, qian = nodes["person:zhou"], nodes["person:ma"], nodes["person:qian"]
    assert (zhou["shape"], zhou["label"]) == ("star", "★ Zhou Wen")
    # Ma is the key person and the best coach (the technical guide); Xu the relationship guide; Qian opposes us.
    assert (ma["shape"], ma["label"], nodes["person:xu"]["label"], qian["label"]) == ("diamond", "◆ ⚑ Ma Li", "⚑ Xu Tao", "Qian Hui")
    assert ["Champion candidate", "technical guide"] in ma["tip"]
    assert re.fullmatch(r"0\.\d\d \(key person\)", dict(ma["tip"])["Decision power"])
    assert ma["color"]["background"] == "#2e9d57" and qian["color"]["background"] == "#d64545"
    assert ma["borderWidth"] > zhou["borderWidth"] > nodes["person:xu"]["borderWidth"]
    assert qian["shapeProperties"]["borderDashes"] and not ma["shapeProperties"]["borderDashes"]
    assert zhou["size"] > nodes["person:bai"]["size"]
    assert (nodes["department:legal"]["shape"], nodes["department:legal"]["label"]) == ("box", "Legal\n(nobody known)")
    assert nodes["team:me"]["shape"] == "square" and nodes["competitor:rival"]["shape"] == "triangleDown"


def test_every_tie_has_its_own_style_and_influence_width_follows_strength():
    edges = graph_data(chainmap.view(chainmap.loads(ORG)).html)["edges"]
    ties = {(e["from"], e["to"], e["kind"]) for e in edges}
    assert {e["kind"] for e in edges} == {"reports_to", "dotted_to", "influences", "contact", "favours"}
    assert len({(e["color"], json.dumps(e["dashes"])) for e in edges}) == 5
    assert {("person:ma", "person:zhou", "reports_to"), ("person:ma", "person:zhou", "influences")} <= ties
    assert {("person:qian", "competitor:rival", "favours"), ("team:me", "person:ma", "contact")} <= ties
    influence = next(e for e in edges if e["kind"] == "influences")
    assert influence["width"] == 4.0


def test_untouched_departments_stand_out():
    groups = {g["id"]: g for g in page_data(chainmap.view(chainmap.loads(ORG)).html)["groups"]}
    assert {d for d, g in groups.items() if g["untouched"]} == {"department:buy", "department:legal"}
    assert groups["department:it"]["members"] == ["person:ma", "person:xu"]
    assert groups["department:legal"]["members"] == ["department:legal"]


def test_tooltips_and_legend_speak_the_chosen_language():
    page = chainmap.view(chainmap.loads(ORG), lang="zh").html
    tip = {node["id"]: node["tip"] for node in graph_data(page)["nodes"]}["person:ma"]
    assert tip[:6] == [["职务", "IT head"], ["部门", "IT"], ["角色", "设计者"], ["态度", "支持者"], ["关系阶段", "信赖"], ["性格", "孔雀"]]
    assert ["诉求", "uptime of the line"] in tip and ["备注", "met at the trade fair"] in tip
    assert 'id="legend"' in page and "汇报给" in page and "内线候选" in page and 'placeholder="搜索姓名…"' in page


def test_filters_list_the_departments_attitudes_and_roles_present():
    page = chainmap.view(chainmap.loads(ORG)).html
    options = re.findall(r'<select id="filter-(\w+)"[^>]*>(.*?)</select>', page, re.DOTALL)
    values = {key: re.findall(r'<option value="([^"]*)">', body) for key, body in options}
    assert values == {
        "department": ["", "department:board", "department:it", "department:buy"],
        "attitude": ["", "supporter", "neutral", "opponent", "unknown"],
        "role": ["", "designer", "decision_maker", "user", "handler"],
    }


def test_a_large_account_shows_departments_with_head_count_and_coverage():
    page = chainmap.view(big_account(MAX_PEOPLE + 20))
    assert (page.mode, page.summary()) == ("departments", f"20 departments of {MAX_PEOPLE + 20} people")
    data = graph_data(page.html)
    assert {n["id"].split(":")[0] for n in data["nodes"]} == {"department"}
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["department:d5"] == "Dept 5\n76 people · 1% reached"
    assert labels["department:d1"] == "Dept 1\n76 people · 0% reached"
    assert "1520 people: too many to draw one by one" in page.html
    assert 'id="filter-' not in page.html


def test_at_the_limit_everyone_is_still_drawn():
    assert chainmap.view(big_account(MAX_PEOPLE)).mode == "people"


def test_focus_on_a_department_opens_its_tree_and_their_direct_ties():
    page = chainmap.view(chainmap.loads(ORG), focus="it")
    shown = {n["id"] for n in graph_data(page.html)["nodes"]}
    # zhou is Ma's boss and qian reports on a dotted line to Ma: one tie away; Bai and Legal are not.
    assert {n for n in shown if n.startswith("person:")} == {"person:zhou", "person:ma", "person:xu", "person:qian"}
    assert "department:legal" not in shown
    assert "Focused on IT: 4 of 5 people." in page.html


def test_focus_on_a_person_opens_their_neighbourhood_and_selects_them():
    page = chainmap.view(chainmap.loads(ORG), focus="xu")
    shown = {n["id"] for n in graph_data(page.html)["nodes"] if n["id"].startswith("person:")}
    assert shown == {"person:xu", "person:ma", "person:zhou", "person:qian"}
    assert page_data(page.html)["focus"] == "person:xu"


def test_focus_on_a_large_account_draws_people():
    page = chainmap.view(big_account(MAX_PEOPLE + 20), focus="d3")
    assert page.mode == "people" and page.people > 70


def test_an_unknown_focus_names_it_and_suggests_the_closest_id():
    with pytest.raises(NotFoundError, match=r"^no department or person 'maa' in account 'demo' \(did you mean 'ma'\?\)$"):
        chainmap.view(chainmap.loads(ORG), focus="maa")


def test_an_unknown_layout_is_a_usage_error():
    with pytest.raises(UsageError, match="layout must be one of: hierarchy, force"):
        chainmap.view(chainmap.loads(ORG), layout="circle")


def test_jupyter_shows_the_page_in_an_isolated_frame():
    page = chainmap.view(chainmap.loads(HOSTILE))
    frame = page._repr_html_()
    assert frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and frame.endswith("></iframe>")
    assert "<script" not in frame and SCRIPT not in frame


def test_view_is_callable_however_it_was_imported():
    import chainmap.view as package

    assert package(chainmap.loads(ORG)).mode == chainmap.view(chainmap.loads(ORG)).mode == "people"


def test_cli_writes_the_page(write, tmp_path):
    account = write(ORG)
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["view", account, "-o", str(out), "--lang", "en"])
    assert (result.exit_code, result.output) == (0, f"wrote {out}: 5 people in 4 departments\n")
    assert out.read_text(encoding="utf-8") == chainmap.view(chainmap.loads(ORG)).html


def test_cli_focus_and_language(write, tmp_path):
    out = tmp_path / "it.html"
    result = CliRunner().invoke(main, ["view", write(ORG), "-o", str(out), "--focus", "it", "--lang", "zh", "--layout", "force"])
    assert (result.exit_code, result.output) == (0, f"已写入 {out}：3 个部门中的 4 人\n")


def test_cli_unknown_focus_exits_1_with_the_suggestion(write, tmp_path):
    result = CliRunner().invoke(main, ["view", write(ORG), "-o", str(tmp_path / "x.html"), "--focus", "zhuo", "--lang", "en"])
    assert (result.exit_code, result.output) == (1, "Error: no department or person 'zhuo' in account 'demo' (did you mean 'zhou'?)\n")
    assert not (tmp_path / "x.html").exists()


def test_cli_needs_an_output_file(write):
    result = CliRunner().invoke(main, ["view", write(ORG)])
    assert result.exit_code == 2 and "Missing option '-o' / '--output'" in result.output


def test_cli_unwritable_output_is_a_usage_error(write, tmp_path):
    result = CliRunner().invoke(main, ["view", write(ORG), "-o", str(tmp_path / "no" / "such" / "map.html"), "--lang", "en"])
    assert result.exit_code == 2
    assert result.output == f"Error: cannot write {tmp_path / 'no' / 'such' / 'map.html'}: No such file or directory\n"


@settings(max_examples=50, deadline=None)
@given(accounts(max_people=12))
def test_blocks_place_every_item_once_on_its_own_spot(account):
    groups = [[p.id for p in account.people if p.department == d.id] for d in account.departments]
    groups = [g for g in groups if g] + [[p.id for p in account.people if p.department is None]]
    groups = [g for g in groups if g]
    boss = {p.id: p.reports_to for p in account.people if p.reports_to}
    positions = layout.blocks(groups, boss)
    assert sorted(positions) == sorted(p.id for p in account.people)
    assert len(set(positions.values())) == len(positions)
