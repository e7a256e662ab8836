"""Where accounts come from: a file path, or ``neo4j:ACCOUNT_ID`` for the Neo4j store.

Every command that reads an account goes through :func:`open_account`, so a
file and a Neo4j account give the same results.
"""

from __future__ import annotations

import networkx as nx

from .graph import to_graph
from .loader import load
from .model import Account

__all__ = ["open_account", "open_graph", "NEO4J_PREFIX"]

NEO4J_PREFIX = "neo4j:"


def open_account(source: str, *, lang: str | None = None) -> Account:
    """The account at ``source``: a YAML/JSON file path or ``neo4j:ACCOUNT_ID``."""
    if source.startswith(NEO4J_PREFIX):
        from .neo4j_store import fetch_account

        return fetch_account(source[len(NEO4J_PREFIX) :], lang=lang)
    return load(source, lang=lang)


def open_graph(source: str, *, lang: str | None = None) -> nx.MultiDiGraph:
    """The graph of the account at ``source`` (see :func:`open_account`)."""
    return to_graph(open_account(source, lang=lang))
