"""A week that is not over is judged against the same days of earlier weeks, by every rule
that flags a theme (Overview, Themes table, weekly summary): a Wednesday's rise shows on
Wednesday, and a theme is not "new" because its earlier items fell on other weekdays."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.dashboard.test_overview_view import APP
from tests.summary.fabricate import WEEK, fabricate, monday
from tests.summary.workspace_fixture import write_workspace
from workspace.db import Workspace
from workspace.summary import render_summary, resolve_week, weekly_summary
from workspace.trends import current_trends, flagged_themes
from workspace.weeks import latest_week, trend_counts

STEADY, RISING, WEEKEND = 1, 3, 4
WEDNESDAY = monday(WEEK) + timedelta(days=2)


def _workspace(path):
    """Eight whole weeks, then WEEK from Monday to Wednesday only. STEADY: one item a day
    throughout; RISING: one a day, then three a day; WEEKEND: its earlier items all on
    Saturdays, three this week."""
    items, themes = fabricate(
        {
            (STEADY, "email"): [7] * 9,
            (RISING, "review"): [7] * 8 + [21],
            (WEEKEND, "email"): [3] * 9,
        }
    )
    local = items["received_at"].dt.tz_convert("Europe/Amsterdam")
    this_week = local.dt.date >= monday(WEEK)
    weekend = (items["theme_id"] == WEEKEND) & ~this_week
    items.loc[weekend, "received_at"] = [
        t + timedelta(days=5 - t.weekday()) for t in items.loc[weekend, "received_at"]
    ]
    items = items[~this_week | (local.dt.date <= WEDNESDAY)].reset_index(drop=True)
    return write_workspace(path, items, themes)


def test_an_unfinished_week_is_flagged_against_the_same_days(tmp_path):
    path = _workspace(tmp_path / "w.duckdb")
    today = date(2026, 11, 30)
    with Workspace.open(path, read_only=True) as ws:
        latest = latest_week(ws, today=today)
        counted = trend_counts(ws, today=today)
        trends = current_trends(ws)
        flagged = flagged_themes(ws)
        summary = weekly_summary(ws, WEEK, today=today)
        last = resolve_week(ws, "last", today=today)
    assert (latest.week, latest.last_day, latest.over) == (WEEK, WEDNESDAY, False)
    assert counted.partial_through == WEDNESDAY
    before = counted.counts[counted.counts["week"] < WEEK]
    assert set(before.groupby("theme_id")["items"].sum()) <= {3 * 8, 0}  # Monday-Wednesday
    # RISING: 9 items against 3 on the same days (against 7 in a whole week it would not rise)
    assert set(trends.rising_ids) == {RISING} and not trends.new
    assert set(flagged["theme_id"]) == {RISING}
    assert summary.through == WEDNESDAY and last != WEEK  # "last" is the week before
    assert [t.theme_id for t in summary.rising] == [RISING] and not summary.new_themes
    assert summary.total.items == 3 + 9 + 3 and summary.total.previous == 3 + 3  # no Saturday
    text = render_summary(summary, "md", "nl").decode()
    assert "t/m 30 sep 2026 (de week is nog niet om" in text


def test_whole_weeks_are_compared_once_the_week_is_over(tmp_path):
    path = _workspace(tmp_path / "w.duckdb")
    with Workspace.open(path, read_only=True) as ws:
        counted = trend_counts(ws, until_week="2026-W39", today=date(2026, 11, 30))
        summary = weekly_summary(ws, "2026-W39", today=date(2026, 11, 30))
    assert counted.partial_through is None
    assert counted.counts is counted.whole_weeks
    assert summary.through is None and summary.total.items == 7 + 7 + 3
    assert isinstance(counted.counts, pd.DataFrame)


def test_the_week_totals_say_how_many_items_are_themed_rated_only_or_unsorted(
    tmp_path, monkeypatch
):
    from tests.conftest import make_record
    from workspace.imports import import_records
    from workspace.weeks import week_totals

    items, themes = fabricate({(STEADY, "email"): [7] * 9, (None, "email"): [0] * 8 + [2]})
    path = write_workspace(tmp_path / "w.duckdb", items, themes)
    wednesday = pd.Timestamp(WEDNESDAY).tz_localize("UTC") + pd.Timedelta(hours=10)
    star = make_record(
        900, channel="review", text="", is_star_only=True, rating=5.0,
        rating_scale_min=1.0, rating_scale_max=5.0, received_at=wednesday.to_pydatetime(),
    )  # fmt: skip
    with Workspace.open(path) as ws:
        import_records(ws, [star], file_name="stars.csv")
    with Workspace.open(path, read_only=True) as ws:
        totals = week_totals(ws)
    assert (totals.this_week, totals.themed, totals.star_only, totals.unsorted) == (10, 7, 1, 2)
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    said = "In een thema: 7 van de 10 berichten van deze week. Sterren zonder tekst: 1; ongesorteerd: 2."
    assert said in [c.value for c in at.caption]
