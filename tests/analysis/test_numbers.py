"""Number rules the screens and the weekly summary share (``analysis.numbers``)."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.numbers import MINUS, shares_adding_up, shown_share_text, with_minus


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


def _units(shares, places: int = 1) -> list[int]:
    """Shares as whole units of the last shown place (0.1 point): exact, no float sums."""
    return [round(float(s) * 100 * 10**places) for s in shares]


@pytest.mark.parametrize("seed", range(40))
def test_shares_add_up_to_exactly_100_and_stay_next_to_plain_rounding(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 40))
    counts = rng.integers(0, int(rng.choice([3, 50, 5000])), size=n)
    if counts.sum() == 0:
        counts[0] = 1
    shares = shares_adding_up(counts)
    assert sum(_units(shares)) == 1000
    plain = [round(1000 * int(c) / int(counts.sum())) for c in counts]
    assert all(abs(a - b) <= 1 for a, b in zip(_units(shares), plain, strict=True))
    assert all(s == 0 for s, c in zip(shares, counts, strict=True) if c == 0)


def test_the_demo_s_main_themes_add_up():
    """The demo's main themes read 14,9 + 13,3 + ... + 2,4 = 100,1% rounded one by one."""
    counts = [430, 385, 382, 362, 349, 337, 306, 274, 70]
    plain = [round(1000 * c / sum(counts)) for c in counts]
    assert sum(plain) == 1001  # the bug this guards
    shares = _units(shares_adding_up(counts))
    assert sum(shares) == 1000
    assert shares == [148, 133, 132, 125, 121, 116, 106, 95, 24]


@pytest.mark.parametrize(
    ("counts", "ids", "expected"),
    [
        pytest.param([1, 1, 1], None, [334, 333, 333], id="equal-first-position"),
        pytest.param([1, 1, 1], [30, 10, 20], [333, 334, 333], id="equal-smallest-id"),
        pytest.param([2, 2, 2, 1], None, [286, 286, 285, 143], id="plain-sums-1001"),
        pytest.param([2, 1, 2, 2], [4, 1, 2, 3], [285, 143, 286, 286], id="order-free"),
    ],
)
def test_ties_are_broken_by_count_then_id_not_by_order(counts, ids, expected):
    assert _units(shares_adding_up(counts, ids=ids)) == expected
    if ids is not None:  # the same table in another order gives each row the same share
        order = np.argsort(ids)
        again = shares_adding_up(np.asarray(counts)[order], ids=np.asarray(ids)[order])
        assert _units(again) == [expected[i] for i in order]


def test_a_whole_larger_than_the_listed_parts_keeps_the_rest_out():
    """Themes outside any main theme stay in the whole: the main themes then fall short."""
    shares = _units(shares_adding_up([1, 1], whole=3))
    assert shares == [334, 333]  # a listed part wins a tie with the rest
    assert sum(shares) == 667  # two of three parts: they must not seem to add up
    assert _units(shares_adding_up([5, 3], whole=8)) == [625, 375]


@pytest.mark.parametrize(
    ("counts", "kwargs", "message"),
    [
        pytest.param([-1, 2], {}, "non-negative", id="negative"),
        pytest.param([2, 2], {"whole": 3}, "at least", id="whole-too-small"),
        pytest.param([2, 2], {"ids": [1]}, "one per count", id="ids"),
    ],
)
def test_shares_refuse_what_cannot_be_a_share(counts, kwargs, message):
    with pytest.raises(ValueError, match=message):
        shares_adding_up(counts, **kwargs)


def test_no_items_no_shares():
    assert shares_adding_up([0, 0]).tolist() == [0.0, 0.0]
    assert shares_adding_up([]).tolist() == []


@pytest.mark.parametrize(
    ("shown", "exact", "written"),
    [
        pytest.param(0.149, 0.1485, "14.9", id="rounded"),
        pytest.param(0.0, 0.0004, "<0.1", id="rounded-to-nothing"),
        pytest.param(0.0, 0.0, "0.0", id="nothing"),
        pytest.param(1.0, 0.9996, ">99.9", id="rounded-to-all"),
        pytest.param(1.0, 1.0, "100.0", id="all"),
        pytest.param(0.001, 0.0004, "0.1", id="rounded-up"),
    ],
)
def test_a_shown_share_never_reads_as_nothing_or_all_when_it_is_not(shown, exact, written):
    assert shown_share_text(shown, exact) == written
