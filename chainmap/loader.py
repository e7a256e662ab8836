"""Read and write account files (YAML or JSON) and report every problem precisely.

Reading takes a fast path first: JSON through the standard library and YAML
through yaml-rs (Rust), both refusing keys given twice. Only when
something is wrong is the file parsed again with PyYAML, which keeps the line
of every key and item, so each problem can name its line. A valid
10,000-person file therefore never pays for line bookkeeping.

>>> account = loads("id: demo\\nname: 演示\\npeople:\\n  - {id: zhou, name: 周院长, stage: 认识}\\n")
>>> account.people[0].stage
<Stage.ACQUAINTED: 'acquainted'>
>>> loads("id: demo\\nname: x\\npeople:\\n  - {id: zhou, name: 周, reportsto: ma}\\n", lang="en")
Traceback (most recent call last):
chainmap.errors.AccountError: <string>:4: zhou: unknown key 'reportsto' (did you mean 'reports_to'?)
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .bulk import paused_gc
from .errors import AccountError, Problem, SourceError
from .i18n import Text, check_lang
from .model import KINDS, Account, Funding, Item
from .rules import account_findings

__all__ = ["load", "loads", "from_data", "to_data", "dump", "dumps"]

NOT_FOUND = Text("{name}: no such file (check the path)", "{name}：文件不存在（请检查路径）")
IS_FOLDER = Text("{name}: is a folder, not an account file (name a .yaml or .json file)", "{name}：这是文件夹，不是客户文件（请指定 .yaml 或 .json 文件）")
UNREADABLE = Text("{name}: cannot be read: {reason}", "{name}：无法读取：{reason}")
BINARY = Text("not a text file: it holds binary data", "不是文本文件：含有二进制数据")
BINARY_FIX = Text("an account file is YAML or JSON text in UTF-8", "客户文件应为 UTF-8 编码的 YAML 或 JSON 文本")
EMPTY = Text("the file is empty", "文件是空的")
EMPTY_FIX = Text("an account needs at least `id:` and `name:`", "客户文件至少需要 `id:` 和 `name:`")
SYNTAX = Text("{kind} syntax error: {problem}", "{kind} 语法错误：{problem}")
SYNTAX_FIX = Text("check indentation, colons and quotes on this line and the one before", "请检查本行和上一行的缩进、冒号和引号")
NOT_MAPPING = Text("the file holds {what}, not an account mapping", "文件内容是{what}，而不是客户映射")
NOT_MAPPING_FIX = Text("start the file with `id:` and `name:` lines", "文件应以 `id:` 和 `name:` 开头")
MANY_DOCS = Text("the file holds several YAML documents", "文件包含多个 YAML 文档")
MANY_DOCS_FIX = Text("keep one account per file; remove the extra `---`", "每个文件只放一个客户；删除多余的 `---`")
DUPLICATE_KEY = Text("key '{key}' is given twice (first on line {first})", "键 '{key}' 出现两次（第一次在第 {first} 行）")
DUPLICATE_KEY_FIX = Text("keep one of them; a second value would silently replace the first", "只保留一个；否则后一个会悄悄覆盖前一个")
UNKNOWN_KEY = Text("unknown key '{key}'", "未知的键 '{key}'")
UNKNOWN_KEY_GUESS = Text("did you mean '{guess}'?", "是不是 '{guess}'？")
UNKNOWN_KEY_FIX = Text("allowed here: {allowed}; free data goes under `extra:`", "此处可用：{allowed}；自由内容请放在 `extra:` 下")
MISSING = Text("{field} is missing", "缺少 {field}")
MISSING_FIX = Text("add `{field}: …`", "请添加 `{field}: …`")
CHOICE = Text("{field} {value} is not allowed", "{field} 的值 {value} 不在可选范围内")
CHOICE_FIX = Text("allowed: {allowed}", "可选：{allowed}")
RANGE = Text("{field} {value} is out of range", "{field} 的值 {value} 超出范围")
RANGE_FIX = Text("use a whole number from 1 (slight) to 5 (decisive)", "请用 1（轻微）到 5（决定性）的整数")
SLUG_FIX = Text("use lowercase letters, digits, '-' and '_', starting with a letter or digit", "请用小写字母、数字、'-' 和 '_'，以字母或数字开头")
WRONG_TYPE = Text("{field} {value} is not {expected}", "{field} 的值 {value} 不是{expected}")
EXPECTED = {
    "text": Text("text", "文本"),
    "list": Text("a list", "列表"),
    "mapping": Text("a mapping", "映射"),
    "bool": Text("true or false", "true 或 false"),
    "int": Text("a whole number", "整数"),
    "date": Text("an ISO date such as 2026-03-15", "ISO 日期（如 2026-03-15）"),
    "nonempty": Text("a non-empty value", "非空值"),
}
TYPE_FIX = {
    "list": Text("write one `- item` per line, or [a, b]", "每行写一个 `- 项`，或写成 [a, b]"),
    "date": Text("write the date as YYYY-MM-DD", "日期请写成 YYYY-MM-DD"),
}
PYDANTIC_TYPES = {
    "string_type": "text",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "int_type": "int",
    "int_parsing": "int",
    "int_from_float": "int",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "string_too_short": "nonempty",
}
DESCRIBE = {
    dict: Text("a mapping", "映射"),
    list: Text("a list", "列表"),
    str: Text("a single text", "一段文本"),
}


def load(source: str | os.PathLike, *, lang: str | None = None) -> Account:
    """Read and check one account file (YAML or JSON, by suffix or content).

    Raises :class:`~chainmap.errors.AccountError` listing every problem with its
    line, or :class:`~chainmap.errors.SourceError` when the file cannot be read.
    """
    lang = check_lang(lang)
    name = str(source)
    path = Path(source)
    if path.is_dir():
        raise SourceError(IS_FOLDER(lang, name=name))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(NOT_FOUND(lang, name=name)) from None
    except OSError as error:
        raise SourceError(UNREADABLE(lang, name=name, reason=error.strerror or error)) from None
    return loads(_decode(raw, name, lang), name=name, fmt=_format(path.suffix), lang=lang)


@paused_gc()
def loads(text: str, *, name: str = "<string>", fmt: str | None = None, lang: str | None = None) -> Account:
    """Check an account given as YAML or JSON text; ``name`` is used in messages."""
    lang = check_lang(lang)
    if not text.strip():
        raise AccountError([Problem(name, None, "file", EMPTY(lang), EMPTY_FIX(lang))])
    fmt = fmt or ("json" if text.lstrip().startswith("{") else "yaml")
    try:
        data = _fast_parse(text, fmt)
    except ValueError:
        # Anything the fast parsers dislike is re-read slowly, which names the line.
        if fmt == "json":
            _raise_json_syntax(text, name, lang)
        data, lines, problems = _located_parse(text, name, lang)
        return _checked(data, name, lang, lines, problems)
    return from_data(data, name=name, lang=lang, text=text)


@paused_gc()
def from_data(data: Any, *, name: str = "<data>", lang: str | None = None, text: str | None = None) -> Account:
    """Check plain data (as parsed from a file) against every rule and build the account.

    ``text`` is the file the data came from, used only to find lines when there are problems.
    """
    lang = check_lang(lang)
    account = _valid(data, lang)
    if account is not None:
        return account
    if text is None:
        return _checked(data, name, lang, {}, [])
    try:
        data, lines, problems = _located_parse(text, name, lang)
    except AccountError:
        lines, problems = {}, []
    return _checked(data, name, lang, lines, problems)


def _valid(data: Any, lang: str) -> Account | None:
    """The account if ``data`` breaks no rule, else ``None``; a valid file is validated only once."""
    if not isinstance(data, dict):
        return None
    try:
        account = Account.model_validate(data)
    except ValidationError:
        return None
    return None if account_findings(data, lang) else account


def _checked(data: Any, name: str, lang: str, lines: dict, problems: list[Problem]) -> Account:
    findings = _findings(data, lang, lines)
    if not findings and not problems:
        return Account.model_validate(data)
    problems = problems + [_problem(data, path, message, fix, name, lines) for path, message, fix in findings]
    problems.sort(key=lambda p: p.line or 0)
    raise AccountError(problems)


def to_data(account: Account) -> dict:
    """The account as plain data in file order, without values that are just the defaults."""
    return account.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def dumps(account: Account, fmt: str = "yaml") -> str:
    """The account as YAML or JSON text that :func:`loads` reads back into an equal account."""
    data = to_data(account)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import yaml

    return yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=1000)


# Text that a YAML 1.1 or 1.2 reader could take for a number, date, boolean or null
# ("0_", "_0", "0E0", "2026-01-01", "yes", "~"); such text is written in quotes.
_LOOKS_TYPED = re.compile(r"^(?:[-+._0-9~=]|(?:y|n|yes|no|on|off|true|false|null)$)", re.IGNORECASE)


@functools.cache
def _dumper() -> type:
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
        pass

    def text(dumper, value: str):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'" if _LOOKS_TYPED.match(value) else None)

    Dumper.add_representer(str, text)
    return Dumper


def dump(account: Account, path: str | os.PathLike, *, lang: str | None = None) -> None:
    """Write the account to ``path`` (JSON for ``.json``, else YAML), whole or not at all."""
    from .files import write_text

    write_text(path, dumps(account, _format(Path(path).suffix) or "yaml"), lang=lang)


def _format(suffix: str) -> str | None:
    return {".json": "json", ".yaml": "yaml", ".yml": "yaml"}.get(suffix.lower())


def _decode(raw: bytes, name: str, lang: str) -> str:
    if b"\0" in raw:
        raise AccountError([Problem(name, raw[: raw.index(b"\0")].count(b"\n") + 1, "file", BINARY(lang), BINARY_FIX(lang))])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise AccountError([Problem(name, line, "file", BINARY(lang), BINARY_FIX(lang))]) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise ValueError("duplicate key")
    return data


def _fast_parse(text: str, fmt: str) -> dict:
    if fmt == "json":
        data = json.loads(text, object_pairs_hook=_unique_keys)
    else:
        import yaml_rs

        data = yaml_rs.loads(text)
    if not isinstance(data, dict):
        # Several documents, a list or a lone scalar: the slow path says which, with a line.
        raise ValueError("not one mapping")
    return data


def _raise_json_syntax(text: str, name: str, lang: str) -> None:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise AccountError([Problem(name, error.lineno, "file", SYNTAX(lang, kind="JSON", problem=error.msg), SYNTAX_FIX(lang))]) from None


def _located_parse(text: str, name: str, lang: str) -> tuple[Any, dict, list[Problem]]:
    """Parse with PyYAML, keeping the line of every path; keys given twice become problems."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        documents = list(yaml.compose_all(text, Loader=loader_class))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = SYNTAX(lang, kind="YAML", problem=error.problem or error.context)
        raise AccountError([Problem(name, line, "file", problem, SYNTAX_FIX(lang))]) from None
    except yaml.YAMLError as error:
        raise AccountError([Problem(name, None, "file", SYNTAX(lang, kind="YAML", problem=error), SYNTAX_FIX(lang))]) from None
    documents = [document for document in documents if document is not None]
    if not documents:
        raise AccountError([Problem(name, None, "file", EMPTY(lang), EMPTY_FIX(lang))])
    if len(documents) > 1:
        line = documents[1].start_mark.line + 1
        raise AccountError([Problem(name, line, "file", MANY_DOCS(lang), MANY_DOCS_FIX(lang))])
    lines: dict = {(): documents[0].start_mark.line + 1}
    duplicates: list[tuple] = []
    constructor = yaml.constructor.SafeConstructor()

    def build(node: yaml.Node, path: tuple) -> Any:
        if isinstance(node, yaml.MappingNode):
            constructor.flatten_mapping(node)
            result: dict = {}
            for key_node, value_node in node.value:
                key = build(key_node, path)
                child = path + (key,)
                if key in result:
                    duplicates.append((child, key_node.start_mark.line + 1, lines[child]))
                    continue
                lines[child] = key_node.start_mark.line + 1
                result[key] = build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                lines[path + (index,)] = item.start_mark.line + 1
                items.append(build(item, path + (index,)))
            return items
        try:
            return constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            # 2026-13-01 or an unknown !tag: keep the text, the model says what is wrong with it.
            return node.value

    data = build(documents[0], ())
    problems = [
        Problem(name, line, _item_label(data, path), DUPLICATE_KEY(lang, key=path[-1], first=first), DUPLICATE_KEY_FIX(lang))
        for path, line, first in duplicates
    ]
    return data, lines, problems


def _findings(data: Any, lang: str, lines: dict | None = None) -> list:
    if not isinstance(data, dict):
        what = DESCRIBE.get(type(data), DESCRIBE[str])(lang)
        return [((), NOT_MAPPING(lang, what=what), NOT_MAPPING_FIX(lang))]
    findings = []
    try:
        Account.model_validate(data)
    except ValidationError as error:
        findings = [_describe(error_item, lang) for error_item in error.errors()]
    return findings + account_findings(data, lang, lines)


def _model_at(path: tuple) -> type[Item]:
    if path and path[0] in KINDS and len(path) > 1:
        return KINDS[path[0]]
    if path and path[0] == "funding":
        return Funding
    return Account


def _describe(error: dict, lang: str) -> tuple[tuple, str, str]:
    """One pydantic error as (path, message, fix) in the user's language."""
    path = tuple(error["loc"])
    kind = error["type"]
    field = ".".join(str(part) for part in path[2 if path and path[0] in KINDS else 0 :] if not isinstance(part, int)) or path[-1]
    value = repr(error.get("input"))
    if kind == "extra_forbidden":
        model = _model_at(path)
        allowed = [f.alias or name for name, f in model.model_fields.items()]
        guess = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.5)
        fix = UNKNOWN_KEY_GUESS(lang, guess=guess[0]) if guess else UNKNOWN_KEY_FIX(lang, allowed=", ".join(allowed))
        return path, UNKNOWN_KEY(lang, key=path[-1]), fix
    if kind == "missing":
        return path, MISSING(lang, field=field), MISSING_FIX(lang, field=field)
    if kind == "choice":
        return path, CHOICE(lang, field=field, value=value), CHOICE_FIX(lang, allowed=error["ctx"]["allowed"])
    if kind in ("less_than_equal", "greater_than_equal"):
        return path, RANGE(lang, field=field, value=value), RANGE_FIX(lang)
    if kind == "string_pattern_mismatch":
        return path, CHOICE(lang, field=field, value=value), SLUG_FIX(lang)
    expected = PYDANTIC_TYPES.get(kind)
    if expected:
        fix = TYPE_FIX[expected](lang) if expected in TYPE_FIX else error["msg"]
        return path, WRONG_TYPE(lang, field=field, value=value, expected=EXPECTED[expected](lang)), fix
    return path, f"{field}: {error['msg']}", ""


def _item_label(data: Any, path: tuple) -> str:
    """How a rep finds the item: its id, or its section and position."""
    if len(path) >= 2 and path[0] in KINDS and isinstance(path[1], int):
        section, index = path[0], path[1]
        try:
            item = data[section][index]
        except (KeyError, IndexError, TypeError):
            item = None
        if isinstance(item, dict):
            if isinstance(item.get("id"), (str, int)) and not isinstance(item.get("id"), bool):
                return str(item["id"])
            if "from" in item and "to" in item:
                return f"{section}[{index + 1}] {item['from']}→{item['to']}"
            if section == "visits" and item.get("date"):
                return f"visit {item['date']}"
        return f"{section}[{index + 1}]"
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return data["id"]
    return "account"


def _line(lines: dict, path: tuple) -> int | None:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


def _problem(data: Any, path: tuple, message: str, fix: str, name: str, lines: dict) -> Problem:
    return Problem(name, _line(lines, path), _item_label(data, path), message, fix)
