"""The Monday flow in a real Chromium against `klantstem dashboard` (one server per module):
upload a sample export, see the counts grow, open a theme, rename it, switch to Dutch,
download a file; a screenshot of every page in both languages lands in tests/artifacts/."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import REPO_ROOT, DashboardServer, wait_idle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:Arrow output on a DB-API result:UserWarning"),
]

SAMPLE = REPO_ROOT / "sample_data" / "klanttevredenheid_export.csv"
NAV = {
    "en": {
        "overview": "Overview",
        "themes": "Themes",
        "trends": "Trends by channel",
        "unsorted": "Unsorted inbox",
        "search": "Search",
        "upload": "Upload",
        "summary": "Weekly summary",
    },
    "nl": {
        "overview": "Overzicht",
        "themes": "Thema's",
        "trends": "Trends per kanaal",
        "unsorted": "Ongesorteerd",
        "search": "Zoeken",
        "upload": "Uploaden",
        "summary": "Weekoverzicht",
    },
}
CHARTS = {"overview": 2, "trends": 3, "theme": 1}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The sample exports except the Dutch survey (the flow uploads that one), with themes
    built by the real engine and the weightless TF-IDF embedder (seconds, not minutes)."""
    from analysis.embedders import get_embedder
    from workspace.db import Workspace
    from workspace.imports import export_files, import_files
    from workspace.refresh import refresh_themes

    files = [f for f in export_files([SAMPLE.parent])[0] if f != SAMPLE]
    path = tmp_path_factory.mktemp("browser") / "flow.duckdb"
    with Workspace.open(path) as ws:
        import_files(ws, files)
        ws.set_setting("embedder", "tfidf")
        refresh_themes(ws, embedder=get_embedder("tfidf"))
    with DashboardServer(path) as running:
        yield running


def metric(page, label: str) -> int:
    box = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return int(re.sub(r"[^\d]", "", box.locator("[data-testid='stMetricValue']").inner_text()))


def metric_when(page, label: str, ok, timeout_ms: int = 30_000) -> int:
    """The metric once ``ok(value)`` holds (Streamlit may still be drawing the last run)."""
    waited = 0
    while True:
        value = metric(page, label)
        if ok(value) or waited >= timeout_ms:
            return value
        page.wait_for_timeout(250)
        waited += 250


def go(page, label: str) -> None:
    page.locator("[data-testid='stSidebarNavLink']").filter(
        has=page.locator(f"span[label={label!r}]")
    ).first.click()
    wait_idle(page)


def shoot(page, artifacts: Path, name: str, charts: int = 0) -> None:
    """Screenshot once the page is drawn: charts plotted, tables painted."""
    page.get_by_role("heading", level=1).first.wait_for(timeout=60_000)
    if charts:
        page.locator(".js-plotly-plot").nth(charts - 1).wait_for(timeout=60_000)
    wait_idle(page)
    for grid in page.locator("[data-testid='stDataFrame']").all():
        if grid.is_visible():  # a closed top theme on the Themes page hides its table
            grid.locator("canvas").first.wait_for(timeout=30_000)
    page.wait_for_timeout(700)  # plotly and the data grid animate in
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def test_monday_flow(server, page, artifacts):
    page.goto(server.url, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
    wait_idle(page)
    before = metric(page, "Feedback items")
    assert before > 2000

    go(page, "Upload")
    page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(SAMPLE))
    page.get_by_role("button", name=re.compile(r"Import 1 file")).click()
    page.get_by_role("heading", name="Result").wait_for(timeout=120_000)
    wait_idle(page)
    added = metric(page, "Added")
    assert added == 404  # every row of the Dutch survey export
    assert page.get_by_text("klanttevredenheid_export.csv").count() >= 1
    page.set_viewport_size({"width": 1400, "height": 1600})
    page.wait_for_timeout(700)
    page.screenshot(path=str(artifacts / "upload-report-en.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})

    go(page, "Overview")
    page.get_by_role("heading", name="Overview").wait_for()
    assert metric_when(page, "Feedback items", lambda n: n != before) == before + added

    go(page, "Themes")
    # A rerun can briefly show the link twice (old and new element); both open the same theme.
    page.get_by_role("link", name="Open theme").first.click()
    page.wait_for_url(re.compile(r"/theme\?"), timeout=60_000)  # not the Themes heading
    page.get_by_text("Rename, merge, split, move or undo").wait_for(timeout=60_000)
    wait_idle(page)
    heading = page.get_by_role("heading", level=1).first
    old_name = heading.inner_text()
    page.get_by_text("Rename, merge, split, move or undo").click()
    page.get_by_label("New name").fill("Bezorging te laat")
    page.get_by_role("button", name="Rename").click()
    wait_idle(page)
    page.get_by_text(re.compile(r"Rename the theme .* to .Bezorging te laat")).wait_for(
        timeout=30_000
    )
    assert heading.inner_text() == old_name  # nothing changes before the confirmation
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Bezorging te laat").wait_for(timeout=30_000)

    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Nederlands").click()
    wait_idle(page)
    page.get_by_text("Wat klanten zeggen").wait_for(timeout=30_000)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Citaten downloaden (CSV)").click()
    download = download_info.value
    target = artifacts / download.suggested_filename
    download.save_as(target)
    content = target.read_text(encoding="utf-8-sig")  # Dutch Excel: BOM, ";", decimal comma
    assert content.startswith("Datum;Kanaal;Score;")
    quotes = pd.read_csv(target, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(quotes) > 5 and pd.api.types.is_float_dtype(quotes.iloc[:, 5])

    # Refresh the themes after the upload: the manager's name survives it.
    go(page, "Thema's")
    page.get_by_role("button", name="Thema's vernieuwen").click()
    page.get_by_text(re.compile(r"Thema's (behouden|vernieuwd)")).wait_for(timeout=180_000)
    wait_idle(page)
    page.screenshot(path=str(artifacts / "themes-refreshed-nl.png"), full_page=True)
    box = page.get_by_label("Thema's filteren")
    box.fill("Bezorging")
    box.press("Enter")
    wait_idle(page)
    page.get_by_role("link", name="Thema openen").first.click()
    page.get_by_role("heading", name="Bezorging te laat").wait_for(timeout=60_000)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_screenshot_every_page(server, page, artifacts, lang):
    # Streamlit scrolls inside its own container, so a tall window shows whole pages.
    page.set_viewport_size({"width": 1400, "height": 2200})
    page.goto(server.url, wait_until="domcontentloaded")
    page.get_by_role("heading", level=1).first.wait_for(timeout=60_000)
    wait_idle(page)
    if lang == "nl":
        page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
        page.get_by_role("option", name="Nederlands").click()
        wait_idle(page)
    for key, label in NAV[lang].items():
        go(page, label)
        shoot(page, artifacts, f"{key}-{lang}", CHARTS.get(key, 0))
        if key == "themes":
            name = "Open theme" if lang == "en" else "Thema openen"
            page.get_by_role("link", name=name).first.click()  # a rerun may show it twice
            wait_idle(page)
            shoot(page, artifacts, f"theme-{lang}", CHARTS["theme"])
        if key == "search":
            box = page.get_by_label("Search feedback" if lang == "en" else "Feedback doorzoeken")
            box.fill("invoice")
            box.press("Enter")
            wait_idle(page)
            page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
            shoot(page, artifacts, f"search-results-{lang}")


def test_sidebar_filters_persist_across_pages(server, page):
    page.goto(server.url, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
    wait_idle(page)
    everything = metric(page, "Feedback items")
    channels = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    option = page.get_by_role("option", name="Reviews", exact=True)
    for attempt in range(3):  # a rerun that starts under the click closes the list again
        channels.click()
        try:
            option.wait_for(timeout=15_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_idle(page)
    option.click()
    page.keyboard.press("Escape")
    wait_idle(page)
    reviews = metric_when(page, "Feedback items", lambda n: n != everything)
    assert 0 < reviews < everything
    go(page, "Themes")
    page.get_by_role("heading", name="Themes", exact=True).first.wait_for()
    channels.get_by_text("Reviews").wait_for(timeout=10_000)  # the chip is still there
    go(page, "Overview")
    page.get_by_role("heading", name="Overview").wait_for()
    assert metric_when(page, "Feedback items", lambda n: n == reviews) == reviews


def test_command_line_works_while_the_dashboard_is_open(server, page, artifacts, tmp_path):
    """DuckDB lets one process at a time open the file; the dashboard holds it only while
    it draws a page, so an import and a scheduled summary run beside it."""
    page.goto(server.url, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
    wait_idle(page)
    before = metric(page, "Feedback items")
    source = tmp_path / "extra.csv"
    source.write_text(
        "id,date,text,channel\n"
        + "".join(
            f"x{n},2026-11-0{1 + n} 10:00,the lift was broken again {n},email\n" for n in range(3)
        ),
        encoding="utf-8",
    )
    klantstem = str(Path(sys.executable).with_name("klantstem"))
    workspace = ["--workspace", str(server.workspace)]
    imported = subprocess.run(
        [klantstem, "import", str(source), *workspace], capture_output=True, text=True
    )
    assert imported.returncode == 0, imported.stderr
    assert "3 added" in imported.stdout
    summary = subprocess.run(
        [klantstem, "summary", "--format", "md", "--output", str(tmp_path / "s.md"), *workspace],
        capture_output=True,
        text=True,
    )
    assert summary.returncode == 0, summary.stderr
    assert (tmp_path / "s.md").read_text(encoding="utf-8").startswith("#")
    go(page, "Themes")
    go(page, "Overview")
    assert metric_when(page, "Feedback items", lambda n: n != before) == before + 3
