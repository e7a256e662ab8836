"""The names ``import chainmap`` offers: each one there, importable on first use, and stable."""

import subprocess
import sys

import chainmap


def test_every_public_name_resolves():
    assert sorted(chainmap.__all__) == dir(chainmap)
    for name in chainmap.__all__:
        assert getattr(chainmap, name) is not None, name


def test_a_function_stays_a_function_after_its_module_of_the_same_name_is_imported():
    # A fresh interpreter: this process has imported chainmap.view and chainmap.overview already.
    script = (
        "import chainmap\n"
        "first = chainmap.view, chainmap.overview\n"
        "import chainmap.cli, chainmap.view.page\n"
        "print(all(callable(f) for f in first), chainmap.view is first[0], chainmap.overview is first[1])\n"
    )
    output = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert output == "True True True\n"


def test_importing_chainmap_imports_no_library():
    script = "import sys, chainmap\nprint(sorted({'networkx', 'pydantic', 'yaml', 'click'} & set(sys.modules)))\n"
    output = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert output == "[]\n"
