"""chainmap diff on real edits: who joined or left, stance moves, links, and a changed decider or champion."""

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from chainmap import cli, load, loads
from chainmap.analysis.diff import changes, to_document
from chainmap.edit import add_item, log_visit, remove_item, set_fields
from chainmap.report import to_markdown

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# One decider, one possible champion (huang), one opponent: the answers of the analyses are not in doubt.
ORG = """\
id: demo
name: Demo
departments:
  - {id: icu, name: ICU, function: user, weight: lead}
people:
  - {id: zhou, name: Zhou, roles: [decision_maker], attitude: neutral, stage: acquainted}
  - {id: huang, name: Huang, department: icu, reports_to: zhou, attitude: supporter, stage: trust, informed: true}
  - {id: pan, name: Pan, reports_to: zhou, attitude: opponent, stage: acquainted}
influence:
  - {from: huang, to: zhou, strength: 4}
team: [{id: chen, name: Chen}]
contacts: [{from: chen, to: huang, stage: trust}]
"""


@pytest.fixture
def account(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(ORG, encoding="utf-8")
    return path


def test_no_change_says_so():
    result = changes(loads(ORG), loads(ORG))
    assert result["joined"] == result["left"] == result["moves"] == result["changes"] == result["visits"] == []
    assert result["decider"] == {"old": {"id": "zhou", "name": "Zhou"}, "new": {"id": "zhou", "name": "Zhou"}, "changed": False}
    assert result["champion"]["changed"] is False and result["champion"]["new"]["id"] == "huang"
    assert to_markdown(to_document(result, "en")) == (
        "# What changed in Demo\n\nThe decider is still Zhou (zhou).\n\nThe best champion is still Huang (huang).\n\nNo changes.\n"
    )


def test_edits_show_up_as_joins_moves_links_and_visits(account):
    old = load(account)
    add_item(account, "person", {"id": "ma", "name": "Ma", "department": "icu", "reports_to": "huang"})
    set_fields(account, "pan", {"attitude": "neutral", "stage": "none", "title": "Head of anaesthesia"})
    set_fields(account, "zhou", {"stage": "约会"})
    remove_item(account, "influence", "huang->zhou")
    add_item(account, "influence", {"from": "ma", "to": "huang", "strength": "2"})
    add_item(account, "contact", {"from": "chen", "to": "pan", "stage": "acquainted"})
    log_visit(account, met=["ma"], departments=["icu"], notes="first demo", by=["chen"], date=dt.date(2026, 6, 1))
    result = changes(old, load(account))
    assert result["joined"] == [{"id": "ma", "name": "Ma", "title": None, "department": "icu"}]
    assert result["left"] == []
    assert result["moves"] == [
        {"id": "zhou", "name": "Zhou", "field": "stage", "old": "acquainted", "new": "meeting", "direction": "up"},
        {"id": "pan", "name": "Pan", "field": "attitude", "old": "opponent", "new": "neutral", "direction": "up"},
        {"id": "pan", "name": "Pan", "field": "stage", "old": "acquainted", "new": "none", "direction": "down"},
    ]
    assert result["changes"] == [{"id": "pan", "name": "Pan", "field": "title", "old": None, "new": "Head of anaesthesia"}]
    assert result["influence"] == {
        "added": [{"from": "ma", "to": "huang", "strength": 2}],
        "removed": [{"from": "huang", "to": "zhou", "strength": 4}],
        "changed": [],
    }
    assert result["contacts"]["added"] == [{"from": "chen", "to": "pan", "stage": "acquainted"}]
    assert result["visits"] == [{"date": "2026-06-01", "by": ["chen"], "met": ["ma"], "departments": ["icu"], "notes": "first demo"}]
    assert result["decider"]["changed"] is False


def test_a_new_decider_and_a_lost_champion(account):
    old = load(account)
    set_fields(account, "zhou", {"roles": ""})
    set_fields(account, "pan", {"roles": "决策者", "attitude": "中立者"})
    set_fields(account, "huang", {"attitude": "反对者"})
    result = changes(old, load(account))
    assert result["decider"] == {"old": {"id": "zhou", "name": "Zhou"}, "new": {"id": "pan", "name": "Pan"}, "changed": True}
    # An opponent is never a champion: huang's turn ends his candidacy.
    assert result["champion"]["old"] == {"id": "huang", "name": "Huang"} and result["champion"]["changed"] is True
    assert result["champion"]["new"] is None or result["champion"]["new"]["id"] != "huang"
    text = to_markdown(to_document(result, "zh"))
    assert "拍板人变了：Zhou (zhou) → Pan (pan)" in text and "最佳内线人选变了：Huang (huang) → " in text
    assert "| Huang (huang) | 态度 | 支持者 | 反对者 | 变差 |" in text


def test_who_left_and_json_output(account):
    old_text = account.read_text(encoding="utf-8")
    remove_item(account, "person", "pan")
    result = CliRunner().invoke(cli.main, ["diff", "-", str(account), "--format", "json"], input=old_text)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["left"] == [{"id": "pan", "name": "Pan", "title": None, "department": None}]
    assert data["account"] == "demo" and data["joined"] == []


def test_diff_reads_git_show_output(tmp_path, account):
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "demo.yaml"], check=True)
    subprocess.run([*git, "commit", "-qm", "first"], check=True)
    CliRunner().invoke(cli.main, ["set", str(account), "pan", "stage=meeting"])
    before = subprocess.run([*git, "show", "HEAD:demo.yaml"], check=True, capture_output=True, text=True).stdout
    result = CliRunner().invoke(cli.main, ["diff", "-", str(account), "--format", "md", "--lang", "en"], input=before)
    assert result.exit_code == 0
    assert "| Pan (pan) | stage | acquainted | meeting | better |" in result.stdout


def test_only_one_side_can_be_stdin():
    result = CliRunner().invoke(cli.main, ["--lang", "en", "diff", "-", "-"], input=ORG)
    assert (result.exit_code, result.stderr) == (2, "Error: only one of OLD and NEW can be '-' (standard input)\n")


def test_a_broken_old_version_is_reported_like_any_account(account):
    result = CliRunner().invoke(cli.main, ["--lang", "en", "diff", "-", str(account)], input="id: demo\nname: [\n")
    assert result.exit_code == 1 and result.stderr.startswith("Error: <stdin>:")


def test_diff_of_a_real_edit_of_the_hospital_sample(tmp_path):
    path = tmp_path / "hospital.yaml"
    shutil.copy(SAMPLES / "hospital.yaml", path)
    old = load(path)
    champion = changes(old, old)["champion"]["new"]
    set_fields(path, champion["id"], {"attitude": "反对者"})
    log_visit(path, met=["liu_shuji"], departments=[], notes="党委书记第一次见面")
    result = changes(old, load(path))
    assert {(m["id"], m["field"], m["direction"]) for m in result["moves"]} == {(champion["id"], "attitude", "down"), ("liu_shuji", "stage", "up")}
    assert result["champion"]["changed"] is True and result["champion"]["old"] == champion
    assert result["decider"]["changed"] is False
