"""The latest week with data, whether it is over, and what it is compared with.

"This week" on every screen is the latest local ISO week holding a (filtered) item. Whether
it is over is one rule (:func:`workspace.localtime.week_is_over`); while it is not, "last
week" (:func:`week_totals`, :func:`week_over_week`, the Themes tables) and the trend rules'
earlier weeks (:func:`trend_counts`) are counted over the same days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from analysis.localtime import local_midnight
from workspace.db import Workspace
from workspace.localtime import (
    USUAL_DAY_WEEKS,
    LatestWeek,
    local_date_sql,
    same_days_week_before,
    usual_last_weekday,
    week_is_over,
    week_monday,
)
from workspace.queries import (
    SHOWN,
    Filters,
    _day,
    _week,
    filter_sql,
    weekly_theme_channel_counts,
    weekly_theme_channel_counts_and_same_days,
)


def latest_week(
    ws: Workspace, filters: Filters | None = None, *, today: date | None = None
) -> LatestWeek:
    """The latest local ISO week holding a filtered item, its latest day, and whether it is
    over (:func:`workspace.localtime.week_is_over`, the one rule; ``today`` defaults to the
    workspace zone's date)."""
    where, params, tz = filter_sql(ws, filters)
    newest = ws.scalar(f"SELECT max(i.received_at) FROM items i WHERE {where}", params)
    if newest is None:
        return LatestWeek(None, None, True)
    newest = ws.scalar(f"SELECT {local_date_sql('?', tz)}", [newest])
    last_day = pd.Timestamp(newest).date()
    monday = week_monday(last_day)
    # which weekdays had items in the weeks before (read on their rows only)
    per_day = ws.query_df(
        f"""
        SELECT isodow({_day(tz)}) - 1 AS dow, count(DISTINCT {_week(tz)}) AS weeks,
               any_value(n.weeks) AS total
        FROM items i,
             (SELECT count(DISTINCT {_week(tz)}) AS weeks FROM items i
              WHERE {where} AND i.received_at >= ? AND i.received_at < ?) n
        WHERE {where} AND i.received_at >= ? AND i.received_at < ?
        GROUP BY dow
        """,
        [*params, *_earlier(monday, tz), *params, *_earlier(monday, tz)],
    )
    weeks = int(per_day["total"].iloc[0]) if len(per_day) else 0
    usual = usual_last_weekday(
        {int(d): int(n) for d, n in zip(per_day["dow"], per_day["weeks"], strict=True)}, weeks
    )
    if today is None:
        today = pd.Timestamp.now(tz=tz).date()
    return LatestWeek(monday, last_day, week_is_over(last_day, usual, today=today))


def _earlier(monday: date, tz: str) -> list[object]:
    """The instants bounding the :data:`USUAL_DAY_WEEKS` weeks before ``monday``'s week."""
    return [
        local_midnight(monday - timedelta(weeks=USUAL_DAY_WEEKS), tz),
        local_midnight(monday, tz),
    ]


def _since_week_before(latest: LatestWeek, tz: str) -> tuple[str, list[object]]:
    """SQL condition and parameter keeping the items from the week before the latest week on
    (the only weeks :func:`week_over_week` and :func:`week_totals` count): their local weeks
    and days are then worked out for those items, not for the whole history (at 100k items
    most of those queries' time)."""
    if latest.monday is None:
        return "", []
    return " AND i.received_at >= ?", [local_midnight(latest.monday - timedelta(weeks=1), tz)]


@dataclass(frozen=True, slots=True)
class TrendCounts:
    """What every trend rule reads for the latest week: :class:`LatestWeek`, the counts the
    rules compare (every week over the same weekdays while the latest week is not over), and
    the whole weeks' counts (which themes are new is decided on whole weeks)."""

    latest: LatestWeek
    counts: pd.DataFrame
    whole_weeks: pd.DataFrame
    partial_through: date | None = None
    """The last day of the unfinished week compared (None: whole weeks are compared)."""


def trend_counts(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    channel: str | None = None,
    until_week: str | None = None,
    today: date | None = None,
) -> TrendCounts:
    """The trend rules' input for the latest week with (filtered) data, or for ``until_week``.

    While the latest week is not over (:func:`workspace.localtime.week_is_over`), it has only
    some of its days: the weeks before are then counted over the same weekdays, so rising and
    spikes compare like with like (a Wednesday's three days against earlier Monday-to-
    Wednesdays), in the Overview's flags, the Themes table and the weekly summary alike. A
    week before the latest is whole and compared with whole weeks.
    """
    scope = filters
    if channel:
        scope = Filters(
            end=filters.end if filters else "",
            channels=(channel,),
            languages=filters.languages if filters else (),
        )
    latest = latest_week(ws, scope, today=today)
    partial = latest.last_day is not None and not latest.over
    if not partial or (until_week is not None and until_week != latest.week):
        whole = weekly_theme_channel_counts(
            ws, until_week=until_week, channel=channel, filters=filters
        )
        return TrendCounts(latest, whole, whole)
    assert latest.last_day is not None
    whole, counts = weekly_theme_channel_counts_and_same_days(
        ws, latest.last_day.weekday(), until_week=until_week, channel=channel, filters=filters
    )
    return TrendCounts(latest, counts, whole, latest.last_day)


def week_over_week(
    ws: Workspace, filters: Filters | None = None, *, today: date | None = None
) -> pd.DataFrame:
    """Per channel with items in the latest week with data or in the week before: its items
    in each (a channel with neither is left out: "0 / 0" says nothing about this week).

    Columns ``channel``, ``this_week``, ``last_week`` (the same days of the week before while
    the latest week is not over: :func:`workspace.localtime.same_days_week_before`), ``week``
    (``2026-W40``), ``last_day`` (the latest day with data), ``sentiment_this``,
    ``sentiment_last`` (mean item sentiment, NaN when none).
    """
    where, params, tz = filter_sql(ws, filters)
    latest = latest_week(ws, filters, today=today)
    before = same_days_week_before(latest.through)
    recent, since = _since_week_before(latest, tz)
    return ws.query_df(
        f"""
        WITH f AS (
            SELECT i.channel, {_week(tz)} AS wk, {_day(tz)} AS day, s.sentiment
            FROM items i LEFT JOIN item_sentiment s ON s.item_id = i.id
            WHERE {where}{recent}
        ), ref AS (SELECT max(wk) AS wk, max(day) AS day FROM f)
        SELECT f.channel,
               count(*) FILTER (WHERE f.wk = ref.wk) AS this_week,
               count(*) FILTER (WHERE {before}) AS last_week,
               strftime(any_value(ref.wk), '%G-W%V') AS week,
               any_value(ref.day) AS last_day,
               avg(f.sentiment) FILTER (WHERE f.wk = ref.wk) AS sentiment_this,
               avg(f.sentiment) FILTER (WHERE {before}) AS sentiment_last
        FROM f, ref
        GROUP BY f.channel
        HAVING count(*) FILTER (WHERE f.wk = ref.wk OR {before}) > 0
        ORDER BY this_week DESC, f.channel
        """,
        [*params, *since],
    )


@dataclass(frozen=True, slots=True)
class WeekTotals:
    """All filtered items of the latest week with data against the week before."""

    week: str
    this_week: int
    last_week: int
    sentiment_this: float | None
    sentiment_last: float | None
    last_day: date | None = None
    """The latest day with data."""
    over: bool = True
    """Whether the latest week is over (:func:`workspace.localtime.week_is_over`); while it
    is not, ``last_week`` counts the same days of the week before."""
    themed: int = 0
    """Items of the latest week in a listed theme."""
    star_only: int = 0
    """Items of the latest week with a rating and no words (never in a theme)."""

    @property
    def unsorted(self) -> int:
        """Items of the latest week with text and no listed theme."""
        return self.this_week - self.themed - self.star_only

    @property
    def partial(self) -> bool:
        """The latest week is not over yet (compared over the same days)."""
        return not self.over


def week_totals(
    ws: Workspace, filters: Filters | None = None, *, today: date | None = None
) -> WeekTotals:
    """Items and mean item sentiment of the latest ISO week with data and of the week before
    (its same days while the latest week is not over)."""
    where, params, tz = filter_sql(ws, filters)
    latest = latest_week(ws, filters, today=today)
    before = same_days_week_before(latest.through)
    recent, since = _since_week_before(latest, tz)
    frame = ws.query_df(
        f"""
        WITH f AS (
            SELECT {_week(tz)} AS wk, {_day(tz)} AS day, s.sentiment, i.is_star_only,
                   t.theme_id IS NOT NULL AS themed
            FROM items i LEFT JOIN item_sentiment s ON s.item_id = i.id
            LEFT JOIN assignments a ON a.item_id = i.id
            LEFT JOIN themes t ON t.theme_id = a.theme_id AND t.status IN {SHOWN}
            WHERE {where}{recent}
        ), ref AS (SELECT max(wk) AS wk, max(day) AS day FROM f)
        SELECT coalesce(strftime(any_value(ref.wk), '%G-W%V'), '') AS week,
               any_value(ref.day) AS last_day,
               count(*) FILTER (WHERE f.wk = ref.wk) AS this_week,
               count(*) FILTER (WHERE f.wk = ref.wk AND f.themed) AS themed,
               count(*) FILTER (WHERE f.wk = ref.wk AND f.is_star_only) AS star_only,
               count(*) FILTER (WHERE {before}) AS last_week,
               avg(f.sentiment) FILTER (WHERE f.wk = ref.wk) AS sentiment_this,
               avg(f.sentiment) FILTER (WHERE {before}) AS sentiment_last
        FROM f, ref
        """,
        [*params, *since],
    )
    row = frame.iloc[0]

    def number(value: float | None) -> float | None:
        return None if pd.isna(value) else float(value)

    last_day = row["last_day"]
    return WeekTotals(
        str(row["week"]),
        int(row["this_week"]),
        int(row["last_week"]),
        number(row["sentiment_this"]),
        number(row["sentiment_last"]),
        None if pd.isna(last_day) else pd.Timestamp(last_day).date(),
        latest.over,
        int(row["themed"]),
        int(row["star_only"]),
    )
