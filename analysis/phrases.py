"""Theme names in the customers' own words: the most distinctive phrase of each theme.

A candidate is a run of 1-4 words inside one clause of a text (clauses end at punctuation),
case-folded, that neither starts nor ends with a stop word, a greeting or a number, nor holds
a question cut off before its start ("long does a transfer"). Candidates that differ only in
function words (:func:`phrase_key`: "cancel a transfer", "cancel my transfer") are one
candidate: their texts are counted together and it is shown as its most frequent wording
(on banking77: 73% -> 77% of names share a word with the intent; 80% with
``FRAGMENT_SHARE``: a phrase most of whose texts say it with one more word gives way to the
longer phrase). For each theme, every candidate gets

    score = coverage * precision**2 * length weight

where coverage is the share of the theme's texts that contain it, precision is
``coverage / (coverage + the share of the other themes' texts that contain it)`` and the
length weight prefers 2-3 words (a name) to a lone word (a keyword: weight 0.1, so a word
names a theme only when no phrase comes near). A phrase holding one of the theme's top
c-TF-IDF keywords scores higher, and more so for each further keyword it holds, so the name
says what the keywords say (on banking77: 65% -> 74% of names share a word with the intent).
A candidate must occur in at least ``min_docs`` texts of the theme, so a name is always a
phrase a manager can find verbatim in two or more quotes, and in a tenth of the theme's texts
unless it is built on a leading keyword the theme says, with no word of one part beside it
(:data:`MIN_NAME_SHARE`: "fish", not "sea bass", for a theme of fish and meat dishes).
Themes take their best unused candidate, largest theme first, so no two themes share a name
(nor two wordings of one).
For a group of themes (a top theme), a one-word name may grow into a phrase its themes share
(``expand_share``).

The counts come from at most ``max_docs`` texts per theme (the caller orders them, most
representative first), which bounds the cost at large workspaces: ~O(max_docs * themes).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from analysis.opinion_only import says_only_opinion
from analysis.stopwords import (
    DUTCH,
    ENGLISH,
    LETTER_MARKS,
    OTHER_LANGUAGES,
    STOP_WORDS,
    THANKS_WORDS,
)

# Words that never start or end a name: politeness is not a subject (the thanks of every
# language: :data:`analysis.stopwords.THANKS_WORDS`).
POLITE_WORDS = THANKS_WORDS | frozenset(
    [
        "hi",
        "hello",
        "hallo",
        "hoi",
        "hey",
        "dear",
        "beste",
        "geachte",
        "groet",
        "groeten",
        "groetjes",
        "regards",
        "cheers",
        "please",
        "graag",
        "alstublieft",
        "aub",
        "pls",
        "sorry",
        "excuse",
    ]
)
# Function words may sit inside a name ("bezorging was te laat") but never at its edge. The
# feedback filler words of STOP_WORDS ("new", "weeks") are content in a name: "new card".
# Verbs and fillers that say nothing of the subject on their own ("back", "came", "gaan").
GENERIC_WORDS = frozenset(
    [
        "back",
        "go",
        "goes",
        "going",
        "went",
        "gone",
        "come",
        "comes",
        "came",
        "coming",
        "get",
        "gets",
        "got",
        "getting",
        "give",
        "gave",
        "given",
        "try",
        "tried",
        "make",
        "made",
        "take",
        "took",
        "say",
        "said",
        "tell",
        "told",
        "want",
        "wanted",
        "know",
        "need",
        "needed",
        "use",
        "used",
        "really",
        "lot",
        "lots",
        "thing",
        "things",
        "way",
        "ever",
        "never",
        "always",
        "even",
        "also",
        "yet",
        "already",
        "sure",
        "ok",
        "okay",
        "highly",
        "probably",
        "definitely",
        "absolutely",
        "totally",
        "pretty",
        "quite",
        "gaan",
        "ging",
        "gekomen",
        "komen",
        "kwam",
        "krijgen",
        "krijg",
        "krijgt",
        "kreeg",
        "gekregen",
        "maken",
        "gemaakt",
        "zeggen",
        "zei",
        "willen",
        "wilde",
        "weten",
        "nodig",
        "echt",
        "wel",
        "ook",
        "nog",
        "even",
        "gewoon",
        "ding",
        "dingen",
    ]
)
# Currency codes stand before or after an amount ("charged EUR 151,00"): at a name's edge
# they name the amount left out ("charged eur" for a theme of wrong bills), never a subject.
CURRENCY_CODES = frozenset(["eur", "usd", "gbp", "chf", "aud", "cad", "sek", "nok", "dkk", "pln"])
EDGE_STOP_WORDS = ENGLISH | DUTCH | OTHER_LANGUAGES | POLITE_WORDS | GENERIC_WORDS | CURRENCY_CODES
CLAUSE = re.compile(r"[.,;:!?()\[\]{}\"“”„«»…/|\n\r\t]+|\s[-–—]+\s")
# A word is its letters with their combining marks (:data:`analysis.stopwords.LETTER_MARKS`):
# split at them, Burmese "ပါသည်" named a theme by its particle "သည".
_WORD_CHARS = rf"[^\W_](?:[^\W_]|[{LETTER_MARKS}])*"
_TOKEN = re.compile(rf"{_WORD_CHARS}(?:['’]{_WORD_CHARS})*")

KEYWORDS_CONSIDERED = 5
KEYWORD_BONUS = 4.0
# Each further keyword a phrase holds raises its score by this share ("refund item" names a
# refund theme better than "item").
EXTRA_KEYWORD = 0.5
# A candidate that most of its texts (this share) say with one more word is a fragment of that
# longer phrase and gives way to it: "disposable virtual" -> "disposable virtual cards",
# "duur vergeleken" -> "duur vergeleken met bol". Not for stop or filler words ("weer omhoog
# gegaan" adds nothing to "omhoog gegaan"). banking77: 77% -> 80% of names share a word with
# the intent (0.8: 2 of 211 banking77 and clinc150 names changed, no gain).
FRAGMENT_SHARE = 0.6
# A name is a phrase of 2-4 words; a lone word only when no phrase comes near.
_LENGTH_WEIGHT = {1: 0.1, 2: 1.0, 3: 1.0, 4: 0.85}
MIN_NAME_SHARE = 0.1
"""A theme's name is said in at least this share of the theme's (counted) texts whenever some
candidate is, unless it is built on the theme: it holds a word of one of the theme's first
:data:`LEADING_KEYWORDS` keywords that at least :data:`LEADING_SHARE` of those texts say, and
each of its other words is a keyword too (of the first :data:`KEYWORDS_CONSIDERED`) or said
in at least this share of the texts. Every name follows it: the main names and the names in
one language (``label_en``, ``label_nl``, each from a theme's items in that language only).

The most distinctive phrase of a few texts must not name a theme of many other things. In
the real Google Play reviews "waste of time", said in 3 of a theme's 56 English reviews of
short praise ("waste" its fifth keyword), named all 112 of them on the English screens; a
restaurant theme of 41 sentences on fish and meat dishes (two themes merged,
:func:`analysis.clustering.merge_intertwined`) was "sea bass" (3 of them; now "fish", said in
22%), a laptop keyboard theme "number pad" (now "keyboard", 52%). A name built on a leading
word a good part of the theme says stays, though the phrase itself is rarer: banking77's "top
up pending" (5% of its theme; "pending" 95%), "wait for a transfer" (2%; "wait", the third
keyword, 18%). A floor on every name had turned those into "new customer" and "long" (names
sharing a word with the intent 81% -> 77%); exempting names that hold one of the first two
keywords cost "wait for a transfer" (80%), and exempting the first three whether said or not
named the fish and meat theme "salmon dish" (the third keyword "salmon", said by 12%). The
words beside the leading one count too (USE themes): "retina display" (3 of 57 laptop
sentences on screens, displays and graphics; "retina" no keyword, said by under 10%) is now
"screen", "wait for a table" (2 of 99 restaurant service sentences) "table". Measured in
benchmarks/RESULTS.md, "Theme names said by their theme"."""
LEADING_KEYWORDS = 3
LEADING_SHARE = 0.15
"""See :data:`MIN_NAME_SHARE`."""


def text_phrases(
    text: str, stop_words: frozenset[str] = EDGE_STOP_WORDS, max_words: int = 4
) -> set[str]:
    """Every candidate phrase of ``text`` (each once)."""
    found: set[str] = set()
    for clause in CLAUSE.split(text.casefold()):
        tokens = _TOKEN.findall(clause)
        edge_ok = [len(t) > 1 and not t.isdigit() and t not in stop_words for t in tokens]
        for i, ok in enumerate(edge_ok):
            if not ok:
                continue
            for j in range(i + 1, min(i + max_words, len(tokens)) + 1):
                if edge_ok[j - 1]:
                    found.add(" ".join(tokens[i:j]))
    return found


# Words that never carry the subject: phrases that differ only in them say the same thing
# ("cancel a transfer", "cancel my transfer", "cancel the transfer") and pool their texts.
# Negations do carry it: "not arrived" is not "arrived".
NEGATIONS = frozenset(
    [
        "no",
        "not",
        "nor",
        "never",
        "cannot",
        "can't",
        "cant",
        "don't",
        "dont",
        "didn't",
        "didnt",
        "doesn't",
        "doesnt",
        "isn't",
        "isnt",
        "wasn't",
        "wasnt",
        "won't",
        "wont",
        "haven't",
        "hasn't",
        "hadn't",
        "aren't",
        "weren't",
        "couldn't",
        "wouldn't",
        "niet",
        "geen",
        "nooit",
        "niets",
        "noch",
    ]
)
# Verbs stay too: pooled across them, "postnl heeft het pakket" (subject ... object) outweighed
# "pakket kwijt" in a Dutch theme of lost parcels, and "date will it be tomorrow" made
# "date tomorrow" of a theme asking today's date.
KEPT_VERBS = frozenset(
    """is was are were be been being has have had do does did can could will would shall should
    may might must am ben bent zijn waren heb hebt heeft hebben hadden kan kun kunt kunnen kon
    konden wil willen moet moeten mag mogen zal zullen zou zouden word wordt worden werd werden
    gaat ga gaan doet doen kom komt geweest gehad""".split()  # noqa: SIM905 (one block)
)
FUNCTION_WORDS = (ENGLISH | DUTCH | OTHER_LANGUAGES | THANKS_WORDS) - NEGATIONS - KEPT_VERBS

# A question's verb before its subject ("does my", "can i", "kan ik"): a name holding one
# after its first word is a question whose start fell outside the name ("gas does my car"
# from "what gas does my car need", "questions can i ask").
_QUESTION_VERBS = frozenset(
    [
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "may",
        "might",
        "must",
        "ben",
        "bent",
        "heb",
        "hebt",
        "heeft",
        "hebben",
        "kan",
        "kun",
        "kunt",
        "kunnen",
        "kon",
        "wil",
        "wilt",
        "moet",
        "moeten",
        "mag",
        "zal",
        "zou",
        "wordt",
        "worden",
        "werd",
    ]
)
_SUBJECTS = frozenset(
    [
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "my",
        "your",
        "his",
        "her",
        "its",
        "our",
        "their",
        "ik",
        "jij",
        "hij",
        "zij",
        "ze",
        "we",
        "wij",
        "jullie",
        "mijn",
        "jouw",
        "uw",
        "onze",
        "hun",
    ]
)
_ASKING_VERBS = frozenset(["do", "does", "did", "can", "could", "will", "would", "should"])
_ARTICLES = frozenset(["a", "an", "the", "this", "that", "these", "those"])


def phrase_key(phrase: str) -> str:
    """``phrase`` without its function words: phrases with one key say one thing."""
    return " ".join(w for w in phrase.split() if w not in FUNCTION_WORDS)


def is_cut_question(phrase: str) -> bool:
    """True when ``phrase`` holds, after its first word, a question's verb before its subject
    ("long does a transfer", "hobbies do you enjoy"): the question's start is missing."""
    words = phrase.split()
    for verb, subject in zip(words[1:], words[2:], strict=False):
        if verb in _QUESTION_VERBS and subject in _SUBJECTS:
            return True
        if verb in _ASKING_VERBS and subject in _ARTICLES:
            return True
    return False


def _expansions(
    shown: Mapping[str, tuple[int, str]],
    key_counts: Mapping[str, int],
    weights: Mapping[int, float],
    in_parts: Counter[tuple[str, int]],
    n_parts: int,
    min_docs: int,
) -> list[tuple[int, int, str, frozenset[str]]]:
    """Phrases a one-word name may grow into: 2-3 words, said (in ``min_docs`` texts) in two
    or more of the group's parts when it has several; as (-texts, words, phrase, key words),
    most said first."""
    parts_said: Counter[str] = Counter(key for (key, _), n in in_parts.items() if n >= min_docs)
    out = []
    for key, (_, surface) in shown.items():
        n_words = len(surface.split())
        if not 2 <= n_words <= 3 or weights.get(n_words, 0.5) <= 0:
            continue
        if n_parts > 1 and parts_said[key] < 2:
            continue
        out.append((-key_counts[key], n_words, surface, frozenset(key.split())))
    return sorted(out)


def _longer_counts(
    shown: Mapping[str, tuple[int, str]], key_counts: Mapping[str, int]
) -> Counter[str]:
    """key (of two or more words) -> texts of the most said candidate that is the key with one
    more word at its start or end (a word that says something: not a stop or filler word). A
    lone word is not a fragment: it is a main theme's broad name, grown only across themes."""
    longer: Counter[str] = Counter()
    for key in shown:
        words = key.split()
        if len(words) < 3:
            continue
        for shorter, added in ((" ".join(words[1:]), words[0]), (" ".join(words[:-1]), words[-1])):
            if added not in STOP_WORDS:
                longer[shorter] = max(longer[shorter], key_counts[key])
    return longer


def ranked_phrases(
    texts: Sequence[str],
    labels: Sequence[int] | np.ndarray,
    *,
    order: Sequence[int] | np.ndarray | None = None,
    max_docs: int = 200,
    min_docs: int = 2,
    max_words: int = 4,
    exclude: frozenset[str] = frozenset(),
    length_weight: dict[int, float] | None = None,
    keywords: Mapping[int, Sequence[str]] | None = None,
    parts: Sequence[int] | np.ndarray | None = None,
    expand_share: float = 0.0,
    n_best: int = 25,
    min_share: float = MIN_NAME_SHARE,
    opinion: Collection[int] | None = None,
) -> dict[int, list[tuple[float, str]]]:
    """Each theme's best candidate names, best first: ``theme -> [(score, phrase), ...]``.

    See :func:`phrase_labels` for the arguments and the score.
    """
    labels_arr = np.asarray(labels, dtype=np.int64)
    parts_arr = None if parts is None else np.asarray(parts, dtype=np.int64)
    weights = length_weight or _LENGTH_WEIGHT
    rows_in_order = np.arange(len(labels_arr)) if order is None else np.asarray(order)
    counted: dict[int, list[int]] = {}
    for row in rows_in_order:
        theme = int(labels_arr[row])
        if theme < 0:
            continue
        bucket = counted.setdefault(theme, [])
        if len(bucket) < max_docs:
            bucket.append(int(row))
    edge_words = EDGE_STOP_WORDS | exclude
    surfaces: dict[int, Counter[str]] = {}
    key_counts: dict[int, Counter[str]] = {}
    word_counts: dict[int, Counter[str]] = {}
    in_parts: dict[int, Counter[tuple[str, int]]] = {}  # (key, part) -> texts
    total: Counter[str] = Counter()
    key_of: dict[str, str] = {}
    for theme, rows in counted.items():
        counts: Counter[str] = Counter()
        keys: Counter[str] = Counter()
        by_part: Counter[tuple[str, int]] = Counter()
        words_said: Counter[str] = Counter()
        for row in rows:
            found = text_phrases(texts[row], edge_words, max_words)
            counts.update(found)
            for phrase in found:
                if phrase not in key_of:
                    key_of[phrase] = phrase_key(phrase)
            text_keys = {key_of[phrase] for phrase in found}
            keys.update(text_keys)
            words_said.update(set(_TOKEN.findall(texts[row].casefold())))
            if parts_arr is not None:
                part = int(parts_arr[row])
                by_part.update((key, part) for key in text_keys)
        surfaces[theme] = counts
        word_counts[theme] = words_said
        key_counts[theme] = keys
        in_parts[theme] = by_part
        total.update(keys)
    n_all = sum(len(rows) for rows in counted.values())
    ranked: dict[int, list[tuple[float, str]]] = {}
    for theme, counts in surfaces.items():
        n_theme = len(counted[theme])
        top_terms = list((keywords or {}).get(theme, ()))[:KEYWORDS_CONSIDERED]
        key_rank: dict[str, int] = {}
        for rank, term in enumerate(top_terms):
            for word in term.split():
                key_rank.setdefault(word, rank)
        # Each key is shown as its most frequent form in the theme's texts (in >= min_docs
        # of them, so the name is verbatim in its quotes); ties: the shorter, then the first
        # in alphabetical order, so the name never depends on the order of the texts.
        shown: dict[str, tuple[int, str]] = {}
        for phrase, inside in counts.items():
            key = key_of[phrase]
            if inside < min_docs or not key or is_cut_question(phrase):
                continue
            best = shown.get(key)
            if best is None or (-inside, len(phrase), phrase) < (-best[0], len(best[1]), best[1]):
                shown[key] = (inside, phrase)
        n_other = max(n_all - n_theme, 1)
        longer = _longer_counts(shown, key_counts[theme])
        said_leading = {
            w
            for w, rank in key_rank.items()
            if rank < LEADING_KEYWORDS and key_counts[theme][w] >= LEADING_SHARE * n_theme
        }
        scored = []
        for key, (_, phrase) in shown.items():
            key_words = key.split()
            if longer[key] >= FRAGMENT_SHARE * key_counts[theme][key]:
                continue  # a fragment: most of its texts say it with one more word
            if all(w in exclude or w in STOP_WORDS for w in key_words):
                continue
            inside = key_counts[theme][key]
            coverage = inside / n_theme
            outside = (total[key] - inside) / n_other
            precision = coverage / (coverage + outside)
            score = coverage * precision**2 * weights.get(len(phrase.split()), 0.5)
            held = {w for w in key_words if w in key_rank}
            if held:
                best_rank = min(key_rank[w] for w in held)
                score *= KEYWORD_BONUS * (1.0 - best_rank / (2 * KEYWORDS_CONSIDERED))
                score *= 1.0 + EXTRA_KEYWORD * (len(held) - 1)
            # said by enough of the theme, or built on a leading word that enough of it says
            # with no word of one part beside it
            built_on_theme = (
                coverage < min_share
                and any(w in said_leading for w in key_words)
                and all(
                    w in key_rank or word_counts[theme][w] >= min_share * n_theme for w in key_words
                )
            )
            scored.append((score, phrase, 1.0 if built_on_theme else coverage))
        if any(c >= min_share for _, _, c in scored):
            scored = [sp for sp in scored if sp[2] >= min_share]
        # A theme that is not an opinion theme is named by a phrase that carries a subject
        # word ("audio", not "great app"), an opinion-only phrase only when none is left.
        subject_first = opinion is not None and theme not in opinion
        # Ties broken by the phrase itself, so the name never depends on counting order.
        top = [
            (score, phrase)
            for score, phrase, _ in heapq.nsmallest(
                n_best,
                scored,
                key=lambda sp: (subject_first and says_only_opinion(sp[1]), -sp[0], sp[1]),
            )
        ]
        if expand_share > 0:
            n_parts = (
                len({int(parts_arr[r]) for r in counted[theme]}) if parts_arr is not None else 0
            )
            grown = _expansions(
                shown, key_counts[theme], weights, in_parts[theme], n_parts, min_docs
            )
            top = [
                (score, _grown(phrase, grown, key_counts[theme], expand_share))
                for score, phrase in top
            ]
        ranked[theme] = top
    return ranked


def _grown(
    phrase: str,
    expansions: list[tuple[int, int, str, frozenset[str]]],
    key_counts: Mapping[str, int],
    share: float,
) -> str:
    """``phrase`` (one word) as the most said expansion holding it, when at least ``share``
    of the texts saying the word say it; any other phrase unchanged."""
    key = phrase_key(phrase)
    if " " in key or not key:
        return phrase
    for minus_count, _, surface, words in expansions:
        if -minus_count < share * key_counts[key]:
            break
        if key in words:
            return surface
    return phrase


def phrase_labels(
    texts: Sequence[str],
    labels: Sequence[int] | np.ndarray,
    *,
    order: Sequence[int] | np.ndarray | None = None,
    max_docs: int = 200,
    min_docs: int = 2,
    max_words: int = 4,
    exclude: frozenset[str] = frozenset(),
    length_weight: dict[int, float] | None = None,
    keywords: Mapping[int, Sequence[str]] | None = None,
    parts: Sequence[int] | np.ndarray | None = None,
    expand_share: float = 0.0,
    min_share: float = MIN_NAME_SHARE,
    opinion: Collection[int] | None = None,
) -> dict[int, str]:
    """The name of every theme in ``labels`` (negative labels are ignored).

    Args:
        texts: the texts (already without greetings and placeholders, see
            :func:`analysis.subject_text.subject_text`).
        labels: theme per text.
        order: row indices, most representative first; each theme counts its first
            ``max_docs`` rows in this order (default: row order).
        min_docs: a name occurs in at least this many of the theme's counted texts.
        exclude: words common to the whole workspace: like stop words, they may sit inside a
            name but never start or end one, nor make one up on their own.
        length_weight: weight per number of words (default prefers 2-3 words).
        keywords: the theme's ranked keywords (c-TF-IDF); a phrase holding one of the first
            ``KEYWORDS_CONSIDERED`` scores up to ``KEYWORD_BONUS`` times higher (more for a
            higher-ranked keyword), so the name says what the keywords say.
        parts: a part per text (the themes of top themes), for ``expand_share``.
        expand_share: when > 0, a one-word name gives way to the 2-3 word phrase holding it
            that the most of its texts say, when at least this share of them do and (given
            ``parts``) it is said in two or more parts: "oil" -> "change my oil", "exchange"
            -> "exchange rate", but not "travel" -> "travel alerts" (one part's phrase).
        min_share: a name is said in at least this share of its counted texts whenever some
            candidate is, unless it is built on a leading keyword enough of them say
            (:data:`MIN_NAME_SHARE`, :data:`LEADING_SHARE`; 0: no floor, for measuring).
        opinion: the opinion themes (:func:`analysis.opinion_only.opinion_themes`). Given,
            every other theme is named by a phrase holding a subject word whenever one
            passes the floor above, and by a phrase of opinion words only
            (:func:`analysis.opinion_only.says_only_opinion`: "great app", "very good") only
            when none does; opinion themes keep "nice app". None: no such preference.

    Returns:
        theme -> name; a theme with no phrase in ``min_docs`` texts gets ``""``. No two
        names share a key (:func:`phrase_key`).
    """
    ranked = ranked_phrases(
        texts,
        labels,
        order=order,
        max_docs=max_docs,
        min_docs=min_docs,
        max_words=max_words,
        exclude=exclude,
        length_weight=length_weight,
        keywords=keywords,
        parts=parts,
        expand_share=expand_share,
        min_share=min_share,
        opinion=opinion,
    )
    sizes = Counter(int(t) for t in np.asarray(labels) if t >= 0)
    names: dict[int, str] = {}
    used: set[str] = set()
    for theme in sorted(ranked, key=lambda t: (-min(sizes[t], max_docs), t)):
        name = next((p for _, p in ranked[theme] if phrase_key(p) not in used), "")
        names[theme] = name
        if name:
            used.add(phrase_key(name))
    for theme in set(sizes) - set(names):
        names[theme] = ""
    return names
