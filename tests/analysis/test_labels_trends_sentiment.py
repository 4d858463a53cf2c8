import numpy as np
import pandas as pd
import pytest

from analysis.embedders import get_embedder
from analysis.labels import CTfidfLabeler, class_tfidf, count_terms, short_label
from analysis.sentiment import LexiconSentiment, VectorSentiment, rating_to_sentiment
from analysis.stopwords import STOP_WORDS
from analysis.trends import spike_weeks, theme_trends_for_week, weekly_counts

NL = [
    "mijn pakket kwam drie dagen te laat",
    "levering te laat, pakket nog niet bezorgd",
    "de bezorging was veel te laat",
    "pakket te laat geleverd",
    "weer een late levering van het pakket",
    "bezorger kwam te laat met het pakket",
]
EN = [
    "my parcel arrived three days late",
    "late delivery, the parcel never came",
    "delivery was very late again",
    "the parcel was delivered late",
    "another late delivery of my parcel",
    "courier came late with the parcel",
]
APP = [
    "the app crashes at login",
    "app crash when I log in",
    "login screen freezes in the app",
    "de app crasht bij inloggen",
    "inloggen in de app lukt niet",
    "app loopt vast bij login",
]


def test_bilingual_theme_gets_a_label_per_language():
    texts = NL + EN + APP
    labels = [0] * 12 + [1] * 6
    langs = ["nl"] * 6 + ["en"] * 6 + ["en"] * 3 + ["nl"] * 3
    vectors = get_embedder("tfidf").embed(texts)
    result = CTfidfLabeler(min_language_items=5).fit(texts, labels, vectors, langs).labels_
    delivery = result[0]
    assert delivery.label_nl and delivery.label_en
    assert "pakket" in delivery.label_nl or "laat" in delivery.label_nl
    assert "parcel" in delivery.label_en or "late" in delivery.label_en
    assert result[1].label_nl == "" and result[1].label_en == ""
    assert (
        1 <= len(delivery.label.split()) <= 4 or len(delivery.label.replace(",", "").split()) <= 4
    )
    assert not set(delivery.keywords) & STOP_WORDS
    assert 3 <= len(delivery.quotes) <= 5
    assert len({texts[q] for q in delivery.quotes}) == len(delivery.quotes)


def test_a_bilingual_theme_gets_keywords_per_language():
    """A Dutch screen read "friendly" among "vriendelijk, klantenservice, medewerker": a theme
    with its own Dutch and English names has keywords from each language's items."""
    texts = NL + EN + APP
    labels = [0] * 12 + [1] * 6
    langs = ["nl"] * 6 + ["en"] * 6 + ["en"] * 3 + ["nl"] * 3
    result = CTfidfLabeler(min_language_items=5).fit(texts, labels, None, langs).labels_
    delivery = result[0]
    dutch_words = {w for t in NL for w in t.replace(",", "").split()}
    english_words = {w for t in EN for w in t.replace(",", "").split()}
    assert set(delivery.keywords) & english_words and set(delivery.keywords) & dutch_words
    assert delivery.keywords_nl and delivery.keywords_en
    assert all(set(k.split()) <= dutch_words for k in delivery.keywords_nl)
    assert all(set(k.split()) <= english_words for k in delivery.keywords_en)
    assert result[1].keywords_nl == () and result[1].keywords_en == ()  # no names of its own


def test_a_language_without_a_shared_phrase_gets_no_name_of_keywords():
    """Thank-you reviews in English share no phrase once the thanks are left out: no English
    name (the screen falls back to the theme's name), never a keyword pair."""
    english = [
        "Thank you very match.",
        "Thanks for developers and any one helped.",
        "Thanks on this work great",
        "Its very useful thank u",
        "Thank you so much, it works offline too",
    ]
    spanish = [
        "muchas gracias",
        "Gracias a los desarrolladores",
        "Gracias a kiwix cada día soy una persona diferente",
        "Es la mejor, muy completa. Gracias",
        "gracias por todo",
    ]
    texts = english + spanish
    langs = ["en"] * 5 + ["es"] * 5
    vectors = get_embedder("tfidf").embed(texts)
    theme = CTfidfLabeler(min_language_items=5).fit(texts, [0] * 10, vectors, langs).labels_[0]
    assert theme.label_en == ""
    assert theme.label


FR_ES_DE = [
    "le colis est arrivé avec une semaine de retard",
    "la livraison du colis a pris beaucoup de retard",
    "el paquete llegó con una semana de retraso",
    "la entrega del paquete se retrasó mucho",
    "das Paket kam eine Woche zu spät an",
    "die Lieferung des Pakets war sehr spät",
]
CONNECT = [
    "je ne peux pas me connecter à l'application",
    "la connexion à l'application échoue",
    "no puedo iniciar sesión en la aplicación",
    "la aplicación no me deja iniciar sesión",
    "ich kann mich nicht in der App anmelden",
    "die Anmeldung in der App schlägt fehl",
]


def test_names_of_other_languages_leave_out_their_function_words():
    """French, Spanish and German names neither are nor start or end with "le", "la", "die"."""
    texts = FR_ES_DE + CONNECT
    labels = [0] * 6 + [1] * 6
    vectors = get_embedder("tfidf").embed(texts)
    result = CTfidfLabeler().fit(texts, labels, vectors).labels_
    for theme in result.values():
        for part in theme.label.split(","):
            words = part.split()
            assert words and not {words[0], words[-1]} & STOP_WORDS, theme.label
        assert not set(theme.keywords) & {"le", "la", "el", "die", "das", "una", "de", "der"}


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        pytest.param(
            ["fee", "transfer fee", "charged"], "transfer fee, charged", id="bigram-replaces-word"
        ),
        pytest.param(["refund", "statement"], "refund, statement", id="two-words"),
        pytest.param(["late delivery", "late"], "late delivery", id="contained-word-skipped"),
    ],
)
def test_short_label(terms, expected):
    assert short_label(terms) == expected


def _counts(rows):
    frame = pd.DataFrame(rows, columns=["week", "theme_id", "channel", "items"])
    return frame


def test_spike_rule_and_new_theme():
    rows = []
    weeks = [f"2026-W{w:02d}" for w in range(30, 41)]
    for week in weeks:
        rows.append((week, 1, "review", 4))
        rows.append((week, 1, "email", 5))
    rows.append(("2026-W40", 1, "app_review", 0))
    rows = [r for r in rows if r[3]]
    rows += [("2026-W40", 1, "review", 0)]
    rows = [r for r in rows if not (r[0] == "2026-W40" and r[2] == "review")] + [
        ("2026-W40", 1, "review", 30)
    ]
    rows += [("2026-W39", 2, "email", 1), ("2026-W40", 2, "email", 6)]
    trends = theme_trends_for_week(_counts(rows), "2026-W40", min_count=5, new_min_items=3)
    spikes = set(zip(trends.spikes["theme_id"], trends.spikes["channel"], strict=True))
    assert (1, "review") in spikes and (1, "email") not in spikes
    assert trends.new == (2,)
    assert 1 in set(trends.rising["theme_id"])
    quiet = theme_trends_for_week(_counts(rows), "2026-W38")
    assert quiet.spikes.empty and quiet.new == ()


def test_a_theme_that_trickled_in_is_not_new_when_a_week_first_brings_three():
    """Real app reviews: "works fine" had 8 items over 13 weeks, one or two at a time, then 3
    in one week, and the summary said "Nieuw thema works fine". New means the weeks before
    held fewer than ``new_min_items`` together; one stray earlier item still allows new."""
    trickle = [("2026-W25", 5, "app_review", 2), ("2026-W27", 5, "app_review", 1)]
    trickle += [(f"2026-W{w}", 5, "app_review", 1) for w in (30, 35, 36)]
    trickle += [("2026-W37", 5, "app_review", 2), ("2026-W38", 5, "app_review", 3)]
    fresh = [("2026-W33", 6, "app_review", 1), ("2026-W38", 6, "app_review", 4)]
    trends = theme_trends_for_week(_counts(trickle + fresh), "2026-W38")
    assert trends.new == (6,)
    assert all(
        theme_trends_for_week(_counts(trickle), f"2026-W{w}").new == () for w in range(25, 39)
    )


def test_a_theme_that_only_follows_its_channels_surge_is_no_spike():
    """The first weeks of a new export: a channel of 9 reviews a week brings 180, and every
    theme in it grows alike. That is the channel's volume, not a spike of one theme (real
    Google Play exports showed "Piek" on four ordinary weeks). A theme that surges in a
    steady channel stays a spike, and so does the surging theme when the rest stays put."""
    quiet = [(f"2026-W{w:02d}", t, "app_review", 3) for w in range(30, 38) for t in (1, 2, 3)]
    surge = [("2026-W38", 1, "app_review", 60), ("2026-W38", 2, "app_review", 62)]
    surge += [("2026-W38", 3, "app_review", 58)]
    trends = theme_trends_for_week(_counts(quiet + surge), "2026-W38")
    assert trends.spikes.empty
    assert spike_weeks(_counts(quiet + surge)).empty  # the charts' markers: the same rule
    steady = [(f"2026-W{w:02d}", t, "app_review", 8) for w in range(30, 39) for t in (2, 3)]
    one = [(f"2026-W{w:02d}", 1, "app_review", 3) for w in range(30, 38)]
    one += [("2026-W38", 1, "app_review", 20)]
    trends = theme_trends_for_week(_counts(steady + one), "2026-W38")
    assert list(zip(trends.spikes["theme_id"], trends.spikes["channel"], strict=True)) == [
        (1, "app_review")
    ]
    assert list(spike_weeks(_counts(steady + one))["theme_id"]) == [1]


def test_a_theme_that_surges_beyond_its_surging_channel_is_a_spike():
    """A campaign doubles the app reviews (the other themes go 3 -> 7 a week) while the crash
    theme goes 3 -> 40: the channel's growth explains 7 of those, not 40. The usual week is
    scaled by the rest's growth (14 against a usual 6: 2.33x), not the spike dropped. The same
    theme at 7, with the channel, is no spike."""
    quiet = [(f"2026-W{w:02d}", t, "app_review", 3) for w in range(30, 38) for t in (1, 2, 3)]
    campaign = [("2026-W38", 2, "app_review", 7), ("2026-W38", 3, "app_review", 7)]
    crash = [("2026-W38", 1, "app_review", 40)]
    trends = theme_trends_for_week(_counts(quiet + campaign + crash), "2026-W38")
    assert list(trends.spikes["theme_id"]) == [1]
    spike = trends.spikes.iloc[0]
    assert spike["baseline"] == 3.0  # the usual week quoted is the theme's own median
    assert spike["channel_growth"] == pytest.approx(14 / 6)
    marked = spike_weeks(_counts(quiet + campaign + crash))
    assert list(zip(marked["week"], marked["theme_id"], strict=True)) == [("2026-W38", 1)]
    assert marked["channel_growth"].iloc[0] == pytest.approx(14 / 6)
    along = [("2026-W38", 1, "app_review", 7)]
    assert theme_trends_for_week(_counts(quiet + campaign + along), "2026-W38").spikes.empty
    steady = theme_trends_for_week(_counts(quiet + [("2026-W38", 1, "app_review", 40)]), "2026-W38")
    assert steady.spikes["channel_growth"].tolist() == [1.0]  # a steady channel: unscaled


def test_an_unfinished_week_has_nothing_falling_yet():
    """Twenty items a week, then three so far this week: falling once the week is over, not
    while its counts can still grow (a Monday-morning upload)."""
    rows = [(f"2026-W{w:02d}", 1, "email", 20) for w in range(30, 40)]
    rows.append(("2026-W40", 1, "email", 3))
    over = theme_trends_for_week(_counts(rows), "2026-W40")
    assert over.flag(1) == "falling"
    assert theme_trends_for_week(_counts(rows), "2026-W40", complete=False).flag(1) == ""


def test_weekly_counts_use_iso_weeks():
    ts = pd.Series(
        pd.to_datetime(["2026-01-01T10:00Z", "2026-12-31T10:00Z", "2026-12-28T00:00Z"], utc=True)
    )
    counts = weekly_counts(ts, [1, 1, 1], ["email"] * 3)
    assert set(counts["week"]) == {"2026-W01", "2026-W53"}


def test_rating_sentiment():
    assert np.allclose(
        rating_to_sentiment([1, 3, 5, None], [1, 1, 1, None], [5, 5, 5, None])[:3], [-1, 0, 1]
    )


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        pytest.param("Heel vriendelijk en snel geholpen, top!", 1, id="nl-positive"),
        pytest.param("Slecht, pakket kwam kapot en te laat aan", -1, id="nl-negative"),
        pytest.param("Great and friendly service", 1, id="en-positive"),
        pytest.param("not good, the app is broken", -1, id="en-negated"),
    ],
)
def test_lexicon_sentiment(text, sign):
    assert np.sign(LexiconSentiment().predict([text])[0]) == sign


def test_vector_sentiment_learns_from_rated_items():
    rng = np.random.default_rng(0)
    good, bad = rng.standard_normal(8), rng.standard_normal(8)
    x = np.vstack(
        [good + 0.1 * rng.standard_normal((40, 8)), bad + 0.1 * rng.standard_normal((40, 8))]
    )
    y = np.r_[np.ones(40), -np.ones(40)]
    model = VectorSentiment(min_per_class=30).fit(x, y)
    assert model.usable_
    pred = model.predict(["?"] * 2, np.vstack([good, bad]))
    assert pred[0] > 0.5 and pred[1] < -0.5
    assert not VectorSentiment(min_per_class=50).fit(x, y).usable_


def test_keyword_bigrams_stay_inside_one_text_and_names_ignore_item_order():
    texts = ["parcel lost again", "refund never came", "parcel lost", "refund never arrived"] * 5
    labels = np.array([0, 1, 0, 1] * 5)
    _, terms, _ = class_tfidf(texts, labels)
    assert "lost refund" not in terms and "came parcel" not in terms  # across two texts
    first = CTfidfLabeler().fit(texts, labels).labels_
    perm = np.random.default_rng(0).permutation(len(texts))
    second = CTfidfLabeler().fit([texts[i] for i in perm], labels[perm]).labels_
    assert {t: (n.label, n.keywords) for t, n in first.items()} == {
        t: (n.label, n.keywords) for t, n in second.items()
    }


@pytest.mark.parametrize(("rows", "weeks"), [(3, 1), (4, 2), (5, 8), (6, 9), (40, 30), (0, 4)])
def test_baselines_are_the_rolling_mean_and_median_of_the_weeks_before(
    rows: int, weeks: int
) -> None:
    """The numpy baselines equal pandas' rolling window over the previous weeks (min 1 week;
    0 where a week has none before it)."""
    from analysis.trends import RULES, _baseline

    counts = np.random.default_rng(rows * 100 + weeks).poisson(4, (rows, weeks))
    pivot = pd.DataFrame(counts, columns=[f"2026-W{w + 1:02d}" for w in range(weeks)])
    window = pivot.T.shift(1).rolling(RULES.baseline_weeks, min_periods=1)
    base = _baseline(pivot, RULES, np.zeros(rows, dtype=int))  # every key known from week 1
    np.testing.assert_allclose(base.mean.to_numpy(), window.mean().T.fillna(0.0).to_numpy())
    np.testing.assert_allclose(base.median.to_numpy(), window.median().T.fillna(0.0).to_numpy())
    expected = [min(w, RULES.baseline_weeks) for w in range(weeks)]
    assert all(list(row) == expected for row in base.history.to_numpy())


@pytest.mark.parametrize(("first", "weeks"), [(0, 12), (3, 12), (7, 9), (11, 12), (5, 5)])
def test_baselines_start_at_the_keys_first_week_with_items(first: int, weeks: int) -> None:
    """A key's baseline counts only the weeks since its first week with items: the weeks before
    it existed are not quiet weeks (a theme born 2 weeks ago is not compared with 0,25)."""
    from analysis.trends import RULES, _baseline

    values = np.random.default_rng(first * 10 + weeks).poisson(4, weeks) + 1
    values[:first] = 0
    pivot = pd.DataFrame([values], columns=[f"2026-W{w + 1:02d}" for w in range(weeks)])
    base = _baseline(pivot, RULES)
    for j in range(weeks):
        seen = values[max(first, j - RULES.baseline_weeks) : j] if j > first else values[:0]
        assert base.history.iloc[0, j] == len(seen)
        assert base.mean.iloc[0, j] == pytest.approx(seen.mean() if len(seen) else 0.0)
        assert base.median.iloc[0, j] == pytest.approx(np.median(seen) if len(seen) else 0.0)


@pytest.mark.parametrize("max_terms", [200_000, 7])
def test_terms_counted_ahead_give_the_same_keywords(monkeypatch, max_terms):
    # The refresh counts every text's terms beside the layout; c-TF-IDF then takes the
    # sorted rows from them. Unsorted rows' terms must drop out and the term limit keep the
    # same terms, as counting the sorted rows alone does.
    import analysis.labels as labels

    monkeypatch.setattr(labels, "MAX_TERMS", max_terms)
    texts = [
        "card payment declined twice",
        "my card was declined at the shop",
        "refund still not received",
        "where is my refund",
        "parcel arrived late again",
        "late delivery of my parcel",
        "zebra quokka only here",  # unsorted: its words must not become terms
        "",
    ]
    theme = np.array([0, 0, 1, 1, 2, 2, -1, 1])
    themes, terms, weights = class_tfidf(texts, theme)
    count_terms(texts)
    ahead = class_tfidf(texts, theme)
    assert ahead[0] == themes and ahead[1] == terms
    assert "zebra" not in ahead[1] and (max_terms > 10 or len(terms) == max_terms)
    assert np.array_equal(ahead[2].toarray(), weights.toarray())
    count_terms(["the and of", "a"])  # only stop words
    assert class_tfidf(["the and of", "a"], [0, 0])[1] == []
