"""The notebook API: loading a portfolio, the risk review and its order, and DataFrames of every result."""

import datetime as dt
import textwrap
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import chainmap
from chainmap import neo4j_store
from chainmap.analysis.champions import champions
from chainmap.analysis.coverage import untouched
from chainmap.analysis.diff import changes
from chainmap.analysis.gaps import gaps
from chainmap.analysis.paths import paths
from chainmap.analysis.power import explain, who_decides
from chainmap.errors import BackendError, NotFoundError, SourceError, UsageError
from chainmap.neo4j_store import Settings
from chainmap.portfolio import RISK_WEIGHTS, Portfolio, load_portfolio, review, to_frame

from .conftest import ROOT, SAMPLES
from .strategies import accounts

TODAY = dt.date(2026, 11, 23)


def graph(text: str):
    return chainmap.to_graph(chainmap.loads(textwrap.dedent(text)))


def portfolio_of(*graphs) -> Portfolio:
    return Portfolio({G.graph["id"]: G for G in graphs}, {G.graph["id"]: f"<{G.graph['id']}>" for G in graphs}, [], "en")


# ------------------------------------------------------------------------------------------- loading


def test_a_folder_reads_every_account_file_in_it():
    portfolio = load_portfolio(ROOT / "samples")
    files = sorted(str(path) for path in (ROOT / "samples").iterdir() if path.suffix in (".yaml", ".yml", ".json"))
    assert sorted(portfolio.sources.values()) == files
    assert portfolio.unreadable == []
    assert len(portfolio) == len(files) and list(portfolio) == list(portfolio.sources)
    assert all(portfolio[ident].graph["id"] == ident for ident in portfolio)


GOOD = "id: good\nname: Good\npeople:\n  - {id: li, name: Li, roles: [decision_maker]}\n"


def test_bad_files_are_reported_with_their_reason_and_the_rest_is_still_read(tmp_path):
    (tmp_path / "a_bad.yaml").write_text("id: bad\nname: Bad\npeople:\n  - {id: li, name: Li, reportsto: ma}\n")
    (tmp_path / "b_broken.json").write_text('{"id": "broken", "name": ')
    (tmp_path / "c_good.yaml").write_text(GOOD)
    (tmp_path / "d_again.yml").write_text("id: good\nname: Good again\n")
    (tmp_path / "notes.txt").write_text("not an account")
    portfolio = load_portfolio(tmp_path)
    assert list(portfolio) == ["good"]
    assert portfolio.sources == {"good": str(tmp_path / "c_good.yaml")}
    assert str(portfolio) == "\n".join(
        [
            "1 account read",
            "3 could not be read:",
            f"  {tmp_path}/a_bad.yaml:4: li: unknown key 'reportsto' (did you mean 'reports_to'?)",
            f"  {tmp_path}/b_broken.json:1: file: JSON syntax error: Expecting value (check indentation, colons and quotes on this line and the one before)",
            f"  {tmp_path}/d_again.yml: account 'good' was already read from {tmp_path}/c_good.yaml; this copy is skipped",
        ]
    )
    assert [bad.source for bad in portfolio.unreadable] == [str(tmp_path / name) for name in ("a_bad.yaml", "b_broken.json", "d_again.yml")]
    # The review goes on with what could be read and carries the rest along.
    result = review(portfolio, today=TODAY)
    assert [row["account"] for row in result["portfolio"]] == ["good"]
    assert [bad["source"] for bad in result["unreadable"]] == [bad.source for bad in portfolio.unreadable]


def test_a_list_of_sources_mixes_files_and_folders(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    portfolio = load_portfolio([str(SAMPLES[0]), tmp_path])
    assert list(portfolio.sources.values()) == [str(SAMPLES[0]), str(tmp_path / "good.yaml")]


def test_nothing_readable_is_an_error_listing_every_reason(tmp_path):
    (tmp_path / "bad.yaml").write_text("id: bad\nname: Bad\nowner: me\n")
    with pytest.raises(SourceError) as error:
        load_portfolio([tmp_path, tmp_path / "missing.yaml"])
    assert str(error.value) == "\n".join(
        [
            "no account could be read:",
            f"{tmp_path}/bad.yaml:3: bad: unknown key 'owner' (did you mean 'ownership'?)",
            f"{tmp_path}/missing.yaml: no such file (check the path)",
        ]
    )


def test_a_folder_without_account_files_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("no accounts here")
    with pytest.raises(SourceError, match=r"no account files \(\.yaml, \.yml, \.json\) in this folder$"):
        load_portfolio(tmp_path)


def test_an_unknown_account_names_the_closest(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    with pytest.raises(NotFoundError) as error:
        load_portfolio(tmp_path)["goood"]
    assert str(error.value) == "no account 'goood' in this portfolio (did you mean 'good'?)"
    assert "goood" not in load_portfolio(tmp_path)


def test_an_unreachable_neo4j_store_is_one_clear_error(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    # Port 1 on the loopback refuses at once: the real driver's error, mapped by the store.
    with pytest.raises(BackendError, match=r"^cannot reach Neo4j at bolt://127\.0\.0\.1:1"):
        load_portfolio([tmp_path, "neo4j:"], settings=Settings(uri="bolt://127.0.0.1:1"))


@pytest.fixture
def store(monkeypatch):
    """The Neo4j store behind its Session boundary (the fake its own tests use), holding the first two samples."""
    from .test_neo4j_store import FakeNeo4j

    fake, fake.opened = FakeNeo4j(), []

    @contextmanager
    def connect(settings=None, *, lang=None):
        fake.opened.append(settings)
        yield fake

    monkeypatch.setattr(neo4j_store, "connect", connect)
    for path in SAMPLES[:2]:
        neo4j_store.push(fake, chainmap.load(path))
    return fake


def test_neo4j_alone_reads_every_stored_account_in_one_session(store):
    portfolio = load_portfolio("neo4j:", settings=Settings(uri="bolt://db:7687"))
    accounts = sorted((chainmap.load(path) for path in SAMPLES[:2]), key=lambda account: account.id)
    assert portfolio.sources == {account.id: f"neo4j:{account.id}" for account in accounts}
    # from_graph lists influence and contacts by person, so both sides go through it.
    assert [chainmap.from_graph(portfolio[account.id]) for account in accounts] == [chainmap.from_graph(chainmap.to_graph(a)) for a in accounts]
    assert [settings.uri for settings in store.opened] == ["bolt://db:7687"]


def test_stored_accounts_mix_with_files_and_each_problem_is_reported(store, tmp_path):
    first = chainmap.load(SAMPLES[0]).id
    (tmp_path / "good.yaml").write_text(GOOD)
    portfolio = load_portfolio([tmp_path, f"neo4j:{first}", "neo4j:nowhere", str(SAMPLES[0])])
    assert portfolio.sources == {"good": str(tmp_path / "good.yaml"), first: str(SAMPLES[0])}
    assert [(bad.source, bad.message) for bad in portfolio.unreadable] == [
        (f"neo4j:{first}", f"neo4j:{first}: account '{first}' was already read from {SAMPLES[0]}; this copy is skipped"),
        ("neo4j:nowhere", "no account 'nowhere' in Neo4j (`chainmap neo4j list` shows the stored accounts)"),
    ]
    assert len(store.opened) == 1


def test_chinese_messages(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "copy.yaml").write_text(GOOD)
    assert str(load_portfolio(tmp_path, lang="zh")).splitlines() == [
        "读到 1 个客户",
        "1 个无法读取：",
        f"  {tmp_path}/good.yaml：客户 'good' 已从 {tmp_path}/copy.yaml 读过；跳过这一份",
    ]


# ------------------------------------------------------------------------------------------- review

SAFE = """
    id: safe
    name: Safe
    funding: {status: approved, source: self}
    departments:
      - {id: buy, name: Purchasing, function: procurement, weight: lead}
      - {id: it, name: IT, function: technical, weight: support}
    people:
      - {id: zhou, name: Zhou, department: buy, roles: [decision_maker], attitude: supporter, stage: trust}
      - {id: ma, name: Ma, department: it, reports_to: zhou, roles: [designer], attitude: supporter, stage: alliance, informed: true, personality: tiger}
"""
# The decider opposes us and was never met, nobody can coach us, purchasing was never reached,
# and both people we reach lean to the same rival.
RISKY = """
    id: risky
    name: Risky
    departments:
      - {id: buy, name: Purchasing, function: procurement, weight: lead}
      - {id: it, name: IT, function: technical, weight: support}
    competitors: [{id: rival, name: Rival Co}]
    people:
      - {id: zhou, name: Zhou, department: buy, roles: [decision_maker], attitude: opponent}
      - {id: wu, name: Wu, department: it, reports_to: zhou, attitude: opponent, stage: acquainted, favours: rival}
      - {id: he, name: He, department: it, reports_to: wu, attitude: opponent, stage: acquainted, favours: rival}
"""
# A neutral decider we meet, a friendly candidate not yet coaching us, no department marked as leading.
MIDDLE = """
    id: middle
    name: Middle
    funding: {status: approved, source: self}
    departments:
      - {id: it, name: IT, function: technical}
    people:
      - {id: zhou, name: Zhou, roles: [decision_maker], attitude: neutral, stage: meeting}
      - {id: ma, name: Ma, department: it, reports_to: zhou, attitude: supporter, stage: meeting}
"""


def test_review_puts_the_riskiest_account_first_and_says_why():
    result = review(portfolio_of(graph(SAFE), graph(MIDDLE), graph(RISKY)), today=TODAY)
    rows = {row["account"]: row for row in result["portfolio"]}
    assert [row["account"] for row in result["portfolio"]] == ["risky", "middle", "safe"]
    assert rows["risky"]["factors"] == {"decider": 1.0, "champion": 1.0, "coverage": 0.5, "rival": 1.0, "other": 0.0}
    assert rows["risky"]["reasons"] == [
        "the decider Zhou: opponent, relationship none",
        "nobody in the map can be developed into a coach",
        "1 of 2 leading or supporting departments reached",
        "the working level leans to Rival Co",
    ]
    assert rows["risky"]["rival"] == {"id": "rival", "name": "Rival Co"}
    assert rows["risky"]["untouched_key"] == [{"id": "buy", "name": "Purchasing", "weight": "lead"}]
    assert rows["risky"]["attitude_mix"] == {"supporter": 0, "neutral": 0, "opponent": 3, "unknown": 0}
    assert rows["middle"]["factors"] == {"decider": 0.4, "champion": 0.6, "coverage": 0.5, "rival": 0.0, "other": 0.0}
    assert rows["middle"]["reasons"] == [
        "the decider Zhou: neutral, relationship meeting",
        "nobody coaches us yet (best candidate: Ma)",
        "no department is marked as leading or supporting the purchase",
    ]
    assert (rows["middle"]["coverage"], rows["middle"]["key_departments"]) == (None, 0)
    assert rows["safe"]["factors"] == dict.fromkeys(RISK_WEIGHTS, 0.0)
    assert (rows["safe"]["risk"], rows["safe"]["reasons"], rows["safe"]["coverage"]) == (0.0, [], 1.0)
    assert rows["safe"]["coaching"] == rows["safe"]["champion"] == {"id": "ma", "name": "Ma"}


@pytest.mark.parametrize(
    ("attitude", "stage", "risk"),
    [
        ("opponent", "trust", 1.0),  # a trusted opponent is still an opponent
        ("supporter", "none", 0.8),  # a supporter nobody on our side has met
        ("unknown", "acquainted", 0.6),
        ("neutral", "meeting", 0.4),
        ("supporter", "meeting", 0.3),
        ("supporter", "alliance", 0.0),
    ],
)
def test_the_decider_counts_as_the_worse_of_attitude_and_relationship(attitude, stage, risk):
    G = graph(f"id: d\nname: D\npeople: [{{id: zhou, name: Zhou, roles: [decision_maker], attitude: {attitude}, stage: {stage}}}]")
    (row,) = review(portfolio_of(G), today=TODAY)["portfolio"]
    assert row["factors"]["decider"] == risk
    assert (row["decider_attitude"], row["decider_stage"]) == (attitude, stage)


def test_other_serious_gaps_count_a_third_each():
    # Everything hangs on the decider alone: single-threaded, and nobody to coach us.
    G = graph("id: d\nname: D\npeople: [{id: zhou, name: Zhou, roles: [decision_maker], attitude: supporter, stage: trust}]")
    (row,) = review(portfolio_of(G), today=TODAY)["portfolio"]
    assert row["factors"] == {"decider": 0.0, "champion": 1.0, "coverage": 0.5, "rival": 0.0, "other": 0.333}
    assert row["reasons"][-1] == "1 more serious gap: single_threaded"
    assert row["risk"] == 0.333
    assert "single_threaded" in row["codes"] and [gap["severity"] for gap in row["top_gaps"]] == ["high", "high", "medium"]


def test_top_gaps_are_three_kinds_not_three_of_a_kind():
    G = graph(
        """
        id: d
        name: D
        departments: [{id: a, name: A, weight: lead}, {id: b, name: B, weight: lead}, {id: c, name: C, weight: support}]
        people: [{id: zhou, name: Zhou, roles: [decision_maker], attitude: supporter, stage: trust}]
        """
    )
    (row,) = review(portfolio_of(G), today=TODAY)["portfolio"]
    assert [(gap["code"], gap["severity"]) for gap in row["top_gaps"]] == [("untouched_department", "high"), ("single_threaded", "high"), ("no_champion", "high")]
    assert row["top_gaps"][0]["message"].startswith("A ")  # the most severe of its kind: the first lead department
    assert [dept["id"] for dept in row["untouched_key"]] == ["a", "b", "c"]
    assert (row["coverage"], row["factors"]["coverage"]) == (0.0, 1.0)


def test_equal_risks_keep_account_order_by_id():
    twins = [graph(SAFE.replace("id: safe", f"id: {ident}")) for ident in ("zeta", "alpha", "mid")]
    assert [row["account"] for row in review(portfolio_of(*twins), today=TODAY)["portfolio"]] == ["alpha", "mid", "zeta"]


def test_review_in_chinese():
    (row,) = review(portfolio_of(graph(RISKY)), today=TODAY, lang="zh")["portfolio"]
    assert row["reasons"] == ["拍板人Zhou：反对者，关系阶段未联系", "图中没有可发展为内线的人", "主导或辅助部门已覆盖 1/2", "工作层倾向Rival Co"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(accounts(), min_size=1, max_size=3, unique_by=lambda account: account.id))
def test_risk_is_the_weighted_sum_of_factors_in_order(items):
    rows = review(portfolio_of(*map(chainmap.to_graph, items)), today=TODAY)["portfolio"]
    assert [row["risk"] for row in rows] == sorted((row["risk"] for row in rows), reverse=True)
    for row in rows:
        assert all(0.0 <= value <= 1.0 for value in row["factors"].values())
        assert row["risk"] == pytest.approx(sum(RISK_WEIGHTS[name] * value for name, value in row["factors"].items()), abs=2e-3)
        assert 0 <= row["key_reached"] <= row["key_departments"]
        assert row["coverage"] == (round(row["key_reached"] / row["key_departments"], 3) if row["key_departments"] else None)
        assert sum(row["attitude_mix"].values()) == min(5, len(items[[a.id for a in items].index(row["account"])].people))


# ------------------------------------------------------------------------------------------- frames

HOSPITAL = ROOT / "samples" / "hospital.yaml"


@pytest.fixture(scope="module")
def hospital():
    return chainmap.open_graph(str(HOSPITAL))


def head(frame, count: int) -> list[str]:
    return list(frame.columns[:count])


def test_who_decides_frame_has_one_row_per_person_and_a_column_per_factor(hospital):
    result = who_decides(hospital)
    frame = to_frame(result)
    assert head(frame, 14) == [
        "rank", "id", "name", "title", "department_name", "position", "score",
        "factors.roles", "factors.money", "factors.department", "factors.formal", "factors.informal", "factors.declared",
        "reasons",
    ]  # fmt: skip
    assert list(frame["id"]) == [entry["id"] for entry in result["ranking"]]
    assert list(frame["rank"]) == list(range(1, len(result["ranking"]) + 1))
    assert frame["reasons"][0] == "; ".join(result["ranking"][0]["reasons"])


def test_explain_frame_has_a_row_per_factor(hospital):
    frame = to_frame(explain(hospital, "zhou_yuanzhang"))
    assert head(frame, 6) == ["factor", "label", "value", "weight", "points", "evidence"]
    assert list(frame["factor"]) == ["roles", "money", "department", "formal", "informal", "declared"]


def test_champions_frame_marks_the_guides(hospital):
    result = champions(hospital)
    frame = to_frame(result)
    assert head(frame, 7) == ["rank", "id", "name", "score", "guide", "next_step", "reasons"]
    assert list(frame["id"]) == [candidate["id"] for candidate in result["candidates"]]
    guides = dict(zip(frame["id"], frame["guide"]))
    for kind in ("technical", "relationship"):
        if result[f"{kind}_guide"]:
            assert kind in guides[result[f"{kind}_guide"]["id"]]


def test_paths_frame_writes_each_route_as_a_line(hospital):
    result = paths(hospital)
    frame = to_frame(result)
    assert head(frame, 7) == ["rank", "from", "to", "hops", "strength", "weakest", "route"]
    assert len(frame) == len(result["routes"])
    steps = result["routes"][0]["steps"]
    names = [step["name"] for step in steps]
    assert frame["route"][0].startswith(names[0]) and frame["route"][0].endswith(f"→ {names[-1]}")
    assert all(name in frame["route"][0] for name in names)
    assert list(frame["hops"]) == [len(route["steps"]) - 1 for route in result["routes"]]
    assert set(frame["to"]) == {result["target"]["name"]}


def test_untouched_frame_lists_departments_then_people(hospital):
    result = untouched(hospital)
    frame = to_frame(result)
    assert head(frame, 7) == ["kind", "id", "name", "function", "weight", "opener", "reasons"]
    assert list(frame["kind"]) == ["department"] * len(result["departments"]) + ["person"] * len(result["people"])


def test_gaps_frame_keeps_its_columns_when_there_are_no_findings(hospital):
    assert head(to_frame(gaps(hospital, today=TODAY)), 4) == ["severity", "code", "subject", "message"]
    empty = to_frame({"account": "d", "name": "D", "today": "2026-11-23", "findings": []})
    assert (list(empty.columns), len(empty)) == (["severity", "code", "subject", "message"], 0)


def test_diff_frame_has_a_row_per_change():
    old = chainmap.loads("id: d\nname: D\npeople: [{id: zhou, name: Zhou, roles: [decision_maker]}, {id: ma, name: Ma, stage: none}]")
    new = chainmap.loads(
        "id: d\nname: D\npeople: [{id: zhou, name: Zhou, roles: [decision_maker]}, {id: ma, name: Ma, stage: meeting, title: Head}, {id: li, name: Li}]\n"
        "influence: [{from: ma, to: zhou, strength: 4}]"
    )
    frame = to_frame(changes(old, new))
    assert frame.astype(object).where(frame.notna(), None).values.tolist() == [
        ["joined", "li", "Li", None, None, None, None],
        ["move", "ma", "Ma", "stage", "none", "meeting", "up"],
        ["field", "ma", "Ma", "title", None, "Head", None],
        ["influence added", "ma->zhou", None, "strength", None, 4, None],
    ]


def test_review_frame_has_one_row_per_account_riskiest_first():
    frame = to_frame(review(portfolio_of(graph(SAFE), graph(RISKY)), today=TODAY))
    assert list(frame.columns) == [
        "account", "name", "risk", "decider", "decider_attitude", "decider_stage", "champion", "coaching",
        "coverage", "key_reached", "untouched_key", "top_gaps", "rival", "reasons",
    ]  # fmt: skip
    assert frame.astype(object).where(frame.notna(), None)[["account", "risk", "decider", "key_reached", "untouched_key", "rival"]].values.tolist() == [
        ["risky", 0.8, "Zhou", "1/2", "Purchasing", "Rival Co"],
        ["safe", 0.0, "Zhou", "2/2", "", None],
    ]


def test_an_unknown_result_is_a_usage_error():
    with pytest.raises(UsageError) as error:
        to_frame({"account": "d", "weird": []})
    assert str(error.value) == (
        "to_frame does not know this result (keys: account, weird); "
        "it takes the results of review, who_decides, explain, champions, paths, gaps, diff, untouched"
    )
