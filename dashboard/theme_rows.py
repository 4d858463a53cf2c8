"""The Themes page's table as the manager reads it: numbers in the UI language, a flag and the
week's change in one column, proposed themes marked, the top theme of each theme.

Pure pandas (no streamlit): the view only renders what this returns.
"""

from __future__ import annotations

import pandas as pd

from analysis.reading import quote_order
from analysis.theme_tree import tree_adds_nothing as flat_tree
from dashboard import formatting as fmt
from dashboard.i18n import plural
from dashboard.plain_text import isolate

SHOWN = (
    "label",
    "items_text",
    "share_text",
    "trend",
    "week_text",
    "sentiment_text",
    "impact_text",
    "channels_text",
)
"""Columns the table shows, in order; the frame keeps the raw numbers next to them. Keywords
are on the theme page (the table must fit a 1400 px window); the filter still searches them."""

MAX_CHANNELS = 2
"""Channel names a row shows; more are counted (``E-mail, Reviews +3``)."""


def _channels_text(codes: list[str], names: dict[str, str]) -> str:
    shown = ", ".join(names.get(c, c) for c in codes[:MAX_CHANNELS])
    return f"{shown} +{len(codes) - MAX_CHANNELS}" if len(codes) > MAX_CHANNELS else shown


def shown_label(label: str, status: str, proposed_mark: str) -> str:
    """A theme's name as the pages list it: a proposed theme marked (``" (voorgesteld)"``)."""
    return f"{label}{proposed_mark}" if status == "proposed" else label


def week_text(this_week: int, change: float, flag: str, lang: str) -> str:
    """This week's count with its change against last week, and the trend flag:
    ``9 (+2) · stijgend``, ``9 (±0)``. The column was headed "This week" but showed only the
    change: a theme with 9 items in both weeks read as 0 this week."""
    diff = "±0" if fmt.unchanged(change) else fmt.signed(change, lang)
    text = f"{fmt.number(this_week, lang)} ({diff})"
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
        table: ``data.theme_table`` output; ``share_text`` is its ``share_shown`` (the
            shares of all themes add up to 100%).
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
            shown_label(label, s, proposed_mark)
            for label, s in zip(rows["label"], status, strict=True)
        ],
        items_text=[fmt.number(v, lang) for v in rows["items"]],
        # rounded over the whole table so the shares add up (workspace.theme_queries)
        share_text=[
            fmt.percent(v, lang, exact=e)
            for v, e in zip(rows["share_shown"], rows["share"], strict=True)
        ],
        week_text=[
            week_text(n, c, flag_names.get(f, ""), lang)
            for n, c, f in zip(rows["this_week"], rows["change"], rows["flag"], strict=True)
        ],
        sentiment_text=[fmt.signed(v, lang, 2) for v in rows["sentiment"]],
        impact_text=[
            fmt.DASH if v is None or v != v else fmt.signed(v, lang, 1) + " ★"
            for v in rows["rating_impact"]
        ],
        channels_text=[_channels_text(list(cs), channel_names) for cs in rows["channels"]],
        keywords_text=[", ".join(k) for k in rows["keywords"]],
    )


def top_choices(tree: pd.DataFrame) -> dict[int, str]:
    """Top theme id → its name, largest first, for pickers and the charts' level control."""
    pairs = tree[["top_id", "top_label"]].dropna(subset=["top_id"]).drop_duplicates("top_id")
    return {
        int(i): str(label) for i, label in zip(pairs["top_id"], pairs["top_label"], strict=True)
    }


def tree_adds_nothing(tree: pd.DataFrame) -> bool:
    """Whether the theme tree is just the themes (each main theme one theme of its name, as
    the demo's nine): then the Themes page lists the themes in one table, not one fold-out
    per main theme of one theme, and the charts offer no level to pick between two equal
    views. The rule is :func:`analysis.theme_tree.tree_adds_nothing`, the weekly summary's
    too; this reads it on the page's tree.

    Args:
        tree: ``data.theme_tree`` output (names in the screen's language).
    """
    return flat_tree(list(tree["top_id"]), list(tree["label"]), list(tree["top_label"]))


def top_id_of(tree: pd.DataFrame, theme_id: int) -> int | None:
    """The id of ``theme_id``'s top theme, or None when it has none."""
    rows = tree[tree["theme_id"] == theme_id]
    if rows.empty or pd.isna(rows["top_id"].iloc[0]):
        return None
    return int(rows["top_id"].iloc[0])


def top_label_of(tree: pd.DataFrame, theme_id: int) -> str:
    """The name of ``theme_id``'s top theme, or "" when it has none."""
    rows = tree[tree["theme_id"] == theme_id]
    if rows.empty or pd.isna(rows["top_id"].iloc[0]) or pd.isna(rows["top_label"].iloc[0]):
        return ""
    return str(rows["top_label"].iloc[0])


def top_line(
    row: dict,
    *,
    lang: str,
    flag_names: dict[str, str],
    template: str,
) -> str:
    """A main theme's heading on the Themes page, e.g. ``Bezorging — 1.234 berichten · 20,4% ·
    deze week 40 (+12) · stijgend · 3 thema's``, from a ``top_theme_table`` row.

    Args:
        template: the line with ``{label}``, ``{items}``, ``{share}``, ``{week}``, ``{themes}``;
            ``{items}`` and ``{themes}`` come counted (``1 bericht``, ``3 thema's``).
    """
    return template.format(
        label=isolate(" ".join(str(row["label"]).split())),
        items=plural("count.items", int(row["items"]), lang),
        share=fmt.percent(row["share_shown"], lang, exact=row["share"]),
        week=week_text(row["this_week"], row["change"], flag_names.get(str(row["flag"]), ""), lang),
        themes=plural("count.themes", int(row["themes"]), lang),
    )


def tree_groups(
    tops: pd.DataFrame, rows: pd.DataFrame, *, matched: set[int] | None, contains: str = ""
) -> list[tuple[dict, pd.DataFrame]]:
    """The Themes page's tree: each top theme (``top_theme_table`` row, in its order) with its
    themes (``display_rows`` rows, in their order).

    Args:
        tops: ``data.top_theme_table`` output.
        rows: ``display_rows`` output for every theme (with ``top_id``).
        matched: theme ids the page's text filter kept; None when it is empty.
        contains: the filter text: a top theme whose name holds it keeps all its themes.

    Top themes left without a theme are left out.
    """
    needle = contains.strip().lower()
    groups: list[tuple[dict, pd.DataFrame]] = []
    for top in tops.to_dict("records"):
        subs = rows[rows["top_id"].eq(top["top_id"]).fillna(False).astype(bool)]
        if matched is not None and not (needle and needle in str(top["label"]).lower()):
            subs = subs[subs["theme_id"].isin(matched)]
        if len(subs):
            groups.append((top, subs))
    return groups


def in_full(quotes: pd.DataFrame, lang: str, n: int = 4) -> pd.DataFrame:
    """The quotes a theme page shows in full: the most typical ones in the reader's languages
    first (``analysis.reading.READING_ORDER``: a Dutch reader Dutch, then English), then the
    others, ``n`` in all (each part keeps the typical-first order).

    A theme of Dutch and English items showed four English quotes on a Dutch screen; its
    Dutch items now lead, and a theme without any keeps its most typical quotes. Items with
    redaction placeholders come after those without, and one that is little more than
    placeholders is not shown in full (:func:`analysis.reading.quote_order`, the summary's rule).
    The rule reads each ``quote`` (the text without greeting and sign-off) as shown.
    """
    return quotes.iloc[quote_order(list(quotes["quote"]), list(quotes["language"]), lang)[:n]]
