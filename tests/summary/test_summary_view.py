"""The Weekly summary page with Streamlit's AppTest on a themed workspace file."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.summary.fabricate import fabricate
from tests.summary.test_builder import COUNTS
from tests.summary.workspace_fixture import write_workspace

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from dashboard.app import main
main(start="summary")
"""


@pytest.fixture
def summary_page(tmp_path, monkeypatch):
    path = write_workspace(tmp_path / "view.duckdb", *fabricate(COUNTS))
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)

    def open_page(lang: str = "en") -> AppTest:
        at = AppTest.from_string(SCRIPT, default_timeout=60)
        at.session_state["lang"] = lang
        return at.run()

    return open_page


@pytest.mark.parametrize(
    ("lang", "title", "week_label"),
    [
        pytest.param("en", "Weekly summary", "Week 40 of 2026 (last complete week)", id="english"),
        pytest.param(
            "nl", "Weekoverzicht", "Week 40 van 2026 (laatste volledige week)", id="dutch"
        ),
    ],
)
def test_page_offers_the_last_week_and_four_downloads(summary_page, lang, title, week_label):
    at = summary_page(lang)
    assert not at.exception
    assert at.title[0].value == title
    week = at.selectbox(key=f"summary_week_{lang}")
    assert week.value == "2026-W40"
    assert week_label in week.options
    buttons = at.get("download_button")
    assert len(buttons) == 4
    assert not at.error


def test_picking_a_channel_and_an_earlier_week(summary_page):
    at = summary_page()
    at.selectbox(key="summary_channel_en").select("app_review").run()
    at.selectbox(key="summary_week_en").select("2026-W39").run()
    assert not at.exception and not at.error
    code = at.code[0].value
    assert "week 39 of 2026" in code and "Channel: App reviews" in code


def test_empty_workspace_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(tmp_path / "empty.duckdb"))
    at = AppTest.from_string(SCRIPT, default_timeout=60).run()
    assert not at.exception
    assert "Import exports first" in at.info[0].value


def test_an_unfinished_week_is_offered_as_such_and_summarized_over_its_days(tmp_path, monkeypatch):
    from tests.workspace.test_same_days_trends import _workspace

    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(_workspace(tmp_path / "w.duckdb")))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    at.session_state["lang"] = "nl"
    at.run()
    week = at.selectbox(key="summary_week_nl")
    assert week.value == "2026-W39"  # the last complete week comes first
    assert "Week 40 van 2026 (t/m 30 sep, nog niet om)" in week.options
    week.select("2026-W40").run()
    assert not at.exception and not at.error
    (markdown,) = at.code
    assert "28 sep t/m 30 sep 2026 (de week is nog niet om" in markdown.value
