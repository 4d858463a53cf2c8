"""A broken record in a JSON review or ticket export is named as its source's screen shows it
(title, first words, date; a helpdesk's ticket number), never by an API id nobody sees.

The exports are built in the shapes the real APIs write (App Store Connect
``customerReviews``, Google Business Profile ``reviews``, Kiyoh, The Feedback Company, Zendesk
NDJSON, Freshdesk API v2, Intercom conversations), pretty-printed as ``json.dump(indent=2)``
writes them: the line is the one the record's (or the comment's) ``{`` is on.
"""

from __future__ import annotations

import json

import pytest

from ingest.reader import read_bytes

APP_STORE = {
    "data": [
        {"type": "customerReviews", "id": "00000038-3bc4-9a07-76c9-b25400000000",
         "attributes": {"rating": 5, "title": "Top app", "body": "Werkt prima.", "reviewerNickname": "jantje88",
                        "createdDate": "2026-11-16T09:12:44-07:00", "territory": "NLD"}},
        {"type": "customerReviews", "id": "00000038-3bc4-9a07-76c9-b25400000001",
         "attributes": {"rating": 2, "title": "Crasht bij inloggen", "body": "Sinds de update crasht de app.",
                        "reviewerNickname": "pieterk", "territory": "NLD"}},
        {"type": "customerReviews", "id": "00000038-3bc4-9a07-76c9-b25400000002",
         "attributes": {"rating": 0, "body": "Bezorging duurde twee weken, geen bericht gehad waar mijn pakket bleef.",
                        "reviewerNickname": "x", "createdDate": "2026-11-15T10:00:00-07:00", "territory": "NLD"}},
        {"type": "customerReviews", "id": "00000038-3bc4-9a07-76c9-b25400000003",
         "attributes": {"title": "", "body": "", "reviewerNickname": "y", "createdDate": "2026-11-14T08:30:00-07:00"}},
    ],
    "meta": {"paging": {"total": 4, "limit": 50}},
}  # fmt: skip
GOOGLE = {
    "reviews": [
        {"name": "accounts/1043/locations/5550199/reviews/AbFvOqnBSx1", "reviewId": "AbFvOqnBSx1",
         "reviewer": {"displayName": "Marieke"}, "starRating": "FOUR", "comment": "Vriendelijk personeel.",
         "createTime": "2026-11-12T14:03:51.123456Z"},
        {"name": "accounts/1043/locations/5550199/reviews/AbFvOqnBSx2", "reviewId": "AbFvOqnBSx2",
         "reviewer": {"displayName": "Kees"}, "starRating": "TWO",
         "comment": "Bestelling kwam beschadigd aan en niemand reageert op mijn mail."},
        {"name": "accounts/1043/locations/5550199/reviews/AbFvOqnBSx4", "reviewId": "AbFvOqnBSx4",
         "reviewer": {"displayName": "Els"}, "starRating": "SIX", "comment": "Super geholpen!",
         "createTime": "2026-11-09T09:00:00Z"},
    ]
}  # fmt: skip
KIYOH = {
    "locationId": 1060123, "locationName": "Voorbeeldshop",
    "reviews": [
        {"reviewId": "c8a1b0e2-5f7e-4f3b-9d8e-0a1b2c3d4e5f", "reviewAuthor": "Anja", "rating": 9,
         "dateSince": "2026-11-11T10:22:17.000+01:00",
         "reviewContent": [{"questionGroup": "DEFAULT_OPINION", "rating": "Netjes verpakt."}]},
        {"reviewId": "d9b2c1f3-6a8f-4a4c-8e9f-1b2c3d4e5f60", "reviewAuthor": "Bram", "rating": 11,
         "dateSince": "2026-11-10T10:00:00.000+01:00",
         "reviewContent": [{"questionGroup": "DEFAULT_ONELINER", "rating": "Retour duurde lang"},
                           {"questionGroup": "DEFAULT_OPINION", "rating": "Drie weken gewacht."}]},
    ],
}  # fmt: skip
FEEDBACK_COMPANY = {
    "success": True,
    "reviews": [
        {"id": 4402117, "date_created": "2026-11-13 16:20:05", "total_score": 4, "client": {"name": "R. Jansen"},
         "questions": [{"type": "main_open", "value": "Goede service."}]},
        {"id": 4402118, "date_created": "13-11-2026 25:61", "total_score": 4, "client": {"name": "T."},
         "questions": [{"type": "main_open", "value": "Klantenservice was snel bereikbaar."}]},
    ],
}  # fmt: skip
ZENDESK = [
    {"ticket": {"url": "https://voorbeeldshop.zendesk.com/api/v2/tickets/4102.json", "id": 4102, "created_at": "",
                "subject": "Pakket niet ontvangen", "requester_id": 360004940310, "status": "open",
                "comments": [{"id": 9000041021, "author_id": 360004940310, "plain_body": "Mijn pakket is al een week onderweg.",
                              "public": True, "created_at": "yesterday"}]}},
    {"ticket": {"id": 4104, "created_at": "2026-11-12T10:00:00Z", "subject": "Factuur klopt niet",
                "requester_id": 360004940312, "status": "open",
                "comments": [{"id": 9000041041, "author_id": 360004940312, "plain_body": "Verkeerd bedrag.",
                              "public": True, "created_at": "2026-11-12T10:00:00Z"},
                             {"id": 9000041042, "author_id": 360000000011, "plain_body": "", "html_body": "",
                              "public": True, "created_at": "2026-11-12T11:00:00Z"}]}},
]  # fmt: skip
FRESHDESK = [
    {"id": 20871, "subject": "Verkeerde maat geleverd", "description_text": "Ik kreeg maat M in plaats van L.",
     "created_at": "2026-13-40T10:00:00Z", "fr_due_by": "2026-11-13T10:00:00Z", "fr_escalated": False,
     "requester_id": 43000123, "responder_id": None, "email_config_id": 4300001, "spam": False},
    {"id": 20872, "subject": "Retourlabel", "description_text": "Waar vind ik het retourlabel?",
     "created_at": "2026-11-12T11:00:00Z", "fr_due_by": "2026-11-13T10:00:00Z", "fr_escalated": False,
     "requester_id": 43000124, "responder_id": None, "email_config_id": 4300001, "spam": False},
]  # fmt: skip
INTERCOM = {
    "type": "conversation.list",
    "conversations": [
        {"type": "conversation", "id": "1911149811", "created_at": None, "state": "open",
         "source": {"type": "conversation", "id": "403918316", "subject": "",
                    "body": "<p>Hoi, mijn kortingscode werkt niet bij het afrekenen.</p>",
                    "author": {"type": "user", "id": "5310d8e7598c9a0b24000002"}},
         "conversation_parts": {"type": "conversation_part.list", "conversation_parts": []}},
        {"type": "conversation", "id": "1911149812", "created_at": 1763200000, "state": "closed",
         "source": {"type": "conversation", "id": "403918317", "subject": "<p>Levertijd</p>",
                    "body": "<p>Wanneer wordt mijn bestelling geleverd?</p>", "author": {"type": "lead", "id": "53"}},
         "conversation_parts": {"type": "conversation_part.list", "conversation_parts": [
             {"type": "conversation_part", "id": "98765", "part_type": "comment", "body": "<p>Morgen!</p>",
              "created_at": "niet bekend", "author": {"type": "admin", "id": "814860"}}]}},
    ],
}  # fmt: skip
IDS = ("00000038", "AbFvOq", "locations/", "c8a1b0e2", "d9b2c1f3", "4402118", "9000041",
       "1911149811", "1911149812", "98765", "sha256:")  # fmt: skip


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode()


def _ndjson(values: list[dict]) -> bytes:
    return "\n".join(json.dumps(v, ensure_ascii=False) for v in values).encode()


CASES = [
    pytest.param(_json(APP_STORE), "app_store_reviews.json", [
        "app_store_reviews.json line 15: the review titled 'Crasht bij inloggen': date is empty; "
        "skipped. Fix the date in the export.",
        "app_store_reviews.json line 26: the review starting 'Bezorging duurde twee weken, geen "
        "bericht gehad waar…': the rating must be 1-5, got '0'; skipped. Fix the rating in the export.",
        "app_store_reviews.json line 37: the review without a title or text dated "
        "'2026-11-14T08:30:00-07:00' has no text and no rating; skipped.",
    ], id="app-store"),
    pytest.param(_json(GOOGLE), "reviews.json", [
        "reviews.json line 13: the review starting 'Bestelling kwam beschadigd aan en niemand "
        "reageert op…': date is empty; skipped. Fix the date in the export.",
        "reviews.json line 22: the review starting 'Super geholpen!': the rating must be 1-5, got "
        "'SIX'; skipped. Fix the rating in the export.",
    ], id="google-business"),
    pytest.param(_json(KIYOH), "kiyoh.json", [
        "kiyoh.json line 17: the review titled 'Retour duurde lang': the rating must be 1-10, got "
        "'11'; skipped. Fix the rating in the export.",
    ], id="kiyoh"),
    pytest.param(_json(FEEDBACK_COMPANY), "feedbackcompany.json", [
        "feedbackcompany.json line 18: the review starting 'Klantenservice was snel bereikbaar.': "
        "date must look like 31-12-2026 14:05 or 2026-12-31T14:05:00Z, got '13-11-2026 25:61'; "
        "skipped. Fix the date in the export.",
    ], id="feedback-company"),
    pytest.param(_ndjson(ZENDESK), "tickets.json", [
        "tickets.json line 1: ticket #4102 'Pakket niet ontvangen': date must look like "
        "31-12-2026 14:05 or 2026-12-31T14:05:00Z, got 'yesterday'; skipped. Fix the date in the "
        "export.",
        "tickets.json line 2: comment 2 on ticket #4104 'Factuur klopt niet' has no text; skipped.",
    ], id="zendesk-ndjson"),
    pytest.param(_json(FRESHDESK), "freshdesk.json", [
        "freshdesk.json line 2: ticket #20871 'Verkeerde maat geleverd': date must look like "
        "31-12-2026 14:05 or 2026-12-31T14:05:00Z, got '2026-13-40T10:00:00Z'; skipped. Fix the "
        "date in the export.",
    ], id="freshdesk"),
    pytest.param(_json(INTERCOM), "conversations.json", [
        "conversations.json line 4: the conversation starting 'Hoi, mijn kortingscode werkt niet "
        "bij het afrekenen.': date is empty; skipped.",
        "conversations.json line 42: comment 2 on the conversation with subject 'Levertijd': date "
        "must look like 31-12-2026 14:05 or 2026-12-31T14:05:00Z, got 'niet bekend'; skipped.",
    ], id="intercom"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "name", "expected"), CASES)
def test_a_broken_json_record_is_named_by_what_its_source_shows(data, name, expected) -> None:
    result = read_bytes(data, name)
    said = [str(p) for p in result.problems]
    assert said == expected
    for problem in said:
        assert not any(hidden in problem for hidden in IDS), problem
