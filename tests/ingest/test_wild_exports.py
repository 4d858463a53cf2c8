"""Exports as real tools write them (issue 13), built small from the vendors' documented shapes.

Each case: the bytes, the file name, the detected format, and the items expected as
``(direction, channel)`` pairs in order, so counts, directions and channels are all checked.
"""

from __future__ import annotations

import base64
import json

import pytest

from ingest.reader import read_bytes
from ingest.settings import IngestSettings

DMARC_WRAPPED = b"""From: Klant via Support <support@lists.shop.nl>
To: support@lists.shop.nl
Subject: [support] Factuur klopt niet
Date: Tue, 12 May 2020 12:10:00 +0200
Message-ID: <wrapper-1@lists.shop.nl>
List-Id: <support.lists.shop.nl>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain; charset="us-ascii"

A message from klant@gmail.com was rewrapped because of its sender's DMARC policy.

--outer
Content-Type: message/rfc822
Content-Disposition: inline

From: Klant <klant@gmail.com>
To: support@lists.shop.nl
Subject: Factuur klopt niet
Date: Tue, 12 May 2020 12:05:00 +0200
Message-ID: <orig-1@gmail.com>
Content-Type: text/plain; charset="utf-8"

Mijn factuur van mei is twee keer afgeschreven, graag terugstorten.

--outer--
"""

OCTET_BODY = (
    b"From: Klant <klant@example.nl>\nTo: service@shop.nl\nSubject: Klacht\n"
    b"Date: Tue, 12 May 2020 12:05:00 +0200\nMessage-ID: <oct-1@example.nl>\nMIME-Version: 1.0\n"
    b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: application/octet-stream\n'
    b"Content-Transfer-Encoding: base64\n\n"
    + base64.encodebytes(b"De bezorger heeft mijn pakket bij de buren gegooid, kapot!\n")
    + b"\n--b--\n"
)

BARE_FROM_MBOX = (
    b"From \nFrom: Klant <klant@example.nl>\nSubject: Retour\nDate: Tue, 12 May 2020 12:05:00 +0200\n"
    b"Message-ID: <bare-1@example.nl>\n\nIk wil mijn bestelling retourneren, hoe gaat dat?\n\n"
    b"From \nFrom: Klant2 <klant2@example.nl>\nSubject: Retour\nDate: Tue, 12 May 2020 13:05:00 +0200\n"
    b"Message-ID: <bare-2@example.nl>\n\nMijn retourlabel werkt niet.\n"
)

JIRA = {
    "es": ("Resumen", "Clave de incidencia", "Creada", "Informador", "Descripción", "Comentario"),
    "nl": ("Samenvatting", "Sleutel", "Gemaakt", "Melder", "Beschrijving", "Opmerking"),
    "de": (
        "Zusammenfassung",
        "Vorgangsschlüssel",
        "Erstellt",
        "Autor",
        "Beschreibung",
        "Kommentar",
    ),
    "fr": ("Résumé", "Clé de ticket", "Création", "Rapporteur", "Description", "Commentaire"),
}


def _jira(language: str) -> bytes:
    summary, key, created, reporter, description, comment = JIRA[language]
    header = f"{summary},{key},Status,{created},{reporter},{description},{comment},{comment}"
    row = ('"La app no carga",SD-1,Open,12/May/20 12:05 PM,ana,"La aplicación no carga desde ayer.",'
           '"12/May/20 1:00 PM;agente;Estamos investigando.","13/May/20 9:00 AM;ana;Sigue sin funcionar."')  # fmt: skip
    return f"{header}\n{row}\n".encode()


FRESHDESK = [
    {"id": 101, "subject": "Pakket kwijt", "description": "<div>Mijn pakket is kwijt.</div>",
     "description_text": "Mijn pakket is kwijt.", "status": 2, "requester_id": 9, "responder_id": 3,
     "created_at": "2026-03-01T10:00:00Z", "fr_due_by": "2026-03-02T10:00:00Z", "fr_escalated": False,
     "spam": False, "deleted": False,
     "conversations": [
         {"id": 1, "body_text": "We zoeken het uit.", "incoming": False, "private": False, "user_id": 3,
          "created_at": "2026-03-01T11:00:00Z"},
         {"id": 2, "body_text": "Nog steeds niets ontvangen.", "incoming": True, "private": False, "user_id": 9,
          "created_at": "2026-03-02T09:00:00Z"},
         {"id": 3, "body_text": "Navragen bij PostNL.", "incoming": False, "private": True, "user_id": 3,
          "created_at": "2026-03-02T09:30:00Z"}]},
    {"id": 102, "subject": "WIN A PRIZE", "description_text": "Click here", "spam": True,
     "created_at": "2026-03-01T10:00:00Z", "fr_due_by": "2026-03-02T10:00:00Z", "responder_id": None},
    {"id": 103, "subject": "Oud", "description_text": "weg", "deleted": True,
     "created_at": "2026-03-01T10:00:00Z", "fr_due_by": "2026-03-02T10:00:00Z", "responder_id": None},
]  # fmt: skip

ZENDESK_WITH_DELETED = [
    {"ticket": {"id": 1, "subject": "Factuur", "requester_id": 7, "status": "open",
                "created_at": "2026-03-01T10:00:00Z", "via": {"channel": "email"},
                "comments": [{"id": 11, "author_id": 7, "body": "De factuur klopt niet.", "public": True,
                              "created_at": "2026-03-01T10:00:00Z"}]}},
    {"ticket": {"id": 2, "subject": "SCRUBBED", "requester_id": 8, "status": "deleted",
                "created_at": "2026-03-01T10:00:00Z", "description": "SCRUBBED"}},
]  # fmt: skip

OUTLOOK_EX = (
    '"Subject","Body","From: (Name)","From: (Address)","From: (Type)","To: (Name)","To: (Address)","To: (Type)"\r\n'
    '"Re: Levering","Uw pakket komt morgen.","Klantenservice","/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP '
    '(FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=1A2B3C-KLANTENSERVICE","EX","Jan","jan@example.nl","SMTP"\r\n'
    '"Levering","Waar blijft mijn pakket?","Jan","jan@example.nl","SMTP","Klantenservice","service@shop.nl","SMTP"\r\n'
).encode("cp1252")

KIYOH_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<LocationReviews>
  <locationId>1053335</locationId>
  <locationName>Voorbeeldshop</locationName>
  <averageRating>8.6</averageRating>
  <numberReviews>2</numberReviews>
  <reviews>
    <reviews>
      <reviewId>a1b2c3d4-0000-0000-0000-000000000001</reviewId>
      <reviewAuthor>Anoniem</reviewAuthor>
      <city>Utrecht</city>
      <rating>9</rating>
      <reviewComments>Dank voor uw review!</reviewComments>
      <reviewContent>
        <reviewContent><questionGroup>DEFAULT_OVERALL</questionGroup><questionType>INT</questionType><rating>9</rating><order>0</order></reviewContent>
        <reviewContent><questionGroup>DEFAULT_ONELINER</questionGroup><questionType>TEXT</questionType><rating>Snel geleverd</rating><order>1</order></reviewContent>
        <reviewContent><questionGroup>DEFAULT_OPINION</questionGroup><questionType>TEXT</questionType><rating>Binnen een dag in huis en goed verpakt.</rating><order>2</order></reviewContent>
      </reviewContent>
      <dateSince>2026-03-01T10:00:00.000+01:00</dateSince>
      <reviewLanguage>nl</reviewLanguage>
    </reviews>
    <reviews>
      <reviewId>a1b2c3d4-0000-0000-0000-000000000002</reviewId>
      <rating>4</rating>
      <reviewContent>
        <reviewContent><questionGroup>DEFAULT_OPINION</questionGroup><questionType>TEXT</questionType><rating>Pakket kwam beschadigd aan.</rating><order>2</order></reviewContent>
      </reviewContent>
      <dateSince>2026-03-02T10:00:00.000+01:00</dateSince>
    </reviews>
  </reviews>
</LocationReviews>
"""

GENERIC_REVIEWS = (
    b"review_id,date,rating,title,review\n"
    b"R-1,2026-03-01,4,Prima winkel,Snelle levering en goede service\n"
    b"R-2,2026-03-02,1,Nooit meer,Het product was kapot en niemand reageert\n"
)

PLAY_WITH_REPLY = (
    "\ufeffPackage Name,App Version Code,App Version Name,Reviewer Language,Device,Review Submit Date and Time,"
    "Review Submit Millis Since Epoch,Review Last Update Date and Time,Review Last Update Millis Since Epoch,"
    "Star Rating,Review Title,Review Text,Developer Reply Date and Time,Developer Reply Millis Since Epoch,"
    "Developer Reply Text,Review Link\n"
    "nl.shop.app,12,1.2,pt_BR,a10,2026-03-01T10:00:00Z,1772359200000,2026-03-01T10:00:00Z,1772359200000,"
    "2,,Ok,2026-03-02T10:00:00Z,1772445600000,Obrigado pelo seu comentário!,"
    "https://play.google.com/apps/publish?account=1#ReviewDetailsPlace:p=nl.shop.app&reviewid=gp:AOqpTOE1\n"
).encode("utf-16-le")

CASES = [
    pytest.param(
        DMARC_WRAPPED, "list.eml", "eml", [("inbound", "email")], id="dmarc-rewrapped-list-mail"
    ),
    pytest.param(
        OCTET_BODY, "octet.eml", "eml", [("inbound", "email")], id="octet-stream-text-body"
    ),
    pytest.param(
        BARE_FROM_MBOX, "bare.mbox", "mbox", [("inbound", "email")] * 2, id="bare-from-mbox"
    ),
    *[
        pytest.param(
            _jira(lang),
            f"jira_{lang}.csv",
            "jira",
            [("inbound", "ticket"), ("outbound", "ticket"), ("inbound", "ticket")],
            id=f"jira-{lang}",
        )
        for lang in JIRA
    ],  # fmt: skip
    pytest.param(
        json.dumps(FRESHDESK).encode(),
        "tickets.json",
        "freshdesk_json",
        [
            ("inbound", "ticket"),
            ("outbound", "ticket"),
            ("inbound", "ticket"),
            ("internal", "ticket"),
        ],
        id="freshdesk-api-json",
    ),  # fmt: skip
    pytest.param(
        "\n".join(json.dumps(t) for t in ZENDESK_WITH_DELETED).encode(),
        "zendesk.json",
        "zendesk_json",
        [("inbound", "ticket")],
        id="zendesk-deleted-ticket-skipped",
    ),  # fmt: skip
    pytest.param(
        OUTLOOK_EX,
        "outlook.csv",
        "outlook_csv",
        [("outbound", "email"), ("inbound", "email")],
        id="outlook-exchange-sender-outbound",
    ),  # fmt: skip
    pytest.param(
        KIYOH_XML,
        "feed.xml",
        "kiyoh_xml",
        [("inbound", "review"), ("outbound", "review"), ("inbound", "review")],
        id="kiyoh-xml-feed",
    ),  # fmt: skip
    pytest.param(
        GENERIC_REVIEWS,
        "reviews.csv",
        "generic_review",
        [("inbound", "review")] * 2,
        id="generic-review-csv",
    ),  # fmt: skip
    pytest.param(
        PLAY_WITH_REPLY,
        "reviews_nl.shop.app_202603.csv",
        "google_play",
        [("inbound", "app_review"), ("outbound", "app_review")],
        id="google-play-developer-reply",
    ),  # fmt: skip
]


@pytest.mark.parametrize(("data", "name", "fmt", "expected"), CASES)
def test_wild_export_items(
    data: bytes, name: str, fmt: str, expected: list[tuple[str, str]]
) -> None:
    result = read_bytes(data, name, IngestSettings())
    assert result.detected_format == fmt
    assert [(r.direction, r.channel) for r in result.records] == expected
    assert [p for p in result.problems if p.severity == "error"] == []


def test_dmarc_wrapped_mail_is_the_customers_message() -> None:
    (record,) = read_bytes(DMARC_WRAPPED, "list.eml").records
    assert record.source_record_id == "orig-1@gmail.com"
    assert record.text.startswith("Mijn factuur van mei")


@pytest.mark.parametrize(
    ("data", "name", "deleted", "spam"),
    [
        pytest.param(json.dumps(FRESHDESK).encode(), "fd.json", "1", "1", id="freshdesk"),
        pytest.param("\n".join(json.dumps(t) for t in ZENDESK_WITH_DELETED).encode(), "zd.json", "1", None, id="zendesk"),
    ],
)  # fmt: skip
def test_deleted_and_spam_tickets_are_counted(data, name, deleted, spam) -> None:
    details = read_bytes(data, name).details
    assert details.get("skipped_deleted") == deleted and details.get("skipped_spam") == spam


def test_generic_review_csv_uses_its_review_ids() -> None:
    records = read_bytes(GENERIC_REVIEWS, "reviews.csv").records
    assert [r.source_record_id for r in records] == ["R-1", "R-2"]


def test_mailbox_owner_name_makes_outlook_rows_outbound() -> None:
    data = OUTLOOK_EX.replace(b'"EX"', b'"SMTP"')
    settings = IngestSettings(mailbox_owner_names=("Klantenservice",))
    records = read_bytes(data, "outlook.csv", settings).records
    assert [r.direction for r in records] == ["outbound", "inbound"]


def test_unmappable_table_in_a_zip_does_not_reject_its_mails() -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mail/list.eml", DMARC_WRAPPED)
        archive.writestr("stats.csv", "a,b,c\n1,2,3\n4,5,6\n")
    result = read_bytes(out.getvalue(), "export.zip")
    assert [r.channel for r in result.records] == ["email"]
    assert [p.file for p in result.problems] == ["export.zip/stats.csv"]
    assert "which column holds the feedback text" in result.problems[0].message
