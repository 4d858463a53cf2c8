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
