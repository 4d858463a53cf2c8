"""Formats added for issue 13: .xls, .ods, Outlook .msg, WhatsApp chats, survey exports.

Fixtures are generated from code (tests/ingest/compound.py writes the OLE2 files); each case
lists the expected ``(direction, channel)`` of every item in order.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pandas as pd
import pytest

from ingest.detect import ACCEPTED_SUFFIXES
from ingest.errors import IngestError
from ingest.reader import read_bytes
from ingest.settings import IngestSettings
from tests.ingest.compound import msg_bytes, xls_bytes

SURVEY_ROWS = [
    ["datum", "opmerking", "cijfer"],
    ["2026-03-01", "De levering was veel te laat dit keer", "6"],
    ["2026-03-02", "Heel vriendelijke medewerker aan de lijn", "9"],
]


def _ods(rows: list[list[str]]) -> bytes:
    out = io.BytesIO()
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(out, engine="odf", index=False)
    return out.getvalue()


MSG = msg_bytes(
    "Levering", "Mijn pakket is nog niet binnen.\r\n\r\nMet vriendelijke groet,\r\nJan",
    "Jan Jansen", "jan@example.nl", "<msg-1@example.nl>", datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
)  # fmt: skip

WHATSAPP_NL = """12-05-2020 12:00 - Berichten en oproepen worden end-to-end versleuteld.
12-05-2020 12:05 - Jan Jansen: Hallo, mijn bestelling 1234 is nog niet binnen.
Kunnen jullie kijken?
12-05-2020 12:07 - Fietsenwinkel De Spaak: Dag Jan, we kijken het direct na!
13-05-2020 09:01 - Jan Jansen: <Media weggelaten>
13-05-2020 09:02 - Jan Jansen: Top, hij is binnen. Dank!
"""
WHATSAPP_IOS = """[12/05/2020, 12:05:33] Jan Jansen: Hello, my order 1234 has not arrived.
[12/05/2020, 12:07:10] Bike Shop: Hi Jan, we're checking right away!
[13/05/2020, 09:01:00] Jan Jansen: \u200eimage omitted
"""
WHATSAPP_US = """5/12/20, 12:05 PM - Jan Jansen: Hello, where is my order?
5/13/20, 9:01 AM - Bike Shop: It ships today.
"""


def _whatsapp_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("_chat.txt", WHATSAPP_IOS)
        archive.writestr("00000012-PHOTO-2020-05-13-09-01-00.jpg", b"\xff\xd8\xff" + b"x" * 100)
    return out.getvalue()


SURVEYMONKEY = (
    "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,"
    "How likely are you to recommend us?,What could we improve?,Which products did you buy?,\n"
    ",,,,,,,,,Response,Open-Ended Response,Bikes,Helmets\n"
    "114000001,4000001,05/12/2020 12:01:00 PM,05/12/2020 12:05:33 PM,1.2.3.4,,,,,9,The checkout page was slow on my phone,Bikes,\n"
    "114000002,4000001,05/13/2020 09:01:00 AM,05/13/2020 09:03:00 AM,1.2.3.5,,,,,3,,,Helmets\n"
)
TYPEFORM = (
    "#,Wat vond je van de levering?,Hoe waarschijnlijk is het dat je ons aanbeveelt?,Welke kleur?,utm_source,"
    "Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),Network ID,Tags\n"
    "odwdp4nzj1xg6m9l36odwdp4nzlv2gcw,De bezorger was heel vriendelijk en snel,8,Rood,mail,completed,"
    "2024-10-05 02:30:31,,2024-10-05 02:39:31,abc,\n"
    "x1y2z3,Pakket lag bij de buren zonder briefje,4,Blauw,mail,completed,2024-10-06 02:30:31,,2024-10-06 02:39:31,abd,\n"
)
# A second header row with empty cells (the blank header once crashed the column guess).
TYPEFORM_TWO_ROWS = TYPEFORM.replace("Tags\n", "Tags\n,,,,,,,,,,\n", 1)
GOOGLE_FORMS = (
    "Tijdstempel,E-mailadres,Hoe tevreden ben je?,Wat kan er beter?\n"
    "15-1-2024 10:23:45,a@b.nl,4,De wachttijd aan de telefoon was veel te lang\n"
    "16-1-2024 11:00:00,c@d.nl,5,Niets eigenlijk alles ging prima zo\n"
)

CASES = [
    pytest.param(xls_bytes(SURVEY_ROWS), "enquete.xls", "generic_csv", [("inbound", "other")] * 2, id="xls"),
    pytest.param(_ods(SURVEY_ROWS), "enquete.ods", "generic_csv", [("inbound", "other")] * 2, id="ods"),
    pytest.param(MSG, "mail.msg", "outlook_msg", [("inbound", "email")], id="outlook-msg"),
    pytest.param(WHATSAPP_NL.encode(), "WhatsApp-chat met Jan Jansen.txt", "whatsapp",
                 [("inbound", "chat"), ("outbound", "chat"), ("inbound", "chat")], id="whatsapp-android-nl"),
    pytest.param(WHATSAPP_IOS.encode(), "WhatsApp Chat - Jan Jansen.txt", "whatsapp",
                 [("inbound", "chat"), ("outbound", "chat")], id="whatsapp-ios-en"),
    pytest.param(WHATSAPP_US.encode(), "WhatsApp Chat with Jan Jansen.txt", "whatsapp",
                 [("inbound", "chat"), ("outbound", "chat")], id="whatsapp-android-us"),
    pytest.param(_whatsapp_zip(), "WhatsApp Chat - Jan Jansen.zip", "whatsapp_zip",
                 [("inbound", "chat"), ("outbound", "chat")], id="whatsapp-zip-with-media"),
    pytest.param(SURVEYMONKEY.encode(), "sm.csv", "surveymonkey", [("inbound", "survey")], id="surveymonkey-two-header-rows"),
    pytest.param(TYPEFORM.encode(), "typeform.csv", "typeform", [("inbound", "survey")] * 2, id="typeform"),
    pytest.param(GOOGLE_FORMS.encode(), "forms.csv", "google_forms", [("inbound", "survey")] * 2, id="google-forms-nl"),
    pytest.param(TYPEFORM_TWO_ROWS.encode(), "typeform2.csv", "typeform", [("inbound", "survey")] * 2, id="typeform-blank-second-header-row"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "name", "fmt", "expected"), CASES)
def test_new_format_items(
    data: bytes, name: str, fmt: str, expected: list[tuple[str, str]]
) -> None:
    result = read_bytes(data, name, IngestSettings())
    assert result.detected_format == fmt
    assert [(r.direction, r.channel) for r in result.records] == expected
    assert [p for p in result.problems if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("data", "name", "when", "text"),
    [
        pytest.param(WHATSAPP_US.encode(), "WhatsApp Chat with Jan Jansen.txt", "2020-05-12T10:05:00+00:00",
                     "Hello, where is my order?", id="us-month-first-pm"),
        pytest.param(WHATSAPP_NL.encode(), "WhatsApp-chat met Jan Jansen.txt", "2020-05-12T10:05:00+00:00",
                     "Hallo, mijn bestelling 1234 is nog niet binnen.\nKunnen jullie kijken?", id="nl-continuation-line"),
        pytest.param(SURVEYMONKEY.encode(), "sm.csv", "2020-05-12T10:05:33+00:00",
                     "The checkout page was slow on my phone", id="surveymonkey-us-date"),
        pytest.param(MSG, "mail.msg", "2026-03-01T10:00:00+00:00", "Mijn pakket is nog niet binnen.", id="msg-delivery-time"),
    ],
)  # fmt: skip
def test_first_item_time_and_text(data: bytes, name: str, when: str, text: str) -> None:
    first = read_bytes(data, name).records[0]
    assert (first.received_at.isoformat(), first.text) == (when, text)


def test_survey_question_is_subject_and_recommend_score_is_rating() -> None:
    records = read_bytes(TYPEFORM.encode(), "typeform.csv").records
    assert [r.subject for r in records] == ["Wat vond je van de levering?"] * 2
    assert [(r.rating, r.rating_scale_max) for r in records] == [(8.0, 10.0), (4.0, 10.0)]
    assert records[0].source_record_id == "odwdp4nzj1xg6m9l36odwdp4nzlv2gcw"


def test_whatsapp_owner_name_from_settings_decides_direction() -> None:
    settings = IngestSettings(mailbox_owner_names=("Bike Shop",))
    records = read_bytes(WHATSAPP_IOS.encode(), "_chat.txt", settings).records
    assert [(r.author_pseudonym != "", r.direction) for r in records] == [
        (True, "inbound"),
        (True, "outbound"),
    ]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        pytest.param(xls_bytes(SURVEY_ROWS)[:3000], "cut.xls", id="truncated-xls"),
        pytest.param(MSG[:2500], "cut.msg", id="truncated-msg"),
        pytest.param(_ods(SURVEY_ROWS)[:-200], "cut.ods", id="truncated-ods"),
    ],
)
def test_damaged_new_formats_are_one_ingest_error(data: bytes, name: str) -> None:
    with pytest.raises(IngestError, match=name):
        read_bytes(data, name)


def test_one_suffix_list_covers_the_new_formats() -> None:
    assert {".xls", ".ods", ".msg", ".xml", ".txt", ".zip"} <= ACCEPTED_SUFFIXES
