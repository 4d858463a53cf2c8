"""Personal data out of stored text: typed placeholders, checksums against false alarms.

E-mail addresses, phone numbers (+31, 06, international), IBANs (mod-97 checked), BSNs
(11-proef), Dutch postcodes and card numbers (Luhn) become ``[EMAIL]``, ``[PHONE]``,
``[IBAN]``, ``[BSN]``, ``[POSTCODE]`` and ``[CARD]``. Order numbers, prices and dates stay:
they are what a manager needs to act on. Authors become a keyed HMAC pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", re.I)
_CARD = re.compile(r"(?<![\d,.])\d(?:[ -]?\d){12,18}(?![\d,]|\.\d)")
_NL_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[ -]?(?:\(0\)[ -]?)?|\(0\)|0)[1-9](?:[ -]?\d){8}(?![\d:]|[-/.]\d)"
)
_INTL_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)(?!31)[1-9]\d{0,2}(?:[ -]?\(?\d{1,5}\)?){2,6}(?![\d:]|[-/.]\d)"
)
_BSN = re.compile(r"(?<![\d.,-])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\d,]|[.-]\d)")
_POSTCODE = re.compile(
    r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS|AM|PM|MB|GB|KB|KM|CM|MM|KG|EU|BV|NV|EN|OF|IN|IS|OP|TE|AT|TO|BY|ON|OR|AN|IT)[A-Z]{2}(?![\w-])"
)
_CANDIDATE = re.compile(r"[\d@]")
_DATE_LIKE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")


def iban_is_valid(candidate: str) -> bool:
    """True when the string passes the ISO 13616 mod-97 check."""
    compact = candidate.replace(" ", "").upper()
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


def _sub_checked(pattern: re.Pattern[str], text: str, placeholder: str, check) -> str:  # type: ignore[no-untyped-def]
    return pattern.sub(lambda m: placeholder if check(m.group(0)) else m.group(0), text)


def redact(text: str) -> str:
    """Replace personal data in free text by typed placeholders.

    Only shapes that pass their checksum are replaced, so order numbers, prices and dates
    survive.
    """
    if not text:
        return text
    if _CANDIDATE.search(text) is None:  # most cells: no digit and no @, nothing to find
        return text
    has_at = "@" in text
    if has_at:
        text = _EMAIL.sub("[EMAIL]", text)
    text = _sub_checked(_IBAN, text, "[IBAN]", iban_is_valid)
    text = _sub_checked(_CARD, text, "[CARD]", luhn_is_valid)
    text = _sub_checked(_NL_PHONE, text, "[PHONE]", lambda s: not _DATE_LIKE.match(s))
    text = _sub_checked(_INTL_PHONE, text, "[PHONE]", lambda s: 8 <= _digits(s) <= 15)
    text = _sub_checked(_BSN, text, "[BSN]", bsn_is_valid)
    return _POSTCODE.sub("[POSTCODE]", text)


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
