"""Number rules shared by every screen and export (pure)."""

from __future__ import annotations


def rounds_to_zero(value: float, places: int = 0) -> bool:
    """True when ``value`` written with ``places`` decimals is zero (``-0.004`` at 2): such a
    change is written without a sign ("0", "0,00", "0%"), on the dashboard
    (``dashboard.formatting``) and in the weekly summary (``analysis.summary_render``)."""
    return round(float(value), places) == 0
