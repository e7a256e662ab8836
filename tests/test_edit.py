"""Editing account files: comments and layout survive, bad values and crashes never break a file, edits don't get lost."""

import difflib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from chainmap import cli, load
from chainmap.edit import add_item, parse_assignments, remove_item, set_fields
from chainmap.errors import AccountError, NotFoundError, UsageError

from .strategies import TEXT

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

COMMENTED = """\
# Demo hospital: the header comment stays.
id: demo
name: 演示医院
funding:
  status: 已批   # approved in March
  source: 财政

departments:
  - id: icu
    name: ICU
    weight: lead
  - id: it
    name: 信息科

people:
  # —— leaders ——
  - id: zhou
    name: 周院长
    roles: [决策者]
    attitude: 中立者   # cautious
    stage: 认识
  # —— ICU ——
  - id: huang
    name: 黄主任
    department: icu
    reports_to: zhou
    concerns:
      - 护理记录手写
      - "床位翻倍"
  - id: ma
    name: 马超
    department: icu
    reports_to: huang
    stage: 未联系

influence:
  - from: huang
    to: zhou
    strength: 5   # decisive
team:
  - {id: chen, name: 陈磊, role: sales}
contacts:
  - from: chen
    to: huang
    stage: 约会
visits:
  - date: 2026-03-12
    by: [chen]
    met: [huang]
    notes: 临床交流
"""


@pytest.fixture
def account(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, ["--lang", "en", *args])
    return result.exit_code, result.stdout, result.stderr


def test_set_changes_only_the_values_named(account):
    code, out, err = run("set", str(account), "zhou", "attitude=支持者", "stage=约会", "roles=决策者,审批者")
    assert (code, out, err) == (0, f"{account}: 周院长 (zhou): attitude, stage, roles updated\n", "")
    expected = COMMENTED.replace(
        "    roles: [决策者]\n    attitude: 中立者   # cautious\n    stage: 认识\n",
        "    roles: [决策者, 审批者]\n    attitude: 支持者   # cautious\n    stage: 约会\n",
    )
    assert account.read_text(encoding="utf-8") == expected


def test_a_new_key_goes_after_the_item_before_the_blank_line(account):
    set_fields(account, "ma", parse_assignments(["informed=否", "contact.phone=138 0000 1111", "title=主治医师"]))
    expected = COMMENTED.replace(
        "    stage: 未联系\n\ninfluence:",
        "    stage: 未联系\n    informed: false\n    contact:\n      phone: 138 0000 1111\n    title: 主治医师\n\ninfluence:",
    )
    assert account.read_text(encoding="utf-8") == expected


def test_an_empty_value_removes_the_key(account):
    set_fields(account, "ma", {"stage": "", "department": ""})
    expected = COMMENTED.replace("    department: icu\n    reports_to: huang\n    stage: 未联系\n\n", "    reports_to: huang\n\n")
    assert account.read_text(encoding="utf-8") == expected


def test_add_appends_after_the_last_item_and_types_values(account):
    code, out, _ = run("add", "person", str(account), "id=li", "name=李工", "department=it", "roles=评估者", "informed=true")
    assert (code, out) == (0, f"{account}: added person li\n")
    code, out, _ = run("add", "influence", str(account), "from=li", "to=huang", "strength=4", "note=技术上听他的")
    assert (code, out) == (0, f"{account}: added influence li->huang\n")
    expected = COMMENTED.replace(
        "    stage: 未联系\n\ninfluence:",
        "    stage: 未联系\n  - id: li\n    name: 李工\n    department: it\n    roles: [评估者]\n    informed: true\n\ninfluence:",
    ).replace(
        "    strength: 5   # decisive\n",
        "    strength: 5   # decisive\n  - from: li\n    to: huang\n    strength: 4\n    note: 技术上听他的\n",
    )
    assert account.read_text(encoding="utf-8") == expected


def test_add_makes_a_missing_section_at_the_end(account):
    add_item(account, "competitor", {"id": "rival", "name": "欧维斯", "note": "incumbent"})
    assert account.read_text(encoding="utf-8") == COMMENTED + "competitors:\n  - id: rival\n    name: 欧维斯\n    note: incumbent\n"


def test_add_refuses_an_id_that_exists(account):
    code, _, err = run("add", "person", str(account), "id=ma", "name=另一个马")
    assert (code, err) == (2, f"Error: {account}: person 'ma' already exists; change it with `chainmap set`\n")
    assert account.read_text(encoding="utf-8") == COMMENTED


@pytest.mark.parametrize(
    "values, message",
    [
        (["atitude=支持者"], "{f}: ma: unknown key 'atitude' (did you mean 'attitude'?)"),
        (["stage=约"], "{f}: ma: stage '约' is not allowed (allowed: none 未联系, acquainted 认识, meeting 约会, trust 信赖, alliance 同盟)"),
        (["reports_to=huong"], "{f}: ma: reports_to 'huong' is not a person in this file (did you mean 'huang'?)"),
        (["reports_to=ma"], "{f}: ma: reports_to forms a cycle: ma → ma (remove or change one reports_to in the cycle)"),
    ],
)
def test_a_bad_value_is_reported_like_the_loader_and_nothing_is_written(account, values, message):
    code, out, err = run("set", str(account), "ma", *values)
    assert code == 1 and out == ""
    assert err == "Error: " + message.format(f=account) + f"\nError: {account} was not changed\n"
    assert account.read_text(encoding="utf-8") == COMMENTED


def test_an_unknown_person_gets_the_closest_id(account):
    with pytest.raises(NotFoundError, match=r"no person 'mao' \(did you mean 'ma'\?\)"):
        set_fields(account, "mao", {"stage": "认识"}, lang="en")


def test_a_missing_file_is_reported_and_no_lock_file_appears(tmp_path):
    code, _, err = run("set", str(tmp_path / "nope.yaml"), "ma", "stage=认识")
    assert (code, err) == (1, f"Error: {tmp_path / 'nope.yaml'}: no such file (check the path)\n")
    assert list(tmp_path.iterdir()) == []


def test_not_key_value_is_a_usage_error(account):
    code, _, err = run("set", str(account), "ma", "stage")
    assert (code, err) == (2, "Error: expected key=value, got 'stage'\n")


def test_remove_refuses_to_leave_dangling_references(account):
    code, out, err = run("remove", "person", str(account), "huang")
    assert code == 2 and out == ""
    assert err == (
        f"Error: {account}: person 'huang' is still named by: person ma (reports_to), influence huang->zhou (from), "
        "contact chen->huang (to), visit 2026-03-12 (met); "
        "add --reassign OTHER_ID to point them at someone else, or --cascade to drop them\n"
    )
    assert account.read_text(encoding="utf-8") == COMMENTED


def test_remove_with_reassign_points_references_at_the_other_but_keeps_visit_history(account):
    code, out, _ = run("remove", "person", str(account), "huang", "--reassign", "zhou")
    assert code == 0
    assert out == (
        f"{account}: removed person huang\n"
        "  now pointing at zhou: person ma (reports_to), contact chen->huang (to)\n"
        "  dropped: influence huang->zhou (from), visit 2026-03-12 (met)\n"
    )
    result = load(account)
    assert [p.id for p in result.people] == ["zhou", "ma"]
    assert result.person("ma").reports_to == "zhou"
    assert result.influence == [] and result.contacts[0].target == "zhou" and result.visits[0].met == []
    text = account.read_text(encoding="utf-8")
    assert "  # —— ICU ——\n  - id: ma\n" in text and "# Demo hospital: the header comment stays.\n" in text


def test_remove_with_cascade_drops_links_and_clears_references(account):
    remove_item(account, "person", "huang", cascade=True)
    result = load(account)
    assert result.person("ma").reports_to is None
    assert result.influence == [] and result.contacts == []


def test_remove_a_link_by_from_and_to(account):
    code, out, _ = run("remove", "influence", str(account), "huang->zhou")
    assert (code, out) == (0, f"{account}: removed influence huang->zhou\n")
    assert load(account).influence == []
    assert "team:\n  - {id: chen, name: 陈磊, role: sales}\n" in account.read_text(encoding="utf-8")


def test_visit_logs_and_raises_the_people_met(account):
    code, out, _ = run("visit", str(account), "--met", "ma,zhou", "--dept", "icu", "--note", "术后监护需求", "--date", "2026-05-06", "--by", "chen")
    assert code == 0
    assert out == f"{account}: visit of 2026-05-06 logged\n  now acquainted: 马超 (ma)\n"
    text = account.read_text(encoding="utf-8")
    # The file writes stages in Chinese, so the raised stage is Chinese too; zhou was already past it.
    assert "    reports_to: huang\n    stage: 认识\n" in text and "    stage: 认识\n  # —— ICU ——" in text
    assert text.endswith(
        "    notes: 临床交流\n  - date: 2026-05-06\n    by: [chen]\n    met: [ma, zhou]\n    departments: [icu]\n    notes: 术后监护需求\n"
    )


def test_visit_with_an_unknown_person_changes_nothing(account):
    code, _, err = run("visit", str(account), "--met", "mao")
    assert (code, err) == (1, f"Error: {account}: no person 'mao' (did you mean 'ma'?)\n")
    assert account.read_text(encoding="utf-8") == COMMENTED


def test_json_keeps_key_order_and_indent(tmp_path):
    path = tmp_path / "demo.json"
    data = {"name": "Demo", "id": "demo", "people": [{"name": "Zhou", "id": "zhou", "stage": "none"}]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=4) + "\n", encoding="utf-8")
    set_fields(path, "zhou", {"stage": "meeting", "informed": "yes"})
    add_item(path, "person", {"id": "ma", "name": "马", "reports_to": "zhou"})
    data["people"][0].update(stage="meeting", informed=True)
    data["people"].append({"id": "ma", "name": "马", "reports_to": "zhou"})
    assert path.read_text(encoding="utf-8") == json.dumps(data, ensure_ascii=False, indent=4) + "\n"


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_an_edit_of_a_sample_touches_only_that_person(tmp_path, sample):
    path = tmp_path / sample.name
    shutil.copy(sample, path)
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    person = load(path).people[-1]
    set_fields(path, person.id, {"attitude": "supporter", "notes": "seen at the 2026 fair"})
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(before) if line.strip().startswith("- id:") and line.strip()[5:].strip(" '\"") == person.id)
    # The last person's lines end where the next top-level key begins.
    end = next(i for i in range(start + 1, len(before)) if before[i][0] not in " \n#")
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag != "equal":
            assert start < i1 <= end and i2 <= end
    assert [line for line in before if line.lstrip().startswith("#")] == [line for line in after if line.lstrip().startswith("#")]
    edited = load(path).person(person.id)
    assert (edited.attitude, edited.notes) == ("supporter", "seen at the 2026 fair")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=TEXT, title=TEXT)
def test_any_text_a_rep_types_reads_back_as_typed(tmp_path, notes, title):
    path = tmp_path / "demo.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    set_fields(path, "ma", parse_assignments([f"notes={notes}", f"title={title}"]))
    person = load(path).person("ma")
    # Blank text removes the key; everything else must come back as typed (YAML's yes, ~, #, quotes included).
    assert (person.notes, person.title) == (notes.strip() or None, title.strip() or None)
    assert "# Demo hospital: the header comment stays.\n" in path.read_text(encoding="utf-8")


EDITOR = textwrap.dedent(
    """\
    import sys
    from chainmap.edit import set_fields
    path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for i in range(count):
        set_fields(path, f"{prefix}{i}", {"stage": "认识", "notes": f"edited by {prefix}"})
    """
)


def test_two_processes_editing_at_once_both_land(tmp_path):
    count = 12
    people = "".join(f"  - id: {p}{i}\n    name: {p}{i}\n" for p in "ab" for i in range(count))
    path = tmp_path / "busy.yaml"
    path.write_text(f"# shared\nid: busy\nname: Busy\npeople:\n{people}", encoding="utf-8")
    editors = [subprocess.Popen([sys.executable, "-c", EDITOR, str(path), prefix, str(count)]) for prefix in "ab"]
    assert [editor.wait(timeout=300) for editor in editors] == [0, 0]
    result = load(path)
    assert [(p.id, p.stage, p.notes) for p in result.people] == [(f"{p}{i}", "acquainted", f"edited by {p}") for p in "ab" for i in range(count)]
    assert path.read_text(encoding="utf-8").startswith("# shared\n")


KILLED_WRITER = textwrap.dedent(
    """\
    import os, signal, sys
    from chainmap.edit import set_fields
    # Die the hard way after the new text is in the temporary file and before the rename.
    os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
    set_fields(sys.argv[1], "ma", {"stage": "信赖"})
    """
)


def test_a_write_killed_midway_leaves_the_old_file_whole(account):
    writer = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(account)], timeout=120)
    assert writer.returncode == -signal.SIGKILL
    assert account.read_text(encoding="utf-8") == COMMENTED
    assert load(account).person("ma").stage == "none"
    leftovers = [p.name for p in account.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1
    # The dead process's lock went with it; the next edit works and sweeps the leftover away.
    set_fields(account, "ma", {"stage": "信赖"})
    assert load(account).person("ma").stage == "trust"
    assert [p.name for p in account.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_the_file_mode_survives_and_a_refused_edit_keeps_the_last_good_version(account):
    account.chmod(0o640)
    set_fields(account, "ma", {"stage": "约会"})
    assert os.stat(account).st_mode & 0o777 == 0o640
    with pytest.raises(AccountError):
        set_fields(account, "ma", {"strength": "9"})
    assert load(account).person("ma").stage == "meeting"


def test_parse_assignments_rejects_a_key_twice():
    with pytest.raises(UsageError, match="key 'stage' is given twice"):
        parse_assignments(["stage=认识", "stage=约会"], lang="en")
