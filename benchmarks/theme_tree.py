"""Theme tree and theme names on every labeled set in ``../shared/eval``.

For each set (see its README: ``label`` is the fine level, ``group`` the top level) prints
the number of sub-themes and top themes, unsorted share, NMI / ARI of sub-themes against
``label`` and of top themes against ``group``, and two name scores for the sub-themes:

- *verbatim*: share of names found (case and punctuation folded) in >= 2 of the theme's texts;
- *intent word*: share of names sharing a word with the theme's majority label (intent sets);
- *said by*: the median over themes of the share of a theme's texts that hold its name.

Both are given for the product's names (:class:`analysis.labels.CTfidfLabeler`: a phrase
from the texts) and, beside them, for its first two c-TF-IDF keywords (what the product
showed as a name before), and how many sub-themes are mixed (their majority label holds
under half of the items: no one name can share a word with all of them). Vectors
(all-MiniLM-L6-v2 by default) are cached in ``benchmarks/out``. Usage:
``python benchmarks/theme_tree.py [embedder] [set ...] [--names] [--merge-cut=X|off]``;
``--merge-cut`` sets :class:`analysis.clustering.ThemeClusterer`'s ``merge_cut`` (default:
the product's) for a before/after; ``--names`` lists every
sub-theme after the table (size, majority label and its share, shares a word, name, first
keywords), misses marked, for reading why a name misses.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

EVAL = REPO.parent / "shared" / "eval"
SETS = {
    "banking77_train": ("train.csv", "category", None),
    "clinc150_train": ("data.csv", "label", "group"),
    "semeval16_en_restaurants": ("data.csv", "label", "group"),
    "semeval16_en_laptops": ("data.csv", "label", "group"),
}


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]|_", " ", text.casefold()).split())


def majority(rows: np.ndarray, truth: np.ndarray) -> tuple[str, float]:
    """The most frequent label of ``rows`` and its share (ties: first in label order)."""
    counts = pd.Series(truth[rows]).value_counts()
    return str(counts.index[0]), float(counts.iloc[0] / len(rows))


def singular(word: str) -> str:
    """``word`` without a plural "s" ("cards" -> "card"; not "access", "status", "this")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def shares_word(name: str, label: str, plurals: bool = False) -> bool:
    """True when the name and the label (``what_is_your_name``: split at ``_``, ``#``,
    spaces) have a word in common, case and punctuation folded (and plurals, if asked:
    the issue's "share a word" read with "cards" = "card")."""
    words = {w for w in re.split(r"[_#\s]+", label.lower()) if w}
    said = set(fold(name).split())
    if plurals:
        words, said = {singular(w) for w in words}, {singular(w) for w in said}
    return bool(said & words)


def name_coverage(name: str, rows: np.ndarray, folded: list[str]) -> float:
    """Share of ``rows`` whose text holds ``name`` (case and punctuation folded)."""
    key = fold(name)
    if not key or len(rows) == 0:
        return 0.0
    return sum(f" {key} " in folded[r] for r in rows) / len(rows)


def name_scores(
    names: dict[int, str], labels: np.ndarray, texts: list[str], truth: np.ndarray
) -> tuple[float, float, float]:
    """(verbatim, intent word, median coverage: share of a theme's texts holding its name)."""
    folded = [f" {fold(t)} " for t in texts]
    verbatim = shared = 0
    coverages = []
    for theme, name in names.items():
        rows = np.flatnonzero(labels == theme)
        key = fold(name)
        if key and sum(f" {key} " in folded[r] for r in rows) >= 2:
            verbatim += 1
        if shares_word(name, majority(rows, truth)[0]):
            shared += 1
        coverages.append(name_coverage(name, rows, folded))
    n = max(len(names), 1)
    return verbatim / n, shared / n, float(np.median(coverages)) if coverages else 0.0


CLUSTER_OPTIONS: dict[str, float | None] = {}
"""Keyword arguments for :class:`analysis.clustering.ThemeClusterer` (``--merge-cut``)."""


def run(dataset: str, embedder: str) -> list[str]:
    """Print the set's table row; return its ``--names`` lines."""
    from sklearn.metrics import adjusted_rand_score as ari
    from sklearn.metrics import normalized_mutual_info_score as nmi

    from analysis.clustering import ThemeClusterer
    from analysis.labels import CTfidfLabeler
    from analysis.theme_tree import ThemeGrouper
    from ingest.schema import content_hash

    sys.path.insert(0, str(REPO / "benchmarks"))
    from themes_quality import cached_vectors

    file_name, fine_col, top_col = SETS[dataset]
    frame = pd.read_csv(EVAL / dataset / file_name)
    texts = frame["text"].astype(str).tolist()
    fine_truth = frame[fine_col].astype(str).to_numpy()
    vectors = cached_vectors(embedder, dataset, texts)
    keys = [content_hash(t) for t in texts]
    started = time.perf_counter()
    clusterer = ThemeClusterer(random_state=0, **CLUSTER_OPTIONS).fit(vectors, keys)
    labels = clusterer.labels_
    cluster_s = time.perf_counter() - started
    started = time.perf_counter()
    grouper = ThemeGrouper().fit(vectors, labels, keys, texts)
    tree_s = time.perf_counter() - started
    top = np.where(labels >= 0, grouper.groups_[np.maximum(labels, 0)], -1)
    started = time.perf_counter()
    labeled = CTfidfLabeler().fit(texts, labels, vectors).labels_
    names = {t: lab.label for t, lab in labeled.items()}
    keyword_names = {t: " ".join(lab.keywords[:2]) for t, lab in labeled.items()}
    names_s = time.perf_counter() - started
    ours = name_scores(names, labels, texts, fine_truth)
    details = []
    folded = [f" {fold(t)} " for t in texts]
    mixed = mixed_hits = plural_hits = 0
    for theme, lab in sorted(labeled.items()):
        rows = np.flatnonzero(labels == theme)
        label, share = majority(rows, fine_truth)
        mixed += int(share < 0.5)
        mixed_hits += int(share < 0.5 and shares_word(lab.label, label))
        plural_hits += int(shares_word(lab.label, label, plurals=True))
        hit = "   " if shares_word(lab.label, label) else "MISS"
        said = name_coverage(lab.label, rows, folded)
        details.append(
            f"{dataset} {theme:3d} {len(rows):5d} {hit} {share:4.0%} {label[:28]:28s} {said:4.0%} "
            f"| {lab.label[:32]:32s} | {', '.join(lab.keywords[:5])}"
        )
    n_names = max(len(labeled), 1)
    details.append(
        f"{dataset}: {mixed} of {len(labeled)} sub-themes mixed ({mixed_hits} of them share a "
        f"word anyway); names sharing a word with plurals folded: {plural_hits / n_names:.0%}"
    )
    theirs = name_scores(keyword_names, labels, texts, fine_truth)
    top_cells = "– | – | –"
    if top_col:
        top_truth = frame[top_col].astype(str).to_numpy()
        top_cells = f"{grouper.n_groups_} | {nmi(top_truth, top):.3f} | {ari(top_truth, top):.3f}"
    print(
        f"| {dataset} | {len(texts)} | {clusterer.n_themes_} | {mixed} | {(labels < 0).mean():.1%} "
        f"| {nmi(fine_truth, labels):.3f} | {ari(fine_truth, labels):.3f} | {top_cells} "
        f"| {ours[0]:.0%} / {ours[1]:.0%} / {ours[2]:.0%} | {theirs[0]:.0%} / {theirs[1]:.0%} "
        f"| {cluster_s:.1f} + {tree_s:.1f} + {names_s:.1f} s |",
        flush=True,
    )
    return details


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    embedder = args[0] if args and args[0] not in SETS else "minilm"
    chosen = [a for a in args if a in SETS] or list(SETS)
    if not EVAL.exists():
        raise SystemExit(f"{EVAL} not found (needs ../shared next to the repo)")
    for arg in sys.argv[1:]:
        if arg.startswith("--merge-cut="):
            value = arg.split("=", 1)[1]
            CLUSTER_OPTIONS["merge_cut"] = None if value == "off" else float(value)
    print(f"{CLUSTER_OPTIONS or 'product defaults'}")
    print(f"embedder {embedder}; names: verbatim in >= 2 texts / share a word with the label\n")
    print(
        "| set | items | sub-themes | majority < 50% | unsorted | sub NMI | sub ARI | top themes | top NMI "
        "| top ARI | phrase names (verbatim / word / said by) | keyword names (before) "
        "| cluster + tree + names |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    details = [line for dataset in chosen for line in run(dataset, embedder)]
    if "--names" in sys.argv:
        print("\nset theme items hit majority-share majority said-by | name | keywords")
        print("\n".join(details))


if __name__ == "__main__":
    main()
