"""Feedback that gives only an opinion, without a subject: "Good", "Super app!", "Slecht".

Short reviews that say only how the writer feels ("good", "nice app", "amazing",
"excellent", "worst app ever", "top!", "heel slecht") cluster by their opinion word, and
such themes lie far from every subject theme: on real app reviews (Kiwix, Google Play, 593
texts) the top level made three of its six top themes of them ("good", "nice app",
"amazing": 301 texts), all meaning "customers like the app", beside one catch-all of the
real subjects. Voice-of-customer tools gather them in one place ("general praise").
:func:`opinion_themes` finds the themes whose texts have an opinion, not a subject, in
common; the top level (:class:`analysis.theme_tree.ThemeGrouper`) puts them under one top
theme named :data:`OPINION_TOP_NAMES`, and groups the other themes among themselves. The
themes themselves do not change: a text that names a subject beside its opinion ("good but
downloads fail", "great offline wikipedia") stays in its subject's theme.

The lexicon (one block per language: Dutch, English, German, French, Spanish, Portuguese,
Italian, Turkish, Polish, Indonesian/Malay, romanised Hindi/Urdu, Russian, Ukrainian, Arabic,
Persian, a few Hebrew words: the languages app and shop reviews come in) has opinion words,
frame words (what is reviewed in general: "app", "program", "برنامج", "приложение",
"uygulama"; its makers; stars, intensifiers: "very", "جدا", "очень", "çok", "bardzo",
"sangat") and the function words of :data:`analysis.stopwords.STOP_WORDS`. On the real Kiwix
reviews "برنامج اكثر من رائع" (a more than wonderful program), "روووووعه" (wonderful) and
"بسیار عالی" (very excellent) made themes of 26 and 20 texts named "اكثر من" and "သည,
anglina" beside the praise in English. Thanks (:data:`analysis.stopwords.THANKS_WORDS`, in
all those languages) count as opinion words: a text that says nothing but thanks ("Thank
you!", "Muchas gracias", "Merci", "شكرا") gives a verdict, a positive one, as "Good" does (a
manager counts thank-you reviews as general praise). Words are compared case- and
accent-folded with repeated letters collapsed ("Génial", "goooood", "Excelent"), Arabic
letter variants as one (hamza and madda on alef, taa marbuta as haa, alif maqsura as yeh,
vowel signs and elongation dropped: "رووووووعة" is "روعه") and Arabic's attached "and",
"the", "with" taken off when the word itself is unknown ("ومفيد": and useful), unless the
word as written is in the lexicon ("ook", "por", "tool" are function and frame words, not
"ok", "poor", "toll"). A word is its letters with their combining marks
(:data:`analysis.stopwords.LETTER_MARKS`). Words outside the lexicon are taken as the
subject; a text with no word of it at all (another language or script) is not judged, so a
theme in a language the lexicon lacks is judged by its other texts or left alone.
:func:`says_only_opinion` applies the same rule to a theme's name (:mod:`analysis.phrases`);
an opinion theme no phrase with an opinion word names reads the opinion words its texts say
(:func:`opinion_word_names`, :mod:`analysis.labels`).

Pure and order-free: a theme's answer depends on its texts (and the workspace's common
words), not on their order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from functools import lru_cache

import numpy as np

from analysis.stopwords import LETTER_MARKS, STOP_WORDS, THANKS_WORDS
from analysis.subject_text import subject_texts

# The fixed name of the top theme that gathers them, in every interface language, stored as
# the top theme's names by the refresh: every screen, export and the CLI read it from there
# (workspace/names.py).
OPINION_TOP_NAMES: dict[str, str] = {"en": "General opinion", "nl": "Algemeen oordeel"}
# The name of an opinion theme of thank-you reviews, which no phrase of its texts may name
# (thanks never start or end a name, :mod:`analysis.phrases`): without it the real reviews'
# thank-you theme read "جدا, bilgi", two stray keywords. Given when at least THANKS_SHARE of
# its texts thank (:func:`thanking_themes`).
THANKS_NAMES: dict[str, str] = {"en": "thanks", "nl": "bedankt"}
THANKS_SHARE = 0.5

# An opinion theme (:func:`opinion_themes`): at least OPINION_ONLY_SHARE of its judged texts
# say nothing but an opinion, and its most frequent subject word is in at most
# 1 / SUBJECT_RATIO as many texts as an opinion word. Measured on the themes of the real
# reviews, SemEval restaurants and laptops, CLINC150 and banking77: the opinion themes had
# 24-84% opinion-only texts and subject ratios 6-39; the subject themes full of opinion
# words had a recurring subject (ratio <= 5: "great food", "text-to-speech") or almost no
# opinion-only text (banking's "top up" themes: 0-7%).
OPINION_ONLY_SHARE = 0.2
SUBJECT_RATIO = 6.0
# The texts the lexicon judges must be at least this share of the theme's texts with a word
# (a theme in a language the lexicon does not cover is left alone; "12", "ttt", "👍" have no
# word: on the real reviews a theme of "PK 12", "Dd", "ttt", "Tooop", "ok", "The Best" was
# judged on 2 of its 11 texts and stood apart as "dd, tooop").
MIN_JUDGED_SHARE = 1 / 3

# Words that carry an opinion and no subject (adjectives, verbs of liking, exclamations).
# Never words that say what is good or bad ("fast", "slow", "easy", "cheap", "expensive",
# "works", "crashes", "friendly", "service", "delivery"): those name a subject. Nor words
# that mean something else in another language customers write in ("gave": cool in Dutch,
# given in English; "mist": rubbish in German, misses in Dutch; "door" among the frames).
OPINION_WORDS = frozenset(
    """
    good great nice excellent amazing awesome perfect best better love loved loving lovely
    like liked likes cool fantastic wonderful brilliant superb super top fine outstanding
    incredible fabulous terrific marvelous marvellous exceptional impressive impressed
    magnificent spectacular stunning phenomenal splendid genius recommend recommended
    recommendable useful helpful handy beautiful gorgeous epic wow satisfied happy happier
    glad pleased enjoy enjoyed enjoying solid decent mediocre ok okay
    bad poor terrible awful horrible worst worse useless rubbish garbage crap trash
    disappointing disappointed disappointment hate hated sucks sucked pathetic meh lame
    horrendous dreadful waste
    goed goede geweldig geweldige prima mooi mooie fijn fijne leuk leuke handig handige
    uitstekend uitstekende perfecte fantastisch fantastische toppie topper aanrader tevreden
    blij slecht slechte slechter slechtst slechtste waardeloos waardeloze matig matige
    teleurstellend teleurgesteld klasse prachtig prachtige gaaf tof toffe nuttig nuttige
    vreselijk vreselijke verschrikkelijk verschrikkelijke bagger belabberd afrader aanraden
    gut gute guter gutes toll tolle genial geniale hervorragend ausgezeichnet perfekt
    wunderbar nutzlich empfehlenswert schlecht schlechte schlechter schlechteste spitze
    bestens enttauschend enttauscht empfehle
    bon bonne bien excellente parfait parfaite magnifique formidable incroyable merveilleux
    merveilleuse utile mauvais mauvaise nul nulle adore aime recommande
    bueno buena buenisima buenisimo excelente perfecto perfecta increible maravillosa
    maravilloso util malo mala pesimo pesima fantastica fantastico recomiendo recomendada
    recomendado encanta encanto gusta gusto mejor peor espectacular
    bom boa otimo otima ottimo ottima bello bella bellissima buono buona pessimo pessima
    maravilhoso maravilhosa perfeito perfeita incrivel lindo linda adorei amei gostei
    sensacional ruim horrivel excelentes
    bellissimo eccellente perfetto perfetta stupendo stupenda meraviglioso meravigliosa
    utilissima utilissimo consiglio piace orribile schifo inutile brutto brutta fantastico
    harika mükemmel mukemmel güzel guzel iyi muhteşem muhtesem başarılı basarili şahane
    sahane kötü kotu berbat rezalet faydalı faydali yararlı yararli beğendim begendim
    dobry dobra dobre dobrze świetny świetna świetne swietny swietna fajny fajna fajne
    fajnie genialny genialna genialne doskonały doskonała wspaniały wspaniała rewelacja
    rewelacyjny rewelacyjna polecam najlepszy najlepsza najlepsze przydatna przydatny
    zły zła złe słaby słaba beznadziejny beznadziejna okropny okropna
    bagus mantap mantab keren hebat baik bermanfaat berguna terbaik suka jelek buruk
    payah
    accha acha achha achchha badhiya badiya bekar bakwas zabardast shandar kamaal
    хорошо хороший хорошее хорошая отлично отличное отличный отличная классно классное
    класс круто крутое прекрасно прекрасное прекрасный замечательно замечательное
    замечательный великолепно великолепное лучшее лучший лучшая полезное полезный
    полезная нравится понравилось рекомендую плохо плохое плохой ужасно ужасное ужас
    отстой худшее бесполезно бесполезное супер
    добре добрий чудово чудове чудовий відмінно відмінне гарно гарне гарний найкраще
    найкращий найкраща корисне корисний погано жахливо
    رائع رائعه روعه ممتاز جميل جيد افضل احسن اروع مفيد رهيب خرافي مذهل ابداع مبدع حلو
    حلوه حلوا تحفه عظيم سيء سيئ سئ سيئه فاشل زفت اسوا تافه يجنن
    عالی عالیه خوب مفید جذاب قشنگ زیبا بهترین بد افتضاح
    מעולה טוב אחלה מדהים
    """.split()  # noqa: SIM905 (one readable block per language)
)

# Words that frame an opinion without naming a subject: what is reviewed in general ("app",
# "product"), its makers ("developers", "team"), stars and grades ("5 stars", "ten
# out of ten"), intensifiers and "ever", "keep up the good work", "must have", "waste of
# time". Never a part, feature or step of what is reviewed.
FRAME_WORDS = frozenset(
    """
    app apps application applications program programme software product products tool
    thing things stuff experience job work idea ever overall totally absolutely extremely
    highly definitely truly quite pretty simply seriously indeed actually star stars rating
    thumbs yeah yay lol omg damn guys team developers developer
    devs dev makers creators keep everyone everybody anyone people life lot lots
    deserve deserves deserved worth five ten zero
    applicatie applicaties programma producten ding dingen ervaring sterren ster zeker
    absoluut helemaal totaal jongens ontwikkelaars iedereen dikke duim
    anwendung programm produkt sache erfahrung sterne wirklich einfach total absolut weiter
    entwickler
    appli logiciel produit chose vraiment developpeurs
    aplicacion aplicaciones programa producto cosa experiencia estrellas realmente maximo
    desarrolladores
    aplicativo aplicacao applicazione prodotto programma muito
    uygulama uygulaması uygulamasi programı programi gerçekten cok en
    aplikacja aplikacji aplikację aplikacje programu bardzo naprawdę
    aplikasi sangat banget sekali luar biasa membantu
    bahut app
    приложение приложения приложении программа программу прога вещь очень самое самый
    просто реально застосунок додаток програма дуже
    برنامج برامج تطبيق تطبيقات جدا اكثر حقا بصراحه والله يستحق تستحق نجوم خمس الف
    يعطيكم العافيه مطور مطورين مخترع
    برنامه اپ نرم افزار است هست بسیار خیلی واقعا دوست داشتنی
    אפליקציה
    """.split()  # noqa: SIM905 (one readable block per language)
)

# A word: letters with their combining marks (Arabic vowel signs, Indic and Burmese vowel
# signs), which folding then drops.
_LETTERS = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{LETTER_MARKS}])*")
_REPEATS = re.compile(r"(.)\1+")
# Arabic-script spellings of one word: elongation (tatweel) dropped, taa marbuta as haa
# ("روعة" = "روعه"), alif maqsura and Persian yeh as yeh, Persian kaf as kaf. Hamza and
# madda on alef ("أ", "إ", "آ" -> "ا") and the vowel signs are combining marks after NFKD.
_ARABIC_FOLD = str.maketrans({"ـ": "", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك"})
# Arabic writes "and", "the", "with", "for" on the word: "ومفيد" (and useful), "البرنامج"
# (the program), "للمطورين". Tried longest first when the word itself is not in the lexicon.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب")


def _plain(word: str) -> str:
    """Case- and accent-folded, Arabic letter variants as one: "Génial" -> "genial",
    "رائعة" -> "رائعه", "أفضل" -> "افضل"."""
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", word.casefold().translate(_ARABIC_FOLD))
        if not unicodedata.combining(c)
    )


def _fold(word: str) -> str:
    """:func:`_plain` with repeated letters collapsed: "Goooood" -> "god" like "good",
    "Excelent" like "excellent"."""
    return _REPEATS.sub(r"\1", _plain(word))


_VERDICT_WORDS = OPINION_WORDS | THANKS_WORDS
_OPINION = frozenset(_fold(w) for w in _VERDICT_WORDS)
_ALLOWED = _OPINION | frozenset(_fold(w) for w in FRAME_WORDS | STOP_WORDS)
# Words as written (not collapsed): "ook" is Dutch "also" before it is "ok" folded.
_PLAIN_OPINION = frozenset(_plain(w) for w in _VERDICT_WORDS)
_PLAIN_OTHER = frozenset(_plain(w) for w in FRAME_WORDS | STOP_WORDS) - _PLAIN_OPINION

OPINION_ONLY, NOT_ONLY_OPINION, UNJUDGED = 1, 0, -1
# What :func:`_read` finds in a text, as bits: a word the lexicon knows, an opinion word, a
# word it does not know.
_KNOWN, _OPINION_WORD, _UNKNOWN = 1, 2, 4


@lru_cache(maxsize=100_000)  # a workspace's vocabulary; folding is most of the cost
def _word(token: str) -> tuple[str, int]:
    """``token`` folded, and its bits (0: a single letter, ignored: "it's" -> "it")."""
    plain = _plain(token)
    word = _REPEATS.sub(r"\1", plain)
    if len(word) < 2:
        return word, 0
    if plain in _PLAIN_OPINION:
        return word, _KNOWN | _OPINION_WORD
    if plain in _PLAIN_OTHER:
        return word, _KNOWN
    if word in _ALLOWED:
        return word, _KNOWN | (_OPINION_WORD if word in _OPINION else 0)
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix) :]
            if rest in _ALLOWED:
                return rest, _KNOWN | (_OPINION_WORD if rest in _OPINION else 0)
    return word, _UNKNOWN


def _read(subject: str, unknown: set[str] | None = None) -> int:
    """The bits of ``subject``'s words; the words the lexicon does not know are added to
    ``unknown`` when given."""
    bits = 0
    for token in _LETTERS.findall(subject):
        word, found = _word(token)
        bits |= found
        if found == _UNKNOWN and unknown is not None:
            unknown.add(word)
    return bits


def opinion_kind(subject: str) -> int:
    """What ``subject`` (a text's :func:`analysis.subject_text.subject_text`) says, as
    :func:`opinion_themes` counts it:

    - :data:`OPINION_ONLY`: an opinion word (or thanks) and no word outside the lexicon
      ("Great app!", "Heel slecht", "Me encanta", "Worst app ever", "Thank you!",
      "Muchas gracias");
    - :data:`NOT_ONLY_OPINION`: judged (a word the lexicon knows) but not only an opinion:
      a word outside the lexicon beside it ("Great food", "good but downloads fail": a
      subject, or a word the lexicon lacks), or frame and function words only ("the app");
    - :data:`UNJUDGED`: no word the lexicon knows (another language or script, emoji only,
      one unknown word).
    """
    return int(_kinds(np.array([_read(subject)], dtype=np.int64))[0])


def says_only_opinion(phrase: str) -> bool:
    """True when ``phrase`` (a candidate name) says an opinion and nothing of a subject:
    "great app", "very good", "nice app", "muchas gracias" (:func:`opinion_kind` is
    :data:`OPINION_ONLY`); "best offline", "works fine", "te laat" carry a subject word.
    :mod:`analysis.phrases` names a theme that is not an opinion theme by such a phrase
    only when no phrase with a subject word is a candidate."""
    return opinion_kind(phrase) == OPINION_ONLY


def holds_an_opinion(phrase: str) -> bool:
    """True when ``phrase`` (a candidate name) holds an opinion word or thanks: "nice app",
    "برنامج اكثر من رائع", "good but slow"; not "dd", "my kids". An opinion theme is named by
    such a phrase, or by the opinion words its texts say (:func:`opinion_word_names`)."""
    return bool(_read(phrase) & _OPINION_WORD)


def _kinds(bits: np.ndarray) -> np.ndarray:
    """:func:`opinion_kind` of every text from its :func:`_read` bits: the one per-text rule
    :func:`opinion_themes` counts with."""
    judged = (bits & _KNOWN) > 0
    only = judged & ((bits & _OPINION_WORD) > 0) & ((bits & _UNKNOWN) == 0)
    return np.where(only, OPINION_ONLY, np.where(judged, NOT_ONLY_OPINION, UNJUDGED))


def read_opinions(texts: Sequence[str], common: frozenset[str] | None = None) -> np.ndarray:
    """What each text's subject holds (bits, see :func:`_read`); the last two answers are kept.

    A refresh reads them on its second core while the clustering runs; the top level asks
    again for the same texts (~5 s at 100k texts on the 2-core machine). ``common``: the
    workspace's common words, found in ``texts`` when None (see :func:`opinion_themes`).
    """
    return _readings(tuple(subject_texts(texts, common=common)))


@lru_cache(maxsize=2)  # 100 kB per 100k texts
def _readings(subjects: tuple[str, ...]) -> np.ndarray:
    return np.fromiter((_read(s) for s in subjects), np.int8, len(subjects))


def opinion_themes(
    texts: Sequence[str],
    labels: Sequence[int] | np.ndarray,
    *,
    common: frozenset[str] | None = None,
) -> np.ndarray:
    """Per theme ``0..k-1`` of ``labels`` (negative: unsorted, ignored), whether it is an
    opinion theme: what its texts have in common is an opinion, not a subject.

    Read on the texts' subjects (:func:`analysis.subject_text.subject_texts`: greetings,
    handles, sign-offs and the workspace's common words removed, as the clustering read
    them) and counted over the theme's texts the lexicon judges (a word of them in it; at
    least :data:`MIN_JUDGED_SHARE` of the theme's texts with a word): at least :data:`OPINION_ONLY_SHARE` of
    them say nothing but an opinion (:data:`OPINION_ONLY`), and its most frequent word
    outside the lexicon (its likeliest subject) is in at most ``1 / SUBJECT_RATIO`` as many
    texts as an opinion word is.
    "Great food", "friendly staff", "good but downloads fail" make themes whose subject word
    recurs; "Good", "Nice app, love it", "Top!" do not.

    ``common``: the workspace's common words (:func:`analysis.subject_text.common_words`),
    found in ``texts`` when None (then ``texts`` must be all of the workspace's texts). Given,
    ``texts`` may be the judged themes' texts only: a theme's answer depends on its own texts
    and the common words alone.
    """
    labels_arr = np.asarray(labels, dtype=np.int64)
    k = int(labels_arr.max()) + 1 if (labels_arr >= 0).any() else 0
    bits = read_opinions(texts, common).astype(np.int64)
    inside = labels_arr >= 0
    themes, bits = labels_arr[inside], bits[inside]
    kinds = _kinds(bits)
    judged_rows = kinds != UNJUDGED
    opinion_rows = judged_rows & ((bits & _OPINION_WORD) > 0)
    # Texts without a word ("12", "(Y)", "👍👍", "ttt") neither speak for nor against.
    worded = np.bincount(themes, weights=bits != 0, minlength=k)
    judged = np.bincount(themes, weights=judged_rows, minlength=k)
    opinion = np.bincount(themes, weights=opinion_rows, minlength=k)
    only = np.bincount(themes, weights=kinds == OPINION_ONLY, minlength=k)
    candidate = (
        (judged > 0)
        & (judged >= MIN_JUDGED_SHARE * worded - 1e-9)
        & (only >= OPINION_ONLY_SHARE * judged - 1e-9)
    )
    # The subject words only for the few candidates: most themes fail the shares above.
    subjects = subject_texts(texts, common=common)
    rows = np.flatnonzero(inside)
    for theme in np.flatnonzero(candidate):
        counts: Counter[str] = Counter()
        for row in rows[(themes == theme) & judged_rows]:
            unknown: set[str] = set()
            _read(subjects[row], unknown)
            counts.update(unknown)
        top_subject = max(counts.values(), default=0)
        candidate[theme] = top_subject * SUBJECT_RATIO <= opinion[theme] + 1e-9
    return candidate


_PLAIN_THANKS = frozenset(_plain(w) for w in THANKS_WORDS)


def thanking_themes(texts: Sequence[str], labels: Sequence[int] | np.ndarray) -> np.ndarray:
    """Per theme ``0..k-1`` of ``labels`` (negative: unsorted, ignored), whether at least
    :data:`THANKS_SHARE` of its texts thank (a word of
    :data:`analysis.stopwords.THANKS_WORDS` as written: "Thank you!", "Gracias a los
    desarrolladores", "شكراً"). Read on the texts themselves: their subjects leave the thanks
    out."""
    labels_arr = np.asarray(labels, dtype=np.int64)
    k = int(labels_arr.max()) + 1 if (labels_arr >= 0).any() else 0
    inside = labels_arr >= 0
    thanking = np.fromiter(
        (
            any(_plain(token) in _PLAIN_THANKS for token in _LETTERS.findall(text))
            for text, row_inside in zip(texts, inside, strict=True)
            if row_inside
        ),
        bool,
    )
    sizes = np.bincount(labels_arr[inside], minlength=k)
    thanks = np.bincount(labels_arr[inside], weights=thanking, minlength=k)
    return (sizes > 0) & (thanks >= THANKS_SHARE * sizes - 1e-9)


# Each folded opinion word as the lexicon writes it ("god" -> "good"): the shortest spelling,
# then the first alphabetically.
_SPELLING: dict[str, str] = {}
for _spelling in sorted(OPINION_WORDS, key=lambda w: (len(w), w)):
    _SPELLING.setdefault(_fold(_spelling), _spelling)


def opinion_word_names(
    texts: Sequence[str], labels: Sequence[int] | np.ndarray, taken: Collection[str] = ()
) -> dict[int, str]:
    """A name for each theme ``0..k-1`` of ``labels`` (negative: unsorted, ignored) from the
    opinion words most of its texts say, as the lexicon writes them: "روعه" for a theme of
    "روعهههههه", "رووووووعة", "روووووووعه"; "ok, top" for "ok", "Tooop", "PK 12", "ttt".

    For the opinion themes that no phrase with an opinion word names: their keywords are the
    stray words of single texts ("anglina, apuros"), a phrase of two texts "dd". The second word only when said by at
    least half as many texts as the first. A theme whose texts say no opinion word, or whose
    name is in ``taken`` (two themes never share a name), gets none.
    """
    labels_arr = np.asarray(labels, dtype=np.int64)
    counts: dict[int, Counter[str]] = {}
    for text, theme in zip(texts, labels_arr, strict=True):
        if theme < 0:
            continue
        words: set[str] = set()
        for token in _LETTERS.findall(text):
            word, found = _word(token)
            if found & _OPINION_WORD and word in _SPELLING:
                words.add(_SPELLING[word])
        counts.setdefault(int(theme), Counter()).update(words)
    used = {name.casefold() for name in taken}
    names: dict[int, str] = {}
    for theme, said in sorted(counts.items()):
        ranked = sorted(said.items(), key=lambda wc: (-wc[1], wc[0]))
        if not ranked:
            continue
        shown = [ranked[0][0]]
        if len(ranked) > 1 and 2 * ranked[1][1] >= ranked[0][1]:
            shown.append(ranked[1][0])
        name = ", ".join(shown)
        if name.casefold() not in used:
            names[theme] = name
            used.add(name.casefold())
    return names
