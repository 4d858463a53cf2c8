"""Weekly summary speed on a 100k-item workspace: ``python benchmarks/summary.py [--items N]``.

Builds a synthetic workspace with SQL (items over a year, 40 themes, assignments, sentiment;
one theme spiking in one channel in the last week), then times ``weekly_summary`` and each
renderer. Target: summary + all four formats in <= 5 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.summary_render import FORMATS  # noqa: E402
from workspace.db import Workspace  # noqa: E402
from workspace.summary import render_summary, weekly_summary  # noqa: E402

CHANNELS = np.array(["email", "review", "app_review", "ticket", "survey"])


def build(path: Path, n_items: int, n_themes: int = 40, seed: int = 7) -> str:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2025-11-24", tz="UTC")  # a Monday; 52 weeks to 2026-11-22
    seconds = rng.integers(0, 52 * 7 * 86400, n_items)
    received = start + pd.to_timedelta(seconds, unit="s")
    theme = rng.integers(0, n_themes, n_items)
    channel = CHANNELS[rng.integers(0, len(CHANNELS), n_items)]
    last_week = received >= start + pd.Timedelta(weeks=51)
    spike = rng.random(n_items) < 0.04
    theme[last_week & spike] = 3
    channel[last_week & spike] = "app_review"
    ids = [f"bench{i:07d}" for i in range(n_items)]
    items = pd.DataFrame(
        {
            "id": ids,
            "source_system": "bench",
            "source_record_id": ids,
            "channel": channel,
            "direction": "inbound",
            "received_at": received,
            "received_at_tz_assumed": False,
            "author_pseudonym": "",
            "subject": "",
            "text": [
                f"Feedback {i} about theme {t}: delivery, invoice or app."
                for i, t in zip(range(n_items), theme, strict=True)
            ],
            "language": "en",
            "rating": None,
            "rating_scale_min": None,
            "rating_scale_max": None,
            "is_star_only": False,
            "thread_id": "",
            "url": "",
            "source_file": "bench.csv",
            "source_row": np.arange(n_items),
            "raw": "{}",
            "text_hash": ids,
            "batch_id": 1,
        }
    )
    unsorted = rng.random(n_items) < 0.04
    assignments = pd.DataFrame(
        {
            "item_id": ids,
            "theme_id": pd.array(np.where(unsorted, -1, theme + 1), dtype="Int64"),
            "similarity": rng.random(n_items),
            "method": "bench",
        }
    )
    assignments.loc[unsorted, "theme_id"] = pd.NA
    sentiment = pd.DataFrame(
        {"item_id": ids, "sentiment": rng.uniform(-1, 1, n_items), "source": "bench"}
    )
    now = pd.Timestamp("2026-11-23", tz="UTC")
    themes = pd.DataFrame(
        {
            "theme_id": np.arange(1, n_themes + 1),
            "label": [f"theme {k}" for k in range(1, n_themes + 1)],
            "label_en": [f"Theme {k}" for k in range(1, n_themes + 1)],
            "label_nl": [f"Thema {k}" for k in range(1, n_themes + 1)],
            "created_at": now,
            "updated_at": now,
        }
    )
    with Workspace.open(path) as ws, ws.transaction() as con:
        for name, frame in (
            ("b_items", items),
            ("b_assign", assignments),
            ("b_sent", sentiment),
            ("b_themes", themes),
        ):
            con.register(name, frame)
        con.execute("INSERT INTO items SELECT * FROM b_items")
        con.execute("INSERT INTO assignments SELECT * FROM b_assign")
        con.execute("INSERT INTO item_sentiment SELECT * FROM b_sent")
        con.execute(
            "INSERT INTO themes (theme_id, label, label_en, label_nl, created_at, updated_at) "
            "SELECT * FROM b_themes"
        )
    return "2026-W47"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        week = build(path, args.items)
        print(f"built {args.items} items in {time.perf_counter() - t0:.1f} s")
        with Workspace.open(path, read_only=True) as ws:
            for run in range(2):
                t0 = time.perf_counter()
                summary = weekly_summary(ws, week)
                build_s = time.perf_counter() - t0
                total = build_s
                parts = []
                for fmt in FORMATS:
                    for lang in ("en", "nl"):
                        t1 = time.perf_counter()
                        data = render_summary(summary, fmt, lang)
                        elapsed = time.perf_counter() - t1
                        if lang == "en":
                            total += elapsed
                            parts.append(f"{fmt} {elapsed * 1000:.0f} ms ({len(data) // 1024} KiB)")
                print(
                    f"run {run + 1}: weekly_summary {build_s:.2f} s ({summary.total.items} items "
                    f"in {summary.week}, {len(summary.spikes)} spikes); "
                    + "; ".join(parts)
                    + f"; summary + 4 formats {total:.2f} s (target <= 5 s)"
                )
        spiking = [(summary.theme(s.theme_id).label_en, s.channel) for s in summary.spikes]
        print(f"spikes found: {spiking}")


if __name__ == "__main__":
    main()
