"""The theme charts' level control: top themes (the default), every theme, or the themes of
one top theme. One widget, shared by the Overview and the Trends page."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import data, state
from dashboard.i18n import t
from dashboard.theme_rows import top_choices, tree_adds_nothing

TOPS = "top"
ALL = "all"


@dataclass(frozen=True, slots=True)
class Level:
    """What a theme chart shows: ``level`` ``"top"`` or ``"theme"``, and ``top_id`` when only
    the themes of one top theme are wanted."""

    level: str
    top_id: int | None = None
    top_label: str = ""

    @property
    def tops(self) -> bool:
        return self.level == "top"


def pick_level(key: str, lang: str, container=st) -> Level:
    """The level selectbox (none when the workspace has no top themes yet, or when each is
    one theme of its name, :func:`dashboard.theme_rows.tree_adds_nothing`: then themes)."""
    tree = data.theme_tree(lang=lang)
    tops = top_choices(tree)
    if not tops or tree_adds_nothing(tree):
        return Level("theme")
    options: list[object] = [TOPS, ALL, *tops]

    def name(option: object) -> str:
        if option == TOPS:
            return t("level.tops", lang)
        if option == ALL:
            return t("level.all", lang)
        return t("level.within", lang).format(label=tops[int(option)])

    chosen = container.selectbox(
        t("level.label", lang),
        options,
        format_func=name,
        key=f"{key}_{lang}_{state.data_version()}",  # fresh names after an edit
        help=t("level.help", lang),
    )
    if chosen == TOPS:
        return Level("top")
    if chosen == ALL:
        return Level("theme")
    return Level("theme", int(chosen), tops[int(chosen)])
