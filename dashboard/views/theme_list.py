"""Themes: every theme with its size, trend, sentiment and channels; filter, sort, open one."""

from __future__ import annotations

import streamlit as st

from dashboard import data, downloads, page_registry, state, theme_engine
from dashboard import formatting as fmt
from dashboard.figures import NEUTRAL
from dashboard.i18n import channel_names, current_language, t, trend_rules_text
from dashboard.plain_text import md
from dashboard.theme_rows import SHOWN, display_rows, top_choices
from ingest.errors import KlantstemError

ORDERS = ("items", "change", "sentiment", "label")


def render() -> None:
    st.title(t("themes.title"))
    state.show_flash()
    lang = current_language()
    coverage = data.theme_coverage()
    if coverage.themes == 0:
        st.info(t("themes.none"))
        if _refresh_button(coverage.items):
            _refresh()
        return
    tree = data.theme_tree(lang=lang)
    tops = top_choices(tree)
    left, top_col, right, button = st.columns([4, 3, 2, 2], vertical_alignment="bottom")
    contains = left.text_input(
        t("themes.filter"), key="themes_contains", placeholder=t("themes.filter_hint")
    )
    top_theme = top_col.selectbox(
        t("themes.top"),
        [None, *tops],
        key=f"themes_top_{lang}_{state.data_version()}",  # fresh names after an edit
        format_func=lambda i: t("themes.top_all", lang) if i is None else tops[i],
        help=t("themes.top_help"),
    )
    order = right.selectbox(
        t("themes.sort"),
        ORDERS,
        key=f"themes_order_{lang}",  # per language: a keyed widget keeps its first labels
        format_func=lambda o: t(f"themes.sort.{o}", lang),
    )
    with button:
        clicked = _refresh_button(coverage.items)
    if clicked:
        _refresh()
    table = data.theme_table(lang=lang, contains=contains, order=order)
    if table.empty:
        st.info(t("themes.no_match"))
        return
    shown = display_rows(
        table,
        tree,
        lang=lang,
        channel_names=channel_names(lang),
        flag_names={f: t(f"flag.{f}") for f in ("spike", "new", "rising", "falling")},
        proposed_mark=t("themes.proposed_mark"),
        top_theme=top_theme,
    )
    if shown.empty:
        st.info(t("themes.no_match"))
        return
    # Numbers go in as text in the UI language's notation (Streamlit's number formats know
    # only the point); the page's own "Sort by" orders the rows. Widths add up to ~920 px: all
    # columns fit the main area of a 1400 px window with the sidebar open.
    event = st.dataframe(
        shown,
        key="themes_table",
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 740),  # every theme visible up to ~20 rows
        column_order=list(SHOWN),
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "label": st.column_config.TextColumn(t("themes.col.label"), width=175),
            "items_text": st.column_config.TextColumn(t("themes.col.items"), width=70),
            "share_text": st.column_config.TextColumn(t("themes.col.share"), width=62),
            "trend": st.column_config.LineChartColumn(
                t("themes.col.trend"),
                y_min=0,
                help=t("themes.col.trend_help"),
                width=90,
                color=NEUTRAL,
            ),
            "week_text": st.column_config.TextColumn(
                t("themes.col.flag"),
                help=t("themes.col.change_help") + " " + trend_rules_text(lang),
                width=92,
            ),
            "sentiment_text": st.column_config.TextColumn(
                t("themes.col.sentiment"), help=t("sentiment.help"), width=74
            ),
            "impact_text": st.column_config.TextColumn(
                t("themes.col.rating_impact_short"),
                help=t("themes.col.rating_impact_help"),
                width=70,
            ),
            "channels_text": st.column_config.TextColumn(t("themes.col.channels"), width=105),
            "keywords_text": st.column_config.TextColumn(t("themes.col.keywords"), width=145),
        },
    )
    st.caption(t("themes.select_hint"))
    rows = event.selection.rows if event is not None else []
    if rows:
        theme_id = int(shown.iloc[rows[0]]["theme_id"])
        st.switch_page(
            page_registry.page(page_registry.THEME),
            query_params=state.link_params(theme=str(theme_id)),
        )
    pick_col, open_col, dl_col = st.columns([3, 1, 1], vertical_alignment="bottom")
    labels = dict(zip(shown["theme_id"], shown["label"], strict=True))
    chosen = pick_col.selectbox(
        t("themes.open"),
        list(labels),
        key=f"themes_pick_{lang}_{state.data_version()}",
        format_func=lambda i: labels[i],
    )
    with open_col:
        st.page_link(
            page_registry.page(page_registry.THEME),
            label=t("themes.open_button"),
            query_params=state.link_params(theme=str(chosen)),
        )
    dl_col.download_button(
        t("themes.download"),
        data=downloads.themes_csv(table, lang),
        file_name="klantstem-themes.csv",
        mime="text/csv",
        key="themes_download",
    )
    st.caption(
        md(
            t("themes.count").format(
                n=fmt.number(len(shown), lang), total=fmt.number(coverage.themes, lang)
            )
        )
    )


def _refresh_button(items: int) -> bool:
    return st.button(
        t("themes.refresh"), key="themes_refresh", help=t("themes.refresh_help"), disabled=not items
    )


def _refresh() -> None:
    """Refresh with a progress bar, then rerun with the outcome shown at the top."""
    bar = st.progress(0.0, text=t("themes.refresh.progress"))

    def step(stage: str, fraction: float) -> None:
        bar.progress(max(0.0, min(fraction, 1.0)), text=t("themes.refresh.progress"))

    try:
        report = theme_engine.refresh(state.workspace(), progress=step)
    except KlantstemError as exc:
        st.error(md(str(exc)))
        return
    if report.kept_previous:
        message = t("themes.refresh.kept").format(items=report.items, unsorted=report.unsorted)
    else:
        message = t("themes.refresh.done").format(
            themes=report.themes,
            added=len(report.new_ids),
            retired=len(report.retired_ids),
            unsorted=report.unsorted,
            items=report.items,
        )
    state.flash(message)
    st.rerun()
