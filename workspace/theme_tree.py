"""The theme tree: top themes above the themes, their storage, use cases and edits.

A refresh that replaces the themes regroups them (:func:`analysis.theme_tree.plan_tree`):
groups are matched to the previous top themes by centre similarity, so top ids and the
manager's names survive. A refresh that keeps the themes keeps the tree; themes without a top
theme (new proposals, created themes) join one by :func:`attach_orphans`: a theme of
opinions without a subject joins the opinion top theme (by the rule the regrouping uses), any
other the nearest subject top theme; split parts stay under their parent's. The manager
renames top themes, moves a theme to another top theme (it stays there across refreshes),
merges top themes; every edit is logged and can be undone like the theme edits.

The opinion top theme is marked ``kind = 'opinion'`` (:data:`OPINION_KIND`) in
``top_themes``: by the regrouping that makes it, or by :func:`attach_orphans` when a theme of
opinions arrives and there is none. Its names are stored like any top theme's.

The only reader and writer of ``top_themes`` and of ``themes.top_id`` / ``themes.top_locked``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

import numpy as np
import pandas as pd

from analysis.embedders import l2_normalize
from analysis.numbers import shares_adding_up
from analysis.opinion_only import opinion_themes
from analysis.subject_text import cleaned_texts
from analysis.theme_tree import TreePlan, opinion_top_names, plan_tree
from ingest.errors import WorkspaceError
from ingest.messages import message as say
from workspace import edit_log
from workspace.db import Workspace, fetch_value, read_setting
from workspace.localtime import local_date_sql, local_week_sql, same_days_week_before
from workspace.names import shown_names_sql, theme_label_sql, top_label_sql
from workspace.queries import SHOWN, Filters, filter_sql
from workspace.theme_queries import THEME_ORDERS, TREND_WEEKS
from workspace.theme_store import Con
from workspace.vectors import TEXT_ITEM_SQL
from workspace.weeks import latest_week

ACTIVE = ("active", "proposed")
# ``top_themes.kind`` of the top theme that gathers the themes of opinions without a subject;
# a subject's top theme has ''.
OPINION_KIND = "opinion"
# The workspace's common words (:func:`analysis.subject_text.common_words`) as the last
# refresh found them in all its texts: the opinion rule reads texts without them, so a theme
# new between refreshes is judged on its own texts, not on all of them again.
COMMON_WORDS_SETTING = "themes_common_words"


# -- reading -------------------------------------------------------------------------------
def top_themes(ws: Workspace) -> pd.DataFrame:
    """Active top themes: ``top_id``, ``label``, ``label_nl``, ``label_en``, ``manager_name``,
    ``centroid``."""
    return ws.query_df(
        "SELECT top_id, label, label_nl, label_en, manager_name, centroid, model_id "
        "FROM top_themes WHERE status = 'active' ORDER BY top_id"
    )


def theme_tree(ws: Workspace, *, lang: str = "en") -> pd.DataFrame:
    """One row per active theme with its top theme: ``top_id``, ``top_label``, ``top_items``,
    ``theme_id``, ``label``, ``items``, ``status``; largest top theme first."""
    return ws.query_df(
        f"""
        WITH sizes AS (
            SELECT theme_id, count(*) AS items FROM assignments
            WHERE theme_id IS NOT NULL GROUP BY theme_id
        ), rows AS (
            SELECT t.top_id, {top_label_sql(lang)} AS top_label, t.theme_id,
                   {theme_label_sql(lang)} AS label,
                   coalesce(s.items, 0) AS items, t.status
            FROM themes t LEFT JOIN top_themes tt ON tt.top_id = t.top_id
            LEFT JOIN sizes s ON s.theme_id = t.theme_id
            WHERE t.status IN ('active', 'proposed')
        )
        SELECT *, sum(items) OVER (PARTITION BY top_id) AS top_items FROM rows
        ORDER BY top_items DESC, top_id, items DESC, theme_id
        """
    )


def theme_top_ids(ws: Workspace) -> dict[int, int]:
    """Listed (active or proposed) theme id -> its top theme id, for themes that have one."""
    frame = ws.query_df(
        "SELECT t.theme_id, t.top_id FROM themes t JOIN top_themes tt ON tt.top_id = t.top_id "
        "WHERE t.status IN ('active', 'proposed') AND tt.status = 'active'"
    )
    return dict(zip(frame["theme_id"].astype(int), frame["top_id"].astype(int), strict=True))


TOP_ORDERS = THEME_ORDERS  # the Themes page's one "Sort by", at both levels


def top_theme_table(
    ws: Workspace,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    weeks: int = TREND_WEEKS,
    order: str = "items",
) -> pd.DataFrame:
    """One row per top theme with the filtered volume of its themes, as
    :func:`workspace.theme_queries.theme_table` gives it per theme.

    Columns: ``top_id``, ``label``, ``themes`` (its listed themes holding filtered items),
    ``items`` (the sum of its themes' items), ``share`` (of themed items: the sum of its themes'
    shares), ``share_shown`` (``share`` rounded to 0.1 point so that the top themes add up to
    100% when every themed item is in one: :func:`analysis.numbers.shares_adding_up`; not
    the sum of its themes' rounded shares), ``sentiment`` (mean over its items), ``channels`` (list, largest first),
    ``trend`` (items per week for the last ``weeks`` whole weeks, oldest first, up to
    :attr:`~workspace.localtime.LatestWeek.last_whole_monday`: the sum of its
    themes' trends), ``this_week``, ``last_week``, ``change``. Trend flags come from
    :func:`workspace.trends.top_theme_table_with_trends`, by the themes' own rule.
    """
    where, params, tz = filter_sql(ws, filters)
    latest = latest_week(ws, filters)
    through = latest.through
    last_whole = latest.last_whole_monday  # the trend line ends at the last whole week
    trend_end = f"TIMESTAMP '{last_whole.isoformat()}'" if last_whole else "ref.wk"
    order_sql = TOP_ORDERS.get(order, TOP_ORDERS["items"])
    week = local_week_sql("i.received_at", tz)
    day = local_date_sql("i.received_at", tz)
    frame = ws.query_df(
        f"""
        WITH themed AS (
            SELECT i.channel, {week} AS wk, {day} AS day, a.theme_id, s.sentiment
            FROM items i
            JOIN assignments a ON a.item_id = i.id AND a.theme_id IS NOT NULL
            LEFT JOIN item_sentiment s ON s.item_id = i.id
            WHERE {where}
        ),
        f AS (
            SELECT t.top_id, themed.*
            FROM themed JOIN themes t ON t.theme_id = themed.theme_id
            JOIN top_themes tt ON tt.top_id = t.top_id AND tt.status = 'active'
            WHERE t.status IN {SHOWN}
        ),
        ref AS (SELECT max({week}) AS wk, max({day}) AS day FROM items i WHERE {where}),
        weeks AS (SELECT unnest(generate_series(0, {int(weeks) - 1})) AS k),
        per_week AS (SELECT top_id, wk, count(*) AS n FROM f GROUP BY ALL),
        trend AS (
            SELECT t.top_id, list(coalesce(p.n, 0) ORDER BY w.k DESC) AS trend
            FROM (SELECT DISTINCT top_id FROM f) t
            CROSS JOIN weeks w CROSS JOIN ref
            LEFT JOIN per_week p ON p.top_id = t.top_id AND p.wk = {trend_end} - w.k * INTERVAL 7 DAY
            GROUP BY t.top_id
        ),
        per_channel AS (
            SELECT top_id, list(channel ORDER BY n DESC, channel) AS channels
            FROM (SELECT top_id, channel, count(*) AS n FROM f GROUP BY ALL)
            GROUP BY top_id
        ),
        agg AS (
            SELECT f.top_id, count(*) AS items, count(DISTINCT f.theme_id) AS themes,
                   avg(sentiment) AS sentiment,
                   count(*) FILTER (WHERE f.wk = ref.wk) AS this_week,
                   count(*) FILTER (WHERE {same_days_week_before(through)}) AS last_week
            FROM f, ref GROUP BY f.top_id
        )
        SELECT agg.top_id, {top_label_sql(lang)} AS label, agg.themes, agg.items,
               agg.items / (SELECT count(*) FROM themed) AS share,
               (SELECT count(*) FROM themed) AS themed, agg.sentiment,
               c.channels, tr.trend, agg.this_week, agg.last_week,
               agg.this_week - agg.last_week AS change
        FROM agg JOIN top_themes tt ON tt.top_id = agg.top_id
        JOIN per_channel c ON c.top_id = agg.top_id
        JOIN trend tr ON tr.top_id = agg.top_id
        ORDER BY {order_sql}, agg.top_id
        """,
        [*params, *params],
    )
    # Themed items outside any top theme stay in the whole: then the top themes do not add up.
    themed = int(frame["themed"].iloc[0]) if len(frame) else 0
    frame.insert(
        frame.columns.get_loc("share") + 1,
        "share_shown",
        shares_adding_up(frame["items"].astype("int64"), whole=themed, ids=frame["top_id"]),
    )
    return frame.drop(columns=["themed"])


# -- writing -------------------------------------------------------------------------------
def _new_top_ids(con: Con, n: int) -> list[int]:
    return [int(con.execute("SELECT nextval('top_theme_ids')").fetchone()[0]) for _ in range(n)]


def _locked(con: Con) -> dict[int, int]:
    rows = con.execute(
        "SELECT theme_id, top_id FROM themes WHERE top_locked AND top_id IS NOT NULL "
        "AND status IN ('active', 'proposed')"
    ).fetchall()
    return {int(t): int(top) for t, top in rows}


def save_tree(con: Con, plan: TreePlan, model_id: str) -> None:
    """Write a :class:`TreePlan` with real ids: upsert its top themes, retire the others,
    set every theme's top id."""
    now = datetime.now(UTC)
    keep = [int(t) for t in plan.tops["top_id"]]
    placeholders = ", ".join("?" * len(keep)) or "NULL"
    con.execute(
        f"UPDATE top_themes SET status = 'retired', updated_at = ? "
        f"WHERE status = 'active' AND top_id NOT IN ({placeholders})",
        [now, *keep],
    )
    for row in plan.tops.to_dict("records"):
        top_id = int(row["top_id"])
        kind = OPINION_KIND if top_id == plan.opinion_top else ""
        values = [
            row["label"],
            row["label_nl"],
            row["label_en"],
            row["centroid"],
            kind,
            model_id,
            now,
        ]
        exists = con.execute("SELECT 1 FROM top_themes WHERE top_id = ?", [top_id])
        if exists.fetchall():
            con.execute(
                "UPDATE top_themes SET label = ?, label_nl = ?, label_en = ?, "
                "centroid = CAST(? AS FLOAT[]), kind = ?, status = 'active', model_id = ?, "
                "updated_at = ? WHERE top_id = ?",
                [*values, top_id],
            )
        else:
            _insert_top(con, top_id, values)
    frame = pd.DataFrame(
        {"theme_id": list(plan.theme_top), "top_id": list(plan.theme_top.values())}
    )
    con.register("tree_tops", frame)
    con.execute(
        "UPDATE themes SET top_id = tree_tops.top_id FROM tree_tops "
        "WHERE themes.theme_id = tree_tops.theme_id"
    )
    con.unregister("tree_tops")


def _insert_top(con: Con, top_id: int, values: list[Any]) -> None:
    """A new active top theme; ``values``: label, label_nl, label_en, centroid, kind,
    model_id, time."""
    con.execute(
        "INSERT INTO top_themes (top_id, label, label_nl, label_en, centroid, kind, status, "
        "model_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, CAST(? AS FLOAT[]), ?, 'active', ?, ?, ?)",
        [top_id, *values, values[-1]],
    )


@dataclass(slots=True)
class Attached:
    """What :func:`attach_orphans` did.

    Attributes:
        themes: how many themes joined a top theme.
        opinion_ids: those of them that joined the opinion top theme.
        created_top: the opinion top theme made for them (there was none), else None.
    """

    themes: int = 0
    opinion_ids: list[int] = field(default_factory=list)
    created_top: int | None = None


def remember_common_words(ws: Workspace, con: Con, texts: list[str]) -> None:
    """Inside a refresh's transaction: keep the common words of all its ``texts`` (cached:
    the refresh has found them) for :func:`attach_orphans`."""
    common = sorted(cleaned_texts(texts)[1])
    ws.set_setting(COMMON_WORDS_SETTING, json.dumps(common, ensure_ascii=False), con)


def _opinion_orphans(con: Con, theme_ids: list[int]) -> set[int]:
    """Which of these themes are opinion themes, by the rule the regrouping uses
    (:func:`analysis.opinion_only.opinion_themes`), read on their texts without the common
    words the last refresh found (:data:`COMMON_WORDS_SETTING`).

    A workspace whose last refresh kept none reads all text items, in a refresh's order
    (the common words are found in them): at 100k texts 3.5 s more to place 1,000 new items
    with four proposals the first time in a process (9.0 s against 5.5 s), ~0 the next time.
    """
    held = fetch_value(
        con, "SELECT count(*) FROM assignments WHERE theme_id IN (SELECT unnest(?))", [theme_ids]
    )
    if not held:  # themes without items: nothing to judge, and no texts to read
        return set()
    stored = read_setting(con, COMMON_WORDS_SETTING)
    common = frozenset(json.loads(stored)) if stored is not None else None
    only_theirs = "" if common is None else "AND a.theme_id IN (SELECT unnest(?))"
    rows = con.execute(
        f"SELECT i.text, a.theme_id FROM items i LEFT JOIN assignments a ON a.item_id = i.id "
        f"WHERE {TEXT_ITEM_SQL} {only_theirs} ORDER BY i.id",
        [] if common is None else [theme_ids],
    ).fetchall()
    index = {theme: n for n, theme in enumerate(theme_ids)}
    labels = np.array(
        [-1 if theme is None else index.get(int(theme), -1) for _, theme in rows], dtype=np.int64
    )
    if not (labels >= 0).any():
        return set()
    found = opinion_themes([text for text, _ in rows], labels, common=common)
    return {theme for theme, n in index.items() if n < len(found) and found[n]}


def attach_orphans(con: Con) -> Attached:
    """Themes without a (live) top theme join one, between regroupings.

    An opinion theme (:func:`analysis.opinion_only.opinion_themes`, the rule
    :func:`analysis.theme_tree.plan_tree` groups by) joins the opinion top theme; when the
    tree has none (the last regrouping found no opinions, or the manager merged it away) one
    is made, named as a regrouping names it. Any other theme joins the subject top theme with
    the nearest centre (the opinion top theme only when it is the one top theme), as a
    regrouping keeps subjects out of it. Themes the manager placed keep their top theme: only
    themes without a live one are attached. No tree yet: nothing to attach to.
    """
    tops = con.execute(
        "SELECT top_id, centroid, coalesce(kind, '') FROM top_themes WHERE status = 'active' "
        "ORDER BY top_id"
    ).fetchall()
    if not tops:
        return Attached()
    orphans = con.execute(
        "SELECT theme_id, centroid, size, model_id FROM themes "
        "WHERE status IN ('active', 'proposed') "
        "AND centroid IS NOT NULL AND (top_id IS NULL OR top_id NOT IN "
        "(SELECT top_id FROM top_themes WHERE status = 'active')) ORDER BY theme_id"
    ).fetchall()
    if not orphans:
        return Attached()
    opinion = _opinion_orphans(con, [int(t) for t, *_ in orphans])
    done = Attached()
    subject_tops = [(t, c) for t, c, kind in tops if c is not None and kind != OPINION_KIND]
    subject_tops = subject_tops or [(t, c) for t, c, _ in tops if c is not None]
    top_of: dict[int, int] = {}
    subjects = [row for row in orphans if int(row[0]) not in opinion]
    if subjects and subject_tops:
        top_centres = l2_normalize(np.asarray([c for _, c in subject_tops], dtype=np.float64))
        centres = l2_normalize(np.asarray([c for _, c, *_ in subjects], dtype=np.float64))
        nearest = np.argmax(centres @ top_centres.T, axis=1)
        for row, n in zip(subjects, nearest, strict=True):
            top_of[int(row[0])] = int(subject_tops[int(n)][0])
    if opinion:
        members = [row for row in orphans if int(row[0]) in opinion]
        opinion_top = next((int(t) for t, _, kind in tops if kind == OPINION_KIND), None)
        if opinion_top is None:
            opinion_top = done.created_top = _new_top_ids(con, 1)[0]
            sizes = np.asarray([max(int(size or 0), 1) for _, _, size, _ in members], float)
            centres = l2_normalize(np.asarray([c for _, c, *_ in members], dtype=np.float64))
            centre = l2_normalize((sizes[:, None] * centres).sum(axis=0, keepdims=True))[0]
            _insert_top(
                con,
                opinion_top,
                [
                    *opinion_top_names(),
                    [float(v) for v in centre],
                    OPINION_KIND,
                    str(members[0][3] or ""),
                    datetime.now(UTC),
                ],
            )
        for row in members:
            top_of[int(row[0])] = opinion_top
        done.opinion_ids = sorted(int(row[0]) for row in members)
    for theme_id, top_id in top_of.items():
        con.execute(
            "UPDATE themes SET top_id = ?, top_locked = FALSE WHERE theme_id = ?",
            [top_id, theme_id],
        )
    done.themes = len(top_of)
    return done


def inherit_top(con: Con, parent_id: int, child_ids: list[int]) -> None:
    """The parts of a split theme stay under the parent's top theme."""
    placeholders = ", ".join("?" * len(child_ids)) or "NULL"
    con.execute(
        f"UPDATE themes SET top_id = (SELECT top_id FROM themes WHERE theme_id = ?), "
        f"top_locked = (SELECT top_locked FROM themes WHERE theme_id = ?) "
        f"WHERE theme_id IN ({placeholders})",
        [int(parent_id), int(parent_id), *child_ids],
    )


def rebuild_tree(
    con: Con,
    items: pd.DataFrame,
    vectors: np.ndarray,
    item_themes: np.ndarray,
    model_id: str,
    *,
    regroup: bool,
) -> None:
    """Inside a refresh's transaction: regroup the themes into top themes (``regroup``, or
    when there is no tree yet), else only attach themes that have no top theme."""
    has_tree = bool(fetch_value(con, "SELECT count(*) FROM top_themes WHERE status = 'active'"))
    if has_tree and not regroup:
        attach_orphans(con)
        return
    previous = con.execute(
        "SELECT top_id, centroid FROM top_themes WHERE status = 'active' AND model_id = ?",
        [model_id],
    ).df()
    plan = plan_tree(
        vectors,
        item_themes,
        items["text"].tolist(),
        items["language"].tolist(),
        items["text_hash"].tolist(),
        previous,
        _locked(con),
    )
    real = _new_top_ids(con, len(plan.new_ids))
    save_tree(con, plan.with_ids(dict(zip(plan.new_ids, real, strict=True))), model_id)
    attach_orphans(con)


# -- manager edits -------------------------------------------------------------------------
def _require_top(con: Con, top_id: int) -> None:
    found = con.execute(
        "SELECT 1 FROM top_themes WHERE top_id = ? AND status = 'active'", [int(top_id)]
    ).fetchall()
    if not found:
        raise WorkspaceError(say("workspace.top_gone", top_id=top_id))


def check_name(con: Con, level: str, own_id: int, name: str) -> str:
    """The name a manager typed for a theme (``level="theme"``) or a top theme (``"top"``),
    without surrounding spaces; raises when it is empty or another one of that level is
    already shown by it, in Dutch or English (case aside): two "search" rows in a picker
    that shows names only cannot be told apart.

    Raises:
        WorkspaceError: empty, or taken (merging is what the manager may have meant).
    """
    clean = " ".join(str(name).split())
    if not clean:
        raise WorkspaceError(say("workspace.name_empty", got=name))
    taken = fetch_value(
        con,
        f"SELECT count(*) FROM ({shown_names_sql(level)}) WHERE id <> ? "
        "AND lower(trim(name)) = lower(?)",
        [int(own_id), clean],
    )
    if taken:
        key = "workspace.name_taken" if level == "theme" else "workspace.top_name_taken"
        raise WorkspaceError(say(key, name=clean))
    return clean


def check_move(con: Con, theme_id: int, top_id: int) -> None:
    """Raises WorkspaceError unless the theme is listed and ``top_id`` is another live top
    theme than its own."""
    _require_top(con, top_id)
    found = con.execute(
        "SELECT top_id FROM themes WHERE theme_id = ? AND status IN ('active', 'proposed')",
        [int(theme_id)],
    ).fetchall()
    if not found:
        raise WorkspaceError(say("workspace.theme_gone", theme_id=theme_id))
    if found[0][0] is not None and int(found[0][0]) == int(top_id):
        raise WorkspaceError(say("workspace.move_same_top"))


def rename_top_theme(ws: Workspace, top_id: int, name: str) -> int:
    """Give a top theme the manager's own name (kept across refreshes). Returns the edit id.

    Raises:
        WorkspaceError: the name is empty or another main theme's (:func:`check_name`).
    """
    with ws.transaction() as con:
        _require_top(con, top_id)
        name = check_name(con, "top", top_id, name)
        before = edit_log.snapshot(con, [], top_ids=[int(top_id)])
        con.execute(
            "UPDATE top_themes SET manager_name = ?, updated_at = ? WHERE top_id = ?",
            [name, datetime.now(UTC), int(top_id)],
        )
        edit_id = edit_log.log_edit(
            con, "rename_top", {"top_id": int(top_id), "name": name}, before
        )
        ws.bump_data_version(con)
    return edit_id


def move_theme_to_top(ws: Workspace, theme_id: int, top_id: int) -> int:
    """Put a theme under another top theme; later refreshes keep it there.

    Raises:
        WorkspaceError: it is already there, or either is gone (:func:`check_move`).
    """
    with ws.transaction() as con:
        check_move(con, theme_id, top_id)
        before = edit_log.snapshot(con, [int(theme_id)])
        con.execute(
            "UPDATE themes SET top_id = ?, top_locked = TRUE WHERE theme_id = ?",
            [int(top_id), int(theme_id)],
        )
        edit_id = edit_log.log_edit(
            con, "move_theme", {"theme_id": int(theme_id), "top_id": int(top_id)}, before
        )
        ws.bump_data_version(con)
    return edit_id


def merge_top_themes(ws: Workspace, source_ids: list[int], target_id: int) -> int:
    """Merge top themes into ``target_id``: their themes move there and stay there."""
    sources = [int(s) for s in source_ids if int(s) != int(target_id)]
    if not sources:
        raise WorkspaceError(say("workspace.merge_tops_needs_other"))
    with ws.transaction() as con:
        for top in [*sources, int(target_id)]:
            _require_top(con, top)
        placeholders = ", ".join("?" * len(sources))
        moved = [
            int(r[0])
            for r in con.execute(
                f"SELECT theme_id FROM themes WHERE top_id IN ({placeholders})", sources
            ).fetchall()
        ]
        before = edit_log.snapshot(con, moved, top_ids=[*sources, int(target_id)])
        con.execute(
            f"UPDATE themes SET top_id = ?, top_locked = TRUE WHERE top_id IN ({placeholders})",
            [int(target_id), *sources],
        )
        con.execute(
            f"UPDATE top_themes SET status = 'merged', updated_at = ? "
            f"WHERE top_id IN ({placeholders})",
            [datetime.now(UTC), *sources],
        )
        edit_id = edit_log.log_edit(
            con, "merge_top", {"source_ids": sources, "target_id": int(target_id)}, before
        )
        ws.bump_data_version(con)
    return edit_id


def tree_summary(ws: Workspace, *, lang: str = "en") -> list[dict[str, Any]]:
    """The tree as nested dicts (top theme with its themes), for the CLI and exports."""
    frame = theme_tree(ws, lang=lang)
    out: list[dict[str, Any]] = []
    for top_id, rows in frame.groupby("top_id", sort=False, dropna=False):
        out.append(
            {
                "top_id": None if pd.isna(top_id) else int(cast(float, top_id)),
                "label": str(rows["top_label"].iloc[0] or ""),
                "items": int(rows["items"].sum()),
                "themes": [
                    {
                        "theme_id": int(r["theme_id"]),
                        "label": str(r["label"]),
                        "items": int(r["items"]),
                        "status": str(r["status"]),
                    }
                    for r in rows.to_dict("records")
                ],
            }
        )
    return out
