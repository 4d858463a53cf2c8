"""The sidebar every page shares: language switch, workspace name and the filters."""

from __future__ import annotations

import os
from datetime import date

import streamlit as st

from dashboard import data, state
from dashboard.figures import WEEK_CHOICES
from dashboard.formatting import TABLE_DATE, language_name
from dashboard.i18n import LANGUAGES, channel_names, current_language, t
from workspace.queries import Filters


def _as_iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else ""


def render() -> None:
    """Language switch, workspace name and the filters every page shares."""
    with st.sidebar:
        # Its own key: "lang" itself is plain session state (a widget's state is dropped on a
        # page switch, which turned the interface English after a row click).
        st.session_state["lang_choice"] = current_language()
        st.selectbox(
            t("sidebar.language"),
            options=list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            key="lang_choice",
            on_change=lambda: state.choose_language(st.session_state["lang_choice"]),
        )
        st.caption(f"{t('sidebar.workspace')}: {os.path.basename(state.workspace_path())}")
        options = data.filter_options()
        st.subheader(t("filters.title"))
        lo = date.fromisoformat(options.first_day) if options.first_day else None
        hi = date.fromisoformat(options.last_day) if options.last_day else None
        start = st.date_input(
            t("filters.from"),
            value=None,
            min_value=lo,
            max_value=hi,
            key="filter_start",
            format=TABLE_DATE,
            help=t("filters.date_help"),
        )
        end = st.date_input(
            t("filters.to"),
            value=None,
            min_value=lo,
            max_value=hi,
            key="filter_end",
            format=TABLE_DATE,
            help=t("filters.date_help"),
        )
        lang = current_language()
        st.selectbox(
            t("filters.weeks"),
            WEEK_CHOICES,
            key=f"chart_weeks_{lang}",
            format_func=lambda n: (
                t("filters.weeks.n", lang).format(n=n) if n else t("filters.weeks.all", lang)
            ),
            help=t("filters.weeks_help"),
            on_change=lambda: state.remember(
                state.CHART_WEEKS, st.session_state[f"chart_weeks_{lang}"]
            ),
            index=WEEK_CHOICES.index(state.chart_weeks()),
        )
        names = channel_names(current_language())
        chosen_channels = st.multiselect(
            t("filters.channels"),
            options=list(options.channels),
            format_func=lambda c: names.get(c, c),
            key="filter_channels",
            placeholder=t("filters.all"),
        )
        chosen_languages = st.multiselect(
            t("filters.languages"),
            options=list(options.languages),
            format_func=lambda code: language_name(code, current_language()),
            key="filter_languages",
            placeholder=t("filters.all"),
        )
    state.set_filters(
        Filters(
            start=_as_iso(start),
            end=_as_iso(end),
            channels=tuple(sorted(chosen_channels)),
            languages=tuple(sorted(chosen_languages)),
        )
    )
