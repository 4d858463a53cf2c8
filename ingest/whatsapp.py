"""WhatsApp (Business) chat exports: the ``.txt`` ("Export chat") or the ``.zip`` it writes.

Line shapes (Android and iOS, Dutch and English phone settings)::

    12-05-2020 12:05 - Jan Jansen: Hallo            Android, nl
    12/05/2020, 12:05 - Jan Jansen: Hallo           Android, en-GB
    5/12/20, 12:05 PM - Jan Jansen: Hallo           Android, en-US
    [12-05-2020 12:05:33] Jan Jansen: Hallo         iOS, nl
    [12/05/2020, 12:05:33] Jan Jansen: Hallo        iOS, en

Lines that do not start a message continue the one before. Lines without ``Name:`` are
WhatsApp's own notices (encryption, "<Media omitted>") and are skipped. The customer's
messages are inbound, the business's outbound: the business is a name in the settings'
``mailbox_owner_names``; else the customer is the name in the file name ("WhatsApp Chat
with Jan Jansen"); else the one who wrote first (a warning says so).
"""

from __future__ import annotations

import re
from datetime import datetime

from ingest.build import Draft, finish, problem
from ingest.dates import parse_datetime, zone_of
from ingest.messages import message as say
from ingest.messages import reason as reason_of
from ingest.schema import IngestResult, Problem
from ingest.settings import IngestSettings

_LINE = re.compile(
    r"^\u200e?\[?(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{2,4}),? (?P<H>\d{1,2})[:.](?P<M>\d{2})"
    r"(?:[:.](?P<S>\d{2}))?(?:\s?(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?\]?(?: -|:)? (?P<rest>.*)$"
)
_AUTHOR = re.compile(r"^(?P<who>[^:]{1,80}?): (?P<text>.*)$", re.S)
_MEDIA = re.compile(
    r"^\u200e?(<(Media omitted|Media weggelaten|bijlage|attached:)[^>]*>|.*\b(weggelaten|omitted)\b.{0,20}$|"
    r"(image|video|audio|sticker|GIF|document) omitted|(afbeelding|video|audio|sticker|document) weggelaten)\s*$",
    re.I,
)
_CHAT_NAME = re.compile(
    r"WhatsApp[- ]?chat(?: (?:with|met|mit|avec|con)| -)\s+(?P<who>.+?)(?:\.txt|\.zip|/|$)", re.I
)


def looks_like_whatsapp(text: str) -> bool:
    """At least two of the first non-empty lines start like WhatsApp messages."""
    lines = [line for line in text[:8000].splitlines() if line.strip()][:12]
    hits = sum(1 for line in lines if (m := _LINE.match(line)) and _AUTHOR.match(m.group("rest")))
    return hits >= 2 or (hits >= 1 and len(lines) <= 2)


def _day_first(matches: list[re.Match[str]]) -> bool:
    if any(int(m.group("d")) > 12 for m in matches):
        return True
    if any(int(m.group("m")) > 12 for m in matches):
        return False
    return not any(m.group("ampm") for m in matches)  # AM/PM: a US phone writes month first


def read_whatsapp(text: str, name: str, settings: IngestSettings) -> IngestResult:
    """Every message of a WhatsApp chat export as a chat item (inbound or outbound)."""
    zone = zone_of(settings.timezone)
    messages: list[tuple[int, re.Match[str], str, list[str]]] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        match = _LINE.match(line)
        author = _AUTHOR.match(match.group("rest")) if match else None
        if match and author:
            messages.append((number, match, author.group("who").strip(), [author.group("text")]))
        elif match:
            messages.append((number, match, "", [match.group("rest")]))  # a WhatsApp notice
        elif messages:
            messages[-1][3].append(line)
    day_first = _day_first([m for _, m, _, _ in messages[:500]])
    owners = {n.strip().casefold() for n in settings.mailbox_owner_names}
    named = _CHAT_NAME.search(name)
    customer = named.group("who").strip().casefold() if named else ""
    first_author = next((who for _, _, who, _ in messages if who), "")
    items: list[Draft | Problem] = []
    if not owners and not customer and first_author:
        items.append(
            problem(name, 0, say("whatsapp.assumed_customer", author=first_author), warning=True)
        )
        customer = first_author.casefold()
    for index, (number, match, who, lines) in enumerate(messages):
        body = "\n".join(lines).strip()
        if not who or not body or _MEDIA.match(body):
            continue
        day, month = (
            (match.group("d"), match.group("m"))
            if day_first
            else (match.group("m"), match.group("d"))
        )
        year = match.group("y") if len(match.group("y")) == 4 else f"20{match.group('y')}"
        hour = int(match.group("H"))
        ampm = (match.group("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        stamp = f"{year}-{int(month):02d}-{int(day):02d} {hour:02d}:{match.group('M')}:{match.group('S') or '00'}"
        try:
            when, assumed = parse_datetime(datetime.fromisoformat(stamp), zone)
        except ValueError as exc:
            items.append(
                problem(name, number, say("whatsapp.bad_time", stamp=stamp, reason=reason_of(exc)))
            )
            continue
        key = who.casefold()
        outbound = key in owners if owners else (key != customer)
        items.append(
            Draft(
                line=number, source_system="whatsapp", source_record_id=f"{stamp}|{who}|{index}",
                channel="chat", received_at=when, received_at_tz_assumed=assumed, text=body, author=who,
                direction="outbound" if outbound else "inbound", thread_id=f"whatsapp:{name}",
                raw={"sender": who, "time": stamp}, author_fields=("sender",),
            )
        )  # fmt: skip
    return finish(
        name,
        items,
        settings,
        "whatsapp",
        "lines shaped like a WhatsApp chat export ('date, time - name: text')",
    )
