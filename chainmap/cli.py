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


# A table a rep reads at a glance; --top asks for more, JSON always lists everyone.
TABLE_ROWS = 20
MORE_ROWS = Text("… and {count} more: --top N lists more, --format json lists everyone", "……另有 {count} 项：用 --top N 列出更多，--format json 列出全部")
TOO_DEEP = Text(
    "the answer nests too deeply for JSON (a department tree hundreds of levels deep): use --format md or table",
    "结果嵌套层级太深，无法输出 JSON（部门树有数百层）：请用 --format md 或 table",
)
MORE_TABLE_ROWS = (
    Text("… and 1 more row: --format md or --format json lists it", "……另有 1 行：用 --format md 或 --format json 列出全部"),
    Text("… and {count} more rows: --format md or --format json lists them all", "……另有 {count} 行：用 --format md 或 --format json 列出全部"),
)


def rows_shown(top: int | None, fmt: str) -> int | None:
    """How many rows of a ranking to ask for: ``--top``, else all for JSON and :data:`TABLE_ROWS` for a table."""
    return top or (None if fmt == "json" else TABLE_ROWS)


def emit(result: dict, to_document: Callable, fmt: str, lang: str, *, rows: str | None = None, shorten: bool = False) -> None:
    """Print an analysis result as JSON (its contract), Markdown or a terminal table.

    ``rows`` names the result's ranked list when it was cut to :data:`TABLE_ROWS`
    (see :func:`rows_shown`): the table then says how many more there are.
    ``shorten`` cuts each table of the terminal output to :data:`TABLE_ROWS` rows (Markdown keeps them all).
    """
    if fmt == "json":
        try:
            text = json.dumps(result, ensure_ascii=False, indent=2, default=str)
        except RecursionError:
            # Python's json encoder recurses once per level; only an absurdly deep department tree gets here.
            raise ChainmapError(TOO_DEEP(lang)) from None
        click.echo(text)
        return
    from .report import print_document, to_markdown

    hidden = result["total"] - len(result[rows]) if rows else 0
    document = to_document(result, lang)
    if fmt == "md":
        click.echo(to_markdown(document))
    else:
        print_document(_shortened(document, lang) if shorten else document)
    if hidden > 0:
        click.echo(MORE_ROWS(lang, count=hidden))


def _shortened(document, lang: str):
    """``document`` with each table cut to :data:`TABLE_ROWS` rows and a line saying how many more there are.

    A terminal table of thousands of rows is read by nobody, and rich takes about a millisecond a row to lay it out.
    """
    from .report import Document, Paragraph, Table

    blocks = []
    for block in document.blocks:
        hidden = len(block.rows) - TABLE_ROWS if isinstance(block, Table) else 0
        if hidden > 0:
            blocks += [Table(block.columns, block.rows[:TABLE_ROWS]), Paragraph(MORE_TABLE_ROWS[hidden != 1](lang, count=hidden))]
        else:
            blocks.append(block)
    return Document(document.title, blocks)


@click.group(name="chainmap", cls=ChainmapGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
        from .files import write_text

        write_text(output, text + "\n")
    else:
        click.echo(text)


# --- coverage: untouched, gaps, brief (issue 5) ---

TODAY_HELP = "Judge the visit log as of this date, YYYY-MM-DD (default: today)."
WROTE = Text("wrote {path}", "已写入 {path}")


@main.command()
@click.argument("account")
@report_options
def untouched(account: str, fmt: str, lang: str) -> None:
    """Departments nobody on our side has reached, who can open each, and the powerful people never contacted."""
    from .analysis.coverage import to_document, untouched
    from .sources import open_graph

    emit(untouched(open_graph(account, lang=lang), lang=lang), to_document, fmt, lang, shorten=True)


@main.command()
@click.argument("account")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help=TODAY_HELP)
@report_options
def gaps(account: str, today, fmt: str, lang: str) -> None:
    """What is missing or dangerous in the map, each with a stable code, a severity and what to do."""
    from .analysis.gaps import gaps, to_document
    from .sources import open_graph

    emit(gaps(open_graph(account, lang=lang), today=today and today.date(), lang=lang), to_document, fmt, lang, shorten=True)


@main.command()
@click.argument("account")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help=TODAY_HELP)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the brief as Markdown to this file.")
@report_options
def brief(account: str, today, output: str | None, fmt: str, lang: str) -> None:
    """A pre-visit brief: who decides, champions and guides, gaps, departments to drop by, open questions."""
    from .analysis.brief import prepare, to_document
    from .sources import open_graph

    result = prepare(open_graph(account, lang=lang), today=today and today.date(), lang=lang)
    if not output:
        emit(result, to_document, fmt, lang)
        return
    from .files import write_text
    from .report import to_markdown

    write_text(output, to_markdown(to_document(result, lang)), lang=lang)
    click.echo(WROTE(lang, path=output))


# --- synthetic accounts (issue 9) ---

SYNTH_WROTE = Text("{path}: {people} people, {departments} departments, {influence} influence edges (seed {seed})", "{path}：{people} 人，{departments} 个部门，{influence} 条影响关系（种子 {seed}）")


@main.command()
@click.option("--people", "-n", type=click.IntRange(min=1), required=True, help="How many of the customer's people.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed always gives the same account.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True, help="File to write: .json, else YAML.")
@click.pass_obj
def synth(settings: Settings, people: int, seed: int, output: str) -> None:
    """Write a realistic synthetic account (a group company with subsidiaries), for demos and benchmarks."""
    from .synth import save, synthetic_account

    data = synthetic_account(people, seed=seed)
    save(data, output, lang=settings.lang)
    counts = {"people": len(data["people"]), "departments": len(data["departments"]), "influence": len(data["influence"])}
    click.echo(SYNTH_WROTE(settings.lang, path=output, seed=seed, **counts))


VIEW_WROTE = Text("wrote {path}: {summary}", "已写入 {path}：{summary}")


@main.command("view")
@click.argument("account")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The HTML file to write (one file, works offline).")
@click.option("--focus", help="Open one department, or one person's neighbourhood (an id or a name).")
@click.option("--layout", type=click.Choice(("hierarchy", "force")), default="hierarchy", show_default=True, help="Departments as boxes, or a spring layout.")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of the page: zh or en.")
@click.pass_obj
def view_command(settings: Settings, account: str, output: str, focus: str | None, layout: str, lang: str | None) -> None:
    """An interactive map of the account as one self-contained HTML page."""
    from .view import view

    lang = lang or settings.lang
    page = view(account, focus=focus, layout=layout, lang=lang)
    click.echo(VIEW_WROTE(lang, path=page.save(output), summary=page.summary()))


EXPLAIN_WITHOUT = Text("--explain and --without do not combine: ask one question at a time", "--explain 和 --without 不能同时使用：一次问一个问题")


@main.command("who-decides")
@click.argument("account")
@click.option("--top", type=click.IntRange(min=1), default=None, help="List only the N most powerful people.")
@click.option("--explain", "explain_person", metavar="PERSON", default=None, help="Every factor of PERSON's power with its evidence (an id or a name).")
@click.option("--without", multiple=True, metavar="PERSON", help="Recompute as if PERSON (an id or a name) had left the customer (repeatable); says what changed.")
@report_options
def who_decides_command(account: str, top: int | None, explain_person: str | None, without: tuple[str, ...], fmt: str, lang: str) -> None:
    """Who really decides: everyone ranked by decision power, with the reasons behind each place."""
    from .analysis import power
    from .errors import UsageError
    from .sources import open_graph

    if explain_person and without:
        raise UsageError(EXPLAIN_WITHOUT(lang))
    G = open_graph(account, lang=lang)
    if explain_person:
        emit(power.explain(G, explain_person, lang=lang), power.explain_document, fmt, lang)
    else:
        result = power.who_decides(G, lang=lang, without=without, top=rows_shown(top, fmt))
        emit(result, power.to_document, fmt, lang, rows=None if top else "ranking")


NEO4J_PUSHED = Text("{account}: stored · {people} people, {departments} departments", "{account}：已存入 · {people} 人，{departments} 个部门")
NEO4J_UNCHANGED = Text("{account}: unchanged (Neo4j already holds this version)", "{account}：未变（Neo4j 中已是这个版本）")
NEO4J_SAME_ID = Text(
    "{first} and {second} both hold account '{account}': the second would replace the first; push one of them",
    "{first} 和 {second} 都是客户 '{account}'：后者会覆盖前者；请只推送其中一个",
)
NEO4J_PULLED = Text("{path}: account {account} · {people} people, {departments} departments", "{path}：客户 {account} · {people} 人，{departments} 个部门")


def neo4j_options(command: Callable) -> Callable:
    """Add --uri, --username, --password, --database; unset, the NEO4J_* variables apply."""
    options = [
        click.option("--database", help="Database name (default: NEO4J_DATABASE, else the server's default)."),
        click.option("--password", help="Password (default: NEO4J_PASSWORD)."),
        click.option("--username", help="User (default: NEO4J_USERNAME, else neo4j)."),
        click.option("--uri", help="Server address (default: NEO4J_URI, else neo4j://localhost:7687)."),
    ]
    for option in options:
        command = option(command)
    return command


def _store_settings(connection: dict):
    from .neo4j_store import Settings as StoreSettings

    return StoreSettings.from_env(**connection)


@main.group("neo4j")
def neo4j_group() -> None:
    """Keep accounts in a Neo4j database: push files, pull them back, list them.

    Any command reads a stored account as neo4j:ACCOUNT_ID (chainmap who-decides neo4j:steelworks).
    Needs the extra: pip install 'chainmap[neo4j]'.
    """


@neo4j_group.command("push")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@neo4j_options
@click.pass_obj
def neo4j_push(settings: Settings, files: tuple[str, ...], **connection: str | None) -> None:
    """Store account files, each in one transaction that replaces that account's previous version."""
    from .loader import load
    from .neo4j_store import push_all

    accounts, failed = [], False
    # Every file is checked before anything is written: a typo in the third file stores nothing.
    for name in files:
        try:
            accounts.append(load(name, lang=settings.lang))
        except ChainmapError as error:
            echo_error(error)
            failed = True
    if failed:
        raise click.exceptions.Exit(1)
    first_file: dict[str, str] = {}
    for name, account in zip(files, accounts):
        if account.id in first_file:
            from .errors import UsageError

            raise UsageError(NEO4J_SAME_ID(settings.lang, first=first_file[account.id], second=name, account=account.id))
        first_file[account.id] = name
    for result in push_all(accounts, _store_settings(connection), lang=settings.lang):
        sentence = NEO4J_PUSHED if result["changed"] else NEO4J_UNCHANGED
        click.echo(sentence(settings.lang, **result))


@neo4j_group.command("pull")
@click.argument("account_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the account file here (.json, else YAML); default: YAML on stdout.")
@neo4j_options
@click.pass_obj
def neo4j_pull(settings: Settings, account_id: str, output: str | None, **connection: str | None) -> None:
    """Read a stored account back as an account file."""
    from .loader import dump, dumps
    from .neo4j_store import fetch_account

    account = fetch_account(account_id, _store_settings(connection), lang=settings.lang)
    if output is None:
        click.echo(dumps(account), nl=False)
        return
    dump(account, output, lang=settings.lang)
    click.echo(NEO4J_PULLED(settings.lang, path=output, account=account.id, people=len(account.people), departments=len(account.departments)))


@neo4j_group.command("list")
@neo4j_options
@report_options
def neo4j_list(fmt: str, lang: str, **connection: str | None) -> None:
    """The stored accounts with their head-counts and the time of their last push."""
    from .neo4j_store import stored_accounts, to_document

    emit({"accounts": stored_accounts(_store_settings(connection), lang=lang)}, to_document, fmt, lang)


# --- Keeping maps current: add, set, remove, visit, import, export, diff ---

EDITABLE_KINDS = ("person", "department", "organisation", "influence", "contact", "competitor", "team")
NOT_A_FILE = Text("{account}: edits work on account files; pull it from Neo4j first (chainmap neo4j pull)", "{account}：只能修改客户文件；请先从 Neo4j 拉取（chainmap neo4j pull）")
ADDED = Text("{account}: added {kind} {id}", "{account}：已添加{kind} {id}")
SET_DONE = Text("{account}: {name} ({id}): {keys} updated", "{account}：{name}（{id}）：已更新 {keys}")
REMOVED = Text("{account}: removed {kind} {id}", "{account}：已删除{kind} {id}")
REASSIGNED = Text("  now pointing at {other}: {items}", "  已改指向 {other}：{items}")
DROPPED = Text("  dropped: {items}", "  已删除的引用：{items}")
VISIT_LOGGED = Text("{account}: visit of {date} logged", "{account}：已记录 {date} 的拜访")
RAISED = Text("  now acquainted: {people}", "  关系阶段升为认识：{people}")
IMPORTED = Text("{account}: {added} people added, {updated} updated from {source}", "{account}：从 {source} 新增 {added} 人，更新 {updated} 人")
SKIPPED_ROW = Text("  skipped {problem}", "  已跳过 {problem}")
EXPORTED = Text("{output}: {people} people with decision power, position and champion score; visit sheet included", "{output}：{people} 人，含决策力、位置和内线分；附拜访信息表")
STDIN_ONCE = Text("only one of OLD and NEW can be '-' (standard input)", "OLD 和 NEW 只能有一个是 '-'（标准输入）")


def _editable(account: str, lang: str) -> str:
    from .errors import UsageError
    from .sources import NEO4J_PREFIX

    if account.startswith(NEO4J_PREFIX):
        raise UsageError(NOT_A_FILE(lang, account=account))
    return account


def _ids(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").replace("，", ",").split(",") if part.strip()]


@main.command("add")
@click.argument("kind", type=click.Choice(EDITABLE_KINDS))
@click.argument("account")
@click.argument("values", nargs=-1, required=True)
@click.pass_obj
def add_command(settings: Settings, kind: str, account: str, values: tuple[str, ...]) -> None:
    """Add a person, department, link or other item to an account file from key=value pairs.

    e.g. `chainmap add person hospital.yaml id=ma name=马超 department=icu roles=使用者`. Influence and contacts
    take from= and to=. Values are checked like the file (Chinese or English); comments and layout are kept.
    """
    from .edit import add_item, parse_assignments
    from .model import KIND_WORD

    lang = settings.lang
    result = add_item(_editable(account, lang), kind, parse_assignments(values, lang=lang), lang=lang)
    click.echo(ADDED(lang, account=account, kind=KIND_WORD[result["section"]](lang), id=result["id"]))


@main.command("set")
@click.argument("account")
@click.argument("person")
@click.argument("values", nargs=-1, required=True)
@click.pass_obj
def set_command(settings: Settings, account: str, person: str, values: tuple[str, ...]) -> None:
    """Change a person's fields from key=value pairs, keeping the file's comments and layout.

    e.g. `chainmap set hospital.yaml zhou attitude=支持者 stage=约会`. Lists take commas (roles=决策者,评估者); contact.phone=… fills the contact mapping; key= (empty) removes a key.
    """
    from .edit import parse_assignments, set_fields

    lang = settings.lang
    result = set_fields(_editable(account, lang), person, parse_assignments(values, lang=lang), lang=lang)
    click.echo(SET_DONE(lang, account=account, name=result["name"], id=result["id"], keys=", ".join(result["changed"])))


@main.command("remove")
@click.argument("kind", type=click.Choice(EDITABLE_KINDS))
@click.argument("account")
@click.argument("ident", metavar="ID")
@click.option("--reassign", metavar="OTHER_ID", help="Point everything that names ID at OTHER_ID instead.")
@click.option("--cascade", is_flag=True, help="Drop what names ID: links are deleted, other references cleared.")
@click.pass_obj
def remove_command(settings: Settings, kind: str, account: str, ident: str, reassign: str | None, cascade: bool) -> None:
    """Remove an item; refuses while other items still name it unless --reassign or --cascade says what to do.

    Influence and contacts are named FROM->TO, e.g. `chainmap remove influence hospital.yaml huang->zhou`.
    """
    from .edit import KIND_SECTIONS, remove_item
    from .i18n import join
    from .model import KIND_WORD

    lang = settings.lang
    result = remove_item(_editable(account, lang), kind, ident, reassign=reassign, cascade=cascade, lang=lang)
    click.echo(REMOVED(lang, account=account, kind=KIND_WORD[KIND_SECTIONS[kind]](lang), id=ident))
    if result["reassigned"]:
        click.echo(REASSIGNED(lang, other=reassign, items=join(lang, result["reassigned"])))
    if result["dropped"]:
        click.echo(DROPPED(lang, items=join(lang, result["dropped"])))


@main.command("visit")
@click.argument("account")
@click.option("--met", metavar="IDS", help="People met, comma-separated ids.")
@click.option("--dept", metavar="IDS", help="Departments visited, comma-separated ids.")
@click.option("--note", help="What happened and what was learned.")
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Date of the visit, YYYY-MM-DD (default: today).")
@click.option("--by", metavar="IDS", help="Our team members on the visit, comma-separated ids.")
@click.pass_obj
def visit_command(settings: Settings, account: str, met: str | None, dept: str | None, note: str | None, date, by: str | None) -> None:
    """Log a visit; everyone met moves to at least the `acquainted` (认识) stage."""
    from .edit import log_visit
    from .i18n import join

    lang = settings.lang
    result = log_visit(
        _editable(account, lang), met=_ids(met), departments=_ids(dept), notes=note, date=date.date() if date else None, by=_ids(by), lang=lang
    )
    click.echo(VISIT_LOGGED(lang, account=account, date=result["date"]))
    if result["raised"]:
        click.echo(RAISED(lang, people=join(lang, [f"{p['name']} ({p['id']})" for p in result["raised"]])))


@main.command("import")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--into", "account", required=True, help="The account file the people go into.")
@click.option("--skip-bad", is_flag=True, help="Import the good rows even when some rows have problems.")
@click.pass_obj
def import_command(settings: Settings, source: str, account: str, skip_bad: bool) -> None:
    """Import people from .xlsx or .csv (headers 姓名/职务/部门/上级/态度/关系阶段/性格/角色/ID or name/title/…).

    New ids are added, existing ones updated; empty cells change nothing. A problem in any row
    writes nothing, unless --skip-bad.
    """
    from .spreadsheet import import_people

    lang = settings.lang
    result = import_people(source, _editable(account, lang), skip_bad=skip_bad, lang=lang)
    click.echo(IMPORTED(lang, account=account, added=len(result["added"]), updated=len(result["updated"]), source=source))
    for skipped in result["skipped"]:
        for problem in skipped["problems"]:
            click.echo(SKIPPED_ROW(lang, problem=problem), err=True)


@main.command("export")
@click.argument("account")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True), help="The .xlsx file to write.")
@click.pass_obj
def export_command(settings: Settings, account: str, output: str) -> None:
    """Export the people table (with decision power, position and champion score) and a visit sheet to .xlsx."""
    from .sources import open_graph
    from .spreadsheet import export_people

    lang = settings.lang
    result = export_people(open_graph(account, lang=lang), output, lang=lang)
    click.echo(EXPORTED(lang, output=output, people=result["people"]))


@main.command("diff")
@click.argument("old")
@click.argument("new")
@report_options
def diff_command(old: str, new: str, fmt: str, lang: str) -> None:
    """What changed between two versions of an account: people, stances, links, the decider and the champion.

    '-' reads one version from standard input, e.g. `git show HEAD~1:hospital.yaml | chainmap diff - hospital.yaml`.
    """
    from .analysis.diff import changes, to_document
    from .errors import UsageError
    from .loader import loads
    from .sources import open_account

    if old == new == "-":
        raise UsageError(STDIN_ONCE(lang))

    def read(source: str):
        if source == "-":
            with click.open_file("-", encoding="utf-8") as stdin:
                return loads(stdin.read(), name="<stdin>", lang=lang)
        return open_account(source, lang=lang)

    emit(changes(read(old), read(new), lang=lang), to_document, fmt, lang)


@main.command("champions")
@click.argument("account")
@click.option("--top", type=click.IntRange(min=1), default=None, help="List only the N best candidates.")
@report_options
def champions_command(account: str, top: int | None, fmt: str, lang: str) -> None:
    """Whom to develop as an inside coach, the technical and relationship guides, and a next step for each."""
    from .analysis.champions import champions, to_document
    from .sources import open_graph

    result = champions(open_graph(account, lang=lang), lang=lang, top=rows_shown(top, fmt))
    emit(result, to_document, fmt, lang, rows=None if top else "candidates")


@main.command("path")
@click.argument("account")
@click.option("--to", "target", metavar="PERSON", default=None, help="The person our message must reach, by id or name (default: the decider).")
@click.option("--from", "sources", multiple=True, metavar="PERSON", help="Start from this person or team member, by id or name (repeatable; default: our team and the customer's supporters).")
@report_options
def path_command(account: str, target: str | None, sources: tuple[str, ...], fmt: str, lang: str) -> None:
    """The strongest routes by which our message reaches a person, each with its weakest link."""
    from .analysis.paths import paths, to_document
    from .sources import open_graph

    emit(paths(open_graph(account, lang=lang), to=target, sources=sources or None, lang=lang), to_document, fmt, lang, shorten=True)
