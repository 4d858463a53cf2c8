"""The manager's theme edits as the screens say them (AppTest on the real views, real DuckDB
files): what a confirmation promises is what the edit does."""

from __future__ import annotations

import json

import pytest

from tests.dashboard.test_pages import edits, open_page, texts
from tests.dashboard.test_theme_tree_pages import widget
from workspace import theme_edits
from workspace.db import Workspace


def test_a_refresh_that_regroups_says_earlier_edits_can_no_longer_be_undone(themed_workspace):
    with Workspace.open(themed_workspace) as ws:
        theme_edits.rename_theme(ws, 3, "De app")
        # As if its items had gone elsewhere: the next refresh retires the renamed theme.
        with ws.transaction() as con:
            con.execute("DELETE FROM assignments WHERE theme_id = 3")
    at = open_page("themes")
    at.button(key="themes_refresh").click().run()
    assert not at.exception, at.exception
    message = at.success[0].value
    assert "Earlier edits can no longer be undone" in message
    # The undo button agrees: nothing left to undo.
    at = open_page("theme", query={"theme": str(int(all_ids(themed_workspace)[0]))})
    assert at.button(key=f"undo_{all_ids(themed_workspace)[0]}").disabled


def all_ids(path) -> list[int]:
    with Workspace.open(path) as ws:
        frame = ws.query_df(
            "SELECT theme_id FROM themes WHERE status = 'active' ORDER BY size DESC, theme_id"
        )
    return [int(t) for t in frame["theme_id"]]


def _rename_on_theme_page(at, name: str):
    [w for w in at.text_input if w.label in ("New name", "Nieuwe naam")][0].set_value(name)
    [b for b in at.button if b.label in ("Rename", "Hernoemen")][0].click().run()
    return at


@pytest.mark.parametrize(
    ("typed", "lang", "error"),
    [
        pytest.param(
            "Wrong invoice", "en", "Another theme is already called “Wrong invoice”", id="taken-en"
        ),
        pytest.param(
            "  verkeerde FACTUUR ",
            "nl",
            "Er heet al een ander thema “verkeerde FACTUUR”",
            id="taken-nl-case-spaces",
        ),
        pytest.param("   ", "en", "A name cannot be empty", id="empty-en"),
        pytest.param("", "nl", "Een naam mag niet leeg zijn", id="empty-nl"),
    ],
)
def test_a_rename_the_workspace_refuses_is_refused_before_the_confirmation(
    themed_workspace, typed, lang, error
):
    at = _rename_on_theme_page(open_page("theme", lang=lang, query={"theme": "1"}), typed)
    assert not at.exception, at.exception
    assert any(error in e.replace("\\", "") for e in texts(at, "error")), texts(at, "error")
    assert not texts(at, "warning")  # no confirmation asked
    assert edits(themed_workspace) == []


def test_a_rename_stores_the_name_without_its_surrounding_spaces(themed_workspace):
    at = _rename_on_theme_page(open_page("theme", query={"theme": "1"}), "  Pakket kwijt  ")
    assert "“Pakket kwijt”?" in texts(at, "warning")[0]
    at.button(key="confirm_edit").click().run()
    assert at.title[0].value == "Pakket kwijt"
    with Workspace.open(themed_workspace) as ws:
        assert ws.scalar("SELECT manager_name FROM themes WHERE theme_id = 1") == "Pakket kwijt"


def test_moving_a_theme_to_the_main_theme_it_is_in_is_refused(tree_workspace):
    at = open_page("themes", lang="nl")
    widget(at.selectbox, "top_move_theme").set_value(1)
    widget(at.selectbox, "top_move_to").set_value(10)  # theme 1 is under top theme 10
    [b for b in at.button if b.label == "Verplaatsen"][0].click().run()
    assert not at.exception, at.exception
    assert any("staat al onder dit hoofdthema" in e for e in texts(at, "error"))
    assert not texts(at, "warning") and edits(tree_workspace) == []


def test_renaming_a_main_theme_to_another_main_themes_name_is_refused(tree_workspace):
    at = open_page("themes")
    widget(at.selectbox, "top_rename_pick").set_value(20)
    widget(at.text_input, "top_name").set_value("delivery and billing")
    [b for b in at.button if b.label == "Rename"][0].click().run()
    assert any("Another main theme is already called" in e for e in texts(at, "error"))
    assert not texts(at, "warning") and edits(tree_workspace) == []


def test_split_in_two_makes_two_parts(themed_workspace):
    at = open_page("theme", query={"theme": "1"})
    at.button(key="split_1").click().run()
    assert "into two themes" in texts(at, "warning")[0]
    at.button(key="confirm_edit").click().run()
    assert not at.exception, at.exception
    ((kind, payload),) = edits(themed_workspace)
    assert kind == "split" and len(json.loads(payload)["args"]["new_ids"]) == 2
