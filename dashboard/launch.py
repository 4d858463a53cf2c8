"""Start the Streamlit server for Klantstem (what ``klantstem dashboard`` runs).

``python dashboard/launch.py run dashboard/app.py --server.address HOST ...`` is
``streamlit run`` with one difference: on an address other machines can reach, the
``/_stcore/metrics`` endpoint is not served. Streamlit has no option to switch it off, and
it answers without the dashboard password (session counts, cache sizes, and any user
attributes a host configures). ``/_stcore/health`` stays: it says only "ok".
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from workspace.access import is_loopback  # noqa: E402


def _address(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--server.address" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--server.address="):
            return arg.split("=", 1)[1]
    return "127.0.0.1"


def close_metrics_endpoint() -> None:
    """Build the Streamlit server without its metrics route."""
    from streamlit.web.server.starlette import starlette_app

    starlette_app.create_metrics_routes = lambda runtime, base_url: []


def main() -> None:
    if not is_loopback(_address(sys.argv[1:])):
        close_metrics_endpoint()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
