"""The one writer for every table Klantstem hands out: CSV and XLSX cells that never run.

A spreadsheet runs a text cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``, ``=DDE(...)``); a leading tab or carriage
return hides the same. Every text cell that starts so, also after leading spaces, gets a
leading ``'`` and stays text; numbers stay numbers. The item export, every dashboard
download and the weekly summary write through here. :func:`md_text` does the same job for
Markdown: feedback shown as plain text, never as HTML, a link or an image.

Tables for people (every dashboard download, the weekly summary's CSV) follow the
spreadsheet conventions of their language (:func:`localized_frame_csv_bytes`,
:func:`localized_rows_csv_bytes`): Dutch ``;`` and a decimal comma, English ``,`` and a
point, numbers rounded, lists joined with ``, ``, and a UTF-8 byte order mark, without
which Excel reads UTF-8 as the Windows code page (``é`` as ``Ã©``). The item export
(``klantstem export items``) is a machine format and keeps ``,``, a point and no BOM.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 forbids; openpyxl refuses a workbook that holds them.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|~])")
_MD_LINE_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+*])(?=\s|$)")  # list markers
_URL_START = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data|file|www)([:.])")


def safe_cell(value: Any) -> Any:
    """A cell as a spreadsheet may read it: formula-like text gets a leading ``'``."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and the column names) made safe; numeric columns as-is."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out


def frame_csv_bytes(frame: pd.DataFrame, *, encoding: str = "utf-8", sep: str = ",") -> bytes:
    """The frame as CSV bytes, every cell safe (see the module docstring)."""
    return safe_frame(frame).to_csv(index=False, sep=sep).encode(encoding)


def rows_csv_bytes(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    """Rows already formatted by the caller (numbers as text in a locale, say) as CSV bytes.

    Cells that were numbers before formatting must be passed as :class:`SafeNumber` so a
    negative number is not quoted as text.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([str(c) if isinstance(c, SafeNumber) else safe_cell(c) for c in row])
    return buffer.getvalue().encode(encoding)


class SafeNumber(str):
    """A number already formatted as text (``-1,5``): written as it is, not quoted."""


SPREADSHEET_ENCODING = "utf-8-sig"
"""UTF-8 with a byte order mark: how Excel (Dutch or not) knows a CSV is UTF-8."""
DEFAULT_PLACES = 3
"""Decimals a number keeps in a download when its column asks for nothing else."""


def spreadsheet_delimiter(lang: str) -> str:
    """``;`` in Dutch (the comma is the decimal sign there), ``,`` otherwise."""
    return ";" if lang == "nl" else ","


def spreadsheet_number(value: float, lang: str, places: int = DEFAULT_PLACES) -> SafeNumber:
    """A number as a spreadsheet in ``lang`` reads it: rounded to ``places`` decimals, no
    trailing zeros, no thousands separator, a decimal comma in Dutch (``-0,28``, ``14,6``)."""
    if float(value).is_integer():
        text = str(int(value))
    else:
        text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return SafeNumber(text.replace(".", ",") if lang == "nl" else text)


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def spreadsheet_cell(value: Any, lang: str, places: int = DEFAULT_PLACES) -> object:
    """One cell for a people's CSV in ``lang``: see :func:`localized_rows_csv_bytes`."""
    if isinstance(value, list | tuple) or getattr(value, "ndim", 0) == 1:  # a numpy array too
        return ", ".join(str(v) for v in list(value) if not _missing(v))
    if hasattr(value, "item") and not isinstance(value, str | pd.Timestamp):
        value = value.item()  # numpy scalar
    if _missing(value):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return spreadsheet_number(value, lang, places)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        return value.strftime("%Y-%m-%d %H:%M")  # ISO: no day/month mix-up in any Excel
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def localized_rows_csv_bytes(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    lang: str,
    *,
    places: int = DEFAULT_PLACES,
) -> bytes:
    """Rows of raw values (numbers, text, dates, lists) as a CSV a spreadsheet in ``lang``
    opens as columns.

    Dutch: ``;`` between cells and a decimal comma; English: ``,`` and a point. Numbers are
    rounded to ``places`` decimals (round a column yourself to show fewer), lists and tuples
    become ``a, b``, missing values empty cells, datetimes ``2026-05-31 14:05``. UTF-8 with a
    byte order mark. Every text cell is formula-safe.
    """
    formatted = ([spreadsheet_cell(c, lang, places) for c in row] for row in rows)
    return rows_csv_bytes(
        header, formatted, delimiter=spreadsheet_delimiter(lang), encoding=SPREADSHEET_ENCODING
    )


def localized_frame_csv_bytes(
    frame: pd.DataFrame, lang: str, *, places: int = DEFAULT_PLACES
) -> bytes:
    """The frame (its column names as the header) as :func:`localized_rows_csv_bytes` writes
    it."""
    return localized_rows_csv_bytes(
        [str(c) for c in frame.columns],
        frame.itertuples(index=False, name=None),
        lang,
        places=places,
    )


def xlsx_cell(value: Any) -> Any:
    """A value for an openpyxl cell: formula-like text made literal, illegal characters out."""
    if isinstance(value, str):
        return safe_cell(_XLSX_ILLEGAL.sub("", value) if _XLSX_ILLEGAL.search(value) else value)
    return value


def frame_xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "Items") -> bytes:
    """The frame as a one-sheet workbook, every cell safe."""
    from openpyxl import Workbook

    book = Workbook()
    page = book.active
    page.title = sheet
    page.append([xlsx_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        page.append([xlsx_cell(_plain(v)) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.tz_convert(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones; stored values are UTC
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()  # numpy scalar
    return value


_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def md_text(value: object) -> str:
    """Feedback (or a label) as Markdown that renders as the same plain text: no HTML, no
    links, no images, no headings or quotes of its own, on one line."""
    text = " ".join(str(value).split())
    # "&" only where it would start a character reference ("&lt;" typed by a customer):
    # "track & trace" stays as it reads in the file, and renders the same.
    text = _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    # Bare addresses are turned into links by most renderers (GFM autolinks): break the
    # pattern with an entity, which still shows the same characters.
    return _URL_START.sub(lambda m: m[1] + ("&colon;" if m[2] == ":" else "&period;"), text)
