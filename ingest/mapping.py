"""Keys for remembered column mappings and for rows of tables without an id column."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence


def normalize_header(name: object) -> str:
    """A header as compared everywhere: Unicode-normalized, trimmed, case-folded, one space."""
    text = unicodedata.normalize("NFKC", str(name)).replace("\ufeff", "")
    return " ".join(text.split()).casefold()


def header_key(columns: Iterable[object]) -> str:
    """Key under which the workspace remembers a :class:`~ingest.settings.ColumnMapping`.

    The same set of column names gives the same key whatever their order, case or spacing,
    so next week's export of the same tool finds last week's mapping.
    """
    names = sorted({normalize_header(c) for c in columns})
    return hashlib.sha256("\x1f".join(names).encode()).hexdigest()[:16]


def row_key(cells: Sequence[str]) -> str:
    """Source record id for a row of a table without an id column: a hash of its cells.

    The same row exported again (an overlapping date range) gets the same id, so it is
    skipped as a duplicate instead of being counted twice.
    """
    return "row:" + hashlib.sha256("\x1f".join(cells).encode()).hexdigest()[:24]
