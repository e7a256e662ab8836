"""chainmap champions: each rule of the issue on a small org built for it, the JSON contract, the CLI, the samples."""

import json
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from chainmap import cli, load, loads, to_graph
from chainmap.analysis.champions import champions

from .conftest import SAMPLES
from .strategies import accounts


def result(text: str, **options) -> dict:
    return champions(to_graph(loads(textwrap.dedent(text))), **options)


def ids(text: str) -> list[str]:
    return [c["id"] for c in result(text)["candidates"]]


def candidate(found: dict, ident: str) -> dict:
    (match,) = [c for c in found["candidates"] if c["id"] == ident]
    return match


# Each test changes one thing in this org: a decider, a deputy who reports to them, and a colleague one step further.
BASE = textwrap.dedent("""\
    id: c
    name: C
    ownership: state
    people:
      - {id: boss, name: Boss, roles: [decision_maker]}
      - {id: deputy, name: Deputy, reports_to: boss, informed: true}
      - {id: clerk, name: Clerk, reports_to: deputy, informed: true}
""")


# Rule 1: never an opponent, never the decider; leaning to a competitor is strongly penalised.

def test_opponents_and_the_decider_are_no_candidates_and_leaning_to_a_rival_costs_most_of_the_score():
    text = BASE.replace("{id: deputy, name: Deputy, reports_to: boss, informed: true}",
                        "{id: deputy, name: Deputy, reports_to: boss, informed: true, attitude: opponent}")
    assert ids(text) == ["clerk"]
    rival = BASE.replace("informed: true}\n  - {id: clerk", "informed: true, favours: rival}\n  - {id: clerk") + "competitors: [{id: rival, name: Rival Co}]\n"
    found = result(rival)
    assert [c["id"] for c in found["candidates"]] == ["clerk", "deputy"]
    assert candidate(found, "deputy")["reasons"][-1] == "leans to Rival Co: strongly penalised"
    assert candidate(found, "deputy")["score"] < 0.3 * candidate(result(BASE), "deputy")["score"] + 0.001


# Rule 2: position beats personality; knowing nothing makes a friendly person worth little.

def test_an_informed_person_near_the_decider_beats_a_friendly_one_who_knows_nothing():
    text = """\
        id: c
        name: C
        people:
          - {id: boss, name: Boss, roles: [decision_maker]}
          - {id: near, name: Near, reports_to: boss, informed: true}
          - {id: mid, name: Mid, reports_to: boss}
          - {id: far, name: Far, reports_to: mid, attitude: supporter, stage: alliance, personality: peacock, informed: false}
    """
    found = result(text)
    assert [c["id"] for c in found["candidates"]] == ["near", "mid", "far"]
    assert candidate(found, "near")["reasons"][:3] == ["reports directly to the decider Boss", "#3 in decision power", "knows the inside facts"]
    assert candidate(found, "far")["reasons"][2] == "knows none of the inside facts (一问三不知): friendly, but no coach"


def test_someone_the_decider_listens_to_is_closer_than_someone_further_down():
    text = BASE + "influence: [{from: clerk, to: boss, strength: 5}]\n"
    found = result(text)
    assert [c["id"] for c in found["candidates"]] == ["clerk", "deputy"]
    assert candidate(found, "clerk")["factors"]["access"] == 1.0
    assert candidate(found, "clerk")["reasons"][0] == "the decider Boss listens to this person (5/5)"


# Rule 3: personality.

@pytest.mark.parametrize(("first", "second"), [("peacock", "chameleon"), ("tiger", "unknown"), ("chameleon", "owl"), ("unknown", "koala")])
def test_peacocks_and_tigers_are_easiest_chameleons_middling_owls_and_koalas_hardest(first, second):
    text = f"""\
        id: c
        name: C
        people:
          - {{id: boss, name: Boss, roles: [decision_maker]}}
          - {{id: b, name: B, reports_to: boss, personality: {second}}}
          - {{id: a, name: A, reports_to: boss, personality: {first}}}
    """
    assert ids(text) == ["a", "b"]


# Rule 4: where we stand, with the next step that fits it.

def test_supporters_further_along_rank_higher_and_each_stage_gets_its_next_step():
    text = """\
        id: c
        name: C
        people:
          - {id: boss, name: Boss, roles: [decision_maker]}
          - {id: cold, name: Cold, reports_to: boss}
          - {id: known, name: Known, reports_to: boss, stage: acquainted, attitude: neutral}
          - {id: met, name: Met, reports_to: boss, stage: meeting, attitude: neutral}
          - {id: trusted, name: Trusted, reports_to: boss, stage: trust, attitude: supporter}
          - {id: wary, name: Wary, reports_to: boss, attitude: neutral}
        team: [{id: me, name: Me}]
        contacts: [{from: me, to: wary, stage: trust}]
    """
    found = result(text)
    assert [c["id"] for c in found["candidates"]] == ["trusted", "wary", "met", "known", "cold"]
    steps = {c["id"]: c["next_step"] for c in found["candidates"]}
    assert steps["cold"] == (
        "plan a short, easy activity — a coffee, a ride, a meal — and expect to be turned down three or four times "
        "before it turns from work to personal topics"
    )
    assert steps["trusted"] == "ask how the decision will really be made and what the decider worries about"
    assert steps["wary"] == "ask what it would take for them to back us, then how the decision will really be made"
    assert candidate(found, "wary")["stage"] == "trust"  # our contact's stage counts
    assert candidate(found, "cold")["reasons"][3] == "cold start: no relationship yet"


# Rule 5: two guides, a technical one and a different relationship one.

def test_the_technical_guide_sits_in_a_technical_or_user_department_and_the_relationship_guide_is_someone_else():
    text = """\
        id: c
        name: C
        departments:
          - {id: board, name: Board}
          - {id: it, name: IT, function: technical}
          - {id: ops, name: Ops, function: user}
          - {id: buy, name: Buying, function: procurement}
        people:
          - {id: boss, name: Boss, department: board, roles: [decision_maker]}
          - {id: aide, name: Aide, department: board, reports_to: boss, attitude: supporter, stage: trust, informed: true}
          - {id: cio, name: CIO, department: it, reports_to: boss, attitude: supporter, stage: meeting}
          - {id: dev, name: Dev, department: it, reports_to: cio}
          - {id: user, name: User, department: ops, reports_to: boss}
          - {id: buyer, name: Buyer, department: buy, reports_to: boss}
        influence:
          - {from: aide, to: dev, strength: 3}
          - {from: aide, to: user, strength: 3}
          - {from: buyer, to: aide, strength: 2}
    """
    found = result(text)
    assert found["technical_guide"] == {"id": "cio", "name": "CIO"}
    assert found["relationship_guide"] == {"id": "aide", "name": "Aide"}
    assert found["warnings"] == []


def test_without_technical_departments_a_designer_elsewhere_is_the_technical_guide():
    text = BASE.replace("{id: clerk, name: Clerk, reports_to: deputy, informed: true}",
                        "{id: clerk, name: Clerk, reports_to: deputy, informed: true, roles: [designer]}")
    found = result(text)
    assert found["technical_guide"] == {"id": "clerk", "name": "Clerk"}
    assert found["relationship_guide"] == {"id": "deputy", "name": "Deputy"}


def test_warnings_when_nobody_is_near_the_decider_or_the_champion_is_far():
    far = """\
        id: c
        name: C
        people:
          - {id: boss, name: Boss, roles: [decision_maker]}
          - {id: lonely, name: Lonely, attitude: supporter, stage: trust, informed: true}
    """
    assert [w["code"] for w in result(far)["warnings"]] == ["none_near_decider", "no_technical_guide"]
    assert result(far)["warnings"][0]["message"] == (
        "no candidate is near the decider (best route strength 0.0): find someone the decider listens to"
    )
    champion_far = BASE.replace("{id: clerk, name: Clerk, reports_to: deputy, informed: true}",
                                "{id: clerk, name: Clerk, reports_to: deputy, informed: true}\n"
                                "  - {id: friend, name: Friend, reports_to: clerk, attitude: supporter, stage: alliance}")
    found = result(champion_far)
    assert [w["code"] for w in found["warnings"]] == ["champion_far", "no_technical_guide"]
    assert found["warnings"][0]["message"] == (
        "our current champion Friend is far from the decision (route strength 0.343): develop someone closer as well"
    )


# The contract and the command.

@settings(max_examples=60, deadline=None)
@given(accounts(max_people=8))
def test_the_json_contract_holds_on_any_account(account):
    found = champions(to_graph(account))
    assert set(found) >= {"account", "candidates", "technical_guide", "relationship_guide", "warnings"}
    opponents = {p.id for p in account.people if p.attitude == "opponent"}
    for c in found["candidates"]:
        assert set(c) >= {"id", "name", "score", "reasons", "next_step"}
        assert 0 <= c["score"] <= 1 and c["id"] not in opponents
    scores = [c["score"] for c in found["candidates"]]
    assert scores == sorted(scores, reverse=True)
    guides = [g["id"] for g in (found["technical_guide"], found["relationship_guide"]) if g]
    assert len(guides) == len(set(guides))
    assert json.loads(json.dumps(found)) == found


SMALL = """\
id: small
name: 小公司
departments:
  - {id: it, name: 信息部, function: 技术部门}
people:
  - {id: zhou, name: 周总, roles: [拍板人]}
  - {id: ma, name: 马工, title: 信息部经理, department: it, reports_to: zhou, attitude: 支持者, stage: 信赖, personality: 孔雀, informed: true}
team: [{id: me, name: 我}]
contacts: [{from: me, to: ma, stage: 信赖}]
"""

TABLE_ZH = """\
内线：小公司

技术向导：马工 · 关系向导：无

# | 姓名 | 职务       | 得分  | 依据                                                                                         | 下一步
--+------+------------+-------+----------------------------------------------------------------------------------------------+-------------------------------------------
1 | 马工 | 信息部经理 | 0.536 | 直接向决策者周总汇报；决策力排第 2；了解内情；支持者，关系阶段：信赖；孔雀：最容易发展成内线 | 问清楚这件事实际上怎么决策、决策者担心什么

提醒

• 找不到第二个人做关系向导，无人可以印证信息
"""


def test_the_command_prints_candidates_guides_and_warnings(write):
    path = write(SMALL)
    shown = CliRunner().invoke(cli.main, ["champions", path, "--lang", "zh"])
    assert shown.exit_code == 0, shown.output
    assert shown.output == TABLE_ZH
    english = CliRunner().invoke(cli.main, ["champions", path, "--lang", "en", "--format", "json"])
    assert json.loads(english.output)["candidates"][0]["next_step"] == "ask how the decision will really be made and what the decider worries about"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_has_candidates_and_a_technical_guide(sample):
    found = champions(to_graph(load(sample)))
    assert found["candidates"] and found["technical_guide"] and found["relationship_guide"]
