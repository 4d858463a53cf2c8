"""Theme tree and theme names on every labeled set in ``../shared/eval``.

For each set (see its README: ``label`` is the fine level, ``group`` the top level) prints
the number of sub-themes and top themes, unsorted share, NMI / ARI of sub-themes against
``label`` and of top themes against ``group``, and two name scores for the sub-themes:

- *verbatim*: share of names found (case and punctuation folded) in >= 2 of the theme's texts;
- *intent word*: share of names sharing a word with the theme's majority label (intent sets).

Both are given for the product's names (:class:`analysis.labels.CTfidfLabeler`: a phrase
from the texts) and, beside them, for its first two c-TF-IDF keywords (what the product
showed as a name before). Vectors (all-MiniLM-L6-v2 by default) are cached in
``benchmarks/out``. Usage: ``python benchmarks/theme_tree.py [embedder] [set ...]``.
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


def name_scores(
    names: dict[int, str], labels: np.ndarray, texts: list[str], truth: np.ndarray
) -> tuple[float, float]:
    folded = [f" {fold(t)} " for t in texts]
    verbatim = shared = 0
    for theme, name in names.items():
        rows = np.flatnonzero(labels == theme)
        key = fold(name)
        if key and sum(f" {key} " in folded[r] for r in rows) >= 2:
            verbatim += 1
        majority = pd.Series(truth[rows]).value_counts().index[0]
        words = {w for w in re.split(r"[_#\s]+", str(majority).lower()) if w}
        if set(key.split()) & words:
            shared += 1
    n = max(len(names), 1)
    return verbatim / n, shared / n


def run(dataset: str, embedder: str) -> None:
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
    clusterer = ThemeClusterer(random_state=0).fit(vectors, keys)
    labels = clusterer.labels_
    cluster_s = time.perf_counter() - started
    started = time.perf_counter()
    grouper = ThemeGrouper().fit(vectors, labels, keys)
    tree_s = time.perf_counter() - started
    top = np.where(labels >= 0, grouper.groups_[np.maximum(labels, 0)], -1)
    started = time.perf_counter()
    labeled = CTfidfLabeler().fit(texts, labels, vectors).labels_
    names = {t: lab.label for t, lab in labeled.items()}
    keyword_names = {t: " ".join(lab.keywords[:2]) for t, lab in labeled.items()}
    names_s = time.perf_counter() - started
    ours = name_scores(names, labels, texts, fine_truth)
    theirs = name_scores(keyword_names, labels, texts, fine_truth)
    top_cells = "– | – | –"
    if top_col:
        top_truth = frame[top_col].astype(str).to_numpy()
        top_cells = f"{grouper.n_groups_} | {nmi(top_truth, top):.3f} | {ari(top_truth, top):.3f}"
    print(
        f"| {dataset} | {len(texts)} | {clusterer.n_themes_} | {(labels < 0).mean():.1%} "
        f"| {nmi(fine_truth, labels):.3f} | {ari(fine_truth, labels):.3f} | {top_cells} "
        f"| {ours[0]:.0%} / {ours[1]:.0%} | {theirs[0]:.0%} / {theirs[1]:.0%} "
        f"| {cluster_s:.1f} + {tree_s:.1f} + {names_s:.1f} s |",
        flush=True,
    )


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    embedder = args[0] if args and args[0] not in SETS else "minilm"
    chosen = [a for a in args if a in SETS] or list(SETS)
    if not EVAL.exists():
        raise SystemExit(f"{EVAL} not found (needs ../shared next to the repo)")
    print(f"embedder {embedder}; names: verbatim in >= 2 texts / share a word with the label\n")
    print(
        "| set | items | sub-themes | unsorted | sub NMI | sub ARI | top themes | top NMI "
        "| top ARI | phrase names | keyword names (before) | cluster + tree + names |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for dataset in chosen:
        run(dataset, embedder)


if __name__ == "__main__":
    main()
