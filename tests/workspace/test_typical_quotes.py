"""A theme's quotes come "most typical first" (closest to the theme's centre) also after the
manager merged, split or made the theme: each member's stored similarity is to the centre of
the theme it is in now (real DuckDB files, the weightless TF-IDF embedder).

Before, a merge kept the absorbed items' similarity to their old theme's centre: in the demo,
"android app" with "spaar app" merged into it quoted four loyalty-points complaints first,
the 359th-379th closest of its 432 items."""

import numpy as np
import pytest

from analysis.embedders import TfidfEmbedder
from tests.analysis.conftest import make_records, synthetic_texts
from workspace import refresh, theme_edits
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.theme_queries import theme_quotes

EMBEDDER = TfidfEmbedder()
PAIRS = synthetic_texts(30)


@pytest.fixture
def workspace(workspace_path):
    with Workspace.open(workspace_path) as ws:
        ws.set_setting("embedder", "tfidf")
        import_records(ws, make_records(PAIRS), file_name="batch0")
        refresh.refresh_themes(ws, EMBEDDER)
        yield ws


def _theme_holding(ws, subject: str) -> int:
    ids = [r.id for (s, _), r in zip(PAIRS, make_records(PAIRS), strict=True) if s == subject]
    frame = ws.query_df(
        "SELECT theme_id FROM assignments WHERE item_id IN (SELECT unnest(?))", [ids]
    )
    return int(frame["theme_id"].mode().iloc[0])


def _stored_and_true(ws, theme_id: int):
    """Per member: the stored similarity and the cosine to the theme's centre now."""
    frame = ws.query_df(
        """
        SELECT a.item_id, a.similarity AS stored,
               list_cosine_similarity(e.vector, t.centroid) AS true_similarity
        FROM assignments a JOIN items i ON i.id = a.item_id
        JOIN themes t ON t.theme_id = a.theme_id
        JOIN embeddings e ON e.text_hash = i.text_hash AND e.model_id = t.model_id
        WHERE a.theme_id = ?
        """,
        [int(theme_id)],
    )
    assert len(frame) > 0
    return frame


def _assert_typical_first(ws, theme_id: int) -> None:
    members = _stored_and_true(ws, theme_id)
    np.testing.assert_allclose(members["stored"], members["true_similarity"], atol=1e-5)
    quotes = theme_quotes(ws, theme_id, limit=10)
    best = members.sort_values("true_similarity", ascending=False)["true_similarity"]
    np.testing.assert_allclose(
        sorted(quotes["similarity"], reverse=True), best.head(len(quotes)), atol=1e-5
    )


def test_a_merged_theme_quotes_what_is_typical_of_the_merged_theme(workspace):
    delivery, invoice = _theme_holding(workspace, "delivery"), _theme_holding(workspace, "invoice")
    theme_edits.merge_themes(workspace, [invoice], delivery)
    _assert_typical_first(workspace, delivery)


def test_split_parts_quote_what_is_typical_of_each_part(workspace):
    delivery = _theme_holding(workspace, "delivery")
    _, parts = theme_edits.split_theme(workspace, delivery, parts=2, embedder=EMBEDDER)
    for part in parts:
        _assert_typical_first(workspace, part)


def test_a_theme_made_from_chosen_items_quotes_its_most_typical_first(workspace):
    ids = [r.id for (s, _), r in zip(PAIRS, make_records(PAIRS), strict=True) if s == "app"]
    _, new_id = theme_edits.create_theme(workspace, ids[:12], "Inloggen", embedder=EMBEDDER)
    _assert_typical_first(workspace, new_id)
    # the theme the items left moved its centre: its members are measured against the new one
    _assert_typical_first(workspace, _theme_holding(workspace, "app"))
