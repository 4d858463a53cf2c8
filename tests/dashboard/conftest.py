"""A small themed workspace for view tests: real imports, fabricated themes via SQL.

The theme engine is another module; these views only read the tables it writes, so the
fixture writes those tables directly (three themes, a few unsorted items, sentiment and
cached vectors) and stays fast.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import make_record
from workspace.db import Workspace
from workspace.imports import import_records

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
XSS = (
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
)

THEMES = {
    1: ("late delivery", "Late parcels", "Pakket te laat", ["late", "parcel", "delivery"]),
    2: ("wrong invoice", "Wrong invoice", "Verkeerde factuur", ["invoice", "charged"]),
    3: ("app crash", "App crashes", "App crasht", ["app", "crash", "login"]),
}
TEXTS = {
    1: "The parcel arrived late again, order {n}",
    2: "I was charged twice on my invoice {n}",
    3: "The app crashes when I log in, attempt {n}",
    None: "Something completely different about the weather {n}",
}


def _theme_of(n: int) -> int | None:
    if n % 10 == 9:
        return None
    return 1 + n % 3


def build_workspace(path: Path, *, items: int = 90, hostile: bool = False) -> Path:
    """Import ``items`` records over three channels and write themes for them."""
    records = []
    for n in range(items):
        theme = _theme_of(n)
        text = TEXTS[theme].format(n=n)
        if hostile and (n % 5 == 0 or n % 10 == 9):
            text = f"{text} {XSS[n % 3]}"
        channel = ("email", "review", "ticket")[n % 4 % 3]
        extra: dict[str, object] = {}
        if channel == "review":
            extra = {"rating": float(1 + n % 5), "rating_scale_min": 1.0, "rating_scale_max": 5.0}
        records.append(
            make_record(n, channel=channel, text=text, language=("en", "nl")[n % 2], **extra)
        )
    now = datetime(2026, 9, 1, tzinfo=UTC)
    with Workspace.open(path) as ws:
        import_records(ws, records, file_name="fixture.csv")
        ids = ws.query_df("SELECT id, text, text_hash FROM items ORDER BY source_row")
        with ws.transaction() as con:
            for theme_id, (label, en, nl, keywords) in THEMES.items():
                centroid = [1.0 if k == theme_id else 0.0 for k in range(1, 5)]
                name = f"{label} {XSS[theme_id - 1]}" if hostile else ""
                con.execute(
                    "INSERT INTO themes (theme_id, label, label_en, label_nl, manager_name, keywords,"
                    " centroid, size, created_at, updated_at, model_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 'fake-4')",
                    [theme_id, label, en, nl, name, json.dumps(keywords), centroid, now, now],
                )
            for n, row in enumerate(ids.itertuples(index=False)):
                theme = _theme_of(n)
                near = theme or 1 + n % 3
                vector = [0.9 if k == near else 0.1 for k in range(1, 5)]
                con.execute(
                    "INSERT OR IGNORE INTO embeddings VALUES ('fake-4', ?, ?)",
                    [row.text_hash, vector],
                )
                con.execute(
                    "INSERT INTO assignments VALUES (?, ?, ?, ?)",
                    [row.id, theme, 0.9 if theme else None, "fixture"],
                )
                con.execute(
                    "INSERT INTO item_sentiment VALUES (?, ?, 'fixture')",
                    [row.id, -0.6 if theme else 0.3],
                )
            con.execute(
                "UPDATE themes SET size = (SELECT count(*) FROM assignments a "
                "WHERE a.theme_id = themes.theme_id)"
            )
            # New uploads are embedded and sorted with the weightless TF-IDF embedder (fast).
            ws.set_setting("embedder", "tfidf", con)
            ws.bump_data_version(con)
    return path


@pytest.fixture
def themed_workspace(tmp_path, monkeypatch):
    path = build_workspace(tmp_path / "themed.duckdb")
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)
    return path


def _decode(value):
    import base64

    import numpy as np

    if isinstance(value, dict):
        if set(value) >= {"dtype", "bdata"}:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            shape = value.get("shape")
            if isinstance(shape, str):
                shape = [int(n) for n in shape.split(",")]
            return array.reshape(shape) if shape is not None else array
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def chart_spec(element) -> dict:
    """A ``st.plotly_chart`` element's figure as a dict, typed arrays decoded to numpy."""
    import json

    return _decode(json.loads(element.proto.spec))
