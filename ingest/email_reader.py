"""E-mail: mbox (also a ".mbox" that is one message), .eml, and Outlook's CSV export.

Every message is one item with source system ``email`` and its Message-ID as record id,
so the same message from an mbox and from an .eml is one item. Bodies are decoded with the
stdlib ``email`` package, HTML becomes text, quoted history and signatures are removed.
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.policy
import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from ingest.build import Draft, finish, problem
from ingest.dates import parse_datetime, zone_of
from ingest.mapping import row_key
from ingest.messages import Text
from ingest.messages import message as say
from ingest.quotes import html_to_text, strip_quotes
from ingest.record_names import record_name
from ingest.schema import IngestResult, Problem
from ingest.settings import IngestSettings
from ingest.tables import Table

_FROM_LINE = re.compile(rb"^From [^\n]*$", re.M)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.M)
_ASCTIME = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\w{3}) +(\d{1,2}) (\d{2}:\d{2}:\d{2})(?: ([+-]\d{4}))? (\d{4})"
)
_RAW_HEADERS = (
    "Message-ID",
    "Date",
    "From",
    "To",
    "Cc",
    "Subject",
    "In-Reply-To",
    "References",
    "X-GM-THRID",
    "X-Gmail-Labels",
)


def split_mbox(data: bytes) -> Iterator[tuple[int, bytes, str]]:
    """``(line, message bytes, From_ line)`` per message; a file without From_ lines is one message.

    A ``From `` line only separates messages when it follows a blank line (or starts the
    file), which is the rule that survives unescaped ``From`` lines in bodies.
    """
    data = data.replace(b"\r\n", b"\n")
    starts = [
        m
        for m in _FROM_LINE.finditer(data)
        if m.start() == 0 or data[max(0, m.start() - 2) : m.start()] == b"\n\n"
    ]
    if not starts:
        yield 1, data, ""
        return
    if data[: starts[0].start()].strip():
        yield 1, data[: starts[0].start()], ""
    line, counted_to = 1, 0
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(data)
        body = data[match.end() + 1 : end]
        line += data.count(b"\n", counted_to, match.start())  # incremental: O(n) overall
        counted_to = match.start()
        yield line, _ESCAPED_FROM.sub(rb"\1", body), match.group(0).decode("latin-1")


def _decode_part(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    charset = part.get_content_charset() or "utf-8"
    for candidate in (charset, "utf-8", "cp1252"):
        try:
            return payload.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    return payload.decode("latin-1")


def message_text(message: Message) -> str:
    """Plain text of a message: the first text/plain part, else the HTML part as text, else
    an unnamed ``application/octet-stream`` part whose bytes are text (some clients label
    the body so)."""
    plain = html = None
    for part in _own_parts(message):
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        if part.get_content_maintype() != "text":
            continue
        subtype = part.get_content_subtype()
        if subtype == "plain" and plain is None:
            plain = _decode_part(part)
        elif subtype == "html" and html is None:
            html = _decode_part(part)
    if plain and plain.strip():
        return plain
    if html:
        return html_to_text(html)
    for part in _own_parts(message):
        if part.get_content_type() == "application/octet-stream" and _unnamed_or_text(part):
            text = _text_of_octets(part)
            if text:
                return text
    return ""


def _own_parts(message: Message) -> Iterator[Message]:
    """The message's parts, not descending into attached messages (message/rfc822)."""
    stack = [message]
    while stack:
        part = stack.pop(0)
        yield part
        if part.get_content_type() == "message/rfc822" and part is not message:
            continue
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack[0:0] = [p for p in payload if isinstance(p, Message)]


def _unnamed_or_text(part: Message) -> bool:
    filename = (part.get_filename() or "").lower()
    return not filename or filename.endswith((".txt", ".text"))


def _text_of_octets(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip() or len(payload) > 2_000_000:
        return ""
    for encoding in ("utf-8", "cp1252"):
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\r\n\t")
        return "" if controls > 2 else text
    return ""


def unwrap_list_message(message: Message) -> Message:
    """The original message inside a list's DMARC wrapper, else the message itself.

    Mailing lists that cannot forward a DMARC-protected sender send their own message with
    the original attached as ``message/rfc822``. When the outer message comes from a list
    (``List-Id``/``List-Post``) or has no text of its own, the
    attached message is the one the customer wrote.
    """
    inner: Message | None = None
    for part in _own_parts(message):
        if part is not message and part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                inner = payload[0]
                break
    if inner is None:
        return message
    from_list = bool(_header(message, "List-Id") or _header(message, "List-Post"))
    own_text = strip_quotes(message_text(message))
    if from_list or not own_text:
        return inner
    return message


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError, AttributeError):
        value = message.get_all(name, failobj=[""])[0] if hasattr(message, "get_all") else ""
    return " ".join(str(value).split()) if value is not None else ""


# Where a message without a readable Date header was dated by the servers it passed, best
# first: every server prepends a Received header (the first one is the newest, the mailbox's
# own server); Gmail adds X-Received, Exim Delivery-date.
_SERVER_DATES = ("Received", "X-Received", "Delivery-date")


def _received_at(
    message: Message, from_line: str, settings: IngestSettings
) -> tuple[datetime, bool] | None:
    """The message's date: its Date header, else the newest date a server stamped on it, else
    the mbox From_ line's; None when it has none of them."""
    zone = zone_of(settings.timezone)
    date = _header(message, "Date")
    if date:
        try:
            return parse_datetime(parsedate_to_datetime(date), zone)
        except (TypeError, ValueError, IndexError):
            try:
                return parse_datetime(date, zone)
            except ValueError:
                pass
    for name in _SERVER_DATES:
        for stamped in message.get_all(name, failobj=[]) or []:
            tail = " ".join(str(stamped).rsplit(";", 1)[-1].split())
            try:
                return parse_datetime(parsedate_to_datetime(tail), zone)
            except (TypeError, ValueError, IndexError):
                continue
    match = _ASCTIME.search(from_line)
    if match:
        day, month, number, clock, offset, year = match.groups()
        stamp = f"{day}, {number} {month} {year} {clock} {offset or '+0000'}"
        try:
            return parsedate_to_datetime(stamp).astimezone(UTC), False
        except (TypeError, ValueError):
            return None
    return None


def message_draft(
    raw: bytes, line: int, name: str, from_line: str, settings: IngestSettings
) -> list[Draft | Problem]:
    """One message as a draft, a problem (no text of its own, no date), or nothing (Gmail chat)."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    labels = _header(message, "X-Gmail-Labels")
    if "Chat" in [label.strip() for label in labels.split(",")]:
        return []
    if not any(_header(message, h) for h in ("From", "Subject", "Message-ID", "Date")):
        return [problem(name, line, say("email.not_a_message"))]
    wrapper = message
    message = unwrap_list_message(message)
    subject = _decoded(_header(message, "Subject") or _header(wrapper, "Subject"))
    sender = _decoded(_header(message, "From") or _header(wrapper, "From"))
    addresses = [addr for _, addr in getaddresses([sender]) if addr]
    address = addresses[0].lower() if addresses else sender
    body = strip_quotes(message_text(message))
    message_id = (
        (_header(message, "Message-ID") or _header(wrapper, "Message-ID"))
        .strip()
        .strip("<>")
        .strip()
    )
    if not message_id:
        basis = "\x1f".join((sender, _header(message, "Date"), subject, body))
        message_id = "sha256:" + hashlib.sha256(basis.encode()).hexdigest()[:32]
    when = _received_at(message, from_line, settings) or _received_at(wrapper, from_line, settings)
    if not body.strip():
        return [problem(name, line, say("email.no_own_text", message=_named(subject, "", message)))]
    if when is None:  # like a review or ticket without a date: skipped, not dated today
        stamp = _header(message, "Date").strip()
        unreadable = say("email.date_unreadable", date=stamp) if stamp else ""
        return [problem(name, line, say("email.undated", message=_named(subject, body, message), date=unreadable))]  # fmt: skip
    domain = address.rsplit("@", 1)[-1] if "@" in address else ""
    own = {d.lower().lstrip("@") for d in settings.own_domains}
    references = _header(message, "References").split()
    thread = (
        _header(message, "X-GM-THRID")
        or (references[0] if references else "")
        or _header(message, "In-Reply-To")
    )
    raw_fields = {h: _decoded(_header(message, h)) for h in _RAW_HEADERS if _header(message, h)}
    draft = Draft(
        line=line,
        source_system="email",
        source_record_id=message_id,
        channel="email",
        received_at=when[0],
        received_at_tz_assumed=when[1],
        text=body,
        subject=subject,
        author=address,
        direction="outbound"
        if (domain and domain in own)
        or address in {a.strip().lower() for a in settings.own_addresses}
        else "inbound",
        thread_id=(thread.strip("<>") or message_id),
        raw=raw_fields,
        author_fields=("From", "To", "Cc"),
    )
    return [draft]


def _named(subject: str, body: str, message: Message) -> Text:
    """A message as a mail program shows it (:func:`ingest.record_names.record_name`): by its
    subject, else its first words, else its Date header as written."""
    return record_name("message", subject=subject, text=body, date=_header(message, "Date"))


def _decoded(value: str) -> str:
    try:
        header = email.header.make_header(email.header.decode_header(value))
        return " ".join(str(header).split())
    except (ValueError, LookupError, UnicodeDecodeError, email.errors.HeaderParseError):
        return value


def read_mbox(data: bytes, name: str, settings: IngestSettings, fmt: str = "mbox") -> IngestResult:
    """Every message of an mbox (or of a single-message file) as items."""
    items: list[Draft | Problem] = []
    gmail = False
    for line, raw, from_line in split_mbox(data):
        if b"X-GM-THRID" in raw[:2000] or b"X-Gmail-Labels" in raw[:2000]:
            gmail = True
        items.extend(message_draft(raw, line, name, from_line, settings))
    reason = {
        "mbox": "starts with an mbox From_ line",
        "outlook_msg": "an OLE2 compound file with Outlook's message property streams",
    }.get(fmt, "an RFC 5322 header block without a From_ line")
    if gmail:
        fmt, reason = "gmail_takeout", reason + " and has Gmail's X-GM-THRID/X-Gmail-Labels headers"
    return finish(name, items, settings, fmt, reason)


def read_eml(data: bytes, name: str, settings: IngestSettings, fmt: str = "eml") -> IngestResult:
    """One .eml message (also an Outlook .msg rebuilt as one)."""
    return read_mbox(data, name, settings, fmt=fmt)


def _outlook_direction(
    address: str, domain: str, sender: str, exchange: bool, own: set[str], settings: IngestSettings
) -> str:
    """Outbound for the company's own mail: an own domain or address, an owner's name, or an
    Exchange sender (``From: (Type)`` = ``EX``: an X.500 address inside the company's own
    Exchange organisation, never a customer's SMTP address)."""
    addresses = {a.strip().lower() for a in settings.own_addresses}
    names = {n.strip().casefold() for n in settings.mailbox_owner_names}
    if exchange or (domain and domain in own) or (address and address in addresses):
        return "outbound"
    return "outbound" if sender and sender.casefold() in names else "inbound"


def read_outlook_csv(table: Table, settings: IngestSettings, reason: str) -> IngestResult:
    """Outlook's "Export to a file -> CSV" (EN/DE/NL headers). It has no dates: one warning."""
    subject_i = table.index("Subject", "Betreff", "Onderwerp", "Předmět")
    body_i = table.index("Body", "Nachricht", "Text", "Berichttekst", "Hoofdtekst", "Tekst")
    from_i = table.index("From: (Address)", "Von: (Adresse)", "Van: (adres)", "Od: (adresa)")
    name_i = table.index("From: (Name)", "Von: (Name)", "Van: (naam)", "Od: (jméno)")
    type_i = table.index("From: (Type)", "Von: (Typ)", "Van: (type)", "Van: (soort)", "Od: (typ)")
    now = datetime.now(UTC)
    items: list[Draft | Problem] = list(table.problems)
    items.append(problem(table.name, 0, say("outlook_csv.no_dates"), warning=True))
    own = {d.lower().lstrip("@") for d in settings.own_domains}
    for line, cells, raw in table.records():
        body = strip_quotes(cells[body_i]) if body_i is not None else ""
        if not body:
            items.append(problem(table.name, line, say("outlook_csv.empty_body")))
            continue
        address = cells[from_i].strip().lower() if from_i is not None else ""
        domain = address.rsplit("@", 1)[-1] if "@" in address else ""
        sender_name = cells[name_i].strip() if name_i is not None else ""
        exchange = type_i is not None and cells[type_i].strip().upper() == "EX"
        items.append(
            Draft(
                line=line,
                source_system="email",
                source_record_id=row_key(cells),
                channel="email",
                received_at=now,
                received_at_tz_assumed=True,
                text=body,
                subject=cells[subject_i] if subject_i is not None else "",
                author=address or (cells[name_i] if name_i is not None else ""),
                direction=_outlook_direction(address, domain, sender_name, exchange, own, settings),
                raw=raw,
                author_fields=tuple(
                    h
                    for h in table.header
                    if re.search(r"\((name|address|naam|adres|adresse|jméno|adresa)\)$", h, re.I)
                ),
            )
        )
    return finish(table.name, items, settings, "outlook_csv", reason, details=table.details)
