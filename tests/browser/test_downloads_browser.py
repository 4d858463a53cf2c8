"""A dashboard CSV download in a real browser, read back as Dutch Excel reads it."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tests.browser.conftest import DashboardServer
from tests.dashboard.conftest import build_workspace

pytestmark = pytest.mark.browser


def test_dutch_themes_download_opens_as_columns(page, tmp_path, artifacts):
    path = build_workspace(tmp_path / "downloads.duckdb")
    with DashboardServer(path, lang="nl") as server:
        # From the root: a deep first URL makes Streamlit probe /themes/_stcore/... (404s)
        page.goto(f"{server.url}/?lang=nl", wait_until="domcontentloaded")
        page.get_by_role("heading", name="Overzicht").wait_for(timeout=60_000)
        page.get_by_role("link", name="Thema's", exact=True).first.click()
        page.wait_for_url(re.compile(r"/themes(\?|$)"), timeout=60_000)
        # exact: the Overview's "Thema's deze week …" may still be on screen
        page.get_by_role("heading", name="Thema's", exact=True).first.wait_for(timeout=60_000)
        button = page.get_by_role("button", name="CSV downloaden").first
        button.wait_for(timeout=60_000)
        with page.expect_download(timeout=60_000) as info:
            button.click()
        download = info.value
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        page.goto("about:blank")  # leave before the server stops: no reconnect errors
    data = target.read_bytes()
    assert target.name == "klantstem-themas.csv"  # named in the screen's language
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    frame = pd.read_csv(target, sep=";", decimal=",", encoding="utf-8-sig")
    assert list(frame["Thema"]) == ["Pakket te laat", "Verkeerde factuur", "App crasht"]
    for column in ("Berichten", "Aandeel van ingedeelde berichten (%)", "Sentiment (-1 tot 1)"):
        assert pd.api.types.is_numeric_dtype(frame[column]), column
    # three equal themes: the shares add up (largest remainder; the tie to the lowest id)
    assert frame["Aandeel van ingedeelde berichten (%)"].tolist() == [33.4, 33.3, 33.3]
    assert frame["Trefwoorden"].iloc[0] == "late, parcel, delivery"
