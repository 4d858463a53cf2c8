"""The Upload page words a broken JSON record's name in Dutch as well (see
tests/ingest/test_json_record_names.py for the exports)."""

from __future__ import annotations

import pytest

from dashboard.problem_text import problem_message
from ingest.reader import read_bytes
from tests.ingest.test_json_record_names import APP_STORE, CASES, IDS, ZENDESK, _json, _ndjson


@pytest.mark.parametrize(("data", "name", "expected"), CASES)
def test_the_upload_page_names_them_in_dutch_too(data, name, expected) -> None:
    result = read_bytes(data, name)
    dutch = [problem_message(p, "nl") for p in result.problems]
    assert len(dutch) == len(expected)
    for worded in dutch:
        assert not any(hidden in worded for hidden in IDS), worded
        assert "skipped" not in worded and "the review" not in worded, worded
        assert "overgeslagen" in worded, worded


def test_dutch_names_read_as_dutch() -> None:
    app = read_bytes(_json(APP_STORE), "app.json")
    assert [problem_message(p, "nl") for p in app.problems] == [
        "de review met titel 'Crasht bij inloggen': de datum is leeg; overgeslagen. Verbeter de "
        "datum in de export.",
        "de review die begint met 'Bezorging duurde twee weken, geen bericht gehad waar…': de "
        "score moet 1-5 zijn, maar is '0'; overgeslagen. Verbeter de score in de export.",
        "de review zonder titel of tekst van '2026-11-14T08:30:00-07:00' heeft geen tekst en geen "
        "score; overgeslagen.",
    ]
    tickets = read_bytes(_ndjson(ZENDESK), "tickets.json")
    assert problem_message(tickets.problems[1], "nl") == (
        "reactie 2 op ticket #4104 'Factuur klopt niet' heeft geen tekst; overgeslagen."
    )
