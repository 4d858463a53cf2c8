"""The planted truth of sample_data/: themes recovered, spike flagged, late theme new."""

import tomllib

import pandas as pd
import pytest

from tests.analysis.conftest import REPO

SAMPLE = REPO / "sample_data"
pytestmark = pytest.mark.skipif(
    not (SAMPLE / "truth.csv.gz").exists(), reason="sample_data/truth.csv.gz not generated yet"
)


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):

    from analysis.embedders import get_embedder
    from workspace import themes
    from workspace.db import Workspace
    from workspace.imports import import_files

    path = tmp_path_factory.mktemp("sample") / "ws.duckdb"
    ws = Workspace(path)
    import_files(ws, [SAMPLE])
    themes.refresh_themes(ws, get_embedder("use"))
    truth = pd.read_csv(SAMPLE / "truth.csv.gz")
    planted = tomllib.loads((SAMPLE / "planted.toml").read_text(encoding="utf-8"))
    yield ws, truth, planted
    ws.close()


def _majority_theme(ws, truth, planted_theme):
    assignments = ws.query_df("SELECT item_id, theme_id FROM assignments")
    merged = truth.merge(assignments, on="item_id")
    return int(merged[merged["theme"] == planted_theme]["theme_id"].mode()[0]), merged


def test_planted_themes_recovered(refreshed):
    from sklearn.metrics import normalized_mutual_info_score

    ws, truth, planted = refreshed
    _, merged = _majority_theme(ws, truth, planted["themes"][0])
    labels = merged["theme_id"].fillna(-1).astype(int)
    assert normalized_mutual_info_score(merged["theme"], labels) >= 0.9
    assert (labels < 0).mean() <= 0.05
    # Dutch and English items of one subject share a theme.
    late = merged[merged["theme"] == "late_delivery"]
    assert (
        late[late["language"] == "nl"]["theme_id"].mode()[0]
        == late[late["language"] == "en"]["theme_id"].mode()[0]
    )


def test_planted_spike_flagged(refreshed):
    from workspace import trends as workspace_trends

    ws, truth, planted = refreshed
    spike = planted["spike"]
    theme_id, _ = _majority_theme(ws, truth, spike["theme"])
    trends = workspace_trends.theme_trends(ws, spike["week"])
    flagged = set(zip(trends.spikes["theme_id"].astype(int), trends.spikes["channel"], strict=True))
    assert (theme_id, spike["channel"]) in flagged


def test_late_theme_reported_new(refreshed):
    from workspace import trends

    ws, truth, planted = refreshed
    late = planted["late_theme"]
    theme_id, _ = _majority_theme(ws, truth, late["theme"])
    assert theme_id in trends.theme_trends(ws, late["first_week"]).new
    assert theme_id not in trends.theme_trends(ws, "2026-W43").new
