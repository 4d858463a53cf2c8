"""The dashboard's pages, declared once. ``app.py`` hands them to ``st.navigation``; views use
:func:`page` to link to one another (``st.page_link(routes.page("theme"), ...)``)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

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

_PAGES: dict[str, st.Page] = {}


def build(start: str = "overview") -> list[st.Page]:
    """Every page, in menu order; ``start`` is the default page (tests start elsewhere).

    No icons: Streamlit fetches ``:material/...:`` icons from Google's servers (the dashboard
    must not call out), and headless Chromium on Debian has no emoji font.
    """
    spec: list[tuple[str, Callable[[], None], str]] = [
        ("overview", overview.render, "nav.overview"),
        ("themes", theme_list.render, "nav.themes"),
        ("theme", theme_detail.render, "nav.theme"),
        ("trends", trends.render, "nav.trends"),
        ("unsorted", unsorted.render, "nav.unsorted"),
        ("search", search_page.render, "nav.search"),
        ("upload", upload.render, "nav.upload"),
        ("summary", summary.render, "nav.summary"),
    ]
    _PAGES.clear()
    for key, render, title in spec:
        _PAGES[key] = st.Page(
            render,
            title=t(title),
            url_path=key,
            default=key == start,
            visibility="hidden" if key == "theme" else "visible",
        )
    return list(_PAGES.values())


def page(key: str) -> st.Page:
    """The page registered under ``key`` in this run."""
    return _PAGES[key]
