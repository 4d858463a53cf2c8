"""The Themes page's edits of the theme tree: rename a top theme, move a theme to another top
theme, merge top themes, undo. Like the theme page's edits, each first says what will change
and waits for a confirmation (kept in :data:`dashboard.state.TOP_EDIT`)."""

from __future__ import annotations

import streamlit as st

from dashboard import data, state, theme_engine
from dashboard.i18n import current_language, t
from dashboard.plain_text import md
from dashboard.problem_text import error_message
from dashboard.theme_rows import top_choices
from ingest.errors import KlantstemError

PENDING = state.TOP_EDIT


def render(lang: str) -> None:
    """The edit forms, in one expander under the tree (none while a confirmation waits)."""
    if state.remembered(PENDING):
        return
    tree = data.theme_tree(lang=lang)
    tops = top_choices(tree)
    themes = dict(zip(tree["theme_id"].astype(int), tree["label"].astype(str), strict=True))
    version = state.data_version()  # pickers keyed by it: fresh names after an edit
    with st.expander(t("tops.edit")):
        rename_col, merge_col = st.columns(2)
        with rename_col.form(f"top_rename_{lang}_{version}", border=False):
            st.markdown(f"**{md(t('tops.rename_title'))}**")
            top = st.selectbox(
                t("tops.top"),
                list(tops),
                format_func=tops.__getitem__,
                key=f"top_rename_pick_{version}",
            )
            name = st.text_input(t("theme.rename_to"), max_chars=80, key=f"top_name_{version}")
            if st.form_submit_button(t("theme.rename")) and top is not None:
                clean = state.checked(lambda ws: theme_engine.checked_name(ws, "top", top, name))
                if clean is not None and clean != tops[top]:
                    message = t("confirm.rename_top").format(old=tops[top], new=clean)
                    done = t("done.rename_top").format(old=tops[top], new=clean)
                    _ask("rename_top", message, done=done, top_id=int(top), name=clean)
        with merge_col.form(f"top_merge_{lang}_{version}", border=False):
            st.markdown(f"**{md(t('tops.merge_title'))}**")
            source = st.selectbox(
                t("tops.merge_what"),
                list(tops),
                format_func=tops.__getitem__,
                key=f"top_merge_source_{version}",
            )
            target = st.selectbox(
                t("theme.merge_into"),
                list(tops),
                index=min(1, len(tops) - 1),
                format_func=tops.__getitem__,
                key=f"top_merge_target_{version}",
            )
            if (
                st.form_submit_button(t("theme.merge"), disabled=len(tops) < 2)
                and source is not None
                and target is not None
            ):
                if source == target:
                    st.error(t("tops.merge_same"))
                else:
                    message = t("confirm.merge_top").format(old=tops[source], new=tops[target])
                    done = t("done.merge_top").format(old=tops[source], new=tops[target])
                    _ask("merge_top", message, done=done, source=int(source), into=int(target))
        move_col, undo_col = st.columns(2)
        with move_col.form(f"top_move_{lang}_{version}", border=False):
            st.markdown(f"**{md(t('tops.move_title'))}**")
            theme = st.selectbox(
                t("tops.theme"),
                list(themes),
                format_func=themes.__getitem__,
                key=f"top_move_theme_{version}",
            )
            target = st.selectbox(
                t("tops.move_to"),
                list(tops),
                format_func=tops.__getitem__,
                key=f"top_move_to_{version}",
            )
            if (
                st.form_submit_button(t("tops.move"))
                and theme is not None
                and target is not None
                and state.checked(lambda ws: theme_engine.check_move(ws, theme, target) or True)
            ):
                message = t("confirm.move_top").format(theme=themes[theme], new=tops[target])
                done = t("done.move_top").format(theme=themes[theme], new=tops[target])
                _ask("move_top", message, done=done, theme_id=int(theme), top_id=int(target))
        last = data.last_edit()
        undo_col.markdown(f"**{md(t('tops.undo_title'))}**")
        if undo_col.button(t("theme.undo"), key="top_undo", disabled=last is None):
            _ask(
                "undo",
                t("confirm.undo").format(edit=describe(last)),
                done=t("done.undo").format(edit=describe(last)),
            )


def describe(edit) -> str:
    """An edit of the log in words (``hernoemen``, ``hoofdthema samenvoegen``, ...)."""
    if not edit:
        return ""
    kind = str(edit["kind"])
    return t(f"edit.{kind}") if t(f"edit.{kind}") != f"edit.{kind}" else kind


def _ask(kind: str, message: str, **params) -> None:
    state.remember(PENDING, {"kind": kind, "message": message, **params})
    st.rerun()


def confirm_pending() -> None:
    """The waiting edit's question with Confirm / Cancel, at the top of the page."""
    pending = state.remembered(PENDING)
    if not pending:
        return
    st.warning(md(pending["message"]))
    ok, cancel = st.columns([1, 6])
    if ok.button(t("confirm.yes"), type="primary", key="confirm_top_edit"):
        state.forget(PENDING)
        ws = state.workspace()
        kind = pending["kind"]
        try:
            if kind == "rename_top":
                theme_engine.rename_top(ws, pending["top_id"], pending["name"])
            elif kind == "merge_top":
                theme_engine.merge_tops(ws, [pending["source"]], pending["into"])
            elif kind == "move_top":
                theme_engine.move_to_top(ws, pending["theme_id"], pending["top_id"])
            else:
                theme_engine.undo(ws)
        except KlantstemError as exc:
            st.error(md(error_message(exc, current_language())))
            return
        state.flash(pending.get("done") or t("edit.done"))
        st.rerun()
    if cancel.button(t("confirm.no"), key="cancel_top_edit"):
        state.forget(PENDING)
        st.rerun()
