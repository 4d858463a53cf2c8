"""Sentences of the weekly summary that a manager can check against the data: each says
what the numbers behind it are, at the start of the data and for a single item too."""

from __future__ import annotations

import pytest

from analysis.summary_render import render
from tests.summary.test_builder import build


def _headline(summary, lang: str) -> str:
    return render(summary, "md", lang).decode("utf-8").splitlines()[4]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param(
            "nl",
            "12 berichten deze week (+2 ten opzichte van de week ervoor, +20% ten opzichte "
            "van het gemiddelde over 3 weken).",
            id="nl",
        ),
        pytest.param(
            "en",
            "12 items this week (+2 against the week before, +20% against the 3-week average).",
            id="en",
        ),
    ],
)
def test_the_headline_names_the_weeks_its_average_is_over(lang, expected):
    """Three weeks of data before this one: "the average over 8 weeks" was false (the
    demo's second week said so of an average over one week)."""
    summary = build({(1, "email"): [10, 10, 10, 12]})
    assert summary.total.weeks == 3
    assert _headline(summary, lang) == expected


def test_the_headline_of_the_second_week_compares_with_the_one_week_before():
    summary = build({(1, "email"): [10, 12]})
    assert _headline(summary, "nl") == (
        "12 berichten deze week (+2 ten opzichte van de week ervoor, +20% ten opzichte van "
        "die week, de enige met gegevens vóór deze)."
    )
    assert "8-week" not in _headline(summary, "en")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param(
            "nl",
            "12 berichten deze week, de eerste week met gegevens: er is geen week ervoor om "
            "mee te vergelijken.",
            id="nl",
        ),
        pytest.param(
            "en",
            "12 items this week, the first week with data: there is no week before it to "
            "compare with.",
            id="en",
        ),
    ],
)
def test_the_first_week_of_the_data_is_not_compared_with_an_empty_week(lang, expected):
    """The demo's first week said "+116 against the week before": that week holds no data."""
    summary = build({(1, "email"): [12]})
    assert summary.total.first_week
    assert _headline(summary, lang) == expected


@pytest.mark.parametrize(
    ("lang", "start"), [("nl", "1 bericht deze week ("), ("en", "1 item this week (")]
)
def test_one_item_is_said_in_the_singular(lang, start):
    """The Trustpilot sample's last week read "1 berichten deze week"."""
    summary = build({(1, "review"): [3, 3, 3, 1]})
    assert _headline(summary, lang).startswith(start)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("nl", "(mediaan van de 5 weken ervoor)"), ("en", "(median of the previous 5 weeks)")],
)
def test_a_young_theme_s_spike_names_the_weeks_of_its_usual_week(lang, said):
    """A spike needs 4 weeks of history, not 8: the median of a theme five weeks old is
    over those five weeks, and the lines (spikes and "look at this") say so."""
    summary = build({(2, "app_review"): [3, 1, 2, 1, 1, 14], (3, "review"): [5] * 9})
    assert [s.theme_id for s in summary.spikes] == [2]
    markdown = render(summary, "md", lang).decode("utf-8")
    spike_lines = [x for x in markdown.splitlines() if "(media" in x and x.startswith("- ")]
    assert len(spike_lines) == 2, spike_lines  # "look at this" and the spikes section
    assert all(said in x for x in spike_lines)
    assert "8" not in " ".join(spike_lines)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "– als minder dan 5 van zijn berichten van deze week een sentiment hebben"),
        ("en", "– when fewer than 5 of its items this week have one"),
    ],
)
def test_the_footer_says_what_a_dash_in_the_sentiment_column_means(lang, said):
    """The kiwix week 38 table showed "best wikipedia … 4 | … | –": four items, too few for a
    mean, and nothing on the page said why."""
    summary = build({(1, "email"): [4, 4, 4, 4]})
    assert summary.theme(1).sentiment is None
    markdown = render(summary, "md", lang).decode("utf-8")
    assert "| – |" in markdown and said in markdown
