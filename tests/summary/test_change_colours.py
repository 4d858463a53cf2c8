"""Colours say what a change means: more praise is good news (green), more complaints bad
news (red), the reverse for less; a mixed theme, one of unknown sentiment, a channel and the
total are neutral (grey). One rule (``analysis.summary.change_meaning``) for every coloured
change of the HTML summary."""

from __future__ import annotations

import re

import numpy as np
import pytest

from analysis.summary import (
    CLEAR_SENTIMENT,
    SummaryRules,
    build_weekly_summary,
    change_meaning,
    sentiment_tone,
)
from analysis.summary_render import MEANING_FILLS, render
from tests.summary.fabricate import LABELS, WEEK, fabricate

# Theme 4 rises in the last week; theme 1 falls against the week before.
COUNTS = {
    (1, "email"): [10, 12, 9, 11, 10, 12, 11, 10, 4],
    (3, "review"): [5, 6, 5, 4, 6, 5, 5, 6, 5],
    (4, "app_review"): [2, 1, 2, 2, 1, 3, 2, 1, 25],
}
PRAISE, COMPLAINT = [0.8] * 9, [-0.7] * 9
MIXED = [0.9, -0.9] * 4 + [0.05]  # praise and complaints in turn: about 0


@pytest.mark.parametrize(
    ("mean", "tone"),
    [
        pytest.param(0.8, "positive", id="praise"),
        pytest.param(CLEAR_SENTIMENT, "positive", id="at-the-threshold"),
        pytest.param(CLEAR_SENTIMENT - 0.01, "mixed", id="just-under"),
        pytest.param(0.0, "mixed", id="zero"),
        pytest.param(-CLEAR_SENTIMENT, "negative", id="negative-threshold"),
        pytest.param(-0.7, "negative", id="complaint"),
        pytest.param(None, "unknown", id="no-mean"),
        pytest.param(float("nan"), "unknown", id="nan"),
    ],
)
def test_a_themes_tone_by_its_mean_sentiment(mean, tone):
    assert sentiment_tone(mean) == tone


@pytest.mark.parametrize(
    ("change", "tone", "meaning"),
    [
        pytest.param(5, "positive", "good", id="more-praise"),
        pytest.param(-5, "positive", "bad", id="less-praise"),
        pytest.param(5, "negative", "bad", id="more-complaints"),
        pytest.param(-5, "negative", "good", id="fewer-complaints"),
        pytest.param(5, "mixed", "neutral", id="more-of-a-mixed-theme"),
        pytest.param(-5, "unknown", "neutral", id="less-of-an-unknown-theme"),
        pytest.param(0, "negative", "neutral", id="no-change"),
    ],
)
def test_what_a_change_means(change, tone, meaning):
    assert change_meaning(change, tone) == meaning


MAIN = {"en": "All about ", "nl": "Alles over "}


def _summary(mood: dict[int, list[float]], tops: bool = True):
    items, themes = fabricate(COUNTS, week=WEEK, sentiment=mood)
    if tops:  # every theme its own main theme, named apart, so the main themes table is drawn
        themes = themes.assign(
            top_id=themes["theme_id"] + 100,
            top_label_en=MAIN["en"] + themes["label_en"],
            top_label_nl=MAIN["nl"] + themes["label_nl"],
        )
    return build_weekly_summary(items, themes, WEEK)


def _theme_row(page: str, theme_id: int, lang: str = "en") -> str:
    """The row of a theme in the top themes table (the one with the sparklines)."""
    name = LABELS[theme_id][0 if lang == "en" else 1]
    rows = [r for r in re.findall(r"<tr>.*?</tr>", page) if r.startswith(f"<tr><td>{name}")]
    return next(r for r in rows if "<svg" in r)


def _group_row(page: str, theme_id: int, lang: str = "en") -> str:
    name = MAIN[lang] + LABELS[theme_id][0 if lang == "en" else 1]
    rows = [r for r in re.findall(r"<tr>.*?</tr>", page) if r.startswith(f"<tr><td>{name}")]
    return next(r for r in rows if "<svg" not in r)


def _change_class(row: str) -> str:
    """The class of the row's change cell (the fourth cell)."""
    cells = re.findall(r"<td>(.*?)</td>", row)
    found = re.match(r'<span class="(\w+)">', cells[3])
    assert found, cells[3]
    return found.group(1)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(
    ("mood", "meaning"),
    [
        pytest.param(PRAISE, "good", id="praise-rising-is-good"),
        pytest.param(COMPLAINT, "bad", id="complaint-rising-is-bad"),
        pytest.param(MIXED, "neutral", id="mixed-rising-is-neutral"),
        pytest.param([np.nan] * 9, "neutral", id="unknown-rising-is-neutral"),
    ],
)
def test_a_rising_theme_is_coloured_by_what_it_means(mood, meaning, lang):
    summary = _summary({4: mood, 1: COMPLAINT, 3: PRAISE})
    assert summary.theme(4).is_rising
    page = render(summary, "html", lang).decode()
    row = _theme_row(page, 4, lang)
    rising = "Rising" if lang == "en" else "Stijgend"
    assert f'<span class="tag {meaning}">{rising}</span>' in row
    assert _change_class(row) == meaning
    assert f'fill="{MEANING_FILLS[meaning]}"' in row  # this week's bar of the sparkline
    assert _change_class(_group_row(page, 4, lang)) == meaning  # the main themes table too


@pytest.mark.parametrize(
    ("mood", "meaning"),
    [
        pytest.param(PRAISE, "bad", id="less-praise-is-bad"),
        pytest.param(COMPLAINT, "good", id="fewer-complaints-is-good"),
        pytest.param(MIXED, "neutral", id="mixed-falling-is-neutral"),
    ],
)
def test_a_falling_theme_is_coloured_by_what_it_means(mood, meaning):
    summary = _summary({1: mood, 3: PRAISE, 4: COMPLAINT})
    assert summary.theme(1).volume.change < 0
    page = render(summary, "html", "en").decode()
    assert _change_class(_theme_row(page, 1)) == meaning
    assert _change_class(_group_row(page, 1)) == meaning


def test_channels_and_the_total_are_neutral():
    summary = _summary({1: COMPLAINT, 3: PRAISE, 4: COMPLAINT})
    page = render(summary, "html", "en").decode()
    channels = page.split("<h2>Volume per channel")[1].split("</table>")[0]
    classes = re.findall(r'<span class="(\w+)">', channels)
    assert classes and set(classes) == {"neutral"}
    assert 'class="up"' not in page and 'class="down"' not in page


def test_a_spike_of_praise_is_drawn_green_and_of_complaints_red():
    counts = {**COUNTS, (4, "app_review"): [3, 0, 1, 0, 0, 1, 0, 1, 12]}
    for mood, meaning in ((PRAISE, "good"), (COMPLAINT, "bad")):
        items, themes = fabricate(counts, week=WEEK, sentiment={4: mood})
        summary = build_weekly_summary(items, themes, WEEK)
        assert [s.theme_id for s in summary.spikes] == [4]
        page = render(summary, "html", "en").decode()
        chart = page.split('<div class="chart" aria-label="Loyalty points in')[1].split("</svg>")[0]
        assert chart.count(f'fill="{MEANING_FILLS[meaning]}"') == 1  # this week's bar
        assert f'<span class="tag {meaning}">Spike</span>' in _theme_row(page, 4)


def test_a_themes_tone_needs_enough_scored_items():
    """Under ``sentiment_min_items`` scored items over the summary's weeks, no tone."""
    counts = {(4, "app_review"): [0, 0, 0, 0, 0, 0, 0, 1, 2]}
    items, themes = fabricate(counts, week=WEEK, sentiment={4: PRAISE})
    summary = build_weekly_summary(items, themes, WEEK, rules=SummaryRules())
    assert summary.theme(4).tone == "unknown"
    items, themes = fabricate({(4, "app_review"): [0] * 6 + [1, 2, 3]}, sentiment={4: PRAISE})
    assert build_weekly_summary(items, themes, WEEK).theme(4).tone == "positive"


@pytest.mark.parametrize(
    ("praise", "tone"),
    [
        # 89 items at -0.7 and 47 at 0.8 (theme 4 unscored): -0.18, as much praise as blame.
        pytest.param(0.8, "mixed", id="complaints-and-praise-mixed"),
        # 89 at -0.7 and 47 at 0.3: -0.35.
        pytest.param(0.3, "negative", id="complaints-outweigh"),
    ],
)
def test_a_main_themes_tone_is_of_its_themes_items_together(praise, tone):
    mood = {1: COMPLAINT, 3: [praise] * 9}
    items, themes = fabricate(COUNTS, week=WEEK, sentiment=mood)
    themes = themes.assign(top_id=10, top_label_en="All", top_label_nl="Alles")
    summary = build_weekly_summary(items, themes, WEEK)
    (group,) = summary.groups
    assert group.tone == tone
    assert summary.theme(1).tone == "negative" and summary.theme(4).tone == "unknown"


@pytest.mark.parametrize(
    ("lang", "phrase"), [("en", "\u22120.2 or lower"), ("nl", "\u22120,2 of lager")]
)
def test_the_footer_states_the_colour_rule(lang, phrase):
    page = render(_summary({4: PRAISE}), "html", lang).decode()
    assert phrase in page.split('class="rules"')[1]
