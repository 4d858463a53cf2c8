"""Themes: the theme tree (top themes with their size and trend, their themes inside with size,
trend, sentiment and channels); filter, sort, open one; rename, merge and regroup top themes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, downloads, page_registry, state, theme_engine, top_edit_panel
from dashboard import formatting as fmt
from dashboard.figures import NEUTRAL
from dashboard.i18n import channel_names, current_language, plural, t, trend_rules_text
from dashboard.plain_text import md
from dashboard.problem_text import error_message
from dashboard.theme_rows import SHOWN, display_rows, top_line, tree_adds_nothing, tree_groups
from ingest.errors import KlantstemError
from workspace.theme_queries import TREND_WEEKS

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
    top_edit_panel.confirm_pending()
    tree = data.theme_tree(lang=lang)
    left, right, button = st.columns([5, 3, 2], vertical_alignment="bottom")
    contains = left.text_input(
        t("themes.filter"), key="themes_contains", placeholder=t("themes.filter_hint")
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
    flags = {f: t(f"flag.{f}") for f in ("spike", "new", "rising", "falling")}

    def rows_of(themes):
        return display_rows(
            themes,
            tree,
            lang=lang,
            channel_names=channel_names(lang),
            flag_names=flags,
            proposed_mark=t("themes.proposed_mark"),
        )

    tops = data.top_theme_table(lang=lang, order=order)
    flat = tops.empty or tree_adds_nothing(tree)
    if flat:  # no tree yet (themes from before it), or each main theme is one theme
        shown = rows_of(table)
        _open_on_click(_grid(shown, "themes_table", lang), shown)
    else:
        # a top theme whose name matches the filter shows all its themes: read them all
        every = data.theme_table(lang=lang, order=order) if contains.strip() else table
        shown = _tree(tops, rows_of(every), table, contains, flags, lang)
    if shown.empty:
        st.info(t("themes.no_match"))
        return
    st.caption(t("themes.select_hint") if flat else t("themes.tree_hint"))
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
        data=downloads.themes_csv(table, lang, None if flat else tree),
        file_name=t("file.themes", lang),
        mime="text/csv",
        key="themes_download",
    )
    st.caption(
        md(plural("themes.count", coverage.themes, lang, shown=fmt.number(len(shown), lang)))
    )
    if not tops.empty:
        top_edit_panel.render(lang)


def _tree(tops, rows, table, contains: str, flags: dict[str, str], lang: str):
    """One expander per top theme (its size and trend in the heading), its themes inside;
    every top theme open while the text filter is set. Returns the theme rows shown."""
    matched = {int(i) for i in table["theme_id"]} if contains.strip() else None
    groups = tree_groups(tops, rows, matched=matched, contains=contains)
    loose = rows[rows["top_id"].isna()]
    if matched is not None:
        loose = loose[loose["theme_id"].isin(matched)]
    for top, subs in groups:
        heading = top_line(top, lang=lang, flag_names=flags, template=t("themes.top_line"))
        with st.expander(md(heading), expanded=matched is not None):
            _open_on_click(_grid(subs, f"themes_table_{int(top['top_id'])}", lang), subs)
    if len(loose):
        with st.expander(md(t("themes.no_top")), expanded=matched is not None):
            _open_on_click(_grid(loose, "themes_table_loose", lang), loose)
    shown = [subs for _, subs in groups] + ([loose] if len(loose) else [])
    return pd.concat(shown) if shown else rows.head(0)


def _grid(shown, key: str, lang: str):
    """The themes as a table with a row click; numbers as text in the UI language's notation
    (Streamlit's number formats know only the point), ordered by the page's own "Sort by".
    Widths add up to ~830 px: every column fits the main area (inside an expander too) of a
    1400 px window with the sidebar open."""
    return st.dataframe(
        shown,
        key=key,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 740),  # every theme visible up to ~20 rows
        column_order=list(SHOWN),
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "label": st.column_config.TextColumn(t("themes.col.label"), width=190),
            "items_text": st.column_config.TextColumn(t("themes.col.items"), width=70),
            "share_text": st.column_config.TextColumn(
                t("themes.col.share"), help=t("themes.col.share_help"), width=60
            ),
            "trend": st.column_config.LineChartColumn(
                t("themes.col.trend"),
                y_min=0,
                help=_trend_help(lang),
                width=112,
                color=NEUTRAL,
            ),
            "week_text": st.column_config.TextColumn(
                t("themes.col.flag"),
                help=t("themes.col.change_help") + " " + trend_rules_text(lang),
                width=90,
            ),
            "sentiment_text": st.column_config.TextColumn(
                t("themes.col.sentiment"), help=t("sentiment.help"), width=74
            ),
            "impact_text": st.column_config.TextColumn(
                t("themes.col.rating_impact_short"),
                help=t("themes.col.rating_impact_help"),
                width=62,
            ),
            "channels_text": st.column_config.TextColumn(
                t("themes.col.channels"), help=t("themes.col.channels_help"), width=170
            ),
        },
    )


def _trend_help(lang: str) -> str:
    """Which weeks the trend line covers: whole weeks only, so it ends a week early while the
    latest week is not over (:attr:`workspace.localtime.LatestWeek.last_whole_monday`)."""
    latest = data.latest_week()
    span = latest.trend_weeks(TREND_WEEKS)
    if span is None:
        return ""
    first, last = span
    first_name, last_name = fmt.week_span(first, last, lang)
    text = t("themes.col.trend_help", lang).format(first=first_name, last=last_name, n=TREND_WEEKS)
    if not latest.over:
        text += " " + t("themes.col.trend_unfinished", lang).format(
            week=fmt.week_name(latest.week, lang, capital=True), column=t("themes.col.flag", lang)
        )
    return text


def _open_on_click(event, shown) -> None:
    rows = event.selection.rows if event is not None else []
    if rows:
        theme_id = int(shown.iloc[rows[0]]["theme_id"])
        st.switch_page(
            page_registry.page(page_registry.THEME),
            query_params=state.link_params(theme=str(theme_id)),
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
        st.error(md(error_message(exc, current_language())))
        return
    lang = current_language()
    if report.kept_previous:
        message = t("themes.refresh.kept").format(
            items=plural("count.items", report.items, lang),
            unsorted=fmt.number(report.unsorted, lang),
        )
    else:
        message = t("themes.refresh.done").format(
            themes=plural("count.themes", report.themes, lang),
            added=fmt.number(len(report.new_ids), lang),
            retired=fmt.number(len(report.retired_ids), lang),
            unsorted=fmt.number(report.unsorted, lang),
            items=plural("count.items", report.items, lang),
        )
    if report.undo_closed:
        message += " " + t("themes.refresh.undo_closed")
    state.flash(message)
    st.rerun()
