"""Quoted replies and signatures out of e-mail bodies (Dutch and English), HTML to text.

Patterns follow ../shared/FORMATS.md section 1: Gmail and Apple Mail "On ... wrote:" and
"Op ... schreef/geschreven:", Outlook "Van:/Verzonden:" and "From:/Sent:" blocks,
"-----Original Message-----", ">" quoting, and sign-offs such as "Met vriendelijke groeten,"
or "Sent from my iPhone".
"""

from __future__ import annotations

import re
from html import unescape

from ingest.limits import check_time

# An "intro" line (possibly wrapped over up to three lines) that introduces ">"-quoted text:
# Gmail, Apple Mail, Thunderbird, Geary and Outlook-for-Mac in English, Dutch, German, French.
# Only the intro and the ">" lines are removed, so answers written between quotes stay.
_INTRO = re.compile(
    r"\s*(?:"
    r"On\b.{0,300}\bwrote\s*:"
    r"|Op\b.{0,300}\b(?:schreef|verzond|geschreven)\b[^:]{0,200}:"
    r"|.{0,200}\bschreef (?:op|on)\b.{0,120}:"
    r"|Am\b.{0,300}\bschrieb\b[^:]{0,200}:"
    r"|.{0,200}\bschrieb am\b.{0,120}:"
    r"|Le\b.{0,300}\ba écrit\s*:"
    r"|El\b.{0,300}\bescribió\s*:"
    r")\s*",
    re.I,
)
_INTRO_START = re.compile(r"\s*(?:On|Op|Am|Le|El)\b|.{0,200}\b(?:schreef|schrieb) ", re.I)
# A line from which everything below is unquoted history (Outlook blocks, forwards).
_HISTORY = re.compile(
    r"^-{2,}\s*(Original Message|Oorspronkelijk bericht|Origineel bericht|Ursprüngliche Nachricht|Message d'origine|Forwarded message|Doorgestuurd bericht)\s*-{2,}\s*$"
    r"|^_{10,}\s*$"
    r"|^(From|Van|Von|De)\s*:.*$\n^(Sent|Verzonden|Gesendet|Date|Datum|Envoyé)\s*:"
    r"|^(From|Van|Von)\s*:.*\[mailto:",
    re.I | re.M,
)
# Longer than this, a line is prose, not a reply header.
_MAX_INTRO_CHARS = 600

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


_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "section",
     "article", "header", "footer", "pre", "hr"}
)  # fmt: skip
_HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "template"})
_VOID_TAGS = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
     "track", "wbr", "param"}
)  # fmt: skip
_QUOTE_IDS = frozenset({"appendonsend", "divrplyfwdmsg"})


# One token per match; every alternative ends at ">" or at the end of the text, so an
# unclosed tag or comment is consumed once instead of being rescanned from every "<".
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(/?)([A-Za-z][A-Za-z0-9:_-]*)([^>]*)(?:>|\Z)"
    r"|<[!?][^>]*(?:>|\Z)",
    re.S,
)
_ATTRIBUTE = re.compile(r"""\b(class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


def html_to_text(html: str) -> str:
    """Visible text of an HTML body, with quoted history (Gmail, Outlook) removed.

    One regex pass over the tags: O(n) in the size of the HTML, whatever its nesting or
    damage. A stack of open elements plus a count per tag name means an end tag either pops
    to its element (each element is popped once) or is ignored in O(1).
    """
    parts: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, starts a hidden subtree)
    open_count: dict[str, int] = {}
    hidden = 0
    position = 0
    for count, match in enumerate(_TOKEN.finditer(html)):
        if count % 20000 == 0:
            check_time("HTML to text")
        if not hidden and match.start() > position:
            parts.append(unescape(html[position : match.start()]))
        position = match.end()
        tag = (match.group(2) or "").lower()
        if not tag:
            continue  # a comment, doctype or processing instruction
        if tag in _BLOCK_TAGS or tag == "br":
            parts.append("\n")
        if match.group(1):  # an end tag
            if not open_count.get(tag):
                continue
            while stack:
                name, hides = stack.pop()
                open_count[name] -= 1
                hidden -= hides
                if name == tag:
                    break
            continue
        rest = match.group(3) or ""
        if tag in _VOID_TAGS or rest.rstrip().endswith("/"):
            continue
        hides = tag in _HIDDEN_TAGS or tag == "blockquote"
        if tag == "div" and rest:
            for key, *values in _ATTRIBUTE.findall(rest):
                value = next((v for v in values if v), "").lower()
                if (key.lower() == "class" and "gmail_quote" in value.split()) or (
                    key.lower() == "id" and value in _QUOTE_IDS
                ):
                    hides = True
        stack.append((tag, hides))
        open_count[tag] = open_count.get(tag, 0) + 1
        hidden += hides
    if not hidden and position < len(html):
        parts.append(unescape(html[position:]))
    text = "".join(parts).replace("\xa0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def strip_quotes(text: str) -> str:
    """The new part of a reply: drop quoted history, ">" lines, footers and the signature.

    ">" quoting loses only the quoted lines and the line(s) introducing them ("On ... wrote:",
    "Op ... schreef ...:", "Op ..., om ... heeft ... het volgende geschreven:", also wrapped
    over two or three lines), so answers written between quotes are kept. An Outlook-style
    block ("Van:/Verzonden:", "-----Original Message-----") ends the new part.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    history = _HISTORY.search(text)
    if history and text[: history.start()].strip():
        text = text[: history.start()]
    elif history:
        text = ""  # the body is only a forwarded or quoted block
    lines = text.split("\n")
    kept: list[str] = []
    i = 0
    while i < len(lines):
        used = _intro_lines(lines, i)
        if used:
            following = next((line for line in lines[i + used :] if line.strip()), "")
            if not following.lstrip().startswith(">"):
                break  # an intro followed by unquoted text: the history is pasted below it
            i += used
            continue
        if not lines[i].lstrip().startswith(">"):
            kept.append(lines[i])
        i += 1
    text = _FOOTER_RE.sub("", "\n".join(kept))
    text = _strip_signature(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _intro_lines(lines: list[str], i: int) -> int:
    """How many lines (1-3) from ``i`` form a reply intro such as "On ... wrote:", else 0."""
    first = lines[i]
    if (
        len(first) > _MAX_INTRO_CHARS
        or first.lstrip().startswith(">")
        or not _INTRO_START.match(first)
    ):
        return 0
    joined = first
    for used in range(1, 4):
        if _INTRO.fullmatch(joined):
            return used
        if i + used >= len(lines) or not lines[i + used].strip():
            return 0
        joined = f"{joined} {lines[i + used].strip()}"
        if len(joined) > _MAX_INTRO_CHARS:
            return 0
    return 0


def _strip_signature(text: str) -> str:
    for match in reversed(list(_SIGNATURE_RE.finditer(text))):
        tail = [line for line in text[match.end() :].split("\n") if line.strip()]
        if len(tail) <= _MAX_SIGNATURE_LINES and match.start() > 0:
            return text[: match.start()]
    return text
