"""Re-redacting stored workspaces, and the bytes of a workspace file holding nothing personal."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.privacy import RULES_VERSION, bsn_is_valid
from ingest.reader import read_bytes
from ingest.safe_result import private_result
from ingest.schema import Problem, records_to_frame
from ingest.settings import IngestSettings
from klantstem_cli import app
from tests.conftest import make_record
from tests.ingest.privacy_cases import MUST_REDACT, MUST_STAY
from tests.summary.workspace_fixture import sample_files
from workspace.db import Workspace
from workspace.imports import import_bytes, import_records
from workspace.privacy_rescan import compact, rescan


def _uncompressed(ws: Workspace) -> None:
    # DuckDB compresses strings (FSST): a byte scan would miss values that are there.
    ws.cursor().execute("SET force_compression = 'uncompressed'")


def _leaky_workspace(path: Path) -> None:
    """A workspace as an older, laxer version stored it: personal data in every field."""
    records = [
        make_record(
            n,
            text=case.text,
            subject=case.text,
            raw=json.dumps({"body": case.text}),
            source_record_id=f"<{n}.jan@mail.example.nl>",
            thread_id=f"<{n}.jan@mail.example.nl>",
        )
        for n, case in enumerate(MUST_REDACT)
    ]
    problem = Problem("x.csv", 3, "placeholder")
    with Workspace.open(path) as ws:
        _uncompressed(ws)
        import_records(ws, records, file_name="van piet@example.nl.csv", problems=[problem])
        with ws.transaction() as con:
            con.execute(
                "UPDATE import_problems SET message = 'date must be a date, got ''06-12345678''', "
                "code = 'table.bad_date', params = ?",
                [json.dumps({"column": "Datum", "reason": {"code": "date.unreadable",
                             "params": {"value": "06-12345678"}}})],
            )  # fmt: skip


def test_rescan_redacts_every_stored_field_and_counts_per_kind(tmp_path):
    path = tmp_path / "old.duckdb"
    _leaky_workspace(path)
    with Workspace.open(path) as ws:
        report = rescan(ws)
        stored = ws.query_df("SELECT * FROM items").to_csv()
        other = ws.query_df("SELECT * FROM import_problems").to_csv()
        other += ws.query_df("SELECT * FROM import_batches").to_csv()
        again = rescan(ws)
    assert not [c.id for c in MUST_REDACT if c.secret in stored]
    assert "jan@" not in stored and "piet@" not in other and "06-12345678" not in other
    assert report.rows["import_problems.params"] == 1 and "date.unreadable" in other
    assert report.rows["items.text"] == len(MUST_REDACT)
    assert report.rows["items.thread_id"] == len(MUST_REDACT)
    assert report.kinds["BSN"] >= 12 and report.kinds["PHONE"] >= 25
    assert again.changed == 0  # idempotent


def test_cli_rescan_reports_and_leaves_no_value_in_the_file(tmp_path):
    path = tmp_path / "old.duckdb"
    _leaky_workspace(path)
    result = CliRunner().invoke(app, ["privacy", "rescan", "--workspace", str(path)])
    assert result.exit_code == 0, result.output
    assert "items.text" in result.output and "[BSN]" in result.output
    data = path.read_bytes()
    with Workspace.open(path) as ws:  # the rewritten file is a whole workspace
        assert ws.scalar("SELECT count(*) FROM items") == len(MUST_REDACT)
    assert b"Mail me at" in data  # the scan sees stored text
    assert not [c.id for c in MUST_REDACT if c.secret.encode() in data]


def test_workspace_file_built_from_the_table_holds_no_personal_value(tmp_path):
    path = tmp_path / "table.duckdb"
    cases = [*MUST_REDACT, *MUST_STAY]
    table = io.StringIO()
    writer = csv.writer(table, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerows(
        [("id", "datum", "tekst")] + [(n, "16-11-2026", c.text) for n, c in enumerate(cases)]
    )
    with Workspace.open(path) as ws:
        _uncompressed(ws)
        result = import_bytes(ws, table.getvalue().encode(), "tabel.csv")
        ws.cursor().execute("CHECKPOINT")
    assert result.added == len(cases), result
    compact(path, compress=False)
    data = path.read_bytes()
    assert all(c.text.encode() in data for c in MUST_STAY[:10])  # the scan sees stored text
    assert not [c.id for c in MUST_REDACT if c.secret.encode() in data]


NINE_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])")  # not inside hex ids
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.(?:nl|com|be|de|org|net)\b")


@pytest.mark.slow
@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in sample_files()])
def test_sample_data_is_stored_without_a_valid_bsn_or_address(path):
    settings = IngestSettings()
    result = private_result(read_bytes(path.read_bytes(), path.name, settings), settings)
    stored = records_to_frame(result.records).astype(str).to_csv()
    assert "[" in stored  # the sample data plants personal data in every file
    assert [m for m in NINE_DIGITS.findall(stored) if bsn_is_valid(m)] == []
    assert ADDRESS.findall(stored) == []


def test_demo_workspace_built_under_older_rules_is_rebuilt(tmp_path):
    from klantstem_cli import _built_under_older_rules

    path = tmp_path / "demo.duckdb"
    with Workspace.open(path) as ws:
        import_records(ws, [make_record(1)], file_name="a.csv")
    assert _built_under_older_rules(path)  # made before the setting existed
    with Workspace.open(path) as ws:
        ws.set_setting("redaction_rules", RULES_VERSION)
    assert not _built_under_older_rules(path)
