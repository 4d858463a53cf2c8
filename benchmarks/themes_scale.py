"""Refresh time and peak memory with cached vectors at 10k / 50k / 100k items.

Each size runs in its own process (peak RSS is per process): a temporary DuckDB workspace
is filled with banking77-like items (texts resampled from banking77_train with a number
appended, vectors = the cached all-MiniLM-L6-v2 vector of the source text plus small noise)
and refreshed; then 1,000 new items are embedded (real model) and assigned, and 1,000 more of
which 80 are on a new subject (lost parcels: new themes proposed and placed in the tree),
with the text caches emptied as in a dashboard process that did not run the refresh.
Usage: ``python benchmarks/themes_scale.py [--stages] [10000 50000 100000]``.

``--stages`` also prints the refresh stage by stage: wall and CPU seconds of the main
thread (nested stages indented; a parent's time includes its children's). The work on the
second core (sentiment and the texts' subjects during the layout epochs, the neighbour
search's second thread) is listed apart, as process CPU seconds over the whole refresh.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

BANKING = REPO.parent / "shared" / "eval" / "banking77_train" / "train.csv"
VECTORS = REPO / "benchmarks" / "out" / "banking77_train_minilm.npy"


class StageTimer:
    """Wraps functions so that every call adds its wall and thread CPU time to a stage.

    Only calls made on the thread that created the timer are timed as stages (others run
    in the background and show up in the process CPU time)."""

    def __init__(self) -> None:
        import threading

        self.main = threading.get_ident()
        self.stack: list[str] = []
        self.totals: dict[tuple[str, ...], list[float]] = {}
        self.order: list[tuple[str, ...]] = []

    def wrap(self, owner: object, name: str, label: str) -> None:
        import functools
        import threading

        original = getattr(owner, name)
        timer = self

        @functools.wraps(original)
        def timed(*args: object, **kwargs: object) -> object:
            if threading.get_ident() != timer.main:
                return original(*args, **kwargs)
            timer.stack.append(label)
            path = tuple(timer.stack)
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                timer.stack.pop()
                if path not in timer.totals:
                    timer.totals[path] = [0.0, 0.0]
                    timer.order.append(path)
                timer.totals[path][0] += time.perf_counter() - wall
                timer.totals[path][1] += time.thread_time() - cpu

        setattr(owner, name, timed)

    def print(self, total_wall: float, total_cpu: float) -> None:
        print("\n| stage | wall s | main-thread CPU s |\n|---|---|---|")
        for path in self.order:
            wall, cpu = self.totals[path]
            indent = "&nbsp;&nbsp;" * (len(path) - 1)
            print(f"| {indent}{path[-1]} | {wall:.2f} | {cpu:.2f} |")
        print(f"| **refresh** | **{total_wall:.2f}** | process CPU {total_cpu:.2f} |", flush=True)


def stage_timer() -> StageTimer:
    """Time the refresh's stages (see the module docstring)."""
    import scipy.cluster.hierarchy as hierarchy
    from sklearn.cluster import MiniBatchKMeans

    import analysis.clustering as clustering
    import analysis.kernels as kernels
    import analysis.labels as labels
    import analysis.neighbors as neighbors
    import analysis.refresh_plan as refresh_plan
    import analysis.theme_tree as theme_tree
    import workspace.refresh as refresh
    import workspace.theme_store as theme_store
    import workspace.theme_tree as workspace_tree

    timer = StageTimer()
    for owner, name, label in [
        (refresh, "text_items", "read items"),
        (refresh, "ensure_vectors", "read cached vectors"),
        (refresh, "cluster_items", "clustering"),
        (clustering, "search_cells", "search cells (sample's layout)"),
        (clustering, "nearest_neighbors", "neighbour search"),
        (MiniBatchKMeans, "fit", "mini-batch k-means"),
        (neighbors, "fuzzy_graph", "fuzzy graph"),
        (clustering, "umap_layout", "layout"),
        (neighbors, "nearest_neighbors", "sample's neighbour search"),
        (kernels, "optimize_layout", "layout epochs"),
        (neighbors, "place_rows", "other rows placed"),
        (kernels, "optimize_placement", "placement epochs"),
        (clustering.ThemeClusterer, "_micro", "micro k-means"),
        (hierarchy, "linkage", "ward tree"),
        (clustering, "_simplified_silhouette", "cuts scored"),
        (clustering, "finish_themes", "finish (small themes, unsorted)"),
        (theme_store, "registry", "read registry"),
        (refresh, "plan_refresh", "plan"),
        (refresh_plan, "theme_rows", "theme rows"),
        (labels.CTfidfLabeler, "fit", "names, keywords, quotes"),
        (refresh_plan, "similarities", "similarities"),
        (refresh, "_star_sentiment", "star sentiment"),
        (theme_store, "save_refresh", "save themes, assignments, sentiment"),
        (refresh, "rebuild_tree", "main themes"),
        (workspace_tree, "plan_tree", "plan tree"),
        (theme_tree.ThemeGrouper, "fit", "grouping"),
    ]:
        timer.wrap(owner, name, label)
    return timer


def one_size(n: int, stages: bool = False) -> None:
    from analysis.embedders import PrecomputedEmbedder, get_embedder
    from analysis.subject_text import subject_text
    from ingest.schema import FeedbackRecord, make_record_id
    from workspace.db import Workspace
    from workspace.imports import import_records
    from workspace.placement import assign_new_items
    from workspace.refresh import refresh_themes
    from workspace.vectors import ensure_vectors, text_items

    base = pd.read_csv(BANKING)["text"].tolist()
    source = np.load(VECTORS)
    rng = np.random.default_rng(0)
    pick = rng.integers(0, len(base), n)
    texts = [f"{base[p]} (#{i})" for i, p in enumerate(pick)]
    vectors = source[pick] + 0.02 * rng.standard_normal((n, source.shape[1])).astype(np.float32)
    start = datetime(2026, 1, 5, tzinfo=UTC)
    records = [
        FeedbackRecord(
            id=make_record_id("bench", str(i)),
            source_system="bench",
            channel="review",
            received_at=start + timedelta(minutes=5 * i),
            text=t,
            source_file="bench",
            source_row=i + 1,
            language="en",
        )
        for i, t in enumerate(texts)
    ]
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(Path(tmp) / "ws.duckdb") as ws:
        import_records(ws, records, file_name="bench")
        embedder = get_embedder("minilm")
        # Keyed by what the workspace embeds: each text's subject (analysis/subject_text.py).
        cache = PrecomputedEmbedder(
            dict(zip([subject_text(t) for t in texts], vectors, strict=True)),
            model_id=embedder.model_id,
        )
        ensure_vectors(ws, cache, text_items(ws))  # fill the cache
        timer = stage_timer() if stages else None
        started, cpu_started = time.perf_counter(), time.process_time()
        report = refresh_themes(ws, cache)
        refresh = time.perf_counter() - started
        if timer is not None:
            timer.print(refresh, time.process_time() - cpu_started)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
        new = [
            FeedbackRecord(
                id=make_record_id("bench-new", str(i)),
                source_system="bench",
                channel="email",
                received_at=start + timedelta(days=400, minutes=i),
                text=f"{base[p]} new {i}",
                source_file="new",
                source_row=i + 1,
                language="en",
            )
            for i, p in enumerate(rng.integers(0, len(base), 1000))
        ]
        import_records(ws, new, file_name="new")
        embedder.embed(["warm up"])  # model load is not part of the per-item cost
        started = time.perf_counter()
        assigned = assign_new_items(ws, embedder)
        assign = time.perf_counter() - started
        # 1,000 more, 80 of them on a subject the workspace has not seen (lost parcels): new
        # themes are proposed and placed in the tree. With the text caches emptied, as in a
        # dashboard process that did not run the refresh.
        parcels = [
            "My parcel was lost by PostNL and never arrived",
            "PostNL lost my package, tracking stuck for two weeks",
            "the courier lost my parcel, PostNL says it was delivered but it was not",
            "Package lost in transit with PostNL, no answer",
            "PostNL kwijt: my parcel disappeared after the depot scan",
        ]
        more = [f"{base[p]} more {i}" for i, p in enumerate(rng.integers(0, len(base), 920))]
        more += [f"{parcels[i % len(parcels)]} (order {i})" for i in range(80)]
        import_records(
            ws,
            [
                FeedbackRecord(
                    id=make_record_id("bench-more", str(i)),
                    source_system="bench",
                    channel="email",
                    received_at=start + timedelta(days=401, minutes=i),
                    text=t,
                    source_file="more",
                    source_row=i + 1,
                    language="en",
                )
                for i, t in enumerate(more)
            ],
            file_name="more",
        )
        clear_text_caches()
        started = time.perf_counter()
        proposing = assign_new_items(ws, embedder)
        propose = time.perf_counter() - started
    print(
        f"| {n:,} | {refresh:.1f} s (clustering {report.cluster_seconds:.1f} s) | {peak:.2f} GiB | "
        f"{report.themes} | {report.unsorted_share:.1%} | {assign:.1f} s ({assigned.assigned} assigned, "
        f"{assigned.unsorted} unsorted, {len(assigned.proposed_themes)} proposals) | "
        f"{propose:.1f} s ({proposing.assigned} assigned, {proposing.unsorted} unsorted, "
        f"{len(proposing.proposed_themes)} proposals) |",
        flush=True,
    )


def clear_text_caches() -> None:
    """Empty the caches of the texts' subjects and opinions (a process that did not refresh)."""
    from analysis import opinion_only, subject_text

    for cached in (
        subject_text.subject_text,
        subject_text._cleaned,
        subject_text._subject_texts,
        opinion_only._readings,
    ):
        cached.cache_clear()


def ensure_source_vectors() -> None:
    """Embed banking77_train once with all-MiniLM-L6-v2 (a few minutes on 2 cores)."""
    if VECTORS.exists():
        return
    from analysis.embedders import get_embedder

    print(f"Embedding {BANKING.name} once into {VECTORS} ...", flush=True)
    texts = pd.read_csv(BANKING)["text"].tolist()
    VECTORS.parent.mkdir(parents=True, exist_ok=True)
    np.save(VECTORS, get_embedder("minilm").embed(texts).astype(np.float32))


def main(sizes: list[int], stages: bool = False) -> None:
    ensure_source_vectors()
    print(
        "| items | refresh | peak memory | themes | unsorted | 1k new items embedded + assigned "
        "| 1k more, 80 on a new subject (cold text caches) |"
    )
    print("|---|---|---|---|---|---|---|", flush=True)
    for n in sizes:
        flags = ["--stages"] if stages else []
        subprocess.run([sys.executable, __file__, *flags, "--one", str(n)], check=True)


if __name__ == "__main__":
    stages = "--stages" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--stages"]
    if len(args) == 2 and args[0] == "--one":
        one_size(int(args[1]), stages)
    else:
        main([int(a) for a in args] or [10_000, 50_000, 100_000], stages)
