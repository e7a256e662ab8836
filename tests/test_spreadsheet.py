"""Spreadsheets in and out: Chinese or English headers, problems by row number, nothing written unless all is well."""

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from chainmap import cli, load, loads, to_graph
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


EXPORTED = """\
id: demo
name: 演示医院
departments:
  - {id: icu, name: 重症医学科, function: user, weight: lead}
  - {id: it, name: 信息科, function: technical, weight: support}
people:
  - {id: zhou, name: 周院长, title: 院长, roles: [决策者], attitude: 中立者, stage: 认识}
  - {id: huang, name: 黄主任, department: icu, reports_to: zhou, roles: [评估者, 使用者], attitude: 支持者, stage: 信赖, informed: true, personality: 老虎}
  - {id: xu, name: 许科长, department: it, reports_to: zhou, attitude: 中立者, stage: 未联系, informed: false}
influence:
  - {from: huang, to: zhou, strength: 5}
"""


def test_export_has_the_analyses_columns_filters_and_frozen_headers(tmp_path):
    from chainmap.analysis.champions import champions
    from chainmap.analysis.power import who_decides

    account = tmp_path / "demo.yaml"
    account.write_text(EXPORTED, encoding="utf-8")
    output = tmp_path / "people.xlsx"
    code, out, err = run("--lang", "zh", "export", str(account), "-o", str(output))
    assert (code, out, err) == (0, f"{output}：3 人，含决策力、位置和内线分；附拜访信息表\n", "")
    G = to_graph(loads(EXPORTED))
    ranking = who_decides(G)["ranking"]
    champion = {c["id"]: c["score"] for c in champions(G)["candidates"]}
    book = openpyxl.load_workbook(output)
    people, visits = book.worksheets
    assert (people.title, visits.title) == ("人员", "拜访信息")
    rows = list(people.iter_rows(values_only=True))
    assert rows[0] == ("ID", "姓名", "职务", "部门", "上级", "角色", "态度", "关系阶段", "性格", "知情", "决策力", "位置", "内线分")
    assert [row[0] for row in rows[1:]] == [item["id"] for item in ranking]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["huang"][:10] == ("huang", "黄主任", None, "重症医学科", "周院长", "评估者、使用者", "支持者", "信赖", "老虎", "是")
    assert [by_id[item["id"]][10] for item in ranking] == [item["score"] for item in ranking]
    assert by_id["zhou"][11] == "拍板人"
    assert {ident: row[12] for ident, row in by_id.items()} == {ident: champion.get(ident) for ident in by_id}
    assert (people.freeze_panes, people.auto_filter.ref) == ("C2", "A1:M4")
    visit_rows = list(visits.iter_rows(values_only=True))
    assert visit_rows[0][5] == "拜访前" and visit_rows[0][7] == "拜访后"
    assert visit_rows[1] == ("日期", "拜访对象", "职务", "部门", "当前关系阶段", "拜访目标", "要问的问题", "了解到的情况", "下一步")
    assert [row[1] for row in visit_rows[2:]] == [by_id[item["id"]][1] for item in ranking]
    assert (visits.freeze_panes, visits.auto_filter.ref) == ("C3", "A2:I5")


@pytest.mark.parametrize("name", ["people.csv", "people"])
def test_export_refuses_a_name_that_is_not_xlsx_and_writes_nothing(tmp_path, name):
    account = tmp_path / "demo.yaml"
    account.write_text(EXPORTED, encoding="utf-8")
    output = tmp_path / name
    code, out, err = run("--lang", "en", "export", str(account), "-o", str(output))
    assert (code, out, err) == (2, "", f"Error: {output}: export writes an Excel workbook: name it .xlsx\n")
    assert not output.exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_exported_table_imports_back_without_changing_the_account(tmp_path, lang):
    account = tmp_path / "demo.yaml"
    account.write_text(EXPORTED, encoding="utf-8")
    output = tmp_path / "people.xlsx"
    assert run("--lang", lang, "export", str(account), "-o", str(output))[0] == 0
    result = import_people(output, account)
    assert (result["added"], sorted(result["updated"]), result["skipped"]) == ([], ["huang", "xu", "zhou"], [])
    assert load(account) == loads(EXPORTED)
