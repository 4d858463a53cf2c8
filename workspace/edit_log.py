"""The theme store's edits log: snapshots of the rows an edit changes, and a generic undo.

An edit snapshots its rows (themes, assignments, lineage) under keys before it changes them;
undo deletes whatever is now under those keys and puts the snapshot's rows back, whatever
the edit was. Items that joined a theme the undo removes (placed there after the edit) go
back with the theme's parent, else to unsorted: undo never loses an item.

A refresh that retires a theme or top theme an edit names closes the log up to that edit
(:func:`close_undo`): its snapshot describes themes that are gone, and putting it back
would hand the items of today's themes to yesterday's (or bring back an empty one). Later
edits stay undoable (:data:`UNDOABLE`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from workspace.db import Workspace
from workspace.theme_store import Con, recompute_sizes

UNDO_FLOOR_SETTING = "undo_floor_edit_id"
UNDOABLE = (
    "NOT undone AND edit_id > coalesce((SELECT CAST(value AS BIGINT) FROM settings "
    f"WHERE key = '{UNDO_FLOOR_SETTING}'), 0)"
)
"""SQL condition on ``edits``: the edits undo may still take back, newest first."""


def close_undo(con: Con, themes_gone: set[int], tops_gone: set[int]) -> int:
    """Inside a refresh: the edits whose snapshot names a theme or top theme the refresh
    retired, and every edit before them, can no longer be undone. Returns how many could be
    until now."""
    rows = con.execute(
        f"SELECT edit_id, payload FROM edits WHERE {UNDOABLE} ORDER BY edit_id DESC"
    ).fetchall()
    for n, (edit_id, payload) in enumerate(rows):
        themes, tops = _named_ids(json.loads(payload))
        if themes & themes_gone or tops & tops_gone:
            con.execute(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)",
                [UNDO_FLOOR_SETTING, str(int(edit_id))],
            )
            return len(rows) - n
    return 0


def _named_ids(payload: dict[str, Any]) -> tuple[set[int], set[int]]:
    """The theme ids and top theme ids an edit's snapshot and arguments name."""
    before = _upgrade_snapshot(payload)
    themes = {int(t) for t in before["themes"]["keys"]}
    themes |= {int(r["theme_id"]) for r in before["assignments"]["rows"] if r.get("theme_id")}
    tops = {int(t) for t in before.get("top_themes", {}).get("keys", [])}
    tops |= {int(r["top_id"]) for r in before["themes"]["rows"] if r.get("top_id")}
    args = payload.get("args", {})
    for key in ("theme_id", "target_id"):
        if args.get(key) is not None:
            themes.add(int(args[key]))
    themes |= {int(t) for t in [*args.get("source_ids", []), *args.get("new_ids", [])]}
    if args.get("top_id") is not None:
        tops.add(int(args["top_id"]))
    return themes, tops


def change_marker(con: Con) -> tuple[int, int, int, int]:
    """What a refresh compares between its load and its save: (data version, newest edit
    id, undone edits, items)."""
    row = con.execute(
        "SELECT (SELECT CAST(value AS BIGINT) FROM settings WHERE key = 'data_version'), "
        "(SELECT coalesce(max(edit_id), 0) FROM edits), "
        "(SELECT count(*) FROM edits WHERE undone), (SELECT count(*) FROM items)"
    ).fetchone()
    return int(row[0] or 0), int(row[1]), int(row[2]), int(row[3])


def edit_kinds_since(con: Con, edit_id: int) -> list[str]:
    rows = con.execute("SELECT kind FROM edits WHERE edit_id > ? ORDER BY edit_id", [edit_id])
    return [str(r[0]) for r in rows.fetchall()]


def snapshot(
    con: Con,
    theme_ids: Sequence[int],
    item_ids: Sequence[str] = (),
    *,
    top_ids: Sequence[int] = (),
) -> dict[str, Any]:
    """The rows an edit may change, keyed, so :func:`restore` can put exactly them back.

    Args:
        theme_ids: themes the edit changes or creates (ids allocated before the edit).
        item_ids: items whose assignment the edit changes.
        top_ids: top themes the edit changes.
    """
    theme_keys = sorted({int(t) for t in theme_ids})
    item_keys = sorted({str(i) for i in item_ids})
    ph = ", ".join("?" * len(theme_keys)) or "NULL"
    ph_items = ", ".join("?" * len(item_keys)) or "NULL"
    themes = con.execute(f"SELECT * FROM themes WHERE theme_id IN ({ph})", theme_keys).df()
    themes["centroid"] = themes["centroid"].map(_vector)
    for column in ("created_at", "updated_at"):
        themes[column] = themes[column].astype(str)
    assigned = con.execute(
        f"SELECT * FROM assignments WHERE item_id IN ({ph_items})", item_keys
    ).df()
    assigned["theme_id"] = (
        assigned["theme_id"]
        .astype("Int64")
        .astype(object)
        .where(assigned["theme_id"].notna(), None)
    )
    lineage = con.execute(f"SELECT * FROM theme_lineage WHERE theme_id IN ({ph})", theme_keys).df()
    lineage["recorded_at"] = lineage["recorded_at"].astype(str)
    top_keys = sorted({int(t) for t in top_ids})
    ph_tops = ", ".join("?" * len(top_keys)) or "NULL"
    tops = con.execute(f"SELECT * FROM top_themes WHERE top_id IN ({ph_tops})", top_keys).df()
    tops["centroid"] = tops["centroid"].map(_vector)
    for column in ("created_at", "updated_at"):
        tops[column] = tops[column].astype(str)
    return {
        "top_themes": {"keys": top_keys, "rows": json.loads(tops.to_json(orient="records"))},
        "themes": {"keys": theme_keys, "rows": json.loads(themes.to_json(orient="records"))},
        "assignments": {"keys": item_keys, "rows": json.loads(assigned.to_json(orient="records"))},
        "lineage": {"keys": theme_keys, "rows": json.loads(lineage.to_json(orient="records"))},
    }


def with_created_tops(before: dict[str, Any], top_ids: Sequence[int]) -> dict[str, Any]:
    """A :func:`snapshot` that also holds top themes the edit made (ids known only after
    it): :func:`restore` removes them."""
    tops = before["top_themes"]
    keys = sorted({*tops["keys"], *(int(t) for t in top_ids)})
    return {**before, "top_themes": {"keys": keys, "rows": tops["rows"]}}


def _vector(value: Any) -> list[float] | None:
    """A stored centre as a JSON-ready list; NULL (None, NaN or NA from pandas) as None."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return [float(v) for v in value]


_KEY_COLUMN = {
    "themes": "theme_id",
    "assignments": "item_id",
    "theme_lineage": "theme_id",
    "top_themes": "top_id",
}


def restore(con: Con, before: dict[str, Any]) -> None:
    """Put the rows of a :func:`snapshot` back: rows under its keys are replaced by its rows.

    Items in a theme the snapshot removes that the snapshot does not hold (new items placed
    in a split part or a created theme after the edit) join the theme's parent when the
    restore brings it back, else they are unsorted."""
    theme_keys = [int(t) for t in before.get("themes", {}).get("keys", [])]
    parents = _split_parents(con, theme_keys)
    for part, table in (
        ("top_themes", "top_themes"),
        ("themes", "themes"),
        ("assignments", "assignments"),
        ("lineage", "theme_lineage"),
    ):
        if part not in before:  # snapshots logged before the theme tree existed
            continue
        keys = before[part]["keys"]
        if not keys:
            continue
        key = _KEY_COLUMN[table]
        con.execute(f"DELETE FROM {table} WHERE {key} IN ({', '.join('?' * len(keys))})", keys)
        for row in before[part]["rows"]:
            columns = list(row)
            con.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                [row[c] for c in columns],
            )
    _rehome_orphans(con, theme_keys, parents)
    # A theme put back under a top theme that a regrouping retired once it was left empty
    # (the manager moved its themes away) brings it back as it was.
    con.execute(
        "UPDATE top_themes SET status = 'active' WHERE status = 'retired' AND top_id IN "
        "(SELECT top_id FROM themes WHERE status IN ('active', 'proposed'))"
    )
    recompute_sizes(con)


def _split_parents(con: Con, theme_ids: Sequence[int]) -> dict[int, int]:
    """Theme -> the theme it was split from, for these themes (read before a restore)."""
    if not theme_ids:
        return {}
    rows = con.execute(
        f"SELECT theme_id, arg_max(related_id, recorded_at) FROM theme_lineage "
        f"WHERE kind = 'split_from' AND theme_id IN ({', '.join('?' * len(theme_ids))}) "
        "GROUP BY theme_id",
        list(theme_ids),
    ).fetchall()
    return {int(t): int(p) for t, p in rows}


def _rehome_orphans(con: Con, theme_ids: Sequence[int], parents: dict[int, int]) -> None:
    """Assignments to themes of ``theme_ids`` that are no longer listed go to the parent
    (when listed), else to unsorted."""
    if not theme_ids:
        return
    listed = {
        int(r[0])
        for r in con.execute(
            f"SELECT theme_id FROM themes WHERE status IN ('active', 'proposed') "
            f"AND theme_id IN ({', '.join('?' * len(theme_ids))})",
            list(theme_ids),
        ).fetchall()
    }
    for theme in sorted(set(theme_ids) - listed):
        parent = parents.get(theme)
        if parent is not None and parent in listed:
            con.execute("UPDATE assignments SET theme_id = ? WHERE theme_id = ?", [parent, theme])
        else:
            con.execute(
                "UPDATE assignments SET theme_id = NULL, similarity = NULL, method = 'unsorted' "
                "WHERE theme_id = ?",
                [theme],
            )


def _upgrade_snapshot(payload: dict[str, Any]) -> dict[str, Any]:
    """Edits logged before snapshots had keys: derive the keys from the rows and args."""
    before = payload["before"]
    if isinstance(before.get("themes"), dict):
        return before
    args = payload.get("args", {})
    created = [int(t) for t in payload.get("created_theme_ids", [])]
    theme_keys = [int(t["theme_id"]) for t in before["themes"]] + created
    items = [a["item_id"] for a in before["assignments"]]
    items += args.get("item_ids") or ([args["item_id"]] if args.get("item_id") else [])
    return {
        "themes": {"keys": theme_keys, "rows": before["themes"]},
        "assignments": {"keys": sorted(set(items)), "rows": before["assignments"]},
        # Old logs kept no lineage: drop only what the edit added.
        "lineage": {"keys": created + [int(s) for s in args.get("source_ids", [])], "rows": []},
    }


def log_edit(con: Con, kind: str, args: dict[str, Any], before: dict[str, Any]) -> int:
    """Append an edit with the snapshot it replaced; returns its id."""
    edit_id = int(con.execute("SELECT nextval('edit_ids')").fetchone()[0])
    con.execute(
        "INSERT INTO edits (edit_id, edited_at, kind, payload, undone) VALUES (?, ?, ?, ?, FALSE)",
        [edit_id, datetime.now(UTC), kind, json.dumps({"args": args, "before": before})],
    )
    return edit_id


def undo_last_edit(ws: Workspace) -> dict[str, Any] | None:
    """Undo the newest edit that is not undone by restoring its snapshot (only edits since
    the last refresh that replaced the themes: :data:`UNDOABLE`).

    Returns:
        ``{"edit_id", "kind"}``, or None when there is nothing to undo.
    """
    with ws.transaction() as con:
        row = con.execute(
            f"SELECT edit_id, kind, payload FROM edits WHERE {UNDOABLE} "
            "ORDER BY edit_id DESC LIMIT 1"
        ).fetchall()
        if not row:
            return None
        edit_id, kind, payload = int(row[0][0]), str(row[0][1]), json.loads(row[0][2])
        restore(con, _upgrade_snapshot(payload))
        con.execute("UPDATE edits SET undone = TRUE WHERE edit_id = ?", [edit_id])
        ws.bump_data_version(con)
    return {"edit_id": edit_id, "kind": kind}
