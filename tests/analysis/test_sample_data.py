"""The planted truth of sample_data/: themes recovered, spike flagged, late theme new."""

import json
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
    from workspace import refresh
    from workspace.db import Workspace
    from workspace.imports import import_files

    path = tmp_path_factory.mktemp("sample") / "ws.duckdb"
    ws = Workspace(path)
    import_files(ws, [SAMPLE])
    refresh.refresh_themes(ws, get_embedder("use"))
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
    from workspace.trends import theme_trends

    ws, truth, planted = refreshed
    spike = planted["spike"]
    theme_id, _ = _majority_theme(ws, truth, spike["theme"])
    trends = theme_trends(ws, spike["week"])
    flagged = set(zip(trends.spikes["theme_id"].astype(int), trends.spikes["channel"], strict=True))
    assert (theme_id, spike["channel"]) in flagged


def test_late_theme_reported_new(refreshed):
    from workspace.trends import theme_trends

    ws, truth, planted = refreshed
    late = planted["late_theme"]
    theme_id, _ = _majority_theme(ws, truth, late["theme"])
    assert theme_id in theme_trends(ws, late["first_week"]).new
    assert theme_id not in theme_trends(ws, "2026-W43").new


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("bezorging te laat", id="dutch-short"),
        pytest.param("late delivery", id="english"),
        pytest.param("levering duurt te lang", id="dutch-paraphrase"),
    ],
)
def test_search_by_meaning_finds_the_late_deliveries(refreshed, query):
    from workspace.search import find_items

    ws, truth, _ = refreshed
    found = find_items(ws, query, "meaning", limit=10)
    planted = truth.set_index("item_id")["theme"].reindex(found["id"])
    assert len(found) == 10
    assert (planted == "late_delivery").sum() >= 7, list(planted)


def _sample_generator():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("sample_generate", SAMPLE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_cli_import_places_new_rows_on_known_subjects_without_a_refresh(refreshed, tmp_path):
    import csv
    import random
    import shutil

    from typer.testing import CliRunner

    from klantstem_cli import app

    ws, truth, _ = refreshed
    with ws.cursor() as cur:
        cur.execute("CHECKPOINT")
    copy = tmp_path / "copy.duckdb"
    shutil.copy(ws.path, copy)  # the module's workspace stays as the other tests expect
    generate = _sample_generator()
    rng = random.Random(2027)  # not the generator's seed: new texts on the planted subjects
    subjects = ["late_delivery", "wrong_invoice", "app_crash_login", "refund_process", "price"]
    rows = [
        (n, subject, lang, generate.compose(rng, subject, lang, False, "Sanne", "Visser"))
        for n, (subject, lang) in enumerate(
            (s, lang) for s in subjects for lang in ("nl", "en") for _ in range(4)
        )
    ]
    source = tmp_path / "nieuwe_week.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "text", "channel"])
        writer.writerows([n, "2026-11-24 10:00", text, "email"] for n, _, _, text in rows)
    result = CliRunner().invoke(app, ["import", str(source), "--workspace", str(copy), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    (file,) = report["files"]
    assert file["added"] == len(rows) == file["text_items"] and file["without_text"] == 0
    assert file["placed"] + file["unsorted"] == file["text_items"]
    assert file["placed"] >= 0.8 * len(rows), file
    # Placed where the planted subject lives: the theme most of its sample items are in.
    from workspace.db import Workspace

    with Workspace.open(copy) as opened:
        placed = (
            opened.query_df(
                "SELECT a.theme_id FROM items i JOIN assignments a ON a.item_id = i.id "
                "WHERE i.source_file = 'nieuwe_week.csv' ORDER BY i.source_row"
            )["theme_id"]
            .fillna(-1)
            .astype(int)
        )
    homes = {s: _majority_theme(ws, truth, s)[0] for s in subjects}
    assert len(placed) == len(rows)
    right = sum(
        homes[subject] == theme for (_, subject, _, _), theme in zip(rows, placed, strict=True)
    )
    assert right >= 0.8 * len(rows), (right, len(rows))
    text = CliRunner().invoke(app, ["import", str(source), "--workspace", str(copy)])
    assert "nieuwe_week.csv · " in text.stdout and ": 0 added" in text.stdout


def test_a_new_subject_uploaded_into_the_sample_data_becomes_a_proposal(refreshed, tmp_path):
    """Forty Dutch "pakket kwijt bij PostNL" reviews: the sample data knows late deliveries
    and refunds, not lost parcels. They must surface as one proposed theme, not be swallowed
    by the late-delivery theme."""
    from analysis.subject_text import subject_text
    from tests.analysis.feedback_sets import LOST_PARCEL_NL

    rows = _upload_reviews(
        refreshed,
        tmp_path / "reviews_postnl.csv",
        [[f"{20 + n % 5}-11-2026", 1 + n % 2, text] for n, text in enumerate(LOST_PARCEL_NL)],
        ["Datum", "Beoordeling", "Review"],
    )
    assert len(rows) == len(LOST_PARCEL_NL)
    proposed = rows[rows["status"] == "proposed"]
    assert not proposed.empty, rows["label"].value_counts()
    biggest = proposed["theme_id"].mode()[0]
    members = proposed[proposed["theme_id"] == biggest]
    assert len(members) >= 0.8 * len(LOST_PARCEL_NL)
    label = members["label"].iloc[0].casefold()
    assert any(word in label for word in ("pakket", "postnl", "kwijt", "zoek")), label
    assert any(label in subject_text(t).casefold() for t in LOST_PARCEL_NL)


def test_short_reviews_join_their_subjects_and_propose_nothing(refreshed, tmp_path):
    """Short texts lie far from their theme's centre (which longer texts make) and are alike
    whatever they say: they must neither stay unsorted nor become one "new subject" of
    unrelated items. Texts about nothing the shop knows stay unsorted."""
    from tests.analysis.feedback_sets import SHORT_REVIEWS

    ws, truth, _ = refreshed
    rows = [(subject, text) for subject, texts in SHORT_REVIEWS.items() for text in texts]
    placed = _upload_reviews(
        refreshed,
        tmp_path / "korte_reviews.csv",
        [[f"2{n % 7}-11-2026", text] for n, (_, text) in enumerate(rows)],
        ["Datum", "Review"],
    )
    assert len(placed) == len(rows)
    assert not (placed["status"] == "proposed").any(), placed
    themes = placed["theme_id"].fillna(-1).astype(int).tolist()
    homes = {s: _majority_theme(ws, truth, s)[0] for s in SHORT_REVIEWS if s}
    known = [(s, theme) for (s, _), theme in zip(rows, themes, strict=True) if s]
    right = sum(theme == homes[s] for s, theme in known)
    wrong = sum(theme >= 0 and theme != homes[s] for s, theme in known)
    assert right >= 0.7 * len(known) and wrong <= 1, (right, wrong, len(known))
    strangers = [theme for (s, _), theme in zip(rows, themes, strict=True) if not s]
    assert strangers == [-1] * len(SHORT_REVIEWS[""])


PRAISE = {
    "late_delivery": [
        "Snelle levering, de volgende dag al in huis. Top!",
        "Delivery was super fast, the parcel arrived the next day.",
    ],
    "app_crash_login": [
        "De app werkt soepel sinds de update, heel tevreden.",
        "The app works great and it never crashes.",
    ],
}


def test_praise_stays_out_of_the_complaint_themes_of_its_subject(refreshed, tmp_path):
    """Five-star praise of fast delivery and of the app lies next to the complaints about
    late deliveries and crashes: neither placement nor the refresh after it may count it
    there (analysis/polarity.py)."""
    from workspace.db import Workspace
    from workspace.placement import placement_suggestions
    from workspace.refresh import refresh_themes

    ws, truth, _ = refreshed
    rows = [(subject, text) for subject, texts in PRAISE.items() for text in texts]
    source = tmp_path / "lof.csv"
    placed = _upload_reviews(
        refreshed,
        source,
        [["28-11-2026", 5, text] for _, text in rows],
        ["Datum", "Sterren", "Review"],
    )
    homes = [_majority_theme(ws, truth, subject)[0] for subject, _ in rows]
    assert len(placed) == len(rows)
    themes = placed["theme_id"].fillna(-1).astype(int).tolist()
    assert all(theme != home for theme, home in zip(themes, homes, strict=True)), themes
    with Workspace.open(source.with_suffix(".duckdb")) as opened:
        # The Unsorted inbox suggests by the same rule.
        ids = opened.query_df(
            "SELECT id FROM items WHERE source_file LIKE '%lof.csv' ORDER BY source_row"
        )["id"].tolist()
        suggested = placement_suggestions(opened, ids)
        assert all(suggested.get(i) != home for i, home in zip(ids, homes, strict=True))
        refresh_themes(opened)
        after = opened.query_df(
            "SELECT coalesce(a.theme_id, -1) AS theme_id FROM items i "
            "JOIN assignments a ON a.item_id = i.id WHERE i.source_file LIKE '%lof.csv' "
            "ORDER BY i.source_row"
        )["theme_id"].tolist()
    assert all(theme != home for theme, home in zip(after, homes, strict=True)), after


def _upload_reviews(refreshed, source, rows, header):
    """Write ``rows`` as a Dutch ``;`` CSV, import it into a copy of the module's workspace
    (which stays as the other tests expect) and return each row's theme, in file order:
    ``theme_id``, ``status``, ``label``, ``label_nl``."""
    import csv
    import shutil

    from workspace.db import Workspace
    from workspace.intake import import_and_place

    ws, _, _ = refreshed
    with ws.cursor() as cur:
        cur.execute("CHECKPOINT")
    copy = source.with_suffix(".duckdb")
    shutil.copy(ws.path, copy)
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    with Workspace.open(copy) as opened:
        import_and_place(opened, [source])
        return opened.query_df(
            "SELECT a.theme_id, t.status, t.label, t.label_nl FROM items i "
            "JOIN assignments a ON a.item_id = i.id LEFT JOIN themes t USING (theme_id) "
            "WHERE i.source_file LIKE ? ORDER BY i.source_row",
            [f"%{source.name}"],
        )
