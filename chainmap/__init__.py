"""chainmap: decision-chain maps for B2B key-account sales.

Load an account, turn it into a graph, and ask it questions::

    import chainmap
    account = chainmap.load("samples/hospital.yaml")
    G = chainmap.to_graph(account)

Names are imported on first use, so ``chainmap --help`` stays fast.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "Account": "chainmap.model",
    "load": "chainmap.loader",
    "loads": "chainmap.loader",
    "dump": "chainmap.loader",
    "dumps": "chainmap.loader",
    "from_data": "chainmap.loader",
    "to_data": "chainmap.loader",
    "to_graph": "chainmap.graph",
    "from_graph": "chainmap.graph",
    "open_account": "chainmap.sources",
    "open_graph": "chainmap.sources",
    "overview": "chainmap.overview",
    "view": "chainmap.view",
    "load_portfolio": "chainmap.portfolio",
    "review": "chainmap.portfolio",
    "to_frame": "chainmap.portfolio",
    "Portfolio": "chainmap.portfolio",
    "ChainmapError": "chainmap.errors",
    "AccountError": "chainmap.errors",
    "SourceError": "chainmap.errors",
    "NotFoundError": "chainmap.errors",
    "UsageError": "chainmap.errors",
    "BackendError": "chainmap.errors",
    "MissingExtraError": "chainmap.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        # Kept here, so the next use skips this hook; it also replaces the submodule that
        # importing chainmap.view or chainmap.overview has just set under the same name.
        globals()[name] = value
        return value
    raise AttributeError(f"module 'chainmap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
