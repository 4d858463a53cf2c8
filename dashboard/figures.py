"""Pure plotly figures. Never imports streamlit; every function returns a ``go.Figure``.

Figures receive query results (already aggregated in DuckDB) and display names; they only
reshape for plotting. Long labels are shortened here so axes never overlap.
"""

from __future__ import annotations

import html
import math
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from dashboard.formatting import MONTHS, day_month, number

# One colour meaning per chart: channels keep these everywhere; red and green are kept for
# negative and positive only (none of the channels uses them), markers are neutral dark.
CHANNEL_COLOURS = {
    "email": "#4C78A8",
    "review": "#F58518",
    "app_review": "#72B7B2",
    "ticket": "#B279A2",
    "chat": "#EECA3B",
    "survey": "#9D755D",
    "other": "#9AA5B1",
}
NEGATIVE = "#C0392B"
POSITIVE = "#2E8B57"
NEUTRAL = "#5B6770"
MARKER = "#222222"
_FONT = {"family": "sans-serif", "size": 13}

DEFAULT_WEEKS = 26
"""Weeks a weekly chart shows unless the manager widens it (an old import must not squeeze
the recent weeks into a sliver)."""
WEEK_CHOICES = (26, 52, 104, 0)
"""The widening control's steps; 0 means every week with data."""


def week_window(week_starts: pd.Series, weeks: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last week start shown: the latest ``weeks`` weeks up to the newest data
    (``weeks`` 0: from the oldest data)."""
    starts = pd.to_datetime(week_starts)
    last = starts.max()
    if not weeks:
        return starts.min(), last
    return max(starts.min(), last - pd.Timedelta(weeks=weeks - 1)), last


def all_week_starts(first: pd.Timestamp, last: pd.Timestamp) -> pd.DatetimeIndex:
    """Every week start from ``first`` to ``last`` (weeks without data included: gaps)."""
    return pd.date_range(first, last, freq="7D")


def week_ticks(
    first: pd.Timestamp, last: pd.Timestamp, lang: str, max_ticks: int = 13
) -> tuple[list[pd.Timestamp], list[str]]:
    """Tick positions and year-aware labels for a weekly date axis, in ``lang``.

    Up to ~30 weeks: week starts (``3 aug``), the year under the first tick and wherever it
    changes. Longer: the first week of every k-th month (``aug<br>2026``), always with the year.
    """
    weeks = int((last - first).days // 7) + 1
    if weeks <= 30:
        step = max(1, math.ceil(weeks / max_ticks))
        values = list(all_week_starts(first, last))[::step]
        texts, year = [], None
        for value in values:
            text = day_month(value, lang)
            if value.year != year:
                text += f"<br>{value.year}"
                year = value.year
            texts.append(text)
        return values, texts
    months = weeks / 4.35
    step = next(k for k in (1, 2, 3, 6, 12, 24, 60) if months / k <= max_ticks)
    values, texts = [], []
    month = pd.Timestamp(first.year, first.month, 1)
    while month <= last:
        if (month.month - 1) % step == 0 and month >= first - timedelta(days=6):
            values.append(month)
            names = MONTHS.get(lang, MONTHS["en"])
            texts.append(
                f"{names[month.month - 1]}<br>{month.year}" if step < 12 else str(month.year)
            )
        month = (month + pd.DateOffset(months=1)).normalize()
    return values, texts


def _week_axis(fig: go.Figure, first: pd.Timestamp, last: pd.Timestamp, lang: str) -> None:
    values, texts = week_ticks(first, last, lang)
    fig.update_xaxes(
        type="date",
        tickmode="array",
        tickvals=values,
        ticktext=texts,
        range=[first - pd.Timedelta(days=4), last + pd.Timedelta(days=4)],
        automargin=True,
    )


def shorten(label: str, width: int = 38) -> str:
    """One line of at most ``width`` characters (with an ellipsis when cut), HTML-escaped:
    plotly renders a subset of HTML in labels, and theme names come from users."""
    label = " ".join(str(label).split())
    label = label if len(label) <= width else label[: width - 1].rstrip() + "…"
    return html.escape(label)


def row_names(labels: list[str], width: int = 34) -> list[str]:
    """Shortened names for a chart's rows, each distinct: a name that repeats (two themes may
    share one, or two long ones shorten alike) gets a running number, never an id."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for label in labels:
        name = shorten(label, width)
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def count_ticks(top: float) -> dict[str, float]:
    """Axis settings for a count axis whose largest value is ``top``: whole numbers only.

    Plotly's automatic ticks on a range up to 5 fall on halves ("1,5 berichten" for a theme
    of a few items a week); below 6 the ticks are set one apart, above it plotly's own steps
    are whole numbers already."""
    return {"tick0": 0, "dtick": 1} if top < 6 else {}


def _empty(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=message, showarrow=False, font={"size": 15}, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=200, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def weekly_channel_bars(
    counts: pd.DataFrame,
    *,
    channel_names: dict[str, str],
    x_title: str,
    y_title: str,
    empty_message: str = "",
    spikes: pd.DataFrame | None = None,
    spike_name: str = "Spike",
    spike_hover: str = "{label} in {channel}: {items} / {baseline}",
    lang: str = "en",
    weeks: int = DEFAULT_WEEKS,
    unfinished: tuple[date, str] | None = None,
) -> go.Figure:
    """Stacked weekly bars per channel from ``weekly_channel_counts`` output.

    Shows the latest ``weeks`` weeks (0: all) on a date axis, so a week without feedback is
    an empty slot, never bridged. ``spikes`` (``spike_markers`` output) puts a marker above
    each week that holds one, with ``spike_hover`` (fields ``label``, ``channel``, ``items``,
    ``baseline``) per spike. ``unfinished`` (the Monday of a week that is not over, and a
    note such as "Week 2016-W39 t/m 30 sep") hatches that week's bars and names the hatch
    in the legend, so a short bar does not read as a drop.
    """
    if counts.empty:
        return _empty(empty_message)
    first, last = week_window(counts["week_start"], weeks)
    counts = counts[pd.to_datetime(counts["week_start"]).between(first, last)]
    open_week = pd.Timestamp(unfinished[0]) if unfinished else None
    fig = go.Figure()
    for channel, part in counts.groupby("channel", sort=True):
        starts = pd.to_datetime(part["week_start"])
        is_open = (starts == open_week).tolist() if open_week is not None else [False] * len(part)
        fig.add_bar(
            x=starts,
            y=part["items"],
            name=channel_names.get(str(channel), str(channel)),
            marker_color=CHANNEL_COLOURS.get(str(channel)),
            marker_pattern_shape=["/" if o else "" for o in is_open],
            customdata=[
                f"{w} ({unfinished[1]})" if o and unfinished else str(w)
                for w, o in zip(part["week"], is_open, strict=True)
            ],
            hovertemplate="%{customdata}: %{y}<extra>%{fullData.name}</extra>",
        )
    if unfinished and open_week in set(pd.to_datetime(counts["week_start"])):
        fig.add_bar(  # a legend entry only: the hatch explained
            x=[None],
            y=[None],
            name=html.escape(unfinished[1]),
            marker={"color": "#FFFFFF", "line": {"color": NEUTRAL, "width": 1}},
            marker_pattern={"shape": "/", "fgcolor": NEUTRAL},
            hoverinfo="skip",
        )
    if spikes is not None and not spikes.empty:
        spikes = spikes[pd.to_datetime(spikes["week_start"]).between(first, last)]
    if spikes is not None and not spikes.empty:
        _spike_markers(fig, counts, spikes, channel_names, spike_name, spike_hover, lang)
    fig.update_layout(
        barmode="stack",
        xaxis_title=x_title,
        yaxis_title=y_title,
        # above the plot: below it, the legend ran into the week labels and the axis title
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"l": 50, "r": 10, "t": 30, "b": 40},
        height=400,
        font=_FONT,
        separators=",." if lang == "nl" else ".,",
    )
    _week_axis(fig, first, last, lang)
    fig.update_yaxes(**count_ticks(float(counts.groupby("week_start")["items"].sum().max())))
    return fig


def _spike_markers(
    fig: go.Figure,
    counts: pd.DataFrame,
    spikes: pd.DataFrame,
    channel_names: dict[str, str],
    name: str,
    hover: str,
    lang: str = "en",
) -> None:
    """A dark triangle above each week's stacked bar for the spikes of that week."""
    heights = counts.groupby(pd.to_datetime(counts["week_start"]))["items"].sum()
    spikes = spikes.assign(week_start=pd.to_datetime(spikes["week_start"]))
    weeks = sorted(set(spikes["week_start"]))
    texts = []
    for week in weeks:
        rows = spikes[spikes["week_start"] == week]
        texts.append(
            "<br>".join(
                hover.format(
                    label=shorten(str(r.label)),
                    channel=html.escape(channel_names.get(str(r.channel), str(r.channel))),
                    items=number(int(r.items), lang),
                    baseline=number(float(r.baseline), lang, 1),
                )
                for r in rows.itertuples(index=False)
            )
        )
    top = float(heights.max()) if len(heights) else 1.0
    fig.add_scatter(
        x=weeks,
        y=[float(heights.get(w, 0)) + 0.04 * top for w in weeks],
        mode="markers",
        name=name,
        marker={"symbol": "triangle-down", "size": 13, "color": MARKER},
        text=texts,
        hovertemplate="%{text}<extra></extra>",
    )


def theme_week_heatmap(
    matrix: pd.DataFrame,
    *,
    x_title: str,
    colour_title: str,
    empty_message: str = "",
    lang: str = "en",
    weeks: int = DEFAULT_WEEKS,
) -> go.Figure:
    """Themes (rows, largest on top) × weeks from ``theme_week_matrix`` output.

    The latest ``weeks`` weeks (0: all) on a date axis; a week without any feedback is an
    empty column, so weeks years apart never sit side by side.
    """
    if matrix.empty:
        return _empty(empty_message)
    first, last = week_window(matrix["week_start"], weeks)
    themes = list(dict.fromkeys(matrix["theme_id"]))
    labels = dict(zip(matrix["theme_id"], matrix["label"], strict=False))
    names = row_names([str(labels[i]) for i in themes])
    frame = matrix.assign(week_start=pd.to_datetime(matrix["week_start"]))
    columns = all_week_starts(first, last)
    pivot = (
        frame.pivot(index="theme_id", columns="week_start", values="items").reindex(
            index=themes, columns=columns
        )  # weeks without data: NaN, drawn empty
    )
    week_names = [f"{d.isocalendar().year}-W{d.isocalendar().week:02d}" for d in columns]
    top = float(pivot.max().max()) if pivot.notna().any().any() else 0.0
    fig = go.Figure(
        go.Heatmap(
            z=pivot.to_numpy(),
            x=list(columns),
            y=names,
            customdata=[week_names] * len(themes),
            colorscale="Blues",
            colorbar={"title": {"text": colour_title}, "thickness": 12, **count_ticks(top)},
            hovertemplate="%{y}<br>%{customdata}: %{z}<extra></extra>",
            xgap=1,
            ygap=1,
            hoverongaps=False,
        )
    )
    fig.update_layout(
        height=140 + 30 * len(themes),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title=x_title,
        font=_FONT,
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    _week_axis(fig, first, last, lang)
    return fig


def channel_theme_heatmap(
    shares: pd.DataFrame,
    *,
    channel_names: dict[str, str],
    colour_title: str,
    empty_message: str = "",
    lang: str = "en",
) -> go.Figure:
    """Share of each channel's items per theme (``channel_theme_shares`` output), in %."""
    if shares.empty:
        return _empty(empty_message)
    themes = list(dict.fromkeys(shares["theme_id"]))
    labels = dict(zip(shares["theme_id"], shares["label"], strict=False))
    pivot = shares.pivot(index="theme_id", columns="channel", values="share").reindex(themes)
    z = pivot.to_numpy() * 100
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[channel_names.get(c, c) for c in pivot.columns],
            y=row_names([str(labels[i]) for i in themes]),
            colorscale="Oranges",
            text=[[f"{v:.0f}%" for v in row] for row in z],
            texttemplate="%{text}",
            colorbar={"title": {"text": colour_title}, "thickness": 12},
            hovertemplate="%{y}<br>%{x}: %{z:.1f}%<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_layout(
        height=120 + 30 * len(themes),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font=_FONT,
        separators=",." if lang == "nl" else ".,",
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_xaxes(side="top", type="category")
    return fig


def theme_week_bars(
    table: pd.DataFrame,
    *,
    this_label: str,
    last_label: str,
    x_title: str,
    empty_message: str = "",
    lang: str = "en",
    limit: int = 8,
) -> go.Figure:
    """Horizontal bars per theme (or top theme): the latest week against the week before.

    ``table``: rows with ``label``, ``this_week``, ``last_week`` (``theme_table`` or
    ``top_theme_table`` output), the ``limit`` largest this week on top.
    """
    if table.empty:
        return _empty(empty_message)
    rows = table.sort_values(["this_week", "last_week"], ascending=False, kind="stable").head(limit)
    names = row_names([str(v) for v in rows["label"]], 30)
    fig = go.Figure()
    for column, label, colour in (  # this week on top of each pair (the y axis runs down)
        ("this_week", this_label, "#4C78A8"),
        ("last_week", last_label, "#B8C4D6"),
    ):
        fig.add_bar(
            y=names,
            x=rows[column],
            name=label,
            orientation="h",
            marker_color=colour,
            text=[number(v, lang) for v in rows[column]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra>%{fullData.name}</extra>",
        )
    top = float(max(rows["this_week"].max(), rows["last_week"].max()))
    fig.update_layout(
        barmode="group",
        xaxis_title=x_title,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        margin={"l": 10, "r": 30, "t": 30, "b": 10},
        height=110 + 36 * len(rows),
        bargap=0.25,
        font=_FONT,
        separators=",." if lang == "nl" else ".,",
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_xaxes(range=[0, max(top, 1.0) * 1.15], **count_ticks(top))  # room for labels
    return fig
