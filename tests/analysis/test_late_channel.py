"""A channel whose first item arrives late is not judged over the weeks before it existed.

Its theme baselines (spikes, "rising in <channel>") start at the later of the theme's first
week and the channel's first week (:func:`analysis.trends.cell_first_columns`); a theme that
reaches a channel that already existed still has its quiet weeks there counted."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.trends import (
    cell_first_columns,
    first_weeks,
    spike_weeks,
    theme_trends_for_week,
    weeks_since_first,
)

COLUMNS = ["week", "theme_id", "channel", "items"]


def _week(n: int) -> str:
    return f"2026-W{n:02d}"


def _late_channel(start: int = 36, last: int = 40) -> pd.DataFrame:
    """Themes 1 and 2 in e-mail since week 20, six a week; app reviews start in week
    ``start``: theme 1 fifteen a week there, theme 2 two."""
    rows = [(_week(w), t, "email", 6) for w in range(20, last + 1) for t in (1, 2)]
    rows += [(_week(w), 1, "app_review", 15) for w in range(start, last + 1)]
    rows += [(_week(w), 2, "app_review", 2) for w in range(start, last + 1)]
    return pd.DataFrame(rows, columns=COLUMNS)


def test_a_channels_first_weeks_are_no_spike_and_no_rise_in_that_channel():
    """Before: app reviews in week 36 were compared with eight "weeks" of 0 (weeks 28-35,
    before the first app review), so theme 1 showed "Piek: 15 berichten tegen een gewone week
    van 0" and "stijgend in App-reviews" in the export's first week, and a marker on the
    Trends chart in each of its first weeks."""
    counts = _late_channel()
    first = theme_trends_for_week(counts, _week(36))
    assert first.spikes.empty
    assert all("app_review" not in channels for channels in first.rising["channels"])
    assert spike_weeks(counts).empty  # no marker on any chart in any week
    for week in range(36, 41):
        assert theme_trends_for_week(counts, _week(week)).spikes.empty, week


def test_a_theme_reaching_a_channel_that_existed_keeps_its_quiet_weeks_there():
    """Theme 1 has been in e-mail since week 20; reviews (theme 3) since week 20 too. Theme
    1's first reviews, 20 in week 36, are a spike in reviews: its weeks there since week 20
    were quiet (0), the channel existed."""
    rows = [(_week(w), 1, "email", 6) for w in range(20, 37)]
    rows += [(_week(w), 3, "review", 6) for w in range(20, 37)]
    rows += [(_week(36), 1, "review", 20)]
    trends = theme_trends_for_week(pd.DataFrame(rows, columns=COLUMNS), _week(36))
    assert list(zip(trends.spikes["theme_id"], trends.spikes["channel"], strict=True)) == [
        (1, "review")
    ]
    assert trends.spikes["baseline"].tolist() == [0.0]


def test_a_late_channel_is_judged_from_its_own_fifth_week_like_any_other():
    """From the channel's history on, the spike rule works as ever: theme 1 at 15 a week in
    app reviews for four weeks, then 60 (the rest of the channel steady at 2), spikes."""
    counts = _late_channel(last=39)
    counts = pd.concat(
        [
            counts,
            pd.DataFrame(
                [(_week(40), 1, "app_review", 60), (_week(40), 2, "app_review", 2)],
                columns=COLUMNS,
            ),
            pd.DataFrame([(_week(40), t, "email", 6) for t in (1, 2)], columns=COLUMNS),
        ],
        ignore_index=True,
    )
    spikes = theme_trends_for_week(counts, _week(40)).spikes
    assert spikes[["theme_id", "channel", "baseline"]].values.tolist() == [[1, "app_review", 15.0]]
    marked = spike_weeks(counts)
    assert marked[["week", "theme_id", "channel"]].values.tolist() == [[_week(40), 1, "app_review"]]


@pytest.mark.parametrize(
    ("theme_start", "channel_start", "expected"),
    [
        pytest.param(0, 3, 3, id="channel-later-than-theme"),
        pytest.param(4, 1, 4, id="theme-later-than-channel"),
    ],
)
def test_a_cells_history_starts_at_the_later_of_theme_and_channel(
    theme_start, channel_start, expected
):
    weeks = [_week(w) for w in range(30, 38)]
    per_theme = pd.DataFrame([[0] * 8], index=pd.Index([1], name="theme_id"), columns=weeks)
    per_theme.iloc[0, theme_start] = 5
    index = pd.MultiIndex.from_tuples([(1, "email"), (2, "email")], names=["theme_id", "channel"])
    per_cell = pd.DataFrame([[0] * 8, [0] * 8], index=index, columns=weeks)
    per_cell.iloc[0, max(theme_start, channel_start)] = 5
    per_cell.iloc[1, channel_start] = 1
    assert cell_first_columns(per_theme, per_cell)[0] == expected


def test_first_weeks_per_channel_and_theme():
    counts = _late_channel()
    assert first_weeks(counts, "channel") == {"app_review": _week(36), "email": _week(20)}
    assert first_weeks(counts, "theme_id") == {1: _week(20), 2: _week(20)}
    assert first_weeks(pd.DataFrame(columns=COLUMNS), "channel") == {}


@pytest.mark.parametrize(
    ("first", "latest", "weeks"),
    [
        pytest.param("2026-W47", "2026-W47", 1, id="one-week"),
        pytest.param("2025-W52", "2026-W01", 2, id="over-new-year"),
        pytest.param("2020-W52", "2021-W01", 3, id="long-year-w53"),
        pytest.param("2013-W23", "2016-W39", 174, id="google-play-sample"),
        pytest.param("2026-W48", "2026-W47", 0, id="after-latest"),
    ],
)
def test_weeks_since_first_counts_quiet_weeks_too(first, latest, weeks):
    assert weeks_since_first(first, latest) == weeks
