"""Start the Streamlit server for Klantstem (what ``klantstem dashboard`` runs).

``python dashboard/launch.py run dashboard/app.py --server.address HOST ...`` is
``streamlit run`` with one difference: on an address other machines can reach, the
``/_stcore/metrics`` endpoint is not served. Streamlit has no option to switch it off, and
it answers without the dashboard password (session counts, cache sizes, and any user
attributes a host configures). ``/_stcore/health`` stays: it says only "ok".

It also imports what the Overview needs (pandas, DuckDB, scipy.special, plotly's figure
classes, the app's modules) in a background thread while the server starts, so the first
visitor's script run does not wait for them: the browser is still loading Streamlit's
JavaScript in that time. It also skips a check Streamlit makes once per process on the first
visitor's time (:func:`skip_bare_mode_check`).
"""

from __future__ import annotations

import sys
import threading
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


def _import_first_page() -> None:
    import plotly.graph_objects as go

    import dashboard.app  # noqa: F401  (the modules every page imports)
    import dashboard.views.overview  # noqa: F401  (the first page)

    # plotly builds its validators and axis lookups on first use (~0.15 s for update_xaxes)
    go.Figure(go.Bar(x=[0], y=[0])).update_xaxes(type="date").to_plotly_json()
    skip_bare_mode_check()


def skip_bare_mode_check() -> None:
    """Spare the first visitor Streamlit's once-per-process "are we in a REPL?" check.

    Before its first element, Streamlit checks whether it runs outside ``streamlit run`` to
    print a warning, by ``inspect.stack()``: reading the source of every frame and, the first
    time, mapping every loaded module to its file (0.2-0.4 s with pandas, DuckDB and plotly
    loaded, paid by the first visitor's script run). Under this launcher the answer is known:
    it runs under ``streamlit run``.
    """
    from streamlit import delta_generator

    if hasattr(delta_generator, "_use_warning_has_been_displayed"):
        delta_generator._use_warning_has_been_displayed = True


def preload_first_page() -> threading.Thread:
    """Start importing the first page's modules in the background (see the module doc)."""
    thread = threading.Thread(target=_import_first_page, name="klantstem-preload", daemon=True)
    thread.start()
    return thread


def main() -> None:
    if not is_loopback(_address(sys.argv[1:])):
        close_metrics_endpoint()
    preload_first_page()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
