"""The Overview and the weekly summary say "The largest increase, X (22 against an average
of 15.6), is within ordinary variation": X is the theme that rose the most items above its
average without a flag, not the one whose small rise was the least likely."""

from __future__ import annotations

import pandas as pd

from analysis.trends import theme_trends_for_week, weeks_between

WEEKS = weeks_between("2026-W01", "2026-W11")
BIG, SMALL = 1, 2


def _counts() -> pd.DataFrame:
    rows = [("2026-W11", BIG, "email", 22)]
    rows += [(w, BIG, "email", 16) for w in WEEKS[:-1]]  # 16 a week: 22 is ordinary
    # 3 items long before the baseline (so not new), nothing since, 4 now: unlikely (p 0,002)
    # but under the 5 items rising asks for, and 4 items above its average against 6
    rows += [("2026-W01", SMALL, "email", 3), ("2026-W11", SMALL, "email", 4)]
    return pd.DataFrame(rows, columns=["week", "theme_id", "channel", "items"])


def test_the_largest_unflagged_rise_is_the_most_items_above_the_average():
    trends = theme_trends_for_week(_counts(), "2026-W11")
    assert not trends.rising_ids and not trends.new and not trends.spike_ids
    rises = trends.unflagged_rise.set_index("theme_id")
    assert set(rises.index) == {BIG, SMALL}
    assert rises.loc[SMALL, "p_value"] < rises.loc[BIG, "p_value"]  # likelier, yet smaller
    assert list(trends.unflagged_rise["theme_id"]) == [BIG, SMALL]
    assert trends.unflagged_rise["baseline"].tolist() == [16.0, 0.0]
