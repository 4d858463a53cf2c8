"""The Themes page's table as the manager reads it: numbers in the UI language, a flag and the
week's change in one column, proposed themes marked, the top theme of each theme.

Pure pandas (no streamlit): the view only renders what this returns.
"""

from __future__ import annotations

import pandas as pd

from dashboard import formatting as fmt

SHOWN = (
    "label",
    "items_text",
    "share_text",
    "trend",
    "week_text",
    "sentiment_text",
    "impact_text",
    "channels_text",
    "keywords_text",
)
"""Columns the table shows, in order; the frame keeps the raw numbers next to them."""


def _week_text(change: float, flag: str, lang: str) -> str:
    text = fmt.signed(change, lang)
    return f"{text} · {flag}" if flag else text


def display_rows(
    table: pd.DataFrame,
    tree: pd.DataFrame,
    *,
    lang: str,
    channel_names: dict[str, str],
    flag_names: dict[str, str],
    proposed_mark: str,
    top_theme: int | None = None,
) -> pd.DataFrame:
    """``theme_table`` rows for display, optionally only those under ``top_theme``.

    Args:
        table: ``data.theme_table`` output.
        tree: ``data.theme_tree`` output (``theme_id`` → ``top_id``, ``top_label``).
        lang: the UI language.
        channel_names: channel code → display name.
        flag_names: trend flag (``spike``, ``rising``, ...) → its word in ``lang``.
        proposed_mark: appended to the name of a proposed theme, e.g. ``" (voorgesteld)"``.
        top_theme: a ``top_id`` to keep only its themes; None keeps all.
    """
    tops = tree.set_index("theme_id")[["top_id", "top_label"]] if len(tree) else None
    rows = table.copy()
    if tops is not None:
        rows = rows.join(tops, on="theme_id")
    else:
        rows = rows.assign(top_id=None, top_label="")
    if top_theme is not None:
        rows = rows[rows["top_id"].eq(top_theme).fillna(False).astype(bool)]
    status = rows["status"] if "status" in rows else pd.Series("active", index=rows.index)
    return rows.assign(
        label=[
            f"{label}{proposed_mark}" if s == "proposed" else label
            for label, s in zip(rows["label"], status, strict=True)
        ],
        items_text=[fmt.number(v, lang) for v in rows["items"]],
        share_text=[fmt.percent(v, lang) for v in rows["share"]],
        week_text=[
            _week_text(c, flag_names.get(f, ""), lang)
            for c, f in zip(rows["change"], rows["flag"], strict=True)
        ],
        sentiment_text=[fmt.signed(v, lang, 2) for v in rows["sentiment"]],
        impact_text=[
            fmt.DASH if v is None or v != v else fmt.signed(v, lang, 1) + " ★"
            for v in rows["rating_impact"]
        ],
        channels_text=[", ".join(channel_names.get(c, c) for c in cs) for cs in rows["channels"]],
        keywords_text=[", ".join(k) for k in rows["keywords"]],
    )


def top_choices(tree: pd.DataFrame) -> dict[int, str]:
    """Top theme id → its name, largest first, for the Themes page's top-theme filter."""
    pairs = tree[["top_id", "top_label"]].dropna(subset=["top_id"]).drop_duplicates("top_id")
    return {
        int(i): str(label) for i, label in zip(pairs["top_id"], pairs["top_label"], strict=True)
    }


def top_label_of(tree: pd.DataFrame, theme_id: int) -> str:
    """The name of ``theme_id``'s top theme, or "" when it has none."""
    rows = tree[tree["theme_id"] == theme_id]
    if rows.empty or pd.isna(rows["top_id"].iloc[0]) or pd.isna(rows["top_label"].iloc[0]):
        return ""
    return str(rows["top_label"].iloc[0])
