"""Praise kept out of a complaint's theme (analysis/polarity.py) and the word rule it reads."""

import numpy as np
import pandas as pd
import pytest

from analysis.polarity import (
    MIN_TONED_ITEMS,
    item_tones,
    keep_out_of_opposed,
    theme_tones,
)
from analysis.refresh_plan import keep_opposed_out
from analysis.sentiment import clear_word_tones


@pytest.mark.parametrize(
    ("text", "tone"),
    [
        pytest.param("Delivery was super fast, great packaging.", 1, id="en-praise"),
        pytest.param("Supersnelle bezorging, netjes ingepakt!", 1, id="nl-inflected-praise"),
        pytest.param("The app works smoothly and it never crashes.", 1, id="negated-complaint"),
        pytest.param("My parcel arrived 3 days late.", -1, id="en-complaint"),
        pytest.param("Slechte service, pakket kwam kapot aan.", -1, id="nl-complaint"),
        pytest.param("not good, the app is broken", -1, id="negated-praise"),
        pytest.param("Returning was easy, but the refund takes a month.", 0, id="contrast"),
        pytest.param("Great app, it crashes every day.", 0, id="both-kinds"),
        pytest.param("The invoice is not right, please correct it.", 0, id="negator-unknown"),
        pytest.param("Mijn bestelnummer is 12345.", 0, id="no-opinion"),
    ],
)
def test_clear_word_tones(text, tone):
    assert clear_word_tones([text])[0] == tone


@pytest.mark.parametrize(
    ("sentiment", "text", "tone"),
    [
        pytest.param(1.0, "Delivery was super fast!", 1, id="rating-and-words"),
        pytest.param(
            1.0, "Good morning,\n\nThe delivery was very late again.", 0, id="ticket-rated-good"
        ),
        pytest.param(-1.0, "Great app", 0, id="one-star-praise"),
        pytest.param(1.0, "Great app but it crashes", 0, id="five-stars-but-crashes"),
        pytest.param(0.1, "Delivery was super fast!", 0, id="sentiment-not-clear"),
        pytest.param(float("nan"), "Delivery was super fast!", 0, id="no-sentiment"),
    ],
)
def test_an_item_has_a_clear_tone_only_when_its_score_and_words_agree(sentiment, text, tone):
    assert item_tones([sentiment], [text])[0] == tone


def _theme(theme_id, negative, positive, neutral=0):
    ids = [theme_id] * (negative + positive + neutral)
    return ids, [-1.0] * negative + [1.0] * positive + [0.0] * neutral


@pytest.mark.parametrize(
    ("negative", "positive", "neutral", "tone"),
    [
        pytest.param(19, 1, 30, -1, id="95-percent-complaints"),
        pytest.param(1, 19, 0, 1, id="95-percent-praise"),
        pytest.param(17, 3, 0, None, id="85-percent-mixed"),
        pytest.param(MIN_TONED_ITEMS - 1, 0, 40, None, id="too-few-toned"),
    ],
)
def test_theme_tones(negative, positive, neutral, tone):
    ids, sentiment = _theme(7, negative, positive, neutral)
    assert theme_tones(ids + [-1] * 5, sentiment + [1.0] * 5).get(7) == tone


def _space():
    """Three themes in 3-d: 1 complaints about delivery, 2 praise of staff, 3 mixed prices."""
    centres = np.eye(3, dtype=np.float32)
    one_sided = {1: -1, 2: 1}
    return centres, [1, 2, 3], one_sided


def test_praise_in_a_complaint_theme_is_taken_out_and_stays_unsorted_without_a_praise_theme():
    centres, ids, one_sided = _space()
    vectors = np.array([[1.0, 0.1, 0.0], [1.0, 0.0, 0.1], [0.9, 0.0, 0.5]], dtype=np.float32)
    sentiment = [1.0, -1.0, 1.0]
    texts = ["Super fast delivery!", "Late again.", "Great, fast delivery."]
    themes, moved = keep_out_of_opposed(
        np.array([1, 1, 1]), sentiment, texts, one_sided, vectors, centres, ids, 0.6
    )
    # The praise leaves; the complaint stays; near a mixed theme (3) the praise stays unsorted.
    assert themes.tolist() == [-1, 1, -1] and moved.tolist() == [True, False, True]


def test_taken_out_praise_joins_a_near_praise_theme_and_manual_items_stay():
    centres, ids, one_sided = _space()
    vectors = np.array([[0.7, 0.7, 0.0], [0.7, 0.7, 0.0]], dtype=np.float32)
    themes, moved = keep_out_of_opposed(
        np.array([1, 1]),
        [1.0, 1.0],
        ["Friendly and fast!", "Friendly and fast!"],
        one_sided,
        vectors,
        centres,
        ids,
        0.6,
        fixed=np.array([False, True]),
    )
    assert themes.tolist() == [2, 1] and moved.tolist() == [True, False]


def test_the_refresh_keeps_praise_out_of_a_new_complaint_theme():
    """A refresh's new themes have provisional ids (-2, -3, ...): the rule reads them too."""
    rng = np.random.default_rng(0)
    late = np.array([1.0, 0.0]) + 0.05 * rng.standard_normal((20, 2))
    vectors = np.vstack([late, [[1.0, 0.05]]])
    texts = ["My parcel came 4 days late."] * 20 + ["Delivery was super fast!"]
    items = pd.DataFrame({"id": [str(n) for n in range(21)], "text": texts})
    sentiment = np.array([-1.0] * 20 + [1.0])
    themes, moved = keep_opposed_out(items, vectors, np.full(21, -2), sentiment, 0.3)
    assert themes.tolist() == [-2] * 20 + [-1] and moved.tolist() == [False] * 20 + [True]
    kept, _ = keep_opposed_out(items, vectors, np.full(21, -2), sentiment, 0.3, {"20"})
    assert kept.tolist() == [-2] * 21
