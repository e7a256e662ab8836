from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
REALDATA = ROOT.parent / "shared" / "realdata"


@pytest.fixture
def write(tmp_path):
    """Write text to a file in a temporary folder and return its path as a string."""

    def write(text: str, name: str = "account.yaml") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


# Real organisations as committed account files (built by tools/realdata_accounts.py from ../shared/realdata).
REALDATA_ACCOUNTS = ROOT / "tests" / "data" / "realdata"


def realdata(name: str) -> dict:
    """The committed account ``name`` (krackhardt, lazega, thurman) as plain data, to change before building a graph."""
    from chainmap import load
    from chainmap.loader import to_data

    return to_data(load(REALDATA_ACCOUNTS / f"{name}.yaml"))
