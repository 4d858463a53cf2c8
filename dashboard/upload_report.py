"""The Upload page's report as the manager reads it: one line per file and a total, a table,
and a preview with the catalogue's column, channel and language names.

Pure (no streamlit): the counts come from :mod:`workspace.intake` (one source of truth for
how they add up); this module only words and formats them in the UI language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from dashboard import formatting as fmt
from dashboard.i18n import channel_names, plural, t
from dashboard.plain_text import md
from dashboard.problem_text import file_error, problem_message
from ingest.schema import Problem
from workspace.imports import FileImport
from workspace.intake import FileIntake, intake_total


def format_name(code: str, lang: str) -> str:
    """A detected format as people call it (``google_play`` → ``Google Play reviews``)."""
    if not code:
        return fmt.DASH
    base = code.removesuffix("_zip")
    name = t(f"format.{base}", lang)
    if name == f"format.{base}":
        return code  # a format without a catalogue name yet: its code beats nothing
    return f"{name} (zip)" if base != code else name


def recognised_as(imported: FileImport, lang: str) -> str:
    """What the file was read as: its format's name; for a file that could not be read, the
    format its error names ("recognised as E-mail (.eml), but no item …"), else "Not
    recognised" (a dash there read as if something were missing from the report)."""
    code = imported.detected_format or _format_in_error(imported)
    return format_name(code, lang) if code else t("upload.not_recognised", lang)


def _format_in_error(imported: FileImport) -> str:
    """The format a file's error names (``file.nothing_imported``, ``store.failed``), or ``""``."""
    if not imported.error:
        return ""
    whole = next((p for p in imported.problems if p.line == 0 and p.severity == "error"), None)
    named = whole.params.get("format") if whole is not None else None
    return named if isinstance(named, str) else ""


def total_of(files: Sequence[FileIntake], lang: str) -> FileIntake | None:
    """The total row when more than one file was uploaded, else None."""
    return intake_total(files, t("upload.total", lang)) if len(files) > 1 else None


def line(row: FileIntake, lang: str, *, markdown: bool = True) -> str:
    """One file (or the total) in words: every count, adding up.

    Args:
        row: the file's (or the total's) counts.
        lang: the language.
        markdown: Markdown for the Upload page (the file name in bold, escaped); False for
            plain text, as ``klantstem import`` prints it.
    """
    f = row.imported
    text = md if markdown else str

    def n(value: int) -> str:
        return fmt.number(value, lang)

    label = f"**{md(f.file)}**" if markdown else f.file
    # a file whose error names its format says it ("recognised as …, but"): not twice
    if f.detected_format or (f.error and not _format_in_error(f)):
        label += f" · {text(recognised_as(f, lang))}"
    if f.error:
        return f"{label}: {text(file_error(f.problems, f.error, lang))}"
    first = t("upload.line.read", lang).format(
        read=n(f.read), added=n(f.added), duplicates=n(f.duplicates)
    )
    extras = []
    if f.problems:
        extras.append(t("upload.line.problems", lang).format(n=n(len(f.problems))))
    skipped = f.skipped_deleted + f.skipped_spam
    if skipped:
        extras.append(t("upload.line.skipped", lang).format(n=n(skipped)))
    sentences = ["; ".join([first, *extras]) + "."]
    if f.added:
        proposed = t("upload.line.proposed", lang).format(n=n(row.proposed))
        parts = [
            t("upload.line.of_added", lang).format(
                placed=n(row.placed),
                proposed=f" ({proposed})" if row.proposed else "",
                unsorted=n(row.unsorted),
            )
        ]
        if row.star_only:
            parts.append(t("upload.line.star_only", lang).format(n=n(row.star_only)))
        if row.replies:
            parts.append(t("upload.line.replies", lang).format(n=n(row.replies)))
        sentences.append(", ".join(parts) + ".")
    if f.first_date and f.last_date:
        first_day = fmt.day_month(f.first_date, lang, year=True)
        last_day = fmt.day_month(f.last_date, lang, year=True)
        sentences.append(
            t("upload.line.one_date", lang).format(first=first_day)
            if first_day == last_day
            else t("upload.line.dates", lang).format(first=first_day, last=last_day)
        )
    return f"{label}: " + " ".join(text(s) for s in sentences)


def nothing_new(files: Sequence[FileIntake], lang: str) -> str:
    """A re-imported upload in one sentence ("Nothing new: all 587 items … were already in the
    workspace"), plain text; ``""`` when something was added or nothing was read."""
    added = sum(f.imported.added for f in files)
    present = sum(f.imported.duplicates for f in files)
    if added or not present:
        return ""
    return plural("upload.nothing_new", present, lang)


def future_warning(imported: FileImport, lang: str) -> str:
    """The file's rows dated after today (held back) in words, plain text; ``""`` when none.
    The Upload page shows it as a warning and ``klantstem import`` prints it."""
    future = imported.future
    if future is None:
        return ""
    lines = ", ".join(str(n) for n in future.lines)  # as the problems table shows them
    if future.count > len(future.lines):
        lines += ", …"
    return plural(
        "import.future_rows",
        future.count,
        lang,
        file=imported.file,
        latest=fmt.day_month(future.latest, lang, year=True),
        lines=lines,
    )


def table(files: Sequence[FileIntake], lang: str) -> pd.DataFrame:
    """One row per file, plus a total row when there are several; catalogue headers.

    Proposed themes, star-only reviews and replies only when some file has them. The files'
    dates and a file's error are in the lines above the table (the error also in the problems
    table), not in it: with them the table was wider than the page; a file that was not
    imported says so after its format."""
    rows = [*files]
    total = total_of(files, lang)
    if total is not None:
        rows.append(total)

    def format_cell(imported: FileImport) -> str:
        shown = recognised_as(imported, lang)
        return (
            t("upload.format_not_imported", lang).format(format=shown) if imported.error else shown
        )

    frame = pd.DataFrame(
        [
            {
                t("upload.col.file", lang): r.imported.file,
                t("upload.col.format", lang): format_cell(r.imported) if r is not total else "",
                t("upload.read", lang): r.imported.read,
                t("upload.added", lang): r.imported.added,
                t("upload.duplicates", lang): r.imported.duplicates,
                t("upload.problems", lang): len(r.imported.problems),
                t("upload.col.placed", lang): r.placed,
                t("upload.col.proposed", lang): r.proposed,
                t("upload.col.unsorted", lang): r.unsorted,
                t("upload.col.star_only", lang): r.star_only,
                t("upload.col.replies", lang): r.replies,
            }
            for r in rows
        ]
    )
    # Columns that say nothing for these files go, as in the lines above the table: a file
    # without star-only reviews, replies or proposed themes has no such column
    # (14 columns did not fit the page: the last ones were scrolled out of sight).
    optional = [
        t(key, lang)
        for key in ("upload.col.proposed", "upload.col.star_only", "upload.col.replies")
    ]
    return frame.drop(columns=[c for c in optional if not frame[c].astype(bool).any()])


# After these a file name may wrap: an export's name has no spaces, and
# "reviews_org.kiwix.kiwixmobile_201606.csv" on one line pushed the last column off the page.
_NAME_BREAKS = re.compile(r"([_.\-])(?=.)")
ZERO_WIDTH_SPACE = "\u200b"


def table_cells(frame: pd.DataFrame, lang: str) -> list[dict[str, str]]:
    """:func:`table` as the Upload page's static table shows it: Markdown cells (a file's
    name escaped, free to wrap after ``_``, ``.`` and ``-``), numbers as the language writes
    them."""
    file = t("upload.col.file", lang)

    def cell(column: str, value: object) -> str:
        if isinstance(value, int):
            return fmt.number(value, lang)
        text = str(value)
        if column == file:
            text = _NAME_BREAKS.sub(rf"\1{ZERO_WIDTH_SPACE}", text)
        return md(text)

    return [
        {column: cell(str(column), value) for column, value in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def problem_order(problem: Problem) -> tuple[str, int]:
    """The order problems are listed in, on the Upload page and by ``klantstem import``: by
    file, then line (a file's own problems, line 0, first). Readers collect them as they
    go, and some (rows dated after today) only at the end."""
    return problem.file, problem.line


def problems_table(files: Sequence[FileIntake], lang: str) -> list[dict[str, object]]:
    """Every problem of these files, one row each, by file and line
    (:func:`problem_order`), worded in ``lang`` (catalogue headers). A whole file's problem
    has no line (empty, not the "0" it is stored with)."""
    problems = sorted((p for f in files for p in f.imported.problems), key=problem_order)
    return [
        {
            t("upload.col.file", lang): p.file,
            # the whole file: an empty cell (not "0"; an empty number cell reads "None")
            t("upload.col.line", lang): str(p.line) if p.line else "",
            t("upload.col.severity", lang): t(f"upload.severity.{p.severity}", lang),
            t("upload.col.message", lang): problem_message(p, lang),
        }
        for p in problems
    ]


PREVIEW_COLUMNS = {
    "received_at": "col.date",
    "channel": "col.channel",
    "language": "col.language",
    "rating": "col.rating",
    "subject": "upload.col.subject",
    "text": "col.text",
}
OPTIONAL_PREVIEW_COLUMNS = ("rating", "subject")
"""Preview columns shown only when a shown row has something in them."""


def preview_date_format(items: pd.DataFrame) -> str:
    """The preview's date column format: with the time of day, unless every shown item is at
    local midnight (a date-only export: "00:00" on every row is a time the file never had)."""
    when = pd.to_datetime(items["received_at"]) if len(items) else None
    if when is None or (when == when.dt.normalize()).all():
        return fmt.TABLE_DATE
    return fmt.TABLE_DATE_TIME


def preview(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``queries.batch_preview`` rows with names instead of codes and catalogue headers."""
    names = channel_names(lang)
    shown = items.assign(
        channel=[names.get(c, c) for c in items["channel"]],
        language=[fmt.language_name(c, lang) for c in items["language"]],
    )
    if "rating" in items.columns:  # "5/5"; empty for a reply (a table showed "None")
        scale = items.get("rating_scale_max", pd.Series([None] * len(items), index=items.index))
        shown["rating"] = [
            fmt.rating(r, m, lang) for r, m in zip(items["rating"], scale, strict=True)
        ]
    # A column no shown row fills says nothing: Google Play reviews and surveys have no
    # subject, and an empty "Onderwerp" took a fifth of the preview's width.
    columns = [
        c
        for c in PREVIEW_COLUMNS
        if c in shown.columns
        and (c not in OPTIONAL_PREVIEW_COLUMNS or shown[c].fillna("").astype(str).str.strip().any())
    ]
    return shown[columns].rename(columns={c: t(PREVIEW_COLUMNS[c], lang) for c in columns})
