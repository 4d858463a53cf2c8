"""What the views read: one typed, cached function per workspace query.

``data.theme_table(lang="nl")`` has the signature and return type of the workspace function
it wraps (minus the workspace, and minus the filters for filtered queries: the sidebar's
filters are applied here). Results are cached data keyed by the query, the workspace path,
its ``data_version`` and the arguments (with the function's defaults filled in, so
``top_theme_table(lang="en")`` and ``top_theme_table(lang="en", order="items")`` are one
entry), so every write refreshes them and nothing else does. The trend flags' input
(:func:`workspace.weeks.trend_counts`) is read once per filters and version and handed to
every query that flags (:func:`_trended`), and the current week's flags
(:func:`workspace.trends.current_trends`) are decided once from them for every query that
lists them (:func:`_flagged`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

import pandas as pd
import streamlit as st

from dashboard import formatting as fmt
from dashboard import state
from dashboard.i18n import t
from workspace import queries, theme_queries, theme_store, trends, weeks
from workspace import theme_tree as tree_queries
from workspace.db import Workspace
from workspace.localtime import week_monday, workspace_timezone
from workspace.queries import Filters

if TYPE_CHECKING:
    from workspace.placement import Suggestions

P = ParamSpec("P")
R = TypeVar("R")

_FUNCTIONS: dict[str, Callable[..., Any]] = {}


def _key(fn: Callable[..., Any]) -> str:
    key = f"{fn.__module__}.{fn.__qualname__}"
    _FUNCTIONS[key] = fn
    return key


def _defaults(fn: Callable[..., Any]) -> dict[str, Any]:
    """``fn``'s keyword-only parameters with their defaults, except the ones the wrappers pass
    themselves (filters, the trend counts, the current week's flags)."""
    return {
        name: p.default
        for name, p in inspect.signature(fn).parameters.items()
        if p.kind is p.KEYWORD_ONLY
        and p.default is not p.empty
        and name not in ("filters", "counted", "current")
    }


def _kwargs(defaults: dict[str, Any], given: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The keyword arguments of a call as a cache key: defaults filled in, sorted."""
    return tuple(sorted({**defaults, **given}.items()))


@st.cache_data(show_spinner=False, max_entries=16)
def _zone(path: str, version: int) -> str:
    return workspace_timezone(state.workspace())


def today_key() -> str:
    """Today in the workspace's zone: part of every cache key, because whether the latest
    week is over (:func:`workspace.localtime.week_is_over`) changes with the calendar."""
    zone = _zone(state.workspace_path(), state.data_version())
    return pd.Timestamp.now(tz=zone).date().isoformat()


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_filtered(
    key: str,
    path: str,
    version: int,
    today: str,
    flt: Filters,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> Any:
    return _FUNCTIONS[key](state.workspace(), *args, filters=flt, **dict(kwargs))


_TREND_COUNTS = _key(weeks.trend_counts)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_trended(
    key: str,
    path: str,
    version: int,
    today: str,
    flt: Filters,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> Any:
    # O(items) twice over at 100k (~0.15 s): read once, every flagging query gets a copy.
    counted = _cached_filtered(_TREND_COUNTS, path, version, today, flt, (), ())
    return _FUNCTIONS[key](state.workspace(), *args, filters=flt, counted=counted, **dict(kwargs))


_CURRENT_TRENDS = _key(trends.current_trends)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_flagged(
    key: str,
    path: str,
    version: int,
    today: str,
    flt: Filters,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> Any:
    # The week's flags (~0.13 s at 100k) once per filters and version, not once per query:
    # the Overview lists them three times, the Themes and theme pages again.
    counted = _cached_filtered(_TREND_COUNTS, path, version, today, flt, (), ())
    current = _cached_trended(_CURRENT_TRENDS, path, version, today, flt, (), ())
    return _FUNCTIONS[key](
        state.workspace(), *args, filters=flt, counted=counted, current=current, **dict(kwargs)
    )


@st.cache_data(show_spinner=False, max_entries=128)
def _cached_unfiltered(
    key: str,
    path: str,
    version: int,
    today: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
) -> Any:
    return _FUNCTIONS[key](state.workspace(), *args, **dict(kwargs))


def _under_filters(
    cached: Callable[..., Any], fn: Callable[Concatenate[Workspace, Filters | None, P], R]
) -> Callable[P, R]:
    """``fn(ws, filters, ...)`` as a call through ``cached`` (one of the ``_cached_*``
    functions above), keyed on the workspace, its data version, today and the sidebar's
    filters."""
    key, defaults = _key(fn), _defaults(fn)

    @functools.wraps(fn)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return cast(
            R,
            cached(
                key,
                state.workspace_path(),
                state.data_version(),
                today_key(),
                state.filters(),
                args,
                _kwargs(defaults, kwargs),
            ),
        )

    return call


def _filtered(fn: Callable[Concatenate[Workspace, Filters | None, P], R]) -> Callable[P, R]:
    """``fn(ws, filters, ...)`` as a cached call under the sidebar's filters."""
    return _under_filters(_cached_filtered, fn)


def _trended(fn: Callable[Concatenate[Workspace, Filters | None, P], R]) -> Callable[P, R]:
    """As :func:`_filtered`, for a query that flags trends from its ``counted`` argument
    (:func:`workspace.weeks.trend_counts` under the same filters, read once for all)."""
    return _under_filters(_cached_trended, fn)


def _flagged(fn: Callable[Concatenate[Workspace, Filters | None, P], R]) -> Callable[P, R]:
    """As :func:`_trended`, for a query that also takes the current week's flags as its
    ``current`` argument (:func:`workspace.trends.current_trends` of the same counts, decided
    once for all)."""
    return _under_filters(_cached_flagged, fn)


def _unfiltered(fn: Callable[Concatenate[Workspace, P], R]) -> Callable[P, R]:
    """``fn(ws, ...)`` as a cached call that ignores the sidebar (options, pickers, one theme)."""
    key, defaults = _key(fn), _defaults(fn)

    @functools.wraps(fn)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return cast(
            R,
            _cached_unfiltered(
                key,
                state.workspace_path(),
                state.data_version(),
                today_key(),
                args,
                _kwargs(defaults, kwargs),
            ),
        )

    return call


def _filtered_by_keyword(fn: Callable[..., R]) -> Callable[..., R]:
    """For workspace functions whose filters come after other positional parameters."""
    key, defaults = _key(fn), _defaults(fn)

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> R:
        return cast(
            R,
            _cached_filtered(
                key,
                state.workspace_path(),
                state.data_version(),
                today_key(),
                state.filters(),
                args,
                _kwargs(defaults, kwargs),
            ),
        )

    return call


# -- under the sidebar's filters ------------------------------------------------------------
workspace_counts = _filtered(queries.workspace_counts)
weekly_channel_counts = _filtered(queries.weekly_channel_counts)
week_over_week = _filtered(weeks.week_over_week)
week_totals = _filtered(weeks.week_totals)
latest_week = _filtered(weeks.latest_week)
theme_coverage = _filtered(queries.theme_coverage)
theme_table = _flagged(trends.theme_table_with_trends)
top_theme_table = _trended(trends.top_theme_table_with_trends)
flagged_themes = _flagged(trends.flagged_themes)
largest_unflagged_rise = _flagged(trends.largest_unflagged_rise)
spike_markers = _filtered(trends.spike_markers)  # whole weeks only: not trend_counts' three
theme_week_matrix = _filtered(theme_queries.theme_week_matrix)
channel_theme_shares = _filtered(theme_queries.channel_theme_shares)
channel_summary = _filtered(queries.channel_summary)
unsorted_items = _filtered(theme_queries.unsorted_items)


def theme_weekly_channel_counts(theme_id: int) -> pd.DataFrame:
    """Items of one theme per local ISO week and channel, under the sidebar's filters."""
    return _theme_weekly_channel_counts(theme_id)


def theme_quotes(theme_id: int, *, limit: int = 50) -> pd.DataFrame:
    """Items of one theme, most typical first, under the sidebar's filters."""
    return _theme_quotes(theme_id, limit=limit)


_theme_weekly_channel_counts = _filtered_by_keyword(theme_queries.theme_weekly_channel_counts)
_theme_quotes = _filtered_by_keyword(theme_queries.theme_quotes)

# -- regardless of the sidebar ----------------------------------------------------------------
filter_options = _unfiltered(queries.filter_options)
theme_choices = _unfiltered(theme_queries.theme_choices)
theme_info = _unfiltered(theme_queries.theme_info)
batch_preview = _unfiltered(queries.batch_preview)
last_edit = _unfiltered(theme_queries.last_edit)
theme_tree = _unfiltered(tree_queries.theme_tree)
theme_similarities = _unfiltered(theme_queries.theme_similarities)
placement_threshold = _unfiltered(theme_store.placement_threshold)


def _placement_suggestions(ws: Workspace, item_ids: tuple[str, ...]) -> Suggestions:
    # Imported here: only the Unsorted inbox needs the placement code (and its imports).
    from workspace.placement import placement_for

    return placement_for(ws, item_ids)


placement_suggestions = _unfiltered(_placement_suggestions)


def started_week(lang: str) -> tuple[date, str] | None:
    """The Monday of the week the sidebar's start date falls in when that is not a Monday,
    and the weekly charts' note for it ("Week 36 van 2026 vanaf 2 sep"): the charts hold
    only that week's days from the start date. None without a start date or on a Monday."""
    start = state.filters().start
    if not start:
        return None
    day = date.fromisoformat(start)
    if day.weekday() == 0:
        return None
    monday = week_monday(day)
    week = fmt.week_name(monday, lang, capital=True)
    return monday, t("chart.started_week", lang).format(week=week, day=fmt.day_month(day, lang))


def unfinished_week(lang: str) -> tuple[date, str] | None:
    """The Monday of the latest week when it is not over, and the weekly charts' legend entry
    for it ("Week 48 van 2026 t/m 25 nov, nog niet om"); None once it is over
    (:func:`workspace.localtime.week_is_over`). When the calendar has left that week, its
    data stops early for another reason (an export cut on a Friday in 2016, the filter's end
    date): the entry says the week is incomplete ("Week 39 van 2016 t/m 30 sep,
    onvolledig"), not that it is still running."""
    latest = latest_week()
    if latest.over or latest.monday is None or latest.last_day is None:
        return None
    day = fmt.day_month(latest.last_day, lang)
    week = fmt.week_name(latest.monday, lang, capital=True)
    running = date.fromisoformat(today_key()) <= latest.monday + timedelta(days=6)
    key = "chart.unfinished_week" if running else "chart.incomplete_week"
    return latest.monday, t(key, lang).format(week=week, day=day)
