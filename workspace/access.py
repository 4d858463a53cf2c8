"""Who may open the dashboard: loopback by default, a password when exposed."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

from ingest.errors import WorkspaceError
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
        raise WorkspaceError(
            "The password must have at least 8 characters, got fewer. Choose a longer one."
        )
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
        raise WorkspaceError(
            f"Refusing to serve on {host}: the dashboard would be reachable from other machines "
            "without a password. Set one with `klantstem password`, or use --host 127.0.0.1."
        )
