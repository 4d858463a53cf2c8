"""Turn readers' drafts into validated records: redaction, pseudonyms, language, problems.

Every reader yields :class:`Draft` values (or a :class:`Problem` for a row it cannot read);
:func:`finish` applies what is common to all sources, once, in batches where it pays off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ingest.errors import IngestError, RecordError
from ingest.language import detect_languages
from ingest.limits import check_time
from ingest.messages import message as say
from ingest.privacy import pseudonym, redact, without_author
from ingest.schema import (
    FeedbackRecord,
    IngestResult,
    Problem,
    make_record_id,
    raw_json,
    says_something,
)
from ingest.settings import IngestSettings

# Lone UTF-16 surrogates (JSON "\\ud800") cannot be encoded as UTF-8, so cannot be stored.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Texts per language-detection call: large enough for lingua's threads, small enough that
# the file's time budget is checked every few seconds.
_LANGUAGE_BATCH = 20_000


def scrub(value: str) -> str:
    """The text with lone surrogates replaced by U+FFFD, so it can be stored as UTF-8."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _scrub_any(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, Mapping):
        return {scrub(str(k)): _scrub_any(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_any(v) for v in value]
    return value


@dataclass(slots=True)
class Draft:
    """A record before the common pass (raw text, raw author, raw fields)."""

    line: int
    source_system: str
    source_record_id: str
    channel: str
    received_at: datetime
    text: str
    received_at_tz_assumed: bool = False
    subject: str = ""
    author: str = ""
    direction: str = "inbound"
    rating: float | None = None
    rating_scale_min: float | None = None
    rating_scale_max: float | None = None
    is_star_only: bool = False
    thread_id: str = ""
    url: str = ""
    language: str = ""
    declared_language: str = ""  # the source's own language field: used when the text cannot tell
    part: int = 0
    raw: Mapping[str, Any] = field(default_factory=dict)
    author_fields: tuple[str, ...] = ()


def _private_raw(
    raw: Mapping[str, Any], draft: Draft, settings: IngestSettings, known: Mapping[str, str]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in draft.author_fields and value:
            out[key] = pseudonym(settings.pseudonym_key, str(value))
        elif isinstance(value, str) and value.strip() in known:
            out[key] = known[value.strip()]  # the text or subject cell, already redacted
        elif isinstance(value, str):
            out[key] = redact(value)
        else:
            out[key] = value
    return out


def finish(
    name: str,
    items: Iterable[Draft | Problem],
    settings: IngestSettings,
    detected_format: str,
    detected_reason: str,
    *,
    details: Mapping[str, str] | None = None,
    require_records: bool = True,
) -> IngestResult:
    """Validate drafts into records; a draft that breaks the contract becomes a problem.

    Raises:
        IngestError: ``require_records`` and not a single record could be built.
    """
    drafts: list[Draft] = []
    problems: list[Problem] = []
    for count, item in enumerate(items):
        if count % 2000 == 0:
            check_time(f"{name} item {count}")
        if isinstance(item, Problem):
            problems.append(item.cleaned(scrub))
            continue
        for attr in ("source_record_id", "text", "subject", "author", "thread_id", "url"):
            setattr(item, attr, scrub(getattr(item, attr)))
        item.raw = _scrub_any(item.raw)
        drafts.append(item)
    texts: list[str] = []
    subjects: list[str] = []
    for count, draft in enumerate(drafts):
        if count % 2000 == 0:
            check_time(f"{name} item {count} (redaction)")
        texts.append(redact(draft.text) if settings.redact else draft.text)
        subjects.append(redact(draft.subject) if settings.redact else draft.subject)
    needs_language = [i for i, d in enumerate(drafts) if not d.language and texts[i].strip()]
    # In batches, so the time budget is checked between them (one call for 2M texts ran on).
    found: list[str] = []
    for start in range(0, len(needs_language), _LANGUAGE_BATCH):
        check_time(f"{name} item {start} (language detection)")
        batch = needs_language[start : start + _LANGUAGE_BATCH]
        found += detect_languages(
            [texts[i] for i in batch], [drafts[i].declared_language for i in batch]
        )
    languages = [d.language for d in drafts]
    for i, language in zip(needs_language, found, strict=True):
        languages[i] = language
    records: list[FeedbackRecord] = []
    check_time(f"{name} (after language detection)")
    for draft, text, subject, language in zip(drafts, texts, subjects, languages, strict=True):
        known = {draft.text.strip(): text, draft.subject.strip(): subject}
        raw = (
            _private_raw(draft.raw, draft, settings, known) if settings.redact else dict(draft.raw)
        )
        try:
            records.append(
                FeedbackRecord(
                    id=make_record_id(draft.source_system, draft.source_record_id, draft.part),
                    source_system=draft.source_system,
                    source_record_id=without_author(
                        draft.source_record_id, draft.author, settings.pseudonym_key
                    )
                    if settings.redact
                    else draft.source_record_id,
                    channel=draft.channel,
                    direction=draft.direction,
                    received_at=draft.received_at,
                    received_at_tz_assumed=draft.received_at_tz_assumed,
                    author_pseudonym=pseudonym(settings.pseudonym_key, draft.author),
                    subject=subject.strip(),
                    text=text.strip(),
                    language=language,
                    rating=draft.rating,
                    rating_scale_min=draft.rating_scale_min,
                    rating_scale_max=draft.rating_scale_max,
                    is_star_only=draft.is_star_only
                    or (
                        draft.rating is not None
                        and draft.direction == "inbound"
                        and not says_something(f"{subject} {text}")
                    ),
                    thread_id=draft.thread_id,
                    url=draft.url,
                    source_file=name,
                    source_row=draft.line,
                    raw=raw_json(raw),
                )
            )
        except RecordError as exc:
            problems.append(Problem(name, draft.line, _record_problem(exc, name, draft.line)))
    if require_records and not records:
        raise IngestError(
            say("file.nothing_imported", format=detected_format, reason=detected_reason, first=first_problem(problems)),
            file=name,
        )  # fmt: skip
    problems.sort(key=lambda p: (p.line, p.severity))
    return IngestResult(
        name, tuple(records), tuple(problems), detected_format, detected_reason, dict(details or {})
    )


def _record_problem(exc: RecordError, name: str, line: int) -> str:
    """What the contract refused, without the location (the problem has file and line)."""
    if exc.where == f"{name} line {line}":
        return exc.detail
    return say("record.invalid", detail=_without_location(str(exc), name, line))


def _without_location(message: str, name: str, line: int) -> str:
    prefix = f"{name} line {line}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def problem(name: str, line: int, message: str, *, warning: bool = False) -> Problem:
    """A problem in the house style (what was expected, what was got, what to do).

    ``message`` is a :func:`ingest.messages.message` (``say``), so a UI can word it.
    """
    return Problem(name, line, message, "warning" if warning else "error")


def first_problem(problems: Sequence[Problem]) -> str:
    """`` First problem: <where>: <message>`` for a whole-file error, or "" when none."""
    if not problems:
        return ""
    first = problems[0]
    if first.line:
        return say("first_problem", file=first.file, line=first.line, problem=first.text)
    return say("first_problem_file", file=first.file, problem=first.text)
