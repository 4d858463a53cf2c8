"""This week against last week while the latest week is not over: the same days of the week
before, in every figure that compares the two (one rule: workspace.localtime)."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import make_record
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.queries import week_over_week, week_totals


def _workspace(path, days):
    """One item per day offset from Monday 1 June 2026 (ISO week 2026-W23), 11:00 local."""
    records = [make_record(n, channel="review") for n in range(len(days))]
    first = records[0].received_at.replace(day=1)  # 2026-06-01 09:00 UTC
    records = [
        r.replace(received_at=first + timedelta(days=d)) for r, d in zip(records, days, strict=True)
    ]
    with Workspace.open(path) as ws:
        import_records(ws, records, file_name="fixture.csv")
    return Workspace.open(path, read_only=True)


def test_an_unfinished_week_is_compared_with_the_same_days(tmp_path):
    # the week before: Monday to Sunday, one a day; this week: Monday to Wednesday
    with _workspace(tmp_path / "w.duckdb", [*range(7), 7, 8, 9]) as ws:
        totals = week_totals(ws)
        wow = week_over_week(ws).iloc[0]
    assert (totals.week, totals.this_week, totals.last_week) == ("2026-W24", 3, 3)
    assert totals.partial and totals.last_day == date(2026, 6, 10)
    assert (int(wow["this_week"]), int(wow["last_week"])) == (3, 3)  # not 3 against 7


def test_a_week_with_its_sunday_is_compared_with_the_whole_week_before(tmp_path):
    with _workspace(tmp_path / "w.duckdb", [*range(7), 7, 8, 13]) as ws:
        totals = week_totals(ws)
    assert (totals.this_week, totals.last_week) == (3, 7)
    assert not totals.partial and totals.last_day == date(2026, 6, 14)


def test_the_latest_day_tells_whether_the_week_is_over(tmp_path):
    from workspace.localtime import week_is_over
    from workspace.queries import latest_day

    with _workspace(tmp_path / "w.duckdb", [*range(7), 7]) as ws:
        assert latest_day(ws) == date(2026, 6, 8) and not week_is_over(latest_day(ws))
    assert week_is_over(date(2026, 6, 14)) and week_is_over(None)
