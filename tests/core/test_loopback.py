"""The dashboard listens on loopback only unless told otherwise."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.browser.conftest import ARTIFACTS, DashboardServer


def listening_addresses(port: int) -> set[str]:
    """Addresses with a LISTEN socket on ``port``, read from the kernel's tables."""
    found: set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            address_hex, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:
                continue
            raw = bytes.fromhex(address_hex)
            if width == 8:
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:  # /proc prints IPv6 as four little-endian 32-bit words
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


def test_dashboard_binds_loopback_only_by_default(tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with DashboardServer(tmp_path / "ws.duckdb") as server:
        addresses = listening_addresses(server.port)
    assert addresses, "found no listening socket for the dashboard"
    assert addresses <= {"127.0.0.1", "::1"}, addresses
