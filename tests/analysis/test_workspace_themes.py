import json
import random
from collections import Counter

import pytest

from analysis.embedders import TfidfEmbedder
from ingest.errors import WorkspaceError
from tests.analysis.conftest import make_records, synthetic_texts
from workspace import placement, refresh, theme_edits, theme_queries
from workspace.imports import import_records
from workspace.queries import theme_coverage

EMBEDDER = TfidfEmbedder()


def _import(ws, pairs, start=0):
    ws.set_setting("embedder", "tfidf")  # the workspace's embedder is EMBEDDER
    import_records(ws, make_records(pairs, start), file_name=f"batch{start}")


def _table(ws):
    """The dashboard's theme table (``items`` as ``size``), indexable by theme id."""
    return theme_queries.theme_table(ws).rename(columns={"items": "size"})


def _assignment_map(ws):
    frame = ws.query_df("SELECT item_id, theme_id FROM assignments")
    return dict(zip(frame["item_id"], frame["theme_id"], strict=True))


def test_refresh_writes_themes_assignments_and_sentiment(workspace):
    _import(workspace, synthetic_texts(40))
    before = workspace.data_version
    report = refresh.refresh_themes(workspace, EMBEDDER)
    assert report.themes == 5 and report.items == 200 and report.embedded == 200
    assert report.unsorted_share <= 0.05
    assert workspace.data_version == before + 1
    table = _table(workspace)
    assert len(table) == 5 and table["size"].sum() + report.unsorted == 200
    assert all(1 <= len(k) <= 10 for k in table["keywords"])
    quotes = workspace.query_df("SELECT quotes FROM themes WHERE status = 'active'")["quotes"]
    assert all(3 <= len(json.loads(q)) <= 5 for q in quotes)
    assert table["sentiment"].notna().all()
    cov = theme_coverage(workspace)
    assert cov.items == 200 and cov.themes == 5 and cov.sorted == 200 - report.unsorted
    # A second refresh embeds nothing and keeps every id.
    again = refresh.refresh_themes(workspace, EMBEDDER)
    assert again.embedded == 0 and sorted(again.kept_ids) == sorted(table["theme_id"])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_new_items_keep_ids_and_names(workspace, seed):
    pairs = synthetic_texts(60, seed=1)
    _import(workspace, pairs)
    refresh.refresh_themes(workspace, EMBEDDER, random_state=seed)
    old = _assignment_map(workspace)
    biggest = int(_table(workspace)["theme_id"].iloc[0])
    theme_edits.rename_theme(workspace, biggest, "Onze naam")
    _import(workspace, synthetic_texts(6, seed=2), start=10_000)  # +10%
    assigned = placement.assign_new_items(workspace, EMBEDDER)
    assert assigned.assigned + assigned.unsorted == 30
    report = refresh.refresh_themes(workspace, EMBEDDER, random_state=seed)
    new = _assignment_map(workspace)
    kept = sum(new[i] == t for i, t in old.items())
    assert kept / len(old) >= 0.95
    table = _table(workspace).set_index("theme_id")
    assert table.loc[biggest, "label"] == "Onze naam"
    # More of the same subjects: the new clustering fits no better, so the themes stay.
    assert report.kept_previous and report.fit_new < report.fit_previous + 0.01


def test_a_new_subject_replaces_the_themes_and_old_ids_survive(workspace):
    _import(workspace, synthetic_texts(60, seed=1))
    refresh.refresh_themes(workspace, EMBEDDER)
    old = _assignment_map(workspace)
    rng = random.Random(3)
    words = ["parking", "garage", "spaces", "barrier", "entrance", "exit", "meter", "ticket"]
    parking = [("parking", f"the {' and '.join(rng.sample(words, 4))}") for _ in range(30)]
    _import(workspace, parking, start=10_000)
    report = refresh.refresh_themes(workspace, EMBEDDER)
    assert not report.kept_previous and report.fit_new >= report.fit_previous + 0.01
    new = _assignment_map(workspace)
    parking_ids = [new[r.id] for r in make_records(parking, 10_000)]
    top_id, top_count = Counter(parking_ids).most_common(1)[0]
    assert top_id in report.new_ids and top_count >= 27
    kept = sum(new[i] == t for i, t in old.items())
    assert kept / len(old) >= 0.95


def test_edits_and_undo(workspace):
    _import(workspace, synthetic_texts(30))
    refresh.refresh_themes(workspace, EMBEDDER)
    table = _table(workspace)
    a, b = (int(t) for t in table["theme_id"].iloc[:2])
    size_a, size_b = (int(s) for s in table["size"].iloc[:2])

    theme_edits.merge_themes(workspace, [b], a)
    merged = _table(workspace).set_index("theme_id")
    assert b not in merged.index and merged.loc[a, "size"] == size_a + size_b
    # A refresh keeps the merge.
    refresh.refresh_themes(workspace, EMBEDDER)
    assert b not in set(_table(workspace)["theme_id"])

    edit, parts = theme_edits.split_theme(workspace, a, parts=2, embedder=EMBEDDER)
    split = _table(workspace).set_index("theme_id")
    assert a not in split.index and set(parts) <= set(split.index)
    lineage = workspace.query_df("SELECT theme_id, related_id, kind FROM theme_lineage")
    recorded = set(lineage.itertuples(index=False, name=None))
    assert (b, a, "merged_into") in recorded
    assert {(p, a, "split_from") for p in parts} <= recorded
    assert theme_edits.undo_last_edit(workspace)["kind"] == "split"
    assert a in set(_table(workspace)["theme_id"])

    item = theme_queries.theme_quotes(workspace, a, limit=1)["id"].iloc[0]
    theme_edits.move_item(workspace, item, None)
    assert item in set(theme_queries.unsorted_items(workspace, limit=500)["id"])
    refresh.refresh_themes(workspace, EMBEDDER)  # a manual move survives a refresh
    assert (
        _assignment_map(workspace)[item] is None or str(_assignment_map(workspace)[item]) == "<NA>"
    )
    assert theme_edits.undo_last_edit(workspace)["kind"] == "move"
    assert _assignment_map(workspace)[item] == a

    theme_edits.rename_theme(workspace, a, "Bezorging")
    assert _table(workspace).set_index("theme_id").loc[a, "label"] == "Bezorging"
    theme_edits.undo_last_edit(workspace)
    info = theme_queries.theme_info(workspace, a)
    assert info is not None and info.label == info.engine_label  # the engine's name again
    kinds = workspace.query_df("SELECT kind, undone FROM edits ORDER BY edit_id")
    assert list(kinds["kind"]) == ["merge", "split", "move", "rename"]
    assert list(kinds["undone"]) == [False, True, True, True]
    payload = json.loads(workspace.scalar("SELECT payload FROM edits WHERE kind = 'merge'"))
    assert payload["args"] == {"source_ids": [b], "target_id": a}


def test_edit_on_unknown_theme_is_refused(workspace):
    with pytest.raises(WorkspaceError, match="unknown"):
        theme_edits.rename_theme(workspace, 999, "x")


def test_leftovers_become_a_proposed_theme(workspace):
    _import(workspace, synthetic_texts(40))
    refresh.refresh_themes(workspace, EMBEDDER)
    novel = [
        ("new", f"loyalty points voucher saldo spaarpunten {i} punten bonus") for i in range(15)
    ]
    _import(workspace, novel, start=5000)
    report = placement.assign_new_items(workspace, EMBEDDER, min_new_theme_size=10)
    assert len(report.proposed_themes) == 1
    proposed = report.proposed_themes[0]
    table = _table(workspace).set_index("theme_id")
    assert table.loc[proposed, "status"] == "proposed"
    # The next refresh makes it a theme under the same id, with the same items.
    novel_ids = [r.id for r in make_records(novel, 5000)]
    members = {i for i, t in _assignment_map(workspace).items() if t == proposed}
    assert members == set(novel_ids)
    refresh.refresh_themes(workspace, EMBEDDER)
    after = _assignment_map(workspace)
    assert {after[i] for i in novel_ids} == {proposed}
    assert _table(workspace).set_index("theme_id").loc[proposed, "status"] == "active"


def test_create_theme_from_chosen_items_survives_refresh_and_undoes(workspace):
    _import(workspace, synthetic_texts(30))
    refresh.refresh_themes(workspace, EMBEDDER)
    before = _assignment_map(workspace)
    chosen = sorted(before)[:6]
    edit_id, new_id = theme_edits.create_theme(workspace, chosen, "Spaarpunten")
    table = _table(workspace).set_index("theme_id")
    assert table.loc[new_id, "label"] == "Spaarpunten" and table.loc[new_id, "size"] == 6
    assert all(_assignment_map(workspace)[i] == new_id for i in chosen)
    assert int(table["size"].sum()) == sum(
        t is not None and str(t) != "<NA>" for t in before.values()
    )
    refresh.refresh_themes(workspace, EMBEDDER)  # manual placement and the name are kept
    assert all(_assignment_map(workspace)[i] == new_id for i in chosen)
    assert theme_edits.undo_last_edit(workspace)["kind"] == "create"
    assert new_id not in set(_table(workspace)["theme_id"])
    after = _assignment_map(workspace)
    assert all(after[i] == before[i] for i in chosen)


def test_create_theme_needs_a_name_and_known_items(workspace):
    _import(workspace, synthetic_texts(5))
    with pytest.raises(WorkspaceError, match="name"):
        theme_edits.create_theme(workspace, ["x"], "  ")
    with pytest.raises(WorkspaceError, match="None of the 1 chosen items"):
        theme_edits.create_theme(workspace, ["no-such-item"], "Nieuw", embedder=EMBEDDER)
