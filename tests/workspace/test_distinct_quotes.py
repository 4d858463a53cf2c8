"""A theme's quotes do not repeat themselves on any surface that shows them: the theme page
(quotes in full, the table and its download), the weekly summary in every format and the
CLI's summary. Real Google Play reviews put "Very good" and "Very good!" side by side."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from dashboard.downloads import quotes_csv
from dashboard.theme_rows import in_full
from klantstem_cli import app
from workspace.db import Workspace
from workspace.summary import render_summary, weekly_summary
from workspace.theme_queries import theme_quotes
from workspace.theme_store import save_themes

runner = CliRunner()
WEEK = "2026-W47"

# Most typical first: the four "very good"s lead, so without the rule they fill the page.
REVIEWS = [
    ("Very good", "en"),
    ("Very good!", "en"),
    ("very good", "en"),
    ("Very good 😊", "en"),
    ("De app crasht bij het afrekenen", "nl"),
    ("Snelle levering, top", "nl"),
    ("The search finds nothing when offline", "en"),
    ("Night mode is easy on the eyes", "en"),
    ("Not good", "en"),
]
DISTINCT = [t for t, _ in REVIEWS if "ery good" not in t] + ["Very good"]


@pytest.fixture
def repeated(tmp_path):
    """A workspace with one theme whose most typical reviews are one quote four times."""
    source = tmp_path / "reviews.csv"
    lines = ["Review;Rating;Datum"] + [
        f"{text};4;{16 + n % 7}-11-2026" for n, (text, _) in enumerate(REVIEWS)
    ]
    source.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    path = tmp_path / "ws.duckdb"
    result = runner.invoke(app, ["import", str(source), "--workspace", str(path), "--json"])
    assert result.exit_code == 0, result.output
    with Workspace.open(path) as ws:
        items = ws.query_df("SELECT id, text FROM items")
        assert len(items) == len(REVIEWS), "every review is stored, repeats included"
        rank = {text: n for n, (text, _) in enumerate(REVIEWS)}
        with ws.transaction() as con:
            for text, language in REVIEWS:
                con.execute("UPDATE items SET language = ? WHERE text = ?", [language, text])
        save_themes(
            ws,
            pd.DataFrame(
                {
                    "theme_id": [1],
                    "label": ["praise"],
                    "label_en": ["Praise"],
                    "label_nl": ["Lof"],
                    "created_at": [datetime(2026, 11, 23, tzinfo=UTC)],
                }
            ),
            pd.DataFrame(
                {
                    "item_id": items["id"],
                    "theme_id": 1,
                    "similarity": [0.99 - rank[t] / 100 for t in items["text"]],
                    "method": "fixture",
                }
            ),
        )
    return path


def _very_goods(texts) -> list[str]:
    return [t for t in texts if "very good" in str(t).lower()]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_theme_page_shows_one_very_good(repeated, lang):
    with Workspace.open(repeated, read_only=True) as ws:
        quotes = theme_quotes(ws, 1)
        first_two = theme_quotes(ws, 1, limit=2)
    assert _very_goods(quotes["text"]) == ["Very good"]  # the best-ranked of its group
    assert sorted(quotes["text"]) == sorted(DISTINCT)
    # the next distinct quote takes the repeats' place
    assert list(first_two["text"]) == ["Very good", "De app crasht bij het afrekenen"]
    shown = list(in_full(quotes, lang)["text"])
    assert len(shown) == 4 and len(set(shown)) == 4
    assert len(_very_goods(shown)) == 1
    if lang == "nl":  # a Dutch reader gets the Dutch quotes first
        assert shown[:2] == ["De app crasht bij het afrekenen", "Snelle levering, top"]
    download = quotes_csv(quotes, lang).decode("utf-8-sig")
    # one row, its quote beside its full text
    assert [line.lower().count("very good") for line in download.splitlines()].count(2) == 1
    assert download.lower().count("very good") == 2


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_weekly_summary_quotes_one_very_good(repeated, lang, tmp_path):
    with Workspace.open(repeated, read_only=True) as ws:
        summary = weekly_summary(ws, WEEK)
    quotes = [q.text for q in summary.quotes_for(1, lang)]
    assert len(quotes) == summary.rules.quotes_per_theme and len(set(quotes)) == len(quotes)
    assert len(_very_goods(quotes)) <= 1
    assert len(_very_goods(q.text for q in summary.quotes)) == 1  # both readers' quotes
    markdown = render_summary(summary, "md", lang).decode()
    html = render_summary(summary, "html", lang).decode()
    assert markdown.lower().count("very good") == html.lower().count("very good") <= 1
    book = openpyxl.load_workbook(io.BytesIO(render_summary(summary, "xlsx", lang)))
    cells = [
        str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
    ]
    assert len(_very_goods(cells)) <= 1
    out = tmp_path / f"summary-{lang}.md"
    result = runner.invoke(
        app,
        ["summary", "--week", WEEK, "--lang", lang, "-o", str(out), "--workspace", str(repeated)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().lower().count("very good") <= 1
