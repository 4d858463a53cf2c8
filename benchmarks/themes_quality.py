"""Theme quality on banking77_train (English) and the sample data (Dutch + English).

Prints NMI, ARI, unsorted share, number of themes and clustering seconds for our
ThemeClusterer (number of themes not given) and, when ``bertopic`` is installed, BERTopic
with default settings on the same vectors in the same run. Vectors are cached under
``benchmarks/out/``. Usage: ``python benchmarks/themes_quality.py [embedder ...]``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

from analysis.clustering import ThemeClusterer  # noqa: E402
from analysis.embedders import get_embedder  # noqa: E402
from ingest.schema import content_hash  # noqa: E402

OUT = REPO / "benchmarks" / "out"
BANKING = REPO.parent / "shared" / "eval" / "banking77_train" / "train.csv"


def cached_vectors(name: str, dataset: str, texts: list[str]) -> np.ndarray:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{dataset}_{name}.npy"
    if path.exists():
        return np.load(path)
    started = time.perf_counter()
    vectors = get_embedder(name).embed(texts)
    print(f"  embedded {len(texts)} texts with {name} in {time.perf_counter() - started:.1f}s")
    np.save(path, vectors)
    return vectors


def row(method: str, truth, labels, seconds: float) -> str:
    labels = np.asarray(labels)
    themes = len(set(labels[labels >= 0]))
    return (
        f"| {method} | {themes} | {(labels < 0).mean():.1%} | "
        f"{normalized_mutual_info_score(truth, labels):.3f} | {adjusted_rand_score(truth, labels):.3f} | "
        f"{seconds:.1f} s |"
    )


def ours(vectors: np.ndarray, texts: list[str]) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    model = ThemeClusterer(random_state=0).fit(vectors, [content_hash(t) for t in texts])
    return model.labels_, time.perf_counter() - started


def graph(vectors: np.ndarray, texts: list[str]) -> tuple[np.ndarray, float] | None:
    try:
        import leidenalg  # noqa: F401
    except ImportError:
        print("  leidenalg not installed: pip install leidenalg python-igraph")
        return None
    from analysis.graph_clustering import GraphThemeClusterer

    started = time.perf_counter()
    model = GraphThemeClusterer(random_state=0).fit(vectors, [content_hash(t) for t in texts])
    return model.labels_, time.perf_counter() - started


def bertopic(vectors: np.ndarray, texts: list[str]) -> tuple[np.ndarray, float] | None:
    try:
        from bertopic import BERTopic
    except ImportError:
        print("  bertopic not installed: pip install bertopic (benchmark-only extra)")
        return None
    started = time.perf_counter()
    topics, _ = BERTopic().fit_transform(texts, embeddings=vectors)
    return np.asarray(topics), time.perf_counter() - started


def main(names: list[str]) -> None:
    header = (
        "| method | themes | unsorted | NMI | ARI | clustering time |\n|---|---|---|---|---|---|"
    )
    banking = pd.read_csv(BANKING)
    texts, truth = banking["text"].tolist(), banking["category"].to_numpy()
    for name in names:
        vectors = cached_vectors(name, "banking77_train", texts)
        print(f"\nbanking77_train ({len(texts)} texts), embedder {name}\n{header}")
        labels, seconds = ours(vectors, texts)
        print(row(f"Klantstem ({name})", truth, labels, seconds), flush=True)
        graph_result = graph(vectors, texts)
        if graph_result is not None:
            print(row(f"Leiden SNN graph, experimental ({name})", truth, *graph_result), flush=True)
        if name == names[0] and "--no-bertopic" not in sys.argv:
            result = bertopic(vectors, texts)
            if result is not None:
                print(row(f"BERTopic defaults ({name})", truth, *result), flush=True)
                print(f"speed ratio BERTopic / Klantstem: {result[1] / seconds:.1f}x", flush=True)
                if graph_result is not None:
                    print(
                        f"speed ratio BERTopic / Leiden graph: {result[1] / graph_result[1]:.1f}x",
                        flush=True,
                    )


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("--")] or ["minilm"])
