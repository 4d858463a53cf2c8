"""Session state and caching, in one place.

The workspace is a cached resource (one DuckDB connection per server process); query results
are cached data keyed by the workspace's ``data_version`` so every write refreshes them.
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from workspace.db import ENV_VAR, Workspace, default_workspace_path
from workspace.queries import Filters, WorkspaceCounts, weekly_channel_counts, workspace_counts


def workspace_path() -> str:
    return str(os.environ.get(ENV_VAR) or default_workspace_path())


@st.cache_resource
def _open(path: str) -> Workspace:
    return Workspace(path)


def workspace() -> Workspace:
    """The workspace this dashboard serves."""
    return _open(workspace_path())


def data_version() -> int:
    return workspace().data_version


def filters() -> Filters:
    return st.session_state.get("filters", Filters())


@st.cache_data(show_spinner=False)
def cached_counts(path: str, version: int, flt: Filters) -> WorkspaceCounts:
    return workspace_counts(_open(path), flt)


@st.cache_data(show_spinner=False)
def cached_weekly_channel_counts(path: str, version: int, flt: Filters) -> pd.DataFrame:
    return weekly_channel_counts(_open(path), flt)


def sidebar() -> None:
    """Language switch and workspace name; filters join here."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = os.environ.get("KLANTSTEM_LANG", DEFAULT_LANGUAGE)
    with st.sidebar:
        st.selectbox(
            t("sidebar.language"),
            options=list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            key="lang",
        )
        st.caption(f"{t('sidebar.workspace')}: {os.path.basename(workspace_path())}")
