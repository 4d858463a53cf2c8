"""Acceptance: every screen flags the same themes as rising, new and spiking, and quotes the
number the rule compared with (issue #11, build item 5).

One workspace holds a steady theme, a spiking theme (one channel jumps, its total stays
within ordinary variation), a rising theme (up beyond variation but below the spike bar) and
a new theme. Overview, Themes, Trends and the weekly summary are asked through the workspace
functions each view calls and through the views themselves (AppTest).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.localtime import parse_iso_week
from analysis.trends import theme_trends_for_week, weekly_counts
from tests.dashboard.conftest import chart_spec
from tests.dashboard.test_pages import open_page
from tests.summary.fabricate import WEEK, fabricate
from tests.summary.workspace_fixture import write_workspace
from workspace.db import Workspace
from workspace.queries import Filters, weekly_theme_channel_counts
from workspace.summary import render_summary, weekly_summary
from workspace.trends import (
    current_week,
    flagged_themes,
    spike_markers,
    theme_table_with_trends,
    top_theme_table_with_trends,
)
from workspace.weeks import trend_counts

STEADY, SPIKING, RISING, NEW = 1, 2, 3, 4
COUNTS = {
    (STEADY, "email"): [10, 12, 9, 11, 10, 12, 11, 10, 11],
    (SPIKING, "email"): [40] * 9,
    (SPIKING, "app_review"): [1, 0, 2, 1, 1, 0, 1, 2, 14],
    (RISING, "review"): [6, 6, 6, 6, 6, 6, 6, 6, 14],
    (NEW, "email"): [0, 0, 0, 0, 0, 0, 0, 0, 7],
    (None, "email"): [2] * 9,
}
EXPECTED = {"spike": {SPIKING}, "new": {NEW}, "rising": {RISING}}


@pytest.fixture
def trend_workspace(tmp_path, monkeypatch):
    path = write_workspace(tmp_path / "trends.duckdb", *fabricate(COUNTS))
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)
    return path


def _by_flag(pairs) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {flag: set() for flag in EXPECTED}
    for flag, theme_id in pairs:
        if flag in out:
            out[flag].add(int(theme_id))
    return out


def test_the_rule_flags_what_was_planted():
    items, _ = fabricate(COUNTS)
    with_theme = items.dropna(subset=["theme_id"])
    trends = theme_trends_for_week(
        weekly_counts(with_theme["received_at"], with_theme["theme_id"], with_theme["channel"]),
        WEEK,
    )
    assert set(trends.rising_ids) == EXPECTED["rising"]
    assert set(trends.new) == EXPECTED["new"]
    assert set(trends.spike_ids) == EXPECTED["spike"]
    # above its average (11 against 10.6) but not by more than ordinary variation: the one
    # rise a page names when nothing is flagged; flagged themes are never in it
    assert list(trends.unflagged_rise["theme_id"]) == [STEADY]
    assert trends.unflagged_rise["baseline"].round(3).tolist() == [10.625]


def test_spike_markers_from_a_start_date_without_spikes_are_an_empty_table(trend_workspace):
    """The theme page of a theme that never spiked, with a start date in the sidebar: no
    markers (it raised KeyError 'week': an empty selection kept no columns)."""
    with Workspace.open(trend_workspace, read_only=True) as ws:
        start = Filters(start=(parse_iso_week(WEEK) - pd.Timedelta(weeks=3)).isoformat())
        steady = spike_markers(ws, start, theme_id=STEADY)
        spiking = spike_markers(ws, start, theme_id=SPIKING)
    assert steady.empty and list(steady.columns) == list(spiking.columns)
    assert set(spiking["theme_id"]) == {SPIKING}


def test_workspace_functions_of_every_screen_agree(trend_workspace):
    with Workspace.open(trend_workspace, read_only=True) as ws:
        assert current_week(ws) == WEEK
        overview = flagged_themes(ws)
        themes = theme_table_with_trends(ws)
        markers = spike_markers(ws)
        summary = weekly_summary(ws, WEEK)
        counts = weekly_theme_channel_counts(ws, until_week=WEEK)
    from_overview = _by_flag(zip(overview["flag"], overview["theme_id"], strict=True))
    from_themes = _by_flag(zip(themes["flag"], themes["theme_id"], strict=True))
    from_trends_chart = {"spike": {int(t) for t in markers[markers["week"] == WEEK]["theme_id"]}}
    from_summary = {
        "spike": {s.theme_id for s in summary.spikes},
        "new": {t.theme_id for t in summary.new_themes},
        "rising": {t.theme_id for t in summary.rising},
    }
    assert from_overview == EXPECTED
    assert from_themes == EXPECTED
    assert from_trends_chart == {"spike": EXPECTED["spike"]}
    assert from_summary == EXPECTED
    # The same baseline everywhere: the rule's, the Overview's and the summary's tables.
    rising_row = overview[overview["flag"] == "rising"].iloc[0]
    rule = theme_trends_for_week(counts, WEEK).rising.set_index("theme_id").loc[RISING]
    theme_week = summary.theme(RISING)
    assert rising_row["baseline"] == pytest.approx(rule["baseline"]) == pytest.approx(6.0)
    assert theme_week.baseline == pytest.approx(rule["baseline"])
    assert theme_week.volume.average == pytest.approx(rule["baseline"])
    spike_row = overview[overview["flag"] == "spike"].iloc[0]
    assert (spike_row["channel"], spike_row["items"]) == ("app_review", 14)
    assert spike_row["baseline"] == pytest.approx(summary.spikes[0].baseline) == 1.0
    markdown = render_summary(summary, "md", "en").decode()
    assert "14 items this week against a usual week of 1.0" in markdown
    assert "against an average of 6.0" in markdown


def test_trend_counts_handed_in_give_the_same_tables(trend_workspace):
    """The dashboard reads the trend counts once and hands them to every flagging query
    (``dashboard/data.py``): the tables are the ones each query gives on its own."""
    with Workspace.open(trend_workspace, read_only=True) as ws:
        counted = trend_counts(ws)
        for query in (flagged_themes, theme_table_with_trends, top_theme_table_with_trends):
            pd.testing.assert_frame_equal(query(ws, counted=counted), query(ws))


def test_views_flag_the_same_themes(trend_workspace):
    overview = open_page("overview")
    assert not overview.exception, overview.exception
    links = [(link.proto.label, link.proto.query_string) for link in overview.get("page_link")]
    assert [q for _, q in links] == [f"theme={i}&lang=en" for i in (SPIKING, NEW, RISING)]
    labels = [label for label, _ in links]
    assert labels[0].startswith("Spike\\: Checkout error in App reviews\\: 14 items")
    assert labels[0].endswith("usual week of 1\\.0")
    assert labels[1].startswith("New\\: Loyalty points")
    assert labels[2].startswith("Rising\\: Friendly support\\: 14 items")
    assert labels[2].endswith("average of 6\\.0")

    themes = open_page("themes")
    assert not themes.exception, themes.exception
    table = themes.dataframe[0].value
    shown = {int(r.theme_id): r.flag for r in table.itertuples(index=False)}
    assert shown == {STEADY: "", SPIKING: "spike", RISING: "rising", NEW: "new"}

    trends = open_page("trends")
    assert not trends.exception, trends.exception
    spec = chart_spec(trends.get("plotly_chart")[0])
    markers = [trace for trace in spec["data"] if trace.get("name") == "Spike"]
    assert len(markers) == 1 and len(markers[0]["x"]) == 1
    assert "Checkout error in App reviews: 14 items" in markers[0]["text"][0]

    theme_page = open_page("theme", query={"theme": str(SPIKING)})
    assert not theme_page.exception, theme_page.exception
    spec = chart_spec(theme_page.get("plotly_chart")[0])
    assert [trace["name"] for trace in spec["data"]][-1] == "Spike"
    quiet_page = open_page("theme", query={"theme": str(STEADY)})
    spec = chart_spec(quiet_page.get("plotly_chart")[0])
    assert "Spike" not in [trace["name"] for trace in spec["data"]]


def test_overview_flag_lines_in_dutch(trend_workspace):
    at = open_page("overview", lang="nl")
    assert not at.exception, at.exception
    labels = [link.proto.label for link in at.get("page_link")]
    assert labels == [
        "Piek\\: Fout bij afrekenen in App\\-reviews\\: 14 berichten tegen een gewone week van 1,0",
        "Nieuw\\: Spaarpunten\\: 7 berichten in de eerste week",
        "Stijgend\\: Vriendelijke klantenservice\\: 14 berichten tegen gemiddeld 6,0",
    ]


CAMPAIGN = {
    (STEADY, "email"): [10] * 9,
    (STEADY, "app_review"): [6, 6, 6, 6, 6, 6, 6, 6, 14],  # the campaign: 2.3x the usual week
    (SPIKING, "app_review"): [3, 3, 3, 3, 3, 3, 3, 3, 40],  # far beyond what it explains
}


def test_a_spike_in_a_surging_channel_says_how_busy_the_channel_was(tmp_path, monkeypatch):
    """A campaign more than doubles the app reviews while checkout errors go 3 -> 40 there:
    a spike against the usual week scaled by the channel's growth, and every screen and the
    summary say by how much it was scaled, beside the theme's own usual week."""
    path = write_workspace(tmp_path / "campaign.duckdb", *fabricate(CAMPAIGN))
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    with Workspace.open(path, read_only=True) as ws:
        summary = weekly_summary(ws, WEEK)
        markers = spike_markers(ws)
    assert [(s.theme_id, s.channel) for s in summary.spikes] == [(SPIKING, "app_review")]
    assert summary.spikes[0].channel_growth == pytest.approx(14 / 6)
    english = render_summary(summary, "md", "en").decode()
    assert (
        "40 items this week against a usual week of 3.0 (median of the previous 8 weeks), "
        "while the rest of the channel was 2.3× as busy as usual."
    ) in english
    assert (
        "terwijl de rest van het kanaal 2,3× zo druk was als gewoonlijk."
        in render_summary(summary, "md", "nl").decode()
    )
    assert markers["channel_growth"].tolist() == [pytest.approx(14 / 6)]

    overview = open_page("overview", lang="nl")
    assert not overview.exception, overview.exception
    labels = [link.proto.label for link in overview.get("page_link")]
    assert labels[0] == (
        "Piek\\: Fout bij afrekenen in App\\-reviews\\: 40 berichten tegen een gewone week van "
        "3,0, terwijl de rest van het kanaal 2,3× zo druk was als gewoonlijk"
    )
    trends = open_page("trends")
    spec = chart_spec(trends.get("plotly_chart")[0])
    (marker,) = [trace for trace in spec["data"] if trace.get("name") == "Spike"]
    assert marker["text"][0].endswith("while the rest of the channel was 2.3× as busy as usual")
