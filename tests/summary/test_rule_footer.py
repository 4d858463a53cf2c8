"""The summary's footer states the rules the code applies, written from their constants."""

from __future__ import annotations

import pytest

from analysis.summary import SummaryRules, build_weekly_summary
from analysis.summary_render import render
from analysis.trends import TrendRules
from tests.summary.fabricate import WEEK, fabricate
from tests.summary.test_builder import COUNTS


def _footer(rules: SummaryRules, lang: str) -> str:
    items, themes = fabricate(COUNTS)
    markdown = render(build_weekly_summary(items, themes, WEEK, rules=rules), "md", lang)
    return markdown.decode().rsplit("---", 1)[1]


@pytest.mark.parametrize(
    ("trends", "lang", "present", "absent"),
    [
        pytest.param(
            TrendRules(),
            "en",
            ["p < 0.01", "at least 2x the median of the previous 8 weeks", "p < 0.001",
             "at least 3 items", "at least 5 items"],
            ["3x"],
            id="defaults-en",
        ),
        pytest.param(
            TrendRules(),
            "nl",
            ["p < 0,01", "minstens 2x de mediaan van de 8 weken ervoor", "p < 0,001"],
            ["3x"],
            id="defaults-nl",
        ),
        pytest.param(
            TrendRules(spike_ratio=3, rising_p=0.05, baseline_weeks=6, new_min_items=4),
            "en",
            ["p < 0.05", "at least 3x the median of the previous 6 weeks", "at least 4 items"],
            ["2x", "p < 0.01"],
            id="changed-constants-en",
        ),
    ],
)  # fmt: skip
def test_footer_states_the_rule_constants(trends, lang, present, absent):
    footer = _footer(SummaryRules(trends=trends), lang)
    for phrase in present:
        assert phrase in footer
    for phrase in absent:
        assert phrase not in footer
