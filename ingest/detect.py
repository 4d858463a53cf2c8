"""What a file is: its encoding, its delimiter, and which export it came from.

Follows ../shared/FORMATS.md section 5: encoding first (BOM, strict UTF-8, then
charset-normalizer among the Windows code pages), then the container (zip, JSON, mbox,
.eml, table), then case-insensitive header fingerprints.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ingest.errors import IngestError
from ingest.mapping import normalize_header
from ingest.messages import message as say

EXPECTED = say("expected_formats")
# The file suffixes Klantstem reads: the CLI's folder walk and the Upload page both use this
# list. Anything else (README.md, a PDF dragged along) is skipped, not reported as broken.
# "" covers mbox files without a suffix.
ACCEPTED_SUFFIXES = frozenset(
    {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".json", ".ndjson", ".jsonl", ".mbox", ".eml",
     ".zip", ".xml", ".xls", ".ods", ".msg", ""}
)  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_HEADER_LINE = re.compile(r"^[!-9;-~]+:")
_MAIL_HEADERS = {
    "from", "to", "subject", "date", "message-id", "received", "mime-version", "return-path",
    "content-type", "delivered-to", "reply-to", "x-gm-thrid", "x-gmail-labels", "cc", "sender",
}  # fmt: skip
_FROM_LINE = re.compile(r"^From \S+")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text of a file and the encoding used.

    Raises:
        IngestError: the bytes are not text in any encoding we know (a binary file).
    """
    text: str | None = None
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            text = data.decode("utf-8")  # kept: decoding twice held two copies of a big file
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = _guess_encoding(data)
    try:
        if text is None:
            text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(
            say("file.not_utf", encoding=encoding, kind=exc.__class__.__name__), file=name
        ) from exc
    if encoding == "utf-8-sig" or encoding == "utf-16":
        text = text.lstrip("\ufeff")
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise IngestError(say("file.binary", expected=EXPECTED), file=name)
    return text, encoding


def _guess_encoding(data: bytes) -> str:
    head = data[:4000]
    if head.count(b"\x00") > len(head) // 4:
        even_zeros = head[0::2].count(0)
        return "utf-16-be" if even_zeros > len(head) // 4 else "utf-16-le"
    best = from_bytes(
        data[:200_000], cp_isolation=["cp1252", "iso8859_15", "cp850", "utf_16"]
    ).best()
    if best is None:
        return "cp1252"
    encoding = best.encoding
    # cp1252 is what Dutch Excel and Outlook write; prefer it over its near-twin latin-1.
    return "cp1252" if encoding in {"latin_1", "iso8859_15", "iso8859_1"} else encoding


def sniff_delimiter(text: str) -> str:
    """The delimiter among ``,`` ``;`` tab and ``|`` that splits the first lines most evenly."""
    lines = [line for line in text[:65536].splitlines()[:20] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for delimiter in (",", ";", "\t", "|"):
        try:
            rows = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            continue
        widths = [len(r) for r in rows]
        header = widths[0]
        if header < 2:
            continue
        consistent = sum(1 for w in widths[1:] if w == header)
        score = header + 10 * consistent / max(len(widths) - 1, 1)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def looks_like_mbox(text: str) -> bool:
    """First line is a From_ line (``From god@heaven``, ``From nobody ...``, ``From A``), or a
    bare ``From `` line followed by a mail header block (some tools write no sender)."""
    head = text.lstrip("\r\n")[:20000]
    if _FROM_LINE.match(head[:200]):
        return True
    first, _, rest = head.partition("\n")
    return first.rstrip("\r") in ("From ", "From") and looks_like_eml(rest, minimum=1)


def looks_like_eml(text: str, minimum: int = 2) -> bool:
    """An RFC 5322 header block at the top, with at least ``minimum`` known mail headers."""
    known = 0
    for line in text.lstrip("\r\n")[:20000].splitlines()[:80]:
        if not line.strip():
            break
        if line[0] in " \t":
            continue
        if not _HEADER_LINE.match(line):
            return False
        if line.split(":", 1)[0].lower() in _MAIL_HEADERS:
            known += 1
    return known >= minimum


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A table export recognised by a subset of its (normalized) header names."""

    format: str
    required: tuple[str, ...]
    reason: str
    extra: Callable[[Sequence[str]], bool] | None = None


_OUTLOOK_COLUMN = re.compile(
    r"^.+: \((name|address|type|typ|naam|adres|adresse|soort|jméno|adresa)\)$", re.I
)


def _outlook(headers: Sequence[str]) -> bool:
    return sum(1 for h in headers if _OUTLOOK_COLUMN.match(h)) >= 3 and bool(
        {"subject", "betreff", "onderwerp", "předmět"} & set(headers)
    )


TABLE_FINGERPRINTS: tuple[Fingerprint, ...] = (
    Fingerprint("google_play", ("package name", "star rating", "review submit millis since epoch"), "has the Google Play columns 'Package Name', 'Star Rating' and 'Review Submit Millis Since Epoch'"),
    Fingerprint("trustpilot", ("review created (utc)", "review stars"), "has the Trustpilot service-review columns 'Review Created (UTC)' and 'Review Stars'"),
    Fingerprint("trustpilot_product", ("review_id", "stars", "product_sku", "consumer_name"), "has the Trustpilot product-review columns 'review_id', 'stars', 'product_sku' and 'consumer_name'"),
    Fingerprint("zendesk_csv", ("requester", "via", "satisfaction score", "first reply time in minutes"), "has the Zendesk legacy export columns 'Requester', 'Via', 'Satisfaction Score' and 'First reply time in minutes'"),
    Fingerprint("freshdesk", ("ticket id", "first response time (in hrs)", "agent interactions"), "has the Freshdesk columns 'Ticket ID', 'First response time (in hrs)' and 'Agent interactions'"),
    Fingerprint("jira", ("summary", "issue key", "issue id"), "has the Jira columns 'Summary', 'Issue key' and 'Issue id'"),
    Fingerprint("hubspot", ("ticket id", "ticket name"), "has the HubSpot ticket columns 'Ticket ID' and 'Ticket name'"),
    Fingerprint("intercom_csv", ("conversation_id", "message_body", "message_author_type"), "has the Intercom export columns 'conversation_id', 'message_body' and 'message_author_type'"),
    Fingerprint("outlook_csv", (), "has Outlook's 'Subject', 'Body' and 'From: (Address)'-style columns", _outlook),
)  # fmt: skip


# Localized column names of ticket exports -> the English names the readers use. Jira
# translates its CSV header to the exporting user's language (Jira Service Management too).
HEADER_ALIASES: dict[str, str] = {
    # Spanish
    "resumen": "Summary", "clave de incidencia": "Issue key", "clave de la incidencia": "Issue key",
    "id de la incidencia": "Issue id", "id de incidencia": "Issue id", "id. de incidencia": "Issue id",
    "creada": "Created", "creado": "Created", "comentario": "Comment", "descripción": "Description",
    "informador": "Reporter", "creador": "Creator", "estado": "Status", "etiquetas": "Labels",
    # Dutch
    "samenvatting": "Summary", "issuesleutel": "Issue key", "issue-sleutel": "Issue key",
    "sleutel": "Issue key", "issue-id": "Issue id", "issue id": "Issue id", "gemaakt": "Created",
    "aangemaakt": "Created", "opmerking": "Comment", "beschrijving": "Description",
    "melder": "Reporter", "maker": "Creator", "labels": "Labels",
    # German
    "zusammenfassung": "Summary", "vorgangsschlüssel": "Issue key", "schlüssel": "Issue key",
    "vorgangs-id": "Issue id", "vorgangsid": "Issue id", "erstellt": "Created",
    "kommentar": "Comment", "beschreibung": "Description", "autor": "Reporter",
    "ersteller": "Creator", "stichwörter": "Labels",
    # French
    "résumé": "Summary", "clé de ticket": "Issue key", "clé du ticket": "Issue key",
    "clé de la demande": "Issue key", "id de ticket": "Issue id", "id du ticket": "Issue id",
    "id de la demande": "Issue id", "création": "Created", "créé": "Created", "créée": "Created",
    "commentaire": "Comment", "description": "Description", "rapporteur": "Reporter",
    "créateur": "Creator", "étiquettes": "Labels",
}  # fmt: skip
_LOCALIZED_FINGERPRINTS = (("jira", ("summary", "issue key", "created")),)


def translate_header(headers: Sequence[str]) -> list[str] | None:
    """English column names for a localized ticket export, or None when it is not one."""
    translated = [HEADER_ALIASES.get(normalize_header(h), h) for h in headers]
    present = {normalize_header(h) for h in translated}
    if translated == list(headers):
        return None
    for _fmt, required in _LOCALIZED_FINGERPRINTS:
        if set(required) <= present:
            return translated
    return None


def match_table(headers: Sequence[str]) -> Fingerprint | None:
    """The export whose fingerprint the header matches, or None for an unknown table."""
    normalized = [normalize_header(h) for h in headers]
    present = set(normalized)
    for fingerprint in TABLE_FINGERPRINTS:
        if set(fingerprint.required) <= present and (
            fingerprint.extra is None or fingerprint.extra(normalized)
        ):
            return fingerprint
    return None
