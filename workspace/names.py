"""The names a manager reads, as SQL: one rule for a theme and one for a top theme.

Every query that shows, exports or summarises a theme or top theme name builds it here, so
the Themes page, the exports, the weekly summary and ``klantstem themes`` agree.
"""

from __future__ import annotations

from analysis.reading import READING_ORDER

SHOWN_STATUSES = "('active', 'proposed')"

ENGINE_NAME_COLUMNS: dict[str, tuple[str, ...]] = {
    lang: (*(f"label_{code}" for code in order), "label") for lang, order in READING_ORDER.items()
}
"""The engine's names in the order a manager reading ``lang`` gets them: Dutch
``("label_nl", "label_en", "label")``, English ``("label_en", "label")``, built from
:data:`analysis.reading.READING_ORDER`, the order the quotes follow too.

``label_nl`` and ``label_en`` are each named from the theme's items in that language;
``label`` from all its items, in whatever language most of them are. A Dutch screen falls
back to the English name before that one: a theme of app reviews in English, Arabic and
Spanish is "good" on a Dutch screen, not its Arabic phrase."""


def _lang(lang: str) -> str:
    return "nl" if lang == "nl" else "en"


def engine_label_sql(lang: str, alias: str = "t") -> str:
    """SQL for the engine's name of a theme or top theme in ``lang`` (no manager's name)."""
    columns = ENGINE_NAME_COLUMNS[_lang(lang)]
    parts = [f"nullif({alias}.{c}, '')" for c in columns[:-1]] + [f"{alias}.{columns[-1]}"]
    return f"coalesce({', '.join(parts)})"


def theme_label_sql(lang: str, alias: str = "t") -> str:
    """SQL expression for the label a manager sees: their own name, else the engine's name
    in their language (:data:`ENGINE_NAME_COLUMNS`)."""
    return f"coalesce(nullif({alias}.manager_name, ''), {engine_label_sql(lang, alias)})"


def top_label_sql(lang: str, alias: str = "tt") -> str:
    """SQL for a top theme's shown name: the manager's; else, when it holds exactly one
    theme, that theme's shown name (a top theme of one theme is that theme: two names for
    one group would only confuse); else the top theme's engine name in ``lang``."""
    only_child = (
        f"(SELECT CASE WHEN count(*) = 1 THEN any_value({theme_label_sql(lang, 'one')}) END "
        f"FROM themes one WHERE one.top_id = {alias}.top_id AND one.status IN {SHOWN_STATUSES})"
    )
    return (
        f"coalesce(nullif({alias}.manager_name, ''), {only_child}, {engine_label_sql(lang, alias)})"
    )


def keywords_sql(lang: str, alias: str = "t") -> str:
    """SQL for the keywords shown with a theme in ``lang`` (a JSON list), by the names' rule:
    a Dutch screen reads the keywords of the Dutch items, else of the English ones, else of
    all items (:data:`ENGINE_NAME_COLUMNS`, ``label`` → ``keywords``)."""
    columns = [c.replace("label", "keywords") for c in ENGINE_NAME_COLUMNS[_lang(lang)]]
    parts = [f"nullif({alias}.{c}, '[]')" for c in columns[:-1]] + [f"{alias}.{columns[-1]}"]
    return f"coalesce({', '.join(parts)})"


def shown_names_sql(level: str) -> str:
    """SQL listing ``(id, name)`` of every listed theme (``level="theme"``) or active top
    theme (``"top"``) under each name a screen may show it by, Dutch and English."""
    if level == "theme":
        return " UNION ALL ".join(
            f"SELECT t.theme_id AS id, {theme_label_sql(lang)} AS name FROM themes t "
            f"WHERE t.status IN {SHOWN_STATUSES}"
            for lang in ("nl", "en")
        )
    return " UNION ALL ".join(
        f"SELECT tt.top_id AS id, {top_label_sql(lang)} AS name FROM top_themes tt "
        "WHERE tt.status = 'active' AND EXISTS (SELECT 1 FROM themes x WHERE x.top_id = "
        f"tt.top_id AND x.status IN {SHOWN_STATUSES})"
        for lang in ("nl", "en")
    )
