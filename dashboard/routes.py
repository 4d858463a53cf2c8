"""The dashboard's pages, declared once. ``app.py`` hands them to ``st.navigation``; views
link to one another through :mod:`dashboard.page_registry` (keys and registered pages), so
this module imports the views and no view imports it."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import page_registry as pages
from dashboard.i18n import t
from dashboard.views import (
    overview,
    search_page,
    summary,
    theme_detail,
    theme_list,
    trends,
    unsorted,
    upload,
)

RENDERERS: dict[str, Callable[[], None]] = {
    pages.OVERVIEW: overview.render,
    pages.THEMES: theme_list.render,
    pages.THEME: theme_detail.render,
    pages.TRENDS: trends.render,
    pages.UNSORTED: unsorted.render,
    pages.SEARCH: search_page.render,
    pages.UPLOAD: upload.render,
    pages.SUMMARY: summary.render,
}


def build(start: str = pages.OVERVIEW) -> list[st.Page]:
    """Every page, in menu order; ``start`` is the default page (tests start elsewhere).

    No icons: Streamlit fetches ``:material/...:`` icons from Google's servers (the dashboard
    must not call out), and headless Chromium on Debian has no emoji font.
    """
    built = {
        key: st.Page(
            RENDERERS[key],
            title=t(f"nav.{key}"),
            url_path=key,
            default=key == start,
            visibility="hidden" if key in pages.HIDDEN else "visible",
        )
        for key in pages.ORDER
    }
    pages.register(built)
    return list(built.values())


def page(key: str) -> st.Page:
    """The page registered under ``key`` in this run (kept for callers of the old name)."""
    return pages.page(key)
