"""Use case: place new items into the current themes between refreshes.

Items without an assignment (and earlier leftovers) join the nearest theme when similar
enough (the threshold the last refresh stored); a group of them that is closer to itself than
to any theme becomes a *proposed* theme (:mod:`analysis.new_subjects`), even when a theme is
near enough to take them. No re-clustering, so theme ids and names do not move.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.embedders import Embedder
from analysis.new_subjects import find_new_subjects
from analysis.refresh_plan import centroid_matrix, items_sentiment, theme_rows
from analysis.registry import nearest_theme
from workspace import theme_store as store
from workspace.db import Workspace
from workspace.theme_tree import attach_orphans
from workspace.vectors import (
    ProgressCallback,
    check_embedder,
    ensure_vectors,
    text_items,
    workspace_embedder,
)

MIN_NEW_THEME_SIZE = 10


@dataclass(slots=True)
class AssignReport:
    """What :func:`assign_new_items` did.

    Attributes:
        placed: per item considered: ``item_id``, ``theme_id`` (-1: unsorted), ``method``
            (``nearest``, ``proposed`` or ``unsorted``).
    """

    assigned: int = 0
    unsorted: int = 0
    proposed_themes: list[int] = field(default_factory=list)
    embedded: int = 0
    seconds: float = 0.0
    placed: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["item_id", "theme_id", "method"])
    )


def assign_new_items(
    ws: Workspace,
    embedder: Embedder | None = None,
    progress: ProgressCallback | None = None,
    min_new_theme_size: int = MIN_NEW_THEME_SIZE,
    random_state: int = 0,
) -> AssignReport:
    """Put items without an assignment into the nearest theme, without re-clustering.

    Items below the theme similarity threshold (stored by the last refresh) stay unsorted;
    when at least ``min_new_theme_size`` of the items form a group of their own (see
    :func:`analysis.new_subjects.find_new_subjects`) they become a *proposed* theme (status
    ``'proposed'``), shown to the manager as new.

    Args:
        embedder: default: the workspace's (:func:`workspace.vectors.workspace_embedder`).

    Raises:
        WorkspaceError: the themes were built by another embedder.
    """
    started = time.perf_counter()
    embedder = check_embedder(ws, embedder or workspace_embedder(ws))
    report = AssignReport()
    pool = text_items(ws, "i.id IN (SELECT unnest(?))", [store.unplaced_item_ids(ws)])
    if pool.empty:
        return report
    vectors, report.embedded, _ = ensure_vectors(ws, embedder, pool, progress)
    themes = store.current_themes(ws, embedder.model_id)
    threshold = store.assign_threshold(ws, embedder.model_id)
    nearest, sims = nearest_theme(vectors, centroid_matrix(themes), threshold)
    theme_ids = np.array([int(themes["theme_id"].iloc[n]) if n >= 0 else -1 for n in nearest])
    methods = np.where(theme_ids >= 0, "nearest", "unsorted").astype(object)
    # New subjects first: new items closer to each other than to the theme they would join
    # become a proposal even when that theme is near enough to take them.
    proposals = find_new_subjects(
        vectors,
        pool["text_hash"].tolist(),
        centroid_matrix(themes),
        min_size=min_new_theme_size,
        min_similarity=threshold,
        random_state=random_state,
    )
    rest = np.arange(len(pool))
    groups = sorted({int(p) for p in proposals if p >= 0})
    sentiment, source = items_sentiment(pool, vectors)
    with ws.transaction() as con:
        proposed_rows = []
        for proposal, theme_id in zip(groups, store.new_theme_ids(con, len(groups)), strict=True):
            rows = rest[proposals == proposal]
            theme_ids[rows] = theme_id
            methods[rows] = "proposed"
            sub = pool.iloc[rows].reset_index(drop=True)
            row = theme_rows(
                sub,
                vectors[rows],
                np.full(len(rows), theme_id),
                embedder.model_id,
                status="proposed",
            )
            row[["label_nl", "label_en"]] = ""
            centroid = np.asarray(row["centroid"].iloc[0], dtype=np.float32)
            sims[rows] = vectors[rows] @ centroid
            proposed_rows.append(row)
            report.proposed_themes.append(theme_id)
        if proposed_rows:
            store.insert_themes(con, pd.concat(proposed_rows, ignore_index=True))
        # A manager may have placed some of these items by hand since they were loaded.
        keep = ~pool["id"].astype(str).isin(set(store.manual_placements(con))).to_numpy()
        frame = pd.DataFrame(
            {
                "item_id": pool["id"].astype(str),
                "theme_id": theme_ids,
                "similarity": sims.astype(float),
                "method": methods.astype(str),
            }
        )[keep]
        store.put_assignments(con, frame)
        store.put_sentiment(
            con,
            pd.DataFrame(
                {"item_id": pool["id"].astype(str), "sentiment": sentiment, "source": source}
            ),
        )
        store.recompute_sizes(con)
        if groups:
            attach_orphans(con)
        ws.bump_data_version(con)
    report.placed = frame[["item_id", "theme_id", "method"]].reset_index(drop=True)
    report.assigned = int((frame["theme_id"] >= 0).sum())
    report.unsorted = int((frame["theme_id"] < 0).sum())
    report.seconds = time.perf_counter() - started
    return report
