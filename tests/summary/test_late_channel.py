"""The weekly summary's channel averages start at the channel's first item, as its theme
baselines do (:func:`analysis.trends.cell_first_columns`): a channel whose first export
arrived three weeks ago is not averaged over the five weeks before it as zeros."""

from __future__ import annotations

import pytest

from analysis.summary import build_weekly_summary
from analysis.summary_render import render
from analysis.trends import weekly_counts
from tests.summary.fabricate import WEEK, fabricate

# Nine weeks, oldest first, the last being WEEK: app reviews start in the sixth.
HISTORY = {
    (1, "email"): [10, 12, 9, 11, 10, 12, 11, 10, 11],
    (3, "review"): [5, 6, 5, 4, 6, 5, 5, 6, 5],
    (4, "app_review"): [0, 0, 0, 0, 0, 14, 16, 15, 20],
    (None, "app_review"): [0, 0, 0, 0, 0, 1, 0, 2, 1],
}


def _summary(history=HISTORY, *, channel=None):
    items, themes = fabricate(history, week=WEEK)
    sorted_items = items.dropna(subset=["theme_id"])
    counts = weekly_counts(
        sorted_items["received_at"], sorted_items["theme_id"].astype(int), sorted_items["channel"]
    )
    return build_weekly_summary(items, themes, WEEK, counts=counts, channel=channel)


def _channel(summary, code):
    return next(c.volume for c in summary.channels if c.channel == code)


def test_a_late_channels_average_is_over_its_own_weeks():
    """Before: App-reviews 21 against an average of 6,0 (48 items over 8 weeks, five of them
    before its first review) and a "look at this" line "App-reviews ontving 21 berichten tegen
    gemiddeld 6,0"; its three weeks averaged 16,0."""
    summary = _summary()
    app = _channel(summary, "app_review")
    assert (app.items, app.average, app.weeks) == (21, pytest.approx(16.0), 3)
    assert all(a.kind != "channel_volume" for a in summary.attention)
    email = _channel(summary, "email")  # a channel there from the start: all 8 weeks
    assert (email.average, email.weeks) == (pytest.approx(85 / 8), 8)
    markdown = render(summary, "md", "nl").decode()
    assert "21 berichten tegen gemiddeld 6,0" not in markdown


def test_a_channel_in_its_first_week_is_no_volume_alert():
    """A channel whose first item is in the week itself has no week to average: its row says
    "eerste week", and no line says it received more than an average of 0."""
    history = {**HISTORY, (2, "ticket"): [0, 0, 0, 0, 0, 0, 0, 0, 30]}
    summary = _summary(history)
    ticket = _channel(summary, "ticket")
    assert (ticket.items, ticket.weeks, ticket.first_week) == (30, 0, True)
    assert all(a.kind != "channel_volume" for a in summary.attention)
    assert "eerste week" in render(summary, "md", "nl").decode()


def test_a_channel_that_grew_is_still_said():
    """The alert itself stays: app reviews steady at 15 a week for three weeks, then 40."""
    history = {**HISTORY, (4, "app_review"): [0, 0, 0, 0, 0, 14, 16, 15, 40]}
    alerts = [a for a in _summary(history).attention if a.kind == "channel_volume"]
    assert [(a.channel, a.items) for a in alerts] == [("app_review", 41)]
    assert alerts[0].baseline == pytest.approx(16.0)
