"""Each export format, built small in code, is detected and read into the right records."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pytest

from ingest.errors import IngestError, MappingRequired
from ingest.mapping import header_key
from ingest.reader import read_bytes
from ingest.settings import ColumnMapping, IngestSettings

EML = (
    "Message-ID: <abc123@mail.example.nl>\nDate: Mon, 16 Nov 2026 10:12:00 +0100\n"
    'From: "Jan" <jan@example.nl>\nTo: service@shop.nl\nSubject: Levering\n'
    'Content-Type: text/plain; charset="utf-8"\n\nMijn pakket is te laat.\n\nMet vriendelijke groet,\nJan\n'
)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.replace("\n", "\r\n").encode(encoding)


CASES = [
    pytest.param(
        _csv('"Subject","Body","From: (Name)","From: (Address)","From: (Type)","To: (Name)","To: (Address)"\n'
             '"Factuur","De factuur klopt niet.","Jan","jan@example.nl","SMTP","Shop","s@shop.nl"\n', "cp1252"),
        "outlook.csv", "outlook_csv", 1, "email", "De factuur klopt niet.", id="outlook-csv-en",
    ),
    pytest.param(
        _csv('"Betreff","Nachricht","Von: (Name)","Von: (Adresse)","Von: (Typ)"\n"Rechnung","Die Rechnung ist falsch.","Jan","jan@example.de","SMTP"\n'),
        "outlook_de.csv", "outlook_csv", 1, "email", "Die Rechnung ist falsch.", id="outlook-csv-de",
    ),
    pytest.param(
        _xlsx([["review_id", "stars", "product_name", "product_sku", "content", "consumer_name", "created_at"],
               ["r1", 2, "Lamp", "SKU1", "De lamp ging kapot.", "Piet", "2026-10-05T10:00:00Z"]]),
        "trustpilot-product-reviews.xlsx", "trustpilot_product", 1, "review", "De lamp ging kapot.", id="trustpilot-product-xlsx",
    ),
    pytest.param(
        _xlsx([["Review ID", "Review Created (UTC)", "Review Consumer User ID", "Review Title", "Review Content", "Review Stars"],
               ["t1", "2026-10-05 10:00:00", "u1", "Slecht", "Te laat geleverd.", 1]]),
        "TrustPilot Service Reviews.xlsx", "trustpilot", 1, "review", "Te laat geleverd.", id="trustpilot-service-xlsx",
    ),
    pytest.param(
        json.dumps({"data": [{"type": "customerReviews", "id": "a1", "attributes": {"rating": 1, "title": "Crash",
                    "body": "The app crashes at login.", "reviewerNickname": "bob", "createdDate": "2017-11-15T08:10:34-08:00", "territory": "NLD"}}]}).encode(),
        "appstore.json", "app_store", 1, "app_review", "The app crashes at login.", id="app-store-json",
    ),
    pytest.param(
        json.dumps({"reviews": [
            {"name": "accounts/1/locations/2/reviews/r1", "reviewer": {"displayName": "Ann"}, "starRating": "FOUR",
             "comment": "(Translated by Google) Friendly staff\n\n(Original)\nVriendelijk personeel", "createTime": "2026-03-01T10:00:00.123456789Z"},
            {"name": "accounts/1/locations/2/reviews/r2", "reviewer": {"isAnonymous": True}, "starRating": "FIVE", "createTime": "2026-03-02T10:00:00Z"}]}).encode(),
        "reviews.json", "google_business_profile", 2, "review", "Vriendelijk personeel", id="google-business-takeout",
    ),
    pytest.param(
        json.dumps({"locationId": 5, "reviews": [{"reviewId": "k1", "reviewAuthor": "Kees", "rating": 8, "dateSince": "2026-01-01T10:00:00.000+00:00",
                    "reviewContent": [[{"questionGroup": "DEFAULT_OPINION", "rating": "Snelle levering, goed product."},
                                       {"questionGroup": "DEFAULT_ONELINER", "rating": "Top"}]]}]}).encode(),
        "kiyoh.json", "kiyoh", 1, "review", "Snelle levering, goed product.", id="kiyoh-json-1-10",
    ),
    pytest.param(
        json.dumps({"success": True, "reviews": [{"id": 9, "date_created": "2026-02-01 10:00:00", "total_score": 4, "client": {"name": "Els"},
                    "questions": [{"type": "main_open", "value": "Prima service."}, {"type": "final_score", "value": "4"}]}]}).encode(),
        "feedbackcompany.json", "feedback_company", 1, "review", "Prima service.", id="feedback-company-json",
    ),
    pytest.param(
        (json.dumps({"ticket": {"id": 7, "requester_id": 1, "subject": "Kapot", "created_at": "2026-10-05T09:00:00Z",
                     "comments": [{"id": 70, "author_id": 1, "body": "Mijn blender is kapot.", "public": True, "created_at": "2026-10-05T09:00:00Z"},
                                  {"id": 71, "author_id": 2, "body": "Wat vervelend, we sturen een nieuwe.", "public": True, "created_at": "2026-10-05T10:00:00Z"}]}}) + "\n").encode(),
        "zendesk.json", "zendesk_json", 2, "ticket", "Mijn blender is kapot.", id="zendesk-ndjson-with-agent-reply",
    ),
    pytest.param(
        _csv("Summation column,Id,Requester,Requester email,Subject,Via,Created at,Satisfaction Score,First reply time in minutes\n"
             ",12,Jan,jan@example.nl,Factuur klopt niet,Mail,2026-10-05 10:00,Bad,30\n"),
        "export_2026_10_05.csv", "zendesk_csv", 1, "ticket", "Factuur klopt niet", id="zendesk-legacy-csv",
    ),
    pytest.param(
        _csv("Ticket ID,Subject,Description,Status,Created time,First response time (in hrs),Agent interactions,Email\n"
             "55,Retour,<p>Waar blijft mijn <b>terugbetaling</b>?</p>,Open,2026-10-05 10:00:00,01:00:00,1,a@example.nl\n"),
        "freshdesk.csv", "freshdesk", 1, "ticket", "Waar blijft mijn terugbetaling?", id="freshdesk-csv-html",
    ),
    pytest.param(
        _csv("conversation_id,message_id,message_body,message_author_type,message_created_at\n"
             "c1,m1,De app crasht bij inloggen.,user,2017-11-14 21:45:08\nc1,m2,We kijken ernaar.,admin,2017-11-14 21:50:00\n"),
        "intercom.csv", "intercom_csv", 2, "chat", "De app crasht bij inloggen.", id="intercom-csv",
    ),
    pytest.param(
        json.dumps({"conversations": [{"id": "c9", "created_at": 1700000000, "source": {"subject": "Hulp", "body": "<p>Mijn punten zijn weg.</p>", "author": {"type": "user", "email": "x@example.nl"}},
                    "conversation_parts": {"conversation_parts": [{"id": "p1", "part_type": "comment", "body": "<p>We zoeken het uit.</p>", "created_at": 1700000100, "author": {"type": "admin"}}]}}]}).encode(),
        "intercom.json", "intercom_json", 2, "chat", "Mijn punten zijn weg.", id="intercom-json",
    ),
    pytest.param(
        _csv("Summary,Issue key,Issue id,Created,Reporter,Description,Labels,Labels,Comment,Comment\n"
             "Checkout faalt,SUP-1,100,11/May/24 03:26 PM,jan,Betalen lukt niet,a,b,12/May/24 9:00 AM;u1;Nog steeds kapot,\n"),
        "jira.csv", "jira", 2, "ticket", "Betalen lukt niet", id="jira-duplicate-columns",
    ),
    pytest.param(
        _csv("Ticket ID,Ticket name,Ticket description,Pipeline,Ticket status,Create date\n"
             "8,Levering,Pakket kwam niet aan,Support,Open,2026-10-05 10:00\n"),
        "hubspot.csv", "hubspot", 1, "ticket", "Pakket kwam niet aan", id="hubspot-csv",
    ),
    pytest.param(
        _csv("Review;Rating;Datum\nHeel fijne winkel, snelle levering;5;31-12-2026\n", "cp1252"),
        "reviews.csv", "generic_review", 1, "review", "Heel fijne winkel, snelle levering", id="generic-review-dutch-csv",
    ),
    pytest.param(
        _zip({"a.eml": EML.encode(), "b.eml": EML.replace("abc123", "def456").encode(), "__MACOSX/._a.eml": b"x"}),
        "mails.zip", "eml_zip", 2, "email", "Mijn pakket is te laat.", id="zip-of-eml",
    ),
    pytest.param(
        ("From ignored@x Mon Nov 16 10:12:00 2026\n" + EML).encode(), "one.mbox", "mbox", 1, "email", "Mijn pakket is te laat.", id="mbox-one-message",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("data", "name", "fmt", "count", "channel", "first_text"), CASES)
def test_format_is_detected_and_read(
    data: bytes, name: str, fmt: str, count: int, channel: str, first_text: str
) -> None:
    result = read_bytes(data, name)
    assert (result.detected_format, len(result.records)) == (fmt, count), [
        str(p) for p in result.problems
    ]
    assert result.records[0].channel == channel
    assert result.records[0].text == first_text
    assert result.detected_reason


def test_outlook_csv_warns_there_is_no_date() -> None:
    result = read_bytes(CASES[0].values[0], "outlook.csv")
    assert any("no date" in p.message and p.severity == "warning" for p in result.problems)


def test_zendesk_agent_reply_is_outbound_and_threaded() -> None:
    result = read_bytes(CASES[8].values[0], "zendesk.json")
    assert [r.direction for r in result.records] == ["inbound", "outbound"]
    assert {r.thread_id for r in result.records} == {"7"}


def test_kiyoh_keeps_ten_point_scale_and_gbp_star_only() -> None:
    kiyoh = read_bytes(CASES[6].values[0], "kiyoh.json").records[0]
    assert (kiyoh.rating, kiyoh.rating_scale_max, kiyoh.subject) == (8, 10, "Top")
    gbp = read_bytes(CASES[5].values[0], "reviews.json").records
    assert gbp[1].is_star_only and gbp[1].text == "" and gbp[1].rating == 5


def test_same_message_in_mbox_and_eml_is_one_item() -> None:
    from_eml = read_bytes(EML.encode(), "a.eml").records[0]
    from_mbox = read_bytes(
        ("From x@y Mon Nov 16 10:12:00 2026\n" + EML).encode(), "b.mbox"
    ).records[0]
    assert from_eml.id == from_mbox.id and from_eml.source_system == "email"
    assert from_eml.source_record_id == "abc123@mail.example.nl"


def test_own_domain_mail_is_outbound() -> None:
    settings = IngestSettings(own_domains=("example.nl",))
    assert read_bytes(EML.encode(), "a.eml", settings).records[0].direction == "outbound"
    assert read_bytes(EML.encode(), "a.eml").records[0].direction == "inbound"


def test_bad_rows_become_problems_in_house_style_and_the_rest_imports() -> None:
    data = _csv(
        "text,rating,date\nGoed,5,2026-10-01\nSlecht,6,2026-10-02\nPrima,4,geen datum\nOk,3,2026-10-03\n"
    )
    result = read_bytes(data, "reviews.csv")
    assert len(result.records) == 2
    messages = [str(p) for p in result.problems if p.severity == "error"]
    assert (
        messages[0]
        == "reviews.csv line 3: rating must be 1-5, got '6'. Fix the cell or map another column."
    )
    assert messages[1].startswith("reviews.csv line 4: 'date': date must look like")


def test_unknown_table_needs_a_mapping_and_the_mapping_is_remembered() -> None:
    data = _csv("kolom_a,kolom_b\nx1,7\nx2,8\n")
    with pytest.raises(MappingRequired) as caught:
        read_bytes(data, "raar.csv")
    assert caught.value.columns == ["kolom_a", "kolom_b"]
    remembered = IngestSettings(
        mappings={header_key(["KOLOM_B", "kolom_a"]): ColumnMapping(text="kolom_a")}
    )
    result = read_bytes(data, "raar.csv", remembered)
    assert result.detected_format == "mapped_table" and [r.text for r in result.records] == [
        "x1",
        "x2",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"\x00\x01\x02\x03" * 100, "not a text file", id="binary"),
        pytest.param(b'{"foo": [1, 2]}', "unknown shape", id="unknown-json"),
        pytest.param(b'{"reviews": [', "not valid JSON", id="truncated-json"),
        pytest.param(b"PK\x03\x04garbage", "damaged zip", id="broken-zip"),
        pytest.param(
            b"Dit is gewoon een brief.\nMet twee regels.\n",
            "plain text, not a table",
            id="prose",
        ),
    ],
)
def test_unreadable_files_raise_one_clear_ingest_error(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        read_bytes(data, "f")


def test_normalized_export_and_text_column_csv_still_read() -> None:
    generic = read_bytes(b"text,date\nDe app crasht,2026-10-01 10:00\n", "g.csv")
    assert generic.detected_format == "generic_csv" and generic.records[0].received_at_tz_assumed
    from ingest.schema import records_to_frame

    frame = records_to_frame(generic.records)
    again = read_bytes(frame.to_csv(index=False).encode(), "items.csv")
    assert again.detected_format == "klantstem_items"
    assert again.records[0].id == generic.records[0].id


def test_a_rated_review_without_words_is_rating_only_and_keeps_its_text() -> None:
    texts = ["!", "👍👍👍", "(Y)", "12", "ok", "De lamp ging kapot."]
    rows = [
        [
            "review_id",
            "stars",
            "product_name",
            "product_sku",
            "content",
            "consumer_name",
            "created_at",
        ]
    ]
    rows += [
        [f"r{n}", 5, "Lamp", "SKU1", t, "Piet", "2026-10-05T10:00:00Z"] for n, t in enumerate(texts)
    ]
    records = read_bytes(_xlsx(rows), "trustpilot-product-reviews.xlsx").records
    assert [(r.text, r.is_star_only) for r in records] == [
        ("!", True), ("👍👍👍", True), ("(Y)", True), ("12", True), ("ok", False),
        ("De lamp ging kapot.", False),
    ]  # fmt: skip
    unrated = read_bytes(EML.replace("Mijn pakket is te laat.", "?").encode(), "a.eml").records
    assert [(r.text[:1], r.is_star_only) for r in unrated] == [("?", False)]  # no rating: text


def test_trustpilot_review_language_column_is_used_when_the_text_cannot_tell() -> None:
    header = (
        "Review ID,Review Created (UTC),Review Consumer User ID,Review Title,Review Content,"
        "Review Stars,Source Of Review,Review Language\n"
    )
    rows = (
        "r1,2025-10-02 07:48:02,u1,Top!,Top!,5,Trustpilot,nl\n"  # a word of several languages
        "r2,2025-10-02 08:00:00,u2,Prima,De levering was drie dagen te laat.,2,Trustpilot,en\n"
    )
    records = read_bytes(_csv(header + rows), "trustpilot.csv").records
    assert [r.language for r in records] == ["nl", "nl"]  # the text wins where it can tell


def _quoted_only(headers: str) -> bytes:
    """An e-mail with no words of its own (only a quoted reply) under these headers."""
    return (
        headers + "From: jan@example.nl\n\n> Op ma schreef de winkel:\n> Uw pakket komt.\n"
    ).encode()


@pytest.mark.parametrize(
    ("headers", "named"),
    [
        pytest.param(
            "Message-ID: <CAF1x@mail.gmail.com>\nSubject: Re: Bestelling 1234\n",
            "the message with subject 'Re: Bestelling 1234'",
            id="by-subject-not-message-id",
        ),
        pytest.param(
            "Date: Mon, 16 Nov 2026 10:12:00 +0100\n",
            "the message without a subject dated 'Mon, 16 Nov 2026 10:12:00 +0100'",
            id="no-subject-by-date",
        ),
        pytest.param(
            "Message-ID: <CAF1x@mail.gmail.com>\nTo: service@shop.nl\n",
            "the message without a subject or date",
            id="neither",
        ),
    ],
)
def test_a_message_in_a_problem_is_named_as_a_mail_program_shows_it(headers, named) -> None:
    """A problem named a message by its Message-ID or a "sha256:…" stand-in: nothing a
    manager can find. It names the subject (else the date); file and line stay."""
    with pytest.raises(IngestError) as caught:
        read_bytes(_quoted_only(headers), "mail.eml")
    said = str(caught.value)
    assert f"First problem: mail.eml line 1: {named} has no text of its own" in said, said
    assert "sha256:" not in said and "CAF1x" not in said and "jan@" not in said


def test_an_undated_message_is_skipped_by_subject_and_says_the_unreadable_date() -> None:
    """Dated at the import, it became this week's feedback on the Overview; now it is skipped
    like any other record without a date, named by its subject."""
    eml = EML.replace("Message-ID: <abc123@mail.example.nl>\n", "")
    with pytest.raises(IngestError) as unreadable:
        read_bytes(eml.replace("Mon, 16 Nov 2026 10:12:00 +0100", "gisteren").encode(), "a.eml")
    said = str(unreadable.value)
    assert (
        "First problem: a.eml line 1: the message with subject 'Levering' has no readable date "
        "(Date: 'gisteren'), and no Received or Delivery-date header" in said
    ), said
    with pytest.raises(IngestError) as missing:
        read_bytes(eml.replace("Date: Mon, 16 Nov 2026 10:12:00 +0100\n", "").encode(), "a.eml")
    assert "has no readable date, and no Received" in str(missing.value)  # no "(Date: '')"


@pytest.mark.parametrize(
    ("header", "values", "scale"),
    [
        # the header states the scale: it wins over the words and over the values
        pytest.param("Score (1-5)", ("2", "4"), (1, 5), id="score-1-5"),
        pytest.param("Cijfer (1-5)", ("2", "4"), (1, 5), id="cijfer-1-5-not-ten"),
        pytest.param("Rating /10", ("7", "9"), (1, 10), id="rating-out-of-10-not-stars"),
        pytest.param("Sterren (1 t/m 5)", ("2", "5"), (1, 5), id="sterren-1-tm-5"),
        pytest.param("cijfer 1-10", ("2", "3"), (1, 10), id="cijfer-1-10"),
        pytest.param("Beoordeling (0-10)", ("0", "4"), (0, 10), id="beoordeling-0-10"),
        pytest.param("Waardering (1 tot 10)", ("3", "4"), (1, 10), id="waardering-1-tot-10"),
        # no scale in the header: as before
        pytest.param("Cijfer", ("6", "8"), (1, 10), id="cijfer-out-of-ten"),
        pytest.param("Sterren", ("2", "5"), (1, 5), id="stars"),
        pytest.param("Score", ("7", "9"), (1, 10), id="score-by-values"),
        pytest.param("NPS", ("0", "9"), (0, 10), id="nps"),
    ],
)
def test_a_rating_scale_the_header_states_wins(header, values, scale) -> None:
    rows = "".join(f"De levering was te laat,2026-10-0{i + 1},{v}\n" for i, v in enumerate(values))
    result = read_bytes(_csv(f"text,date,{header}\n{rows}"), "cijfers.csv")
    assert not [p for p in result.problems if p.severity == "error"], result.problems
    assert {(r.rating_scale_min, r.rating_scale_max) for r in result.records} == {scale}
    assert [r.rating for r in result.records] == [float(v) for v in values]
    assert not any(p.code == "table.grade_at_most_5" for p in result.problems)


def test_a_cijfer_column_that_never_passes_5_is_read_out_of_10_with_one_warning() -> None:
    """A "Cijfer" column is a grade out of 10; when no value passes 5 the file may hold scores
    out of 5: the import says so once for the file (not per row) and how to change it."""
    rows = "".join(f"Bericht nummer {n},2026-10-0{n},{n % 5 + 1}\n" for n in range(1, 8))
    result = read_bytes(_csv(f"text,date,Cijfer\n{rows}"), "enquete.csv")
    assert {r.rating_scale_max for r in result.records} == {10.0} and len(result.records) == 7
    doubts = [p for p in result.problems if p.code == "table.grade_at_most_5"]
    assert [(p.file, p.line, p.severity) for p in doubts] == [("enquete.csv", 0, "warning")]
    assert str(doubts[0]) == (
        "enquete.csv: the ratings in 'Cijfer' were read as grades from 1 to 10 (a 'cijfer' is "
        "out of 10), but the highest in the file is 5. If they are scores out of 5, name the "
        "column 'Cijfer (1-5)' in the export before importing it; rows already imported keep "
        "this reading."
    )
    mapped = ColumnMapping(text="text", date="date", rating="Cijfer", rating_scale_max=5)
    again = read_bytes(
        _csv(f"text,date,Cijfer\n{rows}"), "enquete.csv", IngestSettings(mapping=mapped)
    )
    assert {r.rating_scale_max for r in again.records} == {5.0}
    assert not any(p.code == "table.grade_at_most_5" for p in again.problems)
