"""Themes: every theme with its size, trend, sentiment and channels; filter, sort, open one."""

from __future__ import annotations

import streamlit as st

from analysis.safe_tables import frame_csv_bytes
from dashboard import data, page_registry, state, theme_engine
from dashboard.i18n import channel_names, current_language, t, trend_rules_text
from dashboard.plain_text import md
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
    left, right, button = st.columns([5, 3, 2], vertical_alignment="bottom")
    contains = left.text_input(
        t("themes.filter"), key="themes_contains", placeholder=t("themes.filter_hint")
    )
    order = right.selectbox(
        t("themes.sort"), ORDERS, key="themes_order", format_func=lambda o: t(f"themes.sort.{o}")
    )
    with button:
        clicked = _refresh_button(coverage.items)
    if clicked:
        _refresh()
    table = data.theme_table(lang=lang, contains=contains, order=order)
    if table.empty:
        st.info(t("themes.no_match"))
        return
    names = channel_names(lang)
    shown = table.assign(
        channels=[", ".join(names.get(c, c) for c in cs) for cs in table["channels"]],
        keywords=[", ".join(k) for k in table["keywords"]],
        share=table["share"] * 100,
        flag=[t(f"flag.{f}") for f in table["flag"]],
    )[
        [
            "theme_id",
            "label",
            "items",
            "share",
            "trend",
            "flag",
            "change",
            "sentiment",
            "rating_impact",
            "channels",
            "keywords",
        ]
    ]
    event = st.dataframe(
        shown,
        key="themes_table",
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 740),  # every theme visible up to ~20 rows
        column_order=[c for c in shown.columns if c != "theme_id"],
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "theme_id": st.column_config.NumberColumn("#", width="small"),
            "label": st.column_config.TextColumn(t("themes.col.label"), width="medium"),
            "items": st.column_config.NumberColumn(t("themes.col.items"), format="%d"),
            "share": st.column_config.ProgressColumn(
                t("themes.col.share"),
                format="%.1f%%",
                min_value=0,
                max_value=max(float(shown["share"].max()), 1.0),  # bars relative to the largest
            ),
            "trend": st.column_config.LineChartColumn(
                t("themes.col.trend"), y_min=0, help=t("themes.col.trend_help")
            ),
            "flag": st.column_config.TextColumn(t("themes.col.flag"), help=trend_rules_text(lang)),
            "change": st.column_config.NumberColumn(
                t("themes.col.change"), format="%+d", help=t("themes.col.change_help")
            ),
            "sentiment": st.column_config.NumberColumn(
                t("themes.col.sentiment"), format="%.2f", help=t("sentiment.help")
            ),
            "rating_impact": st.column_config.NumberColumn(
                t("themes.col.rating_impact"),
                format="%+.1f ★",
                help=t("themes.col.rating_impact_help"),
            ),
            "channels": st.column_config.TextColumn(t("themes.col.channels")),
            "keywords": st.column_config.TextColumn(t("themes.col.keywords"), width="large"),
        },
    )
    st.caption(t("themes.select_hint"))
    rows = event.selection.rows if event is not None else []
    if rows:
        theme_id = int(shown.iloc[rows[0]]["theme_id"])
        st.switch_page(
            page_registry.page(page_registry.THEME), query_params={"theme": str(theme_id)}
        )
    pick_col, open_col, dl_col = st.columns([3, 1, 1], vertical_alignment="bottom")
    labels = dict(zip(table["theme_id"], table["label"], strict=True))
    chosen = pick_col.selectbox(
        t("themes.open"),
        list(labels),
        key="themes_pick",
        format_func=lambda i: f"{labels[i]} ({i})",
    )
    with open_col:
        st.page_link(
            page_registry.page(page_registry.THEME),
            label=t("themes.open_button"),
            query_params={"theme": str(chosen)},
        )
    dl_col.download_button(
        t("themes.download"),
        data=frame_csv_bytes(table.drop(columns=["trend", "spike_channels"])),
        file_name="klantstem-themes.csv",
        mime="text/csv",
        key="themes_download",
    )
    st.caption(md(t("themes.count").format(n=len(table), total=coverage.themes)))


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
