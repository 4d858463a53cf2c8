"""Every CSV download, taken from the real pages with AppTest and read back the way a
spreadsheet in the UI language reads it (Dutch: ``;`` and decimal comma)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from analysis.safe_tables import localized_frame_csv_bytes, spreadsheet_number
from tests.dashboard.test_pages import greet_every_item, open_page
from workspace.db import Workspace

BOM = b"\xef\xbb\xbf"
READ = {"nl": {"sep": ";", "decimal": ","}, "en": {"sep": ",", "decimal": "."}}


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """The bytes of every download button drawn, by file name.

    AppTest shows a download button's label but not its data, and its media store lives only
    during a run: this keeps a copy of what the page hands Streamlit.
    """
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return files


def read_back(data: bytes, lang: str) -> pd.DataFrame:
    assert data.startswith(BOM), "Excel needs the BOM to read é and ë as UTF-8"
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", **READ[lang])


def assert_numeric(frame: pd.DataFrame, columns: list[str]) -> None:
    for column in columns:
        assert pd.api.types.is_numeric_dtype(frame[column]), (column, frame[column].tolist())


THEME_COLUMNS = {
    "nl": [
        "Thema-id",
        "Thema",
        "Status",
        "Berichten",
        "Aandeel van ingedeelde berichten (%)",
        "Laatste week",
        "Week ervoor",
        "Verschil",
        "Signaal",
        "Sentiment (-1 tot 1)",
        "Gemiddelde score (1-5 sterren)",
        "Effect op score (sterren)",
        "Kanalen",
        "Piek in",
        "Trefwoorden",
    ],
    "en": [
        "Theme id",
        "Theme",
        "Status",
        "Items",
        "Share of sorted items (%)",
        "Latest week",
        "Week before",
        "Change",
        "Signal",
        "Sentiment (-1 to 1)",
        "Average rating (1-5 stars)",
        "Rating impact (stars)",
        "Channels",
        "Spike in",
        "Keywords",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_themes_download_opens_as_columns_with_numbers(themed_workspace, downloads, lang):
    at = open_page("themes", lang=lang)
    assert not at.exception
    frame = read_back(downloads[FILES[lang]["themes"]], lang)
    columns = THEME_COLUMNS[lang]
    assert list(frame.columns) == columns
    assert_numeric(frame, [columns[i] for i in (0, 3, 4, 5, 6, 7, 9, 10, 11)])
    rows = frame.set_index(columns[0])
    # 27 of 81 each, as percentages that add up to 100 (the smallest id takes the last 0.1)
    assert rows[columns[4]].tolist() == [33.4, 33.3, 33.3]
    assert rows[columns[9]].tolist() == [-0.6, -0.6, -0.6]
    # every row has its signal: a theme without one says so, never an empty cell
    assert rows[columns[8]].notna().all()
    assert set(rows[columns[8]]) <= {
        *(("geen", "piek", "nieuw", "stijgend", "dalend") if lang == "nl" else ()),
        *(("none", "spike", "new", "rising", "falling") if lang == "en" else ()),
    }
    late = rows.loc[1]
    assert late[columns[1]] == ("Pakket te laat" if lang == "nl" else "Late parcels")
    assert late[columns[14]] == ("late, parcel, delivery")
    assert late[columns[2]] == ("actief" if lang == "nl" else "active")
    assert set(late[columns[12]].split(", ")) == {"E-mail", "Reviews", "Tickets"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_theme_quotes_download_opens_as_columns_with_numbers(themed_workspace, downloads, lang):
    at = open_page("theme", lang=lang, query={"theme": "1"})
    assert not at.exception
    frame = read_back(downloads[FILES[lang]["theme"].format(id=1)], lang)
    names = {
        "nl": ["Datum", "Kanaal", "Score", "Score van maximaal", "Taal"],
        "en": ["Date", "Channel", "Rating", "Rating out of", "Language"],
    }[lang]
    similarity = (
        "Gelijkenis met het thema (0-1)" if lang == "nl" else "Similarity to the theme (0-1)"
    )
    quote, full = ("Citaat", "Volledige tekst") if lang == "nl" else ("Quote", "Full text")
    assert list(frame.columns) == [*names, similarity, quote, full]
    assert len(frame) == 27
    assert_numeric(frame, [names[2], names[3], similarity])
    assert set(frame[names[1]]) <= {"E-mail", "Reviews", "Tickets"}
    assert set(frame[names[4]]) == (
        {"Engels", "Nederlands"} if lang == "nl" else {"English", "Dutch"}
    )
    assert frame[similarity].eq(0.9).all()
    assert pd.to_datetime(frame[names[0]], format="%Y-%m-%d %H:%M").notna().all()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_theme_quotes_download_holds_the_quotes_on_screen_and_the_full_texts(
    themed_workspace, downloads, lang
):
    greet_every_item(themed_workspace)
    at = open_page("theme", lang=lang, query={"theme": "2"})
    assert not at.exception
    frame = read_back(downloads[FILES[lang]["theme"].format(id=2)], lang)
    quote, full = ("Citaat", "Volledige tekst") if lang == "nl" else ("Quote", "Full text")
    assert frame[quote].tolist() == at.dataframe[0].value["quote"].tolist()
    assert frame[quote].str.fullmatch(r"I was charged twice on my invoice \d+[.?]").all()
    assert frame[full].str.match(r"(Goedemiddag|Hi),\n\nI was charged twice").all()
    assert frame[full].str.endswith(("[NAME]", "Thanks in advance")).all()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_search_download_opens_as_columns_with_numbers(themed_workspace, downloads, lang):
    at = open_page("search", lang=lang)
    at.radio(key=f"search_mode_{lang}").set_value("keyword")
    at.text_input(key="search_query").set_value("weather")
    go = "Zoeken" if lang == "nl" else "Search"
    next(b for b in at.button if b.label == go).click().run()
    assert not at.exception
    frame = read_back(downloads[FILES[lang]["search"]], lang)
    score, theme = ("Relevantie", "Thema") if lang == "nl" else ("Relevance", "Theme")
    assert frame.columns[0] == score  # the Search page's header: one wording for relevance
    assert_numeric(frame, [score])
    assert len(frame) == 9  # the unsorted "weather" items
    assert set(frame[theme]) == {"(ongesorteerd)" if lang == "nl" else "(unsorted)"}


def test_weekly_summary_csv_is_written_by_the_same_conventions():
    """The summary's CSV and the dashboard downloads share one writer: same header, BOM and
    separators for the same values."""
    from analysis.safe_tables import localized_rows_csv_bytes

    rows = [["Bezorging", 12, 14.596365802800118, -0.28]]
    header = ["Thema", "Berichten", "Aandeel (%)", "Sentiment"]
    as_rows = localized_rows_csv_bytes(header, rows, "nl")
    as_frame = localized_frame_csv_bytes(pd.DataFrame(rows, columns=header), "nl")
    assert (
        as_rows
        == as_frame
        == BOM + b"Thema;Berichten;Aandeel (%);Sentiment\r\nBezorging;12;14,596;-0,28\r\n"
    )


@pytest.mark.parametrize(
    ("value", "lang", "places", "written"),
    [
        pytest.param(0.14596365802800118, "nl", 3, "0,146", id="dutch-rounded"),
        pytest.param(0.14596365802800118, "en", 3, "0.146", id="english-rounded"),
        pytest.param(-0.0001, "nl", 3, "0", id="no-negative-zero"),
        pytest.param(3154.0, "nl", 3, "3154", id="no-thousands-separator"),
        pytest.param(-1.5, "nl", 1, "-1,5", id="dutch-negative"),
    ],
)
def test_spreadsheet_number(value, lang, places, written):
    assert spreadsheet_number(value, lang, places) == written


def test_download_cells_stay_formula_safe_and_lists_read_as_text():
    frame = pd.DataFrame(
        {"Tekst": ['=HYPERLINK("x")', "é ë"], "Trefwoorden": [["a", "b"], []], "n": [1.25, None]}
    )
    back = read_back(localized_frame_csv_bytes(frame, "nl"), "nl")
    assert back["Tekst"].tolist() == ['\'=HYPERLINK("x")', "é ë"]
    assert back["Trefwoorden"].fillna("").tolist() == ["a, b", ""]
    assert back["n"].tolist()[0] == 1.25 and pd.isna(back["n"].tolist()[1])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_weekly_summary_csv_download_opens_as_columns_with_numbers(
    themed_workspace, downloads, lang
):
    at = open_page("summary", lang=lang)
    assert not at.exception
    [name] = [n for n in downloads if n.endswith(".csv")]
    frame = read_back(downloads[name], lang)
    theme, items, share = {
        "nl": ("Thema", "Deze week", "Aandeel van ingedeelde berichten (%)"),
        "en": ("Theme", "This week", "Share of sorted items (%)"),
    }[lang]
    assert {theme, items, share} <= set(frame.columns)
    assert len(frame) >= 1
    assert_numeric(frame, [items, share])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_themes_download_names_each_themes_main_theme(tree_workspace, downloads, lang):
    at = open_page("themes", lang=lang)
    assert not at.exception
    frame = read_back(downloads[FILES[lang]["themes"]], lang)
    main = "Hoofdthema" if lang == "nl" else "Main theme"
    theme_id = "Thema-id" if lang == "nl" else "Theme id"
    theme = "Thema" if lang == "nl" else "Theme"
    assert frame.columns[0] == main
    rows = frame.set_index(theme_id)
    both = "Bezorging en facturen" if lang == "nl" else "Delivery and billing"
    assert rows.loc[1, main] == rows.loc[2, main] == both
    # a main theme of one theme reads as that theme
    assert rows.loc[3, main] == rows.loc[3, theme]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_themes_download_of_a_tree_that_adds_nothing_has_no_main_theme_column(
    themed_workspace, downloads, lang
):
    """Each theme its own main theme (as a refresh names them): the page lists the themes
    alone, and so does its download, without a main-theme column repeating each name."""
    from tests.dashboard.conftest import add_tree

    add_tree(themed_workspace, {10 * i: ("x", "x", "x", (i,)) for i in (1, 2, 3)})
    at = open_page("themes", lang=lang)
    assert not at.exception
    frame = read_back(downloads[FILES[lang]["themes"]], lang)
    assert list(frame.columns) == THEME_COLUMNS[lang]


@pytest.fixture
def payload_dashboard(tree_workspace):
    """:func:`tree_workspace` whose texts, theme names, top theme names and keywords are
    formula and markup payloads (issue 14's acceptance, through the real pages)."""
    from tests.core.test_safe_exports import PAYLOADS

    with Workspace.open(tree_workspace) as ws, ws.transaction() as con:
        ids = [i for (i,) in con.execute("SELECT id FROM items ORDER BY source_row").fetchall()]
        con.executemany(
            "UPDATE items SET text = ? WHERE id = ?",
            [(f"{PAYLOADS[n % len(PAYLOADS)]} parcel {n}", i) for n, i in enumerate(ids)],
        )
        con.execute(
            "UPDATE themes SET label = ?, label_en = ?, label_nl = ?, keywords = ?",
            ["=cmd", '=HYPERLINK("x")', "+cmd|' /C calc'!A0", '["=kw", "-kw"]'],
        )
        con.execute(
            "UPDATE top_themes SET label = ?, label_en = ?, label_nl = ?",
            ["@SUM(1)", "-2+3+cmd|' /C calc'!A0", '=DDE("cmd")'],
        )
        ws.bump_data_version(con)
    return tree_workspace


# every file is named in the screen's language: a Dutch manager's folder holds no English names
FILES = {
    "nl": {
        "themes": "klantstem-themas.csv",
        "theme": "klantstem-thema-{id}.csv",
        "search": "klantstem-zoekresultaten.csv",
        "summary": "klantstem-weekoverzicht-",
    },
    "en": {
        "themes": "klantstem-themes.csv",
        "theme": "klantstem-theme-{id}.csv",
        "search": "klantstem-search.csv",
        "summary": "klantstem-summary-",
    },
}

DOWNLOAD_VIEWS = {"search_page.py", "summary.py", "theme_detail.py", "theme_list.py"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_download_the_pages_draw_is_inert(payload_dashboard, downloads, lang):
    from tests.core.test_safe_exports import OUTSIDE, TAG, _assert_inert_table, _csv_cells

    for page, query in (("themes", None), ("theme", {"theme": "1"}), ("summary", None)):
        assert not open_page(page, lang=lang, query=query).exception, page
    at = open_page("search", lang=lang)
    at.radio(key=f"search_mode_{lang}").set_value("keyword")
    at.text_input(key="search_query").set_value("parcel")
    next(b for b in at.button if b.label == ("Zoeken" if lang == "nl" else "Search")).click()
    assert not at.run().exception
    names = set(downloads)
    files = FILES[lang]
    assert {files["themes"], files["theme"].format(id=1), files["search"]} <= names
    assert {n.rsplit(".", 1)[1] for n in names if n.startswith(files["summary"])} >= {
        "csv",
        "md",
        "html",
    }, names  # the workbook is rendered at the click: test_summary_in_every_format_is_inert
    for name, data in downloads.items():
        if name.endswith(".csv"):
            _assert_inert_table(_csv_cells(data, ";" if lang == "nl" else ","))
        else:
            page = data.decode()
            shown = MarkdownIt("commonmark").render(page) if name.endswith(".md") else page
            assert not TAG.search(shown) and not OUTSIDE.search(shown), name
            assert not name.endswith(".md") or not re.search(r"https?://|www\.", page), name


def test_the_pages_tested_above_are_every_page_with_a_download():
    views = Path(__file__).resolve().parents[2] / "dashboard"
    drawing = {p.name for p in views.rglob("*.py") if "download_button(" in p.read_text("utf-8")}
    assert drawing == DOWNLOAD_VIEWS  # a new download: add its page to the test above
