"""The record contract: one normalized feedback item, the only shape every layer speaks.

Every reader in ``ingest/`` produces :class:`FeedbackRecord` values plus :class:`Problem`
values; ``workspace/`` stores them; ``analysis/`` and ``dashboard/`` only ever see the
columns listed in :data:`RECORD_COLUMNS`. Nothing downstream reads a raw export field.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

import pandas as pd

from ingest.errors import RecordError
from ingest.messages import MESSAGES, Text, map_strings, params_to_json
from ingest.messages import message as say
from ingest.privacy import PLACEHOLDER as PLACEHOLDER  # the contract: what a text may hold
from ingest.privacy import PLACEHOLDER_LIKE as PLACEHOLDER_LIKE
from ingest.privacy import redact, redact_message

Channel = Literal["email", "review", "app_review", "ticket", "chat", "survey", "other"]
Direction = Literal["inbound", "outbound", "internal"]

CHANNELS: tuple[str, ...] = ("email", "review", "app_review", "ticket", "chat", "survey", "other")
# What managers read for each channel, in English and Dutch (dashboard and weekly summary).
CHANNEL_NAMES: dict[str, dict[str, str]] = {
    "email": {"en": "E-mail", "nl": "E-mail"},
    "review": {"en": "Reviews", "nl": "Reviews"},
    "app_review": {"en": "App reviews", "nl": "App-reviews"},
    "ticket": {"en": "Tickets", "nl": "Tickets"},
    "chat": {"en": "Chat", "nl": "Chat"},
    "survey": {"en": "Surveys", "nl": "Enquêtes"},
    "other": {"en": "Other", "nl": "Overig"},
}
DIRECTIONS: tuple[str, ...] = ("inbound", "outbound", "internal")


def make_record_id(source_system: str, source_record_id: str, part: int = 0) -> str:
    """Stable item id: the same source record always gets the same id.

    Args:
        source_system: e.g. ``"trustpilot"``.
        source_record_id: the id the source gives the record (Message-ID, review id, ...).
        part: index of a part within one source record (a ticket's n-th comment).
    """
    key = f"{source_system}:{source_record_id}:{part}".encode()
    return hashlib.sha256(key).hexdigest()[:32]


MIN_LETTERS = 2
"""A rated text with fewer letters than this ("!", "12", "(Y)", "👍👍") says nothing in words."""


def says_something(text: str) -> bool:
    """Whether a text holds words: at least :data:`MIN_LETTERS` letters, in any script.

    A review whose text is "!", "?", "12" or a row of emoji carries its rating and nothing a
    theme could be about; it is stored as a rating-only review (``is_star_only``), with its
    text kept, so it counts in volumes and ratings but is never clustered into a theme of
    punctuation (real Google Play exports hold dozens of them).
    """
    return sum(ch.isalpha() for ch in text) >= MIN_LETTERS


def content_hash(text: str) -> str:
    """Hash of the normalized text, used for cross-source duplicates and the vector cache."""
    normalized = " ".join(text.split()).casefold()
    return hashlib.sha256(normalized.encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class FeedbackRecord:
    """One unit of customer voice: a review, an inbound e-mail, a ticket comment, ...

    ``text`` is cleaned (quotes, signatures, HTML gone) and redacted. ``received_at`` is
    timezone-aware UTC. ``raw`` holds the original fields as a JSON string.
    """

    id: str
    source_system: str
    channel: str
    received_at: datetime
    text: str
    source_file: str
    source_row: int
    source_record_id: str = ""
    direction: str = "inbound"
    received_at_tz_assumed: bool = False
    author_pseudonym: str = ""
    subject: str = ""
    language: str = ""
    rating: float | None = None
    rating_scale_min: float | None = None
    rating_scale_max: float | None = None
    is_star_only: bool = False
    thread_id: str = ""
    url: str = ""
    raw: str = "{}"

    def __post_init__(self) -> None:
        validate_record(self)

    @property
    def rating_normalized(self) -> float | None:
        """Rating mapped onto 0..1 using its own scale, or None when there is no rating."""
        if self.rating is None or self.rating_scale_min is None or self.rating_scale_max is None:
            return None
        span = self.rating_scale_max - self.rating_scale_min
        return (self.rating - self.rating_scale_min) / span if span else None

    def replace(self, **changes: Any) -> FeedbackRecord:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)


def validate_record(record: FeedbackRecord) -> None:
    """Raise :class:`RecordError` naming the field and the value when a record is invalid."""
    where = f"{record.source_file} line {record.source_row}"
    if not record.id:
        raise RecordError(say("record.empty", field="id"), where=where)
    if not record.source_system:
        raise RecordError(say("record.empty", field="source_system"), where=where)
    if record.channel not in CHANNELS:
        raise RecordError(
            say(
                "record.not_one_of",
                field="channel",
                allowed=", ".join(CHANNELS),
                value=record.channel,
            ),
            where=where,
        )
    if record.direction not in DIRECTIONS:
        raise RecordError(
            say(
                "record.not_one_of",
                field="direction",
                allowed=", ".join(DIRECTIONS),
                value=record.direction,
            ),
            where=where,
        )
    if not isinstance(record.received_at, datetime):
        raise RecordError(say("record.not_datetime", value=repr(record.received_at)), where=where)
    if record.received_at.tzinfo is None or record.received_at.utcoffset() is None:
        raise RecordError(
            say("record.naive_time", value=record.received_at.isoformat()), where=where
        )
    if record.received_at.utcoffset() != timedelta(0):
        raise RecordError(say("record.not_utc", value=record.received_at.isoformat()), where=where)
    if not record.is_star_only and not record.text.strip():
        raise RecordError(say("record.empty_text", value=record.text), where=where)
    if record.rating is not None:
        low, high = record.rating_scale_min, record.rating_scale_max
        if low is None or high is None:
            raise RecordError(say("record.no_scale", value=record.rating), where=where)
        if not low <= record.rating <= high:
            raise RecordError(
                say("record.rating_range", low=low, high=high, value=record.rating), where=where
            )
    try:
        json.loads(record.raw)
    except (TypeError, ValueError) as exc:
        raise RecordError(say("record.raw_not_json", detail=str(exc)), where=where) from exc


def raw_json(fields: Mapping[str, Any]) -> str:
    """Serialize original fields for :attr:`FeedbackRecord.raw` (non-JSON values as text)."""
    return json.dumps(dict(fields), ensure_ascii=False, default=str)


# The DataFrame form: column -> pandas dtype. Order is the storage order.
RECORD_DTYPES: dict[str, str] = {
    "id": "string",
    "source_system": "string",
    "source_record_id": "string",
    "channel": "string",
    "direction": "string",
    "received_at": "datetime64[us, UTC]",
    "received_at_tz_assumed": "bool",
    "author_pseudonym": "string",
    "subject": "string",
    "text": "string",
    "language": "string",
    "rating": "Float64",
    "rating_scale_min": "Float64",
    "rating_scale_max": "Float64",
    "is_star_only": "bool",
    "thread_id": "string",
    "url": "string",
    "source_file": "string",
    "source_row": "Int64",
    "raw": "string",
}
RECORD_COLUMNS: tuple[str, ...] = tuple(RECORD_DTYPES)


def records_to_frame(records: Iterable[FeedbackRecord]) -> pd.DataFrame:
    """The DataFrame form of records, with the fixed dtypes of :data:`RECORD_DTYPES`."""
    rows = [dataclasses.astuple(r) for r in records]
    names = [f.name for f in dataclasses.fields(FeedbackRecord)]
    frame = pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame(columns=names)
    return frame[list(RECORD_COLUMNS)].astype(RECORD_DTYPES)


def empty_frame() -> pd.DataFrame:
    """An empty record frame with the contract's columns and dtypes."""
    return records_to_frame([])


@dataclass(frozen=True, slots=True)
class Problem:
    """A row or file that could not be (fully) read. One shape for every reader.

    ``line`` is the 1-based line or record number in the file, or 0 for the whole file.
    ``severity`` is ``"error"`` (the row was skipped) or ``"warning"`` (imported, but note).
    ``message`` is English; when it was built from :mod:`ingest.messages` it also keeps its
    ``code`` and ``params`` (redacted like the message), so a UI can word it in its language.
    """

    file: str
    line: int
    message: str
    severity: Literal["error", "warning"] = "error"
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if isinstance(self.message, Text) and not self.code:
            object.__setattr__(self, "code", self.message.code)
            object.__setattr__(self, "params", self.message.params)
        # Messages quote the cell they could not read; that cell may hold anything personal.
        object.__setattr__(self, "file", redact(self.file))
        object.__setattr__(self, "message", redact_message(self.message))
        object.__setattr__(
            self, "params", {k: map_strings(v, redact) for k, v in self.params.items()}
        )

    def __str__(self) -> str:
        where = f"{self.file} line {self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    @property
    def text(self) -> str:
        """The message as a :class:`~ingest.messages.Text` when it has a code, else as stored."""
        return Text(self.code, self.params) if self.code in MESSAGES else self.message

    def cleaned(self, change: Callable[[str], str]) -> Problem:
        """A copy with ``change`` applied to the file name, the message and every value."""
        return Problem(
            change(self.file),
            self.line,
            change(self.message),
            self.severity,
            self.code,
            {k: map_strings(v, change) for k, v in self.params.items()},
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: file, line, severity, message, code and params."""
        return {
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "severity": self.severity,
            "code": self.code,
            "params": params_to_json(self.params),
        }


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What reading one file gives: the records, the problems, and what was detected."""

    file: str
    records: tuple[FeedbackRecord, ...] = ()
    problems: tuple[Problem, ...] = ()
    detected_format: str = ""
    detected_reason: str = ""
    details: Mapping[str, str] = field(default_factory=dict)


PROBLEM_COLUMNS: tuple[str, ...] = ("file", "line", "severity", "message", "code", "params")


def problems_to_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """Problems as a table for storing (columns :data:`PROBLEM_COLUMNS`; ``params`` as JSON)."""
    rows = [
        (
            p.file,
            p.line,
            p.severity,
            p.message,
            p.code,
            json.dumps(params_to_json(p.params), ensure_ascii=False),
        )
        for p in problems
    ]
    return pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
