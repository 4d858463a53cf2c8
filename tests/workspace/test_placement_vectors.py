"""Placement reads the sorted items' vectors fast, and exactly as before."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.embedders import TfidfEmbedder
from tests.conftest import make_record
from tests.dashboard.conftest import build_workspace
from workspace import theme_store as store
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.placement import _sorted_items
from workspace.vectors import cached_vectors_in_themes, ensure_vectors, items_in_themes


def _by_ensure_vectors(ws: Workspace, theme_ids: list[int]) -> tuple[pd.DataFrame, np.ndarray]:
    """The sorted items and vectors as placement read them before: texts and all."""
    known = items_in_themes(ws, theme_ids)
    return known, ensure_vectors(ws, TfidfEmbedder(), known)[0]


def test_the_sorted_items_vectors_are_those_ensure_vectors_gives(tmp_path):
    path = build_workspace(tmp_path / "ws.duckdb")
    with Workspace.open(path) as ws:
        # Two more items with one text (one text hash, one cached vector), in two themes.
        twins = [make_record(700 + n, text="The parcel arrived late, order 3") for n in range(2)]
        import_records(ws, twins, file_name="twins.csv")
        for twin, theme in zip(twins, (1, 2), strict=True):
            ws.cursor().execute(
                "INSERT INTO assignments VALUES (?, ?, 0.9, 'test')", [twin.id, theme]
            )
        model = TfidfEmbedder().model_id
        theme_ids = [1, 2, 3]
        known, vectors = _by_ensure_vectors(ws, theme_ids)
        found = cached_vectors_in_themes(ws, model, theme_ids)
        assert found is not None
        frame, matrix = found
        assert matrix.dtype == vectors.dtype == np.float32
        assert np.array_equal(matrix, vectors)
        assert frame["theme_id"].tolist() == known["theme_id"].tolist()
        assert len(frame) == 83  # 81 of the fixture's 90 items are sorted, and the twins
        # Only two themes: only their items, in the same order.
        known, vectors = _by_ensure_vectors(ws, [3, 1])
        frame, matrix = cached_vectors_in_themes(ws, model, [3, 1]) or (None, None)
        assert np.array_equal(matrix, vectors)
        assert frame["theme_id"].tolist() == known["theme_id"].tolist()


def test_a_sorted_item_without_a_cached_vector_is_embedded_as_before(tmp_path):
    path = build_workspace(tmp_path / "ws.duckdb")
    with Workspace.open(path) as ws:
        missing = ws.scalar(
            "SELECT i.text_hash FROM items i JOIN assignments a ON a.item_id = i.id "
            "WHERE a.theme_id = 2 ORDER BY i.id LIMIT 1"
        )
        ws.cursor().execute("DELETE FROM embeddings WHERE text_hash = ?", [missing])
        model = TfidfEmbedder().model_id
        assert cached_vectors_in_themes(ws, model, [1, 2, 3]) is None
        known, vectors = _sorted_items(ws, TfidfEmbedder(), store.current_themes(ws, model))
        assert vectors is not None and len(vectors) == len(known) == 81
        assert ws.scalar("SELECT count(*) FROM embeddings WHERE text_hash = ?", [missing]) == 1
        assert np.array_equal(vectors, cached_vectors_in_themes(ws, model, [1, 2, 3])[1])
