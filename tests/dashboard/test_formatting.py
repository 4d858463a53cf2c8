"""The one formatting module: numbers, percentages, dates and language names per language."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard import formatting as fmt


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param(lambda: fmt.number(3154, "nl"), "3.154", id="nl-thousands-point"),
        pytest.param(lambda: fmt.number(3154, "en"), "3,154", id="en-thousands-comma"),
        pytest.param(lambda: fmt.number(1234.56, "nl", 1), "1.234,6", id="nl-decimal-comma"),
        pytest.param(lambda: fmt.signed(-0.28, "nl", 2), "\u22120,28", id="nl-real-minus"),
        pytest.param(lambda: fmt.signed(-0.28, "en", 2), "\u22120.28", id="en-real-minus"),
        pytest.param(lambda: fmt.signed(12, "nl"), "+12", id="plus-sign"),
        pytest.param(lambda: fmt.percent(0.149, "nl"), "14,9%", id="nl-percent"),
        pytest.param(lambda: fmt.percent(0.149, "en"), "14.9%", id="en-percent"),
        pytest.param(lambda: fmt.percent(None, "nl"), "—", id="missing-percent"),
        pytest.param(lambda: fmt.percent(1 - 6 / 2895, "nl", 0), "99,8%", id="almost-all"),
        pytest.param(lambda: fmt.percent(1.0, "nl", 0), "100%", id="all"),
        pytest.param(lambda: fmt.percent(2e-5, "nl", 0), "<0,01%", id="almost-none"),
        pytest.param(lambda: fmt.percent(0.0, "en", 0), "0%", id="none"),
        pytest.param(lambda: fmt.number(float("nan"), "nl"), "—", id="nan-number"),
        pytest.param(lambda: fmt.day_month(date(2026, 5, 31), "nl"), "31 mei", id="nl-may"),
        pytest.param(lambda: fmt.day_month(date(2026, 5, 31), "en"), "31 May", id="en-may"),
        pytest.param(
            lambda: fmt.day_month(date(2016, 3, 1), "nl", year=True), "1 mrt 2016", id="nl-year"
        ),
        pytest.param(lambda: fmt.language_name("nl", "nl"), "Nederlands", id="nl-in-dutch"),
        pytest.param(lambda: fmt.language_name("es", "nl"), "Spaans", id="es-in-dutch"),
        pytest.param(lambda: fmt.language_name("nl", "en"), "Dutch", id="nl-in-english"),
        pytest.param(lambda: fmt.language_name("xx", "nl"), "xx", id="unknown-code-kept"),
        pytest.param(lambda: fmt.language_name(None, "nl"), "Onbekend", id="no-language"),
        pytest.param(lambda: fmt.rating(4.0, 5.0, "nl"), "4/5", id="rating-out-of-scale"),
        pytest.param(lambda: fmt.rating(3.5, 5.0, "nl"), "3,5/5", id="nl-half-star"),
        pytest.param(lambda: fmt.rating(float("nan"), 5.0, "nl"), "", id="no-rating-empty"),
        pytest.param(lambda: fmt.rating(None, None, "en"), "", id="no-rating-none"),
        pytest.param(lambda: fmt.rating(0.0, 1.0, "en"), "bad", id="en-good-bad-scale-bad"),
        pytest.param(lambda: fmt.rating(1.0, 1.0, "en"), "good", id="en-good-bad-scale-good"),
        pytest.param(lambda: fmt.rating(0.0, 1.0, "nl"), "slecht", id="nl-good-bad-scale-bad"),
        pytest.param(lambda: fmt.rating(1.0, 1.0, "nl"), "goed", id="nl-good-bad-scale-good"),
        pytest.param(lambda: fmt.rating(1.0, 5.0, "nl"), "1/5", id="one-star-stays-a-number"),
        pytest.param(lambda: fmt.delta(-3, "nl"), "\u22123", id="delta-real-minus"),
        pytest.param(lambda: fmt.delta(0, "en"), "0", id="no-change-unsigned"),
        pytest.param(lambda: fmt.signed(-0.001, "nl", 2), "0,00", id="zero-has-no-sign"),
        pytest.param(lambda: fmt.delta(-0.004, "nl", 2), "0,00", id="no-change-after-rounding"),
        pytest.param(lambda: fmt.delta_arrow(0), "off", id="no-change-no-arrow"),
        pytest.param(lambda: fmt.delta_arrow(-0.004, 2), "off", id="rounded-change-no-arrow"),
        pytest.param(lambda: fmt.delta_arrow(-0.01, 2), "down", id="change-has-arrow"),
        pytest.param(lambda: fmt.delta_arrow(3), "up", id="rise-has-up-arrow"),
        # the weekly summary's sentiment-shift rule (0.2): below it a change is grey
        pytest.param(lambda: fmt.sentiment_delta_color(-0.01), "off", id="sentiment-noise"),
        pytest.param(lambda: fmt.sentiment_delta_color(0.19), "off", id="sentiment-below-shift"),
        pytest.param(lambda: fmt.sentiment_delta_color(-0.2), "red", id="sentiment-shift"),
        pytest.param(lambda: fmt.sentiment_delta_color(0.35), "green", id="sentiment-rise"),
        pytest.param(lambda: fmt.sentiment_delta_color(None), "off", id="sentiment-unknown"),
    ],
)
def test_formats(call, expected):
    assert call() == expected


def test_table_dates_are_written_as_short_date_writes_them():
    day = date(2026, 5, 31)
    for lang in ("en", "nl"):
        moment = fmt.TABLE_DATE.replace("DD", "31").replace("MM", "05").replace("YYYY", "2026")
        assert moment == fmt.short_date(day, lang) == "31-05-2026"
    assert fmt.TABLE_DATE_TIME.startswith(fmt.TABLE_DATE)


@pytest.mark.parametrize(
    ("shown", "exact", "lang", "written"),
    [
        pytest.param(0.148, 0.14853, "nl", "14,8%", id="as-rounded-not-re-rounded"),
        pytest.param(0.0, 0.0004, "nl", "<0,1%", id="rounded-to-nothing"),
        pytest.param(1.0, 0.9996, "en", ">99.9%", id="rounded-to-all"),
        pytest.param(0.0, 0.0, "nl", "0,0%", id="nothing"),
        pytest.param(None, None, "nl", "\u2014", id="missing"),
    ],
)
def test_a_share_of_a_table_that_adds_up_is_written_as_rounded(shown, exact, lang, written):
    """``share_shown`` (``analysis.numbers.shares_adding_up``) is written as it was rounded:
    14,853% rounded down to make the table add up stays 14,8%, never 14,9% again."""
    assert fmt.percent(shown, lang, exact=exact) == written
