"""Pure plotly figures. Never imports streamlit; every function returns a ``go.Figure``.

Figures receive query results (already aggregated in DuckDB) and display names; they only
reshape for plotting. Long labels are shortened here so axes never overlap.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from analysis.trends import scaled_for_channel
from dashboard.formatting import MONTHS, day_month, number, week_name

# One colour meaning per chart: channels keep these everywhere; red and green are kept for
# negative and positive only (none of the channels uses them), markers are neutral dark.
CHANNEL_COLOURS = {
    "email": "#4C78A8",
    "review": "#F58518",
    "app_review": "#72B7B2",
    "ticket": "#B279A2",
    "chat": "#EECA3B",
    "survey": "#9D755D",
    "other": "#9AA5B1",
}
NEGATIVE = "#C0392B"
POSITIVE = "#2E8B57"
NEUTRAL = "#5B6770"
MARKER = "#222222"
_FONT = {"family": "sans-serif", "size": 13}

DEFAULT_WEEKS = 26
"""Weeks a weekly chart shows unless the manager widens it (an old import must not squeeze
the recent weeks into a sliver)."""
WEEK_CHOICES = (26, 52, 104, 0)
"""The widening control's steps; 0 means every week with data."""


def week_window(
    week_starts: pd.Series, weeks: int, through: date | pd.Timestamp | None = None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last week start shown: the latest ``weeks`` weeks up to the newest data
    (``weeks`` 0: from the oldest data). ``through`` (a week start) ends the window there
    when it is later: a theme's chart runs to the workspace's latest week like every other
    chart, not to the theme's own last week."""
    starts = pd.to_datetime(week_starts)
    last = starts.max()
    if through is not None:
        last = max(last, pd.Timestamp(through))
    if not weeks:
        return starts.min(), last
    return max(starts.min(), last - pd.Timedelta(weeks=weeks - 1)), last


def weeks_before_window(
    week_starts: pd.Series, weeks: int, through: date | None = None
) -> tuple[int, pd.Timestamp | None]:
    """How many distinct weeks of ``week_starts`` fall before the window
    :func:`week_window` shows, and that window's first week (None when nothing is left out):
    the theme page's "Weeks with feedback" counts every week, its chart only the window."""
    if week_starts.empty:
        return 0, None
    first, _ = week_window(week_starts, weeks, through)
    starts = pd.to_datetime(week_starts)
    left_out = int(starts[starts < first].nunique())
    return left_out, (first if left_out else None)


def all_week_starts(first: pd.Timestamp, last: pd.Timestamp) -> pd.DatetimeIndex:
    """Every week start from ``first`` to ``last`` (weeks without data included: gaps)."""
    return pd.date_range(first, last, freq="7D")


def week_ticks(
    first: pd.Timestamp, last: pd.Timestamp, lang: str, max_ticks: int = 13
) -> tuple[list[pd.Timestamp], list[str]]:
    """Tick positions and year-aware labels for a weekly date axis, in ``lang``.

    Up to ~30 weeks: week starts (``3 aug``), the year under the first tick and wherever it
    changes. Longer: the first week of every k-th month (``aug<br>2026``), always with the year.
    """
    weeks = int((last - first).days // 7) + 1
    if weeks <= 30:
        step = max(1, math.ceil(weeks / max_ticks))
        values = list(all_week_starts(first, last))[::step]
        texts, year = [], None
        for value in values:
            text = day_month(value, lang)
            if value.year != year:
                text += f"<br>{value.year}"
                year = value.year
            texts.append(text)
        return values, texts
    months = weeks / 4.35
    step = next(k for k in (1, 2, 3, 6, 12, 24, 60) if months / k <= max_ticks)
    values, texts = [], []
    month = pd.Timestamp(first.year, first.month, 1)
    while month <= last:
        if (month.month - 1) % step == 0 and month >= first - timedelta(days=6):
            values.append(month)
            names = MONTHS.get(lang, MONTHS["en"])
            texts.append(
                f"{names[month.month - 1]}<br>{month.year}" if step < 12 else str(month.year)
            )
        month = (month + pd.DateOffset(months=1)).normalize()
    return values, texts


def _week_axis(fig: go.Figure, first: pd.Timestamp, last: pd.Timestamp, lang: str) -> None:
    values, texts = week_ticks(first, last, lang)
    fig.update_xaxes(
        type="date",
        tickmode="array",
        tickvals=values,
        ticktext=texts,
        range=[first - pd.Timedelta(days=4), last + pd.Timedelta(days=4)],
        automargin=True,
    )


def shorten(label: str, width: int = 38) -> str:
    """One line of at most ``width`` characters (with an ellipsis when cut), HTML-escaped:
    plotly renders a subset of HTML in labels, and theme names come from users."""
    label = " ".join(str(label).split())
    label = label if len(label) <= width else label[: width - 1].rstrip() + "…"
    return html.escape(label)


def row_names(labels: list[str], width: int = 34) -> list[str]:
    """Shortened names for a chart's rows, each distinct: a name that repeats (two themes may
    share one, or two long ones shorten alike) gets a running number, never an id."""
    return _distinct([shorten(label, width) for label in labels])


def count_ticks(top: float) -> dict[str, float]:
    """Axis settings for a count axis whose largest value is ``top``: whole numbers only.

    Plotly's automatic ticks on a range up to 5 fall on halves ("1,5 berichten" for a theme
    of a few items a week); below 6 the ticks are set one apart, above it plotly's own steps
    are whole numbers already."""
    return {"tick0": 0, "dtick": 1} if top < 6 else {}


def _empty(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=message, showarrow=False, font={"size": 15}, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=200, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def weekly_channel_bars(
    counts: pd.DataFrame,
    *,
    channel_names: dict[str, str],
    x_title: str,
    y_title: str,
    empty_message: str = "",
    spikes: pd.DataFrame | None = None,
    spike_name: str = "Spike",
    spike_hover: str = "{label} in {channel}: {items} / {baseline}{busier}",
    spike_busier: str = " (x{growth})",
    lang: str = "en",
    weeks: int = DEFAULT_WEEKS,
    unfinished: tuple[date, str] | None = None,
    through: date | None = None,
    started: tuple[date, str] | None = None,
) -> go.Figure:
    """Stacked weekly bars per channel from ``weekly_channel_counts`` output.

    Shows the latest ``weeks`` weeks (0: all) on a date axis, so a week without feedback is
    an empty slot, never bridged. ``spikes`` (``spike_markers`` output) puts a marker above
    each week that holds one, with ``spike_hover`` (fields ``label``, ``channel``, ``items``,
    ``baseline``, ``busier``) per spike; ``busier`` is ``spike_busier`` (field ``growth``)
    for a spike whose usual week the rule scaled for a surging channel, else empty. ``unfinished`` (the Monday of a week that is not over, and a
    note such as "Week 39 van 2016 t/m 30 sep") hatches that week's bars and names the hatch
    in the legend, so a short bar does not read as a drop. ``through`` (the Monday of the
    workspace's latest week) makes the axis run to that week when ``counts`` end earlier (a
    theme quiet since July): weeks without items are empty, i.e. zero. ``started`` (the Monday
    of the week the filters' start date falls in mid-week, and a note such as "Week 36 van
    2026 vanaf 2 sep") hatches and names that week's bars the same way: they hold only its
    days from that date.
    """
    if counts.empty:
        return _empty(empty_message)
    first, last = week_window(counts["week_start"], weeks, through)
    counts = counts[pd.to_datetime(counts["week_start"]).between(first, last)]
    notes = _partial_weeks(unfinished, started)
    fig = go.Figure()
    for channel, part in counts.groupby("channel", sort=True):
        name = channel_names.get(str(channel), str(channel))
        colour = CHANNEL_COLOURS.get(str(channel))
        starts = pd.to_datetime(part["week_start"])
        is_open = starts.isin(list(notes))
        done, running = part[~is_open.to_numpy()], part[is_open.to_numpy()]
        # The unfinished week's bar is a trace of its own, out of the legend: the legend's
        # swatch is drawn like a trace's first bar, and a channel new this week showed a
        # hatched swatch that read as the "not over yet" entry.
        fig.add_bar(
            x=pd.to_datetime(done["week_start"]) if len(done) else [None],
            y=done["items"] if len(done) else [None],
            name=name,
            legendgroup=name,
            marker_color=colour,
            customdata=[week_name(str(w), lang, capital=True) for w in done["week"]],
            hovertemplate="%{customdata}: %{y}<extra>%{fullData.name}</extra>",
        )
        if len(running):
            fig.add_bar(
                x=pd.to_datetime(running["week_start"]),
                y=running["items"],
                name=name,
                legendgroup=name,
                showlegend=False,
                marker_color=colour,
                marker_pattern_shape="/",
                customdata=[notes[w] for w in pd.to_datetime(running["week_start"])],
                hovertemplate="%{customdata}: %{y}<extra>%{fullData.name}</extra>",
            )
    shown_weeks = set(pd.to_datetime(counts["week_start"]))
    for week, note in sorted(notes.items()):
        if week not in shown_weeks:
            continue
        fig.add_bar(  # a legend entry only: the hatch explained
            x=[None],
            y=[None],
            name=html.escape(note),
            marker={"color": "#FFFFFF", "line": {"color": NEUTRAL, "width": 1}},
            marker_pattern={"shape": "/", "fgcolor": NEUTRAL},
            hoverinfo="skip",
        )
    if spikes is not None and not spikes.empty:
        spikes = spikes[pd.to_datetime(spikes["week_start"]).between(first, last)]
    if spikes is not None and not spikes.empty:
        hover = (spike_hover, spike_busier)
        _spike_markers(fig, counts, spikes, channel_names, spike_name, hover, lang)
    fig.update_layout(
        barmode="stack",
        xaxis_title=x_title,
        yaxis_title=y_title,
        # above the plot: below it, the legend ran into the week labels and the axis title
        # reversed: top to bottom as the stack (legend groups alone list it bottom-up)
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "traceorder": "reversed",
        },
        margin={"l": 50, "r": 10, "t": 30, "b": 40},
        height=400,
        font=_FONT,
        separators=",." if lang == "nl" else ".,",
    )
    _week_axis(fig, first, last, lang)
    fig.update_yaxes(**count_ticks(float(counts.groupby("week_start")["items"].sum().max())))
    return fig


def _partial_weeks(
    unfinished: tuple[date, str] | None, started: tuple[date, str] | None
) -> dict[pd.Timestamp, str]:
    """The weeks a weekly chart holds only some days of, by Monday, with their notes: the
    unfinished latest week and the week a filter starts in mid-week (the unfinished week's
    note when they are one week)."""
    notes = {pd.Timestamp(started[0]): started[1]} if started else {}
    if unfinished:
        notes[pd.Timestamp(unfinished[0])] = unfinished[1]
    return notes


def _spike_markers(
    fig: go.Figure,
    counts: pd.DataFrame,
    spikes: pd.DataFrame,
    channel_names: dict[str, str],
    name: str,
    hover: tuple[str, str],
    lang: str = "en",
) -> None:
    """A dark triangle above each week's stacked bar for the spikes of that week (``hover``:
    the line per spike and its ending for a surging channel)."""
    line, busier = hover
    heights = counts.groupby(pd.to_datetime(counts["week_start"]))["items"].sum()
    spikes = spikes.assign(week_start=pd.to_datetime(spikes["week_start"]))
    weeks = sorted(set(spikes["week_start"]))
    texts = []
    for week in weeks:
        rows = spikes[spikes["week_start"] == week]
        texts.append(
            "<br>".join(
                line.format(
                    label=shorten(str(r.label)),
                    channel=html.escape(channel_names.get(str(r.channel), str(r.channel))),
                    items=number(int(r.items), lang),
                    baseline=number(float(r.baseline), lang, 1),
                    busier=busier.format(growth=number(float(r.channel_growth), lang, 1))
                    if scaled_for_channel(r.channel_growth)
                    else "",
                )
                for r in rows.itertuples(index=False)
            )
        )
    top = float(heights.max()) if len(heights) else 1.0
    fig.add_scatter(
        x=weeks,
        y=[float(heights.get(w, 0)) + 0.04 * top for w in weeks],
        mode="markers",
        name=name,
        marker={"symbol": "triangle-down", "size": 13, "color": MARKER},
        text=texts,
        hovertemplate="%{text}<extra></extra>",
    )


def theme_week_heatmap(
    matrix: pd.DataFrame,
    *,
    x_title: str,
    colour_title: str,
    hover: str = "{week}: {items}",
    count_text: Callable[[int], str] | None = None,
    empty_message: str = "",
    lang: str = "en",
    weeks: int = DEFAULT_WEEKS,
    unfinished: tuple[date, str] | None = None,
    through: date | None = None,
    started: tuple[date, str] | None = None,
) -> go.Figure:
    """Themes (rows, largest on top) × weeks from ``theme_week_matrix`` output.

    The latest ``weeks`` weeks (0: all) on a date axis; a week without any feedback is an
    empty column, so weeks years apart never sit side by side. Each row is coloured by its
    own busiest week (1 = that week, 0 = none): on one scale for all rows, one large main
    theme left every other row white, and the question this chart answers is *when* each
    theme was busy (its size is the row order and the Themes page). ``hover`` (fields
    ``week``, ``items``) gives the count itself, as ``count_text`` words it (``1 bericht``;
    default: the bare number). ``unfinished`` (as in
    :func:`weekly_channel_bars`) outlines that week's column and names it above the chart,
    so its light cells do not read as a drop; ``started`` (as there) names its week in the
    hover.
    """
    if matrix.empty:
        return _empty(empty_message)
    first, last = week_window(matrix["week_start"], weeks, through)
    themes = list(dict.fromkeys(matrix["theme_id"]))
    labels = dict(zip(matrix["theme_id"], matrix["label"], strict=False))
    names = row_names([str(labels[i]) for i in themes])
    frame = matrix.assign(week_start=pd.to_datetime(matrix["week_start"]))
    columns = all_week_starts(first, last)
    pivot = (
        frame.pivot(index="theme_id", columns="week_start", values="items").reindex(
            index=themes, columns=columns
        )  # weeks without data: NaN, drawn empty
    )
    open_week = pd.Timestamp(unfinished[0]) if unfinished else None
    notes = _partial_weeks(unfinished, started)
    week_names = [notes.get(d) or week_name(d.date(), lang, capital=True) for d in columns]
    peaks = pivot.max(axis=1).where(lambda v: v > 0)
    shares = pivot.div(peaks, axis=0)
    counted = count_text or (lambda n: number(n, lang))
    texts = [
        [
            hover.format(week=html.escape(w), items=counted(int(v))) if v == v else ""
            for w, v in zip(week_names, row, strict=True)
        ]
        for row in pivot.to_numpy()
    ]
    fig = go.Figure(
        go.Heatmap(
            z=shares.to_numpy(),
            x=list(columns),
            y=names,
            text=texts,
            zmin=0,
            zmax=1,
            colorscale="Blues",
            colorbar={
                "title": {"text": colour_title},
                "thickness": 12,
                "tickvals": [0, 0.5, 1],
                "ticktext": ["0%", "50%", "100%"],
            },
            hovertemplate="%{y}<br>%{text}<extra></extra>",
            xgap=1,
            ygap=1,
            hoverongaps=False,
        )
    )
    top_margin = 10
    if open_week is not None and first <= open_week <= last and unfinished:
        half = pd.Timedelta(days=3.5)
        fig.add_shape(
            type="rect",
            x0=open_week - half,
            x1=open_week + half,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": MARKER, "width": 1.5, "dash": "dot"},
            fillcolor="rgba(0,0,0,0)",
        )
        fig.add_annotation(
            x=open_week + half,
            y=1,
            yref="paper",
            yanchor="bottom",
            xanchor="right",
            text=html.escape(unfinished[1]),
            showarrow=False,
            font={"size": 12, "color": NEUTRAL},
        )
        top_margin = 30
    fig.update_layout(
        height=140 + 30 * len(themes) + top_margin,
        margin={"l": 10, "r": 10, "t": top_margin, "b": 10},
        xaxis_title=x_title,
        font=_FONT,
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    _week_axis(fig, first, last, lang)
    return fig


def channel_theme_heatmap(
    shares: pd.DataFrame,
    *,
    channel_names: dict[str, str],
    colour_title: str,
    empty_message: str = "",
    lang: str = "en",
) -> go.Figure:
    """Share of each channel's items per theme (``channel_theme_shares`` output), in %: the
    colour and hover from ``share``, the cell's number from ``share_shown`` (a channel's
    column adds up) when there is one."""
    if shares.empty:
        return _empty(empty_message)
    themes = list(dict.fromkeys(shares["theme_id"]))
    labels = dict(zip(shares["theme_id"], shares["label"], strict=False))
    pivot = shares.pivot(index="theme_id", columns="channel", values="share").reindex(themes)
    written = "share_shown" if "share_shown" in shares else "share"
    cells = shares.pivot(index="theme_id", columns="channel", values=written).reindex(themes)
    z = pivot.to_numpy() * 100
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[channel_names.get(c, c) for c in pivot.columns],
            y=row_names([str(labels[i]) for i in themes]),
            colorscale="Oranges",
            text=[[f"{v:.0f}%" for v in row] for row in cells.to_numpy() * 100],
            texttemplate="%{text}",
            colorbar={"title": {"text": colour_title}, "thickness": 12},
            hovertemplate="%{y}<br>%{x}: %{z:.1f}%<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_layout(
        height=120 + 30 * len(themes),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        font=_FONT,
        separators=",." if lang == "nl" else ".,",
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_xaxes(side="top", type="category")
    return fig


WEEK_BAR_LARGEST = 8
"""Themes the Overview's week bars show by this week's size."""
WEEK_BAR_MOVERS = 3
"""Themes added to those by the largest change against last week (a theme that dropped from
15 to 8 is news even when it is no longer among the largest)."""


def week_bar_rows(
    table: pd.DataFrame, largest: int = WEEK_BAR_LARGEST, movers: int = WEEK_BAR_MOVERS
) -> pd.DataFrame:
    """The rows :func:`theme_week_bars` draws: the ``largest`` themes this week, plus the
    ``movers`` others with the largest change (up or down), ordered by this week's size."""
    ordered = table.sort_values(["this_week", "last_week"], ascending=False, kind="stable")
    shown = ordered.head(largest)
    rest = ordered.iloc[largest:]
    if movers and len(rest):
        change = (rest["this_week"] - rest["last_week"]).abs()
        moved = rest.assign(_moved=change)
        moved = moved[moved["_moved"] > 0]
        moved = moved.sort_values("_moved", ascending=False, kind="stable").head(movers)
        shown = ordered.loc[ordered.index.isin(set(shown.index) | set(moved.index))]
    return shown


def wrap(label: str, width: int = 24, lines: int = 2) -> str:
    """A chart row's name on up to ``lines`` lines of about ``width`` characters (broken
    between words, ``<br>`` between lines; an ellipsis only when even that does not hold it),
    HTML-escaped. A name cut after 30 characters ("medewerker van de klantenserv…") is
    unreadable; two lines fit the Overview's narrow column at 1400 px."""
    words = " ".join(str(label).split()).split(" ")
    out: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    last = len(out) - 1
    return "<br>".join(
        shorten(p, width) if i == last else html.escape(p) for i, p in enumerate(out)
    )


def theme_week_bars(
    table: pd.DataFrame,
    *,
    this_label: str,
    last_label: str,
    x_title: str,
    empty_message: str = "",
    lang: str = "en",
) -> go.Figure:
    """Horizontal bars per theme (or main theme): the latest week against the week before.

    ``table``: rows with ``label``, ``this_week``, ``last_week`` (``theme_table`` or
    ``top_theme_table`` output); the rows of :func:`week_bar_rows`, largest this week on top.
    """
    if table.empty:
        return _empty(empty_message)
    rows = week_bar_rows(table)
    names = _distinct([wrap(str(v)) for v in rows["label"]])
    lines = sum(n.count("<br>") for n in names)
    fig = go.Figure()
    for column, label, colour in (  # this week on top of each pair (the y axis runs down)
        ("this_week", this_label, "#4C78A8"),
        ("last_week", last_label, "#B8C4D6"),
    ):
        fig.add_bar(
            y=names,
            x=rows[column],
            name=label,
            orientation="h",
            marker_color=colour,
            text=[number(v, lang) for v in rows[column]],
            textposition="outside",
            cliponaxis=False,
            customdata=[html.escape(" ".join(str(v).split())) for v in rows["label"]],
            hovertemplate="%{customdata}: %{x}<extra>%{fullData.name}</extra>",
        )
    top = float(max(rows["this_week"].max(), rows["last_week"].max()))
    fig.update_layout(
        barmode="group",
        xaxis_title=x_title,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        margin={"l": 10, "r": 30, "t": 30, "b": 10},
        height=110 + 38 * len(rows) + 8 * lines,
        bargap=0.25,
        font=_FONT,
        separators=",." if lang == "nl" else ".,",
    )
    fig.update_yaxes(autorange="reversed", automargin=True, type="category")
    fig.update_xaxes(range=[0, max(top, 1.0) * 1.15], **count_ticks(top))  # room for labels
    return fig


def _distinct(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
