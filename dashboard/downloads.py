"""Every CSV download of the dashboard: a view's frame in, bytes a spreadsheet in the UI
language opens as columns out.

Each function picks and names the columns a manager reads (headers from the catalogue,
channel and language names instead of codes, shares as percentages, keywords as ``a, b``,
numbers rounded) and hands the frame to :func:`analysis.safe_tables.localized_frame_csv_bytes`,
the one writer of the spreadsheet conventions (Dutch ``;`` and decimal comma, UTF-8 BOM,
formula-safe cells) that the weekly summary's CSV uses too. Never imports streamlit itself.
"""

from __future__ import annotations

import pandas as pd

from analysis.safe_tables import localized_frame_csv_bytes
from dashboard import formatting as fmt
from dashboard.i18n import channel_names, t


def _names(codes, names: dict[str, str]) -> list[str]:
    return [names.get(str(c), str(c)) for c in (codes if codes is not None else [])]


def _round(values: pd.Series, places: int) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype(float).round(places)


def _headed(columns: dict[str, pd.Series | list], lang: str) -> pd.DataFrame:
    """A frame whose headers are the catalogue's ``download.col.<name>`` in ``lang``."""
    return pd.DataFrame(
        {t(f"download.col.{name}", lang): values for name, values in columns.items()}
    )


def themes_csv(table: pd.DataFrame, lang: str, tree: pd.DataFrame | None = None) -> bytes:
    """The Themes page's table (``data.theme_table``) as the themes download; with ``tree``
    (``data.theme_tree``) each theme's main theme comes first. The latest week's count, the
    week before and their difference are three columns (the page shows them as ``9 (+2)``)."""
    names = channel_names(lang)
    tops: dict[int, str] = {}
    if tree is not None and not tree.empty:
        tops = {
            int(i): str(n)
            for i, n in zip(tree["theme_id"], tree["top_label"], strict=True)
            if isinstance(n, str) and n
        }
    stars = 1 + 4 * pd.to_numeric(table["rating"], errors="coerce").astype(float)
    frame = _headed(
        {
            **({"top_theme": [tops.get(int(i), "") for i in table["theme_id"]]} if tops else {}),
            "theme_id": table["theme_id"].astype(int).tolist(),
            "theme": table["label"].tolist(),
            "status": [t(f"download.status.{s}", lang) for s in table["status"]],
            "items": table["items"].astype(int).tolist(),
            # as the page shows it: of all themes, rounded so the full list adds up to 100
            "share": _round(100 * table["share_shown"], 1).tolist(),
            "this_week": table["this_week"].astype(int).tolist(),
            "last_week": table["last_week"].astype(int).tolist(),
            "change": table["change"].astype(int).tolist(),
            # every row says its signal ("none" too: an empty cell read as a broken export);
            # the rule's baseline is left out: it exists only for rising and falling themes
            "flag": [t(f"flag.{f}" if f else "download.flag.none", lang) for f in table["flag"]],
            "sentiment": _round(table["sentiment"], 2).tolist(),
            "rating": stars.round(1).tolist(),
            "rating_impact": _round(table["rating_impact"], 2).tolist(),
            "channels": [", ".join(_names(cs, names)) for cs in table["channels"]],
            "spike_channels": [", ".join(_names(cs, names)) for cs in table["spike_channels"]],
            "keywords": [", ".join(str(k) for k in ks) for ks in table["keywords"]],
        },
        lang,
    )
    return localized_frame_csv_bytes(frame, lang)


def _item_columns(items: pd.DataFrame, lang: str) -> dict[str, pd.Series | list]:
    names = channel_names(lang)
    return {
        "date": items["received_at"].tolist(),
        "channel": _names(items["channel"], names),
        "item_rating": _round(items["rating"], 1).tolist(),
        "rating_max": _round(items["rating_scale_max"], 1).tolist(),
        "language": [fmt.language_name(c, lang) for c in items["language"]],
    }


def quotes_csv(quotes: pd.DataFrame, lang: str) -> bytes:
    """A theme's quotes (``data.theme_quotes``), most typical first, as its download: each
    quote as the page shows it (without greeting and sign-off), the full text beside it."""
    frame = _headed(
        {
            **_item_columns(quotes, lang),
            "similarity": _round(quotes["similarity"], 2).tolist(),
            "quote": quotes["quote"].tolist(),
            "full_text": quotes["text"].tolist(),
        },
        lang,
    )
    return localized_frame_csv_bytes(frame, lang)


def search_csv(results: pd.DataFrame, lang: str) -> bytes:
    """Search hits (``workspace.search.hits(...).rows``), best first, as the search download;
    its first column is the hit's relevance, headed as on the Search page."""
    frame = _headed(
        {
            **_item_columns(results, lang),
            "theme": [t("search.unsorted", lang) if pd.isna(v) else v for v in results["theme"]],
            "text": results["text"].tolist(),
        },
        lang,
    )
    frame.insert(0, t("search.relevance", lang), _round(results["score"], 2).tolist())
    return localized_frame_csv_bytes(frame, lang)
