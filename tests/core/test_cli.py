from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from klantstem_cli import app

runner = CliRunner()

GENERIC_CSV = "id,date,text,channel\n1,2026-11-02 10:00,Levering was te laat,email\n2,2026-11-03 11:00,Great support,review\n"


def test_import_then_reimport_reports_zero_added(tmp_path):
    source = tmp_path / "feedback.csv"
    source.write_text(GENERIC_CSV, encoding="utf-8")
    ws = tmp_path / "ws.duckdb"
    first = runner.invoke(app, ["import", str(source), "--workspace", str(ws), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["added"] == 2
    second = runner.invoke(app, ["import", str(source), "--workspace", str(ws), "--json"])
    assert second.exit_code == 0, second.output
    result = json.loads(second.stdout)
    assert (result["added"], result["duplicates"], result["problems"]) == (0, 2, [])


def test_workspace_comes_from_environment(tmp_path):
    source = tmp_path / "feedback.csv"
    source.write_text(GENERIC_CSV, encoding="utf-8")
    ws = tmp_path / "env.duckdb"
    result = runner.invoke(
        app, ["import", str(source), "--json"], env={"KLANTSTEM_WORKSPACE": str(ws)}
    )
    assert result.exit_code == 0, result.output
    assert ws.exists()


def test_unreadable_only_file_exits_nonzero_with_message(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["import", str(empty), "--workspace", str(tmp_path / "ws.duckdb")])
    assert result.exit_code == 1
    assert "empty.csv" in result.output


def test_export_items_writes_every_field(tmp_path):
    source = tmp_path / "feedback.csv"
    source.write_text(GENERIC_CSV, encoding="utf-8")
    ws = tmp_path / "ws.duckdb"
    runner.invoke(app, ["import", str(source), "--workspace", str(ws)])
    out = tmp_path / "items.csv"
    result = runner.invoke(app, ["export", "items", "--output", str(out), "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    import pandas as pd

    from ingest.schema import RECORD_COLUMNS

    frame = pd.read_csv(out)
    assert set(RECORD_COLUMNS) <= set(frame.columns)
    assert sorted(frame["text"]) == ["Great support", "Levering was te laat"]


def test_exported_items_import_again_as_duplicates(tmp_path):
    source = tmp_path / "feedback.csv"
    source.write_text(GENERIC_CSV, encoding="utf-8")
    ws = tmp_path / "ws.duckdb"
    runner.invoke(app, ["import", str(source), "--workspace", str(ws)])
    out = tmp_path / "items.csv"
    runner.invoke(app, ["export", "items", "--output", str(out), "--workspace", str(ws)])
    again = runner.invoke(app, ["import", str(out), "--workspace", str(ws), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["duplicates"] == 2


def test_dashboard_refuses_non_loopback_without_password(tmp_path):
    result = runner.invoke(
        app, ["dashboard", "--workspace", str(tmp_path / "ws.duckdb"), "--host", "0.0.0.0"]
    )
    assert result.exit_code == 1
    assert "password" in result.output


THEMED_CSV = "id,date,text,channel\n" + "".join(
    f"{n},2026-11-{1 + n % 20:02d} 10:00,{text} {n},{channel}\n"
    for n, (text, channel) in enumerate(
        [("parcel delivery was late again", "email"), ("invoice amount is wrong", "review")] * 15
    )
)


def test_export_items_names_themes_in_the_language_asked(tmp_path):
    """`export items --lang nl` writes the names a Dutch screen shows (the engine's Dutch
    name), `--lang en` the English one: the export is one of the surfaces of the names rule."""
    import pandas as pd

    from workspace.db import Workspace

    source = tmp_path / "feedback.csv"
    source.write_text(THEMED_CSV, encoding="utf-8")
    ws_path = tmp_path / "ws.duckdb"
    runner.invoke(app, ["import", str(source), "--workspace", str(ws_path)])
    with Workspace.open(ws_path) as ws:
        ws.set_setting("embedder", "tfidf")
    assert runner.invoke(app, ["themes", "--workspace", str(ws_path)]).exit_code == 0
    with Workspace.open(ws_path) as ws, ws.transaction() as con:
        con.execute(
            "UPDATE themes SET label_nl = 'nederlandse naam ' || theme_id, "
            "label_en = 'english name ' || theme_id"
        )
    labels = {}
    for lang in ("nl", "en"):
        out = tmp_path / f"items-{lang}.csv"
        args = ["export", "items", "--output", str(out), "--workspace", str(ws_path)]
        assert runner.invoke(app, [*args, "--lang", lang]).exit_code == 0
        frame = pd.read_csv(out, keep_default_na=False)
        labels[lang] = set(frame.loc[frame["theme_id"] != "", "theme_label"])
    assert labels["nl"] and all(label.startswith("nederlandse naam ") for label in labels["nl"])
    assert labels["en"] and all(label.startswith("english name ") for label in labels["en"])


def test_themes_refreshes_prints_table_and_export_gains_theme_columns(tmp_path):
    from workspace.db import Workspace

    source = tmp_path / "feedback.csv"
    source.write_text(THEMED_CSV, encoding="utf-8")
    ws_path = tmp_path / "ws.duckdb"
    runner.invoke(app, ["import", str(source), "--workspace", str(ws_path)])
    with Workspace.open(ws_path) as ws:
        ws.set_setting("embedder", "tfidf")  # weight-free: the CLI wiring is the point here
    result = runner.invoke(app, ["themes", "--workspace", str(ws_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:3] == ["id", "label", "size"])
    rows = lines[header + 1 : -1]
    # Two themes, each its own main theme of its name: the tree adds nothing, so the themes
    # are listed alone (as on the Themes page and in the weekly summary).
    themes = [r for r in rows if not r.split()[0].startswith("T")]
    assert len(themes) == len(rows) >= 2
    assert all(r[5:7] == "  " and r[7] != " " for r in rows)  # names not indented
    unsorted = int(lines[-1].split(" of ")[0].split()[-1])
    assert sum(int(r.split()[-1]) for r in themes) + unsorted == 30
    assert "unsorted" in lines[-1] and "main themes" not in lines[-1]

    # A main theme the manager names makes the tree count: main themes (T1, T2, ...) with
    # their themes indented beneath.
    from workspace.theme_tree import rename_top_theme, top_themes

    with Workspace.open(ws_path) as ws:
        rename_top_theme(ws, int(top_themes(ws)["top_id"].iloc[0]), "Bezorging")
    tree = runner.invoke(app, ["themes", "--no-refresh", "--workspace", str(ws_path)])
    lines = tree.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:3] == ["id", "label", "size"])
    rows = lines[header + 1 : -1]
    tops = [r for r in rows if r.split()[0].startswith("T")]  # main themes: T1, T2, ...
    themes = [r for r in rows if not r.split()[0].startswith("T")]
    assert len(tops) == len(themes) == 2 and any("BEZORGING" in r for r in tops)
    assert sum(int(r.split()[-1]) for r in tops) + unsorted == 30
    assert "main themes" in lines[-1]

    out = tmp_path / "items.csv"
    assert (
        runner.invoke(
            app, ["export", "items", "--output", str(out), "--workspace", str(ws_path)]
        ).exit_code
        == 0
    )
    import pandas as pd

    frame = pd.read_csv(out, keep_default_na=False)
    assert {"theme_id", "theme_label", "sentiment"} <= set(frame.columns)
    themed = frame[frame["theme_id"] != ""]
    assert len(themed) >= 27
    # items about the same complaint share a theme
    late = themed[themed["text"].str.contains("late")]["theme_id"]
    wrong = themed[themed["text"].str.contains("wrong")]["theme_id"]
    assert late.nunique() == 1 and wrong.nunique() == 1 and set(late) != set(wrong)

    # Nothing new: the second refresh keeps the themes and says so; --recluster takes the
    # new clustering (the same two themes, under the same ids).
    again = runner.invoke(app, ["themes", "--workspace", str(ws_path)])
    assert again.exit_code == 0 and "Kept the current themes" in again.stdout
    forced = runner.invoke(app, ["themes", "--recluster", "--workspace", str(ws_path)])
    assert forced.exit_code == 0 and "Kept the current themes" not in forced.stdout
    assert forced.stdout.splitlines()[-3:] == again.stdout.splitlines()[-3:]


def test_import_of_every_sample_data_path_matches_the_planted_truth(tmp_path):
    """`klantstem import sample_data/*`: exports import cleanly, the rest is skipped."""
    import pandas as pd

    from tests.conftest import REPO_ROOT

    sample = REPO_ROOT / "sample_data"
    paths = [str(p) for p in sorted(sample.iterdir())]
    result = runner.invoke(
        app, ["import", *paths, "--workspace", str(tmp_path / "ws.duckdb"), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["problems"] == []
    assert {"README.md", "generate.py", "truth.csv.gz", "planted.toml"} <= set(report["skipped"])
    truth = pd.read_csv(sample / "truth.csv.gz")
    assert {f["file"]: f["added"] for f in report["files"]} == truth.groupby(
        "file"
    ).size().to_dict()


def test_table_needing_a_mapping_is_one_problem_and_the_rest_imports(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("a;b\n1;2\n3;4\n", encoding="utf-8")
    good = tmp_path / "feedback.csv"
    good.write_text(GENERIC_CSV, encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(odd), str(good), "--workspace", str(tmp_path / "ws.duckdb"), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["added"] == 2
    [problem] = report["problems"]
    assert problem["file"] == "odd.csv" and "--text-column" in problem["message"]


def test_a_mapped_rating_column_can_be_given_its_scale(tmp_path):
    """A survey's "Cijfer" holding scores out of 5: read out of 10 unless the import says
    --rating-scale 5; a scale no rating is out of is refused before anything is read."""
    survey = tmp_path / "enquete.csv"
    survey.write_text("Opmerking;Datum;Cijfer\nTe duur;01-09-2026;4\nTop;02-09-2026;5\n", "utf-8")
    ws = tmp_path / "ws.duckdb"
    mapped = ["--text-column", "Opmerking", "--date-column", "Datum", "--rating-column", "Cijfer"]
    refused = runner.invoke(
        app, ["import", str(survey), "--workspace", str(ws), *mapped, "--rating-scale", "7"]
    )
    assert refused.exit_code != 0 and "--rating-scale 7" in refused.stderr
    assert "5, 10, 100" in refused.stderr
    result = runner.invoke(
        app, ["import", str(survey), "--workspace", str(ws), *mapped, "--rating-scale", "5"]
    )
    assert result.exit_code == 0, result.output
    from workspace.db import Workspace

    with Workspace.open(ws, read_only=True) as opened:
        scales = opened.query_df("SELECT DISTINCT rating_scale_max FROM items")
    assert scales["rating_scale_max"].tolist() == [5.0]


SEARCH_CSV = (
    "id,date,text,channel\n"
    "1,2026-11-02 10:00,The parcel arrived late again,email\n"
    "2,2026-11-03 11:00,Great support from a friendly colleague,review\n"
    "3,2026-11-04 12:00,My invoice was charged twice,email\n"
    "4,2026-11-05 13:00,Courier delivered the parcel very late,review\n"
)


def _search_workspace(tmp_path):
    from workspace.db import Workspace

    source = tmp_path / "feedback.csv"
    source.write_text(SEARCH_CSV, encoding="utf-8")
    ws = tmp_path / "ws.duckdb"
    with Workspace.open(ws) as opened:
        opened.set_setting("embedder", "tfidf")  # weight-free
    assert runner.invoke(app, ["import", str(source), "--workspace", str(ws)]).exit_code == 0
    return ws


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["late parcel"], "parcel", id="meaning"),
        pytest.param(["invoice", "--mode", "words"], "invoice", id="words"),
    ],
)
def test_search_prints_json_results_best_first(tmp_path, args, expected):
    ws = _search_workspace(tmp_path)
    result = runner.invoke(app, ["search", *args, "--json", "--limit", "2", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert 1 <= len(rows) <= 2 and {"id", "text", "channel", "theme", "score"} <= set(rows[0])
    assert all(expected in row["text"].lower() for row in rows)
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)


def test_search_by_meaning_keeps_only_hits_above_the_minimum_and_counts_them(tmp_path):
    from workspace.db import Workspace
    from workspace.search import MIN_MEANING_SCORE, find_items

    ws = _search_workspace(tmp_path)
    with Workspace.open(ws) as opened:  # writable: embeds the items once
        everything = find_items(opened, "late parcel", "meaning", limit=10)
    below = everything[everything["score"] < MIN_MEANING_SCORE]
    assert len(below) >= 1  # the unrelated rows are ranked too, with a low score

    as_json = runner.invoke(app, ["search", "late parcel", "--json", "--workspace", str(ws)])
    rows = json.loads(as_json.stdout)
    assert {row["id"] for row in rows} == set(everything["id"]) - set(below["id"])
    assert all(row["score"] >= MIN_MEANING_SCORE for row in rows)

    printed = runner.invoke(app, ["search", "late parcel", "--workspace", str(ws)])
    assert printed.exit_code == 0, printed.output
    assert f"{len(rows)} hits for 'late parcel'" in printed.output
    assert "(unsorted)" in printed.output and "None" not in printed.output


def test_search_without_hits_says_so(tmp_path):
    ws = _search_workspace(tmp_path)
    result = runner.invoke(app, ["search", "weather forecast", "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    assert "No hits for 'weather forecast' (by meaning; a hit has a relevance of at least" in (
        result.output
    )


def test_search_with_an_unknown_mode_says_which_modes_exist(tmp_path):
    ws = _search_workspace(tmp_path)
    result = runner.invoke(app, ["search", "x", "--mode", "fuzzy", "--workspace", str(ws)])
    assert result.exit_code == 1 and "meaning, words" in result.output


def test_damaged_file_between_good_ones_is_reported_and_the_rest_imported(tmp_path):
    from tests.ingest.damaged import damaged_xlsx

    good = tmp_path / "good.csv"
    good.write_text(GENERIC_CSV, encoding="utf-8")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(damaged_xlsx())
    good2 = tmp_path / "good2.csv"
    good2.write_text(
        "id,date,text\n9,2026-11-04 09:00,Pakket kwam beschadigd aan\n", encoding="utf-8"
    )
    ws = tmp_path / "ws.duckdb"
    result = runner.invoke(
        app, ["import", str(good), str(damaged), str(good2), "--workspace", str(ws), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    files = {f["file"]: f for f in report["files"]}
    assert (files["good.csv"]["added"], files["good2.csv"]["added"]) == (2, 1)
    assert files["damaged.xlsx"]["added"] == 0
    assert "damaged.xlsx" in files["damaged.xlsx"]["error"]
    assert "download or export it again" in files["damaged.xlsx"]["error"].lower()


def test_empty_folder_exits_nonzero_with_a_message(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "notes.md").write_text("not an export")
    result = runner.invoke(app, ["import", str(folder), "--workspace", str(tmp_path / "ws.duckdb")])
    assert result.exit_code == 1
    assert "Nothing to import" in result.output and "notes.md" in result.output


def test_json_output_stays_json_with_a_damaged_old_excel_file(tmp_path):
    from tests.ingest.compound import xls_bytes

    workbook = xls_bytes([["opmerking"], ["De levering was veel te laat"]] * 40)
    damaged = tmp_path / "oud.xls"
    damaged.write_bytes(workbook[: len(workbook) - 700])
    good = tmp_path / "good.csv"
    good.write_text(GENERIC_CSV, encoding="utf-8")
    result = runner.invoke(
        app,
        ["import", str(damaged), str(good), "--workspace", str(tmp_path / "ws.duckdb"), "--json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # xlrd's warnings must not reach stdout
    assert report["added"] == 2 and report["files"][0]["error"]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["export", "items", "--output", "out.csv"], id="export"),
        pytest.param(["themes", "--no-refresh"], id="themes-no-refresh"),
        pytest.param(["themes"], id="themes-refresh"),
        pytest.param(["summary"], id="summary"),
        pytest.param(["search", "parcel"], id="search"),
        pytest.param(["config", "get", "timezone"], id="config-get"),
        pytest.param(["config", "list"], id="config-list"),
    ],
)
def test_reading_commands_never_create_a_workspace(tmp_path, args):
    missing = tmp_path / "typo.duckdb"
    result = runner.invoke(app, [*args, "--workspace", str(missing)])
    assert result.exit_code == 1, result.output
    assert "no workspace there" in result.output
    assert not missing.exists()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["themes", "--no-refresh", "--lang", "de"], id="themes"),
        pytest.param(["search", "parcel", "--lang", "de"], id="search"),
    ],
)
def test_unknown_language_is_refused(tmp_path, args):
    result = runner.invoke(app, [*args, "--workspace", str(tmp_path / "ws.duckdb")])
    assert result.exit_code == 1 and "--lang must be nl or en" in result.output


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["import"], id="import"),
        pytest.param(["summary"], id="summary"),
        pytest.param(["export", "items"], id="export-items"),
        pytest.param(["config", "set"], id="config-set"),
    ],
)
def test_help_has_no_type_tags(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert not re.search(r"<(list\[|str>|int>|bool>|path>)", result.output), result.output


def test_readme_names_every_command():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    import typer.main

    for command in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        assert f"klantstem {command}" in readme, command


def test_demo_flags_mean_what_they_say():
    result = runner.invoke(app, ["demo", "--help"], env={"COLUMNS": "120"})
    assert "--build-only" in result.output
    assert "do not open a browser" in result.output


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({}, False, id="headless-server"),
        pytest.param({"DISPLAY": ":0"}, True, id="x11"),
        pytest.param({"WAYLAND_DISPLAY": "wayland-0"}, True, id="wayland"),
    ],
)
def test_demo_opens_a_browser_only_where_there_is_a_display(monkeypatch, env, expected):
    from klantstem_cli import _has_display

    monkeypatch.setattr("sys.platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _has_display() is expected


def test_each_import_problem_line_names_its_file_once(tmp_path):
    from tests.ingest.damaged import damaged_xlsx

    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(damaged_xlsx())
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "id,date,text\n1,2026-11-02 10:00,Fine parcel\n2,notadate,Late parcel\n", encoding="utf-8"
    )
    result = runner.invoke(
        app, ["import", str(damaged), str(rows), "--workspace", str(tmp_path / "ws.duckdb")]
    )
    problem_lines = [line for line in result.output.splitlines() if line.startswith("  error:")]
    assert len(problem_lines) == 2, result.output
    for line, name in zip(problem_lines, ["damaged.xlsx", "rows.csv"], strict=True):
        assert line.count(name) == 1, line
    assert "rows.csv line 3:" in problem_lines[1]


@pytest.mark.parametrize(
    ("args", "display", "opens"),
    [
        pytest.param([], ":0", True, id="display-opens-a-browser"),
        pytest.param(["--no-browser"], ":0", False, id="no-browser-serves-only"),
        pytest.param([], "", False, id="no-display-serves-only"),
    ],
)
def test_demo_serves_and_opens_a_browser_only_where_asked_and_possible(
    tmp_path, monkeypatch, args, display, opens
):
    import klantstem_cli
    from workspace.db import Workspace

    demo = tmp_path / "demo.duckdb"
    with Workspace.open(demo) as ws:
        ws.set_setting("redaction_rules", klantstem_cli.RULES_VERSION)  # built: no rebuild
    served: list[tuple[Path, bool]] = []
    monkeypatch.setattr(klantstem_cli, "DEMO_WORKSPACE", demo)
    monkeypatch.setattr(
        klantstem_cli,
        "_serve",
        lambda ws, host, port, *, open_browser, lang=None: served.append((ws, open_browser)),
    )
    monkeypatch.setattr(klantstem_cli.sys, "platform", "linux")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", display)
    result = runner.invoke(app, ["demo", *args])
    assert result.exit_code == 0, result.output
    assert served == [(demo, opens)]
    assert ("no browser is opened" in result.output) == (not opens and "--no-browser" not in args)


def test_dashboard_on_a_missing_workspace_says_it_starts_a_new_one(tmp_path, monkeypatch):
    import klantstem_cli

    served: list[Path] = []
    monkeypatch.setattr(
        klantstem_cli,
        "_serve",
        lambda ws, host, port, open_browser=False, lang=None: served.append(ws),
    )
    missing = tmp_path / "typo.duckdb"
    result = runner.invoke(app, ["dashboard", "--workspace", str(missing)])
    assert result.exit_code == 0, result.output
    assert "No workspace at" in result.output and "typo.duckdb" in result.output
    assert served == [missing]


def test_import_says_which_rows_are_dated_after_today_and_imports_the_rest(tmp_path):
    # a year typo (2062) and a date in 2099: after today on any clock this code will meet
    source = tmp_path / "reacties.csv"
    source.write_text(
        "Datum;Reactie\n"
        "02-11-2026;Levering was te laat\n"
        "14-03-2062;Factuur klopte niet\n"
        "03-11-2026;Vriendelijk geholpen\n"
        "01-01-2099;Pakket beschadigd\n",
        encoding="utf-8",
    )
    ws = tmp_path / "ws.duckdb"
    result = runner.invoke(app, ["import", str(source), "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    assert "reacties.csv · Feedback (spreadsheet): 2 read: 2 added" in result.output
    warning = [line for line in result.output.splitlines() if line.startswith("  warning:")]
    assert warning == [
        "  warning: reacties.csv: 2 rows are dated after today (the latest 1 Jan 2099; "
        "lines 3, 5) and were not imported. Were day and month read the wrong way round, or is "
        "the year mistyped? Fix the dates in the file and import it again: the rows already "
        "imported are not added twice."
    ], result.output
    errors = [line for line in result.output.splitlines() if line.startswith("  error:")]
    assert [e.split(":")[1] for e in errors] == [" reacties.csv line 3", " reacties.csv line 5"]

    again = runner.invoke(app, ["import", str(source), "--workspace", str(ws), "--json"])
    report = json.loads(again.stdout)
    assert (report["added"], report["duplicates"]) == (0, 2)
    assert report["files"][0]["future_rows"] == {
        "count": 2,
        "lines": [3, 5],
        "latest": "2099-01-01",
    }


@pytest.mark.parametrize(
    ("lang", "columns"), [("en", "(columns: a, b)"), ("nl", "(kolommen: a, b)")]
)
def test_a_file_needing_a_mapping_is_said_once_with_its_columns_once(tmp_path, lang, columns):
    """`klantstem import` printed a file it could not read twice (its line, then the same
    whole-file problem under it), and the mapping hint listed the columns twice."""
    odd = tmp_path / "odd.csv"
    odd.write_text("a;b\n1;2\n3;4\n", encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(odd), "--workspace", str(tmp_path / "ws.duckdb"), "--lang", lang]
    )
    assert result.output.count(columns) == 1, result.output
    assert result.output.count("--text-column") == 1
    assert "--text-column" in result.stderr  # an error, where errors go


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Nothing new: all 2 items of this upload were already in the workspace"),
        ("nl", "Niets nieuws: alle 2 berichten van deze upload stonden al in de werkruimte"),
    ],
)
def test_importing_the_same_file_again_says_nothing_new(tmp_path, lang, said):
    good = tmp_path / "feedback.csv"
    good.write_text(GENERIC_CSV, encoding="utf-8")
    args = ["import", str(good), "--workspace", str(tmp_path / "ws.duckdb"), "--lang", lang]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and said.split(":")[0] not in first.output, first.output
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and said in again.output, again.output
