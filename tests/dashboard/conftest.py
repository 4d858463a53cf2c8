"""A small themed workspace for view tests: real imports, fabricated themes via the store.

The theme engine is another module; these views only read the tables it writes, so the
fixture stores three themes (centres in the TF-IDF embedder's space), a few unsorted items,
sentiment and cached vectors through the theme store and stays fast.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.embedders import TfidfEmbedder, l2_normalize
from tests.conftest import make_record
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.theme_store import save_themes
from workspace.vectors import cache_vectors

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
    embedder = TfidfEmbedder()  # the workspace's embedder: uploads are placed with it (fast)
    with Workspace.open(path) as ws:
        ws.set_setting("embedder", "tfidf")
        import_records(ws, records, file_name="fixture.csv")
        ids = ws.query_df("SELECT id, text, text_hash FROM items ORDER BY source_row")
        vectors = l2_normalize(embedder.embed(ids["text"].tolist()))
        cache_vectors(ws, embedder.model_id, ids["text_hash"].tolist(), vectors)
        theme_of = np.array([_theme_of(n) or -1 for n in range(len(ids))])
        themes = pd.DataFrame(
            {
                "theme_id": list(THEMES),
                "label": [label for label, _, _, _ in THEMES.values()],
                "label_en": [en for _, en, _, _ in THEMES.values()],
                "label_nl": [nl for _, _, nl, _ in THEMES.values()],
                "manager_name": [
                    f"{label} {XSS[theme_id - 1]}" if hostile else ""
                    for theme_id, (label, _, _, _) in THEMES.items()
                ],
                "keywords": [json.dumps(k) for _, _, _, k in THEMES.values()],
                "centroid": [
                    l2_normalize(vectors[theme_of == t].mean(axis=0, keepdims=True))[0].tolist()
                    for t in THEMES
                ],
                "created_at": now,
                "updated_at": now,
                "model_id": embedder.model_id,
            }
        )
        save_themes(
            ws,
            themes,
            assigned=pd.DataFrame(
                {
                    "item_id": ids["id"],
                    "theme_id": pd.array([t if t > 0 else None for t in theme_of], "Int64"),
                    "similarity": [0.9 if t > 0 else None for t in theme_of],
                    "method": "fixture",
                }
            ),
            sentiment=pd.DataFrame(
                {
                    "item_id": ids["id"],
                    "sentiment": [-0.6 if t > 0 else 0.3 for t in theme_of],
                    "source": "fixture",
                }
            ),
        )
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


TOPS = {
    10: ("delivery billing", "Delivery and billing", "Bezorging en facturen", (1, 2)),
    20: ("app", "The app", "De app", (3,)),
}
"""The tree over :data:`THEMES`: top id -> (label, English, Dutch, its themes)."""


def add_tree(path: Path, tops: dict | None = None) -> Path:
    """Put the fixture's themes under two top themes (or ``tops``, shaped as :data:`TOPS`),
    as a refresh would store them."""
    now = datetime(2026, 9, 1, tzinfo=UTC)
    with Workspace.open(path) as ws, ws.transaction() as con:
        for top_id, (label, en, nl, themes) in (tops or TOPS).items():
            marks = ", ".join("?" * len(themes))
            centres = con.execute(
                f"SELECT centroid, model_id FROM themes WHERE theme_id IN ({marks})", list(themes)
            ).fetchall()
            centre = l2_normalize(np.asarray([c for c, _ in centres]).mean(axis=0, keepdims=True))
            con.execute(
                "INSERT INTO top_themes (top_id, label, label_en, label_nl, centroid, status, "
                "model_id, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, CAST(? AS FLOAT[]), 'active', ?, ?, ?)",
                [top_id, label, en, nl, centre[0].tolist(), centres[0][1], now, now],
            )
            for theme_id in themes:
                con.execute("UPDATE themes SET top_id = ? WHERE theme_id = ?", [top_id, theme_id])
    return path


@pytest.fixture
def tree_workspace(themed_workspace):
    """:func:`themed_workspace` with its three themes under two top themes (:data:`TOPS`)."""
    return add_tree(themed_workspace)
