"""The workspace's time zone, and the one place SQL turns a stored UTC instant into a local
day or ISO week.

Instants stay UTC in storage (``items.received_at`` is ``TIMESTAMPTZ``). Days, weeks and date
labels are the workspace zone's (setting ``timezone``, default Europe/Amsterdam), computed in
DuckDB with ICU's ``timezone(zone, instant)``; ICU is built into the duckdb wheel, so nothing
is downloaded. The Python twin is :mod:`analysis.localtime`.
"""

from __future__ import annotations

from datetime import date, timedelta

from analysis.localtime import DEFAULT_TIMEZONE, check_timezone
from workspace.db import Workspace
from workspace.settings import get_setting


def workspace_timezone(ws: Workspace) -> str:
    """The workspace's IANA time zone: every local day and week is computed in it.

    Raises:
        AnalysisError: when the stored setting is no IANA zone.
    """
    return check_timezone(str(get_setting(ws, "timezone")) or DEFAULT_TIMEZONE)


def _zone_literal(tz: str) -> str:
    return "'" + check_timezone(tz).replace("'", "''") + "'"


def local_time_sql(instant: str, tz: str) -> str:
    """SQL for the local wall-clock time (a naive ``TIMESTAMP``) of an instant column."""
    return f"timezone({_zone_literal(tz)}, {instant})"


def local_date_sql(instant: str, tz: str) -> str:
    """SQL for the local calendar day (``DATE``) of an instant column."""
    return f"CAST({local_time_sql(instant, tz)} AS DATE)"


def local_week_sql(instant: str, tz: str) -> str:
    """SQL for the Monday (a naive ``TIMESTAMP`` at midnight) of the local ISO week."""
    return f"date_trunc('week', {local_time_sql(instant, tz)})"


def iso_week_sql(instant: str, tz: str) -> str:
    """SQL for the local ISO week label ``2026-W47`` of an instant column."""
    return f"strftime({local_time_sql(instant, tz)}, '%G-W%V')"


def local_start_sql(parameter: str, tz: str) -> str:
    """SQL for the instant a local day or naive local time begins (``?`` a DATE/TIMESTAMP
    parameter): keeps comparisons on the stored instant, so DuckDB can skip row groups."""
    return f"timezone({_zone_literal(tz)}, CAST({parameter} AS TIMESTAMP))"


def same_days_week_before(row: str = "f", ref: str = "ref") -> str:
    """SQL condition: ``row`` (columns ``wk``, the Monday of its local week, and ``day``, its
    local day) falls in the week before ``ref.wk`` on a weekday up to ``ref.day`` (the last
    local day with data): the week before counted over the same days.

    The latest week with data is often not over (an export on Wednesday, a Monday-morning
    upload): against the whole week before, every count would read as a drop. Once the
    latest week has data on its Sunday, the whole week before counts. Every "this week
    against last week" figure (Overview, Themes tables) uses this one rule.
    """
    return f"({row}.wk = {ref}.wk - INTERVAL 7 DAY AND {row}.day <= {ref}.day - INTERVAL 7 DAY)"


def week_is_over(last_day: date | None) -> bool:
    """Whether the latest week with data is over: the data reaches its Sunday (``last_day``
    is the latest local day with data; no data counts as over). While it is not, "last
    week" is counted over the same days (:func:`same_days_week_before`) and no theme is
    "falling" yet."""
    if last_day is None:
        return True
    return last_day >= last_day - timedelta(days=last_day.weekday()) + timedelta(days=6)
