"""Typed workspace settings and `klantstem config`: one place for every key, type and rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from klantstem_cli import app
from workspace.db import Workspace
from workspace.imports import ingest_settings
from workspace.settings import (
    DEFAULTS,
    KEYS,
    SettingError,
    get_setting,
    load_settings,
    parse_setting,
    set_setting,
)


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        pytest.param("timezone", "Europe/London", "Europe/London", id="timezone"),
        pytest.param(
            "own_domains",
            "Bakkerij.nl, @shop.example.com",
            ("bakkerij.nl", "shop.example.com"),
            id="domains-comma-at-case",
        ),
        pytest.param("own_domains", '["a.nl", "b.be"]', ("a.nl", "b.be"), id="domains-json"),
        pytest.param(
            "own_addresses",
            "Info@Bakkerij.nl, /O=EXCHANGELABS/OU=GROUP/CN=SERVICE",
            ("info@bakkerij.nl", "/o=exchangelabs/ou=group/cn=service"),
            id="addresses-and-exchange",
        ),
        pytest.param(
            "mailbox_owner_names",
            "Klantenservice Bakkerij, Jan (webshop)",
            ("Klantenservice Bakkerij", "Jan (webshop)"),
            id="owner-names",
        ),
        pytest.param("embedder", "tfidf", "tfidf", id="embedder"),
        pytest.param("redact", "nee", False, id="redact-dutch-no"),
        pytest.param("redact", "TRUE", True, id="redact-true"),
        pytest.param("ui_language", "NL", "nl", id="language"),
    ],
)
def test_values_are_parsed_to_their_type(key, raw, expected):
    assert parse_setting(key, raw) == expected


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        pytest.param("timezone", "Europe/Amsterdm", "Europe/Amsterdam", id="timezone-typo-hint"),
        pytest.param("own_domains", "not a domain!", "own_domains", id="bad-domain"),
        pytest.param("own_addresses", "info@@x", "not an e-mail address", id="bad-address"),
        pytest.param("redact", "maybe", "true or false", id="bad-bool"),
        pytest.param("ui_language", "de", "nl, en", id="unsupported-language"),
        pytest.param("embedder", "  ", "empty", id="empty-embedder"),
        pytest.param("colour", "red", "Known settings", id="unknown-key"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(key, raw, message):
    with pytest.raises(SettingError, match=message):
        parse_setting(key, raw)


def test_defaults_and_round_trip(workspace_path: Path):
    with Workspace.open(workspace_path) as ws:
        assert load_settings(ws) == DEFAULTS
        set_setting(ws, "own_domains", "bakkerij.nl")
        set_setting(ws, "timezone", "America/New_York")
        set_setting(ws, "redact", False)
        settings = load_settings(ws)
        assert settings.own_domains == ("bakkerij.nl",)
        assert settings.timezone == "America/New_York"
        assert settings.redact is False
        assert get_setting(ws, "embedder") == "auto"
        # The readers get the same values: one source of truth.
        reader = ingest_settings(ws)
        assert reader.own_domains == ("bakkerij.nl",)
        assert reader.timezone == "America/New_York"
        assert reader.redact is False


def test_a_refused_value_leaves_the_setting_alone(workspace_path: Path):
    with Workspace.open(workspace_path) as ws:
        set_setting(ws, "timezone", "Europe/Brussels")
        with pytest.raises(SettingError):
            set_setting(ws, "timezone", "Mars/Olympus")
        assert get_setting(ws, "timezone") == "Europe/Brussels"


def test_every_key_is_listed_by_the_cli(workspace_path: Path):
    runner = CliRunner()
    result = runner.invoke(
        app, ["config", "set", "own_domains", "bakkerij.nl", "-w", str(workspace_path)]
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["config", "list", "-w", str(workspace_path)])
    assert listed.exit_code == 0
    for key in KEYS:
        assert key in listed.output
    got = runner.invoke(app, ["config", "get", "own_domains", "-w", str(workspace_path)])
    assert got.output.strip() == "bakkerij.nl"


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["config", "set", "colour", "red"], id="unknown-key"),
        pytest.param(["config", "set", "timezone", "Nowhere/Town"], id="bad-value"),
        pytest.param(["config", "get", "timezone"], id="get-missing-workspace"),
        pytest.param(["config", "list"], id="list-missing-workspace"),
    ],
)
def test_cli_errors_exit_non_zero_and_create_nothing(tmp_path: Path, args):
    target = tmp_path / "typo.duckdb"
    result = CliRunner().invoke(app, [*args, "-w", str(target)])
    assert result.exit_code == 1
    assert not target.exists()
