"""Every language an item can be given has a name in English and in Dutch (one table)."""

from __future__ import annotations

import pytest
from lingua import Language

from analysis.language_names import LANGUAGE_NAMES, language_name

# Derived from lingua, not copied: a lingua upgrade that adds a language fails here.
LINGUA_CODES = sorted(language.iso_code_639_1.name.lower() for language in Language.all())


def test_lingua_is_asked_for_its_whole_list() -> None:
    assert len(LINGUA_CODES) >= 75 and {"nb", "nn", "ru", "zh", "he"} <= set(LINGUA_CODES)


@pytest.mark.parametrize("code", LINGUA_CODES)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_language_lingua_can_return_has_a_name(code: str, lang: str) -> None:
    name = language_name(code, lang)
    assert name and name != code, f"{code!r} has no {lang} name in analysis/language_names.py"


@pytest.mark.parametrize("column", [0, 1], ids=["en", "nl"])
def test_no_two_languages_share_a_name(column: int) -> None:
    names = [pair[column] for pair in LANGUAGE_NAMES.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        pytest.param("ru", "nl", "Russisch", id="ru-nl"),
        pytest.param("ru", "en", "Russian", id="ru-en"),
        pytest.param("id", "nl", "Indonesisch", id="id-nl"),
        pytest.param("fa", "nl", "Perzisch", id="fa-nl"),
        pytest.param("cs", "nl", "Tsjechisch", id="cs-nl"),
        pytest.param("zh", "nl", "Chinees", id="zh-nl"),
        pytest.param("he", "nl", "Hebreeuws", id="he-nl"),
        pytest.param("nb", "nl", "Noors (Bokmål)", id="nb-nl"),
        pytest.param("nn", "nl", "Noors (Nynorsk)", id="nn-nl"),
        pytest.param("nn", "en", "Norwegian (Nynorsk)", id="nn-en"),
        pytest.param("uk", "nl", "Oekraïens", id="uk-nl"),
        pytest.param("is", "nl", "IJslands", id="is-nl"),
        pytest.param("no", "nl", "Noors", id="declared-norwegian"),
        pytest.param("nl-BE", "nl", "Nederlands", id="region-read-as-language"),
        pytest.param("", "nl", "Onbekend", id="unknown-nl"),
        pytest.param(None, "en", "Unknown", id="unknown-en"),
        pytest.param("xx", "nl", "xx", id="code-not-in-table-kept"),
    ],
)
def test_names(code: str | None, lang: str, expected: str) -> None:
    assert language_name(code, lang) == expected
