"""Opinion-only feedback ("Good", "Top!", "Slecht") gathers under one top theme; feedback that
names a subject beside its opinion stays with its subject."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.embedders import TfidfEmbedder, l2_normalize
from analysis.opinion_only import (
    NOT_ONLY_OPINION,
    OPINION_ONLY,
    OPINION_TOP_NAMES,
    UNJUDGED,
    opinion_kind,
    opinion_themes,
)
from analysis.stopwords import STOP_WORDS
from analysis.theme_tree import ThemeGrouper, plan_tree
from tests.analysis.conftest import make_records, synthetic_texts


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("Good", OPINION_ONLY, id="en-good"),
        pytest.param("Great app!", OPINION_ONLY, id="en-great-app"),
        pytest.param("Love it", OPINION_ONLY, id="en-love-it"),
        pytest.param("Worst app ever", OPINION_ONLY, id="en-worst-ever"),
        pytest.param("Goooood!!", OPINION_ONLY, id="en-repeated-letters"),
        pytest.param("Top!", OPINION_ONLY, id="nl-top"),
        pytest.param("Slecht", OPINION_ONLY, id="nl-slecht"),
        pytest.param("Echt een aanrader, helemaal top", OPINION_ONLY, id="nl-aanrader"),
        pytest.param("Sehr gut!", OPINION_ONLY, id="de-sehr-gut"),
        pytest.param("C'est génial", OPINION_ONLY, id="fr-genial"),
        pytest.param("Me encanta, excelente aplicación", OPINION_ONLY, id="es-encanta"),
        pytest.param("good but downloads fail", NOT_ONLY_OPINION, id="en-subject-downloads"),
        pytest.param("great offline wikipedia", NOT_ONLY_OPINION, id="en-subject-offline"),
        pytest.param("Great food", NOT_ONLY_OPINION, id="en-subject-food"),
        pytest.param("Snelle levering, top!", NOT_ONLY_OPINION, id="nl-subject-levering"),
        # Thanks alone are a verdict too, in every language of the lexicon.
        pytest.param("Thanks!", OPINION_ONLY, id="en-thanks"),
        pytest.param("Thank you so much", OPINION_ONLY, id="en-thank-you"),
        pytest.param("Dank je wel", OPINION_ONLY, id="nl-dank-je-wel"),
        pytest.param("Vielen Dank!", OPINION_ONLY, id="de-vielen-dank"),
        pytest.param("Merci beaucoup", OPINION_ONLY, id="fr-merci"),
        pytest.param("Muchas gracias", OPINION_ONLY, id="es-muchas-gracias"),
        pytest.param("Gracias a los desarrolladores", OPINION_ONLY, id="es-gracias-makers"),
        pytest.param("شكرا", OPINION_ONLY, id="ar-shukran"),
        pytest.param("Thanks for the quick delivery", NOT_ONLY_OPINION, id="thanks-subject"),
        # A function word is read as written, not folded into an opinion word.
        pytest.param("Ik ook", NOT_ONLY_OPINION, id="nl-ook-is-not-ok"),
        pytest.param("Ich hatte es", NOT_ONLY_OPINION, id="de-hatte-is-not-hate"),
        pytest.param("Zzzyx", UNJUDGED, id="one-unknown-word"),
        pytest.param("ძალიან კარგი", UNJUDGED, id="other-script-georgian"),
        # The languages of real app reviews beyond the first five (Kiwix, Google Play).
        pytest.param("برنامج اكثر من رائع", OPINION_ONLY, id="ar-more-than-wonderful"),
        pytest.param("بصراحه برنامج أكثر من رائع", OPINION_ONLY, id="ar-hamza-on-alef"),
        pytest.param("برنامج ممتاز ومفيد", OPINION_ONLY, id="ar-attached-and"),
        pytest.param("روووووووعه", OPINION_ONLY, id="ar-repeated-letters"),
        pytest.param("رووووووعة", OPINION_ONLY, id="ar-taa-marbuta"),
        pytest.param("رائـــــع", OPINION_ONLY, id="ar-tatweel"),
        pytest.param("مُمْتَاز جداً", OPINION_ONLY, id="ar-vowel-signs"),
        pytest.param("برنامج فاشل", OPINION_ONLY, id="ar-failed-program"),
        pytest.param("جميل جدا", OPINION_ONLY, id="ar-very-beautiful"),
        pytest.param("التحديث لا يعمل", NOT_ONLY_OPINION, id="ar-subject-update"),
        pytest.param("بسیار عالی و جذاب و مفید است", OPINION_ONLY, id="fa-very-excellent"),
        pytest.param("خیلی خوب", OPINION_ONLY, id="fa-very-good"),
        pytest.param("отличное приложение", OPINION_ONLY, id="ru-excellent-app"),
        pytest.param("Очень хорошая программа!", OPINION_ONLY, id="ru-very-good-program"),
        pytest.param("отличное приложение, все работает", NOT_ONLY_OPINION, id="ru-works"),
        pytest.param("Дуже корисний застосунок", OPINION_ONLY, id="uk-very-useful"),
        pytest.param("Çok güzel bir uygulama", OPINION_ONLY, id="tr-very-nice-app"),
        pytest.param("Harika", OPINION_ONLY, id="tr-harika"),
        pytest.param("Bardzo dobra aplikacja, polecam", OPINION_ONLY, id="pl-recommend"),
        pytest.param("O app é muito bom", OPINION_ONLY, id="pt-muito-bom"),
        pytest.param("Aplicativo maravilhoso", OPINION_ONLY, id="pt-maravilhoso"),
        pytest.param("Applicazione utilissima, consiglio", OPINION_ONLY, id="it-utilissima"),
        pytest.param("Aplikasi sangat bagus", OPINION_ONLY, id="id-sangat-bagus"),
        pytest.param("Terima kasih, mantap", OPINION_ONLY, id="id-terima-kasih"),
        pytest.param("bahut accha app hai", OPINION_ONLY, id="hi-roman-accha"),
        pytest.param("спасибо", OPINION_ONLY, id="ru-thanks"),
        pytest.param("Aplikasi bagus tapi sering crash", NOT_ONLY_OPINION, id="id-subject-crash"),
    ],
)
def test_a_text_gives_only_an_opinion_or_names_a_subject(text, kind):
    assert opinion_kind(text) == kind


# Themes as the clustering would find them: opinion-only reviews in five languages, and
# subject themes whose texts are as full of opinion words ("great food", "good but ...").
OPINION_THEMES = [
    ["Good", "Very good!", "Good app", "good", "Goed", "Sehr gut", "Good, thanks", "Good job"],
    ["Nice app", "Great app!", "Super app", "Superb app", "Love this app", "Geweldige app"],
    ["Amazing", "Excellent", "Top!", "Génial !", "Perfecto", "Awesome", "Prima", "Excelente"],
    ["Worst app ever", "Slecht", "Waardeloos", "Terrible", "Useless app", "Heel slecht"],
    # Praise with a stray word now and then, and texts in a script the lexicon lacks.
    [
        "Love it, my kids too",
        "I love it",
        "Really great",
        "ძალიან კარგი",
        "სუპერ",
        "Loved it",
        "Best ever",
        "I like it",
        "Love love love",
        "Really nice",
        "So cool",
    ],
]
SUBJECT_THEMES = [
    # Opinion words everywhere, a few texts with nothing else, and one recurring subject.
    ["Great food", "Good food", "The food was great", "Lovely food", "Food is excellent"]
    + ["Great!", "Loved it"],
    [
        "good but downloads fail",
        "Nice app but the download stops",
        "downloads keep failing, bad",
        "great but downloading is slow",
        "download fails every time",
    ],
    [
        "Snelle levering, top!",
        "Goede levering",
        "levering was prima",
        "De levering duurde lang",
        "slechte levering",
    ],
    [
        "great offline wikipedia",
        "Love the offline wikipedia",
        "wikipedia offline, good",
        "the best offline reader of wikipedia",
        "offline wikipedia works",
    ],
    ["the package arrived late", "parcel tracking broken", "courier never came", "late parcel"],
    # An opinion word inside a subject ("top up"), in every text but hardly ever alone.
    [
        "top up failed",
        "my top up was reverted",
        "top-up still pending",
        "why did my top up fail",
        "top up with card declined",
        "can I top up by cheque",
        "Top!",
    ],
    # A subject in Arabic ("update"), a few words the lexicon knows beside it ("لا يعمل": does
    # not work): two praise texts do not decide it.
    ["تحديث جديد", "التحديث لا يعمل", "تحديث", "مشكلة التحديث", "بعد التحديث", "تحديث بطيء"]
    + ["أين التحديث", "Good", "Nice"],
]


def _theme_set() -> tuple[list[str], np.ndarray, int]:
    texts, labels = [], []
    for theme, members in enumerate(OPINION_THEMES + SUBJECT_THEMES):
        texts += members
        labels += [theme] * len(members)
    return texts, np.array(labels), len(OPINION_THEMES)


def test_themes_of_opinions_are_found_and_themes_of_subjects_are_not():
    texts, labels, n_opinion = _theme_set()
    found = opinion_themes(texts, labels)
    assert found[:n_opinion].all()
    assert not found[n_opinion:].any()


# Reviews that only thank, in several languages, with a few beside a subject or in a
# language the lexicon lacks (as on the real Google Play reviews).
THANKS_THEME = [
    "Thank you!",
    "Thanks",
    "Thanks!",
    "muchas gracias",
    "Merci",
    "Danke!",
    "Bedankt",
    "شكرا",
    "Gracias a los desarrolladores",
    "Es la mejor, no cabe dudas. Gracias",
    "Bilgi güçtür... Teşekkürler",
]


def test_a_theme_of_thanks_is_an_opinion_theme_by_the_per_text_rule():
    texts, labels, n_opinion = _theme_set()
    texts += THANKS_THEME
    labels = np.concatenate([labels, np.full(len(THANKS_THEME), labels.max() + 1)])
    found = opinion_themes(texts, labels)
    assert found[-1] and found[:n_opinion].all() and not found[n_opinion:-1].any()
    # opinion_kind counts each text as opinion_themes does
    assert sum(opinion_kind(t) == OPINION_ONLY for t in THANKS_THEME) == 9


def test_the_answer_does_not_depend_on_the_order_of_the_texts():
    texts, labels, _ = _theme_set()
    order = np.random.default_rng(0).permutation(len(texts))
    shuffled = opinion_themes([texts[i] for i in order], labels[order])
    assert np.array_equal(shuffled, opinion_themes(texts, labels))


def _scattered_vectors(labels: np.ndarray, families: np.ndarray, seed: int = 0) -> np.ndarray:
    """Item vectors: themes of one family close together, every family far from the others
    (each opinion theme is its own family, as "good" and "nice app" were on real reviews)."""
    rng = np.random.default_rng(seed)
    family_centres = rng.standard_normal((int(families.max()) + 1, 64)) * 3
    theme_centres = family_centres[families] + rng.standard_normal((len(families), 64))
    x = theme_centres[labels] + 0.3 * rng.standard_normal((len(labels), 64))
    return l2_normalize(x.astype(np.float32))


def _grouping_case(items_per_theme: int = 30, seed: int = 0):
    """Five opinion themes far apart, and twelve subject themes in four families of three."""
    rng = random.Random(seed)
    subject_texts = [t for theme in SUBJECT_THEMES[:5] for t in theme]
    n_opinion, n_subject = len(OPINION_THEMES), 12
    labels = np.repeat(np.arange(n_opinion + n_subject), items_per_theme)
    texts = [
        OPINION_THEMES[t][i % len(OPINION_THEMES[t])]
        if t < n_opinion
        else rng.choice(subject_texts) + f" {t}"
        for i, t in enumerate(labels)
    ]
    # Each opinion theme a family of its own; the subject themes in four families of three.
    families = np.concatenate([np.arange(n_opinion), n_opinion + np.repeat(np.arange(4), 3)])
    return _scattered_vectors(labels, families, seed), labels, texts, n_opinion


def test_opinion_themes_share_one_top_theme_and_no_subject_theme_joins_them():
    vectors, labels, texts, n_opinion = _grouping_case()
    grouper = ThemeGrouper().fit(vectors, labels, texts=texts)
    groups = grouper.groups_
    assert len(set(groups[:n_opinion])) == 1
    assert grouper.opinion_group_ == groups[0]
    assert grouper.opinion_group_ not in set(groups[n_opinion:])
    # The subject themes keep their families.
    subject_groups = groups[n_opinion:]
    for family in range(4):
        assert len(set(subject_groups[family * 3 : family * 3 + 3])) == 1
    assert 5 <= grouper.n_groups_ <= 20


def test_without_texts_the_top_level_is_the_plain_hierarchy():
    vectors, labels, _, n_opinion = _grouping_case()
    grouper = ThemeGrouper().fit(vectors, labels)
    assert grouper.opinion_group_ == -1
    assert len(set(grouper.groups_[:n_opinion])) > 1  # far apart: each its own top theme


def test_with_few_themes_opinions_share_one_top_theme_and_each_subject_has_its_own():
    # 1 opinion theme and 8 subject themes (two of them close): below 10 themes every theme
    # is its own top theme, the opinion themes apart as always; the 8 others are not grouped.
    labels = np.repeat(np.arange(9), 20)
    n_subjects = len(SUBJECT_THEMES)
    texts = [
        OPINION_THEMES[0][i % len(OPINION_THEMES[0])]
        if t == 0
        else SUBJECT_THEMES[(t - 1) % n_subjects][i % len(SUBJECT_THEMES[(t - 1) % n_subjects])]
        for i, t in enumerate(labels)
    ]
    vectors = _scattered_vectors(labels, np.array([0, 1, 2, 3, 4, 5, 6, 7, 7]))
    grouper = ThemeGrouper().fit(vectors, labels, texts=texts)
    assert grouper.opinion_group_ == grouper.groups_[0]
    assert len(set(grouper.groups_[1:])) == 8 and grouper.n_groups_ == 9


def test_the_tree_with_opinions_does_not_depend_on_the_order_of_the_items():
    vectors, labels, texts, _ = _grouping_case(seed=1)
    first = ThemeGrouper().fit(vectors, labels, texts=texts).groups_
    perm = np.random.default_rng(5).permutation(len(labels))
    second = ThemeGrouper().fit(vectors[perm], labels[perm], texts=[texts[i] for i in perm])
    assert np.array_equal(first, second.groups_)


def _no_tops() -> pd.DataFrame:
    return pd.DataFrame(
        {"top_id": pd.Series([], dtype=int), "centroid": pd.Series([], dtype=object)}
    )


def test_the_opinion_top_theme_has_its_fixed_name_and_keeps_its_id_with_more_data():
    vectors, labels, texts, n_opinion = _grouping_case(items_per_theme=30, seed=2)
    keys = [f"k{i}" for i in range(len(labels))]
    first = plan_tree(vectors, labels, texts, ["en"] * len(labels), keys, _no_tops(), {})
    opinion_top = first.theme_top[0]
    row = first.tops[first.tops["top_id"] == opinion_top].iloc[0]
    assert (row["label_en"], row["label_nl"]) == (OPINION_TOP_NAMES["en"], OPINION_TOP_NAMES["nl"])
    assert all(first.theme_top[t] == opinion_top for t in range(n_opinion))
    first = first.with_ids({p: 100 + i for i, p in enumerate(first.new_ids)})
    more_vectors, more_labels, more_texts, _ = _grouping_case(items_per_theme=33, seed=2)
    second = plan_tree(
        more_vectors,
        more_labels,
        more_texts,
        ["en"] * len(more_labels),
        [f"m{i}" for i in range(len(more_labels))],
        first.tops,
        {},
    )
    assert not second.new_ids
    same = sum(first.theme_top[t] == second.theme_top[t] for t in first.theme_top)
    assert same >= 0.95 * len(first.theme_top)


OPINIONS = [
    "Good",
    "Great app!",
    "Love it",
    "Excellent",
    "Top!",
    "Slecht",
    "Worst app ever",
    "Super app",
    "Heel goed",
    "Sehr gut!",
    "Me encanta",
    "Très bien",
    "Really good app",
    "Geweldige app",
    "Awful app",
    "Prima!",
]
# Opinion beside a subject: these stay with their subject's theme.
WITH_SUBJECT = [
    ("delivery", "good but the parcel tracking failed"),
    ("delivery", "great courier, the package arrived"),
    ("invoice", "terrible, the invoice amount was charged twice"),
    ("app", "nice app but the login crash"),
]


def test_a_refresh_gathers_opinion_reviews_under_one_named_top_theme(workspace):
    from workspace import refresh, theme_tree
    from workspace.imports import import_records

    pairs = synthetic_texts(40) + [
        ("opinion", OPINIONS[i % len(OPINIONS)] + "!" * (i // len(OPINIONS))) for i in range(96)
    ]
    pairs += WITH_SUBJECT
    workspace.set_setting("embedder", "tfidf")
    import_records(workspace, make_records(pairs), file_name="batch0")
    refresh.refresh_themes(workspace, TfidfEmbedder())
    items = workspace.query_df(
        "SELECT i.text, t.top_id FROM items i JOIN assignments a ON a.item_id = i.id "
        "JOIN themes t ON t.theme_id = a.theme_id"
    )
    top_of = dict(zip(items["text"], items["top_id"], strict=True))
    opinion_tops = {top_of[text] for theme, text in pairs if theme == "opinion"}
    assert len(opinion_tops) == 1
    (opinion_top,) = opinion_tops
    assert all(top_of[text] != opinion_top for theme, text in pairs if theme != "opinion")
    # The name every screen shows is the fixed one, in both languages.
    for lang in ("en", "nl"):
        tree = {
            top["top_id"]: top["label"] for top in theme_tree.tree_summary(workspace, lang=lang)
        }
        assert tree[opinion_top] == OPINION_TOP_NAMES[lang]


def test_given_the_common_words_a_theme_is_judged_on_its_own_texts():
    """``opinion_themes(..., common=...)`` of one theme's texts answers as the call on all
    the workspace's texts does (a theme new between refreshes is judged so): "Acme", the
    shop's name, is in most texts, so "Love Acme" says only an opinion."""
    from analysis.subject_text import cleaned_texts

    praise = [f"{w} Acme{'!' * i}" for i in range(3) for w in ("Good", "Love", "Great", "Top")]
    late = [f"Acme delivery {n} days late" for n in range(2, 22)]
    short = [f"{w}{'!' * i}" for i in range(3) for w in ("Super", "Nice app", "Prima")]
    texts = praise + late + short
    labels = np.array([0] * len(praise) + [1] * len(late) + [2] * len(short))
    common = cleaned_texts(texts)[1]
    assert "acme" in common
    whole = opinion_themes(texts, labels)
    assert whole.tolist() == [True, False, True]
    for theme in range(3):
        rows = np.flatnonzero(labels == theme)
        own = [texts[r] for r in rows]
        part = opinion_themes(own, np.zeros(len(rows), int), common=common)
        assert bool(part[0]) == bool(whole[theme]), theme
    # Without the workspace's common words, its few texts alone say "Acme" as a subject.
    assert not opinion_themes(praise, np.zeros(len(praise), int))[0]


GOOGLE_PLAY = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "google_play"
# Praise in Arabic from the real Kiwix reviews: "a more than wonderful program, God give you
# strength", "wonderful"
# drawn out, "sweet", "an excellent and useful program".
ARABIC_PRAISE = [
    "برنامج اكثر من رائع يعطيكم العافية",
    "بصراحه برنامج أكثر من رائع",
    "روووووووعه",
    "رووووووعة",
    "حلوااااا",
    "برنامج ممتاز ومفيد",
]


def test_real_app_reviews_praise_in_arabic_lands_under_general_opinion(workspace):
    """The real Google Play exports (Kiwix, 593 texts in ~25 languages) with the default
    embedder: the Arabic praise themes sit under "General opinion" beside "good" and "love",
    and no main theme is named by a function word ("من", "اكثر من") or a Burmese particle
    ("သည") as they were."""
    if not GOOGLE_PLAY.exists():
        pytest.skip(f"{GOOGLE_PLAY} is not available")
    from workspace import refresh, theme_tree
    from workspace.imports import import_files

    import_files(workspace, [GOOGLE_PLAY])
    refresh.refresh_themes(workspace)
    items = workspace.query_df(
        "SELECT i.text, t.top_id FROM items i JOIN assignments a ON a.item_id = i.id "
        "JOIN themes t ON t.theme_id = a.theme_id"
    )
    top_of = dict(zip(items["text"], items["top_id"], strict=False))
    tree = theme_tree.tree_summary(workspace, lang="nl")
    (opinion_top,) = [t["top_id"] for t in tree if t["label"] == OPINION_TOP_NAMES["nl"]]
    assert [top_of.get(text) for text in ARABIC_PRAISE] == [opinion_top] * len(ARABIC_PRAISE)
    for top in tree:
        words = set(top["label"].casefold().replace(",", " ").split())
        assert words - STOP_WORDS, top["label"]
        assert not any("\u1000" <= ch <= "\u109f" for ch in top["label"]), top["label"]
