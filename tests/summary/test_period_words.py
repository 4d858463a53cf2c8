"""The summary names its week's days as every screen does: "16 nov t/m 22 nov 2026"."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from analysis.summary_render import _period


def _summary(start: date, through: date | None = None) -> SimpleNamespace:
    return SimpleNamespace(week_start=start, week_end=start + timedelta(days=6), through=through)


@pytest.mark.parametrize(
    ("lang", "start", "through", "expected"),
    [
        ("nl", date(2026, 11, 16), None, "16 nov t/m 22 nov 2026"),
        ("en", date(2026, 11, 16), None, "16 Nov to 22 Nov 2026"),
        ("nl", date(2026, 12, 28), None, "28 dec 2026 t/m 3 jan 2027"),  # across the year
        ("nl", date(2026, 9, 28), date(2026, 9, 30), "28 sep t/m 30 sep 2026 (de week is nog"),
    ],
)
def test_period_names_days_in_words(lang, start, through, expected):
    assert _period(_summary(start, through), lang).startswith(expected)  # type: ignore[arg-type]
