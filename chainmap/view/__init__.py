"""The interactive map: one self-contained HTML page that works offline in a customer's lobby.

People are coloured by attitude, sized by decision power, bordered by relationship
stage and marked when they decide, sway the decision or could coach us;
departments are frames, the untouched ones red and dashed. Above
:data:`~chainmap.view.content.MAX_PEOPLE` people the page shows one node per
department; ``focus`` opens one department or one person's neighbourhood.

>>> from chainmap.loader import loads
>>> page = view(loads("id: d\\nname: D\\npeople: [{id: li, name: Li}]"))
>>> page.html.startswith("<!DOCTYPE html>"), "cdn" in page.html
(True, False)
"""

from __future__ import annotations

import html
import sys
import types
from pathlib import Path

import networkx as nx

from ..errors import SourceError
from ..i18n import Text, check_lang
from ..model import Account

__all__ = ["view", "View"]

CANNOT_WRITE = Text("cannot write {path}: {reason}", "无法写入 {path}：{reason}")
# Height of the inline frame in a notebook; the page fills whatever it is given.
NOTEBOOK_HEIGHT = 640


class View:
    """A rendered page: ``save(path)`` writes it, Jupyter shows it inline."""

    def __init__(self, page: str, lang: str):
        self.html = page
        self.lang = lang

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (one file, nothing beside it) and return the path."""
        target = Path(path)
        try:
            target.write_text(self.html, encoding="utf-8")
        except OSError as error:
            raise SourceError(CANNOT_WRITE(self.lang, path=target, reason=error.strerror or error)) from None
        return target

    def _repr_html_(self) -> str:
        # srcdoc keeps the page's script and ids apart from the notebook's own.
        return f'<iframe srcdoc="{html.escape(self.html, quote=True)}" style="width: 100%; height: {NOTEBOOK_HEIGHT}px; border: 0"></iframe>'


def view(account: Account | nx.MultiDiGraph | str, *, focus: str | None = None, layout: str = "hierarchy", lang: str = "en") -> View:
    """The map of ``account`` (an :class:`~chainmap.model.Account`, its graph, or a source such as a file path).

    ``focus`` is a department or person id; ``layout`` is ``hierarchy`` (departments
    as boxes, reporting lines top-down) or ``force`` (a seeded spring layout).
    """
    from ..graph import to_graph
    from ..sources import open_graph

    from .content import scene
    from .page import render

    lang = check_lang(lang)

    G = open_graph(account, lang=lang) if isinstance(account, str) else account if isinstance(account, nx.MultiDiGraph) else to_graph(account)
    return View(render(scene(G, focus=focus, layout=layout, lang=lang), G.graph, lang), lang)


class _CallableModule(types.ModuleType):
    # `chainmap.view` names both this package and the function: importing the package makes the
    # attribute the package, so the package itself must behave as the function.
    def __call__(self, *args, **kwargs) -> View:
        return view(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
