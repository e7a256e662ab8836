"""No unused or undefined names, no bug-prone patterns, sorted imports: ruff, with the settings in pyproject.toml."""

import subprocess
import sys

from .conftest import ROOT


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "chainmap", "tests", "tools"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
