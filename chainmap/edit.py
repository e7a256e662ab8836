"""Change an account file in place without losing what the rep wrote by hand.

Every edit is one read-modify-write under a lock on the file, so two edits at
once both land. YAML goes through ruamel.yaml's round-trip mode, which keeps
comments, key order, quoting and flow lists; JSON keeps its key order. The
whole edited account is checked by :mod:`chainmap.loader` before anything is
written, and the new text replaces the old file by a rename, so a bad value or
a crash never leaves a broken or half-written account behind.

Values arrive as text (``key=value`` from the command line, cells of a
spreadsheet) and are typed by the account's own models: ``strength=5`` is
written as a number, ``informed=是`` as ``true``, ``roles=决策者,评估者`` as a
list; vocabulary values keep the spelling the rep used.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.yaml"
>>> _ = path.write_text("id: demo\\nname: Demo\\npeople:\\n  - id: zhou  # the head\\n    name: 周\\n", encoding="utf-8")
>>> set_fields(path, "zhou", parse_assignments(["attitude=支持者", "roles=决策者"]))["changed"]
['attitude', 'roles']
>>> print(path.read_text(encoding="utf-8"), end="")
id: demo
name: Demo
people:
  - id: zhou  # the head
    name: 周
    attitude: 支持者
    roles: [决策者]
"""

from __future__ import annotations

import copy
import datetime as dt
import glob
import json
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from .enums import Choice, Stage
from .errors import AccountError, NotFoundError, SourceError, UsageError
from .files import write_text
from .i18n import Text, check_lang, join
from .loader import IS_FOLDER, NOT_FOUND, UNREADABLE, loads
from .model import KIND_WORD, KINDS, Item
from .rules import REFERENCES, suggest

__all__ = [
    "KIND_SECTIONS",
    "edit",
    "parse_assignments",
    "add_item",
    "set_fields",
    "remove_item",
    "log_visit",
    "merge_people",
    "prepare",
]

# The word a user types for a kind of item, and the section of the file that holds it.
KIND_SECTIONS = {
    "person": "people",
    "department": "departments",
    "organisation": "organisations",
    "influence": "influence",
    "contact": "contacts",
    "competitor": "competitors",
    "team": "team",
}
LINKS = ("influence", "contacts")
LOCK_TIMEOUT = 30

NOT_CHANGED = Text("{name} was not changed", "{name} 未作修改")
BUSY = Text("{name} is being changed by another chainmap for over {seconds} s; try again", "{name} 正被另一个 chainmap 修改（已超过 {seconds} 秒），请稍后再试")
NOT_ASSIGNMENT = Text("expected key=value, got '{text}'", "应为 key=value 的形式，实际是 '{text}'")
TWICE = Text("key '{key}' is given twice", "键 '{key}' 给了两次")
NO_ITEM = Text("{name}: no {kind} '{id}'", "{name}：没有{kind} '{id}'")
GUESS = Text(" (did you mean '{guess}'?)", "（是不是 '{guess}'？）")
EXISTS = Text("{name}: {kind} '{id}' already exists; change it with `chainmap set`", "{name}：{kind} '{id}' 已存在；请用 `chainmap set` 修改")
LINK_EXISTS = Text("{name}: {kind} {id} already exists; remove it first to change it", "{name}：{kind} {id} 已存在；如需修改请先删除")
LINK_ID = Text("name a {kind} as FROM->TO, e.g. huang->zhou", "{kind}请写成 FROM->TO，例如 huang->zhou")
STILL_NAMED = Text(
    "{name}: {kind} '{id}' is still named by: {where}; add --reassign OTHER_ID to point them at someone else, or --cascade to drop them",
    "{name}：{kind} '{id}' 仍被引用：{where}；加 --reassign 其他ID 改指向他人，或加 --cascade 一并删除这些引用",
)
REASSIGN_SELF = Text("--reassign names the item being removed", "--reassign 指向的正是要删除的对象")
BOTH = Text("give --reassign or --cascade, not both", "--reassign 和 --cascade 只能选一个")
EMPTY_VISIT = Text("say whom you met (--met) or which departments you visited (--dept)", "请用 --met 写见了谁，或用 --dept 写去了哪些部门")
VISIT = Text("visit {date}", "{date} 的拜访")

T = TypeVar("T")
_LIST_SEPARATORS = re.compile(r"[,，、;；]")
_YES_NO = {"是": True, "否": False}
# Reference keys whose loss would leave no item at all: the link goes with it under --cascade.
_REQUIRED_REFERENCES = {("influence", "from"), ("influence", "to"), ("contacts", "from"), ("contacts", "to")}


def parse_assignments(pairs: Iterable[str], *, lang: str | None = None) -> dict[str, str]:
    """``["attitude=支持者", ...]`` as a dict; an empty value means "remove this key".

    >>> parse_assignments(["stage=约会", "title="])
    {'stage': '约会', 'title': ''}
    """
    lang = check_lang(lang)
    values: dict[str, str] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        key = key.strip()
        if not equals or not key:
            raise UsageError(NOT_ASSIGNMENT(lang, text=pair))
        if key in values:
            raise UsageError(TWICE(lang, key=key))
        values[key] = value.strip()
    return values


def edit(path: str | os.PathLike, change: Callable[[Any, str], T], *, lang: str | None = None) -> T:
    """Apply ``change(data, fmt)`` to the account at ``path`` under its lock; check, then write.

    ``data`` is the file's round-trip data (ruamel's commented mapping for YAML,
    a dict for JSON); ``change`` edits it in place and returns what the caller
    wants back. Nothing is written when ``change`` raises or the result is not a
    valid account.
    """
    from filelock import FileLock, Timeout

    lang = check_lang(lang)
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise SourceError(IS_FOLDER(lang, name=name))
    if not path.is_file():
        # Before locking: a lock file must not appear beside a typo.
        raise SourceError(NOT_FOUND(lang, name=name))
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    try:
        # The lock covers read, change and write: a second edit waits and then reads the first one's result.
        with FileLock(str(path.with_name(f".{path.name}.lock")), timeout=LOCK_TIMEOUT):
            _remove_leftovers(path)
            text = _read(path, lang)
            bom = "\ufeff" if text.startswith("\ufeff") else ""
            text = text.removeprefix(bom)
            document = _JsonDocument(text) if fmt == "json" else _YamlDocument(text, name, lang)
            outcome = change(document.data, fmt)
            new_text = document.dump()
            _check(new_text, name, fmt, lang)
            write_text(path, bom + new_text, lang=lang)
    except Timeout:
        raise SourceError(BUSY(lang, name=name, seconds=LOCK_TIMEOUT)) from None
    return outcome


def _remove_leftovers(path: Path) -> None:
    """Delete temporary files of edits that were killed before their rename; under the lock none is in use."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        leftover.unlink(missing_ok=True)


def _read(path: Path, lang: str) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise SourceError(NOT_FOUND(lang, name=str(path))) from None
    except OSError as error:
        raise SourceError(UNREADABLE(lang, name=str(path), reason=error.strerror or error)) from None
    except UnicodeDecodeError:
        # The loader names the line with the bad bytes.
        from .loader import load

        load(path, lang=lang)
        raise


def _check(text: str, name: str, fmt: str, lang: str) -> None:
    try:
        loads(text, name=name, fmt=fmt, lang=lang)
    except AccountError as error:
        # Line numbers would point into text that was never written.
        problems = [replace(problem, line=None) for problem in error.problems]
        refused = AccountError(problems)
        refused.args = (f"{refused}\n{NOT_CHANGED(lang, name=name)}",)
        raise refused from None


class _YamlDocument:
    """A YAML account read for round-trip editing and written back in the file's own layout."""

    def __init__(self, text: str, name: str, lang: str):
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        self.yaml = YAML()
        self.yaml.preserve_quotes = True
        # Never re-wrap a long line the rep wrote.
        self.yaml.width = 1 << 16
        mapping, sequence, offset = _indents(text)
        self.yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        self.yaml.explicit_start = bool(re.match(r"(?:[ \t]*(?:#.*)?\r?\n)*---", text))
        self.crlf = "\r\n" in text
        try:
            self.data = self.yaml.load(text)
        except YAMLError:
            # The loader reports the same fault with its line and a fix.
            loads(text, name=name, fmt="yaml", lang=lang)
            raise
        if not isinstance(self.data, dict):
            loads(text, name=name, fmt="yaml", lang=lang)

    def dump(self) -> str:
        import io

        out = io.StringIO()
        self.yaml.dump(self.data, out)
        text = out.getvalue()
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return text


class _JsonDocument:
    def __init__(self, text: str):
        self.data = json.loads(text)
        indented = re.search(r"\n([ \t]+)\S", text)
        self.indent = indented.group(1) if indented else None
        self.newline = text.endswith("\n")

    def dump(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=self.indent) + ("\n" if self.newline else "")


def _indents(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the file already uses them; 2, 4, 2 if it has none.

    >>> _indents("people:\\n- id: a\\nfunding:\\n    status: none\\n")
    (4, 2, 0)
    """
    # A line scan, not ruamel's guesser: that one parses the whole file a second time.
    mapping, sequence, offset = None, None, None
    above = ""
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        # Only the first line under a top-level `key:` shows how this file indents.
        if re.fullmatch(r"[^\s#-][^#]*:\s*(#.*)?", above):
            dash = re.match(r"( *)-( +)\S", line)
            if dash and sequence is None:
                offset, sequence = len(dash.group(1)), len(dash.group(1)) + 1 + len(dash.group(2))
            elif not dash and mapping is None:
                mapping = len(line) - len(line.lstrip(" ")) or None
        above = line
    return mapping or 2, sequence or 4, offset if offset is not None else 2


def _shape(model: type[Item], key: str) -> str | None:
    """``list``, ``bool``, ``mapping`` or ``scalar`` for a key of ``model``; ``None`` if it has no such key."""
    for field_name, field in model.model_fields.items():
        if key in (field_name, field.alias):
            annotation = field.annotation
            options = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, types.UnionType) else (annotation,)
            for option in options:
                origin = typing.get_origin(option) or option
                if origin is list:
                    return "list"
                if origin is dict:
                    return "mapping"
                if option is bool:
                    return "bool"
            return "scalar"
    return None


def prepare(section: str, key: str, value: Any) -> Any:
    """A value as typed by a person, shaped for ``key`` of a ``section`` item (lists split, 是/否 as bool).

    >>> prepare("people", "roles", "决策者，评估者"), prepare("people", "informed", "否")
    (['决策者', '评估者'], False)
    """
    if not isinstance(value, str):
        return value
    shape = _shape(KINDS[section], key)
    if shape == "list":
        return [part.strip() for part in _LIST_SEPARATORS.split(value) if part.strip()]
    if shape == "bool" and value in _YES_NO:
        return _YES_NO[value]
    return value


def _typed(section: str, item: dict, keys: Iterable[str], fmt: str) -> dict[str, Any]:
    """The values of ``keys`` in ``item`` as they should be written: numbers, booleans and dates typed,
    vocabulary words kept as the rep spelled them."""
    values = {key: item.get(key) for key in keys}
    try:
        model = KINDS[section].model_validate(item)
    except ValidationError:
        # Left as given: checking the whole account names every fault in the loader's words.
        return values
    dumped = model.model_dump(mode="json" if fmt == "json" else "python", by_alias=True)
    for key in values:
        field_name = next(name for name, field in type(model).model_fields.items() if key in (name, field.alias))
        typed = getattr(model, field_name)
        vocabulary = isinstance(typed, Choice) or (isinstance(typed, list) and typed and isinstance(typed[0], Choice))
        if values[key] is not None and not vocabulary:
            values[key] = dumped[key]
    return values


def _assign(mapping: Any, key: str, value: Any) -> None:
    """Set ``mapping[key]``, keeping its comments, its place and a flow list's style; ``None`` removes it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(mapping, CommentedMap):
        if value is None:
            mapping.pop(key, None)
        else:
            mapping[key] = value
        return
    old = mapping.get(key)
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        flow = old.fa.flow_style() if isinstance(old, CommentedSeq) else True
        value = CommentedSeq(value)
        if flow:
            value.fa.set_flow_style()
    elif isinstance(value, dict):
        value = CommentedMap(value)
    if value is None:
        if key in mapping:
            _remove_key(mapping, key)
    elif key in mapping:
        mapping[key] = value
    else:
        # What followed the old last line (blank lines, the next section's comment) must follow the new one.
        tail = _pop_tail(mapping)
        mapping[key] = value
        _put_tail(mapping, tail)


def _remove_key(mapping: Any, key: str) -> None:
    last = list(mapping)[-1] == key
    tail = _pop_tail(mapping) if last else None
    del mapping[key]
    _put_tail(mapping, tail)


def _append(data: Any, section: str, item: dict) -> Any:
    """Append ``item`` to a section (made if missing), after the blank lines and comments that closed it.

    Returns the appended entry.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    items = data.get(section)
    if not isinstance(data, CommentedMap):
        data[section] = items = items or []
        items.append(item)
        return item
    entry = CommentedMap()
    for key, value in item.items():
        _assign(entry, key, value)
    if not items:
        _assign(data, section, CommentedSeq([entry]))
        return entry
    tail = _pop_tail(items)
    items.append(entry)
    _put_tail(items, tail)
    return entry


def _delete(sequence: Any, index: int) -> None:
    """Delete item ``index``; comments above it introduce the next item, its tail follows the item before."""
    if not hasattr(sequence, "ca"):
        del sequence[index]
        return
    tail = _pop_tail(sequence) if index == len(sequence) - 1 else None
    above = sequence.ca.items.get(index, [None, None])[1]
    del sequence[index]
    if above and index < len(sequence):
        following = sequence.ca.items.setdefault(index, [None, None, None, None])
        following[1] = following[1] or above
    if tail is not None and sequence:
        _put_tail(sequence, tail)


def _pop_tail(node: Any) -> Any:
    """Detach the comment token after the last line of ``node`` (blank lines, a comment), if any."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and node:
        key, slot = list(node)[-1], 2
    elif isinstance(node, CommentedSeq) and node:
        key, slot = len(node) - 1, 0
    else:
        return None
    entry = node.ca.items.get(key)
    if entry and entry[slot] is not None:
        token = entry[slot]
        line, newline, rest = token.value.partition("\n")
        if not line.strip():
            entry[slot] = None
            return token
        # An end-of-line comment stays on its line; only the lines after it move.
        if not rest:
            return None
        kept, moved = copy.copy(token), copy.copy(token)
        kept.value, moved.value = line + newline, newline + rest
        entry[slot] = kept
        return moved
    return _pop_tail(node[key])


def _put_tail(node: Any, token: Any) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if token is None or not node:
        return
    key, slot = (list(node)[-1], 2) if isinstance(node, CommentedMap) else (len(node) - 1, 0)
    child = node[key]
    if isinstance(child, (CommentedMap, CommentedSeq)) and child and not child.fa.flow_style():
        _put_tail(child, token)
        return
    entry = node.ca.items.setdefault(key, [None, None, None, None])
    entry[slot] = token


def _find(data: Any, section: str, ident: str, name: str, lang: str) -> tuple[int, Any]:
    items = data.get(section) or []
    for index, item in enumerate(items):
        if str(item.get("id")) == ident:
            return index, item
    names = {str(item.get("id")): str(item.get("name", "")) for item in items}
    guess = suggest(ident, names)
    hint = GUESS(lang, guess=guess) if guess else ""
    raise NotFoundError(NO_ITEM(lang, name=name, kind=KIND_WORD[section](lang), id=ident) + hint)


def _section(kind: str) -> str:
    return KIND_SECTIONS[kind]


def _prepared(section: str, values: dict[str, str]) -> dict[str, Any]:
    """Key=value text as item data: ``contact.phone=…`` fills the ``contact`` mapping, empty text removes."""
    prepared: dict[str, Any] = {}
    for key, value in values.items():
        parent, dot, child = key.partition(".")
        if dot:
            prepared.setdefault(parent, {})[child] = value or None
        else:
            prepared[key] = prepare(section, key, value) if value != "" else None
    return prepared


def _update(item: Any, section: str, changes: dict[str, Any], fmt: str) -> list[str]:
    """Apply ``changes`` (``None`` removes a key; dict values merge into a mapping) to ``item``."""
    candidate = dict(item)
    for key, value in changes.items():
        if isinstance(value, dict):
            merged = {**(candidate.get(key) or {}), **value}
            candidate[key] = {k: v for k, v in merged.items() if v is not None} or None
        else:
            candidate[key] = value
    candidate = {key: value for key, value in candidate.items() if value is not None}
    typed = _typed(section, candidate, changes, fmt)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(item.get(key), dict):
            # Key by key, so the comments inside a contact mapping stay.
            for child, child_value in value.items():
                _assign(item[key], child, child_value)
            if not item[key]:
                _assign(item, key, None)
        else:
            _assign(item, key, typed[key])
    return list(changes)


def add_item(path: str | os.PathLike, kind: str, values: dict[str, str], *, lang: str | None = None) -> dict:
    """Add one item of ``kind`` (person, department, influence …) built from ``key=value`` text.

    Returns ``{"kind", "section", "id"}``; ``id`` is ``FROM->TO`` for influence and contacts.
    """
    lang = check_lang(lang)
    section = _section(kind)
    name = str(path)

    def change(data: Any, fmt: str) -> dict:
        item = {key: value for key, value in _prepared(section, values).items() if value is not None}
        items = data.get(section) or []
        if section in LINKS:
            ident = f"{item.get('from')}->{item.get('to')}"
            if any(f"{link.get('from')}->{link.get('to')}" == ident for link in items):
                raise UsageError(LINK_EXISTS(lang, name=name, kind=KIND_WORD[section](lang), id=ident))
        else:
            ident = str(item.get("id"))
            if any(str(other.get("id")) == ident for other in items):
                raise UsageError(EXISTS(lang, name=name, kind=KIND_WORD[section](lang), id=ident))
        _append(data, section, _typed(section, item, item, fmt))
        return {"kind": kind, "section": section, "id": ident}

    return edit(path, change, lang=lang)


def set_fields(path: str | os.PathLike, person_id: str, values: dict[str, str], *, lang: str | None = None) -> dict:
    """Change fields of one person; returns ``{"id", "name", "changed": [keys]}``."""
    lang = check_lang(lang)

    def change(data: Any, fmt: str) -> dict:
        _, item = _find(data, "people", person_id, str(path), lang)
        changed = _update(item, "people", _prepared("people", values), fmt)
        return {"id": person_id, "name": str(item.get("name", person_id)), "changed": changed}

    return edit(path, change, lang=lang)


def merge_people(path: str | os.PathLike, rows: list[dict[str, Any]], *, lang: str | None = None) -> dict:
    """Update the people whose ids exist and append the others; returns ``{"added": [ids], "updated": [ids]}``."""
    lang = check_lang(lang)

    def change(data: Any, fmt: str) -> dict:
        by_id = {str(item.get("id")): item for item in data.get("people") or []}
        added, updated = [], []
        for row in rows:
            ident = str(row["id"])
            if ident in by_id:
                _update(by_id[ident], "people", {k: v for k, v in row.items() if k != "id"}, fmt)
                updated.append(ident)
            else:
                by_id[ident] = _append(data, "people", _typed("people", row, row, fmt))
                added.append(ident)
        return {"added": added, "updated": updated}

    return edit(path, change, lang=lang)


def _link_matches(link: Any, ident: str) -> bool:
    return f"{link.get('from')}->{link.get('to')}" == ident


def _referrers(data: Any, section: str, ident: str) -> Iterator[tuple[str, int, str, bool]]:
    """``(section, index, key, many)`` of every reference to item ``ident`` of ``section``."""
    for source, key, target, many in REFERENCES:
        if target != section:
            continue
        for index, item in enumerate(data.get(source) or []):
            value = item.get(key)
            named = [str(v) for v in value] if many and isinstance(value, list) else [str(value)]
            if ident in named:
                yield source, index, key, many


def _label(item: Any, section: str, lang: str) -> str:
    if section in LINKS:
        return f"{KIND_WORD[section](lang)} {item.get('from')}->{item.get('to')}"
    if section == "visits":
        return VISIT(lang, date=item.get("date"))
    return f"{KIND_WORD[section](lang)} {item.get('id')}"


def remove_item(
    path: str | os.PathLike,
    kind: str,
    ident: str,
    *,
    reassign: str | None = None,
    cascade: bool = False,
    lang: str | None = None,
) -> dict:
    """Remove one item; refuse while other items name it, unless told to ``reassign`` or ``cascade``.

    ``reassign`` points every reference at another item of the same kind;
    ``cascade`` drops the references: links (influence, contacts) that cannot
    stand without it are removed, other references are cleared. Returns
    ``{"removed", "reassigned": [...], "dropped": [...]}`` naming what changed.
    """
    lang = check_lang(lang)
    section = _section(kind)
    name = str(path)
    if reassign and cascade:
        raise UsageError(BOTH(lang))
    if reassign == ident:
        raise UsageError(REASSIGN_SELF(lang))

    def change(data: Any, fmt: str) -> dict:
        items = data.get(section) or []
        if section in LINKS:
            if "->" not in ident:
                raise UsageError(LINK_ID(lang, kind=KIND_WORD[section](lang)))
            index = next((i for i, link in enumerate(items) if _link_matches(link, ident)), None)
            if index is None:
                raise NotFoundError(NO_ITEM(lang, name=name, kind=KIND_WORD[section](lang), id=ident))
            _delete(items, index)
            return {"removed": ident, "reassigned": [], "dropped": []}
        index, _ = _find(data, section, ident, name, lang)
        if reassign:
            _find(data, section, reassign, name, lang)
        referrers = [r for r in _referrers(data, section, ident) if not (r[0] == section and r[1] == index)]
        if referrers and not (reassign or cascade):
            where = join(lang, [f"{_label(data[s][i], s, lang)} ({key})" for s, i, key, _ in referrers])
            raise UsageError(STILL_NAMED(lang, name=name, kind=KIND_WORD[section](lang), id=ident, where=where))
        reassigned, dropped = [], []
        doomed: dict[str, set[int]] = {}
        for source, i, key, many in referrers:
            item = data[source][i]
            label = f"{_label(item, source, lang)} ({key})"
            # A visit log is history: it never claims we met the replacement.
            rewrite = reassign if source != "visits" else None
            if many:
                values = [str(v) for v in item[key]]
                new = [rewrite if v == ident else v for v in values] if rewrite else [v for v in values if v != ident]
                new = list(dict.fromkeys(v for v in new if not (source == section and v == str(item.get("id")))))
                _assign(item, key, new or None)
            elif rewrite and not _points_at_itself(item, source, key, rewrite) and not _duplicates(data, source, item, key, rewrite):
                _assign(item, key, rewrite)
            elif (source, key) in _REQUIRED_REFERENCES:
                doomed.setdefault(source, set()).add(i)
                dropped.append(label)
                continue
            else:
                _assign(item, key, None)
            (reassigned if rewrite else dropped).append(label)
        for source, indexes in doomed.items():
            for i in sorted(indexes, reverse=True):
                _delete(data[source], i)
        # Deleting links never shifts the removed item: links live in other sections.
        _delete(items, index)
        return {"removed": ident, "reassigned": reassigned, "dropped": dropped}

    return edit(path, change, lang=lang)


def _duplicates(data: Any, section: str, item: Any, key: str, target: str) -> bool:
    """Whether pointing a link's ``key`` at ``target`` repeats a link that already exists."""
    if section not in LINKS:
        return False
    moved = {**item, key: target}
    return any(other is not item and _link_matches(other, f"{moved['from']}->{moved['to']}") for other in data[section])


def _points_at_itself(item: Any, section: str, key: str, target: str) -> bool:
    """Whether setting ``key`` to ``target`` makes the item name itself (X reports to X, X influences X)."""
    if section in ("people", "departments"):
        return str(item.get("id")) == target
    if section == "influence":
        other = "to" if key == "from" else "from"
        return str(item.get(other)) == target
    return False


def log_visit(
    path: str | os.PathLike,
    *,
    met: list[str],
    departments: list[str],
    notes: str | None = None,
    date: dt.date | None = None,
    by: list[str] = (),
    lang: str | None = None,
) -> dict:
    """Log a visit and raise everyone met to at least ``acquainted``.

    Returns ``{"date", "raised": [{"id", "name"}]}``.
    """
    lang = check_lang(lang)
    name = str(path)
    if not met and not departments:
        raise UsageError(EMPTY_VISIT(lang))
    date = date or dt.date.today()

    def change(data: Any, fmt: str) -> dict:
        raised = []
        for ident in met:
            _, person = _find(data, "people", ident, name, lang)
            if _stage(person.get("stage")).rank < Stage.ACQUAINTED.rank:
                _assign(person, "stage", _spelled(data, "people", "stage", Stage.ACQUAINTED))
                raised.append({"id": ident, "name": str(person.get("name", ident))})
        for ident in departments:
            _find(data, "departments", ident, name, lang)
        visit = {"date": date, "by": list(by), "met": list(met), "departments": list(departments), "notes": notes}
        visit = {key: value for key, value in visit.items() if value}
        _append(data, "visits", _typed("visits", visit, visit, fmt))
        return {"date": date.isoformat(), "raised": raised}

    return edit(path, change, lang=lang)


def _stage(value: Any) -> Stage:
    try:
        return Stage.parse(value) if value is not None else Stage.NONE
    except ValueError:
        # A bad stage is the loader's to report; for raising, treat it as no relationship yet.
        return Stage.NONE


def _spelled(data: Any, section: str, key: str, member: Choice) -> str:
    """``member`` in the language the file already writes ``key`` in (Chinese if most values are)."""
    written = [str(item.get(key)) for item in data.get(section) or [] if item.get(key) is not None]
    chinese = sum(1 for value in written if not value.isascii())
    return member.label("zh") if written and chinese * 2 >= len(written) else member.value
