"""A real workspace file holding fabricated items, themes, assignments and sentiment.

The theme engine is another module; the summary only reads the tables it writes, so these
helpers write those tables directly with SQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ingest.schema import FeedbackRecord, make_record_id
from workspace.db import Workspace
from workspace.imports import import_records


def write_workspace(path: Path, items: pd.DataFrame, themes: pd.DataFrame) -> Path:
    """Store fabricated ``items``/``themes`` frames (as made by ``fabricate``) in ``path``."""
    records = [
        FeedbackRecord(
            id=make_record_id("fixture", row.item_id),
            source_system="fixture",
            source_record_id=row.item_id,
            channel=row.channel,
            received_at=row.received_at.to_pydatetime(),
            text=row.text,
            source_file="fixture.csv",
            source_row=n + 2,
            language="en",
        )
        for n, row in enumerate(items.itertuples(index=False))
    ]
    now = datetime(2026, 11, 1, tzinfo=UTC)
    stored = items.assign(id=[r.id for r in records])
    with Workspace.open(path) as ws:
        import_records(ws, records, file_name="fixture.csv")
        with ws.transaction() as con:
            for row in themes.itertuples(index=False):
                con.execute(
                    "INSERT INTO themes (theme_id, label, label_en, label_nl, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [int(row.theme_id), row.label_en.lower(), row.label_en, row.label_nl, now, now],
                )
            assignments = pd.DataFrame(
                {
                    "item_id": stored["id"],
                    "theme_id": stored["theme_id"].astype("Int64"),
                    "similarity": stored["similarity"],
                    "method": "fixture",
                }
            )
            con.register("fixture_assignments", assignments)
            con.execute("INSERT INTO assignments SELECT * FROM fixture_assignments")
            scored = stored.dropna(subset=["sentiment"])
            sentiment = pd.DataFrame(
                {"item_id": scored["id"], "sentiment": scored["sentiment"], "source": "fixture"}
            )
            con.register("fixture_sentiment", sentiment)
            con.execute("INSERT INTO item_sentiment SELECT * FROM fixture_sentiment")
            ws.bump_data_version(con)
    return path
