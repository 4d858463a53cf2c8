"""Quoted replies and signatures out of e-mail bodies (Dutch and English), HTML to text.

Patterns follow ../shared/FORMATS.md section 1: Gmail and Apple Mail "On ... wrote:" and
"Op ... schreef/geschreven:", Outlook "Van:/Verzonden:" and "From:/Sent:" blocks,
"-----Original Message-----", ">" quoting, and sign-offs such as "Met vriendelijke groeten,"
or "Sent from my iPhone".
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

# A line that starts the quoted history; everything from it on is dropped.
_QUOTE_HEADERS = [
    r"^On\b.{0,200}?\bwrote:\s*$",
    r"^On\b.{0,120}$\n^.{0,160}\bwrote:\s*$",
    r"^Op\b.{0,200}?\b(schreef|verzond|geschreven)\b.{0,120}:\s*$",
    r"^Op\b.{0,160}(schreef|verzond)\s*$",
    r"^Op\b.{0,160}$\n^.{0,200}\b(het volgende geschreven|schreef)\b.{0,40}:\s*$",
    r"^Am\b.{0,200}\bschrieb\b.{0,120}:\s*$",
    r"^Le\b.{0,200}\ba écrit\s*:\s*$",
    r"^-{2,}\s*(Original Message|Oorspronkelijk bericht|Origineel bericht|Ursprüngliche Nachricht|Message d'origine|Forwarded message|Doorgestuurd bericht)\s*-{2,}\s*$",
    r"^_{10,}\s*$",
    r"^(From|Van|Von|De)\s*:.*$\n^(Sent|Verzonden|Gesendet|Date|Datum|Envoyé)\s*:",
    r"^(From|Van|Von)\s*:.*\[mailto:",
]
_QUOTE_RE = re.compile("|".join(f"(?:{p})" for p in _QUOTE_HEADERS), re.I | re.M)

# A line that starts the signature, when what follows is short (a name, a phone number).
_SIGNATURE_RE = re.compile(
    r"^(?:-- ?|—|"
    r"(?:met )?(?:vriendelijke|hartelijke) groet(?:en|jes)?,?|groet(?:en|jes)?,?|mvg,?|m\.?v\.?g\.?,?|gr\.?,?|"
    r"(?:kind|best|warm)(?:est)? regards,?|regards,?|best,?|cheers,?|thanks,?|thank you,?|"
    r"sincerely,?|yours sincerely,?|mit freundlichen grüßen,?|viele grüße,?|cordialement,?)\s*$",
    re.I | re.M,
)
# Client footers dropped wherever they are.
_FOOTER_RE = re.compile(
    r"^(?:verstuurd vanaf mijn \w+.*|verzonden vanaf mijn \w+.*|verzonden (?:vanaf|met|via) outlook.*|"
    r"sent from my \w+.*|sent from outlook.*|get outlook for \w+.*|von meinem \w+ gesendet.*|"
    r"envoyé de mon \w+.*)$",
    re.I | re.M,
)
_MAX_SIGNATURE_LINES = 6


def html_to_text(html: str) -> str:
    """Visible text of an HTML body, with quoted history (Gmail, Outlook) removed first."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head", "title"]):
        tag.decompose()
    for tag in soup.select("div.gmail_quote, blockquote, div#appendonsend, div#divRplyFwdMsg"):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(["p", "div", "li", "tr", "h1", "h2", "h3", "h4"]):
        block.insert_before("\n")
        block.insert_after("\n")
    text = soup.get_text()
    text = text.replace("\xa0", " ")
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def strip_quotes(text: str) -> str:
    """The new part of a reply: drop quoted history, ">" lines, footers and the signature."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    match = _QUOTE_RE.search(text)
    if match and text[: match.start()].strip():
        text = text[: match.start()]
    elif match:
        # Bottom-posting: the reply follows the quote; keep what is not quoted.
        rest = text[match.end() :]
        quoted_block = not any(
            line.lstrip().startswith(">") for line in rest.split("\n")[:3] if line.strip()
        )
        text = "" if quoted_block else rest
    lines = [line for line in text.split("\n") if not line.lstrip().startswith(">")]
    text = _FOOTER_RE.sub("", "\n".join(lines))
    text = _strip_signature(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _strip_signature(text: str) -> str:
    for match in reversed(list(_SIGNATURE_RE.finditer(text))):
        tail = [line for line in text[match.end() :].split("\n") if line.strip()]
        if len(tail) <= _MAX_SIGNATURE_LINES and match.start() > 0:
            return text[: match.start()]
    return text
