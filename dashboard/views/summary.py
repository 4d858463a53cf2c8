"""Weekly summary: pick a week (and a channel), preview the e-mailable HTML, download any format."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from analysis.summary_render import FORMATS, MEDIA_TYPES
from dashboard import data as dashboard_data
from dashboard import state
from dashboard.formatting import day_month, week_name
from dashboard.i18n import channel_names, current_language, t
from dashboard.problem_text import error_message
from ingest.errors import KlantstemError
from workspace.localtime import LatestWeek
from workspace.summary import (
    render_summary,
    resolve_week,
    summary_filename,
    summary_weeks,
    weekly_summary,
)
from workspace.weeks import latest_week


# Cached here rather than in dashboard/data.py: the result is a set of files, not a frame.
@st.cache_data(show_spinner=False, max_entries=32)
def _weeks(path: str, version: int, today: str) -> tuple[list[str], str, LatestWeek]:
    """The weeks with items, the last complete one and the latest week (``today`` keys the
    cache: whether a week is over changes with the calendar)."""
    ws = state.workspace()
    return summary_weeks(ws), resolve_week(ws, "last"), latest_week(ws)


# Rendered when the page is drawn; Excel (openpyxl: ~0.3 s the first time in a process) is
# rendered only when its button is clicked, from the summary already built.
EAGER = ("md", "html", "csv")


@st.cache_data(show_spinner=False, max_entries=32)
def _files(
    path: str, version: int, today: str, week: str, channel: str, lang: str
) -> dict[str, Any]:
    summary = weekly_summary(state.workspace(), week, channel or None, lang)
    files: dict[str, Any] = {
        fmt: (summary_filename(summary, fmt, lang), render_summary(summary, fmt, lang))
        for fmt in EAGER
    }
    files["summary"] = summary
    return files


def _week_option(week: str, last: str, latest: LatestWeek, lang: str) -> str:
    """``Week 47 van 2026 (laatste volledige week)``, ``Week 48 van 2026 (t/m 25 nov, nog
    niet om)``: the week's name (:func:`analysis.localtime.week_name`), not its code."""
    name = week_name(week, lang, capital=True)
    if week == last:
        return t("summary.week_latest", lang).format(week=name)
    if week == latest.week and not latest.over and latest.last_day is not None:
        day = day_month(latest.last_day, lang)
        return t("summary.week_unfinished", lang).format(week=name, day=day)
    return name


def render() -> None:
    st.title(t("summary.title"))
    st.caption(t("summary.intro"))
    lang = current_language()
    path, version = state.workspace_path(), state.data_version()
    today = dashboard_data.today_key()
    weeks, last, latest = _weeks(path, version, today)
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
        format_func=lambda w: _week_option(w, last, latest, lang),
        key=f"summary_week_{lang}",  # a keyed widget keeps its first labels
    )
    channel = right.selectbox(
        t("summary.channel"),
        channels,
        format_func=lambda c: names.get(c, c) if c else t("summary.all_channels", lang),
        key=f"summary_channel_{lang}",
    )
    try:
        files = _files(path, version, today, week, channel, lang)
    except KlantstemError as exc:
        st.error(error_message(exc, current_language()))
        return
    st.subheader(t("summary.download"))
    summary = files["summary"]
    for column, fmt in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        if fmt in EAGER:
            file_name, data = files[fmt]
        else:  # pure: runs on its own thread at the click, without the workspace
            file_name = summary_filename(summary, fmt, lang)
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
