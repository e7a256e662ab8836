"""The interactive map: one self-contained HTML page that works offline in a customer's lobby.

People are coloured by attitude, sized by decision power, bordered by relationship
stage and marked when they decide, sway the decision or could coach us;
departments are frames, the untouched ones red and dashed. Above
:data:`~chainmap.view.content.MAX_PEOPLE` people the page shows one node per
department; ``focus`` opens one department or one person's neighbourhood.

>>> from chainmap.loader import loads
>>> page = view(loads("id: d\\nname: D\\npeople: [{id: li, name: Li}, {id: ma, name: Ma}]"))
>>> page
<chainmap view: 2 people in 0 departments>
>>> page.html.startswith("<!DOCTYPE html>"), "cdn" in page.html
(True, False)
"""

from __future__ import annotations

import html
import sys
import types
from pathlib import Path

import networkx as nx

from ..files import write_text
from ..i18n import Text, check_lang
from ..model import Account

__all__ = ["view", "View"]

PEOPLE_SUMMARY = Text("{people} people in {departments} departments", "{departments} 个部门中的 {people} 人")
DEPARTMENT_SUMMARY = Text("{departments} departments of {people} people", "{people} 人的 {departments} 个部门")
# Height of the inline frame in a notebook; the page fills whatever it is given.
NOTEBOOK_HEIGHT = 640


class View:
    """A rendered page: ``save(path)`` writes it, Jupyter shows it inline."""

    def __init__(self, page: str, lang: str, *, mode: str, people: int, departments: int):
        self.html = page
        self.lang = lang
        self.mode = mode
        self.people = people
        self.departments = departments

    def summary(self) -> str:
        """What the page shows, in one line."""
        return (DEPARTMENT_SUMMARY if self.mode == "departments" else PEOPLE_SUMMARY)(self.lang, people=self.people, departments=self.departments)

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (one file, nothing beside it) and return the path."""
        target = Path(path)
        write_text(target, self.html, lang=self.lang)
        return target

    def __repr__(self) -> str:
        return f"<chainmap view: {self.summary()}>"

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
    shown = scene(G, focus=focus, layout=layout, lang=lang)
    people = len(shown["people"]) if shown["mode"] == "people" else shown["total_people"]
    return View(render(shown, G.graph, lang), lang, mode=shown["mode"], people=people, departments=len(shown["departments"]))


class _CallableModule(types.ModuleType):
    # `chainmap.view` names both this package and the function: importing the package makes the
    # attribute the package, so the package itself must behave as the function.
    def __call__(self, *args, **kwargs) -> View:
        return view(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
