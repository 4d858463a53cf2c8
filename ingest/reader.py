"""Entry points of the ingest layer: bytes or a path in, :class:`IngestResult` out.

:func:`read_bytes` detects what a file is (see :mod:`ingest.detect`) and hands it to the
reader of that export: e-mail (:mod:`ingest.email_reader`), review sites
(:mod:`ingest.reviews`), tickets (:mod:`ingest.tickets`) or any table through a column
mapping (:mod:`ingest.tables`). A .zip is one file and gives one result.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from ingest import reviews, surveys, tickets
from ingest.build import first_problem, scrub
from ingest.detect import (
    EXPECTED,
    decode,
    looks_like_eml,
    looks_like_mbox,
    match_table,
    translate_header,
)
from ingest.email_reader import read_eml, read_mbox, read_outlook_csv
from ingest.errors import IngestError, MappingRequired, ResourceLimitExceeded
from ingest.json_lines import JsonLines, Locate, line_breaks
from ingest.limits import check_time, current, file_budget
from ingest.messages import detail
from ingest.messages import message as say
from ingest.outlook_msg import is_msg, msg_to_eml
from ingest.schema import IngestResult, Problem
from ingest.settings import IngestSettings
from ingest.tables import (
    Table,
    is_normalized,
    load_csv,
    load_xlsx,
    read_normalized,
    read_unknown_table,
)
from ingest.whatsapp import looks_like_whatsapp, read_whatsapp
from ingest.workbooks import ODS_MIMETYPE, OLE2_MAGIC, load_workbook_table

TableReader = Callable[[Table, IngestSettings, str], IngestResult]
TABLE_READERS: dict[str, TableReader] = {
    "google_play": reviews.read_google_play,
    "trustpilot": reviews.read_trustpilot,
    "trustpilot_product": reviews.read_trustpilot_product,
    "zendesk_csv": tickets.read_zendesk_csv,
    "freshdesk": tickets.read_freshdesk,
    "jira": tickets.read_jira,
    "hubspot": tickets.read_hubspot,
    "intercom_csv": tickets.read_intercom_csv,
    "outlook_csv": read_outlook_csv,
}
_MEDIA_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".opus", ".ogg", ".mp3", ".m4a", ".aac",
     ".mp4", ".mov", ".3gp", ".vcf", ".pdf", ".docx", ".doc"}
)  # fmt: skip
_SKIPPED_MEMBERS = ("__MACOSX/", ".DS_Store", "Thumbs.db")


def read_path(path: str | Path, settings: IngestSettings | None = None) -> list[IngestResult]:
    """Read a file (or every file in a folder) into records and problems.

    Raises:
        IngestError: the path does not exist, or a file in it cannot be read.
    """
    settings = settings or IngestSettings()
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        return [read_bytes(read_file_bytes(f), f.name, settings) for f in files]
    return [read_bytes(read_file_bytes(p), p.name, settings)]


def read_file_bytes(path: str | Path) -> bytes:
    """The bytes of one regular file, refusing what would hang or never end.

    A FIFO, a device (a symlink to ``/dev/zero``), a socket or a file over the size limit
    is refused before a single byte is read.

    Raises:
        IngestError: the path is missing, not a regular file, too large or unreadable.
    """
    p = Path(path)
    limit = current().max_bytes
    try:
        info = os.stat(p)  # follows symlinks: a link to /dev/zero is a character device
    except FileNotFoundError as exc:
        raise IngestError(say("file.missing"), file=str(p)) from exc
    except OSError as exc:
        raise IngestError(say("file.cannot_open", detail=exc.strerror), file=p.name) from exc
    if not stat.S_ISREG(info.st_mode):
        kind = (
            say("file.kind.fifo")
            if stat.S_ISFIFO(info.st_mode)
            else say("file.kind.device")
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket"
            if stat.S_ISSOCK(info.st_mode)
            else say("file.kind.other")
        )
        raise IngestError(say("file.not_regular", kind=kind), file=p.name)
    if info.st_size > limit:
        raise ResourceLimitExceeded(
            say("file.too_large", mib=info.st_size // (1024 * 1024), limit=limit // (1024 * 1024)),
            file=p.name,
        )
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO after the check, open does not block.
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise IngestError(say("file.cannot_read", detail=exc.strerror), file=p.name) from exc
    if len(data) > limit:
        raise ResourceLimitExceeded(
            say("file.over_limit", limit=limit // (1024 * 1024)), file=p.name
        )
    return data


def read_bytes(data: bytes, name: str, settings: IngestSettings | None = None) -> IngestResult:
    """Read one file's bytes (a .zip counts as one file) within its budget.

    This is the per-file boundary: whatever goes wrong while reading becomes an
    :class:`IngestError` naming the file (a reader's bug included), never another exception.

    Raises:
        MappingRequired: a table whose text column could not be guessed.
        IngestError: the file cannot be read at all (nothing from it is usable).
    """
    settings = settings or IngestSettings()
    with file_budget(name) as budget:
        try:
            budget.take_bytes(len(data), "the file itself")
            return _read_bytes(data, name, settings)
        except IngestError:
            raise
        except (RecursionError, MemoryError) as exc:  # pathological nesting in JSON or MIME
            raise IngestError(
                say("file.too_nested", kind=exc.__class__.__name__, expected=EXPECTED), file=name
            ) from exc
        except Exception as exc:  # noqa: BLE001 - the per-file boundary: nothing may escape
            raise IngestError(
                say("file.damaged", detail=detail(exc), expected=EXPECTED), file=name
            ) from exc


def _read_bytes(data: bytes, name: str, settings: IngestSettings) -> IngestResult:
    if not data or data.isspace():  # not data.strip(): that copies the whole file
        raise IngestError(say("file.empty", expected=EXPECTED), file=name)
    return _read_any(data, name, settings, depth=0)


def _read_any(data: bytes, name: str, settings: IngestSettings, depth: int) -> IngestResult:
    """Dispatch on the container: zip (xlsx, ods, zip), OLE2 (.msg, .xls), else text."""
    if data[:4] == b"PK\x03\x04":
        return _read_zip_or_xlsx(data, name, settings, depth=depth)
    if data[:8] == OLE2_MAGIC:
        if is_msg(data):
            return read_eml(msg_to_eml(data, name), name, settings, fmt="outlook_msg")
        return read_table(load_workbook_table(data, name, "xlrd"), settings)
    return _read_single(data, name, settings)


def _read_single(data: bytes, name: str, settings: IngestSettings) -> IngestResult:
    if reviews.looks_like_kiyoh_xml(data):
        return reviews.read_kiyoh(
            reviews.kiyoh_xml_payload(data, name), name, settings, "kiyoh_xml",
            "XML feed with Kiyoh's reviewId and reviewContent elements",
        )  # fmt: skip
    text, encoding = decode(data, name)
    stripped = text.lstrip()
    if stripped[:1] in "[0123456789\u200e" and looks_like_whatsapp(
        text
    ):  # iOS lines start with "["
        return read_whatsapp(text, name, settings)
    if stripped[:1] in "{[":
        return _read_json(
            stripped, name, settings, 1 + line_breaks(text, 0, len(text) - len(stripped))
        )
    if looks_like_mbox(text):
        return read_mbox(data, name, settings)
    if looks_like_eml(text):
        return read_eml(data, name, settings)
    return read_table(load_csv(text, name, encoding), settings)


def read_table(table: Table, settings: IngestSettings) -> IngestResult:
    """Dispatch a parsed table to its export's reader, or to the mapping path."""
    if is_normalized(table):
        return read_normalized(table, settings)
    mapping = settings.mapping
    if (
        mapping is not None
        and table.index(mapping.text) is not None
        and match_table(table.header) is None
    ):
        return read_unknown_table(table, settings)
    fingerprint = match_table(table.header)
    if fingerprint is not None:
        return TABLE_READERS[fingerprint.format](table, settings, fingerprint.reason)
    kind = surveys.survey_kind(table)
    if kind:
        return surveys.read_survey(table, kind, settings)
    translated = translate_header(table.header)
    if translated is not None:
        localized = Table(
            table.name, translated, table.rows, table.lines, table.problems,
            {**table.details, "header_language": "localized"},
        )  # fmt: skip
        if localized.index("Issue id") is None:
            return tickets.read_jira(
                localized,
                settings,
                "has Jira's columns under localized names (Summary, Issue key, Created)",
            )
        found = match_table(localized.header)
        if found is not None:
            return TABLE_READERS[found.format](
                localized, settings, found.reason + " (localized names)"
            )
    return read_unknown_table(table, settings)


# ------------------------------------------------------------------ JSON


def _parse_json(
    text: str, name: str, first_line: int = 1
) -> tuple[Any, list[tuple[int, Any]], list[Problem]]:
    """The document, or (for NDJSON) the objects per line plus problems for bad lines.

    ``first_line`` is the file's line ``text`` starts on (blank lines before it were cut).
    """
    try:
        return json.loads(text), [], []
    except ValueError as exc:
        if not isinstance(exc, json.JSONDecodeError):  # an integer of more than 4,300 digits
            raise IngestError(say("json.long_number", detail=str(exc)[:120]), file=name) from exc
        whole_error = exc
        # "\n" only: U+2028, U+0085 or a form feed inside a value is text, not a line break
        lines = text.split("\n" if "\n" in text else "\r")
        objects: list[tuple[int, Any]] = []
        problems: list[Problem] = []
        for number, line in enumerate(lines, start=first_line):
            if not line.strip():
                continue
            try:
                objects.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                problems.append(
                    Problem(name, number, say("json.bad_line", detail=exc.msg, column=exc.colno))
                )
            except ValueError as exc:  # an integer of more than 4,300 digits
                problems.append(
                    Problem(name, number, say("json.line_long_number", detail=str(exc)[:80]))
                )
        if (
            len(objects) < 1
            or not all(isinstance(o, dict) for _, o in objects)
            or len(problems) > len(objects)
        ):
            raise IngestError(
                say(
                    "json.invalid", detail=whole_error.msg, line=whole_error.lineno + first_line - 1
                ),
                file=name,
            ) from whole_error
        return None, objects, problems


def _scrubbed(value: Any) -> Any:
    """JSON values with lone surrogates (``"\\ud800"``, keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {scrub(k): _scrubbed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _read_json(text: str, name: str, settings: IngestSettings, first_line: int = 1) -> IngestResult:
    """A JSON document or NDJSON; a record's problems name the line its ``{`` is on."""
    payload, lines, problems = _parse_json(text, name, first_line)
    if _SURROGATE_ESCAPE.search(text):
        payload = _scrubbed(payload)
        lines = [(n, _scrubbed(o)) for n, o in lines]
    if payload is None:  # NDJSON: a record and its comments are on its line
        first = lines[0][1]
        if tickets.looks_like_freshdesk([o for _, o in lines[:50]]):
            return _with_problems(tickets.read_freshdesk_json(lines, name, settings), problems)
        if "ticket" in first or "requester_id" in first:
            return _with_problems(tickets.read_zendesk_json(lines, name, settings), problems)
        return _with_problems(_read_json_rows(lines, name, settings), problems)
    where = JsonLines(text, first_line).line
    if isinstance(payload, dict):
        data = payload.get("data")
        if isinstance(data, list) and any(
            isinstance(d, dict) and d.get("type") == "customerReviews" for d in data
        ):
            return reviews.read_app_store(payload, name, settings, where)
        found = payload.get("reviews")
        if isinstance(found, list):
            sample = [r for r in found[:50] if isinstance(r, dict)]
            if "locationId" in payload or any("reviewContent" in r for r in sample):
                return reviews.read_kiyoh(payload, name, settings, lines=where)
            if any("starRating" in r or "/locations/" in str(r.get("name", "")) for r in sample):
                return reviews.read_google_business(payload, name, settings, where)
            if any("total_score" in r or "questions" in r for r in sample):
                return reviews.read_feedback_company(payload, name, settings, where)
        if isinstance(payload.get("tickets"), list) and tickets.looks_like_freshdesk(
            payload["tickets"][:50]
        ):
            return _read_tickets(
                tickets.read_freshdesk_json, payload["tickets"], where, ("tickets",), name, settings
            )
        if tickets.looks_like_freshdesk([payload]):
            return _read_tickets(
                tickets.read_freshdesk_json, [payload], where, None, name, settings
            )
        if isinstance(payload.get("tickets"), list):
            return _read_tickets(
                tickets.read_zendesk_json, payload["tickets"], where, ("tickets",), name, settings
            )
        if isinstance(payload.get("ticket"), dict):
            return _read_tickets(tickets.read_zendesk_json, [payload], where, None, name, settings)
        if isinstance(payload.get("conversations"), list) or payload.get("type") == "conversation":
            return tickets.read_intercom_json(payload, name, settings, where)
        for key in ("reviews", "items", "results", "records", "data"):
            if isinstance(payload.get(key), list):
                rows, _ = _listed(payload[key], where, (key,))
                return _read_json_rows(rows, name, settings)
        keys = ", ".join(list(payload)[:12])
        raise IngestError(say("json.unknown_shape", keys=keys, expected=EXPECTED), file=name)
    if isinstance(payload, list):
        if payload and all(isinstance(p, dict) for p in payload[:50]):
            if tickets.looks_like_freshdesk(payload[:50]):
                return _read_tickets(
                    tickets.read_freshdesk_json, payload, where, (), name, settings
                )
            if any("requester_id" in p or "ticket" in p for p in payload[:50]):
                return _read_tickets(tickets.read_zendesk_json, payload, where, (), name, settings)
            if any("starRating" in p for p in payload[:50]):
                return reviews.read_google_business(
                    {"reviews": payload}, name, settings, lambda path: where(path[1:])
                )
        rows, _ = _listed(payload, where, ())
        return _read_json_rows(rows, name, settings)
    raise IngestError(
        say("json.single_value", kind=type(payload).__name__, expected=EXPECTED), file=name
    )


def _read_tickets(
    read: Callable[[list[tuple[int, Any]], str, IngestSettings, Locate], IngestResult],
    values: list[Any], where: Locate, path: tuple[str, ...] | None, name: str,
    settings: IngestSettings,
) -> IngestResult:  # fmt: skip
    listed, inside = _listed(values, where, path)
    return read(listed, name, settings, inside)


def _listed(
    values: list[Any], where: Locate, path: tuple[str, ...] | None
) -> tuple[list[tuple[int, Any]], Locate]:
    """The values of the list at ``path`` with the line each starts on (else its number), and
    a lookup of paths inside them (``(i, "comments", j)``: comment ``j`` of value ``i``).

    ``path`` None: the document itself is the only value.
    """
    if path is None:
        return [(where(()) or 1, values[0])], lambda inner: where(inner[1:])
    listed = [(where((*path, i)) or i + 1, value) for i, value in enumerate(values)]
    return listed, lambda inner: where((*path, *inner))


def _read_json_rows(
    rows: list[tuple[int, Any]], name: str, settings: IngestSettings
) -> IngestResult:
    """A list of flat JSON objects (JSON Lines, Yelp-style) read like a table; ``rows`` are
    ``(line, value)``."""
    objects = [(line, r) for line, r in rows if isinstance(r, dict)]
    if not objects:
        raise IngestError(say("json.no_records", expected=EXPECTED), file=name)
    header: list[str] = []
    for _, obj in objects[:1000]:
        header.extend(k for k in obj if k not in header)
    table_rows = [[_json_cell(obj.get(h)) for h in header] for _, obj in objects]
    table = Table(name, header, table_rows, [line for line, _ in objects], [], {"json": "records"})
    return read_table(table, settings)


def _json_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _with_problems(result: IngestResult, problems: list[Problem]) -> IngestResult:
    if not problems:
        return result
    merged = tuple(sorted((*result.problems, *problems), key=lambda p: p.line))
    return IngestResult(
        result.file,
        result.records,
        merged,
        result.detected_format,
        result.detected_reason,
        result.details,
    )


# ------------------------------------------------------------------ zip and xlsx


def _read_zip_or_xlsx(data: bytes, name: str, settings: IngestSettings, depth: int) -> IngestResult:
    budget = current()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [
            m
            for m in archive.infolist()
            if not m.is_dir() and not any(s in m.filename for s in _SKIPPED_MEMBERS)
        ]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise IngestError(say("zip.damaged", detail=str(exc)), file=name) from exc
    is_ods = any(m.filename == "mimetype" for m in members) and archive.open("mimetype").read(
        60
    ).startswith(ODS_MIMETYPE)
    if is_ods or (any(m.filename == "[Content_Types].xml" for m in members) and any(
        m.filename.startswith("xl/") for m in members
    )):  # fmt: skip
        # openpyxl never unpacks more than a member's declared size (zipfile stops there).
        for member in members:
            budget.take_member(f"{name}/{member.filename}")
        budget.take_bytes(sum(m.file_size for m in members), f"{name} (workbook parts)")
        if is_ods:
            return read_table(load_workbook_table(data, name, "odf"), settings)
        return read_table(load_xlsx(data, name), settings)
    records: list[Any] = []
    problems: list[Problem] = []
    formats: list[str] = []
    mapping_required: MappingRequired | None = None
    skipped: dict[str, int] = {}
    media = 0
    for member in sorted(members, key=lambda m: m.filename):
        inner = f"{name}/{member.filename}"
        budget.take_member(inner)
        check_time(inner)
        try:
            if PurePosixPath(member.filename).suffix.lower() in _MEDIA_SUFFIXES:
                media += 1  # photos and voice notes next to a WhatsApp chat: not feedback text
                continue
            content = _unpack(archive, member, inner)
            if content[:4] == b"PK\x03\x04" and depth >= 3:
                raise IngestError(say("zip.too_deep"), file=inner)
            if not content.strip():
                continue
            result = _read_any(content, inner, settings, depth + 1)
        except ResourceLimitExceeded:
            raise  # the budget is the whole file's: nothing of it is stored
        except MappingRequired as exc:
            mapping_required = mapping_required or exc
            problems.append(Problem(inner, 0, _without_file(exc, inner)))
            continue
        except IngestError as exc:
            problems.append(Problem(inner, 0, _without_file(exc, inner)))
            continue
        except (RecursionError, MemoryError) as exc:
            problems.append(
                Problem(inner, 0, say("zip.member_too_nested", kind=exc.__class__.__name__))
            )
            continue
        except Exception as exc:  # noqa: BLE001 - a damaged member must not sink its siblings
            problems.append(Problem(inner, 0, say("zip.member_damaged", detail=detail(exc, 160))))
            continue
        records.extend(result.records)
        problems.extend(result.problems)
        formats.append(result.detected_format)
        for key, value in result.details.items():
            if key.startswith("skipped_") and value.isdigit():
                skipped[key] = skipped.get(key, 0) + int(value)
    if not records and not skipped:
        if mapping_required is not None and len(members) == 1:
            raise mapping_required
        raise IngestError(
            say("zip.nothing_readable", first=first_problem(problems), expected=EXPECTED), file=name
        )
    kinds = sorted(set(formats))
    fmt = f"{kinds[0]}_zip" if len(kinds) == 1 else "zip"
    details = {"members": str(len(members)), **{k: str(v) for k, v in skipped.items()}}
    if media:
        details["media_skipped"] = str(media)
    suffixes = sorted({PurePosixPath(m.filename).suffix or "(none)" for m in members})
    reason = f"a zip of {len(formats)} readable file(s) ({', '.join(suffixes)}) read as {', '.join(kinds)}"
    return IngestResult(name, tuple(records), tuple(problems), fmt, reason, details)


def _without_file(exc: IngestError, inner: str) -> str:
    """The error's message without the member's name (the problem's ``file`` says it)."""
    if exc.file == inner:
        return exc.detail
    return str(exc).removeprefix(f"{inner}: ")


def _unpack(archive: zipfile.ZipFile, member: zipfile.ZipInfo, inner: str) -> bytes:
    """One member's bytes, streamed in chunks and counted against the file's budget.

    The declared size can lie, so the count is of the bytes actually unpacked; a bomb
    stops at the budget instead of filling memory.
    """
    budget = current()
    if member.file_size > budget.max_bytes - budget.used_bytes:
        budget.take_bytes(member.file_size, inner)  # raises: declared larger than what is left
    chunks: list[bytes] = []
    with archive.open(member) as handle:
        while True:
            chunk = handle.read(1 << 20)
            if not chunk:
                break
            budget.take_bytes(len(chunk), inner)
            chunks.append(chunk)
    return b"".join(chunks)
