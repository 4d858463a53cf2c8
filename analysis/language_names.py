"""What a language code is called in English and in Dutch: the one table every screen, export
and summary names an item's language from.

It names every language lingua can detect (``ingest/language.py``; a test derives the list
from lingua), and the few a source may declare that lingua does not know (Play's device
locales: ``no``, ``fy``, ``gl`` ...). Dutch names follow the Taalunie's spelling
(Oekraïens, Zoeloe, IJslands, Noors (Bokmål)).
"""

from __future__ import annotations

from analysis.reading import language_code

UNKNOWN = {"en": "Unknown", "nl": "Onbekend"}

# code: (English, Dutch)
LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "af": ("Afrikaans", "Afrikaans"),
    "ar": ("Arabic", "Arabisch"),
    "az": ("Azerbaijani", "Azerbeidzjaans"),
    "be": ("Belarusian", "Belarussisch"),
    "bg": ("Bulgarian", "Bulgaars"),
    "bn": ("Bengali", "Bengaals"),
    "bs": ("Bosnian", "Bosnisch"),
    "ca": ("Catalan", "Catalaans"),
    "cs": ("Czech", "Tsjechisch"),
    "cy": ("Welsh", "Welsh"),
    "da": ("Danish", "Deens"),
    "de": ("German", "Duits"),
    "el": ("Greek", "Grieks"),
    "en": ("English", "Engels"),
    "eo": ("Esperanto", "Esperanto"),
    "es": ("Spanish", "Spaans"),
    "et": ("Estonian", "Estisch"),
    "eu": ("Basque", "Baskisch"),
    "fa": ("Persian", "Perzisch"),
    "fi": ("Finnish", "Fins"),
    "fr": ("French", "Frans"),
    "ga": ("Irish", "Iers"),
    "gu": ("Gujarati", "Gujarati"),
    "he": ("Hebrew", "Hebreeuws"),
    "hi": ("Hindi", "Hindi"),
    "hr": ("Croatian", "Kroatisch"),
    "hu": ("Hungarian", "Hongaars"),
    "hy": ("Armenian", "Armeens"),
    "id": ("Indonesian", "Indonesisch"),
    "is": ("Icelandic", "IJslands"),
    "it": ("Italian", "Italiaans"),
    "ja": ("Japanese", "Japans"),
    "ka": ("Georgian", "Georgisch"),
    "kk": ("Kazakh", "Kazachs"),
    "ko": ("Korean", "Koreaans"),
    "la": ("Latin", "Latijn"),
    "lg": ("Ganda", "Luganda"),
    "lt": ("Lithuanian", "Litouws"),
    "lv": ("Latvian", "Lets"),
    "mi": ("Māori", "Maori"),
    "mk": ("Macedonian", "Macedonisch"),
    "mn": ("Mongolian", "Mongools"),
    "mr": ("Marathi", "Marathi"),
    "ms": ("Malay", "Maleis"),
    "nb": ("Norwegian (Bokmål)", "Noors (Bokmål)"),
    "nl": ("Dutch", "Nederlands"),
    "nn": ("Norwegian (Nynorsk)", "Noors (Nynorsk)"),
    "pa": ("Punjabi", "Punjabi"),
    "pl": ("Polish", "Pools"),
    "pt": ("Portuguese", "Portugees"),
    "ro": ("Romanian", "Roemeens"),
    "ru": ("Russian", "Russisch"),
    "sk": ("Slovak", "Slowaaks"),
    "sl": ("Slovenian", "Sloveens"),
    "sn": ("Shona", "Shona"),
    "so": ("Somali", "Somalisch"),
    "sq": ("Albanian", "Albanees"),
    "sr": ("Serbian", "Servisch"),
    "st": ("Sotho", "Sotho"),
    "sv": ("Swedish", "Zweeds"),
    "sw": ("Swahili", "Swahili"),
    "ta": ("Tamil", "Tamil"),
    "te": ("Telugu", "Telugu"),
    "th": ("Thai", "Thai"),
    "tl": ("Tagalog", "Tagalog"),
    "tn": ("Tswana", "Tswana"),
    "tr": ("Turkish", "Turks"),
    "ts": ("Tsonga", "Tsonga"),
    "uk": ("Ukrainian", "Oekraïens"),
    "ur": ("Urdu", "Urdu"),
    "vi": ("Vietnamese", "Vietnamees"),
    "xh": ("Xhosa", "Xhosa"),
    "yo": ("Yoruba", "Yoruba"),
    "zh": ("Chinese", "Chinees"),
    "zu": ("Zulu", "Zoeloe"),
    # declared by a source (a device's locale), not detected by lingua
    "am": ("Amharic", "Amhaars"),
    "fy": ("Frisian", "Fries"),
    "gl": ("Galician", "Galicisch"),
    "km": ("Khmer", "Khmer"),
    "kn": ("Kannada", "Kannada"),
    "ky": ("Kyrgyz", "Kirgizisch"),
    "lb": ("Luxembourgish", "Luxemburgs"),
    "lo": ("Lao", "Laotiaans"),
    "ml": ("Malayalam", "Malayalam"),
    "my": ("Burmese", "Birmaans"),
    "ne": ("Nepali", "Nepalees"),
    "no": ("Norwegian", "Noors"),
    "si": ("Sinhala", "Singalees"),
    "uz": ("Uzbek", "Oezbeeks"),
    "yi": ("Yiddish", "Jiddisch"),
}
_COLUMN = {"en": 0, "nl": 1}


def language_name(code: object, lang: str) -> str:
    """``ru`` → ``Russian`` (``lang`` ``en``) / ``Russisch`` (``nl``); ``nl-BE`` is Dutch.

    No code is "Unknown" / "Onbekend"; a code the table does not know is shown as it is.
    English for any ``lang`` other than ``nl``.
    """
    short = language_code(code)
    if not short:
        return UNKNOWN["nl" if lang == "nl" else "en"]
    names = LANGUAGE_NAMES.get(short)
    return names[_COLUMN.get(lang, 0)] if names else str(code)


SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "Arabic": ("ar", "fa", "ur"),
    "Armenian": ("hy",),
    "Bengali": ("bn",),
    "Cyrillic": ("be", "bg", "kk", "ky", "mk", "mn", "ru", "sr", "uk"),
    "Devanagari": ("hi", "mr", "ne"),
    "Ethiopic": ("am",),
    "Georgian": ("ka",),
    "Greek": ("el",),
    "Gujarati": ("gu",),
    "Gurmukhi": ("pa",),
    "Han": ("zh", "ja"),
    "Hangul": ("ko",),
    "Hebrew": ("he", "yi"),
    "Hiragana": ("ja",),
    "Kannada": ("kn",),
    "Katakana": ("ja",),
    "Khmer": ("km",),
    "Lao": ("lo",),
    "Malayalam": ("ml",),
    "Myanmar": ("my",),
    "Sinhala": ("si",),
    "Tamil": ("ta",),
    "Telugu": ("te",),
    "Thai": ("th",),
}
"""The writing systems (Unicode script names, as regular expressions name them: ``\\p{Arabic}``)
other than the Latin alphabet, and the languages of :data:`LANGUAGE_NAMES` written in them.
A theme's name in one of them is one a Dutch or English reader cannot read; the screens say
its language (``workspace.names.unreadable_name_sql``: "روعه (Arabisch)"): of the languages
listed here, the one most of the theme's items are in."""
