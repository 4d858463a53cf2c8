"""Weekly theme trends, defined once: rising, falling, new and spike.

Every screen that says a theme rises, falls, is new or spikes (Overview, Themes, Trends, the
theme page, the weekly summary) asks :func:`theme_trends_for_week` or :func:`spike_weeks`, and
quotes the baseline these return (the summary's averages come from :func:`baseline_average`),
so a manager reads the same flag and the same number everywhere. The thresholds are the fields of :class:`TrendRules`; the rule texts shown to a
manager are generated from them.

The rules, for an ISO week W, on counts of sorted inbound items per local ISO week:

- **Baseline**: the previous ``baseline_weeks`` (8) weeks before W since the theme's first
  week with items (fewer for a young theme or at the start of the data; weeks without items
  since then count as 0, the weeks before the theme existed do not count). A theme's baseline
  in one channel starts at the later of the theme's first week in any channel and the
  channel's first week with items (:func:`cell_first_columns`): the weeks before a channel's
  first export are not quiet weeks either (a channel whose items start in week 30 is not
  averaged over weeks 22-29 as zeros, which made its first weeks look like spikes).
- **Rising** (per theme, all channels in scope): at least ``min_count`` (5) items in W, and
  more than ordinary week-to-week variation allows: the Poisson upper tail
  P(X >= count | lambda = baseline average, at least 0.5) < ``rising_p`` (0.01). Needs at
  least one baseline week. ``rising_channels`` names the channels in which the theme's own
  count passes the same test (informative only; a theme is rising on its total).
- **Falling**: baseline average >= ``min_count`` and P(X <= count | average) < ``rising_p``.
- **Spike** (per theme x channel): at least max(``min_count``, ``spike_ratio`` (2) x the
  baseline median) items in W, and P(X >= count | lambda = max(baseline median, 1)) <
  ``spike_p`` (0.001), with at least ``spike_min_history`` (4) baseline weeks (so a theme
  younger than that never spikes: its second week against a "usual week" of 0 would). The median is
  the "usual week": one earlier spike does not raise it. When the rest of the channel surged
  (more than ``spike_ratio`` x its own median), the usual week is scaled by that growth
  before both tests: a theme that only followed its channel is no spike.
- **New**: W is the theme's first week with at least ``new_min_items`` (3) items, and the
  weeks before W held fewer than that together (a theme that trickled in at one or two a week
  is not new when it first reaches three). A new theme is reported only as new (its first
  week would always look rising and spiking).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view
from scipy.special import pdtr, pdtrc

from analysis.localtime import DEFAULT_TIMEZONE, iso_week_label, iso_week_labels, parse_iso_week


@dataclass(frozen=True, slots=True)
class TrendRules:
    """The thresholds of every trend flag (see the module docstring)."""

    baseline_weeks: int = 8
    min_count: int = 5
    rising_p: float = 0.01
    spike_ratio: float = 2.0
    spike_p: float = 0.001
    spike_min_history: int = 4
    new_min_items: int = 3


RULES = TrendRules()
TRAILING_WEEKS = RULES.baseline_weeks

RISING_COLUMNS = ["theme_id", "items", "baseline", "p_value", "channels"]
SPIKE_COLUMNS = ["theme_id", "channel", "items", "baseline", "p_value", "channel_growth"]


def iso_week(timestamps: pd.Series, tz: str = DEFAULT_TIMEZONE) -> pd.Series:
    """Local ISO week labels ``"2026-W40"`` of UTC instants (see :mod:`analysis.localtime`)."""
    return iso_week_labels(timestamps, tz)


def weeks_between(first: str, last: str) -> list[str]:
    """Every ISO week label from ``first`` to ``last`` inclusive."""
    start, end = parse_iso_week(first), parse_iso_week(last)
    return [iso_week_label(start + timedelta(weeks=i)) for i in range((end - start).days // 7 + 1)]


def weekly_counts(
    received_at: pd.Series,
    theme_id: pd.Series,
    channel: pd.Series,
    tz: str = DEFAULT_TIMEZONE,
) -> pd.DataFrame:
    """Items per local ISO ``week`` x ``theme_id`` x ``channel`` (only non-zero cells)."""
    frame = pd.DataFrame(
        {
            "week": iso_week(pd.Series(received_at), tz).to_numpy(),
            "theme_id": np.asarray(theme_id),
            "channel": np.asarray(channel, dtype=object),
        }
    )
    if frame.empty:
        return pd.DataFrame(columns=["week", "theme_id", "channel", "items"])
    return (
        frame.groupby(["week", "theme_id", "channel"], sort=True)
        .size()
        .rename("items")
        .reset_index()
    )


@dataclass(frozen=True, slots=True)
class ThemeTrends:
    """The flags of one ISO week.

    ``rising`` and ``falling``: columns :data:`RISING_COLUMNS` (``baseline`` is the average
    of the baseline weeks the rule compared with). ``spikes``: columns :data:`SPIKE_COLUMNS`
    (``baseline`` is the median week the rule compared with). ``new``: theme ids.
    """

    week: str
    rising: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RISING_COLUMNS))
    falling: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RISING_COLUMNS))
    new: tuple[int, ...] = ()
    spikes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SPIKE_COLUMNS))
    rules: TrendRules = RULES
    unflagged_rise: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=RISING_COLUMNS)
    )
    """The themes that have more items than their average this week yet carry no flag (not
    new, rising or spiking), the largest rise (items minus average) first, then the likeliest
    (columns :data:`RISING_COLUMNS`): what
    a page says when nothing is flagged, so "9 → 18" beside "nothing rose" is explained by
    the rule that judged it."""

    @property
    def rising_ids(self) -> tuple[int, ...]:
        return tuple(sorted(int(t) for t in self.rising["theme_id"]))

    @property
    def spike_ids(self) -> tuple[int, ...]:
        return tuple(sorted({int(t) for t in self.spikes["theme_id"]}))

    def flag(self, theme_id: int) -> str:
        """``"new"``, ``"spike"``, ``"rising"``, ``"falling"`` or ``""`` (first that applies)."""
        if theme_id in self.new:
            return "new"
        if theme_id in self.spike_ids:
            return "spike"
        if theme_id in self.rising_ids:
            return "rising"
        if theme_id in {int(t) for t in self.falling["theme_id"]}:
            return "falling"
        return ""


def _pivot(counts: pd.DataFrame, keys: list[str], weeks: list[str]) -> pd.DataFrame:
    """Counts with one row per key and one column per week (every week, zeros filled)."""
    grouped = counts.groupby([*keys, "week"])["items"].sum().unstack("week")
    return grouped.reindex(columns=weeks).fillna(0).astype("int64")


@dataclass(frozen=True, slots=True)
class _Baseline:
    """Per key and week: the count, and the baseline of the weeks before it."""

    now: pd.DataFrame
    mean: pd.DataFrame
    median: pd.DataFrame
    history: pd.DataFrame  # baseline weeks counted (since the theme's first week), per key x week


# scipy.special's Poisson tails instead of scipy.stats.poisson: the same numbers, and the
# Overview's first draw does not wait for scipy.stats to import (about a second on 2 cores).
def _poisson_sf(k: pd.DataFrame | pd.Series, lam: pd.DataFrame | pd.Series) -> np.ndarray:
    """P(X > k) for X ~ Poisson(lam); 1 for k < 0 (pdtrc has no value there)."""
    return np.where(k < 0, 1.0, pdtrc(np.maximum(k, 0), lam))


def _poisson_cdf(k: pd.Series, lam: pd.Series) -> np.ndarray:
    """P(X <= k) for X ~ Poisson(lam); 0 for k < 0."""
    return np.where(k < 0, 0.0, pdtr(np.maximum(k, 0), lam))


def _first_item_columns(pivot: pd.DataFrame) -> np.ndarray:
    """Per row, the column of its first week with items (the number of columns when none)."""
    values = pivot.to_numpy()
    has = values > 0
    return np.where(has.any(axis=1), has.argmax(axis=1), values.shape[1])


def _baseline_windows(values: np.ndarray, first: np.ndarray, n: int) -> np.ndarray:
    """Per row and week, the ``n`` weeks before it (a view, rows x weeks x n); NaN for weeks
    before the data or before the row's column ``first`` (a theme's first week with items),
    which are not quiet weeks but weeks the theme did not exist."""
    rows, weeks = values.shape
    before_first = np.arange(weeks)[None, :] < np.asarray(first).reshape(-1, 1)
    padded = np.concatenate(
        [np.full((rows, n), np.nan), np.where(before_first, np.nan, values)], axis=1
    )
    return sliding_window_view(padded, n, axis=1)[:, :weeks]  # weeks j-n .. j-1


def _window_means(windows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean of each window's known weeks (0 when none) and how many weeks are known."""
    known = ~np.isnan(windows)
    count = known.sum(axis=2)
    mean = np.where(known, windows, 0.0).sum(axis=2) / np.maximum(count, 1)
    return mean, count


def baseline_average(
    history: np.ndarray, first: int, rules: TrendRules | None = None
) -> tuple[float, int]:
    """The average the rising and falling rules compare the last week of ``history`` with,
    and the number of weeks it is over: the ``baseline_weeks`` weeks before it, counting only
    the weeks from column ``first`` on (a theme's first week with items, or the data's first
    week; negative when that lies before ``history``). 0.0 over 0 weeks when there is none.

    The weekly summary quotes this average for every theme and channel, so its tables show
    the number the trend flags were decided on (one computation: :func:`_baseline` runs the
    same windows for every week at once).
    """
    rules = rules or RULES
    values = np.asarray(history, dtype=float).reshape(1, -1)
    if values.shape[1] == 0:
        return 0.0, 0
    windows = _baseline_windows(values, np.array([first]), rules.baseline_weeks)
    mean, count = _window_means(windows[:, -1:])
    return float(mean[0, 0]), int(count[0, 0])


def _baseline(pivot: pd.DataFrame, rules: TrendRules, first: np.ndarray | None = None) -> _Baseline:
    """Baselines for every week at once (the Trends page marks every week): per key, the mean
    and median of the ``baseline_weeks`` weeks before each week, counting only the weeks since
    the key's first week with items (``first``: a column per row; its own first week when
    None), so the weeks before a theme existed do not count as quiet weeks; 0 when there is no
    such week. Plain numpy over a sliding window: pandas' rolling median per column took most
    of the Overview's first draw."""
    n = rules.baseline_weeks
    values = pivot.to_numpy(dtype=float)
    if first is None:
        first = _first_item_columns(pivot)
    windows = _baseline_windows(values, first, n)
    mean, count = _window_means(windows)
    ordered = np.sort(windows, axis=2)  # NaN last: the known weeks first, in order
    low = np.take_along_axis(ordered, np.maximum((count - 1) // 2, 0)[..., None], axis=2)
    high = np.take_along_axis(ordered, np.minimum(count // 2, n - 1)[..., None], axis=2)
    median = np.where(count > 0, (low[..., 0] + high[..., 0]) / 2, 0.0)
    frame = partial(pd.DataFrame, index=pivot.index, columns=pivot.columns)
    return _Baseline(pivot, frame(mean), frame(median), frame(count))


def _rising_p(base: _Baseline) -> pd.DataFrame:
    lam = base.mean.clip(lower=0.5)
    return pd.DataFrame(
        _poisson_sf(base.now - 1, lam), index=base.now.index, columns=base.now.columns
    )


def _is_rising(base: _Baseline, rules: TrendRules) -> pd.DataFrame:
    return (base.now >= rules.min_count) & (_rising_p(base) < rules.rising_p) & (base.history > 0)


def _spikes_all_weeks(
    base: _Baseline, rules: TrendRules, channel_first: np.ndarray | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Spike mask, p-values and channel growth per (theme, channel) x week (``base``: per
    (theme, channel) row; ``channel_first``: per row, its channel's first column
    (:func:`channel_first_columns`), where the rest of the channel's history starts).

    When the rest of the channel (its items outside the theme) surged, to more than
    ``spike_ratio`` times its own median week, the theme's usual week is scaled by that
    growth (the rest's count over its median, at least 1): a theme that only followed the
    channel's volume (the first weeks of a new export, a campaign) is no spike, which the
    weekly summary reports as the channel's volume, but a theme that surged far beyond its
    channel still is. The growth is 1 in a steady channel.
    """
    lam = base.median.clip(lower=1.0)
    growth = pd.DataFrame(1.0, index=base.now.index, columns=base.now.columns)
    threshold = np.maximum(rules.min_count, rules.spike_ratio * base.median)
    history = base.history >= rules.spike_min_history
    if bool(((base.now >= threshold) & history).to_numpy().any()):
        channel_total = base.now.groupby(level=1).transform("sum")
        rest = channel_total - base.now
        rest_base = _baseline(rest, rules, channel_first)
        surged = (rest_base.history > 0) & (
            rest > np.maximum(rules.min_count, rules.spike_ratio * rest_base.median)
        )
        growth = (rest / rest_base.median.clip(lower=1.0)).where(surged, 1.0).clip(lower=1.0)
        lam = lam * growth
        threshold = np.maximum(rules.min_count, rules.spike_ratio * base.median * growth)
    p = pd.DataFrame(_poisson_sf(base.now - 1, lam), index=base.now.index, columns=base.now.columns)
    mask = (base.now >= threshold) & (p < rules.spike_p) & history
    return mask, p, growth


def scaled_for_channel(growth: float) -> bool:
    """Whether a spike's usual week was scaled for its surging channel (``channel_growth``
    above 1): then its line says how busy the channel was (the Overview, the chart hovers,
    the weekly summary)."""
    return float(growth) > 1.0


def _first_weeks(per_theme: pd.DataFrame, rules: TrendRules) -> pd.Series:
    """Per theme, the week it is new in (NaN when none): its first week with at least
    ``new_min_items`` items, when all weeks before it held fewer than that together.

    A theme that trickled in at one or two items a week for months is no new subject when a
    week first brings three (real app reviews: "works fine", 8 items over 13 weeks, then 3,
    was reported as a new theme).
    """
    reached = per_theme.ge(rules.new_min_items)
    first = reached.to_numpy().argmax(axis=1)
    before = per_theme.cumsum(axis=1).to_numpy() - per_theme.to_numpy()
    earlier = before[np.arange(len(per_theme)), first] if len(per_theme) else np.zeros(0)
    new = reached.any(axis=1).to_numpy() & (earlier < rules.new_min_items)
    return pd.Series(per_theme.columns[first], index=per_theme.index).where(new)


def channel_first_columns(per_cell: pd.DataFrame) -> np.ndarray:
    """Per (theme, channel) row of ``per_cell``, the column of its channel's first week with
    items (any theme): the week the channel's history starts."""
    per_channel = per_cell.groupby(level=1).sum()
    first = pd.Series(_first_item_columns(per_channel), index=per_channel.index)
    return first.reindex(per_cell.index.get_level_values(1)).to_numpy()


def cell_first_columns(per_theme: pd.DataFrame, per_cell: pd.DataFrame) -> np.ndarray:
    """Per (theme, channel) row, the column its baseline starts at: the later of the theme's
    first week with items in any channel and the channel's first week with items. A theme
    that reaches a channel that already existed has its history there from the theme's start
    (its quiet weeks there count as 0), but the weeks before the channel's first item are no
    quiet weeks: the channel did not exist (an app-review export starting in week 30 of the
    data was averaged over the weeks before as zeros, so its first weeks spiked)."""
    theme = pd.Series(_first_item_columns(per_theme), index=per_theme.index)
    theme_first = theme.reindex(per_cell.index.get_level_values(0)).to_numpy()
    return np.maximum(theme_first, channel_first_columns(per_cell))


def weeks_since_first(first: str, latest: str) -> int:
    """How many weeks a channel (or theme) has existed by ``latest``: its first week with
    items through ``latest``, weeks without items included, as its baselines count them
    (:func:`cell_first_columns`); 0 when ``first`` is after ``latest``. The Trends page's
    "Weken" per channel."""
    if first > latest:
        return 0
    return len(weeks_between(first, latest))


def first_weeks(counts: pd.DataFrame, key: str) -> dict[object, str]:
    """Per value of ``key`` (``"theme_id"`` or ``"channel"``) in :func:`weekly_counts`-shaped
    ``counts``, its first week with items: where its baseline starts (the rule of
    :func:`cell_first_columns`, for the weekly summary's averages). Empty for no counts."""
    if counts.empty:
        return {}
    firsts = counts[counts["items"] > 0].groupby(key)["week"].min()
    return {k: str(w) for k, w in firsts.items()}


def _timeline(counts: pd.DataFrame, *extra: str) -> list[str]:
    first = min([counts["week"].min(), *extra])
    last = max([counts["week"].max(), *extra])
    return weeks_between(first, last)


def theme_trends_for_week(
    counts: pd.DataFrame,
    week: str,
    min_count: int | None = None,
    new_min_items: int | None = None,
    *,
    rules: TrendRules | None = None,
    complete: bool = True,
    whole_weeks: pd.DataFrame | None = None,
) -> ThemeTrends:
    """Rising, falling, new themes and spikes for ``week`` from :func:`weekly_counts` output.

    Args:
        counts: items per ``week`` x ``theme_id`` x ``channel`` up to ``week`` (later weeks
            are ignored).
        week: ``"2026-W47"``.
        min_count, new_min_items: override those fields of ``rules``.
        rules: the thresholds; :data:`RULES` when None.
        complete: False while ``week`` is not over: its counts can still grow, so nothing
            is "falling" yet (rising, new and spikes, decided on what is there, stand).
        whole_weeks: when ``counts`` hold only the weekdays an unfinished ``week`` has so far
            (every week counted over the same days), the counts of whole weeks: a theme is
            new by its whole history, not by the days counted.
    """
    rules = rules or RULES
    if min_count is not None or new_min_items is not None:
        rules = TrendRules(
            **{
                **{f: getattr(rules, f) for f in rules.__dataclass_fields__},
                **({"min_count": min_count} if min_count is not None else {}),
                **({"new_min_items": new_min_items} if new_min_items is not None else {}),
            }
        )
    counts = counts[counts["week"] <= week] if not counts.empty else counts
    if counts.empty:
        return ThemeTrends(week, rules=rules)
    weeks = _timeline(counts, week)

    per_theme = _pivot(counts, ["theme_id"], weeks)
    if whole_weeks is not None and not whole_weeks.empty:
        whole = whole_weeks[whole_weeks["week"] <= week]
        first_week = _first_weeks(_pivot(whole, ["theme_id"], _timeline(whole, week)), rules)
    else:
        first_week = _first_weeks(per_theme, rules)
    new_ids = {int(t) for t in first_week.index[first_week == week]}
    theme = _baseline(per_theme, rules)
    p_up = _rising_p(theme)[week]
    rising_mask = _is_rising(theme, rules)[week] & ~per_theme.index.isin(list(new_ids))
    lam = theme.mean[week]
    p_down = pd.Series(_poisson_cdf(theme.now[week], lam.clip(lower=0.5)), index=lam.index)
    falling_mask = (lam >= rules.min_count) & (p_down < rules.rising_p) & (theme.history[week] > 0)
    falling_mask &= complete

    per_cell = _pivot(counts, ["theme_id", "channel"], weeks)
    cell = _baseline(per_cell, rules, cell_first_columns(per_theme, per_cell))
    cell_rising = _is_rising(cell, rules)[week]
    spike_mask, spike_p, spike_growth = _spikes_all_weeks(
        cell, rules, channel_first_columns(per_cell)
    )
    cell_themes = per_cell.index.get_level_values(0)
    spike_now = spike_mask[week] & ~cell_themes.isin(list(new_ids))

    channels_of: dict[int, tuple[str, ...]] = {}
    for (theme_id, channel), flagged in zip(
        per_cell.index.tolist(), cell_rising.tolist(), strict=True
    ):
        if flagged:
            key = int(theme_id)
            channels_of[key] = (*channels_of.get(key, ()), str(channel))

    def theme_frame(mask: pd.Series, p: pd.Series, with_channels: bool) -> pd.DataFrame:
        ids = [int(t) for t in per_theme.index[mask.to_numpy()]]
        frame = pd.DataFrame(
            {
                "theme_id": ids,
                "items": theme.now[week][mask].to_numpy(),
                "baseline": lam[mask].to_numpy(),
                "p_value": p[mask].to_numpy(),
                "channels": [channels_of.get(t, ()) if with_channels else () for t in ids],
            },
            columns=RISING_COLUMNS,
        )
        return frame.sort_values(["p_value", "theme_id"]).reset_index(drop=True)

    spikes = pd.DataFrame(
        {
            "theme_id": [int(t) for t in cell_themes[spike_now.to_numpy()]],
            "channel": [str(c) for c in per_cell.index.get_level_values(1)[spike_now.to_numpy()]],
            "items": cell.now[week][spike_now].to_numpy(),
            "baseline": cell.median[week][spike_now].to_numpy(),
            "p_value": spike_p[week][spike_now].to_numpy(),
            "channel_growth": spike_growth[week][spike_now].to_numpy(),
        },
        columns=SPIKE_COLUMNS,
    )
    spiking = set(spikes["theme_id"])
    unflagged_mask = (
        (theme.now[week] > lam)
        & (theme.history[week] > 0)
        & ~rising_mask
        & ~per_theme.index.isin(list(new_ids | spiking))
    )
    unflagged = theme_frame(unflagged_mask, p_up, False)
    # Said as "the largest increase": the most items above the average first (the likeliest
    # by p-value was often a theme of 2 against 0,1 beside one of 22 against 15,6).
    unflagged = (
        unflagged.assign(_rise=unflagged["items"] - unflagged["baseline"])
        .sort_values(["_rise", "p_value", "theme_id"], ascending=[False, True, True])
        .drop(columns="_rise")
        .reset_index(drop=True)
    )
    return ThemeTrends(
        week,
        theme_frame(rising_mask, p_up, True),
        theme_frame(falling_mask, p_down, False),
        tuple(sorted(new_ids)),
        spikes.sort_values(["p_value", "theme_id", "channel"]).reset_index(drop=True),
        rules,
        unflagged,
    )


def spike_weeks(counts: pd.DataFrame, *, rules: TrendRules | None = None) -> pd.DataFrame:
    """Every spike in the counts' whole history: the same rule as
    :func:`theme_trends_for_week`, for every week at once (markers on the charts).

    Returns:
        Columns ``week`` and :data:`SPIKE_COLUMNS`, oldest week first.
    """
    rules = rules or RULES
    columns = ["week", *SPIKE_COLUMNS]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    weeks = _timeline(counts)
    per_theme = _pivot(counts, ["theme_id"], weeks)
    first_week = _first_weeks(per_theme, rules)
    per_cell = _pivot(counts, ["theme_id", "channel"], weeks)
    cell = _baseline(per_cell, rules, cell_first_columns(per_theme, per_cell))
    mask, p, growth = _spikes_all_weeks(cell, rules, channel_first_columns(per_cell))
    # The flagged cells by position (numpy, row by row as DataFrame.stack orders them): a
    # label lookup per spike took seconds of the Trends page's first draw at 100k items.
    rows, cols = np.nonzero(mask.to_numpy(dtype=bool))
    if rows.size == 0:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(
        {
            "theme_id": per_cell.index.get_level_values(0)[rows],
            "channel": per_cell.index.get_level_values(1)[rows],
            "week": mask.columns[cols],
            "items": cell.now.to_numpy()[rows, cols],
            "baseline": cell.median.to_numpy()[rows, cols],
            "p_value": p.to_numpy()[rows, cols],
            "channel_growth": growth.to_numpy()[rows, cols],
        }
    )
    out = out[out["week"].to_numpy() != first_week.reindex(out["theme_id"]).to_numpy()]
    out["theme_id"] = out["theme_id"].astype("int64")
    return out[columns].sort_values(["week", "theme_id", "channel"]).reset_index(drop=True)


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "nl" else text


def rule_texts(rules: TrendRules, lang: str) -> dict[str, str]:
    """The rules in a manager's words (``en`` or ``nl``), written from ``rules`` itself so
    what a page or the summary says is what the code does. Keys: ``rising``, ``new``,
    ``spike``."""
    weeks, minimum = rules.baseline_weeks, rules.min_count
    rising_p, spike_p = _number(rules.rising_p, lang), _number(rules.spike_p, lang)
    ratio = _number(rules.spike_ratio, lang)
    if lang == "nl":
        return {
            "rising": f"stijgend = minstens {minimum} berichten deze week en meer dan gewone "
            f"schommeling verklaart tegenover het gemiddelde van de {weeks} weken ervoor "
            f"(sinds het eerste bericht van het thema; Poisson, p < {rising_p}), over alle kanalen samen",
            "new": f"nieuw = de eerste week van het thema met minstens {rules.new_min_items} "
            f"berichten, terwijl alle weken ervoor samen er minder dan {rules.new_min_items} "
            "hadden (alleen als nieuw gemeld)",
            "spike": f"piek = een thema binnen één kanaal met minstens {minimum} berichten en "
            f"minstens {ratio}x de mediaan van de {weeks} weken ervoor (een gewone week), en "
            f"p < {spike_p} (Poisson, tegenover die mediaan); pas na "
            f"{rules.spike_min_history} weken gegevens over het thema in dat kanaal (vanaf het "
            "eerste bericht van het thema, of van het kanaal als dat later kwam); groeide de rest van het "
            f"kanaal tot meer dan {ratio}x zijn eigen mediaan, dan wordt de gewone week van het "
            "thema even sterk vergroot (een thema dat alleen met zijn kanaal meegroeit, piekt niet)",
        }
    return {
        "rising": f"rising = at least {minimum} items this week and more than ordinary variation "
        f"allows against the average of the previous {weeks} weeks (since the theme's first item; Poisson, p < {rising_p}), "
        "over all channels together",
        "new": f"new = the theme's first week with at least {rules.new_min_items} items, "
        f"while all earlier weeks together had fewer than {rules.new_min_items} "
        "(reported only as new)",
        "spike": f"spike = a theme within one channel with at least {minimum} items and at "
        f"least {ratio}x the median of the previous {weeks} weeks (a usual week), and "
        f"p < {spike_p} (Poisson, against that median); only after "
        f"{rules.spike_min_history} weeks of data on the theme in that channel (from the theme's "
        "first item, or the channel's when that came later); when the rest of the channel "
        f"grew to more than {ratio}x its own median, the theme's usual week is scaled up by "
        "as much (a theme that only grows with its channel is no spike)",
    }
