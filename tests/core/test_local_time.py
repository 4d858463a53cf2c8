"""Local time everywhere (issue #11, build item 6): instants stay UTC in storage; days, weeks
and date labels are the workspace zone's, in SQL and in Python alike."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from analysis.localtime import iso_week_labels, local_days
from klantstem_cli import app
from workspace.db import Workspace
from workspace.localtime import iso_week_sql, local_date_sql, workspace_timezone
from workspace.queries import (
    Filters,
    channel_summary,
    filter_options,
    weekly_channel_counts,
)
from workspace.summary import resolve_week, summary_weeks, weekly_summary
from workspace.theme_queries import (
    theme_quotes,
    theme_table,
    theme_week_matrix,
    theme_weekly_channel_counts,
)
from workspace.theme_store import save_themes
from workspace.weeks import week_totals

runner = CliRunner()

# A Dutch review export: ';', cp1252, dates without a time, Monday and Sunday of 2026-W47.
DUTCH_CSV = (
    "Review;Rating;Datum\nPakket kwam te laat aan;2;16-11-2026\nSnelle levering, top;5;22-11-2026\n"
)


@pytest.fixture
def dutch_workspace(tmp_path):
    source = tmp_path / "reviews.csv"
    source.write_bytes(DUTCH_CSV.encode("cp1252"))
    path = tmp_path / "ws.duckdb"
    result = runner.invoke(app, ["import", str(source), "--workspace", str(path), "--json"])
    assert result.exit_code == 0, result.output
    with Workspace.open(path) as ws:
        ids = list(ws.query_df("SELECT id FROM items")["id"])
        save_themes(
            ws,
            pd.DataFrame(
                {
                    "theme_id": [1],
                    "label": ["delivery"],
                    "label_en": ["Delivery"],
                    "label_nl": ["Levering"],
                    "created_at": [datetime(2026, 11, 23, tzinfo=UTC)],
                }
            ),
            pd.DataFrame({"item_id": ids, "theme_id": 1, "similarity": 0.9, "method": "fixture"}),
        )
    return path


def test_export_keeps_the_source_dates_and_their_iso_week(dutch_workspace, tmp_path):
    out = tmp_path / "items.csv"
    result = runner.invoke(
        app, ["export", "items", "--output", str(out), "--workspace", str(dutch_workspace)]
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=str).sort_values("received_date")
    assert list(frame["received_date"]) == ["2026-11-16", "2026-11-22"]
    assert list(frame["iso_week"]) == ["2026-W47", "2026-W47"]
    # Stored as the instant the local day began: UTC the evening before.
    assert list(frame["received_at"].str[:10]) == ["2026-11-15", "2026-11-21"]


def test_every_page_and_the_summary_count_them_in_w47(dutch_workspace):
    with Workspace.open(dutch_workspace, read_only=True) as ws:
        weekly = weekly_channel_counts(ws)
        totals = week_totals(ws)
        table = theme_table(ws)
        per_theme = theme_weekly_channel_counts(ws, 1)
        matrix = theme_week_matrix(ws)
        channels = channel_summary(ws)
        options = filter_options(ws)
        quotes = theme_quotes(ws, 1)
        in_range = week_totals(ws, Filters(start="2026-11-16", end="2026-11-22"))
        monday_only = week_totals(ws, Filters(start="2026-11-16", end="2026-11-16"))
        weeks = summary_weeks(ws)
        summary = weekly_summary(ws, "2026-W47")
        last = resolve_week(ws, "last", today=datetime(2026, 11, 30).date())
    assert list(zip(weekly["week"], weekly["items"], strict=True)) == [("2026-W47", 2)]
    assert str(weekly["week_start"].iloc[0])[:10] == "2026-11-16"
    assert (totals.week, totals.this_week, totals.last_week) == ("2026-W47", 2, 0)
    assert (int(table["this_week"].iloc[0]), int(table["last_week"].iloc[0])) == (2, 0)
    assert list(per_theme["week"]) == ["2026-W47"]
    assert list(matrix["week"]) == ["2026-W47"]
    assert int(channels["weeks"].iloc[0]) == 1
    assert (options.first_day, options.last_day) == ("2026-11-16", "2026-11-22")
    assert sorted(f"{d:%d-%m-%Y}" for d in quotes["received_at"]) == ["16-11-2026", "22-11-2026"]
    assert in_range.this_week == 2 and monday_only.this_week == 1
    assert weeks == ["2026-W47"] and last == "2026-W47"
    assert (summary.total.items, summary.total.previous) == (2, 0)
    assert sorted(q.received_at.isoformat() for q in summary.quotes) == [
        "2026-11-16",
        "2026-11-22",
    ]


def test_overview_page_counts_them_in_w47(dutch_workspace, monkeypatch):
    from tests.dashboard.test_pages import open_page

    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(dutch_workspace))
    at = open_page("overview")
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}["Week 47 of 2026"] == "2"


def test_themes_trends_and_theme_pages_count_them_in_w47(dutch_workspace, monkeypatch):
    from tests.dashboard.conftest import chart_spec
    from tests.dashboard.test_pages import open_page

    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(dutch_workspace))
    themes = open_page("themes")
    assert not themes.exception, themes.exception
    row = themes.dataframe[0].value.iloc[0]
    assert (int(row["this_week"]), int(row["last_week"])) == (2, 0)
    assert list(row["trend"])[-1] == 2  # the sparkline's last week holds both

    trends = open_page("trends")
    assert not trends.exception, trends.exception
    bars, heatmap = (chart_spec(c) for c in trends.get("plotly_chart")[:2])
    assert [(list(b["customdata"]), list(b["y"])) for b in bars["data"]] == [
        (["Week 47 of 2026"], [2])
    ]
    assert str(bars["data"][0]["x"][0])[:10] == "2026-11-16"
    cells = heatmap["data"][0]  # each row coloured by its own busiest week; counts in hover
    (texts,) = [list(r) for r in cells["text"]]
    assert len(texts) == 1 and "Week 47 of 2026" in texts[0] and ": 2 " in f"{texts[0]} "
    assert [list(r) for r in cells["z"]] == [[1.0]]

    theme = open_page("theme", query={"theme": "1"})
    assert not theme.exception, theme.exception
    metrics = {m.label: m.value for m in theme.metric}
    assert (metrics["Items"], metrics["Weeks with feedback"]) == ("2", "1")
    bars = chart_spec(theme.get("plotly_chart")[0])
    assert [(list(b["customdata"]), list(b["y"])) for b in bars["data"]] == [
        (["Week 47 of 2026"], [2])
    ]


INSTANTS = [
    pytest.param("2026-11-15T23:00:00Z", "Europe/Amsterdam", "2026-11-16", "2026-W47", id="ams-monday-midnight"),
    pytest.param("2026-11-22T22:59:59Z", "Europe/Amsterdam", "2026-11-22", "2026-W47", id="ams-sunday-last-second"),
    pytest.param("2026-11-22T23:00:00Z", "Europe/Amsterdam", "2026-11-23", "2026-W48", id="ams-next-monday"),
    pytest.param("2026-03-29T00:30:00Z", "Europe/Amsterdam", "2026-03-29", "2026-W13", id="ams-dst-start"),
    pytest.param("2026-10-24T22:30:00Z", "Europe/Amsterdam", "2026-10-25", "2026-W43", id="ams-dst-end"),
    pytest.param("2026-12-31T23:30:00Z", "Europe/Amsterdam", "2027-01-01", "2026-W53", id="ams-iso-year"),
    pytest.param("2026-11-15T23:00:00Z", "UTC", "2026-11-15", "2026-W46", id="utc"),
    pytest.param("2026-11-16T03:00:00Z", "America/New_York", "2026-11-15", "2026-W46", id="new-york"),
]  # fmt: skip


@pytest.mark.parametrize(("instant", "tz", "day", "week"), INSTANTS)
def test_sql_and_python_agree_on_local_day_and_week(instant, tz, day, week):
    stamp = pd.Timestamp(instant)
    assert str(local_days([stamp], tz).iloc[0].date()) == day
    assert iso_week_labels([stamp], tz).iloc[0] == week
    con = duckdb.connect()
    got = con.execute(
        f"SELECT {local_date_sql('x', tz)}, {iso_week_sql('x', tz)} "
        "FROM (SELECT CAST(? AS TIMESTAMPTZ) AS x)",
        [stamp.to_pydatetime()],
    ).fetchone()
    assert (str(got[0]), got[1]) == (day, week)


def test_time_zone_support_is_built_into_duckdb():
    # ICU must come with the wheel: the product never downloads an extension.
    row = (
        duckdb.connect()
        .execute(
            "SELECT loaded, install_path FROM duckdb_extensions() WHERE extension_name = 'icu'"
        )
        .fetchone()
    )
    assert row == (True, "(BUILT-IN)")


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        pytest.param(None, "Europe/Amsterdam", id="default"),
        pytest.param("UTC", "UTC", id="utc"),
        pytest.param("America/New_York", "America/New_York", id="other-zone"),
    ],
)
def test_workspace_timezone(tmp_path, stored, expected):
    with Workspace.open(tmp_path / "ws.duckdb") as ws:
        if stored:
            ws.set_setting("timezone", stored)
        assert workspace_timezone(ws) == expected


def test_unknown_time_zone_is_a_clear_error(tmp_path):
    from ingest.errors import KlantstemError

    with Workspace.open(tmp_path / "ws.duckdb") as ws:
        ws.set_setting("timezone", "Mars/Olympus")
        with pytest.raises(KlantstemError, match="IANA"):
            workspace_timezone(ws)


@pytest.mark.parametrize(
    ("week", "lang", "capital", "expected"),
    [
        pytest.param("2026-W47", "nl", False, "week 47 van 2026", id="nl"),
        pytest.param("2026-W47", "en", True, "Week 47 of 2026", id="en-capital"),
        pytest.param(
            date(2027, 1, 1), "nl", False, "week 53 van 2026", id="iso-year-not-calendar-year"
        ),
        pytest.param("2016-W05", "en", False, "week 5 of 2016", id="no-leading-zero"),
    ],
)
def test_a_week_is_named_by_its_number_and_year_never_its_code(week, lang, capital, expected):
    from analysis.localtime import week_name

    assert week_name(week, lang, capital=capital) == expected


def test_a_span_of_weeks_says_the_year_once_unless_it_crosses_one():
    from analysis.localtime import week_span

    assert week_span("2026-W23", "2026-W34", "nl") == ("week 23", "week 34 van 2026")
    assert week_span("2025-W50", "2026-W05", "en") == ("week 50 of 2025", "week 5 of 2026")
