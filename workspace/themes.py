"""Theme use cases: refresh, assign new items, manager edits with undo, and theme queries.

A refresh embeds only texts missing from the vector cache, clusters the inbound text items,
matches the clusters to the theme registry (ids and manager names survive), labels them and
writes themes, assignments and sentiment in one transaction. Manager edits are logged in
``edits`` with the state they replaced, so :func:`undo_last_edit` can restore it, and later
refreshes respect them: moved items stay where the manager put them, merged themes stay
merged and renamed themes keep their names.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from analysis.clustering import ThemeClusterer, group_sums
from analysis.embedders import (
    DEFAULT_EMBEDDER,
    Embedder,
    choose_embedder_name,
    get_embedder,
    l2_normalize,
)
from analysis.labels import CTfidfLabeler
from analysis.registry import (
    extend_partition,
    lineage,
    match_clusters,
    nearest_theme,
    partition_fit,
    propose_themes,
)
from analysis.sentiment import item_sentiment, rating_to_sentiment
from ingest.errors import WorkspaceError
from workspace.db import Workspace

ProgressCallback = Callable[[str, float], None]

MATCH_MIN_SIMILARITY = 0.5
MIN_NEW_THEME_SIZE = 10
# A refresh replaces the current themes only when the new clustering fits the vectors better
# by at least this much (mean simplified silhouette, :func:`analysis.registry.partition_fit`).
# Measured: re-clustering after adding 10% more of the same subjects scored -0.0001 (sample
# data) and +0.002 (a test set where the clustering split a different theme each time); a
# genuinely new subject scored +0.02 (5% of items) to +0.05 (10%; the sample data's late
# deliveries: +0.044).
MIN_REFRESH_GAIN = 0.01


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


@dataclass(slots=True)
class AssignReport:
    """What :func:`assign_new_items` did."""

    assigned: int = 0
    unsorted: int = 0
    proposed_themes: list[int] = field(default_factory=list)
    embedded: int = 0
    seconds: float = 0.0


# -- embeddings ------------------------------------------------------------------------------
def workspace_embedder(ws: Workspace) -> Embedder:
    """The embedder named by the workspace setting (:func:`workspace_embedder_name`), newly
    built: its model loads on first use. Long-running callers (the dashboard) keep one per
    name instead."""
    return get_embedder(workspace_embedder_name(ws))


def workspace_embedder_name(ws: Workspace) -> str:
    """The workspace setting ``embedder``.

    ``"auto"`` (the default) is resolved once from the workspace's language mix (English
    only -> all-MiniLM-L6-v2, else multilingual USE) and stored, so the vector space and
    theme ids do not flip when later imports change the mix.
    """
    name = ws.get_setting("embedder", DEFAULT_EMBEDDER) or DEFAULT_EMBEDDER
    if name == "auto":
        languages = ws.query_df(
            "SELECT language FROM items WHERE direction = 'inbound' AND NOT is_star_only "
            "AND language <> ''"
        )["language"].tolist()
        if languages:
            name = choose_embedder_name(languages)
            ws.set_setting("embedder", name)
        else:
            name = "use"
    return name


def _text_items(ws: Workspace, where: str = "TRUE") -> pd.DataFrame:
    return ws.query_df(
        f"""
        SELECT i.id, i.text, i.text_hash, i.language, i.channel, i.received_at,
               i.rating, i.rating_scale_min, i.rating_scale_max
        FROM items i
        WHERE i.direction = 'inbound' AND NOT i.is_star_only AND trim(i.text) <> '' AND {where}
        ORDER BY i.id
        """
    )


def ensure_vectors(
    ws: Workspace,
    embedder: Embedder,
    items: pd.DataFrame,
    progress: ProgressCallback | None = None,
) -> tuple[np.ndarray, int, float]:
    """Vectors for ``items`` rows (by text hash), embedding and caching only missing texts.

    Returns:
        ``(vectors aligned with items, number of texts embedded, seconds spent embedding)``.
    """
    import pyarrow as pa

    unique = items.drop_duplicates("text_hash")[["text_hash", "text"]]
    with ws.cursor() as cur:
        cur.register("wanted", unique[["text_hash"]])
        table = cur.sql(
            "SELECT e.text_hash, e.vector FROM embeddings e JOIN wanted w USING (text_hash) "
            "WHERE e.model_id = $1",
            params=[embedder.model_id],
        ).to_arrow_table()
        cur.unregister("wanted")
    cached_hashes = table.column("text_hash").to_pylist()
    missing = unique[~unique["text_hash"].isin(set(cached_hashes))]
    seconds = 0.0
    new_vectors = np.zeros((0, 0), dtype=np.float32)
    if len(missing):
        started = time.perf_counter()

        def report(done: int, total: int) -> None:
            if progress is not None:
                progress("embedding", done / max(total, 1))

        new_vectors = l2_normalize(embedder.embed(missing["text"].tolist(), report))
        seconds = time.perf_counter() - started
        flat = pa.array(new_vectors.ravel(), type=pa.float32())
        offsets = pa.array(np.arange(0, new_vectors.size + 1, new_vectors.shape[1], dtype=np.int32))
        arrow = pa.table(
            {
                "text_hash": pa.array(missing["text_hash"].tolist(), type=pa.string()),
                "vector": pa.ListArray.from_arrays(offsets, flat),
            }
        )
        with ws.transaction() as con:
            con.register("new_vectors", arrow)
            con.execute(
                "INSERT OR IGNORE INTO embeddings SELECT ?, text_hash, vector FROM new_vectors",
                [embedder.model_id],
            )
            con.unregister("new_vectors")
    if table.num_rows:
        values = table.column("vector").combine_chunks()
        dim = len(values[0]) if table.num_rows else 0
        cached = values.flatten().to_numpy(zero_copy_only=False).astype(np.float32).reshape(-1, dim)
    else:
        cached = np.zeros((0, new_vectors.shape[1] if new_vectors.size else 0), dtype=np.float32)
    all_hashes = cached_hashes + missing["text_hash"].tolist()
    stacked = np.vstack([m for m in (cached, new_vectors) if m.size]) if all_hashes else cached
    position = pd.Series(np.arange(len(all_hashes)), index=pd.Index(all_hashes))
    rows = position.reindex(items["text_hash"].to_numpy()).to_numpy()
    return (
        stacked[rows]
        if len(rows)
        else np.zeros((0, stacked.shape[1] if stacked.ndim == 2 else 0), np.float32),
        len(missing),
        seconds,
    )


def _centroid_matrix(themes: pd.DataFrame) -> np.ndarray:
    if themes.empty:
        return np.zeros((0, 0), dtype=np.float32)
    return l2_normalize(np.vstack([np.asarray(c, dtype=np.float32) for c in themes["centroid"]]))


def _registry(ws: Workspace, model_id: str) -> pd.DataFrame:
    """Themes with a centroid in this model's space (active, proposed and merged)."""
    frame = ws.query_df(
        "SELECT * FROM themes WHERE centroid IS NOT NULL AND model_id = ? ORDER BY theme_id",
        [model_id],
    )
    return frame


# -- refresh ---------------------------------------------------------------------------------
def refresh_themes(
    ws: Workspace,
    embedder: Embedder | None = None,
    progress: ProgressCallback | None = None,
    random_state: int = 0,
    clusterer: ThemeClusterer | None = None,
    keep_if_as_good: bool = True,
) -> RefreshReport:
    """Re-cluster every inbound text item and update the theme registry.

    With ``keep_if_as_good``, the new clustering replaces the current themes only when it
    fits the vectors better by ``MIN_REFRESH_GAIN``; otherwise the current themes stay, new
    items join the nearest one (or stay unsorted), and only labels, quotes and figures are
    recomputed. A clustering can split a broad subject in more than one equally good way;
    without this rule a refresh could move a whole group of items from one half to another.

    Args:
        embedder: default: the workspace's ``embedder`` setting.
        progress: called with a stage name and a fraction.
        random_state: seed of the clustering.
        clusterer: a configured :class:`ThemeClusterer` (tests pass smaller settings).
        keep_if_as_good: False = always take the new clustering.

    Returns:
        A :class:`RefreshReport`.
    """
    started = time.perf_counter()
    embedder = embedder or workspace_embedder(ws)
    report = RefreshReport(model_id=embedder.model_id)
    items = _text_items(ws)
    report.items = len(items)
    vectors, report.embedded, report.embed_seconds = ensure_vectors(ws, embedder, items, progress)
    if progress is not None:
        progress("clustering", 0.0)
    cluster_started = time.perf_counter()
    labels, centroids = _cluster(items, vectors, clusterer, random_state)
    report.cluster_seconds = time.perf_counter() - cluster_started
    if progress is not None:
        progress("matching", 0.6)

    old = _registry(ws, embedder.model_id)
    # Proposed themes (new subjects found between refreshes) count as current themes: a
    # refresh that keeps the themes, or finds the same group, keeps their ids.
    active = old[old["status"].isin(["active", "proposed"])].reset_index(drop=True)
    merged = old[old["status"] == "merged"].reset_index(drop=True)
    previous = ws.query_df("SELECT item_id, theme_id, method FROM assignments")
    prev_theme = previous.set_index("item_id")["theme_id"]
    manual = previous[previous["method"] == "manual"].set_index("item_id")["theme_id"]

    # Items moved by hand stay put; they do not shape the matching.
    old_index = {int(t): j for j, t in enumerate(active["theme_id"])}
    old_labels = np.array(
        [old_index.get(int(t), -1) if pd.notna(t) else -1 for t in prev_theme.reindex(items["id"])]
    )
    if keep_if_as_good and len(active) and (old_labels >= 0).any() and len(labels):
        threshold = float(
            ws.get_setting(f"assign_min_similarity:{embedder.model_id}", "0.3") or 0.3
        )
        previous_labels = extend_partition(vectors, old_labels, threshold)
        report.fit_previous = partition_fit(vectors, previous_labels)
        report.fit_new = partition_fit(vectors, labels)
        if report.fit_new < report.fit_previous + MIN_REFRESH_GAIN:
            report.kept_previous = True
            used = np.unique(previous_labels[previous_labels >= 0])
            remap = np.full(int(used.max()) + 1, -1)
            remap[used] = np.arange(len(used))
            labels = np.where(previous_labels >= 0, remap[np.maximum(previous_labels, 0)], -1)
            rows = labels >= 0
            centroids = l2_normalize(group_sums(vectors[rows], labels[rows], len(used)))
    n_new = len(centroids)
    overlap = None
    if len(active):
        counts = np.zeros((n_new, len(active)))
        ok = (labels >= 0) & (old_labels >= 0)
        np.add.at(counts, (labels[ok], old_labels[ok]), 1.0)
        overlap = 0.25 * counts / np.maximum(counts.sum(axis=0, keepdims=True), 1)
    matches = match_clusters(centroids, _centroid_matrix(active), MATCH_MIN_SIMILARITY, overlap)
    lin = lineage(labels, old_labels, matches)

    # A cluster matching no active theme but a merged one goes to the merge target.
    merged_target: dict[int, int] = {}
    if len(merged):
        unmatched = [c for c in range(n_new) if c not in matches]
        if unmatched:
            sims = centroids[unmatched] @ _centroid_matrix(merged).T
            for row, cluster in enumerate(unmatched):
                best = int(np.argmax(sims[row]))
                if sims[row, best] >= MATCH_MIN_SIMILARITY:
                    target = _merge_target(ws, int(merged["theme_id"].iloc[best]))
                    if target is not None:
                        merged_target[cluster] = target

    next_id = int(ws.scalar("SELECT coalesce(max(theme_id), 0) + 1 FROM themes") or 1)
    cluster_to_id: dict[int, int] = {}
    for cluster in range(n_new):
        if cluster in matches:
            cluster_to_id[cluster] = int(active["theme_id"].iloc[matches[cluster]])
            report.kept_ids.append(cluster_to_id[cluster])
        elif cluster in merged_target:
            cluster_to_id[cluster] = merged_target[cluster]
        else:
            cluster_to_id[cluster] = next_id
            report.new_ids.append(next_id)
            next_id += 1
    theme_ids = np.array([cluster_to_id[c] if c >= 0 else -1 for c in labels])
    methods = np.where(theme_ids >= 0, "cluster", "unsorted").astype(object)
    for row, item_id in enumerate(items["id"]):
        if item_id in manual.index:
            theme_ids[row] = int(manual[item_id]) if pd.notna(manual[item_id]) else -1
            methods[row] = "manual"
    kept = set(report.kept_ids) | set(merged_target.values())
    report.retired_ids = sorted(int(t) for t in active["theme_id"] if int(t) not in kept)
    report.split_from = {
        cluster_to_id[c]: int(active["theme_id"].iloc[o]) for c, o in lin.split_from.items()
    }
    report.merged_into = {
        int(active["theme_id"].iloc[o]): cluster_to_id[c] for o, c in lin.merged_into.items()
    }

    if progress is not None:
        progress("labelling", 0.7)
    themes_frame = _build_themes(items, vectors, theme_ids, old, report)
    assign_sims = _similarities(vectors, theme_ids, themes_frame)
    sentiment, source = _sentiment(items, vectors)
    report.themes = int((themes_frame["status"] == "active").sum())
    report.unsorted = int((theme_ids < 0).sum())

    if progress is not None:
        progress("saving", 0.9)
    with ws.transaction() as con:
        _write_themes(con, themes_frame)
        assignments = pd.DataFrame(
            {
                "item_id": items["id"].astype(str),
                "theme_id": pd.array(
                    [int(t) if t >= 0 else None for t in theme_ids], dtype="Int64"
                ),
                "similarity": assign_sims,
                "method": methods.astype(str),
            }
        )
        con.execute("DELETE FROM assignments")
        con.register("new_assignments", assignments)
        con.execute(
            "INSERT INTO assignments SELECT item_id, theme_id, similarity, method FROM new_assignments"
        )
        con.unregister("new_assignments")
        star = _star_sentiment(ws)
        sentiments = pd.concat(
            [
                pd.DataFrame(
                    {"item_id": items["id"].astype(str), "sentiment": sentiment, "source": source}
                ),
                star,
            ],
            ignore_index=True,
        ).drop_duplicates("item_id")
        con.execute("DELETE FROM item_sentiment")
        con.register("new_sentiment", sentiments)
        con.execute(
            "INSERT INTO item_sentiment SELECT item_id, sentiment, source FROM new_sentiment"
        )
        con.unregister("new_sentiment")
        _record_lineage(con, "split_from", report.split_from.items())
        _record_lineage(con, "merged_into", report.merged_into.items())
        fence = _assign_threshold(assign_sims[theme_ids >= 0])
        ws.set_setting(f"assign_min_similarity:{embedder.model_id}", f"{fence:.6f}", con)
        ws.set_setting("themes_model_id", embedder.model_id, con)
        ws.bump_data_version(con)
    report.seconds = time.perf_counter() - started
    if progress is not None:
        progress("done", 1.0)
    return report


def _cluster(
    items: pd.DataFrame, vectors: np.ndarray, clusterer: ThemeClusterer | None, random_state: int
) -> tuple[np.ndarray, np.ndarray]:
    """Cluster distinct texts (keys: text hashes, so item order does not matter)."""
    if len(items) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(
            (0, vectors.shape[1] if vectors.ndim == 2 else 0)
        )
    first = ~items["text_hash"].duplicated().to_numpy()
    hashes = items["text_hash"].to_numpy()[first]
    model = clusterer or ThemeClusterer(random_state=random_state)
    model.fit(vectors[first], list(hashes))
    by_hash = pd.Series(model.labels_, index=hashes)
    labels = by_hash.reindex(items["text_hash"].to_numpy()).to_numpy().astype(np.int64)
    return labels, model.centroids_


def _merge_target(ws: Workspace, theme_id: int, depth: int = 10) -> int | None:
    """Follow ``merged_into`` lineage to the active theme (None when it is gone)."""
    for _ in range(depth):
        row = ws.query_df("SELECT status FROM themes WHERE theme_id = ?", [theme_id])
        if row.empty:
            return None
        if row["status"].iloc[0] == "active":
            return theme_id
        target = ws.scalar(
            "SELECT related_id FROM theme_lineage WHERE theme_id = ? AND kind = 'merged_into' "
            "ORDER BY recorded_at DESC LIMIT 1",
            [theme_id],
        )
        if target is None:
            return None
        theme_id = int(target)
    return None


def _build_themes(
    items: pd.DataFrame,
    vectors: np.ndarray,
    theme_ids: np.ndarray,
    old: pd.DataFrame,
    report: RefreshReport,
) -> pd.DataFrame:
    """New rows for the themes table: active themes (labelled) plus every earlier theme."""
    now = datetime.now(UTC)
    ids = sorted({int(t) for t in theme_ids if t >= 0})
    index = {t: i for i, t in enumerate(ids)}
    dense = np.array([index[int(t)] if t >= 0 else -1 for t in theme_ids])
    texts = items["text"].tolist()
    labeler = CTfidfLabeler().fit(texts, dense, vectors, items["language"].tolist())
    old_by_id = {int(r["theme_id"]): r for r in old.to_dict("records")}
    rows = []
    for theme, pos in index.items():
        member = dense == pos
        centroid = l2_normalize(vectors[member].mean(axis=0, keepdims=True))[0]
        label = labeler.labels_[pos]
        previous = old_by_id.get(theme, {})
        parents = (
            [report.split_from[theme]]
            if theme in report.split_from
            else json.loads(previous.get("parent_ids", "[]") or "[]")
        )
        rows.append(
            {
                "theme_id": theme,
                "label": label.label,
                "label_nl": label.label_nl,
                "label_en": label.label_en,
                "manager_name": previous.get("manager_name", "") or "",
                "keywords": json.dumps(list(label.keywords), ensure_ascii=False),
                "quotes": json.dumps([str(items["id"].iloc[q]) for q in label.quotes]),
                "centroid": centroid.astype(np.float32).tolist(),
                "size": int(member.sum()),
                "status": "active",
                "parent_ids": json.dumps(parents),
                "created_at": previous.get("created_at", now) if previous else now,
                "updated_at": now,
                "model_id": report.model_id,
            }
        )
    return pd.DataFrame(rows, columns=_THEME_COLUMNS)


_THEME_COLUMNS = [
    "theme_id",
    "label",
    "label_nl",
    "label_en",
    "manager_name",
    "keywords",
    "quotes",
    "centroid",
    "size",
    "status",
    "parent_ids",
    "created_at",
    "updated_at",
    "model_id",
]


def _write_themes(con: Any, themes: pd.DataFrame) -> None:
    """Upsert the active themes; earlier active/proposed themes not among them retire."""
    ids = [int(t) for t in themes["theme_id"]]
    placeholders = ", ".join("?" * len(ids)) or "NULL"
    con.execute(
        f"UPDATE themes SET status = 'retired', size = 0, updated_at = now() "
        f"WHERE status IN ('active', 'proposed') AND theme_id NOT IN ({placeholders})",
        ids,
    )
    if ids:
        con.execute(f"DELETE FROM themes WHERE theme_id IN ({placeholders})", ids)
        frame = themes.copy()
        con.register("new_themes", frame)
        con.execute(
            f"INSERT INTO themes ({', '.join(_THEME_COLUMNS)}) "
            f"SELECT {', '.join(c if c != 'centroid' else 'CAST(centroid AS FLOAT[])' for c in _THEME_COLUMNS)} "
            "FROM new_themes"
        )
        con.unregister("new_themes")


def _similarities(vectors: np.ndarray, theme_ids: np.ndarray, themes: pd.DataFrame) -> np.ndarray:
    """Cosine of each item to its theme's centre (to the nearest centre when unsorted)."""
    if themes.empty:
        return np.zeros(len(theme_ids))
    centroids = _centroid_matrix(themes)
    pos = {int(t): i for i, t in enumerate(themes["theme_id"])}
    sims = vectors @ centroids.T
    out = sims.max(axis=1)
    rows = np.flatnonzero(theme_ids >= 0)
    cols = np.array([pos.get(int(theme_ids[r]), -1) for r in rows], dtype=np.int64)
    known = cols >= 0
    out[rows[known]] = sims[rows[known], cols[known]]
    return out.astype(float)


def _assign_threshold(similarities: np.ndarray) -> float:
    """Similarity a new item needs to join a theme: the robust lower fence of members."""
    if len(similarities) < 20:
        return 0.3
    median = float(np.median(similarities))
    mad = 1.4826 * float(np.median(np.abs(similarities - median)))
    return max(median - 3.0 * mad, float(np.quantile(similarities, 0.02)))


def _sentiment(items: pd.DataFrame, vectors: np.ndarray) -> tuple[np.ndarray, list[str]]:
    rated = rating_to_sentiment(
        items["rating"].tolist(),
        items["rating_scale_min"].tolist(),
        items["rating_scale_max"].tolist(),
    )
    return item_sentiment(items["text"].tolist(), vectors, rated)


def _star_sentiment(ws: Workspace) -> pd.DataFrame:
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


# -- between refreshes -------------------------------------------------------------------------
def assign_new_items(
    ws: Workspace,
    embedder: Embedder | None = None,
    progress: ProgressCallback | None = None,
    min_new_theme_size: int = MIN_NEW_THEME_SIZE,
    random_state: int = 0,
) -> AssignReport:
    """Put items without an assignment into the nearest theme, without re-clustering.

    Items below the theme similarity threshold (stored by the last refresh) stay unsorted;
    when at least ``min_new_theme_size`` unsorted items form a tight group they become a
    *proposed* theme (status ``'proposed'``), shown to the manager as new.
    """
    started = time.perf_counter()
    embedder = embedder or workspace_embedder(ws)
    report = AssignReport()
    new = _text_items(ws, "i.id NOT IN (SELECT item_id FROM assignments)")
    leftovers = _text_items(
        ws,
        "i.id IN (SELECT item_id FROM assignments WHERE theme_id IS NULL AND method <> 'manual')",
    )
    pool = pd.concat([new, leftovers], ignore_index=True)
    if pool.empty:
        return report
    vectors, report.embedded, _ = ensure_vectors(ws, embedder, pool, progress)
    themes = _registry(ws, embedder.model_id)
    themes = themes[themes["status"].isin(["active", "proposed"])].reset_index(drop=True)
    threshold = float(ws.get_setting(f"assign_min_similarity:{embedder.model_id}", "0.3") or 0.3)
    nearest, sims = nearest_theme(vectors, _centroid_matrix(themes), threshold)
    theme_ids = np.array([int(themes["theme_id"].iloc[n]) if n >= 0 else -1 for n in nearest])
    methods = np.where(theme_ids >= 0, "nearest", "unsorted").astype(object)
    rest = np.flatnonzero(theme_ids < 0)
    proposals = (
        propose_themes(
            vectors[rest],
            pool["text_hash"].iloc[rest].tolist(),
            min_new_theme_size,
            threshold,
            random_state,
        )
        if len(rest) >= min_new_theme_size
        else np.full(len(rest), -1)
    )
    next_id = int(ws.scalar("SELECT coalesce(max(theme_id), 0) + 1 FROM themes") or 1)
    proposed_rows = []
    now = datetime.now(UTC)
    for proposal in sorted({int(p) for p in proposals if p >= 0}):
        rows = rest[proposals == proposal]
        theme_id = next_id
        next_id += 1
        theme_ids[rows] = theme_id
        methods[rows] = "proposed"
        sub_texts = pool["text"].iloc[rows].tolist()
        label = (
            CTfidfLabeler().fit(sub_texts, np.zeros(len(rows), dtype=int), vectors[rows]).labels_[0]
        )
        centroid = l2_normalize(vectors[rows].mean(axis=0, keepdims=True))[0]
        sims[rows] = vectors[rows] @ centroid
        proposed_rows.append(
            {
                "theme_id": theme_id,
                "label": label.label,
                "label_nl": "",
                "label_en": "",
                "manager_name": "",
                "keywords": json.dumps(list(label.keywords), ensure_ascii=False),
                "quotes": json.dumps([str(pool["id"].iloc[rows[q]]) for q in label.quotes]),
                "centroid": centroid.tolist(),
                "size": len(rows),
                "status": "proposed",
                "parent_ids": "[]",
                "created_at": now,
                "updated_at": now,
                "model_id": embedder.model_id,
            }
        )
        report.proposed_themes.append(theme_id)
    sentiment, source = _sentiment(pool, vectors)
    with ws.transaction() as con:
        if proposed_rows:
            frame = pd.DataFrame(proposed_rows, columns=_THEME_COLUMNS)
            con.register("proposed", frame)
            con.execute(
                f"INSERT INTO themes ({', '.join(_THEME_COLUMNS)}) SELECT "
                f"{', '.join(c if c != 'centroid' else 'CAST(centroid AS FLOAT[])' for c in _THEME_COLUMNS)} FROM proposed"
            )
            con.unregister("proposed")
        frame = pd.DataFrame(
            {
                "item_id": pool["id"].astype(str),
                "theme_id": pd.array(
                    [int(t) if t >= 0 else None for t in theme_ids], dtype="Int64"
                ),
                "similarity": sims.astype(float),
                "method": methods.astype(str),
            }
        )
        con.register("incoming", frame)
        con.execute(
            "INSERT OR REPLACE INTO assignments SELECT item_id, theme_id, similarity, method FROM incoming"
        )
        con.unregister("incoming")
        sent = pd.DataFrame(
            {"item_id": pool["id"].astype(str), "sentiment": sentiment, "source": source}
        )
        con.register("sent", sent)
        con.execute(
            "INSERT OR REPLACE INTO item_sentiment SELECT item_id, sentiment, source FROM sent"
        )
        con.unregister("sent")
        con.execute(
            "UPDATE themes SET size = (SELECT count(*) FROM assignments a WHERE a.theme_id = themes.theme_id) "
            "WHERE status IN ('active', 'proposed')"
        )
        ws.bump_data_version(con)
    report.assigned = int((theme_ids >= 0).sum())
    report.unsorted = int((theme_ids < 0).sum())
    report.seconds = time.perf_counter() - started
    return report


# -- edits -----------------------------------------------------------------------------------
def _snapshot(
    con: Any, theme_ids: Sequence[int], item_ids: Sequence[str] | None = None
) -> dict[str, Any]:
    """The rows an edit may change, as JSON-able data, so undo can put them back."""
    ph = ", ".join("?" * len(theme_ids)) or "NULL"
    themes = con.execute(f"SELECT * FROM themes WHERE theme_id IN ({ph})", list(theme_ids)).df()
    if item_ids is None:
        assignments = con.execute(
            f"SELECT * FROM assignments WHERE theme_id IN ({ph})", list(theme_ids)
        ).df()
    else:
        ph_items = ", ".join("?" * len(item_ids)) or "NULL"
        assignments = con.execute(
            f"SELECT * FROM assignments WHERE item_id IN ({ph_items})", list(item_ids)
        ).df()
    themes["centroid"] = themes["centroid"].map(
        lambda c: None if c is None else [float(v) for v in c]
    )
    themes["created_at"] = themes["created_at"].astype(str)
    themes["updated_at"] = themes["updated_at"].astype(str)
    assignments["theme_id"] = (
        assignments["theme_id"]
        .astype("Int64")
        .astype(object)
        .where(assignments["theme_id"].notna(), None)
    )
    return {
        "themes": json.loads(themes.to_json(orient="records")),
        "assignments": json.loads(assignments.to_json(orient="records")),
    }


def _record_lineage(con: Any, kind: str, pairs: Iterable[tuple[int, int]]) -> None:
    """Lineage rows ``(theme_id, related_id, kind, now)``: ``split_from`` / ``merged_into``."""
    now = datetime.now(UTC)
    rows = [[int(theme), int(related), kind, now] for theme, related in pairs]
    if rows:
        con.executemany("INSERT INTO theme_lineage VALUES (?, ?, ?, ?)", rows)


def _log_edit(
    con: Any, kind: str, args: dict[str, Any], before: dict[str, Any], created: Sequence[int] = ()
) -> int:
    edit_id = int(con.execute("SELECT coalesce(max(edit_id), 0) + 1 FROM edits").fetchone()[0])
    payload = {"args": args, "before": before, "created_theme_ids": list(created)}
    con.execute(
        "INSERT INTO edits (edit_id, edited_at, kind, payload, undone) VALUES (?, ?, ?, ?, FALSE)",
        [edit_id, datetime.now(UTC), kind, json.dumps(payload)],
    )
    return edit_id


def _require_theme(
    ws: Workspace, theme_id: int, statuses: Sequence[str] = ("active", "proposed")
) -> None:
    status = ws.scalar("SELECT status FROM themes WHERE theme_id = ?", [int(theme_id)])
    if status is None or status not in statuses:
        raise WorkspaceError(
            f"Theme {theme_id} is {'unknown' if status is None else status}; expected an active "
            "theme. Refresh the theme table and pick another."
        )


def rename_theme(ws: Workspace, theme_id: int, name: str) -> int:
    """Give a theme the manager's own name (kept across refreshes). Returns the edit id."""
    _require_theme(ws, theme_id)
    with ws.transaction() as con:
        before = _snapshot(con, [theme_id], item_ids=[])
        con.execute(
            "UPDATE themes SET manager_name = ?, updated_at = now() WHERE theme_id = ?",
            [name.strip(), int(theme_id)],
        )
        edit_id = _log_edit(
            con, "rename", {"theme_id": int(theme_id), "name": name.strip()}, before
        )
        ws.bump_data_version(con)
    return edit_id


def merge_themes(ws: Workspace, source_ids: Sequence[int], target_id: int) -> int:
    """Merge themes into ``target_id``; later refreshes send their subjects there too."""
    sources = [int(s) for s in source_ids if int(s) != int(target_id)]
    if not sources:
        raise WorkspaceError("Merge needs at least one theme other than the target.")
    for theme in [*sources, int(target_id)]:
        _require_theme(ws, theme)
    with ws.transaction() as con:
        before = _snapshot(con, [*sources, int(target_id)])
        ph = ", ".join("?" * len(sources))
        con.execute(
            f"UPDATE assignments SET theme_id = ? WHERE theme_id IN ({ph})",
            [int(target_id), *sources],
        )
        con.execute(
            f"UPDATE themes SET status = 'merged', size = 0, updated_at = now() WHERE theme_id IN ({ph})",
            sources,
        )
        _recompute_theme(con, int(target_id))
        _record_lineage(con, "merged_into", [(source, int(target_id)) for source in sources])
        edit_id = _log_edit(
            con, "merge", {"source_ids": sources, "target_id": int(target_id)}, before
        )
        ws.bump_data_version(con)
    return edit_id


def split_theme(
    ws: Workspace,
    theme_id: int,
    parts: int | None = None,
    embedder: Embedder | None = None,
    random_state: int = 0,
) -> tuple[int, list[int]]:
    """Re-cluster one theme into parts (``parts=None``: the number comes from the data).

    Returns:
        ``(edit id, new theme ids)``.
    """
    _require_theme(ws, theme_id)
    embedder = embedder or workspace_embedder(ws)
    items = _text_items(
        ws, f"i.id IN (SELECT item_id FROM assignments WHERE theme_id = {int(theme_id)})"
    )
    if len(items) < 4:
        raise WorkspaceError(f"Theme {theme_id} has {len(items)} items; a split needs at least 4.")
    vectors, _, _ = ensure_vectors(ws, embedder, items)
    clusterer = ThemeClusterer(
        min_themes=parts or 2,
        max_themes=parts or min(8, max(2, len(items) // 5)),
        min_theme_size=2,
        max_unsorted=0.0,
        random_state=random_state,
    )
    labels, _ = _cluster(items, vectors, clusterer, random_state)
    if len(set(labels[labels >= 0])) < 2:
        raise WorkspaceError(f"Theme {theme_id} could not be split: its items form one group.")
    next_id = int(ws.scalar("SELECT coalesce(max(theme_id), 0) + 1 FROM themes") or 1)
    ids = np.array([next_id + int(c) for c in labels])
    new_ids = sorted({int(t) for t in ids})
    report = RefreshReport(
        model_id=embedder.model_id, split_from={t: int(theme_id) for t in new_ids}
    )
    frame = _build_themes(items, vectors, ids, pd.DataFrame(columns=_THEME_COLUMNS), report)
    with ws.transaction() as con:
        before = _snapshot(con, [int(theme_id)])
        con.register("parts", frame)
        con.execute(
            f"INSERT INTO themes ({', '.join(_THEME_COLUMNS)}) SELECT "
            f"{', '.join(c if c != 'centroid' else 'CAST(centroid AS FLOAT[])' for c in _THEME_COLUMNS)} FROM parts"
        )
        con.unregister("parts")
        moved = pd.DataFrame({"item_id": items["id"].astype(str), "theme_id": ids})
        con.register("moved", moved)
        con.execute(
            "UPDATE assignments SET theme_id = moved.theme_id, method = 'split' FROM moved "
            "WHERE assignments.item_id = moved.item_id"
        )
        con.unregister("moved")
        con.execute(
            "UPDATE themes SET status = 'split', size = 0, updated_at = now() WHERE theme_id = ?",
            [int(theme_id)],
        )
        _record_lineage(con, "split_from", [(new, int(theme_id)) for new in new_ids])
        edit_id = _log_edit(
            con, "split", {"theme_id": int(theme_id), "new_ids": new_ids}, before, new_ids
        )
        ws.bump_data_version(con)
    return edit_id, new_ids


def move_item(ws: Workspace, item_id: str, theme_id: int | None) -> int:
    """Put one item in a theme by hand (``None``: unsorted); refreshes keep it there."""
    if theme_id is not None:
        _require_theme(ws, theme_id)
    with ws.transaction() as con:
        old = con.execute(
            "SELECT theme_id FROM assignments WHERE item_id = ?", [item_id]
        ).fetchone()
        affected = [int(t) for t in {old[0] if old else None, theme_id} if t is not None]
        before = _snapshot(con, affected, item_ids=[item_id])
        con.execute(
            "INSERT OR REPLACE INTO assignments VALUES (?, ?, NULL, 'manual')",
            [item_id, None if theme_id is None else int(theme_id)],
        )
        for theme in affected:
            con.execute(
                "UPDATE themes SET size = (SELECT count(*) FROM assignments WHERE theme_id = ?) WHERE theme_id = ?",
                [theme, theme],
            )
        edit_id = _log_edit(con, "move", {"item_id": item_id, "theme_id": theme_id}, before)
        ws.bump_data_version(con)
    return edit_id


def create_theme(
    ws: Workspace, item_ids: Sequence[str], name: str, embedder: Embedder | None = None
) -> tuple[int, int]:
    """Make a new theme, named by the manager, from chosen items (e.g. from the unsorted inbox).

    Refreshes keep the items there (method ``manual``) and the name; undo removes the theme
    and puts the items back where they were.

    Returns:
        ``(edit id, new theme id)``.

    Raises:
        WorkspaceError: no name, or none of the ids is a text item in the workspace.
    """
    if not name.strip():
        raise WorkspaceError("A new theme needs a name; got an empty one. Type a name.")
    wanted = pd.DataFrame({"id": [str(i) for i in dict.fromkeys(item_ids)]})
    with ws.cursor() as cur:
        cur.register("wanted", wanted)
        items = cur.execute(
            """
            SELECT i.id, i.text, i.text_hash, i.language, i.channel, i.received_at,
                   i.rating, i.rating_scale_min, i.rating_scale_max
            FROM items i JOIN wanted w USING (id)
            WHERE i.direction = 'inbound' AND NOT i.is_star_only AND trim(i.text) <> ''
            ORDER BY i.id
            """
        ).df()
        cur.unregister("wanted")
    if items.empty:
        raise WorkspaceError(
            f"None of the {len(wanted)} chosen items is a text item in this workspace; "
            "pick items from the list and try again."
        )
    embedder = embedder or workspace_embedder(ws)
    vectors, _, _ = ensure_vectors(ws, embedder, items)
    new_id = int(ws.scalar("SELECT coalesce(max(theme_id), 0) + 1 FROM themes") or 1)
    report = RefreshReport(model_id=embedder.model_id)
    frame = _build_themes(
        items,
        vectors,
        np.full(len(items), new_id),
        pd.DataFrame(columns=_THEME_COLUMNS),
        report,
    )
    frame["manager_name"] = name.strip()
    ids = items["id"].astype(str).tolist()
    with ws.transaction() as con:
        ph = ", ".join("?" * len(ids))
        previous = [
            int(r[0])
            for r in con.execute(
                f"SELECT DISTINCT theme_id FROM assignments WHERE item_id IN ({ph}) "
                "AND theme_id IS NOT NULL",
                ids,
            ).fetchall()
        ]
        before = _snapshot(con, previous, item_ids=ids)
        con.register("created", frame)
        con.execute(
            f"INSERT INTO themes ({', '.join(_THEME_COLUMNS)}) SELECT "
            f"{', '.join(c if c != 'centroid' else 'CAST(centroid AS FLOAT[])' for c in _THEME_COLUMNS)} FROM created"
        )
        con.unregister("created")
        con.executemany(
            "INSERT OR REPLACE INTO assignments VALUES (?, ?, NULL, 'manual')",
            [[item_id, new_id] for item_id in ids],
        )
        for theme in previous:
            _recompute_theme(con, theme)
        edit_id = _log_edit(
            con, "create", {"item_ids": ids, "name": name.strip()}, before, [new_id]
        )
        ws.bump_data_version(con)
    return edit_id, new_id


def undo_last_edit(ws: Workspace) -> dict[str, Any] | None:
    """Undo the newest edit that is not undone; returns ``{"edit_id", "kind"}`` or None."""
    row = ws.query_df(
        "SELECT edit_id, kind, payload FROM edits WHERE NOT undone ORDER BY edit_id DESC LIMIT 1"
    )
    if row.empty:
        return None
    edit_id = int(row["edit_id"].iloc[0])
    payload = json.loads(row["payload"].iloc[0])
    before = payload["before"]
    with ws.transaction() as con:
        created = payload.get("created_theme_ids", [])
        if created:
            ph = ", ".join("?" * len(created))
            con.execute(f"DELETE FROM themes WHERE theme_id IN ({ph})", created)
            con.execute(f"DELETE FROM theme_lineage WHERE theme_id IN ({ph})", created)
        if payload["args"].get("source_ids"):
            ph = ", ".join("?" * len(payload["args"]["source_ids"]))
            con.execute(
                f"DELETE FROM theme_lineage WHERE kind = 'merged_into' AND theme_id IN ({ph})",
                payload["args"]["source_ids"],
            )
        for theme in before["themes"]:
            con.execute("DELETE FROM themes WHERE theme_id = ?", [theme["theme_id"]])
            columns = [c for c in theme if c in _THEME_COLUMNS]
            con.execute(
                f"INSERT INTO themes ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [theme[c] for c in columns],
            )
        for assignment in before["assignments"]:
            con.execute(
                "INSERT OR REPLACE INTO assignments VALUES (?, ?, ?, ?)",
                [
                    assignment["item_id"],
                    assignment["theme_id"],
                    assignment["similarity"],
                    assignment["method"],
                ],
            )
        # Items that had no assignment before a move/create lose the one the edit gave them.
        touched = payload["args"].get("item_ids") or [payload["args"].get("item_id")]
        had_before = {a["item_id"] for a in before["assignments"]}
        for item_id in touched:
            if item_id is not None and item_id not in had_before:
                con.execute("DELETE FROM assignments WHERE item_id = ?", [item_id])
        for theme in before["themes"]:
            _recompute_size(con, int(theme["theme_id"]))
        con.execute("UPDATE edits SET undone = TRUE WHERE edit_id = ?", [edit_id])
        ws.bump_data_version(con)
    return {"edit_id": edit_id, "kind": str(row["kind"].iloc[0])}


def _recompute_size(con: Any, theme_id: int) -> None:
    con.execute(
        "UPDATE themes SET size = (SELECT count(*) FROM assignments WHERE theme_id = ?) "
        "WHERE theme_id = ? AND status IN ('active', 'proposed')",
        [theme_id, theme_id],
    )


def _recompute_theme(con: Any, theme_id: int) -> None:
    """Size and centroid of a theme from its current members' cached vectors."""
    _recompute_size(con, theme_id)
    model_id = con.execute("SELECT model_id FROM themes WHERE theme_id = ?", [theme_id]).fetchone()
    if not model_id:
        return
    vectors = con.execute(
        "SELECT e.vector FROM assignments a JOIN items i ON i.id = a.item_id "
        "JOIN embeddings e ON e.text_hash = i.text_hash AND e.model_id = ? WHERE a.theme_id = ?",
        [model_id[0], theme_id],
    ).fetchall()
    if vectors:
        centroid = l2_normalize(
            np.asarray([v[0] for v in vectors], dtype=np.float32).mean(axis=0, keepdims=True)
        )[0]
        con.execute(
            "UPDATE themes SET centroid = ? WHERE theme_id = ?", [centroid.tolist(), theme_id]
        )
