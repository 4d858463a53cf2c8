"""The weekly summary's shares add up: its main themes and its themes each read 100,0%
together in every format, on a real workspace whose shares rounded one by one read 100,1%
(2, 2, 2 and 1 of 7 items: 28,6% x 3 + 14,3%)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import openpyxl
import pytest

from tests.summary.fabricate import WEEK, fabricate
from tests.summary.workspace_fixture import write_workspace
from workspace.db import Workspace
from workspace.summary import render_summary, weekly_summary

COUNTS = {
    (1, "email"): [3, 2],
    (2, "review"): [1, 2],
    (3, "email"): [2, 2],
    (4, "ticket"): [1, 1],
    (None, "email"): [1, 1],  # unsorted: not in the whole the shares are of
}
THIS_WEEK = {1: 2, 2: 2, 3: 2, 4: 1}
SHARE = {"nl": "Aandeel van ingedeelde berichten", "en": "Share of sorted items"}


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    path = write_workspace(tmp_path_factory.mktemp("shares") / "ws.duckdb", *fabricate(COUNTS))
    now = datetime(2026, 11, 1, tzinfo=UTC)
    with Workspace.open(path) as ws, ws.transaction() as con:
        # One main theme per theme, each named by the manager (so the tree counts: one of
        # its theme's name would add nothing): four main themes.
        for theme_id in THIS_WEEK:
            con.execute(
                "INSERT INTO top_themes (top_id, label, label_en, label_nl, manager_name, "
                "status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?)",
                [10 * theme_id, f"main {theme_id}", f"Main {theme_id}", f"Hoofd {theme_id}"]
                + [f"Hoofd {theme_id}", now, now],
            )
            con.execute(
                "UPDATE themes SET top_id = ? WHERE theme_id = ?", [10 * theme_id, theme_id]
            )
    with Workspace.open(path, read_only=True) as ws:
        return weekly_summary(ws, WEEK)


def tenths(cell: str) -> int:
    return round(10 * float(cell.rstrip("%").replace(",", ".")))


def test_rounded_one_by_one_they_would_not_add_up(summary):
    assert {t.theme_id: t.volume.items for t in summary.themes} == THIS_WEEK
    assert sum(round(1000 * t.share) for t in summary.themes) == 1001
    assert sum(round(1000 * g.share) for g in summary.groups) == 1001


def markdown_table(markdown: str, heading: str) -> list[dict[str, str]]:
    lines = markdown[markdown.index(heading) :].splitlines()[2:]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True)))
    return rows


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_main_themes_and_top_themes_add_up_to_100(summary, lang):
    markdown = render_summary(summary, "md", lang).decode("utf-8")
    groups = markdown_table(markdown, "## Hoofdthema's" if lang == "nl" else "## Main themes")
    assert len(groups) == 4
    assert sum(tenths(row[SHARE[lang]]) for row in groups) == 1000
    top = markdown_table(markdown, "## Grootste thema's" if lang == "nl" else "## Largest themes")
    assert len(top) == 4  # every theme is among the top five here
    assert sum(tenths(row[SHARE[lang]]) for row in top) == 1000


def test_html_main_themes_add_up_to_100(summary):
    page = render_summary(summary, "html", "nl").decode("utf-8")
    section = page[page.index("Hoofdthema") :]
    section = section[: section.index("</table>")]
    cells = re.findall(r"<td[^>]*>(\d+,\d)%</td>", section)
    assert len(cells) == 4 and sum(tenths(c) for c in cells) == 1000


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_csv_and_excel_themes_add_up_to_100(summary, lang):
    text = render_summary(summary, "csv", lang).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if lang == "nl" else ","))
    assert sum(tenths(row[f"{SHARE[lang]} (%)"]) for row in rows) == 1000
    book = openpyxl.load_workbook(io.BytesIO(render_summary(summary, "xlsx", lang)))
    sheet = book.worksheets[1]
    header = [c.value for c in sheet[1]]
    column = header.index(f"{SHARE[lang]} (%)")
    values = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sum(round(1000 * v) for v in values) == 1000
