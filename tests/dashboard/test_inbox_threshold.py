"""The Unsorted inbox and automatic placement share one rule for "close enough"."""

from __future__ import annotations

from analysis.embedders import TfidfEmbedder
from dashboard.i18n import t
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


def test_praise_kept_out_of_the_complaint_theme_it_is_like_is_told_why(themed_workspace):
    """The nearest theme of a praise review is one of complaints: placement keeps it out
    (analysis/polarity.py) and the inbox suggests nothing, saying so, not that no theme is
    close enough (it was "very close" in the picker)."""
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.test_pages import page_script
    from workspace.placement import placement_for

    praise = make_record(
        500,
        channel="review",
        text="The parcel arrived a day early, great delivery, thank you!",
        rating=5.0,
        rating_scale_min=1.0,
        rating_scale_max=5.0,
    )
    with Workspace.open(themed_workspace) as ws:
        import_records(ws, [praise], file_name="lof.csv")
        report = assign_new_items(ws, embedder=TfidfEmbedder(), min_new_theme_size=10_000)
        assert report.kept_out == 1
        found = placement_for(ws, [praise.id])
    assert found.themes == {} and found.opposed == {praise.id: (1, -1)}  # "Late parcels"

    for lang, said in [
        ("en", "Like “Late parcels” in subject, but that theme holds complaints"),
        ("nl", "Gaat over hetzelfde als “Pakket te laat”, maar dat thema bevat klachten"),
    ]:
        at = AppTest.from_function(page_script, args=("unsorted",), default_timeout=60)
        at.session_state["lang"] = lang
        at.run()
        captions = [str(c.value).replace("\\", "") for c in at.get("caption")]
        assert sum(said in c for c in captions) == 1, captions
        # the other unsorted items ("weather") are close to no theme, and say that
        no_theme = t("unsorted.no_suggestion", lang)
        assert sum(no_theme in c for c in captions) == 9
