"""chainmap who-decides: each rule of the issue on a small org built for it, the JSON contract, the CLI, real data."""

import gc
import json
import re
import shlex
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from chainmap import cli, from_data, loads, to_graph
from chainmap.analysis.centrality import flow
from chainmap.analysis.power import POSITIONS, WEIGHTS, explain, who_decides
from chainmap.errors import NotFoundError

from .conftest import ROOT, realdata
from .strategies import accounts


def graph(text: str):
    return to_graph(loads(textwrap.dedent(text)))


def ranking(text: str, **options) -> list[str]:
    return [item["id"] for item in who_decides(graph(text), **options)["ranking"]]


def item(result: dict, ident: str) -> dict:
    (found,) = [entry for entry in result["ranking"] if entry["id"] == ident]
    return found


def codes(result: dict) -> list[str]:
    return [warning["code"] for warning in result["warnings"]]


# Rule 1: a declared decision maker decides; other roles add less than a leading department.

def test_a_declared_decision_maker_decides_even_below_the_top():
    result = who_decides(graph("""\
        id: r1
        name: R1
        people:
          - {id: gm, name: GM}
          - {id: deputy, name: Deputy, reports_to: gm, roles: [decision_maker]}
          - {id: clerk, name: Clerk, reports_to: deputy}
    """))
    assert result["decider"] == {"id": "deputy", "name": "Deputy"}
    assert [(entry["id"], entry["position"]) for entry in result["ranking"]][0] == ("deputy", "decider")
    assert item(result, "deputy")["reasons"][0] == "marked as the decision maker"


def test_roles_rank_approver_evaluator_designer_then_user_initiator_handler():
    people = "\n".join(f"  - {{id: {role}, name: {role.title()}, roles: [{role}]}}" for role in
                       ["handler", "initiator", "user", "designer", "evaluator", "approver"])
    text = f"id: r1\nname: R1\nownership: state\npeople:\n  - {{id: boss, name: Boss, roles: [decision_maker]}}\n{people}\n"
    assert ranking(text) == ["boss", "approver", "evaluator", "designer", "user", "initiator", "handler"]


def test_two_declared_decision_makers_both_rank_high_with_a_warning():
    result = who_decides(graph("""\
        id: r1
        name: R1
        people:
          - {id: gm, name: GM, roles: [approver]}
          - {id: a, name: A, reports_to: gm, roles: [decision_maker]}
          - {id: b, name: B, reports_to: gm, roles: [decision_maker]}
          - {id: c, name: C, reports_to: a}
    """))
    assert [entry["id"] for entry in result["ranking"][:2]] == ["a", "b"]
    assert [entry["position"] for entry in result["ranking"][:2]] == ["decider", "decider"]
    assert result["decider"]["id"] == "a"
    assert codes(result) == ["two_deciders"]
    assert result["warnings"][0]["message"] == (
        "2 people are marked decision maker (A, B): the map contradicts itself; find out who really signs"
    )


# Rule 2: money decides.

PARENT_FUNDED = """\
    id: r2
    name: Local Project Co
    ownership: state
    funding: {status: approved, source: parent}
    organisations:
      - {id: group, name: City Group, relation: parent, funds_project: true}
    departments:
      - {id: local_board, name: Local board, weight: lead}
      - {id: group_board, name: Group board, org: group, weight: lead}
    people:
      - {id: chair, name: Chair, department: group_board}
      - {id: aide, name: Aide, department: group_board, reports_to: chair}
      - {id: gm, name: Local GM, department: local_board}
      - {id: m1, name: M1, department: local_board, reports_to: gm}
      - {id: m2, name: M2, department: local_board, reports_to: gm}
      - {id: m3, name: M3, department: local_board, reports_to: gm}
"""


def test_whoever_holds_the_money_outranks_the_local_management():
    result = who_decides(graph(PARENT_FUNDED))
    assert ranking(PARENT_FUNDED)[:2] == ["chair", "aide"]
    assert item(result, "chair")["factors"]["money"] == 1.0
    assert item(result, "gm")["factors"]["money"] == 0.0
    assert "the project is funded by its parent organisation City Group, where this person sits" in item(result, "chair")["reasons"]
    assert item(result, "gm")["reasons"][0] == "the money sits with its parent organisation City Group, not with Local Project Co"
    assert codes(result) == ["no_declared_decider", "funded_elsewhere"]


def test_a_declared_decider_without_the_money_is_flagged():
    text = PARENT_FUNDED.replace("{id: gm, name: Local GM, department: local_board}", "{id: gm, name: Local GM, department: local_board, roles: [decision_maker]}")
    result = who_decides(graph(text))
    assert result["decider"]["id"] == "gm"
    assert codes(result) == ["funded_elsewhere", "decider_without_money"]
    assert ranking(text)[1] == "chair"


# Rule 3: the leading department's head outranks the advising one's, even if the latter wrote the specification.

def test_the_head_of_the_leading_department_outranks_the_head_of_the_advising_one():
    text = """\
        id: r3
        name: R3
        departments:
          - {id: buy, name: Purchasing, function: procurement, weight: lead}
          - {id: tech, name: Technical, function: technical, weight: support}
          - {id: shop, name: Workshop, function: user, weight: none}
        people:
          - {id: gm, name: GM, roles: [decision_maker]}
          - {id: shopkeeper, name: Shop head, department: shop, reports_to: gm}
          - {id: engineer, name: Chief engineer, department: tech, reports_to: gm, roles: [designer, approver]}
          - {id: buyer, name: Purchasing head, department: buy, reports_to: gm}
    """
    result = who_decides(graph(text))
    assert ranking(text) == ["gm", "buyer", "engineer", "shopkeeper"]
    assert item(result, "buyer")["reasons"][0] == "heads Purchasing, the department that leads the purchase"
    assert "heads Technical, which only supports the purchase" in item(result, "engineer")["reasons"]
    assert "heads Workshop, which has no say in this purchase" in item(result, "shopkeeper")["reasons"]


# Rule 4: formal rank; the top of a private company decides.

def test_higher_in_the_line_and_more_people_beneath_mean_more_power_and_dotted_lines_count_less():
    text = """\
        id: r4
        name: R4
        people:
          - {id: top, name: Top}
          - {id: solid, name: Solid, reports_to: top}
          - {id: dotted, name: Dotted, reports_to: top}
          - {id: a, name: A, reports_to: solid}
          - {id: b, name: B, reports_to: solid}
          - {id: c, name: C, reports_to: top, dotted_to: [dotted]}
          - {id: d, name: D, reports_to: top, dotted_to: [dotted]}
    """
    result = who_decides(graph(text))
    assert ranking(text)[:3] == ["top", "solid", "dotted"]
    assert item(result, "solid")["reasons"] == ["1 step below the top, 2 people beneath"]
    assert item(result, "dotted")["reasons"] == ["1 step below the top, 0 people beneath, 2 people more on dotted lines"]


def test_in_a_private_company_the_top_of_the_hierarchy_decides():
    text = """\
        id: r4
        name: R4
        ownership: private
        funding: {status: allocated, source: self}
        departments:
          - {id: it, name: IT, weight: lead}
        people:
          - {id: owner, name: Owner}
          - {id: cio, name: CIO, department: it, reports_to: owner, roles: [approver, evaluator]}
          - {id: dev, name: Dev, department: it, reports_to: cio}
          - {id: ops, name: Ops, department: it, reports_to: cio}
        influence:
          - {from: dev, to: cio, strength: 4}
          - {from: ops, to: cio, strength: 4}
    """
    result = who_decides(graph(text))
    assert result["decider"]["id"] == "owner"
    assert item(result, "owner")["reasons"][0] == "at the top of a private company, where the owner decides"
    assert codes(result) == []
    # Without the rule the CIO would rank first.
    assert ranking(text.replace("ownership: private", "ownership: state"))[0] == "cio"


# Rule 5: informal power, weighted by the listeners' power; the decider's decisive ear comes right behind.

def test_being_listened_to_by_the_powerful_counts_more_than_by_the_junior():
    text = """\
        id: r5
        name: R5
        people:
          - {id: boss, name: Boss, roles: [decision_maker]}
          - {id: p, name: P, reports_to: boss}
          - {id: q, name: Q, reports_to: boss}
          - {id: junior, name: Junior, reports_to: q}
        influence:
          - {from: q, to: junior, strength: 3}
          - {from: p, to: boss, strength: 3}
    """
    result = who_decides(graph(text))
    assert item(result, "p")["factors"]["informal"] > item(result, "q")["factors"]["informal"] > 0
    assert "listened to by 1: the decider Boss (3/5)" in item(result, "p")["reasons"]


def test_whoever_the_decider_listens_to_decisively_ranks_right_behind():
    text = """\
        id: r5
        name: R5
        departments:
          - {id: board, name: Board, weight: lead}
        people:
          - {id: boss, name: Boss, department: board, roles: [decision_maker]}
          - {id: deputy, name: Deputy, department: board, reports_to: boss, roles: [approver]}
          - {id: a, name: A, reports_to: deputy}
          - {id: b, name: B, reports_to: deputy}
          - {id: expert, name: Expert, reports_to: a}
        influence:
          - {from: expert, to: boss, strength: 5}
    """
    result = who_decides(graph(text))
    assert ranking(text)[:3] == ["boss", "expert", "deputy"]
    expert = item(result, "expert")
    assert expert["position"] == "key"
    assert expert["reasons"][0] == "the decider Boss listens to this person decisively (strength 5): the first key person"
    assert expert["score"] >= item(result, "deputy")["score"]
    why = explain(graph(text), "expert")
    assert why["weighted_sum"] < why["score"]
    assert why["reasons"][-1].startswith("ranked right behind the decider because the decider listens decisively: score raised from")


# Rule 6: thin evidence is said out loud.

def test_thin_evidence_falls_back_on_the_hierarchy_with_a_warning():
    text = """\
        id: r6
        name: R6
        people:
          - {id: c, name: C, reports_to: b}
          - {id: b, name: B, reports_to: a}
          - {id: a, name: A}
    """
    result = who_decides(graph(text))
    assert ranking(text) == ["a", "b", "c"]
    assert codes(result) == ["no_declared_decider", "thin_evidence"]
    assert result["warnings"][1]["message"] == (
        "no roles, no influence and no funding are recorded: this ranking rests on the reporting lines alone; "
        "ask who signs, who pays and whom the boss listens to"
    )


def test_an_empty_account_has_no_decider():
    result = who_decides(graph("id: e\nname: E\n"))
    assert result == {"account": "e", "name": "E", "decider": None, "ranking": [], "total": 0, "warnings": [
        {"code": "no_people", "message": "the account has no people yet"}]}


# The contract.

SMALL = """\
    id: small
    name: 小公司
    departments:
      - {id: buy, name: 采购部, weight: 主导}
    people:
      - {id: zhou, name: 周总, title: 总经理, roles: [拍板人]}
      - {id: ma, name: 马经理, title: 采购经理, department: buy, reports_to: zhou, roles: [经办人]}
      - {id: li, name: 李工, title: 工程师, reports_to: zhou}
    influence:
      - {from: li, to: zhou, strength: 5}
"""


def test_the_json_contract_holds():
    result = who_decides(graph(SMALL))
    assert set(result) >= {"account", "decider", "ranking", "warnings"}
    for entry in result["ranking"]:
        assert set(entry) >= {"id", "name", "title", "department", "score", "position", "factors", "reasons"}
        assert set(entry["factors"]) == set(WEIGHTS) == {"roles", "money", "department", "formal", "informal", "declared"}
    assert [(e["id"], e["position"], e["department"]) for e in result["ranking"]] == [
        ("zhou", "decider", None), ("li", "key", None), ("ma", "handler", "buy")]
    assert json.loads(json.dumps(result)) == result


@settings(max_examples=60, deadline=None)
@given(accounts(max_people=8))
def test_every_person_is_ranked_once_in_score_order_and_the_answer_is_deterministic(account):
    G = to_graph(account)
    result = who_decides(G)
    scores = [entry["score"] for entry in result["ranking"]]
    assert sorted(entry["id"] for entry in result["ranking"]) == sorted(p.id for p in account.people)
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 1 for score in scores)
    assert all(entry["position"] in POSITIONS for entry in result["ranking"])
    assert all(0 <= value <= 1 for entry in result["ranking"] for value in entry["factors"].values())
    if account.people:
        assert result["ranking"][0]["id"] == result["decider"]["id"]
    assert who_decides(G) == result


@st.composite
def flows(draw):
    n = draw(st.integers(1, 9))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]), max_size=20))
    out = {g: sum(1 for h, _ in pairs if h == g) for g, _ in pairs}
    edges = [(g, r, draw(st.floats(0, 1)) / out[g]) for g, r in pairs]
    return n, edges, draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))


@settings(max_examples=200, deadline=None)
@given(flows())
def test_the_pagerank_kernel_reaches_the_same_fixed_point_as_plain_power_iteration(case):
    n, edges, base = case
    x = [0.15 * b for b in base]
    for _ in range(300):
        step = [0.15 * b for b in base]
        for giver, receiver, share in edges:
            step[receiver] += 0.85 * share * x[giver]
        x = step
    assert flow(n, edges, base, tol=1e-12) == pytest.approx(x, abs=1e-9)


def test_top_keeps_the_first_n():
    assert [e["id"] for e in who_decides(graph(SMALL), top=1)["ranking"]] == ["zhou"]


def test_explain_gives_every_factor_with_evidence_in_chinese():
    why = explain(graph(SMALL), "ma", lang="zh")
    assert [f["factor"] for f in why["factors"]] == list(WEIGHTS)
    assert {f["factor"]: f["evidence"] for f in why["factors"]} == {
        "roles": ["文件中的角色：经办人；取最强的一个"],
        "money": ["不清楚资金在谁手里：每人都按 0.5 计"],
        "department": ["采购部：分量 主导", "此人是部门负责人（部门内没有上级）"],
        "formal": ["汇报线：马经理 → 周总", "实线下属 0 人，虚线下属 0 人（按一半计）"],
        "informal": ["没有记录谁听此人的", "影响力加权 PageRank：相当于最受倚重者的 0.0"],
        "declared": ["未被标注为决策者"],
    }
    assert sum(f["points"] for f in why["factors"]) == pytest.approx(why["weighted_sum"], abs=0.002)


def test_without_recomputes_as_if_the_person_had_left():
    result = who_decides(graph(SMALL), without=["zhou"])
    assert [e["id"] for e in result["ranking"]] == ["ma", "li"]
    assert result["changes"]["without"] == [{"id": "zhou", "name": "周总"}]
    assert result["changes"]["decider_before"] == {"id": "zhou", "name": "周总"}
    assert result["changes"]["decider_after"] == {"id": "ma", "name": "马经理"}
    assert result["changes"]["summary"] == [
        "the decider changes from 周总 to 马经理",
        "马经理: #2 → #1, handler → decider",
        "李工: #1 → #2, key → other",
    ]


def test_without_an_unknown_person_names_the_closest_id_and_leaves_the_garbage_collector_on():
    with pytest.raises(NotFoundError, match=r"^no person 'zhuo' in account 'small' \(did you mean 'zhou'\?\)$"):
        who_decides(graph(SMALL), without=["zhuo"])
    assert gc.isenabled()


# The command.

TABLE_EN = """\
Who decides: 小公司

Decider: 周总 — marked as the decision maker; top of the reporting line, 2 people beneath

# | name   | title    | department | position | score | why
--+--------+----------+------------+----------+-------+--------------------------------------------------------------------------------------------------------------------------------
1 | 周总   | 总经理   |            | decider  | 0.522 | marked as the decision maker; top of the reporting line, 2 people beneath
2 | 李工   | 工程师   |            | key      | 0.330 | the decider 周总 listens to this person decisively (strength 5): the first key person; listened to by 1: the decider 周总 (5/5)
3 | 马经理 | 采购经理 | 采购部     | handler  | 0.303 | heads 采购部, the department that leads the purchase; decision-chain role: handler
"""

TABLE_ZH = """\
谁拍板：小公司

拍板人：周总——被标注为决策者（拍板人）；汇报线的最高层，下属共 2 人

# | 姓名   | 职务     | 部门   | 定位   | 得分  | 依据
--+--------+----------+--------+--------+-------+----------------------------------------------------------------------------------
1 | 周总   | 总经理   |        | 拍板人 | 0.522 | 被标注为决策者（拍板人）；汇报线的最高层，下属共 2 人
2 | 李工   | 工程师   |        | 关键人 | 0.330 | 决策者周总决定性地听此人的（强度 5）：头号关键人；1 人听此人的：决策者周总（5/5）
3 | 马经理 | 采购经理 | 采购部 | 经办人 | 0.303 | 负责采购部，该部门主导这次采购；决策链角色：经办人
"""


@pytest.mark.parametrize(("lang", "expected"), [("en", TABLE_EN), ("zh", TABLE_ZH)])
def test_the_command_prints_the_ranking_in_both_languages(write, lang, expected):
    path = write(textwrap.dedent(SMALL))
    result = CliRunner().invoke(cli.main, ["who-decides", path, "--lang", lang])
    assert result.exit_code == 0, result.output
    assert result.output == expected


def test_the_command_explains_a_person_and_refuses_an_unknown_one(write):
    path = write(textwrap.dedent(SMALL))
    runner = CliRunner()
    shown = runner.invoke(cli.main, ["who-decides", path, "--explain", "li", "--lang", "en", "--format", "md"])
    assert shown.exit_code == 0
    assert shown.output.splitlines()[0] == "# Why 李工: #2 of 3, score 0.330, key"
    assert "| informal power | 1.000 | 0.17 | 0.170 | 周总 listens at strength 5/5; influence-weighted PageRank: 1.0 of the most listened-to person's |" in shown.output
    unknown = runner.invoke(cli.main, ["who-decides", path, "--explain", "zhuo", "--lang", "en"])
    assert (unknown.exit_code, unknown.output) == (1, "Error: no person 'zhuo' in account 'small' (did you mean 'zhou'?)\n")
    both = runner.invoke(cli.main, ["who-decides", path, "--explain", "li", "--without", "zhou", "--lang", "en"])
    assert (both.exit_code, both.output) == (2, "Error: --explain and --without do not combine: ask one question at a time\n")


def test_at_most_ten_key_people_the_strongest_ears_of_the_decider_first():
    # The boss asks twelve people for advice: two at strength 4, ten at 3. A rep can work ten.
    people = "".join(f"  - {{id: p{i:02}, name: P{i:02}, reports_to: boss}}\n" for i in range(12))
    ties = "".join(f"  - {{from: p{i:02}, to: boss, strength: {4 if i in (10, 11) else 3}}}\n" for i in range(12))
    G = graph("id: k\nname: K\npeople:\n  - {id: boss, name: Boss, roles: [decision_maker]}\n" + people + "influence:\n" + ties)
    key = [e["id"] for e in who_decides(G)["ranking"] if e["position"] == "key"]
    assert len(key) == 10 and {"p10", "p11"} <= set(key)


def test_a_person_can_be_named_by_their_name_unless_two_share_it(write):
    path = write(textwrap.dedent(SMALL))
    runner = CliRunner()
    by_name = runner.invoke(cli.main, ["who-decides", path, "--explain", "李工", "--lang", "en", "--format", "md"])
    assert by_name.output.splitlines()[0] == "# Why 李工: #2 of 3, score 0.330, key"
    twins = path.replace(".yaml", "-twins.yaml")
    with open(twins, "w", encoding="utf-8") as out:
        out.write(textwrap.dedent(SMALL).replace("name: 马经理", "name: 李工"))
    shared = runner.invoke(cli.main, ["who-decides", twins, "--explain", "李工", "--lang", "en"])
    assert (shared.exit_code, shared.output) == (1, "Error: 2 items are called '李工' in account 'small': name one by its id (ma, li)\n")
    nothing_close = runner.invoke(cli.main, ["who-decides", path, "--explain", "the boss", "--lang", "zh"])
    assert (nothing_close.exit_code, nothing_close.output) == (1, "Error: 客户 'small' 中没有人员 'the boss'（`chainmap show` 可列出所有 id）\n")


def test_the_command_says_what_changes_without_a_person(write):
    path = write(textwrap.dedent(SMALL))
    result = CliRunner().invoke(cli.main, ["who-decides", path, "--without", "zhou", "--lang", "zh", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["changes"]["summary"][0] == "拍板人从周总变为马经理"


# Real organisations: Krackhardt's 21 high-tech managers (reports_to from company records, advice from a survey).

def krackhardt(with_advice: bool):
    # tests/data/realdata/krackhardt.yaml: reports_to from company records, advice as influence (the advisor sways
    # the seeker, {from: advisor, to: seeker}), departments from the attributes; see tools/realdata_accounts.py.
    data = realdata("krackhardt")
    if not with_advice:
        data["influence"] = []
    return to_graph(from_data(data))


def test_krackhardt_formal_rank_alone_puts_the_ceo_first_then_the_vice_presidents_by_span():
    result = who_decides(krackhardt(with_advice=False))
    # VP 14 heads 7 managers, 21 four, 2 three, 18 two.
    assert [e["id"] for e in result["ranking"][:5]] == ["m7", "m14", "m21", "m2", "m18"]
    assert codes(result) == ["no_declared_decider", "thin_evidence"]


def test_krackhardt_advice_shows_the_power_the_org_chart_hides():
    G = krackhardt(with_advice=True)
    result = who_decides(G)
    ids = [e["id"] for e in result["ranking"]]
    informal = {e["id"]: e["factors"]["informal"] for e in result["ranking"]}
    # VP 2 (sought by 18 of 20) passes VP 14 (7 reports, sought by 10); 14 falls from second to fifth.
    assert ids[:5] == ["m7", "m21", "m2", "m18", "m14"]
    assert informal["m2"] > informal["m18"] > informal["m14"]
    # Like textbook PageRank, 21 outranks 2: 2 asks only 3 people, 21 among them, so a third of 2's power flows to 21.
    assert informal["m21"] == 1.0 == max(informal.values())
    assert item(result, "m2")["reasons"] == [
        "listened to by 18: the decider Manager 7 (3/5), Manager 21 (3/5), Manager 18 (3/5), …",
        "1 step below the top, 3 people beneath",
    ]
    assert who_decides(G) == result


def test_the_readme_examples_of_who_decides_champions_and_path_are_real_output(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### who-decides")
    section = readme[start : readme.index("\n### ", readme.index("### champions and path"))]
    blocks = re.findall(r"```console\n(.*?\n)```", section, re.S)
    runs = [run for block in blocks for run in re.split(r"^\$ chainmap ", block, flags=re.M)[1:]]
    assert len(runs) == 6
    monkeypatch.chdir(ROOT)
    for run in runs:
        command, _, expected = run.partition("\n")
        shown = CliRunner().invoke(cli.main, shlex.split(command))
        assert (shown.exit_code, shown.output) == (0, expected), command


# Thurman's office (one upstream copy): a formal chart with the President on top, and multiplex informal ties.

def thurman(with_ties: bool):
    # tests/data/realdata/thurman.yaml: the derived reporting lines, and the undirected informal ties as influence both ways.
    data = realdata("thurman")
    if not with_ties:
        data["influence"] = []
    return to_graph(from_data(data))


def test_thurman_informal_ties_lift_pete_and_emma_above_the_president():
    formal = [e["id"] for e in who_decides(thurman(with_ties=False))["ranking"]]
    assert formal[:4] == ["president", "pete", "emma", "minna"]
    both = [e["id"] for e in who_decides(thurman(with_ties=True))["ranking"]]
    # Pete, Emma and Ann have 8 informal ties each, the President 4.
    assert both[:4] == ["pete", "emma", "president", "ann"]


def test_people_without_a_department_sit_where_their_nearest_boss_with_one_does():
    # aide2 → aide → chair (group board, which holds the money); helper → m1 → gm (local board).
    text = PARENT_FUNDED + "      - {id: aide2, name: Aide 2, reports_to: aide}\n      - {id: helper, name: Helper, reports_to: m1}\n"
    text = text.replace("{id: aide, name: Aide, department: group_board, reports_to: chair}", "{id: aide, name: Aide, reports_to: chair}")
    money = {entry["id"]: entry["factors"]["money"] for entry in who_decides(graph(text))["ranking"]}
    assert (money["aide"], money["aide2"], money["helper"]) == (1.0, 1.0, 0.0)
