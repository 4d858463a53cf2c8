"""Make user text inert before it reaches anything that renders Markdown.

Feedback text and theme names come from customers and managers. Views show them with
``st.text`` / ``st.dataframe`` / ``st.code`` where possible; where a Markdown-rendering element
is unavoidable (titles, captions, button and link labels), :func:`md` escapes every character
Markdown, HTML or Streamlit's own directives (``:red[...]``, ``:material/...:``, ``$...$``)
would act on.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&^=\"'])")


def md(text: object) -> str:
    """``text`` escaped for Markdown: it renders as exactly these characters, never markup."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def isolate(text: str) -> str:
    """``text`` set apart from the line around it when it holds right-to-left script.

    A theme named in Arabic or Hebrew inside ``{label} — 112 items · …`` would otherwise pull
    the numbers beside it into its right-to-left run ("112 — جميل جدا items"). First-strong
    isolate and pop-directional-isolate marks (invisible) keep the name one unit in the line.
    """
    return f"\u2068{text}\u2069" if _RIGHT_TO_LEFT.search(text) else text


def keyword_list(keywords: list[str] | tuple[str, ...]) -> str:
    """Keywords joined with ``, ``, each isolated (:func:`isolate`): two Arabic keywords in one
    run swapped places around the comma ("هذا ,بدون" for ``بدون, هذا``)."""
    return ", ".join(isolate(" ".join(str(k).split())) for k in keywords)
