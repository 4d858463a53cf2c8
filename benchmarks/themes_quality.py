"""Theme quality and clustering speed on banking77_train (English, 10,003 texts, 77 intents).

Prints NMI, ARI, unsorted share, number of themes and clustering seconds for our
ThemeClusterer (number of themes not given) and, when ``bertopic`` is installed, BERTopic
with default settings on the same cached vectors.

Each method runs in its own fresh Python process and is fitted twice there:

- **cold**: the first fit in the process, as a manager meets it in one ``klantstem themes``
  run. Both methods use numba code (UMAP) that is compiled on first use; BERTopic also
  compiles pynndescent's.
- **warm**: the second fit in the same process (the dashboard's case after its first refresh).

Quality figures are those of the warm fit (for our clusterer both fits give the same labels,
which is checked). Vectors are cached under ``benchmarks/out/``.
Usage: ``python benchmarks/themes_quality.py [embedder] [--no-bertopic]`` (default
``minilm``).

``--sample`` instead refreshes a temporary workspace built from ``sample_data/`` (Dutch +
English, 9 planted themes) with each embedder and prints NMI / ARI against the planted truth
and whether the Dutch and English "late delivery" items share a theme.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

OUT = REPO / "benchmarks" / "out"
BANKING = REPO.parent / "shared" / "eval" / "banking77_train" / "train.csv"


def cached_vectors(name: str, dataset: str, texts: list[str]) -> np.ndarray:
    from analysis.embedders import get_embedder

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{dataset}_{name}.npy"
    if path.exists():
        return np.load(path)
    started = time.perf_counter()
    vectors = get_embedder(name).embed(texts)
    print(f"  embedded {len(texts)} texts with {name} in {time.perf_counter() - started:.1f}s")
    np.save(path, vectors)
    return vectors


def fit_once(method: str, vectors: np.ndarray, texts: list[str]) -> tuple[np.ndarray, float]:
    """Labels (-1 = unsorted / outlier) and seconds of one fit, imports included."""
    started = time.perf_counter()
    if method == "klantstem":
        from analysis.clustering import ThemeClusterer
        from ingest.schema import content_hash

        keys = [content_hash(t) for t in texts]
        labels = ThemeClusterer(random_state=0).fit(vectors, keys).labels_
    elif method == "bertopic":
        from bertopic import BERTopic

        topics, _ = BERTopic().fit_transform(texts, embeddings=vectors)
        labels = np.asarray(topics)
    else:
        raise SystemExit(f"unknown method {method}")
    return np.asarray(labels), time.perf_counter() - started


def child(method: str, name: str) -> None:
    """Run in a fresh process: fit twice, print one JSON line."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    banking = pd.read_csv(BANKING)
    texts, truth = banking["text"].tolist(), banking["category"].to_numpy()
    vectors = cached_vectors(name, "banking77_train", texts)
    cold_labels, cold = fit_once(method, vectors, texts)
    labels, warm = fit_once(method, vectors, texts)
    print(
        json.dumps(
            {
                "method": method,
                "themes": len(set(labels[labels >= 0].tolist())),
                "unsorted": float((labels < 0).mean()),
                "nmi": float(normalized_mutual_info_score(truth, labels)),
                "ari": float(adjusted_rand_score(truth, labels)),
                "cold": cold,
                "warm": warm,
                "same_labels_cold_warm": bool(np.array_equal(cold_labels, labels)),
            }
        )
    )


def run_child(method: str, name: str) -> dict | None:
    result = subprocess.run(
        [sys.executable, __file__, "--child", method, name],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        print(f"  {method} failed:\n{result.stderr[-2000:]}")
        return None
    return json.loads(lines[-1])


def main(name: str) -> None:
    if not BANKING.exists():
        raise SystemExit(f"{BANKING} not found (needs ../shared next to the repo)")
    from importlib.util import find_spec

    if find_spec("bertopic") is None:
        print("bertopic not installed (pip install -e '.[bench]'): measuring ours only")
        methods = ["klantstem"]
    else:
        methods = ["klantstem"] if "--no-bertopic" in sys.argv else ["klantstem", "bertopic"]
    print(f"banking77_train, embedder {name}, each method in a fresh process, fitted twice\n")
    print("| method | themes | unsorted | NMI | ARI | cold (1st fit) | warm (2nd fit) |")
    print("|---|---|---|---|---|---|---|")
    results = {}
    for method in methods:
        r = run_child(method, name)
        if r is None:
            continue
        results[method] = r
        print(
            f"| {method} | {r['themes']} | {r['unsorted']:.1%} | {r['nmi']:.3f} | {r['ari']:.3f} "
            f"| {r['cold']:.1f} s | {r['warm']:.1f} s |",
            flush=True,
        )
    ours = results.get("klantstem")
    if ours is not None and not ours["same_labels_cold_warm"]:
        print("WARNING: our two fits gave different labels (not deterministic)")
    if ours is not None and "bertopic" in results:
        bt = results["bertopic"]
        print(
            f"\nspeed ratio BERTopic / Klantstem: cold {bt['cold'] / ours['cold']:.1f}x, "
            f"warm {bt['warm'] / ours['warm']:.1f}x"
        )


def sample_table(names: list[str]) -> None:
    import tempfile

    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from analysis.embedders import get_embedder
    from workspace.db import Workspace
    from workspace.imports import import_files
    from workspace.refresh import refresh_themes

    truth = pd.read_csv(REPO / "sample_data" / "truth.csv.gz")
    print("| embedder | themes | unsorted | NMI | ARI | late delivery nl/en one theme | seconds |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            with Workspace.open(Path(tmp) / f"{name}.duckdb") as ws:
                import_files(ws, [REPO / "sample_data"])
                started = time.perf_counter()
                report = refresh_themes(ws, get_embedder(name))
                seconds = time.perf_counter() - started
                got = ws.query_df("SELECT item_id, theme_id FROM assignments")
                merged = truth.merge(got, on="item_id")
                labels = merged["theme_id"].fillna(-1).astype(int)
                late = merged[merged["theme"] == "late_delivery"]
                by_lang = late.groupby("language")["theme_id"].agg(lambda t: t.mode()[0])
                together = "yes" if by_lang.get("nl") == by_lang.get("en") else "no"
                print(
                    f"| {name} | {report.themes} | {(labels < 0).mean():.1%} "
                    f"| {normalized_mutual_info_score(merged['theme'], labels):.3f} "
                    f"| {adjusted_rand_score(merged['theme'], labels):.3f} | {together} "
                    f"| {seconds:.0f} s (embedding {report.embed_seconds:.0f} s) |",
                    flush=True,
                )


if __name__ == "__main__":
    if "--sample" in sys.argv:
        sample_table([a for a in sys.argv[1:] if not a.startswith("--")] or ["use"])
    elif len(sys.argv) >= 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main(next((a for a in sys.argv[1:] if not a.startswith("--")), "minilm"))
