"""Trends by channel: weekly volume per channel, theme × week heatmap, channels compared."""

from __future__ import annotations

import streamlit as st

from dashboard import data, state
from dashboard import formatting as fmt
from dashboard.figures import channel_theme_heatmap, theme_week_heatmap, weekly_channel_bars
from dashboard.i18n import channel_names, current_language, plural, t, trend_rules_text
from dashboard.theme_rows import top_choices
from dashboard.tree_level import Level, pick_level

FEWEST_ROWS, MOST_ROWS, DEFAULT_ROWS = 5, 30, 12
"""The heatmap's row control: from 5 to 30 rows, 12 at first; never more than there are."""


def render() -> None:
    st.title(t("trends.title"))
    lang = current_language()
    names = channel_names(lang)
    weekly = data.weekly_channel_counts()
    if weekly.empty:
        st.info(t("filters.nothing"))
        return
    st.subheader(t("trends.volume"), help=trend_rules_text(lang, ("spike",)))
    st.plotly_chart(
        weekly_channel_bars(
            weekly,
            channel_names=names,
            x_title=t("chart.week"),
            y_title=t("chart.items"),
            spikes=data.spike_markers(lang=lang),
            spike_name=t("chart.spike"),
            spike_hover=t("chart.spike_hover"),
            spike_busier=t("flag.spike.busier"),
            lang=lang,
            weeks=state.chart_weeks(),
            unfinished=data.unfinished_week(lang),
            started=data.started_week(lang),
        ),
        width="stretch",
        key="trends_weekly",
    )

    st.subheader(t("trends.heatmap"))
    level_col, top_col = st.columns(2, vertical_alignment="bottom")
    level = pick_level("trends_level", lang, level_col)
    top = _rows_shown(level, lang, top_col)
    matrix = data.theme_week_matrix(lang=lang, top=top, level=level.level, top_id=level.top_id)
    st.caption(t("trends.heat_caption"))
    st.plotly_chart(
        theme_week_heatmap(
            matrix,
            x_title=t("chart.week"),
            colour_title=t("trends.heat_colour"),
            hover=t("trends.heat_hover"),
            count_text=lambda n: plural("count.items", n, lang),
            empty_message=t("themes.none"),
            lang=lang,
            weeks=state.chart_weeks(),
            unfinished=data.unfinished_week(lang),
            through=data.latest_week().monday,
            started=data.started_week(lang),
        ),
        width="stretch",
        key="trends_heatmap",
    )

    st.subheader(t("trends.channels"))
    summary = data.channel_summary()
    shown = summary.assign(
        channel=[names.get(c, c) for c in summary["channel"]],
        sentiment=[fmt.signed(v, lang, 2) for v in summary["sentiment"]],
        rating=[fmt.number(None if v is None else v * 100, lang) for v in summary["rating"]],
        unsorted=[fmt.percent(v, lang) for v in summary["unsorted"]],
        items=[fmt.number(v, lang) for v in summary["items"]],
        weeks=[fmt.number(v, lang) for v in summary["weeks"]],
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="trends_channel_table",
        column_config={
            "channel": st.column_config.TextColumn(t("col.channel")),
            "items": st.column_config.TextColumn(t("chart.items")),
            "sentiment": st.column_config.TextColumn(
                t("themes.col.sentiment"), help=t("sentiment.help")
            ),
            "rating": st.column_config.TextColumn(t("trends.rating"), help=t("trends.rating_help")),
            "unsorted": st.column_config.TextColumn(
                t("trends.unsorted"), help=t("trends.unsorted_help")
            ),
            "weeks": st.column_config.TextColumn(t("trends.weeks"), help=t("trends.weeks_help")),
        },
    )
    shares = data.channel_theme_shares(lang=lang, top=10, level=level.level, top_id=level.top_id)
    st.caption(t("trends.shares_caption"))
    st.plotly_chart(
        channel_theme_heatmap(
            shares,
            channel_names=names,
            colour_title="%",
            empty_message=t("themes.none"),
            lang=lang,
        ),
        width="stretch",
        key="trends_shares",
    )


def _rows_shown(level: Level, lang: str, container) -> int:
    """How many rows the heatmap shows: the manager's choice on a slider that only reaches
    as far as there are themes at this level (9 main themes gave a slider to 30 that did
    nothing past 9); no slider when there are no more than :data:`FEWEST_ROWS`."""
    tree = data.theme_tree(lang=lang)
    if level.tops:
        available = len(top_choices(tree))
    elif level.top_id is not None:
        available = int((tree["top_id"] == level.top_id).sum())
    else:
        available = len(tree)
    most = min(MOST_ROWS, available)
    if most <= FEWEST_ROWS:
        return max(most, 1)
    return int(
        container.slider(
            t("trends.top_n"),
            min_value=FEWEST_ROWS,
            max_value=most,
            value=min(DEFAULT_ROWS, most),
            step=1,
            key=f"trends_top_{level.level}_{level.top_id}_{state.data_version()}",
        )
    )
