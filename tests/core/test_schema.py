from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pandas as pd
import pytest

from ingest.errors import KlantstemError, RecordError
from ingest.schema import RECORD_COLUMNS, RECORD_DTYPES, Problem, make_record_id, records_to_frame
from tests.conftest import make_record


def test_valid_record_round_trips_to_frame_with_fixed_dtypes():
    frame = records_to_frame(
        [make_record(1), make_record(2, rating=4.0, rating_scale_min=1.0, rating_scale_max=5.0)]
    )
    assert tuple(frame.columns) == RECORD_COLUMNS
    assert {c: str(t) for c, t in frame.dtypes.items()} == {
        c: str(pd.Series([], dtype=d).dtype) for c, d in RECORD_DTYPES.items()
    }
    assert frame["received_at"].dt.tz is not None
    assert frame.loc[1, "rating"] == 4.0
    assert pd.isna(frame.loc[0, "rating"])


def test_empty_frame_has_contract_columns():
    assert tuple(records_to_frame([]).columns) == RECORD_COLUMNS


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        pytest.param({"text": "   "}, "text", "'   '", id="empty-text"),
        pytest.param(
            {"received_at": datetime(2026, 1, 1, 12, 0)},
            "received_at",
            "2026-01-01T12:00:00",
            id="naive-datetime",
        ),
        pytest.param(
            {"received_at": datetime(2026, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=1)))},
            "received_at",
            "+01:00",
            id="non-utc-datetime",
        ),
        pytest.param({"channel": "fax"}, "channel", "'fax'", id="unknown-channel"),
        pytest.param(
            {"rating": 6.0, "rating_scale_min": 1.0, "rating_scale_max": 5.0},
            "rating",
            "6.0",
            id="rating-out-of-scale",
        ),
        pytest.param({"rating": 3.0}, "rating", "scale is missing", id="rating-without-scale"),
        pytest.param({"raw": "{not json"}, "raw", "JSON", id="raw-not-json"),
    ],
)
def test_invalid_record_is_rejected_naming_field_and_value(changes, field, value):
    with pytest.raises(RecordError) as info:
        make_record(1, **changes)
    message = str(info.value)
    assert f"'{field}'" in message
    assert value in message
    assert "fixture.csv line 3" in message
    assert isinstance(info.value, KlantstemError)


def test_star_only_record_may_have_empty_text():
    record = make_record(
        1, text=None, is_star_only=True, rating=5.0, rating_scale_min=1.0, rating_scale_max=5.0
    )
    record = record.replace(text="")
    assert record.text == "" and record.rating_normalized == 1.0


def test_record_is_frozen():
    record = make_record(1)
    with pytest.raises(AttributeError):
        record.text = "changed"  # type: ignore[misc]


def test_record_id_is_stable_and_distinguishes_sources():
    assert make_record_id("trustpilot", "42") == make_record_id("trustpilot", "42")
    assert make_record_id("trustpilot", "42") != make_record_id("google_play", "42")
    assert make_record_id("zendesk", "42", 1) != make_record_id("zendesk", "42", 0)


def test_problem_reads_as_file_and_line():
    assert (
        str(Problem("reviews.csv", 14, "rating must be 1-5, got '6'."))
        == "reviews.csv line 14: rating must be 1-5, got '6'."
    )
    assert str(Problem("x.bin", 0, "unreadable")) == "x.bin: unreadable"


def test_utc_now_is_accepted():
    assert make_record(1, received_at=datetime.now(UTC)).received_at.tzinfo is not None
