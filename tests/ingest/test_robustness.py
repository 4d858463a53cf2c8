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
