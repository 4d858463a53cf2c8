"""One theme: label, keywords, weekly volume per channel, quotes; rename, merge, split, undo.

Every edit first shows what will change and waits for a confirmation.
"""

from __future__ import annotations

import streamlit as st

from analysis.summary import CLEAR_SENTIMENT
from dashboard import data, downloads, page_registry, state, theme_engine
from dashboard import formatting as fmt
from dashboard.figures import weekly_channel_bars, weeks_before_window
from dashboard.i18n import channel_names, current_language, plural, t, trend_rules_text
from dashboard.plain_text import keyword_list, md
from dashboard.problem_text import error_message
from dashboard.theme_rows import in_full, shown_label, top_choices, top_id_of, top_label_of
from ingest.errors import KlantstemError

PENDING = state.THEME_EDIT


def _current_theme(choices) -> int | None:
    raw = st.query_params.get("theme")
    ids = [int(i) for i in choices["theme_id"]]
    try:
        wanted = int(raw) if raw is not None else None
    except ValueError:
        wanted = None
    return wanted if wanted in ids else (ids[0] if ids else None)


def render() -> None:
    lang = current_language()
    state.show_flash()
    choices = data.theme_choices(lang=lang)
    theme_id = _current_theme(choices)
    if theme_id is None:
        st.title(t("theme.title"))
        st.info(t("themes.none"))
        return
    mark = t("themes.proposed_mark")  # as the Themes page lists it: "student (voorgesteld)"
    labels = {
        int(i): shown_label(label, status, mark)
        for i, label, status in zip(
            choices["theme_id"], choices["label"], choices["status"], strict=True
        )
    }
    st.page_link(
        page_registry.page(page_registry.THEMES),
        label=t("theme.back"),
        query_params=state.link_params(),
    )
    picked = st.selectbox(
        t("theme.pick"),
        list(labels),
        index=list(labels).index(theme_id),
        format_func=lambda i: labels[i],
        key=f"theme_pick_{theme_id}_{lang}_{state.data_version()}",  # fresh names after an edit,
    )
    if picked != theme_id:
        st.query_params["theme"] = str(picked)
        st.rerun()
    info = data.theme_info(theme_id, lang=lang)
    st.title(md(shown_label(info.label, info.status, mark)))
    if info.renamed and info.label != info.engine_label:
        st.caption(md(t("theme.engine_label").format(label=info.engine_label)))
    tree = data.theme_tree(lang=lang)
    top = top_label_of(tree, theme_id)
    if (
        top and top.casefold() != info.label.casefold()
    ):  # "Hoofdthema: dagen later" on "dagen later" says nothing
        st.caption(md(t("theme.top").format(label=top)))
    st.caption(md(t("theme.keywords") + ": " + keyword_list(info.keywords)))
    _edit_panel(theme_id, info.label, labels, tree)

    weekly = data.theme_weekly_channel_counts(theme_id)
    quotes = data.theme_quotes(theme_id, limit=50)
    names = channel_names(lang)
    table = data.theme_table(lang=lang)  # the Themes page's table: cached when coming from it
    row = table[table["theme_id"] == theme_id]
    sentiment = float(row["sentiment"].iloc[0]) if len(row) else float("nan")
    impact = float(row["rating_impact"].iloc[0]) if len(row) else float("nan")
    cols = st.columns(5)
    items = int(weekly["items"].sum())
    cols[0].metric(t("theme.items"), fmt.number(items, lang), help=t("theme.items_help"))
    cols[1].metric(
        t("theme.weeks"), fmt.number(weekly["week"].nunique(), lang), help=t("theme.weeks_help")
    )
    cols[2].metric(
        t("theme.channels"),
        fmt.number(weekly["channel"].nunique(), lang),
        help=t("theme.channels_help"),
    )
    cols[3].metric(
        t("themes.col.sentiment"),
        fmt.signed(sentiment, lang, 2),
        help=t("sentiment.help"),
    )
    cols[4].metric(
        t("themes.col.rating_impact"),
        fmt.DASH if impact != impact else fmt.signed(impact, lang, 1) + " ★",
        help=t("themes.col.rating_impact_help"),
    )
    if len(row):
        _polarity(row.iloc[0], lang)
    st.subheader(t("theme.per_week"), help=trend_rules_text(lang))
    fig = weekly_channel_bars(
        weekly,
        channel_names=names,
        x_title=t("chart.week"),
        y_title=t("chart.items"),
        empty_message=t("theme.nothing"),  # other themes may have feedback in the filters
        spikes=data.spike_markers(lang=lang, theme_id=theme_id),
        spike_name=t("chart.spike"),
        spike_hover=t("chart.spike_hover"),
        spike_busier=t("flag.spike.busier"),
        lang=lang,
        weeks=state.chart_weeks(),
        unfinished=data.unfinished_week(lang),
        through=data.latest_week().monday,
        started=data.started_week(lang),
    )
    st.plotly_chart(fig, width="stretch", key="theme_weekly")
    _weeks_left_out(weekly, lang)
    st.subheader(t("theme.quotes"), help=t("theme.quotes_help"))
    if quotes.empty:
        st.info(t("theme.nothing"))
        return
    shown = quotes.assign(
        channel=[names.get(c, c) for c in quotes["channel"]],
        rating=[
            fmt.rating(r, m, lang)
            for r, m in zip(quotes["rating"], quotes["rating_scale_max"], strict=True)
        ],
        language=[fmt.language_name(c, lang) for c in quotes["language"]],
    )[["received_at", "channel", "rating", "language", "quote"]]
    # The few most typical quotes in full (a table cell cuts long text), those in the
    # reader's language first, then all of them; each without greeting and sign-off.
    for row in shown.loc[in_full(quotes, lang).index].itertuples(index=False):
        with st.container(border=True):
            st.text(row.quote)
            st.caption(
                md(
                    " · ".join(
                        v
                        for v in (
                            fmt.day_month(row.received_at, lang, year=True),
                            row.channel,
                            row.rating,
                            row.language,
                        )
                        if v
                    )
                )
            )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="theme_quotes",
        column_config={
            "received_at": st.column_config.DatetimeColumn(t("col.date"), format=fmt.TABLE_DATE),
            "channel": st.column_config.TextColumn(t("col.channel")),
            "rating": st.column_config.TextColumn(t("col.rating")),
            "language": st.column_config.TextColumn(t("col.language"), width="small"),
            "quote": st.column_config.TextColumn(t("col.quote"), width="large"),
        },
    )
    if len(quotes) < items:  # the table is a selection: says so, and of how many
        st.caption(
            t("theme.quotes_count").format(
                shown=fmt.number(len(quotes), lang), items=fmt.number(items, lang)
            )
        )
    st.download_button(
        t("theme.download"),
        data=downloads.quotes_csv(quotes, lang),
        file_name=t("file.theme", lang).format(id=theme_id),
        mime="text/csv",
        key="theme_download",
    )


def _polarity(row, lang: str) -> None:
    """How many of the theme's items are negative, neutral and positive (they add up to the
    items; those without a sentiment said apart): praise in a theme named after a complaint
    shows here."""
    scored = int(row["scored"])
    if scored == 0:
        return
    positive, negative = int(row["positive"]), int(row["negative"])
    text = t("theme.polarity").format(
        negative=fmt.number(negative, lang),
        neutral=fmt.number(scored - positive - negative, lang),
        positive=fmt.number(positive, lang),
    )
    unscored = int(row["items"]) - scored
    if unscored:
        text += t("theme.polarity_unscored").format(count=fmt.number(unscored, lang))
    st.caption(
        text,
        help=t("theme.polarity_help").format(clear=fmt.number(CLEAR_SENTIMENT, lang, 1)),
    )


def _weeks_left_out(weekly, lang: str) -> None:
    """Says so when the chart's window leaves weeks of this theme out ("Weeks with feedback"
    counts them all)."""
    n, first = weeks_before_window(
        weekly["week_start"], state.chart_weeks(), data.latest_week().monday
    )
    if not n or first is None:
        return
    st.caption(
        plural(
            "theme.weeks_left_out",
            n,
            lang,
            day=fmt.day_month(first, lang, year=True),
            all=t("filters.weeks.all"),
            setting=t("filters.weeks"),
        )
    )


def _edit_panel(theme_id: int, label: str, labels: dict[int, str], tree) -> None:
    pending = state.remembered(PENDING)
    if pending and pending.get("theme_id") == theme_id:
        _confirm(pending)
        return
    with st.expander(t("theme.edit")):
        rename_col, merge_col = st.columns(2)
        with rename_col.form(f"rename_{theme_id}", border=False):
            new_name = st.text_input(t("theme.rename_to"), value=label, max_chars=80)
            if st.form_submit_button(t("theme.rename")):
                name = state.checked(
                    lambda ws: theme_engine.checked_name(ws, "theme", theme_id, new_name)
                )
                if name is not None and name != label:
                    _ask(
                        "rename",
                        theme_id,
                        t("confirm.rename").format(old=label, new=name),
                        done=t("done.rename").format(old=label, new=name),
                        name=name,
                    )
        others = [i for i in labels if i != theme_id]
        with merge_col.form(f"merge_{theme_id}", border=False):
            target = st.selectbox(t("theme.merge_into"), others, format_func=labels.__getitem__)
            if st.form_submit_button(t("theme.merge"), disabled=not others) and target is not None:
                _ask(
                    "merge",
                    theme_id,
                    t("confirm.merge").format(old=label, new=labels[target]),
                    done=t("done.merge").format(old=label, new=labels[target]),
                    into=int(target),
                )
        tops = top_choices(tree)
        here = top_id_of(tree, theme_id)
        if [i for i in tops if i != here]:
            with st.form(f"move_top_{theme_id}", border=False):
                # starts at the theme's own main theme: the picker shows where it is now
                ids = list(tops)
                target_top = st.selectbox(
                    t("tops.move_to"),
                    ids,
                    index=ids.index(here) if here in ids else None,
                    format_func=tops.__getitem__,
                )
                moved = target_top is not None and target_top != here
                if st.form_submit_button(t("tops.move")) and moved:
                    _ask(
                        "move_top",
                        theme_id,
                        t("confirm.move_top").format(theme=label, new=tops[target_top]),
                        done=t("done.move_top").format(theme=label, new=tops[target_top]),
                        top_id=int(target_top),
                    )
        split_col, undo_col = st.columns(2)
        if split_col.button(
            t("theme.split"),
            key=f"split_{theme_id}",
        ):
            _ask("split", theme_id, t("confirm.split").format(old=label), old=label)
        last = data.last_edit()
        if undo_col.button(
            t("theme.undo"),
            key=f"undo_{theme_id}",
            disabled=last is None,
        ):
            _ask(
                "undo",
                theme_id,
                t("confirm.undo").format(edit=_describe(last)),
                done=t("done.undo").format(edit=_describe(last)),
            )


def _describe(edit) -> str:
    if not edit:
        return ""
    kind = str(edit["kind"])
    return t(f"edit.{kind}") if t(f"edit.{kind}") != f"edit.{kind}" else kind


def _split_done(old: str, parts: list[int]) -> str:
    """What a split did, naming its parts (read after the edit: fresh names)."""
    choices = data.theme_choices(lang=current_language())
    labels = dict(zip(choices["theme_id"].astype(int), choices["label"], strict=True))
    names = [f"“{labels.get(p, p)}”" for p in parts]
    listed = ", ".join(names[:-1]) + f" {t('done.and')} " + names[-1]
    key = "done.split_two" if len(parts) == 2 else "done.split_more"
    return t(key).format(old=old, parts=listed)


def _ask(kind: str, theme_id: int, message: str, **params) -> None:
    state.remember(PENDING, {"kind": kind, "theme_id": theme_id, "message": message, **params})
    st.rerun()


def _confirm(pending: dict) -> None:
    st.warning(md(pending["message"]))
    ok, cancel = st.columns([1, 6])
    if ok.button(t("confirm.yes"), type="primary", key="confirm_edit"):
        state.forget(PENDING)
        ws = state.workspace()
        kind, theme_id = pending["kind"], pending["theme_id"]
        try:
            if kind == "rename":
                theme_engine.rename(ws, theme_id, pending["name"])
            elif kind == "merge":
                theme_engine.merge(ws, [theme_id], pending["into"])
                st.query_params["theme"] = str(pending["into"])
            elif kind == "split":
                parts = theme_engine.split(ws, theme_id)
                st.query_params["theme"] = str(parts[0])  # the old theme is gone
                pending["done"] = _split_done(pending["old"], parts)
            elif kind == "move_top":
                theme_engine.move_to_top(ws, theme_id, pending["top_id"])
            else:
                theme_engine.undo(ws)
        except KlantstemError as exc:
            st.error(md(error_message(exc, current_language())))
            return
        state.flash(pending.get("done") or t("edit.done"))
        st.rerun()
    if cancel.button(t("confirm.no"), key="cancel_edit"):
        state.forget(PENDING)
        st.rerun()
