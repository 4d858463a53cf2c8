"""The theme store under concurrency: refresh vs. manual moves, ids from sequences, and
DuckDB errors surfacing as the project's errors."""

import json

import pandas as pd
import pytest

from analysis.embedders import TfidfEmbedder
from ingest.errors import KlantstemError, WorkspaceError
from tests.analysis.conftest import make_records, synthetic_texts
from workspace import edit_log, theme_edits, theme_queries, theme_store
from workspace.imports import import_records
from workspace.refresh import refresh_themes

EMBEDDER = TfidfEmbedder()


@pytest.fixture
def themed(workspace):
    workspace.set_setting("embedder", "tfidf")
    import_records(workspace, make_records(synthetic_texts(30)), file_name="first")
    refresh_themes(workspace, EMBEDDER)
    return workspace


def _placement(ws, item_id):
    row = ws.query_df("SELECT theme_id, method FROM assignments WHERE item_id = ?", [item_id])
    theme = row["theme_id"].iloc[0]
    return (None if pd.isna(theme) else int(theme)), str(row["method"].iloc[0])


@pytest.mark.parametrize("target", ["other-theme", "unsorted"], ids=["into-theme", "to-unsorted"])
def test_a_move_made_while_a_refresh_runs_survives(themed, target):
    table = theme_queries.theme_table(themed)
    a, b = (int(t) for t in table["theme_id"].iloc[:2])
    item = str(theme_queries.theme_quotes(themed, a, limit=1)["id"].iloc[0])
    goal = b if target == "other-theme" else None

    def move_in_another_tab():
        theme_edits.move_item(themed, item, goal)

    report = refresh_themes(themed, EMBEDDER, before_save=move_in_another_tab)
    assert report.moves_kept == 1
    assert _placement(themed, item) == (goal, "manual")
    # And the next refresh keeps it too.
    refresh_themes(themed, EMBEDDER)
    assert _placement(themed, item) == (goal, "manual")


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda ws: import_records(
                ws, make_records([("x", "the parcel late")], 900), file_name="mid"
            ),
            id="an-import",
        ),
        pytest.param(
            lambda ws: theme_edits.rename_theme(
                ws, int(theme_queries.theme_table(ws)["theme_id"].iloc[0]), "Nieuw"
            ),
            id="a-rename",
        ),
    ],
)
def test_a_refresh_stops_with_a_message_when_other_data_changed(themed, change):
    before = themed.query_df("SELECT * FROM assignments ORDER BY item_id")
    with pytest.raises(WorkspaceError, match="changed while the themes were refreshed"):
        refresh_themes(themed, EMBEDDER, before_save=lambda: change(themed))
    after = themed.query_df("SELECT * FROM assignments ORDER BY item_id")
    pd.testing.assert_frame_equal(before, after)


def test_two_sessions_creating_themes_at_once_get_distinct_ids(themed):
    first, second = themed.cursor(), themed.cursor()
    first.execute("BEGIN TRANSACTION")
    second.execute("BEGIN TRANSACTION")
    # Both sessions ask for an id before either commits (max()+1 gave both the same one).
    ids = theme_store.new_theme_ids(first, 1) + theme_store.new_theme_ids(second, 1)
    for con, theme_id in zip((first, second), ids, strict=True):
        theme_store.insert_themes(
            con,
            pd.DataFrame(
                {
                    "theme_id": [theme_id],
                    "label": ["x"],
                    "label_nl": [""],
                    "label_en": [""],
                    "manager_name": [""],
                    "keywords": ["[]"],
                    "keywords_nl": ["[]"],
                    "keywords_en": ["[]"],
                    "quotes": ["[]"],
                    "centroid": [None],
                    "size": [0],
                    "status": ["active"],
                    "parent_ids": ["[]"],
                    "created_at": [pd.Timestamp.now(tz="UTC")],
                    "updated_at": [pd.Timestamp.now(tz="UTC")],
                    "model_id": [EMBEDDER.model_id],
                }
            ),
        )
    first.execute("COMMIT")
    second.execute("COMMIT")
    existing = set(theme_queries.theme_table(themed)["theme_id"])
    assert ids[0] != ids[1] and not set(ids) & (existing - set(ids))
    stored = themed.query_df("SELECT theme_id FROM themes WHERE theme_id IN (?, ?)", ids)
    assert len(stored) == 2


def test_sequences_start_after_the_ids_of_an_existing_workspace(themed):
    highest = int(themed.scalar("SELECT max(theme_id) FROM themes"))
    edit_id, new_id = theme_edits.create_theme(
        themed, [r.id for r in make_records(synthetic_texts(30))[:3]], "Nieuw"
    )
    assert new_id > highest and edit_id >= 1


def test_a_write_conflict_is_a_klantstem_error_not_a_duckdb_one(themed):
    item = str(themed.scalar("SELECT min(item_id) FROM assignments"))
    frame = pd.DataFrame({"item_id": [item], "theme_id": [None], "method": ["manual"]})
    other = themed.cursor()
    with (
        pytest.raises(KlantstemError, match="another session changed the same data"),
        themed.transaction() as con,
    ):
        con.execute("SELECT count(*) FROM assignments").fetchall()
        theme_store.put_assignments(other, frame)  # commits on its own
        theme_store.put_assignments(con, frame)


def _as_logged_before_snapshots_had_keys(ws, edit_id):
    """Rewrite an edit's payload in the form workspaces logged before migration 3."""
    payload = json.loads(ws.scalar("SELECT payload FROM edits WHERE edit_id = ?", [edit_id]))
    before = payload["before"]
    legacy = {
        "args": payload["args"],
        "before": {
            "themes": before["themes"]["rows"],
            "assignments": before["assignments"]["rows"],
        },
        "created_theme_ids": [],
    }
    with ws.transaction() as con:  # simulates an old workspace's log: no store call writes this
        con.execute("UPDATE edits SET payload = ? WHERE edit_id = ?", [json.dumps(legacy), edit_id])


@pytest.mark.parametrize("kind", ["rename", "move"])
def test_undo_restores_edits_logged_in_the_old_form(themed, kind):
    theme = int(theme_queries.theme_table(themed)["theme_id"].iloc[0])
    item = str(theme_queries.theme_quotes(themed, theme, limit=1)["id"].iloc[0])
    before_label = theme_queries.theme_info(themed, theme).label
    if kind == "rename":
        edit_id = theme_edits.rename_theme(themed, theme, "Oude naam")
    else:
        edit_id = theme_edits.move_item(themed, item, None)
    _as_logged_before_snapshots_had_keys(themed, edit_id)
    assert edit_log.undo_last_edit(themed)["kind"] == kind
    assert theme_queries.theme_info(themed, theme).label == before_label
    assert _placement(themed, item)[0] == theme


def test_migration_starts_the_sequences_after_an_existing_workspaces_ids(tmp_path):
    from workspace.db import SCHEMA_VERSION, Workspace

    path = tmp_path / "old.duckdb"
    with Workspace.open(path) as ws:
        now = pd.Timestamp.now(tz="UTC")
        theme_store.save_themes(
            ws, pd.DataFrame({"theme_id": [4, 41], "created_at": now, "updated_at": now})
        )
        with ws.transaction() as con:  # back to a schema-2 workspace, as in the field
            con.execute("DROP SEQUENCE theme_ids")
            con.execute("DROP SEQUENCE edit_ids")
            con.execute("DROP TABLE top_themes")  # what migration 4 added
            con.execute("DROP SEQUENCE top_theme_ids")
            con.execute("ALTER TABLE themes DROP COLUMN top_id")
            con.execute("ALTER TABLE themes DROP COLUMN top_locked")
            con.execute("ALTER TABLE import_problems DROP COLUMN code")  # what migration 5 added
            con.execute("ALTER TABLE import_problems DROP COLUMN params")
            con.execute("ALTER TABLE themes DROP COLUMN keywords_nl")  # what migration 6 added
            con.execute("ALTER TABLE themes DROP COLUMN keywords_en")
            con.execute("DELETE FROM schema_version WHERE version >= 3")
    with Workspace.open(path) as ws:
        assert ws.schema_version == SCHEMA_VERSION
        assert ws.scalar("SELECT nextval('theme_ids')") == 42
        assert ws.scalar("SELECT nextval('edit_ids')") == 1
