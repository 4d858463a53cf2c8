"""Weekly summary in a real browser: the CLI's HTML offline, and the dashboard's downloads."""

from __future__ import annotations

import io
import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl
import pytest

from analysis.localtime import week_name
from analysis.summary_render import MEANING_FILLS
from tests.browser.conftest import DashboardServer, wait_idle
from tests.summary.workspace_fixture import PLANTED, TRUTH, build_truth_workspace

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (TRUTH.exists() and PLANTED.exists()), reason="sample_data/ has no planted truth yet"
    ),
]


@pytest.fixture(scope="module")
def demo_like(tmp_path_factory) -> Path:
    """The sample data with its planted themes (the demo workspace without the engine's run)."""
    return build_truth_workspace(tmp_path_factory.mktemp("browser-summary") / "demo.duckdb")


@pytest.fixture(scope="module")
def spike() -> dict:
    return tomllib.loads(PLANTED.read_text(encoding="utf-8"))["spike"]


def test_cli_html_opens_offline_and_shows_the_spike(demo_like, spike, page, artifacts, tmp_path):
    out = tmp_path / "summary.html"
    klantstem = Path(sys.executable).with_name("klantstem")
    done = subprocess.run(
        [
            str(klantstem),
            "summary",
            "--week",
            spike["week"],
            "--format",
            "html",
            "--lang",
            "en",
            "--output",
            str(out),
            "--workspace",
            str(demo_like),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    blocked: list[str] = []

    def offline(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.goto(out.as_uri(), wait_until="load")
    theme = spike["theme"].replace("_", " ")
    attention = page.locator("ul.attention li").first
    assert f"{theme} spiked in App reviews" in attention.inner_text()
    chart = page.locator("svg title", has_text=f"{theme} in App reviews")
    assert chart.count() == 1
    # This week's bar stands out in the colour of what the spike means: neutral here, as the
    # fixture scores no sentiment (analysis.summary.change_meaning).
    svg = page.locator(".chart svg", has=page.locator("title", has_text=f"{theme} in App reviews"))
    this_week = svg.locator("rect").last
    assert this_week.get_attribute("fill") == MEANING_FILLS["neutral"]
    assert this_week.bounding_box()["height"] > 40
    page.screenshot(path=str(artifacts / "summary-html-spike.png"), full_page=True)
    assert blocked == []


def _serve_icons_locally(page, requested: list[str]) -> None:
    """Answer requests that leave the machine with an empty SVG, and remember them."""

    def handle(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            requested.append(url)
            route.fulfill(status=200, content_type="image/svg+xml", body="<svg></svg>")

    page.route("**/*", handle)


def _open_summary_page(page, server) -> None:
    """Open the page and wait until its first run has finished (the preview is drawn and
    Streamlit is idle): a widget changed during a run can be redrawn under the click."""
    page.goto(server.url, wait_until="domcontentloaded")
    page.get_by_role("link", name="Weekly summary").click()
    page.get_by_role("heading", name="Weekly summary").wait_for(timeout=60_000)
    page.frame_locator("iframe").first.locator("h1").wait_for(timeout=60_000)
    wait_idle(page)


def _choose_week(page, week: str, attempts: int = 3) -> None:
    """Pick ``week`` and wait until the preview shows it. A choice made while Streamlit is
    still redrawing (a rerun that started before the click, e.g. when the URL's language
    parameter is written back) can be dropped, so the choice is made again, up to
    ``attempts`` times, each waiting on the preview's heading, never on a fixed sleep."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    heading = page.frame_locator("iframe").first.locator("h1", has_text=week_name(week, "en"))
    for attempt in range(attempts):
        page.get_by_role("combobox", name="Week", exact=True).click()
        page.get_by_role("option", name=week_name(week, "en", capital=True), exact=True).click()
        try:
            heading.wait_for(timeout=30_000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            page.locator("[data-testid='stStatusWidget']").wait_for(
                state="detached", timeout=60_000
            )


def test_dashboard_downloads_all_four_formats(demo_like, spike, page, artifacts, tmp_path):
    external: list[str] = []
    _serve_icons_locally(page, external)
    with DashboardServer(demo_like) as server:
        _open_summary_page(page, server)
        _choose_week(page, spike["week"])
        files = {}
        for label, fmt in (
            ("Markdown", "md"),
            ("HTML (for e-mail)", "html"),
            ("CSV (themes)", "csv"),
            ("Excel", "xlsx"),
        ):
            with page.expect_download(timeout=60_000) as info:
                page.get_by_role("button", name=label).click()
            download = info.value
            target = tmp_path / download.suggested_filename
            download.save_as(target)
            files[fmt] = target
        page.screenshot(path=str(artifacts / "summary-dashboard.png"), full_page=False)
        page.goto("about:blank")  # leave before the server stops: no reconnect errors
    assert {p.suffix for p in files.values()} == {".md", ".html", ".csv", ".xlsx"}
    assert all(spike["week"] in p.name for p in files.values())
    title = f"# Weekly feedback summary: {week_name(spike['week'], 'en')}"
    assert title in files["md"].read_text(encoding="utf-8")
    assert "<svg" in files["html"].read_text(encoding="utf-8")
    assert files["csv"].read_text(encoding="utf-8-sig").count("\n") > 5
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"].read_bytes()))
    assert book.sheetnames == ["Summary", "Themes", "Quotes"]
    assert external == []


def test_summary_page_calls_nothing_outside_the_machine(demo_like, page):
    external: list[str] = []
    _serve_icons_locally(page, external)
    with DashboardServer(demo_like) as server:
        _open_summary_page(page, server)
        page.frame_locator("iframe").first.locator("h1").wait_for(timeout=60_000)
        # the preview is as tall as the summary: no scroll bar inside the page's scroll
        frame = page.locator("iframe").first
        inner = 0
        for _attempt in range(40):  # the frame is sized once its content has been measured
            inner = (
                frame.element_handle()
                .content_frame()
                .evaluate("document.documentElement.scrollHeight")
            )
            outer = frame.bounding_box()["height"]
            if outer >= inner - 2:
                break
            page.wait_for_timeout(250)
        assert inner > 900 and outer >= inner - 2, (outer, inner)
        page.goto("about:blank")
    assert external == []
