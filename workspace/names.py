"""The names a manager reads, as SQL: one rule for a theme and one for a top theme.

Every query that shows, exports or summarises a theme or top theme name builds it here, so
the Themes page, the exports, the weekly summary and ``klantstem themes`` agree.
"""

from __future__ import annotations

from analysis.language_names import LANGUAGE_NAMES, SCRIPT_LANGUAGES
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


_UNREADABLE = "regexp_matches({0}, '\\p{{L}}') AND NOT regexp_matches({0}, '\\p{{Latin}}')"
"""SQL true for a name with letters, none of them Latin (``{0}``: the name's SQL)."""


def unreadable_name_sql(name: str, owner: str, lang: str, *, tops: bool = False) -> str:
    """SQL for an engine's name as a reader of ``lang`` gets it: a name written wholly in a
    script other than the Latin alphabet (Arabic, Cyrillic, Hebrew, ...: letters, none of
    them Latin) gets a language in ``lang`` after it, "روعه (Arabisch)", "روعه (Arabic)":
    the language most of the theme's items are in among the languages written in such a
    script (:data:`analysis.language_names.SCRIPT_LANGUAGES`; ``owner`` is SQL for the
    theme's id, or with ``tops`` the top theme's, whose themes' items count). A name in
    Latin letters, or one whose theme has no item in such a language, stays as it is.

    The one rule for names a manager cannot read. It reads only the last of the names
    (:data:`ENGINE_NAME_COLUMNS`): a theme with a name in the screen's language (or, on a
    Dutch screen, in English) keeps it, and a manager's own name is never touched. Nothing
    is translated: the reader learns what language the customers wrote in, and the quotes
    show what they said.

    Cost: one uncorrelated pass over the items of the themes whose stored name has no Latin
    letter (none in most workspaces); about 15 ms more per query that shows names.
    """
    column = 1 if lang == "nl" else 0
    codes = sorted({c for cs in SCRIPT_LANGUAGES.values() for c in cs if c in LANGUAGE_NAMES})
    listed = ", ".join(f"'{c}'" for c in codes)
    spoken = (
        "CASE code "
        + " ".join(
            f"WHEN '{c}' THEN '{LANGUAGE_NAMES[c][column].replace(chr(39), chr(39) * 2)}'"
            for c in codes
        )
        + " END"
    )
    table, key = ("top_themes", "top_id") if tops else ("themes", "theme_id")
    owner_of = "x.top_id" if tops else "a.theme_id"
    join = (
        f"JOIN themes x ON x.theme_id = a.theme_id AND x.status IN {SHOWN_STATUSES} "
        if tops
        else ""
    )
    # One map of owner -> language for the query (an uncorrelated subquery: a correlated one
    # made the Themes page's queries 2-5x slower at 100k items).
    counts = (
        f"SELECT {owner_of} AS owner, lower(left(i.language, 2)) AS code, count(*) AS n "
        f"FROM assignments a JOIN items i ON i.id = a.item_id {join}"
        f"WHERE {owner_of} IN (SELECT u.{key} FROM {table} u "
        f"WHERE {_UNREADABLE.format('u.label')}) "
        f"AND lower(left(i.language, 2)) IN ({listed}) GROUP BY ALL"
    )
    languages = (
        f"(SELECT map(list(owner), list(spoken)) FROM (SELECT owner, "
        f"list({spoken} ORDER BY n DESC, code)[1] AS spoken FROM ({counts}) GROUP BY owner))"
    )
    return (
        f"CASE WHEN {_UNREADABLE.format(name)} "
        f"THEN {name} || coalesce(' (' || {languages}[{owner}] || ')', '') ELSE {name} END"
    )


def engine_label_sql(lang: str, alias: str = "t") -> str:
    """SQL for the engine's name of a theme or top theme (alias ``tt``...) in ``lang`` (no
    manager's name); a name in a script the reader cannot read says its language
    (:func:`unreadable_name_sql`)."""
    columns = ENGINE_NAME_COLUMNS[_lang(lang)]
    tops = alias.startswith("tt")
    owner = f"{alias}.top_id" if tops else f"{alias}.theme_id"
    last = unreadable_name_sql(f"{alias}.{columns[-1]}", owner, _lang(lang), tops=tops)
    parts = [f"nullif({alias}.{c}, '')" for c in columns[:-1]] + [last]
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
