"""Timestamps of every export style, and reply/signature removal in Dutch and English."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ingest.dates import parse_column, parse_datetime
from ingest.quotes import html_to_text, strip_quotes

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("raw", "expected", "assumed"),
    [
        pytest.param(
            "31-12-2026", datetime(2026, 12, 30, 23, 0, tzinfo=UTC), True, id="dutch-date"
        ),
        pytest.param(
            "31-12-2026 14:05", datetime(2026, 12, 31, 13, 5, tzinfo=UTC), True, id="dutch-datetime"
        ),
        pytest.param(
            "3 mrt 2026", datetime(2026, 3, 2, 23, 0, tzinfo=UTC), True, id="dutch-month-abbr"
        ),
        pytest.param(
            "5 oktober 2026 17:00",
            datetime(2026, 10, 5, 15, 0, tzinfo=UTC),
            True,
            id="dutch-month-long-summer",
        ),
        pytest.param(
            "11/May/24 03:26 PM", datetime(2024, 5, 11, 13, 26, tzinfo=UTC), True, id="jira"
        ),
        pytest.param(
            "1464739558490",
            datetime(2016, 6, 1, 0, 5, 58, 490000, tzinfo=UTC),
            False,
            id="epoch-millis",
        ),
        pytest.param(
            "Tue, 04 Dec 2001 17:11:25 -0459",
            datetime(2001, 12, 4, 22, 10, 25, tzinfo=UTC),
            False,
            id="rfc5322-odd-offset",
        ),
        pytest.param(
            "2016-06-01T00:05:58Z", datetime(2016, 6, 1, 0, 5, 58, tzinfo=UTC), False, id="iso-z"
        ),
        pytest.param(
            "2026-03-01T10:00:00.123456789Z",
            datetime(2026, 3, 1, 10, 0, 0, 123456, tzinfo=UTC),
            False,
            id="iso-nanoseconds",
        ),
        pytest.param(
            "2017-11-15T08:10:34-08:00",
            datetime(2017, 11, 15, 16, 10, 34, tzinfo=UTC),
            False,
            id="iso-offset",
        ),
        pytest.param(
            "6/21/2025 16:14", datetime(2025, 6, 21, 14, 14, tzinfo=UTC), True, id="us-month-first"
        ),
        pytest.param("20220713", datetime(2022, 7, 12, 22, 0, tzinfo=UTC), True, id="ing-compact"),
        # A bare ISO date is year-month-day: it was read day-first (1 Sep as 9 Jan).
        pytest.param("2026-09-01", datetime(2026, 8, 31, 22, 0, tzinfo=UTC), True, id="iso-date"),
    ],
)
def test_parse_datetime(raw: str, expected: datetime, assumed: bool) -> None:
    assert parse_datetime(raw, AMS) == (expected, assumed)


@pytest.mark.parametrize(
    "raw",
    ["", "Pn, 29 paX 2007 21:13:00 +0100", "geen datum"],
    ids=["empty", "garbage-rfc", "words"],
)
def test_parse_datetime_rejects_with_value_error(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(raw, AMS)


def test_parse_column_vectorised_path_matches_cell_by_cell() -> None:
    cells = [f"{d:02d}-10-2026 14:05" for d in range(1, 29)] + ["niet een datum", ""]
    parsed = parse_column(cells, AMS)
    assert parsed[0] == parse_datetime(cells[0], AMS)
    assert parsed[27] == (datetime(2026, 10, 28, 13, 5, tzinfo=UTC), True)
    assert isinstance(parsed[28], str) and isinstance(parsed[29], str)


@pytest.mark.parametrize(
    ("cells", "days"),
    [
        pytest.param(["31-12-2026", "01-12-2026"], ["2026-12-31", "2026-12-01"], id="dutch-cells"),
        pytest.param(["01-12-2026", "12-01-2027"], ["2026-12-01", "2027-01-12"], id="dutch-ambiguous"),
        pytest.param(["01/12/2026"] * 25, ["2026-12-01"] * 25, id="dutch-ambiguous-column"),
        pytest.param(["31.12.2026 14:05"] + ["01.12.2026 09:00"] * 24, ["2026-12-31"] + ["2026-12-01"] * 24, id="dutch-dots-column"),
        # a US column says month-first in one cell: every cell is read so (6/11 was 6 November)
        pytest.param(["6/11/2025 16:14", "6/21/2025 16:14"], ["2025-06-11", "2025-06-21"], id="us-cells"),
        pytest.param(["6/11/2025"] * 20 + ["6/21/2025", "x"], ["2025-06-11"] * 20 + ["2025-06-21", None], id="us-column-with-a-bad-cell"),
        pytest.param(["11/May/24 03:26 PM", "6/21/2025 16:14"], ["2024-05-11", "2025-06-21"], id="jira-and-us"),
    ],
)  # fmt: skip
def test_a_column_reads_every_numeric_date_in_one_order(cells, days) -> None:
    parsed = parse_column(cells, AMS)
    local = [
        None if isinstance(p, str) else p[0].astimezone(AMS).date().isoformat() for p in parsed
    ]
    assert local == days


QUOTES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "email_reply_quoting"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Klopt!\n\nOp za 8 mei 2021 om 12:09 schreef\nRichard <r@x.nl>:\n\n> oud",
            "Klopt!",
            id="dutch-gmail-wrapped",
        ),
        pytest.param(
            "Prima.\n\nOp 1 okt 2026 om 08:30 heeft X <x@y.nl> het volgende geschreven:\n\n> oud",
            "Prima.",
            id="dutch-apple",
        ),
        pytest.param(
            "Dank.\n\nVan: Shop [mailto:s@shop.nl]\nVerzonden: maandag 5 december 2016 17:00\nAan: a@b.nl\nOnderwerp: x\n\noud",
            "Dank.",
            id="dutch-outlook-block",
        ),
        pytest.param(
            "Thanks.\n\nOn Mon, Apr 2, 2012 at 6:26 PM, Megan <m@x.com> wrote:\n> old",
            "Thanks.",
            id="english-gmail",
        ),
        pytest.param(
            "OK\n\n________________________________\nFrom: Shop\nSent: Monday\nTo: me\nSubject: x\n\nold",
            "OK",
            id="english-outlook-block",
        ),
        pytest.param(
            "Ja\n\n-----Original Message-----\nFrom: a\n\nold", "Ja", id="original-message"
        ),
        pytest.param(
            "Nee\n\n-----Ursprüngliche Nachricht-----\nVon: a\n\nalt", "Nee", id="german-original"
        ),
        pytest.param(
            "Mijn pakket is zoek.\n\nMet vriendelijke groeten,\nSanne de Vries\n06-12345678",
            "Mijn pakket is zoek.",
            id="dutch-signature",
        ),
        pytest.param(
            "Het werkt niet.\n\nVerstuurd vanaf mijn iPhone",
            "Het werkt niet.",
            id="dutch-iphone-footer",
        ),
        pytest.param("It broke.\n\nSent from my iPhone", "It broke.", id="english-iphone-footer"),
        pytest.param("It broke.\n-- \nBob\nAcme", "It broke.", id="dash-dash-space"),
        pytest.param(
            "On 04/02/2012 06:26 PM, Megan One wrote:\n> Hi\nHello",
            "Hello",
            id="bottom-posted-reply",
        ),
        pytest.param(
            "Groeten uit Utrecht, de levering was snel.",
            "Groeten uit Utrecht, de levering was snel.",
            id="greeting-word-in-sentence-stays",
        ),
    ],
)
def test_strip_quotes(body: str, expected: str) -> None:
    assert strip_quotes(body) == expected


@pytest.mark.parametrize(
    ("name", "kept", "dropped"),
    [
        pytest.param(
            "crisp_email_12.txt", "Fusce bibendum", "Curabitur dictum", id="dutch-outlook"
        ),
        pytest.param(
            "crisp_email_german_outlook.txt",
            "Fusce bibendum",
            "original message content",
            id="german-outlook",
        ),
        pytest.param(
            "crisp_email_gmail_split_line_from.txt",
            "Fusce bibendum",
            "Test\nRespond",
            id="gmail-split-from",
        ),
    ],
)
def test_strip_quotes_on_real_reply_samples(name: str, kept: str, dropped: str) -> None:
    path = QUOTES / name
    if not path.exists():
        pytest.skip("shared samples not available")
    cleaned = strip_quotes(path.read_text(encoding="utf-8"))
    assert kept in cleaned and dropped not in cleaned


def test_html_to_text_drops_gmail_quote_and_markup() -> None:
    html = '<div>Hallo <b>team</b>,<br>de app crasht.</div><div class="gmail_quote"><blockquote>oud</blockquote></div>'
    assert html_to_text(html) == "Hallo team,\nde app crasht."


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Graag een nieuwe.\n\nOp 6 apr. 2020, om 10:15 heeft Jan Jansen <jan@shop.nl> het volgende geschreven:\n\n> Wilt u een nieuwe?",
            "Graag een nieuwe.",
            id="dutch-apple-abbreviated-month",
        ),
        pytest.param(
            "Dat klopt.\n\nOp 6 apr. 2020, om 10:15 heeft Jan Jansen\n<jan@shop.nl> het volgende geschreven:\n\n> Klopt dit?",
            "Dat klopt.",
            id="dutch-apple-wrapped",
        ),
        pytest.param(
            "Nee hoor.\n\nOp dinsdag 12 mei 2020 om 12u05 schreef Piet Puk <piet@shop.nl>:\n> Is het opgelost?",
            "Nee hoor.",
            id="dutch-weekday-12u05",
        ),
        pytest.param(
            "Nee hoor.\n\nOp dinsdag 12 mei 2020 om 12u05 schreef Piet Puk <\npiet.puk.met.een.lang.adres@shop.nl>:\n> Is het opgelost?",
            "Nee hoor.",
            id="dutch-wrapped-inside-address",
        ),
        pytest.param(
            "Hi Adrian,\n\nOn Tue, May 12, 2020 at 12:05 PM Adrian <a@x.org> wrote:\n> Does it work?\nYes, since the update.\n> And the export?\nStill broken.\n",
            "Hi Adrian,\n\nYes, since the update.\nStill broken.",
            id="answers-between-quotes-kept",
        ),
        pytest.param(
            "Fine.\n\nOn Tue, May 12, 2020 at 12:05, Adrian Smith <a@x.org> wrote:\n> old",
            "Fine.",
            id="geary-english",
        ),
        pytest.param(
            "Prima.\n\nOp di, 12 mei 2020 om 12:05, schreef Adrian <a@x.org>:\n> oud",
            "Prima.",
            id="geary-dutch",
        ),
        pytest.param(
            "Gut.\n\nAm Di., 12. Mai 2020 um 12:05 Uhr schrieb Max <m@x.de>:\n> alt",
            "Gut.",
            id="german-gmail",
        ),
        pytest.param(
            "Gut.\n\nMax Mustermann schrieb am 12.05.2020 um 12:05:\n> alt",
            "Gut.",
            id="german-thunderbird",
        ),
        pytest.param(
            "Ok.\n\nJan Jansen schreef op 12-5-2020 om 12:05:\n> oud",
            "Ok.",
            id="dutch-thunderbird",
        ),
        pytest.param(
            "Fine.\n\nOn 6 Apr 2020, at 10:15, Jan Jansen <jan@shop.nl> wrote:\n\n> old",
            "Fine.",
            id="english-apple",
        ),
        pytest.param(
            "Fine.\n\nOn Tue, May 12, 2020 at 12:05 PM Adrian Smith <\nadrian@example.org> wrote:\n> old",
            "Fine.",
            id="english-gmail-wrapped-inside-address",
        ),
        pytest.param(
            "Fine.\n\nOn 6 Apr 2020, at 10:15, Jan Jansen\n<jan@shop.nl> wrote:\n\n> old",
            "Fine.",
            id="english-apple-wrapped",
        ),
        pytest.param(
            "Gut.\n\nAm 06.04.2020 um 10:15 schrieb Jan Jansen <jan@shop.nl>:\n\n> alt",
            "Gut.",
            id="german-apple",
        ),
        pytest.param(
            "Gut.\n\nAm Di., 12. Mai 2020 um 12:05 Uhr schrieb Max Mustermann <\nmax@example.de>:\n> alt",
            "Gut.",
            id="german-gmail-wrapped",
        ),
        pytest.param(
            "Hoi,\n\nOp di 12 mei 2020 om 12:05 schreef Jan <j@x.nl>:\n> Werkt het?\nJa.\n> En de export?\nNee.\n",
            "Hoi,\n\nJa.\nNee.",
            id="dutch-answers-between-quotes-kept",
        ),
        pytest.param(
            "Hallo,\n\nAm Di., 12. Mai 2020 um 12:05 Uhr schrieb Max <m@x.de>:\n> Geht es?\nJa.\n> Und?\nNein.",
            "Hallo,\n\nJa.\nNein.",
            id="german-answers-between-quotes-kept",
        ),
        pytest.param(
            "Op maandag kwam het pakket niet, en op dinsdag ook niet.",
            "Op maandag kwam het pakket niet, en op dinsdag ook niet.",
            id="sentence-starting-with-op-stays",
        ),
    ],
)
def test_strip_quotes_reply_headers(body: str, expected: str) -> None:
    assert strip_quotes(body) == expected
