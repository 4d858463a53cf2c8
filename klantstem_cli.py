"""The ``klantstem`` command line: import, export, themes, summary, dashboard, demo."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ingest.errors import KlantstemError
from ingest.privacy import RULES_VERSION
from ingest.settings import RATING_SCALE_TOPS, ColumnMapping
from workspace.db import DEFAULT_PATH, ENV_VAR, Workspace
from workspace.imports import import_files
from workspace.intake import IntakeReport, import_and_place


def _no_type_tag(self: object, ctx: object) -> None:
    return None


# typer >= 0.2x tags every parameter in --help with its Python type (<list[Path]>, <str>);
# the help text and the metavar already say what to pass, so the tag column is dropped.
for _param_class in (typer.core.TyperArgument, typer.core.TyperOption):
    _param_class.display_type_rich = _no_type_tag  # type: ignore[method-assign]

# Help as Markdown: a docstring's paragraphs are rewrapped to the terminal ("rich" kept their
# hard line breaks, so `klantstem --help` showed ragged lines). Help texts are English.
HELP_MARKUP = "markdown"

app = typer.Typer(
    help="Klantstem: customer feedback from e-mail, reviews and tickets, grouped into themes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=HELP_MARKUP,
)
export_app = typer.Typer(
    help="Export workspace data.", no_args_is_help=True, rich_markup_mode=HELP_MARKUP
)
app.add_typer(export_app, name="export")
privacy_app = typer.Typer(
    help="Personal data in a workspace.", no_args_is_help=True, rich_markup_mode=HELP_MARKUP
)
app.add_typer(privacy_app, name="privacy")

REPO_ROOT = Path(__file__).resolve().parent
SAMPLE_DATA = REPO_ROOT / "sample_data"
DEMO_WORKSPACE = REPO_ROOT / "demo.duckdb"

WorkspaceOption = Annotated[
    Path,
    typer.Option(
        "--workspace",
        "-w",
        envvar=ENV_VAR,
        help="The workspace file (a DuckDB database).",
        show_default=True,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the output, nl or en. Without it: KLANTSTEM_LANG, else the "
        "workspace's ui_language setting, else en (as the dashboard decides).",
        show_default=False,
    ),
]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(message, err=True, fg=typer.colors.RED)
    return typer.Exit(code)


def _existing_workspace(workspace: Path, lang: str = "en") -> Path:
    """``workspace`` when the file exists; commands that only read never create one."""
    if not Path(workspace).exists():
        raise _fail(_say("cli.no_workspace", lang, path=workspace))
    return workspace


def _say(key: str, lang: str, **values: object) -> str:
    """The catalogue's ``key`` (``dashboard/i18n.py``, the dashboard's own) in ``lang``.

    Imported on first use (the catalogue is large); it does not import streamlit.
    """
    from dashboard.i18n import t

    return t(key, lang).format(**values)


def _count(n: int, what: str, lang: str) -> str:
    """``1 spike`` / ``3 spikes``, ``1 piek`` / ``1.234 pieken``: ``count.<what>`` through the
    dashboard's :func:`~dashboard.i18n.plural`."""
    from dashboard.i18n import plural

    return plural(f"count.{what}", n, lang)


def _error(exc: KlantstemError, lang: str) -> str:
    """A project error in ``lang``, worded as the dashboard words it."""
    if lang == "en":
        return str(exc)
    from dashboard.problem_text import error_message

    return error_message(exc, lang)


def _check_lang(lang: str) -> None:
    if lang not in ("nl", "en"):
        raise _fail(f"--lang must be nl or en; got {lang!r}.")


def _language(lang: str | None, workspace: Path | None) -> str:
    """The language a command speaks: ``--lang`` when given, else the dashboard's default
    for this workspace (:func:`dashboard.i18n.default_language`, the one rule).

    A workspace that does not exist (yet) or cannot be opened has no setting to read.
    """
    if lang is not None:
        _check_lang(lang)
        return lang
    from dashboard.i18n import default_language

    if workspace is None or not Path(workspace).is_file():
        return default_language(None)
    try:
        with Workspace.open(workspace, read_only=True) as ws:
            return default_language(ws)
    except KlantstemError:
        return default_language(None)


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders to import.", metavar="PATH...")
    ],
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    text_column: Annotated[str, typer.Option(help="Column with the feedback text.")] = "",
    date_column: Annotated[str, typer.Option(help="Column with the date.")] = "",
    rating_column: Annotated[str, typer.Option(help="Column with the rating.")] = "",
    rating_scale: Annotated[
        int | None,
        typer.Option(
            help="What the rating column is out of: "
            + ", ".join(str(top) for top in RATING_SCALE_TOPS)
            + ". Without it: a scale its name states ('Score (1-5)'), else stars are out of 5,"
            " a 'cijfer' out of 10, otherwise the values decide.",
            metavar="TOP",
        ),
    ] = None,
    channel_column: Annotated[str, typer.Option(help="Column with the channel.")] = "",
    channel: Annotated[
        str, typer.Option(help="Channel for every row when no column says.")
    ] = "other",
    lang: LangOption = None,
) -> None:
    """Import exports (CSV, XLSX/XLS/ODS, JSON, XML, mbox, eml, msg, WhatsApp, zip) and place
    their new items in the themes. Re-importing adds nothing twice; a damaged file is reported
    and the others still import.

    Prints the Upload page's report: a line per file, a total when there are several, each
    problem under its file. --json prints the counts as JSON (in English field names)."""
    lang = _language(lang, workspace)
    if rating_scale is not None and rating_scale not in RATING_SCALE_TOPS:
        tops = ", ".join(str(top) for top in RATING_SCALE_TOPS)
        raise _fail(_say("cli.import.rating_scale", lang, value=rating_scale, tops=tops))
    mapping = (
        ColumnMapping(
            text=text_column,
            date=date_column,
            rating=rating_column,
            channel=channel_column,
            default_channel=channel,
            rating_scale_max=float(rating_scale) if rating_scale else None,
        )
        if text_column
        else None
    )
    try:
        with Workspace.open(workspace) as ws:
            report = import_and_place(ws, paths, mapping=mapping)
    except KlantstemError as exc:
        raise _fail(_error(exc, lang)) from exc
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_import_report(report, lang)
    if not report.files:
        skipped = (
            _say("cli.import.nothing_skipped", lang, files=", ".join(report.skipped))
            if report.skipped
            else ""
        )
        paths_text = ", ".join(str(p) for p in paths)
        raise _fail(_say("cli.import.nothing", lang, paths=paths_text, skipped=skipped))
    if report.nothing_read:
        raise typer.Exit(1)


def _print_import_report(report: IntakeReport, lang: str) -> None:
    """The Upload page's report in plain text (:mod:`dashboard.upload_report`, its words)."""
    from dashboard import formatting as fmt
    from dashboard import upload_report
    from dashboard.problem_text import problem_message

    for item in report.files:
        file = item.imported
        if file.error and file.problems:  # why is the error line under it: said once
            typer.echo(_say("cli.import.not_imported", lang, file=file.file))
        else:
            typer.echo(upload_report.line(item, lang, markdown=False))
        for problem in sorted(file.problems, key=upload_report.problem_order):
            where = (
                _say("cli.import.where_line", lang, file=problem.file, line=problem.line)
                if problem.line
                else problem.file
            )
            typer.secho(
                f"  {_say(f'upload.severity.{problem.severity}', lang)}: {where}: "
                f"{problem_message(problem, lang)}",
                err=True,
                fg=typer.colors.YELLOW if problem.severity == "warning" else typer.colors.RED,
            )
        if warning := upload_report.future_warning(file, lang):
            severity = _say("upload.severity.warning", lang)
            typer.secho(f"  {severity}: {warning}", fg=typer.colors.YELLOW)
    total = upload_report.total_of(report.files, lang)
    if total is not None:
        typer.echo(upload_report.line(total, lang, markdown=False))
    if again := upload_report.nothing_new(report.files, lang):
        typer.echo(again)
    if report.proposed_themes:
        n = fmt.number(len(report.proposed_themes), lang)
        typer.echo(_say("upload.proposed_themes", lang, n=n))
    if report.skipped:
        typer.echo(_say("cli.import.skipped", lang, files=", ".join(report.skipped)))
    if report.themes_missing and report.total("text_items"):
        typer.echo(_say("cli.import.no_themes", lang))


@export_app.command("items")
def export_items(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="CSV file to write (.xlsx for a workbook).")
    ],
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    lang: LangOption = None,
) -> None:
    """Write every stored item (all fields, received_at as the stored UTC instant with its
    offset, its local received_date and iso_week, its main theme and theme) to a CSV file, or
    to an Excel workbook when the file name ends in .xlsx.

    Text cells a spreadsheet would run as a formula are written with a leading apostrophe.
    """
    from analysis.safe_tables import frame_csv_bytes, frame_xlsx_bytes
    from workspace.queries import items_for_export

    lang = _language(lang, workspace)
    try:
        with Workspace.open(_existing_workspace(workspace, lang), read_only=True) as ws:
            frame = items_for_export(ws, lang=lang)
    except KlantstemError as exc:
        raise _fail(_error(exc, lang)) from exc
    is_xlsx = output.suffix.lower() == ".xlsx"
    output.write_bytes(frame_xlsx_bytes(frame) if is_xlsx else frame_csv_bytes(frame))
    typer.echo(_say("cli.export.wrote", lang, items=_count(len(frame), "items", lang), path=output))


@privacy_app.command("rescan")
def privacy_rescan(
    workspace: WorkspaceOption = Path(DEFAULT_PATH), lang: LangOption = None
) -> None:
    """Apply the current redaction rules to everything stored, then rewrite the file.

    Text, subjects, original fields, ids, file names, problem messages and theme quotes
    are re-redacted in one transaction; the workspace is then copied into a fresh file so
    replaced values do not linger in free space of the old one.
    """
    from dashboard import formatting as fmt
    from dashboard.i18n import plural
    from workspace.privacy_rescan import compact, rescan

    lang = _language(lang, workspace)
    try:
        with Workspace.open(_existing_workspace(workspace, lang)) as ws:
            report = rescan(ws)
        compact(workspace)
    except KlantstemError as exc:
        raise _fail(_error(exc, lang)) from exc
    if not report.changed:
        typer.echo(_say("cli.rescan.nothing", lang))
    for where, n in sorted(report.rows.items()):
        typer.echo(plural("cli.rescan.rows", n, lang, where=where))
    for kind, n in sorted(report.kinds.items()):
        typer.echo(_say("cli.rescan.placeholders", lang, kind=kind, n=fmt.number(n, lang)))
    typer.echo(_say("cli.rescan.rewrote", lang, path=workspace))


@app.command()
def themes(
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    no_refresh: Annotated[
        bool, typer.Option("--no-refresh", help="Only print the current themes.")
    ] = False,
    lang: LangOption = None,
    recluster: Annotated[
        bool,
        typer.Option(
            "--recluster",
            help="Take the new clustering even when it fits no better than the current themes.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tree as JSON.")] = False,
) -> None:
    """Refresh the themes (embedding only new texts) and print the theme tree: main themes
    (ids T1, T2, ...) with their themes, and their sizes. When every main theme is one theme
    of its name, the themes are listed alone."""
    from analysis.theme_tree import tree_adds_nothing
    from dashboard import formatting as fmt
    from workspace.queries import theme_coverage
    from workspace.refresh import refresh_themes
    from workspace.theme_tree import tree_summary

    shown: set[tuple[str, int]] = set()

    def progress(stage: str, fraction: float) -> None:
        step = (stage, int(fraction * 4))  # a line per stage and quarter, not per batch
        if step not in shown:
            shown.add(step)
            typer.echo(f"  {_say(f'cli.stage.{stage}', lang)} {fraction:.0%}", err=True)

    lang = _language(lang, workspace)
    _existing_workspace(workspace, lang)  # refreshing a mistyped path would make an empty one
    try:
        with Workspace.open(workspace) as ws:
            if not no_refresh:
                report = refresh_themes(ws, progress=progress, keep_if_as_good=not recluster)
                typer.echo(
                    _say(
                        "cli.themes.refreshed",
                        lang,
                        items=_count(report.items, "items", lang),
                        model=report.model_id,
                        seconds=fmt.number(report.seconds, lang, 1),
                        embedded=fmt.number(report.embedded, lang),
                    )
                )
                if report.kept_previous:
                    typer.echo(
                        _say(
                            "cli.themes.kept",
                            lang,
                            new=fmt.number(report.fit_new, lang, 3),
                            old=fmt.number(report.fit_previous, lang, 3),
                        )
                    )
                if report.undo_closed:
                    typer.echo(_say("themes.refresh.undo_closed", lang))
            tree = tree_summary(ws, lang=lang)
            cover = theme_coverage(ws)
    except KlantstemError as exc:
        raise _fail(_error(exc, lang)) from exc
    if as_json:
        typer.echo(json.dumps(tree, ensure_ascii=False, indent=2))
        return
    head = {c: _say(f"cli.themes.col.{c}", lang) for c in ("id", "label", "size")}
    proposed = " " + _say("cli.themes.proposed", lang)
    labels = [t["label"] for top in tree for t in top["themes"]] + [top["label"] for top in tree]
    width = max([len(head["label"]) + 4, *(len(str(x)) + len(proposed) + 2 for x in labels)])
    size = max(6, len(head["size"]))
    typer.echo(f"{head['id']:>5}  {head['label']:<{width}}  {head['size']:>{size}}")
    rows = [(top, theme) for top in tree for theme in top["themes"]]
    # A tree whose main themes are each one theme of its name lists the themes alone, as the
    # Themes page and the weekly summary do (one rule: analysis.theme_tree.tree_adds_nothing).
    flat = tree_adds_nothing(
        [top["top_id"] for top, _ in rows],
        [theme["label"] for _, theme in rows],
        [top["label"] for top, _ in rows],
    )
    indent = "" if flat else "  "
    for top in tree:
        if not flat:
            top_id = "" if top["top_id"] is None else f"T{top['top_id']}"
            top_label = top["label"].upper() or "-"
            typer.echo(f"{top_id:>5}  {top_label:<{width}}  {top['items']:>{size}}")
        for theme in top["themes"]:
            name = indent + theme["label"] + (proposed if theme["status"] == "proposed" else "")
            typer.echo(f"{theme['theme_id']:>5}  {name:<{width}}  {theme['items']:>{size}}")
    typer.echo(
        _say(
            "cli.themes.footer_flat" if flat else "cli.themes.footer",
            lang,
            tops=_count(len(tree), "top_themes", lang),
            themes=_count(cover.themes, "themes", lang),
            unsorted=fmt.number(cover.unsorted, lang),
            items=_count(cover.items, "text_items", lang),
            share=fmt.percent(1 - cover.share_sorted, lang),
        )
    )


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    mode: Annotated[
        str, typer.Option(help="meaning (by sense, any language) or words (every word must occur).")
    ] = "meaning",
    limit: Annotated[int, typer.Option(help="How many results.", min=1)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    lang: LangOption = None,
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
) -> None:
    """Search the feedback like the dashboard's Search page: best match first, only real hits
    (by meaning: a score of at least the dashboard's minimum), and how many there are."""
    from dashboard import formatting as fmt
    from dashboard.i18n import channel_names
    from workspace.search import FETCHED, MIN_MEANING_SCORE, find_items, hits

    lang = _language(lang, workspace)
    _existing_workspace(workspace, lang)
    try:
        with Workspace.open(workspace) as ws:
            results = find_items(ws, query, mode, lang=lang, limit=max(limit, FETCHED))
    except KlantstemError as exc:
        raise _fail(_error(exc, lang)) from exc
    found = hits(results, mode, shown=limit)
    if as_json:
        rows = json.loads(
            found.rows.to_json(orient="records", date_format="iso", force_ascii=False)
        )
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    names = channel_names(lang)
    relevance = _say("search.relevance", lang)
    width = max(6, len(relevance))
    if not found.rows.empty:
        channel, theme, text = (_say(k, lang) for k in ("col.channel", "col.theme", "col.text"))
        date = _say("col.date", lang)
        typer.echo(f"{relevance:>{width}}  {date:<10}  {channel:<11}  {theme:<24}  {text}")
    for row in found.rows.itertuples(index=False):
        text = " ".join(str(row.text).split())
        theme = row.theme if isinstance(row.theme, str) and row.theme else ""
        theme = theme or _say("search.unsorted", lang)
        typer.echo(
            f"{fmt.number(row.score, lang, 2):>{width}}  {str(row.received_at)[:10]}  "
            f"{names.get(row.channel, row.channel):<11}  {theme[:24]:<24}  {text[:90]}"
        )
    how = _say(f"cli.search.how.{mode}", lang, score=fmt.number(MIN_MEANING_SCORE, lang, 2))
    if not found.total:
        typer.echo(_say("cli.search.none", lang, query=repr(query), how=how))
        return
    count = _count(found.total, "hits", lang)
    if found.capped:
        count = _say("count.hits_or_more", lang, n=fmt.number(found.total, lang))
    shown = len(found.rows)
    shown_text = (
        _say("cli.search.shown", lang, n=fmt.number(shown, lang)) if shown < found.total else ""
    )
    typer.echo(
        _say("cli.search.found", lang, hits=count, query=repr(query), how=how, shown=shown_text)
    )


def build_demo_workspace(
    path: Path = DEMO_WORKSPACE, *, quiet: bool = False, lang: str = "en"
) -> Path:
    """Import ``sample_data/`` into a fresh workspace and build its themes, saying what it does
    (the theme build takes a minute or two on a small machine)."""
    from workspace.refresh import refresh_themes

    def say(message: str) -> None:
        if not quiet:
            typer.echo(message, err=True)

    shown: set[tuple[str, int]] = set()

    def progress(stage: str, fraction: float) -> None:
        step = (stage, int(fraction * 10))  # a line per stage and tenth, not per batch
        if step not in shown:
            shown.add(step)
            say(f"  {_say(f'cli.stage.{stage}', lang)} {fraction:.0%}")

    tmp = path.with_suffix(".building.duckdb")
    tmp.unlink(missing_ok=True)
    say(_say("cli.demo.building", lang, name=path.name, folder=SAMPLE_DATA.name))
    with Workspace.open(tmp) as ws:
        ws.set_setting("redaction_rules", RULES_VERSION)
        say(_say("cli.demo.importing", lang))
        report = import_files(ws, [SAMPLE_DATA])
        items, files = _count(report.added, "items", lang), _count(len(report.files), "files", lang)
        say(_say("cli.demo.imported", lang, items=items, files=files))
        say(_say("cli.demo.finding", lang))
        refresh_themes(ws, progress=progress)
        say(_say("cli.demo.built", lang))
    tmp.replace(path)
    return path


def _built_under_older_rules(path: Path) -> bool:
    """True when the workspace was built before the current redaction rules."""
    try:
        with Workspace.open(path, read_only=True) as ws:
            return ws.get_setting("redaction_rules", "") != RULES_VERSION
    except KlantstemError:
        return True


def _has_display() -> bool:
    """A browser can be shown: a desktop session (Windows, macOS) or an X/Wayland display."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    rebuild: Annotated[bool, typer.Option(help="Rebuild the demo workspace.")] = False,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Serve, but do not open a browser.")
    ] = False,
    build_only: Annotated[
        bool, typer.Option("--build-only", help="Only build the demo workspace, do not serve.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Build the demo workspace from sample_data/ (once), serve the dashboard on it and open it
    in a browser where the machine has a display.

    With --lang the dashboard opens in that language too."""
    said = _language(lang, DEMO_WORKSPACE)
    if rebuild or not DEMO_WORKSPACE.exists() or _built_under_older_rules(DEMO_WORKSPACE):
        try:
            build_demo_workspace(lang=said)
        except KlantstemError as exc:
            raise _fail(_error(exc, said)) from exc
    if build_only:
        typer.echo(_say("cli.demo.ready", said, path=DEMO_WORKSPACE))
        return
    open_browser = not no_browser and _has_display()
    if not no_browser and not open_browser:
        typer.echo(_say("cli.demo.no_display", said))
    _serve(DEMO_WORKSPACE, "127.0.0.1", port, open_browser=open_browser, lang=lang)


@app.command()
def dashboard(
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    host: Annotated[
        str, typer.Option(help="Address to bind. Anything but loopback needs a password.")
    ] = "127.0.0.1",
    lang: LangOption = None,
) -> None:
    """Start the dashboard on http://127.0.0.1:PORT (loopback only unless --host is given).

    A workspace that does not exist yet is created empty (its Upload page fills it), and the
    command says so: a mistyped --workspace is seen at once. With --lang the dashboard opens
    in that language (a visitor can still switch)."""
    if not Path(workspace).exists():
        said = _say("cli.dashboard.new_workspace", _language(lang, None), path=workspace)
        typer.echo(said, err=True)
    _serve(workspace, host, port, lang=lang)


SERVER_FLAGS = (
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--global.developmentMode",
    "false",
    "--client.toolbarMode",
    "viewer",
)
"""How ``klantstem dashboard`` runs Streamlit (``benchmarks/dashboard.py`` starts its
minimal page with the same flags)."""


def _serve(
    workspace: Path, host: str, port: int, *, open_browser: bool = False, lang: str | None = None
) -> None:
    """Run the dashboard on ``workspace``; ``lang`` (``--lang``) becomes its default language
    through ``KLANTSTEM_LANG``, the variable :func:`dashboard.i18n.default_language` reads."""
    from dashboard.i18n import LANG_ENV, default_language
    from workspace.access import check_exposure

    said = _language(lang, None)
    try:
        with Workspace.open(workspace) as ws:
            if lang is None:
                said = default_language(ws)
            check_exposure(ws, host)
    except KlantstemError as exc:
        raise _fail(_error(exc, said)) from exc
    env = dict(os.environ, **{ENV_VAR: str(Path(workspace).resolve())})
    if lang is not None:
        env[LANG_ENV] = lang
    command = [
        sys.executable,
        str(REPO_ROOT / "dashboard" / "launch.py"),  # streamlit run, metrics closed when exposed
        "run",
        str(REPO_ROOT / "dashboard" / "app.py"),
        "--server.address",
        host,
        "--server.port",
        str(port),
        *SERVER_FLAGS,
        "--server.enableAgentApi",  # off by default; said here so an upgrade cannot turn it on
        "false",
    ]
    url = f"http://{host}:{port}"
    typer.echo(_say("cli.dashboard.serving", said, url=url, workspace=workspace))
    server = subprocess.Popen(command, env=env)
    # Stopped by a service manager or `kill` (SIGTERM, SIGHUP): stop the server too, else it
    # runs on without its parent and keeps the port and the workspace file.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, lambda *_: server.terminate())
    if open_browser:
        typer.echo(_say("cli.dashboard.opening", said))
        _open_when_up(url, server)
    try:
        code = server.wait()
    except KeyboardInterrupt:
        server.terminate()
        code = server.wait()
    raise typer.Exit(128 - code if code < 0 else code)  # killed by signal N: 128 + N


def _open_when_up(url: str, server: subprocess.Popen[bytes]) -> None:
    """Open ``url`` in the default browser once the server answers (up to a minute)."""
    import time
    import urllib.request
    import webbrowser

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                webbrowser.open(url)
                return
        except OSError:
            time.sleep(0.5)


@app.command()
def password(
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    new_password: Annotated[
        str | None,
        typer.Option(
            "--password",
            help="The new password (asked for, hidden, when not given).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Set the dashboard password (needed to serve on a non-loopback address)."""
    from workspace.access import set_password

    lang = _language(lang, workspace)
    if new_password is None:
        new_password = typer.prompt(
            _say("cli.password.prompt", lang),
            hide_input=True,
            confirmation_prompt=_say("cli.password.repeat", lang),
        )
    try:
        with Workspace.open(workspace) as ws:
            set_password(ws, new_password)
    except KlantstemError as exc:
        raise _fail(_error(exc, lang)) from exc
    typer.echo(_say("cli.password.stored", lang))


@app.command("summary")
def summary_command(
    week: Annotated[
        str, typer.Option(help="ISO week such as 2026-W47, or 'last' (the last complete week).")
    ] = "last",
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, csv or xlsx.")] = "md",
    lang: LangOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (default klantstem-summary-WEEK.FORMAT; klantstem-weekoverzicht-WEEK.FORMAT in Dutch).",
        ),
    ] = None,
    channel: Annotated[
        str, typer.Option(help="Only this channel (email, review, ticket, ...).")
    ] = "",
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
) -> None:
    """Write the weekly theme summary (Markdown, HTML, CSV or XLSX, Dutch or English)."""
    from analysis.summary_render import FORMATS, LANGUAGES
    from workspace.summary import render_summary, summary_filename, weekly_summary

    known_lang = lang is None or lang in LANGUAGES
    said = _language(lang, workspace) if known_lang else "en"
    if fmt not in FORMATS or not known_lang:
        raise _fail(
            _say(
                "cli.summary.bad_option",
                said,
                formats=", ".join(FORMATS),
                langs=", ".join(LANGUAGES),
                fmt=fmt,
                got_lang=lang or said,
            )
        )
    lang = said
    from analysis.localtime import week_name
    from ingest.schema import CHANNELS
    from workspace.queries import filter_options
    from workspace.summary import parse_iso_week, resolve_week

    if channel and channel not in CHANNELS:
        raise _fail(
            _say("cli.summary.bad_channel", lang, channels=", ".join(CHANNELS), channel=channel)
        )
    try:
        with Workspace.open(_existing_workspace(workspace, lang), read_only=True) as ws:
            resolved = resolve_week(ws, week)
            if parse_iso_week(resolved) > date.today():
                raise _fail(_say("cli.summary.future_week", lang, week=resolved))
            if channel and channel not in filter_options(ws).channels:
                present = ", ".join(filter_options(ws).channels)
                raise _fail(
                    _say(
                        "cli.summary.no_channel",
                        lang,
                        channel=channel,
                        channels=present or _say("cli.summary.no_channels", lang),
                    )
                )
            result = weekly_summary(ws, resolved, channel or None, lang)
        if not result.total.items:
            where = _say("cli.summary.in_channel", lang, channel=channel) if channel else ""
            raise _fail(_say("cli.summary.empty", lang, week=resolved, where=where))
        data = render_summary(result, fmt, lang)
    except KlantstemError as exc:
        raise _fail(_error(exc, lang)) from exc
    target = output or Path(summary_filename(result, fmt, lang))
    target.write_bytes(data)
    typer.echo(
        _say(
            "cli.summary.wrote",
            lang,
            week=week_name(result.week, lang),
            items=_count(result.total.items, "items", lang),
            spikes=_count(len(result.spikes), "spikes", lang),
            new_themes=_count(len(result.new_themes), "new_themes", lang),
            path=target,
        )
    )


config_app = typer.Typer(
    help="Workspace settings: time zone, own e-mail domains, embedder, redaction, language.",
    no_args_is_help=True,
    rich_markup_mode=HELP_MARKUP,
)
app.add_typer(config_app, name="config")


@config_app.command("list")
def config_list(
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as JSON.")] = False,
    lang: LangOption = None,
) -> None:
    """Show every setting with its value, default and meaning."""
    from dashboard.i18n import setting_meaning
    from workspace.settings import describe_settings

    lang = _language(lang, workspace)
    try:
        with Workspace.open(_existing_workspace(workspace, lang), read_only=True) as ws:
            rows = describe_settings(ws)
    except KlantstemError as exc:
        raise _fail(_error(exc, lang)) from exc
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(row["key"]) for row in rows)
    for row in rows:
        default = (
            ""
            if row["value"] == row["default"]
            else "  " + _say("cli.config.default", lang, value=row["default"] or "-")
        )
        typer.echo(f"{row['key']:<{width}}  {row['value'] or '-'}{default}")
        typer.echo(f"{'':<{width}}  {setting_meaning(row['key'], row['meaning'], lang)}")


@config_app.command("get")
def config_get(
    key: Annotated[str, typer.Argument(help="Setting name (see klantstem config list).")],
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    lang: LangOption = None,
) -> None:
    """Print one setting's value."""
    from workspace.settings import format_setting, get_setting

    lang = _language(lang, workspace)
    try:
        with Workspace.open(_existing_workspace(workspace, lang), read_only=True) as ws:
            value = get_setting(ws, key)
    except KlantstemError as exc:
        raise _fail(_error(exc, lang)) from exc
    typer.echo(format_setting(key, value))


@config_app.command("set")
def config_set(
    key: Annotated[str, typer.Argument(help="Setting name (see klantstem config list).")],
    value: Annotated[str, typer.Argument(help="New value; lists are comma-separated.")],
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    lang: LangOption = None,
) -> None:
    """Change one setting after checking the value (creates the workspace when missing).

    Without --lang the answer follows the rule after the change: setting ui_language to nl
    is answered in Dutch."""
    from workspace.settings import format_setting, parse_setting, set_setting

    if lang is not None:
        _check_lang(lang)  # before anything is changed
    try:
        parse_setting(key, value)  # a bad value never creates a workspace
        created = not Path(workspace).exists()
        with Workspace.open(workspace) as ws:
            typed = set_setting(ws, key, value)
    except KlantstemError as exc:
        raise _fail(_error(exc, _language(lang, workspace))) from exc
    lang = _language(lang, workspace)
    if created:
        typer.echo(_say("cli.config.created", lang, path=workspace))
    typer.echo(f"{key} = {format_setting(key, typed)}")


if __name__ == "__main__":
    app()
