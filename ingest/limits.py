"""What reading one file may cost: bytes unpacked, archive members, parse time.

One :class:`Budget` is active per file (a context variable, so nested archives share it):
the byte and member counts add up over every level of nesting, and readers call
:func:`check_time` in their loops so a file that takes too long stops with a problem
instead of holding the workspace lock.

The time budget counts the process's CPU seconds, not the wall clock: on a busy server a
100k-row CSV (~13 CPU-s) took over 60 s of wall time while other programs had the cores and
was refused, though nothing was wrong with it. A file that really hangs a reader spins the
CPU, so it is still stopped; over 60 CPU-s also means over 60 s of wall time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from ingest.errors import ResourceLimitExceeded
from ingest.messages import message as say

# 200 MiB of unpacked text is ~400k e-mails or ~2M table rows: far beyond an SME export. It
# does not bound memory on its own: a 190 MiB CSV held 2.4 GiB (hence MAX_TABLE_ROWS) and a
# 190 MiB mbox peaked at ~1.0 GiB before its time ran out.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_SECONDS = 60.0
# Rows of one table (CSV or a sheet). Each row is ~1.9 KiB of Python objects by the time it is
# a record (100k benchmark rows: +187 MiB), so 300,000 rows stay under 1 GiB of peak memory;
# without a cap a 190 MiB CSV, within the byte limit, held 2.4 GiB before the time ran out.
MAX_TABLE_ROWS = 300_000


@dataclass(slots=True)
class Budget:
    """Limits for one file and what it has used so far."""

    name: str
    max_bytes: int = MAX_FILE_BYTES
    max_members: int = MAX_MEMBERS
    seconds: float = MAX_SECONDS
    used_bytes: int = 0
    members: int = 0
    deadline: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.deadline = time.process_time() + self.seconds

    def take_bytes(self, n: int, what: str) -> None:
        """Count ``n`` more unpacked bytes.

        Raises:
            ResourceLimitExceeded: the file unpacks to more than ``max_bytes``.
        """
        self.used_bytes += n
        if self.used_bytes > self.max_bytes:
            raise ResourceLimitExceeded(
                say("limit.bytes", mib=self.max_bytes // (1024 * 1024), what=what), file=self.name
            )

    def take_member(self, what: str) -> None:
        """Count one more archive member (over every nested archive).

        Raises:
            ResourceLimitExceeded: more than ``max_members`` members.
        """
        self.members += 1
        if self.members > self.max_members:
            raise ResourceLimitExceeded(
                say("limit.members", n=self.max_members, what=what), file=self.name
            )


_CURRENT: ContextVar[Budget | None] = ContextVar("klantstem_ingest_budget", default=None)


@contextmanager
def file_budget(name: str, *, seconds: float | None = None) -> Iterator[Budget]:
    """Make a fresh budget the active one while one file is read."""
    budget = Budget(name, seconds=MAX_SECONDS if seconds is None else seconds)
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)


def current() -> Budget:
    """The active budget, or a fresh default one (not kept) when none is active.

    Not storing the default matters: its deadline would otherwise run on and stop any later
    reader called outside :func:`file_budget`.
    """
    budget = _CURRENT.get()
    return budget if budget is not None else Budget("file")


def check_time(where: str = "") -> None:
    """Stop reading when the active file is over its parse-time budget (CPU seconds).

    Raises:
        ResourceLimitExceeded: the budget's deadline has passed.
    """
    budget = _CURRENT.get()
    if budget is not None and time.process_time() > budget.deadline:
        at = say("limit.time_at", where=where) if where else ""
        raise ResourceLimitExceeded(
            say("limit.time", seconds=budget.seconds, at=at), file=budget.name
        )


def check_rows(count: int, where: str = "") -> None:
    """Stop reading a table that has more rows than one file may have.

    Raises:
        ResourceLimitExceeded: more than :data:`MAX_TABLE_ROWS` rows.
    """
    if count > MAX_TABLE_ROWS:
        at = say("limit.time_at", where=where) if where else ""
        raise ResourceLimitExceeded(say("limit.rows", n=MAX_TABLE_ROWS, at=at), file=current().name)
