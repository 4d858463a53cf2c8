"""Pure plotly figures. Never imports streamlit; every function returns a ``go.Figure``.

Figures receive query results (already aggregated in DuckDB) and display names; they only
reshape for plotting. Long labels are shortened here so axes never overlap.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

CHANNEL_COLOURS = {
    "email": "#4C78A8",
    "review": "#F58518",
    "app_review": "#54A24B",
    "ticket": "#E45756",
    "chat": "#72B7B2",
    "survey": "#B279A2",
    "other": "#9D755D",
}
_FONT = {"family": "sans-serif", "size": 13}


def shorten(label: str, width: int = 38) -> str:
    """One line of at most ``width`` characters (with an ellipsis when cut), HTML-escaped:
    plotly renders a subset of HTML in labels, and theme names come from users."""
    label = " ".join(str(label).split())
    label = label if len(label) <= width else label[: width - 1].rstrip() + "…"
    return html.escape(label)


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
) -> go.Figure:
    """Stacked weekly bars per channel from ``weekly_channel_counts`` output.

    ``spikes`` (``spike_markers`` output) puts a marker above each week that holds one, with
    ``spike_hover`` (fields ``label``, ``channel``, ``items``, ``baseline``) per spike.
    """
    if counts.empty:
        return _empty(empty_message)
    fig = go.Figure()
    for channel, part in counts.groupby("channel", sort=True):
        fig.add_bar(
            x=part["week_start"],
            y=part["items"],
            name=channel_names.get(str(channel), str(channel)),
            marker_color=CHANNEL_COLOURS.get(str(channel)),
            customdata=part["week"],
            hovertemplate="%{customdata}: %{y}<extra>%{fullData.name}</extra>",
        )
    if spikes is not None and not spikes.empty:
        _spike_markers(fig, counts, spikes, channel_names, spike_name, spike_hover)
    fig.update_layout(
        barmode="stack",
        xaxis_title=x_title,
        yaxis_title=y_title,
        legend={"orientation": "h", "y": -0.25},
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        height=380,
        font=_FONT,
    )
    fig.update_xaxes(tickformat="%d %b", nticks=14, automargin=True)
    return fig


def _spike_markers(
    fig: go.Figure,
    counts: pd.DataFrame,
    spikes: pd.DataFrame,
    channel_names: dict[str, str],
    name: str,
    hover: str,
) -> None:
    """A red triangle above each week's stacked bar for the spikes of that week."""
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
                    items=int(r.items),
                    baseline=f"{float(r.baseline):.1f}",
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
        marker={"symbol": "triangle-down", "size": 13, "color": "#C0392B"},
        text=texts,
        hovertemplate="%{text}<extra></extra>",
    )


def week_over_week_bars(
    frame: pd.DataFrame,
    *,
    channel_names: dict[str, str],
    this_label: str,
    last_label: str,
    y_title: str,
) -> go.Figure:
    """Grouped bars per channel: the latest week against the week before."""
    names = [channel_names.get(c, c) for c in frame["channel"]]
    fig = go.Figure()
    fig.add_bar(x=names, y=frame["last_week"], name=last_label, marker_color="#B8C4D6")
    fig.add_bar(
        x=names,
        y=frame["this_week"],
        name=this_label,
        marker_color="#4C78A8",
        text=frame["this_week"],
        textposition="outside",
    )
    fig.update_layout(
        barmode="group",
        yaxis_title=y_title,
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 50, "r": 10, "t": 20, "b": 40},
        height=320,
        font=_FONT,
    )
    fig.update_yaxes(rangemode="tozero")
    return fig


def theme_week_heatmap(
    matrix: pd.DataFrame, *, x_title: str, colour_title: str, empty_message: str = ""
) -> go.Figure:
    """Themes (rows, largest on top) × ISO weeks from ``theme_week_matrix`` output."""
    if matrix.empty:
        return _empty(empty_message)
    themes = list(dict.fromkeys(matrix["theme_id"]))
    labels = dict(zip(matrix["theme_id"], matrix["label"], strict=False))
    # Two themes may share a label; the id keeps rows apart.
    names = [f"{shorten(labels[i], 34)} · {i}" for i in themes]
    pivot = matrix.pivot(index="theme_id", columns="week", values="items").reindex(themes)
    weeks = list(pivot.columns)
    fig = go.Figure(
        go.Heatmap(
            z=pivot.to_numpy(),
            x=weeks,
            y=names,
            colorscale="Blues",
            colorbar={"title": {"text": colour_title}, "thickness": 12},
            hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_layout(
        height=120 + 30 * len(themes),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title=x_title,
        font=_FONT,
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_xaxes(type="category", tickangle=-45, nticks=min(len(weeks), 20), automargin=True)
    return fig


def channel_theme_heatmap(
    shares: pd.DataFrame,
    *,
    channel_names: dict[str, str],
    colour_title: str,
    empty_message: str = "",
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
            y=[f"{shorten(labels[i], 34)} · {i}" for i in themes],
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
        height=120 + 30 * len(themes), margin={"l": 10, "r": 10, "t": 10, "b": 10}, font=_FONT
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_xaxes(side="top", type="category")
    return fig
