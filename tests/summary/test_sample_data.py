"""The weekly summary on the sample data against its planted truth.

Two workspaces: one whose themes are the planted truth itself (written with SQL, so it tests
the summary and nothing else), and one themed by the real theme engine when it is installed.
"""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.summary.workspace_fixture import PLANTED, TRUTH, build_truth_workspace
from workspace.db import Workspace
from workspace.summary import render_summary, weekly_summary

pytestmark = pytest.mark.skipif(
    not (TRUTH.exists() and PLANTED.exists()), reason="sample_data/ has no planted truth yet"
)


@pytest.fixture(scope="module")
def planted() -> dict:
    return tomllib.loads(PLANTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def truth_workspace(tmp_path_factory) -> Path:
    return build_truth_workspace(tmp_path_factory.mktemp("sample") / "truth.duckdb")


def theme_id_of(summary, name: str) -> int:
    return next(t.theme_id for t in summary.themes if t.label_en == name.replace("_", " "))


def test_spike_week_flags_the_planted_spike_in_its_channel_only_that_week(truth_workspace, planted):
    # The planted spike lifts one channel; the theme's total across channels stays within
    # ordinary variation, so the one trend rule calls it a spike (in that channel), not rising.
    spike = planted["spike"]
    with Workspace.open(truth_workspace, read_only=True) as ws:
        summary = weekly_summary(ws, spike["week"])
        theme = summary.theme(theme_id_of(summary, spike["theme"]))
        assert theme.spike_channels == (spike["channel"],)
        before = weekly_summary(ws, _shift(spike["week"], -2))
        assert not before.theme(theme.theme_id).spike_channels
        assert not before.theme(theme.theme_id).is_rising
        markdown = render_summary(summary, "md", "en").decode()
    assert f"spiked in {_channel_en(spike['channel'])}" in markdown


def test_late_theme_is_new_only_in_its_first_week(truth_workspace, planted):
    late = planted["late_theme"]
    with Workspace.open(truth_workspace, read_only=True) as ws:
        first = weekly_summary(ws, late["first_week"])
        later = weekly_summary(ws, _shift(late["first_week"], 1))
        earlier = weekly_summary(ws, _shift(late["first_week"], -1))
    theme_id = theme_id_of(first, late["theme"])
    assert [t.theme_id for t in first.new_themes] == [theme_id]
    assert any(a.kind == "new_theme" and a.theme_id == theme_id for a in first.attention)
    assert later.new_themes == () and earlier.new_themes == ()


def test_sample_summary_files(truth_workspace, planted):
    with Workspace.open(truth_workspace, read_only=True) as ws:
        summary = weekly_summary(ws, planted["spike"]["week"])
    book = openpyxl.load_workbook(io.BytesIO(render_summary(summary, "xlsx", "nl")))
    assert book.sheetnames == ["Samenvatting", "Thema's", "Citaten"]
    assert book["Citaten"].max_row > 1
    page = render_summary(summary, "html", "en").decode()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(""", page, re.I)
    truth = pd.read_csv(TRUTH)
    rating_only = truth[(truth["week"] == summary.week) & truth["theme"].isna()]  # no text
    assert summary.total.items - summary.text_items == len(rating_only) > 0
    assert summary.unsorted_items == 0  # every item with text has a planted theme


def test_engine_spike_rule_flags_the_planted_spike(truth_workspace, planted):
    spike = planted["spike"]
    with Workspace.open(truth_workspace, read_only=True) as ws:
        summary = weekly_summary(ws, spike["week"])
    theme_id = theme_id_of(summary, spike["theme"])
    assert (theme_id, spike["channel"]) in {(s.theme_id, s.channel) for s in summary.spikes}
    assert summary.attention[0].kind == "spike" and summary.attention[0].theme_id == theme_id


def _shift(week: str, weeks: int) -> str:
    from datetime import timedelta

    from analysis.summary import iso_week_label, parse_iso_week

    return iso_week_label(parse_iso_week(week) + timedelta(weeks=weeks))


def _channel_en(channel: str) -> str:
    from analysis.summary_render import channel_name

    return channel_name(channel, "en")
