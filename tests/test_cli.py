"""The CLI around the foundation: show, schema, global options, start-up, samples, README and CI."""

import json
import re
import subprocess
import sys

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from chainmap import __version__, cli

from .conftest import ROOT, SAMPLES

TINY = """\
id: tiny
name: 小厂
industry: 机械
ownership: 民营
funding: {status: 已批, source: 自有}
departments:
  - {id: office, name: 总经办, function: 领导/管理层, weight: 主导}
  - {id: tech, name: 技术部, function: 技术部门, weight: 辅助, parent: office}
people:
  - {id: wang, name: 王总, title: 总经理, department: office, roles: [决策者], attitude: 中立者, personality: 老虎}
  - {id: li, name: 李工, title: 工程师, department: tech, reports_to: wang, attitude: 支持者, stage: 信赖}
  - {id: x, name: "[red]外人</b>"}
"""


def invoke(*args, env=None):
    return CliRunner().invoke(cli.main, list(args), env=env)


def test_show_in_chinese(write):
    result = invoke("--lang", "zh", "show", write(TINY))
    assert result.exit_code == 0
    assert result.output == """\
小厂 (tiny)

3 人，2 个部门 · 行业：机械 · 所有制：民营 · 资金：已批 / 自有

小厂
└── 总经办 [领导/管理层 · 主导]
    ├── 王总（总经理） · 决策者 · 中立者 · 未联系 · 老虎
    └── 技术部 [技术部门 · 辅助]
        └── 李工（工程师） · 支持者 · 信赖 · 性格未知

（未分部门）
└── [red]外人</b> · 态度未知 · 未联系 · 性格未知
"""


def test_show_in_english_markdown_with_command_options(write):
    result = invoke("show", write(TINY), "--lang", "en", "--format", "md")
    assert result.exit_code == 0
    assert result.output == """\
# 小厂 (tiny)

3 people in 2 departments · industry: 机械 · ownership: private · funding: approved / self

- 小厂
  - 总经办 [management · lead]
    - 王总 (总经理) · decision maker · neutral · none · tiger
    - 技术部 [technical · support]
      - 李工 (工程师) · supporter · trust · personality unknown

- (no department)
  - [red]外人</b> · attitude unknown · none · personality unknown

"""


def test_show_json_is_plain_data(write):
    result = invoke("--format", "json", "show", write(TINY))
    data = json.loads(result.output)
    office = data["organisations"][0]["departments"][0]
    assert (office["id"], [p["id"] for p in office["people"]], office["departments"][0]["id"]) == ("office", ["wang"], "tech")
    assert data["unassigned"][0]["name"] == "[red]外人</b>"


def test_lang_from_environment_and_command_option_wins(write):
    path = write(TINY)
    assert invoke("show", path, env={"CHAINMAP_LANG": "zh"}).output.startswith("小厂 (tiny)\n\n3 人")
    assert invoke("show", path, "--lang", "en", env={"CHAINMAP_LANG": "zh"}).output.startswith("小厂 (tiny)\n\n3 people")


def test_bad_usage_exits_2_and_bad_data_exits_1(write):
    assert invoke("show", write(TINY), "--format", "xml").exit_code == 2
    assert invoke("frobnicate").exit_code == 2
    result = invoke("show", write("id: x\n"))
    assert (result.exit_code, "Traceback" in result.output) == (1, False)


def test_version_and_short_help():
    assert invoke("--version").output == f"chainmap, version {__version__}\n"
    assert invoke("-h").output.startswith("Usage: chainmap [OPTIONS] COMMAND [ARGS]...")


def test_help_imports_no_heavy_module():
    code = "import sys; from chainmap.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\nprint(sorted(sys.modules))"
    modules = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    for heavy in ("pyvis", "neo4j", "pandas", "scipy", "numpy", "networkx", "pydantic", "yaml", "rich", "openpyxl"):
        assert f"'{heavy}'" not in modules, heavy


def test_schema_checks_every_sample_and_rejects_typos(tmp_path):
    out = tmp_path / "schema.json"
    assert invoke("schema", "-o", str(out)).exit_code == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert schema == json.loads(invoke("schema").output)
    validator = jsonschema.Draft202012Validator(schema)
    for sample in SAMPLES:
        data = json.loads(json.dumps(yaml.safe_load(sample.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(data)) == [], sample.name
    typo = {"id": "x", "name": "x", "people": [{"id": "a", "name": "A", "reportsto": "b", "stage": "熟悉"}]}
    assert len(list(validator.iter_errors(typo))) == 2


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_validates(sample):
    result = invoke("validate", str(sample))
    assert result.exit_code == 0, result.output
    people = len(yaml.safe_load(sample.read_text(encoding="utf-8"))["people"])
    assert 10 <= people <= 60 or people >= 300


def test_samples_tell_their_situation_and_cover_the_brief():
    headers = {s.name: s.read_text(encoding="utf-8").split("\nid:")[0] for s in SAMPLES}
    assert all(header.startswith("#") and header.count("\n") >= 3 for header in headers.values())
    assert any(re.search(r"[A-Za-z]{4,} [A-Za-z]{4,}", h) and not re.search(r"[\u4e00-\u9fff]", h) for h in headers.values())
    assert max(len(yaml.safe_load(s.read_text(encoding="utf-8"))["people"]) for s in SAMPLES) >= 300


def test_readme_opens_with_the_two_commands_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert blocks[0].startswith("pip install . && chainmap who-decides samples/")
    assert blocks[1] == "bash tests/run.sh"
    assert "bash tests/run.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    sample = blocks[0].split()[-1]
    assert (ROOT / sample).exists()


@pytest.mark.parametrize("command, rows, total", [("who-decides", "ranking", 310), ("champions", "candidates", 307)])
def test_a_long_table_shows_twenty_rows_and_says_how_many_more(command, rows, total):
    steel = str(ROOT / "samples" / "steel_group_large.yaml")
    runner = CliRunner()
    table = runner.invoke(cli.main, ["--lang", "en", command, steel, "--format", "md"])
    assert table.exit_code == 0
    assert table.output.endswith(f"… and {total - 20} more: --top N lists more, --format json lists everyone\n")
    assert len([line for line in table.output.splitlines() if re.match(r"^\| \d+ \|", line)]) == 20
    asked = runner.invoke(cli.main, ["--lang", "en", command, steel, "--format", "md", "--top", "25"])
    assert "more: --top N" not in asked.output
    assert len([line for line in asked.output.splitlines() if re.match(r"^\| \d+ \|", line)]) == 25
    everyone = json.loads(runner.invoke(cli.main, [command, steel, "--format", "json"]).output)
    assert (len(everyone[rows]), everyone["total"]) == (total, total)
    few = json.loads(runner.invoke(cli.main, [command, steel, "--format", "json", "--top", "5"]).output)
    assert (len(few[rows]), few["total"]) == (5, total)


@pytest.mark.parametrize("command, rows, total", [("untouched", "departments", 30), ("path", "routes", 21)])
def test_a_long_terminal_table_of_untouched_or_path_is_cut_at_twenty_rows_below_the_table(command, rows, total):
    steel = str(ROOT / "samples" / "steel_group_large.yaml")
    runner = CliRunner()
    table = runner.invoke(cli.main, ["--lang", "en", command, steel])
    assert table.exit_code == 0
    lines = table.output.splitlines()
    numbered = [int(line.split("|")[0]) for line in lines if re.match(r"^\d+ +\|", line)]
    said = {30: "… and 10 more rows: --format md or --format json lists them all", 21: "… and 1 more row: --format md or --format json lists it"}
    more = lines.index(said[total])
    # The first table stops at row 20 and the line follows it (untouched: the people's table comes after).
    assert numbered[:21] == [*range(1, 21), *([1] if command == "untouched" else [])]
    assert all(not re.match(r"^(2[1-9]|30) +\|", line) for line in lines[:more])
    markdown = runner.invoke(cli.main, ["--lang", "en", command, steel, "--format", "md"]).output
    assert "more rows" not in markdown
    assert len(json.loads(runner.invoke(cli.main, [command, steel, "--format", "json"]).output)[rows]) == total


def test_show_prints_a_department_tree_deeper_than_the_recursion_limit(write):
    depth = 1500
    departments = [{"id": f"d{i}", "name": f"D{i}", **({"parent": f"d{i - 1}"} if i else {})} for i in range(depth)]
    people = [{"id": "p", "name": "Deepest", "department": f"d{depth - 1}"}]
    result = invoke("--lang", "en", "show", write(json.dumps({"id": "deep", "name": "Deep", "departments": departments, "people": people}), "deep.json"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-2] == " " * 4 * (depth - 1) + "└── D1499 [other · unknown]"
    assert lines[-1] == " " * 4 * depth + "└── Deepest · attitude unknown · none · personality unknown"
    as_json = invoke("--lang", "en", "show", "--format", "json", write(json.dumps({"id": "deep", "name": "Deep", "departments": departments}), "deep.json"))
    assert (as_json.exit_code, as_json.output) == (
        1,
        "Error: the answer nests too deeply for JSON (a department tree hundreds of levels deep): use --format md or table\n",
    )
