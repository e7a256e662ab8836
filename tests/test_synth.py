"""Synthetic accounts: exact size, the same per seed, and always a valid account that survives the graph."""

import json
import os
import re
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import chainmap
from chainmap.cli import main
from chainmap.enums import Stage
from chainmap.graph import from_graph, to_graph
from chainmap.synth import save, synthetic_account


def test_same_seed_same_account_other_seed_other_account():
    assert synthetic_account(400, seed=5) == synthetic_account(400, seed=5)
    assert synthetic_account(400, seed=5) != synthetic_account(400, seed=6)


def test_same_seed_same_file_in_another_process():
    # str hashes are salted per process: the data must not depend on set or hash order.
    script = "import json, sys; from chainmap.synth import synthetic_account; print(json.dumps(synthetic_account(300, seed=9)))"
    outputs = {
        subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": salt}, capture_output=True, text=True, check=True).stdout
        for salt in ("1", "2")
    }
    assert len(outputs) == 1
    assert json.loads(outputs.pop()) == synthetic_account(300, seed=9)


def test_shape_of_a_group_company():
    data = synthetic_account(3000, seed=2)
    people = data["people"]
    assert len(people) == 3000
    assert Counter(org["relation"] for org in data["organisations"]) == {"parent": 1, "affiliate": 6}
    assert [p["title"] for p in people if not p.get("reports_to")] == ["董事长", "部长"]  # the group's chairman, the holding's head
    assert [p["title"] for p in people if "decision_maker" in p.get("roles", [])] == ["总经理"]
    assert 2.0 <= len(data["influence"]) / len(people) <= 3.0
    assert {edge["to"] for edge in data["influence"]} <= {p["id"] for p in people}
    assert {p.get("favours") for p in people} == {None, *(rival["id"] for rival in data["competitors"])}
    assert sum("dotted_to" in p for p in people) > 0
    assert {dept.get("function") for dept in data["departments"]} == {"user", "technical", "procurement", "finance", "management", "legal", "other"}


def test_influence_runs_mostly_up_the_formal_line():
    data = synthetic_account(2000, seed=4)
    boss = {p["id"]: p.get("reports_to") for p in data["people"]}
    upward = sum(boss[edge["from"]] == edge["to"] for edge in data["influence"])
    downward = sum(boss[edge["to"]] == edge["from"] for edge in data["influence"])
    assert upward > 0.3 * len(data["influence"]) > 10 * downward


def test_stage_is_the_closest_tie_of_our_team():
    data = synthetic_account(2000, seed=8)
    closest: dict[str, int] = {}
    for tie in data["contacts"]:
        closest[tie["to"]] = max(closest.get(tie["to"], 0), Stage(tie["stage"]).rank)
    assert closest
    assert {p["id"]: Stage(p.get("stage", "none")).rank for p in data["people"] if p["id"] in closest} == closest
    assert all("stage" not in p for p in data["people"] if p["id"] not in closest)


@settings(max_examples=40, deadline=None)
@given(people=st.integers(min_value=1, max_value=400), seed=st.integers(min_value=-(10**6), max_value=10**6))
def test_every_synthetic_account_is_valid_and_survives_the_graph(people, seed):
    data = synthetic_account(people, seed=seed)
    account = chainmap.from_data(data)
    assert len(account.people) == people
    assert from_graph(to_graph(account)) == account
    assert chainmap.loads(json.dumps(data, ensure_ascii=False)) == account


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_saved_file_loads_back_as_the_same_account(tmp_path, suffix):
    data = synthetic_account(500, seed=3)
    path = tmp_path / f"account{suffix}"
    save(data, path)
    assert chainmap.load(path) == chainmap.from_data(data)


def test_synth_command_writes_the_file_and_says_what_is_in_it(tmp_path):
    path = tmp_path / "group.json"
    result = CliRunner().invoke(main, ["--lang", "en", "synth", "--people", "250", "--seed", "3", "-o", str(path)])
    data = synthetic_account(250, seed=3)
    assert result.output == f"{path}: 250 people, {len(data['departments'])} departments, {len(data['influence'])} influence edges (seed 3)\n"
    assert result.exit_code == 0
    assert chainmap.load(path) == chainmap.from_data(data)


def test_synth_command_in_chinese(tmp_path):
    path = tmp_path / "group.yaml"
    result = CliRunner().invoke(main, ["--lang", "zh", "synth", "-n", "30", "-o", str(path)])
    data = synthetic_account(30, seed=0)
    assert result.output == f"{path}：30 人，{len(data['departments'])} 个部门，{len(data['influence'])} 条影响关系（种子 0）\n"
    assert result.exit_code == 0


def test_synth_command_refuses_no_people(tmp_path):
    result = CliRunner().invoke(main, ["synth", "--people", "0", "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert "Invalid value for '--people' / '-n': 0 is not in the range x>=1." in result.output


def test_synth_command_names_a_file_it_cannot_write(tmp_path):
    path = tmp_path / "missing" / "x.json"
    result = CliRunner().invoke(main, ["--lang", "en", "synth", "-n", "5", "-o", str(path)])
    assert result.output == f"Error: cannot write {path}: No such file or directory\n"
    assert result.exit_code == 2


def test_the_readme_example_of_synth_is_real_output(tmp_path, monkeypatch):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### synth") : readme.index("\n### ", readme.index("### synth") + 1)]
    block = re.findall(r"```console\n(.*?\n)```", section, re.S)[0]
    runs = re.split(r"^\$ chainmap ", block, flags=re.M)[1:]
    assert len(runs) == 2
    monkeypatch.chdir(tmp_path)
    for run in runs:
        command, _, expected = run.partition("\n")
        shown = CliRunner().invoke(main, shlex.split(command))
        assert (shown.exit_code, shown.output) == (0, expected), command
