"""Rows dated after today are held back with their file and lines; the rest imports, the
latest week stays in the present, and the fixed file adds only what was held back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import make_record
from tests.dashboard.conftest import build_workspace
from workspace.db import Workspace
from workspace.future_dates import FUTURE_LINES_SHOWN, FUTURE_TOLERANCE, hold_back_future
from workspace.intake import import_and_place
from workspace.weeks import latest_week

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # a Monday, ISO week 2026-W49

# A Dutch export (day first, ';'): line 3 has a year typo, line 5 was written month-first
# (12-01-2027 meant as 1 December 2026, read as 12 January 2027).
REACTIES = (
    "Datum;Reactie;Score\n"
    "27-11-2026;De levering was te laat;2\n"
    "14-03-2062;Factuur klopte niet, twee keer betaald;1\n"
    "28-11-2026;Heel vriendelijk geholpen door de klantenservice;5\n"
    "12-01-2027;Pakket kwam beschadigd aan;1\n"
    "29-11-2026;Retour duurde drie weken;2\n"
)
FIXED = REACTIES.replace("14-03-2062", "26-11-2026").replace("12-01-2027", "01-12-2026")


@pytest.fixture
def themed(tmp_path):
    return build_workspace(tmp_path / "future.duckdb")


@pytest.mark.filterwarnings("ignore:Arrow output on a DB-API result:UserWarning")
def test_future_rows_are_held_back_with_their_lines_and_the_rest_imports(themed, tmp_path):
    source = tmp_path / "reacties.csv"
    source.write_text(REACTIES, encoding="utf-8")
    with Workspace.open(themed) as ws:
        first = import_and_place(ws, [source], now=NOW).files[0].imported
        again = import_and_place(ws, [source], now=NOW).files[0].imported
        stored = ws.query_df(
            "SELECT batch_id, file, line, severity, code FROM import_problems "
            "WHERE code = 'store.future_date' ORDER BY batch_id, line"
        )
        latest = latest_week(ws, today=NOW.date())
        future_items = ws.scalar("SELECT count(*) FROM items WHERE received_at > ?", [NOW])
        source.write_text(FIXED, encoding="utf-8")
        fixed = import_and_place(ws, [source], now=NOW).files[0].imported

    assert (first.added, first.duplicates) == (3, 0)
    held = [(p.file, p.line, p.severity, p.code) for p in first.problems]
    assert held == [
        ("reacties.csv", 3, "error", "store.future_date"),
        ("reacties.csv", 5, "error", "store.future_date"),
    ]
    assert "dated 2062-03-14, after today; not imported" in str(first.problems[0])
    assert first.future is not None
    assert (first.future.count, first.future.lines) == (2, (3, 5))
    assert first.future.latest == date(2062, 3, 14)
    assert first.last_date == date(2026, 11, 29)  # the dates of what was imported
    assert first.to_dict()["future_rows"] == {"count": 2, "lines": [3, 5], "latest": "2062-03-14"}

    # the same file again: nothing added twice, the same rows held back and said again
    assert (again.added, again.duplicates) == (0, 3)
    assert again.future == first.future
    assert stored[["line", "severity"]].to_numpy().tolist() == [[3, "error"], [5, "error"]] * 2

    assert latest.week == "2026-W48"  # not 2062's: the charts end in the present
    assert future_items == 0

    # fixed and imported again: the two held-back rows are added, the rest already present
    assert (fixed.added, fixed.duplicates, fixed.problems, fixed.future) == (2, 3, (), None)


def _dated(n: int, when: datetime):
    return make_record(n, received_at=when, source_row=n + 2)


@pytest.mark.parametrize(
    ("offset", "held"),
    [
        pytest.param(timedelta(0), False, id="now"),
        pytest.param(FUTURE_TOLERANCE, False, id="at-the-tolerance"),
        pytest.param(FUTURE_TOLERANCE + timedelta(minutes=1), True, id="just-after"),
        pytest.param(timedelta(days=-400), False, id="last-year"),
        pytest.param(timedelta(days=365 * 36), True, id="year-typo"),
    ],
)
def test_the_tolerance_allows_a_day_for_time_zones(offset, held):
    kept, problems, future = hold_back_future(
        [_dated(1, NOW + offset)], now=NOW, tz="Europe/Amsterdam"
    )
    assert (len(kept), len(problems), future is not None) == (
        (0, 1, True) if held else (1, 0, False)
    )


def test_the_summary_names_the_first_lines_and_the_latest_local_day():
    # 23:30 UTC on 31 December is already 1 January in Amsterdam: the day is the workspace's
    late = datetime(2027, 12, 31, 23, 30, tzinfo=UTC)
    records = [_dated(n, NOW + timedelta(days=30 + n)) for n in range(8)]
    records.insert(4, _dated(40, late))
    kept, problems, future = hold_back_future(
        [_dated(99, NOW), *reversed(records)], now=NOW, tz="Europe/Amsterdam"
    )
    assert [r.source_row for r in kept] == [101]
    assert future is not None and future.count == 9 == len(problems)
    assert future.lines == (2, 3, 4, 5, 6)[:FUTURE_LINES_SHOWN]  # in file order
    assert future.latest == date(2028, 1, 1)
    assert [p.line for p in problems] == sorted(p.line for p in problems)
