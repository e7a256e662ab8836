"""Accounts in Neo4j: push files in, pull them back, list them, and read ``neo4j:ACCOUNT_ID`` sources.

Each account hangs off one ``(:Account {id})`` node: every item of it is a node with the label of
its kind, its ``account`` id, its local ``id`` (a visit: its place ``seq``) and an ``IN_ACCOUNT``
relationship to that node, so two accounts may use the same local ids and one account's subgraph is
found, replaced or read without touching the others. References become relationships
(``REPORTS_TO``, ``MEMBER_OF``, ``PART_OF``, ``INFLUENCES {strength}``, ``CONTACT {stage}`` …); the
README draws the whole model. Every statement sent lives in ``cypher/<name>.cypher``.

The backend talks to the database through one narrow boundary, a :class:`Session` that runs a named
statement on its own or inside a :class:`Transaction`; :func:`connect` gives the real one and is the
one place where the driver's exceptions become :class:`~chainmap.errors.BackendError` lines. Tests
drive the rest with a recording fake of that boundary.

>>> from chainmap.loader import loads
>>> account = loads("id: demo\\nname: Demo\\npeople:\\n  - {id: zhou, name: Zhou}\\n  - {id: ma, name: Ma, reports_to: zhou}\\n")
>>> [(name, len(rows)) for name, rows in push_rows(account)]
[('push_people', 2), ('push_reports_to', 1)]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cache
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from .errors import BackendError, MissingExtraError, NotFoundError
from .i18n import Text, check_lang
from .loader import from_data
from .model import Account

__all__ = [
    "Settings",
    "Session",
    "Transaction",
    "connect",
    "ensure_schema",
    "push",
    "pull",
    "list_accounts",
    "delete",
    "fetch_account",
    "push_all",
    "stored_accounts",
    "digest",
    "to_document",
    "push_rows",
    "statement",
    "statement_names",
    "BATCH",
]

UNREACHABLE = Text(
    "cannot reach Neo4j at {uri}: start the server, or set NEO4J_URI (or --uri) to where it runs",
    "无法连接 {uri} 上的 Neo4j：请启动服务器，或把 NEO4J_URI（或 --uri）设为它的地址",
)
REFUSED = Text(
    "Neo4j at {uri} refused user '{username}': set NEO4J_USERNAME and NEO4J_PASSWORD (or --username, --password)",
    "{uri} 上的 Neo4j 拒绝了用户 '{username}'：请设置 NEO4J_USERNAME 和 NEO4J_PASSWORD（或 --username、--password）",
)
NO_DATABASE = Text(
    "Neo4j at {uri} has no database '{database}': set NEO4J_DATABASE (or --database) to an existing one, or unset it for the server's default",
    "{uri} 上的 Neo4j 没有数据库 '{database}'：请把 NEO4J_DATABASE（或 --database）设为已有的数据库，或不设以使用默认库",
)
FORBIDDEN = Text(
    "user '{username}' may not do this on Neo4j at {uri}: set NEO4J_USERNAME to a user with write access",
    "用户 '{username}' 在 {uri} 上的 Neo4j 无此权限：请把 NEO4J_USERNAME 设为有写权限的用户",
)
BAD_URI = Text(
    "NEO4J_URI '{uri}' is not a Neo4j address: set it (or --uri) like neo4j://localhost:7687, bolt://host:7687 or neo4j+s://xxxx.databases.neo4j.io",
    "NEO4J_URI '{uri}' 不是 Neo4j 地址：请设为（或用 --uri）neo4j://localhost:7687、bolt://host:7687 或 neo4j+s://xxxx.databases.neo4j.io 这样的形式",
)
TOO_BIG = Text(
    "Neo4j at {uri} ran out of transaction memory: a push writes an account in one transaction; give the server more (server.memory.heap.max_size, db.memory.transaction.max)",
    "{uri} 上的 Neo4j 事务内存不足：每个客户在一个事务中写入；请给服务器更多内存（server.memory.heap.max_size、db.memory.transaction.max）",
)
FAILED = Text("Neo4j at {uri} failed: {reason}", "{uri} 上的 Neo4j 出错：{reason}")
NO_ACCOUNT = Text("no account '{account}' in Neo4j", "Neo4j 中没有客户 '{account}'")
NO_ACCOUNT_GUESS = Text(" (did you mean '{guess}'?)", "（是不是 '{guess}'？）")
NO_ACCOUNT_LIST = Text(" (`chainmap neo4j list` shows the stored accounts)", "（`chainmap neo4j list` 列出已存的客户）")
NO_STATEMENTS = Text(
    "chainmap's Cypher statements are missing ({path}): install chainmap from its source tree",
    "缺少 chainmap 的 Cypher 语句（{path}）：请从源码目录安装 chainmap",
)

_QUIET = logging.NullHandler()
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
# The statements live in the top-level cypher/; chainmap/cypher links to it so that a wheel carries them.
CYPHER_DIR = Path(__file__).parent / "cypher"
# Rows per statement: big enough that 100,000 people take 20 round trips, small enough that no
# single message or server-side batch grows with the account.
BATCH = 5000
ACCOUNT = "Account"
SELF_ORG = "self"
# Fields that hold free mappings: Neo4j properties cannot be maps, so they travel as JSON text.
JSON_FIELDS = ("extra", "contact", "funding_extra")
# The account's funding lies flat on the Account node (funding_status, funding_source …) so Cypher can read it.
FUNDING = "funding_"
# Bookkeeping on the Account node that is not part of the account file.
STORE_FIELDS = ("digest", "updated_at")

# section -> (node label, the statement that creates its nodes, its reference fields)
NODES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "organisations": ("Organisation", "push_organisations", ()),
    "departments": ("Department", "push_departments", ("org", "parent")),
    "people": ("Person", "push_people", ("department", "reports_to", "dotted_to", "favours")),
    "team": ("TeamMember", "push_team", ()),
    "competitors": ("Competitor", "push_competitors", ()),
    "visits": ("Visit", "push_visits", ("by", "met", "departments")),
}
LABELS = [label for label, _, _ in NODES.values()]
# (section, reference field, relationship type, target label, statement): one row per reference;
# a list-valued reference keeps its order in the relationship's `seq`.
REFERENCES = [
    ("people", "reports_to", "REPORTS_TO", "Person", "push_reports_to"),
    ("people", "dotted_to", "DOTTED_TO", "Person", "push_dotted_to"),
    ("people", "department", "MEMBER_OF", "Department", "push_member_of"),
    ("people", "favours", "FAVOURS", "Competitor", "push_favours"),
    ("departments", "parent", "PART_OF", "Department", "push_department_parent"),
    ("departments", "org", "PART_OF", "Organisation", "push_department_org"),
    # `org: self` names the account's own organisation, which the Account node stands for.
    ("departments", "org", "PART_OF", ACCOUNT, "push_department_self"),
    ("visits", "by", "BY", "TeamMember", "push_visit_by"),
    ("visits", "met", "MET", "Person", "push_visit_met"),
    ("visits", "departments", "COVERED", "Department", "push_visit_departments"),
]
# edge section -> (relationship type, statement): items that are themselves relationships.
EDGES = {"influence": ("INFLUENCES", "push_influence"), "contacts": ("CONTACT", "push_contacts")}


@dataclass(frozen=True)
class Settings:
    """Where the Neo4j store is and who we are there; the password never shows in ``repr``.

    >>> Settings.from_env({"NEO4J_URI": "bolt://db:7687", "NEO4J_PASSWORD": "s3cret"}, database="sales")
    Settings(uri='bolt://db:7687', username='neo4j', database='sales')
    """

    uri: str = "neo4j://localhost:7687"
    username: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: str | None) -> Settings:
        """``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``, then the overrides that are set."""
        environ = os.environ if environ is None else environ
        values = {name: environ.get(f"NEO4J_{name.upper()}") or None for name in ("uri", "username", "password", "database")}
        values.update({name: value for name, value in overrides.items() if value is not None})
        return replace(cls(), **{name: value for name, value in values.items() if value is not None})

    @property
    def shown_uri(self) -> str:
        """The URI for messages: a ``user:password@`` inside it is cut out.

        >>> Settings(uri="neo4j://neo4j:s3cret@db:7687").shown_uri
        'neo4j://db:7687'
        """
        parts = urlsplit(self.uri)
        return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl() if parts.netloc else self.uri


class Transaction(Protocol):
    """One open transaction: statements run in it take effect together or not at all."""

    def run(self, name: str, **parameters: Any) -> list[dict[str, Any]]:
        """Run ``cypher/<name>.cypher`` with ``parameters``; its records as dicts."""


class Session(Protocol):
    """The backend's one boundary to the database."""

    def run(self, name: str, **parameters: Any) -> list[dict[str, Any]]:
        """Run one statement in a transaction of its own (schema changes, reads)."""

    def transaction(self) -> AbstractContextManager[Transaction]:
        """A transaction that commits when the block ends and rolls back when it raises."""


@cache
def statement(name: str) -> str:
    """The text of ``cypher/<name>.cypher``."""
    path = CYPHER_DIR / f"{name}.cypher"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise BackendError(NO_STATEMENTS(check_lang(None), path=path)) from None


def statement_names(prefix: str = "") -> list[str]:
    """The names of the statements in ``cypher/`` starting with ``prefix``, sorted."""
    return sorted(path.stem for path in CYPHER_DIR.glob(f"{prefix}*.cypher"))


class _DriverTransaction:
    def __init__(self, transaction):
        self._transaction = transaction

    def run(self, name: str, **parameters: Any) -> list[dict[str, Any]]:
        return self._transaction.run(statement(name), parameters).data()


class _DriverSession:
    def __init__(self, session):
        self._session = session

    def run(self, name: str, **parameters: Any) -> list[dict[str, Any]]:
        return self._session.run(statement(name), parameters).data()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        # An explicit transaction, not execute_write: a failed replace is reported at once,
        # not retried for 30 seconds with warnings on stderr.
        with self._session.begin_transaction() as transaction:
            yield _DriverTransaction(transaction)
            transaction.commit()


@contextmanager
def connect(settings: Settings | None = None, *, lang: str | None = None) -> Iterator[Session]:
    """A session on the Neo4j store; any driver error inside the block becomes one :class:`BackendError` line.

    Raises :class:`~chainmap.errors.MissingExtraError` when the ``neo4j`` package is not installed.
    """
    lang = check_lang(lang)
    settings = settings or Settings.from_env()
    if urlsplit(settings.uri).scheme not in SCHEMES:
        raise BackendError(BAD_URI(lang, uri=settings.shown_uri))
    try:
        import neo4j
    except ImportError:
        raise MissingExtraError("neo4j", "neo4j") from None

    # The driver logs connection failures as warnings; without a handler Python prints them on stderr,
    # next to the one line we report. An application that configures logging still receives them.
    logging.getLogger("neo4j").addHandler(_QUIET)
    auth = (settings.username, settings.password) if settings.password is not None else None
    try:
        with neo4j.GraphDatabase.driver(settings.uri, auth=auth, connection_timeout=15) as driver:
            driver.verify_connectivity()
            with driver.session(database=settings.database) as session:
                yield _DriverSession(session)
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as error:
        raise BackendError(_message(error, settings, lang)) from None


def _message(error: Exception, settings: Settings, lang: str) -> str:
    """The one line that says what went wrong and what to set; never the password."""
    from neo4j import exceptions

    values = {"uri": settings.shown_uri, "username": settings.username, "database": settings.database or "neo4j"}
    if isinstance(error, exceptions.ServiceUnavailable):
        return UNREACHABLE(lang, **values)
    if isinstance(error, exceptions.AuthError):
        return REFUSED(lang, **values)
    if isinstance(error, exceptions.ConfigurationError):
        return BAD_URI(lang, **values)
    code = getattr(error, "code", None) or ""
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return NO_DATABASE(lang, **values)
    if isinstance(error, exceptions.Forbidden):
        return FORBIDDEN(lang, **values)
    if code.endswith("OutOfMemoryError"):
        return TOO_BIG(lang, **values)
    reason = (getattr(error, "message", None) or str(error) or type(error).__name__).strip().splitlines()[0]
    if settings.password:
        reason = reason.replace(settings.password, "***")
    return FAILED(lang, reason=f"{code}: {reason}" if code else reason, **values)


def ensure_schema(session: Session) -> None:
    """Create the key constraints (and so their indexes) that are missing; each runs on its own."""
    for name in statement_names("schema_"):
        session.run(name)


def digest(account: Account) -> str:
    """A fingerprint of the account's content: equal accounts, equal digests."""
    return _fingerprint(_full_data(account))


def _fingerprint(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=_tagged)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _property(value: Any) -> Any:
    """A value as Neo4j can store it: mappings as JSON text, vocabulary members and dates as text."""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=_tagged)
    if isinstance(value, list):
        return [_property(item) for item in value]
    if isinstance(value, (dt.date, Enum)):
        return str(value)
    return value


def _tagged(value: Any) -> dict:
    # YAML reads `birthday: 1981-11-03` as a date: tag it so a pull gives back a date, not text.
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _untagged(mapping: dict) -> Any:
    if len(mapping) == 1 and "$date" in mapping:
        return dt.date.fromisoformat(mapping["$date"])
    if len(mapping) == 1 and "$datetime" in mapping:
        return dt.datetime.fromisoformat(mapping["$datetime"])
    return mapping


def _without(item: dict, keys: tuple[str, ...]) -> dict:
    return {key: value for key, value in item.items() if key not in keys}


def _plain(data: dict) -> dict:
    return {key: _property(value) for key, value in data.items()}


def _full_data(account: Account) -> dict:
    # Every value, defaults included, so the stored graph answers `p.stage = 'none'` in Browser too.
    return account.model_dump(by_alias=True, exclude_none=True)


def push_rows(account: Account) -> Iterator[tuple[str, list[dict]]]:
    """``(statement, rows)`` that write the account's items, then its relationships; empty kinds left out."""
    data = _full_data(account)
    return iter([*_item_rows(data), *_relationship_rows(data)])


def _item_rows(data: dict) -> Iterator[tuple[str, list[dict]]]:
    for section, (_, name, references) in NODES.items():
        rows = [
            {**_plain(_without(item, references)), "seq": seq}
            for seq, item in enumerate(data.get(section, []))
        ]
        if rows:
            yield name, rows


def _relationship_rows(data: dict) -> Iterator[tuple[str, list[dict]]]:
    for section, reference, _, target_label, name in REFERENCES:
        rows = []
        for seq, item in enumerate(data.get(section, [])):
            key = seq if section == "visits" else item["id"]
            value = item.get(reference)
            targets = value if isinstance(value, list) else [] if value is None else [value]
            for place, target in enumerate(targets):
                if (target == SELF_ORG and reference == "org") != (target_label == ACCOUNT):
                    continue
                properties = {"seq": place} if isinstance(value, list) else {}
                rows.append({"source": key, "target": target, "properties": properties})
        if rows:
            yield name, rows
    for section, (_, name) in EDGES.items():
        rows = [
            {"source": edge["from"], "target": edge["to"], "properties": {**_plain(_without(edge, ("from", "to"))), "seq": seq}}
            for seq, edge in enumerate(data.get(section, []))
        ]
        if rows:
            yield name, rows


def _header(data: dict) -> dict:
    """The Account node's properties: the account's own fields, its funding laid flat."""
    header = {key: value for key, value in data.items() if key not in NODES and key not in EDGES}
    funding = header.pop("funding", None) or {}
    return _plain({**header, **{FUNDING + key: value for key, value in funding.items()}})


def _batches(rows: list[dict], size: int) -> Iterator[list[dict]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def push(session: Session, account: Account, *, batch: int = BATCH) -> dict:
    """Replace the stored copy of ``account`` in one transaction; a no-op when it is already stored as is.

    Returns ``{"account", "changed", "people", "departments"}``. If anything fails, the transaction
    rolls back and the previous version stays; other accounts are never touched.
    """
    data = _full_data(account)
    fingerprint = _fingerprint(data)
    result = {"account": account.id, "changed": False, "people": len(account.people), "departments": len(account.departments)}
    with session.transaction() as tx:
        stored = tx.run("pull_account", account=account.id)
        if stored and stored[0]["properties"].get("digest") == fingerprint:
            return result
        tx.run("push_delete_items", account=account.id)
        tx.run("push_account", account=account.id, properties={**_header(data), "digest": fingerprint})
        # Section by section, so only one kind's rows exist at a time.
        for name, rows in chain(_item_rows(data), _relationship_rows(data)):
            for part in _batches(rows, batch):
                tx.run(name, account=account.id, rows=part)
    return {**result, "changed": True}


def _decoded(properties: dict) -> dict:
    return {
        key: json.loads(value, object_hook=_untagged) if key in JSON_FIELDS and isinstance(value, str) else value
        for key, value in properties.items()
        if value is not None and key != "account"
    }


def pull(session: Session, account_id: str, *, lang: str | None = None) -> Account:
    """The stored account ``account_id``, checked like a file; :class:`NotFoundError` if there is none."""
    lang = check_lang(lang)
    # One transaction, so a push running meanwhile is seen whole or not at all.
    with session.transaction() as tx:
        header = tx.run("pull_account", account=account_id)
        if header:
            items = tx.run("pull_items", account=account_id, labels=LABELS)
            relationships = tx.run("pull_relationships", account=account_id, labels=[*LABELS, ACCOUNT])
    if not header:
        raise NotFoundError(_not_found(session, account_id, lang))
    data = {key: value for key, value in _decoded(header[0]["properties"]).items() if key not in STORE_FIELDS}
    funding = {key[len(FUNDING) :]: data.pop(key) for key in list(data) if key.startswith(FUNDING)}
    if funding:
        data["funding"] = funding
    return from_data(_assemble(data, items, relationships), name=f"neo4j:{account_id}", lang=lang)


def _assemble(data: dict, items: list[dict], relationships: list[dict]) -> dict:
    """The account file's data from the stored header, item rows and relationship rows."""
    section_of = {label: section for section, (label, _, _) in NODES.items()}
    by_key: dict[str, dict[Any, dict]] = {section: {} for section in NODES}
    ordered: dict[str, list[tuple[int, dict]]] = {section: [] for section in [*NODES, *EDGES]}
    for row in items:
        section = section_of[row["label"]]
        item = _decoded(row["properties"])
        seq = item.pop("seq")
        by_key[section][item.get("id", seq)] = item
        ordered[section].append((seq, item))
    reference_of = {(kind, NODES[section][0], target): (section, ref) for section, ref, kind, target, _ in REFERENCES}
    edge_of = {kind: section for section, (kind, _) in EDGES.items()}
    listed: dict[tuple[str, Any, str], list[tuple[int, Any]]] = {}
    for row in relationships:
        properties = _decoded(row["properties"])
        if row["type"] in edge_of:
            seq = properties.pop("seq")
            ordered[edge_of[row["type"]]].append((seq, {"from": row["source"], "to": row["target"], **properties}))
            continue
        found = reference_of.get((row["type"], row["source_label"], row["target_label"]))
        if found is None:
            continue  # a relationship an analyst drew: not part of the account file
        section, reference = found
        target = SELF_ORG if row["target_label"] == ACCOUNT else row["target"]
        if "seq" in properties:
            listed.setdefault((section, row["source"], reference), []).append((properties["seq"], target))
        else:
            by_key[section][row["source"]][reference] = target
    for (section, key, reference), targets in listed.items():
        by_key[section][key][reference] = [target for _, target in sorted(targets)]
    for section, pairs in ordered.items():
        data[section] = [item for _, item in sorted(pairs, key=lambda pair: pair[0])]
    return data


def _not_found(session: Session, account_id: str, lang: str) -> str:
    from .rules import suggest

    stored = {row["id"]: row["name"] or "" for row in session.run("list_accounts")}
    guess = suggest(account_id, stored)
    hint = NO_ACCOUNT_GUESS(lang, guess=guess) if guess else NO_ACCOUNT_LIST(lang)
    return NO_ACCOUNT(lang, account=account_id) + hint


def list_accounts(session: Session) -> list[dict]:
    """Every stored account: ``{"id", "name", "people", "departments", "visits", "updated_at"}``, by id."""
    return session.run("list_accounts")


def delete(session: Session, account_id: str) -> None:
    """Remove the account ``account_id`` and everything in it, in one transaction."""
    with session.transaction() as tx:
        tx.run("delete_account", account=account_id)


def fetch_account(account_id: str, settings: Settings | None = None, *, lang: str | None = None) -> Account:
    """The account ``account_id`` read from the store named by ``settings`` (default: the NEO4J_* variables)."""
    with connect(settings, lang=lang) as session:
        return pull(session, account_id, lang=lang)


def push_all(accounts: Iterable[Account], settings: Settings | None = None, *, lang: str | None = None) -> Iterator[dict]:
    """Push each account in a transaction of its own, once the schema is in place; yields each result."""
    with connect(settings, lang=lang) as session:
        ensure_schema(session)
        for account in accounts:
            yield push(session, account)


def stored_accounts(settings: Settings | None = None, *, lang: str | None = None) -> list[dict]:
    """:func:`list_accounts` on the store named by ``settings``."""
    with connect(settings, lang=lang) as session:
        return list_accounts(session)


LIST_TITLE = Text("Accounts in Neo4j", "Neo4j 中的客户")
LIST_COLUMNS = (
    Text("account", "客户"),
    Text("name", "名称"),
    Text("people", "人数"),
    Text("departments", "部门"),
    Text("visits", "拜访"),
    Text("last push", "最近推送"),
)
LIST_EMPTY = Text("No accounts yet: `chainmap neo4j push FILE` stores one.", "还没有客户：用 `chainmap neo4j push FILE` 存入。")


def to_document(result: dict, lang: str):
    """``{"accounts": [...]}`` (as :func:`list_accounts` gives) as a table."""
    from .report import Document, Paragraph, Table

    if not result["accounts"]:
        return Document(LIST_TITLE(lang), [Paragraph(LIST_EMPTY(lang))])
    rows = [
        [row["id"], row["name"] or "", str(row["people"]), str(row["departments"]), str(row["visits"]), _minute(row["updated_at"])]
        for row in result["accounts"]
    ]
    return Document(LIST_TITLE(lang), [Table([column(lang) for column in LIST_COLUMNS], rows)])


def _minute(stamp: str | None) -> str:
    """A stored time to the minute, for tables.

    >>> _minute("2026-11-23T19:50:12.123456789Z")
    '2026-11-23 19:50'
    """
    return stamp[:16].replace("T", " ") if stamp else ""
