"""A theme's quotes do not repeat themselves (``analysis.reading``): "Very good" and "Very
good!" side by side read as one quote shown twice. What counts as the same quote:
the same words once case, accents, punctuation, emoji, spacing and a word said twice in a
row are left out; or one short word more or less, unless that word is a negation."""

from __future__ import annotations

import pytest

from analysis.reading import DistinctQuotes, distinct_quotes, quote_key, quote_order


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param("Very good", "very good", id="case"),
        pytest.param("Very good", "Very good!", id="punctuation"),
        pytest.param("Very good", "  Very   good ...", id="spacing"),
        pytest.param("Very good", "Very good 😊👍", id="emoji"),
        pytest.param("Nice app", "nice app.", id="nice-app"),
        pytest.param("Good", "good good", id="word-said-twice"),
        pytest.param("Heel goed!", "heel goed", id="dutch"),
        pytest.param("Snelle levering 👌", "Snelle levering!!!", id="dutch-emoji"),
        pytest.param("Génial !!!!", "genial", id="accents"),
        pytest.param("Don't work", "dont work", id="apostrophe"),
        pytest.param("ممتاز جدا", "ممتاز جدا!", id="arabic"),
    ],
)
def test_the_same_quote_has_the_same_key(one, other):
    assert quote_key(one) == quote_key(other)
    assert distinct_quotes([one, other]) == [0]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param("Very good", "Very good app", id="one-short-word-more"),
        pytest.param("Very good", "Good", id="one-short-word-less"),
        pytest.param("Heel goed", "Echt heel goed", id="dutch-one-short-word"),
        pytest.param("I love it", "Love it!", id="pronoun"),
    ],
)
def test_one_short_word_more_or_less_is_a_repeat(one, other):
    assert distinct_quotes([one, other]) == [0]
    assert distinct_quotes([other, one]) == [0]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param("Good", "Not good", id="negation"),
        pytest.param("Goed", "Niet goed", id="dutch-negation"),
        pytest.param("Reclame", "Geen reclame", id="dutch-geen"),
        pytest.param("Great app", "Good app", id="another-word"),
        pytest.param("Good", "Good thing", id="long-word-added"),
        pytest.param("Good app", "Very good", id="two-words-apart"),
        pytest.param("👍", "❤️", id="only-emoji"),
        pytest.param(
            "The app crashes every time I open a file from the card, please fix it",
            "The app crashes every time I open a file from the card, please fix it now",
            id="long-quotes-need-the-same-words",
        ),
    ],
)
def test_different_quotes_stay(one, other):
    assert distinct_quotes([one, other]) == [0, 1]


def test_the_best_ranked_stays_and_the_next_distinct_fills_its_place():
    texts = ["Very good", "Very good!", "very good", "Fast and simple", "Very good 😊", "Slow"]
    assert distinct_quotes(texts) == [0, 3, 5]
    taken = DistinctQuotes()
    assert [taken.take(t) for t in texts] == [True, False, False, True, False, True]
    assert len(taken) == 3 and "VERY GOOD!!" in taken and "Sluggish" not in taken


def test_the_theme_page_and_summary_order_leaves_repeats_out():
    texts = ["Very good", "Heel goed", "Very good!", "heel goed!!", "Snel", "Fast"]
    languages = ["en", "nl", "en", "nl", "nl", "en"]
    # the Dutch reader: Dutch first; each group keeps its best-ranked member in that order
    assert quote_order(texts, languages, "nl") == [1, 4, 0, 5]
    assert quote_order(texts, languages, "en") == [0, 5, 1, 4]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        # Google Play W38 "amazing": Arabic and Spanish were the most typical, and a Dutch
        # summary quoted "جميل" and "روعة" before "Superb".
        pytest.param("nl", [4, 2, 5, 0, 1, 3], id="dutch-reads-dutch-then-english"),
        pytest.param("en", [2, 5, 0, 1, 3, 4], id="english-reads-english-first"),
    ],
)
def test_a_reader_gets_their_languages_in_the_order_the_names_follow(lang, expected):
    texts = ["جميل", "Lo mejor", "Superb", "Schnell und aktuell", "Heel fijne app", "Loved it"]
    languages = ["ar", "es", "en", "de", "nl", "en"]
    assert quote_order(texts, languages, lang) == expected


def test_a_theme_without_dutch_or_english_keeps_its_ranking():
    texts = ["جميل", "Lo mejor", "Schnell und aktuell"]
    languages = ["ar", "es", "de"]
    assert quote_order(texts, languages, "nl") == quote_order(texts, languages, "en") == [0, 1, 2]
