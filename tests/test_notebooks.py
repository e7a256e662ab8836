"""The notebooks run top to bottom with a real kernel on the samples, and are committed without outputs."""

import json
import shutil
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
NAMES = ("portfolio_review.ipynb", "account_deep_dive.ipynb")
# One cell may take this long on a busy 2-core machine; only a hang trips it.
CELL_TIMEOUT = 600
# The notebooks' settings, and a backend choice (MPLBACKEND=Agg on CI) that would keep charts out of the notebook.
SETTINGS = ("CHAINMAP_PORTFOLIO", "CHAINMAP_ACCOUNT", "CHAINMAP_LANG", "NEO4J_URI", "MPLBACKEND")


def run(name: str, *, first: tuple[str, ...] = (), last: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    """Execute a notebook as Jupyter would (working folder notebooks/, kernel "python3"); any cell error raises.

    ``first`` and ``last`` are code cells run before and after the notebook's own.
    """
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    new = nbformat.v4.new_code_cell
    nb.cells = [*map(new, first), *nb.cells, *map(new, last)]
    NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return nb


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [output for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs]


def text(nb: nbformat.NotebookNode, stream: str = "stdout") -> str:
    return "".join(output["text"] for output in outputs(nb) if output["output_type"] == "stream" and output["name"] == stream)


def rich(nb: nbformat.NotebookNode, mime: str) -> list[str]:
    return [output["data"][mime] for output in outputs(nb) if mime in output.get("data", {})]


@pytest.fixture
def settings(monkeypatch):
    """A clean environment for the kernel, which inherits ours: the notebooks' defaults, English."""
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CHAINMAP_LANG", "en")
    return monkeypatch


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebooks_carry_no_outputs(name):
    raw = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    nbformat.validate(nbformat.reads(json.dumps(raw), as_version=4))
    code = [cell for cell in raw["cells"] if cell["cell_type"] == "code"]
    assert code, "a notebook without code cells"
    dirty = [cell["id"] for cell in code if cell["outputs"] or cell["execution_count"] is not None]
    assert dirty == [], f"{name}: clear the outputs and execution counts of cells {dirty}"
    assert raw["metadata"]["kernelspec"]["name"] == "python3"


def test_portfolio_review_runs_on_the_samples(settings):
    nb = run("portfolio_review.ipynb", last=("import sys, chainmap; print('kernel:', sys.prefix, chainmap.__file__)",))
    out = text(nb)
    # The kernel is this interpreter's environment, and it imports this checkout of chainmap.
    assert f"kernel: {sys.prefix} {ROOT / 'chainmap' / '__init__.py'}" in out
    assert f"portfolio: {ROOT / 'samples'} · language: en" in out
    assert f"{len(list((ROOT / 'samples').glob('*.yaml')))} accounts read" in out
    assert "no declared decider (no_decider_known):" in out
    assert len(rich(nb, "image/png")) == 2  # coverage, attitude mix
    assert any("<table" in page and "risk" in page for page in rich(nb, "text/html"))  # the risk table
    assert any('<iframe srcdoc="&lt;!DOCTYPE html&gt;' in page for page in rich(nb, "text/html"))
    # Whatever fonts the machine has, no chart draws a name as empty boxes.
    assert "missing from font" not in text(nb, "stderr")


def test_portfolio_review_reports_a_bad_file_and_goes_on(settings, tmp_path):
    for sample in sorted((ROOT / "samples").glob("*.yaml"))[:2]:
        shutil.copy(sample, tmp_path)
    (tmp_path / "broken.yaml").write_text("id: broken\nname: Broken\npeople:\n  - {id: li, name: Li, attitude: friendly}\n")
    settings.setenv("CHAINMAP_PORTFOLIO", str(tmp_path))
    settings.setenv("CHAINMAP_LANG", "zh")
    nb = run("portfolio_review.ipynb")
    assert "读到 2 个客户\n1 个无法读取：\n" in text(nb)
    assert f"  {tmp_path}/broken.yaml:4: li: " in text(nb)
    assert "missing from font" not in text(nb, "stderr")


# A machine without any font that has Chinese glyphs: matplotlib no longer sees ours.
WITHOUT_CJK_FONTS = """
from matplotlib import font_manager
from chainmap.portfolio import CJK_FONTS
font_manager.fontManager.ttflist = [entry for entry in font_manager.fontManager.ttflist if entry.name not in CJK_FONTS]
"""


@pytest.mark.parametrize("name", NAMES)
def test_without_a_chinese_font_charts_use_ids(settings, name):
    nb = run(name, first=(WITHOUT_CJK_FONTS,))
    assert "chart font: none with Chinese glyphs: charts use " in text(nb)
    assert rich(nb, "image/png")
    assert "missing from font" not in text(nb, "stderr")


def test_account_deep_dive_runs_on_a_sample(settings):
    nb = run("account_deep_dive.ipynb")
    out = text(nb)
    assert out.startswith("江州市第一人民医院")
    assert len(rich(nb, "image/png")) == 1  # the factors of the most powerful people
    markdown = "\n".join(rich(nb, "text/markdown"))
    assert "**Without " in markdown and "# Pre-visit brief" in markdown
    assert any('<iframe srcdoc="&lt;!DOCTYPE html&gt;' in page for page in rich(nb, "text/html"))
    assert "missing from font" not in text(nb, "stderr")


def test_account_deep_dive_reads_the_account_from_the_environment(settings):
    settings.setenv("CHAINMAP_ACCOUNT", str(ROOT / "samples" / "research_institute_en.yaml"))
    settings.setenv("CHAINMAP_LANG", "zh")
    nb = run("account_deep_dive.ipynb")
    assert text(nb).startswith("Northbridge University - ICLS GPU cluster (northbridge-icls-hpc) · language: zh · chart font: ")
    assert "# 拜访前简报 —— Northbridge University - ICLS GPU cluster" in "\n".join(rich(nb, "text/markdown"))
