"""Survey exports: Typeform, SurveyMonkey (two header rows) and Google Forms responses.

Each free-text answer is one item (channel ``survey``) with the question as subject and the
response as thread, so one respondent's answers stay together. A question column counts as
free text when SurveyMonkey labels it "Open-Ended Response", or when its answers read like
sentences (several words, mostly different from each other); choice and score columns are
not items. A 0-10 "would you recommend" column becomes the rating of the response's first item.
"""

from __future__ import annotations

import re

from ingest.build import Draft, finish, problem
from ingest.dates import parse_column, zone_of
from ingest.mapping import row_key
from ingest.messages import message as say
from ingest.schema import IngestResult, Problem
from ingest.settings import IngestSettings
from ingest.tables import Table

GOOGLE_FORMS_FIRST = frozenset(
    {"timestamp", "tijdstempel", "marca temporal", "zeitstempel", "horodateur",
     "carimbo de data/hora", "informazioni cronologiche", "horodatage"}
)  # fmt: skip
_TYPEFORM_META = frozenset(
    {"#", "response type", "start date (utc)", "stage date (utc)", "submit date (utc)", "network id",
     "tags", "ending", "score"}
)  # fmt: skip
_SURVEYMONKEY_META = frozenset(
    {"respondent id", "collector id", "start date", "end date", "ip address", "email address",
     "first name", "last name", "custom data 1", "custom data"}
)  # fmt: skip
_FORMS_META = frozenset(
    {"email address", "e-mailadres", "e-mail-adresse", "score", "punten", "puntuación"}
)
_GENERIC_SUBHEADERS = frozenset({"response", "open-ended response", "antwoord", "open antwoord"})
_NPS = re.compile(r"recommend|aanbevel|aanraden|waarschijnlijk|likely|nps|empfehlen", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")


def survey_kind(table: Table) -> str:
    """``typeform``, ``surveymonkey``, ``google_forms`` or "" for another table."""
    names = table._normalized
    if not names:
        return ""
    if "respondent id" in names and "collector id" in names:
        return "surveymonkey"
    if names[0] == "#" and ("submit date (utc)" in names or "network id" in names):
        return "typeform"
    if names[0] in GOOGLE_FORMS_FIRST:
        return "google_forms"
    return ""


def _merge_subheader(table: Table) -> tuple[list[str], list[str], int]:
    """Questions, second-row labels and how many rows the header spans (SurveyMonkey: 2)."""
    header = list(table.header)
    if not table.rows:
        return header, [""] * len(header), 0
    first = table.rows[0]
    labels = [c.strip() for c in first]
    filled = [c for c in labels if c]
    is_sub = (
        bool(filled)
        and not labels[0]
        and (
            any(c.casefold() in _GENERIC_SUBHEADERS for c in filled)
            or len(filled) < len(labels) // 2 + 1
        )
    )
    if not is_sub:
        return header, [""] * len(header), 0
    questions, current = [], ""
    for head, label in zip(header, labels, strict=False):
        current = head if not head.startswith("column ") else current
        if label and label.casefold() not in _GENERIC_SUBHEADERS:
            questions.append(f"{current} / {label}" if current else label)
        else:
            questions.append(current)
    return questions, labels, 1


_US_TIME = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])\s*$"
)


def _us_time(value: str) -> str:
    """SurveyMonkey's US ``MM/DD/YYYY hh:mm:ss AM`` as ISO (other values unchanged)."""
    match = _US_TIME.match(value)
    if not match:
        return value
    month, day, year, hour, minute, second, half = match.groups()
    clock = int(hour) % 12 + (12 if half.lower() == "pm" else 0)
    return f"{year}-{int(month):02d}-{int(day):02d} {clock:02d}:{minute}:{second or '00'}"


def _free_text(values: list[str]) -> bool:
    answers = [v.strip() for v in values if v.strip()]
    if not answers:
        return False
    words = sum(len(_WORD.findall(a)) for a in answers) / len(answers)
    distinct = len(set(answers)) / len(answers)
    return words >= 3 and (distinct >= 0.6 or len(answers) < 3)


def read_survey(table: Table, kind: str, settings: IngestSettings) -> IngestResult:
    """Every free-text answer of a survey export as an item."""
    questions, labels, skip = _merge_subheader(table)
    rows, lines = table.rows[skip:], table.lines[skip:]
    meta = {"typeform": _TYPEFORM_META, "surveymonkey": _SURVEYMONKEY_META}.get(kind, _FORMS_META)
    if kind == "typeform":
        id_i, date_i = table.index("#"), table.index("Submit Date (UTC)", "Start Date (UTC)")
    elif kind == "surveymonkey":
        id_i, date_i = table.index("Respondent ID"), table.index("End Date", "Start Date")
    else:
        id_i, date_i = None, 0
    candidates = [
        i for i, name in enumerate(table._normalized)
        if name not in meta and i not in (id_i, date_i) and not name.startswith("column ")
        or (kind == "surveymonkey" and name.startswith("column ") and labels[i])
    ]  # fmt: skip
    text_columns = [
        i for i in candidates
        if labels[i].casefold() == "open-ended response" or _free_text([r[i] for r in rows[:500]])
    ]  # fmt: skip
    nps_i = next(
        (i for i in candidates if i not in text_columns and _NPS.search(questions[i])
         and all(v.strip().isdigit() and int(v) <= 10 for v in (r[i] for r in rows[:500]) if v.strip())),
        None,
    )  # fmt: skip
    zone = zone_of("UTC" if kind == "typeform" else settings.timezone)
    raw_dates = [r[date_i] for r in rows] if date_i is not None else []
    if kind == "surveymonkey":
        raw_dates = [_us_time(v) for v in raw_dates]
    dates = parse_column(raw_dates, zone) if date_i is not None else None
    items: list[Draft | Problem] = list(table.problems)
    if not text_columns:
        items.append(problem(table.name, 0, say("survey.no_free_text")))
    for n, (line, cells) in enumerate(zip(lines, rows, strict=True)):
        parsed = dates[n] if dates is not None else None
        if parsed is None or isinstance(parsed, str):
            items.append(problem(table.name, line, say("cell.bad_date", column=table.header[date_i] if date_i is not None else "date",
                                                       reason=parsed or say("date.missing"))))  # fmt: skip
            continue
        response = (cells[id_i].strip() if id_i is not None else "") or row_key(cells)
        score = cells[nps_i].strip() if nps_i is not None else ""
        rating = float(score) if score.isdigit() else None
        raw = {"response": response, **({questions[nps_i]: score} if nps_i is not None else {})}
        first = True
        for i in text_columns:
            answer = cells[i].strip()
            if not answer:
                continue
            items.append(
                Draft(
                    line=line, source_system=kind, source_record_id=response, part=i, channel="survey",
                    received_at=parsed[0], received_at_tz_assumed=parsed[1], text=answer,
                    subject=re.sub(r"<[^>]+>", "", questions[i])[:300], thread_id=response,
                    rating=rating if first else None,
                    rating_scale_min=0.0 if first and rating is not None else None,
                    rating_scale_max=10.0 if first and rating is not None else None,
                    raw={**raw, "question": questions[i]},
                )
            )  # fmt: skip
            first = False
    reason = {
        "typeform": "first column '#' and Typeform's 'Submit Date (UTC)'",
        "surveymonkey": "SurveyMonkey's 'Respondent ID' and 'Collector ID' (two header rows)",
        "google_forms": f"first column {table.header[0]!r} as Google Forms writes it",
    }[kind]
    details = dict(table.details, text_columns=", ".join(questions[i] for i in text_columns))
    return finish(table.name, items, settings, kind, reason, details=details)
