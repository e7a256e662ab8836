"""People tables in and out: import from .xlsx or .csv, export to .xlsx with the analyses' columns.

Teams that live in Excel keep their tables; chainmap reads them with Chinese or
English headers (姓名/职务/部门/上级/态度/关系阶段/性格/角色/ID or name/title/…),
names each problem by its row, and writes nothing unless every row is good
(or the caller chooses to skip the bad ones). Departments, bosses and
competitors may be written by id or by name.

>>> column("关系阶段"), column("Reports to"), column("微信")
('stage', 'reports_to', 'contact.wechat')
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import os
import re
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import ValidationError

from .enums import Choice
from .errors import AccountError, Problem, SourceError, UsageError
from .files import replacing
from .i18n import Text, check_lang, join
from .loader import NOT_FOUND, from_data, load, to_data
from .model import Person
from .rules import account_findings

__all__ = ["COLUMNS", "column", "read_table", "import_people", "export_people"]

# Header spellings (compared without case, spaces, '_' or '-') and the person field each fills.
COLUMNS: dict[str, str] = {
    "id": "id", "编号": "id",
    "name": "name", "姓名": "name", "名字": "name",
    "title": "title", "职务": "title", "职位": "title",
    "department": "department", "dept": "department", "部门": "department",
    "reports_to": "reports_to", "boss": "reports_to", "manager": "reports_to", "上级": "reports_to", "汇报给": "reports_to",
    "roles": "roles", "role": "roles", "角色": "roles",
    "attitude": "attitude", "态度": "attitude",
    "stage": "stage", "关系阶段": "stage", "阶段": "stage",
    "personality": "personality", "pdp": "personality", "性格": "personality",
    "informed": "informed", "知情": "informed",
    "dotted_to": "dotted_to", "虚线汇报": "dotted_to",
    "favours": "favours", "favors": "favours", "倾向": "favours",
    "concerns": "concerns", "诉求": "concerns", "关注": "concerns",
    "notes": "notes", "备注": "notes",
    "phone": "contact.phone", "电话": "contact.phone", "手机": "contact.phone",
    "email": "contact.email", "邮箱": "contact.email",
    "wechat": "contact.wechat", "微信": "contact.wechat",
}
# What `export_people` adds from the analyses; an exported table imports again, these columns ignored.
COMPUTED = {"decision_power": "决策力", "position": "位置", "champion_score": "内线分"}
IGNORED = "-"

# The people sheet's columns: (field, English header, Chinese header).
PEOPLE_COLUMNS = [
    ("id", "id", "ID"),
    ("name", "name", "姓名"),
    ("title", "title", "职务"),
    ("department", "department", "部门"),
    ("reports_to", "reports to", "上级"),
    ("roles", "roles", "角色"),
    ("attitude", "attitude", "态度"),
    ("stage", "stage", "关系阶段"),
    ("personality", "personality", "性格"),
    ("informed", "informed", "知情"),
    ("decision_power", "decision power", COMPUTED["decision_power"]),
    ("position", "position", COMPUTED["position"]),
    ("champion_score", "champion score", COMPUTED["champion_score"]),
]
VISIT_BEFORE = Text("before the visit", "拜访前")
VISIT_AFTER = Text("after the visit", "拜访后")
VISIT_COLUMNS = [
    Text("date", "日期"),
    Text("who to meet", "拜访对象"),
    Text("title", "职务"),
    Text("department", "部门"),
    Text("stage now", "当前关系阶段"),
    Text("goal of the visit", "拜访目标"),
    Text("questions to ask", "要问的问题"),
    Text("what we learned", "了解到的情况"),
    Text("next step", "下一步"),
]
SHEET_PEOPLE = Text("People", "人员")
SHEET_VISITS = Text("Visits", "拜访信息")
YES_NO = {True: Text("yes", "是"), False: Text("no", "否")}

ROW = Text("row {row}", "第 {row} 行")
ROW_WHO = Text("row {row} ({who})", "第 {row} 行（{who}）")
HEADER_ROW = Text("header row {row}", "表头第 {row} 行")
UNKNOWN_COLUMN = Text("column '{header}' is not known", "无法识别的列 '{header}'")
UNKNOWN_COLUMN_GUESS = Text("did you mean '{guess}'?", "是不是 '{guess}'？")
UNKNOWN_COLUMN_FIX = Text("known columns: {known}", "可识别的列：{known}")
COLUMN_TWICE = Text("columns '{first}' and '{second}' both fill {field}", "列 '{first}' 和 '{second}' 都对应 {field}")
COLUMN_TWICE_FIX = Text("keep one of them", "只保留其中一列")
NO_NAME_COLUMN = Text("the table has no name (姓名) or id column", "表格没有姓名（name）或 ID 列")
NO_NAME_COLUMN_FIX = Text("add a column headed 姓名 or name", "请添加表头为 姓名 或 name 的列")
NO_NAME = Text("neither id nor name is filled", "ID 和姓名都没有填")
NO_NAME_FIX = Text("fill the name, or clear the row", "请填写姓名，或删掉这一行")
SAME_ID = Text("id '{id}' is also on row {other}", "ID '{id}' 与第 {other} 行重复")
SAME_ID_FIX = Text("one row per person", "每人只占一行")
AMBIGUOUS = Text("{field} '{value}' names several: {ids}", "{field} '{value}' 对应多个：{ids}")
AMBIGUOUS_FIX = Text("write the id instead of the name", "请改写 ID 而不是名字")
EMPTY_TABLE = Text("the table is empty", "表格是空的")
EMPTY_TABLE_FIX = Text("put the headers in the first row and one person per row below", "第一行写表头，下面每行一个人")
NOT_XLSX = Text("{name}: export writes an Excel workbook: name it .xlsx", "{name}：导出的是 Excel 工作簿，请用 .xlsx 作文件名")
NOT_A_TABLE = Text("{name}: not a spreadsheet chainmap reads ({reason})", "{name}：不是 chainmap 能读取的表格（{reason}）")
SUFFIXES = Text("use .xlsx or .csv", "请使用 .xlsx 或 .csv 文件")
NOT_WRITTEN = Text("{account} was not changed; fix the rows above, or add --skip-bad to import only the good rows", "{account} 未作修改；请改正以上各行，或加 --skip-bad 只导入正确的行")


def _normal(header: str) -> str:
    return re.sub(r"[\s_\-]+", "_", header.strip().lower())


_KNOWN = {_normal(header): field for header, field in COLUMNS.items()}
_KNOWN.update({_normal(english): IGNORED for english in COMPUTED})
_KNOWN.update({_normal(chinese): IGNORED for chinese in COMPUTED.values()})
_KNOWN.update({_normal(english): IGNORED for field, english, _ in PEOPLE_COLUMNS if field in COMPUTED})


def column(header: str) -> str | None:
    """The person field a header fills (``contact.phone`` for phone columns); ``None`` if unknown."""
    return _KNOWN.get(_normal(header))


def _cell(value: Any) -> Any:
    """A cell as import data: text stripped, whole numbers as text, dates as ISO text; empty is ``None``."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        value = value.date() if isinstance(value, dt.datetime) else value
        return value.isoformat()
    text = str(value).strip()
    return text or None


def read_table(path: str | os.PathLike, *, lang: str | None = None) -> list[tuple[int, list[Any]]]:
    """``(row number, cells)`` of every non-empty row of the first sheet (.xlsx) or of a .csv file.

    Row numbers are the spreadsheet's own, counting from 1, so a rep finds the row they are told about.
    """
    lang = check_lang(lang)
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        raise UsageError(NOT_A_TABLE(lang, name=name, reason=SUFFIXES(lang)))
    if not path.is_file():
        raise SourceError(NOT_FOUND(lang, name=name))
    rows = _read_csv(path) if suffix == ".csv" else _read_xlsx(path, lang)
    return [(number, [_cell(value) for value in cells]) for number, cells in rows if any(_cell(value) is not None for value in cells)]


def _read_csv(path: Path) -> list[tuple[int, list[Any]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on a Chinese Windows saves CSV in GBK.
        text = raw.decode("gb18030", errors="replace")
    return list(enumerate(csv.reader(io.StringIO(text, newline="")), start=1))


def _read_xlsx(path: Path, lang: str) -> list[tuple[int, list[Any]]]:
    import zipfile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SourceError(NOT_A_TABLE(lang, name=str(path), reason=error)) from None
    try:
        return list(enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1))
    finally:
        workbook.close()


def _columns(header_row: tuple[int, list[Any]], name: str, lang: str) -> tuple[list[str | None], list[Problem]]:
    number, headers = header_row
    fields: list[str | None] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    where = HEADER_ROW(lang, row=number)
    for header in headers:
        if header is None:
            fields.append(None)
            continue
        header = str(header)
        field = column(header)
        if field is None:
            # Headers are short (职物 for 职务 is half wrong), so a looser match than for ids.
            close = difflib.get_close_matches(header.strip(), list(COLUMNS), n=1, cutoff=0.5)
            fix = UNKNOWN_COLUMN_GUESS(lang, guess=close[0]) if close else UNKNOWN_COLUMN_FIX(lang, known=", ".join(COLUMNS))
            problems.append(Problem(name, None, where, UNKNOWN_COLUMN(lang, header=header), fix))
        elif field != IGNORED and field in seen:
            problems.append(Problem(name, None, where, COLUMN_TWICE(lang, first=seen[field], second=header, field=field), COLUMN_TWICE_FIX(lang)))
        elif field != IGNORED:
            seen[field] = header
        fields.append(field if field != IGNORED else None)
    if "name" not in seen and "id" not in seen:
        problems.append(Problem(name, None, where, NO_NAME_COLUMN(lang), NO_NAME_COLUMN_FIX(lang)))
    return fields, problems


class _Names:
    """Ids of one kind by id and by name, to resolve what a rep typed in a cell."""

    def __init__(self, items: list[dict]):
        self.names = {str(item["id"]): str(item.get("name", item["id"])) for item in items}
        self.by_name: dict[str, list[str]] = {}
        for ident, label in self.names.items():
            self.by_name.setdefault(label, []).append(ident)

    def add(self, ident: str, label: str) -> None:
        if ident not in self.names:
            self.names[ident] = label
            self.by_name.setdefault(label, []).append(ident)

    def resolve(self, value: str) -> str | list[str]:
        """The id ``value`` names (itself if unknown: the account check says so); a list when ambiguous."""
        if value in self.names:
            return value
        matches = self.by_name.get(value, [])
        return matches[0] if len(matches) == 1 else (matches or value)


_REFERENCE_KINDS = {"department": "departments", "reports_to": "people", "dotted_to": "people", "favours": "competitors"}


def _rows_to_people(
    table: list[tuple[int, list[Any]]], fields: list[str | None], data: dict, name: str, lang: str
) -> tuple[list[tuple[int, dict]], dict[int, list[Problem]]]:
    """Each row as person data (ids resolved), and the problems of each row by row number."""
    from .edit import prepare

    names = {section: _Names(data.get(section, [])) for section in set(_REFERENCE_KINDS.values())}
    rows: list[tuple[int, dict]] = []
    problems: dict[int, list[Problem]] = {}
    first_row: dict[str, int] = {}
    parsed: list[tuple[int, dict]] = []
    for number, cells in table:
        row: dict[str, Any] = {}
        for field, value in zip(fields, cells):
            if field is None or value is None:
                continue
            key, dot, child = field.partition(".")
            if dot:
                row.setdefault(key, {})[child] = value
            else:
                row[key] = prepare("people", key, value)
        if "id" not in row and "name" in row:
            found = names["people"].resolve(str(row["name"]))
            row["id"] = found if isinstance(found, str) else str(row["name"])
        if "id" not in row:
            problems.setdefault(number, []).append(Problem(name, None, ROW(lang, row=number), NO_NAME(lang), NO_NAME_FIX(lang)))
            continue
        row["id"] = str(row["id"])
        if row["id"] in first_row:
            message = SAME_ID(lang, id=row["id"], other=first_row[row["id"]])
            problems.setdefault(number, []).append(Problem(name, None, _who(number, row, lang), message, SAME_ID_FIX(lang)))
            continue
        first_row[row["id"]] = number
        names["people"].add(row["id"], str(row.get("name", row["id"])))
        parsed.append((number, row))
    for number, row in parsed:
        for key, section in _REFERENCE_KINDS.items():
            if key not in row:
                continue
            values = row[key] if isinstance(row[key], list) else [row[key]]
            resolved = []
            for value in values:
                found = names[section].resolve(str(value))
                if isinstance(found, list):
                    message = AMBIGUOUS(lang, field=key, value=value, ids=", ".join(found))
                    problems.setdefault(number, []).append(Problem(name, None, _who(number, row, lang), message, AMBIGUOUS_FIX(lang)))
                    found = str(value)
                resolved.append(found)
            row[key] = resolved if isinstance(row[key], list) else resolved[0]
        rows.append((number, row))
    return rows, problems


def _who(number: int, row: dict, lang: str) -> str:
    return ROW_WHO(lang, row=number, who=row.get("name") or row.get("id"))


def _merged(data: dict, rows: list[tuple[int, dict]]) -> tuple[dict, dict[int, int]]:
    """The account data with the rows merged in, and each row's index in ``people``."""
    people = [dict(item) for item in data.get("people", [])]
    index = {str(item["id"]): i for i, item in enumerate(people)}
    at: dict[int, int] = {}
    for number, row in rows:
        if row["id"] in index:
            person = people[index[row["id"]]]
            for key, value in row.items():
                person[key] = {**(person.get(key) or {}), **value} if isinstance(value, dict) else value
        else:
            index[row["id"]] = len(people)
            people.append(dict(row))
        at[index[row["id"]]] = number
    return {**data, "people": people}, at


def _row_problems(data: dict, rows: list[tuple[int, dict]], name: str, lang: str) -> dict[int, list[Problem]]:
    """Every problem the merged account would have, charged to the row that causes it."""
    merged, at = _merged(data, rows)
    by_row = dict(rows)
    problems: dict[int, list[Problem]] = {}
    for index, number in at.items():
        try:
            Person.model_validate(merged["people"][index])
        except ValidationError:
            # Checked as a one-person account, so the wording is the loader's; references are checked below.
            alone = {key: value for key, value in merged["people"][index].items() if key not in _REFERENCE_KINDS}
            try:
                from_data({"id": "row", "name": "row", "people": [alone]}, name=name, lang=lang)
            except AccountError as error:
                who = _who(number, by_row[number], lang)
                problems.setdefault(number, []).extend(Problem(name, None, who, p.message, p.fix) for p in error.problems)
    for path, message, fix in account_findings(merged, lang):
        if len(path) > 1 and path[0] == "people" and path[1] in at:
            number = at[path[1]]
            problems.setdefault(number, []).append(Problem(name, None, _who(number, by_row[number], lang), message, fix))
    return problems


def import_people(
    source: str | os.PathLike, account: str | os.PathLike, *, skip_bad: bool = False, lang: str | None = None
) -> dict:
    """Merge the people of a spreadsheet into an account file: new ids added, existing ids updated.

    Empty cells leave a field as it is. Returns ``{"added": [ids], "updated": [ids],
    "skipped": [{"row", "problems": [...]}]}``. Raises :class:`~chainmap.errors.AccountError`
    naming every bad row, with nothing written, unless ``skip_bad``.
    """
    from .edit import merge_people

    lang = check_lang(lang)
    name = str(source)
    data = to_data(load(account, lang=lang))
    table = read_table(source, lang=lang)
    if not table:
        raise AccountError([Problem(name, None, ROW(lang, row=1), EMPTY_TABLE(lang), EMPTY_TABLE_FIX(lang))])
    fields, header_problems = _columns(table[0], name, lang)
    if header_problems:
        raise AccountError(header_problems)
    rows, problems = _rows_to_people(table[1:], fields, data, name, lang)
    good = [(number, row) for number, row in rows if number not in problems]
    while True:
        # A skipped row can leave another row's boss missing: check again until nothing changes.
        found = _row_problems(data, good, name, lang)
        for number, row_problems in found.items():
            problems.setdefault(number, []).extend(row_problems)
        if not found or not skip_bad:
            break
        good = [(number, row) for number, row in good if number not in found]
    if problems and not skip_bad:
        ordered = [problem for number in sorted(problems) for problem in problems[number]]
        error = AccountError(ordered)
        error.args = (f"{error}\n{NOT_WRITTEN(lang, account=account)}",)
        raise error
    result = merge_people(account, [row for _, row in good], lang=lang) if good else {"added": [], "updated": []}
    result["skipped"] = [{"row": number, "problems": [str(p) for p in problems[number]]} for number in sorted(problems)]
    return result


def _label(value: Any, lang: str) -> Any:
    if isinstance(value, Choice):
        # English cells keep the file's spelling (decision_maker), so the table imports back.
        return value.label(lang) if lang == "zh" else value.value
    if isinstance(value, bool):
        return YES_NO[value](lang)
    if isinstance(value, list):
        return join(lang, [str(_label(item, lang)) for item in value])
    return value


def export_people(G: nx.MultiDiGraph, output: str | os.PathLike, *, lang: str | None = None) -> dict:
    """Write the people table (with decision power, position and champion score) and a visit sheet.

    The people come highest decision power first; both sheets have filters and
    frozen header rows. Returns ``{"output", "people"}``.
    """
    import openpyxl

    from .analysis.champions import champions
    from .analysis.power import POSITION_LABEL, analyse, who_decides
    from .graph import boss, department_of

    lang = check_lang(lang)
    if Path(output).suffix.lower() != ".xlsx":
        # openpyxl would write an Excel file under any name, and a .csv that holds one opens as junk.
        raise UsageError(NOT_XLSX(lang, name=str(output)))
    power = analyse(G)
    ranking = who_decides(G, lang=lang, power=power, reasons=False)["ranking"]
    champion_score = {item["id"]: item["score"] for item in champions(G, lang=lang, power=power, reasons=False)["candidates"]}
    workbook = openpyxl.Workbook()
    people_sheet = workbook.active
    people_sheet.title = SHEET_PEOPLE(lang)
    people_sheet.append([zh if lang == "zh" else en for _, en, zh in PEOPLE_COLUMNS])
    visits_sheet = workbook.create_sheet(SHEET_VISITS(lang))
    visits_sheet.append([VISIT_BEFORE(lang) if i == 5 else VISIT_AFTER(lang) if i == 7 else None for i in range(len(VISIT_COLUMNS))])
    visits_sheet.append([header(lang) for header in VISIT_COLUMNS])
    for item in ranking:
        here = f"person:{item['id']}"
        attrs = G.nodes[here]
        dept, up = department_of(G, here), boss(G, here)
        values = {
            "id": item["id"],
            "name": attrs["name"],
            "title": attrs.get("title"),
            "department": G.nodes[dept]["name"] if dept else None,
            "reports_to": G.nodes[up]["name"] if up else None,
            "roles": _label(attrs["roles"], lang) or None,
            "attitude": _label(attrs["attitude"], lang),
            "stage": _label(attrs["stage"], lang),
            "personality": _label(attrs["personality"], lang),
            "informed": _label(attrs["informed"], lang) if attrs.get("informed") is not None else None,
            "decision_power": item["score"],
            "position": POSITION_LABEL[item["position"]](lang),
            "champion_score": champion_score.get(item["id"]),
        }
        people_sheet.append([values[field] for field, _, _ in PEOPLE_COLUMNS])
        visits_sheet.append([None, attrs["name"], values["title"], values["department"], values["stage"]])
    _finish(people_sheet, header_rows=1, frozen_columns=2)
    visits_sheet.merge_cells(start_row=1, start_column=6, end_row=1, end_column=7)
    visits_sheet.merge_cells(start_row=1, start_column=8, end_row=1, end_column=9)
    _finish(visits_sheet, header_rows=2, frozen_columns=2)
    with replacing(output, lang=lang) as temporary:
        workbook.save(temporary)
    return {"output": str(output), "people": len(ranking)}


def _finish(sheet: Any, *, header_rows: int, frozen_columns: int) -> None:
    """Bold headers, a filter on the last header row, frozen headers and name columns, readable widths."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for row in sheet.iter_rows(min_row=1, max_row=header_rows):
        for cell in row:
            cell.font = Font(bold=True)
    last = get_column_letter(sheet.max_column)
    sheet.auto_filter.ref = f"A{header_rows}:{last}{max(sheet.max_row, header_rows)}"
    sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{header_rows + 1}"
    for index, cells in enumerate(sheet.iter_cols(min_row=header_rows), start=1):
        # A Chinese character is about two columns wide.
        width = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(cell.value)) for cell in cells if cell.value is not None), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 40)
