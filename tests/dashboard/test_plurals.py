"""One rule for singular and plural: ``plural(key, n)`` picks ``key.one`` or ``key.other``,
and the catalogue holds both forms of every counted text, in both languages."""

from __future__ import annotations

import string

import pytest

from dashboard.i18n import LANGUAGES, STRINGS, plural

# Keys named after codes from elsewhere, where ``.other`` is no plural: channel codes
# ("channel.other": the Other channel) and ingest's problem codes ("file.kind.other").
CODES = ("channel.", "problem.")
COUNTED = sorted(
    {
        key.rsplit(".", 1)[0]
        for key in STRINGS
        if key.endswith((".one", ".other")) and not key.startswith(CODES)
    }
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_catalogue_has_counted_texts():
    assert {"count.items", "search.hits", "upload.start", "theme.weeks_left_out"} <= set(COUNTED)


@pytest.mark.parametrize("key", COUNTED)
def test_every_counted_text_has_both_forms_with_the_same_placeholders(key):
    for form in ("one", "other"):
        assert f"{key}.{form}" in STRINGS, f"{key}.{form} is missing"
    for lang in LANGUAGES:
        one, other = STRINGS[f"{key}.one"][lang], STRINGS[f"{key}.other"][lang]
        assert "n" in _placeholders(one), f"{key}.one ({lang}) does not say the count: {one!r}"
        assert _placeholders(one) == _placeholders(other), (lang, one, other)
        assert one != other, (lang, one)


@pytest.mark.parametrize(
    ("n", "lang", "said"),
    [
        pytest.param(0, "nl", "0 berichten", id="nl-zero"),
        pytest.param(1, "nl", "1 bericht", id="nl-one"),
        pytest.param(2, "nl", "2 berichten", id="nl-two"),
        pytest.param(1234, "nl", "1.234 berichten", id="nl-thousands"),
        pytest.param(0, "en", "0 items", id="en-zero"),
        pytest.param(1, "en", "1 item", id="en-one"),
        pytest.param(1234, "en", "1,234 items", id="en-thousands"),
    ],
)
def test_plural_picks_the_form_and_writes_the_number_as_the_language_does(n, lang, said):
    assert plural("count.items", n, lang) == said


def test_plural_fills_the_other_placeholders():
    said = plural("theme.weeks_left_out", 1, "en", day="3 Mar 2026", all="All", setting="Weeks")
    assert said.startswith("1 more week with feedback is before 3 Mar 2026,")
    assert plural("login.wait", 1, "nl").endswith("Wacht 1 seconde en probeer het opnieuw.")
    assert plural("login.wait", 8, "en").endswith("Wait 8 seconds and try again.")
