"""The dashboard's query cache (``dashboard/data.py``): one entry per query, whatever way a
view spells its arguments."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
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
