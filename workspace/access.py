"""Who may open the dashboard: loopback by default, a password when exposed."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
import time
from dataclasses import dataclass

from ingest.errors import WorkspaceError
from ingest.messages import message as say
from workspace.db import Workspace

_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def set_password(ws: Workspace, password: str) -> None:
    """Store a salted scrypt hash of the dashboard password (never the password)."""
    if len(password) < 8:
        raise WorkspaceError(say("workspace.password_short"))
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    ws.set_setting("dashboard_password", f"scrypt${salt.hex()}${digest.hex()}")


def has_password(ws: Workspace) -> bool:
    return bool(ws.get_setting("dashboard_password"))


def verify_password(ws: Workspace, password: str) -> bool:
    """Constant-time check of a password against the stored hash."""
    stored = ws.get_setting("dashboard_password")
    if not stored:
        return False
    _, salt_hex, digest_hex = stored.split("$")
    digest = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt_hex), **_SCRYPT)
    return hmac.compare_digest(digest.hex(), digest_hex)


def check_exposure(ws: Workspace, host: str) -> None:
    """Refuse to serve on a non-loopback address when no password is set.

    Raises:
        WorkspaceError: exposed without a password.
    """
    if not is_loopback(host) and not has_password(ws):
        raise WorkspaceError(say("workspace.serve_open", host=host))


# -- login back-off and persistent login --------------------------------------------------
# The rule, in one place: a client (an IP address) may get the password wrong
# LOGIN_FREE_FAILURES times; from then on each attempt must wait, starting at
# LOGIN_FIRST_WAIT seconds and doubling with every further failure, up to LOGIN_MAX_WAIT.
# An attempt made during the wait is refused without checking the password. The counts
# live in the workspace, so restarting the dashboard does not reset them; a correct
# password resets that client's count.
LOGIN_FREE_FAILURES = 5
LOGIN_FIRST_WAIT = 2.0
LOGIN_MAX_WAIT = 15 * 60.0
LOGIN_FORGET_AFTER = 24 * 3600.0  # failures older than this are dropped
# A successful login is remembered in the browser for this long (a signed cookie).
LOGIN_TOKEN_SECONDS = 12 * 3600
_FAILURES_KEY = "login_failures"


def login_wait_seconds(failures: int) -> float:
    """How long a client must wait after ``failures`` wrong passwords in a row."""
    if failures < LOGIN_FREE_FAILURES:
        return 0.0
    return min(LOGIN_FIRST_WAIT * 2 ** (failures - LOGIN_FREE_FAILURES), LOGIN_MAX_WAIT)


@dataclass(frozen=True, slots=True)
class LoginAttempt:
    """The outcome of one login attempt: ``ok``, or refused with the seconds to wait."""

    ok: bool
    wait_seconds: float = 0.0
    checked: bool = True  # False: refused during a back-off, the password was not tried
    tries_left: int = 0  # wrong passwords still allowed before the first wait


def _failures(ws: Workspace, now: float) -> dict[str, list[float]]:
    stored = ws.get_json_setting(_FAILURES_KEY, {}) or {}
    return {c: v for c, v in stored.items() if now - float(v[1]) < LOGIN_FORGET_AFTER}


def attempt_login(
    ws: Workspace, client: str, password: str, *, now: float | None = None
) -> LoginAttempt:
    """Check ``password`` for ``client`` under the back-off rule above."""
    now = time.time() if now is None else now
    failures = _failures(ws, now)
    count, last = failures.get(client, (0, 0.0))
    remaining = login_wait_seconds(int(count)) - (now - float(last))
    if remaining > 0:
        return LoginAttempt(False, remaining, checked=False)
    if verify_password(ws, password):
        failures.pop(client, None)
        ws.set_setting(_FAILURES_KEY, json.dumps(failures))
        return LoginAttempt(True)
    failures[client] = [int(count) + 1, now]
    ws.set_setting(_FAILURES_KEY, json.dumps(failures))
    left = max(0, LOGIN_FREE_FAILURES - int(count) - 1)
    return LoginAttempt(False, login_wait_seconds(int(count) + 1), tries_left=left)


def _token_key(ws: Workspace) -> bytes:
    secret = ws.get_setting("login_secret")
    if not secret:
        secret = secrets.token_hex(32)
        ws.set_setting("login_secret", secret)
    # The stored password hash is part of the key: a new password signs out every browser.
    return (secret + (ws.get_setting("dashboard_password") or "")).encode()


def issue_login_token(ws: Workspace, *, now: float | None = None) -> str:
    """A signed token that proves a login until it expires (``expiry.signature``)."""
    expiry = int((time.time() if now is None else now) + LOGIN_TOKEN_SECONDS)
    signature = hmac.new(_token_key(ws), str(expiry).encode(), hashlib.sha256).hexdigest()
    return f"{expiry}.{signature}"


def verify_login_token(ws: Workspace, token: str, *, now: float | None = None) -> bool:
    """True for a token :func:`issue_login_token` made, not yet expired, same password."""
    expiry, _, signature = (token or "").partition(".")
    if not expiry.isdigit() or not has_password(ws):
        return False
    if int(expiry) <= (time.time() if now is None else now):
        return False
    expected = hmac.new(_token_key(ws), expiry.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)
