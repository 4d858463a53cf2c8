"""A problem in a JSON export names the line its record's ``{`` is on, as an editor shows it.

The exports are pretty-printed the way ``json.dump(indent=2)`` and most tools write them,
in the shapes the readers' own tests use (tests/ingest/test_json_record_names.py). Every
expected line is checked against the fixture itself: that line holds the record's ``{`` and
the next one its first field.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ingest.reader import read_bytes

GOOGLE = {
    "reviews": [
        {"name": "accounts/1043/locations/5550199/reviews/AbFvOqnBSx1", "reviewer": {"displayName": "Marieke"},
         "starRating": "FOUR", "comment": "Vriendelijk personeel.", "createTime": "2026-11-12T14:03:51Z"},
        {"name": "accounts/1043/locations/5550199/reviews/AbFvOqnBSx2", "reviewer": {"displayName": "Kees"},
         "starRating": "SIX", "comment": "Bestelling kwam beschadigd aan.", "createTime": "2026-11-10T09:00:00Z"},
        {"name": "accounts/1043/locations/5550199/reviews/AbFvOqnBSx3", "reviewer": {"displayName": "Els"},
         "starRating": "FIVE", "comment": "Super geholpen!", "createTime": "2026-11-09T09:00:00Z"},
    ]
}  # fmt: skip
ZENDESK = {
    "tickets": [
        {"id": 4101, "created_at": "2026-11-11T09:00:00Z", "subject": "Retour", "requester_id": 11,
         "status": "open", "comments": [{"id": 1, "author_id": 11, "plain_body": "Hoe stuur ik iets terug?",
                                         "public": True, "created_at": "2026-11-11T09:00:00Z"}]},
        {"id": 4104, "created_at": "2026-11-12T10:00:00Z", "subject": "Factuur klopt niet", "requester_id": 12,
         "status": "open", "comments": [
             {"id": 2, "author_id": 12, "plain_body": "Verkeerd bedrag.", "public": True,
              "created_at": "2026-11-12T10:00:00Z"},
             {"id": 3, "author_id": 99, "plain_body": "We kijken ernaar.", "public": True, "created_at": "gisteren"}]},
        {"id": 4105, "created_at": "", "subject": "Levertijd", "requester_id": 13, "status": "open",
         "comments": [{"id": 4, "author_id": 13, "plain_body": "Wanneer komt het?", "public": True, "created_at": ""}]},
    ]
}  # fmt: skip
FRESHDESK = [
    {"id": 20871, "subject": "Verkeerde maat geleverd", "description_text": "Ik kreeg maat M in plaats van L.",
     "created_at": "2026-11-12T10:00:00Z", "fr_due_by": "2026-11-13T10:00:00Z", "fr_escalated": False,
     "requester_id": 43000123, "responder_id": None, "email_config_id": 4300001, "spam": False,
     "conversations": [
         {"id": 1, "body_text": "Excuses, we sturen maat L.", "incoming": False, "private": False,
          "created_at": "2026-11-12T12:00:00Z", "user_id": 7},
         {"id": 2, "body_text": "Nog steeds niets ontvangen.", "incoming": True, "private": False,
          "created_at": "volgende week", "user_id": 43000123}]},
]  # fmt: skip
ITEMS = {
    "items": [
        {"id": 1, "date": "2026-11-02 10:00", "text": "Levering was te laat", "channel": "email"},
        {"id": 2, "date": "2026-13-45 10:00", "text": "Great support", "channel": "review"},
    ]
}  # fmt: skip


def _pretty(value: object, newline: str = "\n") -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)


def _starts_there(text: str, line: int, field: str) -> bool:
    """Line ``line`` of ``text`` is a ``{`` whose first field is ``field``."""
    lines = text.splitlines()
    return lines[line - 1].strip() == "{" and lines[line].strip().startswith(field)


CASES = [
    pytest.param(_pretty(GOOGLE), "reviews.json", [
        (12, '"name": "accounts/1043/locations/5550199/reviews/AbFvOqnBSx2"',
         "the review starting 'Bestelling kwam beschadigd aan.': the rating must be 1-5, got 'SIX'"),
    ], id="google-business"),
    pytest.param(_pretty(ZENDESK), "tickets.json", [
        (33, '"id": 3,', "comment 2 on ticket #4104 'Factuur klopt niet': date must look like"),
        (42, '"id": 4105,', "ticket #4105 'Levertijd': date is empty"),
    ], id="zendesk-tickets"),
    pytest.param(_pretty(ZENDESK["tickets"]), "tickets.json", [
        (32, '"id": 3,', "comment 2 on ticket #4104 'Factuur klopt niet': date must look like"),
        (41, '"id": 4105,', "ticket #4105 'Levertijd': date is empty"),
    ], id="zendesk-list"),
    pytest.param(_pretty([{"ticket": t} for t in ZENDESK["tickets"]]), "tickets.json", [
        (35, '"id": 3,', "comment 2 on ticket #4104 'Factuur klopt niet': date must look like"),
        (45, '"ticket": {', "ticket #4105 'Levertijd': date is empty"),
    ], id="zendesk-wrapped"),
    pytest.param(_pretty(FRESHDESK), "freshdesk.json", [
        (22, '"id": 2,', "comment 3 on ticket #20871 'Verkeerde maat geleverd': date must look like"),
    ], id="freshdesk-reply"),
    pytest.param(_pretty(ITEMS), "items.json", [
        (9, '"id": 2,', "'date': date must look like"),
    ], id="generic-items"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name", "expected"), CASES)
def test_a_problem_names_the_line_its_record_starts_on(text, name, expected) -> None:
    result = read_bytes(text.encode(), name)
    said = [(p.line, str(p)) for p in result.problems]
    assert len(said) == len(expected), said
    for (line, message), (want_line, field, want_start) in zip(said, expected, strict=True):
        assert _starts_there(text, want_line, field), text.splitlines()[want_line - 1 :][:2]
        assert line == want_line, message
        assert message.startswith(f"{name} line {want_line}: {want_start}"), message


def test_records_keep_the_line_they_start_on() -> None:
    result = read_bytes(_pretty(GOOGLE).encode(), "reviews.json")
    assert [r.source_row for r in result.records] == [3, 21]
    tickets = read_bytes(_pretty(ZENDESK).encode(), "tickets.json")
    # a ticket's first comment is the ticket itself; a later one is where its own { is
    assert [(r.thread_id, r.source_row) for r in tickets.records] == [
        ("4101", 3),
        ("4104", 19),
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("\n\n" + _pretty(GOOGLE), 14, id="blank-lines-before"),
        pytest.param(_pretty(GOOGLE, "\r\n"), 12, id="windows-line-ends"),
        pytest.param("\ufeff\r\n" + _pretty(GOOGLE, "\r\n"), 13, id="bom-and-crlf"),
        pytest.param(_pretty(GOOGLE, "\r"), 12, id="old-mac-line-ends"),
    ],
)
def test_lines_count_as_an_editor_counts_them(text, line) -> None:
    result = read_bytes(text.encode(), "reviews.json")
    assert [p.line for p in result.problems] == [line]


def test_a_minified_export_puts_every_record_on_line_1_named_as_its_source_shows_it() -> None:
    """One line holds every record: the line is 1 (no line 2 exists) and the record's name
    (its first words here) is what finds it in the file."""
    minified = json.dumps(GOOGLE, ensure_ascii=False, separators=(",", ":"))
    result = read_bytes(minified.encode(), "reviews.json")
    assert [str(p) for p in result.problems] == [
        "reviews.json line 1: the review starting 'Bestelling kwam beschadigd aan.': the rating "
        "must be 1-5, got 'SIX'; skipped. Fix the rating in the export."
    ]
    assert [r.source_row for r in result.records] == [1, 1]


def _ndjson(values: list[dict]) -> str:
    return "\n".join(json.dumps(v, ensure_ascii=False) for v in values)


def test_ndjson_lines_count_the_blank_lines_before_the_first_record() -> None:
    text = "\n\n" + _ndjson([{"ticket": t} for t in ZENDESK["tickets"]])
    result = read_bytes(text.encode(), "tickets.json")
    assert [p.line for p in result.problems] == [4, 5]


def test_a_line_separator_inside_an_ndjson_text_is_not_a_new_line() -> None:
    """U+2028 is valid inside a JSON string and json.dumps(ensure_ascii=False) writes it raw."""
    tickets = [dict(t, subject=f"{t['subject']}\u2028(2e poging)") for t in ZENDESK["tickets"]]
    result = read_bytes(_ndjson([{"ticket": t} for t in tickets]).encode(), "tickets.json")
    assert result.detected_format == "zendesk_json"
    assert [p.line for p in result.problems] == [2, 3]
    assert {r.thread_id for r in result.records} == {"4101", "4104"}


def test_the_cli_and_the_stored_problem_say_the_line(tmp_path) -> None:
    from klantstem_cli import app
    from workspace.db import Workspace

    source = tmp_path / "reviews.json"
    source.write_text(_pretty(GOOGLE), encoding="utf-8")
    ws_path = tmp_path / "ws.duckdb"
    result = CliRunner().invoke(
        app, ["import", str(source), "--workspace", str(ws_path), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "reviews.json line 12: the review starting 'Bestelling kwam beschadigd" in result.output
    with Workspace.open(ws_path) as ws:
        stored = ws.query_df("SELECT file, line, code FROM import_problems")
        rows = ws.query_df("SELECT source_row FROM items ORDER BY source_row")
    assert stored.values.tolist() == [["reviews.json", 12, "review.named_rating"]]
    assert rows["source_row"].tolist() == [3, 21]
