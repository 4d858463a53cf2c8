"""Redaction of Dutch and English personal data, and look-alikes that must stay."""

from __future__ import annotations

import pytest

from ingest.privacy import (
    bsn_is_valid,
    iban_is_valid,
    luhn_is_valid,
    pseudonym,
    redact,
    redact_identifier,
)
from tests.ingest.privacy_cases import MUST_REDACT, MUST_STAY, MustRedact, MustStay

CASES = [
    # e-mail
    pytest.param(
        "Mail me at jan.jansen@example.nl please", "Mail me at [EMAIL] please", id="email-nl"
    ),
    pytest.param(
        "contact: a.b+tag@sub.example.co.uk.", "contact: [EMAIL].", id="email-plus-subdomain"
    ),
    pytest.param(
        "Mijn adres is Piet_de-Vries@voorbeeld.com", "Mijn adres is [EMAIL]", id="email-underscore"
    ),
    pytest.param(
        "twitter @klantstem is niet privé", "twitter @klantstem is niet privé", id="handle-stays"
    ),
    # phones
    pytest.param("Bel me op 06-12345678", "Bel me op [PHONE]", id="mobile-dash"),
    pytest.param("Bel me op 0612345678.", "Bel me op [PHONE].", id="mobile-compact"),
    pytest.param("call +31 6 1234 5678 today", "call [PHONE] today", id="plus31-mobile"),
    pytest.param("tel +31 (0)20 123 4567", "tel [PHONE]", id="plus31-trunk"),
    pytest.param("tel. 020-1234567", "tel. [PHONE]", id="amsterdam-landline"),
    pytest.param("0031 10 1234567 is mijn nummer", "[PHONE] is mijn nummer", id="0031-prefix"),
    pytest.param("UK: +44 20 7946 0958", "UK: [PHONE]", id="international-uk"),
    pytest.param("DE +49 30 12345678", "DE [PHONE]", id="international-de"),
    pytest.param(
        "06 12 34 56 78 graag terugbellen", "[PHONE] graag terugbellen", id="mobile-pairs"
    ),
    # IBAN
    pytest.param("IBAN NL91ABNA0417164300 graag", "IBAN [IBAN] graag", id="iban-compact"),
    pytest.param("IBAN NL91 ABNA 0417 1643 00.", "IBAN [IBAN].", id="iban-spaced"),
    pytest.param("my account DE89370400440532013000", "my account [IBAN]", id="iban-german"),
    pytest.param("rekening nl91abna0417164300", "rekening [IBAN]", id="iban-lowercase"),
    pytest.param(
        "code NL92ABNA0417164300 fout", "code NL92ABNA0417164300 fout", id="iban-bad-checksum-stays"
    ),
    # BSN
    pytest.param("Mijn BSN is 111222333.", "Mijn BSN is [BSN].", id="bsn-valid"),
    pytest.param("BSN 1112.22.333 graag", "BSN [BSN] graag", id="bsn-dotted"),
    pytest.param(
        "bestelling 123456789 is zoek",
        "bestelling 123456789 is zoek",
        id="nine-digits-not-11-proef",
    ),
    # postcode
    pytest.param(
        "Adres: Dorpsstraat 1, 1234 AB Utrecht",
        "Adres: Dorpsstraat 1, [POSTCODE] Utrecht",
        id="postcode-space",
    ),
    pytest.param("postcode 3511LX", "postcode [POSTCODE]", id="postcode-compact"),
    pytest.param("in 2026 EN 2027 niet", "in 2026 EN 2027 niet", id="postcode-like-year-and-word"),
    pytest.param("1500 MB geheugen", "1500 MB geheugen", id="megabytes-stay"),
    pytest.param("3 mrt 2026 om 14:05", "3 mrt 2026 om 14:05", id="dutch-date-stays"),
    # cards
    pytest.param("kaart 4111 1111 1111 1111 gebruikt", "kaart [CARD] gebruikt", id="visa-spaced"),
    pytest.param("card 5500-0000-0000-0004", "card [CARD]", id="mastercard-dashes"),
    pytest.param("card 378282246310005 ok", "card [CARD] ok", id="amex"),
    pytest.param("tracking 4111111111111112", "tracking 4111111111111112", id="luhn-invalid-stays"),
    # things that must stay
    pytest.param("Order #1234567 was late", "Order #1234567 was late", id="order-number"),
    pytest.param("bestelnummer 576844 graag", "bestelnummer 576844 graag", id="bestelnummer"),
    pytest.param("het kostte € 49,95", "het kostte € 49,95", id="price-euro"),
    pytest.param("prijs 1.987,55 euro", "prijs 1.987,55 euro", id="price-thousands"),
    pytest.param("EUR 120.00 charged", "EUR 120.00 charged", id="price-eur"),
    pytest.param("geleverd op 31-12-2026", "geleverd op 31-12-2026", id="dutch-date"),
    pytest.param(
        "geleverd op 05-10-2026 14:05", "geleverd op 05-10-2026 14:05", id="dutch-date-time"
    ),
    pytest.param("on 2026-11-16T10:00:00Z", "on 2026-11-16T10:00:00Z", id="iso-date"),
    pytest.param("versie 4.12.0 crasht", "versie 4.12.0 crasht", id="app-version"),
    pytest.param("foutcode 500 bij afrekenen", "foutcode 500 bij afrekenen", id="error-code"),
    pytest.param("ik wacht al 14 dagen", "ik wacht al 14 dagen", id="small-number"),
    # mixed
    pytest.param(
        "Jan (jan@example.nl, 06-98765432) IBAN NL91ABNA0417164300",
        "Jan ([EMAIL], [PHONE]) IBAN [IBAN]",
        id="mixed-nl",
    ),
    pytest.param(
        "Order 123456, refund to NL91 ABNA 0417 1643 00 please",
        "Order 123456, refund to [IBAN] please",
        id="order-and-iban",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len(MUST_REDACT) >= 75 and len(MUST_STAY) >= 75


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in MUST_REDACT])
def test_personal_value_as_typed_is_redacted(case: MustRedact) -> None:
    redacted = redact(case.text)
    assert case.secret not in redacted
    assert case.placeholder in redacted


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in MUST_STAY])
def test_look_alike_stays(case: MustStay) -> None:
    assert redact(case.text) == case.text


@pytest.mark.parametrize(
    ("value", "kept", "gone"),
    [
        pytest.param("<1700.x@mail.jan.nl>", "<", "jan", id="message-id-without-address"),
        pytest.param(
            "<a.1@host.example.com> <b.2@host.example.com>", " ", "example", id="references"
        ),
        pytest.param("export van piet@bedrijf.nl.csv", "export van ", "piet", id="file-name"),
        pytest.param("ticket-1234", "ticket-1234", "@", id="no-address-unchanged"),
        pytest.param(
            "WhatsApp Chat with +31 6 12345678", "WhatsApp Chat with ", "12345678", id="chat"
        ),
        pytest.param("<20261116101200.1234@x>", "<20261116101200.1234@", "none", id="stamp"),
    ],
)
def test_addresses_in_identifiers_become_keyed_hashes(value: str, kept: str, gone: str) -> None:
    scrubbed = redact_identifier(value, b"k")
    assert kept in scrubbed and gone not in scrubbed
    assert scrubbed == redact_identifier(value, b"k")  # stable: threads stay linked


@pytest.mark.parametrize(
    ("check", "value", "valid"),
    [
        pytest.param(iban_is_valid, "NL91ABNA0417164300", True, id="iban-ok"),
        pytest.param(iban_is_valid, "NL91ABNA0417164301", False, id="iban-bad"),
        pytest.param(bsn_is_valid, "111222333", True, id="bsn-ok"),
        pytest.param(bsn_is_valid, "111222334", False, id="bsn-bad"),
        pytest.param(luhn_is_valid, "4111111111111111", True, id="luhn-ok"),
        pytest.param(luhn_is_valid, "0000000000000000", False, id="luhn-all-zero"),
    ],
)
def test_checksums(check, value: str, valid: bool) -> None:  # type: ignore[no-untyped-def]
    assert check(value) is valid


def test_pseudonym_is_keyed_stable_and_prefers_the_address() -> None:
    one = pseudonym(b"k1", '"Jan Jansen" <Jan@Example.nl>')
    assert one == pseudonym(b"k1", "jan@example.nl")
    assert one != pseudonym(b"k2", "jan@example.nl")
    assert "jan" not in one and len(one) == 16
    assert pseudonym(b"k1", "") == ""
