"""The theme tree in a real Chromium, in Dutch, at 1400 x 900: the Themes page lists top themes;
one opens to show its themes with every column in view; a row opens the theme. The Overview
and Trends start at top themes, named without ids.

Screenshots go to tests/artifacts (themes-tree-nl.png, theme-from-tree-nl.png,
overview-tops-nl.png, trends-tops-nl.png).
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import REPO_ROOT, DashboardServer, wait_idle
from tests.browser.test_dutch_browser import assert_dutch, watched_page, week_ticks

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:Arrow output on a DB-API result:UserWarning"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The sample data, themes and their tree by the TF-IDF embedder; English by default."""
    from analysis.embedders import get_embedder
    from workspace.db import Workspace
    from workspace.imports import export_files, import_files
    from workspace.refresh import refresh_themes

    path = tmp_path_factory.mktemp("tree") / "tree.duckdb"
    with Workspace.open(path) as ws:
        import_files(ws, export_files([REPO_ROOT / "sample_data"])[0])
        ws.set_setting("embedder", "tfidf")
        refresh_themes(ws, embedder=get_embedder("tfidf"))
    with DashboardServer(path, lang="en") as running:
        yield running


@pytest.fixture
def page(browser, artifacts):
    """A 1400 x 900 window that fails the test on any console error (as in
    test_dutch_browser.py)."""
    yield from watched_page(browser, 1400, 900)


TOP_LINE = re.compile(
    r"^.+ — [\d.]+ berichten · \d+,\d% · deze week [\d.]+ \(([+\u2212]\d+|±0)\).* · \d+ thema('s)?$"
)


def cells_when(grid, page, timeout_ms: int = 30_000) -> list[str]:
    """The grid's cell texts once the data grid has written them (it paints after mounting)."""
    waited = 0
    while True:
        cells = [c.strip() for c in grid.locator("td").all_inner_texts()]
        if cells or waited >= timeout_ms:
            return cells
        page.wait_for_timeout(250)
        waited += 250


def test_open_a_top_theme_and_one_of_its_themes_in_dutch(server, page, artifacts):
    page.goto(f"{server.url}/themes?lang=nl", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Thema's").first.wait_for(timeout=60_000)
    wait_idle(page)
    tops = page.locator("[data-testid='stExpander']").filter(has_text=" berichten · ")
    tops.first.wait_for(timeout=60_000)
    # the heading's text without the arrow icon's ligature name
    headings = [
        h.strip()
        for h in tops.locator("summary [data-testid='stMarkdownContainer']").all_inner_texts()
    ]
    assert len(headings) >= 2, headings
    assert all(TOP_LINE.match(h) for h in headings), headings
    assert_dutch(page, "themes tree")

    first = tops.first
    first.locator("summary").click()
    grid = first.locator("[data-testid='stDataFrame']")
    grid.locator("canvas").first.wait_for(timeout=30_000)
    wait_idle(page)
    grid.locator("th").first.wait_for(state="attached", timeout=30_000)  # written after paint
    header = [h.strip() for h in grid.locator("th").all_inner_texts()]
    assert header == [
        "Thema",
        "Berichten",
        "Aandeel",
        "Laatste 12 weken",
        "Deze week",
        "Sentiment",
        "Sterren",
        "Kanalen",
    ]
    cells = cells_when(grid, page)
    themes = cells[:: len(header)]
    count = int(re.search(r"· (\d+) thema", headings[0]).group(1))  # type: ignore[union-attr]
    assert len(themes) == count, (themes, headings[0])
    # every column in view: the grid scrolls neither sideways nor past the window
    scroller = grid.locator(".dvn-scroller").first
    assert scroller.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "a column is cut"
    box = grid.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1400
    page.wait_for_timeout(700)  # the data grid animates in
    page.screenshot(path=str(artifacts / "themes-tree-nl.png"))

    name = themes[0].removesuffix(" (voorgesteld)")
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_url(re.compile(r"/theme\?"), timeout=30_000)
    page.get_by_role("heading", name=name, exact=True).first.wait_for(timeout=60_000)
    page.get_by_text(re.compile(r"^Trefwoorden: ")).first.wait_for(timeout=30_000)
    if count > 1:  # a main theme of one theme has its name: no "Hoofdthema: <the same>"
        page.get_by_text(re.compile(r"^Hoofdthema: ")).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_dutch(page, "theme opened from the tree")
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    page.wait_for_timeout(700)
    page.screenshot(path=str(artifacts / "theme-from-tree-nl.png"))


def test_overview_and_trends_start_at_top_themes(server, page, artifacts):
    page.set_viewport_size({"width": 1400, "height": 1400})
    page.goto(f"{server.url}/?lang=nl", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overzicht").wait_for(timeout=60_000)
    wait_idle(page)
    level = page.locator("[class*='st-key-overview_level']").first
    level.wait_for(timeout=30_000)
    # the level control starts at top themes
    assert level.locator("input").first.input_value() == "Hoofdthema's"
    chart = page.locator(".st-key-overview_themes .js-plotly-plot").first
    chart.wait_for(timeout=60_000)
    labels = [t for t in chart.locator(".ytick").all_text_contents() if t.strip()]
    assert labels and not any("·" in label for label in labels), labels
    assert_dutch(page, "overview")
    page.wait_for_timeout(700)
    page.screenshot(path=str(artifacts / "overview-tops-nl.png"))

    page.set_viewport_size({"width": 1400, "height": 2000})
    page.goto(f"{server.url}/trends?lang=nl", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Trends per kanaal").wait_for(timeout=60_000)
    wait_idle(page)
    assert week_ticks(page, ".st-key-trends_heatmap .js-plotly-plot")
    heatmap = page.locator(".st-key-trends_heatmap .js-plotly-plot").first
    rows = [t for t in heatmap.locator(".ytick").all_text_contents() if t.strip()]
    assert rows and not any("·" in row for row in rows), rows
    assert_dutch(page, "trends")
    page.locator(".st-key-trends_shares .js-plotly-plot").first.wait_for(timeout=60_000)
    page.wait_for_timeout(700)
    page.screenshot(path=str(artifacts / "trends-tops-nl.png"))
