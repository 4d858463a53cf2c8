"""The launcher's first-visit work-arounds still reach the Streamlit internals they name."""

from __future__ import annotations

from streamlit import delta_generator

from dashboard.launch import skip_bare_mode_check


def test_bare_mode_check_is_skipped(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Streamlit still has the once-per-process flag, and the launcher sets it, so the first
    visitor's first element does not run ``inspect.stack()`` (a Streamlit upgrade that renames
    the flag fails here rather than silently slowing the first visit)."""
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    calls: list[bool] = []
    monkeypatch.setattr(delta_generator.env_util, "is_repl", lambda: calls.append(True) or False)
    skip_bare_mode_check()
    delta_generator._maybe_print_use_warning()
    assert delta_generator._use_warning_has_been_displayed is True
    assert calls == []
