"""Dutch end to end in a real Chromium: every page in Dutch through the menu, a reload, a row
click on the Themes page and a typed URL keep Dutch; no English catalogue string shows; the
numbers and dates are Dutch. The workspace holds the sample data plus a Google Play export
from 2016, so the charts must still show the recent weeks readably.

The server's default language is English (``KLANTSTEM_LANG=en``): Dutch comes only from the
URL and the session, which is what this test is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import REPO_ROOT, DashboardServer, wait_idle
from tests.dutch_phrases import english_phrases_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:Arrow output on a DB-API result:UserWarning"),
]

OLD_EXPORT = REPO_ROOT / "tests" / "fixtures" / "reviews_nl.klantstem.app_201603.csv"
MENU_NL = {
    "overview": "Overzicht",
    "themes": "Thema's",
    "trends": "Trends per kanaal",
    "unsorted": "Ongesorteerd",
    "search": "Zoeken",
    "upload": "Uploaden",
    "summary": "Weekoverzicht",
}
# Streamlit's own English that a Dutch screen must not show either.
STREAMLIT_ENGLISH = (
    "Drag and drop files here",
    "per file",
    "Browse files",
    "Press Enter",
    "Press ⌘+Enter",
)
DUTCH_MONTH = r"\b\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)(?![a-z])"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Sample data plus the 2016 Google Play export, themes by the TF-IDF embedder."""
    from analysis.embedders import get_embedder
    from workspace.db import Workspace
    from workspace.imports import export_files, import_files
    from workspace.refresh import refresh_themes

    files = [*export_files([REPO_ROOT / "sample_data"])[0], OLD_EXPORT]
    path = tmp_path_factory.mktemp("dutch") / "dutch.duckdb"
    with Workspace.open(path) as ws:
        report = import_files(ws, files)
        assert any(f.detected_format == "google_play" and f.added for f in report.files)
        ws.set_setting("embedder", "tfidf")
        refresh_themes(ws, embedder=get_embedder("tfidf"))
    with DashboardServer(path, lang="en") as running:
        yield running


# Opening a page's own URL (/themes) makes Streamlit's frontend first probe /themes/_stcore/...
# for a server behind a path prefix, then fall back to /; those two 404s are not errors.
PREFIX_PROBE = re.compile(r"/[a-z]+/_stcore/(health|host-config)$")


def watched_page(browser, width: int, height: int) -> Iterator:
    """A page like the shared fixture's (fails on any console error or HTTP error), minus
    the prefix probes, in a ``width`` x ``height`` window."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    probes: list[str] = []

    def on_response(response) -> None:
        if response.status >= 400:
            (probes if PREFIX_PROBE.search(response.url) else errors).append(
                f"HTTP {response.status}: {response.url}"
            )

    def on_console(msg) -> None:
        if msg.type == "error" and not (probes and "404" in msg.text):
            errors.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", on_response)
    yield page
    context.close()
    assert not errors, f"browser console errors: {errors}"


@pytest.fixture
def page(browser, artifacts):
    yield from watched_page(browser, 1400, 1000)


def screen_text(page) -> str:
    """The visible text of the page minus customer feedback (st.text), which may be English,
    and minus the date fields' masks, whose text is not what they draw (see date_masks)."""
    text = page.locator("body").inner_text()
    for quote in page.locator("[data-testid='stText']").all_inner_texts():
        text = text.replace(quote, " ")
    for field in page.locator("[data-testid='stDateInputField']").all_inner_texts():
        text = text.replace(field, " ")  # drawn otherwise: see date_masks
    return text


def assert_dutch(page, where: str) -> None:
    assert parse_qs(urlparse(page.url).query).get("lang") == ["nl"], (where, page.url)
    text = screen_text(page)
    found = english_phrases_in(text)
    found += [p for p in STREAMLIT_ENGLISH if p in text]
    found += [f"date mask {m!r}" for m in date_masks(page) if "yyyy" in m]
    assert not found, f"English on the Dutch {where} page: {found}"
    menu = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Overzicht" in menu and "Overview" not in menu, where


def date_masks(page) -> list[str]:
    """The empty date fields' masks as drawn ("dd-mm-jjjj"): each part's text, or what its
    ``::after`` draws where the text itself is drawn at size 0."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stDateInput] [role=group]')]
            .map(g => [...g.querySelectorAll('[data-type]')].map(e => {
                const after = getComputedStyle(e, '::after').content;
                const hidden = getComputedStyle(e).fontSize === '0px';
                return hidden && after !== 'none' ? after.replaceAll('"', '') : e.textContent;
            }).join(''))"""
    )


def shot(page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def metric_value(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def test_dutch_stays_dutch_everywhere(server, page, artifacts):
    page.goto(f"{server.url}/?lang=nl", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overzicht").wait_for(timeout=60_000)
    wait_idle(page)
    items = metric_value(page, "Feedbackberichten")
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", items), items  # 3.154, not 3,154
    assert re.search(r"^([+\u2212]\d,\d\d|0,00)$", metric_value(page, "Sentiment deze week"))
    assert re.search(r"^\d+(,\d+)?%$", metric_value(page, "In thema's ingedeeld"))
    assert_dutch(page, "overview")
    assert date_masks(page) == ["dd-mm-jjjj", "dd-mm-jjjj"]  # the filters' empty dates
    shot(page, artifacts, "dutch-overview-nl")

    for key, label in MENU_NL.items():
        page.locator("[data-testid='stSidebarNav']").get_by_role(
            "link", name=label, exact=True
        ).click()
        page.wait_for_url(re.compile(rf"/{key if key != 'overview' else ''}(\?|$)"))
        page.get_by_role("heading", name=label, exact=True).first.wait_for(timeout=60_000)
        wait_idle(page)
        if key == "themes":  # the top themes, closed: their themes are one click away
            page.locator("[data-testid='stExpander'] summary").first.wait_for()
        if key == "search":  # with a query typed: Streamlit's input hints are English
            box = page.get_by_label("Feedback doorzoeken")
            box.fill("bezorging te laat")
            box.press("Enter")
            page.get_by_text(re.compile(r"treffer")).first.wait_for(timeout=60_000)
            wait_idle(page)
        assert_dutch(page, key)
        shot(page, artifacts, f"dutch-{key}-nl")

    page.reload(wait_until="domcontentloaded")
    page.get_by_role("heading", name="Weekoverzicht").wait_for(timeout=60_000)
    wait_idle(page)
    assert_dutch(page, "summary after a reload")

    page.goto(f"{server.url}/themes?lang=nl", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Thema's", exact=True).first.wait_for(timeout=60_000)
    wait_idle(page)
    assert_dutch(page, "themes opened by URL")
    top = page.locator("[data-testid='stExpander']").first  # the largest top theme
    top.locator("summary").click()
    grid = top.locator("[data-testid='stDataFrame']").first
    grid.locator("canvas").first.wait_for()
    wait_idle(page)
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_url(re.compile(r"/theme\?"), timeout=30_000)
    page.get_by_role("link", name="← Alle thema's").wait_for(timeout=60_000)
    # quote dates as "31 mei 2026"
    captions = page.locator("[data-testid='stCaptionContainer']")
    captions.filter(has_text=re.compile(DUTCH_MONTH)).first.wait_for(timeout=60_000)
    wait_idle(page)
    assert_dutch(page, "theme after a row click")
    shot(page, artifacts, "dutch-theme-nl")


def week_ticks(page, chart: str, timeout_ms: int = 30_000) -> list[str]:
    """The x tick labels of ``chart`` once plotly has written them (it draws them empty first)."""
    plot = page.locator(chart).first
    plot.wait_for(timeout=60_000)
    waited = 0
    while True:
        ticks = [t for t in plot.locator(".xtick").all_text_contents() if t.strip()]
        if ticks or waited >= timeout_ms:
            return ticks
        page.wait_for_timeout(250)
        waited += 250


def test_old_import_keeps_recent_weeks_readable(server, page, artifacts):
    """A 2016 export in the workspace: the weekly charts still show the last 26 weeks."""
    page.goto(f"{server.url}/trends?lang=nl", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Trends per kanaal").wait_for(timeout=60_000)
    wait_idle(page)
    ticks = week_ticks(page, ".st-key-trends_weekly .js-plotly-plot")
    assert ticks and not any("2016" in t for t in ticks), ticks
    assert any(re.search(DUTCH_MONTH, t) for t in ticks), ticks
    shot(page, artifacts, "dutch-trends-2016-import-nl")

    # widening the range to all weeks reaches back to 2016, every tick with its year
    ticks = []
    for _attempt in range(3):  # a rerun that starts under the click closes the list again
        page.get_by_role("combobox", name="Weken in de grafieken").click()
        page.get_by_role("option", name="Alle weken", exact=True).click()
        wait_idle(page)
        ticks = week_ticks(page, ".st-key-trends_weekly .js-plotly-plot")
        if any("2017" in t for t in ticks):
            break
    assert ticks and all(re.search(r"\b20[12]\d\b", t) for t in ticks), ticks
    assert any("2017" in t for t in ticks) and any("2026" in t for t in ticks), ticks
    shot(page, artifacts, "dutch-trends-2016-import-all-weeks-nl")
    page.goto(f"{server.url}/?lang=nl", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overzicht").wait_for(timeout=60_000)
    wait_idle(page)
    page.locator(".js-plotly-plot").nth(1).wait_for()
    shot(page, artifacts, "dutch-overview-2016-import-nl")
