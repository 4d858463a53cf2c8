"""Shares a manager adds up add up: the Themes page's main themes and its themes each read
100,0% together (largest-remainder rounding, ``analysis.numbers.shares_adding_up``), while a
filtered view keeps the same shares of the whole."""

from __future__ import annotations

import re

import pytest

from tests.dashboard.conftest import add_tree, build_workspace
from tests.dashboard.test_pages import open_page
from workspace.db import Workspace

ONE_EACH = {
    10: ("delivery", "Delivery", "Bezorging", (1,)),
    20: ("billing", "Billing", "Facturen", (2,)),
    30: ("app", "The app", "De app", (3,)),
}
"""Three main themes of one theme each: their items (11, 10, 10 of 31) read 35,5% + 32,3% +
32,3% = 100,1% when each share is rounded on its own."""


@pytest.fixture
def one_each_workspace(tmp_path, monkeypatch):
    """Three main themes of one theme each, as a refresh names them: each reads as its
    theme (the Themes page then lists the themes in one table)."""
    path = add_tree(build_workspace(tmp_path / "uneven.duckdb", items=34), ONE_EACH)
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)
    return path


@pytest.fixture
def uneven_workspace(one_each_workspace):
    """The same, with main themes a manager named ("Bezorging", "Facturen", "De app"): a
    tree the Themes page shows as main themes, each holding its theme."""
    with Workspace.open(one_each_workspace) as ws, ws.transaction() as con:
        con.execute("UPDATE top_themes SET manager_name = label_nl")
    return one_each_workspace


def tenths(text: str) -> int:
    """``35,5%`` as 355."""
    return round(10 * float(text.rstrip("%").replace(".", "").replace(",", ".")))


def heading_shares(at) -> dict[str, int]:
    found = {}
    for expander in at.expander:
        match = re.match(r"(.+?) — (\d+) berichten · ([\d,]+%) ·", str(expander.label))
        if match:
            found[match.group(1)] = (int(match.group(2)), tenths(match.group(3)))
    return found


def row_shares(at) -> dict[int, int]:
    rows = {}
    for frame in at.dataframe:
        table = frame.value
        if "share_text" in table:
            rows |= {
                int(i): tenths(s)
                for i, s in zip(table["theme_id"], table["share_text"], strict=True)
            }
    return rows


def test_the_themes_page_s_shares_add_up_to_100(uneven_workspace):
    at = open_page("themes", lang="nl")
    assert not at.exception, at.exception
    tops = heading_shares(at)
    counts = [n for n, _ in tops.values()]
    assert sorted(counts) == [10, 10, 11]
    assert sum(round(1000 * n / sum(counts)) for n in counts) == 1001  # rounded one by one
    assert sum(share for _, share in tops.values()) == 1000
    assert sorted(share for _, share in tops.values()) == [322, 323, 355]
    themes = row_shares(at)
    assert len(themes) == 3 and sum(themes.values()) == 1000


def test_a_filtered_themes_page_keeps_the_shares_of_the_whole(uneven_workspace):
    at = open_page("themes", lang="nl")
    every = row_shares(at)
    at.text_input(key="themes_contains").set_value("factuur").run()
    assert not at.exception, at.exception
    shown = row_shares(at)
    assert list(shown) == [2]  # one theme: its share of all sorted items, not 100%
    assert shown[2] == every[2]


def test_main_themes_of_one_theme_each_read_as_one_table(one_each_workspace):
    """Main themes that are each one theme of the same name (the demo's nine) add nothing: the
    Themes page lists the themes in one table whose shares add up, with no fold-out per main
    theme, and the Overview offers no level to pick between two equal charts."""
    at = open_page("themes", lang="nl")
    assert not at.exception, at.exception
    assert heading_shares(at) == {}  # no "Bezorging — 11 berichten · 35,5% ·" fold-outs
    assert len(at.dataframe) == 1
    themes = row_shares(at)
    assert len(themes) == 3 and sum(themes.values()) == 1000
    overview = open_page("overview", lang="nl")
    assert not overview.exception, overview.exception
    assert not [s for s in overview.selectbox if s.key and s.key.startswith("overview_level")]
