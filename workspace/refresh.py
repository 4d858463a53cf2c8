"""Use case: refresh the themes (load, plan, save).

A refresh loads every inbound text item and its cached vectors (embedding only texts missing
from the cache), the theme registry and the manual placements; computes a pure plan
(:func:`analysis.refresh_plan.plan_refresh`); and saves it in one transaction. The save
re-reads what changed since the load: manual moves made meanwhile are kept (the refresh stops
with a clear message when one moved an item into a theme the refresh retires), any other
change (an import, another edit, another refresh) stops the refresh with nothing saved.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from analysis.clustering import ThemeClusterer
from analysis.embedders import Embedder
from analysis.labels import count_terms
from analysis.neighbors import when_layout_starts
from analysis.opinion_only import read_opinions
from analysis.refresh_plan import cluster_items, items_sentiment, plan_refresh
from analysis.sentiment import rating_to_sentiment
from analysis.subject_text import subject_texts
from ingest.errors import WorkspaceError
from ingest.messages import message as say
from workspace import edit_log
from workspace import theme_store as store
from workspace.db import Workspace
from workspace.theme_tree import rebuild_tree, remember_common_words
from workspace.vectors import (
    ProgressCallback,
    check_embedder,
    ensure_vectors,
    text_items,
    workspace_embedder,
)


@dataclass(slots=True)
class RefreshReport:
    """What a refresh did."""

    model_id: str
    items: int = 0
    embedded: int = 0
    themes: int = 0
    unsorted: int = 0
    kept_ids: list[int] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)
    retired_ids: list[int] = field(default_factory=list)
    split_from: dict[int, int] = field(default_factory=dict)
    merged_into: dict[int, int] = field(default_factory=dict)
    kept_previous: bool = False
    fit_previous: float | None = None
    fit_new: float | None = None
    moves_kept: int = 0
    undo_closed: int = 0  # edits undo can no longer take back: they name themes now gone
    seconds: float = 0.0
    embed_seconds: float = 0.0
    cluster_seconds: float = 0.0

    @property
    def unsorted_share(self) -> float:
        return self.unsorted / self.items if self.items else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["unsorted_share"] = self.unsorted_share
        return out


def refresh_themes(
    ws: Workspace,
    embedder: Embedder | None = None,
    progress: ProgressCallback | None = None,
    random_state: int = 0,
    clusterer: ThemeClusterer | None = None,
    keep_if_as_good: bool = True,
    before_save: Callable[[], None] | None = None,
) -> RefreshReport:
    """Re-cluster every inbound text item and update the theme registry.

    With ``keep_if_as_good``, the new clustering replaces the current themes only when it
    fits the vectors better by ``MIN_REFRESH_GAIN``; otherwise the current themes stay, new
    items join the nearest one (or stay unsorted), and only labels, quotes and figures are
    recomputed.

    Args:
        embedder: default: the workspace's (:func:`workspace.vectors.workspace_embedder`).
        progress: called with a stage name and a fraction.
        random_state: seed of the clustering.
        clusterer: a configured :class:`ThemeClusterer` (tests pass smaller settings).
        keep_if_as_good: False = always take the new clustering (also the way to move the
            themes to another embedder).
        before_save: called between the plan and the save (tests make concurrent edits here).

    Raises:
        WorkspaceError: the themes were built by another embedder (and ``keep_if_as_good``),
            or the workspace changed under the refresh in a way it cannot merge;
            nothing was saved.
    """
    started = time.perf_counter()
    kernels = threading.Thread(target=_load_kernels, name="klantstem-kernels")
    kernels.start()
    embedder = embedder or workspace_embedder(ws)
    if keep_if_as_good:
        # Keeping themes means comparing with them: only in their own vector space. A
        # recluster may change the space (the old themes retire).
        check_embedder(ws, embedder)
    report = RefreshReport(model_id=embedder.model_id)
    with ws.cursor() as cur:
        loaded = edit_log.change_marker(cur)
        manual = store.manual_placements(cur)
    current = store.assignments(ws)
    theme_ids = current["theme_id"].astype("Int64")  # whole columns: 0.5 -> 0.1 s at 100k
    previous = dict(
        zip(
            current["item_id"].astype(str).tolist(),
            theme_ids.astype(object).where(theme_ids.notna(), None).tolist(),
            strict=True,
        )
    )
    items = text_items(ws)
    report.items = len(items)
    vectors, report.embedded, report.embed_seconds = ensure_vectors(ws, embedder, items, progress)
    # Many small matrix products follow (k-means steps, per-cell searches, silhouettes of
    # 58 cuts): two BLAS threads spent more time handing work over than computing. One
    # thread gives the same numbers (same products, same order) at a fraction of the CPU
    # time: 100k items 106 -> 58 CPU-s on the busy 2-core machine. Process-wide while
    # it lasts (threadpoolctl), like any BLAS setting.
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(1) as background:
        # Sentiment and the texts' subjects (which the labels read) do not depend on the
        # themes: they run on the second core while the layout's compiled epochs (one core,
        # no interpreter lock) run on the first. Started earlier, beside the neighbour
        # search, they held the lock that the search's many small calls wait for.
        texts = items["text"].tolist()
        jobs: dict[str, Future[Any]] = {}

        def start_background() -> None:
            if not jobs:
                jobs["sentiment"] = background.submit(items_sentiment, items, vectors)
                jobs["subjects"] = background.submit(subject_texts, texts)
                # The names' term counts (analysis/labels.py reads them from its cache).
                jobs["counts"] = background.submit(lambda: count_terms(subject_texts(texts)))
                # What the texts say besides an opinion (the top level reads it, cached).
                jobs["opinions"] = background.submit(read_opinions, texts)

        if progress is not None:
            progress("clustering", 0.0)
        cluster_started = time.perf_counter()
        with when_layout_starts(start_background):
            labels, centroids = cluster_items(items, vectors, clusterer, random_state)
        kernels.join()
        start_background()  # small sets have no layout
        sentiment, subjects = jobs["sentiment"], jobs["subjects"]
        report.cluster_seconds = time.perf_counter() - cluster_started
        if progress is not None:
            progress("matching", 0.6)
        subjects.result()  # cached (analysis/subject_text.py): the labels ask for them again
        jobs["counts"].result()  # cached too (analysis/labels.py)
        jobs["opinions"].result()  # cached too (analysis/opinion_only.py)
        registry = store.registry(ws, embedder.model_id)
        merged = registry.loc[registry["status"] == "merged", "theme_id"]
        plan = plan_refresh(
            items,
            vectors,
            labels,
            centroids,
            registry,
            previous,
            manual,
            store.merged_targets(ws, merged),
            embedder.model_id,
            threshold=store.assign_threshold(ws, embedder.model_id),
            keep_if_as_good=keep_if_as_good,
            sentiment=sentiment.result(),
        )
        star = _star_sentiment(ws)
        if before_save is not None:
            before_save()
        if progress is not None:
            progress("saving", 0.9)
        with ws.transaction() as con:
            now = edit_log.change_marker(con)
            if now != loaded:
                moves = _moves_since(con, loaded, now, manual)
                report.moves_kept = len(moves)
                try:
                    plan = plan.with_manual(moves)
                except ValueError as exc:
                    raise WorkspaceError(say("workspace.refresh_moved", detail=str(exc))) from exc
            tops_before = _active_tops(con)
            real = store.new_theme_ids(con, len(plan.new_ids))
            plan = plan.with_ids(dict(zip(plan.new_ids, real, strict=True)))
            store.save_refresh(ws, con, plan, star)
            item_themes = plan.theme_ids.astype(np.int64)  # aligned with ``items`` rows
            remember_common_words(ws, con, texts)
            rebuild_tree(
                con, items, vectors, item_themes, embedder.model_id, regroup=not plan.kept_previous
            )
            report.undo_closed = edit_log.close_undo(
                con, set(plan.retired_ids), tops_before - _active_tops(con)
            )
            ws.bump_data_version(con)
    report.kept_ids, report.new_ids = plan.kept_ids, plan.new_ids
    report.retired_ids = plan.retired_ids
    report.split_from, report.merged_into = plan.split_from, plan.merged_into
    report.kept_previous, report.fit_previous, report.fit_new = (
        plan.kept_previous,
        plan.fit_previous,
        plan.fit_new,
    )
    report.themes = len(plan.themes)
    report.unsorted = plan.unsorted
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress("done", 1.0)
    return report


def _active_tops(con: Any) -> set[int]:
    """Active top themes that hold a listed theme (an empty one retiring loses nothing)."""
    rows = con.execute(
        "SELECT DISTINCT tt.top_id FROM top_themes tt JOIN themes t ON t.top_id = tt.top_id "
        "WHERE tt.status = 'active' AND t.status IN ('active', 'proposed')"
    ).fetchall()
    return {int(r[0]) for r in rows}


def _load_kernels() -> None:
    """Load the clusterer's compiled loops (numba) while the refresh reads the workspace.

    Loading them from numba's on-disk cache takes ~0.3 s; compiling them, when the cache is
    missing or stale (a new checkout, or any change to ``analysis/kernels.py``: numba keys
    the cache on the file's time stamp), 2-4 s of interpreter-bound work. Done at their
    first call, that was on the main thread (at 100k rows in the layout's epochs, beside
    the refresh's text work that wants the same interpreter lock): 49.5 s with an empty
    cache against 32.0 s (``benchmarks/RESULTS.md``, session 9). Here the reads of the
    items and vectors (mostly DuckDB, without the lock) hide most of it (23.4 against
    21.4 s); a caller that reaches a loop first waits for numba's compile lock, with the
    same result."""
    from analysis.kernels import warm_up

    warm_up()


def _moves_since(
    con: Any,
    loaded: tuple[int, int, int, int],
    now: tuple[int, int, int, int],
    manual: dict[str, int | None],
) -> dict[str, int | None]:
    """Manual moves made since the load; raises when anything else changed."""
    kinds = edit_log.edit_kinds_since(con, loaded[1])
    only_moves = (
        kinds
        and all(kind == "move" for kind in kinds)
        and now[0] - loaded[0] == len(kinds)  # nothing else bumped the data version
        and now[2:] == loaded[2:]  # no undo, no new items
    )
    if not only_moves:
        if not kinds:
            raise WorkspaceError(say("workspace.refresh_changed_other"))
        raise WorkspaceError(say("workspace.refresh_changed", what=", ".join(sorted(set(kinds)))))
    placed = store.manual_placements(con)
    return {item: theme for item, theme in placed.items() if manual.get(item, -1) != theme}


def _star_sentiment(ws: Workspace) -> pd.DataFrame:
    """Sentiment of star-only items, from their rating."""
    stars = ws.query_df(
        "SELECT id, rating, rating_scale_min, rating_scale_max FROM items "
        "WHERE direction = 'inbound' AND is_star_only AND rating IS NOT NULL"
    )
    values = rating_to_sentiment(
        stars["rating"].tolist(),
        stars["rating_scale_min"].tolist(),
        stars["rating_scale_max"].tolist(),
    )
    return pd.DataFrame(
        {"item_id": stars["id"].astype(str), "sentiment": values, "source": "rating"}
    ).dropna()
