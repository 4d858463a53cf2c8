"""The dashboard's pages, declared once. ``app.py`` hands them to ``st.navigation``; views
link to one another through :mod:`dashboard.page_registry` (keys and registered pages), so
this module imports the views (each when its page is first shown) and no view imports it."""

from __future__ import annotations

import importlib
from collections.abc import Callable

import streamlit as st

from dashboard import page_registry as pages
from dashboard.i18n import t

VIEWS: dict[str, str] = {
    pages.OVERVIEW: "overview",
    pages.THEMES: "theme_list",
    pages.THEME: "theme_detail",
    pages.TRENDS: "trends",
    pages.UNSORTED: "unsorted",
    pages.SEARCH: "search_page",
    pages.UPLOAD: "upload",
    pages.SUMMARY: "summary",
}
"""The module in ``dashboard/views/`` that renders each page."""


def renderer(key: str) -> Callable[[], None]:
    """The ``render`` of ``key``'s view, imported when the page is first shown.

    A first visit draws the Overview without importing the other views (the upload view's
    readers, the theme engine, the summary renderer): they load when their page is opened.
    """

    def render() -> None:
        importlib.import_module(f"dashboard.views.{VIEWS[key]}").render()

    render.__name__ = f"render_{key}"
    return render


def build(start: str = pages.OVERVIEW) -> list[st.Page]:
    """Every page, in menu order; ``start`` is the default page (tests start elsewhere).

    No icons: Streamlit fetches ``:material/...:`` icons from Google's servers (the dashboard
    must not call out), and headless Chromium on Debian has no emoji font.
    """
    built = {
        key: st.Page(
            renderer(key),
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
