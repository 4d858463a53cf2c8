"""A theme tree that adds nothing (each main theme one theme of its name, as the demo's nine)
reads as a list of themes in the weekly summary, as on the Themes page: no main themes
section, no theme listed twice, no "Main theme" column repeating each theme's name. One rule,
:func:`analysis.theme_tree.tree_adds_nothing`, for every screen and the summary."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest

from analysis.summary import build_weekly_summary
from analysis.summary_render import render
from analysis.theme_tree import tree_adds_nothing
from tests.summary.fabricate import LABELS, WEEK, fabricate
from tests.summary.test_builder import COUNTS

NA = pd.NA


@pytest.mark.parametrize(
    ("top_ids", "labels", "top_labels", "flat"),
    [
        pytest.param([1, 2], ["a", "b"], ["a", "b"], True, id="each-its-own-name"),
        pytest.param([1, 1], ["a", "b"], ["ab", "ab"], False, id="two-themes-in-one"),
        pytest.param([1, 2], ["a", "b"], ["a", "Mine"], False, id="a-main-theme-named-apart"),
        pytest.param([1, None], ["a", "b"], ["a", ""], False, id="a-theme-without-main-theme"),
        pytest.param([1.0, float("nan")], ["a", "b"], ["a", ""], False, id="nan-main-theme"),
        pytest.param([1, NA], ["a", "b"], ["a", ""], False, id="na-main-theme"),
        pytest.param([], [], [], False, id="no-tree"),
    ],
)
def test_the_one_rule(top_ids, labels, top_labels, flat):
    assert tree_adds_nothing(top_ids, labels, top_labels) is flat


def _with_tops(themes: pd.DataFrame, named_apart: bool = False) -> pd.DataFrame:
    """Every theme its own main theme; of its name, or (``named_apart``) of a name of its own."""
    prefix = ("All about ", "Alles over ") if named_apart else ("", "")
    return themes.assign(
        top_id=themes["theme_id"] + 100,
        top_label_en=prefix[0] + themes["label_en"],
        top_label_nl=prefix[1] + themes["label_nl"],
    )


def _summary(named_apart: bool = False):
    items, themes = fabricate(COUNTS, week=WEEK)
    return build_weekly_summary(items, _with_tops(themes, named_apart), WEEK)


HEADINGS = {
    "nl": ("## Thema's", "## Hoofdthema's", "## Grootste thema's", "## Let hierop"),
    "en": ("## Themes", "## Main themes", "## Largest themes", "## Look at this"),
}


def _table_rows(markdown: str) -> list[str]:
    """The first cell of every table row (the header rows left out)."""
    cells = [line.split("|")[1].strip() for line in markdown.splitlines() if line.startswith("| ")]
    return cells


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_lists_each_theme_once_as_a_theme(lang):
    summary = _summary()
    assert summary.tree_adds_nothing(lang) and not summary.main_themes(lang)
    markdown = render(summary, "md", lang).decode("utf-8")
    themes, mains, largest, attention = HEADINGS[lang]
    assert mains not in markdown and largest not in markdown
    assert markdown.index(themes) < markdown.index(attention)
    names = [t.label(lang) for t in summary.week_themes]
    rows = _table_rows(markdown)
    assert all(rows.count(name) == 1 for name in names), rows
    # the themes table holds the week's themes, their shares adding up to 100,0%
    section = markdown[markdown.index(themes) : markdown.index(attention)]
    shares = re.findall(r"\| (\d+[,.]\d)% \|", section)
    assert (
        len(shares) == len(names)
        and sum(round(10 * float(s.replace(",", "."))) for s in shares) == 1000
    )
    items = [int(line.split("|")[2]) for line in section.splitlines()[4:] if line.startswith("| ")]
    said = re.search(r"(?:In een thema|In a theme): (\d+)", section)
    assert said and sum(items) == int(said.group(1))  # the line under it counts what it lists


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_footer_speaks_of_themes_only(lang):
    markdown = render(_summary(), "md", lang).decode("utf-8")
    footer = markdown.split("---")[-1]
    assert "hoofdthema" not in footer.lower() and "main theme" not in footer.lower()
    tree = render(_summary(named_apart=True), "md", lang).decode("utf-8").split("---")[-1]
    assert ("(hoofd)thema" if lang == "nl" else "a theme or main theme") in tree


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_lists_each_theme_once_with_its_trend(lang):
    summary = _summary()
    page = render(summary, "html", lang).decode("utf-8")
    headings = [
        html_heading.replace("&#x27;", "'") for html_heading in re.findall(r"<h2>(.*?)</h2>", page)
    ]
    themes, mains, largest, attention = (h.removeprefix("## ") for h in HEADINGS[lang])
    assert mains not in headings and largest not in headings
    assert headings.index(themes) < headings.index(attention)
    for t in summary.week_themes:
        rows = re.findall(rf"<tr><td>{re.escape(t.label(lang))}[<]", page)
        assert len(rows) == 1, t.label(lang)
    first = page[page.index("<table>") : page.index("</table>")]
    assert first.count("<svg") == len(summary.week_themes)  # the sparklines came along


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_csv_and_excel_have_no_main_theme_column_to_repeat_the_theme(lang):
    summary = _summary()
    main = "Hoofdthema" if lang == "nl" else "Main theme"
    text = render(summary, "csv", lang).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=";" if lang == "nl" else ","))
    assert main not in header and len(header) == 16
    book = openpyxl.load_workbook(io.BytesIO(render(summary, "xlsx", lang)))
    sheet = book.worksheets[1]
    header = [c.value for c in sheet[1]]
    assert main not in header
    share = header.index(
        "Aandeel van ingedeelde berichten (%)" if lang == "nl" else "Share of sorted items (%)"
    )
    assert sheet.cell(2, share + 1).number_format == "0.0%"  # the percent columns still line up


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_tree_a_manager_named_still_leads_with_main_themes(lang):
    summary = _summary(named_apart=True)
    assert not summary.tree_adds_nothing(lang) and summary.main_themes(lang)
    markdown = render(summary, "md", lang).decode("utf-8")
    _, mains, largest, attention = HEADINGS[lang]
    assert markdown.index(mains) < markdown.index(attention) < markdown.index(largest)
    text = render(summary, "csv", lang).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text), delimiter=";" if lang == "nl" else ","))
    assert header[-1] == ("Hoofdthema" if lang == "nl" else "Main theme")


def test_a_theme_outside_the_tree_makes_it_count():
    """A listed theme without a main theme: the tree is not just the themes."""
    items, themes = fabricate(COUNTS, week=WEEK)
    themes = _with_tops(themes)
    themes.loc[themes["theme_id"] == 4, "top_id"] = None
    summary = build_weekly_summary(items, themes, WEEK)
    assert summary.flat_tree == () and summary.groups


def test_a_theme_no_longer_listed_is_not_read():
    """Only listed themes (``listed``): a merged theme without a main theme leaves the tree
    flat."""
    items, themes = fabricate(COUNTS, week=WEEK)
    themes = _with_tops(themes).assign(listed=True)
    gone = {"theme_id": 9, "label_en": "Old", "label_nl": "Oud", "first_seen": None}
    themes = pd.concat([themes, pd.DataFrame([{**gone, "listed": False}])], ignore_index=True)
    assert build_weekly_summary(items, themes, WEEK).flat_tree == ("en", "nl")
    themes.loc[themes["theme_id"] == 9, "listed"] = True
    assert build_weekly_summary(items, themes, WEEK).flat_tree == ()


def test_names_decide_per_language():
    """A main theme the manager named as its theme's English name adds nothing in English,
    and a name of its own in Dutch."""
    items, themes = fabricate(COUNTS, week=WEEK)
    themes = _with_tops(themes)
    one = themes["theme_id"] == 1
    themes.loc[one, "top_label_nl"] = LABELS[1][0]  # "Late delivery" on a Dutch page too
    summary = build_weekly_summary(items, themes, WEEK)
    assert summary.tree_adds_nothing("en") and not summary.tree_adds_nothing("nl")


@pytest.mark.parametrize("named", [False, True], ids=["as-a-refresh-names-them", "manager-named"])
def test_the_summary_and_the_themes_page_agree(tmp_path, named):
    """On a real workspace of three main themes of one theme each (as a refresh names them:
    each reads as its theme), the summary and the Themes page both read the tree as the
    themes; once the manager names the main themes, both show main themes."""
    from dashboard.theme_rows import tree_adds_nothing as page_rule
    from tests.dashboard.conftest import add_tree, build_workspace
    from tests.dashboard.test_shares_add_up import ONE_EACH
    from workspace.db import Workspace
    from workspace.summary import summary_weeks, weekly_summary
    from workspace.theme_tree import theme_tree

    path = add_tree(build_workspace(tmp_path / "ws.duckdb", items=34), ONE_EACH)
    if named:
        with Workspace.open(path) as ws, ws.transaction() as con:
            con.execute("UPDATE top_themes SET manager_name = label_nl")
    with Workspace.open(path, read_only=True) as ws:
        summary = weekly_summary(ws, summary_weeks(ws)[0])
        for lang in ("nl", "en"):
            assert page_rule(theme_tree(ws, lang=lang)) is (not named)
            assert summary.tree_adds_nothing(lang) is (not named)
            assert bool(summary.main_themes(lang)) is named
