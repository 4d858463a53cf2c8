"""The weekly theme summary as data: DataFrames in, one :class:`WeeklySummary` out.

Pure: no DuckDB, no Streamlit, no language. The renderers in ``analysis/summary_render.py``
turn a summary into Markdown, HTML, CSV or XLSX in Dutch or English; the workspace use case
``workspace/summary.py`` gathers the frames with SQL.

Every highlight follows a stated rule (the thresholds live in :class:`SummaryRules` and are
printed at the foot of every rendered summary):

* **rising**, **new** and **spike**: the one trend rule of ``analysis/trends.py``
  (:func:`analysis.trends.theme_trends_for_week`), the same every dashboard page uses, on the
  weekly counts per theme and channel. Rising is decided on the theme's total in scope;
  ``rising_channels`` names the channels where it also rises on its own. A new theme is
  reported only as new. Lines quote the baseline the rule compared with.
* **share**: of the week's items sorted into a theme (the Themes page's base), so the main
  themes add up to 100%; star ratings without text and unsorted items are counted apart.
  Shown rounded to 0.1 point by largest remainder (:func:`analysis.numbers.shares_adding_up`,
  ``share_shown``): the main themes, and all themes, add up to exactly 100,0%.
* **averages**: over the ``baseline_weeks`` weeks before the week, a theme's and a channel's
  since its first week with items: the trend rule's own baseline
  (:func:`analysis.trends.baseline_average`);
  a change against an average under :data:`PERCENT_MIN_AVERAGE` item a week is not a
  percentage.
* **sentiment shift**: the theme's mean sentiment this week differs by at least
  ``sentiment_shift`` from its mean over the previous ``baseline_weeks`` weeks, each mean over
  at least ``sentiment_min_items`` scored items.
* **colours** (what a change means): a theme is positive or negative when its mean
  sentiment over the summary's weeks (at least ``sentiment_min_items`` scored items) is at
  least :data:`CLEAR_SENTIMENT` from 0, else mixed; more of a negative theme or less of a
  positive one is bad news, the reverse good news, anything else neutral
  (:func:`change_meaning`).
* **look at this**: spikes (of themes that are not new), then new themes, then sentiment drops, then rising themes, then
  channels whose volume is >= ``channel_ratio`` x their average (not in a channel's first
  week: no week to average), then a high unsorted share;
  at most ``max_attention`` lines.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal, SupportsFloat, SupportsInt, cast

import numpy as np
import pandas as pd

from analysis.localtime import (
    DEFAULT_TIMEZONE,
    iso_week_label,
    local_days,
    parse_iso_week,
)
from analysis.numbers import shares_adding_up
from analysis.reading import (
    READER_LANGUAGES,
    DistinctQuotes,
    language_code,
    quote_order,
    quote_standing,
)
from analysis.subject_text import quote_text
from analysis.theme_tree import tree_adds_nothing
from analysis.trends import (
    RULES,
    TrendRules,
    baseline_average,
    first_weeks,
    theme_trends_for_week,
    weekly_counts,
)
from ingest.errors import AnalysisError
from ingest.messages import message as say

ITEM_COLUMNS = ("item_id", "channel", "received_at", "theme_id", "text", "sentiment")
THEME_COLUMNS = ("theme_id", "label_en", "label_nl", "first_seen")

AttentionKind = Literal[
    "spike", "new_theme", "sentiment_drop", "rising", "channel_volume", "unsorted"
]

COUNT_COLUMNS = ("week", "theme_id", "channel", "items")


def last_complete_week(reference: date) -> str:
    """The ISO week before the one containing ``reference`` (that week may still be filling)."""
    return iso_week_label(reference - timedelta(days=7))


@dataclass(frozen=True, slots=True)
class SummaryRules:
    """The thresholds behind every highlight (see the module docstring)."""

    trends: TrendRules = RULES
    top_themes: int = 5
    channel_ratio: float = 1.5
    sentiment_shift: float = 0.2
    sentiment_min_items: int = 5
    quotes_per_theme: int = 3
    quote_max_chars: int = 280
    max_attention: int = 6
    unsorted_alert_share: float = 0.10
    channel_min_increase: int = 10

    def is_sentiment_shift(self, change: float | None) -> bool:
        """Whether a change in mean sentiment counts as a shift (at least
        ``sentiment_shift`` either way): the summary's rule, and the dashboard's for colouring
        a sentiment change (below it the change is ordinary variation, shown neutral)."""
        return change is not None and not math.isnan(change) and abs(change) >= self.sentiment_shift

    @property
    def baseline_weeks(self) -> int:
        """Weeks before the week under review that the averages, the trend rules and the
        sentiment shifts compare with: the trend rules' own (one setting)."""
        return self.trends.baseline_weeks


PERCENT_MIN_AVERAGE = 1.0
"""Below this average (items a week) a change is not a percentage: 2 items against 0.4 is
"+433%" of nothing. The summary then shows the difference in items (or "first week")."""

CLEAR_SENTIMENT = 0.2
"""A theme whose mean sentiment (-1..1) is at least this far above 0 is clearly positive
(praise: "the app is good"), at least this far below 0 clearly negative (a complaint);
closer to 0 it is mixed. One star on a 1-5 scale is 0,5; 0,2 is an average of about 3,4
stars, or one positive word in a text in three more than negative ones. The same holds for
one item: the theme page counts a theme's positive, neutral and negative items by it (a
praise review placed in a complaint's theme shows there)."""

Tone = Literal["positive", "negative", "mixed", "unknown"]
"""What a theme is, by its mean sentiment (:func:`sentiment_tone`)."""

ChangeMeaning = Literal["good", "bad", "neutral"]
"""What a change in a theme's volume means to a manager (:func:`change_meaning`)."""


def sentiment_tone(mean: float | None) -> Tone:
    """``positive`` or ``negative`` when ``mean`` is at least :data:`CLEAR_SENTIMENT` from 0,
    ``mixed`` when closer, ``unknown`` when there is no mean (too few scored items)."""
    if mean is None or not np.isfinite(mean):
        return "unknown"
    if mean >= CLEAR_SENTIMENT:
        return "positive"
    if mean <= -CLEAR_SENTIMENT:
        return "negative"
    return "mixed"


def change_meaning(change: float, tone: Tone) -> ChangeMeaning:
    """Whether a change in volume is good or bad news: more of a clearly negative theme is
    bad, more of a clearly positive theme good, and the reverse for less. No change, a mixed
    theme, or one of unknown sentiment (a channel, the total) is neutral: more feedback is
    neither good nor bad in itself. Every coloured change in the summary follows this."""
    if change == 0 or tone not in ("positive", "negative"):
        return "neutral"
    good_direction = 1 if tone == "positive" else -1
    return "good" if change * good_direction > 0 else "bad"


@dataclass(frozen=True, slots=True)
class Volume:
    """Items in the week under review, the week before, and the baseline average."""

    items: int
    previous: int
    average: float
    history: tuple[int, ...] = ()
    weeks: int = -1
    """Weeks the average is over (a theme's since its first item); -1 when not known."""

    @property
    def change(self) -> int:
        """Items this week minus items the week before."""
        return self.items - self.previous

    @property
    def change_vs_average(self) -> float:
        """Items this week minus the baseline average."""
        return self.items - self.average

    @property
    def first_week(self) -> bool:
        """No week before this one to average over (a theme's first week with items)."""
        return self.weeks == 0

    @property
    def change_vs_average_pct(self) -> float | None:
        """Percent change against the baseline average; None when the average is under
        :data:`PERCENT_MIN_AVERAGE` item a week (or there is no week to average)."""
        if self.first_week or self.average < PERCENT_MIN_AVERAGE:
            return None
        return 100.0 * (self.items - self.average) / self.average


@dataclass(frozen=True, slots=True)
class ChannelVolume:
    channel: str
    volume: Volume


@dataclass(frozen=True, slots=True)
class ThemeWeek:
    """One theme's figures for the week under review."""

    theme_id: int
    label_en: str
    label_nl: str
    volume: Volume
    share: float  # of the week's themed (sorted) items, as the Themes page
    share_shown: float  # ``share`` rounded so that all themes add up to 100% (as shown)
    channels: tuple[tuple[str, int], ...]
    sentiment: float | None
    sentiment_before: float | None
    is_new: bool = False
    rising_channels: tuple[str, ...] = ()
    is_rising: bool = False
    spike_channels: tuple[str, ...] = ()
    sentiment_shift: float | None = None
    baseline: float | None = None  # the rising rule's baseline average, when rising
    top_label_en: str = ""  # its main theme, whatever the week's counts
    top_label_nl: str = ""
    tone: Tone = "unknown"
    """By its mean sentiment over the summary's weeks (this week and the baseline weeks)."""

    def change_meaning(self, change: float) -> ChangeMeaning:
        """What a change in this theme's volume means (:func:`change_meaning`)."""
        return change_meaning(change, self.tone)

    def label(self, lang: str) -> str:
        """The theme's name in ``lang`` (``nl`` or ``en``), falling back to the other."""
        return (
            (self.label_nl or self.label_en) if lang == "nl" else (self.label_en or self.label_nl)
        )

    def main_theme(self, lang: str) -> str:
        """Its main theme's name in ``lang``; "" when the theme tree has none for it."""
        en, nl = self.top_label_en, self.top_label_nl
        return (nl or en) if lang == "nl" else (en or nl)


@dataclass(frozen=True, slots=True)
class ThemeGroupWeek:
    """One top theme of the theme tree (a main theme) and its themes' figures added up."""

    top_id: int
    label_en: str
    label_nl: str
    volume: Volume
    share: float  # of the week's themed (sorted) items, as the Themes page
    share_shown: float  # ``share`` rounded so that the main themes add up to 100% (as shown)
    theme_ids: tuple[int, ...]  # its themes with items in the summary's weeks
    theme_count: int = 0  # all its themes, as the Themes page counts them
    tone: Tone = "unknown"
    """By the mean sentiment of its themes' items over the summary's weeks."""

    def change_meaning(self, change: float) -> ChangeMeaning:
        """What a change in this main theme's volume means (:func:`change_meaning`)."""
        return change_meaning(change, self.tone)

    def label(self, lang: str) -> str:
        """The main theme's name in ``lang`` (``nl`` or ``en``), falling back to the other."""
        return (
            (self.label_nl or self.label_en) if lang == "nl" else (self.label_en or self.label_nl)
        )


@dataclass(frozen=True, slots=True)
class Spike:
    """A theme's count within one channel that the spike rule flags for this week."""

    theme_id: int
    channel: str
    items: int
    baseline: float  # the spike rule's baseline: the median week before
    history: tuple[int, ...] = ()
    channel_growth: float = 1.0  # the rest of the channel against its usual week, when it surged


@dataclass(frozen=True, slots=True)
class Quote:
    theme_id: int
    channel: str
    received_at: date  # the local day
    text: str
    language: str = ""  # ``nl``, ``en``, ...; "" when unknown


@dataclass(frozen=True, slots=True)
class Attention:
    """One "look at this" line as data; renderers word it per language."""

    kind: AttentionKind
    theme_id: int | None = None
    channel: str | None = None
    items: int = 0
    baseline: float = 0.0
    delta: float = 0.0
    channel_growth: float = 1.0  # a spike's: see Spike.channel_growth


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    """Everything a weekly summary says, language-free."""

    week: str
    week_start: date
    channel: str | None
    rules: SummaryRules
    history_weeks: tuple[str, ...]
    total: Volume
    channels: tuple[ChannelVolume, ...]
    themes: tuple[ThemeWeek, ...]
    spikes: tuple[Spike, ...]
    quotes: tuple[Quote, ...]
    unsorted_items: int
    text_items: int
    attention: tuple[Attention, ...]
    top_theme_ids: tuple[int, ...] = field(default=())
    groups: tuple[ThemeGroupWeek, ...] = field(default=())
    through: date | None = None
    """The week's last day with data while the week is not over (its items, and every week
    before it, are then counted over the weekdays up to this one); None for a whole week."""
    unflagged_rise: tuple[int, int, float] | None = None
    """The largest rise the trend rule let pass: (theme id, items, the average it was judged
    against), from :attr:`analysis.trends.ThemeTrends.unflagged_rise`; said when nothing
    else needs attention, as the Overview says it."""
    flat_tree: tuple[str, ...] = ()
    """The reader languages (``nl``, ``en``) in which the theme tree adds nothing
    (:func:`analysis.theme_tree.tree_adds_nothing`: each main theme is one theme of its
    name): a reader of one gets the themes as one list, no main themes (:meth:`main_themes`)."""

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)

    @property
    def unsorted_share(self) -> float:
        """Unsorted items over the week's items with text (rating-only items cannot be sorted)."""
        return self.unsorted_items / self.text_items if self.text_items else 0.0

    def theme(self, theme_id: int) -> ThemeWeek:
        return next(t for t in self.themes if t.theme_id == theme_id)

    def tree_adds_nothing(self, lang: str) -> bool:
        """Whether a reader of ``lang`` gets the themes as one list: the theme tree's main
        themes are each one theme of its name (:attr:`flat_tree`)."""
        return lang in self.flat_tree

    def main_themes(self, lang: str) -> tuple[ThemeGroupWeek, ...]:
        """The main themes a reader of ``lang`` gets: :attr:`groups`, or none when the tree
        adds nothing (each would repeat its one theme's name and figures)."""
        return () if self.tree_adds_nothing(lang) else self.groups

    @property
    def week_themes(self) -> tuple[ThemeWeek, ...]:
        """The themes with items this week or the week before, largest first: the list a
        flat tree's summary leads with, by the rule that picks the main themes it replaces."""
        return tuple(t for t in self.themes if t.volume.items or t.volume.previous)

    @property
    def top_themes(self) -> tuple[ThemeWeek, ...]:
        return tuple(self.theme(i) for i in self.top_theme_ids)

    @property
    def rising(self) -> tuple[ThemeWeek, ...]:
        return tuple(t for t in self.themes if t.is_rising)

    @property
    def new_themes(self) -> tuple[ThemeWeek, ...]:
        return tuple(t for t in self.themes if t.is_new)

    @property
    def sentiment_shifts(self) -> tuple[ThemeWeek, ...]:
        return tuple(t for t in self.themes if t.sentiment_shift is not None)

    def quotes_for(self, theme_id: int, lang: str | None = None) -> tuple[Quote, ...]:
        """A theme's quotes, most typical first; for a reader of ``lang``, at most
        ``quotes_per_theme`` of them, in the languages that reader reads first (Dutch, then
        English, then the rest for a Dutch reader) and those without redaction placeholders
        before those with (:func:`analysis.reading.quote_order`)."""
        mine = [q for q in self.quotes if q.theme_id == theme_id]
        if lang is None:
            return tuple(mine)
        order = quote_order([q.text for q in mine], [q.language for q in mine], lang)
        return tuple(mine[i] for i in order[: self.rules.quotes_per_theme])

    @property
    def highlighted_theme_ids(self) -> tuple[int, ...]:
        """Themes that get quotes: spikes, new, rising, sentiment shifts, then the top themes."""
        ordered = [s.theme_id for s in self.spikes]
        ordered += [t.theme_id for t in self.new_themes]
        ordered += [t.theme_id for t in self.rising]
        ordered += [t.theme_id for t in self.sentiment_shifts]
        ordered += list(self.top_theme_ids)
        return tuple(dict.fromkeys(ordered))


def _week_offsets(received_at: pd.Series, week_start: date, tz: str) -> np.ndarray:
    """Whole weeks between each instant's local day and ``week_start`` (0 = that week)."""
    days = local_days(received_at, tz)
    delta = (days - pd.Timestamp(week_start)).dt.days.to_numpy()
    return np.floor_divide(delta, 7)


def _count_matrix(frame: pd.DataFrame, keys: list[str], n_weeks: int) -> pd.DataFrame:
    """Counts per ``keys`` x week column ``0..n_weeks-1`` (oldest first), zeros filled."""
    if frame.empty:
        return pd.DataFrame(columns=list(range(n_weeks)), dtype="int64")
    counts = frame.groupby([*keys, "slot"], observed=True).size().unstack("slot", fill_value=0)
    return counts.reindex(columns=range(n_weeks), fill_value=0).astype("int64")


def _volume(history: np.ndarray, rules: TrendRules, first_slot: int = 0) -> Volume:
    """Volumes; the average is the trend rules' own baseline
    (:func:`analysis.trends.baseline_average`) over the weeks since ``first_slot`` (the data's
    first week, or a theme's first week with items)."""
    average, weeks = baseline_average(history, first_slot, rules)
    return Volume(
        items=int(history[-1]),
        previous=int(history[-2]) if len(history) > 1 else 0,
        average=average,
        history=tuple(int(v) for v in history),
        weeks=weeks,
    )


def _check_columns(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AnalysisError(
            say(
                "analysis.frame_columns",
                name=name,
                missing=str(missing),
                expected=str(list(columns)),
                got=str(list(frame.columns)),
            )
        )


def build_weekly_summary(
    items: pd.DataFrame,
    themes: pd.DataFrame,
    week: str,
    *,
    counts: pd.DataFrame | None = None,
    channel: str | None = None,
    rules: SummaryRules | None = None,
    tz: str = DEFAULT_TIMEZONE,
    whole_weeks: pd.DataFrame | None = None,
    through: date | None = None,
) -> WeeklySummary:
    """Build the summary of one ISO week.

    Args:
        items: inbound items, at least those of the week and the ``rules.baseline_weeks`` weeks
            before it, with columns :data:`ITEM_COLUMNS` (``theme_id`` NA or negative means
            unsorted; ``sentiment`` may be NA; an optional ``similarity`` column ranks quotes, an
            optional ``language`` gives each reader quotes in their language first).
        themes: one row per theme with columns :data:`THEME_COLUMNS` (``first_seen``, the
            time of the theme's first item, is informative only).
        week: ``2026-W47``.
        counts: sorted items per ``week`` x ``theme_id`` x ``channel`` over all time up to
            ``week`` (columns :data:`COUNT_COLUMNS`, as :func:`analysis.trends.weekly_counts`
            makes them), so "new" sees a theme's whole history; derived from ``items`` when
            None, in which case only the items' weeks are known.
        channel: only this channel, or None for all.
        rules: thresholds; the defaults when None.
        tz: the workspace time zone: weeks are local ISO weeks.
        whole_weeks, through: for a week that is not over, ``items`` and ``counts`` hold
            every week's days up to ``through``'s weekday only (the caller leaves the other
            days out), and ``whole_weeks`` the counts of whole weeks, which decide which
            themes are new (see :func:`analysis.trends.theme_trends_for_week`).

    Returns:
        The summary; empty tuples where the week has nothing to say.

    Raises:
        AnalysisError: on a malformed week or missing columns.
    """
    rules = rules or SummaryRules()
    _check_columns(items, ITEM_COLUMNS, "items")
    _check_columns(themes, THEME_COLUMNS, "themes")
    week_start = parse_iso_week(week)
    week = iso_week_label(week_start)
    n_weeks = rules.baseline_weeks + 1
    history_weeks = tuple(
        iso_week_label(week_start - timedelta(weeks=n_weeks - 1 - i)) for i in range(n_weeks)
    )

    optional = ("similarity", "is_star_only", "language")
    frame = items.loc[:, [c for c in (*ITEM_COLUMNS, *optional) if c in items.columns]]
    if channel:
        frame = frame[frame["channel"] == channel]
    frame = frame.assign(slot=_week_offsets(frame["received_at"], week_start, tz) + n_weeks - 1)
    frame = frame[(frame["slot"] >= 0) & (frame["slot"] < n_weeks)]
    theme_ids = pd.to_numeric(frame["theme_id"], errors="coerce")
    sorted_mask = theme_ids.notna() & (theme_ids >= 0)
    frame = frame.assign(theme_id=theme_ids.fillna(-1).astype("int64"))
    this_week = frame[frame["slot"] == n_weeks - 1]
    this_week = this_week.assign(local_day=local_days(this_week["received_at"], tz).to_numpy())

    sorted_frame = frame[sorted_mask.to_numpy()]
    if counts is None:
        counts = weekly_counts(
            sorted_frame["received_at"], sorted_frame["theme_id"], sorted_frame["channel"], tz
        )
    else:
        _check_columns(counts, COUNT_COLUMNS, "counts")
    counts = counts[counts["week"] <= week]
    if channel:
        counts = counts[counts["channel"] == channel]
    # Averages start at the first week with sorted items, as the trend rule's baseline does,
    # so a rising theme's average in the tables is the number the rule compared with.
    first_slot = int(frame["slot"].min()) if len(frame) else n_weeks - 1
    if not counts.empty:
        first_week = parse_iso_week(str(counts["week"].min()))
        first_slot = n_weeks - 1 - (week_start - first_week).days // 7
    # A theme's average starts at its own first week with items, as the trend rule's does:
    # the weeks before it existed are not quiet weeks.
    theme_first_slot = {
        int(cast(SupportsInt, tid)): n_weeks - 1 - (week_start - parse_iso_week(str(w))).days // 7
        for tid, w in counts.groupby("theme_id")["week"].min().items()
    }

    total = _volume(
        np.bincount(frame["slot"].to_numpy(dtype="int64"), minlength=n_weeks),
        rules.trends,
        first_slot,
    )
    channel_matrix = _count_matrix(frame, ["channel"], n_weeks)
    # A channel's average starts at its own first week with items, as its theme baselines
    # do (:func:`analysis.trends.cell_first_columns`): the weeks before its first export are
    # not quiet weeks. Its first sorted item over all time (``counts``), or its first item in
    # the summary's weeks when earlier (a channel of star ratings only).
    sorted_first = {
        str(ch): n_weeks - 1 - (week_start - parse_iso_week(w)).days // 7
        for ch, w in first_weeks(counts, "channel").items()
    }
    channel_first_slot = {
        str(ch): min(int(slot), sorted_first.get(str(ch), int(slot)))
        for ch, slot in frame.groupby("channel")["slot"].min().items()
    }
    channel_volumes = sorted(
        (
            ChannelVolume(
                str(ch),
                _volume(
                    row.to_numpy(),
                    rules.trends,
                    max(first_slot, channel_first_slot.get(str(ch), first_slot)),
                ),
            )
            for ch, row in channel_matrix.iterrows()
        ),
        key=lambda c: (-c.volume.items, c.channel),
    )

    theme_matrix = _count_matrix(sorted_frame, ["theme_id"], n_weeks)
    theme_channel_matrix = _count_matrix(sorted_frame, ["theme_id", "channel"], n_weeks)
    sentiment_now, sentiment_before, sentiment_window = _sentiment_means(
        sorted_frame, n_weeks, rules
    )
    theme_info = themes.set_index("theme_id")

    if whole_weeks is not None:
        whole_weeks = whole_weeks[whole_weeks["week"] <= week]
        if channel:
            whole_weeks = whole_weeks[whole_weeks["channel"] == channel]
    trends = theme_trends_for_week(counts, week, rules=rules.trends, whole_weeks=whole_weeks)
    new_ids = set(trends.new)
    rising: dict[int, tuple[tuple[str, ...], float | None]] = {
        int(theme_id): (tuple(str(c) for c in channels), float(baseline))
        for theme_id, channels, baseline in zip(
            trends.rising["theme_id"].tolist(),
            trends.rising["channels"].tolist(),
            trends.rising["baseline"].tolist(),
            strict=True,
        )
    }

    spikes: list[Spike] = []
    for spike in trends.spikes.itertuples(index=False):
        key = (int(cast(SupportsInt, spike.theme_id)), str(spike.channel))
        # A (theme_id, channel) key on the row MultiIndex selects a whole row (a Series); the
        # stubs read a tuple key as (row, column) and type it as one cell.
        series = (
            cast(pd.Series, theme_channel_matrix.loc[key]).to_numpy()
            if key in theme_channel_matrix.index
            else np.zeros(n_weeks, dtype="int64")
        )
        items_now = int(cast(SupportsInt, spike.items))
        baseline = float(cast(SupportsFloat, spike.baseline))
        growth = float(cast(SupportsFloat, spike.channel_growth))
        spikes.append(Spike(key[0], key[1], items_now, baseline, tuple(map(int, series)), growth))
    spikes.sort(key=lambda s: (-(s.items - s.baseline), s.theme_id, s.channel))

    theme_rows: list[ThemeWeek] = []
    themed_items = int(theme_matrix[n_weeks - 1].sum()) if len(theme_matrix) else 0
    week_items = theme_matrix[n_weeks - 1] if len(theme_matrix) else pd.Series(dtype="int64")
    week_ids = [int(cast(SupportsInt, t)) for t in week_items.index]
    shown_share = dict(
        zip(week_ids, shares_adding_up(week_items.to_numpy(), ids=week_ids), strict=True)
    )
    for theme_id, row in theme_matrix.iterrows():
        tid = int(cast(SupportsInt, theme_id))
        volume = _volume(
            row.to_numpy(), rules.trends, max(first_slot, theme_first_slot.get(tid, 0))
        )
        if volume.items == 0 and volume.average == 0 and volume.previous == 0:
            continue  # no item in the summary's weeks: the theme has nothing to report
        labels = cast(pd.Series, theme_info.loc[tid]) if tid in theme_info.index else None
        is_new = tid in new_ids
        rising_channels, rising_baseline = rising.get(tid, ((), None))
        per_channel: list[tuple[str, int]] = []
        if tid in theme_channel_matrix.index.get_level_values(0):
            for ch, ch_row in theme_channel_matrix.loc[tid].iterrows():
                if int(ch_row.iloc[-1]):
                    per_channel.append((str(ch), int(ch_row.iloc[-1])))
        per_channel.sort(key=lambda p: (-p[1], p[0]))
        now, before = sentiment_now.get(tid), sentiment_before.get(tid)
        change = now - before if now is not None and before is not None else None
        shift = change if rules.is_sentiment_shift(change) else None
        theme_rows.append(
            ThemeWeek(
                theme_id=tid,
                label_en=str(labels["label_en"]) if labels is not None else f"#{tid}",
                label_nl=str(labels["label_nl"]) if labels is not None else f"#{tid}",
                volume=volume,
                share=volume.items / themed_items if themed_items else 0.0,
                share_shown=float(shown_share[tid]),
                channels=tuple(per_channel),
                sentiment=now,
                sentiment_before=before,
                is_new=is_new,
                rising_channels=rising_channels,
                is_rising=tid in rising,
                spike_channels=tuple(s.channel for s in spikes if s.theme_id == tid),
                sentiment_shift=shift,
                baseline=rising_baseline,
                top_label_en=_text(labels, "top_label_en"),
                top_label_nl=_text(labels, "top_label_nl"),
                tone=_tone(sentiment_window, [tid], rules),
            )
        )
    theme_rows.sort(key=lambda t: (-t.volume.items, -t.volume.previous, t.theme_id))
    top_ids = tuple(t.theme_id for t in theme_rows if t.volume.items > 0)[: rules.top_themes]
    # Rating-only items have no text to sort, so they count in volumes but not as unsorted.
    has_text = (
        ~frame["is_star_only"].fillna(False).astype(bool)
        if "is_star_only" in frame.columns
        else pd.Series(True, index=frame.index)
    )
    in_week = frame["slot"] == n_weeks - 1
    unsorted_items = int((in_week & has_text & ~sorted_mask).sum())
    text_items = int((in_week & has_text).sum())

    listed = {t.theme_id for t in theme_rows}
    partial = WeeklySummary(
        week=week,
        week_start=week_start,
        channel=channel,
        rules=rules,
        history_weeks=history_weeks,
        total=total,
        channels=tuple(channel_volumes),
        themes=tuple(theme_rows),
        spikes=tuple(spikes),
        quotes=(),
        unsorted_items=unsorted_items,
        text_items=text_items,
        attention=(),
        top_theme_ids=top_ids,
        through=through,
        unflagged_rise=next(
            (
                (
                    int(cast(SupportsInt, row.theme_id)),
                    int(cast(SupportsInt, row.items)),
                    float(cast(SupportsFloat, row.baseline)),
                )
                for row in trends.unflagged_rise.itertuples(index=False)
                if int(cast(SupportsInt, row.theme_id)) in listed
            ),
            None,
        ),
    )
    quotes = _pick_quotes(this_week, partial, rules)
    attention = _attention(partial, rules)
    groups = _groups(theme_rows, themes, themed_items, sentiment_window, rules)
    return dataclasses.replace(
        partial,
        quotes=quotes,
        attention=attention,
        groups=groups,
        flat_tree=_flat_tree(themes) if groups else (),
    )


def _flat_tree(themes: pd.DataFrame) -> tuple[str, ...]:
    """The reader languages in which the tree adds nothing
    (:func:`analysis.theme_tree.tree_adds_nothing`), read on the listed themes (the
    ``listed`` column when given, else every row) and their names in each language."""
    rows = themes[themes["listed"].fillna(False).astype(bool)] if "listed" in themes else themes
    records = [row for _, row in rows.iterrows()]

    def shown(row: pd.Series, column: str, lang: str) -> str:  # as ThemeWeek.label shows it
        other = "en" if lang == "nl" else "nl"
        return _text(row, f"{column}_{lang}") or _text(row, f"{column}_{other}")

    return tuple(
        lang
        for lang in READER_LANGUAGES
        if tree_adds_nothing(
            list(rows["top_id"]),
            [shown(row, "label", lang) for row in records],
            [shown(row, "top_label", lang) for row in records],
        )
    )


def _text(row: pd.Series | None, column: str) -> str:
    """A text cell of a themes-frame row; "" when missing or NA."""
    if row is None or column not in row.index:
        return ""
    value = row[column]
    return (
        ""
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))
        else str(value)
    )


def _groups(
    theme_rows: list[ThemeWeek],
    themes: pd.DataFrame,
    themed_items: int,
    sentiment_window: dict[int, tuple[float, int]],
    rules: SummaryRules,
) -> tuple[ThemeGroupWeek, ...]:
    """The week's main themes (top themes of the theme tree) with items this week or the
    week before, largest first; empty when the themes frame has no ``top_id`` column. A main
    theme's tone is that of its themes' scored items together (``sentiment_window``)."""
    if "top_id" not in themes.columns:
        return ()
    info = themes.dropna(subset=["top_id"]).drop_duplicates("theme_id").set_index("theme_id")
    top_of = {int(str(t)): int(top) for t, top in info["top_id"].items()}
    members: dict[int, list[ThemeWeek]] = {}
    for row in theme_rows:
        if row.theme_id in top_of:
            members.setdefault(top_of[row.theme_id], []).append(row)
    volumes: dict[int, Volume] = {}
    for top_id, rows in members.items():
        weeks = max(r.volume.weeks for r in rows)
        if rows[0].volume.history and weeks >= 0:
            # The main theme's own weekly counts, averaged over the weeks since its first
            # theme's first item: the sum of its themes' averages would divide a young
            # theme's items by its own few weeks and count them as every week's.
            history = np.sum([r.volume.history for r in rows], axis=0)
            volumes[top_id] = _volume(history, rules.trends, len(history) - 1 - weeks)
            continue
        volumes[top_id] = Volume(
            items=sum(r.volume.items for r in rows),
            previous=sum(r.volume.previous for r in rows),
            average=float(sum(r.volume.average for r in rows)),
            weeks=weeks,
        )
    # Items of themes outside any main theme stay in the whole: then the main themes do not
    # add up to 100%, and must not seem to.
    shown_share = dict(
        zip(
            volumes,
            shares_adding_up(
                [v.items for v in volumes.values()], whole=themed_items, ids=list(volumes)
            ),
            strict=True,
        )
    )
    out = []
    for top_id, rows in members.items():
        first = info[info["top_id"] == top_id].iloc[0]
        volume = volumes[top_id]
        out.append(
            ThemeGroupWeek(
                top_id=top_id,
                label_en=str(first.get("top_label_en", "") or ""),
                label_nl=str(first.get("top_label_nl", "") or ""),
                volume=volume,
                share=volume.items / themed_items if themed_items else 0.0,
                share_shown=float(shown_share[top_id]),
                theme_ids=tuple(r.theme_id for r in rows),
                theme_count=int((info["top_id"] == top_id).sum()),
                tone=_tone(sentiment_window, [r.theme_id for r in rows], rules),
            )
        )
    out.sort(key=lambda g: (-g.volume.items, -g.volume.previous, g.top_id))
    return tuple(g for g in out if g.volume.items or g.volume.previous)


def _sentiment_means(
    frame: pd.DataFrame, n_weeks: int, rules: SummaryRules
) -> tuple[dict[int, float], dict[int, float], dict[int, tuple[float, int]]]:
    """Mean sentiment per theme this week and over the baseline weeks (enough items only),
    and per theme the sum and number of its scored items over all the summary's weeks
    (what :func:`_tone` judges a theme or a main theme by)."""
    scored = frame[pd.to_numeric(frame["sentiment"], errors="coerce").notna()]
    scored = scored.assign(sentiment=pd.to_numeric(scored["sentiment"]).astype("float64"))
    result: list[dict[int, float]] = []
    for mask in (
        scored["slot"] == n_weeks - 1,
        (scored["slot"] >= n_weeks - 1 - rules.baseline_weeks) & (scored["slot"] < n_weeks - 1),
    ):
        stats = scored[mask].groupby("theme_id")["sentiment"].agg(["mean", "size"])
        stats = stats[stats["size"] >= rules.sentiment_min_items]
        result.append({int(cast(SupportsInt, k)): float(v) for k, v in stats["mean"].items()})
    window = scored.groupby("theme_id")["sentiment"].agg(["sum", "size"])
    totals = {
        int(cast(SupportsInt, k)): (float(total), int(size))
        for k, total, size in zip(
            window.index, window["sum"].tolist(), window["size"].tolist(), strict=True
        )
    }
    return result[0], result[1], totals


def _tone(window: dict[int, tuple[float, int]], theme_ids: list[int], rules: SummaryRules) -> Tone:
    """The tone of a theme (or of a main theme's themes together) by the mean sentiment of
    their scored items over the summary's weeks; unknown under ``sentiment_min_items``."""
    parts = [window[t] for t in theme_ids if t in window]
    size = sum(n for _, n in parts)
    if size < rules.sentiment_min_items:
        return "unknown"
    return sentiment_tone(sum(total for total, _ in parts) / size)


def _pick_quotes(
    this_week: pd.DataFrame, summary: WeeklySummary, rules: SummaryRules
) -> tuple[Quote, ...]:
    """Up to ``quotes_per_theme`` distinct quotes per highlighted theme
    (:class:`analysis.reading.DistinctQuotes`), most typical first,
    and as many in each language the summary is read in (:data:`READER_LANGUAGES`), so a
    reader of Dutch gets Dutch quotes when the theme has them, else English ones
    (:meth:`WeeklySummary.quotes_for`).

    Typical = highest similarity to the theme when given, else closest to the theme's median
    text length; a spiking theme quotes its spiking channel first, and texts with redaction
    placeholders come after those without (:func:`analysis.reading.quote_standing`; one that
    is little more than placeholders is never quoted). Ties break on item id so
    the same data always gives the same quotes. A quote leaves out the text's greeting and
    sign-off (:func:`analysis.subject_text.quote_text`); these rules read it so.
    """
    if this_week.empty:
        return ()
    candidates = this_week[this_week["text"].fillna("").str.strip() != ""]
    # Quoted without greeting and sign-off; every rule below reads the quote, not the text.
    candidates = candidates.assign(quote=candidates["text"].map(lambda t: quote_text(str(t))))
    standing = candidates["quote"].map(quote_standing)
    candidates = candidates[standing.notna()].assign(_placeholders=standing.dropna())
    quotes: list[Quote] = []
    for theme_id in summary.highlighted_theme_ids:
        part = candidates[candidates["theme_id"] == theme_id]
        if part.empty:
            continue
        lengths = part["quote"].str.len()
        if "similarity" in part.columns and part["similarity"].notna().any():
            typical = pd.to_numeric(part["similarity"]).fillna(-1.0).astype("float64")
        else:
            typical = -(lengths - lengths.median()).abs().astype("float64")
        spike_channels = {s.channel for s in summary.spikes if s.theme_id == theme_id}
        ranked = part.assign(
            _spike=part["channel"].isin(spike_channels), _typical=typical, _fits=lengths <= 600
        ).sort_values(
            ["_spike", "_placeholders", "_fits", "_typical", "item_id"],
            ascending=[False, True, False, False, True],
        )
        seen = DistinctQuotes()
        per_language: Counter[str] = Counter()
        wanted = rules.quotes_per_theme
        for row in ranked.itertuples(index=False):
            text = " ".join(str(row.quote).split())
            if text in seen:
                continue
            language = language_code(getattr(row, "language", ""))
            if len(seen) >= wanted and (
                language not in READER_LANGUAGES or per_language[language] >= wanted
            ):
                continue  # the first ones are taken; only quotes for a reader still short
            seen.add(text)
            per_language[language] += 1
            if len(text) > rules.quote_max_chars:
                text = text[: rules.quote_max_chars - 1].rstrip() + "…"
            day = pd.Timestamp(cast("datetime", row.local_day)).date()
            quotes.append(Quote(theme_id, str(row.channel), day, text, language))
            if len(seen) >= wanted and all(per_language[r] >= wanted for r in READER_LANGUAGES):
                break
    return tuple(quotes)


def _attention(summary: WeeklySummary, rules: SummaryRules) -> tuple[Attention, ...]:
    """The "look at this" lines, by the priority order stated in the module docstring."""
    new_ids = {t.theme_id for t in summary.new_themes}
    # A new theme's first week always looks like a spike; it is reported once, as new.
    lines: list[Attention] = [
        Attention("spike", s.theme_id, s.channel, s.items, s.baseline, 0.0, s.channel_growth)
        for s in summary.spikes
        if s.theme_id not in new_ids
    ]
    lines += [
        Attention("new_theme", t.theme_id, None, t.volume.items)
        for t in sorted(summary.new_themes, key=lambda t: -t.volume.items)
    ]
    drops = sorted(
        (t for t in summary.sentiment_shifts if (t.sentiment_shift or 0) < 0),
        key=lambda t: t.sentiment_shift or 0,
    )
    lines += [
        Attention(
            "sentiment_drop",
            t.theme_id,
            None,
            t.volume.items,
            t.sentiment_before or 0.0,
            t.sentiment_shift or 0.0,
        )
        for t in drops
    ]
    spiking = {s.theme_id for s in summary.spikes}
    rising = sorted(
        (t for t in summary.rising if t.theme_id not in spiking),
        key=lambda t: (-(t.volume.items - (t.baseline or 0.0)), t.theme_id),
    )
    lines += [
        Attention(
            "rising",
            t.theme_id,
            (t.rising_channels or (None,))[0],
            t.volume.items,
            t.baseline if t.baseline is not None else t.volume.average,
        )
        for t in rising
    ]
    lines += [
        Attention("channel_volume", None, c.channel, c.volume.items, c.volume.average)
        for c in summary.channels
        if not c.volume.first_week  # a channel's first week has no average to compare with
        and c.volume.items >= rules.channel_ratio * c.volume.average
        and c.volume.items - c.volume.average >= rules.channel_min_increase
    ]
    if summary.text_items and summary.unsorted_share > rules.unsorted_alert_share:
        lines.append(
            Attention("unsorted", None, None, summary.unsorted_items, 0.0, summary.unsorted_share)
        )
    return tuple(lines[: rules.max_attention])
