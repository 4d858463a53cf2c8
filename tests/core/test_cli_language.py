"""The command line in the language asked for (``--lang nl``/``en``): every line it prints
comes from the dashboard's catalogue, with "1 spike" / "1 piek" for one of a thing."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from dashboard.i18n import LANG_ENV, STRINGS, default_language
from klantstem_cli import _count, app
from tests.core.test_cli import SEARCH_CSV, THEMED_CSV
from tests.dutch_phrases import english_only_phrases, english_phrases_in
from workspace.db import Workspace
from workspace.settings import set_setting

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
        r"(\d+ hoofdthema('s)?, )?\d+ thema('s)?; \d+ van de 30 berichten met tekst ongesorteerd "
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


FEEDBACK_CSV = (
    "id,date,text\n1,2026-11-02 10:00,Levering was te laat\n"
    "1,2026-11-02 10:00,Levering was te laat\n2,not a date,Great support\n"
)


def _many_rows(n: int) -> str:
    rows = (f"{i},2026-11-{1 + i % 28:02d} 10:00,Bericht nummer {i}" for i in range(100, 100 + n))
    return "id,date,text\n" + "\n".join(rows) + "\n"


def test_import_in_dutch_prints_the_upload_page_lines_totals_and_problems(tmp_path):
    (tmp_path / "feedback.csv").write_text(FEEDBACK_CSV, encoding="utf-8")
    (tmp_path / "veel.csv").write_text(_many_rows(1200), encoding="utf-8")
    files = [str(tmp_path / "feedback.csv"), str(tmp_path / "veel.csv")]
    ws = str(tmp_path / "ws.duckdb")
    result = runner.invoke(app, ["import", *files, "--lang", "nl", "--workspace", ws])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "feedback.csv · Feedback (spreadsheet): 2 gelezen: 1 toegevoegd, 1 al aanwezig; "
        "problemen: 1 (zie onder). Daarvan 0 in thema's ingedeeld, "
        "1 ongesorteerd gebleven. Gedateerd 2 nov 2026."
    )
    assert lines[1].startswith(
        "veel.csv · Feedback (spreadsheet): 1.200 gelezen: 1.200 toegevoegd, 0 al aanwezig."
    )
    assert lines[2].startswith("Totaal: 1.202 gelezen: 1.201 toegevoegd, 1 al aanwezig;")
    assert lines[3] == "Nog geen thema's: voer `klantstem themes` uit om ze te maken."
    problem = result.stderr.splitlines()
    assert len(problem) == 1 and problem[0].startswith("  fout: feedback.csv regel 4: ")
    assert "is geen datum die we kunnen lezen" in problem[0]
    assert english_phrases_in(result.output) == []


def test_import_in_english_says_the_same_in_english(tmp_path):
    source = tmp_path / "feedback.csv"
    source.write_text(FEEDBACK_CSV, encoding="utf-8")
    args = ["import", str(source), "--workspace", str(tmp_path / "ws")]
    result = runner.invoke(app, args, env={LANG_ENV: ""})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "feedback.csv · Feedback (spreadsheet): 2 read: 1 added, 1 already present; "
        "problems: 1 (listed below). Of these, 0 sorted into themes, "
        "1 left unsorted. Dated 2 Nov 2026."
    )
    assert result.stderr.startswith("  error: feedback.csv line 4: 'date': date must look like")


@pytest.mark.parametrize(
    ("setting", "env", "flag", "expected"),
    [
        pytest.param("nl", "", [], "nl", id="workspace-setting"),
        pytest.param("en", "", [], "en", id="workspace-default"),
        pytest.param("nl", "en", [], "en", id="env-beats-setting"),
        pytest.param("en", "nl", [], "nl", id="env-alone"),
        pytest.param("nl", "nl", ["--lang", "en"], "en", id="flag-beats-all"),
    ],
)
def test_without_lang_the_cli_speaks_as_the_dashboard_would(
    tmp_path, monkeypatch, setting, env, flag, expected
):
    path = tmp_path / "ws.duckdb"
    with Workspace.open(path) as ws:
        set_setting(ws, "ui_language", setting)
    monkeypatch.setenv(LANG_ENV, env)
    source = tmp_path / "feedback.csv"
    source.write_text(FEEDBACK_CSV, encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), *flag, "--workspace", str(path)])
    assert result.exit_code == 0, result.output
    dutch = ": 2 gelezen: 1 toegevoegd" in result.stdout
    assert dutch == (expected == "nl"), result.output
    with Workspace.open(path, read_only=True) as ws:
        assert default_language(ws) == (env or setting)


def test_default_language_without_a_workspace_is_the_variable_or_english(monkeypatch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    assert default_language(None) == "en"
    monkeypatch.setenv(LANG_ENV, "nl")
    assert default_language(None) == "nl"
    monkeypatch.setenv(LANG_ENV, "de")
    assert default_language(None) == "en"


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        pytest.param(
            ["export", "items", "-o", "{tmp}/out.csv"], "1 bericht geschreven", id="export"
        ),
        pytest.param(["privacy", "rescan"], "is herschreven in een nieuw bestand", id="rescan"),
        pytest.param(["config", "list"], "standaardtaal van het dashboard", id="config-list"),
        pytest.param(["config", "set", "timezone", "Europe/Berlin"], "timezone =", id="set"),
        pytest.param(["config", "set", "redact", "misschien"], "redact:", id="set-refused"),
        pytest.param(["config", "get", "kleur"], "kleur", id="get-unknown"),
        pytest.param(["themes", "--no-refresh"], "hoofdthema", id="themes"),
    ],
)
def test_every_command_follows_a_dutch_workspace(tmp_path, monkeypatch, args, dutch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    path = _workspace(tmp_path, "id,date,text\n1,2026-11-17 10:00,Pakket kwam te laat\n")
    with Workspace.open(path) as ws:
        set_setting(ws, "ui_language", "nl")
    args = [a.format(tmp=tmp_path) for a in args]
    result = runner.invoke(app, [*args, "--workspace", str(path)])
    assert dutch in result.output, result.output
    assert english_phrases_in(result.output) == [], result.output


def test_config_set_answers_in_the_language_it_sets(tmp_path, monkeypatch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    path = tmp_path / "nieuw.duckdb"
    result = runner.invoke(app, ["config", "set", "ui_language", "nl", "--workspace", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Nieuwe werkruimte gemaakt op {path}.",
        "ui_language = nl",
    ]


def test_dashboard_lang_becomes_the_servers_default(tmp_path, monkeypatch):
    import klantstem_cli

    started: list[dict[str, str]] = []

    class Server:
        def __init__(self, command, env):
            started.append(env)

        def wait(self):
            return 0

    monkeypatch.setattr(klantstem_cli.subprocess, "Popen", Server)
    monkeypatch.setattr(klantstem_cli.signal, "signal", lambda *_: None)
    path = str(tmp_path / "ws.duckdb")
    result = runner.invoke(app, ["dashboard", "--lang", "nl", "--workspace", path])
    assert result.exit_code == 0, result.output
    assert started[0][LANG_ENV] == "nl"
    assert "Geen werkruimte op" in result.output and "Klantstem-dashboard op" in result.output


def test_password_prompts_in_the_workspace_language(tmp_path, monkeypatch):
    monkeypatch.delenv(LANG_ENV, raising=False)
    path = tmp_path / "ws.duckdb"
    with Workspace.open(path) as ws:
        set_setting(ws, "ui_language", "nl")
    secret = "een lang genoeg wachtwoord"
    result = runner.invoke(
        app, ["password", "--workspace", str(path)], input=f"{secret}\n{secret}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Wachtwoord:" in result.output and "Herhaal het wachtwoord:" in result.output
    assert result.output.rstrip().endswith("Wachtwoord opgeslagen (als hash).")


# -- help texts: paragraphs rewrapped to the terminal, not the docstrings' line breaks ------
def _commands() -> list[list[str]]:
    import typer.main

    def walk(command, prefix):
        yield prefix
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*prefix, name])

    return list(walk(typer.main.get_command(app), []))


def ragged_breaks(output: str) -> list[str]:
    """Lines of rendered help that end early: the next line's first word would have fit.

    Plain lines (the command's own text) run to the terminal's width less a margin; lines in
    a panel (``│ name  text │``) to the panel's inner width, and there only a continuation
    (blanks up to the text column) counts. ``[default: …]`` stands on its own line."""
    found = []
    lines = output.splitlines()
    for this, after in zip(lines, lines[1:], strict=False):
        if this.startswith("│") and after.startswith("│"):
            this, after = this[1:-1], after[1:-1]
            width = len(this) - 1
            if len(after) - len(after.lstrip()) < 6:  # a new row (a name), not a continuation
                continue
        elif this.startswith(("│", "╭", "╰")) or after.startswith(("│", "╭", "╰")):
            continue
        else:
            width = 80 - 1
        words = after.split()
        if not words or not this.strip() or words[0].startswith(("[", "-", "*")):
            continue
        if len(this.rstrip()) + 1 + len(words[0]) <= width:
            found.append(f"{this.rstrip()!r} / {words[0]!r}")
    return found


def test_the_checker_sees_a_ragged_help_line():
    ragged = (
        "│ import   Import exports (CSV) and place                  │\n"
        "│          their new items in the themes.                  │\n"
    )
    assert ragged_breaks(ragged) != []
    assert ragged_breaks(" Import exports (CSV) and place\n their new items.\n") != []


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "klantstem")
def test_help_reads_as_paragraphs_at_80_columns(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80, result.output
    assert ragged_breaks(result.output) == [], result.output
