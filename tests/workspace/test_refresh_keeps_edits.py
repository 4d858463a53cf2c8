"""A refresh keeps the manager's merges and puts their names only on their own items, also
when it takes a new clustering (real DuckDB files, the weightless TF-IDF embedder)."""

from collections import Counter

import pytest

from analysis.embedders import TfidfEmbedder
from tests.analysis.conftest import make_records, synthetic_texts
from workspace import refresh, theme_edits
from workspace.db import Workspace
from workspace.imports import import_records

EMBEDDER = TfidfEmbedder()
PAIRS = synthetic_texts(30)


@pytest.fixture
def workspace(workspace_path):
    with Workspace.open(workspace_path) as ws:
        ws.set_setting("embedder", "tfidf")
        import_records(ws, make_records(PAIRS), file_name="batch0")
        refresh.refresh_themes(ws, EMBEDDER)
        yield ws


def _theme_of_subject(ws) -> dict[str, Counter]:
    """Planted subject -> how many of its items each theme (by shown name) holds."""
    ids = [r.id for r in make_records(PAIRS)]
    frame = ws.query_df(
        "SELECT a.item_id, coalesce(nullif(t.manager_name, ''), t.label) AS name "
        "FROM assignments a JOIN themes t ON t.theme_id = a.theme_id"
    )
    names = dict(zip(frame["item_id"], frame["name"], strict=True))
    out: dict[str, Counter] = {}
    for (subject, _), item in zip(PAIRS, ids, strict=True):
        out.setdefault(subject, Counter())[names.get(item)] += 1
    return out


def _theme_holding(ws, subject: str) -> int:
    ids = [
        r.id
        for s, r in zip((p[0] for p in PAIRS), make_records(PAIRS), strict=True)
        if s == subject
    ]
    frame = ws.query_df(
        "SELECT theme_id FROM assignments WHERE item_id IN (SELECT unnest(?))", [ids]
    )
    return int(frame["theme_id"].mode().iloc[0])


@pytest.mark.parametrize("recluster", [False, True], ids=["refresh", "recluster"])
def test_a_merge_and_a_name_stay_with_their_items(workspace, recluster):
    delivery, invoice = _theme_holding(workspace, "delivery"), _theme_holding(workspace, "invoice")
    staff = _theme_holding(workspace, "staff")
    theme_edits.rename_theme(workspace, staff, "Personeel")
    theme_edits.merge_themes(workspace, [invoice], delivery)
    theme_edits.rename_theme(workspace, delivery, "Bezorging en facturen")
    report = refresh.refresh_themes(workspace, EMBEDDER, keep_if_as_good=not recluster)
    if not recluster:  # the merged subjects apart fit "better", but the manager merged them
        assert report.kept_previous
    held = _theme_of_subject(workspace)
    assert held["delivery"] == Counter({"Bezorging en facturen": 30})
    assert held["invoice"] == Counter({"Bezorging en facturen": 30})
    assert held["staff"] == Counter({"Personeel": 30})
    for subject in ("app", "refund"):  # no manager's name on another subject
        assert not {"Personeel", "Bezorging en facturen"} & set(held[subject])
    # Ids stay: the merged theme is gone, the target and the renamed theme are kept.
    listed = set(
        workspace.query_df("SELECT theme_id FROM themes WHERE status = 'active'")["theme_id"]
    )
    assert invoice not in listed and {delivery, staff} <= listed
