"""Shared fixtures: generated feedback (no downloads) and temporary workspaces."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ingest.schema import FeedbackRecord, make_record_id

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

# Each synthetic theme has its own vocabulary, so even the weightless TF-IDF embedder
# separates them; sentences vary in wording and order.
VOCAB = {
    "delivery": ["package", "courier", "parcel", "delivery", "tracking", "shipment", "arrived"],
    "invoice": ["invoice", "billing", "charged", "amount", "vat", "receipt", "bill"],
    "app": ["app", "login", "crash", "password", "screen", "update", "freezes"],
    "staff": ["friendly", "helpful", "employee", "colleague", "kind", "patient", "advice"],
    "refund": ["refund", "money", "returned", "reimbursed", "return", "repayment", "back"],
}


def synthetic_texts(n_per_theme: int, seed: int = 0) -> list[tuple[str, str]]:
    """(theme, text) pairs."""
    rng = random.Random(seed)
    out = []
    for theme, words in VOCAB.items():
        for _ in range(n_per_theme):
            picked = rng.sample(words, 4)
            out.append(
                (
                    theme,
                    f"the {picked[0]} {picked[1]} and {picked[2]} {picked[3]} {rng.randint(0, 9999)}",
                )
            )
    return out


def make_records(pairs: list[tuple[str, str]], start: int = 0) -> list[FeedbackRecord]:
    base = datetime(2026, 9, 7, tzinfo=UTC)
    return [
        FeedbackRecord(
            id=make_record_id("test", str(start + i)),
            source_system="test",
            channel="review" if i % 2 else "email",
            received_at=base + timedelta(hours=7 * (start + i)),
            text=text,
            source_file="synthetic",
            source_row=start + i + 1,
            language="en",
            rating=float(1 + (start + i) % 5),
            rating_scale_min=1.0,
            rating_scale_max=5.0,
        )
        for i, (_, text) in enumerate(pairs)
    ]


@pytest.fixture
def workspace(tmp_path):
    from workspace.db import Workspace

    with Workspace.open(tmp_path / "ws.duckdb") as ws:
        yield ws
