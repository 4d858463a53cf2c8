"""Read queries for the views and exports. Results are DataFrames; filters are explicit."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ingest.schema import RECORD_COLUMNS
from workspace.db import Workspace


@dataclass(frozen=True, slots=True)
class Filters:
    """The dashboard's sidebar filters; empty means "all"."""

    start: str = ""  # ISO date, inclusive
    end: str = ""  # ISO date, inclusive
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def where(self, alias: str = "i") -> tuple[str, list[object]]:
        """SQL conditions and parameters for these filters on the items table."""
        clauses: list[str] = [f"{alias}.direction = 'inbound'"]
        params: list[object] = []
        if self.start:
            clauses.append(f"{alias}.received_at >= CAST(? AS DATE)")
            params.append(self.start)
        if self.end:
            clauses.append(f"{alias}.received_at < CAST(? AS DATE) + INTERVAL 1 DAY")
            params.append(self.end)
        if self.channels:
            clauses.append(f"{alias}.channel IN ({', '.join('?' * len(self.channels))})")
            params.extend(self.channels)
        if self.languages:
            clauses.append(f"{alias}.language IN ({', '.join('?' * len(self.languages))})")
            params.extend(self.languages)
        return " AND ".join(clauses), params


@dataclass(frozen=True, slots=True)
class WorkspaceCounts:
    items: int
    batches: int
    channels: dict[str, int] = field(default_factory=dict)


def workspace_counts(ws: Workspace, filters: Filters | None = None) -> WorkspaceCounts:
    """Number of inbound items, per channel, and of import batches."""
    where, params = (filters or Filters()).where()
    per_channel = ws.query_df(
        f"SELECT channel, count(*) AS n FROM items i WHERE {where} GROUP BY channel ORDER BY n DESC",
        params,
    )
    batches = int(ws.scalar("SELECT count(*) FROM import_batches") or 0)
    channels = dict(zip(per_channel["channel"], per_channel["n"].astype(int), strict=True))
    return WorkspaceCounts(sum(channels.values()), batches, channels)


def weekly_channel_counts(ws: Workspace, filters: Filters | None = None) -> pd.DataFrame:
    """Inbound items per ISO week and channel: columns ``week`` (``2026-W47``), ``week_start``,
    ``channel``, ``items``."""
    where, params = (filters or Filters()).where()
    return ws.query_df(
        f"""
        SELECT strftime(date_trunc('week', received_at AT TIME ZONE 'UTC'), '%G-W%V') AS week,
               CAST(date_trunc('week', received_at AT TIME ZONE 'UTC') AS DATE) AS week_start,
               channel, count(*) AS items
        FROM items i WHERE {where}
        GROUP BY ALL ORDER BY week_start, channel
        """,
        params,
    )


def items_for_export(ws: Workspace) -> pd.DataFrame:
    """Every stored item with every record field (plus theme columns where they exist)."""
    columns = ", ".join(f"i.{c}" for c in RECORD_COLUMNS)
    return ws.query_df(f"SELECT {columns} FROM items i ORDER BY i.received_at, i.id")
