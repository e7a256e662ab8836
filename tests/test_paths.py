"""chainmap path: the strongest routes to a person, their weakest link, the defaults, the errors and the CLI."""

import json
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from chainmap import cli, loads, to_graph
from chainmap.analysis.paths import VIA, paths
from chainmap.errors import NotFoundError

from .strategies import accounts

ORG = textwrap.dedent("""\
    id: p
    name: P Co
    people:
      - {id: boss, name: Boss, roles: [decision_maker]}
      - {id: chief, name: Chief engineer, reports_to: boss}
      - {id: eng, name: Engineer, reports_to: chief, attitude: supporter}
      - {id: clerk, name: Clerk, dotted_to: [boss], attitude: neutral}
      - {id: hermit, name: Hermit, attitude: supporter}
    influence:
      - {from: chief, to: boss, strength: 5}
    team:
      - {id: me, name: Me}
      - {id: pre, name: Presales}
    contacts:
      - {from: me, to: eng, stage: acquainted}
      - {from: pre, to: clerk, stage: alliance}
""")


def routes(text: str = ORG, **options) -> dict:
    return paths(to_graph(loads(text)), **options)


def test_the_default_target_is_the_decider_and_the_default_sources_our_team_and_supporters():
    found = routes()
    assert found["target"] == {"id": "boss", "name": "Boss"}
    assert [r["from"]["id"] for r in found["routes"]] == ["eng", "pre", "me"]
    assert found["unreachable"] == [{"id": "hermit", "name": "Hermit"}]


def test_each_route_names_its_steps_its_strength_and_its_weakest_link():
    found = routes()
    first, presales, ours = found["routes"]
    assert first["steps"] == [
        {"id": "eng", "name": "Engineer", "via": None},
        {"id": "chief", "name": "Chief engineer", "via": "reports_to"},
        {"id": "boss", "name": "Boss", "via": "influence"},
    ]
    assert (first["strength"], first["weakest"]) == (0.7, {"id": "chief", "name": "Chief engineer"})
    # our own weak tie (acquainted, 0.4) is the link to strengthen first
    assert (ours["strength"], ours["weakest"]) == (0.28, {"id": "eng", "name": "Engineer"})
    # a dotted line (0.4) carries less than a solid one (0.7), even after the strongest contact
    assert (presales["strength"], presales["weakest"]) == (0.4, {"id": "boss", "name": "Boss"})


def test_the_strongest_route_wins_over_a_shorter_weaker_one():
    text = ORG + "  - {from: me, to: boss, stage: none}\n"
    (ours,) = routes(text, sources=["me"])["routes"]
    assert [step["id"] for step in ours["steps"]] == ["me", "eng", "chief", "boss"]
    assert ours["strength"] == 0.28  # the direct tie is only 0.2


def test_sources_and_target_can_be_named():
    found = routes(to="chief", sources=["pre", "eng"])
    assert [(r["from"]["id"], r["strength"]) for r in found["routes"]] == [("eng", 0.7), ("pre", 0.28)]


def test_unknown_ids_name_the_closest_one():
    with pytest.raises(NotFoundError, match=r"^no person or team member 'mee' in account 'p' \(did you mean 'me'\?\)$"):
        routes(sources=["mee"])
    with pytest.raises(NotFoundError, match=r"^no person 'bos' in account 'p' \(did you mean 'boss'\?\)$"):
        routes(to="bos")
    with pytest.raises(NotFoundError, match=r"^account 'e' has no decider to aim at: name a person with --to$"):
        routes("id: e\nname: E\n")


def test_a_warning_says_when_nobody_reaches_the_target_or_only_weakly():
    found = routes(to="hermit")
    assert (found["routes"], found["warnings"]) == ([], [{
        "code": "no_route", "message": "none of our people and supporters reaches Hermit: build a first contact in their circle"}])
    weak = routes(to="boss", sources=["me"], lang="zh")
    assert weak["warnings"] == []
    far = ORG.replace("stage: acquainted", "stage: none")
    assert routes(far, sources=["me"])["warnings"] == [{
        "code": "weak_routes", "message": "the strongest route to Boss has strength 0.14: strengthen Engineer first"}]


@settings(max_examples=60, deadline=None)
@given(accounts(max_people=8))
def test_every_route_runs_from_its_source_to_the_target_and_the_strongest_come_first(account):
    G = to_graph(account)
    if not account.people:
        return
    target = account.people[0].id
    found = paths(G, to=target)
    strengths = [r["strength"] for r in found["routes"]]
    assert strengths == sorted(strengths, reverse=True)
    for route in found["routes"]:
        assert route["steps"][0]["id"] == route["from"]["id"] and route["steps"][-1]["id"] == target
        assert route["steps"][0]["via"] is None and all(step["via"] in VIA for step in route["steps"][1:])
        assert 0 < route["strength"] <= 1
        assert route["weakest"]["id"] in [step["id"] for step in route["steps"][1:]]
    assert json.loads(json.dumps(found)) == found


TABLE = """\
Routes to Boss

3 of 4 starting points reach Boss.

# | from     | route                                                                  | strength | weakest link
--+----------+------------------------------------------------------------------------+----------+---------------
1 | Engineer | Engineer —reporting line→ Chief engineer —influence→ Boss              | 0.700    | Chief engineer
2 | Presales | Presales —contact→ Clerk —reporting line→ Boss                         | 0.400    | Boss
3 | Me       | Me —contact→ Engineer —reporting line→ Chief engineer —influence→ Boss | 0.280    | Engineer

Cannot reach Boss

• Hermit
"""


def test_the_command_prints_the_routes(write):
    path = write(ORG)
    shown = CliRunner().invoke(cli.main, ["path", path, "--lang", "en"])
    assert shown.exit_code == 0, shown.output
    assert shown.output == TABLE
    unknown = CliRunner().invoke(cli.main, ["path", path, "--from", "mee", "--lang", "en"])
    assert (unknown.exit_code, unknown.output) == (1, "Error: no person or team member 'mee' in account 'p' (did you mean 'me'?)\n")
