"""A count of one reads in the singular on every screen: "0 van 1 bericht", not "0 van de 1
berichten". A catalogue text that writes a count before a plural noun is a ``.one``/``.other``
pair picked by :func:`dashboard.i18n.plural`, unless its count can never be 1 (listed below,
each with the reason, checked where it can be)."""

from __future__ import annotations

import re

import pytest

from analysis.trends import RULES
from dashboard.figures import WEEK_CHOICES
from dashboard.i18n import LANGUAGES, STRINGS, plural
from workspace.theme_queries import TREND_WEEKS

NOUNS = (
    "items|themes|main themes|hits|files|weeks|reviews|messages|"
    "berichten|thema's|hoofdthema's|treffers|bestanden|weken"
)
COUNT_BEFORE_NOUN = re.compile(r"\{(\w+)\}\s+(?:[\w-]+\s+)?(?:" + NOUNS + r")\b")

NEVER_ONE = {
    "filters.weeks.n": "the chart's week choices",
    "flag.spike.line": "a spike has at least min_count items",
    "chart.spike_hover": "a spike has at least min_count items",
    "flag.rising.line": "a rising theme has at least min_count items",
    "flag.new.line": "a new theme has at least new_min_items items",
    "themes.col.trend_help": "TREND_WEEKS",
    "search.count": "only when fewer are shown than found: at least 2",
    "search.count_newest": "only when fewer are shown than found: at least 2",
    "theme.quotes_count": "only when the table holds fewer than the theme: at least 2",
}
NOT_COUNTING_THE_NOUN = {
    "cli.summary.no_channel": "{channel} items: a channel's name",
    "upload.line.of_added": "{placed} in thema's: placed into themes",
}


def test_the_counts_that_cannot_be_one_indeed_cannot():
    assert 1 not in WEEK_CHOICES
    assert RULES.min_count > 1 and RULES.new_min_items > 1
    assert TREND_WEEKS > 1


def test_no_screen_text_writes_a_count_before_a_plural_noun_without_its_singular():
    """Before: "In een thema: 0 van de 1 berichten van deze week" (Overview), "1 van 1
    thema's getoond" (Themes), "maken van de 1 geselecteerde berichten?" (Unsorted),
    "Thema's vernieuwd: 1 thema's" (Themes refresh)."""
    found = {
        key
        for key, texts in STRINGS.items()
        if not key.endswith((".one", ".other"))
        and not key.startswith("problem.")  # ingest's own messages (ingest/messages.py)
        and any(COUNT_BEFORE_NOUN.search(texts.get(lang, "")) for lang in LANGUAGES)
    }
    assert found == set(NEVER_ONE) | set(NOT_COUNTING_THE_NOUN)


@pytest.mark.parametrize(
    ("key", "n", "lang", "values", "said"),
    [
        pytest.param(
            "overview.themes_count",
            1,
            "nl",
            {"themed": "0", "stars": "0", "unsorted": "1"},
            "In een thema: 0 van 1 bericht van deze week. Sterren zonder tekst: 0; "
            "ongesorteerd: 1.",
            id="overview-nl-one",
        ),
        pytest.param(
            "overview.themes_count",
            1,
            "en",
            {"themed": "0", "stars": "0", "unsorted": "1"},
            "In a theme: 0 of this week's 1 item. Star ratings without text: 0; unsorted: 1.",
            id="overview-en-one",
        ),
        pytest.param(
            "overview.themes_count",
            1234,
            "nl",
            {"themed": "1.200", "stars": "30", "unsorted": "4"},
            "In een thema: 1.200 van de 1.234 berichten van deze week. Sterren zonder tekst: "
            "30; ongesorteerd: 4.",
            id="overview-nl-many",
        ),
        pytest.param("themes.count", 1, "nl", {"shown": "1"}, "1 van 1 thema getoond.", id="nl"),
        pytest.param("themes.count", 1, "en", {"shown": "0"}, "0 of 1 theme shown.", id="en"),
        pytest.param("themes.count", 9, "nl", {"shown": "3"}, "3 van 9 thema's getoond.", id="9"),
        pytest.param(
            "confirm.new_theme",
            1,
            "nl",
            {"name": "Bezorging"},
            "Het thema “Bezorging” maken van 1 geselecteerd bericht? Het verdwijnt uit "
            "Ongesorteerd.",
            id="new-theme-nl-one",
        ),
        pytest.param(
            "confirm.new_theme",
            2,
            "en",
            {"name": "Delivery"},
            "Create the theme “Delivery” from the 2 selected items? They leave the unsorted inbox.",
            id="new-theme-en-two",
        ),
    ],
)
def test_counted_texts_read_right_for_one_and_for_more(key, n, lang, values, said):
    assert plural(key, n, lang, **values) == said
