"""Every UI string, in Dutch and English, in one place. ``t(key)`` looks up the active language."""

from __future__ import annotations

import streamlit as st

LANGUAGES = {"en": "English", "nl": "Nederlands"}
DEFAULT_LANGUAGE = "en"

STRINGS: dict[str, dict[str, str]] = {
    "nav.overview": {"en": "Overview", "nl": "Overzicht"},
    "sidebar.language": {"en": "Language", "nl": "Taal"},
    "sidebar.workspace": {"en": "Workspace", "nl": "Werkruimte"},
    "overview.title": {"en": "Overview", "nl": "Overzicht"},
    "overview.items": {"en": "Feedback items", "nl": "Feedbackberichten"},
    "overview.imports": {"en": "Imports", "nl": "Imports"},
    "overview.per_week": {
        "en": "Feedback per week, by channel",
        "nl": "Feedback per week, per kanaal",
    },
    "overview.empty": {
        "en": "No feedback yet. Import exports with `klantstem import` or on the Upload page.",
        "nl": "Nog geen feedback. Importeer exports met `klantstem import` of op de Upload-pagina.",
    },
    "chart.week": {"en": "Week", "nl": "Week"},
    "chart.items": {"en": "Items", "nl": "Berichten"},
    "chart.channel": {"en": "Channel", "nl": "Kanaal"},
    "channel.email": {"en": "E-mail", "nl": "E-mail"},
    "channel.review": {"en": "Reviews", "nl": "Reviews"},
    "channel.app_review": {"en": "App reviews", "nl": "App-reviews"},
    "channel.ticket": {"en": "Tickets", "nl": "Tickets"},
    "channel.chat": {"en": "Chat", "nl": "Chat"},
    "channel.survey": {"en": "Surveys", "nl": "Enquêtes"},
    "channel.other": {"en": "Other", "nl": "Overig"},
}


def current_language() -> str:
    return str(st.session_state.get("lang", DEFAULT_LANGUAGE))


def t(key: str, lang: str | None = None) -> str:
    """The string for ``key`` in ``lang`` (default: the session's language)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang or current_language()) or entry["en"]


def channel_names(lang: str) -> dict[str, str]:
    """Channel code -> display name, for chart legends."""
    return {k.split(".", 1)[1]: v[lang] for k, v in STRINGS.items() if k.startswith("channel.")}
