"""Names and opinions: a theme with a subject is named by it, not by the praise its texts
share ("great app"); an opinion theme keeps its opinion name ("nice app"); thanks, in any
language, never name a theme: a theme of thanks that no other phrase names reads "thanks"."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.labels import CTfidfLabeler
from analysis.opinion_only import THANKS_NAMES, opinion_themes, says_only_opinion
from analysis.phrases import phrase_labels
from analysis.stopwords import THANKS_WORDS

# As on the real Google Play reviews: a theme about reading aloud whose texts mostly open
# with "great app", beside a theme of short praise and one of downloads.
VOICE = [
    "Great app, but please bring back voice reading",
    "great app, voice reading stopped after the update",
    "Great app! Voice reading in Arabic please",
    "great app, I listen to articles with voice reading",
    "Great app but the text to speech voice is robotic",
    "great app, no audio in my language",
    "Really great app",
    "great app",
]
PRAISE = [
    "Nice app",
    "Nice app!",
    "nice app, love it",
    "Nice app, my kids love it",
    "nice app",
    "Good",
    "Great",
    "Super app",
    "Nice app, my kids love it too",
    "Love it",
    "Excellent",
    "Nice app!!",
    "Awesome",
    "Top!",
]
DOWNLOADS = [
    "download fails at 80%",
    "the download stops every time",
    "cannot download the zim file",
    "download is very slow",
    "downloads keep failing",
]
TEXTS = VOICE + PRAISE + DOWNLOADS
LABELS = np.array([0] * len(VOICE) + [1] * len(PRAISE) + [2] * len(DOWNLOADS))


@pytest.mark.parametrize(
    ("phrase", "only"),
    [
        pytest.param("great app", True, id="great-app"),
        pytest.param("very good", True, id="very-good"),
        pytest.param("nice app", True, id="nice-app"),
        pytest.param("muchas gracias", True, id="thanks"),
        pytest.param("voice reading", False, id="subject"),
        pytest.param("best offline", False, id="opinion-and-subject"),
        pytest.param("te laat", False, id="no-opinion-word"),
    ],
)
def test_a_phrase_says_only_an_opinion_by_the_per_text_rule(phrase, only):
    assert says_only_opinion(phrase) is only


def test_the_case_has_one_opinion_theme():
    assert opinion_themes(TEXTS, LABELS).tolist() == [False, True, False]


def test_a_subject_theme_with_a_frequent_great_app_is_named_by_its_subject():
    # Without knowing which themes give only an opinion, "great app" (7 of 8 texts) wins.
    assert phrase_labels(TEXTS, LABELS)[0] == "great app"
    assert phrase_labels(TEXTS, LABELS, opinion={1})[0] == "voice reading"
    labels = CTfidfLabeler().fit(TEXTS, LABELS).labels_
    assert labels[0].label == "voice reading"


def test_an_opinion_theme_keeps_its_opinion_name():
    # "kids love" (2 of its 14 texts) carries a subject word, but the theme is one of praise.
    assert phrase_labels(TEXTS, LABELS, opinion=set())[1] == "kids love"
    labels = CTfidfLabeler().fit(TEXTS, LABELS).labels_
    assert labels[1].label == "nice app"


def test_without_a_subject_phrase_the_opinion_phrase_stays():
    praise_only = ["very good", "Very good!", "very good indeed", "Very good."]
    texts = praise_only + DOWNLOADS
    labels = [0] * len(praise_only) + [1] * len(DOWNLOADS)
    assert phrase_labels(texts, labels, opinion=set())[0] == "good"


# Reviews that only thank, and thanks beside a subject, in several languages.
THANKS = [
    "Thank you!",
    "Thanks",
    "muchas gracias",
    "Gracias a los desarrolladores",
    "Merci beaucoup",
    "Vielen Dank!",
    "Dank je wel",
    "Obrigado",
    "شكرا",
    "Gracias por todo",
    "Muchas gracias, Kiwix",
    "Merci Kiwix",
]


def test_thanks_in_any_language_never_name_a_theme():
    texts = THANKS + DOWNLOADS
    labels = np.array([0] * len(THANKS) + [1] * len(DOWNLOADS))
    result = CTfidfLabeler().fit(texts, labels, languages=["en"] * len(texts)).labels_[0]
    for name in (result.label, result.label_en, result.label_nl):
        assert not set(name.casefold().replace(",", " ").split()) & THANKS_WORDS, name
    assert not set(result.keywords) & THANKS_WORDS


def test_a_theme_of_thanks_that_no_phrase_names_reads_thanks():
    """Every phrase its texts share is a thanks, which may not name a theme: the real
    reviews' thank-you theme fell back to two stray keywords ("جدا, bilgi"). It reads
    "thanks" / "bedankt" (:data:`analysis.opinion_only.THANKS_NAMES`)."""
    only_thanks = [t for t in THANKS if "Kiwix" not in t]
    texts = only_thanks + DOWNLOADS
    labels = np.array([0] * len(only_thanks) + [1] * len(DOWNLOADS))
    result = CTfidfLabeler().fit(texts, labels, languages=["en"] * len(texts)).labels_
    assert (result[0].label, result[0].label_nl) == (THANKS_NAMES["en"], THANKS_NAMES["nl"])
    assert result[1].label != THANKS_NAMES["en"]


def test_a_subject_theme_that_thanks_is_named_by_its_subject():
    delivery = [
        "Thanks for the fast delivery",
        "thank you, fast delivery",
        "Thanks! Fast delivery again",
        "fast delivery, thanks",
        "Dank je, snelle levering",
    ]
    texts = delivery + DOWNLOADS
    labels = np.array([0] * len(delivery) + [1] * len(DOWNLOADS))
    assert not opinion_themes(texts, labels)[0]
    assert CTfidfLabeler().fit(texts, labels).labels_[0].label == "fast delivery"


# Short praise in the languages of the real Google Play reviews, each spelled its own way
# ("روعه" drawn out), with texts that say next to nothing ("PK 12", "ttt") and a few stray
# words in other scripts and languages: no phrase is said twice.
ARABIC_PRAISE = [
    "روعهههههههه",
    "رووووووعة",
    "روووووووعه",
    "روعععععععععععهههههههههههه",
    "رووووعههههههه",
    "حلوااااا",
    "ابداع يستحق الشكروالثناء",
    "Zase ta posraná anglina",
    "Sabiduria al instante",
    "အလွန်တန်ဖိုးများသော အကျိုးကျေးဇူးများသော အပလီကေးရှင်းဖြစ်ပါသည်။",
]
NEAR_EMPTY = ["PK 12", "Bsvs Dd", "ttt", "Tooop", "ok", "The Best (Y)", "ЗэБэСэ", "Dd", "."]


def _praise_case() -> tuple[list[str], np.ndarray]:
    texts = ARABIC_PRAISE + NEAR_EMPTY + DOWNLOADS
    labels = np.array([0] * len(ARABIC_PRAISE) + [1] * len(NEAR_EMPTY) + [2] * len(DOWNLOADS))
    return texts, labels


def test_praise_in_other_scripts_and_near_empty_texts_are_opinion_themes():
    """Texts without a word ("PK 12", "ttt", ".") neither speak for nor against: what the
    others say ("Tooop", "ok", "The Best") decides."""
    texts, labels = _praise_case()
    assert opinion_themes(texts, labels).tolist() == [True, True, False]


def test_an_opinion_theme_no_phrase_names_reads_its_opinion_words():
    """Not its keywords, the stray words of single texts ("anglina, apuros" on the real
    reviews), nor the Burmese particle "သည" of a text split at its vowel signs."""
    texts, labels = _praise_case()
    result = CTfidfLabeler().fit(texts, labels, languages=["ar"] * len(texts)).labels_
    assert result[0].label == "روعه"
    assert result[1].label in {"ok, top", "best, ok", "best, top"}
    assert result[2].label != result[1].label
    for label in result.values():
        assert "သည" not in label.label.split() and "သည" not in label.keywords


@pytest.mark.parametrize(
    "texts",
    [
        pytest.param(
            ["برنامج اكثر من رائع", "بصراحه برنامج أكثر من رائع", "اكثر من رائع جدا"]
            + ["من افضل البرامج", "من اروع التطبيقات"],
            id="arabic-min",
        ),
        pytest.param(
            ["это приложение очень хорошее", "это просто супер", "это лучшее приложение"],
            id="russian-eto",
        ),
        pytest.param(
            ["Çok güzel bir uygulama", "bu uygulama çok iyi", "bir harika uygulama bu"],
            id="turkish-bir-bu",
        ),
    ],
)
def test_function_words_of_other_languages_never_name_a_theme_alone(texts):
    all_texts = texts + DOWNLOADS
    labels = np.array([0] * len(texts) + [1] * len(DOWNLOADS))
    label = CTfidfLabeler().fit(all_texts, labels).labels_[0]
    assert label.label not in {"من", "اكثر من", "это", "bir", "bu", "çok", "очень"}
    assert not {"من", "это", "bir", "bu"} & set(label.keywords)


def test_a_name_of_keywords_keeps_to_the_script_most_of_its_texts_are_in():
    """Three texts, no phrase said by two: the name is made of keywords, never of a stray
    Arabic one beside French ("presque parfaite, الأحداث" on the real reviews), though the
    Arabic text's word ("the events", said three times) is the first keyword."""
    mixed = [
        "Application presque parfaite, vraiment presque parfaite",
        "Very amazing offline, updates please",
        "الأحداث قديمة، الأحداث الأحداث",
    ]
    texts = mixed + DOWNLOADS
    labels = np.array([0] * len(mixed) + [1] * len(DOWNLOADS))
    result = CTfidfLabeler().fit(texts, labels).labels_[0]
    assert result.keywords[0] == "الأحداث"
    assert result.label and all(not ("\u0600" <= ch <= "\u06ff") for ch in result.label)
