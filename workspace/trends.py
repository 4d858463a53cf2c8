"""Theme trend queries: rising, falling, new themes and spikes of an ISO week."""

from __future__ import annotations

from analysis.trends import ThemeTrends, theme_trends_for_week
from workspace.db import Workspace
from workspace.queries import weekly_theme_channel_counts


def theme_trends(
    ws: Workspace, week: str, min_count: int = 5, new_min_items: int = 3
) -> ThemeTrends:
    """Rising, falling, new themes and spikes (per theme x channel) for an ISO week ``"YYYY-Www"``."""
    return theme_trends_for_week(
        weekly_theme_channel_counts(ws, until_week=week),
        week,
        min_count=min_count,
        new_min_items=new_min_items,
    )
