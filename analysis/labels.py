"""Theme labels: a name in the customers' words, class-based TF-IDF keywords, and quotes.

The name is the theme's most distinctive phrase (:mod:`analysis.phrases`), found verbatim in
two or more of its texts; the keywords stay as detail. A theme that is not an opinion theme
(:func:`analysis.opinion_only.opinion_themes`) is named by a phrase that carries a subject
word ("audio", not "great app") whenever one is a candidate; an opinion theme that no phrase
with an opinion word names reads the opinion words its texts say ("روعه", "ok, top":
:func:`analysis.opinion_only.opinion_word_names`); thanks never name a theme nor make a
keyword (:data:`analysis.stopwords.THANKS_WORDS`). A theme no phrase names falls back to its
keywords, those in the script most of its texts are written in. Both are computed on the texts'
subject (:mod:`analysis.subject_text`: no @mentions, URLs, placeholders, greetings or
sign-offs, no words common to the whole workspace), never on the surface.

Class-based TF-IDF (as in BERTopic): all texts of a theme form one document; a term's
weight is its frequency in the theme (normalised by the theme's length) times
``log(1 + average theme length / the term's frequency over all themes)``. Words and bigrams,
stop words (:data:`analysis.stopwords.STOP_WORDS`) removed. A theme with enough items in both Dutch and English
gets ``label_nl`` and ``label_en``, each computed from its own items only.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from analysis.clustering import group_sums
from analysis.embedders import l2_normalize
from analysis.opinion_only import (
    THANKS_NAMES,
    holds_an_opinion,
    opinion_themes,
    opinion_word_names,
    thanking_themes,
)
from analysis.phrases import CLAUSE, phrase_labels
from analysis.reading import DistinctQuotes, language_code
from analysis.stopwords import LETTER_MARKS, STOP_WORDS
from analysis.subject_text import cleaned_texts, subject_texts

TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"
# Letters and digits with their combining marks (:data:`analysis.stopwords.LETTER_MARKS`).
_WORD = re.compile(rf"\w(?:\w|[{LETTER_MARKS}])*")
_NO_MARKS = str.maketrans("", "", LETTER_MARKS)


def keyword_terms(text: str) -> list[str]:
    """The terms a text is counted by: its words (two letters or more, no digits, no stop
    words) and each pair of words in a row, stop words between them skipped ("levering te
    laat" -> "levering laat"), but never across a clause's end or a number: "te laat, ik heb
    5 dagen gewacht" gives no "laat dagen", "kwam 4 dagen later" no "kwam dagen" (scikit-
    learn's word bigrams ran across both, and the demo's late-delivery keywords read "kwam
    dagen, levering dagen"). Clauses end where names end (:data:`analysis.phrases.CLAUSE`)."""
    terms: list[str] = []
    append = terms.append
    for clause in CLAUSE.split(text.lower()):
        previous = ""
        for word in _WORD.findall(clause):
            if not word.isalpha() and not word.translate(_NO_MARKS).isalpha():
                # digits, or letters and digits ("a4"): no term
                if not word.translate(_NO_MARKS).replace("_", "").isalpha():
                    previous = ""  # a number parts the words beside it
                continue
            if len(word) < 2 or word in STOP_WORDS:
                continue
            append(word)
            if previous:
                append(previous + " " + word)
            previous = word
    return terms


@dataclass(frozen=True, slots=True)
class ThemeLabel:
    """What a manager reads about one theme.

    ``quotes`` are row indices (into the texts given to the labeler), nearest the centre
    first and mutually different.
    """

    label: str
    keywords: tuple[str, ...] = ()
    quotes: tuple[int, ...] = ()
    label_nl: str = ""
    label_en: str = ""
    keyword_scores: tuple[float, ...] = field(default=(), compare=False)
    keywords_nl: tuple[str, ...] = ()  # from its Dutch items, when it has its own Dutch name
    keywords_en: tuple[str, ...] = ()  # ... English


class Labeler(Protocol):
    """Anything with ``fit(texts, labels, vectors, languages)`` setting ``labels_``."""

    labels_: dict[int, ThemeLabel]

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[int] | np.ndarray,
        vectors: np.ndarray | None = None,
        languages: Sequence[str] | None = None,
    ) -> Labeler: ...


class FixedLabeler:
    """Labels every theme ``"theme <n>"`` (for tests)."""

    def fit(self, texts, labels, vectors=None, languages=None) -> FixedLabeler:  # type: ignore[no-untyped-def]
        self.labels_ = {int(t): ThemeLabel(f"theme {t}") for t in sorted(set(labels)) if t >= 0}
        return self


MAX_TERMS = 200_000

# Term counts of whole text lists, counted ahead (:func:`count_terms`); the last two kept.
_COUNTS: OrderedDict[tuple[str, ...], tuple[Any, np.ndarray] | None] = OrderedDict()
_COUNTS_LOCK = threading.Lock()


def _vectorizer(max_features: int | None) -> Any:
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(analyzer=keyword_terms, max_features=max_features)


def count_terms(texts: Sequence[str]) -> None:
    """Count the terms of every text now, for a later :func:`class_tfidf` of the same texts.

    A text's counts do not depend on its theme, only which texts are counted does (unsorted
    ones are left out): the refresh counts all texts on the second core while the layout
    runs, and :func:`class_tfidf` takes the rows and terms it needs from them, with the
    same terms, counts and term limit as counting those rows itself (a test compares).
    """
    key = tuple(texts)
    vectorizer = _vectorizer(None)
    try:
        counts = vectorizer.fit_transform(key)
        found: tuple[Any, np.ndarray] | None = (counts, vectorizer.get_feature_names_out())
    except ValueError:  # only stop words / no tokens at all
        found = None
    with _COUNTS_LOCK:
        _COUNTS[key] = found
        while len(_COUNTS) > 2:
            _COUNTS.popitem(last=False)


def _counted_rows(texts: Sequence[str], rows: np.ndarray) -> tuple[Any, list[str]] | None:
    """Counts of ``rows`` and their terms from :func:`count_terms`, as
    ``CountVectorizer(max_features=MAX_TERMS).fit_transform`` of those rows gives them
    (terms in alphabetical order, only terms the rows have, the most frequent if too many);
    None when not counted ahead."""
    key = tuple(texts)
    with _COUNTS_LOCK:
        if key not in _COUNTS:
            return None
        found = _COUNTS[key]
    if found is None:
        raise ValueError("no terms")
    counts, terms = found
    counts = counts[rows]
    totals = np.asarray(counts.sum(axis=0)).ravel()
    kept = np.flatnonzero(totals > 0)
    if len(kept) == 0:
        raise ValueError("no terms")
    if len(kept) > MAX_TERMS:  # scikit-learn's _limit_features, on the same totals
        kept = np.sort(kept[(-totals[kept]).argsort()[:MAX_TERMS]])
    return counts[:, kept], [str(t) for t in terms[kept]]


def class_tfidf(
    texts: Sequence[str], labels: Sequence[int] | np.ndarray
) -> tuple[list[int], list[str], Any]:
    """c-TF-IDF: (themes, terms, sparse weights of shape (n_themes, n_terms)).

    Rows with a negative label are ignored.
    """
    labels_arr = np.asarray(labels)
    themes = sorted({int(t) for t in labels_arr if t >= 0})
    if not themes:
        return [], [], np.zeros((0, 0))
    rows = np.flatnonzero(labels_arr >= 0)
    # Counted per text, then summed per theme: a bigram never spans two texts (joining a
    # theme's texts into one document made "...beater" + "know..." a keyword, and one that
    # depended on the order of the texts).
    try:
        counted = _counted_rows(texts, rows)
        if counted is None:
            vectorizer = _vectorizer(MAX_TERMS)
            counted = (
                vectorizer.fit_transform([texts[int(i)] for i in rows]),
                list(vectorizer.get_feature_names_out()),
            )
    except ValueError:  # only stop words / no tokens at all
        return themes, [], np.zeros((len(themes), 0))
    per_text = counted[0].astype(np.float64)
    from scipy import sparse

    index = {theme: i for i, theme in enumerate(themes)}
    onehot = sparse.csr_matrix(
        (np.ones(len(rows)), ([index[int(labels_arr[r])] for r in rows], np.arange(len(rows)))),
        shape=(len(themes), len(rows)),
    )
    counts = sparse.csr_matrix(onehot @ per_text)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    tf = sparse.diags(1.0 / np.maximum(lengths, 1)) @ counts
    idf = np.log(1 + lengths.mean() / np.maximum(np.asarray(counts.sum(axis=0)).ravel(), 1))
    weights = sparse.csr_matrix(tf.multiply(idf[None, :]))
    return themes, list(counted[1]), weights


def short_label(terms: Sequence[str], max_words: int = 4) -> str:
    """2-4 words from ranked terms: skip terms whose words are already shown."""
    chosen: list[str] = []
    used: set[str] = set()
    for term in terms:
        words = term.split()
        if all(w in used for w in words):
            continue
        # A bigram that contains a shown word replaces that word ("fee" -> "transfer fee").
        inside = [c for c in chosen if " " not in c and c in words]
        if inside:
            chosen[chosen.index(inside[0])] = term
        elif chosen and sum(len(c.split()) for c in chosen) + len(words) > max_words:
            continue
        else:
            chosen.append(term)
        used.update(words)
        if sum(len(c.split()) for c in chosen) >= 3 or len(chosen) == 2:
            break
    return ", ".join(chosen)


def _ranked_terms(row: Any, terms: list[str], n: int) -> tuple[list[str], list[float]]:
    weights = np.asarray(row.toarray()).ravel() if hasattr(row, "toarray") else np.asarray(row)
    top = np.argsort(-weights, kind="stable")[: n * 3]
    out: list[str] = []
    scores: list[float] = []
    for j in top:
        if weights[j] <= 0:
            break
        term = terms[j]
        # A unigram already inside a chosen bigram adds nothing.
        if any(term in chosen.split() for chosen in out if " " in chosen):
            continue
        out.append(term)
        scores.append(float(weights[j]))
        if len(out) == n:
            break
    return out, scores


def representative_quotes(
    vectors: np.ndarray,
    rows: np.ndarray,
    texts: Sequence[str],
    n_quotes: int = 5,
    max_similarity: float = 0.9,
) -> tuple[int, ...]:
    """Rows nearest the centre of ``rows``, skipping repeats of earlier picks
    (:class:`analysis.reading.DistinctQuotes`) and texts too close to them in meaning."""
    if len(rows) == 0:
        return ()
    sub = vectors[rows]
    centre = l2_normalize(sub.mean(axis=0, keepdims=True))[0]
    sims = sub @ centre
    ranking = rows[np.lexsort((rows, -sims))]
    chosen: list[int] = []
    taken = DistinctQuotes()
    for row in ranking:
        text = texts[row]
        if len(" ".join(text.split())) < 3 or text in taken:
            continue
        if chosen and float(np.max(vectors[chosen] @ vectors[row])) > max_similarity:
            continue
        chosen.append(int(row))
        taken.add(text)
        if len(chosen) == n_quotes:
            break
    return tuple(chosen)


class CTfidfLabeler:
    """Labels, keywords and quotes per theme.

    Args:
        n_keywords: keywords per theme (at most 10 are shown).
        n_quotes: representative quotes per theme (3-5).
        min_language_items: items a theme needs in a language for its own label.
        min_language_share: ... and at least this share of the theme.
        length_weight: name length preference (:func:`analysis.phrases.phrase_labels`).
        expand_share: a one-word name gives way to a 2-3 word phrase holding it that at least
            this share of its texts say (0: never; :func:`analysis.phrases.phrase_labels`).

    Attributes:
        labels_: theme -> :class:`ThemeLabel`.
    """

    def __init__(
        self,
        n_keywords: int = 10,
        n_quotes: int = 5,
        min_language_items: int = 5,
        min_language_share: float = 0.15,
        length_weight: dict[int, float] | None = None,
        expand_share: float = 0.0,
    ) -> None:
        self.n_keywords = n_keywords
        self.n_quotes = n_quotes
        self.min_language_items = min_language_items
        self.min_language_share = min_language_share
        self.length_weight = length_weight
        self.expand_share = expand_share

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[int] | np.ndarray,
        vectors: np.ndarray | None = None,
        languages: Sequence[str] | None = None,
        parts: Sequence[int] | np.ndarray | None = None,
    ) -> CTfidfLabeler:
        """Compute labels for every theme in ``labels`` (negative labels are skipped).

        ``parts``: a sub-group per text (the themes of top themes), see ``expand_share``.
        """
        labels_arr = np.asarray(labels, dtype=np.int64)
        # Names come from the texts with only addressee and politeness removed, so a name is
        # verbatim in its quotes ("unblock my pin", not "unblock pin" after "my" went as a
        # word common to the workspace); the keywords leave the common words out.
        cleaned, common = cleaned_texts(texts)
        subjects = subject_texts(texts, common=common)
        themes, terms, weights = class_tfidf(subjects, labels_arr)
        ranked = {
            theme: _ranked_terms(weights[i], terms, self.n_keywords) if terms else ([], [])
            for i, theme in enumerate(themes)
        }
        order = _representative_order(vectors, labels_arr)
        # Themes that only give an opinion keep names such as "nice app"; the others are
        # named by a subject ("audio", not "great app") where a phrase carries one.
        opinion = {int(t) for t in np.flatnonzero(opinion_themes(texts, labels_arr))}
        keyword_map = {theme: kw for theme, (kw, _) in ranked.items()}
        names = phrase_labels(
            cleaned,
            labels_arr,
            order=order,
            exclude=common,
            keywords=keyword_map,
            length_weight=self.length_weight,
            parts=parts,
            expand_share=self.expand_share,
            opinion=opinion,
        )
        # An opinion theme of thank-you reviews that no phrase names reads "thanks" (the
        # largest one only: two themes never share a name). Read only in the opinion themes
        # no phrase names (usually none): looking for thanks in all texts took ~1 s at 100k.
        unnamed_opinion = np.array(sorted(t for t in opinion if not names.get(t)), dtype=np.int64)
        rows = np.flatnonzero(np.isin(labels_arr, unnamed_opinion))
        dense = np.searchsorted(unnamed_opinion, labels_arr[rows])
        thanking: np.ndarray = (
            thanking_themes([texts[int(r)] for r in rows], dense)
            if len(rows)
            else np.zeros(0, dtype=bool)
        )
        sizes = np.bincount(labels_arr[labels_arr >= 0], minlength=1)
        unnamed = sorted(
            (int(unnamed_opinion[i]) for i in np.flatnonzero(thanking)),
            key=lambda t: (-sizes[t], t),
        )
        thanks = set(unnamed[:1])
        # The other opinion themes that no phrase with an opinion word names read the
        # opinion words their texts say ("روعه" for "روعهههه", "رووووعة"), not their
        # keywords nor a phrase of two texts: in the real reviews "anglina, apuros" (stray
        # words of single texts) for 20 texts of short praise, "dd" ("Dd", "Bsvs Dd") for
        # "Tooop", "ok", "The Best", "PK 12".
        by_words = np.array(
            sorted(
                t for t in opinion if t not in thanks and not holds_an_opinion(names.get(t) or "")
            ),
            dtype=np.int64,
        )
        rows = np.flatnonzero(np.isin(labels_arr, by_words))
        word_names = opinion_word_names(
            [texts[int(r)] for r in rows],
            labels_arr[rows],
            taken={n for t, n in names.items() if n and t not in by_words},
        )
        per_language: dict[str, dict[int, str]] = {}
        language_keywords: dict[str, dict[int, tuple[str, ...]]] = {}
        if languages is not None:
            langs = np.asarray([language_code(lang) for lang in languages])
            for lang in ("nl", "en"):
                masked = np.where(langs == lang, labels_arr, -1)
                eligible = set()
                for theme in themes:
                    n_lang = int((masked == theme).sum())
                    n_all = int((labels_arr == theme).sum())
                    others = int(((labels_arr == theme) & (langs != lang) & (langs != "")).sum())
                    if (
                        n_lang >= self.min_language_items
                        and n_lang >= self.min_language_share * n_all
                        and others >= self.min_language_items
                    ):
                        eligible.add(theme)
                if not eligible:
                    continue
                lt, lterms, lweights = class_tfidf(subjects, masked)
                lang_keywords = {
                    theme: _ranked_terms(lweights[i], lterms, 6)[0] if lterms else []
                    for i, theme in enumerate(lt)
                }
                lang_names = phrase_labels(
                    cleaned,
                    masked,
                    order=order,
                    exclude=common,
                    keywords=lang_keywords,
                    length_weight=self.length_weight,
                    parts=parts,
                    expand_share=self.expand_share,
                    opinion=opinion,
                )
                # Only a phrase the language's texts say: without one the name stays empty and
                # the screen falls back (workspace.names), never to a keyword pair such as
                # "developers helped, match" for reviews that mostly say thanks.
                per_language[lang] = {
                    theme: lang_names[theme] for theme in eligible if lang_names.get(theme)
                }
                # Keywords in that language go with its name (a Dutch screen read "friendly"
                # among "vriendelijk, klantenservice, medewerker").
                language_keywords[lang] = {
                    theme: tuple(_ranked_terms(lweights[i], lterms, self.n_keywords)[0])
                    for i, theme in enumerate(lt)
                    if theme in per_language[lang]
                }
        self.labels_ = {}
        for theme in themes:
            keywords, scores = ranked[theme]
            rows = np.flatnonzero(labels_arr == theme)
            quotes = (
                representative_quotes(vectors, rows, texts, self.n_quotes)
                if vectors is not None
                else tuple(int(r) for r in rows[: self.n_quotes])
            )
            label_nl = per_language.get("nl", {}).get(theme, "")
            label_en = per_language.get("en", {}).get(theme, "")
            if theme in thanks:  # no phrase names it: thanks may not
                label, label_nl, label_en = THANKS_NAMES["en"], THANKS_NAMES["nl"], ""
            else:
                if theme in word_names:  # the names in one language, by the same rule
                    label_nl = label_nl if holds_an_opinion(label_nl) else ""
                    label_en = label_en if holds_an_opinion(label_en) else ""
                label = (
                    word_names.get(theme)
                    or names.get(theme)
                    or short_label(_in_main_script(keywords, [texts[int(r)] for r in rows]))
                    or f"theme {theme}"
                )
            self.labels_[theme] = ThemeLabel(
                label=label,
                keywords=tuple(keywords),
                quotes=quotes,
                label_nl=label_nl,
                label_en=label_en,
                keyword_scores=tuple(scores),
                keywords_nl=language_keywords.get("nl", {}).get(theme, ()),
                keywords_en=language_keywords.get("en", {}).get(theme, ()),
            )
        return self


def _script(text: str) -> str:
    """The writing system of ``text``'s first letter ("LATIN", "ARABIC", "MYANMAR"); ""
    without a letter."""
    for char in text:
        if char.isalpha():
            return unicodedata.name(char, "").split(" ")[0]
    return ""


def _in_main_script(keywords: Sequence[str], texts: Sequence[str]) -> list[str]:
    """The keywords written in the script most of ``texts`` are written in (all of them when
    none is): a name of keywords never mixes in a stray word of another script ("presque
    parfaite, الأحداث" for two texts in French and English and one in Arabic)."""
    scripts = Counter(s for s in map(_script, texts) if s)
    if not scripts:
        return list(keywords)
    main = min(scripts.items(), key=lambda sc: (-sc[1], sc[0]))[0]
    return [k for k in keywords if _script(k) == main] or list(keywords)


def _representative_order(vectors: np.ndarray | None, labels: np.ndarray) -> np.ndarray:
    """Rows ordered by similarity to their theme's centre (most representative first)."""
    if vectors is None or not (labels >= 0).any():
        return np.arange(len(labels))
    k = int(labels.max()) + 1
    inside = labels >= 0
    centres = l2_normalize(group_sums(vectors[inside], labels[inside], k))
    sims = np.full(len(labels), -np.inf)
    sims[inside] = np.einsum("ij,ij->i", vectors[inside], centres[labels[inside]])
    return np.lexsort((np.arange(len(labels)), -sims))
