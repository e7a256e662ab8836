"""Every analysis on three real organisations (tests/data/realdata, built by tools/realdata_accounts.py).

The files hold only what the studies measured: reporting lines (Krackhardt, Thurman), advice as influence from
the advisor to the seeker at the default strength 3 (Thurman: the undirected informal ties, both ways), and
departments from the attributes. Nobody's role, attitude or stage is known, so nobody is declared decision maker
and the decider is the strongest evidence (warning `no_declared_decider`). Path, untouched and gaps need our side
of the map; where a test needs it, it adds one stated scenario in the test, never in the file:

    we_know(...): our rep ("rep", the only team member) has met one person of the customer (stage meeting).

Numbers in the comments were counted by hand from ../shared/realdata (advice.csv, reports_to.csv, attributes.csv,
derived_centrality.csv) and from the results themselves.
"""

import datetime as dt
import importlib.util

import pytest
from click.testing import CliRunner

from chainmap import cli, from_data, to_graph
from chainmap.analysis.champions import champions
from chainmap.analysis.coverage import untouched
from chainmap.analysis.gaps import gaps
from chainmap.analysis.paths import paths, route_text
from chainmap.analysis.power import who_decides

from .conftest import REALDATA, REALDATA_ACCOUNTS, ROOT, realdata

TODAY = dt.date(2026, 6, 1)


def graph(name: str, we_know: str | None = None):
    """The committed account; with ``we_know``, the scenario: our rep has met that one person (stage meeting)."""
    data = realdata(name)
    if we_know:
        data["team"] = [{"id": "rep", "name": "Our rep", "role": "sales"}]
        data["contacts"] = [{"from": "rep", "to": we_know, "stage": "meeting"}]
    return to_graph(from_data(data))


def ids(items) -> list[str]:
    return [item["id"] for item in items]


def codes(result: dict, key: str = "warnings") -> list[str]:
    return [item["code"] for item in result[key]]


def route(result: dict, start: str) -> dict:
    (found,) = [r for r in result["routes"] if r["from"]["id"] == start]
    return found


# The files themselves.


def test_the_files_are_valid_accounts(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli.main, ["--lang", "en", "validate", *(f"tests/data/realdata/{n}.yaml" for n in ("krackhardt", "lazega", "thurman"))])
    assert (result.exit_code, result.output) == (0, (
        "tests/data/realdata/krackhardt.yaml: ok · 4 departments, 21 people, 234 edges\n"
        "tests/data/realdata/lazega.yaml: ok · 9 departments, 71 people, 978 edges\n"
        "tests/data/realdata/thurman.yaml: ok · 0 departments, 15 people, 80 edges\n"
    ))


@pytest.mark.skipif(not (REALDATA / "krackhardt" / "advice.csv").exists(), reason="../shared/realdata not present")
def test_the_files_are_what_the_script_makes_from_the_shared_data():
    spec = importlib.util.spec_from_file_location("realdata_accounts", ROOT / "tools" / "realdata_accounts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, text in module.build(REALDATA).items():
        assert (REALDATA_ACCOUNTS / name).read_text(encoding="utf-8") == text, f"{name}: run python tools/realdata_accounts.py"


def test_the_files_hold_the_studies_tie_counts_and_invent_no_sales_facts():
    # Krackhardt: 190 advice arcs, 20 reporting lines; Lazega: 892 advice arcs, no reporting lines;
    # Thurman: 33 undirected informal ties (66 arcs), 14 reporting lines.
    for name, influence, lines in (("krackhardt", 190, 20), ("lazega", 892, 0), ("thurman", 66, 14)):
        data = realdata(name)
        assert len(data["influence"]) == influence
        assert sum("reports_to" in p for p in data["people"]) == lines
        assert all(set(p) <= {"id", "name", "title", "department", "reports_to", "extra"} for p in data["people"]), name
        assert not {"funding", "team", "contacts", "competitors", "visits"} & set(data)
        assert all(set(d) <= {"id", "name", "parent"} for d in data.get("departments", []))


# Krackhardt's 21 high-tech managers: CEO 7; VPs 2 (dept 4), 14 (dept 2), 18 (dept 3), 21 (dept 1); 16 managers.
# The CEO goes to 8 people for advice: the four VPs and managers 6, 11, 12, 17. Advice in-degree: 2 → 18,
# 18 → 15, 21 → 15, 7 → 13, 1 → 13, 14 → 10.

KRACKHARDT_CEO_ADVISORS = {"m2", "m14", "m18", "m21", "m6", "m11", "m12", "m17"}


def test_krackhardt_the_ceo_decides_and_whoever_he_asks_for_advice_is_key():
    result = who_decides(graph("krackhardt"))
    assert result["decider"] == {"id": "m7", "name": "Manager 7"}
    decider = result["ranking"][0]
    # Nobody is declared, so the evidence decides: top of the line with all 20 beneath, sought by 13.
    assert decider["reasons"] == [
        "nobody is marked decision maker: the evidence points here",
        "top of the reporting line, 20 people beneath",
        "listened to by 13: Manager 21 (3/5), Manager 2 (3/5), Manager 18 (3/5), …",
    ]
    # The four VPs follow the CEO (in test_power, by their advice power: 21, 2, 18, 14).
    assert set(ids(result["ranking"][1:5])) == {"m2", "m14", "m18", "m21"}
    # Key people are exactly the eight the CEO goes to for advice (influence on the decider at strength 3):
    # a rep would call on each of them.
    assert {e["id"] for e in result["ranking"] if e["position"] == "key"} == KRACKHARDT_CEO_ADVISORS
    assert codes(result) == ["no_declared_decider"]


def test_krackhardt_champion_candidates_sit_next_to_the_ceo():
    result = champions(graph("krackhardt"))
    candidates = result["candidates"]
    # The four VPs report to the CEO (a reporting line carries 0.7), in decision-power order; then the four managers
    # he asks for advice (influence 3/5 = 0.6), manager 6 first (sought by 10, the CEO among them, 28 years there).
    assert ids(candidates[:4]) == ["m21", "m2", "m18", "m14"]
    assert [c["factors"]["access"] for c in candidates[:4]] == [0.7] * 4
    assert candidates[0]["reasons"][0] == "reports directly to the decider Manager 7"
    assert set(ids(candidates[4:8])) == {"m6", "m11", "m12", "m17"} and candidates[4]["id"] == "m6"
    assert candidates[4]["reasons"][0] == "the decider Manager 7 listens to this person (3/5)"
    # Everyone else is two reporting steps from the CEO (0.7 × 0.7 = 0.49): nobody is far.
    assert min(c["factors"]["access"] for c in candidates) == 0.49
    # Nobody knows which department does what, so no technical guide; VP 21, the broker (advice betweenness 60) and
    # the best candidate, with ties into all three other departments (as each VP has), is the relationship guide.
    assert (result["technical_guide"], result["relationship_guide"]) == (None, {"id": "m21", "name": "Manager 21"})
    assert codes(result) == ["no_technical_guide"]


def test_krackhardt_every_manager_reaches_the_ceo_through_a_vp_or_his_own_advice_tie():
    G = graph("krackhardt")
    result = paths(G, sources=[f"m{i}" for i in range(1, 22) if i != 7])
    strengths = {r["from"]["id"]: r["strength"] for r in result["routes"]}
    assert {who for who, s in strengths.items() if s == 0.7} == {"m2", "m14", "m18", "m21"}
    assert {who for who, s in strengths.items() if s == 0.6} == {"m6", "m11", "m12", "m17"}
    assert sorted(s for s in strengths.values() if s < 0.6) == [0.49] * 12
    # Manager 17 (dept 1): the CEO asks him for advice, so his word goes straight up, stronger than via VP 21.
    assert route_text(route(result, "m17"), "en") == "Manager 17 —influence→ Manager 7"
    # Manager 10 (dept 3): the CEO does not ask him; his way is his VP, 18.
    assert route_text(route(result, "m10"), "en") == "Manager 10 —reporting line→ Manager 18 —reporting line→ Manager 7"


def test_krackhardt_knowing_manager_10_the_way_in_runs_through_his_vp():
    result = paths(graph("krackhardt", we_know="m10"))
    (only,) = result["routes"]
    # 0.6 (meeting) × 0.7 × 0.7; our own tie is the weakest link.
    assert route_text(only, "en") == "Our rep —contact→ Manager 10 —reporting line→ Manager 18 —reporting line→ Manager 7"
    assert (only["strength"], only["weakest"]["id"]) == (0.294, "m10")


def test_krackhardt_untouched_departments_and_who_opens_them():
    bare = untouched(graph("krackhardt"))
    # Nobody reached: all four departments are open, with nobody to open them; the CEO and his eight advisors
    # are the powerful people never met.
    assert [(d["id"], d["opener"]) for d in bare["departments"]] == [("d1", None), ("d2", None), ("d3", None), ("d4", None)]
    assert ids(bare["people"])[0] == "m7" and set(ids(bare["people"])) == {"m7"} | KRACKHARDT_CEO_ADVISORS

    result = untouched(graph("krackhardt", we_know="m10"))
    # Manager 10 touches his own department 3. Nine managers ask him for advice (3, 4, 5, 8, 9, 15, 16, 18, 19),
    # so he has a way into each other department: 8 (dept 1), 3 (dept 2), 4 (dept 4), the first in file order.
    assert [(d["id"], d["opener"]["id"]) for d in result["departments"]] == [("d1", "m10"), ("d2", "m10"), ("d4", "m10")]
    assert result["departments"][0]["reasons"][-1] == "Manager 10 can open it: Manager 8 listens to Manager 10 (strength 3)"
    people = {p["id"]: p for p in result["people"]}
    # He can introduce us to his VP, but has no tie of his own to the CEO.
    assert people["m18"]["reasons"][-1] == "Manager 10 can introduce us: Manager 10 reports to Manager 18"
    assert people["m7"]["opener"] is None


def test_krackhardt_gaps_with_one_manager_known():
    result = gaps(graph("krackhardt", we_know="m10"), today=TODAY)
    assert [(f["code"], f["subject"]) for f in result["findings"]] == [
        ("no_decider_known", None),
        ("decider_not_contacted", "m7"),
        ("single_threaded", "m10"),
        ("no_champion", "m21"),
        ("decider_attitude_unknown", "m7"),
        ("funding_unknown", None),
        ("no_technical_guide", None),
    ]
    assert result["findings"][1]["message"] == (
        "Manager 7 decides, but nobody on our side has met them. Nobody we know is tied to them directly; "
        "the strongest route in is Our rep → Manager 10 → Manager 18 → Manager 7 (weakest link: Manager 10)."
    )


# Lazega's law firm: 36 partners (ids 1-36) and 35 associates, three offices, no reporting lines, 892 advice arcs.
# Advice in-degree (all / from partners): 26 → 37/20, 13 → 34/14, 17 → 26/21, 24 → 26/14, 2 → 23/17, 1 → 22/18,
# 20 → 22/17, 40 (the most sought associate) → 25/7. Seniority: 1 → 31 years, 2 → 32, 17 → 23, 20 → 19, 26 → 15.


def test_lazega_the_partners_the_partners_go_to_for_advice_lead():
    result = who_decides(graph("lazega"))
    ranking = result["ranking"]
    # Without a chart every other factor is equal, so the advice network alone ranks. Partner 17 (23 years,
    # corporate) is named by 21 of the 35 other partners, more than anyone; then the senior partners 1 and 2
    # (31 and 32 years) and the two most sought, 26 and 20. The informal factor weighs who asks: partner 13's 34
    # nominations come mostly from associates (20), who are rarely asked themselves, so 13 ranks 10th.
    assert result["decider"] == {"id": "l17", "name": "Lawyer 17"}
    assert ids(ranking[:5]) == ["l17", "l1", "l2", "l26", "l20"]
    assert ids(ranking).index("l13") == 9
    # The first 17 are partners; the first associate is 40, the associate most sought for advice (25).
    titles = [e["title"] for e in ranking]
    assert titles[:17] == ["Partner"] * 17 and ranking[17]["id"] == "l40"
    # Partner 17 asks 21 lawyers for advice, all at the same strength: the ten of them highest in decision power
    # are key, not all 21. Partners 6 and 13 rank above some of those ten, but 17 does not ask them.
    key = [e["id"] for e in ranking if e["position"] == "key"]
    assert key == ["l1", "l2", "l26", "l20", "l11", "l12", "l24", "l16", "l34", "l21"]
    assert codes(result) == ["no_declared_decider"]


def test_lazega_champion_candidates_are_the_partners_the_decider_asks():
    result = champions(graph("lazega"))
    candidates = result["candidates"]
    # Partner 17 asks 21 colleagues for advice: each has a direct line to him (0.6) and the best of them in
    # decision power lead.
    assert ids(candidates[:4]) == ["l1", "l2", "l26", "l20"]
    assert all(c["reasons"][0] == "the decider Lawyer 17 listens to this person (3/5)" for c in candidates[:8])
    # Partner 22 (Boston litigation, 9 years) has advice ties into all five other practice groups: the relationship guide.
    assert result["relationship_guide"] == {"id": "l22", "name": "Lawyer 22"}
    assert codes(result) == ["no_technical_guide"]


def test_lazega_routes_run_along_advice_only():
    G = graph("lazega")
    result = paths(G, sources=["l40", "l13", "l6"])
    # 17 asks associate 40 himself; partner 13 reaches him through partner 4, whom 17 asks and who asks 13;
    # partner 6 asks nobody, but partner 2 asks him.
    assert route_text(route(result, "l40"), "en") == "Lawyer 40 —influence→ Lawyer 17"
    assert route(result, "l40")["strength"] == 0.6
    assert route_text(route(result, "l13"), "en") == "Lawyer 13 —influence→ Lawyer 4 —influence→ Lawyer 17"
    assert route_text(route(result, "l6"), "en") == "Lawyer 6 —influence→ Lawyer 2 —influence→ Lawyer 17"
    # With no chart, word travels only along advice: associate 44 (Providence) advises nobody, and the first-year
    # Boston associates 66, 67, 69 and 71 are asked for advice only by one another: none of the five reaches 17.
    everyone = paths(G, sources=[f"l{i}" for i in range(1, 72)])
    assert ids(everyone["unreachable"]) == ["l44", "l66", "l67", "l69", "l71"]
    assert len(everyone["routes"]) == 65

    known = paths(graph("lazega", we_know="l40"))
    assert [(route_text(r, "en"), r["strength"]) for r in known["routes"]] == [("Our rep —contact→ Lawyer 40 —influence→ Lawyer 17", 0.36)]


def test_lazega_untouched_offices_and_practices():
    bare = untouched(graph("lazega"))
    assert ids(bare["departments"]) == [
        "boston", "boston_litigation", "boston_corporate",
        "hartford", "hartford_litigation", "hartford_corporate",
        "providence", "providence_litigation", "providence_corporate",
    ]
    result = untouched(graph("lazega", we_know="l40"))
    departments = {d["id"]: d for d in result["departments"]}
    # Associate 40 touches Boston litigation; partner 17 (Boston corporate) and associate 51 (Hartford litigation)
    # go to him for advice, so he opens both; the Boston office above his practice too.
    assert "boston_litigation" not in departments
    assert departments["boston_corporate"]["reasons"][-1] == "Lawyer 40 can open it: Lawyer 17 listens to Lawyer 40 (strength 3)"
    assert departments["hartford_litigation"]["opener"]["id"] == "l40"
    assert departments["boston"]["reasons"][-1] == "Lawyer 40 can open it: Lawyer 40 works one level down, in Boston litigation"
    assert departments["providence_corporate"]["opener"] is None
    people = {p["id"]: p for p in result["people"]}
    assert people["l17"]["reasons"][-1] == "Lawyer 40 can introduce us: Lawyer 17 listens to Lawyer 40 (strength 3)"


def test_lazega_an_office_is_not_called_empty_when_its_practices_hold_its_lawyers():
    # The Boston office holds 48 lawyers, all in its litigation (29) and corporate (19) groups.
    boston = {d["id"]: d for d in untouched(graph("lazega"))["departments"]}["boston"]
    assert "nobody in the map sits in it directly, only in Boston litigation, Boston corporate below it (48 in the map): find out who heads it" in boston["reasons"]


def test_lazega_gaps_with_one_associate_known():
    result = gaps(graph("lazega", we_know="l40"), today=TODAY)
    assert [(f["code"], f["subject"]) for f in result["findings"]] == [
        ("no_decider_known", None),
        ("decider_not_contacted", "l17"),
        ("single_threaded", "l40"),
        ("no_champion", "l1"),
        ("decider_attitude_unknown", "l17"),
        ("funding_unknown", None),
        ("no_technical_guide", None),
    ]
    assert result["findings"][1]["message"].endswith("Lawyer 40 can introduce us: Lawyer 17 listens to Lawyer 40 (strength 3).")


# Thurman's office: President above Pete, who has 13 beneath (Emma 5, Minna 2). Informal ties: Ann, Pete, Emma 8
# each, Lisa 7, Amy 6, Katy and Tina 5, the President 4, Bill, Andy, Minna 3, Mary and Rose 2, Mike and Peg 1.


def test_thurman_pete_decides_and_his_informal_circle_is_key():
    result = who_decides(graph("thurman"))
    # Pete joins the second-highest post (13 beneath) to the most informal ties (8); the President has 4.
    assert result["decider"] == {"id": "pete", "name": "Pete"}
    assert codes(result) == ["no_declared_decider"]
    key = {e["id"] for e in result["ranking"] if e["position"] == "key"}
    # Pete's eight informal ties (Ann, Amy, Katy, Tina, Andy, Lisa, the President, Emma), and Minna (two beneath her),
    # whose score is within 60 % of Pete's (0.246 against 0.396).
    assert key == {"ann", "amy", "katy", "tina", "andy", "lisa", "president", "emma", "minna"}


def test_thurman_champions_and_routes_run_through_emma():
    result = champions(graph("thurman"))
    # Emma reports to Pete and is #2 in decision power; the President is Pete's own boss (0.7 down the line).
    assert ids(result["candidates"][:3]) == ["emma", "president", "ann"]
    assert result["relationship_guide"] == {"id": "emma", "name": "Emma"}
    # No departments in the data: no technical guide, and nobody is broader than anyone else.
    assert codes(result) == ["no_technical_guide"]

    routes = paths(graph("thurman"), sources=["mike", "lisa", "president"])
    # Mike's only tie is Emma, his boss; Lisa is Pete's informal tie; the President is his boss.
    assert route_text(route(routes, "mike"), "en") == "Mike —reporting line→ Emma —reporting line→ Pete"
    assert [route(routes, who)["strength"] for who in ("mike", "lisa", "president")] == [0.49, 0.6, 0.7]
    known = paths(graph("thurman", we_know="mike"))
    assert [(route_text(r, "en"), r["strength"]) for r in known["routes"]] == [
        ("Our rep —contact→ Mike —reporting line→ Emma —reporting line→ Pete", 0.294)
    ]


def test_thurman_untouched_and_gaps():
    result = untouched(graph("thurman", we_know="mike"))
    # The data names no departments, so only people can be untouched: Pete and his nine key people.
    assert result["departments"] == []
    assert ids(result["people"]) == ["pete", "emma", "president", "ann", "lisa", "amy", "minna", "katy", "tina", "andy"]
    people = {p["id"]: p for p in result["people"]}
    assert people["emma"]["reasons"][-1] == "Mike can introduce us: Mike reports to Emma"
    assert people["pete"]["opener"] is None

    found = gaps(graph("thurman", we_know="mike"), today=TODAY)["findings"]
    assert [(f["code"], f["subject"]) for f in found] == [
        ("no_decider_known", None),
        ("decider_not_contacted", "pete"),
        ("single_threaded", "mike"),
        ("no_champion", "emma"),
        ("decider_attitude_unknown", "pete"),
        ("funding_unknown", None),
        ("no_technical_guide", None),
    ]
