"""Every dashboard page, first and second visit, in a real headless Chromium; then where a
cold page's server time goes.

    .venv/bin/python benchmarks/dashboard_visit.py                       # demo + 100k
    .venv/bin/python benchmarks/dashboard_visit.py --workspaces demo     # one of them
    .venv/bin/python benchmarks/dashboard_visit.py --skip-browser        # breakdown only
    .venv/bin/python benchmarks/dashboard_visit.py --baseline /tmp/main  # an earlier checkout
                                                                         # beside this one

Workspaces (built once, reused):

* ``demo``: ``klantstem demo --build-only`` (the product's demo data, ~3k items), copied to
  ``/tmp/speed/demo.duckdb``.
* ``100k``: banking77_train texts resampled to 100,000 items with a number appended, as in
  ``benchmarks/themes_scale.py`` (vectors: the cached MiniLM vector of the source text plus
  small noise, from ``benchmarks/out``), spread over five channels and the 78 weeks before
  today, then refreshed for real: themes, main themes, names and sentiment as a manager's
  workspace has them. ``/tmp/speed/bench-100k.duckdb``; building takes a few minutes.

**Visits.** Per workspace a fresh ``klantstem dashboard`` server (its start timed from the
process spawn until ``/_stcore/health`` answers), then per page, in menu order: a *first
visit* (a fresh browser context, the first time this server renders that page: its view's
imports and its queries' empty caches included; the Overview's first visit also pays the
server's first script run) and a *second visit* (another fresh context on the same URL:
cached queries). A visit is timed from ``page.goto`` to *drawn*: Streamlit's script state
is ``notRunning``, the "running" widget is gone, every plotly chart on the page has drawn
its SVG, and all this holds for 300 ms (a rerun Streamlit starts after the first run is
waited for); the figure is the page's own clock at the moment that state began.

**Breakdown** (``--skip-browser`` runs only this): per page with Streamlit's AppTest in one
process, the first render with empty caches split into the workspace queries
(``dashboard/data.py``'s wrapped functions, timed where they run), the plotly figures
(``dashboard/figures.py``) and the rest (Streamlit, the view), with the number of SQL
statements run (cold and warm: a count, not a clock, so it holds on a busy machine); and the
Python imports of a fresh process. To compare with an earlier checkout, run its copy of this
script (``--baseline`` covers the browser part only). ``--profile PAGE`` prints that page's top cProfile entries.

The machine is shared: compare the figures of one run with each other (``--baseline``
measures an earlier checkout alternately in the same run), and read the load average printed
with them.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = Path(tempfile.gettempdir()) / "speed"
BANKING = ROOT.parent / "shared" / "eval" / "banking77_train" / "train.csv"
VECTORS = ROOT / "benchmarks" / "out" / "banking77_train_minilm.npy"
CHANNELS = ("email", "review", "app_review", "ticket", "survey")

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGES = ("", "themes", "theme", "trends", "summary", "search", "unsorted", "upload")
"""URL paths in visiting order ("" is the Overview, the default page)."""

DRAWN = """(quietMs) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    const drawn = app !== null && app.dataset.testScriptState === 'notRunning'
        && document.querySelector('[data-testid="stStatusWidget"]') === null
        && document.querySelector('h1') !== null
        && charts.every((c) => c.querySelector('.main-svg') !== null);
    if (!drawn) { window.__drawnSince = null; return false; }
    window.__drawnSince ??= performance.now();
    return performance.now() - window.__drawnSince >= quietMs;
}"""
"""The page is drawn and stays drawn for ``quietMs`` (see the module docstring)."""


# -- workspaces --------------------------------------------------------------------------------
def demo_workspace(rebuild: bool) -> Path:
    path = OUT / "demo.duckdb"
    if rebuild or not path.exists():
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            subprocess.run(
                [sys.executable, "-m", "klantstem_cli", "demo", "--build-only", "--rebuild"],
                cwd=tmp,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            OUT.mkdir(parents=True, exist_ok=True)
            shutil.copy(Path(tmp) / "demo.duckdb", path)
        print(f"built the demo workspace in {time.perf_counter() - started:.0f} s: {path}")
    return path


def large_workspace(items: int, rebuild: bool) -> Path:
    path = OUT / f"bench-{items // 1000}k.duckdb"
    if rebuild or not path.exists():
        started = time.perf_counter()
        OUT.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".building")
        partial.unlink(missing_ok=True)
        build_large(partial, items)
        partial.rename(path)
        print(f"built {items:,} items in {time.perf_counter() - started:.0f} s: {path}")
    return path


def build_large(path: Path, items: int) -> None:
    """``items`` banking77-like items over five channels and 78 weeks, refreshed for real."""
    import numpy as np
    import pandas as pd

    from analysis.embedders import PrecomputedEmbedder, get_embedder
    from analysis.subject_text import subject_text
    from ingest.schema import FeedbackRecord, make_record_id
    from workspace.db import Workspace
    from workspace.imports import import_records
    from workspace.refresh import refresh_themes
    from workspace.vectors import ensure_vectors, text_items

    if not VECTORS.exists():
        raise SystemExit(f"{VECTORS} is missing: `python benchmarks/themes_scale.py` makes it.")
    base = pd.read_csv(BANKING)["text"].tolist()
    source = np.load(VECTORS)
    rng = np.random.default_rng(0)
    pick = rng.integers(0, len(base), items)
    texts = [f"{base[p]} (#{i})" for i, p in enumerate(pick)]
    vectors = source[pick] + 0.02 * rng.standard_normal((items, source.shape[1])).astype(np.float32)
    channel = rng.choice(len(CHANNELS), items, p=[0.35, 0.25, 0.15, 0.15, 0.10])
    stars = rng.integers(1, 6, items)
    end = datetime.now(UTC).replace(microsecond=0)
    step = timedelta(weeks=78) / items
    records = []
    for i, text in enumerate(texts):
        name = CHANNELS[channel[i]]
        rated = name in ("review", "app_review")
        records.append(
            FeedbackRecord(
                id=make_record_id("bench", str(i)),
                source_system="bench",
                channel=name,
                received_at=end - step * (items - i),
                text=text,
                source_file="bench.csv",
                source_row=i + 2,
                language="en",
                rating=float(stars[i]) if rated else None,
                rating_scale_min=1.0 if rated else None,
                rating_scale_max=5.0 if rated else None,
            )
        )
    with Workspace.open(path) as ws:
        import_records(ws, records, file_name="bench.csv")
        cache = PrecomputedEmbedder(
            dict(zip([subject_text(t) for t in texts], vectors, strict=True)),
            model_id=get_embedder("minilm").model_id,
        )
        ensure_vectors(ws, cache, text_items(ws))
        refresh_themes(ws, cache)
        ws.set_setting("embedder", "minilm")
        ws.cursor().execute("CHECKPOINT")


def first_theme(path: Path) -> int:
    from workspace.db import Workspace

    with Workspace.open(path, read_only=True) as ws:
        return int(
            ws.scalar(
                "SELECT theme_id FROM themes WHERE status = 'active' ORDER BY size DESC LIMIT 1"
            )
        )


# -- browser -----------------------------------------------------------------------------------
def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f}"


@contextmanager
def dashboard(workspace: Path, root: Path) -> Iterator[tuple[str, float]]:
    """``klantstem dashboard`` from the checkout ``root``; yields its URL and the seconds from
    the spawn until it answers."""
    from tests.browser.conftest import free_port

    port = free_port()
    env = dict(os.environ, KLANTSTEM_LANG="en", PYTHONPATH=str(root))
    command = [sys.executable, "-m", "klantstem_cli", "dashboard", "--workspace", str(workspace)]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the dashboard on {workspace} did not start")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.05)
        yield url, time.perf_counter() - started
    finally:
        try:
            os.killpg(process.pid, 15)
            process.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


def visit(browser: Any, url: str) -> float:
    """Seconds from ``goto`` in a fresh browser context to drawn (see :data:`DRAWN`)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        started = time.time()
        page.goto(url)
        page.wait_for_function(DRAWN, arg=300, polling="raf", timeout=120_000)
        drawn_ms = page.evaluate("performance.timeOrigin + window.__drawnSince")
        return float(drawn_ms) / 1000 - started
    finally:
        context.close()


def page_urls(url: str, theme: int) -> list[tuple[str, str]]:
    return [
        (path or "overview", f"{url}/{path}" + (f"?theme={theme}" if path == "theme" else ""))
        for path in PAGES
    ]


Visits = dict[str, tuple[list[float], list[float]]]


def visit_pages(browser: Any, workspace: Path, root: Path, times: Visits, starts: list[float]):
    theme = first_theme(workspace)
    with dashboard(workspace, root) as (url, started):
        starts.append(started)
        for name, address in page_urls(url, theme):
            first = visit(browser, address)
            again = visit(browser, address)
            times[name][0].append(first)
            times[name][1].append(again)


def browser_benchmark(workspaces: dict[str, Path], roots: dict[str, Path], repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: `make browser` installs Debian's.")
    results: dict[tuple[str, str], tuple[Visits, list[float]]] = {}
    loads: list[str] = [load()]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            # Chromium's own first start is nobody's first visit.
            first_ws = next(iter(workspaces.values()))
            with dashboard(first_ws, next(iter(roots.values()))) as (url, _):
                visit(browser, url)
            for round_ in range(repeat):
                for ws_name, path in workspaces.items():
                    for root_name, root in roots.items():
                        times, starts = results.setdefault(
                            (ws_name, root_name), (defaultdict(lambda: ([], [])), [])
                        )
                        visit_pages(browser, path, root, times, starts)
                        print(f"  round {round_ + 1}: {ws_name} / {root_name} done ({load()})")
                loads.append(load())
        finally:
            browser.close()
    print(f"\nVisits in Chromium, median of {repeat}, seconds from goto to drawn; {loads}")
    for ws_name in workspaces:
        names = list(roots)
        header = "".join(f" {n + ' first':>14} {n + ' again':>14}" for n in names)
        print(f"\n{ws_name} workspace\n{'page':<10}{header}")
        for page in [p or "overview" for p in PAGES]:
            cells = ""
            for root_name in names:
                first, again = results[(ws_name, root_name)][0][page]
                cells += f" {statistics.median(first):>14.2f} {statistics.median(again):>14.2f}"
            print(f"{page:<10}{cells}")
        starts = "".join(
            f" {statistics.median(results[(ws_name, n)][1]):>14.2f} {'':>14}" for n in names
        )
        print(f"{'server up':<10}{starts}")


# -- breakdown ---------------------------------------------------------------------------------
class Clock:
    """Seconds spent in wrapped functions, by kind; nested calls of one kind count once."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self.calls: dict[str, float] = defaultdict(float)
        self.depth: dict[str, int] = defaultdict(int)

    def wrap(self, kind: str, fn: Callable[..., Any], name: str) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.depth[kind] += 1
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.depth[kind] -= 1
                if self.depth[kind] == 0:
                    spent = time.perf_counter() - started
                    self.totals[kind] += spent
                    self.calls[name] += spent

        return timed

    def count(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.statements += 1
            return fn(*args, **kwargs)

        return counted

    statements = 0
    """SQL statements run (not a clock: the same on a busy machine)."""

    def reset(self) -> None:
        self.totals.clear()
        self.calls.clear()
        self.statements = 0


def instrument() -> Clock:
    """Time every workspace query the dashboard caches and every figure it builds."""
    import inspect

    from dashboard import data, figures
    from workspace import db

    clock = Clock()
    db.Workspace.query_df = clock.count(db.Workspace.query_df)  # type: ignore[method-assign]
    db.fetch_value = clock.count(db.fetch_value)  # scalar() and every setting read
    for key, fn in list(data._FUNCTIONS.items()):
        data._FUNCTIONS[key] = clock.wrap("queries", fn, key.split(".", 1)[1])
    for name, fn in inspect.getmembers(figures, inspect.isfunction):
        if fn.__module__ == figures.__name__ and not name.startswith("_"):
            setattr(figures, name, clock.wrap("figures", fn, f"figures.{name}"))
    return clock


PROFILER = "klantstem_visit_profiler"
"""``sys``'s attribute holding a profiler while ``--profile``'s page renders: the script
thread enables it (AppTest runs the script in a thread of its own, which a profiler on the
main thread does not see, and as a module of its own named ``__main__``)."""


def page_script(start: str) -> None:
    import sys

    from dashboard.app import main

    profiler = getattr(sys, "klantstem_visit_profiler", None)
    if profiler is not None:
        profiler.enable()
    try:
        main(start)
    finally:
        if profiler is not None:
            profiler.disable()


def render(page: str, theme: int) -> tuple[float, Any]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(page_script, args=(page,), default_timeout=120)
    if page == "theme":
        at.query_params["theme"] = str(theme)
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].value}")
    return elapsed, at


def import_seconds(root: Path) -> float:
    """A fresh process's imports of the app and the Overview's view."""
    code = (
        "import time; t = time.perf_counter(); import dashboard.app, dashboard.views.overview;"
        " import plotly.graph_objects; print(time.perf_counter() - t)"
    )
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def breakdown(workspace: Path, clock: Clock, profile: str | None) -> None:
    os.environ["KLANTSTEM_WORKSPACE"] = str(workspace)
    os.environ["KLANTSTEM_LANG"] = "en"
    from streamlit.logger import set_log_level

    set_log_level("error")
    imports = statistics.median(import_seconds(ROOT) for _ in range(3))
    print(f"\n{workspace.name}: imports of a fresh process (app + Overview): {imports:.2f} s")
    theme = first_theme(workspace)
    import streamlit as st

    warm, _ = render("overview", theme)
    print(f"process warm-up (first session, first figure): {warm:.2f} s ({load()})")
    print(
        f"{'page':<10} {'cold (s)':>9} {'queries':>8} {'SQL':>5} {'figures':>8} {'rest':>6} "
        f"{'warm (s)':>9} {'SQL':>5}  slowest calls (cold)"
    )
    for page in [p or "overview" for p in PAGES]:
        st.cache_data.clear()
        clock.reset()
        profiler = cProfile.Profile() if page == profile else None
        setattr(sys, PROFILER, profiler)
        cold, _ = render(page, theme)
        setattr(sys, PROFILER, None)
        queries, figs = clock.totals["queries"], clock.totals["figures"]
        slow = sorted(clock.calls.items(), key=lambda kv: -kv[1])[:4]
        statements = clock.statements
        clock.reset()
        again, _ = render(page, theme)
        calls = ", ".join(f"{n} {s:.2f}" for n, s in slow)
        print(
            f"{page:<10} {cold:>9.2f} {queries:>8.2f} {statements:>5} {figs:>8.2f} "
            f"{cold - queries - figs:>6.2f} {again:>9.2f} {clock.statements:>5}  {calls}"
        )
        if profiler is not None:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspaces", nargs="+", default=["demo", "100k"])
    parser.add_argument("--items", type=int, default=100_000, help="items of the large one")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="servers per workspace")
    parser.add_argument("--baseline", type=Path, help="an earlier checkout, measured alternately")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-breakdown", action="store_true")
    parser.add_argument("--profile", help="cProfile this page's cold render (breakdown)")
    args = parser.parse_args()

    workspaces: dict[str, Path] = {}
    for name in args.workspaces:
        if name == "demo":
            workspaces[name] = demo_workspace(args.rebuild)
        else:
            workspaces[name] = large_workspace(args.items, args.rebuild)
    roots = {"this": ROOT}
    if args.baseline is not None:
        roots = {"before": args.baseline.resolve(), "after": ROOT}
    if not args.skip_browser:
        browser_benchmark(workspaces, roots, args.repeat)
    if not args.skip_breakdown:
        clock = instrument()
        for path in workspaces.values():
            breakdown(path, clock, args.profile)


if __name__ == "__main__":
    main()
