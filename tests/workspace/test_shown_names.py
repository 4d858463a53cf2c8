"""One rule for the name a manager reads (``workspace.names``), on every screen and export.

A theme's engine names: ``label_nl`` and ``label_en`` from its items in that language,
``label`` from all its items. A theme of app reviews in English, Arabic and Spanish has no
Dutch name; a Dutch screen shows its English name, not the phrase of whatever language most
of its items are in.
"""

from __future__ import annotations

import pytest

from analysis.embedders import TfidfEmbedder
from tests.analysis.conftest import make_records, synthetic_texts
from workspace import refresh, theme_tree
from workspace.db import Workspace
from workspace.imports import import_records
from workspace.queries import items_for_export
from workspace.summary import weekly_summary
from workspace.theme_queries import theme_info, theme_table

ARABIC = "جميل جدا"


@pytest.fixture
def workspace(workspace_path):
    with Workspace.open(workspace_path) as ws:
        yield ws


@pytest.fixture
def named(workspace):
    """A refreshed workspace whose largest theme is named like a multilingual praise theme,
    and whose top theme (holding only it) takes its name; returns (workspace, theme id)."""
    workspace.set_setting("embedder", "tfidf")
    import_records(workspace, make_records(synthetic_texts(40)), file_name="batch0")
    refresh.refresh_themes(workspace, TfidfEmbedder())
    theme_id = int(
        workspace.query_df(
            "SELECT theme_id FROM themes WHERE status = 'active' ORDER BY size DESC, theme_id"
        )["theme_id"].iloc[0]
    )
    with workspace.transaction() as con:
        con.execute(
            "UPDATE themes SET label = ?, label_en = 'good', label_nl = '' WHERE theme_id = ?",
            [ARABIC, theme_id],
        )
        # its top theme holds other themes too in general: give it the same kind of names
        con.execute(
            "UPDATE top_themes SET label = ?, label_en = 'praise', label_nl = '' "
            "WHERE top_id = (SELECT top_id FROM themes WHERE theme_id = ?)",
            [ARABIC, theme_id],
        )
    return workspace, theme_id


def _shown(ws, theme_id: int, lang: str) -> dict[str, str]:
    """The theme's name and its top theme's name on every surface that shows them."""
    info = theme_info(ws, theme_id, lang=lang)
    tree = theme_tree.tree_summary(ws, lang=lang)
    top = next(t for t in tree if any(s["theme_id"] == theme_id for s in t["themes"]))
    in_tree = next(s for s in top["themes"] if s["theme_id"] == theme_id)
    exported = items_for_export(ws, lang=lang)
    mine = exported[exported["theme_id"] == theme_id]
    summary = weekly_summary(ws, "last")
    in_summary = next((t for t in summary.themes if t.theme_id == theme_id), None)
    names = {
        "theme page": info.label if info else "",
        "engine name": info.engine_label if info else "",
        "tree": str(in_tree["label"]),
        "export": str(mine["theme_label"].iloc[0]),
    }
    assert in_summary is not None, "the theme has items in the summary's week"
    names["summary"] = in_summary.label(lang)
    top_names = {"tree top": str(top["label"]), "export top": str(mine["top_theme_label"].iloc[0])}
    if len(top["themes"]) > 1:  # a top theme of one theme reads as that theme
        names.update({k: v for k, v in top_names.items()})
    return names


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_theme_without_dutch_items_reads_in_english_on_every_surface(named, lang):
    ws, theme_id = named
    shown = _shown(ws, theme_id, lang)
    theme_names = {k: v for k, v in shown.items() if "top" not in k}
    assert set(theme_names.values()) == {"good"}, shown
    assert not any(ARABIC in v for v in shown.values()), shown


def test_a_dutch_name_comes_first_on_a_dutch_screen(named):
    ws, theme_id = named
    with ws.transaction() as con:
        con.execute("UPDATE themes SET label_nl = 'prima app' WHERE theme_id = ?", [theme_id])
    assert set(_shown(ws, theme_id, "nl").values()) - {"praise"} == {"prima app"}
    assert "prima app" not in _shown(ws, theme_id, "en").values()


def test_without_a_name_in_either_language_the_name_of_all_items_shows(named):
    ws, theme_id = named
    with ws.transaction() as con:
        con.execute("UPDATE themes SET label_en = '' WHERE theme_id = ?", [theme_id])
    for lang in ("nl", "en"):
        theme_names = {k: v for k, v in _shown(ws, theme_id, lang).items() if "top" not in k}
        assert set(theme_names.values()) == {ARABIC}


def test_keywords_follow_the_names_rule_on_the_theme_page_and_the_themes_list(named):
    """Keywords of the Dutch items on a Dutch screen, of the English ones on an English
    screen, of all items when the theme has none of its own in that language."""
    ws, theme_id = named
    with ws.transaction() as con:
        con.execute(
            'UPDATE themes SET keywords = \'["vriendelijk", "friendly"]\', '
            "keywords_nl = '[\"vriendelijk\"]', keywords_en = '[\"friendly\"]' "
            "WHERE theme_id = ?",
            [theme_id],
        )

    def shown(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        info = theme_info(ws, theme_id, lang=lang)
        table = theme_table(ws, lang=lang)
        listed = table.loc[table["theme_id"] == theme_id, "keywords"].iloc[0]
        return (info.keywords if info else ()), tuple(listed)

    assert shown("nl") == (("vriendelijk",), ("vriendelijk",))
    assert shown("en") == (("friendly",), ("friendly",))
    found = theme_table(ws, lang="nl", contains="vriendelijk")["theme_id"].tolist()
    assert found == [theme_id]
    with ws.transaction() as con:  # no Dutch keywords: a Dutch screen reads the English ones
        con.execute("UPDATE themes SET keywords_nl = '[]' WHERE theme_id = ?", [theme_id])
    assert shown("nl") == (("friendly",), ("friendly",))
    with ws.transaction() as con:  # none per language: the keywords of all items
        con.execute("UPDATE themes SET keywords_en = '[]' WHERE theme_id = ?", [theme_id])
    assert shown("nl") == (("vriendelijk", "friendly"),) * 2
    assert shown("en") == (("vriendelijk", "friendly"),) * 2


def test_names_and_quotes_follow_one_reading_order():
    """A Dutch manager gets Dutch, then English, then anything: the names' columns and the
    quotes' order (analysis.reading) are one rule, so they cannot drift apart."""
    from analysis.reading import READER_LANGUAGES, READING_ORDER, quote_order
    from workspace.names import ENGINE_NAME_COLUMNS

    assert ENGINE_NAME_COLUMNS == {
        "nl": ("label_nl", "label_en", "label"),
        "en": ("label_en", "label"),
    }
    assert set(READING_ORDER) == set(READER_LANGUAGES)
    for lang, columns in ENGINE_NAME_COLUMNS.items():
        named_in = [c.removeprefix("label_") for c in columns[:-1]]
        languages = ["ar", *reversed(named_in)]
        texts = ["Applause for the app", "Brilliant work", "Clear and quick"][: len(languages)]
        ordered = [languages[i] for i in quote_order(texts, languages, lang)]
        assert ordered == [*named_in, "ar"]


def _written_in_arabic(ws, theme_id: int, share: float = 1.0) -> None:
    """The theme's items (a ``share`` of them, the others Persian) detected as Arabic."""
    with ws.transaction() as con:
        ids = [
            r[0]
            for r in con.execute(
                "SELECT item_id FROM assignments WHERE theme_id = ? ORDER BY item_id", [theme_id]
            ).fetchall()
        ]
        cut = round(share * len(ids))
        con.execute("UPDATE items SET language = 'ar' WHERE id IN (SELECT unnest(?))", [ids[:cut]])
        con.execute("UPDATE items SET language = 'fa' WHERE id IN (SELECT unnest(?))", [ids[cut:]])


@pytest.mark.parametrize(("lang", "language"), [("nl", "Arabisch"), ("en", "Arabic")])
def test_a_name_in_a_script_the_manager_cannot_read_says_its_language(named, lang, language):
    """A theme of Arabic praise named in Arabic, without a Dutch or English name: every
    surface shows "جميل جدا (Arabisch)" on a Dutch screen, "(Arabic)" on an English one; the
    language is the one most of its items are in ("ar" over "fa")."""
    ws, theme_id = named
    _written_in_arabic(ws, theme_id, share=0.75)
    with ws.transaction() as con:
        con.execute("UPDATE themes SET label_en = '' WHERE theme_id = ?", [theme_id])
    theme_names = {k: v for k, v in _shown(ws, theme_id, lang).items() if "top" not in k}
    assert set(theme_names.values()) == {f"{ARABIC} ({language})"}, theme_names


def test_a_name_in_the_reader_s_language_or_the_manager_s_stays_as_it_is(named):
    ws, theme_id = named
    _written_in_arabic(ws, theme_id)
    for lang in ("nl", "en"):  # it has an English name: that is shown, as before
        assert {v for k, v in _shown(ws, theme_id, lang).items() if "top" not in k} == {"good"}
    with ws.transaction() as con:
        con.execute(
            "UPDATE themes SET label_en = '', manager_name = ? WHERE theme_id = ?",
            [ARABIC, theme_id],
        )
    for lang in ("nl", "en"):  # the manager's own name is never touched
        shown = _shown(ws, theme_id, lang)
        assert {v for k, v in shown.items() if "top" not in k and k != "engine name"} == {ARABIC}
        assert shown["engine name"].startswith(f"{ARABIC} (")  # the engine's, beside it


def test_a_name_in_latin_letters_stays_as_it_is(named):
    """A German or Portuguese name is readable letters: it is not marked (the script tells
    nothing of its language, and the theme's items are mostly in English)."""
    ws, theme_id = named
    _written_in_arabic(ws, theme_id)
    with ws.transaction() as con:
        con.execute(
            "UPDATE themes SET label = 'aktuellen version', label_en = '' WHERE theme_id = ?",
            [theme_id],
        )
    for lang in ("nl", "en"):
        theme_names = {k: v for k, v in _shown(ws, theme_id, lang).items() if "top" not in k}
        assert set(theme_names.values()) == {"aktuellen version"}


def test_a_main_theme_named_in_arabic_says_its_language(named):
    """A main theme's engine name follows the rule, counting the items of its themes."""
    from workspace.names import engine_label_sql

    ws, theme_id = named
    _written_in_arabic(ws, theme_id)
    with ws.transaction() as con:
        con.execute(
            "UPDATE top_themes SET label_en = '' "
            "WHERE top_id = (SELECT top_id FROM themes WHERE theme_id = ?)",
            [theme_id],
        )
    for lang, language in (("nl", "Arabisch"), ("en", "Arabic")):
        frame = ws.query_df(
            f"SELECT {engine_label_sql(lang, 'tt')} AS name FROM top_themes tt "
            "WHERE top_id = (SELECT top_id FROM themes WHERE theme_id = ?)",
            [theme_id],
        )
        assert frame["name"].tolist() == [f"{ARABIC} ({language})"]
