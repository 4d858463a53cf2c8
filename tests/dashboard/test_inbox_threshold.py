"""The Unsorted inbox and automatic placement share one rule for "close enough"."""

from __future__ import annotations

from analysis.embedders import TfidfEmbedder
from dashboard.inbox import choices_for, suggestion
from tests.conftest import make_record
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.placement import assign_new_items, placement_suggestions
from workspace.theme_queries import theme_similarities
from workspace.theme_store import placement_threshold


def _unsorted_ids(ws: Workspace) -> list[str]:
    frame = ws.query_df("SELECT item_id FROM assignments WHERE theme_id IS NULL ORDER BY item_id")
    return frame["item_id"].tolist()


def test_the_inbox_suggests_exactly_where_placement_puts_an_item(themed_workspace):
    with Workspace.open(themed_workspace) as ws:
        ids = _unsorted_ids(ws)
        similarities = theme_similarities(ws, tuple(ids))
        nearest = similarities.groupby("id")["similarity"].max().sort_values()
        assert nearest.nunique() > 2, "the fixture's unsorted items need different similarities"
        # A stored threshold between the closest and the furthest unsorted item: the kind of
        # value a refresh writes for the workspace's vector space.
        threshold = float(nearest.iloc[len(nearest) // 2 - 1] + nearest.iloc[len(nearest) // 2]) / 2
        model_id = ws.scalar("SELECT min(model_id) FROM themes")
        ws.set_setting(f"assign_min_similarity:{model_id}", f"{threshold:.6f}")
        assert abs(placement_threshold(ws) - threshold) < 1e-6

        # Two items about nothing the workspace knows: neither rule may place them.
        strangers = [
            make_record(900 + n, text=text)
            for n, text in enumerate(["Het weer is mooi vandaag", "Mijn hond heet Max"])
        ]
        import_records(ws, strangers, file_name="strangers.csv")
        ids += [r.id for r in strangers]
        similarities = theme_similarities(ws, tuple(ids))
        placed_in = placement_suggestions(ws, ids)
        suggested = {}
        for item_id in ids:
            choice = suggestion(choices_for(similarities, item_id), placed_in.get(item_id))
            if choice is not None:
                suggested[item_id] = choice.theme_id

        # A group of leftovers may become a proposed theme; here only the threshold counts.
        assign_new_items(ws, embedder=TfidfEmbedder(), min_new_theme_size=10_000)
        placed = ws.query_df(
            "SELECT item_id, theme_id FROM assignments "
            "WHERE item_id IN (SELECT unnest(?)) AND theme_id IS NOT NULL",
            [ids],
        )
    assert 0 < len(suggested) < len(ids)
    assert dict(zip(placed["item_id"], placed["theme_id"].astype(int), strict=True)) == suggested
