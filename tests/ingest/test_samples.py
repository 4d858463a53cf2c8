"""Every real sample in ../shared/samples and every generated sample_data file ingests."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.reader import read_bytes, read_path

REPO = Path(__file__).resolve().parents[2]
SHARED_SAMPLES = REPO / ".." / "shared" / "samples"
SAMPLE_DATA = REPO / "sample_data"

# file -> (format, items, star-only items, problems expected)
REAL_SAMPLES = {
    "email_eml/mail_content_transfer_encoding_with_8bits.eml": ("eml", 1, 0, 0),
    "email_eml/mail_raw_email_with_quoted_illegal_boundary.eml": ("mbox", 1, 0, 0),
    "email_eml/talon_apple_mail.eml": ("eml", 1, 0, 0),
    "email_eml/talon_gmail.eml": ("eml", 1, 0, 0),
    "email_eml/talon_iphone.eml": ("eml", 1, 0, 0),
    # no Date or Received header (the fixture's authors stripped them): skipped, said so
    "email_eml/talon_outlook.eml": ("eml", 0, 0, 1),
    "email_eml/talon_thunderbird.eml": ("eml", 1, 0, 0),
    "email_mbox/patchew_0004-multiple-patch-reviewed.mbox": ("mbox", 5, 0, 0),
    "email_mbox/patchew_0016-nested-multipart.mbox": ("mbox", 1, 0, 0),
    "email_mbox/patchew_0035-rfc2047-from.mbox": ("eml", 1, 0, 0),
    # counts include the developer replies, read as outbound items (125, 136, 147, 78); star-only
    # includes five rated reviews without words ("!", "?", emoji)
    "google_play/reviews_org.kiwix.kiwixmobile_201606.csv": ("google_play", 412, 157, 0),
    "google_play/reviews_org.kiwix.kiwixmobile_201607.csv": ("google_play", 460, 183, 0),
    "google_play/reviews_org.kiwix.kiwixmobile_201608.csv": ("google_play", 508, 211, 0),
    "google_play/reviews_org.kiwix.kiwixmobile_201609.csv": ("google_play", 512, 253, 0),
    "trustpilot/trustpilot_reviews_synthetic_head50.csv": ("trustpilot", 50, 0, 0),
}


def _shared(relative: str) -> Path:
    path = SHARED_SAMPLES / relative
    if not path.exists():
        pytest.skip(f"{SHARED_SAMPLES} is not available")
    return path


@pytest.mark.parametrize("relative", sorted(REAL_SAMPLES), ids=lambda r: Path(r).stem)
def test_real_sample_ingests_with_expected_counts(relative: str) -> None:
    fmt, count, star_only, problems = REAL_SAMPLES[relative]
    if count == 0:  # nothing to import: one whole-file error that names the first problem
        with pytest.raises(IngestError, match=f"recognised as {fmt}, .*has no readable date"):
            read_bytes(_shared(relative).read_bytes(), Path(relative).name)
        return
    result = read_bytes(_shared(relative).read_bytes(), Path(relative).name)
    assert result.detected_format == fmt
    assert len(result.records) == count
    assert sum(r.is_star_only for r in result.records) == star_only
    assert len(result.problems) == problems, [str(p) for p in result.problems]
    assert all(r.received_at.utcoffset().total_seconds() == 0 for r in result.records)


def test_every_real_sample_file_is_listed() -> None:
    root = _shared("").resolve()
    files = {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and p.suffix in {".eml", ".mbox", ".csv", ".json", ".xlsx"}
    }
    expected = set(REAL_SAMPLES) | {"email_eml/mail_bad_date_header.eml"}
    assert files == expected


def test_real_message_without_any_body_is_an_ingest_error() -> None:
    data = _shared("email_eml/mail_bad_date_header.eml").read_bytes()
    with pytest.raises(IngestError, match="no text of its own"):
        read_bytes(data, "mail_bad_date_header.eml")


def test_real_google_play_keeps_dutch_review_and_link_id() -> None:
    result = read_bytes(
        _shared("google_play/reviews_org.kiwix.kiwixmobile_201609.csv").read_bytes(), "p.csv"
    )
    with_text = [r for r in result.records if not r.is_star_only]
    assert all(r.source_record_id.startswith("gp:") for r in with_text if r.url)
    reviews = [r for r in result.records if r.direction == "inbound"]
    replies = [r for r in result.records if r.direction == "outbound"]
    assert all(r.rating_scale_max == 5 for r in reviews)
    # developer replies are outbound items in the review's thread, without a rating
    assert len(replies) == 78 and all(r.rating is None for r in replies)
    assert {r.thread_id for r in replies} <= {r.thread_id for r in reviews}


def _truth() -> list[dict[str, str]]:
    with gzip.open(SAMPLE_DATA / "truth.csv.gz", "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


SAMPLE_FILES = sorted({row["file"] for row in _truth()})
SAMPLE_FORMATS = {
    "klantenservice.mbox": "mbox",
    "klanttevredenheid_export.csv": "generic_csv",
    "reviews_nl.voorbeeldshop.app_2026.csv": "google_play",
    "trustpilot_reviews.csv": "trustpilot",
    "zendesk_tickets.json": "zendesk_json",
}


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_data_file_matches_truth(name: str) -> None:
    truth = {row["item_id"]: row for row in _truth() if row["file"] == name}
    (result,) = read_path(SAMPLE_DATA / name)
    assert result.problems == ()
    assert result.detected_format == SAMPLE_FORMATS[name]
    by_id = {r.id: r for r in result.records}
    assert set(by_id) == set(truth)
    for item_id, row in truth.items():
        record = by_id[item_id]
        assert record.channel == row["channel"]
        year, week, _ = record.received_at.isocalendar()
        assert f"{year}-W{week:02d}" == row["week"]
        assert record.is_star_only == (row["theme"] == "")
    languages = Counter(by_id[i].language == row["language"] for i, row in truth.items())
    assert languages[True] / len(truth) >= 0.95


def test_sample_data_has_no_personal_data_left_in_text() -> None:
    (result,) = read_path(SAMPLE_DATA / "klantenservice.mbox")
    texts = " ".join(r.text for r in result.records)
    assert "@example." not in texts
    assert "[IBAN]" in texts and "[PHONE]" in texts and "[EMAIL]" in texts
    assert all(len(r.author_pseudonym) == 16 for r in result.records)
