"""The wheel that `pip install .` builds carries everything chainmap reads at run time."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_of_the_source_tree(destination):
    """The files git knows, as a fresh clone would have them: a build left in ROOT (an editable
    install's egg-info) remembers files from earlier builds and would hide a missing rule."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    for name in filter(None, listed.split("\0")):
        source, target = ROOT / name, destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        elif source.is_file():
            shutil.copy2(source, target)
    return destination


def test_wheel_carries_the_cypher_statements_and_the_page_assets(tmp_path):
    tree = copy_of_the_source_tree(tmp_path / "tree")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(tree)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("chainmap-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    statements = {f"chainmap/cypher/{path.name}" for path in (ROOT / "cypher").glob("*.cypher")}
    assert statements and statements <= names
    assert {"chainmap/view/page.html", "chainmap/view/page.js", "chainmap/view/page.css"} <= names
