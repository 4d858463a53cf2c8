"""`klantstem dashboard` stopped by SIGTERM (a service manager, `kill`) stops its server too."""

from __future__ import annotations

import os
import signal
import time
import urllib.request

from tests.browser.conftest import DashboardServer


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
            return True
    except OSError:
        return False


def test_sigterm_to_the_command_stops_the_server(workspace_path) -> None:
    with DashboardServer(workspace_path) as server:
        assert server.process is not None and answers(server.url)
        os.kill(server.process.pid, signal.SIGTERM)  # the command only, not its group
        server.process.wait(timeout=30)  # Streamlit stops cleanly: exit 0
        deadline = time.monotonic() + 30
        while answers(server.url) and time.monotonic() < deadline:
            time.sleep(0.2)  # the server child shuts down after its parent asked it to
        assert not answers(server.url)
