"""Import problems and file errors in the UI language, from the one catalogue.

Every message code the readers use has an English (the CLI's) and a Dutch catalogue entry; a
problem keeps its code and its redacted values through reading, storing and the Upload page;
the Dutch Upload page shows a file with broken rows and damaged files without English.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from dashboard import state
from dashboard.i18n import PROBLEMS_NL, STRINGS
from dashboard.problem_text import (
    error_message,
    problem_message,
    stored_problem_message,
    worded,
)
from ingest.errors import IngestError
from ingest.messages import MESSAGES, Text
from ingest.reader import read_bytes
from tests.dashboard.test_pages import ARROW_WARNING, open_page, texts
from tests.dashboard.test_upload_report import problem_rows
from tests.dutch_phrases import english_phrases_in
from workspace.db import Workspace
from workspace.imports import import_bytes

ROOT = Path(__file__).resolve().parents[2]
# Codes built at run time from a fixed set (``say(f"mapping.role.{role}")``).
DYNAMIC = {
    "mapping.role.": ("text", "date", "rating", "channel", "author", "record_id", "subject"),
    "workspace.status.": ("active", "proposed", "merged", "split", "retired"),
    "workspace.action.": ("work", "save", "read"),
}
# Constructors whose message a person reads: a literal string there has no code.
MESSAGE_CALLS = {"problem": 2, "Problem": 2, "IngestError": 0, "MappingRequired": 0,
                 "ResourceLimitExceeded": 0, "_failed": 1, "WorkspaceError": 0,
                 "AnalysisError": 0, "MissingExtraError": 0, "SettingError": 0}  # fmt: skip

BROKEN = (
    b"Reactie;Datum;Cijfer\n"
    b"De levering was te laat;31-02-2026;4\n"
    b"Factuur klopt niet;01-09-2026;3\n"
    b";02-09-2026;3\n"
    b"Mail me;jan@voorbeeld.nl;2\n"
    b"Prima service;03-09-2026;5\n"
)
# Templates whose words are Dutch as well ("review").
SAME_IN_DUTCH = {
    "review.rating",
    "email.date_unreadable",  # "Date:" is the header's name
    "name.ticket_subject",  # "ticket #4102 'Pakket niet ontvangen'" reads as Dutch too
}


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def _sources() -> list[Path]:
    return sorted(
        [*(ROOT / "ingest").glob("*.py"), *(ROOT / "workspace").glob("*.py")]
        + [*(ROOT / "analysis").glob("*.py")]
    )


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_problem_code_is_in_the_catalogue_in_both_languages(code):
    entry = STRINGS[f"problem.{code}"]
    assert entry["en"] == MESSAGES[code]
    assert code in PROBLEMS_NL, f"no Dutch for problem code {code!r}"
    assert _placeholders(entry["nl"]) <= _placeholders(entry["en"]), code
    words = "".join(literal for literal, *_ in string.Formatter().parse(entry["en"]))
    if any(c.isalpha() for c in words) and code not in SAME_IN_DUTCH:
        assert entry["nl"] != entry["en"], code


def test_every_code_the_readers_use_exists_and_no_message_is_a_bare_string():
    used, bare = set(), []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("say", "message") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    used.add(first.value)
                elif isinstance(first, ast.JoinedStr):
                    prefix = (
                        first.values[0].value if isinstance(first.values[0], ast.Constant) else ""
                    )
                    used.update(prefix + s for s in DYNAMIC[prefix])
            index = MESSAGE_CALLS.get(name)
            if index is not None and len(node.args) > index:
                arg = node.args[index]
                if isinstance(arg, ast.JoinedStr) or (
                    isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                ):
                    bare.append(f"{path.name}:{node.lineno}")
    assert used and used <= set(MESSAGES), sorted(used - set(MESSAGES))
    assert not bare, f"messages without a code (use ingest.messages.message): {bare}"


def test_a_problem_keeps_its_code_and_redacted_values_and_reads_dutch():
    result = read_bytes(BROKEN, "reviews.csv")
    by_line = {p.line: p for p in result.problems}
    # a "Cijfer" column whose values stay at 5 or below: one warning for the file
    assert {p.code for p in result.problems} == {
        "table.bad_date",
        "table.empty_text",
        "table.grade_at_most_5",
    }
    assert problem_message(by_line[0], "nl").startswith(
        "de scores in 'Cijfer' zijn gelezen als rapportcijfers van 1 tot en met 10"
    )
    email = by_line[5]
    assert "jan@voorbeeld.nl" not in str(email) and "'[EMAIL]'" in email.message
    reason = email.params["reason"]
    assert isinstance(reason, Text) and reason.params == {"value": "[EMAIL]"}
    assert problem_message(email, "en") == email.message
    dutch = problem_message(by_line[2], "nl")
    assert dutch == (
        "'Datum': '31-02-2026' is geen datum die we kunnen lezen; schrijf hem als "
        "31-12-2026 14:05 of 2026-12-31T14:05:00Z. Verbeter de cel of koppel een andere "
        "datumkolom."
    )
    assert "[EMAIL]" in problem_message(email, "nl") and "jan@" not in problem_message(email, "nl")


@pytest.mark.parametrize(
    ("data", "name", "code", "dutch"),
    [
        pytest.param(b"  ", "leeg.csv", "file.empty", "leeg.csv: het bestand is leeg.", id="empty"),
        pytest.param(b"PK\x03\x04kapot", "kapot.zip", "zip.damaged", "kapot.zip: een beschadigd zipbestand (", id="zip"),
        pytest.param(b'{"a": [1,', "kapot.json", "json.invalid", "kapot.json: geen geldige JSON (", id="json"),
        pytest.param(b"Kolom\nwaarde\n", "tekst.csv", "table.one_column", "tekst.csv: één kolom met de kop 'Kolom'", id="one-column"),
        pytest.param(b"Notities, week 48\nzie map\nklaar: ja, morgen, of niet\n", "notities.txt", "table.txt_not_a_table", "notities.txt: 2 van de 2 regels hebben niet de 2 kolommen", id="note-not-a-table"),
    ],
)  # fmt: skip
def test_whole_file_errors_have_a_code_and_read_dutch(data, name, code, dutch):
    with pytest.raises(IngestError) as caught:
        read_bytes(data, name)
    exc = caught.value
    assert exc.file == name and exc.detail.code == code  # type: ignore[attr-defined]
    assert str(exc).startswith(f"{name}: ")  # the CLI's English, unchanged in shape
    assert error_message(exc, "nl").startswith(dutch), error_message(exc, "nl")
    assert error_message(exc, "en") == str(exc)


def test_stored_problems_keep_code_and_values_and_old_rows_stay_readable(tmp_path):
    with Workspace.open(tmp_path / "ws.duckdb") as ws:
        done = import_bytes(ws, BROKEN, "reviews.csv")
        failed = import_bytes(ws, b"  ", "leeg.csv")
        with ws.transaction() as con:
            con.execute(
                "INSERT INTO import_problems (batch_id, file, line, severity, message) "
                "VALUES (99, 'oud.csv', 3, 'error', 'an old English message')"
            )
        rows = ws.query_df(
            "SELECT file, line, code, params, message FROM import_problems ORDER BY file, line"
        )
    assert done.added == 2 and failed.error.startswith("leeg.csv: the file is empty.")
    stored = {(r.file, r.line): r for r in rows.itertuples()}
    old = stored[("oud.csv", 3)]
    assert (old.code, old.params) == ("", "{}")
    assert stored_problem_message(old.code, old.params, old.message, "nl") == old.message
    row = stored[("reviews.csv", 5)]
    assert row.code == "table.bad_date" and "jan@" not in row.params
    dutch = stored_problem_message(row.code, row.params, row.message, "nl")
    assert dutch.startswith("'Datum': '[EMAIL]' is geen datum"), dutch
    assert worded("no.such.code", {}, "as stored", "nl") == "as stored"


@pytest.mark.filterwarnings(ARROW_WARNING)
def test_dutch_upload_page_shows_problems_and_file_errors_in_dutch(themed_workspace):
    at = open_page("upload", lang="nl")
    at.file_uploader[0].set_value(
        [
            ("reacties.csv", BROKEN, "text/csv"),
            ("kapot.xlsx", b"PK\x03\x04niet echt een werkmap", "application/octet-stream"),
            ("leeg.csv", b"  ", "text/csv"),
            ("raar.json", b'{"a": [1,', "application/json"),
        ]
    ).run()
    at.button(key="upload_start").click().run()
    assert not at.exception, at.exception
    problems = problem_rows(at)
    files_table = at.dataframe[0].value
    lines = [m.replace("\\", "") for m in texts(at, "markdown")]
    shown = "\n".join(
        [*lines, *texts(at, "caption"), *texts(at, "subheader")]
        + problems.astype(str).to_numpy().ravel().tolist()
        + files_table.astype(str).to_numpy().ravel().tolist()
    )
    # A library's own words ("File is not a zip file") stay as they are, inside Dutch.
    for intake in at.session_state[state.UPLOAD_REPORT]:
        for p in intake.imported.problems:
            shown = shown.replace(str(p.params.get("detail", "")) or "\0", " ")
    assert not english_phrases_in(shown), english_phrases_in(shown)
    regel = [int(n) if n else None for n in problems["Regel"]]  # a whole file: no line
    where = zip(problems["Bestand"], regel, strict=True)
    messages = dict(zip(where, problems["Melding"], strict=True))
    assert "Verbeter de cel" in messages[("reacties.csv", 2)]
    assert "'[EMAIL]'" in messages[("reacties.csv", 5)] and "jan@" not in shown
    assert messages[("reacties.csv", 4)].startswith("de tekstkolom 'Reactie' is leeg")
    assert messages[("leeg.csv", None)].startswith("het bestand is leeg.")
    assert any(m.startswith("**leeg.csv** · Niet herkend: het bestand is leeg.") for m in lines), (
        lines
    )
    assert any("kapot.xlsx" in m and "beschadigd" in m for m in lines), lines
    assert set(problems["Ernst"]) <= {"fout", "waarschuwing"}


@pytest.mark.filterwarnings(ARROW_WARNING)
def test_dutch_mapping_prompt_says_why_in_dutch(themed_workspace):
    at = open_page("upload", lang="nl")
    odd = b"Veld A;Veld B\n12;34\n56;78\n"
    at.file_uploader[0].set_value([("vreemd.csv", odd, "text/csv")]).run()
    at.button(key="upload_start").click().run()
    assert not at.exception, at.exception
    captions = texts(at, "caption")
    prompt = [c for c in captions if "vreemd" in c]
    assert prompt and "niet duidelijk welke kolom de feedbacktekst bevat" in prompt[0], captions
    assert not english_phrases_in("\n".join(captions)), english_phrases_in("\n".join(captions))


def test_workspace_and_analysis_errors_keep_english_for_the_cli_and_read_dutch():
    import duckdb

    from ingest.errors import AnalysisError, WorkspaceError
    from ingest.messages import message
    from workspace.db import workspace_error

    split = WorkspaceError(message("workspace.split_too_small", theme_id=7, n=3))
    assert str(split) == (  # the CLI's words
        "Theme 7 is too small to split (items: 3; a split needs at least 4)."
    )
    assert error_message(split, "en") == str(split)
    assert error_message(split, "nl") == (
        "Thema 7 is te klein om te splitsen (berichten: 3; er zijn er minstens 4 nodig)."
    )
    conflict = workspace_error(duckdb.TransactionException("Conflict on tuple"), "save")
    assert str(conflict).startswith("Could not save this change: another session changed")
    assert error_message(conflict, "nl").startswith(
        "Het is niet gelukt om deze wijziging op te slaan: iemand anders wijzigde tegelijk"
    )
    locked = WorkspaceError(message("workspace.locked", path="ws.duckdb", detail="IO Error"))
    assert error_message(locked, "nl").startswith(
        "ws.duckdb: de werkruimte kan nu niet worden geopend (IO Error)."
    )
    week = AnalysisError(message("analysis.week", week="2026-47"))
    assert error_message(week, "nl").startswith("Een week schrijf je als 2026-W47")
    assert error_message(WorkspaceError("no code"), "nl") == "no code"  # shown as raised


def test_a_refused_setting_reads_dutch_with_its_reason_inside():
    from workspace.settings import SettingError, parse_setting

    with pytest.raises(SettingError) as caught:
        parse_setting("redact", "misschien")
    assert str(caught.value) == "redact: expected true or false, got 'misschien'."
    assert error_message(caught.value, "nl") == (
        "redact: verwacht true of false (ja of nee), niet 'misschien'."
    )
    with pytest.raises(SettingError) as caught:
        parse_setting("timezone", "Europe/Amsterdm")
    assert str(caught.value).endswith("Did you mean: Europe/Amsterdam?")
    assert error_message(caught.value, "nl").endswith("Bedoel je: Europe/Amsterdam?")


@pytest.mark.filterwarnings(ARROW_WARNING)
@pytest.mark.parametrize(
    ("pending", "dutch"),
    [
        pytest.param({"kind": "merge", "into": 999}, "Thema 999 bestaat niet; kies een actief thema.", id="merge-into-unknown-theme"),
        pytest.param({"kind": "merge", "into": 1}, "Kies om samen te voegen minstens één ander thema dan het doel.", id="merge-into-itself"),
        pytest.param({"kind": "move_top", "top_id": 999}, "Hoofdthema 999 bestaat niet (meer)", id="move-to-unknown-top-theme"),
    ],
)  # fmt: skip
def test_dutch_theme_page_says_why_an_edit_was_refused_in_dutch(themed_workspace, pending, dutch):
    at = open_page("theme", lang="nl", query={"theme": "1"})
    at.session_state[state.THEME_EDIT] = {"theme_id": 1, "message": "Zeker weten?", **pending}
    at.run()
    at.button(key="confirm_edit").click().run()
    assert not at.exception, at.exception
    errors = [e.replace("\\", "") for e in texts(at, "error")]
    assert errors and errors[0].startswith(dutch), errors
    assert not english_phrases_in("\n".join(errors)), english_phrases_in("\n".join(errors))
    with Workspace.open(themed_workspace) as ws:
        assert ws.scalar("SELECT count(*) FROM edits") == 0  # refused: nothing changed


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        pytest.param("en", "recognised as E-mail (.eml), but no item could be imported.", id="en"),
        pytest.param("nl", "herkend als E-mail (.eml), maar er kon geen enkel bericht", id="nl"),
    ],
)
def test_a_file_with_nothing_to_import_names_its_format_as_people_do(lang, said):
    """The English Upload page said "read as eml (an RFC 5322 header block without a From_
    line), but no item could be imported." where the Dutch said "herkend als E-mail (.eml)":
    the format's name, not its code and the reader's reasoning, in both languages."""
    mail = b"Subject: Re: order\r\nDate: nonsense\r\n\r\n> only a quoted reply\r\n"
    with pytest.raises(IngestError) as caught:
        read_bytes(mail, "reply.eml")
    message = error_message(caught.value, lang)
    assert message.startswith(f"reply.eml: {said}"), message
    assert "RFC" not in message and "From_" not in message
