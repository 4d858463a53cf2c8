"""Random, truncated and mis-encoded input: only IngestError, never a crash or a silent half."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import IngestError
from ingest.reader import read_bytes
from ingest.schema import IngestResult

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "sample_data"
HEADS = {
    name: (SAMPLE_DATA / name).read_bytes()[:30_000]
    for name in (
        "klantenservice.mbox",
        "trustpilot_reviews.csv",
        "reviews_nl.voorbeeldshop.app_2026.csv",
        "zendesk_tickets.json",
        "klanttevredenheid_export.csv",
    )
}
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(data: bytes, name: str) -> IngestResult | None:
    try:
        return read_bytes(data, name)
    except IngestError:
        return None


@FAST
@given(
    st.binary(max_size=3000),
    st.sampled_from(["x.csv", "x.json", "x.mbox", "x.eml", "x.zip", "x.xlsx"]),
)
def test_random_bytes_give_a_result_or_ingest_error(data: bytes, name: str) -> None:
    result = _read(data, name)
    assert result is None or len(result.records) >= 1


@FAST
@given(st.sampled_from(sorted(HEADS)), st.integers(min_value=1, max_value=30_000))
def test_truncated_exports_never_crash(name: str, cut: int) -> None:
    result = _read(HEADS[name][:cut], name)
    if result is not None:
        assert all(r.source_file == name for r in result.records)


@FAST
@given(st.integers(min_value=60, max_value=20_000))
def test_truncated_table_accounts_for_every_row(cut: int) -> None:
    data = HEADS["klanttevredenheid_export.csv"][:cut]
    rows = [line for line in data.decode("cp1252").split("\r\n")[1:] if line.strip()]
    result = _read(data, "k.csv")
    if result is None:
        return
    errors = [p for p in result.problems if p.severity == "error"]
    assert len(result.records) + len(errors) == len(rows)


@FAST
@given(
    st.sampled_from(
        ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "latin-1", "mac_roman", "cp850"]
    ),
    st.integers(min_value=2, max_value=40),
)
def test_misencoded_table_reads_or_fails_cleanly(encoding: str, rows: int) -> None:
    text = HEADS["klanttevredenheid_export.csv"].decode("cp1252").split("\r\n")
    sample = "\r\n".join(text[: rows + 1]) + "\r\n"
    result = _read(sample.encode(encoding, errors="replace"), "k.csv")
    if encoding in {"utf-8", "utf-8-sig", "cp1252", "utf-16"}:
        assert result is not None and len(result.records) == rows
        assert "Enquête" in result.records[0].raw


README_TXT = (
    "Klantfeedback, export van week 48\n"
    "Bestanden: reviews.csv, tickets.json, chats.zip (zie map)\n"
    "  - reviews.csv komt uit Trustpilot\n"
    "  - datum in UTC, bedragen in euro, namen verwijderd, ids gehasht\n"
    "Vragen? Mail Sanne of bel na 14:00.\n"
    "Let op: week 47 ontbreekt\n"
)


def test_a_text_note_named_txt_is_refused_not_imported() -> None:
    """A README or a note in an export folder is not a table: its lines must not become
    feedback items dated at the import (one problem for the file, nothing read)."""
    try:
        read_bytes(README_TXT.encode(), "LEESMIJ.txt")
    except IngestError as exc:
        assert exc.detail.code == "table.txt_not_a_table", exc  # type: ignore[attr-defined]
        assert "not a table" in str(exc) and "LEESMIJ.txt" in str(exc)
    else:
        raise AssertionError("a note was read as a table")


def test_a_tab_delimited_txt_is_still_a_table() -> None:
    """Excel's "Text (Tab delimited) (*.txt)": every row has the header's cells."""
    data = "tekst\tdatum\tscore\nTe laat bezorgd\t24-11-2026\t2\nTop service\t25-11-2026\t5\n"
    result = read_bytes(data.encode("cp1252"), "week48.txt")
    assert [r.text for r in result.records] == ["Te laat bezorgd", "Top service"]
    assert not result.problems
