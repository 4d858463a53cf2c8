"""Use case: import files into the workspace, one transaction per file, idempotent."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from ingest.build import scrub
from ingest.detect import ACCEPTED_SUFFIXES
from ingest.errors import IngestError, MappingRequired
from ingest.messages import detail
from ingest.messages import message as say
from ingest.reader import read_bytes, read_file_bytes
from ingest.safe_result import private_result
from ingest.schema import (
    PROBLEM_COLUMNS,
    RECORD_COLUMNS,
    FeedbackRecord,
    Problem,
    content_hash,
    problems_to_frame,
    records_to_frame,
)
from ingest.settings import ColumnMapping, IngestSettings
from workspace.db import Workspace, fetch_value
from workspace.future_dates import FutureRows, hold_back_future, utc_now
from workspace.localtime import workspace_timezone
from workspace.settings import load_settings

ProgressCallback = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class FileImport:
    """What happened to one file."""

    file: str
    detected_format: str
    added: int
    duplicates: int
    problems: tuple[Problem, ...]
    batch_id: int | None = None
    error: str = ""
    skipped_deleted: int = 0  # deleted tickets (Zendesk status "deleted"/"SCRUBBED", Freshdesk)
    skipped_spam: int = 0  # tickets marked as spam
    star_only: int = 0  # of the added: ratings without text (kept for rating trends)
    first_date: date | None = None  # the file's first and last item (all read), local days
    last_date: date | None = None
    future: FutureRows | None = None  # rows dated after today: held back, among the problems

    @property
    def read(self) -> int:
        """Items the file held: ``added + duplicates`` (rows it could not read are problems)."""
        return self.added + self.duplicates

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "detected_format": self.detected_format,
            "read": self.read,
            "added": self.added,
            "duplicates": self.duplicates,
            "star_only": self.star_only,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "future_rows": self.future.to_dict() if self.future else None,
            "problems": [p.to_dict() for p in self.problems],
            "error": self.error,
            "skipped_deleted": self.skipped_deleted,
            "skipped_spam": self.skipped_spam,
        }


@dataclass(slots=True)
class ImportReport:
    """What happened to every file of one import."""

    files: list[FileImport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(f.added for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(f.duplicates for f in self.files)

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def nothing_read(self) -> bool:
        """True when no file yielded anything (every one failed outright)."""
        return all(f.error for f in self.files)

    @property
    def skipped_deleted(self) -> int:
        return sum(f.skipped_deleted for f in self.files)

    @property
    def skipped_spam(self) -> int:
        return sum(f.skipped_spam for f in self.files)

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "skipped_deleted": self.skipped_deleted,
            "skipped_spam": self.skipped_spam,
            "duplicates": self.duplicates,
            "problems": [p.to_dict() for p in self.problems],
            "files": [f.to_dict() for f in self.files],
            "skipped": list(self.skipped),
        }


def ingest_settings(ws: Workspace, mapping: ColumnMapping | None = None) -> IngestSettings:
    """The reader settings stored in the workspace (timezone, own domains, key, mappings)."""
    remembered = {
        key: ColumnMapping(**json.loads(value))
        for key, value in ws.query_df("SELECT header_key, mapping FROM column_mappings").itertuples(
            index=False, name=None
        )
    }
    settings = load_settings(ws)
    return IngestSettings(
        timezone=workspace_timezone(ws),
        own_domains=settings.own_domains,
        own_addresses=settings.own_addresses,
        mailbox_owner_names=settings.mailbox_owner_names,
        pseudonym_key=(ws.get_setting("pseudonym_key", "") or "").encode(),
        redact=settings.redact,
        mappings=remembered,
        mapping=mapping,
    )


def remember_mapping(ws: Workspace, header_key: str, mapping: ColumnMapping) -> None:
    """Store a column mapping for every later file with the same header."""
    with ws.transaction() as con:
        con.execute(
            "INSERT OR REPLACE INTO column_mappings VALUES (?, ?)",
            [header_key, json.dumps(dataclasses.asdict(mapping))],
        )


def import_records(
    ws: Workspace,
    records: Iterable[FeedbackRecord],
    *,
    file_name: str,
    checksum: str = "",
    detected_format: str = "",
    problems: Sequence[Problem] = (),
    progress: ProgressCallback | None = None,
) -> FileImport:
    """Store records in one transaction: all of them or none. Known ids are skipped.

    Args:
        progress: called with a stage name and fraction; an exception raised by it aborts
            the import and leaves the workspace as it was.

    Returns:
        Counts of added and duplicate records, and the problems as stored.
    """
    frame = records_to_frame(records)
    frame["text_hash"] = [content_hash(t) for t in frame["text"].fillna("")]
    problems_frame = problems_to_frame(problems)
    columns = ", ".join(RECORD_COLUMNS)
    with ws.transaction() as con:
        batch_id = int(
            fetch_value(con, "SELECT coalesce(max(batch_id), 0) + 1 FROM import_batches")
        )
        frame["batch_id"] = batch_id
        con.register("incoming", frame)
        # First occurrence of an id within the file wins; ids already stored are skipped.
        con.execute(
            f"""
            INSERT INTO items ({columns}, text_hash, batch_id)
            SELECT {columns}, text_hash, batch_id FROM incoming
            WHERE id NOT IN (SELECT id FROM items)
            QUALIFY row_number() OVER (PARTITION BY id ORDER BY source_row) = 1
            """
        )
        added, star_only = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE is_star_only) FROM items WHERE batch_id = ?",
            [batch_id],
        ).fetchall()[0]
        con.unregister("incoming")
        if progress is not None:
            progress("stored", 0.9)
        problems_frame.insert(0, "batch_id", batch_id)
        con.register("incoming_problems", problems_frame)
        con.execute(
            f"INSERT INTO import_problems (batch_id, {', '.join(PROBLEM_COLUMNS)}) "
            f"SELECT batch_id, {', '.join(PROBLEM_COLUMNS)} FROM incoming_problems"
        )
        con.unregister("incoming_problems")
        duplicates = len(frame) - added
        con.execute(
            "INSERT INTO import_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                batch_id,
                file_name,
                checksum,
                datetime.now(UTC),
                detected_format,
                added,
                duplicates,
                len(problems),
            ],
        )
        ws.bump_data_version(con)
    first, last = _local_days(frame["received_at"], workspace_timezone(ws))
    return FileImport(
        file_name,
        detected_format,
        int(added),
        duplicates,
        tuple(problems),
        batch_id,
        star_only=int(star_only),
        first_date=first,
        last_date=last,
    )


def _local_days(times: pd.Series, tz: str) -> tuple[date | None, date | None]:
    """The first and last local day of these UTC times (None, None when there are none)."""
    stamps = pd.to_datetime(times, utc=True).dropna()
    if stamps.empty:
        return None, None
    local = stamps.dt.tz_convert(tz)
    return local.min().date(), local.max().date()


def import_bytes(
    ws: Workspace,
    data: bytes,
    name: str,
    *,
    mapping: ColumnMapping | None = None,
    progress: ProgressCallback | None = None,
    now: datetime | None = None,
) -> FileImport:
    """Read one file's bytes and store what it holds. An unreadable file stores nothing.

    This is the per-file boundary: whatever goes wrong while reading or storing this file
    becomes one problem for it (the storing transaction is rolled back), never an exception
    that stops the next file. Rows dated after ``now`` (default: the clock,
    :func:`workspace.future_dates.utc_now`) are held back as problems with their lines
    (:mod:`workspace.future_dates`).

    Raises:
        IngestError: re-raised for :class:`~ingest.errors.MappingRequired`, so a UI can ask.
    """
    name = scrub(name)
    checksum = hashlib.sha256(data).hexdigest()
    settings = ingest_settings(ws, mapping)
    try:
        result = private_result(read_bytes(data, name, settings), settings)
    except MappingRequired:
        raise
    except IngestError as exc:
        return _failed(name, _detail(exc, name))
    records, held_back, future = hold_back_future(
        result.records, now=now or utc_now(), tz=settings.timezone
    )
    try:
        stored = import_records(
            ws,
            records,
            file_name=result.file,
            checksum=checksum,
            detected_format=result.detected_format,
            problems=[p.cleaned(scrub) for p in [*result.problems, *held_back]],
            progress=progress,
        )
    except Exception as exc:  # noqa: BLE001 - the per-file boundary; the transaction rolled back
        return _failed(name, say("store.failed", format=result.detected_format, detail=detail(exc)))

    def skipped(key: str) -> int:
        value = str(result.details.get(key, ""))
        return int(value) if value.isdigit() else 0

    return dataclasses.replace(
        stored,
        skipped_deleted=skipped("skipped_deleted"),
        skipped_spam=skipped("skipped_spam"),
        future=future,
    )


def _detail(exc: IngestError, name: str) -> str:
    """The error's message without the file's name (the problem's ``file`` says it)."""
    return exc.detail if exc.file == name else str(exc).removeprefix(f"{name}: ")


def _failed(name: str, message: str) -> FileImport:
    """A file that could not be read: ``message`` (without the file's name) says why.

    The problem (line 0) keeps the message's code; ``error`` is its English with the file.
    """
    problem = Problem(scrub(name), 0, message).cleaned(scrub)  # redacts itself
    return FileImport(problem.file, "", 0, 0, (problem,), error=str(problem))


def export_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """Expand folders (recursively, hidden entries left out) and split the files into
    ``(exports to read, skipped files)`` by suffix. Paths that do not exist count as exports,
    so the import reports them."""
    exports: list[Path] = []
    skipped: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                # not is_dir() rather than is_file(): a FIFO or a link to a device in the folder
                # is listed, so the import reports it instead of dropping it without a word
                if not f.is_dir()
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            found = [p]
        for f in found:
            (exports if f.suffix.lower() in ACCEPTED_SUFFIXES else skipped).append(f)
    return exports, skipped


def import_files(
    ws: Workspace,
    paths: Iterable[str | Path],
    *,
    mapping: ColumnMapping | None = None,
    progress: ProgressCallback | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Import files and folders (each file its own transaction).

    A folder is read file by file. A file that cannot be read, or a table whose columns need
    a mapping, becomes one problem and the others still import. Files whose suffix no export
    has are listed in ``skipped``.
    """
    files, skipped = export_files(paths)
    report = ImportReport(skipped=[f.name for f in skipped])
    for index, path in enumerate(files):
        if progress is not None:
            progress(f"reading {path.name}", index / max(len(files), 1))
        try:
            data = read_file_bytes(path)
        except IngestError as exc:
            report.files.append(_failed(scrub(path.name), _detail(exc, path.name)))
            continue
        try:
            report.files.append(import_bytes(ws, data, path.name, mapping=mapping, now=now))
        except MappingRequired as exc:
            message = say("mapping.required_cli", message=_detail(exc, path.name))
            report.files.append(_failed(scrub(path.name), message))
        except Exception as exc:  # noqa: BLE001 - the per-file boundary: the next file is read
            report.files.append(
                _failed(scrub(path.name), say("store.import_failed", detail=detail(exc)))
            )
    return report
