"""Upload: drop many exports at once, see what was detected, map odd CSVs, read the report.

Files are imported one by one (a file may need a column mapping first), then the intake use
case (``workspace.intake``, the same as ``klantstem import``) places their new items in the
themes and reports per file.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import data, state, theme_engine, upload_report
from dashboard import formatting as fmt
from dashboard.i18n import channel_names, current_language, plural, t
from dashboard.plain_text import md
from dashboard.problem_text import error_message
from ingest.detect import ACCEPTED_SUFFIXES
from ingest.errors import KlantstemError, MappingRequired
from ingest.mapping import header_key
from ingest.schema import CHANNELS
from ingest.settings import RATING_SCALE_TOPS, ColumnMapping
from workspace.imports import FileImport, import_bytes, remember_mapping
from workspace.intake import FileIntake

TYPES = sorted(suffix.lstrip(".") for suffix in ACCEPTED_SUFFIXES if suffix)
REPORT = state.UPLOAD_REPORT
PENDING = state.UPLOAD_MAPPINGS
PROPOSED = state.UPLOAD_PROPOSED
RATING_SCALES: list[int | None] = [
    None,
    *RATING_SCALE_TOPS,
]  # None: decided by ingest.tables._scale


def render() -> None:
    st.title(t("upload.title"))
    st.write(t("upload.intro"))
    _uploader_texts()
    files = st.file_uploader(
        t("upload.files"), type=TYPES, accept_multiple_files=True, key="upload_files"
    )
    if files and st.button(
        plural("upload.start", len(files)),
        type="primary",
        key="upload_start",
    ):
        state.remember(REPORT, [])  # the report counts this upload's files only
        state.remember(PENDING, [])
        state.remember(PROPOSED, 0)
        _import_all([(f.name, f.getvalue()) for f in files])
    for pending in list(state.remembered(PENDING, [])):
        _mapping_form(pending)
    _report(state.remembered(REPORT, []))


def _uploader_texts() -> None:
    """The uploader's button and size line in the UI language.

    Streamlit sets only the uploader's label; its button ("Upload") and the line under it
    ("200MB per file") are fixed English, so CSS hides them and writes ours in their place.
    """
    drop = t("upload.drop").format(mb=st.get_option("server.maxUploadSize"))
    browse = t("upload.browse")
    zone = "[data-testid='stFileUploaderDropzone']"
    st.html(
        "<style>"
        f"{zone} [data-testid='stFileUploaderDropzoneInstructions'] > div > * {{display:none}}"
        f"{zone} [data-testid='stFileUploaderDropzoneInstructions'] > div::after"
        f"{{content:{_css_string(drop)}}}"
        f"{zone} button > * {{display:none}}"
        f"{zone} button::after {{content:{_css_string(browse)}}}"
        "</style>"
    )


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (catalogue text, but quoted safely all the same)."""
    return '"' + "".join(c if c.isalnum() or c in " .,·'" else f"\\{ord(c):x} " for c in text) + '"'


def _import_all(uploads: list[tuple[str, bytes]]) -> None:
    ws = state.workspace()
    bar = st.progress(0.0, text=t("upload.progress.start"))
    n = len(uploads)
    imported = []
    for index, (name, content) in enumerate(uploads):

        def step(stage: str, fraction: float, index: int = index, name: str = name) -> None:
            bar.progress(
                min(0.7 * (index + fraction) / n, 0.7),
                text=md(t("upload.progress.file").format(file=name, i=index + 1, n=n)),
            )

        step("reading", 0.0)
        result = _import_one(ws, name, content, progress=step)
        if result is not None:
            imported.append(result)
    _place(bar, imported)


def _import_one(
    ws,
    name: str,
    content: bytes,
    *,
    mapping: ColumnMapping | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> FileImport | None:
    """The file's import, or None when it waits for a column mapping."""
    try:
        return import_bytes(ws, content, name, mapping=mapping, progress=progress)
    except MappingRequired as exc:
        state.remember(
            PENDING,
            [
                *state.remembered(PENDING, []),
                {
                    "name": name,
                    "data": content,
                    "columns": list(exc.columns),
                    "examples": exc.examples,
                    "suggested": exc.suggested,
                    "error": exc,
                },
            ],
        )
        return None
    except KlantstemError as exc:
        return FileImport(name, "", 0, 0, (), error=str(exc))


def _place(bar, imported: list[FileImport]) -> None:
    """Place the new items and report this upload's files, those reported before (files
    imported before a column mapping was asked for) counted again: this placement may have
    put their leftovers in a new theme."""

    def step(stage: str, fraction: float) -> None:
        bar.progress(0.7 + 0.3 * max(0.0, min(fraction, 1.0)), text=t("upload.progress.themes"))

    earlier: list[FileIntake] = state.remembered(REPORT, [])
    bar.progress(0.7, text=t("upload.progress.themes"))
    try:
        report = theme_engine.place(
            state.workspace(), [*(f.imported for f in earlier), *imported], progress=step
        )
    except KlantstemError as exc:
        st.error(md(error_message(exc, current_language())))
        files = [FileIntake(f, unsorted=0) for f in imported]
        state.remember(REPORT, [*earlier, *files])
        return
    bar.progress(1.0, text=t("upload.progress.done"))
    state.remember(REPORT, report.files)
    state.remember(PROPOSED, (state.remembered(PROPOSED) or 0) + len(report.proposed_themes))


def _mapping_form(pending: dict) -> None:
    name, columns = pending["name"], pending["columns"]
    none = ""
    st.subheader(md(t("upload.mapping.title").format(file=name)))
    st.caption(md(error_message(pending["error"], current_language())))
    names = channel_names(current_language())
    examples = pending.get("examples") or {}
    # Each column with what its first row holds: "Q3 — “Pakket te laat”" (the name alone
    # said nothing), and each choice starts at the likeliest column: the text at the
    # wordiest, not the first one (often an id: its numbers would be imported as the
    # feedback and the choice remembered), the date where the cells are dates.
    label = {c: f"{c} — “{examples[c]}”" if examples.get(c) else c for c in columns} | {
        none: t("upload.mapping.none")
    }
    suggested = pending.get("suggested") or {}
    optional = [none, *columns]

    def start(role: str, choices: list[str]) -> int:
        column = suggested.get(role, none)
        return choices.index(column) if column in choices else 0

    with st.form(f"mapping_{name}"):
        text = st.selectbox(
            t("upload.mapping.text"),
            columns,
            index=start("text", columns),
            key=f"map_text_{name}",
            format_func=lambda c: label.get(c, c),
        )
        date = st.selectbox(
            t("upload.mapping.date"),
            optional,
            index=start("date", optional),
            key=f"map_date_{name}",
            format_func=lambda c: label.get(c, c),
        )
        rating = st.selectbox(
            t("upload.mapping.rating"),
            optional,
            index=start("rating", optional),
            key=f"map_rating_{name}",
            format_func=lambda c: label.get(c, c),
        )
        scale = st.selectbox(
            t("upload.mapping.scale"),
            RATING_SCALES,
            key=f"map_scale_{name}",
            format_func=lambda top: (
                t("upload.mapping.scale.auto")
                if top is None
                else t("upload.mapping.scale.out_of").format(top=top)
            ),
            help=t("upload.mapping.scale_help"),
        )
        channel = st.selectbox(
            t("upload.mapping.channel"),
            optional,
            index=start("channel", optional),
            key=f"map_channel_{name}",
            format_func=lambda c: label.get(c, c),
        )
        default_channel = st.selectbox(
            t("upload.mapping.default_channel"),
            CHANNELS,
            index=CHANNELS.index("other"),
            format_func=lambda c: names.get(c, c),
            key=f"map_default_{name}",
        )
        submitted = st.form_submit_button(t("upload.mapping.submit"), type="primary")
    if not submitted:
        return
    mapping = ColumnMapping(
        text=text,
        date=date,
        rating=rating,
        channel=channel,
        default_channel=default_channel,
        rating_scale_max=float(scale) if rating and scale else None,
    )
    ws = state.workspace()
    try:
        remember_mapping(ws, header_key(columns), mapping)
    except KlantstemError as exc:
        st.error(md(error_message(exc, current_language())))
        return
    state.remember(PENDING, [p for p in state.remembered(PENDING, []) if p["name"] != name])
    result = _import_one(ws, name, pending["data"], mapping=mapping)
    _place(st.progress(0.7), [] if result is None else [result])
    st.rerun()


def _report(files: list[FileIntake]) -> None:
    if not files:
        return
    lang = current_language()
    results = [f.imported for f in files]
    st.subheader(t("upload.report"))
    if again := upload_report.nothing_new(files, lang):
        st.info(md(again))
    total = upload_report.total_of(files, lang) or files[0]
    cols = st.columns(4)
    cols[0].metric(t("upload.read"), fmt.number(total.imported.read, lang))
    cols[1].metric(t("upload.added"), fmt.number(total.imported.added, lang))
    cols[2].metric(t("upload.duplicates"), fmt.number(total.imported.duplicates, lang))
    cols[3].metric(t("upload.problems"), fmt.number(len(total.imported.problems), lang))
    for row in files:
        st.markdown(upload_report.line(row, lang))
    if len(files) > 1:
        st.markdown(upload_report.line(total, lang))
    for r in results:
        if warning := upload_report.future_warning(r, lang):
            st.warning(md(warning))
    proposed = state.remembered(PROPOSED) or 0
    if proposed:
        st.caption(t("upload.proposed_themes").format(n=fmt.number(proposed, lang)))
    _files_table(upload_report.table(files, lang), lang)
    st.caption(t("upload.counts_help"))
    for r in results:
        if r.batch_id is None or r.added == 0:
            continue
        with st.expander(
            md(t("upload.preview").format(file=r.file, n=fmt.number(r.added, lang))),
            expanded=len(results) == 1,
        ):
            items = data.batch_preview(r.batch_id, limit=5)
            st.dataframe(
                upload_report.preview(items, lang),
                hide_index=True,
                width="stretch",
                column_config={
                    t("col.date"): st.column_config.DatetimeColumn(
                        format=upload_report.preview_date_format(items)
                    )
                },
            )
    problems = upload_report.problems_table(files, lang)
    if problems:
        st.subheader(t("upload.problems_title"))
        _problems(problems)


FILES_IN_FULL = 20
"""Up to this many files (and the total) are a static table whose headers and cells wrap, so
it fits the page; a grid kept each header on one line and scrolled its last columns out of
sight at 1400 px."""


def _files_table(frame: pd.DataFrame, lang: str) -> None:
    if len(frame) <= FILES_IN_FULL:
        st.table(upload_report.table_cells(frame, lang), hide_index=True)
        return
    st.dataframe(frame, hide_index=True, width="stretch", key="upload_files_table")


PROBLEMS_IN_FULL = 20
"""Up to this many problems are a static table whose cells wrap: every message readable in
full. A grid cell shows one line; a long message ran out of sight in it."""


def _problems(problems: list[dict[str, object]]) -> None:
    if len(problems) <= PROBLEMS_IN_FULL:
        # st.table cells are Markdown: a file's own words (a cell value, a subject) escaped
        st.table(
            [{column: md(value) for column, value in row.items()} for row in problems],
            hide_index=True,
        )
        return
    st.dataframe(
        problems,
        hide_index=True,
        width="stretch",
        key="upload_problems_table",
        # a row above 4rem high lets the grid wrap its text: four lines hold the longest message
        row_height=100,
        height=640,  # six rows at a time (the default height showed three and a half)
        column_config={  # the message is what a manager reads: it gets the room
            t("upload.col.file"): st.column_config.TextColumn(width="medium"),
            t("upload.col.line"): st.column_config.TextColumn(width="small", alignment="right"),
            t("upload.col.severity"): st.column_config.TextColumn(),  # "waarschuwing" fits
            t("upload.col.message"): st.column_config.TextColumn(width="large"),
        },
    )
