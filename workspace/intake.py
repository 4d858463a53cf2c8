"""Use case: import, then place. The one path by which the CLI and the Upload page add feedback.

Import (``workspace.imports``: one transaction per file), embed the new texts, place them into
the current themes (``workspace.placement``), let leftovers that form a tight group become
proposed themes, and report per file:

- ``read``: the items the file held, ``added + duplicates`` (``duplicates`` were already
  stored, or twice in the file); rows that could not be read are ``problems``, with lines;
- ``text_items``: the added rows with feedback text, the ones themes are made of;
- ``without_text``: the other added rows, never placed: ``star_only`` ratings (a rating, no
  text; kept for the rating trends) and ``replies`` (our own answers and internal notes).
  ``text_items + star_only + replies == added``;
- ``placed``: this file's text items now in a theme, ``proposed`` of them in a newly
  proposed one; ``unsorted``: this file's text items in no theme.
  ``placed + unsorted == text_items``;
- ``first_date``/``last_date``: the file's first and last item (local days);
- ``future_rows``: rows dated after today, held back (they are among the ``problems``, with
  their lines): how many, the first lines, the latest date (:mod:`workspace.future_dates`).

:func:`intake_total` adds files up into one row of the same shape, for a total line.

Before the first refresh there are no themes: nothing is embedded or placed, and every text
item is reported unsorted (``themes_missing``); ``klantstem themes`` builds the themes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.embedders import Embedder
from ingest.settings import ColumnMapping
from workspace.db import Workspace
from workspace.imports import FileImport, import_files
from workspace.placement import assign_new_items
from workspace.vectors import ProgressCallback


@dataclass(frozen=True, slots=True)
class FileIntake:
    """What one file brought in, and where its items went."""

    imported: FileImport
    text_items: int = 0
    placed: int = 0
    unsorted: int = 0
    proposed: int = 0

    @property
    def without_text(self) -> int:
        return self.imported.added - self.text_items

    @property
    def star_only(self) -> int:
        return self.imported.star_only

    @property
    def replies(self) -> int:
        """Added rows without text that are no rating either: our replies, internal notes."""
        return self.without_text - self.star_only

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.imported.to_dict(),
            "text_items": self.text_items,
            "without_text": self.without_text,
            "replies": self.replies,
            "placed": self.placed,
            "unsorted": self.unsorted,
            "proposed": self.proposed,
        }


@dataclass(slots=True)
class IntakeReport:
    """Per-file results of one intake, and what placement did overall."""

    files: list[FileIntake] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    proposed_themes: list[int] = field(default_factory=list)
    embedded: int = 0
    themes_missing: bool = False

    def total(self, name: str) -> int:
        """Sum of one per-file count (``added``, ``duplicates``, ``placed``, ...)."""
        return sum(int(f.to_dict()[name]) for f in self.files)

    @property
    def nothing_read(self) -> bool:
        """True when no file yielded anything (every one failed outright)."""
        return bool(self.files) and all(f.imported.error for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        files = [f.to_dict() for f in self.files]
        return {
            "read": self.total("read"),
            "added": self.total("added"),
            "duplicates": self.total("duplicates"),
            "star_only": self.total("star_only"),
            "replies": self.total("replies"),
            "skipped_deleted": self.total("skipped_deleted"),
            "skipped_spam": self.total("skipped_spam"),
            "problems": [p for f in files for p in f["problems"]],
            "text_items": self.total("text_items"),
            "placed": self.total("placed"),
            "unsorted": self.total("unsorted"),
            "proposed": self.total("proposed"),
            "proposed_themes": list(self.proposed_themes),
            "themes_missing": self.themes_missing,
            "files": files,
            "skipped": list(self.skipped),
        }


def intake_total(files: Sequence[FileIntake], name: str = "") -> FileIntake:
    """Every count of ``files`` added up, their dates spanned, as one row named ``name``."""
    imports = [f.imported for f in files]
    firsts = [i.first_date for i in imports if i.first_date]
    lasts = [i.last_date for i in imports if i.last_date]
    total = FileImport(
        name,
        "",
        sum(i.added for i in imports),
        sum(i.duplicates for i in imports),
        tuple(p for i in imports for p in i.problems),
        skipped_deleted=sum(i.skipped_deleted for i in imports),
        skipped_spam=sum(i.skipped_spam for i in imports),
        star_only=sum(i.star_only for i in imports),
        first_date=min(firsts) if firsts else None,
        last_date=max(lasts) if lasts else None,
    )
    return FileIntake(
        total,
        text_items=sum(f.text_items for f in files),
        placed=sum(f.placed for f in files),
        unsorted=sum(f.unsorted for f in files),
        proposed=sum(f.proposed for f in files),
    )


def import_and_place(
    ws: Workspace,
    paths: Iterable[str | Path],
    *,
    mapping: ColumnMapping | None = None,
    embedder: Embedder | None = None,
    progress: ProgressCallback | None = None,
    now: datetime | None = None,
) -> IntakeReport:
    """Import files and folders, then place their new items (``klantstem import``).

    Args:
        now: what "after today" is measured from (default: the clock); rows dated later are
            held back with their lines (:mod:`workspace.future_dates`).
    """
    imported = import_files(ws, paths, mapping=mapping, progress=progress, now=now)
    report = place_imported(ws, imported.files, embedder=embedder, progress=progress)
    report.skipped = list(imported.skipped)
    return report


def place_imported(
    ws: Workspace,
    imports: Sequence[FileImport],
    *,
    embedder: Embedder | None = None,
    progress: ProgressCallback | None = None,
) -> IntakeReport:
    """Place the items of these imports into the themes and report per file.

    The Upload page imports file by file (asking for column mappings on the way) and then
    calls this; :func:`import_and_place` does both for paths.

    Args:
        embedder: default: the workspace's (the dashboard passes the one it keeps loaded).
    """
    batches = [f.batch_id for f in imports if f.batch_id is not None]
    has_themes = bool(
        ws.scalar("SELECT count(*) > 0 FROM themes WHERE status IN ('active', 'proposed')")
    )
    report = IntakeReport(themes_missing=not has_themes)
    if has_themes and _text_items(ws, batches)["text_items"].sum():
        placement = assign_new_items(ws, embedder, progress=progress)
        report.proposed_themes = list(placement.proposed_themes)
        report.embedded = placement.embedded
    # Where the items are now, read back from the workspace: a placement places every
    # unsorted item, so a later one (the Upload page's next file, after its column mapping)
    # can move an earlier file's leftovers into a new theme. Counted from what that placement
    # did, the earlier file's report kept them as unsorted while the Unsorted page did not.
    counts: dict[int | None, tuple[int, int, int]] = {
        int(b): (int(n), int(placed), int(proposed))
        for b, n, placed, proposed in _text_items(ws, batches).itertuples(index=False)
    }
    for imported in imports:
        text_items, placed, proposed = counts.get(imported.batch_id, (0, 0, 0))
        report.files.append(
            FileIntake(
                imported,
                text_items=text_items,
                placed=placed,
                unsorted=text_items - placed,
                proposed=proposed,
            )
        )
    return report


def _text_items(ws: Workspace, batches: list[int]) -> pd.DataFrame:
    """Per batch: its items with text from customers, how many are in a theme, and how many
    of those in a proposed (new) theme."""
    return ws.query_df(
        """
        SELECT i.batch_id, count(*) AS text_items, count(a.theme_id) AS placed,
               count(a.theme_id) FILTER (WHERE a.method = 'proposed') AS proposed
        FROM items i LEFT JOIN assignments a ON a.item_id = i.id
        WHERE i.batch_id IN (SELECT unnest(?)) AND i.direction = 'inbound'
          AND NOT i.is_star_only AND trim(i.text) <> ''
        GROUP BY i.batch_id
        """,
        [batches],
    )
