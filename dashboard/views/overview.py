"""Overview: how much feedback arrived, per channel, per week."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.figures import weekly_channel_bars
from dashboard.i18n import channel_names, current_language, t


def render() -> None:
    st.title(t("overview.title"))
    path, version, flt = state.workspace_path(), state.data_version(), state.filters()
    counts = state.cached_counts(path, version, flt)
    if counts.items == 0:
        st.info(t("overview.empty"))
        return
    names = channel_names(current_language())
    cols = st.columns(1 + len(counts.channels))
    cols[0].metric(t("overview.items"), f"{counts.items:,}")
    for col, (channel, n) in zip(cols[1:], counts.channels.items(), strict=True):
        col.metric(names.get(channel, channel), f"{n:,}")
    st.subheader(t("overview.per_week"))
    weekly = state.cached_weekly_channel_counts(path, version, flt)
    fig = weekly_channel_bars(
        weekly, channel_names=names, x_title=t("chart.week"), y_title=t("chart.items")
    )
    st.plotly_chart(fig, use_container_width=True, key="overview_weekly")
