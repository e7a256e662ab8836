"""chainmap gaps: every code fires on a map built to show it, and stays silent on the complete map."""

import datetime as dt
import json
import textwrap

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from chainmap import cli, loads, to_graph
from chainmap.analysis.gaps import CODES, SEVERITIES, gaps

from .strategies import accounts

TODAY = dt.date(2026, 11, 20)

# A map where nothing is missing: every gap test changes one thing in it.
COMPLETE = """\
id: complete
name: Complete Co
ownership: state
funding: {status: approved, source: self}
departments:
  - {id: board, name: Board, function: management, weight: lead}
  - {id: buy, name: Purchasing, function: procurement, weight: support}
  - {id: it, name: IT, function: technical, weight: support}
  - {id: plant, name: Plant, function: user, weight: lead}
people:
  - {id: chief, name: Chief, department: board, roles: [decision_maker], attitude: supporter, stage: meeting}
  - {id: buyer, name: Buyer, department: buy, reports_to: chief, roles: [handler], attitude: neutral, stage: acquainted}
  - {id: cio, name: CIO, department: it, reports_to: chief, roles: [evaluator, designer], attitude: supporter, stage: trust, informed: true, personality: tiger}
  - {id: manager, name: Manager, department: plant, reports_to: chief, roles: [initiator, user], attitude: supporter, stage: trust, informed: true, personality: peacock}
influence:
  - {from: cio, to: chief, strength: 4}
  - {from: manager, to: chief, strength: 3}
  - {from: manager, to: buyer, strength: 2}
team: [{id: me, name: Me, role: sales}]
competitors: [{id: rival, name: Rival, note: the incumbent}]
visits:
  - {date: 2026-11-01, by: [me], met: [chief, cio, manager, buyer], departments: [board, it, plant, buy]}
"""


def findings(text: str, today: dt.date = TODAY, lang: str = "en") -> list[dict]:
    return gaps(to_graph(loads(textwrap.dedent(text))), today=today, lang=lang)["findings"]


def codes(text: str, today: dt.date = TODAY) -> list[str]:
    return [f["code"] for f in findings(text, today)]


def only(text: str, code: str, today: dt.date = TODAY) -> dict:
    (found,) = [f for f in findings(text, today) if f["code"] == code]
    return found


def test_the_complete_map_has_no_gaps():
    assert findings(COMPLETE) == []


def test_no_decider_known_fires_when_nobody_holds_the_role():
    found = only(COMPLETE.replace("roles: [decision_maker], ", ""), "no_decider_known")
    assert found["severity"] == "high" and found["subject"] is None
    assert found["message"].startswith("Nobody in the map holds the decision_maker role; the best guess is ")


def test_decider_not_contacted_names_who_can_introduce_us():
    text = COMPLETE.replace("attitude: supporter, stage: meeting}", "attitude: supporter}").replace("met: [chief, ", "met: [")
    found = only(text, "decider_not_contacted")
    assert (found["severity"], found["subject"]) == ("high", "chief")
    assert found["message"].startswith("Chief decides, but nobody on our side has met them. ")
    assert found["message"].endswith(" can introduce us: CIO reports to Chief.")


def test_decider_not_contacted_without_a_direct_tie_gives_the_strongest_route():
    text = """\
        id: route
        name: Route
        people:
          - {id: chief, name: Chief, roles: [decision_maker]}
          - {id: aide, name: Aide}
          - {id: pal, name: Pal, attitude: supporter, stage: trust}
        influence:
          - {from: aide, to: chief, strength: 5}
          - {from: pal, to: aide, strength: 4}
        """
    assert only(text, "decider_not_contacted")["message"] == (
        "Chief decides, but nobody on our side has met them. Nobody we know is tied to them directly; "
        "the strongest route in is Pal → Aide → Chief (weakest link: Aide)."
    )


def test_decider_attitude_unknown():
    found = only(COMPLETE.replace("attitude: supporter, stage: meeting}", "stage: meeting}"), "decider_attitude_unknown")
    assert (found["severity"], found["subject"]) == ("medium", "chief")


def test_decider_opposed_names_whom_they_listen_to():
    found = only(COMPLETE.replace("attitude: supporter, stage: meeting}", "attitude: opponent, stage: meeting}"), "decider_opposed")
    assert (found["severity"], found["subject"]) == ("high", "chief")
    assert found["message"] == (
        "Chief, the decider, opposes us: learn why and who they listen to (CIO, Manager), and win those people first."
    )


def test_key_person_opposed_says_whom_they_favour():
    text = COMPLETE.replace("attitude: neutral, stage: acquainted}", "attitude: opponent, stage: acquainted, favours: rival}")
    text = text.replace("influence:\n", "influence:\n  - {from: buyer, to: chief, strength: 3}\n")
    found = only(text, "key_person_opposed")
    assert (found["severity"], found["subject"]) == ("high", "buyer")
    assert "Buyer, a key person (ranks #" in found["message"]
    assert found["message"].endswith("opposes us and favours Rival: neutralise them or build support around them.")


def test_an_opposed_person_without_weight_is_not_a_key_person_gap():
    text = COMPLETE + "  - {date: 2026-11-02, by: [me], met: [clerk]}\n"
    text = text.replace("influence:", "  - {id: clerk, name: Clerk, department: buy, reports_to: buyer, attitude: opponent}\ninfluence:")
    assert "key_person_opposed" not in codes(text)


def test_competitor_lock_in_when_the_working_level_we_reach_leans_to_one_rival():
    text = COMPLETE.replace("stage: acquainted}", "stage: acquainted, favours: rival}")
    text = text.replace("roles: [evaluator, designer], attitude: supporter", "roles: [evaluator, designer], attitude: neutral, favours: rival")
    found = only(text, "competitor_lock_in")
    assert (found["severity"], found["subject"]) == ("high", "rival")
    assert found["message"] == (
        "2 of the 3 people we reach at the working level favour Rival (Buyer, CIO): Rival has taught them its view. "
        "Go top-down: win the leadership (Chief) first."
    )


def test_one_person_favouring_a_rival_is_no_lock_in():
    assert "competitor_lock_in" not in codes(COMPLETE.replace("stage: acquainted}", "stage: acquainted, favours: rival}"))


@pytest.mark.parametrize(
    "funding, severity",
    [("", "medium"), ("funding: {status: unknown, source: self}", "medium"), ("funding: {status: approved}", "low")],
    ids=["no funding at all", "status unknown", "source unknown"],
)
def test_funding_unknown(funding, severity):
    found = only(COMPLETE.replace("funding: {status: approved, source: self}", funding), "funding_unknown")
    assert (found["severity"], found["subject"]) == (severity, None)


PARENT = """\
organisations: [{id: group, name: Group, relation: parent, funds_project: true}]
"""
GROUP_PEOPLE = """\
  - {id: treasury, name: Group treasury, org: group, function: finance, weight: lead}
"""


def with_parent(stage: str) -> str:
    text = COMPLETE.replace("funding: {status: approved, source: self}", "funding: {status: approved, source: parent}\n" + PARENT)
    text = text.replace("departments:\n", "departments:\n" + GROUP_PEOPLE)
    text = text.replace("influence:", f"  - {{id: cfo, name: CFO, department: treasury, roles: [approver], stage: {stage}}}\ninfluence:")
    return text


def test_funded_elsewhere_when_nobody_at_the_money_holder_is_contacted():
    found = only(with_parent("none"), "funded_elsewhere")
    assert (found["severity"], found["subject"]) == ("high", "group")
    assert found["message"].startswith("The money sits with Group, and nobody there has been contacted")


def test_funded_elsewhere_is_silent_once_someone_there_is_contacted():
    assert "funded_elsewhere" not in codes(with_parent("meeting"))


def test_funded_by_a_parent_the_map_does_not_hold():
    found = only(COMPLETE.replace("source: self", "source: parent"), "funded_elsewhere")
    assert (found["severity"], found["subject"]) == ("medium", None)


@pytest.mark.parametrize("weight, severity", [("lead", "high"), ("support", "medium")])
def test_untouched_department_with_a_say(weight, severity):
    text = COMPLETE.replace("departments:\n", f"departments:\n  - {{id: legal, name: Legal, function: legal, weight: {weight}}}\n")
    found = only(text, "untouched_department")
    assert (found["severity"], found["subject"]) == (severity, "legal")
    assert found["message"] == (
        f"Legal ({weight}) has not been reached. Nobody we know can open it yet: ask our champion for an introduction, "
        "or drop by on the next visit."
    )


@pytest.mark.parametrize("weight", ["none", "unknown"])
def test_untouched_department_without_a_known_say_is_not_a_gap(weight):
    text = COMPLETE.replace("departments:\n", f"departments:\n  - {{id: legal, name: Legal, function: legal, weight: {weight}}}\n")
    assert "untouched_department" not in codes(text)


def test_single_threaded_when_only_one_person_is_at_meeting_or_better():
    text = COMPLETE.replace("attitude: supporter, stage: trust", "attitude: supporter, stage: acquainted")
    found = only(text, "single_threaded")
    assert (found["severity"], found["subject"]) == ("high", "chief")
    assert found["message"].startswith("Everything hangs on Chief: nobody else is at meeting stage or better.")


def test_no_champion_when_no_supporter_is_at_trust_or_better():
    found = only(COMPLETE.replace("attitude: supporter, stage: trust", "attitude: supporter, stage: meeting"), "no_champion")
    assert found["severity"] == "high"
    assert found["message"].startswith("Nobody coaches us yet (no supporter at trust stage or better). Best candidate to develop: ")


def test_stale_contact_for_the_decider_and_the_champion_after_90_days():
    found = [f for f in findings(COMPLETE, today=dt.date(2027, 2, 1)) if f["code"] == "stale_contact"]
    assert [(f["severity"], f["subject"], f["message"]) for f in found] == [
        ("medium", "chief", "Chief (the decider) was last met 92 days ago (2026-11-01): renew the relationship with a visit."),
        ("medium", "cio", "CIO (our champion) was last met 92 days ago (2026-11-01): renew the relationship with a visit."),
    ]


def test_no_technical_guide_when_nobody_sits_in_a_technical_or_user_department_or_designs():
    text = COMPLETE.replace("department: it, reports_to: chief, roles: [evaluator, designer]", "department: buy, reports_to: chief, roles: [evaluator]")
    text = text.replace("department: plant, reports_to: chief, roles: [initiator, user]", "department: buy, reports_to: chief, roles: [initiator]")
    found = only(text, "no_technical_guide")
    assert (found["severity"], found["subject"]) == ("medium", None)


def test_no_relationship_guide_when_the_technical_guide_is_the_only_fit_candidate():
    text = COMPLETE.replace("stage: acquainted}", "stage: acquainted, favours: rival}")
    text = text.replace("roles: [initiator, user], attitude: supporter", "roles: [initiator, user], attitude: supporter, favours: rival")
    found = only(text, "no_relationship_guide")
    assert (found["severity"], found["subject"]) == ("medium", None)


def test_stale_contact_is_silent_at_exactly_90_days_and_for_visits_after_today():
    assert "stale_contact" not in codes(COMPLETE, today=dt.date(2027, 1, 30))
    text = COMPLETE.replace("visits:\n", "visits:\n  - {date: 2027-06-01, by: [me], met: [chief]}\n")
    assert "stale_contact" in codes(text, today=dt.date(2027, 2, 1))


def test_a_reached_decider_never_met_on_a_visit_is_stale():
    found = only(COMPLETE.replace("met: [chief, ", "met: ["), "stale_contact")
    assert found["message"] == "Chief (the decider) has never been met on a logged visit: plan one."


def test_findings_are_ordered_by_severity_then_code():
    text = COMPLETE.replace("funding: {status: approved, source: self}", "").replace("attitude: supporter, stage: meeting}", "stage: meeting}")
    text = text.replace("departments:\n", "departments:\n  - {id: legal, name: Legal, function: legal, weight: lead}\n")
    assert codes(text) == ["untouched_department", "decider_attitude_unknown", "funding_unknown"]


@settings(max_examples=60, deadline=None)
@given(accounts())
def test_every_finding_has_a_known_code_a_severity_and_a_subject_in_the_map(account):
    result = gaps(to_graph(account), today=TODAY)
    ids = {item.id for section in ("people", "departments", "organisations", "competitors") for item in getattr(account, section)}
    severities = [SEVERITIES.index(f["severity"]) for f in result["findings"]]
    assert severities == sorted(severities)
    for found in result["findings"]:
        assert found["code"] in CODES
        assert found["subject"] is None or found["subject"] in ids
        assert found["message"]


def run(args):
    result = CliRunner().invoke(cli.main, args)
    return result.exit_code, result.output


def test_cli_complete_map_and_json_contract(write):
    path = write(COMPLETE)
    assert run(["gaps", path, "--today", "2026-11-20", "--lang", "en"]) == (0, "Gaps in the map — Complete Co\n\nNo gaps: the map is complete.\n")
    assert run(["gaps", path, "--today", "2026-11-20", "--lang", "zh", "--format", "md"]) == (
        0,
        "# 客户地图的缺口 —— Complete Co\n\n没有缺口：地图是完整的。\n\n",
    )
    code, output = run(["gaps", path, "--today", "2027-03-01", "--format", "json"])
    result = json.loads(output)
    assert code == 0 and result["account"] == "complete"
    assert {f["code"] for f in result["findings"]} == {"stale_contact"}
    assert all(set(f) == {"code", "severity", "subject", "message"} for f in result["findings"])


def test_cli_markdown_table(write):
    path = write(COMPLETE.replace("attitude: supporter, stage: meeting}", "stage: meeting}"))
    assert run(["gaps", path, "--today", "2026-11-20", "--lang", "en", "--format", "md"]) == (
        0,
        textwrap.dedent("""\
            # Gaps in the map — Complete Co

            | severity | code | about | what to do |
            |---|---|---|---|
            | medium | decider_attitude_unknown | chief | We do not know where Chief, the decider, stands on us: find out before the decision is made. |

            """),
    )


def test_cli_bad_date_is_a_usage_error(write):
    code, output = run(["gaps", write(COMPLETE), "--today", "20/11/2026"])
    assert code == 2
    assert "Invalid value for '--today'" in output
