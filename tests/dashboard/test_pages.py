"""Every page rendered through the real app (navigation, sidebar, caching) with AppTest."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from tests.dashboard.conftest import build_workspace, chart_spec
from workspace.db import Workspace

# The weekly summary page belongs to its own module (and its own tests); the app registers it.
PAGES = ("overview", "themes", "theme", "trends", "unsorted", "search", "upload")


def page_script(start: str) -> None:
    from dashboard.app import main

    main(start)


def open_page(start: str, *, lang: str = "en", query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_function(page_script, args=(start,), default_timeout=60)
    at.session_state["lang"] = lang
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in at.get(kind)]


def edits(path) -> list[tuple[str, str]]:
    """The edits log of the workspace: (kind, payload JSON) in order."""
    with Workspace.open(path) as ws:
        rows = ws.query_df("SELECT kind, payload FROM edits ORDER BY edit_id")
    return list(rows.itertuples(index=False, name=None))


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_both_languages(themed_workspace, page, lang):
    at = open_page(page, lang=lang)
    assert not at.exception, at.exception
    assert at.title, "every page has a title"
    assert not [
        e for e in at.get("markdown") if "nav." in str(e.value) or "themes." in str(e.value)
    ]


def test_overview_compares_weeks_and_shows_coverage_and_no_rise_from_noise(themed_workspace):
    at = open_page("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Feedback items"] == "90"
    # items on 24-29 Aug in the fixture: the week is not over (nothing on Sunday yet)
    assert metrics["Week 35 of 2026 through 29 Aug"] == "6"
    assert metrics["Sorted into themes"] == "90%"  # 81 of 90 have a theme
    assert metrics["Sentiment this week"] == "\u22120.45"  # five themed (-0.6), one unsorted (+0.3)
    assert len(at.get("plotly_chart")) == 2  # per week, themes (channels: metrics)
    # "Wrong invoice" went from 1 to 2 items: ordinary variation, not a rise (the trend rule
    # in analysis/trends.py); the flagged lines are tested in tests/dashboard/test_trend_flags.py.
    assert not at.get("page_link")
    (said,) = [c.replace("\\", "") for c in texts(at, "caption") if c.startswith("No theme spiked")]
    # ... and it says which rise the bars may show, against the average the rule used
    assert said == (
        "No theme spiked, appeared or rose this week. The largest increase, Wrong invoice "
        "(2 against an average of 1.8), is within ordinary variation."
    )


def test_overview_in_dutch(themed_workspace):
    at = open_page("overview", lang="nl")
    assert at.title[0].value == "Overzicht"
    assert {"Feedbackberichten", "In thema's ingedeeld"} <= {m.label for m in at.metric}


def test_sidebar_filters_narrow_every_query(themed_workspace):
    at = open_page("overview")
    at.sidebar.multiselect(key="filter_channels").set_value(["review"]).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Feedback items"] == "23"
    at.sidebar.date_input(key="filter_start").set_value(__import__("datetime").date(2026, 8, 1))
    at.run()
    # reviews are n % 4 == 1, dated 1 June + n days: from 1 August that is n = 61, 65, ..., 89
    assert {m.label: m.value for m in at.metric}["Feedback items"] == "8"
    assert at.session_state["filters"].channels == ("review",)


def test_themes_table_filters_sorts_and_links(themed_workspace):
    at = open_page("themes")
    frame = at.dataframe[0].value
    assert list(frame["label"]) == ["Late parcels", "Wrong invoice", "App crashes"]
    assert list(frame["items"]) == [27, 27, 27]
    assert all(len(trend) == 12 for trend in frame["trend"])
    at.text_input(key="themes_contains").set_value("charged").run()
    assert list(at.dataframe[0].value["label"]) == ["Wrong invoice"]
    at.text_input(key="themes_contains").set_value("").run()
    at.selectbox(key="themes_order_en").set_value("change").run()
    assert list(at.dataframe[0].value["label"])[0] == "Wrong invoice"
    assert at.get("download_button")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_themes_trend_line_ends_at_the_last_whole_week(themed_workspace, lang):
    """The fixture's latest week (W35, 24-29 Aug) is not over: the line ends at W34, so it
    does not drop on days still to come, and its help says which weeks it shows."""
    at = open_page("themes", lang=lang)
    frame = at.dataframe[0].value
    # W34 is 17-23 Aug: n = 77..83 (n % 3 is the theme, n % 10 == 9 unsorted)
    last = {
        label: list(trend)[-1] for label, trend in zip(frame["label"], frame["trend"], strict=True)
    }
    names = {"en": ("Late parcels", "Wrong invoice", "App crashes")}
    names["nl"] = ("Pakket te laat", "Verkeerde factuur", "App crasht")
    assert [last[n] for n in names[lang]] == [2, 1, 3]  # W35 so far would be 2, 2, 1
    columns = json.loads(at.dataframe[0].proto.columns)
    help_text = columns["trend"]["help"]
    if lang == "en":
        assert help_text.startswith(
            "Items per week, oldest left: the last 12 whole weeks, week 23 through week 34 of 2026."
        )
        assert "Week 35 of 2026 is not over yet and is not in the line" in help_text
    else:
        assert "week 23 t/m week 34 van 2026" in help_text
        assert "Week 35 van 2026 is nog niet om" in help_text


def test_top_theme_trend_ends_at_the_last_whole_week(tree_workspace):
    from workspace.theme_tree import top_theme_table

    with Workspace.open(tree_workspace, read_only=True) as ws:
        tops = top_theme_table(ws).set_index("top_id")
    assert list(tops.loc[10, "trend"])[-1] == 2 + 1  # W34: late parcels 2, wrong invoice 1
    assert list(tops.loc[20, "trend"])[-1] == 3


def test_themes_table_shows_rating_impact(themed_workspace):
    from tests.dashboard.conftest import THEMES, _theme_of

    # The fixture's rule: review items (n % 4 % 3 == 1) are rated 1 + n % 5 stars.
    rated = [(_theme_of(n), 1 + n % 5) for n in range(90) if n % 4 % 3 == 1]
    rated = [(theme, stars) for theme, stars in rated if theme is not None]
    frame = open_page("themes").dataframe[0].value
    impact = dict(zip(frame["label"], frame["rating_impact"], strict=True))
    for theme_id, (_, label_en, _, _) in THEMES.items():
        inside = [s for t, s in rated if t == theme_id]
        outside = [s for t, s in rated if t != theme_id]
        expected = sum(inside) / len(inside) - sum(outside) / len(outside)
        assert impact[label_en] == pytest.approx(expected)
    assert len({round(v, 6) for v in impact.values()}) > 1  # not one value for every theme
    page = open_page("theme", query={"theme": "1"})
    metrics = {m.label: m.value for m in page.metric}
    # formatted by the one number rule (zero without a sign: "0.0 ★")
    assert metrics["Rating impact"] == fmt.signed(impact["Late parcels"], "en", 1) + " ★"
    assert metrics["Sentiment"].startswith(("+", "\u2212"))


def test_theme_page_shows_keywords_weekly_chart_and_quotes(themed_workspace):
    at = open_page("theme", query={"theme": "2"})
    assert at.title[0].value == "Wrong invoice"
    assert any("invoice, charged" in c for c in texts(at, "caption"))
    quotes = at.dataframe[0].value
    assert list(quotes.columns) == ["received_at", "channel", "rating", "language", "quote"]
    assert len(quotes) == 27 and quotes["quote"].str.contains("invoice").all()
    assert set(quotes["channel"]) == {"E-mail", "Reviews", "Tickets"}
    full = [t for t in texts(at, "text") if "charged twice" in t]
    assert len(full) == 4  # the most typical quotes, in full, as plain text
    assert len(at.get("plotly_chart")) == 1


GREETED = (
    "CASE source_row % 2 WHEN 0 THEN "
    "'Goedemiddag,' || chr(10) || chr(10) || text || '.' || chr(10) || chr(10) "
    "|| 'Met vriendelijke groet,' || chr(10) || '[NAME]' "
    "ELSE 'Hi,' || chr(10) || chr(10) || text || '? Thanks in advance' END"
)
"""Every stored text opened by a greeting and closed by a sign-off, as e-mails come in."""


def greet_every_item(path) -> None:
    with Workspace.open(path) as ws, ws.transaction() as con:
        con.execute(f"UPDATE items SET text = {GREETED}")
        ws.bump_data_version(con)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_theme_page_quotes_leave_out_greeting_and_sign_off(themed_workspace, lang):
    greet_every_item(themed_workspace)
    at = open_page("theme", lang=lang, query={"theme": "2"})
    assert not at.exception
    quotes = at.dataframe[0].value["quote"]
    assert len(quotes) == 27  # "Hi, X?" and "Goedemiddag, X." of two items stay two quotes
    assert quotes.str.fullmatch(r"I was charged twice on my invoice \d+[.?]").all()
    full = [t for t in texts(at, "text") if "charged twice" in t]
    assert len(full) == 4
    for quote in full:  # the quotes in full: what the customer says, nothing around it
        assert re.fullmatch(r"I was charged twice on my invoice \d+[.?]", quote), quote
    header = "Citaat" if lang == "nl" else "Quote"
    assert at.dataframe[0].proto.columns and header in at.dataframe[0].proto.columns


def test_languages_are_named_on_the_theme_page_and_in_the_filter(themed_workspace):
    # Real Google Play reviews come in Russian, Chinese, Norwegian Nynorsk ...: the screens
    # showed "ru", "zh", "nn" where a name was due.
    with Workspace.open(themed_workspace) as ws, ws.transaction() as con:
        con.execute(
            "UPDATE items SET language = CASE source_row % 4 WHEN 0 THEN 'ru' "
            "WHEN 1 THEN 'zh' WHEN 2 THEN 'nn' ELSE 'nl' END"
        )
        ws.bump_data_version(con)
    at = open_page("theme", lang="nl", query={"theme": "2"})
    shown = set(at.dataframe[0].value["language"])
    assert shown == {"Russisch", "Chinees", "Noors (Nynorsk)", "Nederlands"}
    under_quotes = [c.rsplit(" · ", 1)[-1] for c in texts(at, "caption") if " · " in c]
    assert under_quotes and set(under_quotes) <= shown  # a quote in full: a name, not a code
    options = at.sidebar.multiselect(key="filter_languages").options
    assert set(options) == {"Russisch", "Chinees", "Noors (Nynorsk)", "Nederlands"}
    english = open_page("theme", lang="en", query={"theme": "2"})
    assert set(english.dataframe[0].value["language"]) == {
        "Russian", "Chinese", "Norwegian (Nynorsk)", "Dutch"
    }  # fmt: skip


def test_rename_asks_for_confirmation_first(themed_workspace):
    at = open_page("theme", query={"theme": "1"})
    form_input = [w for w in at.text_input if w.label == "New name"][0]
    form_input.set_value("Bezorging")
    [b for b in at.button if b.label == "Rename"][0].click().run()
    assert edits(themed_workspace) == []  # nothing changed yet
    warning = texts(at, "warning")[0]
    assert "Late parcels" in warning and "Bezorging" in warning
    at.button(key="confirm_edit").click().run()
    assert [(kind, json.loads(payload)["args"]) for kind, payload in edits(themed_workspace)] == [
        ("rename", {"theme_id": 1, "name": "Bezorging"})
    ]
    assert at.title[0].value == "Bezorging"
    # says what happened (it said "Done."); flash messages are escaped
    assert [m.replace("\\", "") for m in texts(at, "success")] == [
        "The theme “Late parcels” is now called “Bezorging”."
    ]
    picker = [w for w in at.selectbox if w.label == "Theme"][0]
    assert picker.value == 1 and "Bezorging" in picker.options  # the new name, no "(1)"
    assert "Late parcels" not in picker.options
    assert any(c.startswith("Automatic name") for c in texts(at, "caption"))


UNDO_SENTENCE = {"en": "You can undo this.", "nl": "Dit kun je ongedaan maken."}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("edit", ["rename", "merge", "split"])
def test_every_undoable_theme_edit_says_so_before_confirming(themed_workspace, edit, lang):
    """Rename, merge and split can all be undone ("Laatste bewerking ongedaan maken"); the
    rename confirmation did not say so while merge and split did."""
    at = open_page("theme", lang=lang, query={"theme": "1"})
    if edit == "rename":
        [w for w in at.text_input if w.label in ("New name", "Nieuwe naam")][0].set_value(
            "Bezorging"
        )
        [b for b in at.button if b.label in ("Rename", "Hernoemen")][0].click().run()
    elif edit == "merge":
        [b for b in at.button if b.label in ("Merge", "Samenvoegen")][0].click().run()
    else:
        at.button(key="split_1").click().run()
    warning = texts(at, "warning")[0].replace("\\", "")
    assert warning.endswith(UNDO_SENTENCE[lang]), warning
    assert edits(themed_workspace) == []


DONE = {
    "en": {
        "rename": "The theme “{old}” is now called “Bezorging”.",
        "merge": "“{old}” is merged into “{other}”: its items are here now.",
        "split": "“{old}” is split into ",
        "undo": "Undone: rename. The themes are as they were before it.",
    },
    "nl": {
        "rename": "Het thema “{old}” heet nu “Bezorging”.",
        "merge": "“{old}” is samengevoegd met “{other}”: de berichten staan nu hier.",
        "split": "“{old}” is gesplitst in ",
        "undo": "Ongedaan gemaakt: hernoemen. De thema's zijn weer zoals ervoor.",
    },
}


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("edit", ["rename", "merge", "split", "undo"])
def test_every_theme_edit_says_what_it_did_in_the_screens_language(themed_workspace, edit, lang):
    """After Confirm the page said only "Done." / "Gedaan.", whatever was done; and after a
    split it showed an unrelated theme (the split one is gone). It now says what happened,
    and a split shows its first part."""
    at = open_page("theme", lang=lang, query={"theme": "1"})
    old, other = at.title[0].value, at.selectbox[0].options[1]  # the merge target: theme 2
    open_themes = [n for n in at.selectbox[0].options if n != old]
    if edit in ("rename", "undo"):
        [w for w in at.text_input if w.label in ("New name", "Nieuwe naam")][0].set_value(
            "Bezorging"
        )
        [b for b in at.button if b.label in ("Rename", "Hernoemen")][0].click().run()
        at.button(key="confirm_edit").click().run()
        if edit == "undo":
            at.button(key="undo_1").click().run()
            at.button(key="confirm_edit").click().run()
    elif edit == "merge":
        [b for b in at.button if b.label in ("Merge", "Samenvoegen")][0].click().run()
        at.button(key="confirm_edit").click().run()
    else:
        at.button(key="split_1").click().run()
        at.button(key="confirm_edit").click().run()
    assert not at.exception, at.exception
    said = [m.replace("\\", "") for m in texts(at, "success")]
    assert len(said) == 1 and said[0].startswith(DONE[lang][edit].format(old=old, other=other)), (
        said
    )
    if edit == "split":
        parts = [n for n in at.selectbox[0].options if n not in open_themes]
        assert len(parts) >= 2 and all(f"“{name}”" in said[0] for name in parts), said
        assert at.title[0].value in parts  # one of the parts, not an unrelated theme
        other = {"en": ("the other is", "the others are"), "nl": ("het andere", "de andere")}
        assert other[lang][len(parts) > 2] in said[0], said


def test_automatic_name_shown_only_after_a_rename(themed_workspace):
    at = open_page("theme", query={"theme": "2"})
    assert not any(c.startswith("Automatic name") for c in texts(at, "caption"))
    back = [link for link in at.get("page_link") if "All themes" in link.proto.label]
    assert back, "a way back to the Themes page"


def test_real_engine_rename_then_undo_and_merge(themed_workspace):
    at = open_page("theme", query={"theme": "1"})
    [w for w in at.text_input if w.label == "New name"][0].set_value("Bezorging")
    [b for b in at.button if b.label == "Rename"][0].click().run()
    at.button(key="confirm_edit").click().run()
    assert at.title[0].value == "Bezorging"
    at.button(key="undo_1").click().run()
    assert "rename" in texts(at, "warning")[0]
    at.button(key="confirm_edit").click().run()
    assert at.title[0].value == "Late parcels"
    [b for b in at.button if b.label == "Merge"][0].click().run()  # first other theme: 2
    assert "Wrong invoice" in texts(at, "warning")[0]
    at.button(key="confirm_edit").click().run()
    assert at.title[0].value == "Wrong invoice"
    assert len(at.dataframe[0].value) == 50  # 27 + 27 items, quotes capped at 50
    themes = open_page("themes").dataframe[0].value
    assert list(themes["label"]) == ["Wrong invoice", "App crashes"]
    assert list(themes["items"]) == [54, 27]


def test_cancelled_rename_changes_nothing(themed_workspace):
    at = open_page("theme", query={"theme": "1"})
    [w for w in at.text_input if w.label == "New name"][0].set_value("Anders")
    [b for b in at.button if b.label == "Rename"][0].click().run()
    at.button(key="cancel_edit").click().run()
    assert edits(themed_workspace) == []
    assert at.title[0].value == "Late parcels"


def test_trends_has_channel_bars_heatmap_and_channel_comparison(themed_workspace):
    at = open_page("trends")
    charts = at.get("plotly_chart")
    assert len(charts) == 3
    heatmap = chart_spec(charts[1])["data"][0]
    assert heatmap["type"] == "heatmap"
    assert list(heatmap["y"]) == [  # names only, no ids
        "Late parcels",
        "Wrong invoice",
        "App crashes",
    ]
    summary = at.dataframe[0].value
    assert set(summary["channel"]) == {"E-mail", "Reviews", "Tickets"}


def test_unsorted_inbox_files_an_item_into_a_theme_that_is_not_the_nearest(themed_workspace):
    at = open_page("unsorted")
    assert {m.label: m.value for m in at.metric}["Unsorted items"] == "9"
    assert len([t for t in texts(at, "text") if "weather" in t]) == 9
    # "weather" is like none of the themes: no suggestion, in words (no internal threshold)
    captions = [c.replace("\\", "") for c in texts(at, "caption")]
    assert sum("No theme is close enough" in c and "0.30" not in c for c in captions) == 9
    pickers = [w for w in at.selectbox if w.key and w.key.startswith("pick_")]
    assert len(pickers) == 9 and all(p.value is None for p in pickers)
    assert all(b.disabled for b in at.button if b.label == "Assign")  # nothing picked yet
    picker = pickers[0]
    item_id = picker.key.removeprefix("pick_").removesuffix("_en")
    nearest, *others = picker.options
    assert len(others) == 2 and "(" not in nearest  # names only: nothing is close
    chosen = others[-1]  # the theme furthest from the item
    ids = {"Late parcels": 1, "Wrong invoice": 2, "App crashes": 3}
    picker.set_value(ids[chosen]).run()
    at.button(key=f"assign_{item_id}").click().run()
    moves = [json.loads(p)["args"] for kind, p in edits(themed_workspace) if kind == "move"]
    assert moves == [{"item_id": item_id, "theme_id": ids[chosen]}] and chosen != nearest
    assert {m.label: m.value for m in at.metric}["Unsorted items"] == "8"


@pytest.mark.parametrize(
    ("similarity", "threshold", "kind"),
    [
        pytest.param(0.62, 0.3, "strong", id="strong"),
        pytest.param(0.41, 0.3, "some", id="somewhat"),
        pytest.param(0.29, 0.3, "", id="below-threshold-no-suggestion"),
        pytest.param(0.2, 0.15, "some", id="low-workspace-threshold"),
        pytest.param(0.55, 0.6, "", id="high-workspace-threshold"),
        pytest.param(0.65, 0.6, "strong", id="above-a-high-threshold"),
        pytest.param(None, 0.3, "", id="no-vector"),
    ],
)
def test_similarity_in_words(similarity, threshold, kind):
    from dashboard.inbox import Choice, closeness, suggestion

    assert closeness(similarity, threshold) == kind
    # a theme placement would choose reads at least "somewhat like", whatever its similarity
    assert closeness(similarity, threshold, suggested=True) == (kind or "some")
    choices = [Choice(1, "Levering", similarity), Choice(2, "Factuur", 0.1)]
    assert suggestion(choices, 2) == choices[1] and suggestion(choices, None) is None


def test_selected_unsorted_items_become_a_new_named_theme(themed_workspace):
    with Workspace.open(themed_workspace) as ws:
        ws.set_setting("embedder", "tfidf")  # weight-free; the page flow is the point here
    at = open_page("unsorted")
    boxes = [c for c in at.checkbox if c.key and c.key.startswith("sel_")][:3]
    chosen = [c.key.removeprefix("sel_") for c in boxes]
    for box in boxes:
        box.check()
    at.text_input(key="unsorted_new_name").set_value("Weer")
    at.run()
    at.button(key="unsorted_create").click().run()
    assert edits(themed_workspace) == []  # asks first
    assert "Weer" in texts(at, "warning")[0]
    at.button(key="confirm_new_theme").click().run()
    assert not at.exception, at.exception
    assert [kind for kind, _ in edits(themed_workspace)] == ["create"]
    assert {m.label: m.value for m in at.metric}["Unsorted items"] == "6"
    # says what was made and where it is undone (not a bare "Done.")
    done = [s.replace("\\", "") for s in texts(at, "success")]
    assert done == [
        "The theme “Weer” is made from 3 items. “Undo last edit” on its page takes it back."
    ]
    with Workspace.open(themed_workspace) as ws:
        rows = ws.query_df(
            "SELECT a.item_id, t.manager_name FROM assignments a JOIN themes t USING (theme_id) "
            "WHERE t.manager_name = 'Weer'"
        )
    assert sorted(rows["item_id"]) == sorted(chosen)


def test_keyword_search_respects_filters(themed_workspace):
    at = open_page("search")
    at.text_input(key="search_query").set_value("charged")
    at.radio(key="search_mode_en").set_value("keyword")
    at.button[0].click().run()
    results = at.dataframe[0].value
    assert len(results) == 27 and results["text"].str.contains("charged").all()
    at.sidebar.multiselect(key="filter_channels").set_value(["ticket"]).run()
    assert len(at.dataframe[0].value) == 7


def test_semantic_search_ranks_cached_vectors(themed_workspace):
    # The fixture caches the items' vectors of the workspace's embedder (TF-IDF).
    at = open_page("search")
    at.text_input(key="search_query").set_value("the app crashes at login")
    at.radio(key="search_mode_en").set_value("semantic")
    at.button[0].click().run()
    results = at.dataframe[0].value
    assert results["text"].head(5).str.contains("app crashes").all()
    results["score"] = results["score"].astype(float)  # shown as text: "0.92"
    assert results["score"].is_monotonic_decreasing
    # Only real hits: every one above the stated minimum, and the count says how many.
    from workspace.search import MIN_MEANING_SCORE

    assert (results["score"] >= MIN_MEANING_SCORE).all() and len(results) < 90
    captions = [c.replace("\\", "") for c in texts(at, "caption")]
    assert f"{len(results)} hits. A hit by meaning has a relevance of at least" in " ".join(
        captions
    )
    assert "the best" not in " ".join(captions)  # every hit is listed: no "best 12 of 12"


@pytest.mark.parametrize(
    ("lang", "relevance", "rating", "count"),
    [
        pytest.param("nl", "Relevantie", "Score", "27 treffers.", id="dutch"),
        pytest.param("en", "Relevance", "Rating", "27 hits.", id="english"),
    ],
)
def test_search_table_says_relevance_and_shows_ratings_as_elsewhere(
    themed_workspace, lang, relevance, rating, count
):
    at = open_page("search", lang=lang)
    at.text_input(key="search_query").set_value("charged")
    at.radio(key=f"search_mode_{lang}").set_value("keyword")
    at.button[0].click().run()
    table = at.dataframe[0]
    labels = {k: v.get("label") for k, v in json.loads(table.proto.columns).items()}
    # "Score" is the star rating on every page; the rank of a hit is its relevance.
    assert labels["score"] == relevance and labels["rating"] == rating
    ratings = set(table.value["rating"])
    assert "" in ratings and all(  # as on a theme's quotes: "4/5", nothing for e-mails
        r == "" or re.fullmatch(r"\d/5", r) for r in ratings
    ), ratings
    assert "nan" not in ratings and "None" not in ratings
    assert count in [c.replace("\\", "") for c in texts(at, "caption")]


def test_search_count_says_how_many_are_listed_only_when_not_all_are():
    from dashboard.views.search_page import _count_text

    assert _count_text(1, 1, False, "nl") == "1 treffer."
    assert _count_text(42, 42, False, "nl") == "42 treffers."
    assert _count_text(1234, 50, False, "nl") == "1.234 treffers; de beste 50 staan hieronder."
    assert _count_text(500, 50, True, "en") == "500 or more hits; the best 50 are shown."
    # search by words lists the newest first: they are not "the best"
    assert _count_text(396, 50, False, "nl", newest=True) == (
        "396 treffers; de nieuwste 50 staan hieronder."
    )
    assert _count_text(500, 50, True, "en", newest=True) == (
        "500 or more hits; the newest 50 are shown."
    )


def test_search_shows_unsorted_hits_as_unsorted(themed_workspace):
    at = open_page("search", lang="nl")
    at.text_input(key="search_query").set_value("weather")
    at.radio(key="search_mode_nl").set_value("keyword")
    at.button[0].click().run()
    themes = set(at.dataframe[0].value["theme"])
    assert themes == {"(ongesorteerd)"}  # the fixture's weather items belong to no theme


def test_dutch_search_scores_have_a_decimal_comma(themed_workspace):
    at = open_page("search", lang="nl")
    at.text_input(key="search_query").set_value("the app crashes at login")
    at.radio(key="search_mode_nl").set_value("semantic")
    at.button[0].click().run()
    scores = at.dataframe[0].value["score"]
    assert len(scores) and scores.str.fullmatch(r"\d,\d\d").all(), scores.tolist()


# workspace.vectors.ensure_vectors reads vectors via Arrow, which DuckDB 2 warns about.
ARROW_WARNING = "ignore:Arrow output on a DB-API result:UserWarning"


@pytest.mark.filterwarnings(ARROW_WARNING)
def test_upload_imports_several_files_and_reports(themed_workspace):
    at = open_page("upload")
    good = b"text,date\nDe levering was te laat,2026-09-01\nFactuur klopt niet,2026-09-02\n"
    at.file_uploader[0].set_value(
        [("week36.csv", good, "text/csv"), ("empty.csv", b"  ", "text/csv")]
    ).run()
    at.button(key="upload_start").click().run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Added"] == "2" and metrics["Already present"] == "0"
    from tests.dashboard.test_upload_report import file_rows

    files = file_rows(at)
    assert list(files["File"]) == ["week36.csv", "empty.csv", "Total"]
    # the error is the file's line above the table (and the problems table); the table says
    # "not imported" after the format (an Error column made it wider than the page)
    assert files["Detected as"].iloc[1].endswith("(not imported)")
    said = [m.replace("\\", "") for m in texts(at, "markdown")]
    assert any(m.startswith("**empty.csv**") and "the file is empty" in m for m in said), said
    # The engine (really run here) places the 2 new items with the workspace's embedder and
    # reports per file: added = in a theme + unsorted + stars only + own replies.
    week = files.iloc[0]
    assert (week["Added"], week["In a theme"], week["Unsorted"]) == (2, 1, 1)
    # no star-only rows, replies or new themes in these files: those columns are left out
    assert not {"Stars only", "Own replies", "Of which new themes"} & set(files.columns)
    assert files.iloc[1]["In a theme"] + files.iloc[1]["Unsorted"] == 0
    lines = [m.replace("\\", "") for m in texts(at, "markdown")]
    assert any(
        "week36.csv" in m
        and "2 added, 0 already present. Of these, 1 sorted into themes, 1 left unsorted." in m
        for m in lines
    ), lines
    with Workspace.open(themed_workspace) as ws:
        assert ws.scalar("SELECT count(*) FROM items") == 92


@pytest.mark.filterwarnings(ARROW_WARNING)
def test_upload_mapping_form_is_remembered_and_imports(themed_workspace):
    from ingest.errors import MappingRequired
    from ingest.mapping import header_key

    at = open_page("upload")
    data = b"Opmerking;Datum;Cijfer\nTe duur;01-09-2026;6\n"
    at.session_state["upload_pending_mappings"] = [
        {
            "name": "odd.csv",
            "data": data,
            "columns": ["Opmerking", "Datum", "Cijfer"],
            "error": MappingRequired("map the columns", ["Opmerking"], file="odd.csv"),
        }
    ]
    at.run()
    at.selectbox(key="map_text_odd.csv").set_value("Opmerking")
    at.selectbox(key="map_date_odd.csv").set_value("Datum")
    at.selectbox(key="map_rating_odd.csv").set_value("Cijfer")
    scale = at.selectbox(key="map_scale_odd.csv")
    assert scale.options == ["Automatic", "out of 5", "out of 10", "out of 100"]
    scale.set_value(10)
    at.selectbox(key="map_default_odd.csv").set_value("survey")
    [b for b in at.button if b.label == "Remember and import"][0].click().run()
    with Workspace.open(themed_workspace) as ws:
        stored = ws.scalar(
            "SELECT mapping FROM column_mappings WHERE header_key = ?",
            [header_key(["Opmerking", "Datum", "Cijfer"])],
        )
        rated = ws.query_df("SELECT rating, rating_scale_max FROM items WHERE text = 'Te duur'")
    assert stored is not None and '"text": "Opmerking"' in stored
    assert '"rating_scale_max": 10.0' in stored  # remembered with the mapping
    assert rated.values.tolist() == [[6.0, 10.0]]


def test_navigation_registers_every_page_including_the_weekly_summary(themed_workspace):
    from dashboard import page_registry

    at = open_page("overview")
    assert not at.exception
    assert set(page_registry._PAGES) == {*PAGES, "summary"}
    assert page_registry.page(page_registry.THEME).visibility == "hidden"


def test_views_never_import_routes():
    # Views link through dashboard/page_registry.py; routes imports the views, one way only.
    import ast
    from pathlib import Path

    views = Path(__file__).resolve().parents[2] / "dashboard" / "views"
    wrong = []
    for path in sorted(views.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.ImportFrom) and node.module == "dashboard"
                else [node.module]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if "routes" in names or "dashboard.routes" in names:
                wrong.append(path.name)
    assert not wrong


def test_empty_workspace_pages_explain_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(tmp_path / "empty.duckdb"))
    for page in PAGES:
        at = open_page(page)
        assert not at.exception, (page, at.exception)
    assert "klantstem import" in open_page("overview").info[0].value


def test_language_default_comes_from_the_workspace_setting(tmp_path, monkeypatch):
    path = build_workspace(tmp_path / "nl.duckdb", items=12)
    with Workspace.open(path) as ws:
        ws.set_setting("ui_language", "nl")
    monkeypatch.setenv("KLANTSTEM_WORKSPACE", str(path))
    monkeypatch.delenv("KLANTSTEM_LANG", raising=False)
    at = AppTest.from_function(page_script, args=("themes",), default_timeout=60).run()
    assert at.title[0].value == "Thema's"
    monkeypatch.setenv("KLANTSTEM_LANG", "en")
    at = AppTest.from_function(page_script, args=("themes",), default_timeout=60).run()
    assert at.title[0].value == "Themes"


def test_no_material_icons_they_are_fetched_from_the_internet():
    """Streamlit loads ``:material/...:`` icons from fonts.gstatic.com; offline they fail."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "dashboard"
    icon = re.compile(r"[\"']:material/")
    offenders = [
        p.name for p in root.rglob("*.py") if icon.search(p.read_text()) and p.name != "summary.py"
    ]
    assert offenders == []


def all_theme_rows(at: AppTest):
    """Every theme row of the Themes page, whether in one table or one per top theme."""
    import pandas as pd

    return pd.concat([grid.value for grid in at.dataframe], ignore_index=True)


def _without_themes(path) -> None:
    with Workspace.open(path) as ws, ws.transaction() as con:
        con.execute("DELETE FROM assignments")
        con.execute("DELETE FROM themes")


def test_refresh_button_finds_themes_then_keeps_them(themed_workspace):
    _without_themes(themed_workspace)
    at = open_page("themes")
    assert "No themes yet" in at.info[0].value
    at.button(key="themes_refresh").click().run()
    assert not at.exception, at.exception
    assert at.success and at.success[0].value.startswith("Themes refreshed")
    first = all_theme_rows(at)  # a refresh builds the tree: one table per top theme
    assert len(first) >= 2 and first["items"].sum() >= 80  # of 90 items
    # Nothing changed since: a second refresh keeps every theme and says so.
    at.button(key="themes_refresh").click().run()
    assert at.success[0].value.startswith("Themes kept")
    again = all_theme_rows(at)
    assert list(again["theme_id"]) == list(first["theme_id"])
    assert list(again["items"]) == list(first["items"])


def test_refresh_button_in_dutch(themed_workspace):
    _without_themes(themed_workspace)
    at = open_page("themes", lang="nl")
    assert "Nog geen thema's" in at.info[0].value
    at.button(key="themes_refresh").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.replace("\\", "").startswith("Thema's vernieuwd")


def test_engine_calls_build_the_embedder_once_per_server_process(themed_workspace, monkeypatch):
    """Uploads, refreshes and edits share one embedder, so its model loads once."""
    import analysis.embedders
    from dashboard import state, theme_engine

    built = []
    real = analysis.embedders.get_embedder
    monkeypatch.setattr(
        analysis.embedders, "get_embedder", lambda name=None: built.append(name) or real(name)
    )
    state.embedder.clear()
    from workspace.imports import import_bytes

    with Workspace.open(themed_workspace) as ws:
        theme_engine.refresh(ws)
        upload = import_bytes(ws, b"text,date\nDe levering was te laat,2026-09-01\n", "x.csv")
        theme_engine.place(ws, [upload])
        theme_engine.refresh(ws)
    assert built == ["tfidf"]


@pytest.mark.filterwarnings(ARROW_WARNING)
def test_upload_reports_a_damaged_file_between_good_ones(themed_workspace):
    from tests.ingest.damaged import damaged_xlsx

    at = open_page("upload")
    good = b"text,date\nDe levering was te laat,2026-09-01\nFactuur klopt niet,2026-09-02\n"
    good2 = b"text,date\nPakket kwam beschadigd aan,2026-09-03\n"
    at.file_uploader[0].set_value(
        [
            ("good.csv", good, "text/csv"),
            ("damaged.xlsx", damaged_xlsx(), "application/octet-stream"),
            ("good2.csv", good2, "text/csv"),
        ]
    ).run()
    at.button(key="upload_start").click().run()
    assert not at.exception
    from tests.dashboard.test_upload_report import file_rows

    files = file_rows(at)
    assert list(files["File"]) == ["good.csv", "damaged.xlsx", "good2.csv", "Total"]
    assert list(files["Added"]) == [2, 0, 1, 3]
    assert files["Detected as"].iloc[1].endswith("(not imported)")
    said = [m.replace("\\", "") for m in texts(at, "markdown")]
    assert any(m.startswith("**damaged.xlsx**") and "damaged or cut off" in m for m in said)
    with Workspace.open(themed_workspace) as ws:
        assert ws.scalar("SELECT count(*) FROM items") == 93


@pytest.mark.parametrize(
    ("param", "session", "expected_title", "expected_param"),
    [
        pytest.param("nl", None, "Thema's", "nl", id="typed-url-lang-nl"),
        pytest.param("nl", "en", "Thema's", "nl", id="url-beats-session"),
        pytest.param(None, "nl", "Thema's", "nl", id="session-written-into-url"),
        pytest.param("de", "en", "Themes", "en", id="unknown-lang-ignored"),
    ],
)
def test_language_lives_in_the_url(
    themed_workspace, param, session, expected_title, expected_param
):
    at = AppTest.from_function(page_script, args=("themes",), default_timeout=60)
    if session:
        at.session_state["lang"] = session
    if param:
        at.query_params["lang"] = param
    at.run()
    assert at.title[0].value == expected_title
    assert at.query_params["lang"] == expected_param


def test_theme_links_carry_the_language(themed_workspace):
    at = open_page("themes", lang="nl")
    links = at.get("page_link")
    assert links, "the Themes page links to a theme"
    assert all(link.proto.query_string.endswith("lang=nl") for link in links)
    theme = open_page("theme", lang="nl", query={"theme": "1", "lang": "nl"})
    back = [link for link in theme.get("page_link") if "Alle thema" in link.proto.label]
    assert back and "lang=nl" in back[0].proto.query_string


def test_workspace_default_language_applies_without_url_or_session(themed_workspace):
    with Workspace.open(themed_workspace) as ws:
        ws.set_setting("ui_language", "nl")
    at = AppTest.from_function(page_script, args=("themes",), default_timeout=60).run()
    assert at.title[0].value == "Thema's"
    assert at.query_params["lang"] == "nl"  # and the URL now carries it
