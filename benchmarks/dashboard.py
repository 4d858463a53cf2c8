"""Dashboard speed at scale: build a synthetic 100k-item workspace, render every page with
Streamlit's AppTest and print seconds per page (first render with empty caches, then again).

    .venv/bin/python benchmarks/dashboard.py                 # 100k items, reuses the file
    .venv/bin/python benchmarks/dashboard.py --items 20000 --rebuild

The workspace is written with SQL straight into the tables (items, themes, assignments,
sentiment, 16-d cached vectors of the ``fake`` embedder), so building takes seconds; the
pages run the same queries they run on real data. Target: every page <= 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workspace.db import Workspace  # noqa: E402

THEMES = 40
DIM = 16
CHANNELS = ["email", "review", "app_review", "ticket", "survey"]
WORDS = [
    "levering",
    "factuur",
    "app",
    "inloggen",
    "retour",
    "terugbetaling",
    "kwaliteit",
    "prijs",
    "klantenservice",
    "bezorger",
    "pakket",
    "betaling",
    "korting",
    "account",
    "wachtwoord",
    "delivery",
    "invoice",
    "refund",
    "quality",
    "price",
    "support",
    "parcel",
    "payment",
    "discount",
    "password",
    "crash",
    "update",
    "order",
    "size",
    "colour",
]


def build(path: Path, items: int) -> None:
    """Write ``items`` synthetic inbound items with themes, sentiment and vectors."""
    path.unlink(missing_ok=True)
    words = "[" + ", ".join(f"'{w}'" for w in WORDS) + "]"
    channels = "[" + ", ".join(f"'{c}'" for c in CHANNELS) + "]"
    with Workspace.open(path) as ws, ws.transaction() as con:
        con.execute("SELECT setseed(0.42)")
        con.execute(
            "INSERT INTO import_batches VALUES (1, 'bench.csv', '', now(), 'bench', ?, 0, 0)",
            [items],
        )
        # Theme k of item i: skewed so a few themes are large, like real feedback.
        con.execute(
            f"""
            CREATE TEMP TABLE plan AS
            SELECT i, CAST(floor({THEMES} * pow(random(), 1.7)) AS INTEGER) + 1 AS theme,
                   random() < 0.05 AS unsorted,
                   {channels}[1 + CAST(floor(5 * pow(random(), 1.3)) AS INTEGER)] AS channel,
                   TIMESTAMPTZ '2025-01-06 08:00:00+00' + to_seconds(CAST(
                       floor(random() * 78 * 7 * 86400) AS BIGINT)) AS received_at,
                   CASE WHEN random() < 0.6 THEN 'nl' ELSE 'en' END AS language
            FROM range({items}) r(i)
            """
        )
        con.execute(
            f"""
            INSERT INTO items
            SELECT md5('bench' || i), 'bench', CAST(i AS VARCHAR), channel, 'inbound',
                   received_at, FALSE, '', '',
                   {words}[1 + (theme * 7) % 30] || ' ' || {words}[1 + (theme * 11) % 30] || ' '
                     || {words}[1 + CAST(floor(random() * 30) AS INTEGER)]
                     || ' klacht nummer ' || CAST(i AS VARCHAR),
                   language,
                   CASE WHEN channel IN ('review', 'app_review') THEN 1 + floor(random() * 5) END,
                   CASE WHEN channel IN ('review', 'app_review') THEN 1 END,
                   CASE WHEN channel IN ('review', 'app_review') THEN 5 END,
                   FALSE, '', '', 'bench.csv', i + 2, '{{}}',
                   md5('text' || CAST(i AS VARCHAR)), 1
            FROM plan
            """
        )
        con.execute(
            f"""
            INSERT INTO themes (theme_id, label, label_en, label_nl, keywords, centroid, size,
                                status, created_at, updated_at, model_id)
            SELECT k, w1 || ', ' || w2, w1 || ' and ' || w2, w1 || ' en ' || w2,
                   '["' || w1 || '", "' || w2 || '"]',
                   list_transform(range({DIM}), lambda x: CAST(random() - 0.5 AS FLOAT)), 0, 'active',
                   now(), now(), 'fake-{DIM}'
            FROM (SELECT k, {words}[1 + (k * 7) % 30] AS w1, {words}[1 + (k * 11) % 30] AS w2
                  FROM range(1, {THEMES + 1}) r(k))
            """
        )
        con.execute(
            """
            INSERT INTO assignments
            SELECT md5('bench' || i), CASE WHEN unsorted THEN NULL ELSE theme END,
                   CASE WHEN unsorted THEN NULL ELSE 0.5 + random() / 2 END,
                   CASE WHEN unsorted THEN 'unsorted' ELSE 'nearest' END
            FROM plan
            """
        )
        con.execute(
            "INSERT INTO item_sentiment SELECT md5('bench' || i), 2 * random() - 1, 'bench' FROM plan"
        )
        con.execute(
            f"""
            INSERT INTO embeddings
            SELECT 'fake-{DIM}', md5('text' || CAST(i AS VARCHAR)),
                   list_transform(range({DIM}), lambda x: CAST(random() - 0.5 AS FLOAT))
            FROM plan
            """
        )
        con.execute(
            "UPDATE themes SET size = (SELECT count(*) FROM assignments a "
            "WHERE a.theme_id = themes.theme_id)"
        )
        ws.set_setting("embedder", "fake", con)
        ws.bump_data_version(con)
    with Workspace.open(path) as ws:  # checkpoint so page timings do not include the WAL
        ws.cursor().execute("CHECKPOINT")


def page_script(start: str) -> None:
    from dashboard.app import main

    main(start)


def render(page: str, *, query: str = "", mode: str = "") -> float:
    """Seconds for one AppTest session to render ``page`` (and run a search when given)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(page_script, args=(page,), default_timeout=120)
    started = time.perf_counter()
    at.run()
    if query:
        started = time.perf_counter()  # time the search itself, not the empty page
        at.text_input(key="search_query").set_value(query)
        at.radio(key="search_mode_en").set_value(mode)  # KLANTSTEM_LANG=en below
        at.button[0].click().run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].value}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument(
        "--workspace",
        type=Path,
        default=Path(tempfile.gettempdir()) / "klantstem-bench-dashboard.duckdb",
    )
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="warm renders per page")
    args = parser.parse_args()

    path = args.workspace
    stale = True
    if path.exists() and not args.rebuild:
        with Workspace.open(path, read_only=True) as ws:
            stale = int(ws.scalar("SELECT count(*) FROM items") or 0) != args.items
    if stale:
        started = time.perf_counter()
        build(path, args.items)
        print(f"built {args.items:,} items in {time.perf_counter() - started:.1f} s: {path}")
    os.environ["KLANTSTEM_WORKSPACE"] = str(path)
    os.environ["KLANTSTEM_LANG"] = "en"

    from streamlit.logger import set_log_level

    set_log_level("error")
    cases = [
        ("overview", {}),
        ("themes", {}),
        ("theme", {}),
        ("trends", {}),
        ("unsorted", {}),
        ("search", {}),
        ("search: keyword", {"query": "levering", "mode": "keyword"}),
        ("search: semantic", {"query": "pakket te laat", "mode": "semantic"}),
        ("upload", {}),
        ("summary", {}),
    ]
    import streamlit as st

    # The first render in a process imports Streamlit, plotly (its first figure loads its
    # validators), pandas and the app: once per server start. Time it apart, then clear the
    # caches, so the page figures are about the pages.
    print(f"process warm-up (imports, first session, first figure): {render('overview'):.2f} s")
    print(f"{'page':<18} {'cold cache (s)':>15} {'warm, median (s)':>17}")
    worst = 0.0
    for name, kwargs in cases:
        page = name.split(":")[0]
        st.cache_data.clear()  # every query of this page runs against DuckDB
        first = render(page, **kwargs)
        again = statistics.median(render(page, **kwargs) for _ in range(args.repeat))
        worst = max(worst, first, again)
        print(f"{name:<18} {first:>15.2f} {again:>17.2f}")
    print(f"slowest: {worst:.2f} s (target <= 1 s per page)")


if __name__ == "__main__":
    main()
