"""Use case: find feedback by words (keyword) or by meaning (semantic), under the filters.

Keyword search is a case-insensitive substring match in DuckDB (every word must occur).
Semantic search embeds the query with the workspace's embedder and ranks the cached vectors in
the ``embeddings`` table by cosine similarity, inside DuckDB; items whose text was never
embedded by that model are not found semantically (an upload or a theme refresh embeds them).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from workspace.db import Workspace
from workspace.queries import QUOTE_COLUMNS, Filters, theme_label_sql

EMBEDDER_SETTING = "embedder"


def _result_sql(lang: str, score: str) -> str:
    return f"""
    SELECT {QUOTE_COLUMNS}, a.theme_id, {theme_label_sql(lang)} AS theme, {score} AS score
    FROM items i
    LEFT JOIN assignments a ON a.item_id = i.id
    LEFT JOIN themes t ON t.theme_id = a.theme_id
    """


def embedder_name(ws: Workspace) -> str | None:
    """The embedder setting of the workspace (None: the engine's default)."""
    return ws.get_setting(EMBEDDER_SETTING)


def keyword_search(
    ws: Workspace,
    query: str,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    limit: int = 50,
) -> pd.DataFrame:
    """Items whose text or subject contains every word of ``query`` (any case), newest first.

    Columns: ``id``, ``received_at``, ``channel``, ``rating``, ``rating_scale_max``,
    ``language``, ``text``, ``theme_id``, ``theme``, ``score`` (number of words matched in the
    text). Empty query: empty result.
    """
    words = [w for w in query.split() if w]
    if not words:
        return _empty(ws, lang)
    where, params = (filters or Filters()).where()
    conditions = " AND ".join(["(i.text ILIKE ? OR i.subject ILIKE ?)"] * len(words))
    word_params: list[object] = []
    for word in words:
        like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        word_params += [like, like]
    conditions = conditions.replace("ILIKE ?", "ILIKE ? ESCAPE '\\'")
    sql = _result_sql(lang, "1.0") + (
        f" WHERE {where} AND {conditions} ORDER BY i.received_at DESC, i.id LIMIT ?"
    )
    return ws.query_df(sql, [*params, *word_params, int(limit)])


def semantic_search(
    ws: Workspace,
    query: str,
    embedder: Any,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    limit: int = 50,
) -> pd.DataFrame:
    """Items nearest in meaning to ``query`` (cosine similarity of cached vectors), best first.

    Args:
        embedder: anything with ``model_id`` and ``embed(texts)`` (see ``analysis.embedders``).

    Returns:
        The columns of :func:`keyword_search`; ``score`` is the cosine similarity.
    """
    if not query.strip():
        return _empty(ws, lang)
    vector = np.asarray(embedder.embed([query.strip()]), dtype=np.float32)[0]
    where, params = (filters or Filters()).where()
    # Score every cached vector of this model in DuckDB (~100k rows: tens of ms), then join.
    sql = _result_sql(lang, "e.score").replace(
        "FROM items i",
        """FROM (
            SELECT text_hash, list_cosine_similarity(vector, CAST(? AS FLOAT[])) AS score
            FROM embeddings WHERE model_id = ? AND len(vector) = ?
        ) e JOIN items i ON i.text_hash = e.text_hash""",
    )
    sql += f" WHERE {where} AND NOT i.is_star_only ORDER BY e.score DESC, i.id LIMIT ?"
    return ws.query_df(sql, [vector.tolist(), embedder.model_id, len(vector), *params, int(limit)])


def has_vectors(ws: Workspace, model_id: str) -> bool:
    """True when the workspace caches any vector of this model."""
    return bool(ws.scalar("SELECT count(*) > 0 FROM embeddings WHERE model_id = ?", [model_id]))


def _empty(ws: Workspace, lang: str) -> pd.DataFrame:
    sql = _result_sql(lang, "1.0") + " WHERE false"
    return ws.query_df(sql)
