"""The Upload page's files table fits the page at 1400 px, in English and Dutch: a Google
Play export (star-only reviews), a Kiyoh export with a reply and a problem, and an e-mail that
is not imported, uploaded together in a real Chromium.

The grid it replaced was 1,519 px wide (1,684 px in Dutch) in a 938 px frame: "Unsorted",
"Stars only", "Own replies" and "Error" were scrolled out of sight.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.conftest import REPO_ROOT, DashboardServer, wait_idle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:Arrow output on a DB-API result:UserWarning"),
]

GOOGLE_PLAY = REPO_ROOT / "sample_data" / "reviews_nl.voorbeeldshop.app_2026.csv"
HEADERS = {
    "en": ("File", "Detected as", "Unsorted", "Stars only", "Own replies", "Total"),
    "nl": (
        "Bestand",
        "Herkend als",
        "Ongesorteerd",
        "Alleen sterren",
        "Eigen antwoorden",
        "Totaal",
    ),
}
RESULT = {"en": "Result", "nl": "Resultaat"}
# Elements inside the files table wider than their box (a cut-off column scrolls).
OVERFLOWING = """(table) => [table, ...table.querySelectorAll('*')]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName} ${e.scrollWidth}>${e.clientWidth}`)"""


def _uploads(folder: Path) -> list[Path]:
    reviews = {
        "locationId": 1060123,
        "reviews": [
            {"reviewId": "c8a1b0e2", "reviewAuthor": "Anja", "rating": 9,
             "dateSince": "2026-11-11T10:22:17.000+01:00",
             "reviewContent": [{"questionGroup": "DEFAULT_OPINION", "rating": "Netjes verpakt."}],
             "reviewComments": "Dank je wel, Anja!"},
            {"reviewId": "d9b2c1f3", "reviewAuthor": "Bram", "rating": 11,
             "dateSince": "2026-11-10T10:00:00.000+01:00",
             "reviewContent": [{"questionGroup": "DEFAULT_ONELINER", "rating": "Retour duurde lang"}]},
        ],
    }  # fmt: skip
    kiyoh = folder / "kiyoh_reviews_november_2026.json"
    kiyoh.write_text(json.dumps(reviews), encoding="utf-8")
    undated = folder / "antwoord_van_klant_zonder_datum.eml"
    undated.write_text(
        "Subject: Re: Bestelling 461216\nFrom: jan@example.nl\n\nDank, het pakket is binnen.\n",
        encoding="utf-8",
    )
    return [GOOGLE_PLAY, kiyoh, undated]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_files_table_fits_the_page_at_1400_px(tmp_path, browser, artifacts, lang):
    files = _uploads(tmp_path)
    with DashboardServer(tmp_path / "upload.duckdb", lang=lang) as server:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{server.url}/upload", wait_until="domcontentloaded")
        page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(
            [str(f) for f in files]
        )
        wait_idle(page)
        page.get_by_role("button", name=re.compile(r"(Import|Importeer)", re.I)).first.click()
        page.get_by_role("heading", name=RESULT[lang]).wait_for(timeout=180_000)
        wait_idle(page, timeout_ms=180_000, quiet_ms=800)
        # the first table on the report is the files table, whatever it is drawn with
        table = page.locator("[data-testid='stTable'], [data-testid='stDataFrame']").first
        table.wait_for(timeout=30_000)
        table.scroll_into_view_if_needed()
        page.wait_for_timeout(500)  # a grid draws its canvas after it is shown
        page.screenshot(path=str(artifacts / f"upload-files-table-{lang}.png"))
        assert table.evaluate(OVERFLOWING) == []
        shown = table.inner_text().replace("\u200b", "")
        for header in HEADERS[lang]:  # every column in sight, headers wrapped
            assert header in shown, (header, shown)
        frame = page.locator("[data-testid='stMainBlockContainer']").first.bounding_box()
        box = table.bounding_box()
        assert frame is not None and box is not None
        assert box["x"] + box["width"] <= frame["x"] + frame["width"]
        context.close()
