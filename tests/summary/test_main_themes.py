"""The weekly summary leads with the main themes (the top level of the theme tree)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from analysis.summary import build_weekly_summary
from analysis.summary_render import render
from tests.summary.fabricate import WEEK, fabricate, monday
from tests.summary.test_builder import COUNTS

TOPS = {1: (10, "Delivery", "Bezorging"), 2: (10, "Delivery", "Bezorging"), 3: (20, "App", "App")}


def _summary():
    items, themes = fabricate(COUNTS, week=WEEK)
    themes = themes.copy()
    themes["top_id"] = [TOPS.get(int(t), (None,))[0] for t in themes["theme_id"]]
    themes["top_label_en"] = [TOPS.get(int(t), (0, ""))[1] for t in themes["theme_id"]]
    themes["top_label_nl"] = [TOPS.get(int(t), (0, "", ""))[2] for t in themes["theme_id"]]
    return build_weekly_summary(items, themes, WEEK)


def test_main_themes_add_up_their_themes():
    summary = _summary()
    groups = {g.top_id: g for g in summary.groups}
    assert set(groups) == {10, 20}
    delivery = groups[10]
    assert set(delivery.theme_ids) == {1, 2}
    assert delivery.volume.items == summary.theme(1).volume.items + summary.theme(2).volume.items
    assert delivery.volume.previous == (
        summary.theme(1).volume.previous + summary.theme(2).volume.previous
    )
    assert delivery.label("nl") == "Bezorging" and delivery.label("en") == "Delivery"
    assert summary.groups[0].volume.items >= summary.groups[-1].volume.items


def test_markdown_and_html_lead_with_the_main_themes():
    summary = _summary()
    markdown = render(summary, "md", "nl").decode("utf-8")
    assert markdown.index("## Hoofdthema's") < markdown.index("## Let hierop")
    assert "| Bezorging |" in markdown
    page = render(summary, "html", "en").decode("utf-8")
    assert page.index("Main themes") < page.index("Look at this")


def test_csv_names_each_theme_s_main_theme():
    summary = _summary()
    rows = list(csv.DictReader(io.StringIO(render(summary, "csv", "en").decode("utf-8-sig"))))
    by_theme = {row["Theme id"]: row["Main theme"] for row in rows}
    assert by_theme["1"] == "Delivery" and by_theme["3"] == "App"


def test_the_main_themes_say_how_the_week_adds_up_when_items_are_in_no_theme():
    """Star ratings without text and unsorted items are in no main theme: a line under the
    table says so, and its figures add up to the week's items and to the table."""
    every_top = {**TOPS, 4: (20, "App", "App")}  # in a workspace every theme has one
    items, themes = fabricate(COUNTS, week=WEEK)
    in_week = items["received_at"].dt.date >= monday(WEEK)
    no_text = items.index[in_week & items["theme_id"].isna()][:2]
    items["is_star_only"] = False
    items.loc[no_text, ["text", "is_star_only"]] = ["", True]  # star ratings without text
    themes["top_id"] = [every_top.get(int(t), (None,))[0] for t in themes["theme_id"]]
    themes["top_label_en"] = [every_top.get(int(t), (0, ""))[1] for t in themes["theme_id"]]
    themes["top_label_nl"] = [every_top.get(int(t), (0, "", ""))[2] for t in themes["theme_id"]]
    summary = build_weekly_summary(items, themes, WEEK)
    themed = sum(g.volume.items for g in summary.groups)
    stars = summary.total.items - summary.text_items
    assert stars == 2 and summary.unsorted_items > 0
    assert themed + stars + summary.unsorted_items == summary.total.items
    line = (
        f"In een thema: {themed} van de {summary.total.items} berichten van deze week. "
        f"Sterren zonder tekst: 2; ongesorteerd: {summary.unsorted_items}."
    )
    markdown = render(summary, "md", "nl").decode("utf-8")
    assert line in markdown
    assert markdown.index(line) < markdown.index("## Let hierop")
    page = render(summary, "html", "en").decode("utf-8")
    assert f"In a theme: {themed} of this week&#x27;s {summary.total.items} items." in page


def test_no_count_line_when_every_item_is_in_a_theme():
    themed_only = {key: counts for key, counts in COUNTS.items() if key[0] is not None}
    items, themes = fabricate(themed_only, week=WEEK)
    themes["top_id"] = [TOPS.get(int(t), (30,))[0] for t in themes["theme_id"]]
    themes["top_label_en"] = [TOPS.get(int(t), (0, "Other"))[1] for t in themes["theme_id"]]
    themes["top_label_nl"] = [TOPS.get(int(t), (0, "", "Overig"))[2] for t in themes["theme_id"]]
    summary = build_weekly_summary(items, themes, WEEK)
    assert summary.groups and summary.unsorted_items == 0
    assert summary.text_items == summary.total.items
    assert "In a theme:" not in render(summary, "md", "en").decode("utf-8")
    assert "In a theme:" not in render(summary, "html", "en").decode("utf-8")


def test_a_main_theme_counts_all_its_themes_as_the_themes_page_does():
    """A theme without items in the summary's weeks still belongs to its main theme: the
    "Themes" column counts it (the Themes page said 8 themes where the summary said 7)."""
    items, themes = fabricate(COUNTS, week=WEEK)
    quiet = themes.iloc[[0]].assign(theme_id=99, label_en="quiet", label_nl="stil")
    themes = pd.concat([themes, quiet], ignore_index=True)
    tops = {**TOPS, 99: (10, "Delivery", "Bezorging")}
    themes["top_id"] = [tops.get(int(t), (None,))[0] for t in themes["theme_id"]]
    themes["top_label_en"] = [tops.get(int(t), (0, ""))[1] for t in themes["theme_id"]]
    themes["top_label_nl"] = [tops.get(int(t), (0, "", ""))[2] for t in themes["theme_id"]]
    summary = build_weekly_summary(items, themes, WEEK)
    delivery = next(g for g in summary.groups if g.top_id == 10)
    assert set(delivery.theme_ids) == {1, 2}  # the themes with items in these weeks
    assert delivery.theme_count == 3
    row = next(
        line
        for line in render(summary, "md", "nl").decode().splitlines()
        if "| Bezorging |" in line
    )
    assert row.rstrip(" |").endswith("3")


def test_a_main_theme_s_average_is_its_own_weekly_average():
    """A main theme's "average of previous weeks" is its items per week over the weeks since
    its first theme's first item, as the SQL reads it, not the sum of its themes' averages:
    a theme two weeks old averages its items over two weeks, and added up with an old theme
    it made the main theme's average look a third higher (the real kiwix reviews, main theme
    "app": 5,0 where its weeks averaged 4,6)."""
    counts = {
        (1, "email"): [4, 4, 4, 4, 4, 4, 4, 4, 6],  # 8 earlier weeks, 32 items
        (2, "email"): [0, 0, 0, 0, 0, 0, 3, 3, 2],  # 2 earlier weeks, 6 items
    }
    items, themes = fabricate(counts, week=WEEK)
    themes = themes.copy()
    themes["top_id"] = [10 for _ in themes["theme_id"]]
    themes["top_label_en"] = ["Delivery" for _ in themes["theme_id"]]
    themes["top_label_nl"] = ["Bezorging" for _ in themes["theme_id"]]
    summary = build_weekly_summary(items, themes, WEEK)
    assert summary.theme(2).volume.average == 3.0  # its own two weeks
    (group,) = summary.groups
    assert group.volume.items == 8 and group.volume.previous == 7
    assert group.volume.average == (32 + 6) / 8  # 4,75, not 4 + 3 = 7
    assert group.volume.weeks == 8
    assert group.volume.history == (4, 4, 4, 4, 4, 4, 7, 7, 8)
    markdown = render(summary, "md", "nl").decode("utf-8")
    assert "| Bezorging | 8 | 7 | +1 | 4,8 | +68% |" in markdown
