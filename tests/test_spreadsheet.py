"""Spreadsheets in and out: Chinese or English headers, problems by row number, nothing written unless all is well."""

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from chainmap import cli, load
from chainmap.spreadsheet import column, import_people, read_table

ACCOUNT = """\
# imported into
id: demo
name: 演示医院
departments:
  - {id: icu, name: 重症医学科}
  - {id: it, name: 信息科}
people:
  - id: zhou
    name: 周院长
    roles: [决策者]
  - id: huang
    name: 黄主任
    department: icu
    reports_to: zhou
    attitude: 中立者
team: [{id: chen, name: 陈磊}]
contacts: [{from: chen, to: huang, stage: 约会}]
"""

CHINESE_HEADERS = ["ID", "姓名", "职务", "部门", "上级", "态度", "关系阶段", "性格", "角色"]


@pytest.fixture
def account(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(ACCOUNT, encoding="utf-8")
    return path


def workbook(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, ["--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


def test_headers_in_either_language():
    assert [column(h) for h in CHINESE_HEADERS] == ["id", "name", "title", "department", "reports_to", "attitude", "stage", "personality", "roles"]
    assert [column(h) for h in ["Name", "Reports To", "reports-to", " STAGE ", "phone", "微信"]] == ["name", "reports_to", "reports_to", "stage", "contact.phone", "contact.wechat"]
    # The analyses' columns of an exported table are known and skipped on import.
    assert (column("决策力"), column("Decision power"), column("职物")) == ("-", "-", None)


def test_good_rows_add_new_people_and_update_existing_ones(tmp_path, account):
    sheet = workbook(
        tmp_path / "people.xlsx",
        [
            CHINESE_HEADERS,
            [None, "黄主任", None, None, None, "支持者", "信赖", "老虎", "发起者，评估者"],
            ["ma", "马超", "主治医师", "重症医学科", "黄主任", "中立者", "认识", None, "使用者"],
            [7, "王工", "工程师", "it", "ma", None, None, "owl", None],
        ],
    )
    code, out, err = run("import", str(sheet), "--into", str(account))
    assert (code, out, err) == (0, f"{account}: 2 people added, 1 updated from {sheet}\n", "")
    result = load(account)
    huang = result.person("huang")
    assert (huang.attitude, huang.stage, huang.personality, huang.roles) == ("supporter", "trust", "tiger", ["initiator", "evaluator"])
    # Empty cells change nothing: huang keeps his department and boss.
    assert (huang.department, huang.reports_to) == ("icu", "zhou")
    ma = result.person("ma")
    assert (ma.title, ma.department, ma.reports_to, ma.stage, ma.roles) == ("主治医师", "icu", "huang", "acquainted", ["user"])
    assert (result.person("7").name, result.person("7").reports_to, result.person("7").personality) == ("王工", "ma", "owl")
    text = account.read_text(encoding="utf-8")
    assert text.startswith("# imported into\n") and "team: [{id: chen, name: 陈磊}]\n" in text


def test_counts_of_added_and_updated(tmp_path, account):
    sheet = workbook(tmp_path / "p.xlsx", [["姓名", "态度"], ["黄主任", "支持者"], ["新人", "中立者"]])
    assert import_people(sheet, account) == {"added": ["新人"], "updated": ["huang"], "skipped": []}


def test_bad_rows_are_named_by_row_and_nothing_is_written(tmp_path, account):
    sheet = workbook(
        tmp_path / "people.xlsx",
        [
            CHINESE_HEADERS,
            ["ma", "马超", None, "重症医学科", "黄主任", "支持", "认识", None, None],
            [],
            ["li", "李四", None, "财务科", "nobody", None, "约会", None, "拍板人"],
            ["ma", "马超二", None, None, None, None, None, None, None],
            ["wu", "吴五", None, None, None, None, None, None, "boss"],
        ],
    )
    code, out, err = run("import", str(sheet), "--into", str(account))
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {sheet}: row 2 (马超): attitude '支持' is not allowed (allowed: supporter 支持者, neutral 中立者, opponent 反对者, unknown 未知)\n"
        f"Error: {sheet}: row 4 (李四): department '财务科' is not a department in this file (add a department with id '财务科' or correct the id)\n"
        f"Error: {sheet}: row 4 (李四): reports_to 'nobody' is not a person in this file (add a person with id 'nobody' or correct the id)\n"
        f"Error: {sheet}: row 5 (马超二): id 'ma' is also on row 2 (one row per person)\n"
        f"Error: {sheet}: row 6 (吴五): roles 'boss' is not allowed (allowed: initiator 发起者, designer 设计者, decision_maker 决策者, user 使用者, evaluator 评估者, approver 审批者, handler 经办人)\n"
        f"Error: {account} was not changed; fix the rows above, or add --skip-bad to import only the good rows\n"
    )
    assert account.read_text(encoding="utf-8") == ACCOUNT


def test_skip_bad_imports_the_good_rows_and_drops_rows_that_lean_on_bad_ones(tmp_path, account):
    sheet = workbook(
        tmp_path / "people.xlsx",
        [
            ["id", "name", "reports to", "attitude"],
            ["ma", "Ma", "huang", "supporter"],
            ["li", "Li", "huang", "friendly"],
            ["wu", "Wu", "li", "neutral"],
        ],
    )
    code, out, err = run("import", str(sheet), "--into", str(account), "--skip-bad")
    assert (code, out) == (0, f"{account}: 1 people added, 0 updated from {sheet}\n")
    assert err == (
        f"  skipped {sheet}: row 3 (Li): attitude 'friendly' is not allowed (allowed: supporter 支持者, neutral 中立者, opponent 反对者, unknown 未知)\n"
        f"  skipped {sheet}: row 4 (Wu): reports_to 'li' is not a person in this file (add a person with id 'li' or correct the id)\n"
    )
    assert [p.id for p in load(account).people] == ["zhou", "huang", "ma"]


def test_unknown_headers_stop_the_import_with_a_suggestion(tmp_path, account):
    sheet = workbook(tmp_path / "people.xlsx", [["姓名", "职物", "Attitud"], ["马超", "医师", "supporter"]])
    code, _, err = run("import", str(sheet), "--into", str(account))
    assert code == 1
    assert err == (
        f"Error: {sheet}: header row 1: column '职物' is not known (did you mean '职务'?)\n"
        f"Error: {sheet}: header row 1: column 'Attitud' is not known (did you mean 'attitude'?)\n"
    )


def test_a_name_shared_by_two_people_must_be_written_as_an_id(tmp_path, account):
    account.write_text(ACCOUNT.replace("    attitude: 中立者\n", "    attitude: 中立者\n  - {id: huang2, name: 黄主任}\n"), encoding="utf-8")
    sheet = workbook(tmp_path / "p.xlsx", [["id", "姓名", "上级"], ["ma", "马超", "黄主任"]])
    code, _, err = run("import", str(sheet), "--into", str(account))
    assert code == 1
    assert err.splitlines()[0] == f"Error: {sheet}: row 2 (马超): reports_to '黄主任' names several: huang, huang2 (write the id instead of the name)"


def test_csv_from_excel_in_gbk_and_in_utf8_with_bom(tmp_path, account):
    text = "姓名,部门,关系阶段,知情,电话\n马超,重症医学科,约会,是,13800001111\n"
    for encoding in ("gb18030", "utf-8-sig"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        assert read_table(path) == [(1, ["姓名", "部门", "关系阶段", "知情", "电话"]), (2, ["马超", "重症医学科", "约会", "是", "13800001111"])]
    import_people(tmp_path / "gb18030.csv", account)
    ma = load(account).person("马超")
    assert (ma.department, ma.stage, ma.informed, ma.contact) == ("icu", "meeting", True, {"phone": "13800001111"})


def test_not_a_spreadsheet(tmp_path, account):
    (tmp_path / "people.txt").write_text("x", encoding="utf-8")
    (tmp_path / "broken.xlsx").write_text("not a zip", encoding="utf-8")
    assert run("import", str(tmp_path / "people.txt"), "--into", str(account)) == (2, "", f"Error: {tmp_path / 'people.txt'}: not a spreadsheet chainmap reads (use .xlsx or .csv)\n")
    code, _, err = run("import", str(tmp_path / "broken.xlsx"), "--into", str(account))
    assert code == 1 and err.startswith(f"Error: {tmp_path / 'broken.xlsx'}: not a spreadsheet chainmap reads (")
    assert account.read_text(encoding="utf-8") == ACCOUNT
