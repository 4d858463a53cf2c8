"""What the theme page says is true: of the theme under the sidebar's filters, with the
partial weeks marked, a proposed theme called proposed and the quotes table called a
selection when it is one (AppTest through the real app on the view fixture).

Fixture: item n (0..89) is dated 1 June 2026 + n days, in theme 1 + n % 3 (none when
n % 10 == 9), channel email / review / ticket by n % 4 % 3.
"""

from __future__ import annotations

import datetime

import pytest

from tests.dashboard.conftest import build_workspace, chart_spec
from tests.dashboard.test_pages import open_page, texts
from workspace.db import Workspace


def _filtered(at, *, start=None, end=None):
    if start:
        at.sidebar.date_input(key="filter_start").set_value(start)
    if end:
        at.sidebar.date_input(key="filter_end").set_value(end)
    return at.run()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_theme_without_items_in_the_filters_does_not_say_nothing_matches(themed_workspace, lang):
    """2 June holds one item (n = 1, theme 2): theme 1 has none that day, but the filters do
    match feedback. The page said "No feedback matches the filters in the sidebar"."""
    day = datetime.date(2026, 6, 2)
    at = _filtered(open_page("theme", lang=lang, query={"theme": "1"}), start=day, end=day)
    assert not at.exception
    said = {
        "en": "This theme has no items within the filters in the sidebar.",
        "nl": "Dit thema heeft geen berichten binnen de filters in de zijbalk.",
    }[lang]
    assert [i.value for i in at.info] == [said]
    (chart,) = at.get("plotly_chart")
    assert [a["text"] for a in chart_spec(chart)["layout"]["annotations"]] == [said]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[{"en": "Items", "nl": "Berichten"}[lang]] == "0"
    other = _filtered(open_page("theme", lang=lang, query={"theme": "2"}), start=day, end=day)
    assert {m.label: m.value for m in other.metric}[{"en": "Items", "nl": "Berichten"}[lang]] == "1"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_chart_marks_a_first_week_the_filters_cut(themed_workspace, lang):
    """From Wednesday 5 Aug the week of 3 Aug holds only its days from then on: the theme
    page's chart says so, as the Trends page's does (its bars were drawn as a whole week)."""
    at = _filtered(
        open_page("theme", lang=lang, query={"theme": "1"}), start=datetime.date(2026, 8, 5)
    )
    (chart,) = at.get("plotly_chart")
    names = [trace.get("name") for trace in chart_spec(chart)["data"]]
    note = {"en": "Week 32 of 2026 from 5 Aug", "nl": "Week 32 van 2026 vanaf 5 aug"}[lang]
    assert note in names


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_proposed_theme_is_called_proposed(themed_workspace, lang):
    with Workspace.open(themed_workspace) as ws, ws.transaction() as con:
        con.execute("UPDATE themes SET status = 'proposed' WHERE theme_id = 3")
        ws.bump_data_version(con)
    at = open_page("theme", lang=lang, query={"theme": "3"})
    name, mark = {"en": ("App crashes", "(proposed)"), "nl": ("App crasht", "(voorgesteld)")}[lang]
    assert at.title[0].value.replace("\\", "") == f"{name} {mark}"
    picker = at.selectbox[0]
    assert f"{name} {mark}" in picker.options
    assert not [o for o in picker.options if mark in o and not o.startswith(name)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_quotes_table_says_it_is_a_selection(tmp_path, monkeypatch, lang):
    """200 items: theme 1 holds 60, the table the 50 most typical; it said nothing of it."""
    path = build_workspace(tmp_path / "large.duckdb", items=200)
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)
    at = open_page("theme", lang=lang, query={"theme": "1"})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[{"en": "Items", "nl": "Berichten"}[lang]] == "60"
    assert len(at.dataframe[0].value) == 50
    said = {
        "en": "The table and the download hold 50 of the theme's 60 items: the most typical, "
        "each text once.",
        "nl": "De tabel en de download bevatten 50 van de 60 berichten in dit thema: de meest "
        "typerende, elke tekst één keer.",
    }[lang]
    assert said in texts(at, "caption")
    # all of a small theme's items fit (27 of 90 items): no such line
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(build_workspace(tmp_path / "small.duckdb")))
    with_all = open_page("theme", lang=lang, query={"theme": "1"})
    assert len(with_all.dataframe[0].value) == 27
    assert not [c for c in texts(with_all, "caption") if c.startswith(said[:12])]


def test_the_counts_say_what_they_count(themed_workspace):
    at = open_page("theme", lang="nl", query={"theme": "1"})
    helps = {m.label: m.help for m in at.metric}
    assert helps["Berichten"] == "Berichten in dit thema binnen de filters in de zijbalk."
    assert "maandag t/m zondag" in helps["Weken met feedback"]
    assert "links van de grafiek" in helps["Weken met feedback"]
    assert helps["Kanalen"] == "Kanalen waaruit dit thema berichten heeft binnen de filters."
