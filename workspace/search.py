"""Use case: find feedback by words (keyword) or by meaning (semantic), under the filters.

Keyword search is a case-insensitive substring match in DuckDB (every word must occur).
Search by meaning embeds the query with the workspace's embedder
(:func:`workspace.vectors.workspace_embedder_name`, the one the themes use) and ranks the
cached vectors in the ``embeddings`` table by cosine similarity, inside DuckDB, plus a bonus
for the query's words found in the text (weighted by how rare each word is, matched on its
first :data:`TERM_PREFIX` letters so "bezorging" finds "bezorger"). Measured on the sample
data with the multilingual USE model: short Dutch queries such as "bezorging te laat" score
about 0 against the late-delivery items by cosine alone (0 of the top 10 were late
deliveries); with the word bonus 10 of 10, and English queries stay at 10 of 10.
:func:`find_items` is the one entry point of the dashboard and the CLI; :func:`hits` keeps
what counts as a hit (by meaning: a score of at least :data:`MIN_MEANING_SCORE`) for both.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ingest.errors import WorkspaceError
from ingest.messages import message as say
from workspace.db import Workspace
from workspace.localtime import workspace_timezone
from workspace.queries import Filters, filter_sql, theme_label_sql
from workspace.theme_queries import quote_columns
from workspace.vectors import ensure_vectors, text_items, workspace_embedder

MODES = ("meaning", "words")
TERM_PREFIX = 5  # letters of a query word that must start a word of the text
# Weight of the word bonus (0-1: the share of the query's rarity-weighted words found)
# against the cosine (about 0.1-0.6 for related texts with USE).
WORD_WEIGHT = 0.5
MIN_MEANING_SCORE = 0.35
"""Score (cosine similarity plus the word bonus) a result by meaning needs to count as a hit:
below it, results on this kind of feedback share a few words at most. Search by meaning ranks
every item, however unrelated; search by words returns only items holding every word, so all
of those are hits."""
FETCHED = 500
"""Results fetched to count hits: a count above it reads "500 or more"."""


@dataclass(frozen=True, slots=True)
class Hits:
    """The real hits of a search, best first."""

    rows: pd.DataFrame
    """The best ``shown`` hits."""
    total: int
    """All hits found (at most :data:`FETCHED`)."""
    capped: bool
    """True when the search stopped at :data:`FETCHED`: there may be more."""


def hits(results: pd.DataFrame, mode: str, shown: int = 50) -> Hits:
    """Keep the real hits of ``results`` (:func:`find_items` output, best first) and count them.

    Args:
        mode: ``meaning`` (hits score at least :data:`MIN_MEANING_SCORE`) or ``words``.
        shown: how many hits to keep in ``rows``.
    """
    kept = results[results["score"] >= MIN_MEANING_SCORE] if mode == "meaning" else results
    capped = len(results) >= FETCHED and len(kept) == len(results)
    return Hits(kept.head(shown), len(kept), capped)


def _result_sql(lang: str, score: str, tz: str) -> str:
    """The result columns; ``received_at`` the local wall-clock time in zone ``tz``, like every
    quote the dashboard shows (:func:`workspace.theme_queries.quote_columns`)."""
    return f"""
    SELECT {quote_columns(tz)}, a.theme_id, {theme_label_sql(lang)} AS theme, {score} AS score
    FROM items i
    LEFT JOIN assignments a ON a.item_id = i.id
    LEFT JOIN themes t ON t.theme_id = a.theme_id
    """


def find_items(
    ws: Workspace,
    query: str,
    mode: str = "meaning",
    *,
    embedder: Any = None,
    filters: Filters | None = None,
    lang: str = "en",
    limit: int = 50,
) -> pd.DataFrame:
    """Search by ``meaning`` (:func:`semantic_search`) or by ``words`` (:func:`keyword_search`).

    Args:
        embedder: default: the workspace's (:func:`workspace.vectors.workspace_embedder`);
            the dashboard passes the one it keeps loaded.

    Raises:
        WorkspaceError: an unknown mode, or search by meaning in a read-only workspace whose
            items have no vectors of the workspace's embedder yet.
    """
    if mode not in MODES:
        raise WorkspaceError(say("workspace.search_mode", modes=", ".join(MODES), mode=mode))
    if mode == "words":
        return keyword_search(ws, query, filters, lang=lang, limit=limit)
    embedder = embedder or workspace_embedder(ws)
    missing = text_items(
        ws,
        "i.text_hash NOT IN (SELECT text_hash FROM embeddings WHERE model_id = ?)",
        [embedder.model_id],
    )
    if len(missing):
        if ws.read_only:
            raise WorkspaceError(
                say("workspace.search_no_vectors", n=len(missing), model=embedder.model_id)
            )
        ensure_vectors(ws, embedder, missing)  # re-embed what this model has not seen
    return semantic_search(ws, query, embedder, filters, lang=lang, limit=limit)


def query_terms(query: str) -> list[str]:
    """The query's words, lower case, cut to :data:`TERM_PREFIX` letters."""
    return list(dict.fromkeys(w[:TERM_PREFIX] for w in re.findall(r"\w+", query.lower())))


def _term_pattern(term: str) -> str:
    return rf"(^|[^\pL\pN]){re.escape(term)}"


def _word_bonus_sql(ws: Workspace, query: str) -> tuple[str, list[object]]:
    """SQL for the rarity-weighted share of query words found in ``i.text`` (0-1)."""
    terms = query_terms(query)
    if not terms:
        return "0.0", []
    patterns = [_term_pattern(t) for t in terms]
    counts = ws.query_df(
        "SELECT count(*) AS n, "
        + ", ".join(
            f"count(*) FILTER (WHERE regexp_matches(lower(text), ?)) AS t{k}"
            for k in range(len(terms))
        )
        + " FROM items WHERE direction = 'inbound' AND NOT is_star_only",
        patterns,
    ).iloc[0]
    n = int(counts["n"])
    idf = [max(math.log(n / (1 + int(counts[f"t{k}"]))), 0.0) for k in range(len(terms))]
    total = sum(idf)
    if total <= 0:
        return "0.0", []
    parts = [
        f"CASE WHEN regexp_matches(lower(i.text), ?) THEN {w / total!r} ELSE 0 END" for w in idf
    ]
    return "(" + " + ".join(parts) + ")", list(patterns)


def keyword_search(
    ws: Workspace,
    query: str,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    limit: int = 50,
) -> pd.DataFrame:
    """Items whose text or subject contains every word of ``query`` (any case), newest first.

    Columns: ``id``, ``received_at`` (local wall-clock time in the workspace's zone, as every
    screen and export shows it), ``channel``, ``rating``, ``rating_scale_max``, ``language``,
    ``text``, ``theme_id``, ``theme``, ``score`` (1.0: every word found). Empty query: empty
    result.
    """
    words = [w for w in query.split() if w]
    if not words:
        return _empty(ws, lang)
    where, params, tz = filter_sql(ws, filters)
    conditions = " AND ".join(["(i.text ILIKE ? OR i.subject ILIKE ?)"] * len(words))
    word_params: list[object] = []
    for word in words:
        like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        word_params += [like, like]
    conditions = conditions.replace("ILIKE ?", "ILIKE ? ESCAPE '\\'")
    sql = _result_sql(lang, "1.0", tz) + (
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
    """Items nearest in meaning to ``query`` (cosine of cached vectors + word bonus), best first.

    Args:
        embedder: anything with ``model_id`` and ``embed(texts)`` (see ``analysis.embedders``).

    Returns:
        The columns of :func:`keyword_search`; ``score`` is the cosine similarity plus
        ``WORD_WEIGHT`` times the rarity-weighted share of the query's words in the text.
    """
    if not query.strip():
        return _empty(ws, lang)
    vector = np.asarray(embedder.embed([query.strip()]), dtype=np.float32)[0]
    where, params, tz = filter_sql(ws, filters)
    bonus, bonus_params = _word_bonus_sql(ws, query)
    # Score every cached vector of this model in DuckDB (~100k rows: tens of ms), then join.
    sql = _result_sql(lang, f"(e.score + {WORD_WEIGHT} * {bonus})", tz).replace(
        "FROM items i",
        """FROM (
            SELECT text_hash, list_cosine_similarity(vector, CAST(? AS FLOAT[])) AS score
            FROM embeddings WHERE model_id = ? AND len(vector) = ?
        ) e JOIN items i ON i.text_hash = e.text_hash""",
    )
    sql += f" WHERE {where} AND NOT i.is_star_only ORDER BY score DESC, i.id LIMIT ?"
    return ws.query_df(
        sql,
        [*bonus_params, vector.tolist(), embedder.model_id, len(vector), *params, int(limit)],
    )


def has_vectors(ws: Workspace, model_id: str) -> bool:
    """True when the workspace caches any vector of this model."""
    return bool(ws.scalar("SELECT count(*) > 0 FROM embeddings WHERE model_id = ?", [model_id]))


def _empty(ws: Workspace, lang: str) -> pd.DataFrame:
    sql = _result_sql(lang, "1.0", workspace_timezone(ws)) + " WHERE false"
    return ws.query_df(sql)
