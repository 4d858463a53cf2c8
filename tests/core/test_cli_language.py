"""The command line in the language asked for (``--lang nl``/``en``): every line it prints
comes from the dashboard's catalogue, with "1 spike" / "1 piek" for one of a thing."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from dashboard.i18n import STRINGS
from klantstem_cli import _count, app
from tests.core.test_cli import SEARCH_CSV, THEMED_CSV
from tests.dutch_phrases import english_only_phrases
from workspace.db import Workspace

runner = CliRunner()


def _workspace(tmp_path, csv: str):
    source = tmp_path / "feedback.csv"
    source.write_text(csv, encoding="utf-8")
    path = tmp_path / "ws.duckdb"
    with Workspace.open(path) as ws:
        ws.set_setting("embedder", "tfidf")  # weight-free: the wording is the point here
    assert runner.invoke(app, ["import", str(source), "--workspace", str(path)]).exit_code == 0
    return path


def _english_left(lines: list[str]) -> list[str]:
    return [p for p in english_only_phrases() if any(p in line for line in lines)]


def test_themes_in_dutch_has_dutch_headers_footer_and_progress(tmp_path):
    ws = _workspace(tmp_path, THEMED_CSV)
    result = runner.invoke(app, ["themes", "--lang", "nl", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:1] == ["id"])
    assert lines[header].split() == ["id", "naam", "aantal"]
    assert re.fullmatch(
        r"30 berichten bijgewerkt met tfidf\S* in \d+,\d s \(\d+ nieuw verwerkt\)\.", lines[0]
    )
    footer = lines[-1]
    assert re.fullmatch(
        r"\d+ hoofdthema('s)?, \d+ thema('s)?; \d+ van de 30 berichten met tekst ongesorteerd "
        r"\(\d+(,\d+)?%\)\.",
        footer,
    ), footer
    progress = result.stderr.splitlines()
    assert progress and all(p.split()[-1].endswith("%") for p in progress)
    assert "klaar 100%" in [p.strip() for p in progress]
    assert _english_left([lines[0], lines[header], footer, *progress]) == []

    again = runner.invoke(app, ["themes", "--lang", "nl", "--workspace", str(ws)])
    assert "De huidige thema's blijven" in again.stdout


def test_search_in_dutch_names_relevance_and_counts_in_dutch(tmp_path):
    ws = _workspace(tmp_path, SEARCH_CSV)
    args = ["search", "parcel", "--mode", "words", "--lang", "nl", "--workspace", str(ws)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Relevantie", "Datum", "Kanaal", "Thema", "Tekst"]
    assert all(re.match(r"\s*1,00  2026-11-0\d  (E-mail|Reviews) ", line) for line in lines[1:3])
    assert "(ongesorteerd)" in lines[1]  # no themes built yet
    assert lines[-1] == "2 treffers voor 'parcel' (op woorden)."
    assert _english_left([lines[0], lines[-1]]) == []

    one = runner.invoke(app, [*args[:1], "invoice", *args[2:]])
    assert one.stdout.splitlines()[-1] == "1 treffer voor 'invoice' (op woorden)."
    english = runner.invoke(app, ["search", "invoice", "--mode", "words", "--workspace", str(ws)])
    assert english.stdout.splitlines()[-1] == "1 hit for 'invoice' (by words)."


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param("nl", "(1 bericht, 0 pieken, 0 nieuwe thema's)", id="dutch"),
        pytest.param("en", "(1 item, 0 spikes, 0 new themes)", id="english"),
    ],
)
def test_summary_line_counts_one_in_the_singular(tmp_path, lang, expected):
    ws = _workspace(tmp_path, "id,date,text\n1,2026-11-17 10:00,Pakket kwam te laat\n")
    out = tmp_path / "summary.md"
    result = runner.invoke(
        app,
        ["summary", "--week", "2026-W47", "--lang", lang, "-o", str(out), "--workspace", str(ws)],
    )
    assert result.exit_code == 0, result.output
    assert expected in result.stdout and out.exists()


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        pytest.param(["--week", "2099-W10"], "Week 2099-W10 is nog niet begonnen", id="future"),
        pytest.param(["--week", "2020-W10"], "Geen feedback in week 2020-W10", id="empty"),
        pytest.param(["--week", "2026-W99"], "Een week schrijf je als 2026-W47", id="bad-week"),
        pytest.param(["--channel", "chat"], "geen berichten in kanaal chat", id="no-channel"),
        pytest.param(["--format", "pdf"], "--format moet een van md, html", id="bad-format"),
    ],
)
def test_summary_errors_in_dutch(tmp_path, args, dutch):
    ws = _workspace(tmp_path, "id,date,text\n1,2026-11-17 10:00,Pakket kwam te laat\n")
    result = runner.invoke(app, ["summary", "--lang", "nl", *args, "--workspace", str(ws)])
    assert result.exit_code == 1 and dutch in result.output, result.output


WHATS = sorted({k.split(".")[1] for k in STRINGS if k.endswith(".one") and k.startswith("count.")})


@pytest.mark.parametrize("what", WHATS)
def test_every_count_has_a_singular_and_a_plural_in_both_languages(what):
    for lang in ("en", "nl"):
        one, three = _count(1, what, lang), _count(3, what, lang)
        assert one.startswith("1 ") and three.startswith("3 ") and one[2:] != three[2:]
    assert _count(1234, what, "nl").startswith("1.234 ")


def test_counts_read_as_the_language_says_them():
    assert [_count(n, "spikes", "en") for n in (0, 1, 2)] == ["0 spikes", "1 spike", "2 spikes"]
    assert [_count(n, "spikes", "nl") for n in (0, 1, 2)] == ["0 pieken", "1 piek", "2 pieken"]
    assert _count(1, "new_themes", "nl") == "1 nieuw thema"


@pytest.mark.parametrize(
    "command",
    [
        ["import"],
        ["export", "items"],
        ["privacy", "rescan"],
        ["themes"],
        ["search"],
        ["summary"],
        ["demo"],
        ["dashboard"],
        ["password"],
        ["config", "list"],
        ["config", "get"],
        ["config", "set"],
    ],
    ids=" ".join,
)
def test_help_has_no_markup_left_raw(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "``" not in result.output, result.output


def test_import_counts_one_in_the_singular(tmp_path):
    # `import` has no --lang: English, but "1 duplicate, 1 problem", not "1 duplicates".
    source = tmp_path / "feedback.csv"
    source.write_text(
        "id,date,text\n1,2026-11-02 10:00,Levering was te laat\n"
        "1,2026-11-02 10:00,Levering was te laat\n2,not a date,Great support\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", str(source), "--workspace", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    file_line, total = result.stdout.splitlines()[:2]
    assert ": 1 added (1 with text, 0 star-only or replies), 1 duplicate, 1 problem;" in file_line
    assert (
        total
        == "Total: 1 added, 1 duplicate, 1 problem; 0 placed, 1 unsorted, 0 new themes proposed."
    )
