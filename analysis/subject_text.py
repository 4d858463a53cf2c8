"""The part of a feedback text that says what it is about.

Real feedback names whom it is addressed to and who writes as often as what it is about:
``@united my flight was cancelled``, ``Beste Bakkerij, ... Met vriendelijke groet, [EMAIL]``.
Embedding, clustering and labelling that surface groups the feedback by addressee, channel or
sign-off instead of by subject. :func:`subject_text` removes it; the stored text never changes.

Removed: @mentions, URLs, the ``#`` of hashtags (the word stays), redaction placeholders
(``[EMAIL]``, ``[PHONE]`` ...), an opening greeting with the name after it, a closing thanks
or sign-off with everything after it, and sentences that only thank. :func:`common_words`
finds words present in most texts of a workspace whatever the subject (the company's or a
brand's name); :func:`subject_texts` removes them too.

A quote shown to a manager (:func:`quote_text`) leaves out only the greeting and the closing
thanks or sign-off, by the same rules, and is otherwise verbatim.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ingest.schema import PLACEHOLDER_LIKE

_MENTION = re.compile(r"(?<![\w.])@\w[\w.]*\w|(?<![\w.])@\w")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HASHTAG = re.compile(r"(?<!\w)#(\w)")
_PLACEHOLDER = PLACEHOLDER_LIKE
_SPACES = re.compile(r"[ \t]+")

_GREETING_WORDS = (
    r"hi|hii+|hoi|hey|hallo|hello|hiya|dag|beste|geachte|lieve|dear|good\s+(?:morning|afternoon|"
    r"evening)|goede(?:morgen|middag|navond)|goeie(?:morgen|middag)|moi|yo"
)
# Greeting words that also open a review: "Beste service, snelle levering.", "Lieve jurk, maar
# te klein.", "Dag 3 zonder internet, ...". Before a comma they greet only whom a greeting
# addresses (:data:`_ADDRESSEE`: "Beste Jan,", "Beste klantenservice,", "Dag allemaal,").
_AMBIGUOUS_GREETING_WORDS = r"dag|beste|lieve"
_NAME_WORD = r"[\w.'’/-]+"
# Whom a greeting with "!" addresses: a capitalised name ("Hi Sarah!", "Hallo Bol.com!") or
# one of these words; "Beste app ooit!" or "Dag 3 zonder internet!" opens with a review.
_ADDRESSEE = (
    rf"(?:(?-i:[A-ZÀ-ÖØ-Þ]){_NAME_WORD}|(?:team|all|allemaal|iedereen|there|guys|folks|everyone|"
    r"everybody|support|klantenservice|helpdesk|mensen|daar|sir|madam|meneer|mevrouw|heer|"
    r"dames|heren|en|and|van|the|de|het)(?![\w.'’/-]))"
)
# A greeting opening the text, with at most four name words after it, up to a comma, a colon
# or a line end ("Beste Bakkerij Jansen," / "Geachte heer/mevrouw,"); up to an exclamation
# mark or the end only when it addresses someone ("Hi team!", "Hallo!").
_GREETING = re.compile(
    rf"^\s*(?:(?!(?:{_AMBIGUOUS_GREETING_WORDS})\b)(?:{_GREETING_WORDS})\b"
    rf"(?:[ \t]+{_NAME_WORD}){{0,4}}?[ \t]*(?:[,:]|\n)"
    rf"|(?:{_AMBIGUOUS_GREETING_WORDS})\b(?:[ \t]+{_ADDRESSEE}){{0,4}}?[ \t]*(?:[,:]|\n)"
    rf"|(?:{_GREETING_WORDS})\b(?:[ \t]+{_ADDRESSEE}){{0,4}}?[ \t]*(?:!|$))",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:^|[\n.!?,]\s*)(?:met\s+)?(?:vriendelijke|hartelijke|beste|warme|kind|best|warm|many)?"
    r"\s*(?:groet(?:en|jes)?|regards|wishes)\b.*\Z"
    r"|(?:^|[\n.!?]\s*)(?:mvg|m\.v\.g\.|gr\.?|grtz|groetjes|cheers|sincerely|yours\s+truly|"
    r"thanks\s+in\s+advance|alvast\s+bedankt|bvd|b\.v\.d\.|sent\s+from\s+my|"
    r"verstuurd\s+(?:vanaf|met|via)\s+mijn|verzonden\s+(?:vanaf|met|via)\s+mijn)\b.*\Z",
    re.IGNORECASE | re.DOTALL,
)
# A sentence that does nothing but thank: "Thanks!", "Alvast bedankt.", "Thank you so much".
_THANKS_ONLY = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(?:many\s+|heel\s+erg\s+|heel\s+|alvast\s+|nogmaals\s+)?"
    r"(?:thanks?(?:\s+you)?|thx|ty|bedankt|dank\s+(?:je|jullie|u)(?:\s+wel)?|merci)"
    r"(?:\s+(?:so\s+much|very\s+much|a\s+lot|wel|hoor|again|alvast))*\s*[.!]*\s*(?=$|\n)",
    re.IGNORECASE,
)


@lru_cache(maxsize=200_000)  # a refresh reads the same texts for themes, names and the tree
def subject_text(text: str) -> str:
    """``text`` without addressee, sender and politeness: what the analysis should read.

    Returns the original text when the rules would leave nothing (a text that is only
    "Bedankt!" still has to be embedded as something).
    """
    cleaned = _URL.sub(" ", text)
    cleaned = _MENTION.sub(" ", cleaned)
    cleaned = _HASHTAG.sub(r"\1", cleaned)
    cleaned = _PLACEHOLDER.sub(" ", cleaned)
    cleaned = _GREETING.sub(" ", cleaned, count=1)
    cleaned = _SIGN_OFF.sub(" ", cleaned)
    cleaned = _THANKS_ONLY.sub(" ", cleaned)
    cleaned = _SPACES.sub(" ", cleaned)
    cleaned = "\n".join(line.strip(" ,;:-") for line in cleaned.splitlines())
    cleaned = re.sub(r"\n{2,}", "\n", cleaned).strip()
    return cleaned if re.search(r"\w\w", cleaned) else text.strip()


# A thanks-only sentence that ends the text: "... Thanks!", "...\nAlvast bedankt."
_CLOSING_THANKS = re.compile(rf"(?:{_THANKS_ONLY.pattern})\s*\Z", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


@lru_cache(maxsize=20_000)  # a theme page or a summary asks again for the same quotes
def quote_text(text: str) -> str:
    """``text`` as a manager reads it quoted: without the opening greeting ("Goedemiddag,",
    "Beste klantenservice,", "Hello team!") and the closing thanks or sign-off with what
    follows it ("Alvast bedankt", "Met vriendelijke groet, [NAME]", "Thanks in advance").

    The rules are :func:`subject_text`'s, and only these: mentions, URLs, placeholders and
    every other word stay as written, and so does the punctuation before a sign-off. Blank
    lines left at the ends go, and a run of blank lines becomes one. Returns ``text`` as it
    is when nothing would be left ("Hallo, bedankt!").
    """
    quote = _GREETING.sub("", text, count=1)
    sign_off = _SIGN_OFF.search(quote)
    if sign_off:
        cut = sign_off.start()
        quote = quote[: cut + 1 if quote[cut : cut + 1] in (".", "!", "?") else cut]
    while True:
        quote = quote.strip().rstrip(",;:-").rstrip()
        shorter = _CLOSING_THANKS.sub("", quote)
        if shorter == quote:
            break
        quote = shorter
    quote = _BLANK_LINES.sub("\n\n", quote)
    return quote if re.search(r"\w\w", quote) else text


_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


def common_words(
    texts: Sequence[str],
    *,
    min_share: float = 0.5,
    min_texts: int = 40,
    sample: int = 20_000,
) -> frozenset[str]:
    """Words (case-folded) that occur in more than ``min_share`` of ``texts``.

    Such a word is present whatever the subject (the shop's name, the product everyone
    reviews) and tells themes apart no better than noise. Fewer than ``min_texts`` texts give
    no reliable shares: then nothing is common. Above ``sample`` texts the shares are
    estimated on an evenly spaced sample of the texts in sorted order, so the answer does
    not depend on their order.
    """
    if len(texts) < min_texts:
        return frozenset()
    if len(texts) > sample:
        ordered = sorted(texts)
        step = len(ordered) / sample
        texts = [ordered[int(i * step)] for i in range(sample)]
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w.casefold() for w in _WORD.findall(text)})
    floor = min_share * len(texts)
    return frozenset(word for word, n in counts.items() if n > floor)


def _words_pattern(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)


def remove_words(text: str, words: Iterable[str]) -> str:
    """``text`` without the given (case-folded) words."""
    wanted = frozenset(words)
    if not wanted:
        return text
    return _SPACES.sub(" ", _words_pattern(wanted).sub("", text)).strip(" ,;:-")


def cleaned_texts(texts: Sequence[str]) -> tuple[list[str], frozenset[str]]:
    """:func:`subject_text` of every text, and the :func:`common_words` of those.

    The last two answers are kept (see :func:`subject_texts`).
    """
    cleaned, common = _cleaned(tuple(texts))
    return list(cleaned), common


def subject_texts(texts: Sequence[str], *, common: frozenset[str] | None = None) -> list[str]:
    """:func:`subject_text` of every text, without the workspace's :func:`common_words`.

    The last two answers are kept: a refresh computes the subjects of all its texts while
    the clustering runs, and the labeler asks again for the same texts (giving the common
    words it found, the same as ``common=None`` finds: one cached answer for both).

    Args:
        texts: the stored texts.
        common: words to remove; computed from the cleaned ``texts`` when None.
    """
    key = tuple(texts)
    if common is None:
        common = _cleaned(key)[1]
    return list(_subject_texts(key, common))


@lru_cache(maxsize=2)  # ~20 MB for 100k texts
def _cleaned(texts: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str]]:
    cleaned = tuple(subject_text(t) for t in texts)
    return cleaned, common_words(cleaned)


@lru_cache(maxsize=2)  # ~40 MB for 100k texts (their subjects), kept in a dashboard process
def _subject_texts(texts: tuple[str, ...], common: frozenset[str]) -> tuple[str, ...]:
    cleaned = _cleaned(texts)[0]
    if not common:
        return cleaned
    pattern = _words_pattern(common)
    out = []
    for original, text in zip(texts, cleaned, strict=True):
        stripped = _SPACES.sub(" ", pattern.sub("", text)).strip(" ,;:-")
        out.append(stripped if re.search(r"\w\w", stripped) else text or original)
    return tuple(out)
