"""Unsorted inbox: feedback no theme took, with its nearest theme; assign one or group several."""

from __future__ import annotations

import streamlit as st

from dashboard import data, state, theme_engine
from dashboard import formatting as fmt
from dashboard.i18n import channel_names, current_language, plural, t
from dashboard.inbox import Choice, choices_for, closeness, no_suggestion, suggestion
from dashboard.plain_text import md
from dashboard.problem_text import error_message
from ingest.errors import KlantstemError

PAGE_SIZE = 20
PENDING = state.NEW_THEME


def render() -> None:
    st.title(t("unsorted.title"))
    state.show_flash()
    lang = current_language()
    coverage = data.theme_coverage()
    cols = st.columns(3)
    cols[0].metric(t("unsorted.count"), fmt.number(coverage.unsorted, lang))
    cols[1].metric(
        t("overview.coverage"),
        fmt.percent(coverage.share_sorted, lang, 0) if coverage.themes else fmt.DASH,
    )
    cols[2].metric(t("unsorted.themes"), fmt.number(coverage.themes, lang))
    if coverage.themes == 0:
        st.info(t("themes.none"))
        return
    if coverage.unsorted == 0:
        st.success(t("unsorted.empty"))
        return
    pages = max(1, -(-coverage.unsorted // PAGE_SIZE))
    page = (
        st.number_input(
            t("unsorted.page").format(pages=pages),
            min_value=1,
            max_value=pages,
            value=1,
            step=1,
            key="unsorted_page",
        )
        if pages > 1
        else 1
    )
    items = data.unsorted_items(lang=lang, limit=PAGE_SIZE, offset=(int(page) - 1) * PAGE_SIZE)
    names = channel_names(lang)
    similarities = data.theme_similarities(tuple(items["id"]), lang=lang)
    threshold = data.placement_threshold()
    suggested = data.placement_suggestions(tuple(items["id"]))
    selected: list[str] = []
    for row in items.itertuples(index=False):
        with st.container(border=True):
            pick, body, action = st.columns([0.4, 6, 2.4], vertical_alignment="center")
            if pick.checkbox(
                t("unsorted.select"), key=f"sel_{row.id}", label_visibility="collapsed"
            ):
                selected.append(row.id)
            body.text(row.text)
            body.caption(
                md(
                    " · ".join(
                        [
                            fmt.day_month(row.received_at, lang, year=True),
                            names.get(row.channel, row.channel),
                            fmt.language_name(row.language, lang),
                        ]
                    )
                )
            )
            _assign(
                action,
                row.id,
                choices_for(similarities, row.id),
                suggested.themes.get(row.id),
                suggested.opposed.get(row.id),
                threshold,
                lang,
            )
    _new_theme(selected)


def _assign(
    column,
    item_id: str,
    choices: list[Choice],
    placed_in: int | None,
    opposed: tuple[int, int] | None,
    threshold: float,
    lang: str,
) -> None:
    """A searchable picker of every theme (nearest first, closeness in words) and "Assign";
    ``placed_in``: where placement would put the item (suggested, first in the list);
    ``opposed``: the theme of the other tone it was kept out of (no suggestion, and why)."""
    suggested = suggestion(choices, placed_in)
    if suggested is not None:
        choices = [suggested, *(c for c in choices if c is not suggested)]
        kind = closeness(suggested.similarity, threshold, suggested=True)
        column.caption(md(t(f"unsorted.like.{kind}").format(label=suggested.label)))
    else:
        key, label = no_suggestion(choices, opposed)
        column.caption(md(t(key).format(label=label)))
    by_id = {c.theme_id: c for c in choices}

    def option(theme_id: int) -> str:
        choice = by_id[theme_id]
        kind = closeness(choice.similarity, threshold, suggested=theme_id == placed_in)
        return t(f"unsorted.option.{kind}").format(label=choice.label) if kind else choice.label

    picked = column.selectbox(
        t("unsorted.pick"),
        list(by_id),
        index=0 if suggested is not None else None,
        format_func=option,
        placeholder=t("unsorted.pick_placeholder"),
        help=t("unsorted.pick_help"),
        label_visibility="collapsed",
        key=f"pick_{item_id}_{lang}",
    )
    if column.button(t("unsorted.assign"), key=f"assign_{item_id}", disabled=picked is None):
        label = by_id[int(picked)].label
        _run(
            lambda: theme_engine.move(state.workspace(), item_id, int(picked)),
            t("unsorted.assigned").format(label=label),
        )


def _new_theme(selected: list[str]) -> None:
    st.divider()
    name = st.text_input(t("unsorted.new_name"), key="unsorted_new_name", max_chars=80)
    pending = state.remembered(PENDING)
    if pending:
        st.warning(md(plural("confirm.new_theme", len(pending["ids"]), name=pending["name"])))
        ok, cancel = st.columns([1, 6])
        if ok.button(t("confirm.yes"), type="primary", key="confirm_new_theme"):
            state.forget(PENDING)
            _run(
                lambda: theme_engine.new_theme_from(
                    state.workspace(), pending["ids"], pending["name"]
                ),
                plural("unsorted.created", len(pending["ids"]), name=pending["name"]),
            )
        if cancel.button(t("confirm.no"), key="cancel_new_theme"):
            state.forget(PENDING)
            st.rerun()
        return
    if st.button(
        t("unsorted.create").format(n=len(selected)),
        key="unsorted_create",
        disabled=not selected or not name.strip(),
    ):
        state.remember(PENDING, {"ids": selected, "name": name.strip()})
        st.rerun()


def _run(action, message: str) -> None:
    try:
        action()
    except KlantstemError as exc:
        st.error(md(error_message(exc, current_language())))
        return
    state.flash(message)
    st.rerun()
