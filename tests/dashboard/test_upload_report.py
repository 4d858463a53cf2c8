"""The Upload page's report with AppTest: per file and in total, numbers that add up, this
upload's items only, star-only rows and the file's dates named, friendly preview columns."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from dashboard import state
from dashboard.i18n import t
from dashboard.problem_text import problem_message
from dashboard.upload_report import format_name, preview, problems_table
from tests.dashboard.test_pages import open_page, texts
from tests.dutch_phrases import english_phrases_in
from tests.workspace.test_intake_report import TRUSTPILOT

ARROW_WARNING = "ignore:Arrow output on a DB-API result:UserWarning"
COUNTS = {
    "en": ("Read", "Added", "Already present", "In a theme", "Unsorted", "Stars only"),
    "nl": (
        "Gelezen",
        "Toegevoegd",
        "Al aanwezig",
        "In een thema",
        "Ongesorteerd",
        "Alleen sterren",
    ),
}


def upload(at, files):
    at.file_uploader[0].set_value(files).run()
    at.button(key="upload_start").click().run()
    assert not at.exception, at.exception
    return at


def problem_rows(at) -> pd.DataFrame:
    """The Upload page's problems as shown: a static table (its cells Markdown, escaped) when
    few, else the last grid on the page (the first static table is the files table)."""
    if len(at.table) > 1:
        return at.table[-1].value.map(lambda cell: str(cell).replace("\\", ""))
    return at.dataframe[-1].value


def file_rows(at) -> pd.DataFrame:
    """The Upload page's files table as shown (a static table: Markdown cells, a file name
    free to wrap), with its counts as numbers again."""
    from dashboard.upload_report import ZERO_WIDTH_SPACE

    shown = at.table[0].value.map(
        lambda cell: str(cell).replace("\\", "").replace(ZERO_WIDTH_SPACE, "")
    )
    for column in shown.columns[2:]:
        shown[column] = shown[column].str.replace(".", "", regex=False).astype(int)
    return shown.reset_index(drop=True)


def lines(at) -> list[str]:
    return [m.replace("\\", "") for m in texts(at, "markdown")]


@pytest.mark.filterwarnings(ARROW_WARNING)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_uploading_a_file_twice_reports_this_upload_only(themed_workspace, lang):
    read, added, present, placed, unsorted, stars = COUNTS[lang]
    data = TRUSTPILOT.encode()
    at = upload(open_page("upload", lang=lang), [("reviews.csv", data, "text/csv")])
    row = file_rows(at).iloc[0]
    assert (row[read], row[added], row[present], row[stars]) == (4, 4, 0, 1)
    assert not texts(at, "info")  # something new: no "nothing new"
    assert row[placed] + row[unsorted] + row[stars] == row[added]
    words = lines(at)
    if lang == "en":
        assert any(
            "reviews.csv** · Trustpilot reviews: 4 read: 4 added, 0 already present; "
            "problems: 1 (listed below)."
            in m
            and "star ratings without text: 1 (kept for the rating trends" in m
            and "Dated 1 Sep 2026 to 15 Sep 2026." in m
            for m in words
        ), words
    else:
        assert any(
            "4 gelezen: 4 toegevoegd, 0 al aanwezig" in m
            and "Gedateerd van 1 sep 2026 tot en met 15 sep 2026." in m
            for m in words
        ), words

    again = upload(at, [("reviews.csv", data, "text/csv")])
    row = file_rows(again).iloc[0]
    assert len(file_rows(again)) == 1  # one file: no total row
    assert (row[read], row[added], row[present]) == (4, 0, 4)
    assert (row[placed], row[unsorted]) == (0, 0)  # not the workspace's 9
    # nothing star-only in this upload: no column for it (as no line names it)
    assert stars not in file_rows(again).columns
    metrics = {m.label: m.value for m in again.metric}
    assert (metrics[added], metrics[present]) == ("0", "4")
    # said in one sentence, above the numbers (it was only "0 added, 4 already present")
    said = {
        "en": "Nothing new: all 4 items of this upload were already in the workspace",
        "nl": "Niets nieuws: alle 4 berichten van deze upload stonden al in de werkruimte",
    }
    assert [m.replace("\\", "") for m in texts(again, "info")][0].startswith(said[lang])


@pytest.mark.filterwarnings(ARROW_WARNING)
def test_several_files_get_a_total_line_that_adds_up(themed_workspace):
    good = b"text,date\nDe levering was te laat,2026-09-01\nFactuur klopt niet,2026-09-02\n"
    at = upload(
        open_page("upload"),
        [("reviews.csv", TRUSTPILOT.encode(), "text/csv"), ("week36.csv", good, "text/csv")],
    )
    table = file_rows(at)
    assert list(table["File"]) == ["reviews.csv", "week36.csv", "Total"]
    files, total = table.iloc[:2], table.iloc[2]
    for column in ("Read", "Added", "Already present", "In a theme", "Unsorted", "Stars only"):
        assert total[column] == files[column].sum(), column
    assert any(
        m.startswith("**Total**: 6 read: 6 added") and "Dated 1 Sep 2026 to 15 Sep 2026." in m
        for m in lines(at)
    ), lines(at)


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        pytest.param("generic_review", "en", "Reviews (spreadsheet)", id="generic-review"),
        pytest.param("google_play", "nl", "Google Play-reviews", id="google-play-dutch"),
        pytest.param("eml_zip", "en", "E-mail (.eml) (zip)", id="zip-of-eml"),
        # a file read with the manager's column mapping showed "mapped_table"
        pytest.param("mapped_table", "nl", "Spreadsheet (jouw kolomkeuze)", id="mapped-dutch"),
        pytest.param("mapped_table", "en", "Spreadsheet (your column choice)", id="mapped"),
        pytest.param("brand_new", "en", "brand_new", id="unknown-code-shown"),
    ],
)
def test_format_names(code, lang, name):
    assert format_name(code, lang) == name


def test_preview_uses_catalogue_columns_and_names():
    items = pd.DataFrame(
        {
            "received_at": [pd.Timestamp(date(2026, 9, 1))],
            "channel": ["app_review"],
            "language": ["nl"],
            "rating": [4.0],
            "subject": ["Over de app"],
            "text": ["Top app"],
        }
    )
    shown = preview(items, "nl")
    assert list(shown.columns) == ["Datum", "Kanaal", "Taal", "Score", "Onderwerp", "Tekst"]
    # a column no row fills is left out: reviews have no subject, star-less e-mails no score
    empty = items.assign(subject=[""], rating=[None])
    assert list(preview(empty, "nl").columns) == ["Datum", "Kanaal", "Taal", "Tekst"]
    assert shown.iloc[0]["Kanaal"] == "App-reviews" and shown.iloc[0]["Taal"] == "Nederlands"


def test_preview_ratings_read_out_of_their_scale_and_a_reply_has_none():
    """A developer's reply has no rating: its cell is empty, not "None" (a Dutch screen showed
    "None" in the Score column of a Google Play export's preview)."""
    items = pd.DataFrame(
        {
            "received_at": [pd.Timestamp(date(2016, 9, 1))] * 3,
            "channel": ["app_review"] * 3,
            "language": ["en"] * 3,
            "rating": [5.0, None, 3.5],
            "rating_scale_max": [5.0, None, 5.0],
            "subject": ["", "", ""],
            "text": ["Great", "Thank you for your 5 stars!", "Ok"],
        }
    )
    assert preview(items, "nl")["Score"].tolist() == ["5/5", "", "3,5/5"]
    assert preview(items, "en")["Rating"].tolist() == ["5/5", "", "3.5/5"]


FUTURE_ROWS = (  # a year typo (2062) and a date in 2099: after today on any clock
    b"Datum;Reactie\n"
    b"02-11-2026;De levering was te laat\n"
    b"14-03-2062;Factuur klopte niet\n"
    b"03-11-2026;Vriendelijk geholpen\n"
    b"01-01-2099;Pakket beschadigd\n"
)
FUTURE_WORDS = {
    "en": (
        "reacties.csv: 2 rows are dated after today (the latest 1 Jan 2099; lines 3, 5) and "
        "were not imported.",
        "2 read: 2 added, 0 already present; problems: 2 (listed below).",
        "error",
    ),
    "nl": (
        "reacties.csv: 2 regels hebben een datum na vandaag (de laatste 1 jan 2099; regels "
        "3, 5) en zijn niet geïmporteerd.",
        "2 gelezen: 2 toegevoegd, 0 al aanwezig",
        "fout",
    ),
}


@pytest.mark.filterwarnings(ARROW_WARNING)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_rows_dated_after_today_are_a_warning_naming_the_lines(themed_workspace, lang):
    warning, counts, severity = FUTURE_WORDS[lang]
    at = upload(open_page("upload", lang=lang), [("reacties.csv", FUTURE_ROWS, "text/csv")])
    warnings = [w.replace("\\", "") for w in texts(at, "warning")]
    assert len(warnings) == 1 and warnings[0].startswith(warning), warnings
    assert any(counts in m for m in lines(at)), lines(at)
    problems = problem_rows(at)
    file, line, level, message = problems.columns
    assert problems[line].tolist() == ["3", "5"]  # text: a whole file's problem has an empty cell
    assert set(problems[level]) == {severity}
    assert "2099-01-01" in problems[message].iloc[1]
    if lang == "nl":
        shown = "\n".join([*warnings, *problems[message]])
        assert not english_phrases_in(shown), english_phrases_in(shown)


MIXED_PROBLEMS = (  # line 5 dated 2062 (found after reading), line 7 missing its comment
    b"Datum;Naam;E-mail;Cijfer;Opmerking\n"
    b"31-10-2026;Jan de Vries;jan@example.nl;2;Mijn pakket kwam pas na 8 dagen aan.\n"
    b"01-11-2026;Piet Jansen;piet@example.nl;5;Supervriendelijke medewerker, top geholpen!\n"
    b"02-11-2026;Anna Bakker;anna@example.nl;1;Ik heb twee keer betaald voor mijn bestelling.\n"
    b"15-11-2062;Kees Smit;kees@example.nl;3;De levering was op tijd maar de doos was kapot.\n"
    b"03-11-2026;Marie Visser;marie@example.nl;4;Prima service, wel een beetje duur.\n"
    b"04-11-2026;Henk;henk@example.nl\n"
    b"05-11-2026;Sanne de Boer;sanne@example.nl;2;De app crasht steeds bij het afrekenen.\n"
)


@pytest.mark.filterwarnings(ARROW_WARNING)
def test_problems_are_listed_by_file_then_line(themed_workspace):
    """An audit's upload listed line 7 before line 5 (rows dated after today are found
    after the file is read)."""
    at = upload(
        open_page("upload", lang="nl"),
        [
            ("feedback_nov.csv", MIXED_PROBLEMS, "text/csv"),
            ("archief.csv", FUTURE_ROWS, "text/csv"),
        ],
    )
    problems = problem_rows(at)
    file, line, _, _ = problems.columns
    assert list(zip(problems[file], problems[line], strict=True)) == [
        ("archief.csv", "3"),
        ("archief.csv", "5"),
        ("feedback_nov.csv", ""),  # its "Cijfer" never passes 5: a warning for the file
        ("feedback_nov.csv", "5"),
        ("feedback_nov.csv", "7"),
    ]


def test_problem_order_puts_a_files_own_problems_first():
    from dashboard.upload_report import problem_order
    from ingest.schema import Problem

    found = [Problem("b.csv", 7, "x"), Problem("b.csv", 0, "whole file"), Problem("a.csv", 9, "y")]
    assert [(p.file, p.line) for p in sorted(found, key=problem_order)] == [
        ("a.csv", 9),
        ("b.csv", 0),
        ("b.csv", 7),
    ]


@pytest.mark.filterwarnings(ARROW_WARNING)
@pytest.mark.parametrize(
    ("cells", "shown"),
    [
        pytest.param(("2026-09-01", "2026-09-02"), "DD-MM-YYYY", id="date-only-no-00:00"),
        pytest.param(("2026-09-01 14:05", "2026-09-02 09:30"), "DD-MM-YYYY HH:mm", id="with-times"),
    ],
)
def test_preview_shows_times_only_when_the_file_has_them(themed_workspace, cells, shown):
    """A date-only export showed "00:00" on every row of its preview: a time the file never
    had. Its dates are shown without a time; a file with times keeps them."""
    csv = "text,date\nDe levering was te laat,{}\nFactuur klopt niet,{}\n".format(*cells)
    at = upload(open_page("upload", lang="nl"), [("week36.csv", csv.encode(), "text/csv")])
    columns = json.loads(at.dataframe[0].proto.columns)  # the files table is static
    assert columns["Datum"]["type_config"]["format"] == shown


def test_a_whole_file_problem_has_no_line_number():
    """The Dutch problems table said "Regel 0" for a file that could not be read at all."""
    from ingest.schema import Problem
    from workspace.imports import FileImport
    from workspace.intake import FileIntake

    problems = (Problem("mail.eml", 0, "no text"), Problem("rows.csv", 3, "bad date"))
    files = [FileIntake(FileImport("mail.eml", "eml", 0, 0, problems, error="no text"))]
    assert [row["Regel"] for row in problems_table(files, "nl")] == ["", "3"]


@pytest.mark.filterwarnings(ARROW_WARNING)
def test_a_file_mapped_later_recounts_the_files_imported_before_it(themed_workspace):
    """The placement after a column mapping places every unsorted item, an earlier file's too:
    the report kept the earlier file's counts from before it (111 unsorted said, 63 on the
    Unsorted page). Every file of the upload is counted again from where its items are."""
    from workspace import theme_edits
    from workspace.db import Workspace

    odd = b"Nr;Q3\n1;Te duur\n2;Te laat\n3;Kapot\n"
    at = upload(
        open_page("upload"),
        [("reviews.csv", TRUSTPILOT.encode(), "text/csv"), ("odd.csv", odd, "text/csv")],
    )
    assert list(file_rows(at)["File"]) == ["reviews.csv"]  # odd.csv waits
    with Workspace.open(themed_workspace) as ws:  # something moves reviews.csv's items
        placed = ws.scalar(
            "SELECT i.id FROM items i JOIN assignments a ON a.item_id = i.id "
            "WHERE i.source_file = 'reviews.csv' AND a.theme_id IS NOT NULL LIMIT 1"
        )
        theme_edits.move_item(ws, str(placed), None)
    at.selectbox(key="map_text_odd.csv").set_value("Q3")
    [b for b in at.button if b.label == "Remember and import"][0].click().run()
    assert not at.exception, at.exception
    table = file_rows(at).set_index("File")
    with Workspace.open(themed_workspace) as ws:
        for name in ("reviews.csv", "odd.csv"):
            in_db = ws.scalar(
                "SELECT count(*) FROM items i JOIN assignments a ON a.item_id = i.id "
                "WHERE i.source_file = ? AND a.theme_id IS NULL",
                [name],
            )
            assert table.loc[name, "Unsorted"] == in_db, (name, table)
    assert table.loc["Total", "Unsorted"] == table.loc[["reviews.csv", "odd.csv"], "Unsorted"].sum()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_mapping_form_shows_what_each_column_holds_and_starts_at_the_text(
    themed_workspace, lang
):
    """The text choice started at the first column (an id: "Nr"), whose numbers one click
    imported as the feedback and remembered for the header; the date choice at "(none)"
    with a column of dates there; and the names alone ("Q3") did not say which column
    holds the feedback."""
    odd = (
        b"Nr;Q3;Mail;Wanneer\n1000;Te duur;jan@example.com;01-09-2026 10:00\n"
        b"1001;Pakket te laat;piet@example.com;02-09-2026 11:00\n"
    )
    at = upload(open_page("upload", lang=lang), [("odd.csv", odd, "text/csv")])
    text = at.selectbox(key="map_text_odd.csv")
    assert text.value == "Q3"
    assert text.options == [  # personal data redacted
        "Nr — “1000”",
        "Q3 — “Te duur”",
        "Mail — “[EMAIL]”",
        "Wanneer — “01-09-2026 10:00”",
    ]
    assert at.selectbox(key="map_date_odd.csv").value == "Wanneer"
    assert at.selectbox(key="map_rating_odd.csv").value == ""  # nothing like a rating


QUOTED_ONLY = (  # an e-mail with only a quoted reply: nothing from it can be imported
    b"Message-ID: <CAF1x@mail.gmail.com>\nSubject: Re: Bestelling 1234\nFrom: jan@example.nl\n"
    b"\n> Op ma schreef de winkel:\n> Uw pakket komt.\n"
)
NOT_READ = {  # the files table says "not imported" after the format (no Error column)
    "en": (
        "Not recognised (not imported)",
        "E-mail (.eml) (not imported)",
        "**kapot.xlsx** · Not recognised: a damaged zip",
    ),
    "nl": (
        "Niet herkend (niet geïmporteerd)",
        "E-mail (.eml) (niet geïmporteerd)",
        "**kapot.xlsx** · Niet herkend: een beschadigd zip",
    ),
}


@pytest.mark.filterwarnings(ARROW_WARNING)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_file_that_could_not_be_read_says_so_and_its_problems_read_in_full(
    themed_workspace, lang
):
    """A damaged file was "Detected as —" (a dash, as if the report lacked something); a
    problem named an e-mail by its Message-ID; long messages ran out of their table cell."""
    not_recognised, eml, line = NOT_READ[lang]
    at = upload(
        open_page("upload", lang=lang),
        [
            ("kapot.xlsx", b"PK\x03\x04niet echt een werkmap", "application/octet-stream"),
            ("mail.eml", QUOTED_ONLY, "message/rfc822"),
            ("feedback_nov.csv", MIXED_PROBLEMS, "text/csv"),
        ],
    )
    files = file_rows(at)
    file, recognised = files.columns[:2]
    assert dict(zip(files[file], files[recognised], strict=True)) == {
        "kapot.xlsx": not_recognised,
        "mail.eml": eml,  # its error says it was recognised, and as what
        "feedback_nov.csv": "Feedback (spreadsheet)",
        t("upload.total", lang): "",
    }
    assert any(m.startswith(line) for m in lines(at)), lines(at)
    problems = problem_rows(at)  # few: a static table, every cell wrapped in full
    assert len(at.table) == 2 and len(problems) == 5
    shown = "\n".join(problems.iloc[:, -1])
    whole = [
        problem_message(p, lang)
        for intake in at.session_state[state.UPLOAD_REPORT]
        for p in intake.imported.problems
    ]
    assert sorted(problems.iloc[:, -1]) == sorted(whole)  # nothing cut off
    assert "'Re: Bestelling 1234'" in shown
    assert "CAF1x" not in shown and "sha256" not in shown


@pytest.mark.filterwarnings(ARROW_WARNING)
def test_many_problems_are_a_grid_whose_rows_wrap_their_text(themed_workspace):
    from dashboard.views.upload import PROBLEMS_IN_FULL

    rows = "De levering was te laat,2026-09-01\n" + "".join(
        f"Rij {n},2026-99-01\n" for n in range(PROBLEMS_IN_FULL + 5)
    )
    at = upload(open_page("upload"), [("veel.csv", f"text,date\n{rows}".encode(), "text/csv")])
    assert len(at.table) == 1  # the files table only
    grid = at.dataframe[-1]
    assert len(grid.value) == PROBLEMS_IN_FULL + 5
    # Streamlit wraps a text cell only in rows taller than 4rem (64 px): one line was cut off
    assert grid.proto.row_height > 64


def test_the_files_table_wraps_long_names_and_writes_numbers_in_the_language():
    """The files grid kept every header and name on one line: at 1400 px its last columns
    (Unsorted, Stars only, Own replies, Error) were out of sight. The static table's cells
    wrap; an export's name (no spaces) may break after "_", "." and "-"."""
    from dashboard.upload_report import ZERO_WIDTH_SPACE, table, table_cells
    from workspace.imports import FileImport
    from workspace.intake import FileIntake

    name = "reviews_org.kiwix.kiwixmobile_201606.csv"
    files = [FileIntake(FileImport(name, "google_play", 12_345, 0, ()))]
    (row,) = table_cells(table(files, "nl"), "nl")
    assert row["Bestand"].replace("\\", "").split(ZERO_WIDTH_SPACE) == [
        "reviews_", "org.", "kiwix.", "kiwixmobile_", "201606.", "csv",
    ]  # fmt: skip
    assert row["Gelezen"] == "12.345" and row["Herkend als"] == r"Google Play\-reviews"  # Markdown
    assert "Fout" not in row and "Error" not in table(files, "en").columns
