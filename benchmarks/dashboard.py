"""Dashboard speed at scale: every page with Streamlit's AppTest on a synthetic 100k-item
workspace, then the first visit in a real browser against a minimal Streamlit page.

    .venv/bin/python benchmarks/dashboard.py                 # 100k items, reuses the files
    .venv/bin/python benchmarks/dashboard.py --items 20000 --rebuild
    .venv/bin/python benchmarks/dashboard.py --skip-apptest  # only the browser part

1. **Pages** (AppTest): seconds per page, first render with empty caches, then again.
   Target: every page <= 1 s warm.
2. **First visit** (Chromium through Playwright, Debian's ``/usr/bin/chromium``): the real
   ``klantstem dashboard`` server on a 3k and a 100k workspace, and a minimal Streamlit app
   (a title and one plotly bar chart) with the same server flags, measured alternately in the
   same run. One figure is the time from ``page.goto`` in a fresh browser context until the
   page is drawn: its heading shown, the first plotly chart rendered and Streamlit's "running"
   widget gone. "first" is the first visit after the server started (the script's imports and
   empty caches included: what someone running ``klantstem dashboard`` waits for); "again" is
   a new visitor on the running server. Targets: dashboard / minimal <= 1.5x at 3k items and
   <= 2x at 100k.

The workspaces are written with SQL straight into the tables (items, themes, assignments,
sentiment, 16-d cached vectors of the ``fake`` embedder), so building takes seconds; the
pages run the same queries they run on real data. Timings on a shared machine: compare the
figures of one run with each other, not with another run's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import CHROMIUM_ARGS  # noqa: E402
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


MINIMAL_APP = """
import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c", "d"], y=[3, 1, 4, 1])))
"""

from klantstem_cli import SERVER_FLAGS  # noqa: E402  (both servers set up alike)

DRAWN = """() => {
    const heading = document.querySelector('h1');
    const chart = document.querySelector('.js-plotly-plot');
    const traces = chart === null ? null : chart.querySelector('.main-svg .trace');
    const running = document.querySelector('[data-testid="stStatusWidget"]');
    return heading !== null && heading.offsetParent !== null && heading.textContent.length > 0
        && traces !== null && running === null;
}"""
"""The page is drawn: a visible heading, plotly has drawn the first chart's traces, and
Streamlit's "running" widget is gone (the script run has finished)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(command: list[str], env: dict[str, str], port: int) -> Iterator[str]:
    """Run a Streamlit server until the block ends; yields its URL once it answers."""
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        command,
        env=env,
        cwd=env.get("PYTHONPATH", ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server {' '.join(command[:4])} did not start")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        try:
            os.killpg(process.pid, 15)
            process.wait(timeout=15)
        except ProcessLookupError:  # it never started, or stopped on its own
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


App = tuple[list[str], dict[str, str], int]
"""A server's command line, environment and port."""


def dashboard_command(workspace: Path, port: int, root: Path = ROOT) -> App:
    """``klantstem dashboard`` from the checkout ``root`` (PYTHONPATH first, not the installed
    copy)."""
    env = dict(os.environ, KLANTSTEM_LANG="en", PYTHONPATH=str(root))
    command = [sys.executable, "-m", "klantstem_cli", "dashboard", "--workspace", str(workspace)]
    return [*command, "--port", str(port)], env, port


def minimal_command(script: Path, port: int) -> App:
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    return [*command, *SERVER_FLAGS], dict(os.environ), port


def time_visit(browser: object, url: str) -> float:
    """Seconds from ``goto`` in a fresh browser context (no cache, no cookies) to drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_function(DRAWN, polling="raf", timeout=90_000)
        return time.perf_counter() - started
    finally:
        context.close()


def first_visits(
    browser: object, apps: dict[str, App], repeat: int
) -> dict[str, tuple[list[float], list[float]]]:
    """Per app: first visits after a fresh server start, and new visitors on that server.

    The apps take turns within each repetition, so load on the machine hits both alike.
    """
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in apps}
    for _ in range(repeat):
        for name, (command, env, port) in apps.items():
            with serving(command, env, port) as url:
                first = time_visit(browser, url)
                again = time_visit(browser, url)
            times[name][0].append(first)
            times[name][1].append(again)
            print(f"  {name:<16} first {first:5.2f} s, again {again:5.2f} s", flush=True)
    return times


def browser_benchmark(sizes: list[int], repeat: int, baseline: Path | None = None) -> None:
    """Print the first-visit figures of the dashboard at ``sizes`` and of the minimal app."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("No chromium on PATH: `make browser` installs Debian's.")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "minimal_app.py"
        script.write_text(MINIMAL_APP)
        apps = {"minimal": minimal_command(script, free_port())}
        for items in sizes:
            path = ensure_workspace(bench_path(items), items, rebuild=False)
            if baseline is not None:
                apps[f"before {items // 1000}k"] = dashboard_command(path, free_port(), baseline)
            apps[f"dashboard {items // 1000}k"] = dashboard_command(path, free_port())
        print(f"\nFirst visit in Chromium, median of {repeat} (seconds from goto to drawn):")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
            try:
                time_visit_warmup(browser, apps["minimal"])
                times = first_visits(browser, apps, repeat)
            finally:
                browser.close()
    base_first = statistics.median(times["minimal"][0])
    base_again = statistics.median(times["minimal"][1])
    print(
        f"{'app':<16} {'first (s)':>10} {'again (s)':>10} {'first ratio':>12} {'again ratio':>12}"
    )
    for name, (first, again) in times.items():
        f, a = statistics.median(first), statistics.median(again)
        print(f"{name:<16} {f:>10.2f} {a:>10.2f} {f / base_first:>11.2f}x {a / base_again:>11.2f}x")
    for items in sizes:
        target = 1.5 if items <= 3_000 else 2.0
        name = f"dashboard {items // 1000}k"
        ratio = statistics.median(times[name][0]) / base_first
        verdict = "met" if ratio <= target else "MISSED"
        print(f"{name}: first visit {ratio:.2f}x the minimal page (target <= {target}x): {verdict}")
    spread = {name: f"{min(v[0]):.2f}-{max(v[0]):.2f}" for name, v in times.items()}
    print(f"first-visit range per app: {spread}")


def time_visit_warmup(browser: object, app: App) -> None:
    """One untimed visit, so neither app pays for Chromium's own first start."""
    command, env, port = app
    with serving(command, env, port) as url:
        time_visit(browser, url)


def bench_path(items: int) -> Path:
    return Path(tempfile.gettempdir()) / f"klantstem-bench-dashboard-{items}.duckdb"


def ensure_workspace(path: Path, items: int, rebuild: bool) -> Path:
    """``path`` holding ``items`` synthetic items (built unless it already does)."""
    stale = True
    if path.exists() and not rebuild:
        with Workspace.open(path, read_only=True) as ws:
            stale = int(ws.scalar("SELECT count(*) FROM items") or 0) != items
    if stale:
        started = time.perf_counter()
        build(path, items)
        print(f"built {items:,} items in {time.perf_counter() - started:.1f} s: {path}")
    return path


def pages_benchmark(path: Path, repeat: int, only: list[str] | None = None) -> None:
    """Print seconds per page with AppTest: empty caches, then warm (``only``: the cases
    whose page is one of these, e.g. ``["unsorted", "search"]``)."""
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
    if only:
        cases = [case for case in cases if case[0].split(":")[0] in only]
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
        again = statistics.median(render(page, **kwargs) for _ in range(repeat))
        worst = max(worst, again)
        print(f"{name:<18} {first:>15.2f} {again:>17.2f}")
    print(f"slowest warm page: {worst:.2f} s (target <= 1 s per page)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items for the AppTest pages")
    parser.add_argument("--workspace", type=Path, help="workspace for the AppTest pages")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="warm renders per page")
    parser.add_argument("--visits", type=int, default=5, help="first visits per app in the browser")
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[3_000, 100_000], help="browser workspaces"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a checkout of an earlier version (git worktree or git archive): its dashboard is "
        "measured beside this one, in the same run",
    )
    parser.add_argument(
        "--pages", nargs="+", help="AppTest only these pages (e.g. unsorted search)"
    )
    parser.add_argument("--skip-apptest", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()

    path = args.workspace or bench_path(args.items)
    if not args.skip_apptest:
        ensure_workspace(path, args.items, args.rebuild)
    if not args.skip_browser:
        if args.rebuild:
            for items in args.sizes:
                if bench_path(items) != path or args.skip_apptest:
                    build(bench_path(items), items)
        browser_benchmark(args.sizes, args.visits, args.baseline)
    if not args.skip_apptest:
        pages_benchmark(path, args.repeat, args.pages)


if __name__ == "__main__":
    main()
