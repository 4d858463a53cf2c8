"""What a manager reads on the Trends page when a channel starts late and another is quiet for
weeks: no spike from the weeks before a channel existed, and "Weken" counts a channel's weeks
from its first item through the latest week, quiet weeks included."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from analysis.embedders import TfidfEmbedder, l2_normalize
from dashboard.i18n import t
from tests.conftest import make_record
from tests.dashboard.conftest import chart_spec
from tests.dashboard.test_pages import open_page
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.queries import Filters
from workspace.theme_store import save_themes
from workspace.trends import spike_markers

FIRST_MONDAY = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)  # 2026-W23
WEEKS = 18  # W23 .. W40
LATE = 14  # app reviews start in W37
LABELS = ["late parcels", "app crashes"]


def _rows() -> list[tuple[int, str, int]]:
    """(week index, channel, theme) per item."""
    rows = []
    for week in range(WEEKS):
        rows += [(week, "email", theme) for theme in (0, 1) for _ in range(6)]
        if week >= LATE:
            rows += [(week, "app_review", 0)] * 15 + [(week, "app_review", 1)] * 2
    rows += [(0, "review", 0), (7, "review", 1)]  # two reviews, weeks apart
    return rows


def _themed_workspace(path, rows: list[tuple[datetime, str, int]]) -> None:
    """A workspace of ``rows`` (when, channel, theme index in :data:`LABELS`), sorted."""
    records = [
        make_record(n, channel=channel, text=f"{LABELS[theme]} message {n}", received_at=when)
        for n, (when, channel, theme) in enumerate(rows)
    ]
    embedder = TfidfEmbedder()
    with Workspace.open(path) as ws:
        ws.set_setting("embedder", "tfidf")
        import_records(ws, records, file_name="late.csv")
        stored = ws.query_df("SELECT id, text FROM items ORDER BY source_row")
        vectors = l2_normalize(embedder.embed(stored["text"].tolist()))
        of = np.array([theme for _, _, theme in rows])
        save_themes(
            ws,
            pd.DataFrame(
                {
                    "theme_id": [0, 1],
                    "label": LABELS,
                    "label_en": LABELS,
                    "label_nl": LABELS,
                    "keywords": [json.dumps([label]) for label in LABELS],
                    "centroid": [
                        l2_normalize(vectors[of == i].mean(axis=0, keepdims=True))[0].tolist()
                        for i in (0, 1)
                    ],
                    "model_id": embedder.model_id,
                }
            ),
            assigned=pd.DataFrame(
                {
                    "item_id": stored["id"],
                    "theme_id": pd.array(of, "Int64"),
                    "similarity": 0.9,
                    "method": "fixture",
                }
            ),
        )


@pytest.fixture
def late_channel_workspace(tmp_path, monkeypatch):
    path = tmp_path / "late.duckdb"
    _themed_workspace(
        path,
        [
            (FIRST_MONDAY + timedelta(weeks=week, hours=n % 50), channel, theme)
            for n, (week, channel, theme) in enumerate(_rows())
        ],
    )
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)
    return path


def _chart(at, key: str) -> dict:
    return chart_spec(next(c for c in at.get("plotly_chart") if c.key == key))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_late_channel_has_no_spike_from_the_weeks_before_it(late_channel_workspace, lang):
    """Before: the first four weeks of app reviews each had a marker "Piek: late parcels in
    App-reviews: 15 berichten tegen een gewone week van 0" (its eight weeks before were
    counted as 0 from the theme's first e-mail on), and later "… tegen een gewone week van
    7,5"."""
    at = open_page("trends", lang=lang)
    assert not at.exception, at.exception
    weekly = _chart(at, "trends_weekly")["data"]
    assert [tr["name"] for tr in weekly if tr["type"] == "scatter"] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_weeks_count_from_the_channels_first_item_through_the_latest_week(
    late_channel_workspace, lang
):
    """Before: "Weken" counted weeks with items: 2 for the reviews (W23 and W30) beside 18
    for e-mail over the same eighteen weeks."""
    at = open_page("trends", lang=lang)
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    weeks = dict(zip(table["channel"], table["weeks"], strict=True))
    names = {c: t(f"channel.{c}", lang) for c in ("email", "app_review", "review")}
    assert weeks == {names["email"]: "18", names["app_review"]: "4", names["review"]: "18"}
    items = dict(zip(table["channel"], table["items"], strict=True))
    assert items[names["app_review"]] == "68" and items[names["review"]] == "2"
    config = at.dataframe[0].proto.columns
    assert t("trends.weeks_help", lang) in config
    assert t("trends.unsorted_help", lang) in config


def _dated_workspace(path, days: list[datetime]) -> None:
    with Workspace.open(path) as ws:
        ws.set_setting("embedder", "tfidf")
        records = [
            make_record(n, text=f"message {n}", received_at=day) for n, day in enumerate(days)
        ]
        import_records(ws, records, file_name="dated.csv")


def _every_day(monday: datetime, weeks: int) -> list[datetime]:
    return [monday + timedelta(weeks=w, days=d) for w in range(weeks) for d in range(7)]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "Week 39 van 2016 t/m 30 sep, onvolledig"),
        ("en", "Week 39 of 2016 through 30 Sep, incomplete"),
    ],
)
def test_an_old_export_cut_on_a_friday_is_incomplete_not_running(tmp_path, monkeypatch, lang, said):
    """The Google Play sample ends on Friday 30 September 2016, after weeks with feedback on
    every day: its last week is counted over the same days as the weeks before, and the
    legend said "Week 39 van 2016 t/m 30 sep, nog niet om" in 2026."""
    path = tmp_path / "old.duckdb"
    monday = datetime(2016, 8, 29, 12, tzinfo=UTC)  # 2016-W35
    _dated_workspace(path, _every_day(monday, 4) + [monday + timedelta(weeks=4, days=4)])
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    at = open_page("trends", lang=lang)
    assert not at.exception, at.exception
    names = [tr.get("name") for tr in _chart(at, "trends_weekly")["data"]]
    assert said in names, names


def test_a_week_still_running_is_said_to_be_not_over(tmp_path, monkeypatch):
    """This week's Monday, after three weeks with feedback on every day: not over yet."""
    now = datetime.now(UTC)
    monday = (now - timedelta(days=now.weekday())).replace(hour=0, minute=30)
    if monday > now:  # the first half hour of a Monday (UTC)
        monday -= timedelta(weeks=1)
    _dated_workspace(tmp_path / "now.duckdb", _every_day(monday - timedelta(weeks=3), 3))
    with Workspace.open(tmp_path / "now.duckdb") as ws:
        ws.set_setting("timezone", "UTC")
        import_records(ws, [make_record(999, text="today", received_at=monday)], file_name="b.csv")
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(tmp_path / "now.duckdb"))
    at = open_page("trends", lang="en")
    assert not at.exception, at.exception
    names = [str(tr.get("name")) for tr in _chart(at, "trends_weekly")["data"]]
    assert any(n.endswith(", not over") for n in names), names


def test_a_filter_starting_mid_week_names_that_week_and_marks_no_spike_it_cuts(
    tmp_path, monkeypatch
):
    """Late parcels: two e-mails a week for ten weeks, then twenty in one week, Monday to
    Sunday. From that Wednesday on, the chart holds 14 of them, so its marker's "20 items"
    was not what the page showed, and the week's short bars read as a normal week."""
    spike_monday = FIRST_MONDAY + timedelta(weeks=10)
    rows = [(FIRST_MONDAY + timedelta(weeks=w), "email", 0) for w in range(10) for _ in (0, 1)]
    rows += [(FIRST_MONDAY + timedelta(weeks=w), "email", 1) for w in range(11)]
    rows += [(spike_monday + timedelta(days=n % 7, hours=n % 8), "email", 0) for n in range(20)]
    path = tmp_path / "spike.duckdb"
    _themed_workspace(path, rows)
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    with Workspace.open(path, read_only=True) as ws:
        whole = spike_markers(ws, Filters(start=spike_monday.date().isoformat()))
        cut = spike_markers(ws, Filters(start="2026-08-12"))  # that Wednesday
    assert whole[["week", "items"]].values.tolist() == [["2026-W33", 20]]
    assert cut.empty
    at = open_page("trends", lang="nl")
    at.session_state["filter_start"] = date(2026, 8, 12)
    at.run()
    assert not at.exception, at.exception
    weekly = _chart(at, "trends_weekly")["data"]
    assert [tr["name"] for tr in weekly if tr["type"] == "scatter"] == []
    note = "Week 33 van 2026 vanaf 12 aug"
    hatched = [tr for tr in weekly if tr.get("marker", {}).get("pattern", {}).get("shape") == "/"]
    assert note in [tr["name"] for tr in weekly]  # the legend names the hatch
    assert any(list(tr.get("customdata", [])) == [note] for tr in hatched)
    heat = _chart(at, "trends_heatmap")["data"][0]
    assert any(str(cell).startswith(f"{note}: ") for row in heat["text"] for cell in row)


@pytest.mark.parametrize(("lang", "spike", "rising"), [("nl", "Piek = ", "tijgend = ")])
def test_the_weekly_charts_help_states_the_rule_of_what_it_marks(
    late_channel_workspace, lang, spike, rising
):
    """The chart marks spikes only; its help also stated the rising and new rules, which
    nothing on the chart shows."""
    at = open_page("trends", lang=lang)
    assert not at.exception, at.exception
    helps = [h.proto.help for h in at.subheader if h.value == t("trends.volume", lang)]
    assert len(helps) == 1 and helps[0].startswith(spike) and rising not in helps[0]


def test_the_channel_shares_say_they_are_of_the_items_with_text(tmp_path, monkeypatch):
    """Google Play: 1.393 reviews in the table above, 800 of them stars without text; the
    shares below are of the 593 with text ("Algemeen oordeel" 54%, 23% of all), and said
    "Aandeel van de feedback per kanaal"."""
    path = tmp_path / "stars.duckdb"
    rows = [(FIRST_MONDAY + timedelta(hours=n), "app_review", n % 2) for n in range(6)]
    _themed_workspace(path, rows)
    with Workspace.open(path) as ws:
        stars = [
            make_record(
                100 + n,
                channel="app_review",
                text="",
                is_star_only=True,
                rating=5.0,
                rating_scale_min=1.0,
                rating_scale_max=5.0,
            )
            for n in range(6)
        ]
        import_records(ws, stars, file_name="stars.csv")
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    at = open_page("trends", lang="nl")
    assert not at.exception, at.exception
    assert at.dataframe[0].value["items"].tolist() == ["12"]
    shares = _chart(at, "trends_shares")["data"][0]
    assert [list(row) for row in shares["text"]] == [["50%"], ["50%"]]  # of the 6 with text
    caption = t("trends.shares_caption", "nl")
    assert caption in [str(c.value) for c in at.caption] and "met tekst" in caption
