from __future__ import annotations

import pytest

from tests.browser.conftest import DashboardServer, wait_idle
from tests.conftest import make_record
from workspace.db import Workspace
from workspace.imports import import_records

pytestmark = pytest.mark.browser


def test_overview_renders_chart_in_real_chromium(tmp_path, page, artifacts):
    path = tmp_path / "browser.duckdb"
    with Workspace.open(path) as ws:
        records = [make_record(n, channel="email") for n in range(60)]
        records += [make_record(n, channel="review") for n in range(60, 100)]
        import_records(ws, records, file_name="fixture.csv")
    with DashboardServer(path) as server:
        try:
            page.goto(server.url, wait_until="domcontentloaded")
            page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
            chart = page.locator(".js-plotly-plot").first
            chart.wait_for(timeout=60_000)
            # The first run is followed by a rerun (the URL's language written back): read
            # the page once Streamlit is idle, not in the middle of it.
            wait_idle(page)
            page.get_by_text("Feedback items").first.wait_for(timeout=60_000)
            assert page.locator("[data-testid='stMetricValue']").first.inner_text() == "100"
            page.screenshot(path=str(artifacts / "overview-en.png"), full_page=True)
        finally:
            page.goto("about:blank")  # leave before the server stops (else: refused calls)
