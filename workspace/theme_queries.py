"""Theme queries for the views: the theme table, one theme's figures and quotes, the theme x
week matrix, channel shares per theme, the unsorted inbox. Filters and week SQL come from
:mod:`workspace.queries`."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.numbers import shares_adding_up
from analysis.reading import distinct_quotes
from analysis.subject_text import quote_text
from analysis.summary import CLEAR_SENTIMENT
from workspace.db import Workspace
from workspace.edit_log import UNDOABLE
from workspace.localtime import (
    local_time_sql,
    same_days_week_before,
)
from workspace.names import engine_label_sql, keywords_sql, top_label_sql
from workspace.queries import (
    SHOWN,
    Filters,
    _day,
    _week,
    filter_sql,
    theme_label_sql,
)
from workspace.weeks import latest_week

THEME_ORDERS = {
    "items": "agg.items DESC",
    "change": "agg.this_week - agg.last_week DESC, agg.items DESC",
    "sentiment": "agg.sentiment ASC NULLS LAST, agg.items DESC",
    "label": "lower(label) ASC",
}


TREND_WEEKS = 12
"""Whole weeks in a theme's (and a top theme's) trend line on the Themes page."""


def theme_table(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    weeks: int = TREND_WEEKS,
    contains: str = "",
    order: str = "items",
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per listed (active or proposed) theme with its filtered volume.

    Columns: ``theme_id``, ``label``, ``status``, ``keywords`` (list), ``items``, ``share``
    (of themed items), ``share_shown`` (``share`` rounded to 0.1 point so that the shares of
    all listed themes add up to 100%: :func:`analysis.numbers.shares_adding_up` over every
    theme, whatever ``contains`` keeps), ``sentiment`` (mean, NaN when unknown),
    ``positive`` / ``negative`` (items at least :data:`analysis.summary.CLEAR_SENTIMENT` above /
    below 0), ``scored`` (items with a sentiment), ``rating`` (mean on 0..1),
    ``rating_impact`` (the theme's average rating minus that of the other themed items, in
    stars on a 1-5 scale; NaN when either side has no rating), ``channels``
    (list, largest first), ``trend`` (items per week for the last ``weeks`` whole weeks, oldest
    first, ending at :attr:`~workspace.localtime.LatestWeek.last_whole_monday`: a week not
    yet over would drop every line at its end), ``this_week`` (the latest local ISO week holding a filtered item, as
    :func:`workspace.weeks.latest_week`), ``last_week``, ``change``. ``contains`` keeps themes whose label
    or keywords contain it (any case); ``order`` is one of :data:`THEME_ORDERS` (largest
    first by default). Rising, new and spike are not decided here: see
    :func:`workspace.trends.theme_table_with_trends`.
    """
    where, params, tz = filter_sql(ws, filters)
    latest = latest_week(ws, filters)
    through = latest.through
    last_whole = latest.last_whole_monday  # the trend line ends at the last whole week
    trend_end = f"TIMESTAMP '{last_whole.isoformat()}'" if last_whole else "ref.wk"
    label = theme_label_sql(lang)
    order_sql = THEME_ORDERS.get(order, THEME_ORDERS["items"])
    needle = f"%{contains.strip()}%"
    frame = ws.query_df(
        f"""
        WITH f AS (
            SELECT a.theme_id, i.channel, {_week(tz)} AS wk, {_day(tz)} AS day, s.sentiment,
                   CASE WHEN i.rating IS NOT NULL AND i.rating_scale_max > i.rating_scale_min
                        THEN (i.rating - i.rating_scale_min) / (i.rating_scale_max - i.rating_scale_min)
                   END AS rating01
            FROM items i
            JOIN assignments a ON a.item_id = i.id AND a.theme_id IS NOT NULL
            LEFT JOIN item_sentiment s ON s.item_id = i.id
            WHERE {where}
        ),
        ref AS (SELECT max({_week(tz)}) AS wk, max({_day(tz)}) AS day FROM items i WHERE {where}),
        weeks AS (
            SELECT unnest(generate_series(0, {int(weeks) - 1})) AS k
        ),
        per_week AS (
            SELECT theme_id, wk, count(*) AS n FROM f GROUP BY ALL
        ),
        trend AS (
            SELECT t.theme_id,
                   list(coalesce(p.n, 0) ORDER BY w.k DESC) AS trend
            FROM (SELECT DISTINCT theme_id FROM f) t
            CROSS JOIN weeks w CROSS JOIN ref
            LEFT JOIN per_week p ON p.theme_id = t.theme_id AND p.wk = {trend_end} - w.k * INTERVAL 7 DAY
            GROUP BY t.theme_id
        ),
        per_channel AS (
            SELECT theme_id, list(channel ORDER BY n DESC, channel) AS channels
            FROM (SELECT theme_id, channel, count(*) AS n FROM f GROUP BY ALL)
            GROUP BY theme_id
        ),
        rated AS (SELECT sum(rating01) AS total, count(rating01) AS n FROM f),
        agg AS (
            SELECT f.theme_id, count(*) AS items, avg(sentiment) AS sentiment,
                   count(*) FILTER (WHERE sentiment >= {CLEAR_SENTIMENT!r}) AS positive,
                   count(*) FILTER (WHERE sentiment <= {-CLEAR_SENTIMENT!r}) AS negative,
                   count(sentiment) AS scored,
                   avg(rating01) AS rating, sum(rating01) AS rating_sum,
                   count(rating01) AS rated,
                   count(*) FILTER (WHERE f.wk = ref.wk) AS this_week,
                   count(*) FILTER (WHERE {same_days_week_before(through)}) AS last_week
            FROM f, ref GROUP BY f.theme_id
        ),
        shares AS (
            SELECT theme_id, items / sum(items) OVER () AS share,
                   sum(items) OVER () AS themed
            FROM agg
        )
        SELECT t.theme_id, {label} AS label, t.status,
               from_json({keywords_sql(lang)}, '["VARCHAR"]') AS keywords,
               agg.items, shares.share, shares.themed,
               ({label} ILIKE ? OR {keywords_sql(lang)} ILIKE ?) AS matched,
               agg.sentiment, agg.positive, agg.negative, agg.scored, agg.rating,
               CASE WHEN agg.rated > 0 AND rated.n > agg.rated
                    THEN 4 * (agg.rating_sum / agg.rated
                              - (rated.total - agg.rating_sum) / (rated.n - agg.rated))
               END AS rating_impact,
               c.channels, tr.trend,
               agg.this_week, agg.last_week, agg.this_week - agg.last_week AS change
        FROM themes t
        JOIN agg ON agg.theme_id = t.theme_id
        CROSS JOIN rated
        JOIN per_channel c ON c.theme_id = t.theme_id
        JOIN trend tr ON tr.theme_id = t.theme_id
        JOIN shares ON shares.theme_id = t.theme_id
        WHERE t.status IN {SHOWN}
        ORDER BY {order_sql}, t.theme_id
        """,
        [*params, *params, needle, needle],
    )
    # Rounded over every listed theme before the text filter: a filtered view shows the same
    # shares of the whole (they need not add up), the full list adds up to 100%.
    themed = int(frame["themed"].iloc[0]) if len(frame) else 0
    frame.insert(
        frame.columns.get_loc("share") + 1,
        "share_shown",
        shares_adding_up(frame["items"].astype("int64"), whole=themed, ids=frame["theme_id"]),
    )
    frame = frame[frame["matched"].eq(True)].drop(columns=["themed", "matched"])
    frame = frame.head(int(limit)) if limit else frame
    return frame.reset_index(drop=True)


def theme_choices(ws: Workspace, *, lang: str = "en") -> pd.DataFrame:
    """Every listed (active or proposed) theme: ``theme_id``, ``label``, ``size``, ``status``;
    for pickers and merge targets."""
    return ws.query_df(
        f"SELECT theme_id, {theme_label_sql(lang)} AS label, size, status FROM themes t "
        f"WHERE status IN {SHOWN} ORDER BY size DESC, theme_id"
    )


@dataclass(frozen=True, slots=True)
class ThemeInfo:
    theme_id: int
    label: str
    engine_label: str
    keywords: tuple[str, ...]
    status: str
    size: int
    renamed: bool = False
    """True when a manager gave the theme its name (then ``engine_label`` is worth showing)."""


def last_edit(ws: Workspace) -> dict[str, object] | None:
    """The edit undo would take back (:data:`workspace.edit_log.UNDOABLE`): ``kind``,
    ``edited_at``, ``payload`` (parsed); None when there is none."""
    frame = ws.query_df(
        f"SELECT kind, edited_at, payload FROM edits WHERE {UNDOABLE} ORDER BY edit_id DESC LIMIT 1"
    )
    if frame.empty:
        return None
    row = frame.iloc[0]
    try:
        payload = json.loads(row["payload"])
    except ValueError:
        payload = {}
    return {"kind": str(row["kind"]), "edited_at": row["edited_at"], "payload": payload}


def theme_info(ws: Workspace, theme_id: int, *, lang: str = "en") -> ThemeInfo | None:
    """Label, keywords, status and stored size of one theme, or None when unknown."""
    frame = ws.query_df(
        f"SELECT theme_id, {theme_label_sql(lang)} AS label, "
        f"{engine_label_sql(lang)} AS engine_label, "
        f"from_json({keywords_sql(lang)}, '[\"VARCHAR\"]') AS keywords, status, size, "
        "coalesce(manager_name, '') <> '' AS renamed "
        "FROM themes t WHERE theme_id = ?",
        [int(theme_id)],
    )
    if frame.empty:
        return None
    row = frame.iloc[0]
    keywords = row["keywords"]
    return ThemeInfo(
        int(row["theme_id"]),
        str(row["label"]),
        str(row["engine_label"]),
        tuple(str(k) for k in (keywords if keywords is not None else ())),
        str(row["status"]),
        int(row["size"]),
        bool(row["renamed"]),
    )


def theme_weekly_channel_counts(
    ws: Workspace, theme_id: int, filters: Filters | None = None
) -> pd.DataFrame:
    """Items of one theme per ISO week and channel (same columns as
    :func:`weekly_channel_counts`)."""
    where, params, tz = filter_sql(ws, filters)
    return ws.query_df(
        f"""
        SELECT strftime({_week(tz)}, '%G-W%V') AS week, CAST({_week(tz)} AS DATE) AS week_start,
               i.channel, count(*) AS items
        FROM items i JOIN assignments a ON a.item_id = i.id
        WHERE a.theme_id = ? AND {where}
        GROUP BY ALL ORDER BY week_start, channel
        """,
        [int(theme_id), *params],
    )


def quote_columns(tz: str) -> str:
    """Columns of a quote; ``received_at`` as local wall-clock time (a naive TIMESTAMP), so a
    date shown is the workspace zone's."""
    return (
        f"i.id, {local_time_sql('i.received_at', tz)} AS received_at, i.channel, i.rating, "
        "i.rating_scale_max, i.language, i.text"
    )


QUOTE_POOL = 4
"""Candidates read per quote wanted, so that repeats of a better quote can be left out
(:func:`analysis.reading.distinct_quotes`) and the next distinct ones still fill the list."""


def theme_quotes(
    ws: Workspace, theme_id: int, filters: Filters | None = None, *, limit: int = 50
) -> pd.DataFrame:
    """Up to ``limit`` quotes of one theme, most typical first (highest similarity to the
    theme), then newest; none repeats a better one to a reader: of "Very good", "very good!"
    and "Very good 😊" only the first is kept (:func:`analysis.reading.distinct_quotes`), and
    of "Hi, the app crashes" and "Hello team! The app crashes" too: they are compared as
    quoted.

    Columns: ``id``, ``received_at``, ``channel``, ``rating``, ``rating_scale_max``,
    ``language``, ``text`` (as stored), ``similarity``, ``quote`` (the text as quoted, without
    greeting and sign-off: :func:`analysis.subject_text.quote_text`).
    """
    where, params, tz = filter_sql(ws, filters)
    pool, one_per_text = int(limit) * QUOTE_POOL, False
    while True:
        frame = ws.query_df(
            f"""
            SELECT {quote_columns(tz)}, a.similarity
            FROM items i JOIN assignments a ON a.item_id = i.id
            WHERE a.theme_id = ? AND {where} AND NOT i.is_star_only
            {_ONE_PER_TEXT if one_per_text else ""}
            ORDER BY a.similarity DESC NULLS LAST, i.received_at DESC, i.id
            LIMIT ?
            """,
            [int(theme_id), *params, pool],
        )
        frame["quote"] = [quote_text(str(text)) for text in frame["text"]]
        keep = distinct_quotes(frame["quote"].tolist())[: int(limit)]
        if len(keep) >= limit or len(frame) < pool or pool >= limit * QUOTE_POOL**3:
            return frame.iloc[keep].reset_index(drop=True)
        # The most typical are mostly repeats (a theme of a thousand "Good"s): read one item
        # per stored text (text_hash folds case and spacing), then further. Costs ~20 ms at
        # 10k items in the theme, so only when needed.
        if one_per_text:
            pool *= QUOTE_POOL
        one_per_text = True


_ONE_PER_TEXT = """
QUALIFY row_number() OVER (
    PARTITION BY i.text_hash ORDER BY a.similarity DESC NULLS LAST, i.received_at DESC, i.id
) = 1"""


def _grouping(lang: str, level: str, top_id: int | None) -> tuple[str, str, str, str]:
    """How a theme chart groups items: the key per item, the extra condition on the item's
    theme ``th``, the names' table and its label expression.

    ``level`` ``"top"``: per top theme; else per theme, only those under ``top_id`` when given.
    """
    if level == "top":
        return (
            "th.top_id",
            "th.top_id IS NOT NULL AND th.top_id IN "
            "(SELECT top_id FROM top_themes WHERE status = 'active')",
            "top_themes tt",
            top_label_sql(lang, "tt") + " AS label, tt.top_id AS key",
        )
    condition = f"th.top_id = {int(top_id)}" if top_id is not None else "TRUE"
    return (
        "a.theme_id",
        condition,
        "themes t",
        theme_label_sql(lang) + " AS label, t.theme_id AS key",
    )


def theme_week_matrix(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    top: int = 15,
    level: str = "theme",
    top_id: int | None = None,
) -> pd.DataFrame:
    """Items per theme and ISO week for the ``top`` largest themes (in the filter).

    Columns ``theme_id``, ``label``, ``week_start``, ``week``, ``items``; themes ordered by
    total size, weeks ascending; weeks without items are present with 0. ``level="top"``:
    per top theme (``theme_id`` then holds the top theme's id); ``top_id``: only the themes
    under that top theme.
    """
    where, params, tz = filter_sql(ws, filters)
    key, condition, names, label = _grouping(lang, level, top_id)
    return ws.query_df(
        f"""
        WITH f AS (
            SELECT {key} AS theme_id, {_week(tz)} AS wk
            FROM items i JOIN assignments a ON a.item_id = i.id AND a.theme_id IS NOT NULL
            JOIN themes th ON th.theme_id = a.theme_id
            WHERE {where} AND {condition}
        ),
        largest AS (
            SELECT theme_id, count(*) AS total FROM f GROUP BY theme_id
            ORDER BY total DESC, theme_id LIMIT ?
        ),
        names AS (SELECT {label} FROM {names}),
        weeks AS (SELECT DISTINCT wk FROM f),
        counts AS (SELECT theme_id, wk, count(*) AS n FROM f GROUP BY ALL)
        SELECT l.theme_id, n.label, CAST(w.wk AS DATE) AS week_start,
               strftime(w.wk, '%G-W%V') AS week, coalesce(c.n, 0) AS items
        FROM largest l CROSS JOIN weeks w
        JOIN names n ON n.key = l.theme_id
        LEFT JOIN counts c ON c.theme_id = l.theme_id AND c.wk = w.wk
        ORDER BY l.total DESC, l.theme_id, w.wk
        """,
        [*params, int(top)],
    )


def channel_theme_shares(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    top: int = 10,
    level: str = "theme",
    top_id: int | None = None,
) -> pd.DataFrame:
    """Per channel, the share of its items in each of the ``top`` largest themes.

    Columns ``channel``, ``theme_id``, ``label``, ``items``, ``share`` (of the channel's items,
    unsorted included), ``share_shown`` (``share`` in whole percents as the heatmap writes
    them, rounded per channel so that a channel's column adds up to 100% when every theme is
    listed and nothing is unsorted: :func:`analysis.numbers.shares_adding_up`; its other
    themes and unsorted items count as one more part). ``level`` and ``top_id`` as in
    :func:`theme_week_matrix`.
    """
    where, params, tz = filter_sql(ws, filters)
    key, condition, names, label = _grouping(lang, level, top_id)
    frame = ws.query_df(
        f"""
        WITH f AS (
            SELECT i.channel,
                   CASE WHEN a.theme_id IS NOT NULL AND {condition} THEN {key} END AS theme_id
            FROM items i LEFT JOIN assignments a ON a.item_id = i.id
            LEFT JOIN themes th ON th.theme_id = a.theme_id
            WHERE {where} AND NOT i.is_star_only
        ),
        totals AS (SELECT channel, count(*) AS total FROM f GROUP BY channel),
        largest AS (
            SELECT theme_id, count(*) AS n FROM f WHERE theme_id IS NOT NULL
            GROUP BY theme_id ORDER BY n DESC, theme_id LIMIT ?
        ),
        names AS (SELECT {label} FROM {names}),
        counts AS (SELECT channel, theme_id, count(*) AS items FROM f GROUP BY ALL)
        SELECT tot.channel, l.theme_id, n.label,
               coalesce(c.items, 0) AS items, coalesce(c.items, 0) / tot.total AS share,
               tot.total
        FROM totals tot CROSS JOIN largest l
        JOIN names n ON n.key = l.theme_id
        LEFT JOIN counts c ON c.channel = tot.channel AND c.theme_id = l.theme_id
        ORDER BY l.n DESC, l.theme_id, tot.channel
        """,
        [*params, int(top)],
    )
    shown = np.zeros(len(frame))
    for rows in frame.groupby("channel").indices.values():
        part = frame.iloc[rows]
        shown[rows] = shares_adding_up(
            part["items"].astype("int64"), 0, whole=int(part["total"].iloc[0]), ids=part["theme_id"]
        )
    return frame.assign(share_shown=shown).drop(columns=["total"])


def unsorted_items(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    limit: int = 50,
    offset: int = 0,
) -> pd.DataFrame:
    """Text items without a theme, newest first, each with its nearest active theme.

    The nearest theme is the highest cosine similarity between the item's cached vector and
    the theme centroids, in the vector space (``model_id``) each centroid was built in. Columns: ``id``, ``received_at``,
    ``channel``, ``rating``, ``rating_scale_max``, ``language``, ``text``,
    ``nearest_theme_id``, ``nearest_label``, ``similarity`` (NaN when no vector or theme).
    """
    where, params, tz = filter_sql(ws, filters)
    return ws.query_df(
        f"""
        WITH page AS (
            SELECT {quote_columns(tz)}, i.text_hash
            FROM items i LEFT JOIN assignments a ON a.item_id = i.id
            WHERE {where} AND NOT i.is_star_only AND a.theme_id IS NULL
            ORDER BY i.received_at DESC, i.id
            LIMIT ? OFFSET ?
        ),
        centroids AS (
            SELECT theme_id, {theme_label_sql(lang)} AS label, centroid, model_id
            FROM themes t WHERE status IN {SHOWN} AND centroid IS NOT NULL
        ),
        scored AS (
            SELECT p.id, c.theme_id, c.label,
                   list_cosine_similarity(e.vector, c.centroid) AS similarity
            FROM page p
            JOIN centroids c ON TRUE
            JOIN embeddings e ON e.text_hash = p.text_hash AND e.model_id = c.model_id
        ),
        best AS (
            SELECT id, arg_max(theme_id, similarity) AS nearest_theme_id,
                   arg_max(label, similarity) AS nearest_label, max(similarity) AS similarity
            FROM scored GROUP BY id
        )
        SELECT p.id, p.received_at, p.channel, p.rating, p.rating_scale_max, p.language, p.text,
               b.nearest_theme_id, b.nearest_label, b.similarity
        FROM page p LEFT JOIN best b ON b.id = p.id
        ORDER BY p.received_at DESC, p.id
        """,
        [*params, int(limit), int(offset)],
    )


def theme_similarities(
    ws: Workspace, item_ids: tuple[str, ...], *, lang: str = "en"
) -> pd.DataFrame:
    """Every active theme for each of ``item_ids``, nearest first: ``id``, ``theme_id``,
    ``label``, ``similarity`` (cosine to the theme centre; NaN without a vector or centre).

    For the Unsorted inbox's picker: any theme can be chosen, the closest are on top.
    """
    if not item_ids:
        return pd.DataFrame(columns=["id", "theme_id", "label", "similarity"])
    marks = ", ".join("?" for _ in item_ids)
    # The page's vectors first: joined to every item's, the 100k vectors were read (0.2 s).
    return ws.query_df(
        f"""
        WITH page AS (SELECT i.id, i.text_hash FROM items i WHERE i.id IN ({marks})),
        vectors AS (
            SELECT e.text_hash, e.model_id, e.vector FROM embeddings e
            WHERE e.text_hash IN (SELECT text_hash FROM page)
        )
        SELECT p.id, t.theme_id, {theme_label_sql(lang)} AS label,
               list_cosine_similarity(v.vector, t.centroid) AS similarity
        FROM page p
        CROSS JOIN themes t
        LEFT JOIN vectors v ON v.text_hash = p.text_hash AND v.model_id = t.model_id
        WHERE t.status IN {SHOWN}
        ORDER BY p.id, similarity DESC NULLS LAST, t.size DESC, t.theme_id
        """,
        list(item_ids),
    )
