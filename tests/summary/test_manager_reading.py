"""What a manager reads in the weekly summary: one share base, honest comparisons with young
or tiny themes, every theme's main theme, Dutch sheet names, quotes without placeholders."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest

from analysis.reading import quote_standing
from analysis.summary import Volume, build_weekly_summary
from analysis.summary_render import STRINGS, render
from analysis.trends import spike_weeks, theme_trends_for_week, weekly_counts
from dashboard.i18n import STRINGS as UI_STRINGS
from tests.summary.fabricate import WEEK, fabricate, monday

TOPS = {1: (10, "Delivery", "Bezorging"), 2: (10, "Delivery", "Bezorging"), 3: (20, "App", "App")}
COUNTS = {
    (1, "email"): [10, 12, 9, 11, 10, 12, 11, 10, 11],
    (2, "email"): [1, 1, 0, 1, 1, 0, 1, 1, 4],
    (3, "review"): [5, 6, 5, 4, 6, 5, 5, 6, 5],
    (None, "email"): [2, 2, 2, 2, 2, 2, 2, 2, 3],
}


def _with_tops(themes, tops=TOPS):
    themes = themes.copy()
    themes["top_id"] = [tops.get(int(t), (None,))[0] for t in themes["theme_id"]]
    themes["top_label_en"] = [tops.get(int(t), (0, ""))[1] for t in themes["theme_id"]]
    themes["top_label_nl"] = [tops.get(int(t), (0, "", ""))[2] for t in themes["theme_id"]]
    return themes


def _with_star_ratings(items, n=6):
    """``n`` of the week's unthemed items become star ratings without text."""
    in_week = items["received_at"].dt.date >= monday(WEEK)
    stars = items.index[in_week & items["theme_id"].isna()][:n]
    items = items.assign(is_star_only=False)
    items.loc[stars, ["text", "is_star_only"]] = ["", True]
    return items


def test_share_is_of_the_weeks_sorted_items_as_on_the_themes_page():
    """Kiwix W38: "Algemeen oordeel 23,9%" was 28 of 117 items, star ratings included; the
    main themes added up to 41,9%. The Themes page's share is of themed items."""
    items, themes = fabricate(COUNTS, week=WEEK)
    summary = build_weekly_summary(_with_star_ratings(items), _with_tops(themes), WEEK)
    themed = sum(t.volume.items for t in summary.themes)
    assert themed < summary.total.items
    for theme in summary.themes:
        assert theme.share == pytest.approx(theme.volume.items / themed)
    assert sum(g.share for g in summary.groups) == pytest.approx(1.0)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_share_column_is_named_as_in_the_themes_download(lang):
    items, themes = fabricate(COUNTS, week=WEEK)
    summary = build_weekly_summary(items, _with_tops(themes), WEEK)
    name = STRINGS["col.share"][lang]
    assert f"{name} (%)" == UI_STRINGS["download.col.share"][lang]  # one wording
    delimiter = ";" if lang == "nl" else ","
    header = next(
        csv.reader(
            io.StringIO(render(summary, "csv", lang).decode("utf-8-sig")), delimiter=delimiter
        )
    )
    assert f"{name} (%)" in header
    assert f"| {name} |" in render(summary, "md", lang).decode()
    assert f"<th>{name}</th>" in render(summary, "html", lang).decode()
    book = openpyxl.load_workbook(io.BytesIO(render(summary, "xlsx", lang)))
    assert f"{name} (%)" in [c.value for c in book.worksheets[1][1]]


# A theme born two weeks ago: 18 items, then 14. The old average counted the 6 weeks before
# it existed as 0 (7,0) and said "+100% t.o.v. gemiddelde" for a fall from 18 to 14.
YOUNG = {
    **COUNTS,
    (4, "app_review"): [0, 0, 0, 0, 0, 0, 0, 18, 14],
}


def test_a_young_themes_average_starts_at_its_first_item():
    items, themes = fabricate(YOUNG, week=WEEK)
    summary = build_weekly_summary(items, themes, WEEK)
    young = summary.theme(4)
    assert young.volume.average == pytest.approx(18.0)
    assert young.volume.weeks == 1
    assert young.volume.change_vs_average_pct == pytest.approx(100 * (14 - 18) / 18)
    assert (
        "| Spaarpunten | 14 | 18 | \u22124 | 18,0 | \u221222% |"
        in render(summary, "md", "nl").decode()
    )


def test_a_young_theme_does_not_spike_against_weeks_before_it_existed():
    """Demo W45/W46: "spaar app 6 berichten tegen een gewone week van 0,0" in two weeks."""
    counts = {**COUNTS, (4, "app_review"): [0, 0, 0, 0, 0, 0, 3, 6, 6]}
    items, themes = fabricate(counts, week=WEEK)
    frame = items.dropna(subset=["theme_id"])
    weekly = weekly_counts(frame["received_at"], frame["theme_id"].astype(int), frame["channel"])
    summary = build_weekly_summary(items, themes, WEEK)
    assert not summary.spikes and not summary.theme(4).is_rising
    assert not (spike_weeks(weekly)["theme_id"] == 4).any()  # the charts' markers agree
    trends = theme_trends_for_week(weekly, WEEK)
    assert 4 not in trends.spike_ids and 4 not in trends.rising_ids
    # A theme known for 8 weeks, quiet at 0-1 a week, does spike at 9.
    older = {**COUNTS, (4, "app_review"): [3, 0, 1, 0, 0, 1, 0, 1, 9]}
    items, themes = fabricate(older, week=WEEK, texts=None)
    assert build_weekly_summary(items, themes, WEEK).spikes


@pytest.mark.parametrize(
    ("volume", "nl", "en"),
    [
        pytest.param((2, 0, 0.375, 8), "+1,6", "+1.6", id="tiny-average"),
        pytest.param((1, 0, 0.125, 8), "+0,9", "+0.9", id="one-against-0.12"),
        pytest.param((7, 0, 0.0, 0), "eerste week", "first week", id="first-week"),
        pytest.param((0, 0, 0.5, 2), "\u22120,5", "\u22120.5", id="gone-quiet"),
        pytest.param((28, 25, 18.9, 8), "+48%", "+48%", id="enough"),
    ],
)
def test_no_percentage_against_an_average_under_one_item(volume, nl, en):
    """Kiwix W38: "تحديث 2 vs 0,4 → +433%", "+700%" for 1 item against 0,12."""
    from analysis.summary_render import _vs_average

    items, previous, average, weeks = volume
    volume = Volume(items, previous, average, weeks=weeks)
    assert _vs_average(volume, "nl") == nl and _vs_average(volume, "en") == en


def test_every_theme_names_its_main_theme_in_csv_and_excel():
    """Kiwix W38: theme 12's main theme had no item in either week, so the CSV left
    "Hoofdthema" empty for it."""
    counts = {**COUNTS, (5, "email"): [0, 0, 0, 1, 0, 0, 0, 0, 0]}
    items, themes = fabricate(counts, week=WEEK)
    extra = {"theme_id": 5, "label_en": "Update", "label_nl": "Update", "first_seen": None}
    themes = pd.concat([themes, pd.DataFrame([extra])], ignore_index=True)
    summary = build_weekly_summary(
        items, _with_tops(themes, {**TOPS, 5: (30, "Apps", "Apps")}), WEEK
    )
    assert 30 not in {g.top_id for g in summary.groups}  # no item this week or the week before
    rows = list(
        csv.reader(io.StringIO(render(summary, "csv", "nl").decode("utf-8-sig")), delimiter=";")
    )
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("Thema-id")] == "5")
    assert row[header.index("Hoofdthema")] == "Apps"
    book = openpyxl.load_workbook(io.BytesIO(render(summary, "xlsx", "nl")))
    sheet = book["Thema's"]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    row = next(r for r in values[1:] if r[1] == 5)
    assert row[values[0].index("Hoofdthema")] == "Apps"


def test_dutch_excel_names_its_sheets_and_says_when_nothing_stands_out():
    steady = {key: counts for key, counts in COUNTS.items() if key[0] not in (2, None)}
    items, themes = fabricate(steady, week=WEEK)
    summary = build_weekly_summary(items, themes, WEEK)
    assert summary.attention == ()
    book = openpyxl.load_workbook(io.BytesIO(render(summary, "xlsx", "nl")))
    assert book.sheetnames == ["Samenvatting", "Thema's", "Citaten"]
    cells = [c for r in book["Samenvatting"].iter_rows(values_only=True) for c in r if c]
    # ... and names the largest rise the rule let pass (11 against 10.6: theme 1)
    said = (
        "Niets vraagt deze week om aandacht. De grootste stijging, Late levering (11 tegen "
        "gemiddeld 10,6), valt binnen de gewone schommeling."
    )
    assert cells[cells.index("Let hierop") + 1] == said
    assert said in render(summary, "md", "nl").decode()
    assert said in render(summary, "html", "nl").decode()


@pytest.mark.parametrize(
    ("text", "standing"),
    [
        pytest.param("De app crasht bij het afrekenen.", 0, id="clean"),
        pytest.param("Top!", 0, id="short-but-clean"),
        pytest.param(
            "Mijn retour duurt drie weken. Bereik me op [EMAIL] of [PHONE].", 1, id="some"
        ),
        pytest.param("[EMAIL] / [PHONE]", None, id="only-placeholders"),
        pytest.param("Mail: [EMAIL] tel [PHONE]", None, id="little-else"),
    ],
)
def test_quote_standing(text, standing):
    assert quote_standing(text) == standing


def test_quotes_without_placeholders_come_first_and_bare_placeholders_never():
    texts = {
        1: "My parcel arrived late again, order {n}. Reach me at [EMAIL] or [PHONE].",
        2: "[EMAIL] / [PHONE] {n}",
        3: "The support agent was very friendly, call {n}.",
        None: "Something about the weather, message {n}.",
    }
    items, themes = fabricate(COUNTS, week=WEEK, texts=texts)
    in_week = items["received_at"].dt.date >= monday(WEEK)
    late = items.index[in_week & (items["theme_id"] == 1)][:2]
    items.loc[late, "text"] = [
        "Late again, the third time this month.",
        "Still no parcel, day five.",
    ]
    items.loc[late, "similarity"] = 0.0  # the least typical: chosen for having no placeholder
    summary = build_weekly_summary(items, themes, WEEK)
    late_quotes = [q.text for q in summary.quotes_for(1, "en")]
    assert late_quotes[:2] == [
        "Late again, the third time this month.",
        "Still no parcel, day five.",
    ]
    assert all("[EMAIL]" not in q.text for q in summary.quotes if q.theme_id == 2)
    assert not [q for q in summary.quotes if q.theme_id == 2]  # nothing else to quote


GREETED_TEXTS = {
    1: "Goedemiddag,\n\nMijn pakket is weer te laat, bestelling {n}.\n\nMet vriendelijke groet,\n[NAME]",
    2: "Hello team! Where is my refund, case {n}?\nKind regards, [NAME]",
    3: "Hi,\n\nThe app crashes on start, version {n}. Thanks in advance",
    None: "Beste klantenservice,\nIets over het weer, bericht {n}.\nAlvast bedankt",
}
SAID = {
    1: r"Mijn pakket is weer te laat, bestelling \d+\.",
    2: r"Where is my refund(, case \d+)?\?",
    3: r"The app crashes on start, version \d+\.",
}
AROUND = ("Goedemiddag", "groet", "[NAME]", "Hello team", "Kind regards", "Hi,", "in advance")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_quotes_leave_out_greeting_and_sign_off_in_every_format(lang):
    items, themes = fabricate(COUNTS, week=WEEK, texts=GREETED_TEXTS)
    in_week = items["received_at"].dt.date >= monday(WEEK)
    refunds = items.index[in_week & (items["theme_id"] == 2)]
    assert len(refunds) == 4
    items.loc[refunds[:2], "text"] = [  # one question, greeted two ways
        "Hi,\n\nWhere is my refund?",
        "Hello team! Where is my refund?\nThanks in advance",
    ]
    summary = build_weekly_summary(items, _with_tops(themes), WEEK)
    assert {1, 2, 3} <= set(summary.highlighted_theme_ids)
    for theme_id in (1, 2, 3):
        quotes = [q.text for q in summary.quotes_for(theme_id, lang)]
        assert len(quotes) == summary.rules.quotes_per_theme
        assert all(re.fullmatch(SAID[theme_id], q) for q in quotes), quotes
    # greeted two ways, still one quote; the other two items fill the theme's three
    assert [q.text for q in summary.quotes].count("Where is my refund?") == 1
    for fmt in ("md", "html"):  # the CSV has the theme figures, no quotes
        out = render(summary, fmt, lang).decode()
        assert "Mijn pakket is weer te laat, bestelling" in out
        assert "The app crashes on start, version" in out
        assert not [w for w in AROUND if w in out], fmt
    book = openpyxl.load_workbook(io.BytesIO(render(summary, "xlsx", lang)))
    cells = [str(c) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r]
    quoted = [c for c in cells if "bestelling" in c or "refund" in c or "crashes" in c]
    assert quoted and not [c for c in quoted for w in AROUND if w in c]
