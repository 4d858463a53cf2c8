"""Upload: drop many exports at once, see what was detected, map odd CSVs, read the report."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import state, theme_engine
from dashboard.i18n import channel_names, current_language, t
from dashboard.plain_text import md
from ingest.detect import ACCEPTED_SUFFIXES
from ingest.errors import KlantstemError, MappingRequired
from ingest.mapping import header_key
from ingest.schema import CHANNELS
from ingest.settings import ColumnMapping
from workspace.imports import FileImport, import_bytes, remember_mapping

TYPES = sorted(suffix.lstrip(".") for suffix in ACCEPTED_SUFFIXES if suffix)
REPORT = state.UPLOAD_REPORT
PENDING = state.UPLOAD_MAPPINGS
SORTED = state.UPLOAD_SORTED


def render() -> None:
    st.title(t("upload.title"))
    st.write(t("upload.intro"))
    files = st.file_uploader(
        t("upload.files"), type=TYPES, accept_multiple_files=True, key="upload_files"
    )
    if files and st.button(
        t("upload.start").format(n=len(files)), type="primary", key="upload_start"
    ):
        state.remember(REPORT, [])
        state.remember(PENDING, [])
        _import_all([(f.name, f.getvalue()) for f in files])
    for pending in list(state.remembered(PENDING, [])):
        _mapping_form(pending)
    _report(state.remembered(REPORT, []))


def _import_all(uploads: list[tuple[str, bytes]]) -> None:
    ws = state.workspace()
    bar = st.progress(0.0, text=t("upload.progress.start"))
    n = len(uploads)
    for index, (name, data) in enumerate(uploads):

        def step(stage: str, fraction: float, index: int = index, name: str = name) -> None:
            bar.progress(
                min(0.7 * (index + fraction) / n, 0.7),
                text=md(t("upload.progress.file").format(file=name, i=index + 1, n=n)),
            )

        step("reading", 0.0)
        _import_one(ws, name, data, progress=step)
    _assign(bar)


def _import_one(
    ws,
    name: str,
    data: bytes,
    *,
    mapping: ColumnMapping | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> None:
    try:
        result = import_bytes(ws, data, name, mapping=mapping, progress=progress)
    except MappingRequired as exc:
        state.remember(
            PENDING,
            [
                *state.remembered(PENDING, []),
                {"name": name, "data": data, "columns": list(exc.columns), "message": str(exc)},
            ],
        )
        return
    except KlantstemError as exc:
        result = FileImport(name, "", 0, 0, (), error=str(exc))
    state.remember(REPORT, [*state.remembered(REPORT, []), result])


def _assign(bar) -> None:
    def step(stage: str, fraction: float) -> None:
        bar.progress(0.7 + 0.3 * max(0.0, min(fraction, 1.0)), text=t("upload.progress.themes"))

    bar.progress(0.7, text=t("upload.progress.themes"))
    try:
        report = theme_engine.assign_new(state.workspace(), progress=step)
    except KlantstemError as exc:
        st.error(md(str(exc)))
        return
    bar.progress(1.0, text=t("upload.progress.done"))
    state.remember(SORTED, (report.assigned, report.unsorted, len(report.proposed_themes)))


def _mapping_form(pending: dict) -> None:
    name, columns = pending["name"], pending["columns"]
    none = ""
    st.subheader(md(t("upload.mapping.title").format(file=name)))
    st.caption(md(pending["message"]))
    names = channel_names(current_language())
    with st.form(f"mapping_{name}"):
        text = st.selectbox(t("upload.mapping.text"), columns, key=f"map_text_{name}")
        optional = [none, *columns]
        label = {none: t("upload.mapping.none")}
        date = st.selectbox(
            t("upload.mapping.date"),
            optional,
            key=f"map_date_{name}",
            format_func=lambda c: label.get(c, c),
        )
        rating = st.selectbox(
            t("upload.mapping.rating"),
            optional,
            key=f"map_rating_{name}",
            format_func=lambda c: label.get(c, c),
        )
        channel = st.selectbox(
            t("upload.mapping.channel"),
            optional,
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
        text=text, date=date, rating=rating, channel=channel, default_channel=default_channel
    )
    ws = state.workspace()
    try:
        remember_mapping(ws, header_key(columns), mapping)
    except KlantstemError as exc:
        st.error(md(str(exc)))
        return
    state.remember(PENDING, [p for p in state.remembered(PENDING, []) if p["name"] != name])
    _import_one(ws, name, pending["data"], mapping=mapping)
    _assign(st.progress(0.7))
    st.rerun()


def _report(results: list[FileImport]) -> None:
    if not results:
        return
    st.subheader(t("upload.report"))
    added = sum(r.added for r in results)
    duplicates = sum(r.duplicates for r in results)
    problems = [p for r in results for p in r.problems]
    cols = st.columns(3)
    cols[0].metric(t("upload.added"), f"{added:,}")
    cols[1].metric(t("upload.duplicates"), f"{duplicates:,}")
    cols[2].metric(t("upload.problems"), f"{len(problems):,}")
    sorted_counts = state.remembered(SORTED)
    if sorted_counts:
        st.caption(
            md(
                t("upload.sorted").format(
                    assigned=sorted_counts[0], unsorted=sorted_counts[1], proposed=sorted_counts[2]
                )
            )
        )
    st.dataframe(
        [
            {
                t("upload.col.file"): r.file,
                t("upload.col.format"): r.detected_format or "—",
                t("upload.added"): r.added,
                t("upload.duplicates"): r.duplicates,
                t("upload.problems"): len(r.problems),
                t("upload.col.error"): r.error,
            }
            for r in results
        ],
        hide_index=True,
        width="stretch",
        key="upload_files_table",
    )
    for r in results:
        if r.batch_id is None or r.added == 0:
            continue
        with st.expander(
            md(t("upload.preview").format(file=r.file, n=r.added)), expanded=len(results) == 1
        ):
            st.dataframe(
                state.query_all("batch_preview", r.batch_id, limit=5),
                hide_index=True,
                width="stretch",
            )
    if problems:
        st.subheader(t("upload.problems_title"))
        st.dataframe(
            [
                {
                    t("upload.col.file"): p.file,
                    t("upload.col.line"): p.line,
                    t("upload.col.severity"): p.severity,
                    t("upload.col.message"): p.message,
                }
                for p in problems
            ],
            hide_index=True,
            width="stretch",
            key="upload_problems_table",
        )
