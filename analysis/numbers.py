"""Number rules shared by every screen and export (pure)."""

from __future__ import annotations

MINUS = "\u2212"
"""The minus sign of a number in running text: the screens (``dashboard.formatting`` reads it
from here) and the weekly summary's Markdown and HTML. A hyphen reads as a
dash next to a number ("-2"); spreadsheet cells (CSV, Excel) keep numbers with a plain ``-``
so a spreadsheet reads them as numbers."""


def rounds_to_zero(value: float, places: int = 0) -> bool:
    """True when ``value`` written with ``places`` decimals is zero (``-0.004`` at 2): such a
    change is written without a sign ("0", "0,00", "0%"), on the dashboard
    (``dashboard.formatting``) and in the weekly summary (``analysis.summary_render``)."""
    return round(float(value), places) == 0


def with_minus(number: str) -> str:
    """``-2`` written for reading: ``−2`` (:data:`MINUS`); anything else as it is."""
    return number.replace("-", MINUS)
