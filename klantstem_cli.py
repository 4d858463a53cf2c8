"""The ``klantstem`` command line: import, export, themes, summary, dashboard, demo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from ingest.errors import KlantstemError
from ingest.settings import ColumnMapping
from workspace.db import DEFAULT_PATH, ENV_VAR, Workspace
from workspace.imports import import_files

app = typer.Typer(
    help="Klantstem: customer feedback from e-mail, reviews and tickets, grouped into themes.",
    no_args_is_help=True,
    add_completion=False,
)
export_app = typer.Typer(help="Export workspace data.", no_args_is_help=True)
app.add_typer(export_app, name="export")

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


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(message, err=True, fg=typer.colors.RED)
    return typer.Exit(code)


@app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to import.")],
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    text_column: Annotated[str, typer.Option(help="Column with the feedback text.")] = "",
    date_column: Annotated[str, typer.Option(help="Column with the date.")] = "",
    rating_column: Annotated[str, typer.Option(help="Column with the rating.")] = "",
    channel_column: Annotated[str, typer.Option(help="Column with the channel.")] = "",
    channel: Annotated[
        str, typer.Option(help="Channel for every row when no column says.")
    ] = "other",
) -> None:
    """Import exports (CSV, XLSX/XLS/ODS, JSON, XML, mbox, eml, msg, WhatsApp, zip).
    Re-importing adds nothing twice; a damaged file is reported and the others still import."""
    mapping = (
        ColumnMapping(
            text=text_column,
            date=date_column,
            rating=rating_column,
            channel=channel_column,
            default_channel=channel,
        )
        if text_column
        else None
    )
    try:
        with Workspace.open(workspace) as ws:
            report = import_files(ws, paths, mapping=mapping)
    except KlantstemError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for item in report.files:
            fmt = f" [{item.detected_format}]" if item.detected_format else ""
            skipped = "".join(
                f", {n} {kind} tickets skipped"
                for kind, n in (("deleted", item.skipped_deleted), ("spam", item.skipped_spam))
                if n
            )
            typer.echo(
                f"{item.file}{fmt}: {item.added} added, {item.duplicates} duplicates, "
                f"{len(item.problems)} problems{skipped}"
            )
        for problem in report.problems:
            typer.secho(
                f"  {problem.severity}: {problem}",
                err=True,
                fg=typer.colors.YELLOW if problem.severity == "warning" else typer.colors.RED,
            )
        if report.skipped:
            typer.echo(f"Skipped (not an export type): {', '.join(report.skipped)}")
        typer.echo(
            f"Total: {report.added} added, {report.duplicates} duplicates, "
            f"{len(report.problems)} problems."
        )
    if not report.files:
        skipped = (
            f" (skipped, not an export type: {', '.join(report.skipped)})" if report.skipped else ""
        )
        raise _fail(
            f"Nothing to import: no export file found in {', '.join(str(p) for p in paths)}{skipped}. "
            "Give CSV, XLSX/XLS/ODS, JSON, XML, mbox, eml, msg, WhatsApp .txt or zip exports, or a "
            "folder holding them."
        )
    if report.nothing_read:
        raise typer.Exit(1)


@export_app.command("items")
def export_items(
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV file to write.")],
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
) -> None:
    """Write every stored item (all fields) to a CSV file."""
    from workspace.queries import items_for_export

    try:
        with Workspace.open(workspace) as ws:
            frame = items_for_export(ws)
    except KlantstemError as exc:
        raise _fail(str(exc)) from exc
    frame.to_csv(output, index=False)
    typer.echo(f"Wrote {len(frame)} items to {output}.")


@app.command()
def themes(
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    no_refresh: Annotated[
        bool, typer.Option("--no-refresh", help="Only print the current themes.")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="Label language: nl or en.")] = "en",
    recluster: Annotated[
        bool,
        typer.Option(
            "--recluster",
            help="Take the new clustering even when it fits no better than the current themes.",
        ),
    ] = False,
) -> None:
    """Refresh the themes (embedding only new texts) and print them: id, label, size."""
    from workspace.queries import theme_coverage, theme_table
    from workspace.themes import refresh_themes

    shown: set[tuple[str, int]] = set()

    def progress(stage: str, fraction: float) -> None:
        step = (stage, int(fraction * 4))  # a line per stage and quarter, not per batch
        if step not in shown:
            shown.add(step)
            typer.echo(f"  {stage} {fraction:.0%}", err=True)

    try:
        with Workspace.open(workspace) as ws:
            if not no_refresh:
                report = refresh_themes(ws, progress=progress, keep_if_as_good=not recluster)
                typer.echo(
                    f"Refreshed {report.items} items with {report.model_id} in "
                    f"{report.seconds:.1f} s ({report.embedded} newly embedded)."
                )
                if report.kept_previous:
                    typer.echo(
                        "Kept the current themes: the new clustering fits no better "
                        f"({report.fit_new:.3f} against {report.fit_previous:.3f}; "
                        "--recluster takes it anyway)."
                    )
            table = theme_table(ws, lang=lang)
            cover = theme_coverage(ws)
    except KlantstemError as exc:
        raise _fail(str(exc)) from exc
    width = max([len("label"), *(len(str(x)) for x in table["label"])])
    typer.echo(f"{'id':>5}  {'label':<{width}}  {'size':>6}")
    for row in table.itertuples(index=False):
        typer.echo(f"{row.theme_id:>5}  {row.label:<{width}}  {row.items:>6}")
    typer.echo(
        f"{cover.themes} themes; {cover.unsorted} of {cover.items} text items unsorted "
        f"({1 - cover.share_sorted:.1%})."
    )


def build_demo_workspace(path: Path = DEMO_WORKSPACE, *, quiet: bool = False) -> Path:
    """Import ``sample_data/`` into a fresh workspace and build its themes."""
    from workspace.themes import refresh_themes

    tmp = path.with_suffix(".building.duckdb")
    tmp.unlink(missing_ok=True)
    with Workspace.open(tmp) as ws:
        report = import_files(ws, [SAMPLE_DATA])
        if not quiet:
            typer.echo(f"Imported {report.added} sample items from {len(report.files)} files.")
        refresh_themes(ws)
        if not quiet:
            typer.echo("Themes built.")
    tmp.replace(path)
    return path


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    rebuild: Annotated[bool, typer.Option(help="Rebuild the demo workspace.")] = False,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Only build, do not serve.")
    ] = False,
) -> None:
    """Build the demo workspace from sample_data/ (once) and open the dashboard on it."""
    if rebuild or not DEMO_WORKSPACE.exists():
        try:
            build_demo_workspace()
        except KlantstemError as exc:
            raise _fail(str(exc)) from exc
    if no_browser:
        return
    _serve(DEMO_WORKSPACE, "127.0.0.1", port)


@app.command()
def dashboard(
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    host: Annotated[
        str, typer.Option(help="Address to bind. Anything but loopback needs a password.")
    ] = "127.0.0.1",
) -> None:
    """Start the dashboard on http://127.0.0.1:PORT (loopback only unless --host is given)."""
    _serve(workspace, host, port)


def _serve(workspace: Path, host: str, port: int) -> None:
    from workspace.access import check_exposure

    try:
        with Workspace.open(workspace) as ws:
            check_exposure(ws, host)
    except KlantstemError as exc:
        raise _fail(str(exc)) from exc
    env = dict(os.environ, **{ENV_VAR: str(Path(workspace).resolve())})
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO_ROOT / "dashboard" / "app.py"),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "viewer",
    ]
    typer.echo(f"Klantstem dashboard on http://{host}:{port} (workspace {workspace})")
    raise typer.Exit(subprocess.call(command, env=env))


@app.command()
def password(
    workspace: WorkspaceOption = Path(DEFAULT_PATH),
    new_password: Annotated[
        str, typer.Option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
    ] = "",
) -> None:
    """Set the dashboard password (needed to serve on a non-loopback address)."""
    from workspace.access import set_password

    try:
        with Workspace.open(workspace) as ws:
            set_password(ws, new_password)
    except KlantstemError as exc:
        raise _fail(str(exc)) from exc
    typer.echo("Password stored (hashed).")


@app.command("summary")
def summary_command(
    week: Annotated[
        str, typer.Option(help="ISO week such as 2026-W47, or 'last' (the last complete week).")
    ] = "last",
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, csv or xlsx.")] = "md",
    lang: Annotated[str, typer.Option("--lang", help="nl or en.")] = "en",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write (default klantstem-summary-WEEK.FORMAT)."
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

    if fmt not in FORMATS or lang not in LANGUAGES:
        raise _fail(
            f"--format must be one of {', '.join(FORMATS)} and --lang one of "
            f"{', '.join(LANGUAGES)}; got --format {fmt} --lang {lang}."
        )
    if not Path(workspace).exists():
        raise _fail(f"{workspace}: no workspace there. Import files first or pass --workspace.")
    try:
        with Workspace.open(workspace, read_only=True) as ws:
            result = weekly_summary(ws, week, channel or None, lang)
        data = render_summary(result, fmt, lang)
    except KlantstemError as exc:
        raise _fail(str(exc)) from exc
    target = output or Path(summary_filename(result, fmt))
    target.write_bytes(data)
    typer.echo(
        f"Wrote the summary of {result.week} ({result.total.items} items, "
        f"{len(result.spikes)} spikes, {len(result.new_themes)} new themes) to {target}."
    )


if __name__ == "__main__":
    app()
