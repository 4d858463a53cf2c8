"""Use case: the weekly theme summary of a workspace, and its rendering to a file format.

The SQL here only gathers frames (items of the week and the weeks before it, with their theme
and sentiment; the themes with the time of their first item); ``analysis/summary.py`` decides
what is rising, new or spiking, and ``analysis/summary_render.py`` words it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from analysis.localtime import local_midnight
from analysis.summary import (
    SummaryRules,
    WeeklySummary,
    build_weekly_summary,
    iso_week_label,
    last_complete_week,
    parse_iso_week,
)
from analysis.summary_render import FORMATS, render
from analysis.summary_render import text as summary_text
from workspace.db import Workspace
from workspace.localtime import iso_week_sql, weekday_sql, workspace_timezone
from workspace.names import SHOWN_STATUSES, theme_label_sql, top_label_sql
from workspace.theme_tree import theme_top_ids
from workspace.weeks import latest_week, trend_counts


def resolve_week(ws: Workspace, week: str = "last", *, today: date | None = None) -> str:
    """``2026-W47`` as given, or for ``"last"`` the last complete ISO week.

    "Last complete" is the newest week with inbound items when it is over, else the week
    before it; whether a week is over is the one rule of the Overview and the trend flags
    (:func:`workspace.localtime.week_is_over`: the calendar has left the week and its data
    reaches the last weekday that usually has feedback). So a Monday cron job reports the
    week that just ended, a workspace holding only older exports reports its own last week
    rather than an empty one, and an export cut on a Friday reports the week before it.
    Without items: the week before today's (``today`` defaults to the workspace zone's).
    """
    if week.strip().lower() != "last":
        return iso_week_label(parse_iso_week(week))
    if today is None:
        today = pd.Timestamp.now(tz=workspace_timezone(ws)).date()
    latest = latest_week(ws, today=today)
    if latest.monday is None:
        return last_complete_week(today)
    if latest.over:
        return latest.week
    return iso_week_label(latest.monday - timedelta(days=7))


def summary_weeks(ws: Workspace) -> list[str]:
    """Local ISO weeks (``2026-W47``) holding inbound items, newest first: the week picker's
    choices."""
    tz = workspace_timezone(ws)
    frame = ws.query_df(
        f"SELECT DISTINCT {iso_week_sql('received_at', tz)} AS week FROM items "
        "WHERE direction = 'inbound' ORDER BY week DESC"
    )
    return [str(w) for w in frame["week"]]


def summary_frames(
    ws: Workspace,
    week: str,
    *,
    channel: str | None = None,
    history_weeks: int = 8,
    weekdays_through: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The items (of ``week`` and the ``history_weeks`` before it) and themes frames that
    :func:`analysis.summary.build_weekly_summary` takes. Text is read for the week itself only
    (quotes come from there), which keeps a 100k-item workspace fast. ``weekdays_through``
    (Monday 0 … Sunday 6) keeps each week's days up to that weekday only (a week that is not
    over, compared over the same days)."""
    tz = workspace_timezone(ws)
    start = parse_iso_week(week)
    window_start = local_midnight(start - timedelta(weeks=history_weeks), tz)
    week_start = local_midnight(start, tz)
    window_end = local_midnight(start + timedelta(days=7), tz)
    channel_sql = ""
    params: list[Any] = [week_start, window_start, window_end]
    if channel:
        channel_sql = "AND i.channel = ?"
        params.append(channel)
    if weekdays_through is not None:
        channel_sql += f" AND {weekday_sql('i.received_at', tz)} <= {int(weekdays_through)}"
    items = ws.query_df(
        f"""
        SELECT i.id AS item_id, i.channel, i.received_at, a.theme_id,
               CASE WHEN i.received_at >= ? THEN i.text ELSE '' END AS text,
               s.sentiment, a.similarity, i.is_star_only, i.language
        FROM items i
        LEFT JOIN assignments a ON a.item_id = i.id
        LEFT JOIN item_sentiment s ON s.item_id = i.id
        WHERE i.direction = 'inbound' AND i.received_at >= ? AND i.received_at < ? {channel_sql}
        """,
        params,
    )
    themes = ws.query_df(
        f"""
        SELECT t.theme_id, {theme_label_sql("en")} AS label_en, {theme_label_sql("nl")} AS label_nl,
               f.first_seen, t.top_id, {top_label_sql("en")} AS top_label_en,
               {top_label_sql("nl")} AS top_label_nl, t.status IN {SHOWN_STATUSES} AS listed
        FROM themes t
        LEFT JOIN top_themes tt ON tt.top_id = t.top_id
        LEFT JOIN (
            SELECT a.theme_id, min(i.received_at) AS first_seen
            FROM assignments a JOIN items i ON i.id = a.item_id
            WHERE i.direction = 'inbound' AND a.theme_id IS NOT NULL
            GROUP BY a.theme_id
        ) f ON f.theme_id = t.theme_id
        """
    )
    # A main theme holds its listed themes, as the Themes page counts them (one rule); the
    # tree is read on them (``listed``) to tell whether it adds anything.
    themes["top_id"] = themes["theme_id"].astype(int).map(theme_top_ids(ws)).astype("Int64")
    return items, themes


def weekly_summary(
    ws: Workspace,
    week: str = "last",
    channel: str | None = None,
    lang: str = "en",
    *,
    rules: SummaryRules | None = None,
    today: date | None = None,
) -> WeeklySummary:
    """The weekly summary of ``week`` (``2026-W47`` or ``"last"``), optionally one channel.

    Args:
        ws: the workspace.
        week: an ISO week, or ``"last"`` (see :func:`resolve_week`).
        channel: only this channel (``email``, ``review``, ...), or None for all.
        lang: accepted for symmetry with the renderers; the summary holds both languages'
            theme names, so one summary renders in either.
        rules: thresholds; the defaults when None.
        today: the date "last" is relative to; today in the workspace zone when None.

    Raises:
        AnalysisError: on a malformed week.
    """
    del lang
    rules = rules or SummaryRules()
    resolved = resolve_week(ws, week, today=today)
    counted = trend_counts(ws, channel=channel, until_week=resolved, today=today)
    through = counted.partial_through
    items, themes = summary_frames(
        ws,
        resolved,
        channel=channel,
        history_weeks=rules.baseline_weeks,
        weekdays_through=through.weekday() if through else None,
    )
    return build_weekly_summary(
        items,
        themes,
        resolved,
        counts=counted.counts,
        channel=channel,
        rules=rules,
        tz=workspace_timezone(ws),
        whole_weeks=counted.whole_weeks,
        through=through,
    )


def render_summary(summary: WeeklySummary, fmt: str, lang: str = "en") -> bytes:
    """The summary as the bytes of a ``md``, ``html``, ``csv`` or ``xlsx`` file."""
    return render(summary, fmt, lang)


def summary_filename(summary: WeeklySummary, fmt: str, lang: str) -> str:
    """``klantstem-summary-2026-W47[-email].md`` in English, ``klantstem-weekoverzicht-…`` in
    Dutch: the file is named in the language it is written in."""
    suffix = f"-{summary.channel}" if summary.channel else ""
    return f"{summary_text('file_name', lang, week=summary.week)}{suffix}.{fmt}"


__all__ = [
    "FORMATS",
    "render_summary",
    "resolve_week",
    "summary_filename",
    "summary_frames",
    "summary_weeks",
    "weekly_summary",
]
