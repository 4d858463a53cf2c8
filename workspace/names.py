"""The names a manager reads, as SQL: one rule for a theme and one for a top theme.

Every query that shows, exports or summarises a theme or top theme name builds it here, so
the Themes page, the exports, the weekly summary and ``klantstem themes`` agree.
"""

from __future__ import annotations

SHOWN_STATUSES = "('active', 'proposed')"


def theme_label_sql(lang: str, alias: str = "t") -> str:
    """SQL expression for the label a manager sees: their own name, else the label in
    their language, else the engine's label."""
    column = "label_nl" if lang == "nl" else "label_en"
    return (
        f"coalesce(nullif({alias}.manager_name, ''), nullif({alias}.{column}, ''), {alias}.label)"
    )


def top_label_sql(lang: str, alias: str = "tt") -> str:
    """SQL for a top theme's shown name: the manager's; else, when it holds exactly one
    theme, that theme's shown name (a top theme of one theme is that theme: two names for
    one group would only confuse); else the top theme's name in ``lang``."""
    own = "label_nl" if lang == "nl" else "label_en"
    only_child = (
        f"(SELECT CASE WHEN count(*) = 1 THEN any_value({theme_label_sql(lang, 'one')}) END "
        f"FROM themes one WHERE one.top_id = {alias}.top_id AND one.status IN {SHOWN_STATUSES})"
    )
    return (
        f"coalesce(nullif({alias}.manager_name, ''), {only_child}, "
        f"nullif({alias}.{own}, ''), {alias}.label)"
    )
