"""Session state, the open workspace and the embedder cache, in one place.

The workspace is opened for each script run and closed at its end (:func:`close_workspace`,
called by ``app.main``): DuckDB lets one process at a time open the file, and a dashboard
that kept it open would lock out ``klantstem import`` and a scheduled ``klantstem summary``
for as long as it runs. Query results are cached in ``dashboard/data.py`` (one typed
function per query) keyed by (workspace path, ``data_version``, filters, arguments), so every
write refreshes them and nothing else does. The sidebar filters live in session state under widget keys rendered on every page, so they
persist while the manager moves between pages.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import streamlit as st

from dashboard.i18n import LANGUAGES, current_language, default_language, plural, t
from dashboard.plain_text import md
from dashboard.problem_text import error_message
from ingest.errors import KlantstemError
from workspace.access import (
    LOGIN_TOKEN_SECONDS,
    attempt_login,
    has_password,
    is_loopback,
    issue_login_token,
    verify_login_token,
)
from workspace.db import ENV_VAR, Workspace, default_workspace_path
from workspace.queries import Filters


def workspace_path() -> str:
    return str(os.environ.get(ENV_VAR) or default_workspace_path())


_run = threading.local()  # Streamlit runs each session's script in its own thread


def workspace() -> Workspace:
    """The workspace this dashboard serves, open for the current script run."""
    path = workspace_path()
    ws: Workspace | None = getattr(_run, "workspace", None)
    if ws is not None and str(ws.path) != path:
        close_workspace()
        ws = None
    if ws is None:
        ws = Workspace(path)
        _run.workspace = ws
    return ws


def close_workspace() -> None:
    """Close this run's workspace, so other processes can open the file until the next run."""
    ws: Workspace | None = getattr(_run, "workspace", None)
    _run.workspace = None
    if ws is not None:
        ws.close()


def data_version() -> int:
    return workspace().data_version


def filters() -> Filters:
    return st.session_state.get("filters", Filters())


def set_filters(chosen: Filters) -> None:
    """The sidebar's filters for this run (only the sidebar sets them)."""
    st.session_state["filters"] = chosen


def filters_active() -> bool:
    return filters() != Filters()


@st.cache_resource(show_spinner=False)
def embedder(name: str) -> Any:
    """The workspace's embedder, loaded once per server process (models are slow to load)."""
    from analysis.embedders import get_embedder

    return get_embedder(name)


# -- language, login, sidebar --------------------------------------------------------------
def _default_language() -> str:
    try:
        ws: Workspace | None = workspace()
    except KlantstemError:
        ws = None
    return default_language(ws)


def _served_on_loopback() -> bool:
    address = str(st.get_option("server.address") or "127.0.0.1")
    return is_loopback(address)


LOGIN_COOKIE = "klantstem_login"


def require_login() -> bool:
    """On a non-loopback address, ask for the workspace password before anything is shown.

    Wrong passwords are rate-limited per client (the rule: :mod:`workspace.access`). A
    correct one is remembered in the browser for ``LOGIN_TOKEN_SECONDS`` by a signed cookie,
    so a reload does not ask again.

    Returns:
        True when the page may render.
    """
    if _served_on_loopback() or st.session_state.get("authenticated"):
        _store_login_cookie()
        return True
    ws = workspace()
    if not has_password(ws):
        st.error(t("login.no_password"))
        return False
    token = st.context.cookies.get(LOGIN_COOKIE, "")
    if isinstance(token, str) and verify_login_token(ws, token):
        st.session_state["authenticated"] = True
        return True
    st.title(t("login.title"))
    with st.form("login"):
        password = st.text_input(t("login.password"), type="password")
        submitted = st.form_submit_button(t("login.submit"))
    if submitted:
        client = st.context.ip_address  # None for this machine itself
        attempt = attempt_login(ws, client if isinstance(client, str) else "localhost", password)
        if attempt.ok:
            st.session_state["authenticated"] = True
            st.session_state["login_cookie"] = issue_login_token(ws)
            st.rerun()
        if attempt.checked and attempt.wait_seconds <= 0:
            st.error(t("login.wrong").format(left=attempt.tries_left))
        else:
            st.error(plural("login.wait", max(1, round(attempt.wait_seconds))))
    return False


def _store_login_cookie() -> None:
    """Hand the token of a fresh login to the browser (once, right after the login)."""
    token = st.session_state.pop("login_cookie", None)
    if not token:
        return
    secure = "; Secure" if (st.context.url or "").startswith("https:") else ""
    # The token is hex digits and a dot (no quoting needed); the script is ours alone.
    st.html(
        f"<script>document.cookie = '{LOGIN_COOKIE}={token}; Max-Age={LOGIN_TOKEN_SECONDS}; "
        f"Path=/; SameSite=Strict{secure}';</script>",
        unsafe_allow_javascript=True,
    )


LANG_PARAM = "lang"
"""The query parameter that carries the language, so a reload, a bookmark or a typed URL
(``/themes?lang=nl``) keeps it."""


def init_language() -> None:
    """The session's language: ``?lang=`` in the URL, else the one chosen this session, else
    the configured default (:func:`dashboard.i18n.default_language`, the CLI's rule too).

    The choice is written back into the URL on every run: Streamlit drops query parameters
    when the menu switches pages, and the next reload must still find it.
    """
    wanted = st.query_params.get(LANG_PARAM)
    if wanted in LANGUAGES:
        st.session_state["lang"] = wanted
    elif st.session_state.get("lang") not in LANGUAGES:
        st.session_state["lang"] = _default_language()
    if st.query_params.get(LANG_PARAM) != st.session_state["lang"]:
        st.query_params[LANG_PARAM] = st.session_state["lang"]


def choose_language(lang: str) -> None:
    """The sidebar's language switch: this session and its URL."""
    if lang in LANGUAGES:
        st.session_state["lang"] = lang
        st.query_params[LANG_PARAM] = lang


def link_params(**params: str) -> dict[str, str]:
    """Query parameters for a page link or switch: ``params`` plus the current language."""
    return {**params, LANG_PARAM: current_language()}


def checked(check: Any) -> Any:
    """``check(workspace)``'s result, or None with its refusal shown: an edit refused before
    the manager is asked to confirm it (the theme page's and the main-theme panel's edits)."""
    try:
        return check(workspace())
    except KlantstemError as exc:
        st.error(md(error_message(exc, current_language())))
        return None


# -- cross-page hand-offs --------------------------------------------------------------------
def flash(message: str) -> None:
    """Remember a message to show once on the next run (after st.rerun / switch_page)."""
    st.session_state["flash"] = message


def show_flash() -> None:
    message = st.session_state.pop("flash", None)
    if message:
        st.success(md(message))


# -- search ----------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=64)
def _cached_search(
    mode: str, text: str, path: str, version: int, flt: Filters, lang: str, limit: int
) -> Any:
    from workspace import search
    from workspace.vectors import workspace_embedder_name

    ws = workspace()
    if mode == "keyword":
        return search.find_items(ws, text, "words", filters=flt, lang=lang, limit=limit)
    model = embedder(workspace_embedder_name(ws))
    if not search.has_vectors(ws, model.model_id):
        return None
    return search.find_items(
        ws, text, "meaning", embedder=model, filters=flt, lang=lang, limit=limit
    )


def search(mode: str, text: str, *, limit: int = 50) -> Any:
    """Search results under the sidebar filters; None when semantic search has no vectors."""
    return _cached_search(
        mode, text, workspace_path(), data_version(), filters(), current_language(), limit
    )


# -- what pages remember between reruns --------------------------------------------------------
# Only this module touches st.session_state; pages name what they keep with these keys.
THEME_EDIT = "pending_theme_edit"  # an edit waiting for its confirmation
TOP_EDIT = "pending_top_edit"  # a top-theme edit on the Themes page, awaiting confirmation
NEW_THEME = "pending_new_theme"  # a theme from selected unsorted items, awaiting confirmation
UPLOAD_REPORT = "upload_report"  # FileImport results of the last upload
UPLOAD_MAPPINGS = "upload_pending_mappings"  # files waiting for a column mapping
UPLOAD_PROPOSED = "upload_proposed"  # themes proposed from the last upload's items
CHART_WEEKS = "chart_weeks"  # weeks the weekly charts show (0: all)


def chart_weeks() -> int:
    """Weeks the weekly charts show: the sidebar's choice, else the last 26."""
    from dashboard.figures import DEFAULT_WEEKS

    return int(st.session_state.get(CHART_WEEKS, DEFAULT_WEEKS))


def remembered(key: str, default: Any = None) -> Any:
    return st.session_state.get(key, default)


def remember(key: str, value: Any) -> None:
    st.session_state[key] = value


def forget(key: str) -> None:
    st.session_state.pop(key, None)
