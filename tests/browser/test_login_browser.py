"""Exposed dashboard in real Chromium: back-off after wrong passwords, login kept over a
reload by a signed cookie, and no metrics endpoint without the password."""

from __future__ import annotations

import json
import re
import time
import urllib.request

import pytest

from tests.browser.conftest import DashboardServer
from tests.conftest import make_record
from workspace.access import LOGIN_FREE_FAILURES, set_password
from workspace.db import Workspace
from workspace.imports import import_records

pytestmark = pytest.mark.browser
PASSWORD = "maandag-ochtend"


def _sign_in(page, password: str) -> None:
    field = page.get_by_label("Password", exact=True)
    field.fill(password)
    page.get_by_role("button", name="Sign in").click()


def _set_failures(path, failures: dict[str, list[float]]) -> None:
    # The dashboard closes the file after each script run, so the test may open it between.
    with Workspace.open(path, lock_wait=30) as ws:
        ws.set_setting("login_failures", json.dumps(failures))


def test_exposed_login_backs_off_and_survives_a_reload(tmp_path, page, browser):
    path = tmp_path / "exposed.duckdb"
    with Workspace.open(path) as ws:
        import_records(ws, [make_record(n) for n in range(30)], file_name="fixture.csv")
        set_password(ws, PASSWORD)
    with DashboardServer(path, host="0.0.0.0") as server:
        with urllib.request.urlopen(f"{server.url}/_stcore/metrics", timeout=10) as response:
            body = response.read().decode()
        assert "# TYPE" not in body and "session" not in body.split("<noscript>")[0]

        page.goto(server.url, wait_until="domcontentloaded")
        page.get_by_role("heading", name="Klantstem: sign in").wait_for(timeout=60_000)
        for left in range(LOGIN_FREE_FAILURES - 1, 0, -1):
            _sign_in(page, "wrong password")
            page.get_by_text(f"({left} more before a wait)").wait_for(timeout=30_000)
        _sign_in(page, "wrong password")
        page.get_by_text("Wait 2 seconds").wait_for(timeout=30_000)

        # A persistent guesser, as stored in the workspace (it survives a restart): the
        # right password is refused until the wait is over.
        _set_failures(path, {"localhost": [LOGIN_FREE_FAILURES + 20, time.time()]})
        _sign_in(page, PASSWORD)
        page.get_by_text(re.compile(r"Wait [89]\d\d seconds")).wait_for(timeout=30_000)
        assert page.get_by_role("heading", name="Overview").count() == 0

        _set_failures(path, {})  # the wait is over
        _sign_in(page, PASSWORD)
        page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
        page.wait_for_function("document.cookie.includes('klantstem_login=')", timeout=30_000)

        page.reload(wait_until="domcontentloaded")
        page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
        assert page.get_by_role("heading", name="Klantstem: sign in").count() == 0

        stranger = browser.new_context()  # no cookie: asked again
        other = stranger.new_page()
        other.goto(server.url, wait_until="domcontentloaded")
        other.get_by_role("heading", name="Klantstem: sign in").wait_for(timeout=60_000)
        stranger.close()
        page.goto("about:blank")  # leave before the server stops (else: connection refused)
