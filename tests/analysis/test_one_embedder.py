"""One embedder per workspace: one function decides, and every operation checks the space."""

import pytest

from analysis.embedders import get_embedder
from ingest.errors import AnalysisError, WorkspaceError
from tests.analysis.conftest import make_records, synthetic_texts
from workspace import placement, theme_edits
from workspace.imports import import_records
from workspace.refresh import refresh_themes
from workspace.vectors import workspace_embedder_name


@pytest.mark.parametrize("name", ["auto", None, ""], ids=["auto", "none", "empty"])
def test_get_embedder_leaves_auto_to_the_workspace(name):
    with pytest.raises(AnalysisError, match="concrete embedder name"):
        get_embedder(name)


def test_auto_is_resolved_once_from_the_language_mix_and_stored(workspace):
    assert workspace_embedder_name(workspace) == "use"  # no items yet: nothing stored
    assert workspace.get_setting("embedder") is None
    import_records(workspace, make_records(synthetic_texts(4)), file_name="english")
    assert workspace_embedder_name(workspace) == "minilm"
    assert workspace.get_setting("embedder") == "minilm"
    dutch = [r.replace(language="nl") for r in make_records(synthetic_texts(8), start=500)]
    import_records(workspace, dutch, file_name="dutch")
    assert workspace_embedder_name(workspace) == "minilm"  # a later mix does not flip it


@pytest.mark.parametrize(
    "operation",
    [
        pytest.param(lambda ws, item, theme: placement.assign_new_items(ws), id="placement"),
        pytest.param(
            lambda ws, item, theme: theme_edits.create_theme(ws, [item], "Nieuw"), id="create"
        ),
        pytest.param(lambda ws, item, theme: theme_edits.split_theme(ws, theme), id="split"),
        pytest.param(lambda ws, item, theme: refresh_themes(ws), id="refresh-keeping-themes"),
    ],
)
def test_operations_refuse_themes_built_by_another_embedder(workspace, operation):
    workspace.set_setting("embedder", "tfidf")
    import_records(workspace, make_records(synthetic_texts(20)), file_name="first")
    refresh_themes(workspace)
    theme = int(workspace.scalar("SELECT min(theme_id) FROM themes WHERE status = 'active'"))
    item = str(workspace.scalar("SELECT min(item_id) FROM assignments"))
    import_records(workspace, make_records(synthetic_texts(2), start=900), file_name="more")
    workspace.set_setting("embedder", "fake")
    with pytest.raises(WorkspaceError, match="built with the embedder tfidf"):
        operation(workspace, item, theme)


def test_a_recluster_moves_the_themes_to_the_new_embedder(workspace):
    workspace.set_setting("embedder", "tfidf")
    import_records(workspace, make_records(synthetic_texts(20)), file_name="first")
    refresh_themes(workspace)
    workspace.set_setting("embedder", "fake")
    report = refresh_themes(workspace, keep_if_as_good=False)
    assert report.model_id == get_embedder("fake").model_id
    spaces = workspace.query_df(
        "SELECT DISTINCT model_id FROM themes WHERE status IN ('active', 'proposed')"
    )["model_id"].tolist()
    assert spaces == [report.model_id]
