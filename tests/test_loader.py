"""Every rule of FORMAT.md's "Rules the loader enforces", with the exact message a rep sees."""

import json
import textwrap

import pytest
from click.testing import CliRunner

from chainmap import cli
from chainmap.errors import AccountError, SourceError
from chainmap.loader import load, loads

GOOD = """\
id: demo
name: 演示医院
departments:
  - {id: equip, name: 设备科, function: 技术部门, weight: 主导}
people:
  - {id: zhou, name: 周院长, roles: [决策者]}
  - id: ma
    name: 马科长
    department: equip
    reports_to: zhou
"""


def run(path, lang="en"):
    result = CliRunner().invoke(cli.main, ["--lang", lang, "validate", path])
    return result.exit_code, result.output


def errors_of(write, text, lang="en", name="account.yaml"):
    path = write(textwrap.dedent(text), name)
    code, output = run(path, lang)
    assert code == 1, output
    return [line.replace(path, "F") for line in output.splitlines()]


def test_valid_file_gives_one_line_with_counts(write):
    path = write(GOOD)
    assert run(path) == (0, f"{path}: ok · 1 departments, 2 people, 3 edges\n")
    assert run(path, "zh") == (0, f"{path}：有效 · 1 个部门，2 人，3 条边\n")


def test_unknown_key_names_line_item_and_closest_key(write):
    assert errors_of(write, GOOD + "    reportsto: zhou\n") == [
        "Error: F:11: ma: unknown key 'reportsto' (did you mean 'reports_to'?)"
    ]


def test_unknown_key_without_close_match_lists_allowed_keys(write):
    lines = errors_of(write, GOOD.replace("function: 技术部门", "budget: 3"))
    assert lines == [
        "Error: F:4: equip: unknown key 'budget' (allowed here: extra, id, name, org, parent, function, weight, "
        "concerns; free data goes under `extra:`)"
    ]


def test_duplicate_key_is_an_error_not_an_overwrite(write):
    text = "id: demo\nname: a\nname: b\n"
    assert errors_of(write, text) == [
        "Error: F:3: demo: key 'name' is given twice (first on line 2) (keep one of them; a second value would silently replace the first)"
    ]


def test_duplicate_key_in_json(write):
    lines = errors_of(write, '{"id": "demo",\n "name": "a",\n "name": "b"}', name="a.json")
    assert lines == [
        "Error: F:3: demo: key 'name' is given twice (first on line 2) (keep one of them; a second value would silently replace the first)"
    ]


def test_duplicate_ids_within_a_kind(write):
    text = GOOD + "  - {id: ma, name: 另一个马}\n"
    assert errors_of(write, text) == [
        "Error: F:11: ma: person id 'ma' is used twice (first on line 7) (give each person its own id)"
    ]


def test_same_id_in_different_kinds_is_fine(write):
    code, _ = run(write(GOOD + "  - {id: equip, name: 同名的人}\n"))
    assert code == 0


def test_dangling_reference_suggests_the_id_or_the_name_typed(write):
    text = GOOD + "  - {id: li, name: 李, reports_to: 周院长}\n  - {id: wu, name: 吴, department: equp}\n"
    assert errors_of(write, text) == [
        "Error: F:11: li: reports_to '周院长' is not a person in this file (did you mean 'zhou'?)",
        "Error: F:12: wu: department 'equp' is not a department in this file (did you mean 'equip'?)",
    ]


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("influence:\n  - {from: zhou, to: nobody}\n", "F:12: influence[1] zhou→nobody: to 'nobody' is not a person in this file (add a person with id 'nobody' or correct the id)"),
        ("team:\n  - {id: wang, name: 王}\ncontacts:\n  - {from: li, to: ma}\n", "F:14: contacts[1] li→ma: from 'li' is not a team member in this file (add a team member with id 'li' or correct the id)"),
        ("visits:\n  - {date: 2026-01-05, met: [ma, zhao]}\n", "F:12: visit 2026-01-05: met 'zhao' is not a person in this file (did you mean 'zhou'?)"),
        ("competitors:\n  - {id: abb, name: ABB}\nvisits:\n  - {date: 2026-01-05, by: [me]}\n", "F:14: visit 2026-01-05: by 'me' is not a team member in this file (add a team member with id 'me' or correct the id)"),
    ],
)
def test_every_reference_kind_is_checked(write, extra, expected):
    assert errors_of(write, GOOD + extra) == ["Error: " + expected]


def test_favours_dotted_to_org_and_parent_are_checked(write):
    text = """\
    id: demo
    name: x
    organisations: [{id: group, name: 集团, relation: 母公司, funds_project: true}]
    departments:
      - {id: a, name: A, org: grop}
      - {id: b, name: B, parent: c}
    people:
      - {id: p, name: P, favours: abb, dotted_to: [q]}
    """
    assert errors_of(write, text) == [
        "Error: F:5: a: org 'grop' is not a organisation in this file (did you mean 'group'?)",
        "Error: F:6: b: parent 'c' is not a department in this file (add a department with id 'c' or correct the id)",
        "Error: F:8: p: dotted_to 'q' is not a person in this file (add a person with id 'q' or correct the id)",
        "Error: F:8: p: favours 'abb' is not a competitor in this file (add a competitor with id 'abb' or correct the id)",
    ]


def test_reporting_cycle_is_reported_once(write):
    text = GOOD.replace("roles: [决策者]", "reports_to: ma")
    assert errors_of(write, text) == [
        "Error: F:6: zhou: reports_to forms a cycle: zhou → ma → zhou (remove or change one reports_to in the cycle)"
    ]


def test_department_cycle_and_self_parent(write):
    text = """\
    id: demo
    name: x
    departments:
      - {id: a, name: A, parent: b}
      - {id: b, name: B, parent: a}
      - {id: c, name: C, parent: c}
    """
    assert errors_of(write, text) == [
        "Error: F:4: a: parent forms a cycle: a → b → a (remove or change one parent in the cycle)",
        "Error: F:6: c: parent forms a cycle: c → c (remove or change one parent in the cycle)",
    ]


def test_nobody_influences_themself_and_strength_is_1_to_5(write):
    text = GOOD + "influence:\n  - {from: ma, to: ma}\n  - {from: ma, to: zhou, strength: 6}\n"
    assert errors_of(write, text) == [
        "Error: F:12: influence[1] ma→ma: from/to names the item itself (nobody influences themself; name someone else)",
        "Error: F:13: influence[2] ma→zhou: strength 6 is out of range (use a whole number from 1 (slight) to 5 (decisive))",
    ]


def test_enum_values_list_what_is_allowed_in_both_languages(write):
    text = GOOD.replace("roles: [决策者]", "stage: 熟悉")
    assert errors_of(write, text) == [
        "Error: F:6: zhou: stage '熟悉' is not allowed (allowed: none 未联系, acquainted 认识, meeting 约会, trust 信赖, alliance 同盟)"
    ]
    assert errors_of(write, text, lang="zh") == [
        "Error: F:6: zhou: stage 的值 '熟悉' 不在可选范围内 (可选：none 未联系, acquainted 认识, meeting 约会, trust 信赖, alliance 同盟)"
    ]


def test_every_enum_accepts_english_chinese_and_aliases():
    account = loads(
        """\
id: demo
name: x
ownership: 民营
funding: {status: 已到位, source: 母公司}
organisations: [{id: g, name: G, relation: 关联公司}]
departments: [{id: d, name: D, function: 领导/管理层, weight: 辅助}]
people:
  - {id: a, name: A, roles: [拍板人, evaluator, 经办人], attitude: 反对者, stage: 同盟, personality: driver}
  - {id: b, name: B, personality: 变色龙, attitude: neutral, stage: meeting}
team: [{id: t, name: T, role: 售前}]
"""
    )
    person = account.people[0]
    assert [str(r) for r in person.roles] == ["decision_maker", "evaluator", "handler"]
    assert (person.attitude, person.stage, person.personality) == ("opponent", "alliance", "tiger")
    assert (account.ownership, account.funding.status, account.funding.source) == ("private", "allocated", "parent")
    assert (account.departments[0].function, account.departments[0].weight) == ("management", "support")
    assert account.team[0].role == "presales"


def test_missing_required_keys_and_wrong_types(write):
    text = """\
    id: demo
    people:
      - {name: 无名}
      - {id: b, name: B, roles: 决策者, informed: maybe}
    visits:
      - {date: 2026-02-30}
    """
    assert errors_of(write, text) == [
        "Error: F:1: demo: name is missing (add `name: …`)",
        "Error: F:3: people[1]: id is missing (add `id: …`)",
        "Error: F:4: b: roles '决策者' is not a list (write one `- item` per line, or [a, b])",
        "Error: F:4: b: informed 'maybe' is not true or false (Input should be a valid boolean, unable to interpret input)",
        "Error: F:6: visit 2026-02-30: date '2026-02-30' is not an ISO date such as 2026-03-15 (write the date as YYYY-MM-DD)",
    ]


def test_account_id_must_be_a_slug(write):
    assert errors_of(write, "id: 演示\nname: x\n") == [
        "Error: F:1: 演示: id '演示' is not allowed (use lowercase letters, digits, '-' and '_', starting with a letter or digit)"
    ]


def test_all_problems_of_a_file_are_reported_together(write):
    text = GOOD + "    attitude: 好\n  - {id: ma, name: x}\ninfluence:\n  - {from: ghost, to: zhou}\n"
    lines = errors_of(write, text)
    assert len(lines) == 3
    assert [line.split(": ")[1] for line in lines] == ["F:11", "F:12", "F:14"]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("", "Error: F: file: the file is empty (an account needs at least `id:` and `name:`)"),
        ("   \n# only a comment\n", "Error: F: file: the file is empty (an account needs at least `id:` and `name:`)"),
        ("- a\n- b\n", "Error: F:1: account: the file holds a list, not an account mapping (start the file with `id:` and `name:` lines)"),
        ("id: demo\nname: [unclosed\n", "Error: F:3: file: YAML syntax error: did not find expected ',' or ']' (check indentation, colons and quotes on this line and the one before)"),
        ("id: a\nname: b\n---\nid: c\nname: d\n", "Error: F:4: file: the file holds several YAML documents (keep one account per file; remove the extra `---`)"),
    ],
)
def test_broken_files_never_give_a_traceback(write, content, expected):
    path = write(content)
    code, output = run(path)
    assert (code, output.replace(path, "F").splitlines()) == (1, [expected])


def test_json_syntax_error_names_the_line(write):
    path = write('{"id": "demo",\n "name": }\n', "a.json")
    code, output = run(path)
    assert (code, output.replace(path, "F")) == (1, "Error: F:2: file: JSON syntax error: Expecting value (check indentation, colons and quotes on this line and the one before)\n")


def test_binary_junk_and_bad_encoding(tmp_path):
    binary = tmp_path / "junk.yaml"
    binary.write_bytes(b"id: x\n\x00\x01\x02PNG")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("id: x\nname: caf\xe9\n".encode("latin-1"))
    for path, line in ((binary, 2), (latin, 2)):
        code, output = run(str(path))
        assert (code, output) == (1, f"Error: {path}:{line}: file: not a text file: it holds binary data (an account file is YAML or JSON text in UTF-8)\n")


def test_missing_file_and_folder(tmp_path):
    assert run(str(tmp_path / "nope.yaml")) == (1, f"Error: {tmp_path / 'nope.yaml'}: no such file (check the path)\n")
    assert run(str(tmp_path)) == (1, f"Error: {tmp_path}: is a folder, not an account file (name a .yaml or .json file)\n")


def test_validate_many_files_reports_each_and_fails_if_any_fails(write, tmp_path):
    good = write(GOOD, "good.yaml")
    bad = write("id: x\n", "bad.yaml")
    result = CliRunner().invoke(cli.main, ["--lang", "en", "validate", good, bad])
    assert result.exit_code == 1
    assert result.output == f"{good}: ok · 1 departments, 2 people, 3 edges\nError: {bad}:1: x: name is missing (add `name: …`)\n"


def test_json_and_yaml_give_the_same_account(write):
    yaml_account = load(write(GOOD))
    json_path = write(json.dumps(yaml_account.model_dump(mode="json", by_alias=True)), "a.json")
    assert load(json_path) == yaml_account
    assert loads(json.dumps(yaml_account.model_dump(mode="json", by_alias=True))) == yaml_account


def test_library_raises_the_same_problems_as_the_cli(write):
    path = write(GOOD + "    reportsto: zhou\n")
    with pytest.raises(AccountError) as caught:
        load(path)
    assert [p.line for p in caught.value.problems] == [11]
    with pytest.raises(SourceError):
        load(path + ".missing")


def test_yaml_null_forms_and_quoted_tilde():
    account = loads("id: a\nname: '~'\nindustry: ~\npeople: [{id: p, name: P, title: null}]\n")
    assert (account.name, account.industry, account.people[0].title) == ("~", None, None)


def test_numbers_used_as_ids_and_names_are_text():
    account = loads("id: a\nname: 2024\npeople: [{id: 7, name: 王}, {id: 8, name: 李, reports_to: 7}]\n")
    assert account.name == "2024"
    assert account.people[1].reports_to == "7"


def test_a_cycle_at_the_top_of_a_long_reporting_chain_is_found_once():
    # 20,000 people, each reporting to the one above; the top two report to each other.
    people = [{"id": f"p{i}", "name": f"P{i}", "reports_to": f"p{i - 1}"} for i in range(1, 20_000)]
    people.insert(0, {"id": "p0", "name": "P0", "reports_to": "p1"})
    people.reverse()  # the bottom first: the first walk goes up the whole chain
    with pytest.raises(AccountError) as caught:
        loads(json.dumps({"id": "a", "name": "A", "people": people}), fmt="json")
    assert [problem.message for problem in caught.value.problems] == ["reports_to forms a cycle: p1 → p0 → p1"]
