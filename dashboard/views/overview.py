"""Overview: what changed this week, per channel; sentiment; how much is sorted; what rises."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from analysis.trends import scaled_for_channel
from dashboard import data, page_registry, state
from dashboard import formatting as fmt
from dashboard.figures import WEEK_BAR_LARGEST, theme_week_bars, week_bar_rows, weekly_channel_bars
from dashboard.i18n import channel_names, current_language, decimal, plural, t, trend_rules_text
from dashboard.plain_text import md
from dashboard.tree_level import pick_level

if TYPE_CHECKING:
    from workspace.queries import WorkspaceCounts
    from workspace.weeks import WeekTotals


def render() -> None:
    st.title(t("overview.title"))
    state.show_flash()
    lang = current_language()
    counts = data.workspace_counts()
    if counts.items == 0:
        st.info(t("filters.nothing") if state.filters_active() else t("overview.empty"))
        return
    names = channel_names(lang)
    wow = data.week_over_week()
    coverage = data.theme_coverage()
    totals = data.week_totals()

    cols = st.columns(4)
    cols[0].metric(
        t("overview.items"), fmt.number(counts.items, lang), help=t("overview.items_help")
    )
    if left_out := _left_out(counts, lang):
        cols[0].caption(left_out)
    cols[1].metric(
        _week_label(totals, "overview.this_week", lang),
        fmt.number(totals.this_week, lang),
        delta=fmt.delta(totals.this_week - totals.last_week, lang),
        delta_arrow=fmt.delta_arrow(totals.this_week - totals.last_week),
        delta_color="off",  # more or less feedback is neither good nor bad in itself
        help=t("overview.this_week_help"),
    )
    sentiment, previous = totals.sentiment_this, totals.sentiment_last
    change = shown = None
    if sentiment is not None and previous is not None:
        change = sentiment - previous
        shown = fmt.shown_change(previous, sentiment, 2)  # as the two rounded weeks differ
    cols[2].metric(
        t("overview.sentiment"),
        fmt.signed(sentiment, lang, 2),
        delta=fmt.delta(shown, lang, 2),  # the difference of the two numbers a reader sees
        delta_arrow=fmt.delta_arrow(shown, 2),
        delta_color=fmt.sentiment_delta_color(change),  # ordinary variation stays grey
        help=t("sentiment.help")
        + " "
        + t("overview.sentiment_shift_help").format(shift=fmt.number(fmt.SENTIMENT_SHIFT, lang, 2)),
    )
    cols[3].metric(
        t("overview.coverage"),
        fmt.percent(coverage.share_sorted, lang, 0) if coverage.themes else fmt.DASH,
        help=plural("overview.coverage_help", coverage.unsorted, lang),
    )

    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("overview.week_vs_last"))
        _channels_this_week(wow, totals, names, lang)
        st.subheader(t("overview.per_week"))
        weekly = data.weekly_channel_counts()
        fig = weekly_channel_bars(
            weekly,
            channel_names=names,
            x_title=t("chart.week"),
            y_title=t("chart.items"),
            lang=lang,
            weeks=state.chart_weeks(),
            unfinished=data.unfinished_week(lang),
        )
        st.plotly_chart(fig, width="stretch", key="overview_weekly")
    with right:
        st.subheader(t("overview.rising"), help=trend_rules_text(lang))
        _flagged(totals, lang)
        _themes_this_week(totals, lang)


CHANNELS_PER_ROW = 3


def _left_out(counts: WorkspaceCounts, lang: str) -> str:
    """What the item count leaves out, with its numbers: the company's own replies and
    internal notes are imported (and counted by the import) but are not customer feedback."""
    parts = []
    if counts.own_replies:
        parts.append(plural("overview.own_replies", counts.own_replies, lang))
    if counts.internal_notes:
        parts.append(plural("overview.internal_notes", counts.internal_notes, lang))
    return " ".join(parts)


def _week_label(totals: WeekTotals, key: str, lang: str) -> str:
    """``Week 48 van 2026``, or ``Week 48 van 2026 t/m 25 nov`` while the week is not over
    (its figures are then compared with the same days of the week before)."""
    # the metric's label starts with the week; the caption says it mid-sentence
    week = fmt.week_name(totals.week, lang, capital=t(key).startswith("{week}"))
    if totals.partial and totals.last_day is not None:
        day = fmt.day_month(totals.last_day, lang)
        return t(f"{key}_partial").format(week=week, day=day)
    return t(key).format(week=week)


def _channels_this_week(
    wow: pd.DataFrame, totals: WeekTotals, names: dict[str, str], lang: str
) -> None:
    """Per channel, this week's count and its change from last week: numbers, not a chart
    (a bar chart of the two weeks cost the first visit ~0.5 s; the weekly chart under them
    shows the weeks before)."""
    if wow.empty:
        return
    st.caption(_week_label(totals, "overview.week_vs_last_caption", lang))
    rows = [wow.iloc[i : i + CHANNELS_PER_ROW] for i in range(0, len(wow), CHANNELS_PER_ROW)]
    for part in rows:
        cols = st.columns(CHANNELS_PER_ROW)
        for col, row in zip(cols, part.itertuples(index=False), strict=False):
            change = int(row.this_week) - int(row.last_week)
            col.metric(
                names.get(row.channel, row.channel),
                fmt.number(int(row.this_week), lang),
                delta=fmt.delta(change, lang),
                delta_arrow=fmt.delta_arrow(change),
                delta_color="off",  # more or less feedback is neither good nor bad in itself
                help=t(
                    "overview.last_week_count_partial"
                    if totals.partial
                    else "overview.last_week_count"
                ).format(items=plural("count.items", int(row.last_week), lang)),
            )


def _themes_this_week(totals: WeekTotals, lang: str) -> None:
    """Top themes (or themes) this week against last week, with a control to go down."""
    if not data.theme_coverage().themes:
        return
    st.subheader(t("overview.themes"))
    level = pick_level("overview_level", lang)
    if level.tops:
        table = data.top_theme_table(lang=lang)
    else:
        table = data.theme_table(lang=lang, top_id=level.top_id)
    st.plotly_chart(
        theme_week_bars(
            table,
            this_label=t("overview.this"),
            last_label=t("overview.last_partial" if totals.partial else "overview.last"),
            x_title=t("chart.items"),
            empty_message=t("filters.nothing"),
            lang=lang,
        ),
        width="stretch",
        key="overview_themes",
    )
    _shown_caption(table, lang)
    if totals.star_only or totals.unsorted:
        st.caption(
            plural(
                "overview.themes_count",
                totals.this_week,
                lang,
                themed=fmt.number(totals.themed, lang),
                stars=fmt.number(totals.star_only, lang),
                unsorted=fmt.number(totals.unsorted, lang),
            )
        )


def _shown_caption(table: pd.DataFrame, lang: str) -> None:
    """Which rows the week bars show when not all: the chart never leaves themes out
    silently."""
    shown = len(week_bar_rows(table))
    if shown >= len(table):
        return
    movers = shown - min(WEEK_BAR_LARGEST, shown)
    key = "overview.themes_shown" if movers else "overview.themes_shown_largest"
    st.caption(
        t(key).format(
            shown=fmt.number(shown, lang),
            total=fmt.number(len(table), lang),
            largest=fmt.number(WEEK_BAR_LARGEST, lang),
        )
    )


def _flagged(totals: WeekTotals, lang: str) -> None:
    """Spikes, new and rising themes of this week: one line each, as the trend rule says
    (over the same days of earlier weeks while the week is not over)."""
    flagged = data.flagged_themes(lang=lang)
    if totals.partial and totals.last_day is not None:
        st.caption(t("overview.flags_same_days").format(day=fmt.day_month(totals.last_day, lang)))
    if flagged.empty:
        text = t("overview.no_rising")
        rise = data.largest_unflagged_rise(lang=lang)
        if rise is not None:  # the bars beside it may show 9 -> 18: say why that is no flag
            text += " " + t("overview.unflagged_rise").format(
                label=rise["label"],
                items=fmt.number(int(rise["items"]), lang),
                baseline=decimal(float(rise["baseline"]), lang),
            )
        st.caption(md(text))
        return
    names = channel_names(lang)
    for row in flagged.itertuples(index=False):
        label = t(f"flag.{row.flag}.line").format(
            label=row.label,
            channel=names.get(row.channel, row.channel),
            items=row.items,
            baseline=decimal(row.baseline, lang),
            busier=t("flag.spike.busier").format(growth=decimal(row.channel_growth, lang))
            if scaled_for_channel(row.channel_growth)
            else "",
        )
        st.page_link(
            page_registry.page(page_registry.THEME),
            label=md(label),
            query_params=state.link_params(theme=str(row.theme_id)),
        )
