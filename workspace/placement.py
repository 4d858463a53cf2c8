"""Use case: place new items into the current themes between refreshes.

Items without an assignment (and earlier leftovers) join the nearest theme when similar
enough (the threshold the last refresh stored); a group of them that is closer to itself than
to any theme becomes a *proposed* theme (:mod:`analysis.new_subjects`), even when a theme is
near enough to take them. An item whose clear tone opposes a one-sided theme (praise near a
theme of complaints) does not join it (:mod:`analysis.polarity`, the refresh's rule too).
No re-clustering, so theme ids and names do not move.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.embedders import Embedder, l2_normalize
from analysis.new_subjects import find_new_subjects
from analysis.polarity import keep_out_of_opposed, theme_tones
from analysis.refresh_plan import centroid_matrix, items_sentiment, theme_rows
from analysis.registry import nearest_theme, neighbour_themes
from workspace import theme_store as store
from workspace.db import Workspace
from workspace.theme_tree import attach_orphans
from workspace.vectors import (
    ProgressCallback,
    cached_vectors_in_themes,
    check_embedder,
    ensure_vectors,
    items_in_themes,
    text_items,
    workspace_embedder,
)

MIN_NEW_THEME_SIZE = 10


def _sorted_items(
    ws: Workspace, embedder: Embedder, themes: pd.DataFrame
) -> tuple[pd.DataFrame, np.ndarray | None]:
    """The items in ``themes`` (their ``theme_id``) and their (cached) vectors; None without
    such items."""
    if themes.empty:
        return pd.DataFrame(), None
    theme_ids = themes["theme_id"].astype(int).tolist()
    cached = cached_vectors_in_themes(ws, embedder.model_id, theme_ids)
    if cached is not None:
        return cached[0], (cached[1] if len(cached[0]) else None)
    known = items_in_themes(ws, theme_ids)
    return known, (ensure_vectors(ws, embedder, known)[0] if len(known) else None)


def _nearest_or_neighbours(
    vectors: np.ndarray,
    themes: pd.DataFrame,
    threshold: float,
    sorted_items: Callable[[], tuple[pd.DataFrame, np.ndarray | None]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The one placement rule: per row, the theme (-1: none), its similarity to that theme's
    centre, and how it was found (``nearest``, ``neighbours``, ``unsorted``).

    The nearest centre when at least ``threshold`` similar; below it, the theme most of the
    row's nearest sorted items are in (:func:`analysis.registry.neighbour_themes`): a short
    text lies far from its theme's centre but among its items. ``sorted_items`` gives the
    sorted items and their vectors (:func:`_sorted_items`), called only when needed.
    """
    centres = centroid_matrix(themes)
    nearest, sims = nearest_theme(vectors, centres, threshold)
    theme_ids = np.array(
        [int(themes["theme_id"].iloc[n]) if n >= 0 else -1 for n in nearest], dtype=np.int64
    )
    methods = np.where(theme_ids >= 0, "nearest", "unsorted").astype(object)
    doubtful = np.flatnonzero(theme_ids < 0)
    known, known_vectors = sorted_items() if len(doubtful) else (pd.DataFrame(), None)
    if known_vectors is not None:
        found = neighbour_themes(
            vectors[doubtful], known_vectors, known["theme_id"].to_numpy(), threshold
        )
        theme_ids[doubtful] = found
        joined = doubtful[found >= 0]
        methods[joined] = "neighbours"
        position = {int(t): n for n, t in enumerate(themes["theme_id"])}
        rows = [position[int(t)] for t in theme_ids[joined]]
        sims[joined] = (l2_normalize(vectors[joined]) * l2_normalize(centres)[rows]).sum(axis=1)
    return theme_ids, sims, methods


def _keep_opposed_out(
    ws: Workspace,
    pool: pd.DataFrame,
    vectors: np.ndarray,
    theme_ids: np.ndarray,
    themes: pd.DataFrame,
    threshold: float,
    sentiment: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, dict[int, int]]:
    """:func:`analysis.polarity.keep_out_of_opposed` for the ``pool``'s placement: the
    themes' tones from their items' stored sentiment (as the refresh reads its own), and
    those tones (:func:`analysis.polarity.theme_tones`)."""
    members = ws.query_df(
        "SELECT a.theme_id, s.sentiment FROM assignments a "
        "JOIN item_sentiment s ON s.item_id = a.item_id WHERE a.theme_id IS NOT NULL"
    )
    one_sided = theme_tones(members["theme_id"].to_numpy(), members["sentiment"].to_numpy())
    if not one_sided:
        return theme_ids, np.zeros(len(theme_ids), dtype=bool), one_sided
    placed, kept_out = keep_out_of_opposed(
        theme_ids,
        sentiment,
        pool["text"].tolist(),
        one_sided,
        vectors,
        centroid_matrix(themes),
        themes["theme_id"].astype(int).tolist(),
        threshold,
    )
    return placed, kept_out, one_sided


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Where automatic placement would put items now (:func:`placement_for`).

    Attributes:
        themes: item id -> the theme placement would put it in (items it would leave
            unsorted are left out): the Unsorted inbox suggests exactly these.
        opposed: item id -> ``(theme id, that theme's tone)`` for items placement would
            leave unsorted only because their clear tone opposes the one-sided theme they are
            nearest (:mod:`analysis.polarity`; tone +1 praise, -1 complaints): close enough
            in subject, so the inbox says why it suggests nothing.
    """

    themes: dict[str, int] = field(default_factory=dict)
    opposed: dict[str, tuple[int, int]] = field(default_factory=dict)


def placement_for(ws: Workspace, item_ids: Sequence[str]) -> Suggestions:
    """Where automatic placement would put each of ``item_ids`` now, by its rules (nearest
    centre or nearest items, then the polarity guard), and why it would leave an item out of
    the theme it is nearest."""
    embedder = workspace_embedder(ws)
    pool = text_items(ws, "i.id IN (SELECT unnest(?))", [list(item_ids)])
    themes = store.current_themes(ws, embedder.model_id)
    if pool.empty or themes.empty:
        return Suggestions()
    vectors = ensure_vectors(ws, embedder, pool)[0]
    threshold = store.assign_threshold(ws, embedder.model_id)
    nearest, _, _ = _nearest_or_neighbours(
        vectors, themes, threshold, lambda: _sorted_items(ws, embedder, themes)
    )
    stored = ws.query_df(
        "SELECT p.id, s.sentiment FROM (SELECT unnest(?) AS id) p "
        "LEFT JOIN item_sentiment s ON s.item_id = p.id",
        [pool["id"].astype(str).tolist()],
    ).set_index("id")["sentiment"]
    sentiment = stored.reindex(pool["id"].astype(str)).to_numpy(dtype=float)
    theme_ids, kept_out, tones = _keep_opposed_out(
        ws, pool, vectors, nearest.copy(), themes, threshold, sentiment
    )
    ids = pool["id"].astype(str).tolist()
    return Suggestions(
        themes={item: int(theme) for item, theme in zip(ids, theme_ids, strict=True) if theme >= 0},
        opposed={
            ids[row]: (int(nearest[row]), tones[int(nearest[row])])
            for row in np.flatnonzero(kept_out & (theme_ids < 0))
        },
    )


def placement_suggestions(ws: Workspace, item_ids: Sequence[str]) -> dict[str, int]:
    """The theme automatic placement would put each of ``item_ids`` in now (items it would
    leave unsorted are left out): :attr:`Suggestions.themes` of :func:`placement_for`."""
    return placement_for(ws, item_ids).themes


@dataclass(slots=True)
class AssignReport:
    """What :func:`assign_new_items` did.

    Attributes:
        placed: per item considered: ``item_id``, ``theme_id`` (-1: unsorted), ``method``
            (``nearest``, ``neighbours``, ``proposed`` or ``unsorted``).
        kept_out: items not placed in the theme they were nearest because their clear tone
            opposes that theme's (:mod:`analysis.polarity`): in another theme or unsorted.
    """

    assigned: int = 0
    kept_out: int = 0
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

    Items below the theme similarity threshold (stored by the last refresh) join the theme
    most of their nearest sorted items are in (:func:`analysis.registry.neighbour_themes`),
    else stay unsorted;
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
    # The sorted items (read only when needed): the rules below compare new items with them.
    sorted_items = functools.cache(lambda: _sorted_items(ws, embedder, themes))
    theme_ids, sims, methods = _nearest_or_neighbours(vectors, themes, threshold, sorted_items)
    sentiment, source = items_sentiment(pool, vectors)
    theme_ids, kept_out, _ = _keep_opposed_out(
        ws, pool, vectors, theme_ids, themes, threshold, sentiment
    )
    methods[kept_out] = np.where(theme_ids[kept_out] >= 0, "nearest", "unsorted")
    if kept_out.any():
        position = {int(t): n for n, t in enumerate(themes["theme_id"])}
        moved = np.flatnonzero(kept_out & (theme_ids >= 0))
        rows = [position[int(t)] for t in theme_ids[moved]]
        sims[moved] = (l2_normalize(vectors[moved]) * centroid_matrix(themes)[rows]).sum(axis=1)
    report.kept_out = int(kept_out.sum())
    known_vectors = sorted_items()[1] if len(pool) >= min_new_theme_size else None
    # New subjects first: new items closer to each other than to the theme they would join
    # become a proposal even when that theme is near enough to take them.
    proposals = find_new_subjects(
        vectors,
        pool["text_hash"].tolist(),
        centroid_matrix(themes),
        min_size=min_new_theme_size,
        min_similarity=threshold,
        known_vectors=known_vectors,
        random_state=random_state,
    )
    rest = np.arange(len(pool))
    groups = sorted({int(p) for p in proposals if p >= 0})
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
            row[["keywords_nl", "keywords_en"]] = "[]"
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
