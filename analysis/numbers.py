"""Number rules shared by every screen and export (pure)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

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


def shown_change(before: float, after: float, places: int) -> float:
    """``after - before`` as a reader works it out from the two numbers written beside it
    with ``places`` decimals: "van −0,73 naar −0,48 (+0,25)", where the exact values
    (−0,726 and −0,484) differ by 0,242 and their own rounding said "+0,24". Every screen and
    export that writes a change next to both its ends uses it; the rules (is it a shift?)
    keep the exact values."""
    shown = float(f"{after:.{places}f}") - float(f"{before:.{places}f}")
    return round(shown, places)


def with_minus(number: str) -> str:
    """``-2`` written for reading: ``−2`` (:data:`MINUS`); anything else as it is."""
    return number.replace("-", MINUS)


def shares_adding_up(
    counts: Sequence[int] | np.ndarray,
    places: int = 1,
    *,
    whole: int | None = None,
    ids: Sequence[int] | np.ndarray | None = None,
) -> np.ndarray:
    """Each count's share of the whole, rounded to ``places`` decimals of a percent so that
    the shares of a table that lists every part add up to exactly 100%.

    Rounded one by one, the main themes of the demo read 14,9% + 13,3% + ... + 2,4% =
    100,1%: a number a manager adds up must add up. Largest-remainder ("Hamilton") rounding:
    every share gets its rounded-down number of units (0.1 point at ``places=1``), and the
    units left over go to the largest remainders; equal remainders go to the larger count,
    then to the smaller id (or the earlier position without ``ids``), whatever order the rows
    come in. Exact integer arithmetic: no float ties, no sort instability. Each share is the
    plain rounding or one unit next to it.

    Args:
        counts: the parts, non-negative integers (items per theme).
        places: decimals of the percentage the shares are shown with.
        whole: the total the shares are of, when it is more than ``sum(counts)`` (parts not
            listed, e.g. themes outside any main theme): the rest is rounded as one more part
            and not returned, so the listed shares add up to 100% only when they are all the
            parts. None: ``sum(counts)``.
        ids: one id per count (theme ids) to break ties by, so a table's shares do not
            change with its sort order; None: the position.

    Returns:
        Fractions (``0.149`` for 14,9%), one per count; all zeros when the whole is 0.

    Raises:
        ValueError: a negative count, or ``whole`` below the sum of the counts.
    """
    parts = np.asarray(counts, dtype=np.int64).reshape(-1)
    n = len(parts)
    if (parts < 0).any():
        raise ValueError(f"counts must be non-negative, got {parts[parts < 0][:3].tolist()}")
    listed = int(parts.sum())
    total = listed if whole is None else int(whole)
    if total < listed:
        raise ValueError(f"whole must be at least the sum of the counts ({listed}), got {total}")
    if total == 0:
        return np.zeros(len(parts), dtype=np.float64)
    if total > listed:
        parts = np.append(parts, total - listed)
    units = 100 * 10**places  # 1000 units of 0.1 point at places=1
    scaled = [int(c) * units for c in parts]  # Python ints: exact at any size
    floors = [s // total for s in scaled]
    remainders = [s % total for s in scaled]
    left = units - sum(floors)
    keys = list(range(n)) if ids is None else [int(i) for i in ids]
    if len(keys) != n:
        raise ValueError(f"ids must be one per count ({n}), got {len(keys)}")
    rest_key = max(keys, default=0) + 1  # the unlisted rest loses ties to any listed part
    keys.append(rest_key)
    order = sorted(range(len(parts)), key=lambda i: (-remainders[i], -int(parts[i]), keys[i]))
    for i in order[:left]:
        floors[i] += 1
    return np.array(floors[:n], dtype=np.float64) / units


def shown_share_text(shown: float, exact: float, places: int = 1) -> str:
    """A share rounded by :func:`shares_adding_up` as a percentage in English digits, without
    the sign: ``14.9``; a share that rounded to 0 (or to 100%) but is not reads ``<0.1``
    (``>99.9``): a theme with items never reads as 0%. The dashboard
    (``dashboard.formatting.percent``) and the weekly summary (``analysis.summary_render``)
    both write it so."""
    value, real = 100 * float(shown), 100 * float(exact)
    step = 10.0**-places
    if round(value, places) == 0 and real > 0:
        return "<" + f"{step:.{places}f}"
    if round(value, places) == 100 and real < 100:
        return ">" + f"{100 - step:.{places}f}"
    return f"{value:.{places}f}"
