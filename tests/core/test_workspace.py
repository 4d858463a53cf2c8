from __future__ import annotations

import pytest

from ingest.errors import WorkspaceError
from tests.conftest import make_record
from workspace.db import SCHEMA_VERSION, Workspace
from workspace.imports import import_bytes, import_records
from workspace.queries import weekly_channel_counts, workspace_counts

TABLES = ("items", "import_batches", "import_problems", "settings")


def snapshot(ws: Workspace) -> dict[str, str]:
    """Every row of the tables an import touches, in a stable order, as comparable text."""
    return {
        table: ws.query_df(f"SELECT * FROM {table} ORDER BY ALL").to_csv(index=False)
        for table in TABLES
    }


def test_new_workspace_is_migrated_and_persists(workspace_path):
    with Workspace.open(workspace_path) as ws:
        assert ws.schema_version == SCHEMA_VERSION
        import_records(ws, [make_record(1), make_record(2)], file_name="a.csv")
    assert workspace_path.exists()
    with Workspace.open(workspace_path) as ws:
        assert ws.schema_version == SCHEMA_VERSION
        assert ws.scalar("SELECT count(*) FROM items") == 2


def test_reimporting_the_same_records_adds_nothing(workspace_path):
    records = [make_record(n) for n in range(50)]
    with Workspace.open(workspace_path) as ws:
        first = import_records(ws, records, file_name="a.csv")
        second = import_records(ws, records, file_name="a.csv")
        assert (first.added, first.duplicates) == (50, 0)
        assert (second.added, second.duplicates) == (0, 50)
        assert ws.scalar("SELECT count(*) FROM items") == 50
        assert ws.scalar("SELECT count(*) FROM import_batches") == 2


def test_duplicate_ids_within_one_file_count_once(workspace_path):
    with Workspace.open(workspace_path) as ws:
        result = import_records(
            ws, [make_record(1), make_record(1), make_record(2)], file_name="a.csv"
        )
    assert (result.added, result.duplicates) == (2, 1)


def test_failure_mid_import_leaves_workspace_exactly_as_before(workspace_path):
    with Workspace.open(workspace_path) as ws:
        import_records(ws, [make_record(n) for n in range(10)], file_name="first.csv")
        before = snapshot(ws)
        version = ws.data_version

        def explode(stage: str, fraction: float) -> None:
            raise RuntimeError(f"disk full during {stage}")

        with pytest.raises(RuntimeError, match="disk full during stored"):
            import_records(
                ws,
                [make_record(n) for n in range(10, 30)],
                file_name="second.csv",
                progress=explode,
            )
        assert snapshot(ws) == before
        assert ws.data_version == version
    with Workspace.open(workspace_path) as ws:  # and on disk, after reopening
        assert snapshot(ws) == before


def test_unreadable_file_becomes_one_problem_and_stores_nothing(workspace_path):
    with Workspace.open(workspace_path) as ws:
        result = import_bytes(ws, b"", "empty.csv")
        assert result.added == 0 and result.error
        assert "empty.csv" in str(result.problems[0])
        assert ws.scalar("SELECT count(*) FROM items") == 0


def test_data_version_bumps_on_every_import(workspace_path):
    with Workspace.open(workspace_path) as ws:
        v0 = ws.data_version
        import_records(ws, [make_record(1)], file_name="a.csv")
        assert ws.data_version == v0 + 1


def test_weekly_channel_counts_use_iso_weeks(workspace_path):
    records = [
        make_record(0, channel="email"),
        make_record(1, channel="email"),
        make_record(7, channel="review"),
    ]
    with Workspace.open(workspace_path) as ws:
        import_records(ws, records, file_name="a.csv")
        weekly = weekly_channel_counts(ws)
        counts = workspace_counts(ws)
    # 2026-06-01 is a Monday in ISO week 23; day 7 is the next Monday.
    assert weekly[["week", "channel", "items"]].values.tolist() == [
        ["2026-W23", "email", 2],
        ["2026-W24", "review", 1],
    ]
    assert counts.items == 3 and counts.channels == {"email": 2, "review": 1}


def test_newer_schema_is_refused(workspace_path):
    with Workspace.open(workspace_path) as ws, ws.transaction() as con:
        con.execute("INSERT INTO schema_version VALUES (999)")
    with pytest.raises(WorkspaceError, match="newer than this Klantstem"):
        Workspace(workspace_path)


def _hold(path):
    """Another process that opens the workspace, says so, and keeps it until told to let go
    (a line on its stdin); it writes ``<path>.released`` just before it closes."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; from pathlib import Path; from workspace.db import Workspace\n"
        f"ws = Workspace({str(path)!r}); print('open', flush=True); sys.stdin.readline()\n"
        f"Path({str(path)!r} + '.released').touch(); ws.close()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    return holder


def test_opening_waits_while_another_process_has_the_file(tmp_path):
    import threading

    path = tmp_path / "ws.duckdb"
    Workspace(path).close()
    holder = _hold(path)
    with pytest.raises(WorkspaceError, match="cannot open the workspace"):
        Workspace(path, lock_wait=0)

    def let_go() -> None:
        assert holder.stdin is not None
        holder.stdin.write("go\n")
        holder.stdin.close()

    # The holder lets go while the open below waits (no bound on how long anything takes:
    # the holder keeps the file until told, and the open waits up to a minute).
    threading.Timer(0.5, let_go).start()
    with Workspace.open(path, lock_wait=60) as ws:
        assert ws.schema_version == SCHEMA_VERSION
        assert (tmp_path / "ws.duckdb.released").exists()
    holder.wait(timeout=60)
