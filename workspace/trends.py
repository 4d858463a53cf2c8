"""Theme trend queries: rising, falling, new themes and spikes, for every page alike.

The rules live in :mod:`analysis.trends` alone; this module only gathers the counts (local
ISO weeks, under the sidebar's channel and language filters) and joins the flags to what a
page lists. Overview, Themes, Trends, the theme page and the weekly summary all flag through
here or through :func:`analysis.trends.theme_trends_for_week` on the same counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.localtime import parse_iso_week
from analysis.trends import (
    RULES,
    ThemeTrends,
    TrendRules,
    spike_weeks,
    theme_trends_for_week,
)
from workspace.db import Workspace
from workspace.queries import (
    SHOWN,
    Filters,
    theme_label_sql,
    weekly_theme_channel_counts,
)
from workspace.theme_queries import theme_table
from workspace.theme_tree import theme_top_ids, top_theme_table
from workspace.weeks import TrendCounts, latest_week, trend_counts

FLAGGED = ("spike", "new", "rising")
"""Flags a manager is pointed at (Overview's list, the Themes page's "flagged" filter)."""


def theme_trends(
    ws: Workspace,
    week: str,
    min_count: int | None = None,
    new_min_items: int | None = None,
    *,
    filters: Filters | None = None,
    rules: TrendRules = RULES,
) -> ThemeTrends:
    """Rising, falling, new themes and spikes (per theme x channel) for an ISO week ``"YYYY-Www"``."""
    return theme_trends_for_week(
        weekly_theme_channel_counts(ws, until_week=week, filters=filters),
        week,
        min_count=min_count,
        new_min_items=new_min_items,
        rules=rules,
    )


def current_week(ws: Workspace, filters: Filters | None = None) -> str:
    """The latest local ISO week holding a filtered item (``2026-W47``), or ``""``: the
    week the dashboard's "this week" means."""
    return latest_week(ws, filters).week


def _current(
    ws: Workspace,
    filters: Filters | None,
    counted: TrendCounts | None = None,
    current: ThemeTrends | None = None,
) -> tuple[ThemeTrends, pd.DataFrame]:
    """The current week's flags and the counts they came from (the current week is the latest
    with a filtered item, so no later week exists to leave out). While the week is not over,
    every week is counted over its same days and no theme falls
    (:func:`workspace.weeks.trend_counts`; ``counted`` when the caller has it, and
    ``current``: :func:`current_trends` of those counts, when the caller has that too)."""
    if counted is None:
        counted = trend_counts(ws, filters)
    if not counted.latest.week:
        return ThemeTrends(""), pd.DataFrame(columns=["week", "theme_id", "channel", "items"])
    if current is not None:
        return current, counted.counts
    trends = theme_trends_for_week(
        counted.counts,
        counted.latest.week,
        complete=counted.latest.over,
        whole_weeks=counted.whole_weeks,
    )
    return trends, counted.counts


def current_trends(
    ws: Workspace, filters: Filters | None = None, *, counted: TrendCounts | None = None
) -> ThemeTrends:
    """The trend flags of the dashboard's current week (see :func:`current_week`)."""
    return _current(ws, filters, counted)[0]


def _labels(ws: Workspace, lang: str) -> dict[int, str]:
    frame = ws.query_df(f"SELECT theme_id, {theme_label_sql(lang)} AS label FROM themes t")
    return dict(zip(frame["theme_id"].astype(int), frame["label"].astype(str), strict=True))


def _shown(ws: Workspace) -> set[int]:
    frame = ws.query_df(f"SELECT theme_id FROM themes WHERE status IN {SHOWN}")
    return {int(t) for t in frame["theme_id"]}


def flagged_themes(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    counted: TrendCounts | None = None,
    current: ThemeTrends | None = None,
) -> pd.DataFrame:
    """What the Overview points at this week: spikes, then new, then rising themes.

    Columns ``flag`` (``spike``/``new``/``rising``), ``theme_id``, ``label``, ``channel``
    (spikes only, else ``""``), ``items`` (the count the rule judged), ``baseline`` (what it
    compared with: the median week for a spike, the average for rising; NaN for new),
    ``channel_growth`` (a spike's: how many times its usual week the rest of its channel had,
    by which the rule scaled that usual week; 1 in a steady channel and for the other flags),
    ``week``. A theme appears once per flag (a spike once per channel). ``counted``:
    :func:`workspace.weeks.trend_counts` under the same filters when the caller has it (every
    function here that takes it reads the same counts; the dashboard reads them once);
    ``current``: :func:`current_trends` of those counts when the caller has them (the
    dashboard decides the week's flags once for every query that lists them).
    """
    trends, counts = _current(ws, filters, counted, current)
    labels, shown = _labels(ws, lang), _shown(ws)
    rows: list[dict[str, object]] = []
    for spike in trends.spikes.to_dict("records"):
        rows.append(
            {
                "flag": "spike",
                "theme_id": int(spike["theme_id"]),
                "channel": str(spike["channel"]),
                "items": int(spike["items"]),
                "baseline": float(spike["baseline"]),
                "channel_growth": float(spike["channel_growth"]),
            }
        )
    this_week = counts[counts["week"] == trends.week].groupby("theme_id")["items"].sum()
    for theme_id in trends.new:
        rows.append(
            {
                "flag": "new",
                "theme_id": int(theme_id),
                "channel": "",
                "items": int(this_week.get(theme_id, 0)),
                "baseline": float("nan"),
                "channel_growth": 1.0,
            }
        )
    for rising in trends.rising.to_dict("records"):
        rows.append(
            {
                "flag": "rising",
                "theme_id": int(rising["theme_id"]),
                "channel": "",
                "items": int(rising["items"]),
                "baseline": float(rising["baseline"]),
                "channel_growth": 1.0,
            }
        )
    columns = ["flag", "theme_id", "channel", "items", "baseline", "channel_growth"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame[frame["theme_id"].isin(shown)]
    return frame.assign(
        label=[labels.get(int(t), f"#{t}") for t in frame["theme_id"]], week=trends.week
    )[
        ["flag", "theme_id", "label", "channel", "items", "baseline", "channel_growth", "week"]
    ].reset_index(drop=True)


def largest_unflagged_rise(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    counted: TrendCounts | None = None,
    current: ThemeTrends | None = None,
) -> dict[str, object] | None:
    """The theme whose count rose the most items above its average this week without the
    rule flagging it (:attr:`analysis.trends.ThemeTrends.unflagged_rise`): ``theme_id``,
    ``label``, ``items``, ``baseline``; None when no shown theme rose at all. ``counted``
    and ``current``: as :func:`flagged_themes`."""
    trends, _ = _current(ws, filters, counted, current)
    shown = _shown(ws)
    for row in trends.unflagged_rise.to_dict("records"):
        if int(row["theme_id"]) in shown:
            return {
                "theme_id": int(row["theme_id"]),
                "label": _labels(ws, lang).get(int(row["theme_id"]), f"#{row['theme_id']}"),
                "items": int(row["items"]),
                "baseline": float(row["baseline"]),
            }
    return None


def theme_table_with_trends(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    weeks: int = 12,
    contains: str = "",
    order: str = "items",
    flagged_only: bool = False,
    limit: int | None = None,
    top_id: int | None = None,
    counted: TrendCounts | None = None,
    current: ThemeTrends | None = None,
) -> pd.DataFrame:
    """:func:`workspace.queries.theme_table` plus the trend flags of the current week.

    Added columns: ``flag`` (``new``, ``spike``, ``rising``, ``falling`` or ``""``, as
    :meth:`analysis.trends.ThemeTrends.flag`), ``baseline`` (the rising/falling rule's
    average of the weeks before; NaN otherwise), ``spike_channels`` (list). ``flagged_only``
    keeps new, spiking and rising themes; ``top_id`` the themes under that top theme;
    ``counted`` and ``current`` as :func:`flagged_themes`.
    """
    table = theme_table(ws, filters, lang=lang, weeks=weeks, contains=contains, order=order)
    if top_id is not None:
        tops = theme_top_ids(ws)
        table = table[[tops.get(int(t)) == int(top_id) for t in table["theme_id"]]]
    trends = _current(ws, filters, counted, current)[0]
    baselines = {
        int(r["theme_id"]): float(r["baseline"])
        for frame in (trends.rising, trends.falling)
        for r in frame.to_dict("records")
    }
    spike_channels: dict[int, list[str]] = {}
    for spike in trends.spikes.to_dict("records"):
        spike_channels.setdefault(int(spike["theme_id"]), []).append(str(spike["channel"]))
    ids = [int(t) for t in table["theme_id"]]
    table = table.assign(
        flag=[trends.flag(t) for t in ids],
        baseline=[baselines.get(t, float("nan")) for t in ids],
        spike_channels=pd.Series([spike_channels.get(t, []) for t in ids], dtype=object),
    )
    if flagged_only:
        table = table[table["flag"].isin(FLAGGED)]
    if limit:
        table = table.head(int(limit))
    return table.reset_index(drop=True)


def spike_markers(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    theme_id: int | None = None,
) -> pd.DataFrame:
    """Every spike in the filtered history (all weeks), for markers on the weekly charts.

    Columns ``week``, ``week_start`` (the Monday, a date), ``theme_id``, ``label``,
    ``channel``, ``items``, ``baseline`` (the median week the rule compared with),
    ``channel_growth`` (by how much the rule scaled it for a surging channel). Only the
    given theme's spikes when ``theme_id`` is set. Weeks outside the filters' dates are kept
    out, and so is the week a start date falls in mid-week: a spike counts its whole week,
    of which the charts then show only the days from the start date (a marker said "6
    berichten" above a week whose shown days held 3 of them).
    """
    counts = weekly_theme_channel_counts(ws, filters=filters)
    spikes = spike_weeks(counts)
    if theme_id is not None:
        spikes = spikes[spikes["theme_id"] == int(theme_id)]
    if filters and filters.start:
        first = pd.Timestamp(filters.start).date()
        shown = [parse_iso_week(w) >= first for w in spikes["week"]]
        spikes = spikes[np.array(shown, dtype=bool)]  # an empty list would select no columns
    labels = _labels(ws, lang)
    return spikes.assign(
        week_start=[parse_iso_week(w) for w in spikes["week"]],
        label=[labels.get(int(t), f"#{t}") for t in spikes["theme_id"]],
    )[
        [
            "week",
            "week_start",
            "theme_id",
            "label",
            "channel",
            "items",
            "baseline",
            "channel_growth",
        ]
    ].reset_index(drop=True)


# -- the theme tree's top level: the same rules on the summed counts of each top theme's themes
def top_theme_counts(ws: Workspace, counts: pd.DataFrame) -> pd.DataFrame:
    """Counts per ``week`` x ``theme_id`` x ``channel`` summed per top theme (``theme_id``
    then holds the top theme's id); themes without a top theme are left out."""
    tops = theme_top_ids(ws)
    mapped = counts.assign(theme_id=counts["theme_id"].map(tops)).dropna(subset=["theme_id"])
    if mapped.empty:
        return pd.DataFrame(columns=["week", "theme_id", "channel", "items"])
    mapped = mapped.assign(theme_id=mapped["theme_id"].astype("int64"))
    summed = mapped.groupby(["week", "theme_id", "channel"])["items"].sum()
    return summed.reset_index()


def current_top_trends(
    ws: Workspace, filters: Filters | None = None, *, counted: TrendCounts | None = None
) -> ThemeTrends:
    """Rising, falling, new and spiking top themes of the current week, keyed by top id.

    The rule is :func:`analysis.trends.theme_trends_for_week`, unchanged, on the counts of
    every top theme (the sum of its themes' counts): a top theme rises when its items do.
    """
    if counted is None:
        counted = trend_counts(ws, filters)
    if not counted.latest.week:
        return ThemeTrends("")
    return theme_trends_for_week(
        top_theme_counts(ws, counted.counts),
        counted.latest.week,
        complete=counted.latest.over,
        whole_weeks=top_theme_counts(ws, counted.whole_weeks),
    )


def top_theme_table_with_trends(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    weeks: int = 12,
    order: str = "items",
    counted: TrendCounts | None = None,
) -> pd.DataFrame:
    """:func:`workspace.theme_tree.top_theme_table` plus ``flag`` and ``baseline`` of the
    current week, as :func:`theme_table_with_trends` adds them to the themes (``counted`` as
    :func:`flagged_themes`)."""
    table = top_theme_table(ws, filters, lang=lang, weeks=weeks, order=order)
    trends = current_top_trends(ws, filters, counted=counted)
    baselines = {
        int(r["theme_id"]): float(r["baseline"])
        for frame in (trends.rising, trends.falling)
        for r in frame.to_dict("records")
    }
    ids = [int(t) for t in table["top_id"]]
    return table.assign(
        flag=[trends.flag(t) for t in ids],
        baseline=[baselines.get(t, float("nan")) for t in ids],
    ).reset_index(drop=True)
