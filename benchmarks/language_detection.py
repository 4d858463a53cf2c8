"""How often does ingest give an item the right language?

Three sets, each with its truth:

* ``benchmarks/data/mixed_languages.csv``: 150 hand-written complaints, 30 each in Dutch,
  English, German, French and Spanish (``detect_languages`` on the texts).
* ``sample_data/``: the generated demo exports read through the product's readers (mail with
  signatures and quoting, tickets, reviews), against ``truth.csv.gz``'s language per item.
* ``../shared/samples/google_play`` (when present): real Kiwix reviews. Inbound reviews
  against the device language Google Play declares (a noisy truth: people set their phone to
  one language and write in another), and the developer's replies (read by hand: English
  but for three in French, :data:`FRENCH_REPLIES`).
* ``benchmarks/data/kiwix_short_reviews.csv``: those reviews of at most 30 characters
  (259 distinct texts), each read by hand: ``""`` for a text in no language (emoji,
  "10/10"), ``*`` where the text cannot tell ("Super", "ok", "Wikipedia": left out of the
  score). The texts are public Google Play reviews of Kiwix from github.com/julianharty/
  app-store-reviews-app (Apache-2.0), as in ``../shared/samples/google_play/PROVENANCE.txt``.

Prints accuracy per language and overall, and the most common wrong answers.

Usage: ``python benchmarks/language_detection.py``
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from ingest.language import detect_languages  # noqa: E402
from ingest.reader import read_path  # noqa: E402

MIXED = REPO / "benchmarks" / "data" / "mixed_languages.csv"
KIWIX_SHORT = REPO / "benchmarks" / "data" / "kiwix_short_reviews.csv"
SAMPLE_DATA = REPO / "sample_data"
KIWIX = REPO.parent / "shared" / "samples" / "google_play"
FRENCH_REPLIES = ("L'option n'a pas disparue", "Formidable! Merci", "Merci pour votre commentaire")


def report(title: str, truth: list[str], found: list[str]) -> None:
    right = sum(a == b for a, b in zip(truth, found, strict=True))
    print(f"{title}: {right}/{len(truth)} ({right / max(len(truth), 1):.1%})")
    per = Counter(truth)
    for language, total in per.most_common():
        ok = sum(a == b == language for a, b in zip(truth, found, strict=True))
        wrong = Counter(b for a, b in zip(truth, found, strict=True) if a == language and b != a)
        shown = ", ".join(f"{k or '?'} {v}" for k, v in wrong.most_common(4))
        print(f"    {language or '?':<4} {ok:>4}/{total:<4} {ok / total:6.1%}  {shown}")


def mixed() -> None:
    data = pd.read_csv(MIXED)
    report("mixed_languages.csv", list(data["language"]), detect_languages(list(data["text"])))


def sample_data() -> None:
    with gzip.open(SAMPLE_DATA / "truth.csv.gz", "rt") as f:
        truth = dict(pd.read_csv(f)[["item_id", "language"]].itertuples(index=False))
    pairs = []
    exports = [f for f in SAMPLE_DATA.iterdir() if f.suffix in {".mbox", ".csv", ".json"}]
    for result in (r for f in sorted(exports) for r in read_path(f)):
        for record in result.records:
            if record.id in truth and record.text.strip():
                pairs.append((truth[record.id], record.language))
    report("sample_data (items with text)", [a for a, _ in pairs], [b for _, b in pairs])


def kiwix() -> None:
    if not KIWIX.exists():
        print(f"{KIWIX} absent: real reviews skipped")
        return
    inbound, outbound, short = [], [], []
    by_hand = pd.read_csv(KIWIX_SHORT, keep_default_na=False)
    short_truth = dict(zip(by_hand["text"], by_hand["language"], strict=True))
    for result in (r for f in sorted(KIWIX.glob("*.csv")) for r in read_path(f)):
        for record in result.records:
            if not record.text.strip():
                continue
            if record.direction == "outbound":
                truth = "fr" if record.text.startswith(FRENCH_REPLIES) else "en"
                outbound.append((truth, record.language))
            else:
                declared = str(json.loads(record.raw).get("Reviewer Language", ""))[:2]
                inbound.append(({"iw": "he"}.get(declared, declared), record.language))
                if short_truth.get(record.text, "*") != "*":
                    short.append((short_truth[record.text], record.language))
    report("Kiwix developer replies", [a for a, _ in outbound], [b for _, b in outbound])
    report(
        "Kiwix reviews vs declared device language (noisy truth)",
        [a for a, _ in inbound],
        [b for _, b in inbound],
    )
    report("Kiwix short reviews, read by hand", [a for a, _ in short], [b for _, b in short])


if __name__ == "__main__":
    mixed()
    sample_data()
    kiwix()
