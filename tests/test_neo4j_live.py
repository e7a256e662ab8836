"""The Neo4j backend against a real server: run when NEO4J_URI points at one, skipped otherwise.

    docker run -d --name chainmap-neo4j -p 7687:7687 -e NEO4J_AUTH=neo4j/chainmap-test neo4j:5
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=chainmap-test python -m pytest tests/test_neo4j_live.py

Every account these tests write has an id starting with ``chainmap-live-test-`` and is deleted
afterwards; nothing else in the database is touched.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from contextlib import contextmanager

import pytest

from chainmap import neo4j_store as store
from chainmap.errors import BackendError
from chainmap.graph import to_graph
from chainmap.loader import load, loads
from chainmap.sources import open_graph

from .conftest import SAMPLES

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: no Neo4j server to test against (see this file's docstring for `docker run neo4j:5`)",
)

PREFIX = "chainmap-live-test-"
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def session():
    pytest.importorskip("neo4j", reason="the neo4j package is not installed: pip install 'chainmap[neo4j]'")
    with store.connect(lang="en") as session:
        store.ensure_schema(session)
        yield session
        for row in store.list_accounts(session):
            if row["id"].startswith(PREFIX):
                store.delete(session, row["id"])


def renamed(account, suffix: str):
    return account.model_copy(update={"id": PREFIX + suffix})


def sample(path):
    return renamed(load(path), path.stem.replace("_", "-"))


class FailingSession:
    """The real session, with a failure raised after the ``after``-th run of statement ``name``."""

    def __init__(self, session, name: str, after: int):
        self.session, self.name, self.after = session, name, after

    def run(self, name, **parameters):
        return self.session.run(name, **parameters)

    @contextmanager
    def transaction(self):
        with self.session.transaction() as tx:
            yield _FailingTransaction(tx, self)


class _FailingTransaction:
    def __init__(self, tx, owner: FailingSession):
        self.tx, self.owner = tx, owner

    def run(self, name, **parameters):
        result = self.tx.run(name, **parameters)
        if name == self.owner.name:
            self.owner.after -= 1
            if self.owner.after == 0:
                raise RuntimeError("the connection dropped")
        return result


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_push_then_pull_gives_back_the_files_account(session, path):
    account = sample(path)
    assert store.push(session, account)["changed"] is True
    assert store.pull(session, account.id) == account


def test_pushing_again_changes_nothing(session):
    account = sample(SAMPLES[0])
    store.push(session, account)
    before = [row for row in store.list_accounts(session) if row["id"] == account.id]
    assert store.push(session, account)["changed"] is False
    assert [row for row in store.list_accounts(session) if row["id"] == account.id] == before
    assert store.pull(session, account.id) == account


def test_a_failure_half_way_rolls_back_to_the_previous_version(session):
    account = renamed(loads("id: x\nname: 原来\npeople:\n" + "".join(f"  - {{id: p{i}, name: P{i}}}\n" for i in range(30))), "rollback")
    store.push(session, account)
    changed = account.model_copy(update={"name": "改过", "people": account.people[:20]})
    with pytest.raises(RuntimeError):
        store.push(FailingSession(session, "push_people", after=2), changed, batch=7)
    assert store.pull(session, account.id) == account


def test_two_accounts_with_the_same_local_ids_stay_apart(session):
    a = renamed(loads("id: x\nname: A\ndepartments: [{id: it, name: IT-A}]\npeople: [{id: zhou, name: 周甲, department: it}]\n"), "same-ids-a")
    b = renamed(loads("id: x\nname: B\ndepartments: [{id: it, name: IT-B}]\npeople: [{id: zhou, name: 周乙, department: it}, {id: ma, name: 马, reports_to: zhou}]\n"), "same-ids-b")
    store.push(session, a)
    store.push(session, b)
    store.push(session, b.model_copy(update={"name": "B2"}))
    assert store.pull(session, a.id) == a
    assert store.pull(session, b.id) == b.model_copy(update={"name": "B2"})


ANALYSES = [
    ("chainmap.analysis.power", "who_decides", {}),
    ("chainmap.analysis.coverage", "untouched", {}),
    ("chainmap.analysis.gaps", "gaps", {"today": TODAY}),
    ("chainmap.analysis.brief", "brief", {"today": TODAY}),
    ("chainmap.analysis.champions", "champions", {}),
    ("chainmap.analysis.paths", "paths", {}),
    ("chainmap.overview", "overview", {}),
]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("module, function, options", ANALYSES, ids=[name for _, name, _ in ANALYSES])
def test_analyses_on_neo4j_equal_analyses_on_the_file(session, path, module, function, options):
    analyse = getattr(pytest.importorskip(module), function)
    account = sample(path)
    store.push(session, account)
    assert analyse(open_graph(f"neo4j:{account.id}"), **options) == analyse(to_graph(account), **options)


def test_the_view_of_a_stored_account_is_the_view_of_its_file(session):
    from chainmap.view import view

    account = sample(SAMPLES[0])
    store.push(session, account)
    assert view(f"neo4j:{account.id}").html == view(account).html


def browser(session, name: str, account, **parameters) -> list[dict]:
    with session.transaction() as tx:
        return tx.run(name, account=account.id, **parameters)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_browser_who_decides_names_the_same_decider(session, path):
    from chainmap.analysis.power import who_decides

    account = sample(path)
    store.push(session, account)
    expected = who_decides(to_graph(account))
    rows = browser(session, "browser_who_decides", account)
    assert len(rows) == len(account.people)
    if any(row["decision_maker"] for row in rows):
        assert rows[0]["id"] == expected["decider"]["id"]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_browser_untouched_departments_are_the_same_in_the_same_order(session, path):
    from chainmap.analysis.coverage import untouched

    account = sample(path)
    store.push(session, account)
    expected = [item["id"] for item in untouched(to_graph(account))["departments"]]
    assert [row["id"] for row in browser(session, "browser_untouched_departments", account)] == expected


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_browser_champion_candidates_lead_with_one_of_chainmaps_top_three(session, path):
    champions = pytest.importorskip("chainmap.analysis.champions").champions
    account = sample(path)
    store.push(session, account)
    expected = [item["id"] for item in champions(to_graph(account))["candidates"][:3]]
    rows = browser(session, "browser_champion_candidates", account)
    assert (rows[0]["id"] in expected) if expected else True
    assert all(row["attitude"] != "opponent" for row in rows)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_browser_influence_paths_reach_the_decider(session, path):
    from chainmap.analysis.power import who_decides

    account = sample(path)
    store.push(session, account)
    decider = who_decides(to_graph(account))["decider"]
    if decider is None:
        pytest.skip("this sample names no decider")
    rows = browser(session, "browser_influence_paths", account, decider=decider["id"])
    assert all(row["to_name"] == decider["name"] for row in rows)
    assert [row["strength"] for row in rows] == sorted((row["strength"] for row in rows), reverse=True)
    paths = importlib.import_module("chainmap.analysis.paths") if importlib.util.find_spec("chainmap.analysis.paths") else None
    if paths is not None:
        routes = paths.paths(to_graph(account), to=decider["id"])["routes"]
        assert bool(rows) == bool(routes)


def test_a_wrong_password_says_what_to_set():
    settings = store.Settings.from_env(password="certainly-not-the-password")
    with pytest.raises(BackendError) as caught:
        with store.connect(settings, lang="en") as session:
            store.list_accounts(session)
    assert str(caught.value) == (
        f"Neo4j at {settings.shown_uri} refused user '{settings.username}': "
        "set NEO4J_USERNAME and NEO4J_PASSWORD (or --username, --password)"
    )
    assert "certainly-not-the-password" not in str(caught.value)


def test_a_missing_database_says_what_to_set():
    settings = store.Settings.from_env(database="chainmapnosuchdatabase")
    with pytest.raises(BackendError) as caught:
        with store.connect(settings, lang="en") as session:
            store.list_accounts(session)
    assert str(caught.value) == (
        f"Neo4j at {settings.shown_uri} has no database 'chainmapnosuchdatabase': "
        "set NEO4J_DATABASE (or --database) to an existing one, or unset it for the server's default"
    )
