"""Klantstem dashboard entry point: ``streamlit run dashboard/app.py``.

Navigation is declared once here; each view lives in ``dashboard/views/`` and stays thin.
"""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ first on sys.path; the packages live one up.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from dashboard import state  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.views import overview  # noqa: E402


def main() -> None:
    st.set_page_config(page_title="Klantstem", layout="wide")
    state.sidebar()
    pages = [
        st.Page(overview.render, title=t("nav.overview"), url_path="overview", default=True),
    ]
    st.navigation(pages).run()


main()
