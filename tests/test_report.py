"""Printing a document: piped text, a terminal, and trees written without rich's layout."""

import io
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chainmap.report import Document, Paragraph, Table, Tree, print_document

LABELS = st.text(st.sampled_from("ab 周院长设备科-·()"), min_size=1, max_size=12).map(str.strip).filter(bool)
TREES = st.recursive(LABELS.map(Tree), lambda children: st.builds(Tree, LABELS, st.lists(children, max_size=4)), max_leaves=25)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def rich_tree_text(tree: Tree) -> str:
    """The tree as rich itself lays it out for piped text: what chainmap printed before it wrote trees itself."""
    from rich.console import Console
    from rich.tree import Tree as RichTree

    def build(node: Tree, into) -> None:
        for child in node.children:
            build(child, into.add(child.label))

    root = RichTree(tree.label)
    build(tree, root)
    console = Console(file=io.StringIO(), width=200, highlight=False, emoji=False)
    with console.capture() as captured:
        console.print(root)
    return "".join(line.rstrip() + "\n" for line in captured.get().splitlines())


@settings(max_examples=100, deadline=None)
@given(TREES)
def test_a_piped_tree_reads_as_rich_draws_it(tree):
    out = io.StringIO()
    print_document(Document("T", [tree]), out)
    assert out.getvalue() == "T\n\n" + rich_tree_text(tree)


def test_a_tree_deeper_than_the_recursion_limit_prints():
    root = node = Tree("top")
    for depth in range(3000):
        node.children.append(Tree(f"level {depth}"))
        node = node.children[0]
    out = io.StringIO()
    print_document(Document("Deep", [root]), out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 + 3001
    assert lines[-1] == " " * 4 * 2999 + "└── level 2999"


def test_a_terminal_gets_colour_and_the_same_words():
    document = Document("Map", [Paragraph("hello"), Table(["#", "name"], [["1", ("周院长", "bold red")]]), Tree(("group", "bold"), [Tree("周院长")])])
    terminal, piped = Terminal(), io.StringIO()
    print_document(document, terminal)
    print_document(document, piped)
    assert "\x1b[" in terminal.getvalue() and "\x1b[" not in piped.getvalue()
    seen = re.sub(r"\x1b\[[0-9;]*m", "", terminal.getvalue())
    for words in ("Map", "hello", "周院长", "group", "└── 周院长"):
        assert words in seen and words in piped.getvalue()
