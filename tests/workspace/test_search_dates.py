"""Search results carry the workspace zone's local time, like every other screen and export:
a review of Monday 16 November (stored as the UTC instant that day began, Sunday evening)
is listed, downloaded and printed as 16-11-2026, not 15-11-2026."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from klantstem_cli import app
from workspace.db import Workspace
from workspace.queries import Filters
from workspace.search import find_items, keyword_search

runner = CliRunner()

# A Dutch review export: dates without a time, so each is the instant a local day began.
DUTCH_CSV = "Review;Rating;Datum\nPakket kwam te laat aan;2;16-11-2026\nLevering te laat, verder top;4;22-11-2026\n"


@pytest.fixture
def reviews(tmp_path):
    source = tmp_path / "reviews.csv"
    source.write_bytes(DUTCH_CSV.encode("cp1252"))
    path = tmp_path / "ws.duckdb"
    with Workspace.open(path) as ws:
        ws.set_setting("embedder", "tfidf")  # weight-free
    result = runner.invoke(app, ["import", str(source), "--workspace", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return path


def _days(frame: pd.DataFrame) -> list[str]:
    return sorted(f"{d:%d-%m-%Y}" for d in frame["received_at"])


@pytest.mark.parametrize("mode", ["words", "meaning"])
def test_search_results_are_dated_in_local_time(reviews, mode):
    with Workspace.open(reviews) as ws:
        stored = ws.query_df("SELECT received_at FROM items")["received_at"]
        found = find_items(ws, "te laat", mode, limit=10)
    assert sorted(f"{d:%Y-%m-%d}" for d in stored.dt.tz_convert("UTC")) == [
        "2026-11-15",
        "2026-11-21",
    ]  # the instants: UTC the evening before
    assert _days(found) == ["16-11-2026", "22-11-2026"]
    assert all(d.tzinfo is None for d in found["received_at"])  # wall-clock, as quotes are


def test_search_filters_count_days_in_the_workspace_zone(reviews):
    # In New York both reviews fall on the Sunday before (18:00): a filter on that day finds
    # the first, as every other page's filter would.
    with Workspace.open(reviews) as ws:
        ws.set_setting("timezone", "America/New_York")
        found = keyword_search(ws, "te laat", Filters(start="2026-11-15", end="2026-11-15"))
    assert list(found["text"]) == ["Pakket kwam te laat aan"]
    assert [f"{d:%Y-%m-%d %H:%M}" for d in found["received_at"]] == ["2026-11-15 18:00"]


def test_cli_search_prints_local_dates(reviews):
    result = runner.invoke(
        app, ["search", "te laat", "--mode", "words", "--workspace", str(reviews)]
    )
    assert result.exit_code == 0, result.output
    assert "2026-11-16" in result.stdout and "2026-11-22" in result.stdout
    assert "2026-11-15" not in result.stdout and "2026-11-21" not in result.stdout


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_search_hint_says_what_search_by_words_finds(tmp_path, lang):
    """The Search page's hint claimed "exact words"; search by words matches every word
    anywhere in the text or subject: its example is a real match, not a whole word."""
    import re

    from dashboard.i18n import t
    from tests.conftest import make_record
    from workspace.imports import import_records
    from workspace.search import keyword_search

    hint = t("search.hint", lang)
    assert "exact" not in hint and "precies" not in hint
    word, inside = re.findall(r"“(\w+)”", hint)[-2:]
    with Workspace.open(tmp_path / "ws.duckdb") as ws:
        import_records(
            ws, [make_record(1, text=f"Not the word alone: {inside}.")], file_name="x.csv"
        )
        found = keyword_search(ws, word)
    assert found["text"].tolist() == [f"Not the word alone: {inside}."]
