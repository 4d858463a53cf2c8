"""What a manager reads on the Overview, Themes, theme page, Trends, Unsorted and Upload
views, with AppTest on a workspace of twelve themes over two weeks (and one quiet theme):
every theme that moved is on the Overview, "this week" is this week's count, a theme's chart
runs to the workspace's latest week, small rows of the heatmap keep their colour."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from analysis.embedders import TfidfEmbedder, l2_normalize
from dashboard.i18n import t
from tests.conftest import make_record
from tests.dashboard.conftest import chart_spec
from tests.dashboard.test_pages import open_page, texts
from tests.dashboard.test_upload_report import ARROW_WARNING, upload
from tests.workspace.test_intake_report import TRUSTPILOT
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.theme_store import save_themes

THIS_MONDAY = datetime(2026, 8, 24, 9, 0, tzinfo=UTC)
LAST_MONDAY = THIS_MONDAY - timedelta(weeks=1)
# (label, items this week, items last week): ten ordinary themes, then one that fell from 15
# to 8 (among the week's biggest drops, yet not among the 8 largest), one even at 15.
WEEKS = [(f"onderwerp {i}", 20 - i, 20 - i) for i in range(9)] + [
    ("omhoog gegaan", 8, 15),
    ("even druk", 15, 15),
]
QUIET = "presque parfaite"
QUIET_ID = len(WEEKS)  # theme ids are 0..10 for WEEKS, 11 for the quiet one
ARABIC = ["بدون", "هذا"]


@pytest.fixture
def weeks_workspace(tmp_path, monkeypatch):
    path = tmp_path / "weeks.duckdb"
    texts_, theme_of, dates = [], [], []
    for theme, (label, now, before) in enumerate(WEEKS):
        for n, day in enumerate([THIS_MONDAY] * now + [LAST_MONDAY] * before):
            texts_.append(f"{label} bericht {n}")
            theme_of.append(theme)
            dates.append(day + timedelta(hours=n % 8))
    # quiet since July, and once a year before: outside the last 26 weeks
    for n, day in enumerate(
        [datetime(2026, 7, 6, 9, tzinfo=UTC)] * 2 + [datetime(2025, 9, 15, 9, tzinfo=UTC)]
    ):
        texts_.append(f"{QUIET} bericht {n}")
        theme_of.append(QUIET_ID)
        dates.append(day)
    records = [
        make_record(n, channel=("email", "review")[n % 2], text=text, received_at=day)
        for n, (text, day) in enumerate(zip(texts_, dates, strict=True))
    ]
    embedder = TfidfEmbedder()
    labels = [label for label, _, _ in WEEKS] + [QUIET]
    with Workspace.open(path) as ws:
        ws.set_setting("embedder", "tfidf")
        import_records(ws, records, file_name="weeks.csv")
        rows = ws.query_df("SELECT id, text FROM items ORDER BY source_row")
        vectors = l2_normalize(embedder.embed(rows["text"].tolist()))
        of = np.array(theme_of)
        save_themes(
            ws,
            pd.DataFrame(
                {
                    "theme_id": list(range(len(labels))),
                    "label": labels,
                    "label_en": labels,
                    "label_nl": labels,
                    "keywords": [
                        json.dumps(ARABIC if i == QUIET_ID else [label])
                        for i, label in enumerate(labels)
                    ],
                    "centroid": [
                        l2_normalize(vectors[of == i].mean(axis=0, keepdims=True))[0].tolist()
                        for i in range(len(labels))
                    ],
                    "model_id": embedder.model_id,
                }
            ),
            assigned=pd.DataFrame(
                {
                    "item_id": rows["id"],
                    "theme_id": pd.array(theme_of, "Int64"),
                    "similarity": 0.9,
                    "method": "fixture",
                }
            ),
        )
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)
    return path


def chart(at, key: str) -> dict:
    return chart_spec(next(c for c in at.get("plotly_chart") if c.key == key))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_overview_theme_bars_keep_the_big_movers_and_say_what_they_show(weeks_workspace, lang):
    at = open_page("overview", lang=lang)
    assert not at.exception, at.exception
    bars = chart(at, "overview_themes")["data"][0]
    shown = [str(y) for y in bars["y"]]
    assert "omhoog gegaan" in shown  # 8 against 15: left out by the 8-largest cut before
    assert len(shown) == 9
    caption = t("overview.themes_shown", lang).format(shown="9", total="12", largest="8")
    assert caption in texts(at, "caption")


@pytest.mark.parametrize(("lang", "even"), [("nl", "15 (±0)"), ("en", "15 (±0)")])
def test_themes_table_this_week_is_the_count_with_its_change(weeks_workspace, lang, even):
    """ "amazing" had 9 items this week and 9 last week and the column "This week" read 0."""
    at = open_page("themes", lang=lang)
    assert not at.exception, at.exception
    grid = at.dataframe[0].value.set_index("label")
    assert grid.loc["even druk", "week_text"].startswith(even)  # with its flag after it
    assert grid.loc["omhoog gegaan", "week_text"].startswith("8 (\u22127)")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_quiet_theme_chart_runs_to_the_latest_week(weeks_workspace, lang):
    at = open_page("theme", lang=lang, query={"theme": str(QUIET_ID)})
    assert not at.exception, at.exception
    axis = chart(at, "theme_weekly")["layout"]["xaxis"]
    assert pd.Timestamp(axis["range"][1]) >= pd.Timestamp(THIS_MONDAY.date())  # not July
    # "Weeks with feedback" counts 3 weeks, the 26-week chart shows 2: the page says so
    captions = [c.replace("\\", "") for c in texts(at, "caption")]
    left_out = t("theme.weeks_left_out.one", lang).split("{day}")[0].format(n=1)
    assert any(c.startswith(left_out) for c in captions), captions
    # two Arabic keywords keep their order around the comma
    assert any("\u2068بدون\u2069, \u2068هذا\u2069" in c for c in captions), captions


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_trends_heatmap_colours_every_row_by_its_own_peak(weeks_workspace, lang):
    at = open_page("trends", lang=lang)
    assert not at.exception, at.exception
    heat = chart(at, "trends_heatmap")["data"][0]
    peaks = [np.nanmax(np.array(row, dtype=float)) for row in heat["z"]]
    assert peaks == pytest.approx([1.0] * len(peaks))  # the smallest row reaches full colour
    assert t("trends.heat_caption", lang) in texts(at, "caption")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_unsorted_no_suggestion_names_no_internal_threshold(lang):
    text = t("unsorted.no_suggestion", lang)
    assert "{threshold}" not in text and "0," not in text and "0." not in text


@pytest.mark.filterwarnings(ARROW_WARNING)
@pytest.mark.parametrize(("lang", "one"), [("nl", "1 bestand importeren"), ("en", "Import 1 file")])
def test_upload_button_counts_files_in_words(weeks_workspace, lang, one):
    at = open_page("upload", lang=lang)
    at.file_uploader[0].set_value([("reviews.csv", TRUSTPILOT.encode(), "text/csv")]).run()
    assert at.button(key="upload_start").label == one
    upload(at, [("reviews.csv", TRUSTPILOT.encode(), "text/csv")])


def test_english_says_main_theme_as_the_summary_and_exports_do():
    """The dashboard said "Top theme(s)" where the weekly summary and the exports say "Main
    theme(s)" (Dutch: "Hoofdthema" everywhere)."""
    from dashboard.i18n import STRINGS

    said = {key: s["en"] for key, s in STRINGS.items() if "top theme" in s["en"].lower()}
    assert said == {}
    assert t("level.tops", "en") == "Main themes"


def test_keywords_are_isolated_one_by_one():
    from dashboard.plain_text import keyword_list

    assert keyword_list(["بدون", "هذا"]) == "\u2068بدون\u2069, \u2068هذا\u2069"
    assert keyword_list(["late", "parcel"]) == "late, parcel"  # left-to-right: unchanged
