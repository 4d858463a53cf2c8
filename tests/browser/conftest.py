"""Real-browser fixtures: `klantstem dashboard` in a subprocess, Debian Chromium via Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dashboard exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"dashboard at {url} did not become healthy in {timeout}s")


IDLE = """(quietMs) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = app !== null && app.dataset.testScriptState === 'notRunning'
        && document.querySelector('[data-testid="stStatusWidget"]') === null;
    if (!idle) { window.__klantstemIdleSince = null; return false; }
    window.__klantstemIdleSince ??= performance.now();
    return performance.now() - window.__klantstemIdleSince >= quietMs;
}"""
"""Streamlit has finished and stays finished for ``quietMs``: the app's script state (which
turns ``rerunRequested`` when a widget asks for a rerun, ``running`` while the script runs)
is ``notRunning`` and the "running" status widget is gone, seen continuously for that long.
A click's rerun, or the rerun Streamlit starts itself after a first run (the URL's language
written back), begins a moment after the action: the quiet window is there to see it."""


def wait_idle(page, timeout_ms: int = 60_000, quiet_ms: int = 300) -> None:
    """Until Streamlit is idle and stays so for ``quiet_ms`` (see :data:`IDLE`)."""
    page.evaluate("window.__klantstemIdleSince = null")
    page.wait_for_function(IDLE, arg=quiet_ms, polling="raf", timeout=timeout_ms)


class DashboardServer:
    def __init__(
        self, workspace: Path, *, port: int | None = None, lang: str = "en", host: str = ""
    ) -> None:
        self.workspace = workspace
        self.host = host  # "0.0.0.0": served as when exposed (password asked)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lang = lang
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> DashboardServer:
        env = dict(os.environ, KLANTSTEM_LANG=self.lang)
        klantstem = Path(sys.executable).with_name("klantstem")
        command = [
            str(klantstem),
            "dashboard",
            "--workspace",
            str(self.workspace),
            "--port",
            str(self.port),
            *(["--host", self.host] if self.host else []),
        ]
        self.log = (ARTIFACTS / f"server-{self.port}.log").open("wb")
        self.process = subprocess.Popen(
            command, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_until_healthy(self.url, self.process)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        try:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=15)
        except ProcessLookupError:  # already stopped (a test stopped it)
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
        self.log.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian chromium.")
        pytest.skip(f"{CHROMIUM} is missing (run `make test`, which installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, artifacts):
    """A fresh page that records console errors; the test fails on any."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    yield page
    context.close()
    assert not errors, f"browser console errors: {errors}"
