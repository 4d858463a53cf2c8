"""Entry points of the ingest layer: bytes or a path in, :class:`IngestResult` out.

The foundation reads two shapes: the project's own normalized CSV (the columns of
``ingest.schema.RECORD_COLUMNS``, as written by ``klantstem export items``) and a generic CSV
with a ``text`` column. Format detection and the real export readers plug in here.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from ingest.errors import IngestError, RecordError
from ingest.schema import (
    RECORD_COLUMNS,
    FeedbackRecord,
    IngestResult,
    Problem,
    make_record_id,
    raw_json,
)
from ingest.settings import IngestSettings


def read_path(path: str | Path, settings: IngestSettings | None = None) -> list[IngestResult]:
    """Read a file (or every file in a folder) into records and problems.

    Raises:
        IngestError: the path does not exist.
    """
    settings = settings or IngestSettings()
    p = Path(path)
    if p.is_dir():
        return [read_bytes(f.read_bytes(), f.name, settings) for f in sorted(p.iterdir()) if f.is_file()]
    if not p.exists():
        raise IngestError(f"{p}: no such file or folder. Check the path and try again.")
    return [read_bytes(p.read_bytes(), p.name, settings)]


def read_bytes(data: bytes, name: str, settings: IngestSettings | None = None) -> IngestResult:
    """Read one file's bytes.

    Raises:
        IngestError: the file cannot be read at all (nothing from it is usable).
    """
    settings = settings or IngestSettings()
    if not data.strip():
        raise IngestError(f"{name}: the file is empty. Expected a CSV, XLSX, JSON, mbox or e-mail export.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=None, engine="python")
    except (pd.errors.ParserError, csv.Error, pd.errors.EmptyDataError) as exc:
        raise IngestError(f"{name}: not a readable CSV ({exc}). Expected a CSV with a 'text' column.") from exc
    columns = {c.strip().lower(): c for c in frame.columns}
    if set(RECORD_COLUMNS) <= set(columns):
        return _read_normalized(frame, name)
    if "text" in columns:
        return _read_generic(frame, name, columns, settings)
    raise IngestError(
        f"{name}: no 'text' column found (columns: {', '.join(map(str, frame.columns))}). "
        "Expected a feedback export or a CSV with a 'text' column."
    )


def _read_normalized(frame: pd.DataFrame, name: str) -> IngestResult:
    records: list[FeedbackRecord] = []
    problems: list[Problem] = []
    for line, row in enumerate(frame.to_dict("records"), start=2):
        try:
            records.append(
                FeedbackRecord(
                    id=row["id"],
                    source_system=row["source_system"],
                    source_record_id=row["source_record_id"],
                    channel=row["channel"],
                    direction=row["direction"] or "inbound",
                    received_at=pd.Timestamp(row["received_at"]).tz_convert(UTC).to_pydatetime(),
                    received_at_tz_assumed=row["received_at_tz_assumed"].lower() == "true",
                    author_pseudonym=row["author_pseudonym"],
                    subject=row["subject"],
                    text=row["text"],
                    language=row["language"],
                    rating=float(row["rating"]) if row["rating"] else None,
                    rating_scale_min=float(row["rating_scale_min"]) if row["rating_scale_min"] else None,
                    rating_scale_max=float(row["rating_scale_max"]) if row["rating_scale_max"] else None,
                    is_star_only=row["is_star_only"].lower() == "true",
                    thread_id=row["thread_id"],
                    url=row["url"],
                    source_file=row["source_file"] or name,
                    source_row=int(row["source_row"] or line),
                    raw=row["raw"] or "{}",
                )
            )
        except (RecordError, ValueError, TypeError) as exc:
            problems.append(Problem(name, line, str(exc)))
    return IngestResult(name, tuple(records), tuple(problems), "klantstem_items", "all record columns present")


def _read_generic(
    frame: pd.DataFrame, name: str, columns: dict[str, str], settings: IngestSettings
) -> IngestResult:
    zone = ZoneInfo(settings.timezone)
    records: list[FeedbackRecord] = []
    problems: list[Problem] = []
    date_col = columns.get("date") or columns.get("received_at")
    for line, row in enumerate(frame.to_dict("records"), start=2):
        try:
            when_raw = row.get(date_col, "") if date_col else ""
            assumed = False
            if when_raw:
                stamp = pd.Timestamp(when_raw)
                if stamp.tzinfo is None:
                    stamp, assumed = stamp.tz_localize(zone), True
                when = stamp.tz_convert(UTC).to_pydatetime()
            else:
                when, assumed = datetime.now(UTC), True
            record_id = row.get(columns.get("id", ""), "") or f"{name}:{line}"
            records.append(
                FeedbackRecord(
                    id=make_record_id("generic_csv", record_id),
                    source_system="generic_csv",
                    source_record_id=record_id,
                    channel=row.get(columns.get("channel", ""), "") or "other",
                    received_at=when,
                    received_at_tz_assumed=assumed,
                    text=row[columns["text"]].strip(),
                    source_file=name,
                    source_row=line,
                    raw=raw_json(row),
                )
            )
        except (RecordError, ValueError, TypeError) as exc:
            problems.append(Problem(name, line, str(exc)))
    return IngestResult(name, tuple(records), tuple(problems), "generic_csv", "has a 'text' column")
