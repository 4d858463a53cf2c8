"""The intake report's numbers add up per file and in total, and count this file's items only."""

from __future__ import annotations

from datetime import date

import pytest

from tests.dashboard.conftest import build_workspace
from workspace.db import Workspace
from workspace.intake import FileIntake, import_and_place, intake_total

# Trustpilot service reviews: three with text, one star rating without text (kept), one row
# with neither (a problem on line 6, skipped); the items read are dated 1 to 15 September.
TRUSTPILOT = (
    "Review ID,Review Created (UTC),Review Title,Review Content,Review Stars\n"
    "r1,2026-09-01 10:00:00,Te laat,The parcel arrived late again,2\n"
    "r2,2026-09-05 10:00:00,,I was charged twice on my invoice,1\n"
    "r3,2026-09-10 10:00:00,,Something completely different about the weather,4\n"
    "r4,2026-09-15 10:00:00,,,5\n"
    "r5,2026-09-20 10:00:00,,,\n"
)


def assert_adds_up(row: FileIntake) -> None:
    f = row.imported
    assert f.read == f.added + f.duplicates
    assert f.added == row.text_items + row.star_only + row.replies
    assert row.text_items == row.placed + row.unsorted
    assert row.proposed <= row.placed


@pytest.fixture
def themed(tmp_path):
    return build_workspace(tmp_path / "intake.duckdb")


@pytest.mark.filterwarnings("ignore:Arrow output on a DB-API result:UserWarning")
def test_upload_twice_counts_this_files_items_only(themed, tmp_path):
    source = tmp_path / "trustpilot.csv"
    source.write_text(TRUSTPILOT, encoding="utf-8")
    with Workspace.open(themed) as ws:
        unsorted_before = ws.scalar("SELECT count(*) FROM assignments WHERE theme_id IS NULL")
        first = import_and_place(ws, [source]).files[0]
        second = import_and_place(ws, [source]).files[0]
    assert unsorted_before == 9  # the workspace's own unsorted items are not this file's

    assert first.imported.detected_format == "trustpilot"
    assert (first.imported.read, first.imported.added, first.imported.duplicates) == (4, 4, 0)
    assert [p.line for p in first.imported.problems] == [6]
    assert (first.text_items, first.star_only, first.replies) == (3, 1, 0)
    assert first.placed + first.unsorted == 3
    assert (first.imported.first_date, first.imported.last_date) == (
        date(2026, 9, 1),
        date(2026, 9, 15),
    )
    assert_adds_up(first)

    assert (second.imported.read, second.imported.added, second.imported.duplicates) == (4, 0, 4)
    assert (second.text_items, second.placed, second.unsorted, second.star_only) == (0, 0, 0, 0)
    assert second.imported.first_date == date(2026, 9, 1)  # the file's range, added or not
    assert_adds_up(second)

    total = intake_total([first, second], "Total")
    assert_adds_up(total)
    assert (total.imported.read, total.imported.added, total.imported.duplicates) == (8, 4, 4)
    assert len(total.imported.problems) == 2
    assert total.imported.last_date == date(2026, 9, 15)
    assert total.to_dict()["replies"] == 0 and total.to_dict()["read"] == 8


@pytest.mark.filterwarnings("ignore:Arrow output on a DB-API result:UserWarning")
def test_a_files_counts_are_where_its_items_are_now(themed, tmp_path):
    """A placement places every unsorted item: on the Upload page the next file's placement
    (after its column mapping) put an earlier file's leftovers in a new theme, and the report
    still called them unsorted (111 unsorted said, 63 on the Unsorted page). A file's counts
    are read back from the workspace, so a later placement shows in them."""
    from workspace import theme_edits
    from workspace.intake import place_imported

    source = tmp_path / "trustpilot.csv"
    source.write_text(TRUSTPILOT, encoding="utf-8")
    with Workspace.open(themed) as ws:
        first = import_and_place(ws, [source]).files[0]
        batch = first.imported.batch_id
        placed = ws.scalar(
            "SELECT i.id FROM items i JOIN assignments a ON a.item_id = i.id "
            "WHERE i.batch_id = ? AND a.theme_id IS NOT NULL ORDER BY i.id LIMIT 1",
            [batch],
        )
        assert placed is not None and first.placed >= 1, first
        theme_edits.move_item(ws, str(placed), None)  # by hand back to Unsorted
        again = place_imported(ws, [first.imported]).files[0]
    assert (again.placed, again.unsorted) == (first.placed - 1, first.unsorted + 1)
    assert_adds_up(again)
