"""Import problems and file errors in the UI language, from the catalogue's ``problem.<code>``.

A problem keeps its code and values (:class:`ingest.schema.Problem`); here they are worded
in the UI language, numbers as the language writes them. A problem without a code (stored by
an older version) or with a code the catalogue does not know is shown as stored (English).
Pure: no streamlit.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from dashboard import formatting as fmt
from dashboard.i18n import STRINGS, t
from ingest.errors import IngestError, KlantstemError
from ingest.messages import Text
from ingest.schema import Problem


def worded(code: str, params: Mapping[str, Any], fallback: str, lang: str) -> str:
    """The message ``code`` with ``params`` in ``lang``, or ``fallback`` when it cannot be."""
    entry = STRINGS.get(f"problem.{code}") if code else None
    if entry is None:
        return fallback
    # The stored English is this template with these values, redacted whole; a format code
    # in it ("eml") is worded from the template in English too ("E-mail (.eml)").
    if lang == "en" and "format" not in params:
        return fallback
    try:
        values = {k: _value(k, v, lang) for k, v in params.items()}
        return entry.get(lang, entry["en"]).format(**values)
    except (KeyError, IndexError, ValueError):  # a value the template does not have
        return fallback


def _value(key: str, value: Any, lang: str) -> Any:
    if isinstance(value, Text):
        return worded(value.code, value.params, str(value), lang)
    if isinstance(value, Mapping) and "code" in value:  # a nested message read from storage
        params = value.get("params") or {}
        english = _english(str(value["code"]), params)
        return worded(str(value["code"]), params, english, lang)
    if key == "format" and isinstance(value, str):
        name = t(f"format.{value.removesuffix('_zip')}", lang)
        return value if name.startswith("format.") else name
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, int):
        return fmt.number(value, lang) if abs(value) >= 10_000 else str(value)
    return _decimal(value, lang)


def _decimal(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "nl" else text


def _english(code: str, params: Mapping[str, Any]) -> str:
    """A stored nested message in English (its own template), for a fallback."""

    def raw(value: Any) -> Any:
        if isinstance(value, Mapping) and "code" in value:
            return _english(str(value["code"]), value.get("params") or {})
        return value

    try:
        return STRINGS[f"problem.{code}"]["en"].format(**{k: raw(v) for k, v in params.items()})
    except (KeyError, IndexError, ValueError):
        return code


def problem_message(problem: Problem, lang: str) -> str:
    """One problem's message in ``lang`` (without file and line: the table has columns)."""
    return worded(problem.code, problem.params, problem.message, lang)


def stored_problem_message(code: str, params: str, message: str, lang: str) -> str:
    """A problem as stored in ``import_problems`` (``params`` as JSON) in ``lang``."""
    try:
        values = json.loads(params or "{}")
    except ValueError:
        return message
    return worded(code or "", values if isinstance(values, dict) else {}, message, lang)


def error_message(exc: KlantstemError, lang: str) -> str:
    """Any project error in ``lang``: every view shows a caught error through this.

    A whole-file error reads ``<file>: <why>``; an error raised with a :class:`Text` (a refused
    theme edit, a workspace another process holds) is worded from its code; any other error
    (no code) is shown as raised, in English.
    """
    if isinstance(exc, IngestError) and exc.file and isinstance(exc.detail, Text):
        detail = exc.detail
        return f"{exc.file}: {worded(detail.code, detail.params, str(detail), lang)}"
    first = exc.args[0] if len(exc.args) == 1 else None
    if isinstance(first, Text):
        return worded(first.code, first.params, str(exc), lang)
    return str(exc)


def file_error(problems: tuple[Problem, ...], error: str, lang: str) -> str:
    """Why a file could not be read, in ``lang``, without its name (shown next to it).

    ``error`` is the English with the name (``FileImport.error``): the answer when the
    file's problem is missing.
    """
    whole = next((p for p in problems if p.line == 0 and p.severity == "error"), None)
    if whole is None or not error:
        return error
    return problem_message(whole, lang)
