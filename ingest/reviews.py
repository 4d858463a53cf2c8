"""Review sites: Trustpilot (service CSV/XLSX, product XLSX), Google Play CSV, App Store
Connect JSON, Google Business Profile Takeout JSON, Kiyoh JSON and Feedback Company JSON.

Column and field names follow ../shared/FORMATS.md section 2.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

from ingest.build import Draft, finish, problem
from ingest.dates import parse_column, parse_datetime, zone_of
from ingest.errors import IngestError
from ingest.json_lines import Locate, line_or
from ingest.mapping import row_key
from ingest.messages import message as say
from ingest.messages import reason as reason_of
from ingest.record_names import record_name
from ingest.schema import IngestResult, Problem
from ingest.settings import IngestSettings
from ingest.tables import Table

GBP_STARS = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}
_REVIEW_ID = re.compile(r"review[iI]d=([^&#\s]+)")


def _rating(value: object, low: float, high: float) -> float | None | str:
    """The rating as a number, None when empty, or an error message."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = math.nan
    if math.isnan(number) or not low <= number <= high:
        return say("review.bad_rating", low=low, high=high, value=text)
    return number


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None else ""


# ------------------------------------------------------------------ Google Play


def read_google_play(table: Table, settings: IngestSettings, reason: str) -> IngestResult:
    """Google Play Console monthly review report (UTF-16). Star-only rows are kept."""
    t = table
    package_i, millis_i = t.index("Package Name"), t.index("Review Submit Millis Since Epoch")
    submitted_i = t.index("Review Submit Date and Time")
    updated_i = t.index("Review Last Update Millis Since Epoch")
    stars_i, title_i, text_i = (
        t.index("Star Rating"),
        t.index("Review Title"),
        t.index("Review Text"),
    )
    link_i = t.index("Review Link", "Review URL")
    language_i = t.index("Reviewer Language")
    reply_i, reply_millis_i = (
        t.index("Developer Reply Text"),
        t.index("Developer Reply Millis Since Epoch"),
    )
    reply_date_i = t.index("Developer Reply Date and Time")
    zone = zone_of(settings.timezone)
    newest: dict[str, tuple[int, Draft | Problem]] = {}
    replies: dict[str, Draft] = {}
    order: list[Draft | Problem] = list(t.problems)
    for line, cells, raw in t.records():
        link = _cell(cells, link_i)
        found = _REVIEW_ID.search(link)
        millis = _cell(cells, millis_i)
        record_id = (
            unquote(found.group(1))
            if found
            else f"{_cell(cells, package_i)}:{millis or row_key(cells)}"
        )
        try:
            when, assumed = parse_datetime(millis or _cell(cells, submitted_i), zone)
        except ValueError as exc:
            order.append(
                problem(
                    t.name,
                    line,
                    say(
                        "cell.bad_date", column="Review Submit Date and Time", reason=reason_of(exc)
                    ),
                )
            )
            continue
        rating = _rating(_cell(cells, stars_i), 1, 5)
        if isinstance(rating, str):
            order.append(
                problem(
                    t.name, line, say("review.column_rating", column="Star Rating", reason=rating)
                )
            )
            continue
        text, title = _cell(cells, text_i), _cell(cells, title_i)
        draft = Draft(
            line=line, source_system="google_play", source_record_id=record_id, channel="app_review",
            received_at=when, received_at_tz_assumed=assumed, text=text or title, subject=title if text else "",
            rating=rating, rating_scale_min=1.0 if rating is not None else None,
            rating_scale_max=5.0 if rating is not None else None,
            is_star_only=not text and not title, thread_id=record_id, url=link, raw=raw,
            declared_language=_cell(cells, language_i),
        )  # fmt: skip
        reply = _cell(cells, reply_i)
        if reply:
            try:
                replied, replied_assumed = parse_datetime(
                    _cell(cells, reply_millis_i) or _cell(cells, reply_date_i), zone
                )
            except ValueError:
                replied, replied_assumed = when, True
            replies[record_id] = Draft(
                line=line, source_system="google_play", source_record_id=record_id, part=1,
                channel="app_review", direction="outbound", received_at=replied,
                received_at_tz_assumed=replied_assumed, text=reply, thread_id=record_id, url=link,
                raw={"Developer Reply Text": reply, "Review Link": link},
            )  # fmt: skip
        if draft.is_star_only and rating is None:
            order.append(problem(t.name, line, say("review.no_rating_no_text")))
            continue
        version = int(_cell(cells, updated_i) or 0) if _cell(cells, updated_i).isdigit() else 0
        # Rows are updated in place: one review id, keep the newest last update.
        if record_id in newest and newest[record_id][0] > version:
            continue
        newest[record_id] = (version, draft)
    order.extend(d for _, d in newest.values())
    order.extend(
        reply for key, reply in replies.items() if key in newest
    )  # developer replies: outbound
    return finish(t.name, order, settings, "google_play", reason, details=t.details)


# ------------------------------------------------------------------ Trustpilot


def read_trustpilot(table: Table, settings: IngestSettings, reason: str) -> IngestResult:
    """Trustpilot Business service-review export (CSV or XLSX); times are UTC."""
    t = table
    id_i, created_i = t.index("Review ID"), t.index("Review Created (UTC)")
    user_i, name_i = t.index("Review Consumer User ID"), t.index("Review Username")
    title_i, content_i, stars_i = (
        t.index("Review Title"),
        t.index("Review Content"),
        t.index("Review Stars"),
    )
    authors = tuple(t.header[i] for i in (user_i, name_i) if i is not None) + tuple(
        h
        for h in t.header
        if h.lower() in {"review user email", "consumer name", "review consumer name"}
    )
    return _read_review_table(
        t, settings, "trustpilot", "trustpilot", reason, id_i, created_i, title_i, content_i, stars_i,
        user_i if user_i is not None else name_i, authors, zone_of("UTC"),
        t.index("Review Language"),
    )  # fmt: skip


def read_trustpilot_product(table: Table, settings: IngestSettings, reason: str) -> IngestResult:
    """Trustpilot product-review export (snake_case columns)."""
    t = table
    consumer = t.index("consumer_name")
    return _read_review_table(
        t, settings, "trustpilot", "trustpilot_product", reason, t.index("review_id"), t.index("created_at"),
        t.index("title"), t.index("content"), t.index("stars"), consumer,
        (t.header[consumer],) if consumer is not None else (), zone_of("UTC"),
    )  # fmt: skip


def _read_review_table(
    t: Table, settings: IngestSettings, system: str, fmt: str, reason: str,
    id_i: int | None, date_i: int | None, title_i: int | None, text_i: int | None,
    stars_i: int | None, author_i: int | None, author_fields: tuple[str, ...], zone: Any,
    language_i: int | None = None,
) -> IngestResult:  # fmt: skip
    """Rows of a review table; ``language_i``: the export's own language column (used when
    the text cannot tell, :func:`ingest.language.detect_languages`)."""
    items: list[Draft | Problem] = list(t.problems)
    dates = parse_column([_cell(r, date_i) for r in t.rows], zone) if date_i is not None else None
    for n, (line, cells, raw) in enumerate(t.records()):
        if dates is None:
            items.append(problem(t.name, line, say("review.no_date_column")))
            continue
        when = dates[n]
        if isinstance(when, str):
            column = t.header[date_i]  # type: ignore[index]
            items.append(problem(t.name, line, say("cell.bad_date", column=column, reason=when)))
            continue
        rating = _rating(_cell(cells, stars_i), 1, 5)
        if isinstance(rating, str):
            column = t.header[stars_i]  # type: ignore[index]
            items.append(
                problem(t.name, line, say("review.column_rating", column=column, reason=rating))
            )
            continue
        title, text = _cell(cells, title_i), _cell(cells, text_i)
        if not text and not title and rating is None:
            items.append(problem(t.name, line, say("review.empty")))
            continue
        record_id = _cell(cells, id_i) or row_key(cells)
        items.append(
            Draft(
                line=line, source_system=system, source_record_id=record_id, channel="review",
                received_at=when[0], received_at_tz_assumed=False, text=text or title,
                subject=title if text else "", author=_cell(cells, author_i), rating=rating,
                rating_scale_min=1.0 if rating is not None else None,
                rating_scale_max=5.0 if rating is not None else None,
                is_star_only=not text and not title, thread_id=record_id, raw=raw,
                author_fields=author_fields, declared_language=_cell(cells, language_i),
            )
        )  # fmt: skip
    return finish(t.name, items, settings, fmt, reason, details=t.details)


# ------------------------------------------------------------------ JSON review exports


def _when(value: object, settings: IngestSettings) -> tuple[datetime, bool]:
    return parse_datetime(value, zone_of(settings.timezone))


def _json_draft(
    name: str, line: int, settings: IngestSettings, *, system: str, channel: str, record_id: str,
    created: object, text: str, subject: str, author: str, rating: object, low: float, high: float,
    raw: Mapping[str, Any], language: str = "", url: str = "",
) -> Draft | Problem:  # fmt: skip
    text, subject = (text or "").strip(), (subject or "").strip()
    try:
        when, assumed = _when(created, settings)
    except ValueError as exc:
        review = record_name("review", subject=subject, text=text)
        return problem(name, line, say("review.named_bad_date", review=review, reason=reason_of(exc)))  # fmt: skip
    value = _rating(rating, low, high)
    if isinstance(value, str):
        review = record_name("review", subject=subject, text=text, date=created)
        shown = str(rating).strip()
        return problem(name, line, say("review.named_rating", review=review, low=low, high=high, value=shown))  # fmt: skip
    if not text and not subject and value is None:
        review = record_name("review", date=created)
        return problem(name, line, say("review.named_empty", review=review))
    return Draft(
        line=line, source_system=system, source_record_id=record_id, channel=channel,
        received_at=when, received_at_tz_assumed=assumed, text=text or subject,
        subject=subject if text else "", author=author, rating=value,
        rating_scale_min=low if value is not None else None,
        rating_scale_max=high if value is not None else None,
        is_star_only=not text and not subject, thread_id=record_id, url=url,
        declared_language=language,
        raw=_flat(raw), author_fields=("reviewerNickname", "reviewer", "reviewAuthor", "client"),
    )  # fmt: skip


def _flat(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Top-level fields of a JSON object, nested values as compact JSON-able structures."""
    return {k: v for k, v in raw.items() if k not in {"profilePhotoUrl"}}


def read_app_store(
    payload: Mapping[str, Any], name: str, settings: IngestSettings, lines: Locate | None = None
) -> IngestResult:
    """App Store Connect API ``customerReviews`` dump; ``lines``: where each value of the
    payload starts in the file (:mod:`ingest.json_lines`), else records are numbered."""
    items: list[Draft | Problem] = []
    for number, entry in enumerate(payload.get("data") or [], start=1):
        if not isinstance(entry, dict) or entry.get("type") != "customerReviews":
            continue
        attrs = entry.get("attributes") or {}
        line = line_or(lines, ("data", number - 1), number)
        items.append(
            _json_draft(
                name, line, settings, system="app_store", channel="app_review",
                record_id=str(entry.get("id", "")) or f"{name}:{number}", created=attrs.get("createdDate", ""),
                text=str(attrs.get("body") or ""), subject=str(attrs.get("title") or ""),
                author=str(attrs.get("reviewerNickname") or ""), rating=attrs.get("rating"), low=1, high=5,
                raw={"id": entry.get("id"), **attrs},
            )
        )  # fmt: skip
    return finish(name, items, settings, "app_store", "JSON with data[].type == 'customerReviews'")


def split_google_translation(comment: str) -> str:
    """The reviewer's own words from GBP's "(Translated by Google) ... (Original) ..." envelope."""
    if "(Original)" not in comment:
        return comment.replace("(Translated by Google)", "").strip()
    before, after = comment.split("(Original)", 1)
    if "(Translated by Google)" in after:
        after = after.split("(Translated by Google)", 1)[0]
    return after.strip() or before.replace("(Translated by Google)", "").strip()


def read_google_business(
    payload: Mapping[str, Any], name: str, settings: IngestSettings, lines: Locate | None = None
) -> IngestResult:
    """Google Business Profile reviews from Google Takeout (``reviews.json``)."""
    items: list[Draft | Problem] = []
    seen: set[str] = set()
    for number, review in enumerate(payload.get("reviews") or [], start=1):
        line = line_or(lines, ("reviews", number - 1), number)
        if not isinstance(review, dict):
            items.append(problem(name, line, say("review.not_object")))
            continue
        full = str(review.get("name") or "")
        match = re.search(r"locations/[^/]+/reviews/[^/]+$", full)
        record_id = (
            match.group(0) if match else str(review.get("reviewId") or full or f"{name}:{number}")
        )
        if record_id in seen:  # the same review repeats under several account folders
            continue
        seen.add(record_id)
        star = str(review.get("starRating") or "")
        reviewer = review.get("reviewer") or {}
        items.append(
            _json_draft(
                name, line, settings, system="google_business_profile", channel="review",
                record_id=record_id, created=review.get("createTime", ""),
                text=split_google_translation(str(review.get("comment") or "")), subject="",
                author="" if reviewer.get("isAnonymous") else str(reviewer.get("displayName") or ""),
                rating=GBP_STARS.get(star, "" if star in ("", "STAR_RATING_UNSPECIFIED") else star),
                low=1, high=5, raw=review,
            )
        )  # fmt: skip
    return finish(
        name,
        items,
        settings,
        "google_business_profile",
        "JSON with reviews[].starRating words and /locations/ names",
    )


def _kiyoh_content(review: Mapping[str, Any]) -> list[dict[str, Any]]:
    content = review.get("reviewContent") or []
    flat: list[dict[str, Any]] = []
    stack = list(content) if isinstance(content, list) else []
    while stack:
        entry = stack.pop(0)
        if isinstance(entry, list):
            stack[0:0] = entry
        elif isinstance(entry, dict):
            flat.append(entry)
    return flat


def read_kiyoh(
    payload: Mapping[str, Any],
    name: str,
    settings: IngestSettings,
    fmt: str = "kiyoh",
    reason: str = "JSON with locationId and reviews[].reviewContent[].questionGroup",
    lines: Locate | None = None,
) -> IngestResult:
    """Kiyoh / Klantenvertellen publication API dump (or XML feed): 1-10 scores, text inside
    reviewContent, the company's reply (``reviewComments``) as an outbound item."""
    items: list[Draft | Problem] = []
    for number, review in enumerate(payload.get("reviews") or [], start=1):
        line = line_or(lines, ("reviews", number - 1), number)
        if not isinstance(review, dict):
            items.append(problem(name, line, say("review.not_object")))
            continue
        parts = {str(c.get("questionGroup")): c for c in _kiyoh_content(review)}
        opinion = str((parts.get("DEFAULT_OPINION") or {}).get("rating") or "")
        oneliner = str((parts.get("DEFAULT_ONELINER") or {}).get("rating") or "")
        score = review.get("rating")
        if score in (None, ""):
            score = (parts.get("DEFAULT_OVERALL") or {}).get("rating")
        items.append(
            _json_draft(
                name, line, settings, system="kiyoh", channel="review",
                record_id=str(review.get("reviewId") or f"{name}:{number}"), created=review.get("dateSince", ""),
                text=opinion, subject=oneliner, author=str(review.get("reviewAuthor") or ""),
                rating=score, low=1, high=10, raw={k: v for k, v in review.items() if k != "reviewContent"},
                language=str(review.get("reviewLanguage") or ""),
            )
        )  # fmt: skip
        reply = str(review.get("reviewComments") or "").strip()
        record_id = str(review.get("reviewId") or f"{name}:{number}")
        if reply and isinstance(items[-1], Draft):
            items.append(
                Draft(
                    line=line, source_system="kiyoh", source_record_id=record_id, part=1,
                    channel="review", direction="outbound", received_at=items[-1].received_at,
                    received_at_tz_assumed=True, text=reply, thread_id=record_id,
                    raw={"reviewId": record_id, "reviewComments": reply},
                )
            )  # fmt: skip
    return finish(name, items, settings, fmt, reason)


def kiyoh_xml_payload(data: bytes, name: str) -> dict[str, Any]:
    """The Kiyoh/Klantenvertellen XML feed (``feed.xml``) in the shape of the JSON API.

    Raises:
        IngestError: the XML cannot be parsed or declares entities (never expanded).
    """
    if b"<!ENTITY" in data[:65536] or b"<!DOCTYPE" in data[:65536]:
        raise IngestError(say("xml.entities"), file=name)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise IngestError(say("xml.unreadable", detail=str(exc)), file=name) from exc
    reviews = []
    container = root.find("reviews")
    for element in (container if container is not None else root).iter():
        if element is container or not _has_child(element, "reviewId"):
            continue
        review: dict[str, Any] = {}
        for child in element:
            if child.tag == "reviewContent":
                review["reviewContent"] = [
                    {leaf.tag: (leaf.text or "") for leaf in content}
                    for content in child.iter("reviewContent")
                    if content.find("questionGroup") is not None
                ]
            else:
                review[child.tag] = child.text or ""
        reviews.append(review)
    header = {child.tag: child.text or "" for child in root if child.tag != "reviews"}
    return {**header, "reviews": reviews}


def _has_child(element: ElementTree.Element, tag: str) -> bool:
    return any(child.tag == tag for child in element)


def looks_like_kiyoh_xml(data: bytes) -> bool:
    """An XML document with Kiyoh's ``reviewId`` and ``reviewContent``/``locationId`` elements."""
    head = data[:20000].lstrip(b"\xef\xbb\xbf \r\n\t")
    return (
        head.startswith(b"<")
        and b"<reviewId>" in head
        and (b"<locationId>" in head or b"<reviewContent>" in head)
    )


def read_feedback_company(
    payload: Mapping[str, Any], name: str, settings: IngestSettings, lines: Locate | None = None
) -> IngestResult:
    """The Feedback Company API v2 dump: ``total_score`` on 1-5, text in ``main_open``."""
    items: list[Draft | Problem] = []
    for number, review in enumerate(payload.get("reviews") or [], start=1):
        line = line_or(lines, ("reviews", number - 1), number)
        if not isinstance(review, dict):
            items.append(problem(name, line, say("review.not_object")))
            continue
        questions = [q for q in review.get("questions") or [] if isinstance(q, dict)]
        text = " ".join(
            str(q.get("value") or "") for q in questions if q.get("type") == "main_open"
        )
        client = review.get("client") or {}
        items.append(
            _json_draft(
                name, line, settings, system="feedback_company", channel="review",
                record_id=str(review.get("id") or f"{name}:{number}"), created=review.get("date_created", ""),
                text=text, subject="", author=str(client.get("name") or "") if isinstance(client, dict) else "",
                rating=review.get("total_score"), low=1, high=5, raw=review,
            )
        )  # fmt: skip
    return finish(
        name, items, settings, "feedback_company", "JSON with reviews[].total_score and questions[]"
    )


def utc_now() -> datetime:
    """Now in UTC (one place, so tests can see where import time is used)."""
    return datetime.now(UTC)
