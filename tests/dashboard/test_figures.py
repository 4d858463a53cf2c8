"""Weekly charts over any date range: the recent weeks by default, year-aware ticks when
widened, weeks without data as gaps, one colour meaning per chart, labels not clipped."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from dashboard import figures
from dashboard.i18n import plural

# A Google Play export from 2016 (eight weeks) next to the recent 40 weeks, with one empty week.
OLD = pd.date_range("2016-03-07", periods=8, freq="7D")
RECENT = pd.date_range("2026-02-23", periods=40, freq="7D").delete(30)


def _counts() -> pd.DataFrame:
    rows = [
        {
            "week_start": d,
            "week": f"{d.isocalendar().year}-W{d.isocalendar().week:02d}",
            "channel": channel,
            "items": 5,
        }
        for d in [*OLD, *RECENT]
        for channel in (("app_review",) if d.year == 2016 else ("email", "ticket"))
    ]
    return pd.DataFrame(rows)


def _matrix() -> pd.DataFrame:
    counts = _counts().groupby(["week_start", "week"], as_index=False)["items"].sum()
    return counts.assign(theme_id=1, label="Late parcels")


def _bars(**kwargs):
    return figures.weekly_channel_bars(
        _counts(), channel_names={}, x_title="Week", y_title="Items", **kwargs
    )


def test_weekly_bars_show_the_last_26_weeks_by_default():
    fig = _bars()
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert (last - first).days <= 26 * 7 + 8
    assert last >= RECENT[-1]
    shown = pd.to_datetime(np.concatenate([trace.x for trace in fig.data]))
    assert shown.min() >= RECENT[-1] - pd.Timedelta(weeks=25)  # 2016 bars are not drawn


def test_widened_chart_has_year_aware_ticks():
    fig = _bars(weeks=0, lang="nl")
    axis = fig.layout.xaxis
    assert pd.Timestamp(axis.range[0]) < OLD[0]
    assert len(axis.tickvals) <= 14
    years = [int(re.search(r"\b(\d{4})\b", t).group(1)) for t in axis.ticktext]  # each has one
    assert years[0] <= 2017 and years[-1] == 2026 and years == sorted(years)


@pytest.mark.parametrize(
    ("lang", "month"),
    [pytest.param("nl", "mei", id="dutch-months"), pytest.param("en", "May", id="english-months")],
)
def test_short_range_ticks_carry_the_year_once_and_speak_the_language(lang, month):
    values, texts = figures.week_ticks(pd.Timestamp("2026-04-27"), pd.Timestamp("2026-10-19"), lang)
    assert any(month in t for t in texts)
    assert "2026" in texts[0] and sum("2026" in t for t in texts) == 1
    assert len(values) <= 13


def test_heatmap_leaves_weeks_without_data_empty_and_keeps_years_apart():
    fig = figures.theme_week_heatmap(_matrix(), x_title="Week", colour_title="Items", weeks=0)
    heat = fig.data[0]
    x = pd.to_datetime(list(heat.x))
    assert (x[1:] - x[:-1] == pd.Timedelta(weeks=1)).all()  # one column per calendar week
    z = np.asarray(heat.z, dtype=float)[0]
    gap = list(x).index(RECENT[29] + pd.Timedelta(weeks=1))
    assert np.isnan(z[gap])  # the empty recent week is a gap, not 0 and not bridged
    assert np.isnan(z[list(x).index(pd.Timestamp("2020-01-06"))])
    assert fig.layout.xaxis.type == "date"


def test_colours_have_one_meaning():
    channels = set(figures.CHANNEL_COLOURS.values())
    assert figures.NEGATIVE not in channels and figures.POSITIVE not in channels
    assert len(channels) == len(figures.CHANNEL_COLOURS)  # no two channels share a colour
    fig = _bars(
        spikes=pd.DataFrame(
            {
                "week_start": [RECENT[-1]],
                "label": ["x"],
                "channel": ["email"],
                "items": [9],
                "baseline": [2.5],
                "channel_growth": [1.0],
            }
        )
    )
    marker = [trace for trace in fig.data if trace.type == "scatter"][0]
    assert marker.marker.color not in channels | {figures.NEGATIVE, figures.POSITIVE}


def test_heatmap_rows_are_names_and_equal_names_stay_apart_without_ids():
    matrix = pd.concat(
        [
            _matrix().assign(theme_id=7, label="Bezorging"),
            _matrix().assign(theme_id=912, label="Bezorging"),
            _matrix().assign(theme_id=3, label="App crasht"),
        ]
    )
    fig = figures.theme_week_heatmap(matrix, x_title="Week", colour_title="Berichten")
    assert list(fig.data[0].y) == ["Bezorging", "Bezorging (2)", "App crasht"]
    shares = pd.DataFrame(
        {
            "channel": ["email", "email"],
            "theme_id": [7, 912],
            "label": ["Bezorging", "Bezorging"],
            "items": [3, 4],
            "share": [0.3, 0.4],
        }
    )
    fig = figures.channel_theme_heatmap(shares, channel_names={}, colour_title="%")
    assert list(fig.data[0].y) == ["Bezorging", "Bezorging (2)"]


def test_theme_bars_put_this_week_first_with_values():
    table = pd.DataFrame(
        {"label": ["Bezorging", "App"], "this_week": [1200, 3], "last_week": [900, 8]}
    )
    fig = figures.theme_week_bars(
        table, this_label="Deze week", last_label="Vorige week", x_title="Berichten", lang="nl"
    )
    assert [bar.name for bar in fig.data] == ["Deze week", "Vorige week"]
    assert list(fig.data[0].y) == ["Bezorging", "App"]
    assert list(fig.data[0].text) == ["1.200", "3"]  # Dutch thousands
    assert fig.layout.xaxis.range[1] > 1200  # room for the value label


def test_an_unfinished_week_is_hatched_and_the_legend_says_so():
    note = "Week 47 van 2026 t/m 20 nov, nog niet om"
    fig = _bars(unfinished=(RECENT[-1].date(), note))
    *bars, legend = fig.data
    for trace in bars:
        x = pd.to_datetime(list(trace.x))
        hatched = trace.marker.pattern.shape == "/"
        assert (x == RECENT[-1]).all() if hatched else (x != RECENT[-1]).all(), trace.name
        if hatched:  # the unfinished week's bars: out of the legend, the note in the hover
            assert trace.showlegend is False
            assert all(d == note for d in trace.customdata)
    assert (legend.name, legend.marker.pattern.shape) == (note, "/")
    assert len(_bars().data) == len(bars) - 2  # a week that is over: no hatch, no legend entry


def test_a_channel_new_this_week_has_a_plain_legend_swatch():
    """A channel whose only items are in the unfinished week got a hatched legend swatch
    that looked like the "not over yet" entry (audit crop c10)."""
    counts = _counts()
    new = pd.DataFrame(
        {"week_start": [RECENT[-1]], "week": ["2026-W47"], "channel": ["other"], "items": [3]}
    )
    fig = figures.weekly_channel_bars(
        pd.concat([counts, new], ignore_index=True),
        channel_names={"other": "Overig"},
        x_title="Week",
        y_title="Items",
        unfinished=(RECENT[-1].date(), "nog niet om"),
    )
    in_legend = [tr for tr in fig.data if tr.showlegend is not False and tr.name != "nog niet om"]
    assert "Overig" in [tr.name for tr in in_legend]
    assert all(tr.marker.pattern.shape in (None, "") for tr in in_legend)
    drawn = [tr for tr in fig.data if tr.name == "Overig" and tr.showlegend is False]
    assert [list(tr.y) for tr in drawn] == [[3]]  # its bar is still drawn, hatched


def test_a_quiet_theme_chart_runs_to_the_workspace_latest_week():
    """A theme last seen in July showed a chart ending in July while the data ran to 30 Sep:
    with ``through`` its axis ends at the workspace's latest week like every other chart."""
    july = _counts()[lambda f: pd.to_datetime(f["week_start"]) <= RECENT[20]]
    fig = figures.weekly_channel_bars(
        july, channel_names={}, x_title="Week", y_title="Items", through=RECENT[-1].date()
    )
    assert pd.Timestamp(fig.layout.xaxis.range[1]) >= RECENT[-1]
    assert figures.weeks_before_window(july["week_start"], 26, RECENT[-1].date())[0] > 0
    assert figures.weeks_before_window(july["week_start"], 0, RECENT[-1].date()) == (0, None)


def test_week_bars_show_the_largest_and_the_biggest_movers():
    """The Overview's bars showed only the 8 largest: a theme that fell from 15 to 8, one of
    the week's biggest drops, was missing."""
    table = pd.DataFrame(
        {
            "label": [f"thema {i}" for i in range(10)] + ["omhoog gegaan"],
            "this_week": [20, 19, 18, 17, 16, 15, 14, 13, 12, 12, 8],
            "last_week": [20, 19, 18, 17, 16, 15, 14, 13, 12, 12, 15],
        }
    )
    rows = figures.week_bar_rows(table)
    assert "omhoog gegaan" in set(rows["label"])
    assert len(rows) == 9  # 8 largest + the one that moved (the others did not change)
    fig = figures.theme_week_bars(table, this_label="a", last_label="b", x_title="Items")
    assert "omhoog gegaan" in list(fig.data[0].y)


def test_long_theme_names_wrap_instead_of_being_cut():
    fig = figures.theme_week_bars(
        pd.DataFrame(
            {"label": ["medewerker van de klantenservice"], "this_week": [12], "last_week": [19]}
        ),
        this_label="a",
        last_label="b",
        x_title="Items",
    )
    assert fig.data[0].y[0] == "medewerker van de<br>klantenservice"
    assert figures.wrap("a <b> " + "woord " * 30).count("<br>") == 1
    assert "<b>" not in figures.wrap("a <b> " + "woord " * 30)


def test_heatmap_colours_each_row_by_its_own_peak_and_marks_the_open_week():
    """One big main theme washed every other row to white; the unfinished week looked like
    a drop."""
    weeks = RECENT[-4:]
    matrix = pd.DataFrame(
        {
            "week_start": [*weeks, *weeks],
            "week": ["w"] * 8,
            "theme_id": [1] * 4 + [2] * 4,
            "label": ["Groot"] * 4 + ["Klein"] * 4,
            "items": [400, 500, 450, 100, 1, 4, 2, 1],
        }
    )
    note = "Week 47 van 2026 t/m 20 nov, nog niet om"
    fig = figures.theme_week_heatmap(
        matrix,
        x_title="Week",
        colour_title="%",
        hover="{week}: {items}",
        count_text=lambda n: plural("count.items", n, "nl"),
        lang="nl",
        unfinished=(weeks[-1].date(), note),
    )
    z = fig.data[0].z
    assert max(z[1]) == 1.0 and max(z[0]) == 1.0  # the small row reaches full colour too
    assert fig.data[0].text[1][1].endswith("4 berichten")  # the count itself in the hover
    assert fig.data[0].text[1][0].endswith(": 1 bericht")  # not "1 berichten"
    assert note in fig.data[0].text[0][-1]
    assert [a.text for a in fig.layout.annotations] == [note]
    (shape,) = fig.layout.shapes
    assert pd.Timestamp(shape.x0) < weeks[-1] < pd.Timestamp(shape.x1)


@pytest.mark.parametrize("per_week, dtick", [(1, 1), (3, 1), (40, None)])
def test_count_axes_tick_whole_numbers(per_week, dtick):
    """A theme of a few items a week gets ticks one apart (plotly put them at 0,5 steps:
    "1,5 berichten"); larger counts keep plotly's own whole steps."""
    counts = _counts().assign(items=lambda f: np.where(f["channel"] == "email", per_week, 0))
    bars = figures.weekly_channel_bars(counts, channel_names={}, x_title="Week", y_title="Items")
    assert bars.layout.yaxis.dtick == dtick
    matrix = counts.groupby(["week_start", "week"], as_index=False)["items"].sum()
    heat = figures.theme_week_heatmap(
        matrix.assign(theme_id=1, label="App"), x_title="Week", colour_title="Items"
    )
    assert list(heat.data[0].colorbar.tickvals) == [0, 0.5, 1]  # shares of the row's peak
    table = pd.DataFrame({"label": ["App"], "this_week": [per_week], "last_week": [0]})
    theme = figures.theme_week_bars(table, this_label="a", last_label="b", x_title="Items")
    assert theme.layout.xaxis.dtick == dtick
