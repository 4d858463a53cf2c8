"""Nothing personal outside the redacted text: problems, ids, file names, re-imports, the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_record
from tests.ingest.privacy_cases import MUST_REDACT
from workspace.db import Workspace
from workspace.imports import import_bytes, import_records
from workspace.queries import items_for_export

EML = (
    b"Message-ID: <CAF1234.jan.jansen@mail.gmail.com>\n"
    b"In-Reply-To: <order-77.piet@shop.example.nl>\n"
    b"References: <order-77.piet@shop.example.nl>\n"
    b"Date: Mon, 16 Nov 2026 10:12:00 +0100\n"
    b"From: Jan <jan.jansen@gmail.com>\nTo: service@shop.nl\nSubject: Levering\n"
    b'Content-Type: text/plain; charset="utf-8"\n\nMijn pakket is niet aangekomen.\n'
)


@pytest.mark.parametrize(
    ("cell", "secret", "placeholder"),
    [
        pytest.param("jan.jansen@example.nl", "jan.jansen@example.nl", "[EMAIL]", id="email"),
        pytest.param("06-12345678", "06-12345678", "[PHONE]", id="phone"),
        pytest.param("NL85INGB0668940366", "NL85INGB0668940366", "[IBAN]", id="iban"),
        # quoted with repr(): the escaped line break glued to the number hid it
        pytest.param('"bsn:\n879678847"', "879678847", "[BSN]", id="bsn-after-line-break"),
    ],
)
def test_problem_messages_quote_the_value_redacted(workspace_path, cell, secret, placeholder):
    data = f"id;datum;tekst\n1;01-02-2026;Prima service\n2;{cell};Slecht bereikbaar\n".encode()
    with Workspace.open(workspace_path) as ws:
        result = import_bytes(ws, data, "enquete.csv")
        stored = ws.query_df("SELECT message FROM import_problems")["message"].tolist()
    shown = [p.message for p in result.problems]
    assert shown and stored, "the bad date cell must be reported"
    assert not any(secret in m for m in shown + stored)
    assert any(placeholder in m for m in stored)


def test_ids_thread_ids_and_file_names_lose_their_addresses(workspace_path):
    with Workspace.open(workspace_path) as ws:
        first = import_bytes(ws, EML, "mail van jan.jansen@gmail.com.eml")
        row = ws.query_df("SELECT source_record_id, thread_id, source_file FROM items").iloc[0]
        batch_file = ws.scalar("SELECT file_name FROM import_batches")
        again = import_bytes(ws, EML, "mail van jan.jansen@gmail.com.eml")
    assert first.added == 1 and again.duplicates == 1  # ids stay stable for de-duplication
    values = [*row.tolist(), batch_file, first.file]
    assert not any("jan" in v or "piet" in v or "@" in v for v in values), values
    assert row["source_file"].endswith(".eml")


def test_own_export_reimported_is_redacted(tmp_path: Path):
    leaky = [make_record(n, text=case.text) for n, case in enumerate(MUST_REDACT[:20])]
    with Workspace.open(tmp_path / "old.duckdb") as ws:
        import_records(ws, leaky, file_name="old.csv")  # as an older, laxer version stored it
        export = items_for_export(ws).to_csv(index=False).encode()
    with Workspace.open(tmp_path / "new.duckdb") as ws:
        result = import_bytes(ws, export, "klantstem-items.csv")
        texts = " ".join(ws.query_df("SELECT text FROM items")["text"])
    assert result.detected_format == "klantstem_items" and result.added == 20
    assert not [c.id for c in MUST_REDACT[:20] if c.secret in texts]


WHATSAPP = (
    "16-11-2026 10:12 - +31 6 12345678: Hoi, mijn pakket is niet aangekomen\n"
    "16-11-2026 10:13 - Voorbeeldshop: Vervelend! Wat is je ordernummer?\n"
    "16-11-2026 10:16 - Jan de Vries: ik ben ook in deze chat\n"
)


def test_whatsapp_senders_and_chat_numbers_stay_out_of_ids_and_file_names(workspace_path):
    name = "WhatsApp Chat with +31 6 12345678.txt"  # WhatsApp names the export after the chat
    with Workspace.open(workspace_path) as ws:
        first = import_bytes(ws, WHATSAPP.encode(), name)
        rows = ws.query_df("SELECT source_record_id, thread_id, source_file FROM items")
        batch_file = ws.scalar("SELECT file_name FROM import_batches")
        again = import_bytes(ws, WHATSAPP.encode(), name)
    assert first.added == 3 and again.duplicates == 3
    values = [*rows.to_numpy().ravel().tolist(), batch_file, first.file]
    assert not any("12345678" in v or "Jan de Vries" in v for v in values), values
    assert rows["thread_id"].nunique() == 1  # the chat stays one thread
