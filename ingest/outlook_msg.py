"""Outlook ``.msg`` files (one message, an OLE2 compound file) as an e-mail item.

Read with ``olefile`` from the MAPI property streams documented in [MS-OXMSG]: subject
(0x0037), body (0x1000), HTML body (0x1013), sender name/address (0x0C1A/0x0C1F, else
0x5D01/0x0065), Message-ID (0x1035) and the delivery/submit time (0x0E06/0x0039) from the
fixed-size property stream. The message is rebuilt as RFC 5322 text so the .eml path
(quotes, direction, dedupe by Message-ID) applies unchanged.
"""

from __future__ import annotations

import io
import struct
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from ingest.errors import IngestError
from ingest.messages import detail
from ingest.messages import message as say

_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)


def is_msg(data: bytes) -> bool:
    """An OLE2 file holding an Outlook message (its property stream and a subject/body)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return ole.exists("__properties_version1.0") and any(
                ole.exists(f"__substg1.0_{tag}")
                for tag in ("0037001F", "1000001F", "0037001E", "1000001E")
            )
    except (OSError, ValueError, IndexError, struct.error, TypeError):
        return False


def _string(ole, prop: str) -> str:
    for suffix, encoding in (("001F", "utf-16-le"), ("001E", "cp1252")):
        stream = f"__substg1.0_{prop}{suffix}"
        if ole.exists(stream):
            return (
                ole.openstream(stream)
                .read(5_000_000)
                .decode(encoding, errors="replace")
                .rstrip("\x00")
            )
    return ""


def _binary(ole, prop: str) -> bytes:
    stream = f"__substg1.0_{prop}0102"
    return ole.openstream(stream).read(5_000_000) if ole.exists(stream) else b""


def _time(ole) -> datetime | None:
    if not ole.exists("__properties_version1.0"):
        return None
    raw = ole.openstream("__properties_version1.0").read(1_000_000)
    found: dict[int, datetime] = {}
    for offset in range(32, len(raw) - 15, 16):  # a top-level message has a 32-byte header
        tag, _flags, value = struct.unpack_from("<IIQ", raw, offset)
        if tag & 0xFFFF == 0x0040 and value:  # PT_SYSTIME: a FILETIME
            try:
                found[tag >> 16] = _FILETIME_EPOCH + timedelta(microseconds=value // 10)
            except OverflowError:
                continue
    return found.get(0x0E06) or found.get(0x0039) or found.get(0x3007)


def msg_to_eml(data: bytes, name: str) -> bytes:
    """The .msg rebuilt as RFC 5322 bytes.

    Raises:
        IngestError: the compound file is damaged or holds no message.
    """
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            subject = _string(ole, "0037")
            body = _string(ole, "1000")
            html = _binary(ole, "1013") or _string(ole, "1013").encode()
            sender_name = _string(ole, "0C1A") or _string(ole, "0042")
            sender = _string(ole, "5D01") or _string(ole, "0C1F") or _string(ole, "0065")
            message_id = _string(ole, "1035")
            when = _time(ole)
    except (OSError, ValueError, IndexError, struct.error, TypeError) as exc:
        raise IngestError(say("msg.unreadable", detail=detail(exc, 120)), file=name) from exc
    if not (body.strip() or html.strip() or subject.strip()):
        raise IngestError(say("msg.empty"), file=name)
    message = EmailMessage()
    message["From"] = (
        f'"{sender_name}" <{sender}>' if sender and "@" in sender else (sender_name or sender)
    )
    message["Subject"] = subject.replace("\n", " ").replace("\r", " ")
    if message_id:
        message["Message-ID"] = message_id.strip()
    if when is not None:
        message["Date"] = format_datetime(when)
    if body.strip():
        message.set_content(body)
    else:
        message.set_content(html.decode("utf-8", errors="replace"), subtype="html")
    return message.as_bytes()
