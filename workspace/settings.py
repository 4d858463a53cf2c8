"""Typed workspace settings: every key the owner may set, its type, default and validation.

This is the one place a setting's name, default and rule live. The ``settings`` table stores
text; :func:`load_settings` turns it into a :class:`Settings` value and :func:`set_setting`
validates before it writes. ``klantstem config list|get|set`` is a thin wrapper around
:func:`describe_settings`, :func:`get_setting` and :func:`set_setting`.

Internal bookkeeping (the pseudonym key, the data version, the password hash, the themes'
model id and placement thresholds) also lives in the ``settings`` table but is not listed
here: the owner never sets it by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from difflib import get_close_matches
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ingest.errors import WorkspaceError
from ingest.messages import message as say
from ingest.messages import reason
from workspace.db import Workspace

UI_LANGUAGES = ("nl", "en")
EMBEDDER_CHOICES = ("auto", "use", "minilm", "use+minilm", "tfidf")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,63}$")


class SettingError(WorkspaceError):
    """A setting key that does not exist, or a value that breaks the setting's rule."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The workspace settings the owner controls, typed.

    Attributes:
        timezone: IANA time zone of the company. Days, weeks and dates are counted in it, and
            a date-only or zone-less export value is read in it.
        own_domains: the company's e-mail domains; mail from them is stored as outbound.
        own_addresses: the company's own mailbox addresses (also X.500 Exchange addresses);
            mail from them is stored as outbound.
        mailbox_owner_names: display names of the company's own senders
            (``Klantenservice``); Outlook CSV rows sent under these names are outbound.
        embedder: ``auto`` (chosen once from the language mix at the first theme refresh,
            then stored), ``use``, ``minilm``, ``use+minilm``, ``tfidf``, or any
            sentence-transformers model name or local path.
        redact: replace personal data (e-mail, phone, IBAN, BSN, postcode, card numbers) in
            stored text before anything is saved.
        ui_language: the dashboard's default interface language (``nl`` or ``en``).
    """

    timezone: str = "Europe/Amsterdam"
    own_domains: tuple[str, ...] = ()
    own_addresses: tuple[str, ...] = ()
    mailbox_owner_names: tuple[str, ...] = ()
    embedder: str = "auto"
    redact: bool = True
    ui_language: str = "en"


DEFAULTS = Settings()


# -- parsing and validation, one function per type ------------------------------------------
def _parse_timezone(raw: str) -> str:
    value = raw.strip()
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        zones = {z.lower(): z for z in available_timezones()}
        close = [zones[z] for z in get_close_matches(value.lower(), zones, n=3, cutoff=0.8)]
        hint = say("setting.timezone_hint", zones=", ".join(close)) if close else ""
        raise SettingError(say("setting.timezone", value=raw, hint=hint)) from exc
    return value


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"true", "yes", "on", "1", "ja", "aan"}:
        return True
    if value in {"false", "no", "off", "0", "nee", "uit"}:
        return False
    raise SettingError(say("setting.bool", value=raw))


def _split_list(raw: str) -> list[str]:
    raw = raw.strip()
    if raw.startswith("["):
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise SettingError(say("setting.list_json", value=raw)) from exc
        if not isinstance(parsed, list):
            raise SettingError(say("setting.list", value=raw))
        return [str(part).strip() for part in parsed if str(part).strip()]
    return [part.strip() for part in re.split(r"[,\s;]+", raw) if part.strip()]


def _parse_domains(raw: str) -> tuple[str, ...]:
    domains = []
    for part in _split_list(raw):
        domain = part.lower().lstrip("@")
        if not _DOMAIN.match(domain):
            raise SettingError(say("setting.domain", value=part))
        domains.append(domain)
    return tuple(dict.fromkeys(domains))


def _parse_addresses(raw: str) -> tuple[str, ...]:
    out = []
    for part in _split_list(raw):
        value = part.strip()
        # X.500 Exchange addresses (/O=EXCHANGELABS/OU=.../CN=...) have no "@".
        if not value.startswith("/") and not _ADDRESS.match(value.lower()):
            raise SettingError(say("setting.address", value=part))
        out.append(value.lower())
    return tuple(dict.fromkeys(out))


def _parse_names(raw: str) -> tuple[str, ...]:
    # Names contain spaces, so only commas (or a JSON list) separate them.
    parts = _split_list(raw) if raw.strip().startswith("[") else raw.split(",")
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _parse_embedder(raw: str) -> str:
    value = raw.strip()
    if not value:
        raise SettingError(say("setting.embedder_empty", choices=", ".join(EMBEDDER_CHOICES)))
    return value


def _parse_language(raw: str) -> str:
    value = raw.strip().lower()
    if value not in UI_LANGUAGES:
        raise SettingError(say("setting.language", choices=", ".join(UI_LANGUAGES), value=raw))
    return value


def _dump_list(value: Any) -> str:
    return json.dumps(list(value), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class _Spec:
    parse: Callable[[str], Any]
    dump: Callable[[Any], str]
    help_en: str


_SPECS: dict[str, _Spec] = {
    "timezone": _Spec(_parse_timezone, str, "IANA time zone for days, weeks and dates"),
    "own_domains": _Spec(_parse_domains, _dump_list, "company e-mail domains (outbound mail)"),
    "own_addresses": _Spec(
        _parse_addresses, _dump_list, "company mailbox addresses (outbound mail)"
    ),
    "mailbox_owner_names": _Spec(
        _parse_names, _dump_list, "display names of the company's own senders (outbound)"
    ),
    "embedder": _Spec(_parse_embedder, str, "vector model: auto, use, minilm, tfidf, or a path"),
    "redact": _Spec(
        _parse_bool, lambda v: "true" if v else "false", "redact personal data on import"
    ),
    "ui_language": _Spec(_parse_language, str, "dashboard language by default (nl or en)"),
}
assert set(_SPECS) == {f.name for f in fields(Settings)}, "every setting needs a spec"

KEYS: tuple[str, ...] = tuple(_SPECS)


def _spec(key: str) -> _Spec:
    try:
        return _SPECS[key]
    except KeyError:
        raise SettingError(say("setting.unknown", key=key, keys=", ".join(KEYS))) from None


def _from_stored(key: str, stored: str | None) -> Any:
    """A stored text value, typed (the default when unset).

    Raises:
        SettingError: the stored value breaks the setting's rule (written around
            ``klantstem config``); the message says how to fix it.
    """
    if stored is None:
        return getattr(DEFAULTS, key)
    try:
        return _spec(key).parse(stored)
    except SettingError as exc:
        raise SettingError(
            say("setting.stored_invalid", key=key, stored=stored, detail=reason(exc))
        ) from exc


def load_settings(ws: Workspace) -> Settings:
    """All owner settings of the workspace, typed, defaults filled in."""
    rows = ws.query_df(
        "SELECT key, value FROM settings WHERE key IN (SELECT unnest(?))", [list(KEYS)]
    )
    stored = dict(zip(rows["key"], rows["value"], strict=True))
    return Settings(**{key: _from_stored(key, stored.get(key)) for key in KEYS})


def get_setting(ws: Workspace, key: str) -> Any:
    """One setting, typed (the default when unset).

    Raises:
        SettingError: ``key`` is not a setting.
    """
    _spec(key)
    return _from_stored(key, ws.get_setting(key))


def parse_setting(key: str, raw: str) -> Any:
    """Validate a text value for ``key`` and return it typed.

    Raises:
        SettingError: unknown key, or a value that breaks the setting's rule.
    """
    spec = _spec(key)
    try:
        return spec.parse(raw)
    except SettingError as exc:
        why = reason(exc)  # its Text: says the key already, or gets it in front
        keyed = why if why.startswith(key) else say("setting.keyed", key=key, detail=why)
        raise SettingError(keyed) from exc


def set_setting(ws: Workspace, key: str, value: Any) -> Any:
    """Store a setting after validating it; ``value`` may be text or already typed.

    Returns:
        The typed value stored.

    Raises:
        SettingError: unknown key, or a value that breaks the setting's rule.
    """
    spec = _spec(key)
    if isinstance(value, str):
        typed = parse_setting(key, value)
    else:
        typed = parse_setting(key, spec.dump(value))
    with ws.transaction() as con:
        ws.set_setting(key, spec.dump(typed), con)
        ws.bump_data_version(con)
    return typed


def format_setting(key: str, value: Any) -> str:
    """A value as the owner types it (lists comma-separated)."""
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def describe_settings(ws: Workspace) -> list[dict[str, str]]:
    """Every setting with its current value, default and meaning, for ``klantstem config list``."""
    current = load_settings(ws)
    return [
        {
            "key": key,
            "value": format_setting(key, getattr(current, key)),
            "default": format_setting(key, getattr(DEFAULTS, key)),
            "meaning": _SPECS[key].help_en,
        }
        for key in KEYS
    ]
