"""Sentiment on -1..1, offline, for Dutch and English.

- Items with a rating: the rating mapped linearly from its own scale onto -1..1.
- Items without: a logistic regression trained on the workspace's own rated items' vectors
  (:class:`VectorSentiment`) when there are enough rated items of both kinds, else a small
  bilingual lexicon (:class:`LexiconSentiment`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import pandas as pd

POSITIVE = frozenset(
    [
        "good",
        "great",
        "excellent",
        "perfect",
        "fast",
        "quick",
        "friendly",
        "helpful",
        "happy",
        "satisfied",
        "love",
        "lovely",
        "nice",
        "recommend",
        "recommended",
        "easy",
        "smooth",
        "thanks",
        "super",
        "awesome",
        "amazing",
        "best",
        "polite",
        "solved",
        "quickly",
        "goed",
        "geweldig",
        "uitstekend",
        "perfect",
        "snel",
        "vriendelijk",
        "behulpzaam",
        "blij",
        "tevreden",
        "top",
        "fijn",
        "prima",
        "aanrader",
        "aanbevolen",
        "makkelijk",
        "gemakkelijk",
        "soepel",
        "super",
        "fantastisch",
        "mooi",
        "netjes",
        "keurig",
        "opgelost",
        "correct",
        "handig",
        "beste",
        "lekker",
        # Dutch adjectives before a noun take -e ("snelle levering", "goede service").
        "goede",
        "snelle",
        "vriendelijke",
        "behulpzame",
        "fijne",
        "soepele",
        "fantastische",
        "mooie",
        "handige",
        "makkelijke",
        "gemakkelijke",
        "uitstekende",
        "geweldige",
        "supersnel",
        "supersnelle",
    ]
)
NEGATIVE = frozenset(
    [
        "bad",
        "poor",
        "terrible",
        "awful",
        "slow",
        "late",
        "broken",
        "damaged",
        "wrong",
        "missing",
        "never",
        "rude",
        "unhelpful",
        "angry",
        "disappointed",
        "disappointing",
        "worst",
        "problem",
        "problems",
        "issue",
        "issues",
        "refund",
        "complaint",
        "useless",
        "expensive",
        "error",
        "fails",
        "failed",
        "failing",
        "crash",
        "crashes",
        "cancelled",
        "lost",
        "waiting",
        "wait",
        "unacceptable",
        "slecht",
        "traag",
        "laat",
        "kapot",
        "beschadigd",
        "verkeerd",
        "verkeerde",
        "ontbreekt",
        "nooit",
        "onbeleefd",
        "boos",
        "teleurgesteld",
        "teleurstellend",
        "slechtste",
        "probleem",
        "problemen",
        "klacht",
        "nutteloos",
        "duur",
        "fout",
        "fouten",
        "mislukt",
        "crasht",
        "geannuleerd",
        "kwijt",
        "wachten",
        "wacht",
        "onacceptabel",
        "helaas",
        "jammer",
        "zonde",
        "onbereikbaar",
        "niemand",
        "slechte",
        "trage",
        "kapotte",
        "beschadigde",
        "teleurstellende",
        "onbeleefde",
        "nutteloze",
        "dure",
        "foute",
        "mislukte",
    ]
)
NEGATORS = frozenset(
    ["not", "no", "never", "niet", "geen", "nooit", "don't", "didn't", "isn't", "wasn't"]
)
_TOKEN = re.compile(r"[^\W\d_]+(?:'[a-z]+)?", re.UNICODE)
CONTRAST_WORDS = frozenset(
    ["but", "however", "although", "though", "except", "yet"]
    + ["maar", "echter", "hoewel", "behalve", "alleen", "toch"]
)
"""Words that turn a text ("easy to return, but the refund takes weeks"): a text with one
has no clear tone by its words (:func:`clear_word_tones`)."""


def rating_to_sentiment(
    rating: Sequence[float | None], low: Sequence[float | None], high: Sequence[float | None]
) -> np.ndarray:
    """Ratings mapped onto -1..1 by their own scale; NaN where there is no rating."""
    r = pd.to_numeric(pd.Series(list(rating), dtype="object"), errors="coerce").to_numpy(float)
    lo = pd.to_numeric(pd.Series(list(low), dtype="object"), errors="coerce").to_numpy(float)
    hi = pd.to_numeric(pd.Series(list(high), dtype="object"), errors="coerce").to_numpy(float)
    span = hi - lo
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(span > 0, 2.0 * (r - lo) / span - 1.0, np.nan)
    return np.clip(out, -1.0, 1.0)


class TextSentiment(Protocol):
    """Anything that scores texts (and their vectors) on -1..1."""

    def predict(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray: ...


class LexiconSentiment:
    """Counts Dutch and English positive/negative words (a negator flips the next word)."""

    def predict(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        scores = np.zeros(len(texts))
        for i, text in enumerate(texts):
            pos = neg = 0
            flip = False
            for token in _TOKEN.findall(text.lower()):
                if token in NEGATORS:
                    flip = True
                    continue
                sign = 1 if token in POSITIVE else -1 if token in NEGATIVE else 0
                if flip:
                    sign = -sign
                flip = False
                pos += sign > 0
                neg += sign < 0
            scores[i] = (pos - neg) / (pos + neg + 1.0)
        return scores


def clear_word_tones(texts: Sequence[str]) -> np.ndarray:
    """Per text, +1 when its words are only positive, -1 only negative, else 0.

    Stricter than :class:`LexiconSentiment`: a text that has words of both kinds (a negator
    turns the word after it: "never crashes" is positive), a negator before a word the
    lexicon lacks ("not right": its tone is unknown) or a contrast word
    (:data:`CONTRAST_WORDS`) has no clear tone by its words, nor has a text without a word
    of the lexicon. A rating says how the writer felt about something; this
    says whether the text itself says it (a helpdesk ticket rated "good" for its handling
    still complains: "Late delivery again: 4 days for a desk lamp").
    """
    tones = np.zeros(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        tokens = _TOKEN.findall(text.lower())
        if any(t in CONTRAST_WORDS for t in tokens):
            continue
        signs: set[int] = set()
        for n, token in enumerate(tokens):
            if token in NEGATORS:
                after = tokens[n + 1] if n + 1 < len(tokens) else ""
                sign = 1 if after in POSITIVE else -1 if after in NEGATIVE else 0
                # "never crashes" is praise, "not good" a complaint; "not right" unknown.
                signs.add(-sign if sign else 0)
            elif n == 0 or tokens[n - 1] not in NEGATORS:
                signs.add(1 if token in POSITIVE else -1 if token in NEGATIVE else 2)
        signs.discard(2)
        tones[i] = signs.pop() if len(signs) == 1 else 0
    return tones


class VectorSentiment:
    """Logistic regression on vectors, trained on rated items (rating sentiment > 0 vs < 0).

    Args:
        min_per_class: rated items needed on each side; below that ``fit`` leaves
            ``usable_ = False`` and :meth:`predict` falls back to the lexicon.
        random_state: passed to the regression.
    """

    def __init__(self, min_per_class: int = 30, C: float = 1.0, random_state: int = 0) -> None:
        self.min_per_class = min_per_class
        self.C = C
        self.random_state = random_state

    def fit(self, vectors: np.ndarray, sentiment: np.ndarray) -> VectorSentiment:
        """Train on rows with a known sentiment (neutral rows are skipped)."""
        sentiment = np.asarray(sentiment, dtype=float)
        mask = np.isfinite(sentiment) & (np.abs(sentiment) > 1e-9)
        y = (sentiment[mask] > 0).astype(int)
        self.usable_ = (
            bool(mask.any()) and min(int(y.sum()), int((1 - y).sum())) >= self.min_per_class
        )
        self.fallback_ = LexiconSentiment()
        if self.usable_:
            from sklearn.linear_model import LogisticRegression

            self.model_ = LogisticRegression(
                C=self.C, max_iter=1000, random_state=self.random_state
            )
            self.model_.fit(vectors[mask], y)
        return self

    def predict(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        if not getattr(self, "usable_", False) or vectors is None:
            return (
                self.fallback_.predict(texts)
                if hasattr(self, "fallback_")
                else LexiconSentiment().predict(texts)
            )
        return 2.0 * self.model_.predict_proba(vectors)[:, 1] - 1.0


def item_sentiment(
    texts: Sequence[str],
    vectors: np.ndarray,
    rating_sentiment: np.ndarray,
    model: VectorSentiment | None = None,
) -> tuple[np.ndarray, list[str]]:
    """Sentiment per item and its source (``"rating"``, ``"model"`` or ``"lexicon"``)."""
    rating_sentiment = np.asarray(rating_sentiment, dtype=float)
    out = rating_sentiment.copy()
    source = ["rating" if np.isfinite(v) else "" for v in rating_sentiment]
    missing = np.flatnonzero(~np.isfinite(rating_sentiment))
    if len(missing):
        model = (model or VectorSentiment()).fit(vectors, rating_sentiment)
        texts_missing = [texts[int(i)] for i in missing]
        out[missing] = model.predict(texts_missing, vectors[missing])
        for i in missing:
            source[i] = "model" if model.usable_ else "lexicon"
    return out, source
