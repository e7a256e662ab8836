"""The Neo4j backend through a recording fake of its one boundary, the ``Session``.

No Neo4j server runs here, so :class:`FakeNeo4j` stands in for one: it reads each statement from
``cypher/`` (labels, relationship types and keys come from the Cypher text itself, not from the
backend's tables), refuses parameters the statement does not declare or lacks, keeps what the push
statements write — dropping a relationship whose end is missing, as ``MATCH`` does, and refusing a
second item with the same key, as the constraints do — answers the pull and list statements, and
applies a transaction's writes only when it commits. Every call is recorded with its transaction.

The real driver runs too, wherever it can without a server: against a closed port (its real
ServiceUnavailable), and against :class:`BoltPeer`, a few lines of Bolt 4.4 on loopback that accept
everything or refuse one message with a Neo4j status code — enough to see the driver send a push as one
BEGIN … COMMIT of the same statements the fake records, roll back on a failure half-way, and raise its
real AuthError and ClientError classes for the error mapping.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import socket
import struct
import subprocess
import sys
import textwrap
import threading
from contextlib import contextmanager

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from chainmap import neo4j_store as store
from chainmap.cli import main
from chainmap.errors import BackendError, MissingExtraError, NotFoundError
from chainmap.loader import load, loads

from .conftest import SAMPLES
from .strategies import accounts

CLOSED = "bolt://127.0.0.1:1"  # nothing listens on port 1: the driver's real ServiceUnavailable
PASSWORD = "hunter2-secret"


class InjectedFailure(Exception):
    """What the fake raises where a test asks for a failure half-way."""


class FakeNeo4j:
    """A stand-in for Neo4j behind the ``Session`` boundary (see the module doc)."""

    def __init__(self, fail_on: tuple[str, int] | None = None):
        self.accounts: dict[str, dict] = {}
        self.constraints: set[str] = set()
        self.calls: list[tuple[int | None, str, dict]] = []
        self.outcomes: dict[int, str] = {}
        self.fail_on = fail_on
        self._count: dict[str, int] = {}

    # -- the Session protocol
    def run(self, name: str, **parameters):
        # The driver refuses a statement of its own on a session whose transaction is still open.
        assert "open" not in self.outcomes.values(), f"{name} run outside the session's open transaction"
        return self._execute(self.accounts, None, name, parameters)

    @contextmanager
    def transaction(self):
        assert "open" not in self.outcomes.values(), "a session holds one transaction at a time"
        number = len(self.outcomes) + 1
        self.outcomes[number] = "open"
        working = copy.deepcopy(self.accounts)
        tx = _FakeTransaction(self, working, number)
        try:
            yield tx
        except BaseException:
            self.outcomes[number] = "rolled back"
            raise
        self.accounts = working
        self.outcomes[number] = "committed"

    # -- Neo4j's side
    def _execute(self, accounts: dict, number: int | None, name: str, parameters: dict) -> list[dict]:
        text = store.statement(name)
        code = re.sub(r"//.*", "", text)
        declared = set(re.findall(r"\$(\w+)", code))
        assert set(parameters) == declared, f"{name}: sent {sorted(parameters)}, the statement uses {sorted(declared)}"
        self.calls.append((number, name, copy.deepcopy(parameters)))
        self._count[name] = self._count.get(name, 0) + 1
        if self.fail_on == (name, self._count[name]):
            raise InjectedFailure(f"{name} failed")
        if name.startswith("schema_"):
            assert number is None, "schema changes cannot share a transaction with data"
            self.constraints.add(name)
            return []
        account = parameters.get("account")
        if name == "pull_account":
            return [{"properties": dict(accounts[account]["properties"])}] if account in accounts else []
        if name == "push_account":
            accounts.setdefault(account, {"items": [], "relationships": []})["properties"] = {
                **parameters["properties"],
                "updated_at": "2026-11-23T10:00:00Z",
            }
            return []
        if name == "list_accounts":
            return [self._summary(key, stored) for key, stored in sorted(accounts.items())]
        if name == "delete_account":
            accounts.pop(account, None)
            return []
        stored = accounts.get(account)
        if name == "push_delete_items":
            if stored:
                stored["items"], stored["relationships"] = [], []
            return []
        if name == "pull_items":
            items = sorted(stored["items"], key=lambda item: (item[0], item[1]["seq"]))
            return [{"label": label, "properties": {**properties, "date": properties.get("date")}} for label, properties in items if label in parameters["labels"]]
        if name == "pull_relationships":
            return sorted(copy.deepcopy(stored["relationships"]), key=lambda r: (r["type"], r["properties"].get("seq", 0)))
        if stored is None:
            return []  # MATCH (a:Account {id: $account}) found nothing: nothing is created
        if re.search(r"CREATE \(\w+:\w+\)-\[:IN_ACCOUNT\]->\(a\)", code):
            self._create_items(stored, code, account, parameters["rows"])
        else:
            self._create_relationships(stored, code, parameters["rows"])
        return []

    def _create_items(self, stored: dict, code: str, account: str, rows: list[dict]) -> None:
        label = re.search(r"CREATE \(\w+:(\w+)\)", code).group(1)
        key = "seq" if label == "Visit" else "id"
        taken = {properties[key] for other, properties in stored["items"] if other == label}
        for row in rows:
            assert row[key] not in taken, f"constraint: a second {label} {row[key]!r}"
            assert all(not isinstance(value, dict) for value in row.values()), "Neo4j properties cannot be maps"
            taken.add(row[key])
            stored["items"].append((label, {**row, "account": account}))

    def _create_relationships(self, stored: dict, code: str, rows: list[dict]) -> None:
        kind = re.search(r"CREATE \(source\)-\[r:(\w+)\]->", code).group(1)
        source_label, source_key = re.search(r"MATCH \(source:(\w+) \{account: \$account, (\w+): row\.source\}\)", code).groups()
        target = re.search(r"MATCH \(target:(\w+) \{account: \$account, (\w+): row\.target\}\)", code)
        target_label, target_key = target.groups() if target else ("Account", None)
        for row in rows:
            if not self._has(stored, source_label, source_key, row["source"]):
                continue
            if target and not self._has(stored, target_label, target_key, row["target"]):
                continue
            stored["relationships"].append({
                "type": kind,
                "source_label": source_label,
                "source": row["source"],
                "target_label": target_label,
                "target": row["target"] if target else None,
                "properties": dict(row["properties"]),
            })

    @staticmethod
    def _has(stored: dict, label: str, key: str, value) -> bool:
        return any(other == label and properties.get(key) == value for other, properties in stored["items"])

    @staticmethod
    def _summary(key: str, stored: dict) -> dict:
        def count(label):
            return sum(1 for other, _ in stored["items"] if other == label)

        return {
            "id": key,
            "name": stored["properties"].get("name"),
            "people": count("Person"),
            "departments": count("Department"),
            "visits": count("Visit"),
            "updated_at": stored["properties"]["updated_at"],
        }

    # -- for assertions
    def names(self, number: int | None = None) -> list[str]:
        return [name for tx, name, _ in self.calls if number is None or tx == number]


class _FakeTransaction:
    def __init__(self, fake: FakeNeo4j, accounts: dict, number: int):
        self.fake, self.accounts, self.number = fake, accounts, number

    def run(self, name: str, **parameters):
        return self.fake._execute(self.accounts, self.number, name, parameters)


HOSPITAL = textwrap.dedent(
    """\
    id: hospital
    name: 市人民医院
    ownership: 国企
    funding: {status: approved, source: parent, note: 城投集团拨款}
    organisations:
      - {id: group, name: 城投集团, relation: parent, funds_project: true}
    departments:
      - {id: office, name: 院办, org: self, function: management, weight: lead}
      - {id: it, name: 信息科, parent: office, function: technical, weight: support, concerns: [稳定]}
      - {id: fund, name: 集团财务部, org: group, function: finance}
    people:
      - {id: zhou, name: 周院长, department: office, roles: [拍板人], attitude: 支持者, stage: 信赖}
      - {id: ma, name: 马科长, department: it, reports_to: zhou, dotted_to: [li, zhou], favours: rival, contact: {wechat: ma01}, extra: {since: 2019}}
      - {id: li, name: 李总, department: fund, informed: false}
    influence:
      - {from: ma, to: zhou, strength: 5, note: 技术上听他的}
    team:
      - {id: wang, name: 王销售, role: sales}
    contacts:
      - {from: wang, to: ma, stage: meeting}
    competitors:
      - {id: rival, name: 对手公司}
    visits:
      - {date: 2026-03-15, by: [wang], met: [ma, zhou], departments: [it, office], notes: 初访}
    """
)


def hospital(**changes) -> object:
    account = loads(HOSPITAL)
    return account.model_copy(update=changes)


def pushed(*accounts, fake: FakeNeo4j | None = None) -> FakeNeo4j:
    fake = fake or FakeNeo4j()
    for account in accounts:
        store.push(fake, account)
    return fake


# -- push: statements, parameters, transactions


def test_push_writes_the_whole_account_in_one_committed_transaction():
    fake = pushed(hospital())
    assert fake.names() == [
        "pull_account",
        "push_delete_items",
        "push_account",
        "push_organisations",
        "push_departments",
        "push_people",
        "push_team",
        "push_competitors",
        "push_visits",
        "push_reports_to",
        "push_dotted_to",
        "push_member_of",
        "push_favours",
        "push_department_parent",
        "push_department_org",
        "push_department_self",
        "push_visit_by",
        "push_visit_met",
        "push_visit_departments",
        "push_influence",
        "push_contacts",
    ]
    assert {tx for tx, _, _ in fake.calls} == {1}
    assert fake.outcomes == {1: "committed"}


def test_push_sends_every_value_as_a_property_and_references_as_rows():
    fake = pushed(hospital())
    sent = {name: parameters for _, name, parameters in fake.calls}
    ma = sent["push_people"]["rows"][1]
    assert ma == {
        "id": "ma",
        "name": "马科长",
        "roles": [],
        "attitude": "unknown",
        "stage": "none",
        "personality": "unknown",
        "concerns": [],
        "contact": '{"wechat": "ma01"}',
        "extra": '{"since": 2019}',
        "seq": 1,
    }
    assert sent["push_dotted_to"] == {
        "account": "hospital",
        "rows": [{"source": "ma", "target": "li", "properties": {"seq": 0}}, {"source": "ma", "target": "zhou", "properties": {"seq": 1}}],
    }
    assert sent["push_department_self"]["rows"] == [{"source": "office", "target": "self", "properties": {}}]
    assert sent["push_department_org"]["rows"] == [{"source": "fund", "target": "group", "properties": {}}]
    assert sent["push_influence"]["rows"] == [{"source": "ma", "target": "zhou", "properties": {"strength": 5, "note": "技术上听他的", "seq": 0}}]
    assert sent["push_visits"]["rows"] == [{"date": "2026-03-15", "notes": "初访", "seq": 0}]
    assert sent["push_visit_met"]["rows"] == [{"source": 0, "target": "ma", "properties": {"seq": 0}}, {"source": 0, "target": "zhou", "properties": {"seq": 1}}]
    assert sent["push_account"]["properties"] == {
        "id": "hospital",
        "name": "市人民医院",
        "ownership": "state",
        "funding_status": "approved",
        "funding_source": "parent",
        "funding_note": "城投集团拨款",
        "digest": store.digest(hospital()),
    }


def test_pushing_the_same_account_twice_changes_nothing():
    fake = pushed(hospital())
    before = copy.deepcopy(fake.accounts)
    result = store.push(fake, hospital())
    assert result == {"account": "hospital", "changed": False, "people": 3, "departments": 3}
    assert fake.names(2) == ["pull_account"]
    assert fake.accounts == before


def test_a_changed_account_replaces_the_stored_one():
    fake = pushed(hospital())
    smaller = hospital(people=hospital().people[:1], influence=[], contacts=[], visits=[])
    assert store.push(fake, smaller)["changed"] is True
    assert store.pull(fake, "hospital") == smaller


def test_a_large_account_goes_in_batches_inside_one_transaction():
    people = "\n".join(f"  - {{id: p{i}, name: P{i}, reports_to: p0}}" for i in range(1, 12))
    account = loads(f"id: big\nname: Big\npeople:\n  - {{id: p0, name: P0}}\n{people}\n")
    fake = FakeNeo4j()
    store.push(fake, account, batch=5)
    assert [len(p["rows"]) for _, name, p in fake.calls if name == "push_people"] == [5, 5, 2]
    assert [len(p["rows"]) for _, name, p in fake.calls if name == "push_reports_to"] == [5, 5, 1]
    assert {tx for tx, _, _ in fake.calls} == {1}
    assert store.pull(fake, "big") == account


def test_a_failure_half_way_rolls_back_and_keeps_the_previous_version():
    other = loads("id: other\nname: Other\npeople: [{id: zhou, name: 另一个周}]\n")
    fake = pushed(hospital(), other)
    before = copy.deepcopy(fake.accounts)
    fake.fail_on = ("push_people", 3)  # the hospital's and the other's went through; the third fails
    renamed = hospital(name="市人民医院（新）")
    with pytest.raises(InjectedFailure):
        store.push(fake, renamed)
    assert fake.outcomes[3] == "rolled back"
    assert "push_delete_items" in fake.names(3)  # the deletion had run: the rollback undid it
    assert fake.accounts == before
    assert store.pull(fake, "hospital") == hospital()
    assert store.pull(fake, "other") == other


def test_two_accounts_may_use_the_same_local_ids():
    a = loads("id: a\nname: A\ndepartments: [{id: it, name: IT-A}]\npeople: [{id: zhou, name: 周甲, department: it}]\n")
    b = loads("id: b\nname: B\ndepartments: [{id: it, name: IT-B}]\npeople: [{id: zhou, name: 周乙, department: it, reports_to: ma}, {id: ma, name: 马}]\n")
    fake = pushed(a, b)
    assert store.pull(fake, "a") == a
    assert store.pull(fake, "b") == b
    store.push(fake, b.model_copy(update={"name": "B2"}))
    assert store.pull(fake, "a") == a


def test_schema_constraints_run_one_by_one_outside_any_transaction():
    fake = FakeNeo4j()
    store.ensure_schema(fake)
    assert fake.calls == [(None, name, {}) for name in store.statement_names("schema_")]
    assert len(fake.constraints) == 7


# -- pull and list


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accounts())
def test_push_then_pull_gives_back_an_equal_account(account):
    assert store.pull(pushed(account), account.id) == account


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_come_back_equal(path):
    account = load(path)
    assert store.pull(pushed(account), account.id) == account


def test_pull_of_an_unknown_account_names_the_closest_stored_one():
    fake = pushed(hospital())
    with pytest.raises(NotFoundError) as caught:
        store.pull(fake, "hospitl", lang="en")
    assert str(caught.value) == "no account 'hospitl' in Neo4j (did you mean 'hospital'?)"
    with pytest.raises(NotFoundError) as caught:
        store.pull(fake, "steel", lang="zh")
    assert str(caught.value) == "Neo4j 中没有客户 'steel'（`chainmap neo4j list` 列出已存的客户）"


def test_pull_ignores_what_an_analyst_adds_in_the_browser():
    fake = pushed(hospital())
    stored = fake.accounts["hospital"]
    stored["items"].append(("Note", {"id": "n1", "seq": 0, "text": "call back"}))
    stored["relationships"].append({"type": "KNOWS", "source_label": "Person", "source": "ma", "target_label": "Person", "target": "li", "properties": {}})
    assert store.pull(fake, "hospital") == hospital()


def test_delete_removes_one_account_in_a_transaction_of_its_own():
    fake = pushed(hospital(), loads("id: a\nname: A\n"))
    store.delete(fake, "hospital")
    assert fake.calls[-1] == (3, "delete_account", {"account": "hospital"})
    assert [row["id"] for row in store.list_accounts(fake)] == ["a"]


def test_list_gives_head_counts_and_the_last_push():
    fake = pushed(hospital(), loads("id: a\nname: A\n"))
    assert store.list_accounts(fake) == [
        {"id": "a", "name": "A", "people": 0, "departments": 0, "visits": 0, "updated_at": "2026-11-23T10:00:00Z"},
        {"id": "hospital", "name": "市人民医院", "people": 3, "departments": 3, "visits": 1, "updated_at": "2026-11-23T10:00:00Z"},
    ]


# -- settings and the error mapping, with the real driver where it can run without a server


def test_settings_come_from_the_neo4j_variables_and_options_win():
    environ = {"NEO4J_URI": "neo4j://db:7687", "NEO4J_USERNAME": "ops", "NEO4J_PASSWORD": PASSWORD, "NEO4J_DATABASE": "sales"}
    settings_ = store.Settings.from_env(environ, uri="bolt://other:7687", database=None)
    assert (settings_.uri, settings_.username, settings_.password, settings_.database) == ("bolt://other:7687", "ops", PASSWORD, "sales")
    assert PASSWORD not in repr(settings_)
    assert store.Settings.from_env({}) == store.Settings("neo4j://localhost:7687", "neo4j", None, None)


@pytest.mark.parametrize("uri", [CLOSED, "neo4j://127.0.0.1:1"])
def test_an_unreachable_server_is_one_line_naming_what_to_set(uri, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(BackendError) as caught:
        with store.connect(store.Settings(uri=uri, password=PASSWORD), lang="en") as session:
            store.list_accounts(session)
    assert str(caught.value) == f"cannot reach Neo4j at {uri}: start the server, or set NEO4J_URI (or --uri) to where it runs"
    assert PASSWORD not in caplog.text


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "neo4j://neo4j:" + PASSWORD + "@127.0.0.1:1"])
def test_a_uri_that_is_no_neo4j_address_says_how_to_write_one(uri):
    with pytest.raises(BackendError) as caught:
        with store.connect(store.Settings(uri=uri, password=PASSWORD), lang="en"):
            pass
    message = str(caught.value)
    assert message.startswith("NEO4J_URI '") and "is not a Neo4j address: set it (or --uri) like neo4j://localhost:7687" in message
    assert PASSWORD not in message


def _server_error(code: str, message: str):
    """The exception the driver raises when the server answers with this status code."""
    from neo4j.exceptions import Neo4jError

    return Neo4jError._hydrate_neo4j(code=code, message=message)


@pytest.mark.parametrize(
    "code, expected",
    [
        ("Neo.ClientError.Security.Unauthorized", "Neo4j at bolt://db:7687 refused user 'ops': set NEO4J_USERNAME and NEO4J_PASSWORD (or --username, --password)"),
        ("Neo.ClientError.Database.DatabaseNotFound", "Neo4j at bolt://db:7687 has no database 'sales': set NEO4J_DATABASE (or --database) to an existing one, or unset it for the server's default"),
        ("Neo.ClientError.Security.Forbidden", "user 'ops' may not do this on Neo4j at bolt://db:7687: set NEO4J_USERNAME to a user with write access"),
        ("Neo.TransientError.General.MemoryPoolOutOfMemoryError", "Neo4j at bolt://db:7687 ran out of transaction memory: a push writes an account in one transaction; give the server more (server.memory.heap.max_size, db.memory.transaction.max)"),
        ("Neo.DatabaseError.General.UnknownError", "Neo4j at bolt://db:7687 failed: Neo.DatabaseError.General.UnknownError: out of memory"),
    ],
)
def test_server_errors_map_to_one_line_each(code, expected):
    error = _server_error(code, f"out of memory\nwhile {PASSWORD} was in the query")
    message = store._message(error, store.Settings(uri="bolt://db:7687", username="ops", password=PASSWORD, database="sales"), "en")
    assert message == expected


def test_a_password_the_server_repeats_is_blanked_out():
    error = _server_error("Neo.ClientError.Statement.SyntaxError", f"cannot parse '{PASSWORD}'")
    message = store._message(error, store.Settings(uri="bolt://db:7687", password=PASSWORD), "en")
    assert message == "Neo4j at bolt://db:7687 failed: Neo.ClientError.Statement.SyntaxError: cannot parse '***'"


def test_the_driver_raises_the_classes_the_mapping_expects():
    from neo4j import exceptions

    assert isinstance(_server_error("Neo.ClientError.Security.Unauthorized", "x"), exceptions.AuthError)
    assert isinstance(_server_error("Neo.ClientError.Database.DatabaseNotFound", "x"), exceptions.ClientError)


def test_without_the_neo4j_package_the_backend_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "neo4j", None)  # makes `import neo4j` fail like a missing package
    with pytest.raises(MissingExtraError) as caught:
        with store.connect(store.Settings()):
            pass
    assert str(caught.value) == "this needs the Python package 'neo4j', which is not installed (install it with: pip install 'chainmap[neo4j]')"


# -- the commands


@pytest.fixture
def fake(monkeypatch):
    """The commands' connection replaced by a fake store (the boundary the backend designs for)."""
    fake = FakeNeo4j()
    opened = []

    @contextmanager
    def connect(settings=None, *, lang=None):
        opened.append(settings)
        yield fake

    monkeypatch.setattr(store, "connect", connect)
    fake.opened = opened
    return fake


def test_push_command_stores_each_file_and_says_so(fake, write):
    path = write(HOSPITAL)
    runner = CliRunner()
    first = runner.invoke(main, ["--lang", "en", "neo4j", "push", path, "--uri", "bolt://db:7687", "--password", PASSWORD])
    assert (first.exit_code, first.output) == (0, "hospital: stored · 3 people, 3 departments\n")
    again = runner.invoke(main, ["--lang", "zh", "neo4j", "push", path])
    assert (again.exit_code, again.output) == (0, "hospital：未变（Neo4j 中已是这个版本）\n")
    assert fake.opened[0].uri == "bolt://db:7687" and fake.opened[0].password == PASSWORD
    assert sorted(fake.constraints) == store.statement_names("schema_")


def test_push_command_writes_nothing_when_a_file_is_wrong(fake, write):
    good = write(HOSPITAL, "good.yaml")
    bad = write("id: bad\nname: Bad\npeople: [{id: a, name: A, reportsto: b}]\n", "bad.yaml")
    result = CliRunner().invoke(main, ["--lang", "en", "neo4j", "push", good, bad])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad}:3: a: unknown key 'reportsto' (did you mean 'reports_to'?)\n"
    assert fake.opened == [] and fake.calls == []


def test_pull_command_writes_an_equal_account_file(fake, tmp_path):
    store.push(fake, hospital())
    out = tmp_path / "back.yaml"
    result = CliRunner().invoke(main, ["--lang", "en", "neo4j", "pull", "hospital", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, f"{out}: account hospital · 3 people, 3 departments\n")
    assert load(out) == hospital()
    printed = CliRunner().invoke(main, ["neo4j", "pull", "hospital"])
    assert printed.exit_code == 0 and loads(printed.output) == hospital()


def test_pull_command_of_an_unknown_account_exits_1(fake):
    store.push(fake, hospital())
    result = CliRunner().invoke(main, ["--lang", "en", "neo4j", "pull", "hospitl"])
    assert (result.exit_code, result.stderr) == (1, "Error: no account 'hospitl' in Neo4j (did you mean 'hospital'?)\n")


def test_list_command_as_json_and_table(fake):
    store.push(fake, hospital())
    result = CliRunner().invoke(main, ["neo4j", "list", "--format", "json"])
    assert json.loads(result.output) == {"accounts": store.list_accounts(fake)}
    table = CliRunner().invoke(main, ["neo4j", "list", "--format", "md", "--lang", "en"])
    assert table.output == textwrap.dedent(
        """\
        # Accounts in Neo4j

        | account | name | people | departments | visits | last push |
        |---|---|---|---|---|---|
        | hospital | 市人民医院 | 3 | 3 | 1 | 2026-11-23 10:00 |

        """
    )


def test_analyses_read_neo4j_sources_through_fetch_account(fake):
    from chainmap.sources import open_account

    store.push(fake, hospital())
    assert open_account("neo4j:hospital") == hospital()


def test_commands_against_a_closed_port_fail_in_one_line_without_the_password(write):
    path = write(HOSPITAL)
    for arguments in (["push", path], ["pull", "hospital"], ["list"]):
        result = CliRunner().invoke(main, ["--lang", "en", "neo4j", *arguments, "--uri", CLOSED, "--password", PASSWORD])
        assert result.exit_code == 1, arguments
        assert result.stderr == f"Error: cannot reach Neo4j at {CLOSED}: start the server, or set NEO4J_URI (or --uri) to where it runs\n"
        assert PASSWORD not in result.output + result.stderr


def test_neo4j_sources_read_the_connection_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", CLOSED)
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    result = CliRunner().invoke(main, ["--lang", "en", "show", "neo4j:hospital"])
    assert (result.exit_code, result.stderr) == (1, f"Error: cannot reach Neo4j at {CLOSED}: start the server, or set NEO4J_URI (or --uri) to where it runs\n")


def test_help_does_not_import_the_driver():
    code = "import sys; from chainmap.cli import main; sys.argv = ['chainmap', '--help']\ntry: main()\nexcept SystemExit: pass\nprint('neo4j' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.endswith("False\n")


def test_commands_without_the_driver_say_how_to_install_it(monkeypatch, write):
    monkeypatch.setitem(sys.modules, "neo4j", None)
    path = write(HOSPITAL)
    for arguments in (["push", path], ["pull", "hospital"], ["list"]):
        result = CliRunner().invoke(main, ["--lang", "en", "neo4j", *arguments])
        assert (result.exit_code, result.stderr) == (
            1,
            "Error: this needs the Python package 'neo4j', which is not installed (install it with: pip install 'chainmap[neo4j]')\n",
        )


def test_pull_command_cannot_write_to_a_folder(fake, tmp_path):
    store.push(fake, hospital())
    result = CliRunner().invoke(main, ["--lang", "en", "neo4j", "pull", "hospital", "-o", str(tmp_path / "missing" / "x.yaml")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot write {tmp_path / 'missing' / 'x.yaml'}: ")


def test_every_backend_statement_in_cypher_is_used():
    fake = FakeNeo4j()
    store.ensure_schema(fake)
    store.push(fake, hospital())
    store.pull(fake, "hospital")
    store.list_accounts(fake)
    store.delete(fake, "hospital")
    used = set(fake.names())
    assert used == {name for name in store.statement_names() if not name.startswith("browser_")}


# -- the real driver against a Bolt peer on loopback


def _pack(value) -> bytes:
    """PackStream for the few value kinds the peer answers with."""
    if isinstance(value, int):
        return bytes([value])
    if isinstance(value, str):
        data = value.encode()
        return (bytes([0x80 | len(data)]) if len(data) < 16 else b"\xd0" + bytes([len(data)])) + data
    if isinstance(value, list):
        return bytes([0x90 | len(value)]) + b"".join(map(_pack, value))
    return bytes([0xA0 | len(value)]) + b"".join(_pack(k) + _pack(v) for k, v in value.items())


def _text_at(body: bytes, at: int) -> str:
    marker = body[at]
    if marker < 0x90:
        size, at = marker - 0x80, at + 1
    else:
        width = {0xD0: 1, 0xD1: 2, 0xD2: 4}[marker]
        size, at = int.from_bytes(body[at + 1 : at + 1 + width], "big"), at + 1 + width
    return body[at : at + size].decode()


HELLO, GOODBYE, RESET, RUN, BEGIN, COMMIT, PULL = 0x01, 0x02, 0x0F, 0x10, 0x11, 0x12, 0x3F


class BoltPeer:
    """Speaks just enough Bolt 4.4 on 127.0.0.1 for the real driver: every request succeeds with no
    records, except the ``n``-th message of a kind listed in ``failures``, answered with that Neo4j code.
    Records each message kind, and the statement (by its cypher/ name) of each RUN."""

    def __init__(self, failures: dict[tuple[int, int], str] | None = None):
        self.failures = failures or {}
        self.seen: list[int] = []
        self.statements: list[str] = []
        self.names = {store.statement(name): name for name in store.statement_names()}
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.uri = f"bolt://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        with self.listener:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                try:
                    self._talk(connection)
                except (EOFError, OSError):
                    pass

    @staticmethod
    def _read(connection, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = connection.recv(size - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def _reply(self, connection, signature: int, fields: dict) -> None:
        body = bytes([0xB1, signature]) + _pack(fields)
        connection.sendall(struct.pack(">H", len(body)) + body + b"\x00\x00")

    def _talk(self, connection) -> None:
        self._read(connection, 20)  # magic and four version proposals
        connection.sendall(b"\x00\x00\x04\x04")  # Bolt 4.4
        failed = False
        while True:
            body = b""
            while size := struct.unpack(">H", self._read(connection, 2))[0]:
                body += self._read(connection, size)
            signature = body[1]
            self.seen.append(signature)
            if signature == GOODBYE:
                return
            if signature == RUN:
                self.statements.append(self.names.get(_text_at(body, 2), "?"))
            if failed and signature != RESET:
                self._reply(connection, 0x7E, {})  # IGNORED until the client resets
                continue
            code = self.failures.get((signature, self.seen.count(signature)))
            failed = bool(code)
            if code:
                self._reply(connection, 0x7F, {"code": code, "message": "the peer refuses"})
            else:
                answers = {HELLO: {"server": "Neo4j/5.26.0", "connection_id": "bolt-1"}, RUN: {"fields": [], "t_first": 1}, COMMIT: {"bookmark": "b1"}}
                self._reply(connection, 0x70, answers.get(signature, {}))


@pytest.fixture
def peer_settings():
    def settings_for(peer: BoltPeer) -> store.Settings:
        return store.Settings(uri=peer.uri, username="ops", password=PASSWORD, database="sales")

    return settings_for


def test_real_driver_push_is_one_transaction_of_the_fakes_statements_then_a_commit(peer_settings):
    peer = BoltPeer()
    with store.connect(peer_settings(peer), lang="en") as session:
        store.push(session, hospital())
    assert peer.statements == pushed(hospital()).names()
    assert peer.seen.count(BEGIN) == 1 and peer.seen.count(COMMIT) == 1
    assert peer.seen.index(COMMIT) > max(i for i, kind in enumerate(peer.seen) if kind == RUN)


def test_real_driver_failure_half_way_rolls_back_and_is_one_line(peer_settings, caplog):
    caplog.set_level(logging.DEBUG)
    peer = BoltPeer({(PULL, 5): "Neo.TransientError.General.DatabaseUnavailable"})
    with pytest.raises(BackendError) as caught:
        with store.connect(peer_settings(peer), lang="en") as session:
            store.push(session, hospital())
    assert str(caught.value) == f"Neo4j at {peer.uri} failed: Neo.TransientError.General.DatabaseUnavailable: the peer refuses"
    assert COMMIT not in peer.seen and RESET in peer.seen
    assert PASSWORD not in caplog.text


@pytest.mark.parametrize(
    "failure, code, expected",
    [
        ((HELLO, 1), "Neo.ClientError.Security.Unauthorized", "Neo4j at {uri} refused user 'ops': set NEO4J_USERNAME and NEO4J_PASSWORD (or --username, --password)"),
        ((RUN, 1), "Neo.ClientError.Database.DatabaseNotFound", "Neo4j at {uri} has no database 'sales': set NEO4J_DATABASE (or --database) to an existing one, or unset it for the server's default"),
        ((RUN, 1), "Neo.ClientError.Security.Forbidden", "user 'ops' may not do this on Neo4j at {uri}: set NEO4J_USERNAME to a user with write access"),
    ],
    ids=["wrong password", "missing database", "no permission"],
)
def test_real_driver_server_refusals_say_what_to_set(peer_settings, failure, code, expected, caplog):
    caplog.set_level(logging.DEBUG)
    peer = BoltPeer({failure: code})
    with pytest.raises(BackendError) as caught:
        with store.connect(peer_settings(peer), lang="en") as session:
            store.list_accounts(session)
    assert str(caught.value) == expected.format(uri=peer.uri)
    assert PASSWORD not in caplog.text


def test_push_command_refuses_two_files_of_the_same_account(fake, write):
    first = write(HOSPITAL, "a.yaml")
    second = write(HOSPITAL.replace("name: 市人民医院\n", "name: 另一版\n"), "b.yaml")
    result = CliRunner().invoke(main, ["--lang", "en", "neo4j", "push", first, second])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {first} and {second} both hold account 'hospital': the second would replace the first; push one of them\n",
    )
    assert fake.calls == []
