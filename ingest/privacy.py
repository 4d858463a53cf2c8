"""Personal data out of stored text: typed placeholders, checksums against false alarms.

E-mail addresses, phone numbers (+31, 06, international), IBANs (mod-97 checked), BSNs
(11-proef), Dutch postcodes and card numbers (Luhn) become ``[EMAIL]``, ``[PHONE]``,
``[IBAN]``, ``[BSN]``, ``[POSTCODE]`` and ``[CARD]``. Order numbers, prices, dates, units
and model numbers stay: they are what a manager needs to act on. Authors become a keyed
HMAC pseudonym.

The shapes follow how people type: spaces, dots and hyphens inside numbers, punctuation
right after them, ``(0)`` and parentheses in phone numbers, lower-case and hyphenated
postcodes. A postcode whose letters could be a unit, a word or a model suffix
(``1500 ML``, ``2026 en``, ``Philips 3200 EP``) is only redacted with context: the word
postcode/zip/adres before it, or a capitalised place name after it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable

PLACEHOLDER = re.compile(r"\[(EMAIL|PHONE|IBAN|BSN|POSTCODE|CARD)\]")
"""The placeholders :func:`redact` writes, and nothing else."""
PLACEHOLDER_LIKE = re.compile(r"\[[A-Z][A-Z_]{1,20}\]")
"""Any bracketed capitals a redactor may leave (ours, :data:`PLACEHOLDER`, or another tool's
``[NAME]`` in an export): what the analysis leaves out of what it reads and quotes."""

RULES_VERSION = "3"
"""Raised whenever the rules change, so a workspace built under older ones can be found."""

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b", re.I)
# Numbers: no word character, decimal or digit group right before; punctuation after is fine.
_NUMBER_START = r"(?<![\w.,-])(?<!\d[ .-])"
_NUMBER_END = r"(?!\w|[.,-]\d)"
_CARD = re.compile(_NUMBER_START + r"[1-9](?:[ .-]?\d){12,18}" + _NUMBER_END)
_BSN = re.compile(_NUMBER_START + r"\d(?:[ .-]?\d){8}" + r"(?!\w|[ .,-]\d)")
_NL_PHONE = re.compile(
    r"(?<![\w+(])(?:(?:\+|00)31[ .-]?(?:\(0\)[ .-]?)?\(?[1-9]|\(0[1-9]|0[1-9])"
    r"(?:[ .)/-]{0,3}\d){8}(?!\d|[.-]\d|:)"
)
_INTL_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)(?!31)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,5}\)?){2,6}(?!\d|[.-]\d|:)"
)
_US_PHONE = re.compile(
    r"(?<![\w(])(?:\(\d{3}\)[ .-]?\d{3}[ .-]?\d{4}|\d{3}-\d{3}-\d{4})(?!\w|[.-]\d)"
)
_UK_MOBILE = re.compile(r"(?<![\w+])07\d{3} ?\d{6}(?!\d)")
# UK numbers dialled at home have 11 digits from the 0 (NL ones 10): 020 7946 0958.
_UK_LANDLINE = re.compile(r"(?<![\w+])0[1-9]\d{1,3} ?\d{3,4} ?\d{4}(?!\w|[ .-]\d)")
_POSTCODE = re.compile(r"(?<![\w-])([1-9]\d{3})([ -]?)([A-Za-z]{2})(?![\w-])")
# Letter pairs that are also units, words or model suffixes: such a postcode needs context.
_AMBIGUOUS_LETTERS = frozenset(
    [
        "AM",
        "PM",
        "MB",
        "GB",
        "KB",
        "TB",
        "KG",
        "KM",
        "CM",
        "MM",
        "ML",
        "CL",
        "DL",
        "KW",
        "MW",
        "HP",
        "PK",
        "CC",
        "EP",
        "EU",
        "BV",
        "NV",
        "EN",
        "OF",
        "IN",
        "IS",
        "OP",
        "TE",
        "AT",
        "TO",
        "BY",
        "ON",
        "OR",
        "AN",
        "IT",
        "UP",
        "NO",
        "SO",
        "DE",
        "HD",
        "TV",
        "XL",
        "PC",
        "GT",
        "ST",
        "RS",
        "CE",
    ]
)
_NOT_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})  # never issued by PostNL
_POSTCODE_BEFORE = re.compile(
    r"(?:post ?code|zip|adres|address|woon\w*|\d+ ?[a-z]?,)\W{0,3}(?:is\W{1,2})?$", re.I
)
_PLACE_AFTER = re.compile(r"^,? ?(?:'s-|'t )?[A-Z][a-zà-ÿ]{2,}")
_BRAND_BEFORE = re.compile(
    r"(?:(?:^|\s)[A-Z][\w-]+|\b(?i:model|type|serie|series|versie|version|artikel)) $"
)
_CANDIDATE = re.compile(r"\d|@")
_ODD_SEPARATORS = re.compile("[\u2010\u2011\u2012\u2013\u00a0\u2007\u202f]")
_PLAIN_SEPARATORS = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013", "-") | dict.fromkeys("\u00a0\u2007\u202f", " ")
)
_DATE_LIKE = re.compile(r"^\(?\d{1,2}([-/.])\d{1,2}\1(?:\d{4}|\d{2}(?!\1?\d))")
_SEPARATOR = re.compile(r"[ .-]+")


def iban_is_valid(candidate: str) -> bool:
    """True when the string passes the ISO 13616 mod-97 check (spaces and hyphens ignored)."""
    compact = candidate.replace(" ", "").replace("-", "").upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    try:
        digits = "".join(str(int(c, 36)) for c in rearranged)
    except ValueError:
        return False
    return int(digits) % 97 == 1


def bsn_is_valid(candidate: str) -> bool:
    """True when the nine digits pass the Dutch 11-proef (the last digit weighs -1)."""
    digits = [int(c) for c in candidate if c.isdigit()]
    if len(digits) != 9 or digits[0] == 0 and digits[1] == 0:
        return False
    total = sum(d * (9 - i) for i, d in enumerate(digits[:8])) - digits[8]
    return total % 11 == 0


def luhn_is_valid(candidate: str) -> bool:
    """True when 13-19 digits pass the Luhn check used by payment cards."""
    digits = [int(c) for c in candidate if c.isdigit()]
    if not 13 <= len(digits) <= 19 or len(set(digits)) == 1:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return total % 10 == 0


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _sub_checked(
    pattern: re.Pattern[str],
    text: str,
    placeholder: str | Callable[[str], str],
    check: Callable[[str], bool],
) -> str:
    """Matches that pass ``check`` replaced by ``placeholder`` (or what it makes of them)."""
    if isinstance(placeholder, str):
        return pattern.sub(lambda m: placeholder if check(m.group(0)) else m.group(0), text)
    return pattern.sub(lambda m: placeholder(m[0]) if check(m[0]) else m[0], text)


def _sub_longest_valid(
    pattern: re.Pattern[str], text: str, placeholder: str, check: Callable[[str], bool]
) -> str:
    """Like :func:`_sub_checked`, but a match that fails its check is tried again cut at
    each separator from the right: ``NL91ABNA0417164300 dank`` or a card number followed
    by a quantity still yields the valid head."""

    def replace(m: re.Match[str]) -> str:
        found = m.group(0)
        if check(found):
            return placeholder
        for cut in reversed([s.start() for s in _SEPARATOR.finditer(found)]):
            if check(found[:cut]):
                return placeholder + found[cut:]
        return found

    return pattern.sub(replace, text)


def _postcode(m: re.Match[str]) -> str:
    number, separator, letters = m.groups()
    upper = letters.upper()
    if upper in _NOT_POSTCODE_LETTERS:
        return m.group(0)
    text = m.string
    before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 30]
    in_context = bool(_POSTCODE_BEFORE.search(before) or _PLACE_AFTER.match(after))
    ambiguous = (
        letters != upper
        or upper in _AMBIGUOUS_LETTERS
        or number.startswith(("19", "20"))  # a year followed by a word
        or (separator == "-" and not in_context)
        or bool(_BRAND_BEFORE.search(before) and not _POSTCODE_BEFORE.search(before))
    )
    return "[POSTCODE]" if in_context or not ambiguous else m.group(0)


def _any(_: str) -> bool:
    return True


_PHONE_RULES: tuple[tuple[re.Pattern[str], Callable[[str], bool]], ...] = (
    (_NL_PHONE, lambda s: not _DATE_LIKE.match(s)),
    (_INTL_PHONE, lambda s: 8 <= _digits(s) <= 15),
    (_US_PHONE, _any),
    (_UK_MOBILE, _any),
    (_UK_LANDLINE, lambda s: _digits(s) == 11),
)
"""Each phone shape and the check a match must pass, in the order they are tried."""


def redact(text: str) -> str:
    """Replace personal data in free text by typed placeholders.

    Only shapes that pass their checksum (or, for postcodes, their context) are replaced,
    so order numbers, prices, dates, units and model numbers survive.
    """
    if not text or _CANDIDATE.search(text) is None:  # most cells: nothing to find
        return text
    if _ODD_SEPARATORS.search(text):
        # Word and Outlook type an en dash or a no-break space inside numbers (06–12345678):
        # the rules see them as a hyphen and a space; text without a find stays as it was.
        plain = text.translate(_PLAIN_SEPARATORS)
        redacted = _redact(plain)
        return text if redacted == plain else redacted
    return _redact(text)


def _redact(text: str) -> str:
    if "@" in text:
        text = _EMAIL.sub("[EMAIL]", text)
    text = _sub_longest_valid(_IBAN, text, "[IBAN]", iban_is_valid)
    text = _sub_longest_valid(_CARD, text, "[CARD]", luhn_is_valid)
    for pattern, check in _PHONE_RULES:
        text = _sub_checked(pattern, text, "[PHONE]", check)
    text = _sub_checked(_BSN, text, "[BSN]", bsn_is_valid)
    return _POSTCODE.sub(_postcode, text)


_ESCAPE = re.compile(r"\\(\\|[nrt]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")


def _unescape(m: re.Match[str]) -> str:
    code = m[1]
    return {"\\": "\\", "n": "\n", "r": "\r", "t": "\t"}.get(code) or chr(int(code[1:], 16))


def _escape(char: str) -> str:
    return char if char.isprintable() and char != "\\" else repr(char)[1:-1]


def redact_message(message: str) -> str:
    """:func:`redact` for a message that quotes a cell with ``repr``: an escaped line break
    or no-break space (``'gegevens:\\n879678847'``) glues to the number after it, so the
    cell is also redacted with its escapes read back, then escaped again."""
    message = redact(message)
    if "\\" not in message:
        return message
    plain = _ESCAPE.sub(_unescape, message)
    redacted = redact(plain)
    return message if redacted == plain else "".join(map(_escape, redacted))


def redact_identifier(value: str, key: bytes) -> str:
    """E-mail addresses and phone numbers inside an identifier (Message-ID, References, a
    WhatsApp sender or chat name, a file name) replaced by keyed hashes, so ids stay distinct
    and threads stay linked without the address or the number."""
    if "@" in value:
        value = _EMAIL.sub(lambda m: "addr-" + pseudonym(key, m.group(0))[:12], value)
    if _digits(value) < 8:  # no phone number has fewer: most ids end here
        return value

    def hashed(found: str) -> str:
        return "phone-" + pseudonym(key, found)[:12]

    for pattern, check in _PHONE_RULES:
        value = _sub_checked(pattern, value, hashed, check)
    return value


def without_author(record_id: str, author: str, key: bytes) -> str:
    """The id with the author's name or number in it (a WhatsApp message is ``time|sender|n``)
    replaced by the author's pseudonym: authors are kept only as that."""
    author = author.strip()
    if len(author) < 2 or author not in record_id:
        return record_id
    return record_id.replace(author, "author-" + pseudonym(key, author))


def pseudonym(key: bytes, author: str) -> str:
    """Keyed hash of an author: the same person gets the same pseudonym, nobody can reverse it.

    An e-mail address inside ``author`` wins over the display name, so
    ``"Jan" <jan@x.nl>`` and ``jan@x.nl`` are one person.
    """
    author = author.strip()
    if not author:
        return ""
    match = _EMAIL.search(author)
    normalized = match.group(0).lower() if match else " ".join(author.split()).casefold()
    return hmac.new(key or b"klantstem", normalized.encode(), hashlib.sha256).hexdigest()[:16]
