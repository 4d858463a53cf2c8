"""Klantstem dashboard entry point: ``streamlit run dashboard/app.py``.

Navigation is declared once (``dashboard/routes.py``); each view lives in ``dashboard/views/``
and stays thin.
"""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ first on sys.path; the packages live one up.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from dashboard import routes, sidebar_filters, state  # noqa: E402
from dashboard.i18n import current_language, t  # noqa: E402
from dashboard.plain_text import md  # noqa: E402
from dashboard.problem_text import error_message  # noqa: E402
from ingest.errors import WorkspaceError  # noqa: E402


def main(start: str = "overview") -> None:
    """Render the app; ``start`` picks the default page (AppTest harnesses use it)."""
    st.set_page_config(page_title="Klantstem", layout="wide")
    state.init_language()
    # Streamlit writes "Press Enter to submit form" under a text field in English only, and
    # offers no way to translate it: hide it (Enter still submits; the button says so too).
    # An empty date field shows its mask with an English year ("dd-mm-yyyy"; Streamlit does
    # not pass the page's language to the date field): the year part shows the catalogue's.
    year = t("filters.year_mask")
    st.html(
        "<style>[data-testid='InputInstructions'] {display: none;}"
        " [data-testid='stDateInput'] [data-type='year'][data-placeholder='true'] {font-size: 0;}"
        " [data-testid='stDateInput'] [data-type='year'][data-placeholder='true']::after"
        f" {{content: '{year}'; font-size: 0.875rem;}}</style>"
    )
    try:
        if not state.require_login():
            return
        sidebar_filters.render()
        st.navigation(routes.build(start)).run()
    except WorkspaceError as exc:  # e.g. a long `klantstem import` has the file
        st.error(md(error_message(exc, current_language())))
    finally:
        state.close_workspace()  # also on st.rerun / st.stop, which raise


if __name__ == "__main__":
    main()
