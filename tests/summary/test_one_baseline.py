"""One baseline average: the weekly summary's "average" column is the number the trend rules
compared the week with (``analysis.trends``), for old, young and just-born themes, at the
start of the data and within one channel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.summary import build_weekly_summary
from analysis.trends import (
    RULES,
    _baseline,
    _pivot,
    _timeline,
    baseline_average,
    theme_trends_for_week,
    weekly_counts,
)
from tests.summary.fabricate import WEEK, fabricate

# Counts per week, oldest first, the last entry being WEEK. Histories longer than the
# summary's 9 weeks reach before its window; theme 4 rises in the last week of each.
HISTORIES = {
    "older-than-the-window": {
        (1, "email"): [3, 9, 9, 10, 12, 9, 11, 10, 11, 10, 12, 11],
        (2, "email"): [4, 0, 0, 1, 2, 0, 1, 0, 0, 1, 1, 3],
        (3, "review"): [5, 6, 5, 4, 6, 5, 5, 6, 5, 4, 5, 6],
        (4, "app_review"): [2, 1, 2, 2, 1, 3, 2, 1, 2, 2, 2, 30],
    },
    "young-theme": {
        (1, "email"): [10, 12, 9, 11, 10, 12, 11, 10, 11],
        (3, "review"): [5, 6, 5, 4, 6, 5, 5, 6, 5],
        (4, "app_review"): [0, 0, 0, 0, 0, 3, 2, 0, 25],
        (2, "email"): [0, 0, 0, 0, 0, 0, 0, 0, 6],  # born this week: no week to average
    },
    "data-starts-four-weeks-ago": {
        (1, "email"): [8, 0, 7, 9, 8],
        (2, "email"): [0, 2, 1, 0, 1],
        (4, "app_review"): [1, 2, 0, 1, 20],
    },
    "gap-after-first-item": {
        (1, "email"): [10, 12, 9, 11, 10, 12, 11, 10, 11],
        (4, "app_review"): [0, 0, 4, 0, 0, 0, 0, 0, 18],
        (3, "review"): [0, 0, 0, 0, 0, 0, 2, 0, 1],
    },
}


def _trend_baselines(counts: pd.DataFrame, week: str) -> pd.DataFrame:
    """The rising and falling rules' baseline per theme for ``week``: mean and weeks."""
    per_theme = _pivot(counts, ["theme_id"], _timeline(counts, week))
    base = _baseline(per_theme, RULES)
    return pd.DataFrame({"mean": base.mean[week], "weeks": base.history[week]})


@pytest.mark.parametrize("channel", [None, "email"], ids=["all-channels", "email-only"])
@pytest.mark.parametrize("history", list(HISTORIES), ids=list(HISTORIES))
def test_the_summarys_average_is_the_trend_rules_baseline(history, channel):
    items, themes = fabricate(HISTORIES[history], week=WEEK)
    sorted_items = items.dropna(subset=["theme_id"])
    counts = weekly_counts(
        sorted_items["received_at"], sorted_items["theme_id"].astype(int), sorted_items["channel"]
    )
    summary = build_weekly_summary(items, themes, WEEK, counts=counts, channel=channel)
    scoped = counts[counts["channel"] == channel] if channel else counts
    expected = _trend_baselines(scoped, WEEK)
    assert summary.themes
    for theme in summary.themes:
        rule = expected.loc[theme.theme_id]
        assert theme.volume.average == pytest.approx(rule["mean"], abs=1e-12), theme.theme_id
        assert theme.volume.weeks == rule["weeks"], theme.theme_id
    # Where the rule flags a theme, it quotes that same number.
    trends = theme_trends_for_week(scoped, WEEK)
    for row in trends.rising.itertuples(index=False):
        assert summary.theme(int(row.theme_id)).volume.average == pytest.approx(row.baseline)
        assert summary.theme(int(row.theme_id)).baseline == pytest.approx(row.baseline)


def test_a_young_theme_is_averaged_over_its_own_weeks_only():
    items, themes = fabricate(HISTORIES["young-theme"], week=WEEK)
    summary = build_weekly_summary(items, themes, WEEK)
    young, born = summary.theme(4), summary.theme(2)
    assert (young.volume.average, young.volume.weeks) == (pytest.approx(5 / 3), 3)
    assert (born.volume.average, born.volume.weeks) == (0.0, 0)
    assert young.is_rising and young.baseline == pytest.approx(5 / 3)


@pytest.mark.parametrize("seed", range(6))
def test_baseline_average_is_the_every_week_baselines_last_week(seed):
    """The one-row function the summary calls and the every-week baselines the flags use."""
    rng = np.random.default_rng(seed)
    weeks = int(rng.integers(1, 14))
    values = rng.poisson(3, (5, weeks))
    first = rng.integers(-3, weeks + 1, 5)
    pivot = pd.DataFrame(values, columns=[f"2026-W{w + 1:02d}" for w in range(weeks)])
    base = _baseline(pivot, RULES, first)
    for row in range(5):
        for j in range(weeks):
            mean, count = baseline_average(values[row, : j + 1], int(first[row]))
            assert mean == base.mean.iloc[row, j]
            assert count == base.history.iloc[row, j]
