"""Hostile feedback text and theme names never become markup on any page."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.plain_text import md
from tests.dashboard.conftest import XSS, build_workspace, chart_spec
from tests.dashboard.test_pages import PAGES, page_script

# Elements that render their content as plain text (or as data), never as Markdown/HTML.
PLAIN = {
    "text",
    "code",
    "arrow_data_frame",
    "dataframe",
    "selectbox",
    "multiselect",
    "text_input",
    "radio",
    "plotly_chart",
}
# What a payload looks like once it has become markup (or is about to): an unescaped tag or
# link. Escaped text (``\\<img``, ``javascript\\:``) renders as the characters themselves.
MARKUP = re.compile(r"(?<!\\)<(script|img)|(?<!\\)\]\(javascript|javascript:alert")


@pytest.fixture
def hostile_workspace(tmp_path, monkeypatch):
    path = build_workspace(tmp_path / "hostile.duckdb", hostile=True)
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)
    return path


def rendered(at: AppTest):
    for block in (at.sidebar, at.main):
        yield from block


def plotly_text(element) -> str:
    """Every string plotly would draw (labels, names, hover text), as one text."""
    return str(chart_spec(element))


@pytest.mark.parametrize(
    ("page", "setup"),
    [pytest.param(p, None, id=p) for p in (*PAGES, "summary")]
    + [
        pytest.param("theme", {"theme": "1"}, id="theme-1"),
        pytest.param("theme", {"theme": "3"}, id="theme-3"),
    ],
)
def test_no_payload_becomes_markup(hostile_workspace, page, setup):
    at = AppTest.from_function(page_script, args=(page,), default_timeout=60)
    for key, value in (setup or {}).items():
        at.query_params[key] = value
    at.run()
    if page == "search":
        at.text_input(key="search_query").set_value("alert")
        at.radio(key="search_mode_en").set_value("keyword")
        at.button[0].click().run()
    if page == "summary" and at.exception:
        pytest.skip(f"the summary page (another module) fails on its own: {at.exception[0].value}")
    assert not at.exception
    shown_plain = []
    for element in rendered(at):
        kind = getattr(element, "type", "")
        if kind == "plotly_chart":
            text = plotly_text(element)
            # plotly draws a subset of HTML (<a href>, <b>, ...) but no Markdown.
            assert not re.search(r"<(script|img|a)\b", text), f"{page}: plotly markup"
            continue
        if kind in {"iframe", "html"}:
            # HTML documents (the summary preview): Markdown means nothing there, tags do.
            html_text = str(element.proto)
            assert XSS[0] not in html_text and "<img src=x onerror" not in html_text, page
            continue
        if kind in PLAIN:
            shown_plain.append(str(getattr(element, "value", "")))
            continue
        proto = str(getattr(element, "proto", ""))
        found = MARKUP.search(proto)
        assert found is None, f"{page}: {kind} renders {found.group(0)!r} as markup: {proto[:300]}"
    if page in {"theme", "search", "unsorted"}:
        # Not vacuous: the payload is on the page, as plain text or table cells.
        cells = [str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()]
        assert any(x in s for x in XSS for s in shown_plain + cells), f"{page}: payload not shown"


@pytest.mark.parametrize("payload", XSS)
def test_md_escape_leaves_no_markdown_or_html(payload):
    escaped = md(payload)
    assert "<" not in escaped.replace("\\<", "")
    assert "](" not in escaped
