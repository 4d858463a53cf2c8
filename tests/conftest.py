"""Shared fixtures: small record factories and throw-away workspaces (real DuckDB files)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ingest.schema import FeedbackRecord, make_record_id

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


def make_record(
    n: int, *, channel: str = "email", text: str | None = None, **changes: object
) -> FeedbackRecord:
    """A valid record numbered ``n``; weeks advance with ``n`` so trends have shape."""
    base = FeedbackRecord(
        id=make_record_id("test", str(n)),
        source_system="test",
        source_record_id=str(n),
        channel=channel,
        received_at=datetime(2026, 6, 1, 9, 0, tzinfo=UTC) + timedelta(days=n % 120),
        text=text or f"The parcel arrived late, order {n}",
        source_file="fixture.csv",
        source_row=n + 2,
        language="en",
    )
    return base.replace(**changes) if changes else base


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "ws.duckdb"


@pytest.fixture(scope="session", autouse=True)
def _close_cached_workspaces():
    """Drop the dashboard's cached resources (loaded embedders), so the run ends cleanly."""
    yield
    import gc

    import streamlit as st

    st.cache_resource.clear()
    gc.collect()
