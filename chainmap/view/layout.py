"""Positions for the page, computed in Python so the browser never has to run physics.

A page with physics on takes minutes to settle at 1,000 nodes; with positions
given and physics off it is drawn in about two seconds (see PERF-FACTS.md).
The layout is deterministic: same input, same positions.

``blocks`` packs groups (departments, or a company's department tree) into rows
of boxes; inside a box, items stand in rows by their depth in the reporting line.
The force layout starts from these positions too (see :mod:`chainmap.view.page`).

>>> blocks([["a", "b"], ["c"]], {"b": "a"})
{'a': (0, 0), 'b': (0, 90), 'c': (260, 0)}
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

__all__ = ["blocks", "title_width", "CELL"]

# Room for one person and their name.
CELL = (130, 90)
# Room between department boxes for their frame and name.
GAP_X, GAP_Y = 130, 140


def _rows(group: Sequence[str], boss: dict[str, str]) -> list[list[str]]:
    """The people of one group in rows: one row per depth in the group's own reporting forest, long rows wrapped."""
    inside = set(group)
    under: dict[str, list[str]] = {}
    roots = []
    for who in group:
        if boss.get(who) in inside:
            under.setdefault(boss[who], []).append(who)
        else:
            roots.append(who)
    levels: list[list[str]] = []
    stack = [(who, 0) for who in reversed(roots)]
    seen: set[str] = set()
    while stack:
        who, depth = stack.pop()
        if who in seen:
            continue
        seen.add(who)
        while len(levels) <= depth:
            levels.append([])
        levels[depth].append(who)
        stack += [(child, depth + 1) for child in reversed(under.get(who, []))]
    width = max(4, math.ceil(math.sqrt(len(group)) * 1.5))
    return [level[start : start + width] for level in levels for start in range(0, len(level), width)]


def title_width(title: str) -> int:
    """About how wide ``title`` is drawn in the page's 15 px bold frame titles: wide (CJK) characters take twice the room.

    >>> title_width("IT"), title_width("信息科")
    (18, 45)
    """
    return round(sum(15 if unicodedata.east_asian_width(char) in "WF" else 9 for char in title))


def blocks(
    groups: Sequence[Sequence[str]], boss: dict[str, str], *, cell: tuple[int, int] = CELL, titles: Sequence[str] | None = None
) -> dict[str, tuple[int, int]]:
    """Place each group in its own box, boxes packed left to right in rows of about a square's width.

    ``boss`` maps a node to the node it reports to; only ties inside a group shape its box.
    A box is at least as wide as its title (``titles[i]`` for ``groups[i]``), so titles never overlap.
    """
    cell_w, cell_h = cell
    boxes = [_rows(group, boss) for group in groups]
    sizes = [(max(len(row) for row in rows) * cell_w, len(rows) * cell_h) for rows in boxes]
    sizes = [(max(w, title_width(title)), h) for (w, h), title in zip(sizes, titles or [""] * len(groups))]
    area = sum((w + GAP_X) * (h + GAP_Y) for w, h in sizes)
    line_width = max(max((w for w, _ in sizes), default=0), math.sqrt(area) * 1.6)
    positions: dict[str, tuple[int, int]] = {}
    x = y = line_height = 0
    for rows, (w, h) in zip(boxes, sizes):
        if x and x + w > line_width:
            x, y, line_height = 0, y + line_height + GAP_Y, 0
        for r, row in enumerate(rows):
            for c, who in enumerate(row):
                positions[who] = (x + c * cell_w, y + r * cell_h)
        x += w + GAP_X
        line_height = max(line_height, h)
    return positions
