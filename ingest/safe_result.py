"""Nothing personal outside the redacted text: ids, thread ids, file names and re-imports.

Readers redact ``text``, ``subject`` and ``raw`` (:mod:`ingest.build`); problem messages
redact themselves (:class:`ingest.schema.Problem`). What is left is here: e-mail addresses
and phone numbers inside Message-IDs, References, WhatsApp ids and file names, and
Klantstem's own item export read back
(its cells were redacted by whatever rules were current when it was written, or edited by
hand since).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import PurePath

from ingest.privacy import redact, redact_identifier
from ingest.schema import FeedbackRecord, IngestResult, raw_json
from ingest.settings import IngestSettings

OWN_EXPORT_FORMAT = "klantstem_items"


@lru_cache(maxsize=256)  # every record of a file carries its name
def private_file_name(name: str, key: bytes) -> str:
    """A file name with e-mail addresses and phone numbers replaced by keyed hashes (a
    WhatsApp export is named after the chat: ``WhatsApp Chat with +31 6 12345678.txt``) and
    other personal data by placeholders; the suffix is kept."""
    path = PurePath(name)
    stem = redact(redact_identifier(path.stem, key))
    return name if stem == path.stem else stem + path.suffix


def private_raw(raw: str) -> str:
    """Every string in a record's ``raw`` JSON redacted (keys and non-strings as they are)."""
    try:
        fields = json.loads(raw or "{}")
    except ValueError:
        return redact(raw)
    if not isinstance(fields, dict):
        return redact(raw)
    return raw_json({k: redact(v) if isinstance(v, str) else v for k, v in fields.items()})


def private_record(record: FeedbackRecord, key: bytes, *, full: bool) -> FeedbackRecord:
    """The record with addresses and phone numbers out of its ids; ``full`` also re-redacts text, subject, raw."""
    ids = (record.source_record_id, record.thread_id, record.source_file)
    changes: dict[str, object] = {
        "source_record_id": redact_identifier(ids[0], key),
        "thread_id": redact_identifier(ids[1], key),
        "source_file": private_file_name(ids[2], key),
    }
    if not full and tuple(changes.values()) == ids:
        return record  # the common case, and a copy re-validates: skip it
    if full:
        changes |= {
            "text": redact(record.text),
            "subject": redact(record.subject),
            "raw": private_raw(record.raw),
        }
    return record.replace(**changes)


_QUOTED_FIELDS = ("text", "subject", "source_record_id", "thread_id", "url", "source_file")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unquote_cell(value: str) -> str:
    """Undo the ``'`` the safe export writer puts before formula-like text."""
    if value.startswith("'") and value[1:].lstrip(" ").startswith(_FORMULA_START):
        return value[1:]
    return value


def _unquoted(record: FeedbackRecord) -> FeedbackRecord:
    fields = {name: getattr(record, name) for name in _QUOTED_FIELDS}
    changed = {k: unquote_cell(v) for k, v in fields.items() if unquote_cell(v) != v}
    return record.replace(**changed) if changed else record


def private_result(result: IngestResult, settings: IngestSettings) -> IngestResult:
    """The result as it may be stored: see the module docstring.

    Klantstem's own export also loses the ``'`` its writer put before formula-like text,
    so an export imported again stores what was exported.
    """
    full = result.detected_format == OWN_EXPORT_FORMAT
    if not (full or settings.redact):
        return result
    key = settings.pseudonym_key
    records = tuple(_unquoted(r) for r in result.records) if full else result.records
    if settings.redact:
        records = tuple(private_record(r, key, full=full) for r in records)
    return IngestResult(
        private_file_name(result.file, key) if settings.redact else result.file,
        records,
        result.problems,
        result.detected_format,
        result.detected_reason,
        result.details,
    )
