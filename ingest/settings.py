"""Settings a reader needs from the workspace: timezone, own domains, pseudonym key, mapping."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

RATING_SCALE_TOPS = (5, 10, 100)
"""The scales a rating column may be out of, when its header states one ("Score (1-5)",
``ingest.tables._scale``) or its column mapping does (``rating_scale_max``: the Upload page's
mapping form and ``klantstem import --rating-scale`` offer these)."""


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which columns of an arbitrary CSV/XLSX hold what. Only ``text`` is required."""

    text: str
    date: str = ""
    rating: str = ""
    channel: str = ""
    subject: str = ""
    author: str = ""
    record_id: str = ""
    rating_scale_max: float | None = None
    default_channel: str = "other"


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """Everything a reader may depend on besides the file itself.

    Attributes:
        timezone: IANA zone assumed for timestamps without one (recorded as assumed).
        own_domains: e-mail domains of the company; mail from them is stored as outbound.
        own_addresses: the company's own addresses (also X.500 Exchange addresses such as
            ``/O=EXCHANGELABS/.../CN=SERVICE``); mail from them is stored as outbound.
        mailbox_owner_names: display names of the company's own senders (``Klantenservice``);
            Outlook CSV rows sent under these names are stored as outbound.
        pseudonym_key: secret for the keyed hash of authors (lives in the workspace).
        redact: replace personal data in subject and text with typed placeholders.
        mappings: remembered column mappings, keyed by :func:`ingest.mapping.header_key`.
        mapping: a mapping the user gave for this import (wins over remembered ones).
    """

    timezone: str = "Europe/Amsterdam"
    own_domains: tuple[str, ...] = ()
    own_addresses: tuple[str, ...] = ()
    mailbox_owner_names: tuple[str, ...] = ()
    pseudonym_key: bytes = b"klantstem-default-key"
    redact: bool = True
    mappings: Mapping[str, ColumnMapping] = field(default_factory=dict)
    mapping: ColumnMapping | None = None
