"""Seeded generator of realistic feedback exports with planted themes.

Run: ``.venv/bin/python sample_data/generate.py [--out DIR]`` (default: this folder).
Writes five exports in real formats, ``truth.csv.gz`` (the theme of every item the reader will
produce) and ``planted.toml`` (the planted spike and late theme). Same seed, same bytes. The
truth files have suffixes no export has, so ``klantstem import sample_data/*`` skips them.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import quopri
import random
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from themes import (  # noqa: E402
    CLOSERS,
    CONTEXT,
    FIRST_NAMES,
    LAST_NAMES,
    OPENERS,
    PERSONAL,
    REVIEW_TAILS,
    REVIEW_TITLES,
    SLOTS,
    SUBJECTS,
    THEME_STARS,
    THEMES,
)

from ingest.mapping import row_key  # noqa: E402
from ingest.schema import make_record_id  # noqa: E402

SEED = 20261123
YEAR = 2026
WEEKS = list(range(22, 48))  # 26 ISO weeks, the last complete one is 2026-W47
LOCAL = ZoneInfo("Europe/Amsterdam")
SPIKE = {"theme": "checkout_error", "channel": "app_review", "week": "2026-W40"}
LATE_THEME = {"theme": "loyalty_points", "first_week": "2026-W44"}
LATE_WEEKS = range(44, 48)
BASE_THEMES = [t for t in THEMES if t != LATE_THEME["theme"]]

FILES = {
    "email": "klantenservice.mbox",
    "review": "trustpilot_reviews.csv",
    "app_review": "reviews_nl.voorbeeldshop.app_2026.csv",
    "ticket": "zendesk_tickets.json",
    "survey": "klanttevredenheid_export.csv",
}
# Items per week per channel, and the share of Dutch texts.
PER_WEEK = {"email": 23, "review": 27, "app_review": 25, "ticket": 17, "survey": 15}
DUTCH_SHARE = {"email": 0.65, "review": 0.55, "app_review": 0.5, "ticket": 0.5, "survey": 0.85}
STAR_ONLY_PER_WEEK = 10
THEME_WEIGHTS = {
    "email": {
        "late_delivery": 3,
        "wrong_invoice": 3,
        "refund_process": 3,
        "friendly_support": 2,
        "product_quality": 2,
        "price": 1,
        "checkout_error": 1,
        "app_crash_login": 1,
    },
    "review": {
        "late_delivery": 3,
        "friendly_support": 3,
        "product_quality": 3,
        "price": 2,
        "refund_process": 2,
        "wrong_invoice": 1,
        "checkout_error": 1,
        "app_crash_login": 0.5,
    },
    "app_review": {
        "app_crash_login": 4,
        "checkout_error": 3,
        "friendly_support": 1,
        "price": 1,
        "product_quality": 1,
        "late_delivery": 1,
        "refund_process": 0.5,
        "wrong_invoice": 0.5,
    },
    "ticket": {
        "wrong_invoice": 3,
        "refund_process": 3,
        "late_delivery": 2,
        "checkout_error": 2,
        "app_crash_login": 2,
        "friendly_support": 1,
        "product_quality": 1,
        "price": 0.5,
    },
    "survey": {
        "friendly_support": 3,
        "price": 3,
        "product_quality": 3,
        "late_delivery": 2,
        "refund_process": 1,
        "wrong_invoice": 1,
        "checkout_error": 1,
        "app_crash_login": 0.5,
    },
}
LATE_THEME_PER_WEEK = {"email": 4, "review": 3, "app_review": 5, "ticket": 3, "survey": 2}
SHOP = "Voorbeeldshop"
SHOP_ADDR = {"nl": "service@voorbeeldshop.nl", "en": "support@voorbeeldshop.nl"}
PACKAGE = "nl.voorbeeldshop.app"

NL_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
NL_MONTHS_SHORT = [
    "jan",
    "feb",
    "mrt",
    "apr",
    "mei",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
]
NL_DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
NL_DAYS_SHORT = ["ma", "di", "wo", "do", "vr", "za", "zo"]
EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Item:
    """One planted piece of feedback before it is written in a channel's format."""

    channel: str
    theme: str
    language: str
    local_time: datetime
    text: str
    subject: str
    stars: int
    first: str
    last: str


# ---------------------------------------------------------------- fake personal data


def fake_iban(rng: random.Random, spaced: bool) -> str:
    bank = rng.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB"])
    account = "".join(rng.choice("0123456789") for _ in range(10))
    digits = "".join(str(int(c, 36)) for c in f"{bank}{account}NL00")
    check = 98 - int(digits) % 97
    iban = f"NL{check:02d}{bank}{account}"
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if spaced else iban


def fake_bsn(rng: random.Random) -> str:
    while True:
        head = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        last = sum(d * (9 - i) for i, d in enumerate(head)) % 11
        if last < 10:
            return "".join(map(str, head)) + str(last)


def fake_card(rng: random.Random) -> str:
    digits = [4] + [rng.randint(0, 9) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    digits.append((10 - total % 10) % 10)
    text = "".join(map(str, digits))
    return " ".join(text[i : i + 4] for i in range(0, 16, 4))


def fake_phone(rng: random.Random) -> str:
    n = lambda k: "".join(rng.choice("0123456789") for _ in range(k))  # noqa: E731
    return rng.choice(
        [
            f"06-{n(8)}",
            f"06 {n(8)}",
            f"+31 6 {n(4)} {n(4)}",
            f"+31 20 {n(3)} {n(4)}",
            f"020-{n(7)}",
            f"+44 20 7946 {n(4)}",
            f"+49 30 {n(8)}",
        ]
    )


def fake_postcode(rng: random.Random) -> str:
    return f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRTVWXZ')}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}"


def fake_email(rng: random.Random, first: str, last: str) -> str:
    local = f"{first}.{last}".lower().replace(" ", "")
    return f"{local}{rng.randint(1, 99)}@example.{rng.choice(['nl', 'com', 'org'])}"


# ---------------------------------------------------------------- texts


def fill(rng: random.Random, template: str, lang: str, first: str, last: str) -> str:
    values: dict[str, str] = {}
    for key, options in SLOTS[lang].items():
        # "loopt|vast": a Dutch separable verb, whose particle goes to the clause's end
        # ("loopt de app vast"): {key} is "loopt vast", {key_verb} "loopt", {key_rest} " vast".
        verb, _, rest = rng.choice(options).partition("|")
        choice = f"{verb} {rest}" if rest else verb
        values[key] = choice
        values[key.capitalize()] = choice[:1].upper() + choice[1:]
        values[f"{key}_verb"], values[f"{key}_rest"] = verb, f" {rest}" if rest else ""
    values.update(
        n=str(rng.randint(2, 9)),
        price=f"{rng.randint(15, 180)},{rng.choice(['00', '95', '99', '50'])}",
        price2=f"{rng.randint(10, 120)},{rng.choice(['00', '95', '50'])}",
        ordernr=f"{rng.randint(100000, 999999)}",
        email=fake_email(rng, first, last),
        phone=fake_phone(rng),
        iban=fake_iban(rng, rng.random() < 0.5),
        postcode=fake_postcode(rng),
        card=fake_card(rng),
        bsn=fake_bsn(rng),
    )
    values["day"] = rng.choice(SLOTS[lang]["day"])
    return template.format(**values)


def compose(rng: random.Random, theme: str, lang: str, long: bool, first: str, last: str) -> str:
    templates = THEMES[theme][lang]
    picks = rng.sample(templates, 2 if rng.random() < 0.5 else 1)
    sentences = [fill(rng, t, lang, first, last) for t in picks]
    if long and rng.random() < 0.5:
        sentences.insert(
            rng.randint(0, len(sentences)), fill(rng, rng.choice(CONTEXT[lang]), lang, first, last)
        )
    if rng.random() < (0.2 if long else 0.06):
        sentences.append(fill(rng, rng.choice(PERSONAL[lang]), lang, first, last))
    return " ".join(sentences)


def plan_items(rng: random.Random) -> list[Item]:
    items: list[Item] = []
    for week in WEEKS:
        monday = date.fromisocalendar(YEAR, week, 1)
        for channel, per_week in PER_WEEK.items():
            weights = THEME_WEIGHTS[channel]
            count = max(1, per_week + rng.randint(-4, 4))
            themes = rng.choices(list(weights), weights=list(weights.values()), k=count)
            if f"{YEAR}-W{week}" == SPIKE["week"] and channel == SPIKE["channel"]:
                usual = per_week * weights[SPIKE["theme"]] / sum(weights.values())
                themes += [SPIKE["theme"]] * round(2.5 * usual)
            if week in LATE_WEEKS:
                themes += [LATE_THEME["theme"]] * (
                    LATE_THEME_PER_WEEK[channel] + rng.randint(-1, 1)
                )
            for theme in themes:
                lang = "nl" if rng.random() < DUTCH_SHARE[channel] else "en"
                when = datetime(
                    monday.year,
                    monday.month,
                    monday.day,
                    rng.randint(8, 20),
                    rng.randint(0, 59),
                    rng.randint(0, 59),
                    tzinfo=LOCAL,
                ) + timedelta(days=rng.randint(0, 6))
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                long = channel in ("email", "ticket")
                text = compose(rng, theme, lang, long, first, last)
                low, high = THEME_STARS[theme]
                items.append(
                    Item(
                        channel,
                        theme,
                        lang,
                        when,
                        text,
                        rng.choice(SUBJECTS[theme][lang]),
                        rng.randint(low, high),
                        first,
                        last,
                    )
                )
    items.sort(key=lambda i: i.local_time)
    return items


def iso_week(when: datetime) -> str:
    year, week, _ = when.astimezone(UTC).isocalendar()
    return f"{year}-W{week:02d}"


# ---------------------------------------------------------------- e-mail (mbox)


def company_reply(lang: str, first: str) -> str:
    if lang == "nl":
        return (
            f"Beste {first},\n\nBedankt voor je bericht. We hebben je vraag doorgestuurd naar de juiste afdeling "
            f"en nemen binnen twee werkdagen contact met je op.\n\nMet vriendelijke groet,\nTeam {SHOP}"
        )
    return (
        f"Dear {first},\n\nThank you for your message. We have passed your question on to the right team "
        f"and will get back to you within two working days.\n\nKind regards,\nThe {SHOP} team"
    )


def quote_block(rng: random.Random, item: Item, earlier: datetime) -> str:
    lang, name = item.language, f"{item.first} {item.last}"
    reply = company_reply(lang, item.first)
    quoted = "\n".join("> " + line if line else ">" for line in reply.split("\n"))
    sender = f"Klantenservice {SHOP} <{SHOP_ADDR[lang]}>"
    hm = earlier.strftime("%H:%M")
    if lang == "nl":
        style = rng.randint(0, 3)
        if style == 0:
            header = f"Op {NL_DAYS_SHORT[earlier.weekday()]} {earlier.day} {NL_MONTHS_SHORT[earlier.month - 1]} {earlier.year} om {hm} schreef {sender}:"
            if rng.random() < 0.5:
                header = header.replace(f" schreef {sender}:", f" schreef\n{sender}:")
            return f"{header}\n\n{quoted}"
        if style == 1:
            return f"Op {earlier.day} {NL_MONTHS_SHORT[earlier.month - 1]} {earlier.year} om {hm} heeft {sender} het volgende geschreven:\n\n{quoted}"
        if style == 2:
            return (
                f"Van: Klantenservice {SHOP} [mailto:{SHOP_ADDR[lang]}]\n"
                f"Verzonden: {NL_DAYS[earlier.weekday()]} {earlier.day} {NL_MONTHS[earlier.month - 1]} {earlier.year} {hm}\n"
                f"Aan: {name}\nOnderwerp: RE: {item.subject}\n\n{reply}"
            )
        return f"-----Oorspronkelijk bericht-----\nVan: {sender}\nVerzonden: {earlier:%d-%m-%Y %H:%M}\nAan: {name}\nOnderwerp: {item.subject}\n\n{reply}"
    style = rng.randint(0, 2)
    twelve = earlier.strftime("%I:%M %p").lstrip("0")
    if style == 0:
        return f"On {EN_DAYS[earlier.weekday()]}, {EN_MONTHS[earlier.month - 1]} {earlier.day}, {earlier.year} at {twelve} {SHOP} Support <{SHOP_ADDR[lang]}> wrote:\n\n{quoted}"
    if style == 1:
        return (
            f"________________________________\nFrom: {SHOP} Support <{SHOP_ADDR[lang]}>\n"
            f"Sent: {earlier:%A, %B} {earlier.day}, {earlier.year} {twelve}\nTo: {name}\nSubject: RE: {item.subject}\n\n{reply}"
        )
    return f"-----Original Message-----\nFrom: {SHOP} Support [mailto:{SHOP_ADDR[lang]}]\nSent: {earlier:%d %B %Y %H:%M}\nTo: {name}\nSubject: {item.subject}\n\n{reply}"


def signature(rng: random.Random, item: Item) -> str:
    name = f"{item.first} {item.last}"
    options = {
        "nl": [
            f"Met vriendelijke groeten,\n{name}",
            f"Groeten,\n{item.first}",
            f"Mvg,\n{name}",
            "Verstuurd vanaf mijn iPhone",
            f"-- \n{name}\n{fake_phone(rng)}",
            "Verzonden vanaf Outlook voor Android",
            "",
        ],
        "en": [
            f"Kind regards,\n{name}",
            f"Best regards,\n{item.first}",
            "Sent from my iPhone",
            f"-- \n{name}\n{fake_phone(rng)}",
            "Get Outlook for iOS<https://aka.ms/o0ukef>",
            "",
        ],
    }
    return rng.choice(options[item.language])


def rfc5322(when: datetime) -> str:
    offset = when.strftime("%z")
    return f"{EN_DAYS[when.weekday()]}, {when.day:02d} {EN_MONTHS[when.month - 1]} {when.year} {when:%H:%M:%S} {offset}"


def html_body(paragraphs: list[str], quote: str) -> str:
    parts = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>\n" for p in paragraphs if p)
    if quote:
        quote_html = (
            quote.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\n", "<br>\n")
        )
        parts += f'<div class="gmail_quote"><blockquote style="margin:0 0 0 .8ex">{quote_html}</blockquote></div>\n'
    return f'<html><head><meta charset="utf-8"></head><body>\n{parts}</body></html>'


def email_message(rng: random.Random, item: Item, index: int) -> tuple[bytes, str]:
    lang = item.language
    opener, closer = rng.choice(OPENERS[lang]), rng.choice(CLOSERS[lang])
    sig = signature(rng, item)
    is_reply = rng.random() < 0.45
    quote = (
        quote_block(
            rng, item, item.local_time - timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 5))
        )
        if is_reply
        else ""
    )
    paragraphs = [p for p in (opener, item.text, closer, sig) if p]
    plain = "\n\n".join(paragraphs) + ("\n\n" + quote if quote else "") + "\n"
    address = fake_email(rng, item.first, item.last)
    message_id = f"{rng.getrandbits(64):016x}.{index}@mail.example.{rng.choice(['nl', 'com'])}"
    subject = ("Re: " if is_reply else "") + item.subject
    headers = [
        f"Return-Path: <{address}>",
        f"Message-ID: <{message_id}>",
        f"Date: {rfc5322(item.local_time)}",
        f'From: "{item.first} {item.last}" <{address}>',
        f"To: Klantenservice {SHOP} <{SHOP_ADDR[lang]}>",
        f"Subject: {subject}",
        "MIME-Version: 1.0",
    ]
    style = rng.random()
    if style < 0.35:
        boundary = f"000000000000{rng.getrandbits(48):012x}"
        html = html_body(paragraphs, quote)
        headers.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        body = (
            f'--{boundary}\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
            + quopri.encodestring(plain.encode("utf-8")).decode("ascii")
            + f'\n--{boundary}\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
            + quopri.encodestring(html.encode("utf-8")).decode("ascii")
            + f"\n--{boundary}--\n"
        )
    elif style < 0.6:
        headers += [
            'Content-Type: text/plain; charset="utf-8"',
            "Content-Transfer-Encoding: quoted-printable",
        ]
        body = quopri.encodestring(plain.encode("utf-8")).decode("ascii")
    else:
        headers += ['Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: 8bit"]
        body = plain
    body = "\n".join(">" + line if line.startswith("From ") else line for line in body.split("\n"))
    from_line = f"From {address} {item.local_time.astimezone(UTC):%a %b %d %H:%M:%S %Y}"
    raw = from_line + "\n" + "\n".join(headers) + "\n\n" + body.rstrip("\n") + "\n\n"
    return raw.encode("utf-8"), message_id


# ---------------------------------------------------------------- writers


def write_mbox(
    rng: random.Random, items: list[Item], out: Path, truth: list[dict[str, str]]
) -> None:
    chunks = []
    for index, item in enumerate(items):
        raw, message_id = email_message(rng, item, index)
        chunks.append(raw)
        truth.append(_truth(make_record_id("email", message_id), FILES["email"], item))
    (out / FILES["email"]).write_bytes(b"".join(chunks))


def write_trustpilot(
    rng: random.Random, items: list[Item], out: Path, truth: list[dict[str, str]]
) -> None:
    header = [
        "Review ID",
        "Review Created (UTC)",
        "Review Consumer User ID",
        "Review Username",
        "Review Title",
        "Review Content",
        "Review Stars",
        "Source Of Review",
        "Review Language",
        "Domain URL",
        "Webshop Name",
        "Business Unit ID",
        "Tags",
        "Company Reply Date (UTC)",
        "Location Name",
        "Location ID",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for item in items:
        review_id = f"{rng.getrandbits(96):024x}"
        mood = "pos" if item.stars >= 4 else "neg"
        tail = rng.choice(REVIEW_TAILS[mood][item.language])
        created = item.local_time.astimezone(UTC)
        reply = (
            (created + timedelta(hours=rng.randint(2, 60))).strftime("%Y-%m-%d %H:%M:%S")
            if rng.random() < 0.3
            else ""
        )
        writer.writerow(
            [
                review_id,
                created.strftime("%Y-%m-%d %H:%M:%S"),
                f"{rng.getrandbits(96):024x}",
                f"{item.first} {item.last[:1]}.",
                rng.choice(REVIEW_TITLES[mood][item.language]),
                f"{item.text} {tail}".strip(),
                item.stars,
                rng.choice(["Organic", "Invitation", "Automatic invitation"]),
                item.language,
                "https://www.voorbeeldshop.nl",
                SHOP,
                "5f3c2a1b9d8e7f6a5b4c3d2e",
                "",
                reply,
                "",
                "",
            ]
        )
        truth.append(_truth(make_record_id("trustpilot", review_id), FILES["review"], item))
    (out / FILES["review"]).write_bytes(buffer.getvalue().encode("utf-8"))


def write_google_play(
    rng: random.Random, items: list[Item], out: Path, truth: list[dict[str, str]]
) -> None:
    header = [
        "Package Name",
        "App Version Code",
        "App Version Name",
        "Reviewer Language",
        "Device",
        "Review Submit Date and Time",
        "Review Submit Millis Since Epoch",
        "Review Last Update Date and Time",
        "Review Last Update Millis Since Epoch",
        "Star Rating",
        "Review Title",
        "Review Text",
        "Developer Reply Date and Time",
        "Developer Reply Millis Since Epoch",
        "Developer Reply Text",
        "Review Link",
    ]
    devices = [
        "a5y17lte",
        "hero2lte",
        "OnePlus7",
        "starlte",
        "sunfish",
        "panther",
        "beyond1",
        "a52q",
    ]
    rows: list[tuple[datetime, list[str], dict[str, str]]] = []
    for item in items:
        when = item.local_time.astimezone(UTC)
        review_id = "gp:AOqpTO" + "".join(
            rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            for _ in range(80)
        )
        link = f"http://play.google.com/apps/publish?account=7365012281034587211#ReviewDetailsPlace:p={PACKAGE}&reviewid={review_id}"
        device_lang = item.language if rng.random() < 0.85 else rng.choice(["en", "nl", "de"])
        rows.append(
            (
                when,
                _play_row(rng, when, device_lang, rng.choice(devices), item.stars, item.text, link),
                _truth(make_record_id("google_play", review_id), FILES["app_review"], item),
            )
        )
    for week in WEEKS:
        monday = date.fromisocalendar(YEAR, week, 1)
        for _ in range(STAR_ONLY_PER_WEEK + rng.randint(-3, 3)):
            local = datetime(
                monday.year,
                monday.month,
                monday.day,
                rng.randint(8, 20),
                rng.randint(0, 59),
                rng.randint(0, 59),
                tzinfo=LOCAL,
            )
            when = (local + timedelta(days=rng.randint(0, 6))).astimezone(UTC)
            when += timedelta(milliseconds=rng.randint(0, 999))
            stars = rng.choice([1, 2, 3, 4, 5, 5, 5, 4])
            lang = rng.choice(["nl", "nl", "en"])
            source_id = f"{PACKAGE}:{int(when.timestamp() * 1000)}"
            entry = {
                "item_id": make_record_id("google_play", source_id),
                "file": FILES["app_review"],
                "theme": "",
                "channel": "app_review",
                "language": "",
                "week": iso_week(when),
            }
            rows.append(
                (when, _play_row(rng, when, lang, rng.choice(devices), stars, "", ""), entry)
            )
    rows.sort(key=lambda r: r[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for _, row, entry in rows:
        writer.writerow(row)
        truth.append(entry)
    (out / FILES["app_review"]).write_bytes(
        "\ufeff".encode("utf-16-le") + buffer.getvalue().encode("utf-16-le")
    )


def _play_row(
    rng: random.Random, when: datetime, lang: str, device: str, stars: int, text: str, link: str
) -> list[str]:
    millis = str(int(when.timestamp() * 1000))
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    version = rng.choice([("412", "4.12.0"), ("415", "4.15.1"), ("420", "4.20.0"), ("", "")])
    return [
        PACKAGE,
        version[0],
        version[1],
        lang,
        device,
        stamp,
        millis,
        stamp,
        millis,
        str(stars),
        "",
        text,
        "",
        "",
        "",
        link,
    ]


def write_zendesk(
    rng: random.Random, items: list[Item], out: Path, truth: list[dict[str, str]]
) -> None:
    lines = []
    for number, item in enumerate(items, start=4101):
        created = item.local_time.astimezone(UTC)
        requester = 360000000000 + rng.randint(10**6, 10**7)
        agent = 360000000000 + rng.choice([11, 12, 13])
        comment_id = 9000000000 + number * 10
        greeting = rng.choice(OPENERS[item.language])
        sig = rng.choice(
            [
                "",
                f"\n\nMet vriendelijke groet,\n{item.first} {item.last}"
                if item.language == "nl"
                else f"\n\nKind regards,\n{item.first} {item.last}",
            ]
        )
        body = (f"{greeting}\n\n" if greeting else "") + item.text + sig
        stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
        via = rng.choice(["email", "web", "mobile"])
        ticket = {
            "url": f"https://voorbeeldshop.zendesk.com/api/v2/tickets/{number}.json",
            "id": number,
            "external_id": None,
            "via": {"channel": via},
            "created_at": stamp,
            "updated_at": (created + timedelta(hours=rng.randint(1, 72))).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            "type": rng.choice(["question", "problem", "incident"]),
            "subject": item.subject,
            "raw_subject": item.subject,
            "description": body,
            "priority": rng.choice(["low", "normal", "normal", "high"]),
            "status": rng.choice(["open", "pending", "solved", "closed"]),
            "requester_id": requester,
            "submitter_id": requester,
            "assignee_id": agent,
            "group_id": 360000100001,
            "tags": sorted({item.language, rng.choice(["webshop", "app", "betaling", "levering"])}),
            "satisfaction_rating": {"score": rng.choice(["offered", "unoffered", "good", "bad"])},
            "comments": [
                {
                    "id": comment_id,
                    "type": "Comment",
                    "author_id": requester,
                    "body": body,
                    "html_body": '<div class="zd-comment"><p>'
                    + body.replace("\n\n", "</p><p>").replace("\n", "<br>")
                    + "</p></div>",
                    "plain_body": body,
                    "public": True,
                    "created_at": stamp,
                    "via": {"channel": via},
                }
            ],
        }
        lines.append(json.dumps({"ticket": ticket}, ensure_ascii=False))
        truth.append(
            _truth(make_record_id("zendesk", f"{number}:{comment_id}"), FILES["ticket"], item)
        )
    (out / FILES["ticket"]).write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def write_dutch_csv(
    rng: random.Random, items: list[Item], out: Path, truth: list[dict[str, str]]
) -> None:
    header = ["Datum", "Klantnaam", "Onderwerp", "Opmerking", "Cijfer", "Kanaal"]
    lines = [";".join(header)]
    for item in items:
        low, high = THEME_STARS[item.theme]
        cells = [
            item.local_time.strftime("%d-%m-%Y %H:%M"),
            f"{item.first} {item.last}",
            item.subject,
            item.text,
            str(rng.randint(low * 2 - 1, high * 2)),
            "Enquête",
        ]
        lines.append(";".join(f'"{c}"' if ";" in c or '"' in c else c for c in cells))
        truth.append(_truth(make_record_id("generic_csv", row_key(cells)), FILES["survey"], item))
    (out / FILES["survey"]).write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def _truth(item_id: str, file: str, item: Item) -> dict[str, str]:
    return {
        "item_id": item_id,
        "file": file,
        "theme": item.theme,
        "channel": item.channel,
        "language": item.language,
        "week": iso_week(item.local_time),
    }


def generate(out: Path, seed: int = SEED) -> None:
    """Write every sample file into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    items = plan_items(rng)
    by_channel = {c: [i for i in items if i.channel == c] for c in FILES}
    truth: list[dict[str, str]] = []
    write_mbox(rng, by_channel["email"], out, truth)
    write_trustpilot(rng, by_channel["review"], out, truth)
    write_google_play(rng, by_channel["app_review"], out, truth)
    write_zendesk(rng, by_channel["ticket"], out, truth)
    write_dutch_csv(rng, by_channel["survey"], out, truth)
    ids = [t["item_id"] for t in truth]
    assert len(ids) == len(set(ids)), "duplicate item ids in the planted truth"
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=["item_id", "file", "theme", "channel", "language", "week"],
        lineterminator="\n",
    )
    writer.writeheader()
    writer.writerows(truth)
    # mtime=0: the gzip header carries no timestamp, so the bytes are the same every run.
    (out / "truth.csv.gz").write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0))
    planted = {
        "spike": SPIKE,
        "late_theme": LATE_THEME,
        "themes": sorted(THEMES),
        "weeks": [f"{YEAR}-W{WEEKS[0]}", f"{YEAR}-W{WEEKS[-1]}"],
        "seed": seed,
    }
    (out / "planted.toml").write_text(_toml(planted), encoding="utf-8")


def _toml(data: dict[str, object]) -> str:
    """A flat TOML document: scalars and lists first, then one table per dict (read with
    ``tomllib``; JSON string escapes are valid TOML basic strings)."""
    lines = [f"{k} = {json.dumps(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for key, table in data.items():
        if isinstance(table, dict):
            lines += ["", f"[{key}]", *(f"{k} = {json.dumps(v)}" for k, v in table.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=HERE, help="folder to write into (default: sample_data/)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    generate(args.out, args.seed)


if __name__ == "__main__":
    main()
