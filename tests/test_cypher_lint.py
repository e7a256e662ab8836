"""Every statement in cypher/ passes Neo4j's own Cypher parser (``@neo4j-cypher/language-support``).

The linter runs in node (tools/cypher-lint, installed by tests/run.sh with ``npm ci``); loading the
parser costs seconds, so each test lints a whole folder in one process.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import ROOT

LINTER = ROOT / "tools" / "cypher-lint"
CYPHER = ROOT / "cypher"

pytestmark = [
    pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the Cypher files cannot be checked"),
    pytest.mark.skipif(
        not (LINTER / "node_modules" / "@neo4j-cypher" / "language-support").is_dir(),
        reason="@neo4j-cypher/language-support is not installed: run `npm ci` in tools/cypher-lint (tests/run.sh does)",
    ),
]


def lint(*targets) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(LINTER / "lint.mjs"), *map(str, targets)], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_every_cypher_file_passes_neo4js_parser():
    result = lint()
    count = len(list(CYPHER.glob("*.cypher")))
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{count} files checked, 0 problems\n", "")


def test_broken_statements_are_reported_with_file_line_and_column(tmp_path):
    (tmp_path / "good.cypher").write_text("// fine\nMATCH (p:Person {account: $account})\nRETURN p.id\n")
    (tmp_path / "typo.cypher").write_text("// a keyword misspelt\nMATCH (p:Person)\nRETRN p\n")
    (tmp_path / "unbound.cypher").write_text("// an undefined variable\nMATCH (p:Person)\nRETURN q\n")
    (tmp_path / "two.cypher").write_text("// two statements\nRETURN 1;\nRETURN 2\n")
    result = lint(tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "4 files checked, 4 problems"
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        f"{tmp_path}/two.cypher:1:1",
        f"{tmp_path}/typo.cypher:3:1",
        f"{tmp_path}/typo.cypher:3:6",
        f"{tmp_path}/unbound.cypher:3:8",
    ]
    assert lines[0].endswith("error: holds 2 statements; keep exactly one per file")
    assert "error: Invalid input 'RETRN'" in lines[1]
    assert lines[3].endswith("error: Variable `q` not defined")


def test_every_statement_in_cypher_has_a_header_comment_and_only_parameters():
    for path in sorted(CYPHER.glob("*.cypher")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("// "), f"{path.name}: starts without a comment saying what it does"
        assert "Parameters:" in text, f"{path.name}: the header does not list its parameters"
        assert "{" + "}" not in text and "%s" not in text, f"{path.name}: looks like a string template"
