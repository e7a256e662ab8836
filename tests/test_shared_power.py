"""The decision-power numbers computed once and passed on: every analysis answers exactly as if it had computed them."""

import datetime as dt
import re

from hypothesis import given, settings

from chainmap import loads, to_graph
from chainmap.analysis.brief import TOP_CANDIDATES, TOP_PEOPLE, prepare
from chainmap.analysis.champions import champions
from chainmap.analysis.coverage import untouched
from chainmap.analysis.gaps import gaps
from chainmap.analysis.paths import paths
from chainmap.analysis.power import analyse, who_decides
from chainmap.enums import Role
from chainmap.graph import people

from .conftest import ROOT
from .strategies import accounts

TODAY = dt.date(2026, 6, 1)


def without_sentences(result: dict, items: str, keys: tuple[str, ...]) -> dict:
    return {**result, items: [{k: v for k, v in item.items() if k not in keys} for item in result[items]]}


@settings(max_examples=60, deadline=None)
@given(accounts(max_people=8))
def test_passing_power_changes_no_answer(account):
    G = to_graph(account)
    power = analyse(G)
    assert who_decides(G, power=power) == who_decides(G)
    assert champions(G, power=power) == champions(G)
    assert untouched(G, power=power) == untouched(G)
    assert gaps(G, today=TODAY, power=power) == gaps(G, today=TODAY)
    if account.people:
        gone = [account.people[0].id]
        assert who_decides(G, without=gone, power=power) == who_decides(G, without=gone)
        assert paths(G, power=power) == paths(G)
        last = account.people[-1].id
        assert paths(G, to=last, power=power) == paths(G, to=last)


@settings(max_examples=60, deadline=None)
@given(accounts(max_people=8))
def test_the_brief_names_what_the_complete_answers_put_first(account):
    # The brief asks each question only as far as it reads; what it shows must match the whole answers.
    G = to_graph(account)
    brief, ranking, coach = prepare(G, today=TODAY), who_decides(G), champions(G)
    assert brief["decider"] == next((entry for entry in ranking["ranking"] if entry["position"] == "decider"), None)
    assert brief["key_people"] == [entry for entry in ranking["ranking"] if entry["position"] == "key"][:TOP_PEOPLE]
    assert brief["candidates"] == coach["candidates"][: len(brief["candidates"])]
    assert len(brief["candidates"]) == min(TOP_CANDIDATES, len(coach["candidates"]))
    for guide in ("technical_guide", "relationship_guide"):
        chosen = coach[guide] and next(c for c in coach["candidates"] if c["id"] == coach[guide]["id"])
        assert brief[guide] == (chosen and {"id": chosen["id"], "name": chosen["name"], "reasons": chosen["reasons"]})
    assert brief["gaps"] == gaps(G, today=TODAY)["findings"]


@settings(max_examples=60, deadline=None)
@given(accounts(max_people=8))
def test_without_reasons_the_numbers_are_the_same(account):
    G = to_graph(account)
    assert who_decides(G, reasons=False) == without_sentences(who_decides(G), "ranking", ("reasons",))
    assert champions(G, reasons=False) == without_sentences(champions(G), "candidates", ("reasons", "next_step"))


def test_nothing_is_kept_on_the_graph_so_a_change_after_an_analysis_counts():
    G = to_graph(loads("id: d\nname: D\npeople: [{id: li, name: Li}, {id: ma, name: Ma}]"))
    before = who_decides(G)["decider"]
    G.nodes[people(G)[1]]["roles"] = [Role.DECISION_MAKER]
    assert (before["id"], who_decides(G)["decider"]["id"]) == ("li", "ma")


def test_the_readme_example_of_sharing_the_decision_power_runs_and_answers_as_each_question_alone():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Speed") :]
    (code,) = re.findall(r"```python\n(.*?)```", section[: section.index("\n## ", 1)], re.S)
    scope = {}
    exec(code.replace('"group.json"', repr(str(ROOT / "samples" / "hospital.yaml"))), scope)
    G = scope["G"]
    assert scope["answers"] == [who_decides(G), champions(G), untouched(G), gaps(G)]
