"""The benchmark keeps working: run it end to end at a tiny size (no timed assertions)."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent / "benchmarks" / "bench.py"
ANALYSES = ("who-decides", "champions", "untouched", "gaps", "view")


def test_benchmark_prints_a_table_for_each_size_and_names_missing_analyses():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--people", "30", "60", "--cold-runs", "1"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Machine: ")
    assert "| step | 30 people | 60 people |" in lines
    rows = {line.split(" | ")[0].strip("| *"): line for line in lines if line.startswith("| ")}
    for step in ("load + validate, JSON", "load + validate, YAML", "graph build (networkx)", "peak memory (ru_maxrss, JSON path)"):
        assert rows[step].count(" | ") == 2 and "—" not in rows[step], rows[step]
    assert "× floor)" in rows["load + validate, JSON"]
    for command in ("`chainmap --help`", "`chainmap --version`", "floor:** `python -c 'import click'`"):
        assert rows[command].count(" | ") == 2 and "not available" not in rows[command], rows[command]
    missing = lines[-1].removeprefix("Analyses missing when this ran: ").rstrip(".").split(", ")
    for analysis in ANALYSES:
        # Each analysis is either timed at both sizes or named as missing.
        assert (analysis in missing) == ("missing" in rows[analysis]), rows[analysis]
