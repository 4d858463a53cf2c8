"""How a problem names the record it is about: the one rule for every reader.

A manager finds a record in the source's own screen, so a problem names it as that screen
shows it: by its subject or title, else by its first words, else by its date; a helpdesk
ticket also by the number the helpdesk shows (Zendesk's and Freshdesk's ``#4102``). Never by
an id no screen shows (a Message-ID, an App Store or Google review id, a Kiyoh UUID, an
Intercom conversation id) or by the ``sha256:`` hash standing in for a missing one. The
problem's file and line (or record number) say where it is; the author is left out
(personal data). The values are redacted with the rest of the problem
(:class:`ingest.schema.Problem`).
"""

from __future__ import annotations

from typing import Literal

from ingest.messages import Text
from ingest.messages import message as say

Kind = Literal["message", "review", "ticket", "conversation"]

# Message codes per kind: e-mails keep the codes their problems have been stored with.
_CODES: dict[str, tuple[str, str, str, str]] = {
    "message": ("email.message_subject", "email.message_words", "email.message_dated", "email.message_bare"),
    "review": ("name.review_title", "name.review_words", "name.review_dated", "name.review_bare"),
    "ticket": ("name.ticket_subject", "name.ticket_words", "name.ticket_dated", "name.ticket_bare"),
    "conversation": (
        "name.conversation_subject", "name.conversation_words", "name.conversation_dated",
        "name.conversation_bare",
    ),
}  # fmt: skip
SUBJECT_CHARS = 80
WORDS = 8
WORDS_CHARS = 60
DATE_CHARS = 60


def first_words(text: str, words: int = WORDS, chars: int = WORDS_CHARS) -> str:
    """The first ``words`` words of ``text`` on one line, cut at ``chars``, with "…" when cut."""
    all_words = text.split()
    shown = " ".join(all_words[:words])
    if len(shown) > chars:
        shown = shown[: chars - 1].rstrip() + "…"
    elif len(all_words) > words:
        shown += "…"
    return shown


def record_name(
    kind: Kind, *, subject: str = "", text: str = "", date: object = "", number: str = ""
) -> Text:
    """The record as its source's screen shows it (see the module docstring).

    Args:
        kind: what the record is, which decides the words ("the review titled ...").
        subject: its subject or title, if it has one.
        text: its text, whose first words name it when it has no subject.
        date: its date as the export writes it; pass nothing when the date is the problem.
        number: a ticket's number as the helpdesk shows it (tickets only).
    """
    subject_code, words_code, dated_code, bare_code = _CODES[kind]
    extra = {"number": number} if kind == "ticket" else {}
    subject = " ".join(str(subject or "").split())
    if subject:
        cut = subject if len(subject) <= SUBJECT_CHARS else subject[: SUBJECT_CHARS - 1] + "…"
        return say(subject_code, subject=cut, **extra)
    words = first_words(str(text or ""))
    if words:
        return say(words_code, words=words, **extra)
    stamp = " ".join(str(date if date is not None else "").split())
    if stamp:
        return say(dated_code, date=stamp[:DATE_CHARS], **extra)
    return say(bare_code, **extra)


def comment_name(position: int, ticket: Text) -> Text:
    """A ticket's comment: its place in the ticket (as the helpdesk lists them) and the ticket."""
    return say("name.comment", position=position, ticket=ticket)
