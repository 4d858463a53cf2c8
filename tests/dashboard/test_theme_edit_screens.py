"""The manager's theme edits as the screens say them (AppTest on the real views, real DuckDB
files): what a confirmation promises is what the edit does."""

from __future__ import annotations

from tests.dashboard.test_pages import _without_themes, open_page
from workspace import theme_edits
from workspace.db import Workspace


def test_a_refresh_that_regroups_says_earlier_edits_can_no_longer_be_undone(themed_workspace):
    with Workspace.open(themed_workspace) as ws:
        theme_edits.rename_theme(ws, 1, "Bezorging")
    _without_themes(themed_workspace)  # the next refresh builds new themes
    at = open_page("themes")
    at.button(key="themes_refresh").click().run()
    assert not at.exception, at.exception
    message = at.success[0].value
    assert message.startswith("Themes refreshed")
    assert "Edits made before this refresh can no longer be undone" in message
    # The undo button agrees: nothing left to undo.
    at = open_page("theme", query={"theme": str(int(all_ids(themed_workspace)[0]))})
    assert at.button(key=f"undo_{all_ids(themed_workspace)[0]}").disabled


def all_ids(path) -> list[int]:
    with Workspace.open(path) as ws:
        frame = ws.query_df(
            "SELECT theme_id FROM themes WHERE status = 'active' ORDER BY size DESC, theme_id"
        )
    return [int(t) for t in frame["theme_id"]]
