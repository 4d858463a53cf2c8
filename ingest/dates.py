"""Timestamps of every export style -> timezone-aware UTC.

Handles ISO 8601 (with nanoseconds), epoch seconds/millis, RFC 5322, Dutch ``31-12-2026``,
``31-12-2026 14:05``, ``3 mrt 2026``, Jira ``11/May/24 03:26 PM`` and US ``6/21/2025 16:14``.
A timestamp without a zone gets the workspace zone and is flagged as assumed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pandas as pd
from dateutil import parser as dateutil_parser

from ingest.messages import message as say
from ingest.messages import reason as reason_of

NL_MONTHS = {
    "jan": "Jan", "januari": "Jan", "feb": "Feb", "februari": "Feb", "mrt": "Mar", "maart": "Mar",
    "apr": "Apr", "april": "Apr", "mei": "May", "jun": "Jun", "juni": "Jun", "jul": "Jul",
    "juli": "Jul", "aug": "Aug", "augustus": "Aug", "sep": "Sep", "sept": "Sep",
    "september": "Sep", "okt": "Oct", "oktober": "Oct", "nov": "Nov", "november": "Nov",
    "dec": "Dec", "december": "Dec",
}  # fmt: skip
_NL_MONTH_RE = re.compile(
    r"(?<![a-z])(" + "|".join(sorted(NL_MONTHS, key=len, reverse=True)) + r")\.?(?![a-z])", re.I
)
_NL_DAY_RE = re.compile(
    r"^(ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\.?,?\s+",
    re.I,
)
_EPOCH_RE = re.compile(r"^\d{9,13}(\.\d+)?$")
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}|$)")  # a bare date too
_FRACTION_RE = re.compile(r"(\.\d{6})\d+")
_NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)")

# Formats tried on a whole column at once (fast path); the first that parses every cell wins.
COLUMN_FORMATS: tuple[str, ...] = (
    "ISO8601",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d/%b/%y %I:%M %p",
    "%m/%d/%Y %H:%M",
    "%Y%m%d",
)


def zone_of(name: str) -> tzinfo:
    """The workspace zone; a name that is not an IANA zone falls back to UTC."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):
        return UTC


def parse_datetime(value: object, zone: tzinfo) -> tuple[datetime, bool]:
    """Parse one timestamp.

    Args:
        value: the cell or header value as exported.
        zone: applied when the value carries no zone.

    Returns:
        The moment in UTC, and whether the zone was assumed.

    Raises:
        ValueError: the value is empty or not a date; the message quotes it.
    """
    if isinstance(value, datetime):
        stamp = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(float(value)), False
    else:
        text = str(value).strip()
        if not text:
            raise ValueError(say("date.empty"))
        stamp = _parse_text(text)
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        return stamp.replace(tzinfo=zone).astimezone(UTC), True
    return stamp.astimezone(UTC), False


def _from_epoch(number: float) -> datetime:
    seconds = number / 1000 if number > 1e11 else number
    return datetime.fromtimestamp(seconds, UTC)


def _parse_text(text: str) -> datetime:
    if _EPOCH_RE.match(text):
        return _from_epoch(float(text))
    if _ISO_RE.match(text):
        try:
            return datetime.fromisoformat(_FRACTION_RE.sub(r"\1", text))
        except ValueError:
            pass
    if re.match(r"^[A-Za-z]{3},? ", text) or re.search(r"[+-]\d{4}$", text):
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    for fmt in ("%d-%m-%Y %H:%M", "%d-%m-%Y", "%d/%b/%y %I:%M %p", "%Y%m%d"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    cleaned = _NL_DAY_RE.sub("", text)
    cleaned = _NL_MONTH_RE.sub(lambda m: NL_MONTHS[m.group(1).lower()], cleaned)
    cleaned = re.sub(r"\bom\b", " ", cleaned)
    try:
        return dateutil_parser.parse(cleaned, dayfirst=True)
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(say("date.unreadable", value=text)) from exc


def parse_column(values: Sequence[str], zone: tzinfo) -> list[tuple[datetime, bool] | str]:
    """Parse a whole column: one vectorised format when every cell fits, else cell by cell.

    Returns:
        Per cell: ``(utc_datetime, assumed)``, or an error message for a bad cell.
    """
    series = pd.Series(list(values), dtype="object").astype(str).str.strip()
    filled = series[series != ""]
    if len(filled) >= 20:
        for fmt in COLUMN_FORMATS:
            parsed = _try_format(filled, fmt)
            if parsed is None:
                continue
            return _combine(series, parsed, zone, fmt)
    if _month_first(
        filled
    ):  # else each cell would decide for itself: 6/11 as 6 Nov, 6/21 as 21 Jun
        series = series.str.replace(_NUMERIC_DATE_RE, r"\3\2\1\2\4", regex=True)
    out: list[tuple[datetime, bool] | str] = []
    for cell in series:
        try:
            out.append(parse_datetime(cell, zone))
        except ValueError as exc:
            out.append(reason_of(exc))
    return out


def _month_first(cells: pd.Series) -> bool:
    """Whether a column's numeric dates (``6/21/2025``) are month-first: some cell's second
    number is over 12 and no cell's first is. A column that does not say (every number up to
    12) is read day-first, as Dutch exports write it."""
    parts = cells.str.extract(_NUMERIC_DATE_RE)[[0, 2]].dropna().astype(int)
    return bool((parts[2] > 12).any() and not (parts[0] > 12).any())


def _try_format(filled: pd.Series, fmt: str) -> pd.Series | None:
    try:
        if fmt == "ISO8601":
            if not filled.str.match(r"^\d{4}-\d{2}-\d{2}").all():
                return None
            return pd.to_datetime(filled, format="ISO8601", utc=False)
        return pd.to_datetime(filled, format=fmt)
    except (ValueError, TypeError, OverflowError):
        return None


def _combine(
    series: pd.Series, parsed: pd.Series, zone: tzinfo, fmt: str
) -> list[tuple[datetime, bool] | str]:
    aware = getattr(parsed.dtype, "tz", None) is not None
    if aware:
        utc = parsed.dt.tz_convert("UTC")
    else:
        key = getattr(zone, "key", "UTC")
        utc = parsed.dt.tz_localize(
            key, ambiguous="NaT", nonexistent="shift_forward"
        ).dt.tz_convert("UTC")
    by_index = dict(zip(parsed.index, utc.dt.to_pydatetime(), strict=True))
    out: list[tuple[datetime, bool] | str] = []
    for index, cell in series.items():
        stamp = by_index.get(index)
        if stamp is None:
            out.append(say("date.empty") if not cell else _fallback(cell, zone))
        elif pd.isna(stamp):
            out.append(_fallback(cell, zone))
        else:
            out.append((stamp.astimezone(UTC), not aware))
    return out


def _fallback(cell: str, zone: tzinfo) -> tuple[datetime, bool] | str:
    try:
        return parse_datetime(cell, zone)
    except ValueError as exc:
        return reason_of(exc)
