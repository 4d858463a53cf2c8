"""CSV and XLSX as a plain table (duplicate column names kept), and any table via a mapping.

A table whose export is not recognised is read through a :class:`ColumnMapping`: the one the
user gave, one remembered for the same header, or one guessed from column names and
contents. When no text column can be guessed, :class:`MappingRequired` asks the user.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import NamedTuple
from xml.etree import ElementTree

import pandas as pd

from ingest.build import Draft, finish, first_problem, problem
from ingest.dates import parse_column, parse_datetime, zone_of
from ingest.detect import decode, sniff_delimiter
from ingest.errors import IngestError, MappingRequired, RecordError
from ingest.limits import check_rows, check_time
from ingest.mapping import header_key, normalize_header, row_key
from ingest.messages import Text, detail
from ingest.messages import message as say
from ingest.privacy import PLACEHOLDER, redact
from ingest.schema import RECORD_COLUMNS, FeedbackRecord, IngestResult, Problem
from ingest.settings import RATING_SCALE_TOPS, ColumnMapping, IngestSettings

# A feedback text of 10 MB is not feedback; the limit keeps a runaway cell from filling memory.
csv.field_size_limit(10_000_000)
# Jira and SurveyMonkey exports reach a few hundred columns; guessing a mapping costs
# columns x names, so far wider "tables" are refused (a line of delimiters, binary).
MAX_COLUMNS = 5_000
MAX_HEADER_CELL = 5_000


@dataclass(slots=True)
class Table:
    """Rows of strings under a header; ``lines[i]`` is the file line where row ``i`` starts."""

    name: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    problems: list[Problem] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)
    _normalized: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A blank header cell (Typeform's second header row, a stray column) gets a name, so a
        # guessed or chosen mapping can point at it.
        self.header = [h if h.strip() else f"column {i + 1}" for i, h in enumerate(self.header)]
        self._normalized = [normalize_header(h) for h in self.header]

    def index(self, *names: str) -> int | None:
        """Position of the first column called any of ``names`` (case-insensitive)."""
        for name in names:
            wanted = normalize_header(name)
            if wanted in self._normalized:
                return self._normalized.index(wanted)
        return None

    def indices(self, name: str) -> list[int]:
        """Positions of every column with this name (Jira repeats ``Comment``, ``Labels``)."""
        wanted = normalize_header(name)
        return [i for i, h in enumerate(self._normalized) if h == wanted]

    def records(self) -> Iterator[tuple[int, list[str], dict[str, str]]]:
        """``(line, cells, raw)`` per row; ``raw`` maps each original header to its cell."""
        for line, row in zip(self.lines, self.rows, strict=True):
            raw: dict[str, str] = {}
            for head, cell in zip(self.header, row, strict=False):
                if head in raw:
                    if cell:
                        raw[head] = f"{raw[head]}\n{cell}" if raw[head] else cell
                else:
                    raw[head] = cell
            yield line, row, raw


_EXCEL_SEP = re.compile(r'\A\ufeff?"?sep=(.)"?[ \t]*\r?\n', re.I)
# A row whose quoted cells hold at least this many lines shaped like rows of their own is a
# stray quote swallowing the rows below it, not a multi-line comment.
_SWALLOWED_ROWS = 2
# The lines of a text as csv reads them with newline="" (\r\n, \r or \n kept at the end).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def load_csv(text: str, name: str, encoding: str) -> Table:
    """Parse CSV text with a sniffed delimiter; malformed rows become problems.

    Excel's ``sep=;`` first line sets the delimiter. A quoted cell that swallowed lines
    shaped like rows (one stray quote) is reported with its line range and skipped, never
    imported as one long cell.

    Raises:
        IngestError: the text is not a table at all.
    """
    first_line = 1
    declared = _EXCEL_SEP.match(text)
    if declared:
        delimiter = declared.group(1)
        text = text[declared.end() :]
        first_line = 2
    else:
        delimiter = sniff_delimiter(text)
    # Lines one at a time, not io.StringIO: StringIO holds 4 bytes per character, so a
    # 190 MiB CSV cost 760 MiB more before a row was read.
    reader = csv.reader((m.group() for m in _LINE.finditer(text)), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    misfits = 0  # rows with more or fewer cells than the header
    start = first_line
    offset = first_line - 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1 + offset
            if len(rows) % 5000 == 0:
                check_time(f"line {line}")
                check_rows(len(rows), f"line {line}")
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                check_header(header, name, line)
                continue
            last = start - 1
            if last - line >= _SWALLOWED_ROWS:
                swallowed = _row_shaped_lines(row, len(header), delimiter)
                if swallowed >= _SWALLOWED_ROWS:
                    problems.append(
                        problem(name, line, say("table.swallowed_lines", line=line, last=last, n=swallowed))
                    )  # fmt: skip
                    continue
            if len(row) != len(header):
                misfits += 1
            if len(row) > len(header):
                if any(cell.strip() for cell in row[len(header) :]):
                    problems.append(
                        problem(name, line, say("table.too_many_cells", cells=len(row), columns=len(header)))
                    )  # fmt: skip
                    continue
                row = row[: len(header)]
            elif len(row) < len(header):
                row = row + [""] * (len(header) - len(row))
            rows.append(row)
            lines.append(line)
    except csv.Error as exc:
        raise IngestError(
            say("table.bad_csv", detail=str(exc), hint=_TABLE_HINT), file=name
        ) from exc
    if header is None or len(header) < 1 or not any(header):
        raise IngestError(say("table.no_header", hint=_TABLE_HINT), file=name)
    if len(header) == 1 and normalize_header(header[0]) not in TEXT_NAMES:
        raise IngestError(
            say("table.one_column", header=header[0][:60], hint=_TABLE_HINT), file=name
        )
    # A .txt file is a table (Excel's "Text (Tab delimited)") only when its rows have the
    # header's cells; else it is a note, a README or a letter: its lines are not feedback.
    total = len(rows) + sum(p.code == "table.too_many_cells" for p in problems)
    if name.lower().endswith(".txt") and total and misfits > TXT_MISFITS * total:
        raise IngestError(
            say("table.txt_not_a_table", misfits=misfits, rows=total, columns=len(header)),
            file=name,
        )
    return Table(
        name, header, rows, lines, problems, {"encoding": encoding, "delimiter": delimiter}
    )


TXT_MISFITS = 0.2
"""Most rows of a tab-delimited .txt that may have another number of cells than its header."""


def check_header(header: list[str], name: str, line: int) -> None:
    """Refuse a header row no export has (too many columns, a cell as long as a page)."""
    if len(header) > MAX_COLUMNS:
        raise IngestError(
            say("table.too_many_columns", line=line, n=len(header), hint=_TABLE_HINT), file=name
        )
    longest = max((len(h) for h in header), default=0)
    if longest > MAX_HEADER_CELL:
        raise IngestError(
            say("table.long_header", line=line, n=longest, hint=_TABLE_HINT), file=name
        )


def _row_shaped_lines(row: list[str], width: int, delimiter: str) -> int:
    """How many lines inside the row's multi-line cells split into ``width`` cells themselves."""
    if width < 2:
        return 0
    count = 0
    for cell in row:
        if "\n" not in cell:
            continue
        for inner in cell.split("\n")[1:]:
            if inner.count(delimiter) >= width - 1 and len(inner.split(delimiter)) == width:
                count += 1
    return count


_TABLE_HINT = say("expected_table")


def load_xlsx(data: bytes, name: str) -> Table:
    """The first non-empty sheet of a workbook as a table.

    Raises:
        IngestError: the workbook cannot be opened.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        zlib.error,
        ElementTree.ParseError,
        IndexError,
        EOFError,
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        OSError,
        TypeError,
    ) as exc:
        raise IngestError(say("xlsx.unreadable", detail=str(exc)[:160]), file=name) from exc
    try:
        for sheet in book.worksheets:
            table = sheet_table(
                name, sheet.iter_rows(values_only=True), _cell_text, {"sheet": sheet.title}
            )
            if table is not None:
                return table
    except (
        zlib.error,
        ElementTree.ParseError,
        zipfile.BadZipFile,
        KeyError,
        IndexError,
        ValueError,
        EOFError,
        TypeError,
    ) as exc:
        raise IngestError(say("xlsx.damaged", detail=detail(exc, 120)), file=name) from exc
    finally:
        book.close()
    raise IngestError(say("workbook.no_data", hint=_TABLE_HINT), file=name)


def sheet_table(
    name: str,
    sheet_rows: Iterable[Sequence[object]],
    cell_text: Callable[[object], str],
    details: dict[str, str],
) -> Table | None:
    """A worksheet as a :class:`Table`: the first non-empty row is the header (trailing empty
    cells dropped), later non-empty rows are cut or padded to it; None for an empty sheet."""
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    for number, values in enumerate(sheet_rows, start=1):
        cells = [cell_text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip() for c in cells]
            while header and not header[-1]:
                header.pop()
            check_header(header, name, number)
            continue
        if len(rows) % 5000 == 0:
            check_time(f"row {number}")
            check_rows(len(rows), f"row {number}")
        rows.append((cells + [""] * len(header))[: len(header)])
        lines.append(number)
    return Table(name, header, rows, lines, [], details) if header else None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def load_table(data: bytes, name: str) -> Table:
    """A CSV or XLSX file as a table."""
    if data[:4] == b"PK\x03\x04":
        return load_xlsx(data, name)
    text, encoding = decode(data, name)
    return load_csv(text, name, encoding)


# ------------------------------------------------------------------ guessing a mapping

TEXT_NAMES = (
    "text", "tekst", "feedback", "review", "review text", "review content", "comment", "comments",
    "opmerking", "opmerkingen", "toelichting", "bericht", "message", "body", "content",
    "description", "beschrijving", "omschrijving", "klacht", "antwoord", "answer", "reactie",
    "remarks", "verbatim", "open antwoord",
)  # fmt: skip
DATE_NAMES = (
    "date", "datum", "received_at", "received at", "created", "created at", "created_at",
    "timestamp", "tijdstempel", "submitted", "submit date", "datum/tijd", "date/time", "time",
    "tijd", "aangemaakt", "ingevuld op", "created date", "review date", "datetime",
)  # fmt: skip
RATING_NAMES = (
    "rating", "score", "cijfer", "stars", "sterren", "beoordeling", "waardering", "nps",
    "star rating", "rapportcijfer", "review stars",
)  # fmt: skip
CHANNEL_NAMES = ("channel", "kanaal", "bron", "source", "medium")
SUBJECT_NAMES = ("subject", "onderwerp", "title", "titel", "summary", "review title")
AUTHOR_NAMES = (
    "author", "name", "naam", "klantnaam", "klant", "customer", "customer name", "email",
    "e-mail", "e-mailadres", "emailadres", "reviewer", "user", "gebruiker",
)  # fmt: skip
ID_NAMES = (
    "id",
    "review id",
    "review_id",
    "reviewid",
    "response id",
    "respons id",
    "responsnummer",
    "record id",
    "nr",
    "nummer",
    "#",
)
CHANNEL_VALUES = (
    ("app_review", ("app store", "google play", "play store", "app review", "app")),
    ("email", ("e-mail", "email", "mail")),
    ("review", ("review", "recensie", "trustpilot", "google", "kiyoh")),
    ("ticket", ("ticket", "helpdesk", "zendesk", "freshdesk", "support")),
    ("chat", ("chat", "whatsapp", "messenger", "intercom")),
    ("survey", ("survey", "enquête", "enquete", "nps", "formulier", "vragenlijst", "form")),
)
_WORD = re.compile(r"[^\W\d_]{2,}")


def _by_name(table: Table, names: Sequence[str], exclude: set[int]) -> int | None:
    for name in names:
        index = table.index(name)
        if index is not None and index not in exclude:
            return index
    for name in names:
        if len(name) < 4:
            continue
        for i, head in enumerate(table._normalized):
            if i not in exclude and re.search(rf"(^|\W){re.escape(name)}($|\W)", head):
                return i
    return None


def _sample(table: Table, index: int, n: int = 200) -> list[str]:
    out = []
    for row in table.rows:
        if row[index].strip():
            out.append(row[index].strip())
            if len(out) >= n:
                break
    return out


def _text_by_content(table: Table, exclude: set[int]) -> int | None:
    best, best_words = None, 0.0
    for i in range(len(table.header)):
        if i in exclude:
            continue
        sample = _sample(table, i)
        if len(sample) < max(1, min(5, len(table.rows) // 2)):
            continue
        words = sum(len(_WORD.findall(s)) for s in sample) / len(sample)
        distinct = len(set(sample)) / len(sample)
        if words >= 4 and distinct >= 0.5 and words > best_words:
            best, best_words = i, words
    return best


def _wordiest(table: Table) -> str:
    """The column with the most words per filled cell, or ``""``. A number is no word, nor
    is an e-mail address, phone number or other personal data (``jan@example.com`` is not
    three words of feedback)."""
    best, best_words = "", 0.0
    for i, name in enumerate(table.header):
        sample = [PLACEHOLDER.sub(" ", redact(s)) for s in _sample(table, i, 50)]
        words = sum(len(_WORD.findall(s)) for s in sample) / len(sample) if sample else 0.0
        if words > best_words:
            best, best_words = name, words
    return best


def column_examples(table: Table) -> dict[str, str]:
    """Per column, its first filled cell, personal data redacted and cut to 60 characters:
    what the column holds, for a person choosing the mapping."""
    examples = {}
    for i, name in enumerate(table.header):
        first = next(iter(_sample(table, i, 1)), "")
        cell = redact(" ".join(first.split()))
        examples[name] = cell if len(cell) <= 60 else cell[:59] + "…"
    return examples


def _date_by_content(table: Table, exclude: set[int]) -> int | None:
    zone = zone_of("UTC")
    for i in range(len(table.header)):
        if i in exclude:
            continue
        sample = _sample(table, i, 20)
        if not sample or not all(
            re.search(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{2}-\d{2}", s) for s in sample
        ):
            continue
        try:
            for s in sample:
                parse_datetime(s, zone)
        except ValueError:
            continue
        return i
    return None


def guess_mapping(table: Table) -> ColumnMapping | None:
    """A mapping guessed from header names and cell contents, or None without a text column."""
    used: set[int] = set()
    ident = _by_name(table, ID_NAMES, used)
    if ident is not None:
        used.add(ident)
    text = _by_name(table, TEXT_NAMES, used)
    if text is not None and not _sample(table, text):
        text = None
    if text is None:
        text = _text_by_content(table, used)
    if text is None:
        return None
    used.add(text)
    found = _other_columns(table, used)
    name = lambda i: table.header[i] if i is not None else ""  # noqa: E731
    reviewish = (
        any(w in normalize_header(table.header[text]) for w in ("review", "recensie"))
        or (
            found["rating"] is not None
            and any(w in table._normalized[found["rating"]] for w in ("star", "ster"))
        )
        # a rating next to a title, or a review id: a review site's export
        or (found["rating"] is not None and found["subject"] is not None
            and any(w in table._normalized[found["subject"]] for w in ("title", "titel")))
        or (ident is not None and any(w in table._normalized[ident] for w in ("review", "recensie")))
    )  # fmt: skip
    return ColumnMapping(
        text=table.header[text],
        date=name(found["date"]),
        rating=name(found["rating"]),
        channel=name(found["channel"]),
        subject=name(found["subject"]),
        author=name(found["author"]),
        record_id=name(ident),
        default_channel="review" if reviewish else "other",
    )


def _other_columns(table: Table, used: set[int]) -> dict[str, int | None]:
    """The date, rating, channel, subject and author columns by name (a date also by its
    cells), none of them one of ``used`` (which grows with each found)."""
    found: dict[str, int | None] = {}
    for key, names in (("date", DATE_NAMES), ("rating", RATING_NAMES), ("channel", CHANNEL_NAMES),
                       ("subject", SUBJECT_NAMES), ("author", AUTHOR_NAMES)):  # fmt: skip
        index = _by_name(table, names, used)
        if (
            key == "rating"
            and index is not None
            and not all(_number(v) is not None for v in _sample(table, index, 50))
        ):
            index = None
        found[key] = index
        if index is not None:
            used.add(index)
    if found["date"] is None:
        found["date"] = _date_by_content(table, used)
    return found


def suggested_columns(table: Table) -> dict[str, str]:
    """For a table whose mapping must be asked: where a person's choice best starts. The
    text at the wordiest column (:func:`_wordiest`), the others as :func:`guess_mapping`
    finds them; a role without a likely column is left out."""
    text = _wordiest(table)
    used = {table.header.index(text)} if text else set()
    found = _other_columns(table, used)
    roles = {role: table.header[i] for role, i in found.items() if i is not None}
    return {"text": text, **roles} if text else roles


def _number(value: str) -> float | None:
    cleaned = value.strip().replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


class RatingScale(NamedTuple):
    """A rating column's scale, and a warning when the reading may be wrong (or None)."""

    low: float
    high: float
    doubt: Text | None = None


# A header that states its scale: "Score (1-5)", "Sterren (1 t/m 5)", "Beoordeling (0-10)".
_TOPS = "|".join(str(top) for top in sorted(RATING_SCALE_TOPS, key=lambda top: -len(str(top))))
_STATED_RANGE = re.compile(
    rf"(?<![\d.,])([01])\s*(?:-|–|—|t/m|tot en met|tot|to|through)\s*({_TOPS})(?![\d.,])"
)
# ... or its top only: "Rating /10", "score out of 5", "cijfer uit 10".
_STATED_TOP = re.compile(rf"(?:/|\bout of\b|\buit\b)\s*({_TOPS})(?![\d.,])")


def _scale(table: Table, index: int, mapping: ColumnMapping) -> RatingScale:
    """The scale of rating column ``index``: the one place that decides it.

    In order: the mapping's ``rating_scale_max``; a scale the header states ("Score (1-5)",
    "Rating /10"); NPS is 0-10; a star or rating column is 1-5 (a 6 there is a wrong cell,
    not a 10-point scale); a Dutch "cijfer" is a grade out of 10; else the values decide
    (above 5: out of 10, above 10: out of 100). A "cijfer" read as out of 10 whose values
    stay at 5 or below gets a ``doubt``: such a file may well hold scores out of 5.
    """
    head = table._normalized[index]
    if mapping.rating_scale_max:
        high = float(mapping.rating_scale_max)
        return RatingScale(0.0 if high in (10.0, 100.0) and "nps" in head else 1.0, high)
    values = [v for v in (_number(s) for s in _sample(table, index, 1000)) if v is not None]
    top = max(values, default=5.0)
    low = 0.0 if any(v == 0 for v in values) else 1.0
    if stated := _STATED_RANGE.search(head):
        return RatingScale(float(stated.group(1)), float(stated.group(2)))
    if stated := _STATED_TOP.search(head):
        return RatingScale(low, float(stated.group(1)))
    if "nps" in head:
        return RatingScale(0.0, 10.0)
    if any(word in head for word in ("star", "ster", "rating")) and "cijfer" not in head:
        return RatingScale(1.0, 5.0)
    if "cijfer" in head:
        doubt = None
        if values and top <= 5:
            column = table.header[index]
            doubt = say("table.grade_at_most_5", column=column, low=low, top=top,
                        renamed=f"{column.strip()} (1-5)")  # fmt: skip
        return RatingScale(low, 10.0, doubt)
    if 5 < top <= 10:
        return RatingScale(low, 10.0)
    if top > 10:
        return RatingScale(0.0, 100.0)
    return RatingScale(low, 5.0)


def channel_of(value: str, default: str) -> str:
    """A channel from a free-text channel cell (``Enquête`` -> ``survey``)."""
    cell = value.strip().casefold()
    if not cell:
        return default
    for channel, words in CHANNEL_VALUES:
        if any(w in cell for w in words):
            return channel
    return default


def read_mapped(
    table: Table, mapping: ColumnMapping, settings: IngestSettings, fmt: str, reason: str
) -> IngestResult:
    """Read any table through a column mapping.

    Raises:
        IngestError: a mapped column is missing, or no row could be imported.
    """
    name = table.name

    def col(column: str, role: str) -> int | None:
        if not column:
            return None
        index = table.index(column)
        if index is None:
            raise MappingRequired(
                say("mapping.missing_column", column=column, role=say(f"mapping.role.{role.replace(' ', '_')}"),
                    columns=", ".join(table.header)),
                table.header,
                file=name,
            )  # fmt: skip
        return index

    text_i = col(mapping.text or "(no text column chosen)", "text")
    date_i, rating_i = col(mapping.date, "date"), col(mapping.rating, "rating")
    channel_i, subject_i = col(mapping.channel, "channel"), col(mapping.subject, "subject")
    author_i, id_i = col(mapping.author, "author"), col(mapping.record_id, "record id")
    if text_i is None:  # unreachable: col() raises for a missing column
        raise MappingRequired(say("mapping.no_text"), table.header, file=name)
    zone = zone_of(settings.timezone)
    dates = parse_column([r[date_i] for r in table.rows], zone) if date_i is not None else None
    scale = _scale(table, rating_i, mapping) if rating_i is not None else None
    now = datetime.now(zone_of("UTC"))
    items: list[Draft | Problem] = list(table.problems)
    if scale is not None and scale.doubt is not None:  # once for the file, not per row
        items.append(problem(name, 0, scale.doubt, warning=True))
    if date_i is None:
        items.append(problem(name, 0, say("table.no_date_column"), warning=True))
    author_fields = (table.header[author_i],) if author_i is not None else ()
    for row_number, (line, cells, raw) in enumerate(table.records()):
        text = cells[text_i].strip()
        if not text:
            items.append(problem(name, line, say("table.empty_text", column=table.header[text_i])))
            continue
        if dates is None:
            when, assumed = now, True
        else:
            parsed = dates[row_number]
            if isinstance(parsed, str):
                items.append(problem(name, line, say("table.bad_date", column=table.header[date_i], reason=parsed)))  # type: ignore[index]  # fmt: skip
                continue
            when, assumed = parsed
        rating = None
        if rating_i is not None and scale is not None and cells[rating_i].strip():
            rating = _number(cells[rating_i])
            if rating is None or not scale[0] <= rating <= scale[1]:
                items.append(problem(name, line, say("table.bad_rating", low=scale[0], high=scale[1],
                                                     value=cells[rating_i].strip())))  # fmt: skip
                continue
        record_id = (
            cells[id_i].strip() if id_i is not None and cells[id_i].strip() else row_key(cells)
        )
        items.append(
            Draft(
                line=line,
                source_system="generic_csv",
                source_record_id=record_id,
                channel=channel_of(cells[channel_i], mapping.default_channel)
                if channel_i is not None
                else mapping.default_channel,
                received_at=when,
                received_at_tz_assumed=assumed,
                text=text,
                subject=cells[subject_i] if subject_i is not None else "",
                author=cells[author_i] if author_i is not None else "",
                rating=rating,
                rating_scale_min=scale[0] if rating is not None and scale else None,
                rating_scale_max=scale[1] if rating is not None and scale else None,
                raw=raw,
                author_fields=author_fields,
            )
        )
    details = dict(table.details, header_key=header_key(table.header), text_column=mapping.text)
    return finish(name, items, settings, fmt, reason, details=details)


def read_unknown_table(table: Table, settings: IngestSettings) -> IngestResult:
    """A table no fingerprint matched: the user's mapping, a remembered one, or a guess.

    Raises:
        MappingRequired: no text column could be guessed; ``columns`` has the header.
    """
    key = header_key(table.header)
    if settings.mapping is not None:
        return read_mapped(
            table,
            settings.mapping,
            settings,
            "mapped_table",
            "read with the column mapping given for this import",
        )
    if key in settings.mappings:
        return read_mapped(
            table,
            settings.mappings[key],
            settings,
            "mapped_table",
            "read with the column mapping remembered for this header",
        )
    guess = guess_mapping(table)
    if guess is None:
        raise MappingRequired(
            say("mapping.required", columns=", ".join(table.header)),
            table.header,
            file=table.name,
            examples=column_examples(table),
            suggested=suggested_columns(table),
        )
    fmt = "generic_review" if guess.default_channel == "review" else "generic_csv"
    parts = [f"text in {guess.text!r}"] + [f"{role} in {col!r}" for role, col in
             (("date", guess.date), ("rating", guess.rating), ("channel", guess.channel)) if col]  # fmt: skip
    return read_mapped(table, guess, settings, fmt, "columns guessed: " + ", ".join(parts))


# ------------------------------------------------------------------ the project's own export


def is_normalized(table: Table) -> bool:
    """The table is Klantstem's own item export (every record column present)."""
    return all(table.index(c) is not None for c in RECORD_COLUMNS)


def read_normalized(table: Table, settings: IngestSettings) -> IngestResult:
    """Read Klantstem's own item export back (ids and redaction as stored)."""
    del settings
    records: list[FeedbackRecord] = []
    problems: list[Problem] = list(table.problems)
    columns = {c: table.index(c) for c in RECORD_COLUMNS}
    for line, cells, _raw in table.records():
        row = {c: cells[i] for c, i in columns.items() if i is not None}
        try:
            records.append(
                FeedbackRecord(
                    id=row["id"],
                    source_system=row["source_system"],
                    source_record_id=row["source_record_id"],
                    channel=row["channel"],
                    direction=row["direction"] or "inbound",
                    received_at=pd.Timestamp(row["received_at"]).tz_convert("UTC").to_pydatetime(),
                    received_at_tz_assumed=row["received_at_tz_assumed"].lower() == "true",
                    author_pseudonym=row["author_pseudonym"],
                    subject=row["subject"],
                    text=row["text"],
                    language=row["language"],
                    rating=float(row["rating"]) if row["rating"] else None,
                    rating_scale_min=float(row["rating_scale_min"])
                    if row["rating_scale_min"]
                    else None,
                    rating_scale_max=float(row["rating_scale_max"])
                    if row["rating_scale_max"]
                    else None,
                    is_star_only=row["is_star_only"].lower() == "true",
                    thread_id=row["thread_id"],
                    url=row["url"],
                    source_file=row["source_file"] or table.name,
                    source_row=int(row["source_row"] or line),
                    raw=row["raw"] or "{}",
                )
            )
        except (RecordError, ValueError, TypeError) as exc:
            problems.append(
                Problem(
                    table.name,
                    line,
                    say("own_export.bad_row", detail=getattr(exc, "detail", "") or str(exc)),
                )
            )
    if not records:
        raise IngestError(say("own_export.no_rows", first=first_problem(problems)), file=table.name)
    return IngestResult(
        table.name,
        tuple(records),
        tuple(problems),
        "klantstem_items",
        "all record columns present",
        dict(table.details),
    )
