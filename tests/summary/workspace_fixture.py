"""A real workspace file holding fabricated items, themes, assignments and sentiment.

The theme engine is another module; the summary only reads the tables it writes, so these
helpers store fabricated themes through the theme store instead of running the engine.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ingest.schema import FeedbackRecord, make_record_id
from workspace.db import Workspace
from workspace.imports import export_files, import_files, import_records
from workspace.theme_store import save_themes

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
TRUTH, PLANTED = SAMPLE / "truth.csv.gz", SAMPLE / "planted.toml"


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
        scored = stored.dropna(subset=["sentiment"])
        save_themes(
            ws,
            pd.DataFrame(
                {
                    "theme_id": themes["theme_id"].astype(int),
                    "label": themes["label_en"].str.lower(),
                    "label_en": themes["label_en"],
                    "label_nl": themes["label_nl"],
                    "created_at": now,
                    "updated_at": now,
                }
            ),
            assigned=pd.DataFrame(
                {
                    "item_id": stored["id"],
                    "theme_id": stored["theme_id"].astype("Int64"),
                    "similarity": stored["similarity"],
                    "method": "fixture",
                }
            ),
            sentiment=pd.DataFrame(
                {"item_id": scored["id"], "sentiment": scored["sentiment"], "source": "fixture"}
            ),
        )
    return path


def sample_files() -> list[Path]:
    return export_files([SAMPLE])[0]


def build_truth_workspace(path: Path) -> Path:
    """The sample data imported, with the planted themes written as the theme assignment
    (items without a planted theme stay unsorted)."""
    truth = pd.read_csv(TRUTH)
    names = sorted(truth["theme"].dropna().unique())
    ids = {name: n + 1 for n, name in enumerate(names)}
    now = datetime(2026, 11, 23, tzinfo=UTC)
    with Workspace.open(path) as ws:
        report = import_files(ws, sample_files())
        assert report.added >= len(truth), (
            report.to_dict() if hasattr(report, "to_dict") else report
        )
        save_themes(
            ws,
            pd.DataFrame(
                {
                    "theme_id": list(ids.values()),
                    "label": list(ids),
                    "label_en": [name.replace("_", " ") for name in ids],
                    "label_nl": [f"{name.replace('_', ' ')} (nl)" for name in ids],
                    "created_at": now,
                    "updated_at": now,
                }
            ),
            assigned=pd.DataFrame(
                {
                    "item_id": truth["item_id"],
                    "theme_id": truth["theme"].map(ids).astype("Int64"),
                    "similarity": 1.0,
                    "method": "truth",
                }
            ),
        )
    return path
