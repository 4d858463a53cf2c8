"""The workspace's time zone, and the one place SQL turns a stored UTC instant into a local
day or ISO week.

Instants stay UTC in storage (``items.received_at`` is ``TIMESTAMPTZ``). Days, weeks and date
labels are the workspace zone's (setting ``timezone``, default Europe/Amsterdam), computed in
DuckDB with ICU's ``timezone(zone, instant)``; ICU is built into the duckdb wheel, so nothing
is downloaded. The Python twin is :mod:`analysis.localtime`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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


def week_monday(day: date) -> date:
    """The Monday of the ISO week a local day falls in: :func:`local_week_sql`'s rule for a
    day already in the workspace zone."""
    return day - timedelta(days=day.weekday())


def weekday_sql(instant: str, tz: str) -> str:
    """SQL for the local weekday of an instant column: Monday 0 … Sunday 6."""
    return f"(isodow({local_time_sql(instant, tz)}) - 1)"


def iso_week_sql(instant: str, tz: str) -> str:
    """SQL for the local ISO week label ``2026-W47`` of an instant column."""
    return f"strftime({local_time_sql(instant, tz)}, '%G-W%V')"


def local_start_sql(parameter: str, tz: str) -> str:
    """SQL for the instant a local day or naive local time begins (``?`` a DATE/TIMESTAMP
    parameter): keeps comparisons on the stored instant, so DuckDB can skip row groups."""
    return f"timezone({_zone_literal(tz)}, CAST({parameter} AS TIMESTAMP))"


def same_days_week_before(through: date | None, row: str = "f", ref: str = "ref") -> str:
    """SQL condition: ``row`` (columns ``wk``, the Monday of its local week, and ``day``, its
    local day) falls in the week before ``ref.wk`` on a weekday up to ``through``'s: the week
    before counted over the days the latest week is counted through.

    ``through`` is :attr:`LatestWeek.through`: the week's Sunday once it is over, else its
    latest day with data. The latest week with data is often not over (an export on
    Wednesday, a Monday-morning upload): against the whole week before, every count would
    read as a drop. Every "this week against last week" figure (Overview, Themes tables)
    uses this one rule.
    """
    if through is None:
        return "FALSE"
    day = f"DATE '{through.isoformat()}'"
    return f"({row}.wk = {ref}.wk - INTERVAL 7 DAY AND {row}.day <= {day} - INTERVAL 7 DAY)"


USUAL_DAY_WEEKS = 8
"""How many weeks before the latest one tell which weekdays usually have feedback."""


def usual_last_weekday(weeks_per_weekday: Mapping[int, int], weeks: int) -> int:
    """The latest weekday (Monday 0 … Sunday 6) that had feedback in at least half of the
    ``weeks`` weeks with data before the latest one (``weeks_per_weekday``: in how many of
    them each weekday had an item). Without such weeks, Sunday: only the data's Sunday ends a
    week. When no weekday is usual (sparse feedback), 0: any day ends a week the calendar
    has closed."""
    if weeks <= 0:
        return 6
    usual = [day for day, n in weeks_per_weekday.items() if 2 * n >= weeks]
    return max(usual, default=0)


def week_is_over(last_day: date | None, usual_last: int = 6, *, today: date) -> bool:
    """Whether the latest week with data is over, the one rule for every screen, command and
    export (the Overview, the trend flags, the weekly summary's "last complete week").

    ``last_day`` is the latest local day with data (no data counts as over), ``usual_last``
    the latest weekday that usually has feedback (:func:`usual_last_weekday`), ``today`` the
    workspace zone's date. A week is not over before the calendar has left it. Then it is
    over when its data reaches the last weekday that usually has feedback: a shop without
    weekend feedback has a complete week on Friday, while an export cut on a Friday from a
    source that has feedback every day is not complete (its weekend is missing, not quiet).
    While a week is not over, "last week" is counted over the same days
    (:func:`same_days_week_before`), no theme is "falling" yet, and the weekly summary's
    "last complete week" is the week before.
    """
    if last_day is None:
        return True
    sunday = week_monday(last_day) + timedelta(days=6)
    return today > sunday and last_day.weekday() >= usual_last


@dataclass(frozen=True, slots=True)
class LatestWeek:
    """The latest local ISO week with (filtered) data, and whether it is over."""

    monday: date | None
    last_day: date | None
    over: bool

    @property
    def week(self) -> str:
        """``2026-W47``, or ``""`` without data."""
        if self.monday is None:
            return ""
        year, number, _ = self.monday.isocalendar()
        return f"{year}-W{number:02d}"

    @property
    def through(self) -> date | None:
        """The day the latest week is counted through: its Sunday once over, else its latest
        day with data."""
        if self.monday is None or self.last_day is None:
            return None
        return self.monday + timedelta(days=6) if self.over else self.last_day

    @property
    def last_whole_monday(self) -> date | None:
        """The Monday of the latest week that is over: this week once it is over, else the
        week before. Weekly trend lines end there: a week still going would make every line
        drop at its end."""
        if self.monday is None:
            return None
        return self.monday if self.over else self.monday - timedelta(weeks=1)

    def trend_weeks(self, weeks: int) -> tuple[date, date] | None:
        """The Mondays of the first and last of the ``weeks`` whole weeks a trend line shows
        (ending at :attr:`last_whole_monday`); None without data."""
        last = self.last_whole_monday
        if last is None:
            return None
        return last - timedelta(weeks=weeks - 1), last
