"""The workspace's embedder and its vector cache.

:func:`workspace_embedder_name` is the one place that decides which embedder a workspace
uses: refresh, placement, search, creating and splitting themes all go through it. Vectors
of each text's subject (:func:`analysis.subject_text.subject_text`) are cached in
``embeddings`` by ``(model_id, text_hash)``, so an upload embeds only new texts
and vectors of different models never mix.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd

from analysis.embedders import (
    DEFAULT_EMBEDDER,
    Embedder,
    choose_embedder_name,
    get_embedder,
    l2_normalize,
)
from analysis.subject_text import subject_text
from ingest.errors import WorkspaceError
from ingest.messages import message as say
from workspace.db import Workspace, workspace_error
from workspace.settings import get_setting

ProgressCallback = Callable[[str, float], None]
EMBEDDER_SETTING = "embedder"
NO_LANGUAGE_EMBEDDER = "use"  # multilingual: safe before any item says its language


def workspace_embedder_name(ws: Workspace) -> str:
    """The workspace's embedder: the setting ``embedder``, with ``auto`` resolved once.

    ``"auto"`` (the default) is resolved from the workspace's language mix (English only ->
    all-MiniLM-L6-v2, else multilingual USE) and stored as soon as there are items, so the
    vector space and theme ids do not flip when later imports change the mix. The only reader
    of the ``embedder`` setting.
    """
    name = str(get_setting(ws, EMBEDDER_SETTING)).strip() or DEFAULT_EMBEDDER
    if name != "auto":
        return name
    languages = ws.query_df(
        "SELECT language FROM items WHERE direction = 'inbound' AND NOT is_star_only "
        "AND language <> ''"
    )["language"].tolist()
    if not languages:
        return NO_LANGUAGE_EMBEDDER
    name = choose_embedder_name(languages)
    if not ws.read_only:
        ws.set_setting(EMBEDDER_SETTING, name)
    return name


def workspace_embedder(ws: Workspace) -> Embedder:
    """The workspace's embedder (:func:`workspace_embedder_name`), newly built: its model
    loads on first use. Long-running callers (the dashboard) keep one per name instead."""
    return get_embedder(workspace_embedder_name(ws))


def check_embedder(ws: Workspace, embedder: Embedder) -> Embedder:
    """``embedder`` when it is in the vector space of the workspace's themes.

    Raises:
        WorkspaceError: the active themes were built by another model: placing items or
            building a theme in this space would compare vectors of different models.
    """
    spaces = ws.query_df(
        "SELECT DISTINCT model_id FROM themes WHERE status IN ('active', 'proposed') "
        "AND centroid IS NOT NULL"
    )["model_id"].tolist()
    other = [m for m in spaces if m and m != embedder.model_id]
    if other:
        raise WorkspaceError(
            say("workspace.embedder_mismatch", built=", ".join(other), model=embedder.model_id)
        )
    return embedder


# The items themes are made of (alias ``i``): inbound, with text. A refresh reads these, in
# this order (``ORDER BY i.id``), and so does every rule that must see the texts it saw.
TEXT_ITEM_SQL = "i.direction = 'inbound' AND NOT i.is_star_only AND trim(i.text) <> ''"


def text_items(
    ws: Workspace, where: str = "TRUE", params: list[object] | None = None
) -> pd.DataFrame:
    """Inbound items with text (what themes are made of), by id."""
    return ws.query_df(
        f"""
        SELECT i.id, i.text, i.text_hash, i.language, i.channel, i.received_at,
               i.rating, i.rating_scale_min, i.rating_scale_max
        FROM items i
        WHERE {TEXT_ITEM_SQL} AND {where}
        ORDER BY i.id
        """,
        params,
    )


def items_in_themes(ws: Workspace, theme_ids: list[int]) -> pd.DataFrame:
    """Text items in these themes with their theme (``id``, ``text``, ``text_hash``,
    ``theme_id``), by id: the sorted items new ones are compared with."""
    return ws.query_df(
        """
        SELECT i.id, i.text, i.text_hash, a.theme_id
        FROM items i JOIN assignments a ON a.item_id = i.id
        WHERE a.theme_id IN (SELECT unnest(?)) AND trim(i.text) <> ''
        ORDER BY i.id
        """,
        [[int(t) for t in theme_ids]],
    )


def cached_vectors_in_themes(
    ws: Workspace, model_id: str, theme_ids: list[int]
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """:func:`items_in_themes`' rows (``theme_id`` only, same order) and their cached vectors
    of ``model_id``, as :func:`ensure_vectors` would give them; None when some row has no
    cached vector (:func:`ensure_vectors` must embed it).

    Reads no text, and the vectors without a join: joined to 100k items and sorted by item,
    384-d vectors took 0.4-0.8 s, and matching 100k text hashes in pandas 0.5 s more.
    """
    try:
        with ws.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")  # both reads see one state: row ids stay put
            known = cur.sql(
                """
                SELECT a.theme_id, e.rowid AS vector_row
                FROM items i JOIN assignments a ON a.item_id = i.id
                LEFT JOIN embeddings e ON e.text_hash = i.text_hash AND e.model_id = $2
                WHERE a.theme_id IN (SELECT unnest($1)) AND trim(i.text) <> ''
                ORDER BY i.id
                """,
                params=[[int(t) for t in theme_ids], model_id],
            ).to_arrow_table()
            if known.column("vector_row").null_count:
                return None
            table = cur.sql(
                "SELECT rowid AS vector_row, vector FROM embeddings WHERE model_id = $1",
                params=[model_id],
            ).to_arrow_table()
    except duckdb.Error as exc:
        raise workspace_error(exc, "read") from exc
    frame = pd.DataFrame({"theme_id": known.column("theme_id").to_numpy()})
    if table.num_rows == 0 or known.num_rows == 0:
        return frame, np.zeros((0, 0), dtype=np.float32)
    stored = table.column("vector_row").to_numpy()
    position = np.full(int(stored.max()) + 1, -1, dtype=np.int64)
    position[stored] = np.arange(len(stored))
    values = table.column("vector").combine_chunks()
    flat = values.flatten().to_numpy(zero_copy_only=False)
    matrix = np.asarray(flat, dtype=np.float32).reshape(table.num_rows, -1)
    return frame, matrix[position[known.column("vector_row").to_numpy()]]


def cache_vectors(
    ws: Workspace, model_id: str, text_hashes: list[str], vectors: np.ndarray
) -> None:
    """Store vectors of ``model_id`` by text hash (existing ones are kept)."""
    import pyarrow as pa

    vectors = np.asarray(vectors, dtype=np.float32)
    flat = pa.array(vectors.ravel(), type=pa.float32())
    offsets = pa.array(np.arange(0, vectors.size + 1, vectors.shape[1], dtype=np.int32))
    arrow = pa.table(
        {
            "text_hash": pa.array(list(text_hashes), type=pa.string()),
            "vector": pa.ListArray.from_arrays(offsets, flat),
        }
    )
    with ws.transaction() as con:
        con.register("new_vectors", arrow)
        con.execute(
            "INSERT OR IGNORE INTO embeddings SELECT ?, text_hash, vector FROM new_vectors",
            [model_id],
        )
        con.unregister("new_vectors")


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
    known = set(cached_hashes)
    # A set lookup per hash: pandas' isin on arrow strings builds a scalar per value (1.8 s
    # at 100k items).
    new = np.array([h not in known for h in unique["text_hash"].tolist()], dtype=bool)
    missing = unique[new]
    seconds = 0.0
    new_vectors = np.zeros((0, 0), dtype=np.float32)
    if len(missing):
        started = time.perf_counter()

        def report(done: int, total: int) -> None:
            if progress is not None:
                progress("embedding", done / max(total, 1))

        # What a text is about, not whom it addresses or how it greets (analysis/subject_text).
        subjects = [subject_text(t) for t in missing["text"].tolist()]
        new_vectors = l2_normalize(embedder.embed(subjects, report))
        seconds = time.perf_counter() - started
        cache_vectors(ws, embedder.model_id, missing["text_hash"].tolist(), new_vectors)
    if table.num_rows:
        values = table.column("vector").combine_chunks()
        dim = len(values[0]) if table.num_rows else 0
        flat = values.flatten().to_numpy(zero_copy_only=False)
        cached = np.asarray(flat, dtype=np.float32).reshape(-1, dim)
    else:
        cached = np.zeros((0, new_vectors.shape[1] if new_vectors.size else 0), dtype=np.float32)
    if cached.size and new_vectors.size and cached.shape[1] != new_vectors.shape[1]:
        raise WorkspaceError(
            say(
                "workspace.vector_dims",
                model=embedder.model_id,
                cached=int(cached.shape[1]),
                given=int(new_vectors.shape[1]),
            )
        )
    all_hashes = cached_hashes + missing["text_hash"].tolist()
    parts = [m for m in (cached, new_vectors) if m.size]
    stacked = (np.vstack(parts) if len(parts) > 1 else parts[0]) if all_hashes else cached
    position = pd.Series(np.arange(len(all_hashes)), index=pd.Index(all_hashes))
    rows = position.reindex(items["text_hash"].to_numpy()).to_numpy()
    return (
        stacked[rows]
        if len(rows)
        else np.zeros((0, stacked.shape[1] if stacked.ndim == 2 else 0), np.float32),
        len(missing),
        seconds,
    )
