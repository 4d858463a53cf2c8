"""Themes: every theme with its size, trend, sentiment and channels; filter, sort, open one."""

from __future__ import annotations

import streamlit as st

from dashboard import data, page_registry, state, theme_engine
from dashboard import formatting as fmt
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
    names = channel_names(lang)
    shown = table.assign(
        channels=[", ".join(names.get(c, c) for c in cs) for cs in table["channels"]],
        keywords=[", ".join(k) for k in table["keywords"]],
        share=table["share"] * 100,
        share_text=[fmt.percent(v, lang) for v in table["share"]],
        items_text=[fmt.number(v, lang) for v in table["items"]],
        change_text=[fmt.signed(v, lang) for v in table["change"]],
        sentiment_text=[fmt.signed(v, lang, 2) for v in table["sentiment"]],
        impact_text=[
            fmt.DASH if v != v or v is None else fmt.signed(v, lang, 1) + " ★"
            for v in table["rating_impact"]
        ],
        flag=[t(f"flag.{f}") for f in table["flag"]],
    )
    # Numbers go in as text in the UI language's notation (Streamlit's number formats know
    # only the point); the page's own "Sort by" orders the rows.
    columns = [
        "theme_id",
        "label",
        "items_text",
        "share_text",
        "trend",
        "flag",
        "change_text",
        "sentiment_text",
        "impact_text",
        "channels",
        "keywords",
    ]
    # The numbers themselves stay in the frame, unshown, for readers of the selection.
    shown = shown[[*columns, "items", "share", "change", "sentiment", "rating_impact"]]
    event = st.dataframe(
        shown,
        key="themes_table",
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 740),  # every theme visible up to ~20 rows
        column_order=[c for c in columns if c != "theme_id"],
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "label": st.column_config.TextColumn(t("themes.col.label"), width="medium"),
            "items_text": st.column_config.TextColumn(t("themes.col.items"), width=70),
            "share_text": st.column_config.TextColumn(t("themes.col.share"), width=70),
            "trend": st.column_config.LineChartColumn(
                t("themes.col.trend"), y_min=0, help=t("themes.col.trend_help"), width=110
            ),
            "flag": st.column_config.TextColumn(
                t("themes.col.flag"), help=trend_rules_text(lang), width=80
            ),
            "change_text": st.column_config.TextColumn(
                t("themes.col.change"), help=t("themes.col.change_help"), width=70
            ),
            "sentiment_text": st.column_config.TextColumn(
                t("themes.col.sentiment"), help=t("sentiment.help"), width=80
            ),
            "impact_text": st.column_config.TextColumn(
                t("themes.col.rating_impact"), help=t("themes.col.rating_impact_help"), width=90
            ),
            "channels": st.column_config.TextColumn(t("themes.col.channels"), width=150),
            "keywords": st.column_config.TextColumn(t("themes.col.keywords"), width="medium"),
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
    labels = dict(zip(table["theme_id"], table["label"], strict=True))
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
        data=table.drop(columns=["trend", "spike_channels"]).to_csv(index=False).encode("utf-8"),
        file_name="klantstem-themes.csv",
        mime="text/csv",
        key="themes_download",
    )
    st.caption(
        md(
            t("themes.count").format(
                n=fmt.number(len(table), lang), total=fmt.number(coverage.themes, lang)
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
