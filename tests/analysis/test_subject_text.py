"""What the analysis reads: the subject of a text, without addressee, sender or politeness."""

from __future__ import annotations

import pytest

from analysis.phrases import phrase_labels, text_phrases
from analysis.subject_text import common_words, subject_text, subject_texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "@united my flight was cancelled http://t.co/x1 #fail",
            "my flight was cancelled fail",
            id="mention-url-hashtag",
        ),
        pytest.param(
            "Beste Bakkerij Jansen,\nDe bezorging was te laat.\nMet vriendelijke groet,\nJan",
            "De bezorging was te laat",
            id="dutch-greeting-and-sign-off",
        ),
        pytest.param(
            "Hi team! The app crashes on login. Thanks!",
            "The app crashes on login.",
            id="english-greeting-thanks",
        ),
        pytest.param(
            "Hallo, mijn pakket is kwijt. Alvast bedankt, groetjes Piet",
            "mijn pakket is kwijt",
            id="alvast-bedankt",
        ),
        pytest.param(
            "Ik ben gebeld op [PHONE] over [IBAN].", "Ik ben gebeld op over .", id="placeholders"
        ),
        pytest.param(
            "Thanks for the quick delivery",
            "Thanks for the quick delivery",
            id="thanks-with-a-subject-stays",
        ),
        pytest.param("Bedankt!", "Bedankt!", id="nothing-left-keeps-the-text"),
        pytest.param(
            "Dear Sir, I was charged twice. Kind regards, J. Smith",
            "I was charged twice",
            id="kind-regards",
        ),
    ],
)
def test_subject_text(text, expected):
    assert subject_text(text) == expected


def test_words_in_most_texts_are_left_out():
    texts = [f"Bakkerij Jansen: het brood was oud ({i})" for i in range(30)] + [
        f"Bakkerij Jansen bezorgt te laat ({i})" for i in range(30)
    ]
    assert {"bakkerij", "jansen"} <= common_words(texts)
    cleaned = subject_texts(texts)
    assert cleaned[0].startswith("het brood was oud")
    assert "Jansen" not in cleaned[-1]
    assert common_words(texts[:10]) == frozenset()  # too few texts to tell


def test_phrases_stay_inside_a_clause_and_skip_stop_word_edges():
    found = text_phrases("De bezorging was te laat, pakket kwijt!")
    assert "bezorging was te laat" in found
    assert "pakket kwijt" in found
    assert "laat pakket" not in found  # across a comma
    assert not any(p.split()[0] in {"de", "te"} or p.split()[-1] in {"de", "te"} for p in found)


def test_phrase_labels_are_distinctive_unique_and_found_in_the_texts():
    texts = [
        "my card has not arrived yet",
        "the new card has not arrived",
        "card has not arrived after two weeks",
        "I was charged a fee for the transfer",
        "why is there a transfer fee",
        "transfer fee is too high",
        "card has not arrived and my transfer fee",
    ]
    labels = [0, 0, 0, 1, 1, 1, -1]
    names = phrase_labels(texts, labels)
    assert names == {0: "card has not arrived", 1: "transfer fee"}
    for theme, name in names.items():
        inside = [t for t, lab in zip(texts, labels, strict=True) if lab == theme and name in t]
        assert len(inside) >= 2
