"""Rows dated after today: held back from an import, reported with their file and lines.

A row dated more than :data:`FUTURE_TOLERANCE` after now is a misread or mistyped date: an
export written month-first read day-first (``12/01/2027`` meant as 1 December), or a typo in
the year (2062). Stored, it would move every chart's latest week into the future, with an
empty "this week", and stay there: an item cannot be taken out again, and a corrected file
does not replace it (its id is the export's own, or made from the row's cells).

So such a row takes the path of a row whose date cannot be read: it is not stored, and it
becomes a problem with its file and line (severity ``error``: not imported), worded from
``store.future_date``. :class:`FutureRows` sums them up per file for the report (how many,
the first lines, the latest date). Fixed and imported again, those rows are added; the
file's other rows are already present, so nothing is added twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from ingest.messages import message as say
from ingest.schema import FeedbackRecord, Problem

FUTURE_TOLERANCE = timedelta(days=1)
"""How far after now a row may be dated and still count as today's: a sender a time zone
ahead of the workspace, a clock that runs a little fast."""

FUTURE_LINES_SHOWN = 5
"""How many of the held-back lines the report names (all are in the problems table)."""


def utc_now() -> datetime:
    """Now in UTC: the clock every import's "after today" is measured against."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class FutureRows:
    """One file's rows dated after today (held back): how many, where, how far."""

    count: int
    lines: tuple[int, ...]  # the first FUTURE_LINES_SHOWN, in file order
    latest: date  # the latest such date, a local day

    def to_dict(self) -> dict[str, object]:
        return {"count": self.count, "lines": list(self.lines), "latest": self.latest.isoformat()}


def hold_back_future(
    records: Sequence[FeedbackRecord], *, now: datetime, tz: str
) -> tuple[list[FeedbackRecord], list[Problem], FutureRows | None]:
    """Split ``records`` into the ones to store and the ones dated after ``now`` (beyond
    :data:`FUTURE_TOLERANCE`).

    Args:
        now: an aware instant (:func:`utc_now`; tests pass their own).
        tz: the workspace zone, in which dates are named.

    Returns:
        The records to store, one problem per held-back record (its file and line), and
        their summary (None when there are none).
    """
    cutoff = now + FUTURE_TOLERANCE
    kept: list[FeedbackRecord] = []
    held: list[FeedbackRecord] = []
    for record in records:
        (held if record.received_at > cutoff else kept).append(record)
    if not held:
        return kept, [], None
    held.sort(key=lambda r: (r.source_file, r.source_row))
    days = [local_day(r.received_at, tz) for r in held]
    problems = [
        Problem(
            r.source_file,
            r.source_row,
            say("store.future_date", date=day.isoformat()),
        )
        for r, day in zip(held, days, strict=True)
    ]
    summary = FutureRows(
        len(held), tuple(r.source_row for r in held[:FUTURE_LINES_SHOWN]), max(days)
    )
    return kept, problems, summary


def local_day(instant: datetime, tz: str) -> date:
    """The workspace zone's day of a UTC instant."""
    return pd.Timestamp(instant).tz_convert(tz).date()
