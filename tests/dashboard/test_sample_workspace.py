"""Every page works on the sample exports (the demo data), in both languages.

The demo uses the default multilingual embedder; this test builds themes with the weightless
TF-IDF embedder so it runs in seconds, and checks pages against what was planted.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT
from tests.dashboard.test_pages import PAGES, all_theme_rows, page_script
from workspace.db import Workspace
from workspace.imports import export_files, import_files

SAMPLE = REPO_ROOT / "sample_data"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:Arrow output on a DB-API result:UserWarning"),
]


@pytest.fixture(scope="module")
def sample_workspace(tmp_path_factory):
    from analysis.embedders import get_embedder
    from workspace.refresh import refresh_themes

    files, _ = export_files([SAMPLE])
    if not files:
        pytest.skip("sample_data/ has no exports yet")
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with Workspace.open(path) as ws:
        report = import_files(ws, files)
        ws.set_setting("embedder", "tfidf")
        refresh_themes(ws, embedder=get_embedder("tfidf"))
    return path, report


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_page_on_the_sample_data(sample_workspace, monkeypatch, lang):
    path, report = sample_workspace
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    for page in PAGES:
        at = AppTest.from_function(page_script, args=(page,), default_timeout=120)
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception, (page, at.exception)
        assert at.title, page
    at = AppTest.from_function(page_script, args=("overview",), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    items = {m.label: m.value for m in at.metric}[
        "Feedback items" if lang == "en" else "Feedbackberichten"
    ]
    with Workspace.open(path) as ws:
        stored = ws.scalar("SELECT count(*) FROM items WHERE direction = 'inbound'")
    assert items == (f"{stored:,}" if lang == "en" else f"{stored:,}".replace(",", "."))
    assert stored > 2000


def test_split_then_undo_on_engine_themes(sample_workspace, monkeypatch):
    """Runs last in this module: it edits the shared sample workspace (and undoes it)."""
    path, _ = sample_workspace
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    at = AppTest.from_function(page_script, args=("themes",), default_timeout=120).run()
    before = all_theme_rows(at)  # one table per top theme
    at = AppTest.from_function(page_script, args=("theme",), default_timeout=120).run()
    largest = int(at.selectbox[0].value)  # without ?theme= the page opens the largest theme
    at.button(key=f"split_{largest}").click().run()
    assert "Split" in at.warning[0].value
    at.button(key="confirm_edit").click().run()
    assert not at.exception and not at.error, at.error
    after = AppTest.from_function(page_script, args=("themes",), default_timeout=120).run()
    labels_after = all_theme_rows(after)
    assert len(labels_after) >= len(before) + 1  # one theme became two or more
    with Workspace.open(path) as ws:
        assert ws.scalar("SELECT status FROM themes WHERE theme_id = ?", [largest]) == "split"
    at = AppTest.from_function(page_script, args=("theme",), default_timeout=120).run()
    at.button(key=f"undo_{int(at.selectbox[0].value)}").click().run()
    at.button(key="confirm_edit").click().run()
    restored = AppTest.from_function(page_script, args=("themes",), default_timeout=120).run()
    assert len(all_theme_rows(restored)) == len(before)
