"""An e-mail without a Date header is dated by the servers it passed; without any date it is
skipped (like a review or ticket without one), never dated at the moment of import."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.reader import read_bytes, read_path
from tests.conftest import SHARED

BODY = 'Content-Type: text/plain; charset="utf-8"\n\nMijn pakket is nog steeds niet bezorgd.\n'
HEAD = (
    "Message-ID: <CAF9x2@mail.gmail.com>\n"
    'From: "Jan de Vries" <jan@example.nl>\nTo: service@voorbeeldshop.nl\n'
    "Subject: Bestelling 461216\n"
)
# Headers as Gmail writes them on a message it delivered (newest Received first).
GMAIL = (
    "Delivered-To: service@voorbeeldshop.nl\n"
    "Received: by 2002:a05:7300:5b8a:b0:12c:3f0e:4a1b with SMTP id k10csp1234567dyb;\n"
    "        Mon, 16 Nov 2026 01:12:05 -0800 (PST)\n"
    "X-Received: by 2002:a17:907:7e8c:b0:a9a:1e2b:3c4d with SMTP id qb12mr1ejc.45.1763284325123;\n"
    "        Mon, 16 Nov 2026 01:12:05 -0800 (PST)\n"
    "ARC-Seal: i=1; a=rsa-sha256; t=1763284325; cv=none; d=google.com; s=arc-20240605;\n"
    "Return-Path: <jan@example.nl>\n"
    "Received: from mail-ej1-f41.google.com (mail-ej1-f41.google.com. [209.85.218.41])\n"
    "        by mx.google.com with SMTPS id a640c23a62f3a-a9a1e2b3c4dsi123456766b.123.2026.11.16.01.12.04\n"
    "        for <service@voorbeeldshop.nl>\n"
    "        (Google Transport Security);\n"
    "        Mon, 16 Nov 2026 01:12:04 -0800 (PST)\n"
)
# Exim (most Dutch hosting) stamps the delivery on top.
EXIM = "Envelope-to: service@voorbeeldshop.nl\nDelivery-date: Mon, 16 Nov 2026 10:12:07 +0100\n"
X_RECEIVED_ONLY = (
    "X-Received: by 2002:a17:907:7e8c:b0:a9a:1e2b:3c4d with SMTP id qb12mr1ejc.45.1763284325123;\n"
    "        Mon, 16 Nov 2026 01:12:05 -0800 (PST)\n"
)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param(
            GMAIL, datetime(2026, 11, 16, 9, 12, 5, tzinfo=UTC), id="gmail-newest-received"
        ),
        pytest.param(EXIM, datetime(2026, 11, 16, 9, 12, 7, tzinfo=UTC), id="exim-delivery-date"),
        pytest.param(
            X_RECEIVED_ONLY, datetime(2026, 11, 16, 9, 12, 5, tzinfo=UTC), id="x-received"
        ),
        pytest.param(
            GMAIL + "Date: gisteren\n",
            datetime(2026, 11, 16, 9, 12, 5, tzinfo=UTC),
            id="unreadable-date-then-received",
        ),
    ],
)
def test_an_eml_without_a_date_header_is_dated_by_its_servers(headers, expected) -> None:
    result = read_bytes((headers + HEAD + BODY).encode(), "bestelling.eml")
    assert [r.received_at for r in result.records] == [expected]
    assert not result.records[0].received_at_tz_assumed
    assert result.problems == ()


def test_an_eml_with_no_date_at_all_is_skipped_naming_file_and_message() -> None:
    """Dated at the import, it made today's week the Overview's 'this week'."""
    with pytest.raises(IngestError) as caught:
        read_bytes((HEAD + BODY).encode(), "bestelling.eml")
    said = str(caught.value)
    assert said.startswith("bestelling.eml: recognised as eml, but no item could be imported.")
    assert (
        "First problem: bestelling.eml line 1: the message with subject 'Bestelling 461216' "
        "has no readable date, and no Received or Delivery-date header" in said
    ), said
    assert "CAF9x2" not in said and "jan@" not in said


def test_an_undated_message_in_an_mbox_is_skipped_and_the_others_import() -> None:
    dated = "From jan@example.nl Mon Nov 16 10:12:00 2026\n" + EXIM + HEAD + BODY
    undated = (
        HEAD.replace("CAF9x2", "CAF9x3").replace("Subject: Bestelling 461216\n", "")
        + "Content-Type: text/plain\n\nWaar blijft mijn retourgeld? Al drie weken gewacht.\n"
    )
    result = read_bytes((undated + "\n" + dated).encode(), "inbox.mbox")
    assert len(result.records) == 1
    (problem,) = result.problems
    assert problem.severity == "error" and problem.line == 1
    assert problem.message.startswith(
        "the message without a subject starting 'Waar blijft mijn retourgeld? Al drie weken "
        "gewacht.' has no readable date"
    ), problem.message


SAMPLES = SHARED / "samples" / "email_eml"


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        pytest.param(
            "mail_raw_email_with_quoted_illegal_boundary.eml",
            datetime(2007, 10, 21, 9, 38, 21, tzinfo=UTC),
            id="three-received-newest-wins",
        ),
        pytest.param(
            "mail_content_transfer_encoding_with_8bits.eml",
            datetime(2001, 12, 5, 8, 0, 19, tzinfo=UTC),
            id="enron-received",
        ),
    ],
)
def test_real_messages_without_their_date_line_keep_a_server_date(
    sample: str, expected: datetime, tmp_path: Path
) -> None:
    source = SAMPLES / sample
    if not source.exists():
        pytest.skip("../shared/samples is not here")
    lines = source.read_bytes().split(b"\n")
    copy = tmp_path / sample
    copy.write_bytes(b"\n".join(line for line in lines if not line.startswith(b"Date:")))
    (result,) = read_path(copy)
    assert [r.received_at for r in result.records] == [expected]
    assert result.problems == ()


def test_a_real_message_without_date_or_received_is_skipped(tmp_path: Path) -> None:
    source = SAMPLES / "talon_gmail.eml"
    if not source.exists():
        pytest.skip("../shared/samples is not here")
    lines = source.read_bytes().split(b"\n")
    copy = tmp_path / "antwoord.eml"
    copy.write_bytes(b"\n".join(line for line in lines if not line.startswith(b"Date:")))
    with pytest.raises(IngestError) as caught:
        read_path(copy)
    assert "antwoord.eml line 1: the message with subject 'Re: Test' has no readable date" in str(
        caught.value
    )
