"""The Themes table as displayed: Dutch numbers, the week's change with its flag, proposed
themes marked, filtering by top theme."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.subject_text import quote_text
from dashboard.theme_rows import (
    display_rows,
    in_full,
    top_choices,
    top_id_of,
    top_label_of,
    top_line,
    tree_groups,
)

TABLE = pd.DataFrame(
    {
        "theme_id": [1, 2, 3],
        "label": ["Pakket te laat", "Verkeerde factuur", "App crasht"],
        "status": ["active", "proposed", "active"],
        "items": [3154, 27, 12],
        "share": [0.1488, 0.0202, 0.0004],
        "share_shown": [0.149, 0.02, 0.0],
        "this_week": [1200, 4, 9],
        "change": [5, -3, 0],
        "flag": ["rising", "", "spike"],
        "sentiment": [-0.28, 0.5, None],
        "rating_impact": [-1.04, None, 0.2],
        "channels": [["email", "review"], ["ticket"], []],
        "keywords": [["late", "pakket"], ["factuur"], []],
        "trend": [[1, 2], [0, 1], [3, 3]],
    }
)
TREE = pd.DataFrame(
    {
        "theme_id": [1, 2, 3],
        "top_id": [10, 10, None],
        "top_label": ["Bezorging", "Bezorging", None],
    }
)


def rows(**kwargs):
    return display_rows(
        TABLE,
        TREE,
        lang="nl",
        channel_names={"email": "E-mail", "review": "Reviews", "ticket": "Tickets"},
        flag_names={"rising": "stijgend", "spike": "piek"},
        proposed_mark=" (voorgesteld)",
        **kwargs,
    )


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        pytest.param("items_text", ["3.154", "27", "12"], id="dutch-thousands"),
        pytest.param("share_text", ["14,9%", "2,0%", "<0,1%"], id="dutch-percent"),
        pytest.param(
            "week_text",
            ["1.200 (+5) · stijgend", "4 (\u22123)", "9 (±0) · piek"],
            id="count-change-and-flag",  # the count this week, its change in brackets
        ),
        pytest.param("sentiment_text", ["\u22120,28", "+0,50", "—"], id="sentiment"),
        pytest.param("impact_text", ["\u22121,0 ★", "—", "+0,2 ★"], id="rating-impact"),
        pytest.param(
            "label",
            ["Pakket te laat", "Verkeerde factuur (voorgesteld)", "App crasht"],
            id="proposed-marked",
        ),
        pytest.param("channels_text", ["E-mail, Reviews", "Tickets", ""], id="channel-names"),
    ],
)
def test_display_rows(column, expected):
    assert list(rows()[column]) == expected


def test_filter_by_top_theme_and_names():
    assert list(rows(top_theme=10)["theme_id"]) == [1, 2]
    assert top_choices(TREE) == {10: "Bezorging"}
    assert top_label_of(TREE, 1) == "Bezorging" and top_label_of(TREE, 3) == ""
    assert top_id_of(TREE, 2) == 10 and top_id_of(TREE, 3) is None


def test_many_channels_are_counted_not_cut():
    table = TABLE.assign(channels=[["email", "review", "ticket", "chat"], ["ticket"], []])
    shown = display_rows(
        table,
        TREE,
        lang="nl",
        channel_names={"email": "E-mail", "review": "Reviews"},
        flag_names={},
        proposed_mark="",
    )
    assert shown["channels_text"].iloc[0] == "E-mail, Reviews +2"


TOPS = pd.DataFrame(
    {
        "top_id": [10, 30],
        "label": ["Bezorging", "Leeg"],
        "themes": [2, 0],
        "items": [3181, 0],
        "share": [0.1594, 0.0],
        "share_shown": [0.159, 0.0],
        "this_week": [40, 0],
        "change": [-3, 0],
        "flag": ["rising", ""],
    }
)


def test_top_line_in_dutch():
    line = top_line(
        TOPS.iloc[0].to_dict(),
        lang="nl",
        flag_names={"rising": "stijgend"},
        template="{label} — {items} · {share} · deze week {week} · {themes}",
    )
    assert line == (
        "Bezorging — 3.181 berichten · 15,9% · deze week 40 (\u22123) · stijgend · 2 thema's"
    )


@pytest.mark.parametrize(
    ("lang", "counted"),
    [
        pytest.param("nl", "Bezorging — 1 bericht · ", id="nl"),
        pytest.param("en", "Bezorging — 1 item · ", id="en"),
    ],
)
def test_top_line_of_one_item_and_one_theme_says_them_in_the_singular(lang, counted):
    """It read "1 berichten"/"1 items" (the template held the plural noun)."""
    from dashboard.i18n import t

    row = {**TOPS.iloc[0].to_dict(), "items": 1, "themes": 1}
    line = top_line(row, lang=lang, flag_names={}, template=t("themes.top_line", lang))
    assert line.startswith(counted)
    assert line.endswith(" · 1 thema" if lang == "nl" else " · 1 theme")


def test_a_right_to_left_name_keeps_its_place_in_the_line():
    """An Arabic name is isolated (U+2068 ... U+2069) so the count beside it stays on its side."""
    row = {**TOPS.iloc[0].to_dict(), "label": "جميل  جدا"}
    line = top_line(
        row,
        lang="en",
        flag_names={},
        template="{label} — {items} · {share} · this week {week} · {themes}",
    )
    assert line.startswith("\u2068جميل جدا\u2069 — 3,181 items")


def test_tree_groups_keep_order_and_filter_matches():
    shown = rows()
    groups = tree_groups(TOPS, shown, matched=None)
    assert [(top["top_id"], list(subs["theme_id"])) for top, subs in groups] == [(10, [1, 2])]
    only = tree_groups(TOPS, shown, matched={2}, contains="factuur")
    assert [list(subs["theme_id"]) for _, subs in only] == [[2]]
    by_top_name = tree_groups(TOPS, shown, matched=set(), contains="bezorg")
    assert [list(subs["theme_id"]) for _, subs in by_top_name] == [[1, 2]]


def test_quotes_in_full_lead_with_the_reader_s_language():
    quotes = pd.DataFrame(
        {
            "language": ["en", "en", "nl", "EN", None, "nl", "en"],
            "quote": ["e1", "e2", "n1", "e3", "x1", "n2", "e4"],
        },
        index=[10, 11, 12, 13, 14, 15, 16],
    )
    assert list(in_full(quotes, "nl")["quote"]) == ["n1", "n2", "e1", "e2"]
    assert list(in_full(quotes, "en")["quote"]) == ["e1", "e2", "e3", "e4"]
    assert list(in_full(quotes.head(2), "nl")["quote"]) == ["e1", "e2"]


def test_quotes_in_full_put_placeholders_last_and_bare_placeholders_never():
    """The summary's rule (analysis.reading.quote_order) on the theme page too."""
    quotes = pd.DataFrame(
        {
            "language": ["nl", "nl", "nl", "en", "nl"],
            "quote": [
                "Bel me op [PHONE], mijn retour duurt al drie weken.",
                "[EMAIL] / [PHONE]",
                "Mijn retour duurt al drie weken.",
                "My refund takes three weeks.",
                "Nog steeds geen geld terug.",
            ],
        },
        index=[20, 21, 22, 23, 24],
    )
    assert list(in_full(quotes, "nl").index) == [22, 24, 20, 23]
    assert list(in_full(quotes, "en").index) == [23, 22, 24, 20]


def test_quotes_in_full_read_the_quote_not_the_stored_text():
    """A placeholder in the sign-off is not in the quote: the quote stands with the clean ones."""
    stored = [
        "Mijn retour duurt al drie weken.\nMet vriendelijke groet,\n[NAME]",
        "Bel me op [PHONE], mijn retour duurt al drie weken.",
        "Nog steeds geen geld terug.",
    ]
    quotes = pd.DataFrame(
        {"language": ["nl"] * 3, "text": stored, "quote": [quote_text(t) for t in stored]},
        index=[30, 31, 32],
    )
    assert list(in_full(quotes, "nl").index) == [30, 32, 31]
    assert in_full(quotes, "nl")["quote"].iloc[0] == "Mijn retour duurt al drie weken."
