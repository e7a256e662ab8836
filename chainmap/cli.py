"""The ``chainmap`` command: parse options, call one library function, print the result.

Only click and the light error and language modules are imported at start-up;
each command imports the library parts it needs, so ``chainmap --help`` is fast.
Every :class:`~chainmap.errors.ChainmapError` becomes ``Error: …`` lines and its
exit status in :meth:`ChainmapGroup.invoke`, the one place errors are shown.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

import click

from . import __version__
from .errors import ChainmapError
from .i18n import LANGS, Text, default_lang

FORMATS = ("table", "json", "md")
VALID = Text("{name}: ok · {departments} departments, {people} people, {edges} edges", "{name}：有效 · {departments} 个部门，{people} 人，{edges} 条边")


def echo_error(error: ChainmapError) -> None:
    for line in error.lines():
        click.echo(f"Error: {line}", err=True)


class ChainmapGroup(click.Group):
    """A click group that turns chainmap's errors into messages and exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ChainmapError as error:
            echo_error(error)
            ctx.exit(error.exit_code)


class Settings:
    def __init__(self, lang: str | None, fmt: str | None):
        self.lang = lang or default_lang()
        self.fmt = fmt or "table"


def report_options(command: Callable) -> Callable:
    """Add ``--format`` and ``--lang`` to a command; unset, they fall back to the global ones."""

    @click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output: table (default), json or md.")
    @click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of the answer: zh or en.")
    @click.pass_context
    @functools.wraps(command)
    def wrapper(ctx: click.Context, fmt: str | None, lang: str | None, **kwargs):
        settings = ctx.find_object(Settings) or Settings(None, None)
        return ctx.invoke(command, fmt=fmt or settings.fmt, lang=lang or settings.lang, **kwargs)

    return wrapper


def emit(result: dict, to_document: Callable, fmt: str, lang: str) -> None:
    """Print an analysis result as JSON (its contract), Markdown or a terminal table."""
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return
    from .report import print_document, to_markdown

    document = to_document(result, lang)
    if fmt == "md":
        click.echo(to_markdown(document))
    else:
        print_document(document)


@click.group(cls=ChainmapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(LANGS), envvar="CHAINMAP_LANG", default=None, help="Language of answers (default: CHAINMAP_LANG, then the locale).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Report format for every command: table, json or md.")
@click.version_option(__version__, "--version", prog_name="chainmap")
@click.pass_context
def main(ctx: click.Context, lang: str | None, fmt: str | None) -> None:
    """chainmap: who decides a B2B purchase, who can coach you, which departments you never reached.

    ACCOUNT is a YAML or JSON account file, or neo4j:ACCOUNT_ID for an account stored in Neo4j.
    """
    ctx.obj = Settings(lang, fmt)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.pass_obj
def validate(settings: Settings, files: tuple[str, ...]) -> None:
    """Check account files; print one line per valid file and every problem of the others."""
    from .graph import to_graph
    from .loader import load

    failed = False
    for name in files:
        try:
            account = load(name, lang=settings.lang)
        except ChainmapError as error:
            echo_error(error)
            failed = True
            continue
        edges = to_graph(account).number_of_edges()
        click.echo(VALID(settings.lang, name=name, departments=len(account.departments), people=len(account.people), edges=edges))
    if failed:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("account")
@report_options
def show(account: str, fmt: str, lang: str) -> None:
    """The account at a glance: departments as a tree with each person's role, attitude, stage and personality."""
    from .overview import overview, to_document
    from .sources import open_graph

    emit(overview(open_graph(account, lang=lang)), to_document, fmt, lang)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the schema to this file.")
def schema(output: str | None) -> None:
    """The JSON Schema of the account file, for editor completion and checks."""
    from .model import Account

    text = json.dumps(Account.model_json_schema(), ensure_ascii=False, indent=2)
    if output:
        with open(output, "w", encoding="utf-8") as out:
            out.write(text + "\n")
    else:
        click.echo(text)
