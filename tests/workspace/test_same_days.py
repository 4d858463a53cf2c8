"""This week against last week while the latest week is not over: the same days of the week
before, in every figure that compares the two (one rule: workspace.localtime)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import make_record
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.localtime import usual_last_weekday, week_is_over
from workspace.summary import resolve_week
from workspace.weeks import latest_week, week_over_week, week_totals


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


def test_the_week_is_over_by_one_rule():
    monday, friday, sunday = date(2026, 6, 8), date(2026, 6, 12), date(2026, 6, 14)
    after = date(2026, 6, 15)
    # the calendar has not left the week: not over, whatever the data holds
    assert not week_is_over(sunday, 6, today=sunday)
    assert not week_is_over(monday, 0, today=date(2026, 6, 1))  # a clock behind the data
    # the calendar has left it: over when the data reaches the usual last weekday
    assert week_is_over(sunday, 6, today=after)
    assert not week_is_over(friday, 6, today=date(2027, 1, 1))  # an export cut on a Friday
    assert week_is_over(friday, 4, today=after)  # a shop without weekend feedback
    assert week_is_over(None, 6, today=after)


def test_the_usual_last_weekday_needs_half_of_the_weeks_before():
    assert usual_last_weekday({}, 0) == 6  # nothing before: only a Sunday ends a week
    assert usual_last_weekday({0: 8, 2: 8, 4: 8, 5: 3}, 8) == 4  # Saturdays now and then
    assert usual_last_weekday({0: 2, 3: 4, 6: 4}, 8) == 6
    assert usual_last_weekday({1: 1, 4: 1}, 8) == 0  # sparse: any day, once the week is over


def _weekdays_only(weeks: int, last_week_days: int) -> list[int]:
    """Monday to Friday for ``weeks`` weeks, then ``last_week_days`` weekdays."""
    full = [7 * w + d for w in range(weeks) for d in range(5)]
    return [*full, *(7 * weeks + d for d in range(last_week_days))]


@pytest.mark.parametrize(
    ("days", "today", "over", "last_complete"),
    [
        # feedback every day, the export cut on Wednesday: the week before is the last complete
        pytest.param([*range(7), 7, 8, 9], date(2026, 11, 30), False, "2026-W23", id="cut"),
        # the same, read on the Wednesday itself
        pytest.param([*range(7), 7, 8, 9], date(2026, 6, 10), False, "2026-W23", id="live"),
        # feedback every day up to its Sunday
        pytest.param([*range(7), 7, 8, 13], date(2026, 11, 30), True, "2026-W24", id="sunday"),
        # a shop without weekend feedback, read the Monday after: its Friday ends the week
        pytest.param(_weekdays_only(3, 5), date(2026, 6, 29), True, "2026-W26", id="no-weekend"),
        # the same shop on Friday itself: the calendar has not left the week yet
        pytest.param(_weekdays_only(3, 5), date(2026, 6, 26), False, "2026-W25", id="friday"),
    ],
)
def test_overview_trends_and_summary_agree_on_whether_the_week_is_over(
    tmp_path, days, today, over, last_complete
):
    with _workspace(tmp_path / "w.duckdb", days) as ws:
        latest = latest_week(ws, today=today)
        totals = week_totals(ws, today=today)
        last = resolve_week(ws, "last", today=today)
    assert latest.over is over and totals.over is over and totals.partial is not over
    assert last == last_complete
    assert latest.through == (latest.monday + timedelta(days=6) if over else latest.last_day)


def test_a_complete_week_without_weekend_feedback_counts_the_whole_week_before(tmp_path):
    # the week before had one Saturday item; this week ends on Friday and is over (Monday)
    days = [*_weekdays_only(3, 0), 19, *range(21, 26)]
    with _workspace(tmp_path / "w.duckdb", days) as ws:
        totals = week_totals(ws, today=date(2026, 6, 29))
        partial = week_totals(ws, today=date(2026, 6, 26))
    assert (totals.week, totals.this_week, totals.last_week) == ("2026-W26", 5, 6)
    assert (partial.this_week, partial.last_week) == (5, 5)  # Friday: Saturday not yet counted
