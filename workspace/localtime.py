"""The workspace's time zone, and the one place SQL turns a stored UTC instant into a local
day or ISO week.

Instants stay UTC in storage (``items.received_at`` is ``TIMESTAMPTZ``). Days, weeks and date
labels are the workspace zone's (setting ``timezone``, default Europe/Amsterdam), computed in
DuckDB with ICU's ``timezone(zone, instant)``; ICU is built into the duckdb wheel, so nothing
is downloaded. The Python twin is :mod:`analysis.localtime`.
"""

from __future__ import annotations

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
