"""Support tickets: Zendesk (JSON with comments, legacy CSV), Freshdesk, Intercom, Jira, HubSpot.

Column and field names follow ../shared/FORMATS.md section 3. A ticket's comments become
items of their own (customer comments inbound, agent replies outbound), linked by
``thread_id`` = the ticket id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ingest.build import Draft, finish, problem
from ingest.dates import parse_column, parse_datetime, zone_of
from ingest.json_lines import Locate, line_or
from ingest.mapping import row_key
from ingest.messages import Text
from ingest.messages import message as say
from ingest.messages import reason as reason_of
from ingest.quotes import html_to_text, strip_quotes
from ingest.record_names import comment_name, record_name
from ingest.schema import IngestResult, Problem
from ingest.settings import IngestSettings
from ingest.tables import Table


def _clean(text: str) -> str:
    return strip_quotes(
        html_to_text(text) if re.search(r"<(p|div|br|span|html)\b", text, re.I) else text
    )


# ------------------------------------------------------------------ Zendesk JSON


def read_zendesk_json(
    tickets: Iterable[tuple[int, Any]],
    name: str,
    settings: IngestSettings,
    lines: Locate | None = None,
) -> IngestResult:
    """Zendesk full JSON export: one ticket per line (``{"ticket": {...}}`` or the bare ticket).

    ``tickets`` are ``(line, ticket)``; ``lines`` finds a comment's line from its path in the
    list, ``(i, "comments", j)`` (:mod:`ingest.json_lines`), else it is its ticket's line.
    """
    zone = zone_of(settings.timezone)
    items: list[Draft | Problem] = []
    skipped = {"deleted": 0, "spam": 0}
    for index, (line, entry) in enumerate(tickets):
        ticket = entry.get("ticket", entry) if isinstance(entry, dict) else None
        if not isinstance(ticket, dict) or "id" not in ticket:
            items.append(problem(name, line, say("ticket.not_zendesk")))
            continue
        kind = _deleted_or_spam(ticket)
        if kind:
            skipped[kind] += 1
            continue
        ticket_id = str(ticket["id"])
        requester = ticket.get("requester_id")
        subject = str(ticket.get("subject") or ticket.get("raw_subject") or "")
        score = (
            (ticket.get("satisfaction_rating") or {}).get("score")
            if isinstance(ticket.get("satisfaction_rating"), dict)
            else None
        )
        rating = {"good": 1.0, "bad": 0.0}.get(str(score).lower()) if score else None
        found = ticket.get("comments")
        listed: list[Any] = found if isinstance(found, list) else []
        inside = (index, "ticket", "comments") if ticket is not entry else (index, "comments")
        comments = [c for c in listed if isinstance(c, dict)]
        comment_lines = [
            line_or(lines, (*inside, j), line) for j, c in enumerate(listed) if isinstance(c, dict)
        ]
        base = {k: v for k, v in ticket.items() if k not in {"comments", "description"}}
        if not comments:
            comments = [
                {
                    "id": "",
                    "author_id": requester,
                    "body": ticket.get("description") or "",
                    "created_at": ticket.get("created_at"),
                    "public": True,
                }
            ]
        for part, comment in enumerate(comments):
            # its first comment is the ticket's description: named, and placed, as the ticket
            at = comment_lines[part] if part and part < len(comment_lines) else line
            text = _comment_text(comment)
            comment_id = str(comment.get("id") or "")
            record_id = f"{ticket_id}:{comment_id}" if comment_id else ticket_id
            try:
                when, assumed = parse_datetime(
                    comment.get("created_at") or ticket.get("created_at") or "", zone
                )
            except ValueError as exc:
                named = _comment_or_ticket(
                    part, comments, ticket_id, subject, ticket.get("created_at")
                )
                items.append(problem(name, at, say("ticket.named_bad_date", ticket=named, reason=reason_of(exc))))  # fmt: skip
                continue
            if not text:
                named = _comment_or_ticket(
                    part, comments, ticket_id, subject, ticket.get("created_at")
                )
                items.append(problem(name, at, say("ticket.named_no_text", ticket=named), warning=True))  # fmt: skip
                continue
            from_requester = requester is None or comment.get("author_id") == requester
            items.append(
                Draft(
                    line=at, source_system="zendesk", source_record_id=record_id, channel="ticket",
                    received_at=when, received_at_tz_assumed=assumed, text=text,
                    subject=subject if part == 0 else "", author=str(comment.get("author_id") or ""),
                    direction=("inbound" if from_requester else "outbound") if comment.get("public", True) else "internal",
                    rating=rating if part == 0 else None,
                    rating_scale_min=0.0 if rating is not None and part == 0 else None,
                    rating_scale_max=1.0 if rating is not None and part == 0 else None,
                    thread_id=ticket_id, url=str(ticket.get("url") or ""),
                    raw={**base, "comment_id": comment_id, "comment_author_id": comment.get("author_id")},
                    author_fields=("requester_id", "submitter_id", "comment_author_id"),
                )
            )  # fmt: skip
    return finish(
        name, items, settings, "zendesk_json", "JSON tickets with requester_id and comments",
        details=_skipped_details(skipped), require_records=not any(skipped.values()),
    )  # fmt: skip


def _comment_text(comment: Mapping[str, Any]) -> str:
    body = str(comment.get("plain_body") or comment.get("body") or "")
    if not body.strip() and comment.get("html_body"):
        body = str(comment["html_body"])
    return _clean(body)


def _ticket_name(ticket_id: str, subject: str, text: str, created: object) -> Text:
    """A ticket as the helpdesk lists it: its number and subject (else first words, else date)."""
    return record_name("ticket", number=ticket_id, subject=subject, text=text, date=created or "")


def _comment_or_ticket(
    part: int, comments: list[dict[str, Any]], ticket_id: str, subject: str, created: object
) -> Text:
    """The ticket itself for its first comment (its description), else "comment <n> on" it,
    numbered as the helpdesk lists them."""
    first = _comment_text(comments[0]) if comments else ""
    ticket = _ticket_name(ticket_id, subject, first, created)
    return ticket if part == 0 else comment_name(part + 1, ticket)


def _deleted_or_spam(ticket: Mapping[str, Any]) -> str:
    """ "deleted", "spam" or "" for a Zendesk or Freshdesk ticket.

    Zendesk keeps deleted tickets with status ``deleted`` and scrubbed fields (subject
    ``SCRUBBED``); Freshdesk flags them with ``deleted``/``spam`` booleans.
    """
    status = str(ticket.get("status") or "").strip().lower()
    if ticket.get("spam") is True or status == "spam":
        return "spam"
    subject = str(ticket.get("subject") or ticket.get("raw_subject") or "").strip()
    if ticket.get("deleted") is True or status == "deleted" or subject == "SCRUBBED":
        return "deleted"
    return ""


def _skipped_details(skipped: Mapping[str, int]) -> dict[str, str]:
    return {f"skipped_{kind}": str(n) for kind, n in skipped.items() if n}


# ------------------------------------------------------------------ Freshdesk JSON

FRESHDESK_KEYS = frozenset(
    {"fr_due_by", "fr_escalated", "description_text", "email_config_id", "responder_id"}
)


def looks_like_freshdesk(sample: Iterable[Any]) -> bool:
    """Freshdesk API tickets (``/api/v2/tickets``): keys Zendesk never writes."""
    return any(isinstance(t, dict) and len(FRESHDESK_KEYS & set(t)) >= 2 for t in sample)


def read_freshdesk_json(
    tickets: Iterable[tuple[int, Any]],
    name: str,
    settings: IngestSettings,
    lines: Locate | None = None,
) -> IngestResult:
    """Freshdesk API v2 tickets, with ``conversations`` when exported with
    ``include=conversations``: the description inbound, each reply by ``incoming``/``private``.

    ``tickets`` are ``(line, ticket)``; ``lines`` finds a reply's line from its path in the
    list, ``(i, "conversations", j)`` (:mod:`ingest.json_lines`), else it is its ticket's line.
    """
    zone = zone_of(settings.timezone)
    items: list[Draft | Problem] = []
    skipped = {"deleted": 0, "spam": 0}
    for index, (line, ticket) in enumerate(tickets):
        if not isinstance(ticket, dict) or "id" not in ticket:
            items.append(problem(name, line, say("ticket.not_freshdesk")))
            continue
        kind = _deleted_or_spam(ticket)
        if kind:
            skipped[kind] += 1
            continue
        ticket_id = str(ticket["id"])
        base = {
            k: v
            for k, v in ticket.items()
            if k not in {"conversations", "description", "description_text"}
        }
        messages: list[tuple[str, Mapping[str, Any], str, int]] = [
            ("", {"body_text": ticket.get("description_text"), "body": ticket.get("description"),
                  "created_at": ticket.get("created_at"), "incoming": True, "user_id": ticket.get("requester_id")}, "inbound", line),
        ]  # fmt: skip
        for j, conversation in enumerate(ticket.get("conversations") or []):
            if not isinstance(conversation, dict):
                continue
            direction = (
                "internal" if conversation.get("private") else
                "inbound" if conversation.get("incoming") else "outbound"
            )  # fmt: skip
            at = line_or(lines, (index, "conversations", j), line)
            messages.append(
                (str(conversation.get("id") or len(messages)), conversation, direction, at)
            )
        for part, (message_id, message, direction, at) in enumerate(messages):
            body = str(message.get("body_text") or "") or str(message.get("body") or "")
            text = _clean(body)
            if not text:
                continue
            try:
                when, assumed = parse_datetime(
                    message.get("created_at") or ticket.get("created_at") or "", zone
                )
            except ValueError as exc:
                subject = str(ticket.get("subject") or "")
                first = _clean(
                    str(messages[0][1].get("body_text") or messages[0][1].get("body") or "")
                )
                named = _ticket_name(ticket_id, subject, first, ticket.get("created_at"))
                if part:
                    named = comment_name(part + 1, named)
                items.append(problem(name, at, say("ticket.named_bad_date", ticket=named, reason=reason_of(exc))))  # fmt: skip
                continue
            items.append(
                Draft(
                    line=at, source_system="freshdesk", source_record_id=f"{ticket_id}:{message_id}" if message_id else ticket_id,
                    channel="ticket", received_at=when, received_at_tz_assumed=assumed, text=text,
                    subject=str(ticket.get("subject") or "") if part == 0 else "",
                    author=str(message.get("from_email") or message.get("user_id") or ""), direction=direction,
                    thread_id=ticket_id, raw={**base, "conversation_id": message_id, "user_id": message.get("user_id")},
                    author_fields=("requester_id", "responder_id", "user_id", "to_emails", "cc_emails", "fwd_emails", "reply_cc_emails"),
                )
            )  # fmt: skip
    return finish(
        name, items, settings, "freshdesk_json", "JSON tickets with Freshdesk's fr_due_by/description_text fields",
        details=_skipped_details(skipped), require_records=not any(skipped.values()),
    )  # fmt: skip


# ------------------------------------------------------------------ ticket tables


def _table_items(
    t: Table, settings: IngestSettings, *, system: str, id_names: tuple[str, ...],
    date_names: tuple[str, ...], subject_names: tuple[str, ...], text_names: tuple[str, ...],
    author_names: tuple[str, ...], extra_text: tuple[str, ...] = (),
) -> list[Draft | Problem]:  # fmt: skip
    id_i, date_i = t.index(*id_names), t.index(*date_names)
    subject_i, text_i, author_i = (
        t.index(*subject_names),
        t.index(*text_names),
        t.index(*author_names),
    )
    extra = [i for n in extra_text for i in t.indices(n)]
    zone = zone_of(settings.timezone)
    dates = parse_column([r[date_i] for r in t.rows], zone) if date_i is not None else None
    items: list[Draft | Problem] = list(t.problems)
    authors = tuple(t.header[i] for i in (author_i,) if i is not None) + tuple(
        h
        for h in t.header
        if re.search(r"e-?mail|requester|reporter|creator|full name|contact", h, re.I)
    )
    for n, (line, cells, raw) in enumerate(t.records()):
        parsed = dates[n] if dates is not None else None
        if parsed is None or isinstance(parsed, str):
            column = t.header[date_i] if date_i is not None else date_names[0]
            why = parsed if parsed is not None else say("date.column_missing")
            items.append(problem(t.name, line, say("cell.bad_date", column=column, reason=why)))
            continue
        when, assumed = parsed
        subject = cells[subject_i].strip() if subject_i is not None else ""
        text = _clean(cells[text_i]) if text_i is not None else ""
        extras = [_clean(cells[i]) for i in extra if cells[i].strip()]
        text = "\n\n".join([p for p in [text, *extras] if p]) or subject
        if not text:
            items.append(problem(t.name, line, say("ticket.empty")))
            continue
        record_id = (cells[id_i].strip() if id_i is not None else "") or row_key(cells)
        items.append(
            Draft(
                line=line, source_system=system, source_record_id=record_id, channel="ticket",
                received_at=when, received_at_tz_assumed=assumed, text=text,
                subject=subject if text != subject else "",
                author=cells[author_i] if author_i is not None else "", thread_id=record_id,
                raw=raw, author_fields=authors,
            )
        )  # fmt: skip
    return items


def read_zendesk_csv(t: Table, settings: IngestSettings, reason: str) -> IngestResult:
    """Zendesk legacy CSV: no descriptions or comments, so items are ticket subjects (warned)."""
    items = _table_items(
        t, settings, system="zendesk", id_names=("Id", "ID"), date_names=("Created at",),
        subject_names=("Subject",), text_names=(), author_names=("Requester email", "Requester"),
    )  # fmt: skip
    items.insert(0, problem(t.name, 0, say("zendesk_csv.subjects_only"), warning=True))
    return finish(t.name, items, settings, "zendesk_csv", reason, details=t.details)


def read_freshdesk(t: Table, settings: IngestSettings, reason: str) -> IngestResult:
    """Freshdesk ticket export (CSV/XLSX)."""
    items = _table_items(
        t, settings, system="freshdesk", id_names=("Ticket ID",), date_names=("Created time", "Created Time"),
        subject_names=("Subject",), text_names=("Description",), author_names=("Email", "Full name", "Contact ID"),
    )  # fmt: skip
    return finish(t.name, items, settings, "freshdesk", reason, details=t.details)


def read_hubspot(t: Table, settings: IngestSettings, reason: str) -> IngestResult:
    """HubSpot tickets export: ticket name and description (no conversation threads)."""
    items = _table_items(
        t, settings, system="hubspot", id_names=("Ticket ID",), date_names=("Create date", "Created date", "Create Date"),
        subject_names=("Ticket name",), text_names=("Ticket description", "Description"),
        author_names=("Contact email", "Email", "Associated Contact"),
    )  # fmt: skip
    if t.index("Ticket description", "Description") is None:
        items.insert(0, problem(t.name, 0, say("hubspot.names_only"), warning=True))
    return finish(t.name, items, settings, "hubspot", reason, details=t.details)


_JIRA_COMMENT = re.compile(r"^\s*\d{1,2}/\w{3}/\d{2,4} \d{1,2}:\d{2} (?:AM|PM);[^;]*;", re.I)


def read_jira(t: Table, settings: IngestSettings, reason: str) -> IngestResult:
    """Jira CSV: summary + description, and every repeated ``Comment`` column as its own item."""
    items = _table_items(
        t, settings, system="jira", id_names=("Issue key",), date_names=("Created",),
        subject_names=("Summary",), text_names=("Description",), author_names=("Reporter", "Creator"),
    )  # fmt: skip
    zone = zone_of(settings.timezone)
    comment_cols = t.indices("Comment")
    key_i, reporter_i = t.index("Issue key"), t.index("Reporter")
    for line, cells, _raw in t.records():
        issue = cells[key_i].strip() if key_i is not None else row_key(cells)
        reporter = cells[reporter_i].strip().casefold() if reporter_i is not None else ""
        for part, i in enumerate(comment_cols, start=1):
            cell = cells[i].strip()
            if not cell:
                continue
            pieces = cell.split(";", 2)
            if len(pieces) == 3 and _JIRA_COMMENT.match(cell):
                stamp, author, body = pieces
            else:
                stamp, author, body = "", "", cell
            try:
                when, assumed = parse_datetime(stamp, zone) if stamp else (None, True)
            except ValueError:
                when, assumed = None, True
            parent = next(
                (d for d in items if isinstance(d, Draft) and d.source_record_id == issue), None
            )
            if when is None:
                if parent is None:
                    continue
                when = parent.received_at
            text = _clean(body)
            if not text:
                continue
            items.append(
                Draft(
                    line=line, source_system="jira", source_record_id=issue, part=part, channel="ticket",
                    received_at=when, received_at_tz_assumed=assumed, text=text, author=author,
                    # a comment by someone other than the reporter is the support team's answer
                    direction="outbound" if reporter and author.strip() and author.strip().casefold() != reporter else "inbound",
                    thread_id=issue, raw={"Issue key": issue, "Comment": cell}, author_fields=(),
                )
            )  # fmt: skip
    return finish(t.name, items, settings, "jira", reason, details=t.details)


def read_intercom_csv(t: Table, settings: IngestSettings, reason: str) -> IngestResult:
    """Intercom messages as exported by ProdSight: one row per message."""
    zone = zone_of(settings.timezone)
    id_i, body_i = t.index("message_id"), t.index("message_body")
    kind_i, date_i = (
        t.index("message_author_type"),
        t.index("message_created_at", "conversation_created_at"),
    )
    conv_i, author_i = (
        t.index("conversation_id"),
        t.index("message_author_email", "message_author_id"),
    )
    dates = parse_column([r[date_i] for r in t.rows], zone) if date_i is not None else None
    items: list[Draft | Problem] = list(t.problems)
    authors = tuple(
        h for h in t.header if h.startswith("message_author_") and h != "message_author_type"
    )
    for n, (line, cells, raw) in enumerate(t.records()):
        when = dates[n] if dates is not None else say("date.column_missing_intercom")
        if isinstance(when, str):
            items.append(
                problem(
                    t.name, line, say("cell.bad_date", column="message_created_at", reason=when)
                )
            )
            continue
        text = _clean(cells[body_i]) if body_i is not None else ""
        if not text:
            continue
        kind = cells[kind_i].strip().lower() if kind_i is not None else "user"
        conversation = cells[conv_i].strip() if conv_i is not None else ""
        items.append(
            Draft(
                line=line, source_system="intercom", source_record_id=(cells[id_i].strip() if id_i is not None else "") or row_key(cells),
                channel="chat", received_at=when[0], received_at_tz_assumed=when[1], text=text,
                author=cells[author_i] if author_i is not None else "",
                direction=_intercom_direction(kind), thread_id=conversation, raw=raw, author_fields=authors,
            )
        )  # fmt: skip
    return finish(t.name, items, settings, "intercom_csv", reason, details=t.details)


def _without_tags(value: str) -> str:
    return re.sub(r"<[^>]+>", "", value)


def _intercom_direction(kind: str) -> str:
    if kind in {"admin", "bot", "team", "operator"}:
        return "outbound"
    if kind == "note":
        return "internal"
    return "inbound"


def read_intercom_json(
    payload: Mapping[str, Any], name: str, settings: IngestSettings, lines: Locate | None = None
) -> IngestResult:
    """Intercom REST API conversations: the source message and every conversation part;
    ``lines``: where each value of the payload starts in the file (:mod:`ingest.json_lines`),
    else conversations are numbered."""
    zone = zone_of(settings.timezone)
    listed = payload.get("conversations")
    conversations: list[Any] = listed if isinstance(listed, list) else [payload]
    items: list[Draft | Problem] = []
    for number, conv in enumerate(conversations, start=1):
        if not isinstance(conv, dict):
            continue
        path: tuple[str | int, ...] = (
            ("conversations", number - 1) if listed is conversations else ()
        )
        line = line_or(lines, path, number)
        conv_id = str(conv.get("id") or f"{name}:{number}")
        source = conv.get("source") or {}
        parts_block = conv.get("conversation_parts") or {}
        parts = parts_block.get("conversation_parts", []) if isinstance(parts_block, dict) else []
        messages = [
            (
                {
                    **source,
                    "id": f"source-{conv_id}",
                    "created_at": conv.get("created_at"),
                    "part_type": "comment",
                },
                source.get("subject") or "",
            )
        ]
        messages += [(p, "") for p in parts if isinstance(p, dict)]
        places = [line] + [
            line_or(lines, (*path, "conversation_parts", "conversation_parts", j), line)
            for j, p in enumerate(parts)
            if isinstance(p, dict)
        ]
        for part, (message, subject) in enumerate(messages):
            text = _clean(str(message.get("body") or ""))
            if not text or message.get("part_type") not in (
                None,
                "comment",
                "assignment",
                "open",
                "close",
            ):
                continue
            author = message.get("author") or {}
            try:
                when, assumed = parse_datetime(
                    message.get("created_at") or conv.get("created_at") or "", zone
                )
            except ValueError as exc:
                named = record_name(
                    "conversation",
                    subject=_without_tags(str(source.get("subject") or "")),
                    text=_clean(str(source.get("body") or "")),
                    date=conv.get("created_at") or "",
                )
                if part:
                    named = comment_name(part + 1, named)
                items.append(problem(name, places[part], say("conversation.named_bad_date", conversation=named, reason=reason_of(exc))))  # fmt: skip
                continue
            items.append(
                Draft(
                    line=places[part], source_system="intercom", source_record_id=f"{conv_id}:{message.get('id') or part}",
                    channel="chat", received_at=when, received_at_tz_assumed=assumed, text=text,
                    subject=_without_tags(str(subject)), author=str(author.get("email") or author.get("id") or ""),
                    direction=_intercom_direction(str(author.get("type") or "user")), thread_id=conv_id,
                    raw={"conversation_id": conv_id, "part_id": message.get("id"), "author_type": author.get("type"), "state": conv.get("state")},
                )
            )  # fmt: skip
    return finish(
        name,
        items,
        settings,
        "intercom_json",
        "JSON conversations with source and conversation_parts",
    )
