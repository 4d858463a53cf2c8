"""Search: find feedback by meaning (semantic) or by words (keyword), under the filters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import downloads, state
from dashboard import formatting as fmt
from dashboard.i18n import channel_names, current_language, plural, t
from dashboard.plain_text import md
from dashboard.problem_text import error_message
from ingest.errors import KlantstemError
from workspace.search import FETCHED, MIN_MEANING_SCORE, hits

MODES = ("semantic", "keyword")
SHOWN = 50
"""Hits listed on the page (the count covers up to :data:`workspace.search.FETCHED`)."""


def render() -> None:
    st.title(t("search.title"))
    lang = current_language()
    with st.form("search_form", border=False):
        text_col, mode_col, go_col = st.columns([5, 2, 1], vertical_alignment="bottom")
        text = text_col.text_input(
            t("search.query"), key="search_query", placeholder=t("search.placeholder")
        )
        mode = mode_col.radio(
            t("search.mode"),
            MODES,
            key=f"search_mode_{lang}",  # a keyed widget keeps its first labels
            horizontal=True,
            format_func=lambda m: t(f"search.mode.{m}", lang),
        )
        go_col.form_submit_button(t("search.go"), type="primary")
    if not text.strip():
        st.caption(t("search.hint"))
        return
    try:
        with st.spinner(t("search.running")):
            results = state.search(mode, text, limit=FETCHED)
    except KlantstemError as exc:
        st.error(md(error_message(exc, current_language())))
        return
    if results is None:
        st.info(t("search.no_vectors"))
        results = state.search("keyword", text, limit=FETCHED)
        mode = "keyword"
    found = hits(results, "meaning" if mode == "semantic" else "words", SHOWN)
    if found.rows.empty:
        st.info(
            t("search.nothing_relevant").format(score=fmt.number(MIN_MEANING_SCORE, lang, 2))
            if mode == "semantic" and not results.empty
            else t("search.nothing")
        )
        return
    results = found.rows
    names = channel_names(lang)
    shown = results.assign(
        channel=[names.get(c, c) for c in results["channel"]],
        theme=[t("search.unsorted") if pd.isna(v) else v for v in results["theme"]],
        language=[fmt.language_name(c, lang) for c in results["language"]],
        # as text in the UI language's notation (Streamlit's number formats know only the
        # point); the rows come best first
        score=[fmt.number(v, lang, 2) for v in results["score"]],
        rating=[
            fmt.rating(r, m, lang)
            for r, m in zip(results["rating"], results["rating_scale_max"], strict=True)
        ],
    )[["score", "received_at", "channel", "rating", "language", "theme", "text"]]
    count = _count_text(found.total, len(shown), found.capped, lang, newest=mode == "keyword")
    if mode == "semantic":
        count += " " + t("search.min_score").format(score=fmt.number(MIN_MEANING_SCORE, lang, 2))
    st.caption(md(count))
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="search_results",
        column_config={
            "score": st.column_config.TextColumn(
                t("search.relevance"), help=t(f"search.relevance_help.{mode}"), width="small"
            ),
            "received_at": st.column_config.DatetimeColumn(t("col.date"), format=fmt.TABLE_DATE),
            "channel": st.column_config.TextColumn(t("col.channel")),
            "rating": st.column_config.TextColumn(t("col.rating"), width="small"),
            "language": st.column_config.TextColumn(t("col.language")),
            "theme": st.column_config.TextColumn(t("col.theme")),
            "text": st.column_config.TextColumn(t("col.text"), width="large"),
        },
    )
    st.download_button(
        t("search.download"),
        data=downloads.search_csv(results, lang),
        file_name=t("file.search", lang),
        mime="text/csv",
        key="search_download",
    )


def _count_text(total: int, shown: int, capped: bool, lang: str, *, newest: bool = False) -> str:
    """The hit count: "42 hits." when all are listed, "1 hit.", else how many are listed of
    how many: the best (by meaning) or, with ``newest`` (by words, newest first), the newest."""
    if not (capped or shown < total):
        return plural("search.hits", total, lang)
    key = ("search.count_more" if capped else "search.count") + ("_newest" if newest else "")
    return t(key, lang).format(n=fmt.number(total, lang), shown=fmt.number(shown, lang))
