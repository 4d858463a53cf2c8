"""The Trends page's channel heatmap: a channel's column of shares adds up to 100%.

Four themes in e-mail with 1, 1, 1 and 3 items: rounded one by one they read 17% + 17% + 17%
+ 50% = 101%; rounded together (largest remainder, :func:`analysis.numbers.shares_adding_up`)
they read 100%.
"""

from __future__ import annotations

import pytest

from tests.dashboard.conftest import chart_spec
from tests.dashboard.test_pages import open_page
from tests.summary.fabricate import fabricate
from tests.summary.workspace_fixture import write_workspace
from workspace.db import Workspace
from workspace.theme_queries import channel_theme_shares

COUNTS = {(1, "email"): [1], (2, "email"): [1], (3, "email"): [1], (4, "email"): [3]}


@pytest.fixture
def shares_workspace(tmp_path, monkeypatch):
    path = write_workspace(tmp_path / "shares.duckdb", *fabricate(COUNTS))
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    return path


def test_a_channels_shares_add_up_as_written(shares_workspace):
    with Workspace.open(shares_workspace, read_only=True) as ws:
        shares = channel_theme_shares(ws)
    assert sum(round(100 * s) for s in shares["share"]) == 101  # one by one
    assert round(100 * shares["share_shown"].sum()) == 100
    assert sorted(round(100 * s) for s in shares["share_shown"]) == [16, 17, 17, 50]


def test_the_trends_heatmap_writes_shares_that_add_up(shares_workspace):
    at = open_page("trends")
    assert not at.exception, at.exception
    (heatmap,) = [  # the channel heatmap: the one whose cells are percentages
        trace
        for chart in at.get("plotly_chart")
        for trace in chart_spec(chart)["data"]
        if trace.get("type") == "heatmap" and "%" in str(trace.get("text"))
    ]
    written = [int(cell.rstrip("%")) for row in heatmap["text"] for cell in row]
    assert sum(written) == 100 and sorted(written) == [16, 17, 17, 50]
