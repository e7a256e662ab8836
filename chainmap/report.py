"""A small document model that every command's table and Markdown output share.

Analyses return plain data (the JSON contract); each one also says how that data
reads as a :class:`Document`. The CLI then prints the document as a terminal
table (rich, coloured on a terminal only) or as Markdown for reports.

>>> doc = Document("Who decides", [Table(["#", "name"], [["1", "周院长"]])])
>>> print(to_markdown(doc))
# Who decides
<BLANKLINE>
| # | name |
|---|---|
| 1 | 周院长 |
<BLANKLINE>
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import IO, Union

__all__ = ["Document", "Table", "Bullets", "Paragraph", "Tree", "Heading", "Cell", "to_markdown", "print_document"]

# A cell is its text, or (text, rich style) when colour helps a reader on a terminal.
Cell = Union[str, tuple[str, str]]


@dataclass
class Heading:
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]]


@dataclass
class Bullets:
    items: list[Cell]


@dataclass
class Tree:
    label: Cell
    children: list["Tree"] = field(default_factory=list)


Block = Union[Heading, Paragraph, Table, Bullets, Tree]


@dataclass
class Document:
    title: str
    blocks: list[Block]


def _text(cell: Cell) -> str:
    return cell[0] if isinstance(cell, tuple) else cell


def _md_cell(cell: Cell) -> str:
    return _text(cell).replace("|", "\\|").replace("\n", " ")


def _md_tree(tree: Tree, depth: int) -> list[str]:
    lines = [f"{'  ' * depth}- {_text(tree.label)}"]
    for child in tree.children:
        lines += _md_tree(child, depth + 1)
    return lines


def to_markdown(doc: Document) -> str:
    """The document as GitHub-flavoured Markdown."""
    out = [f"# {doc.title}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"## {block.text}", ""]
        elif isinstance(block, Paragraph):
            out += [block.text, ""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(_md_cell(c) for c in block.columns) + " |")
            out.append("|" + "---|" * len(block.columns))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, Bullets):
            out += [f"- {_text(item)}" for item in block.items] + [""]
        elif isinstance(block, Tree):
            out += _md_tree(block, 0) + [""]
    return "\n".join(out)


def _rich_text(cell: Cell):
    from rich.text import Text

    # Text objects, never markup strings: a name like "[red]x" must print as itself.
    return Text(cell[0], style=cell[1]) if isinstance(cell, tuple) else Text(cell)


def _rich_tree(tree: Tree, into) -> None:
    for child in tree.children:
        _rich_tree(child, into.add(_rich_text(child.label)))


def _plain_tree(tree: Tree) -> list[str]:
    """The tree as lines of text, each under its parent with the guides rich draws (├── │ └──)."""

    def below(node: Tree, prefix: str) -> list[tuple[Tree, str, bool]]:
        # Reversed, so that popping the stack visits the first child first.
        return [(child, prefix, index == len(node.children) - 1) for index, child in enumerate(node.children)][::-1]

    lines = [_text(tree.label)]
    # A stack, not recursion: a department tree may be deeper than Python's recursion limit.
    stack = below(tree, "")
    while stack:
        node, prefix, last = stack.pop()
        lines.append(prefix + ("└── " if last else "├── ") + _text(node.label))
        stack += below(node, prefix + ("    " if last else "│   "))
    return lines


def print_document(doc: Document, file: IO[str] | None = None) -> None:
    """Print the document for a terminal; plain text (no colour codes) when piped."""
    from rich.console import Console

    file = file or sys.stdout
    terminal = file.isatty()
    console = Console(file=file, width=None if terminal else 200, highlight=False, emoji=False)
    if terminal:
        console.print(_rich_text((doc.title, "bold")))
        for block in doc.blocks:
            console.print()
            _print_block(block, console, terminal)
        return
    # Piped output is plain text: no colour codes and no padding at line ends. A tree is written as plain lines
    # with rich's guides, not laid out by rich (about a millisecond a line: 20 s for 100,000 people).
    with console.capture() as captured:
        console.print(_rich_text((doc.title, "bold")))
    parts = [captured.get()]
    for block in doc.blocks:
        if isinstance(block, Tree):
            parts.append("\n" + "\n".join(_plain_tree(block)) + "\n")
            continue
        with console.capture() as captured:
            console.print()
            _print_block(block, console, terminal)
        parts.append(captured.get())
    file.write("".join(line.rstrip() + "\n" for line in "".join(parts).splitlines()))


def _print_block(block: Block, console, terminal: bool) -> None:
    from rich import box
    from rich.table import Table as RichTable
    from rich.tree import Tree as RichTree

    if isinstance(block, Heading):
        console.print(_rich_text((block.text, "bold underline")))
    elif isinstance(block, Paragraph):
        console.print(_rich_text(block.text))
    elif isinstance(block, Table):
        table = RichTable(box=box.SIMPLE_HEAD if terminal else box.ASCII2, pad_edge=False, show_edge=False)
        for column in block.columns:
            table.add_column(_rich_text(column), overflow="fold")
        for row in block.rows:
            table.add_row(*map(_rich_text, row))
        console.print(table)
    elif isinstance(block, Bullets):
        for item in block.items:
            console.print(_rich_text("• ") + _rich_text(item))
    elif isinstance(block, Tree):
        root = RichTree(_rich_text(block.label), guide_style="dim")
        _rich_tree(block, root)
        console.print(root)
