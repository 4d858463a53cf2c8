"""Served on another address, the app asks for the workspace password before anything."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.dashboard.test_pages import page_script
from workspace.access import (
    LOGIN_TOKEN_SECONDS,
    attempt_login,
    issue_login_token,
    login_wait_seconds,
    set_password,
    verify_login_token,
)
from workspace.db import Workspace


@pytest.fixture
def exposed(monkeypatch):
    previous = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", previous)


def test_exposed_dashboard_asks_for_the_password_first(themed_workspace, exposed):
    with Workspace.open(themed_workspace) as ws:
        set_password(ws, "maandag-ochtend")
    at = AppTest.from_function(page_script, args=("overview",), default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Klantstem: sign in"]
    assert not at.metric and not at.sidebar.selectbox  # nothing of the workspace is shown
    at.text_input[0].set_value("wrong password")
    at.button[0].click().run()
    assert "Wrong password" in at.error[0].value
    assert not at.metric
    at.text_input[0].set_value("maandag-ochtend")
    at.button[0].click().run()
    assert at.title[0].value == "Overview"
    assert {m.label: m.value for m in at.metric}["Feedback items"] == "90"


def test_exposed_without_password_refuses(themed_workspace, exposed):
    at = AppTest.from_function(page_script, args=("overview",), default_timeout=60).run()
    assert "no password is set" in at.error[0].value
    assert not at.metric and not at.title


def test_loopback_needs_no_password(themed_workspace):
    with Workspace.open(themed_workspace) as ws:
        set_password(ws, "maandag-ochtend")
    at = AppTest.from_function(page_script, args=("overview",), default_timeout=60).run()
    assert at.title[0].value == "Overview"


@pytest.mark.parametrize(
    ("failures", "wait"),
    [
        pytest.param(0, 0.0, id="none"),
        pytest.param(4, 0.0, id="four-free"),
        pytest.param(5, 2.0, id="fifth-waits-2s"),
        pytest.param(6, 4.0, id="then-doubles"),
        pytest.param(9, 32.0, id="ninth"),
        pytest.param(40, 900.0, id="capped-at-15-minutes"),
    ],
)
def test_login_wait_rule(failures, wait):
    assert login_wait_seconds(failures) == wait


def test_back_off_refuses_without_checking_and_is_per_client(tmp_path):
    with Workspace.open(tmp_path / "ws.duckdb") as ws:
        set_password(ws, "maandag-ochtend")
        for n in range(5):
            attempt = attempt_login(ws, "10.0.0.9", "fout", now=1000.0 + n)
        assert attempt.wait_seconds == 2.0 and attempt.checked
        refused = attempt_login(ws, "10.0.0.9", "maandag-ochtend", now=1005.0)
        assert not refused.ok and not refused.checked
        assert attempt_login(ws, "10.0.0.7", "maandag-ochtend", now=1005.0).ok  # other client
        assert attempt_login(ws, "10.0.0.9", "maandag-ochtend", now=1006.5).ok  # waited 2 s
        assert attempt_login(ws, "10.0.0.9", "fout", now=1007.0).tries_left == 4  # reset


def test_login_token_is_signed_expires_and_dies_with_the_password(tmp_path):
    with Workspace.open(tmp_path / "ws.duckdb") as ws:
        set_password(ws, "maandag-ochtend")
        token = issue_login_token(ws, now=1000.0)
        assert verify_login_token(ws, token, now=1000.0 + LOGIN_TOKEN_SECONDS - 1)
        assert not verify_login_token(ws, token, now=1000.0 + LOGIN_TOKEN_SECONDS)
        expiry, signature = token.split(".")
        assert not verify_login_token(ws, f"{int(expiry) + 9999}.{signature}", now=1000.0)
        assert not verify_login_token(ws, "", now=1000.0)
        set_password(ws, "een-nieuw-wachtwoord")
        assert not verify_login_token(ws, token, now=1000.0)
