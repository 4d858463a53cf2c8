from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from tests.conftest import make_record
from tests.dashboard.conftest import chart_spec
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.weeks import week_over_week

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def filled_workspace(tmp_path, monkeypatch):
    path = tmp_path / "view.duckdb"
    with Workspace.open(path) as ws:
        records = [make_record(n, channel="email") for n in range(30)]
        records += [make_record(n, channel="review") for n in range(30, 42)]
        import_records(ws, records, file_name="fixture.csv")
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    return path


def test_overview_shows_real_counts_and_weekly_chart(filled_workspace):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Feedback items"] == "42"
    charts = {c.key: chart_spec(c) for c in at.get("plotly_chart")}
    weekly = {trace["name"]: int(sum(trace["y"])) for trace in charts["overview_weekly"]["data"]}
    assert weekly == {"E-mail": 30, "Reviews": 12}
    # this week against last, per channel: numbers with their change (all 42 in one week here)
    with Workspace.open(filled_workspace, read_only=True) as ws:
        wow = week_over_week(ws).set_index("channel")
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    for channel, name in (("email", "E-mail"), ("review", "Reviews")):
        now, before = int(wow.loc[channel, "this_week"]), int(wow.loc[channel, "last_week"])
        assert shown[name] == (str(now), fmt.delta(now - before, "en")), name


def test_unchanged_channel_gets_no_arrow(tmp_path, monkeypatch):
    """A channel with as many items as last week reads "0" without an arrow; a change keeps
    its arrow (Streamlit draws an up arrow for "+0" by itself)."""
    path = tmp_path / "wow.duckdb"
    with Workspace.open(path) as ws:
        records = [make_record(n, channel="email") for n in range(4)]
        records += [make_record(n, channel="review") for n in range(4, 8)]
        # email: two items on last week's Monday, two on this Monday; reviews: one on last
        # week's Tuesday, three this Monday. Feedback came on Tuesdays too, so a week with
        # data up to its Monday is not over: it is compared with last week's Monday
        weeks = [0, 0, 7, 7, 1, 7, 7, 7]
        records = [
            r.replace(received_at=r.received_at.replace(day=1) + timedelta(days=d))
            for r, d in zip(records, weeks, strict=True)
        ]
        import_records(ws, records, file_name="fixture.csv")
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = {m.label: m for m in at.metric}
    none = MetricProto.MetricDirection.NONE
    assert (shown["E-mail"].value, shown["E-mail"].delta) == ("2", "0")
    assert shown["E-mail"].proto.direction == none
    assert (shown["Reviews"].value, shown["Reviews"].delta) == ("3", "+3")
    assert shown["Reviews"].proto.direction == MetricProto.MetricDirection.UP
    # the week is not over: it says so, and compares the same days
    assert "Week 24 of 2026 through 8 Jun" in shown, list(shown)
    assert any("same days" in c.value for c in at.caption)
    # mid-sentence the week is lower case
    assert any(c.value.startswith("Items in week 24 of 2026 through 8 Jun") for c in at.caption)
    weekly = chart_spec(next(c for c in at.get("plotly_chart") if c.key == "overview_weekly"))
    # June 2026 is behind the calendar: the legend says the week is incomplete, not running
    # (a week the calendar has not left yet: tests/dashboard/test_trends_page.py)
    assert weekly["data"][-1]["name"] == "Week 24 of 2026 through 8 Jun, incomplete"


def test_overview_in_dutch(filled_workspace):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overzicht"
    assert {m.label for m in at.metric} >= {"Feedbackberichten", "Sentiment deze week"}


def test_overview_of_empty_workspace_says_how_to_start(tmp_path, monkeypatch):
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(tmp_path / "empty.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "klantstem import" in at.info[0].value


def _two_mondays(path: Path, sentiments: tuple[float, float], **extra: object) -> Path:
    """One e-mail on Monday 1 June (W23) and one on Monday 8 June (W24), with these
    sentiments; Mondays only, so the latest week is over (whole weeks compared)."""
    records = [make_record(0, channel="email"), make_record(7, channel="email")]
    with Workspace.open(path) as ws:
        import_records(ws, records, file_name="fixture.csv")
        with ws.transaction() as con:
            for record, value in zip(records, sentiments, strict=True):
                con.execute(
                    "INSERT INTO item_sentiment VALUES (?, ?, 'fixture')", [record.id, value]
                )
    return path


@pytest.mark.parametrize(
    ("before", "now", "color"),
    [
        pytest.param(0.5, 0.375, "GRAY", id="noise-drop-is-grey"),
        pytest.param(0.5, 0.625, "GRAY", id="noise-rise-is-grey"),
        pytest.param(0.5, 0.25, "RED", id="shift-down-is-red"),
        pytest.param(0.5, 0.75, "GREEN", id="shift-up-is-green"),
    ],
)
def test_sentiment_change_is_coloured_only_from_the_summarys_shift(
    tmp_path, monkeypatch, before, now, color
):
    """The weekly summary flags a sentiment shift from 0.2 (analysis.summary.SummaryRules);
    a smaller change is ordinary variation, not bad (or good) news."""
    path = _two_mondays(tmp_path / "sentiment.duckdb", (before, now))
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    metric = {m.label: m for m in at.metric}["Sentiment this week"]
    assert metric.delta == fmt.delta(now - before, "en", 2)
    assert MetricProto.MetricColor.Name(metric.proto.color) == color
    # a real minus, as every screen writes it; the arrow follows the number, not the text
    assert metric.delta[0] == ("\u2212" if now < before else "+")
    direction = MetricProto.MetricDirection.Name(metric.proto.direction)
    assert direction == ("DOWN" if now < before else "UP")
    assert "from 0.20 either way" in metric.proto.help


@pytest.mark.parametrize(
    ("replies", "notes", "lang", "caption"),
    [
        pytest.param(
            2, 0, "en", "Messages from customers; your own replies (2) are not counted.", id="en"
        ),
        pytest.param(
            1, 0, "nl", "Berichten van klanten; eigen antwoord (1) telt niet mee.", id="nl-one"
        ),
        pytest.param(
            2, 0, "nl", "Berichten van klanten; eigen antwoorden (2) tellen niet mee.", id="nl"
        ),
        pytest.param(
            2,
            3,
            "nl",
            "Berichten van klanten; eigen antwoorden (2) tellen niet mee. "
            "Interne notities (3) tellen niet mee.",
            id="nl-notes",
        ),
        pytest.param(0, 0, "en", None, id="none"),
    ],
)
def test_item_count_says_own_replies_are_left_out(
    tmp_path, monkeypatch, replies, notes, lang, caption
):
    """An import counts the company's own replies ("1871 added"); the Overview counts
    customers' messages only ("1.393"), and says so with the number."""
    records = [make_record(n, channel="review") for n in range(4)]
    records += [
        make_record(n, channel="review", direction="outbound") for n in range(4, 4 + replies)
    ]
    records += [
        make_record(n, channel="ticket", direction="internal") for n in range(10, 10 + notes)
    ]
    path = tmp_path / "replies.duckdb"
    with Workspace.open(path) as ws:
        import_records(ws, records, file_name="fixture.csv")
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    assert at.metric[0].value == "4"
    captions = [c.value for c in at.caption]
    if caption is None:
        assert not [c for c in captions if "customers" in c or "klanten" in c]
    else:
        assert caption in captions, captions


def test_channel_without_items_this_week_or_last_gets_no_tile(tmp_path, monkeypatch):
    """A channel whose items all lie before last week showed "Other 0 / 0"."""
    records = [make_record(n, channel="email") for n in (28, 35, 36)]
    records += [make_record(n, channel="other") for n in (0, 1)]  # four weeks earlier
    path = tmp_path / "old_channel.duckdb"
    with Workspace.open(path) as ws:
        import_records(ws, records, file_name="fixture.csv")
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    labels = {m.label for m in at.metric}
    assert "E-mail" in labels
    assert "Other" not in labels
    assert at.metric[0].value == "5"  # still counted in the total
