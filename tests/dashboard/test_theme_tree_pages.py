"""The theme tree in the dashboard: the Themes page lists top themes with their themes, the
Overview and Trends start at top themes and go down, and every top-level edit asks first and
can be undone, in English and Dutch."""

from __future__ import annotations

import pytest

from dashboard.i18n import t
from tests.dashboard.conftest import chart_spec
from tests.dashboard.test_pages import edits, open_page, texts
from workspace import theme_tree, trends
from workspace.db import Workspace

NAMES = {
    # top theme 20 holds theme 3 only, so it reads as that theme (workspace/names.py)
    "en": {10: "Delivery and billing", 20: "App crashes", 1: "Late parcels", 3: "App crashes"},
    "nl": {10: "Bezorging en facturen", 20: "App crasht", 1: "Pakket te laat", 3: "App crasht"},
}


def plain(text: str) -> str:
    return str(text).replace("\\", "")


def headings(at) -> list[str]:
    return [plain(e.label) for e in at.expander]


def widget(widgets, prefix: str):
    return next(w for w in widgets if w.key and w.key.startswith(prefix))


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        pytest.param(
            "en",
            "Delivery and billing — 54 items · 66.7% · this week 4 (+1) · 2 themes",
            "App crashes — 27 items · 33.3% · this week 1 (\u22121) · 1 theme",
            id="english",
        ),
        pytest.param(
            "nl",
            "Bezorging en facturen — 54 berichten · 66,7% · deze week 4 (+1) · 2 thema's",
            "App crasht — 27 berichten · 33,3% · deze week 1 (\u22121) · 1 thema",
            id="dutch",
        ),
    ],
)
def test_themes_page_lists_top_themes_with_their_themes(tree_workspace, lang, first, second):
    # The fixture's last item is on Saturday 29 Aug: this week against the same days (Monday
    # to Saturday) of the week before.
    at = open_page("themes", lang=lang)
    assert not at.exception, at.exception
    assert headings(at)[:2] == [first, second]
    grids = [grid.value for grid in at.dataframe]
    names = NAMES[lang]
    assert list(grids[0]["theme_id"]) == [1, 2] and list(grids[1]["theme_id"]) == [3]
    assert grids[0]["label"].iloc[0] == names[1]
    assert "keywords_text" not in at.dataframe[0].proto.column_order  # on the theme page
    # the text filter opens the top themes that hold a match
    at.text_input(key="themes_contains").set_value("crash").run()
    assert [list(g.value["theme_id"]) for g in at.dataframe] == [[3]]
    assert len(at.expander) == 2  # its top theme, and the edit panel
    assert headings(at)[0].startswith(names[20])


def test_top_theme_size_and_trend_are_the_sums_of_its_themes(tree_workspace):
    with Workspace.open(tree_workspace) as ws:
        tops = trends.top_theme_table_with_trends(ws).set_index("top_id")
        themes = trends.theme_table_with_trends(ws).set_index("theme_id")
        week = trends.current_week(ws)
        summed = trends.top_theme_counts(
            ws, trends.weekly_theme_channel_counts(ws, until_week=week)
        )
    assert tops.loc[10, "items"] == themes.loc[[1, 2], "items"].sum() == 54
    assert tops.loc[10, "share"] == pytest.approx(themes.loc[[1, 2], "share"].sum())
    assert list(tops.loc[10, "trend"]) == [
        a + b for a, b in zip(themes.loc[1, "trend"], themes.loc[2, "trend"], strict=True)
    ]
    assert tops.loc[10, "this_week"] == themes.loc[[1, 2], "this_week"].sum()
    assert set(summed["theme_id"]) == {10, 20}
    assert summed["items"].sum() > 0
    from analysis.trends import theme_trends_for_week

    same_rule = theme_trends_for_week(summed, week)
    assert list(tops["flag"]) == [same_rule.flag(int(i)) for i in tops.index]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_rename_a_top_theme_asks_first_then_undo(tree_workspace, lang):
    at = open_page("themes", lang=lang)
    widget(at.selectbox, "top_rename_pick").set_value(20)
    widget(at.text_input, "top_name").set_value("Inloggen")
    button(at, t("theme.rename", lang)).click().run()
    warning = plain(texts(at, "warning")[0])
    assert NAMES[lang][20] in warning and "Inloggen" in warning
    assert edits(tree_workspace) == []  # nothing changes before the confirmation
    at.button(key="confirm_top_edit").click().run()
    assert any(h.startswith("Inloggen — 27") for h in headings(at))
    assert [k for k, _ in edits(tree_workspace)] == ["rename_top"]
    # says what was done, not just "Done." / "Gedaan."
    done = t("done.rename_top", lang).format(old=NAMES[lang][20], new="Inloggen")
    assert list(map(plain, texts(at, "success"))) == [done]
    button(at, t("theme.undo", lang)).click().run()
    assert t("edit.rename_top", lang) in plain(texts(at, "warning")[0])
    at.button(key="confirm_top_edit").click().run()
    undone = t("done.undo", lang).format(edit=t("edit.rename_top", lang))
    assert list(map(plain, texts(at, "success"))) == [undone]
    assert headings(at)[1].startswith(NAMES[lang][20])


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_merge_top_themes_asks_first(tree_workspace, lang):
    at = open_page("themes", lang=lang)
    widget(at.selectbox, "top_merge_source").set_value(20)
    widget(at.selectbox, "top_merge_target").set_value(10)
    button(at, t("theme.merge", lang)).click().run()
    warning = plain(texts(at, "warning")[0])
    assert NAMES[lang][20] in warning and NAMES[lang][10] in warning
    at.button(key="cancel_top_edit").click().run()
    assert edits(tree_workspace) == []
    widget(at.selectbox, "top_merge_source").set_value(20)
    widget(at.selectbox, "top_merge_target").set_value(10)
    button(at, t("theme.merge", lang)).click().run()
    at.button(key="confirm_top_edit").click().run()
    assert not at.exception, at.exception
    assert [list(g.value["theme_id"]) for g in at.dataframe] == [[1, 2, 3]]
    assert "81" in headings(at)[0]
    done = t("done.merge_top", lang).format(old=NAMES[lang][20], new=NAMES[lang][10])
    assert list(map(plain, texts(at, "success"))) == [done]
    with Workspace.open(tree_workspace) as ws:
        assert [t["top_id"] for t in theme_tree.tree_summary(ws)] == [10]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_move_a_theme_on_the_themes_page(tree_workspace, lang):
    at = open_page("themes", lang=lang)
    widget(at.selectbox, "top_move_theme").set_value(3)
    widget(at.selectbox, "top_move_to").set_value(10)
    button(at, t("tops.move", lang)).click().run()
    warning = plain(texts(at, "warning")[0])
    assert NAMES[lang][3] in warning and NAMES[lang][10] in warning
    at.button(key="confirm_top_edit").click().run()
    assert [list(g.value["theme_id"]) for g in at.dataframe] == [[1, 2, 3]]
    done = t("done.move_top", lang).format(theme=NAMES[lang][3], new=NAMES[lang][10])
    assert list(map(plain, texts(at, "success"))) == [done]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_move_a_theme_from_its_page_then_undo_there(tree_workspace, lang):
    at = open_page("theme", lang=lang, query={"theme": "3"})
    # its main theme holds it alone and has its name: no "Main theme: App crashes" on it
    assert not [
        c for c in map(plain, texts(at, "caption")) if c.startswith(t("theme.top", lang)[:6])
    ]
    picker = next(s for s in at.selectbox if s.label == t("tops.move_to", lang))
    # it starts at the main theme the theme is under now (it started at the first other one)
    assert picker.value == 20
    assert picker.options == [NAMES[lang][10], NAMES[lang][20]]
    button(at, t("tops.move", lang)).click().run()
    assert not texts(at, "warning")  # "moving" it where it is: nothing to confirm
    picker = next(s for s in at.selectbox if s.label == t("tops.move_to", lang))
    picker.set_value(10)
    button(at, t("tops.move", lang)).click().run()
    warning = plain(texts(at, "warning")[0])
    assert NAMES[lang][3] in warning and NAMES[lang][10] in warning
    at.button(key="confirm_edit").click().run()
    assert t("theme.top", lang).format(label=NAMES[lang][10]) in map(plain, texts(at, "caption"))
    assert [k for k, _ in edits(tree_workspace)] == ["move_theme"]
    at.button(key="undo_3").click().run()  # the theme page's undo undoes a tree edit too
    assert t("edit.move_theme", lang) in plain(texts(at, "warning")[0])
    at.button(key="confirm_edit").click().run()
    captions = list(map(plain, texts(at, "caption")))
    assert not [c for c in captions if c.startswith(t("theme.top", lang)[:6])], captions


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_overview_shows_top_themes_and_goes_down(tree_workspace, lang):
    at = open_page("overview", lang=lang)
    names = NAMES[lang]
    chart = next(c for c in at.get("plotly_chart") if c.key == "overview_themes")
    assert set(chart_spec(chart)["data"][0]["y"]) == {names[10], names[20]}
    level = widget(at.selectbox, "overview_level")
    assert level.options[:2] == [t("level.tops", lang), t("level.all", lang)]
    level.set_value("all").run()
    chart = next(c for c in at.get("plotly_chart") if c.key == "overview_themes")
    assert len(chart_spec(chart)["data"][0]["y"]) == 3
    widget(at.selectbox, "overview_level").set_value(20).run()
    chart = next(c for c in at.get("plotly_chart") if c.key == "overview_themes")
    assert list(chart_spec(chart)["data"][0]["y"]) == [names[3]]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_trends_heatmaps_show_top_themes_by_name_and_go_down(tree_workspace, lang):
    at = open_page("trends", lang=lang)
    names = NAMES[lang]
    charts = {c.key: chart_spec(c)["data"][0] for c in at.get("plotly_chart")}
    assert list(charts["trends_heatmap"]["y"]) == [names[10], names[20]]
    assert list(charts["trends_shares"]["y"]) == [names[10], names[20]]
    widget(at.selectbox, "trends_level").set_value(10).run()
    charts = {c.key: chart_spec(c)["data"][0] for c in at.get("plotly_chart")}
    assert len(charts["trends_heatmap"]["y"]) == 2 and names[1] in charts["trends_heatmap"]["y"]
    assert not any("·" in str(y) for y in charts["trends_heatmap"]["y"])


def _split_into_more_themes(path, extra: int) -> None:
    """Give the fixture ``extra`` more themes: copies of theme 1 holding some of its items."""
    with Workspace.open(path) as ws, ws.transaction() as con:
        for n in range(extra):
            new = 100 + n
            con.execute(
                "INSERT INTO themes SELECT * REPLACE (? AS theme_id, label || ' ' || ? AS label, "
                "label_en || ' ' || ? AS label_en, label_nl || ' ' || ? AS label_nl) "
                "FROM themes WHERE theme_id = 1",
                [new, str(n), str(n), str(n)],
            )
            con.execute(
                "UPDATE assignments SET theme_id = ? WHERE item_id IN (SELECT item_id "
                "FROM assignments WHERE theme_id = 1 ORDER BY item_id LIMIT 2)",
                [new],
            )
        ws.bump_data_version(con)  # as every edit does: the dashboard reads afresh


def test_trends_row_slider_reaches_only_as_far_as_there_are_themes(tree_workspace):
    # 2 main themes and 3 themes: nothing to choose, every row shown, no slider
    at = open_page("trends")
    assert not [s for s in at.slider if s.key and s.key.startswith("trends_top")]
    widget(at.selectbox, "trends_level").set_value("all").run()
    charts = {c.key: chart_spec(c)["data"][0] for c in at.get("plotly_chart")}
    assert len(charts["trends_heatmap"]["y"]) == 3
    assert not [s for s in at.slider if s.key and s.key.startswith("trends_top")]
    # 3 + 6 themes: the slider runs from 5 to 9 and starts at all 9
    _split_into_more_themes(tree_workspace, 6)
    at = open_page("trends")
    widget(at.selectbox, "trends_level").set_value("all").run()
    slider = widget(at.slider, "trends_top")
    assert (slider.min, slider.max, slider.value) == (5, 9, 9)
    charts = {c.key: chart_spec(c)["data"][0] for c in at.get("plotly_chart")}
    assert len(charts["trends_heatmap"]["y"]) == 9
    slider.set_value(6).run()
    charts = {c.key: chart_spec(c)["data"][0] for c in at.get("plotly_chart")}
    assert len(charts["trends_heatmap"]["y"]) == 6
