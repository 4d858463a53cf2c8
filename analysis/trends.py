"""Weekly theme trends: counts per ISO week x theme x channel, rising/falling, spikes, new.

Rules (stated so a manager can be told why something is flagged):

- **Rising / falling** (per theme, all channels): the week's count is compared with the
  mean of the trailing 8 weeks (``lam``, at least 0.5). Rising when count >= ``min_count``
  and the Poisson upper tail P(X >= count | lam) < 0.05; falling when lam >= ``min_count``
  and the lower tail P(X <= count | lam) < 0.05.
- **Spike** (per theme x channel): count >= max(``min_count``, 2 x trailing-8-week median)
  and P(X >= count | lam = max(trailing mean, 1)) < 0.001, with at least 4 trailing weeks.
- **New**: the theme's first week with at least ``new_min_items`` items is this week.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy.stats import poisson

TRAILING_WEEKS = 8


def iso_week(timestamps: pd.Series) -> pd.Series:
    """ISO week labels ``"2026-W40"`` of UTC timestamps."""
    ts = pd.to_datetime(timestamps, utc=True)
    iso = ts.dt.isocalendar()
    return iso["year"].astype(str) + "-W" + iso["week"].astype(int).map("{:02d}".format)


def week_start(week: str) -> date:
    """Monday of an ISO week label."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def week_label(monday: date) -> str:
    year, number, _ = monday.isocalendar()
    return f"{year}-W{number:02d}"


def weeks_between(first: str, last: str) -> list[str]:
    """Every ISO week label from ``first`` to ``last`` inclusive."""
    start, end = week_start(first), week_start(last)
    return [week_label(start + timedelta(weeks=i)) for i in range((end - start).days // 7 + 1)]


def weekly_counts(received_at: pd.Series, theme_id: pd.Series, channel: pd.Series) -> pd.DataFrame:
    """Items per ``week`` x ``theme_id`` x ``channel`` (only non-zero cells)."""
    frame = pd.DataFrame(
        {
            "week": iso_week(pd.Series(received_at)).to_numpy(),
            "theme_id": np.asarray(theme_id),
            "channel": np.asarray(channel, dtype=object),
        }
    )
    if frame.empty:
        return pd.DataFrame(columns=["week", "theme_id", "channel", "items"])
    out = (
        frame.groupby(["week", "theme_id", "channel"], sort=True)
        .size()
        .rename("items")
        .reset_index()
    )
    return out


@dataclass(frozen=True, slots=True)
class ThemeTrends:
    """Trends of one ISO week."""

    week: str
    rising: pd.DataFrame = field(default_factory=pd.DataFrame)
    falling: pd.DataFrame = field(default_factory=pd.DataFrame)
    new: tuple[int, ...] = ()
    spikes: pd.DataFrame = field(default_factory=pd.DataFrame)


def _series(counts: pd.DataFrame, keys: list[str], weeks: list[str]) -> pd.DataFrame:
    """Counts pivoted to one row per key and one column per week (zeros filled)."""
    grouped = counts.groupby([*keys, "week"])["items"].sum().unstack("week")
    return grouped.reindex(columns=weeks).fillna(0).astype(int)


def theme_trends_for_week(
    counts: pd.DataFrame, week: str, min_count: int = 5, new_min_items: int = 3
) -> ThemeTrends:
    """Rising, falling, new themes and spikes for ``week`` from :func:`weekly_counts` output."""
    rising_cols = ["theme_id", "items", "trailing_mean", "p_value"]
    spike_cols = ["theme_id", "channel", "items", "trailing_median", "trailing_mean", "p_value"]
    if counts.empty:
        return ThemeTrends(
            week,
            pd.DataFrame(columns=rising_cols),
            pd.DataFrame(columns=rising_cols),
            (),
            pd.DataFrame(columns=spike_cols),
        )
    first = min(counts["week"].min(), week)
    weeks = weeks_between(first, max(counts["week"].max(), week))
    position = weeks.index(week)
    trailing = weeks[max(0, position - TRAILING_WEEKS) : position]

    per_theme = _series(counts, ["theme_id"], weeks)
    now = per_theme[week]
    lam = per_theme[trailing].mean(axis=1) if trailing else pd.Series(0.0, index=per_theme.index)
    lam_eff = lam.clip(lower=0.5)
    p_up = pd.Series(poisson.sf(now - 1, lam_eff), index=per_theme.index)
    p_down = pd.Series(poisson.cdf(now, lam_eff), index=per_theme.index)
    has_history = len(trailing) > 0
    # A spike needs at least 4 weeks to compare with; earlier weeks are never flagged.
    enough_history = len(trailing) >= 4
    rising_mask = (now >= min_count) & (p_up < 0.05) & has_history
    falling_mask = (lam >= min_count) & (p_down < 0.05) & has_history
    rising = pd.DataFrame(
        {"theme_id": per_theme.index, "items": now, "trailing_mean": lam, "p_value": p_up}
    )[rising_mask]
    falling = pd.DataFrame(
        {"theme_id": per_theme.index, "items": now, "trailing_mean": lam, "p_value": p_down}
    )[falling_mask]

    reached = per_theme.ge(new_min_items)
    first_week = reached.idxmax(axis=1).where(reached.any(axis=1))
    new = tuple(sorted(int(t) for t in first_week.index[first_week == week]))

    per_cell = _series(counts, ["theme_id", "channel"], weeks)
    cell_now = per_cell[week]
    if trailing:
        median = per_cell[trailing].median(axis=1)
        mean = per_cell[trailing].mean(axis=1)
    else:
        median = mean = pd.Series(0.0, index=per_cell.index)
    p_cell = pd.Series(poisson.sf(cell_now - 1, mean.clip(lower=1.0)), index=per_cell.index)
    spike_mask = (cell_now >= np.maximum(min_count, 2 * median)) & (p_cell < 0.001) & enough_history
    spikes = pd.DataFrame(
        {
            "theme_id": [k[0] for k in per_cell.index],
            "channel": [k[1] for k in per_cell.index],
            "items": cell_now.to_numpy(),
            "trailing_median": median.to_numpy(),
            "trailing_mean": mean.to_numpy(),
            "p_value": p_cell.to_numpy(),
        }
    )[spike_mask.to_numpy()]
    return ThemeTrends(
        week,
        rising.sort_values("p_value").reset_index(drop=True),
        falling.sort_values("p_value").reset_index(drop=True),
        new,
        spikes.sort_values("p_value").reset_index(drop=True),
    )
