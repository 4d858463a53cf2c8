"""The use case on a real workspace file, and the ``klantstem summary`` command."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from typer.testing import CliRunner

from analysis.summary import build_weekly_summary
from klantstem_cli import app
from tests.summary.fabricate import WEEK, fabricate
from tests.summary.test_builder import COUNTS
from tests.summary.workspace_fixture import write_workspace
from workspace.db import Workspace
from workspace.summary import render_summary, resolve_week, weekly_summary


@pytest.fixture(scope="module")
def frames():
    return fabricate(COUNTS, sentiment={1: [0.2] * 8 + [-0.4], 3: [0.5] * 9})


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, frames):
    return write_workspace(tmp_path_factory.mktemp("summary") / "ws.duckdb", *frames)


def test_workspace_summary_equals_the_builder_on_the_same_frames(workspace, frames):
    with Workspace.open(workspace, read_only=True) as ws:
        stored = weekly_summary(ws, WEEK)
    direct = build_weekly_summary(*frames, WEEK)
    assert stored.total == direct.total
    assert stored.channels == direct.channels
    assert [
        (t.theme_id, t.volume, t.is_new, t.is_rising, t.rising_channels) for t in stored.themes
    ] == [(t.theme_id, t.volume, t.is_new, t.is_rising, t.rising_channels) for t in direct.themes]
    assert stored.spikes == direct.spikes
    assert [a.kind for a in stored.attention] == [a.kind for a in direct.attention]
    assert stored.unsorted_items == direct.unsorted_items
    assert stored.theme(1).sentiment_shift == pytest.approx(-0.6)


def test_channel_filter_in_sql(workspace):
    with Workspace.open(workspace, read_only=True) as ws:
        summary = weekly_summary(ws, WEEK, channel="app_review")
    assert summary.total.items == 25 and [t.theme_id for t in summary.themes] == [2]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        pytest.param(date(2026, 10, 5), "2026-W40", id="monday-after-the-newest-week"),
        pytest.param(date(2027, 3, 1), "2026-W40", id="old-workspace-reports-its-last-week"),
        pytest.param(date(2026, 10, 4), "2026-W39", id="newest-week-not-over-yet"),
        pytest.param(date(2026, 9, 30), "2026-W39", id="today-before-newest-item"),
    ],
)
def test_last_complete_week(workspace, today, expected):
    with Workspace.open(workspace, read_only=True) as ws:
        assert resolve_week(ws, "last", today=today) == expected
        assert resolve_week(ws, "2026-w07", today=today) == "2026-W07"


def test_last_week_of_an_empty_workspace(tmp_path):
    with Workspace.open(tmp_path / "empty.duckdb") as ws:
        assert resolve_week(ws, "last", today=date(2026, 11, 25)) == "2026-W47"
        summary = weekly_summary(ws, "last", today=date(2026, 11, 25))
        assert summary.total.items == 0
        assert render_summary(summary, "html", "nl")


runner = CliRunner()


def test_cli_summary_writes_each_format(workspace, tmp_path):
    for fmt in ("md", "html", "csv", "xlsx"):
        out = tmp_path / f"summary.{fmt}"
        result = runner.invoke(
            app,
            [
                "summary",
                "--week",
                WEEK,
                "--format",
                fmt,
                "--lang",
                "nl",
                "--output",
                str(out),
                "--workspace",
                str(workspace),
            ],
        )
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
        assert result.output.startswith("Weekoverzicht van week 40 van 2026 ("), result.output
    assert (
        "Wekelijkse feedbacksamenvatting: week 40 van 2026" in (tmp_path / "summary.md").read_text()
    )
    book = openpyxl.load_workbook(io.BytesIO((tmp_path / "summary.xlsx").read_bytes()))
    assert book.sheetnames == ["Samenvatting", "Thema's", "Citaten"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--format", "pdf"], "--format must be one of", id="bad-format"),
        pytest.param(["--lang", "de"], "--lang one of", id="bad-language"),
        pytest.param(["--week", "2026-47"], "2026-W47", id="bad-week"),
        pytest.param(["--channel", "fax"], "--channel must be one of", id="unknown-channel"),
        pytest.param(["--channel", "chat"], "no chat items", id="channel-without-items"),
        pytest.param(["--week", "2099-W10"], "has not started yet", id="future-week"),
        pytest.param(["--week", "2020-W10"], "No feedback in week 2020-W10", id="empty-week"),
    ],
)
def test_cli_summary_refuses_bad_options(workspace, tmp_path, args, message):
    result = runner.invoke(
        app, ["summary", *args, "--output", str(tmp_path / "x"), "--workspace", str(workspace)]
    )
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "x").exists()  # no empty file left behind


def test_cli_summary_needs_a_workspace(tmp_path):
    result = runner.invoke(app, ["summary", "--workspace", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and "no workspace there" in result.output
