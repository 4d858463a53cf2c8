"""Pure plotly figures. Never imports streamlit; every function returns a ``go.Figure``."""

from __future__ import annotations

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


def weekly_channel_bars(
    counts: pd.DataFrame, *, channel_names: dict[str, str], x_title: str, y_title: str
) -> go.Figure:
    """Stacked weekly bars per channel from ``weekly_channel_counts`` output."""
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
    fig.update_layout(
        barmode="stack",
        xaxis_title=x_title,
        yaxis_title=y_title,
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 40, "r": 10, "t": 10, "b": 40},
        height=380,
    )
    fig.update_xaxes(tickformat="%d %b", dtick=7 * 24 * 3600 * 1000 * 2)
    return fig
