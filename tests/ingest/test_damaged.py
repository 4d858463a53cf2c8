"""The per-file boundary against the seeded damaged-file corpus (tests/ingest/damaged.py)."""

from __future__ import annotations

import os
from functools import lru_cache

import pytest

from ingest.errors import IngestError, ResourceLimitExceeded
from ingest.reader import read_bytes, read_file_bytes
from tests.ingest.damaged import damaged_files, import_measured
from workspace.db import Workspace

GIB = 1024**3


@lru_cache(maxsize=1)
def _corpus() -> tuple[tuple[str, bytes], ...]:
    return tuple(damaged_files(seed=13))


def test_generator_is_seeded_and_large_enough():
    names = [name for name, _ in _corpus()]
    assert len(names) >= 400
    assert len(set(names)) == len(names)
    assert [n for n, _ in damaged_files(seed=13)[:60]] == names[:60]


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_damaged_corpus_imports_without_escape_partial_storage_or_memory_blowup(tmp_path):
    folder = tmp_path / "damaged"
    folder.mkdir()
    for name, data in _corpus():
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "pipe.csv")
    os.symlink("/dev/zero", folder / "zero.csv")
    with Workspace.open(tmp_path / "ws.duckdb") as ws:
        # an escaping exception fails the test here
        report, costs = import_measured(ws, folder)
        batches = dict(
            ws.query_df("SELECT file_name, batch_id FROM import_batches").itertuples(
                index=False, name=None
            )
        )
        stored = dict(
            ws.query_df("SELECT batch_id, count(*) FROM items GROUP BY batch_id").itertuples(
                index=False, name=None
            )
        )
    assert len(report.files) == len(_corpus()) + 2
    by_name = {f.file: f for f in report.files}
    partly = [
        f.file
        for f in report.files
        if (f.error and f.file in batches) or (not f.error and stored.get(f.batch_id, 0) != f.added)
    ]
    assert partly == []
    good = [f for f in report.files if f.file.startswith("good-")]
    assert len(good) == 13 and all(not f.error and f.added + f.duplicates > 0 for f in good)
    assert by_name["pipe.csv"].error and by_name["zero.csv"].error
    assert "FIFO" in by_name["pipe.csv"].error and "device" in by_name["zero.csv"].error
    for bomb in ("special-bomb-zeros.zip", "special-bomb-nested.zip", "special-bomb.xlsx"):
        assert "unpacks to more than" in by_name[bomb].error, bomb
    # Each file's own peak (the high-water mark is reset before every file), over what the
    # process held when that file started: models loaded by earlier tests do not count.
    assert len(costs) == len(report.files)
    worst = max(costs, key=lambda c: c.growth)
    assert worst.growth < GIB, (
        f"{worst.name}: peak {worst.peak_rss / GIB:.2f} GiB, before {worst.rss_before / GIB:.2f} GiB"
    )


@pytest.mark.parametrize(
    ("name", "expected_items", "expected_problem"),
    [
        pytest.param("special-surrogate.json", 1, "", id="lone-surrogate-in-text"),
        pytest.param("special-surrogate-key.json", 1, "", id="lone-surrogate-in-key"),
        pytest.param("special-blank-header.csv", 10, "", id="blank-header-cell-guessed-as-text"),
        pytest.param("special-stray-quote.csv", 3, "lines 5-31", id="stray-quote-swallows-rows"),
        pytest.param("special-sep-line.csv", 30, "", id="excel-sep-line"),
        # no date anywhere: skipped like any undated record, one problem that says so
        pytest.param(
            "special-mbox-bare-from.mbox", None, "has no readable date", id="bare-from-line-mbox"
        ),
        pytest.param("special-huge-int.json", None, "number too long", id="json-huge-integer"),
        pytest.param("special-deep-list.json", None, "too deeply nested", id="json-deep-nesting"),
        pytest.param("special-one-line-10mb.csv", None, "columns", id="five-million-columns"),
        pytest.param("special-huge-header-cell.csv", None, "header cell", id="huge-header-cell"),
        pytest.param("special-bomb-zeros.zip", None, "unpacks to more than", id="zip-bomb"),
        pytest.param("special-bomb-nested.zip", None, "unpacks to more than", id="nested-zip-bomb"),
        pytest.param(
            "special-many-members.zip", None, "more than 5000 files", id="zip-member-count"
        ),
        pytest.param("special-bomb.xlsx", None, "unpacks to more than", id="xlsx-bomb"),
    ],
)
def test_known_crashes_are_items_or_one_problem(name, expected_items, expected_problem):
    data = dict(_corpus())[name]
    if expected_items is None:
        with pytest.raises(IngestError, match=expected_problem):
            read_bytes(data, name)
        return
    result = read_bytes(data, name)
    assert len(result.records) == expected_items
    assert all("\ud800" not in r.text and "\udfff" not in r.raw for r in result.records)
    if expected_problem:
        assert any(expected_problem in p.message for p in result.problems), result.problems
    else:
        assert [p for p in result.problems if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(lambda p: os.mkfifo(p), "named pipe", id="fifo"),
        pytest.param(lambda p: os.symlink("/dev/zero", p), "device", id="symlink-to-dev-zero"),
        pytest.param(lambda p: None, "no such file", id="missing"),
    ],
)
@pytest.mark.timeout(30)
def test_only_regular_files_are_opened(tmp_path, make, expected):
    path = tmp_path / "feedback.csv"
    make(path)
    with pytest.raises(IngestError, match=expected):
        read_file_bytes(path)


def test_budget_is_shared_by_nested_archives():
    data = dict(_corpus())["special-bomb-nested.zip"]
    with pytest.raises(ResourceLimitExceeded, match="inner"):
        read_bytes(data, "nested.zip")


def test_a_reader_called_outside_an_import_has_no_stale_deadline(monkeypatch):
    import time

    from ingest.limits import check_time, current
    from ingest.quotes import html_to_text

    current()  # as read_file_bytes does before an import
    later = time.process_time() + 3600
    monkeypatch.setattr(time, "process_time", lambda: later)
    check_time("outside any file")  # must not raise: no budget is active
    assert html_to_text("<p>hallo</p>") == "hallo"


def test_a_file_over_its_time_budget_stops_with_one_problem(monkeypatch):
    from ingest import limits

    monkeypatch.setattr(limits, "MAX_SECONDS", -1.0)  # a deadline already passed
    with pytest.raises(ResourceLimitExceeded, match="reading took longer than"):
        read_bytes(dict(_corpus())["good-generic.csv"], "good-generic.csv")


def test_a_table_over_the_row_limit_stops_with_one_problem(monkeypatch):
    from ingest import limits

    monkeypatch.setattr(limits, "MAX_TABLE_ROWS", 4_999)
    rows = "".join(f"{i};2026-03-01;Levering {i} was te laat\n" for i in range(5_001))
    with pytest.raises(ResourceLimitExceeded, match="more than 4,999 rows"):
        read_bytes(("id;datum;tekst\n" + rows).encode(), "big.csv")


def test_reading_a_csv_does_not_copy_it_four_times():
    import tracemalloc

    from ingest.tables import load_csv

    text = "id,text\n" + "".join(f"{i},{'a' * 8_000}\n" for i in range(1_000))
    tracemalloc.start()
    try:
        table = load_csv(text, "long.csv", "utf-8")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(table.rows) == 1_000
    # io.StringIO held 4 bytes per character (32 MB here) besides the cells themselves
    assert peak < 2 * len(text), f"peak {peak / 1e6:.0f} MB for {len(text) / 1e6:.0f} MB of text"
