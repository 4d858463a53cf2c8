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
    assert "Week 2026-W24 through 8 Jun" in shown, list(shown)
    assert any("same days" in c.value for c in at.caption)
    weekly = chart_spec(next(c for c in at.get("plotly_chart") if c.key == "overview_weekly"))
    assert weekly["data"][-1]["name"] == "Week 2026-W24 through 8 Jun, not over"


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
