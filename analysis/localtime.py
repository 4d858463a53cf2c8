"""Local calendar of an instant: the one place Python turns a UTC instant into a local day or
ISO week.

Instants are stored in UTC. A manager thinks in the days and weeks of the workspace's time
zone (default Europe/Amsterdam): an item received on Monday 00:30 in Amsterdam is Sunday
23:30 UTC, and belongs to Monday's ISO week. The SQL twin of these functions is
``workspace/localtime.py``; both must agree (a test checks it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from ingest.errors import AnalysisError
from ingest.messages import message as say

DEFAULT_TIMEZONE = "Europe/Amsterdam"

# How a day is named to a manager (screens, the weekly summary): short month names.
MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
}


def day_month(day: date | datetime, lang: str, *, year: bool = False) -> str:
    """``31 May`` / ``31 mei``; with ``year``: ``31 mei 2026``."""
    text = f"{day.day} {MONTHS.get(lang, MONTHS['en'])[day.month - 1]}"
    return f"{text} {day.year}" if year else text


# How a week is named to a manager: the week number and its year ("week 47 van 2026"), never
# the ISO code, which stays for files, commands and exports. The year is always said: the
# latest week of an export from 2016 is not this year's week 35.
WEEK_NAMES = {"en": "week {week} of {year}", "nl": "week {week} van {year}"}
WEEK_NAMES_NO_YEAR = {"en": "week {week}", "nl": "week {week}"}


def week_name(week: str | date, lang: str, *, capital: bool = False, year: bool = True) -> str:
    """``week 47 van 2026`` / ``week 47 of 2026`` for ISO week ``2026-W47`` (or any day in
    it); ``capital``: ``Week 47 van 2026``, at the start of a sentence or label; without
    ``year``: ``week 47``, where the year is said beside it (:func:`week_span`)."""
    day = parse_iso_week(week) if isinstance(week, str) else week
    iso_year, number, _ = day.isocalendar()
    names = WEEK_NAMES if year else WEEK_NAMES_NO_YEAR
    text = names.get(lang, names["en"]).format(week=number, year=iso_year)
    return text[:1].upper() + text[1:] if capital else text


def week_span(first: str | date, last: str | date, lang: str) -> tuple[str, str]:
    """The names of two weeks said as a span: ``week 23`` … ``week 34 van 2026`` in one
    year, each with its year when the span crosses one."""
    one_year = (parse_iso_week(first) if isinstance(first, str) else first).isocalendar().year == (
        parse_iso_week(last) if isinstance(last, str) else last
    ).isocalendar().year
    return week_name(first, lang, year=not one_year), week_name(last, lang)


def check_timezone(name: str) -> str:
    """``name`` when it is an IANA time zone (``Europe/Amsterdam``, ``UTC``).

    Raises:
        AnalysisError: for anything else.
    """
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise AnalysisError(say("analysis.timezone", name=name)) from exc
    return name


def local_days(instants: Iterable[object] | pd.Series, tz: str) -> pd.Series:
    """The local calendar day (a naive midnight ``Timestamp``) of each instant in zone ``tz``.

    Naive values are read as UTC, the storage convention.
    """
    stamps = pd.to_datetime(pd.Series(instants), utc=True)
    return stamps.dt.tz_convert(check_timezone(tz)).dt.tz_localize(None).dt.normalize()


def parse_iso_week(week: str) -> date:
    """The Monday of an ISO week written ``2026-W47``.

    Raises:
        AnalysisError: when ``week`` is not of that form or names no real week.
    """
    text = week.strip().upper()
    try:
        year_part, week_part = text.split("-W")
        return date.fromisocalendar(int(year_part), int(week_part), 1)
    except ValueError as exc:
        raise AnalysisError(say("analysis.week", week=week)) from exc


def iso_week_label(day: date) -> str:
    """``2026-W47`` for any day in that ISO week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def iso_week_labels(instants: Iterable[object] | pd.Series, tz: str) -> pd.Series:
    """The local ISO week ``"2026-W47"`` of each instant in zone ``tz`` (:func:`iso_week_label`
    of its local day, for a whole column at once)."""
    iso = local_days(instants, tz).dt.isocalendar()
    return iso["year"].astype(str) + "-W" + iso["week"].astype(int).map("{:02d}".format)


def local_midnight(day: date, tz: str) -> datetime:
    """The instant (aware, UTC) at which local ``day`` begins in zone ``tz``."""
    return datetime.combine(day, time.min, ZoneInfo(check_timezone(tz))).astimezone(UTC)
