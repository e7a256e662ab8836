"""chainmap untouched: which departments nobody reached, in what order, who opens each, and the powerful never met."""

import json
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from chainmap import cli, loads, to_graph
from chainmap.analysis.coverage import FUNCTION_ORDER, WEIGHT_ORDER, Reach, untouched
from chainmap.enums import Stage
from chainmap.graph import department_of, members

from .strategies import accounts


def graph(text: str):
    return to_graph(loads(textwrap.dedent(text)))


ONE_DEPARTMENT = """\
id: one
name: One
departments:
  - {id: it, name: IT, function: technical, weight: lead}
people:
  - {id: ma, name: Ma, department: it, stage: %s}
team:
  - {id: me, name: Me}
"""


def untouched_ids(G):
    return [d["id"] for d in untouched(G)["departments"]]


def test_a_department_with_nobody_reached_is_untouched():
    assert untouched_ids(graph(ONE_DEPARTMENT % "none")) == ["it"]


@pytest.mark.parametrize(
    "stage, addition",
    [
        ("acquainted", ""),
        ("alliance", ""),
        ("none", "contacts: [{from: me, to: ma, stage: acquainted}]\n"),
        ("none", "visits: [{date: 2026-01-05, by: [me], departments: [it]}]\n"),
        ("none", "visits: [{date: 2026-01-05, by: [me], met: [ma]}]\n"),
    ],
    ids=["own stage acquainted", "own stage alliance", "contact from our team", "visit listed it", "visit met its person"],
)
def test_each_way_of_reaching_a_department_touches_it(stage, addition):
    assert untouched_ids(graph(ONE_DEPARTMENT % stage + addition)) == []


def test_a_contact_at_stage_none_does_not_reach_anyone():
    G = graph(ONE_DEPARTMENT % "none" + "contacts: [{from: me, to: ma, stage: none}]\n")
    assert untouched_ids(G) == ["it"]


def test_reaching_a_sub_department_does_not_touch_its_parent():
    G = graph("""\
        id: t
        name: T
        departments:
          - {id: hq, name: HQ, weight: lead}
          - {id: lab, name: Lab, parent: hq}
        people:
          - {id: ma, name: Ma, department: lab, stage: meeting}
        """)
    assert untouched_ids(G) == ["hq"]


@pytest.mark.parametrize(
    "lab_people, reason",
    [
        ("", "none of its people is in the map yet"),
        ("  - {id: li, name: Li, department: bio}\n", "nobody in the map sits in it directly, only in Bio below it (1 in the map): find out who heads it"),
        (
            "  - {id: li, name: Li, department: bio}\n  - {id: wu, name: Wu, department: lab}\n",
            "nobody in the map sits in it directly, only in Lab, Bio below it (2 in the map): find out who heads it",
        ),
    ],
)
def test_a_department_with_people_only_below_it_asks_who_heads_it(lab_people, reason):
    G = graph(
        """\
        id: t
        name: T
        departments:
          - {id: hq, name: HQ, weight: lead}
          - {id: lab, name: Lab, parent: hq}
          - {id: bio, name: Bio, parent: lab}
        people:
          - {id: ma, name: Ma}
"""
        + textwrap.indent(lab_people, "        ")
    )
    hq = untouched(G)["departments"][0]
    assert (hq["id"], hq["reasons"][1]) == ("hq", reason)


def test_order_is_weight_then_function_then_file_order():
    G = graph("""\
        id: t
        name: T
        departments:
          - {id: other_lead, name: A, function: other, weight: lead}
          - {id: nothing, name: B, function: procurement, weight: none}
          - {id: buy_support, name: C, function: procurement, weight: support}
          - {id: unsure, name: D, function: procurement}
          - {id: legal_lead, name: E, function: legal, weight: lead}
          - {id: buy_lead, name: F, function: procurement, weight: lead}
          - {id: user_lead, name: G, function: user, weight: lead}
          - {id: money_lead, name: H, function: finance, weight: lead}
          - {id: tech_lead, name: I, function: technical, weight: lead}
          - {id: boss_lead, name: J, function: management, weight: lead}
          - {id: buy_lead_2, name: K, function: procurement, weight: lead}
        """)
    assert untouched_ids(G) == [
        "buy_lead", "buy_lead_2", "money_lead", "user_lead", "tech_lead", "boss_lead", "legal_lead", "other_lead",
        "buy_support", "unsure", "nothing",
    ]


@settings(max_examples=60, deadline=None)
@given(accounts())
def test_listed_departments_are_exactly_the_unreached_ones_in_order(account):
    G = to_graph(account)
    reach = Reach(G)
    visited = {d for visit in account.visits for d in visit.departments}
    result = untouched(G)["departments"]
    listed = {d["id"] for d in result}
    for dept in account.departments:
        node = f"department:{dept.id}"
        reached_inside = any(who in reach.people for who in members(G, node))
        assert (dept.id in listed) == (not reached_inside and dept.id not in visited)
    keys = [(WEIGHT_ORDER.index(d["weight"]), FUNCTION_ORDER.index(d["function"])) for d in result]
    assert keys == sorted(keys)
    for d in result:
        if d["opener"] and d["opener"]["kind"] == "person":
            assert f"person:{d['opener']['id']}" in reach.people
            assert f"person:{d['opener']['id']}" not in members(G, f"department:{d['id']}")


@settings(max_examples=60, deadline=None)
@given(accounts())
def test_reach_holds_every_person_at_acquainted_or_better_and_nobody_else(account):
    G = to_graph(account)
    reach = Reach(G)
    met = {who for visit in account.visits for who in visit.met}
    contacted = {c.target for c in account.contacts if c.stage.rank >= Stage.ACQUAINTED.rank}
    for person in account.people:
        expected = person.stage.rank >= Stage.ACQUAINTED.rank or person.id in met or person.id in contacted
        assert (f"person:{person.id}" in reach.people) == expected
    for who in reach.people:
        dept = department_of(G, who)
        assert dept is None or dept in reach.departments


OPENERS = """\
id: t
name: T
departments:
  - {id: hq, name: HQ, function: management, weight: lead}
  - {id: buy, name: Purchasing, function: procurement, weight: support, parent: hq}
  - {id: it, name: IT, function: technical, weight: support, parent: hq}
people:
  - {id: boss, name: Boss, department: hq, stage: acquainted}
  - {id: buyer, name: Buyer, department: buy, reports_to: boss}
  - {id: geek, name: Geek, department: it, reports_to: boss}
"""


def opener_of(G, dept):
    return next(d["opener"] for d in untouched(G)["departments"] if d["id"] == dept)


def test_the_boss_of_someone_inside_opens_the_department_and_the_reason_says_so():
    G = graph(OPENERS)
    entry = next(d for d in untouched(G)["departments"] if d["id"] == "buy")
    assert entry["opener"] == {"id": "boss", "name": "Boss", "kind": "person", "why": "Buyer reports to Boss"}
    assert entry["reasons"] == [
        "it has a supporting say in this purchase",
        "nobody in it has been contacted (1 in the map) and no visit covered it",
        "Boss can open it: Buyer reports to Boss",
    ]


def test_a_decisive_influence_beats_a_dotted_line_and_a_slight_one_does_not():
    text = OPENERS + """\
  - {id: pal, name: Pal, stage: trust, dotted_to: []}
  - {id: fan, name: Fan, stage: acquainted}
influence:
  - {from: pal, to: buyer, strength: 5}
  - {from: fan, to: geek, strength: 1}
"""
    G = graph(text)
    assert opener_of(G, "buy")["id"] == "pal"  # strength 5 ties with the boss line; the deeper relationship wins
    assert opener_of(G, "it")["id"] == "boss"


def test_someone_in_a_sibling_department_opens_it_when_no_person_ties_exist():
    G = graph("""\
        id: t
        name: T
        departments:
          - {id: hq, name: HQ}
          - {id: buy, name: Purchasing, parent: hq}
          - {id: it, name: IT, parent: hq}
        people:
          - {id: buyer, name: Buyer, department: buy}
          - {id: geek, name: Geek, department: it, stage: meeting}
        """)
    entry = next(d for d in untouched(G)["departments"] if d["id"] == "buy")
    assert entry["opener"]["id"] == "geek"
    assert entry["reasons"][-1] == "Geek can open it: Geek works in IT, under the same parent HQ"


def test_a_visited_parent_department_opens_it_when_nobody_known_is_near():
    G = graph("""\
        id: t
        name: T
        departments:
          - {id: hq, name: HQ}
          - {id: buy, name: Purchasing, parent: hq}
        team: [{id: me, name: Me}]
        visits: [{date: 2026-01-05, by: [me], departments: [hq]}]
        """)
    entry = next(d for d in untouched(G)["departments"] if d["id"] == "buy")
    assert entry["opener"] == {"id": "hq", "name": "HQ", "kind": "department", "why": "it sits under HQ, which we have reached"}


def test_an_opponent_never_opens_a_door_and_without_ties_there_is_no_opener():
    G = graph(OPENERS.replace("department: hq, stage: acquainted}", "stage: trust, attitude: opponent}"))
    entry = next(d for d in untouched(G)["departments"] if d["id"] == "buy")
    assert entry["opener"] is None
    assert entry["reasons"][-1] == "nobody we know has a tie into it yet: ask our best contact for an introduction"


def test_role_holders_inside_are_named_with_their_roles():
    G = graph(OPENERS.replace("reports_to: boss}", "reports_to: boss, roles: [handler, evaluator]}", 1))
    entry = next(d for d in untouched(G)["departments"] if d["id"] == "buy")
    assert "decision-chain roles inside: Buyer (handler/evaluator)" in entry["reasons"]


POWERFUL = """\
id: t
name: T
departments:
  - {id: hq, name: HQ, function: management, weight: lead}
people:
  - {id: chief, name: Chief, department: hq, roles: [decision_maker]}
  - {id: aide, name: Aide, department: hq, reports_to: chief, stage: meeting}
  - {id: clerk, name: Clerk, department: hq, reports_to: aide}
"""


def test_a_decider_nobody_met_is_listed_with_rank_and_opener():
    (entry,) = untouched(graph(POWERFUL))["people"]
    assert entry["id"] == "chief"
    assert entry["reasons"][0].startswith("ranks #1 of 3 in decision power (score ")
    assert entry["reasons"][0].endswith(", decider)")
    assert entry["reasons"][-2:] == ["nobody on our side has met them", "Aide can introduce us: Aide reports to Chief"]
    assert entry["opener"]["id"] == "aide"


def test_a_decider_we_met_on_a_visit_is_not_listed():
    G = graph(POWERFUL + "team: [{id: me, name: Me}]\nvisits: [{date: 2026-01-05, by: [me], met: [chief]}]\n")
    assert untouched(G)["people"] == []


def run(args):
    result = CliRunner().invoke(cli.main, args)
    return result.exit_code, result.output


def test_cli_prints_markdown_in_both_languages(write):
    path = write(OPENERS)
    code, output = run(["untouched", path, "--format", "md", "--lang", "en"])
    assert code == 0
    assert output == textwrap.dedent("""\
        # Untouched departments — T

        | # | department | function | say | why | opener |
        |---|---|---|---|---|---|
        | 1 | Purchasing | procurement | support | it has a supporting say in this purchase; nobody in it has been contacted (1 in the map) and no visit covered it; Boss can open it: Buyer reports to Boss | Boss |
        | 2 | IT | technical | support | it has a supporting say in this purchase; nobody in it has been contacted (1 in the map) and no visit covered it; Boss can open it: Geek reports to Boss | Boss |

        ## Powerful people we have never contacted

        - We have reached every person who matters to the decision.

        """)
    code, output = run(["--lang", "zh", "untouched", path, "--format", "md"])
    assert code == 0
    assert "| 1 | Purchasing | 采购部门 | 辅助 | 它在这次采购中有辅助话语权；其中 1 人都还没接触过，也没有拜访覆盖过；可以请Boss引荐：Buyer向Boss汇报 | Boss |" in output


def test_cli_json_follows_the_contract(write):
    code, output = run(["untouched", write(POWERFUL), "--format", "json", "--lang", "en"])
    assert code == 0
    result = json.loads(output)
    assert set(result) >= {"account", "departments", "people"}
    assert [set(p) >= {"id", "name", "reasons"} for p in result["people"]] == [True]
    assert result["departments"] == []


def test_cli_table_says_when_everything_is_reached(write):
    code, output = run(["untouched", write(ONE_DEPARTMENT % "trust"), "--lang", "en"])
    assert (code, output.splitlines()[:3]) == (0, ["Untouched departments — One", "", "Every department has been reached by someone on our side."])


def test_cli_bad_file_is_one_error_line_and_exit_1(write):
    path = write("id: x\nname: X\npeople: [{id: a, name: A, stage: friendly}]\n")
    code, output = run(["untouched", path, "--lang", "en"])
    assert code == 1
    assert output.startswith(f"Error: {path}:3: a: stage 'friendly' is not allowed")
