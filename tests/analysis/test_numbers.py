"""Number rules the screens and the weekly summary share (``analysis.numbers``)."""

from __future__ import annotations

import pytest

from analysis.numbers import MINUS, with_minus


def test_the_summary_and_the_screens_write_one_minus():
    """``dashboard.formatting`` cannot be imported by ``analysis``: the two constants must
    agree (a hyphen "-2" next to the screens' "−2" was the audit's complaint)."""
    from dashboard.formatting import MINUS as SCREEN_MINUS

    assert MINUS == SCREEN_MINUS == "\u2212"


@pytest.mark.parametrize(
    ("number", "written"),
    [
        pytest.param("-2", "\u22122", id="count"),
        pytest.param("-0,45", "\u22120,45", id="dutch-decimal"),
        pytest.param("+12%", "+12%", id="positive"),
        pytest.param("0", "0", id="zero"),
    ],
)
def test_with_minus(number, written):
    assert with_minus(number) == written
