"""Weekly summary: pick a week (and a channel), preview the e-mailable HTML, download any format."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from analysis.summary_render import FORMATS, MEDIA_TYPES
from dashboard import data as dashboard_data
from dashboard import state
from dashboard.i18n import channel_names, current_language, t
from dashboard.problem_text import error_message
from ingest.errors import KlantstemError
from workspace.summary import (
    render_summary,
    resolve_week,
    summary_filename,
    summary_weeks,
    weekly_summary,
)


# Cached here rather than in dashboard/data.py: the result is a set of files, not a frame.
@st.cache_data(show_spinner=False, max_entries=32)
def _weeks(path: str, version: int) -> tuple[list[str], str]:
    ws = state.workspace()
    return summary_weeks(ws), resolve_week(ws, "last")


# Rendered when the page is drawn; Excel (openpyxl: ~0.3 s the first time in a process) is
# rendered only when its button is clicked, from the summary already built.
EAGER = ("md", "html", "csv")


@st.cache_data(show_spinner=False, max_entries=32)
def _files(path: str, version: int, week: str, channel: str, lang: str) -> dict[str, Any]:
    summary = weekly_summary(state.workspace(), week, channel or None, lang)
    files: dict[str, Any] = {
        fmt: (summary_filename(summary, fmt), render_summary(summary, fmt, lang)) for fmt in EAGER
    }
    files["summary"] = summary
    return files


def render() -> None:
    st.title(t("summary.title"))
    st.caption(t("summary.intro"))
    lang = current_language()
    path, version = state.workspace_path(), state.data_version()
    weeks, last = _weeks(path, version)
    if not weeks:
        st.info(t("summary.empty"))
        return
    if last not in weeks:
        weeks = sorted({*weeks, last}, reverse=True)
    names = channel_names(lang)
    channels = ["", *dashboard_data.filter_options().channels]
    left, right = st.columns(2)
    week = left.selectbox(
        t("summary.week"),
        weeks,
        index=weeks.index(last),
        format_func=lambda w: t("summary.week_latest", lang).format(week=w) if w == last else w,
        key=f"summary_week_{lang}",  # a keyed widget keeps its first labels
    )
    channel = right.selectbox(
        t("summary.channel"),
        channels,
        format_func=lambda c: names.get(c, c) if c else t("summary.all_channels", lang),
        key=f"summary_channel_{lang}",
    )
    try:
        files = _files(path, version, week, channel, lang)
    except KlantstemError as exc:
        st.error(error_message(exc, current_language()))
        return
    st.subheader(t("summary.download"))
    summary = files["summary"]
    for column, fmt in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        if fmt in EAGER:
            file_name, data = files[fmt]
        else:  # pure: runs on its own thread at the click, without the workspace
            file_name = summary_filename(summary, fmt)
            data = partial(render_summary, summary, fmt, lang)
        column.download_button(
            t(f"summary.download.{fmt}"),
            data=data,
            file_name=file_name,
            mime=MEDIA_TYPES[fmt],
            on_click="ignore",
            key=f"summary_download_{fmt}",
        )
    st.subheader(t("summary.preview"))
    # Our own HTML: every customer text in it is escaped and it has no script and no URL.
    st.iframe(files["html"][1].decode("utf-8"), height="content")  # no scroll in a scroll
    with st.expander(t("summary.markdown")):
        st.code(files["md"][1].decode("utf-8"), language="markdown")
