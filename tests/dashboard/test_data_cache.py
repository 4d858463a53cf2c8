"""The dashboard's query cache (``dashboard/data.py``): one entry per query, whatever way a
view spells its arguments."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, state
from workspace.db import Workspace
from workspace.queries import Filters


def test_defaults_spelled_out_or_left_out_are_one_cache_entry(themed_workspace):
    calls: list[tuple[str, str]] = []

    def table(
        ws: Workspace, filters: Filters | None = None, *, lang: str = "en", order: str = "items"
    ) -> pd.DataFrame:
        calls.append((lang, order))
        return pd.DataFrame({"call": [len(calls)]})

    cached = data._filtered(table)
    st.cache_data.clear()
    first = cached(lang="en")  # the Overview's call
    again = cached(lang="en", order="items")  # the Themes page's
    other = cached(lang="en", order="label")
    assert calls == [("en", "items"), ("en", "label")]
    assert first.equals(again) and not first.equals(other)


def test_the_weeks_flags_are_decided_once_for_every_query_that_lists_them(
    themed_workspace, monkeypatch
):
    from workspace import trends

    decided: list[str] = []
    decide = trends.theme_trends_for_week

    def counting(*args, **kwargs):
        decided.append(args[1])
        return decide(*args, **kwargs)

    monkeypatch.setattr(trends, "theme_trends_for_week", counting)
    st.cache_data.clear()
    flagged = data.flagged_themes(lang="en")
    rise = data.largest_unflagged_rise(lang="en")
    table = data.theme_table(lang="en")
    assert len(decided) == 1  # the three share one decision
    ws = state.workspace()  # the dashboard's own connection: the same results, uncached
    pd.testing.assert_frame_equal(flagged, trends.flagged_themes(ws, lang="en"))
    assert rise == trends.largest_unflagged_rise(ws, lang="en")
    pd.testing.assert_frame_equal(table, trends.theme_table_with_trends(ws, lang="en"))
