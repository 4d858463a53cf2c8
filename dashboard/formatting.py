"""Numbers, percentages, dates and language names as the UI language writes them.

One place for every number the dashboard shows as text: Dutch groups thousands with a point
and writes decimals with a comma (``3.154``, ``14,9%``, ``−0,28``, ``31 mei``); English the
other way round. Never imports streamlit, so charts and tests use it too.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Literal

from analysis.language_names import language_name as _language_name
from analysis.localtime import MONTHS, day_month, week_name, week_span  # noqa: F401 (named here for every screen)
from analysis.numbers import MINUS, rounds_to_zero, shown_change, shown_share_text  # noqa: F401 (shown_change: for the screens)
from analysis.summary import SummaryRules
from dashboard.i18n import t

SENTIMENT_SHIFT = SummaryRules().sentiment_shift
"""The weekly summary's sentiment-shift rule (:meth:`analysis.summary.SummaryRules.is_sentiment_shift`),
named here for the help texts that state it."""

DASH = "—"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _localise(text: str, lang: str) -> str:
    """English-formatted digits (``1,234.5``) as ``lang`` writes them, with a real minus."""
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", MINUS)


def number(value: float | int | None, lang: str, places: int = 0) -> str:
    """``3154`` → ``3,154`` (en) / ``3.154`` (nl); ``places`` decimals; a dash when missing."""
    if _missing(value):
        return DASH
    return _localise(f"{value:,.{places}f}", lang)


def signed(value: float | int | None, lang: str, places: int = 0) -> str:
    """With its sign always shown: ``+12``, ``−0,28``; zero (after rounding) has none:
    ``0``, ``0,00`` (not ``+0``, ``−0,00``)."""
    if _missing(value):
        return DASH
    if unchanged(value, places):
        return _localise(f"{0:,.{places}f}", lang)
    return _localise(f"{value:+,.{places}f}", lang)


def percent(
    fraction: float | None, lang: str, places: int = 1, *, exact: float | None = None
) -> str:
    """A fraction as a percentage: ``0.149`` → ``14.9%`` (en) / ``14,9%`` (nl).

    A share that is not exactly 0 or 1 never reads as ``0%`` or ``100%``: it gets up to two
    more decimals (6 unsorted of 2,895 is ``99,8%`` sorted, not ``100%``), else ``<0,01%`` /
    ``>99,99%``.

    With ``exact``, ``fraction`` is a share of a table that adds up, already rounded to
    ``places`` by :func:`analysis.numbers.shares_adding_up` (a ``share_shown`` column) and
    ``exact`` the share before rounding: it is written as rounded (more decimals would break
    the sum), and one that rounded to 0 or 100% but is not reads ``<0,1%`` / ``>99,9%``
    (:func:`analysis.numbers.shown_share_text`).
    """
    if _missing(fraction):
        return DASH
    if exact is not None and not _missing(exact):
        return _localise(shown_share_text(float(fraction), float(exact), places) + "%", lang)  # type: ignore[arg-type]
    value = float(fraction) * 100  # type: ignore[arg-type]
    text = f"{value:.{places}f}"
    if 0 < value < 100:
        decimals = places
        while float(text) in (0.0, 100.0) and decimals < places + 2:
            decimals += 1
            text = f"{value:.{decimals}f}"
        if float(text) == 0.0:
            text = "<" + f"{10.0**-decimals:.{decimals}f}"
        elif float(text) == 100.0:
            text = ">" + f"{100 - 10.0**-decimals:.{decimals}f}"
    return _localise(f"{text}%", lang)


def short_date(day: date | datetime, lang: str) -> str:
    """A date in a table or caption: ``31-05-2026`` in both languages (no month names)."""
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


TABLE_DATE = "DD-MM-YYYY"
""":func:`short_date` as Streamlit's date columns and date inputs write it."""
TABLE_DATE_TIME = f"{TABLE_DATE} HH:mm"


def language_name(code: str | None, lang: str) -> str:
    """``ru`` → ``Russisch`` / ``Russian``; no code is ``Onbekend`` / ``Unknown``; a code
    the table does not know is shown as it is (the table: ``analysis/language_names.py``)."""
    return _language_name(code, lang)


def rating(value: float | None, scale_max: float | None, lang: str) -> str:
    """A star rating out of its scale: ``5/5``, ``3,5/5``; empty when there is none (a
    developer's reply, a ticket), never "None" or "nan". A good/bad rating (a helpdesk's
    satisfaction, stored on a 0-1 scale) reads as its word: ``goed`` / ``slecht``, not ``0/1``."""
    if _missing(value) or value is None:
        return ""
    if not _missing(scale_max) and scale_max == 1 and float(value) in (0.0, 1.0):
        return t("rating.good" if float(value) == 1.0 else "rating.bad", lang)
    places = 0 if float(value) == int(value) else 1
    scale = "" if _missing(scale_max) or scale_max is None else f"/{float(scale_max):g}"
    return number(value, lang, places) + scale


def delta(value: float | int | None, lang: str, places: int = 0) -> str | None:
    """A metric's change, written as every screen writes a signed number (a real minus,
    ``−0,07``; :func:`signed`). Streamlit would read the arrow and colour from a leading ASCII
    ``-``, so pass :func:`delta_arrow` and an explicit colour with it. No change reads ``0``
    (``0,00``), not ``+0``."""
    if _missing(value):
        return None
    return signed(value, lang, places)


def unchanged(value: float | int | None, places: int = 0) -> bool:
    """True when a change rounds to zero at ``places`` decimals (``-0.004`` at 2 places)."""
    return not _missing(value) and rounds_to_zero(value, places)  # type: ignore[arg-type]


def delta_arrow(value: float | int | None, places: int = 0) -> Literal["up", "down", "off"]:
    """A metric's arrow for the change :func:`delta` writes: by its sign, none when there is
    no change (or it rounds to none)."""
    if _missing(value) or unchanged(value, places):
        return "off"
    return "up" if float(value) > 0 else "down"  # type: ignore[arg-type]


def sentiment_delta_color(change: float | None) -> Literal["red", "green", "off"]:
    """A metric's colour for a change in mean sentiment: red (down) or green (up) only when
    it is a shift by the weekly summary's rule
    (:meth:`analysis.summary.SummaryRules.is_sentiment_shift`), grey when it is ordinary
    variation (``−0,01`` is not bad news)."""
    if change is None or not SummaryRules().is_sentiment_shift(change):
        return "off"
    return "green" if change > 0 else "red"
