"""A helpdesk's good/bad satisfaction (stored as a rating on a 0-1 scale) reads as a word on
every screen that shows ratings, never as "0/1" (a compliment showed "Tickets · 0/1")."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.upload_report import preview
from tests.dashboard.test_pages import open_page, texts
from workspace.db import Workspace

WORDS = {"en": {"good", "bad"}, "nl": {"goed", "slecht"}}


@pytest.fixture
def satisfaction_workspace(themed_workspace):
    """The themed workspace with every item of theme 1 ("Late parcels") rated good (odd
    lines) or bad (even lines) on Zendesk's 0-1 satisfaction scale."""
    with Workspace.open(themed_workspace) as ws, ws.transaction() as con:
        con.execute(
            "UPDATE items SET rating = source_row % 2, rating_scale_min = 0, "
            "rating_scale_max = 1 "
            "WHERE id IN (SELECT item_id FROM assignments WHERE theme_id = 1)"
        )
    return themed_workspace


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_theme_quotes_show_satisfaction_as_words(satisfaction_workspace, lang):
    at = open_page("theme", lang=lang, query={"theme": "1"})
    assert not at.exception, at.exception
    assert set(at.dataframe[0].value["rating"]) == WORDS[lang]
    cards = [c for c in texts(at, "caption") if " · " in c]
    assert cards and all(c.split(" · ")[2] in WORDS[lang] for c in cards), cards
    assert not [c for c in cards if "0/1" in c or "1/1" in c]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_search_results_show_satisfaction_as_words(satisfaction_workspace, lang):
    at = open_page("search", lang=lang)
    at.text_input(key="search_query").set_value("parcel")
    at.radio(key=f"search_mode_{lang}").set_value("keyword")
    at.button[0].click().run()
    assert set(at.dataframe[0].value["rating"]) == WORDS[lang]


def test_upload_preview_shows_satisfaction_as_words():
    items = pd.DataFrame(
        {
            "received_at": [pd.Timestamp(date(2026, 6, 14))] * 3,
            "channel": ["ticket"] * 3,
            "language": ["en"] * 3,
            "rating": [1.0, 0.0, None],
            "rating_scale_max": [1.0, 1.0, None],
            "subject": ["", "", ""],
            "text": ["Thanks, quick help", "Still waiting", "No rating"],
        }
    )
    assert preview(items, "en")["Rating"].tolist() == ["good", "bad", ""]
    assert preview(items, "nl")["Score"].tolist() == ["goed", "slecht", ""]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_theme_page_counts_praise_and_complaints(themed_workspace, lang):
    """A theme named after a complaint can hold praise on the same subject (a "delivery was
    fast" review placed in the late-delivery theme): the theme page says how many items are
    negative (sentiment -0.2 or lower), neutral and positive (0.2 or higher), and those add
    up to its items."""
    with Workspace.open(themed_workspace) as ws, ws.transaction() as con:
        con.execute(
            "UPDATE item_sentiment s SET sentiment = CASE WHEN n.k % 3 = 0 THEN 0.9 "
            "WHEN n.k % 3 = 1 THEN -0.6 ELSE 0.1 END "
            "FROM (SELECT item_id, row_number() OVER (ORDER BY item_id) AS k "
            "FROM assignments WHERE theme_id = 1) n WHERE n.item_id = s.item_id"
        )
    with Workspace.open(themed_workspace, read_only=True) as ws:
        counts = ws.query_df(
            "SELECT count(*) AS items, count(*) FILTER (WHERE s.sentiment > 0.5) AS good, "
            "count(*) FILTER (WHERE s.sentiment < -0.5) AS bad, "
            "count(*) FILTER (WHERE abs(s.sentiment) < 0.15) AS neutral "
            "FROM items i JOIN assignments a ON a.item_id = i.id AND a.theme_id = 1 "
            "JOIN item_sentiment s ON s.item_id = i.id"
        ).iloc[0]
    good, bad, neutral = int(counts["good"]), int(counts["bad"]), int(counts["neutral"])
    assert good and bad and neutral and good + bad + neutral == counts["items"], counts
    at = open_page("theme", lang=lang, query={"theme": "1"})
    assert not at.exception, at.exception
    words = {
        "en": ("Per item", "negative", "neutral", "positive"),
        "nl": ("Per bericht", "negatief", "neutraal", "positief"),
    }[lang]
    line = next(c for c in texts(at, "caption") if c.startswith(words[0]))
    assert line == f"{words[0]}: {bad} {words[1]}, {neutral} {words[2]}, {good} {words[3]}"
