"""Served on another address, the app asks for the workspace password before anything."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.dashboard.test_pages import page_script
from workspace.access import set_password
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
