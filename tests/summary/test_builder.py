"""The weekly summary builder on fabricated frames (no workspace, no theme engine)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.summary import (
    SummaryRules,
    build_weekly_summary,
    iso_week_label,
    last_complete_week,
    parse_iso_week,
)
from analysis.summary_render import render
from analysis.trends import theme_trends_for_week, weekly_counts
from ingest.errors import AnalysisError
from tests.summary.fabricate import WEEK, fabricate

FLAT = [10, 12, 9, 11, 10, 12, 11, 10, 11]
COUNTS = {
    (1, "email"): FLAT,
    (2, "app_review"): [1, 0, 2, 1, 1, 0, 1, 2, 25],
    (2, "email"): [1, 1, 0, 1, 1, 0, 1, 1, 1],
    (3, "review"): [5, 6, 5, 4, 6, 5, 5, 6, 5],
    (4, "email"): [0, 0, 0, 0, 0, 0, 0, 0, 7],
    (None, "email"): [2, 2, 2, 2, 2, 2, 2, 2, 3],
}


def build(counts=COUNTS, week=WEEK, **kwargs):
    sentiment = kwargs.pop("sentiment", None)
    items, themes = fabricate(counts, week=week, sentiment=sentiment)
    return build_weekly_summary(items, themes, week, **kwargs)


def test_spiking_theme_is_rising_in_its_channel_and_flagged_first():
    summary = build()
    checkout = summary.theme(2)
    assert checkout.is_rising
    assert checkout.rising_channels == ("app_review",)
    assert checkout.spike_channels == ("app_review",)
    assert summary.spikes[0].theme_id == 2 and summary.spikes[0].channel == "app_review"
    assert summary.spikes[0].history[-1] == 25
    assert summary.attention[0].kind == "spike" and summary.attention[0].theme_id == 2


def test_steady_themes_are_neither_rising_nor_spiking():
    summary = build()
    for theme_id in (1, 3):
        theme = summary.theme(theme_id)
        assert not theme.is_rising and not theme.spike_channels and not theme.is_new


def test_new_theme_only_in_its_first_week():
    first = build()
    assert [t.theme_id for t in first.new_themes] == [4]
    assert not first.theme(4).is_rising  # reported once, as new
    assert [a.kind for a in first.attention].count("new_theme") == 1
    assert not any(a.kind == "spike" and a.theme_id == 4 for a in first.attention)

    later = {**COUNTS, (4, "email"): [0, 0, 0, 0, 0, 0, 0, 7, 6]}
    assert build(later).new_themes == ()


@pytest.mark.parametrize(
    ("history", "rising"),
    [
        pytest.param([3, 3, 3, 3, 3, 3, 3, 3, 10], True, id="tripled"),
        pytest.param([2, 2, 2, 2, 2, 2, 2, 2, 4], False, id="below-min-items"),
        pytest.param([8, 8, 8, 8, 8, 8, 8, 8, 11], False, id="below-ratio"),
        pytest.param([10, 10, 10, 10, 10, 10, 10, 10, 14], False, id="within-noise"),
        pytest.param([10, 10, 10, 10, 10, 10, 10, 10, 20], True, id="beyond-noise"),
        pytest.param([2, 2, 2, 2, 2, 2, 2, 2, 2], False, id="flat"),
        pytest.param([0, 0, 0, 0, 0, 0, 0, 1, 8], False, id="first-week-with-3-is-new-instead"),
        pytest.param([0, 0, 0, 0, 2, 2, 1, 1, 8], True, id="trickled-in-then-jumped-rises"),
        pytest.param([0, 0, 0, 3, 2, 2, 1, 1, 9], True, id="from-little"),
    ],
)
def test_rising_rule(history, rising):
    summary = build({(1, "email"): history, (3, "review"): [5] * 9})
    assert summary.theme(1).is_rising is rising


def test_channel_volume_against_previous_week_and_average():
    summary = build()
    by_channel = {c.channel: c.volume for c in summary.channels}
    app = by_channel["app_review"]
    assert (app.items, app.previous, app.average) == (25, 2, 1.0)
    assert app.change == 23 and app.change_vs_average_pct == pytest.approx(2400.0)
    assert summary.total.items == sum(v[-1] for v in COUNTS.values())
    assert summary.total.previous == sum(v[-2] for v in COUNTS.values())
    assert summary.total.history == tuple(
        int(sum(col)) for col in zip(*COUNTS.values(), strict=True)
    )


def test_one_channel_only():
    summary = build(channel="app_review")
    assert [c.channel for c in summary.channels] == ["app_review"]
    assert summary.total.items == 25
    assert [t.theme_id for t in summary.themes] == [2]
    assert {q.channel for q in summary.quotes} == {"app_review"}


def test_unsorted_share_counts_only_items_with_text():
    items, themes = fabricate(COUNTS)
    items["is_star_only"] = False
    this_week = items["received_at"] >= pd.Timestamp(parse_iso_week(WEEK), tz="UTC")
    star_only = this_week & items["theme_id"].isna()
    items.loc[star_only[star_only].index[:1], "is_star_only"] = True
    summary = build_weekly_summary(items, themes, WEEK)
    assert summary.unsorted_items == 2
    assert summary.text_items == summary.total.items - 1
    assert summary.unsorted_share == pytest.approx(2 / (summary.total.items - 1))


def test_sentiment_drop_is_a_shift_and_a_look_at_this_line():
    mood = {1: [0.2] * 8 + [-0.4], 3: [0.5] * 9}
    summary = build(sentiment=mood)
    late = summary.theme(1)
    assert late.sentiment_shift == pytest.approx(-0.6)
    assert summary.theme(3).sentiment_shift is None
    drop = next(a for a in summary.attention if a.kind == "sentiment_drop")
    assert drop.theme_id == 1 and drop.delta == pytest.approx(-0.6)


def test_a_sentiment_shift_is_written_as_its_two_written_ends_differ():
    """−0,726 → −0,484 is written "van −0,73 naar −0,48": the shift beside it is +0,25 (what
    a reader works out), not the exact +0,242 rounded to "+0,24"; the same in the look-at-this
    line of a drop and in the spreadsheet's three decimals."""
    mood = {1: [-0.726] * 8 + [-0.484], 3: [0.504] * 8 + [0.2585]}
    summary = build(sentiment=mood)
    assert summary.theme(1).sentiment_shift == pytest.approx(0.242)
    markdown = render(summary, "md", "nl").decode()
    assert "van −0,73 naar −0,48 (+0,25)" in markdown
    assert "van +0,50 naar +0,26 (−0,24)" in markdown  # exact: −0,2455, "−0,25"
    assert "daalde met 0,24 (was 0,50)" in markdown
    csv = render(summary, "csv", "en").decode()
    assert ",-0.484,-0.726,0.242," in csv and ",0.259,0.504,-0.245," in csv


def test_quotes_come_from_the_week_for_each_highlighted_theme():
    summary = build()
    start = parse_iso_week(WEEK)
    assert summary.quotes
    for theme_id in summary.highlighted_theme_ids:
        quotes = summary.quotes_for(theme_id)
        assert 1 <= len(quotes) <= summary.rules.quotes_per_theme
        assert len({q.text for q in quotes}) == len(quotes)
        assert all(start <= q.received_at <= summary.week_end for q in quotes)
    assert {q.channel for q in summary.quotes_for(2)} == {"app_review"}  # the spiking channel


def test_long_quotes_are_shortened():
    items, themes = fabricate({(1, "email"): [0] * 8 + [3]})
    items["text"] = "word " * 200
    summary = build_weekly_summary(items, themes, WEEK, rules=SummaryRules(quote_max_chars=50))
    assert all(len(q.text) <= 50 and q.text.endswith("…") for q in summary.quotes)


def test_same_data_in_another_order_gives_the_same_summary():
    items, themes = fabricate(COUNTS)
    shuffled = items.sample(frac=1.0, random_state=7)
    one = build_weekly_summary(items, themes, WEEK)
    two = build_weekly_summary(shuffled, themes, WEEK)
    assert one == two


def test_flags_are_the_theme_engines_on_the_same_counts():
    items, themes = fabricate(COUNTS)
    summary = build_weekly_summary(items, themes, WEEK)
    sorted_items = items.dropna(subset=["theme_id"])
    counts = weekly_counts(
        sorted_items["received_at"], sorted_items["theme_id"].astype(int), sorted_items["channel"]
    )
    engine = theme_trends_for_week(counts, WEEK)
    assert {(s.theme_id, s.channel) for s in summary.spikes} == {
        (int(r.theme_id), r.channel) for r in engine.spikes.itertuples()
    }
    assert {t.theme_id for t in summary.new_themes} == set(engine.new)
    assert {t.theme_id for t in summary.rising} >= set(engine.rising["theme_id"]) - set(engine.new)


def test_new_needs_the_whole_history():
    """A theme quiet for longer than the window is not new when the full counts are given."""
    items, themes = fabricate({(1, "email"): [0] * 8 + [6], (3, "review"): [5] * 9})
    assert [t.theme_id for t in build_weekly_summary(items, themes, WEEK).new_themes] == [1]
    old = pd.DataFrame({"week": ["2025-W10"], "theme_id": [1], "channel": ["email"], "items": [9]})
    window = weekly_counts(
        items["received_at"], items["theme_id"].fillna(-1).astype(int), items["channel"]
    )
    counts = pd.concat([old, window[window["theme_id"] >= 0]], ignore_index=True)
    assert build_weekly_summary(items, themes, WEEK, counts=counts).new_themes == ()


def test_empty_week():
    summary = build({(1, "email"): [3, 3, 3, 3, 3, 3, 3, 3, 0]})
    assert summary.total.items == 0 and summary.top_theme_ids == () and summary.quotes == ()
    assert summary.unsorted_share == 0.0


def test_missing_columns_are_named():
    items, themes = fabricate(COUNTS)
    with pytest.raises(AnalysisError, match="sentiment"):
        build_weekly_summary(items.drop(columns="sentiment"), themes, WEEK)


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        pytest.param("2026-W47", date(2026, 11, 16), id="plain"),
        pytest.param(" 2026-w01 ", date(2025, 12, 29), id="week-1-starts-in-december"),
        pytest.param("2025-W53", None, id="no-week-53-in-2025"),
        pytest.param("2026-W53", date(2026, 12, 28), id="2026-has-53-weeks"),
        pytest.param("2026-47", None, id="missing-W"),
        pytest.param("last", None, id="last-is-resolved-by-the-workspace"),
    ],
)
def test_parse_iso_week(text, monday):
    if monday is None:
        with pytest.raises(AnalysisError, match="2026-W47"):
            parse_iso_week(text)
    else:
        assert parse_iso_week(text) == monday
        assert iso_week_label(monday) == text.strip().upper()


def test_last_complete_week():
    assert last_complete_week(date(2026, 11, 23)) == "2026-W47"  # a Monday
    assert last_complete_week(date(2026, 11, 22)) == "2026-W46"  # Sunday of W47


def test_a_reader_gets_quotes_in_their_language_first():
    """A theme of English and Dutch items: the most typical quotes are English, yet a Dutch
    summary quotes its Dutch items, an English one its English items; a theme without Dutch
    keeps its most typical quotes in both."""
    items, themes = fabricate({(1, "email"): [0] * 8 + [10], (3, "review"): [0] * 8 + [6]})
    dutch = items.index[(items["theme_id"] == 1) & (items.index % 2 == 0)]
    items["language"] = "en"
    items.loc[dutch, "language"] = "nl"
    items.loc[dutch, "text"] = [f"Mijn pakket kwam weer te laat, bestelling {i}." for i in dutch]
    items.loc[dutch, "similarity"] = 0.1  # the English ones are the most typical
    summary = build_weekly_summary(items, themes, WEEK)
    wanted = summary.rules.quotes_per_theme
    assert all(q.language == "en" for q in summary.quotes_for(1)[:wanted])
    in_dutch = summary.quotes_for(1, "nl")
    assert len(in_dutch) == wanted and {q.language for q in in_dutch} == {"nl"}
    assert summary.quotes_for(1, "en") == summary.quotes_for(1)[:wanted]
    assert summary.quotes_for(3, "nl") == summary.quotes_for(3, "en") == summary.quotes_for(3)
    markdown = render(summary, "md", "nl").decode("utf-8")
    assert "Mijn pakket kwam weer te laat" in markdown
    assert "Mijn pakket kwam weer te laat" not in render(summary, "md", "en").decode("utf-8")


def test_a_dutch_reader_gets_english_quotes_before_other_languages():
    """Google Play W38: "amazing" had English, Arabic and Spanish items, the Arabic ones most
    typical; the Dutch summary quoted "جميل" and "روعة" where the English one quoted
    English. A Dutch reader gets Dutch, then English, then anything (as the theme names)."""
    items, themes = fabricate({(1, "review"): [0] * 8 + [9]})
    in_week = items.index[items["theme_id"] == 1]
    items["language"] = (["ar", "es", "en"] * 3)[: len(in_week)]
    items.loc[in_week, "text"] = [
        f"{word} {i}"
        for i, word in zip(in_week, ["جميل جدا", "Lo mejor", "Superb app"] * 3, strict=True)
    ]
    items.loc[items["language"] == "en", "similarity"] = 0.1  # the least typical
    summary = build_weekly_summary(items, themes, WEEK)
    wanted = summary.rules.quotes_per_theme
    assert {q.language for q in summary.quotes_for(1)[:wanted]} != {"en"}
    assert [q.language for q in summary.quotes_for(1, "nl")] == ["en"] * wanted
    assert summary.quotes_for(1, "nl") == summary.quotes_for(1, "en")
    assert "جميل" not in render(summary, "md", "nl").decode("utf-8")
