"""The dashboard's page keys and the pages registered under them in this run.

Views link to one another through here (``st.page_link(page_registry.page(THEME), ...)``);
``dashboard/routes.py`` builds the pages and registers them. Imports run one way:
routes → views → page_registry, never back.
"""

from __future__ import annotations

import streamlit as st

OVERVIEW = "overview"
THEMES = "themes"
THEME = "theme"
TRENDS = "trends"
UNSORTED = "unsorted"
SEARCH = "search"
UPLOAD = "upload"
SUMMARY = "summary"

ORDER = (OVERVIEW, THEMES, THEME, TRENDS, UNSORTED, SEARCH, UPLOAD, SUMMARY)
"""Menu order."""

HIDDEN = frozenset({THEME})
"""Pages reached by links only (the theme page needs a theme)."""

_PAGES: dict[str, st.Page] = {}


def register(pages: dict[str, st.Page]) -> None:
    """Replace the registered pages (``routes.build`` does this on every run)."""
    _PAGES.clear()
    _PAGES.update(pages)


def page(key: str) -> st.Page:
    """The page registered under ``key`` in this run."""
    return _PAGES[key]
