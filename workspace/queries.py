"""Read queries for the views and exports. Results are DataFrames; filters are explicit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from analysis.localtime import DEFAULT_TIMEZONE
from analysis.summary import parse_iso_week
from analysis.trends import weeks_since_first
from ingest.schema import DIRECTIONS, RECORD_COLUMNS
from workspace.db import Workspace
from workspace.localtime import (
    iso_week_sql,
    local_date_sql,
    local_start_sql,
    local_time_sql,
    local_week_sql,
    weekday_sql,
    workspace_timezone,
)
from workspace.names import theme_label_sql, top_label_sql


@dataclass(frozen=True, slots=True)
class Filters:
    """The dashboard's sidebar filters; empty means "all"."""

    start: str = ""  # ISO date, inclusive
    end: str = ""  # ISO date, inclusive
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def where(
        self, alias: str = "i", tz: str = DEFAULT_TIMEZONE, *, direction: str = "inbound"
    ) -> tuple[str, list[object]]:
        """SQL conditions and parameters for these filters on the items table; ``start`` and
        ``end`` are local days of zone ``tz``. Every screen reads ``inbound`` items (from
        customers); ``outbound`` ones (the company's own replies) are only counted apart."""
        clauses: list[str] = [f"{alias}.direction = '{_direction(direction)}'"]
        params: list[object] = []
        if self.start:
            clauses.append(f"{alias}.received_at >= {local_start_sql('CAST(? AS DATE)', tz)}")
            params.append(self.start)
        if self.end:
            end = local_start_sql("CAST(? AS DATE) + INTERVAL 1 DAY", tz)
            clauses.append(f"{alias}.received_at < {end}")
            params.append(self.end)
        if self.channels:
            clauses.append(f"{alias}.channel IN ({', '.join('?' * len(self.channels))})")
            params.extend(self.channels)
        if self.languages:
            clauses.append(f"{alias}.language IN ({', '.join('?' * len(self.languages))})")
            params.extend(self.languages)
        return " AND ".join(clauses), params


def _direction(direction: str) -> str:
    if direction not in DIRECTIONS:  # it goes into the SQL text: only the known words
        raise ValueError(f"direction must be one of {sorted(DIRECTIONS)}, got {direction!r}")
    return direction


def filter_sql(
    ws: Workspace, filters: Filters | None, alias: str = "i"
) -> tuple[str, list[object], str]:
    """The filters' SQL conditions and parameters in the workspace's time zone (local days),
    and that zone: every query with the sidebar's filters builds its WHERE with this."""
    tz = workspace_timezone(ws)
    where, params = (filters or Filters()).where(alias, tz)
    return where, params, tz


@dataclass(frozen=True, slots=True)
class WorkspaceCounts:
    items: int
    batches: int
    channels: dict[str, int] = field(default_factory=dict)
    own_replies: int = 0
    """Outbound items (the company's own answers) under the same filters: imported and
    counted by an import, left out of ``items`` and every screen's figures."""
    internal_notes: int = 0
    """Internal items (a helpdesk's private notes), likewise left out of ``items``."""


def workspace_counts(ws: Workspace, filters: Filters | None = None) -> WorkspaceCounts:
    """Number of inbound items, per channel, of outbound and internal ones, and of import
    batches."""
    where, params, tz = filter_sql(ws, filters)
    per_channel = ws.query_df(
        f"SELECT channel, count(*) AS n FROM items i WHERE {where} GROUP BY channel ORDER BY n DESC",
        params,
    )
    left_out = []
    for direction in ("outbound", "internal"):
        other, other_params = (filters or Filters()).where("i", tz, direction=direction)
        left_out.append(
            int(ws.scalar(f"SELECT count(*) FROM items i WHERE {other}", other_params) or 0)
        )
    batches = int(ws.scalar("SELECT count(*) FROM import_batches") or 0)
    channels = dict(zip(per_channel["channel"], per_channel["n"].astype(int), strict=True))
    return WorkspaceCounts(sum(channels.values()), batches, channels, *left_out)


def weekly_channel_counts(ws: Workspace, filters: Filters | None = None) -> pd.DataFrame:
    """Inbound items per local ISO week and channel: columns ``week`` (``2026-W47``),
    ``week_start``, ``channel``, ``items``."""
    where, params, tz = filter_sql(ws, filters)
    return ws.query_df(
        f"""
        SELECT {iso_week_sql("i.received_at", tz)} AS week,
               CAST({_week(tz)} AS DATE) AS week_start,
               channel, count(*) AS items
        FROM items i WHERE {where}
        GROUP BY ALL ORDER BY week_start, channel
        """,
        params,
    )


def weekly_theme_channel_counts(
    ws: Workspace,
    *,
    until_week: str | None = None,
    channel: str | None = None,
    filters: Filters | None = None,
    weekdays_through: int | None = None,
) -> pd.DataFrame:
    """Sorted inbound items per ISO ``week`` x ``theme_id`` x ``channel`` (up to and including
    ``until_week`` when given), in the shape of :func:`analysis.trends.weekly_counts`: the
    input of every trend, spike and summary rule. Weeks are local ISO weeks; ``filters``
    (the sidebar's) keep their channels and languages and end date, never their start: a
    trend needs the weeks before. ``weekdays_through`` (Monday 0 … Sunday 6) counts every
    week over its days up to that weekday only: the same days as an unfinished latest week
    (see :func:`workspace.weeks.trend_counts`). Aggregated in DuckDB, no text read."""
    clauses, params, tz = _theme_channel_scope(ws, until_week, channel, filters)
    if weekdays_through is not None:
        clauses.append(f"{weekday_sql('i.received_at', tz)} <= {int(weekdays_through)}")
    return ws.query_df(
        f"""
        SELECT {iso_week_sql("i.received_at", tz)} AS week,
               CAST(a.theme_id AS BIGINT) AS theme_id, i.channel, count(*) AS items
        FROM items i JOIN assignments a ON a.item_id = i.id
        WHERE {" AND ".join(clauses)}
        GROUP BY ALL ORDER BY week, theme_id, channel
        """,
        params,
    )


def weekly_theme_channel_counts_and_same_days(
    ws: Workspace,
    weekdays_through: int,
    *,
    until_week: str | None = None,
    channel: str | None = None,
    filters: Filters | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`weekly_theme_channel_counts` of whole weeks and over each week's days up to
    ``weekdays_through``, from one read of the items (what an unfinished latest week's trend
    rules need: :func:`workspace.weeks.trend_counts`)."""
    clauses, params, tz = _theme_channel_scope(ws, until_week, channel, filters)
    frame = ws.query_df(
        f"""
        SELECT {iso_week_sql("i.received_at", tz)} AS week,
               CAST(a.theme_id AS BIGINT) AS theme_id, i.channel,
               {weekday_sql("i.received_at", tz)} <= {int(weekdays_through)} AS same_days,
               count(*) AS items
        FROM items i JOIN assignments a ON a.item_id = i.id
        WHERE {" AND ".join(clauses)}
        GROUP BY ALL ORDER BY week, theme_id, channel, same_days
        """,
        params,
    )
    keys = ["week", "theme_id", "channel"]
    same_days = frame[frame["same_days"].astype(bool)].drop(columns="same_days")
    if frame.empty:
        return frame.drop(columns="same_days"), same_days.reset_index(drop=True)
    whole = frame.groupby(keys, sort=True, dropna=False, as_index=False)["items"].sum()
    return whole, same_days.reset_index(drop=True)


def _theme_channel_scope(
    ws: Workspace, until_week: str | None, channel: str | None, filters: Filters | None
) -> tuple[list[str], list[Any], str]:
    """The conditions, parameters and zone of :func:`weekly_theme_channel_counts`."""
    tz = workspace_timezone(ws)
    kept = (
        Filters(end=filters.end, channels=filters.channels, languages=filters.languages)
        if filters
        else Filters()
    )
    where, filter_params = kept.where("i", tz)
    clauses = [where, "a.theme_id IS NOT NULL"]
    params: list[Any] = list(filter_params)
    if until_week:
        end = parse_iso_week(until_week) + timedelta(days=7)
        clauses.append(f"i.received_at < {local_start_sql('?', tz)}")
        params.append(datetime.combine(end, datetime.min.time()))
    if channel:
        clauses.append("i.channel = ?")
        params.append(channel)
    return clauses, params, tz


def items_for_export(ws: Workspace, *, lang: str = "en") -> pd.DataFrame:
    """Every stored item with every record field, plus ``received_date`` (the local day,
    ``2026-11-16``) and ``iso_week`` (its local ISO week, ``2026-W47``) in the workspace
    zone, ``top_theme_id`` and ``top_theme_label`` (the theme's top theme), ``theme_id``,
    ``theme_label`` (the name a manager sees, empty when unsorted) and ``sentiment`` (-1..1,
    empty when none)."""
    columns = ", ".join(f"i.{c}" for c in RECORD_COLUMNS)
    tz = workspace_timezone(ws)
    return ws.query_df(
        f"""
        SELECT {columns},
               strftime({local_date_sql("i.received_at", tz)}, '%Y-%m-%d') AS received_date,
               {iso_week_sql("i.received_at", tz)} AS iso_week,
               t.top_id AS top_theme_id, coalesce({top_label_sql(lang)}, '') AS top_theme_label,
               a.theme_id, coalesce({theme_label_sql(lang)}, '') AS theme_label,
               s.sentiment
        FROM items i
        LEFT JOIN assignments a ON a.item_id = i.id
        LEFT JOIN themes t ON t.theme_id = a.theme_id
        LEFT JOIN top_themes tt ON tt.top_id = t.top_id
        LEFT JOIN item_sentiment s ON s.item_id = i.id
        ORDER BY i.received_at, i.id
        """
    )


# -- dashboard queries ----------------------------------------------------------------------
# Every aggregation the dashboard shows happens here, in DuckDB, so views stay thin and a
# 100k-item workspace answers in milliseconds. Themes, assignments and sentiment are read from
# the tables of migration 1; the theme engine writes them.

SHOWN = "('active', 'proposed')"
"""Theme statuses the dashboard lists (merged and split themes live on only as history)."""


def _week(tz: str, alias: str = "i") -> str:
    """The Monday of the item's local ISO week (a naive TIMESTAMP)."""
    return local_week_sql(f"{alias}.received_at", tz)


def _day(tz: str, alias: str = "i") -> str:
    """The item's local calendar day (a DATE)."""
    return local_date_sql(f"{alias}.received_at", tz)


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """What the sidebar filters can choose from."""

    first_day: str
    last_day: str
    channels: tuple[str, ...]
    languages: tuple[str, ...]


def filter_options(ws: Workspace) -> FilterOptions:
    """Local date span, channels and languages present among inbound items."""
    tz = workspace_timezone(ws)
    span = ws.query_df(
        f"SELECT {local_date_sql('min(received_at)', tz)} AS lo, "
        f"{local_date_sql('max(received_at)', tz)} AS hi "
        "FROM items WHERE direction = 'inbound'"
    )
    channels = ws.query_df(
        "SELECT channel FROM items WHERE direction = 'inbound' GROUP BY channel ORDER BY count(*) DESC"
    )
    languages = ws.query_df(
        "SELECT language FROM items WHERE direction = 'inbound' AND language <> '' "
        "GROUP BY language ORDER BY count(*) DESC"
    )
    lo, hi = span.iloc[0]["lo"], span.iloc[0]["hi"]
    return FilterOptions(
        first_day="" if pd.isna(lo) else str(lo)[:10],
        last_day="" if pd.isna(hi) else str(hi)[:10],
        channels=tuple(channels["channel"]),
        languages=tuple(languages["language"]),
    )


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of the (text) feedback sits in a theme."""

    items: int
    sorted: int
    themes: int

    @property
    def unsorted(self) -> int:
        return self.items - self.sorted

    @property
    def share_sorted(self) -> float:
        return self.sorted / self.items if self.items else 0.0


def theme_coverage(ws: Workspace, filters: Filters | None = None) -> Coverage:
    """Filtered items with text, how many of them have a theme, and active themes."""
    where, params, tz = filter_sql(ws, filters)
    frame = ws.query_df(
        f"""
        SELECT count(*) AS items, count(a.theme_id) AS sorted
        FROM items i LEFT JOIN assignments a ON a.item_id = i.id
        WHERE {where} AND NOT i.is_star_only
        """,
        params,
    )
    themes = int(ws.scalar(f"SELECT count(*) FROM themes WHERE status IN {SHOWN}") or 0)
    return Coverage(int(frame.iloc[0]["items"]), int(frame.iloc[0]["sorted"]), themes)


def channel_summary(ws: Workspace, filters: Filters | None = None) -> pd.DataFrame:
    """Per channel: ``items``, ``sentiment`` (mean), ``rating`` (mean on 0..1), ``unsorted``
    (share of text items without a theme), ``weeks`` (the weeks since the channel's first
    item through the latest week with a filtered item, quiet weeks included:
    :func:`analysis.trends.weeks_since_first`, the weeks its baselines count)."""
    where, params, tz = filter_sql(ws, filters)
    frame = ws.query_df(
        f"""
        SELECT i.channel, count(*) AS items, avg(s.sentiment) AS sentiment,
               avg(CASE WHEN i.rating IS NOT NULL AND i.rating_scale_max > i.rating_scale_min
                        THEN (i.rating - i.rating_scale_min) / (i.rating_scale_max - i.rating_scale_min)
                   END) AS rating,
               count(*) FILTER (WHERE a.theme_id IS NULL AND NOT i.is_star_only)
                 / greatest(count(*) FILTER (WHERE NOT i.is_star_only), 1) AS unsorted,
               min({iso_week_sql("i.received_at", tz)}) AS first_week,
               max({iso_week_sql("i.received_at", tz)}) AS last_week
        FROM items i
        LEFT JOIN assignments a ON a.item_id = i.id
        LEFT JOIN item_sentiment s ON s.item_id = i.id
        WHERE {where}
        GROUP BY i.channel ORDER BY items DESC, i.channel
        """,
        params,
    )
    latest = str(frame["last_week"].max()) if len(frame) else ""
    weeks = [weeks_since_first(str(first), latest) for first in frame["first_week"]]
    return frame.assign(weeks=pd.Series(weeks, index=frame.index, dtype="int64")).drop(
        columns=["first_week", "last_week"]
    )


def batch_preview(ws: Workspace, batch_id: int, *, limit: int = 5) -> pd.DataFrame:
    """The first items one import batch stored (for the Upload page's preview)."""
    tz = workspace_timezone(ws)
    return ws.query_df(
        f"SELECT {local_time_sql('received_at', tz)} AS received_at, channel, language, rating, "
        "rating_scale_max, subject, text FROM items WHERE batch_id = ? "
        "ORDER BY source_row LIMIT ?",
        [int(batch_id), int(limit)],
    )
