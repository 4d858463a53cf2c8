"""Offline language detection on short feedback: a measured accuracy, not a promise of 100%."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.build import Draft, finish
from ingest.language import detect_language, detect_languages
from ingest.settings import IngestSettings

SHORT_TEXTS = {
    "nl": [
        "Levering te laat",
        "De app crasht bij inloggen",
        "Factuur klopt niet",
        "Heel vriendelijk geholpen",
        "Waar blijft mijn geld?",
        "Veel te duur",
        "Slechte kwaliteit, ging kapot",
        "Betalen lukt niet",
        "Mijn spaarpunten zijn weg",
        "Top service, snel geleverd",
        "Pakket nooit ontvangen",
        "Niet aan te raden",
    ],
    "en": [
        "Late delivery",
        "The app crashes at login",
        "Wrong invoice",
        "Very friendly support",
        "Where is my refund?",
        "Far too expensive",
        "Poor quality, it broke",
        "Payment keeps failing",
        "My loyalty points are missing",
        "Great service, fast shipping",
        "Parcel never arrived",
        "Would not recommend",
    ],
    "de": [
        "Lieferung zu spät",
        "Die App stürzt beim Anmelden ab",
        "Rechnung ist falsch",
        "Sehr freundlicher Kundendienst",
        "Wo bleibt meine Erstattung?",
        "Viel zu teuer",
        "Schlechte Qualität",
        "Bezahlung funktioniert nicht",
    ],
    "fr": [
        "Livraison en retard",
        "L'application plante à la connexion",
        "Facture incorrecte",
        "Service très aimable",
        "Où est mon remboursement ?",
        "Beaucoup trop cher",
        "Mauvaise qualité",
        "Le paiement ne fonctionne pas",
    ],
}
# Measured when written (five languages only): 39/40 (97.5%) on these 2-6 word texts. With every
# lingua language (issue 13) and "unknown" for unsure two-word texts: still 39/40 (97.5%).
MIN_ACCURACY = 0.9


def test_short_text_accuracy() -> None:
    texts = [t for texts in SHORT_TEXTS.values() for t in texts]
    truth = [lang for lang, texts in SHORT_TEXTS.items() for _ in texts]
    found = detect_languages(texts)
    correct = sum(a == b for a, b in zip(found, truth, strict=True))
    accuracy = correct / len(texts)
    print(f"language accuracy on {len(texts)} short texts: {accuracy:.1%}")
    assert accuracy >= MIN_ACCURACY, list(zip(texts, found, strict=True))


def test_no_words_gives_empty_language() -> None:
    assert detect_language("") == ""
    assert detect_language("12345 !!!") == ""
    assert detect_language("[EMAIL] [PHONE]") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("test", "", id="one-word-unknown"),
        pytest.param("Hello", "en", id="one-english-word-of-the-word-lists"),
        pytest.param("Excellent service 👏", "", id="two-words-unsure-unknown"),
        pytest.param("Late delivery", "en", id="two-words-confident"),
        pytest.param(
            "A entrega atrasou e o suporte não respondeu.", "pt", id="portuguese-not-spanish"
        ),
        pytest.param("A csomag sérülten érkezett meg hozzám.", "hu", id="hungarian-not-german"),
        pytest.param("الطلب وصل متأخرا جدا", "ar", id="arabic"),
        pytest.param("سفارش من دیر رسید", "fa", id="persian"),
        pytest.param("Zamówienie przyszło uszkodzone i nikt nie odpowiada", "pl", id="polish"),
        pytest.param("Il pacco è arrivato rotto e nessuno risponde", "it", id="italian"),
        pytest.param("Veel te duur", "nl", id="short-dutch-not-sotho"),
    ],
)
def test_languages_beyond_the_main_five_and_unknown_on_short_texts(
    text: str, expected: str
) -> None:
    assert detect_language(text) == expected


KIWIX_REPLY = (
    "Thank you for your 5 stars! To keep in touch, you can follow us on: * Twitter: "
    "https://twitter.com/KiwixOffline * Facebook: https://www.facebook.com/KiwixOffline/"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Real Google Play replies (Kiwix): the URLs made the five-language detector say German,
        # then the all-languages one Norwegian Nynorsk.
        pytest.param(KIWIX_REPLY, "en", id="english-reply-with-urls-not-nynorsk"),
        pytest.param(
            "Download it from http://download.kiwix.org/zim/wikipedia_ar_all.zim",
            "en",
            id="english-with-a-file-url-not-maori",
        ),
        pytest.param(
            "Thanks! Write to support@kiwix.org or @KiwixOffline, see kiwix.org/wiki/Content",
            "en",
            id="english-with-address-handle-and-bare-domain",
        ),
        pytest.param(
            "Bedankt voor je review! Volg ons op Twitter: https://twitter.com/DeWinkel "
            "* Facebook: https://www.facebook.com/DeWinkel/",
            "nl",
            id="dutch-reply-with-urls",
        ),
        pytest.param(
            "Ik heb gemaild naar info@winkel.nl maar geen antwoord", "nl", id="dutch-with-address"
        ),
        pytest.param("@bol_com mijn pakket is nog steeds niet bezorgd", "nl", id="dutch-tweet"),
        pytest.param(
            "Bestelling via www.winkel.nl geplaatst maar nooit ontvangen",
            "nl",
            id="dutch-with-www-domain",
        ),  # fmt: skip
        pytest.param(
            "https://www.facebook.com/KiwixOffline/ @KiwixOffline",
            "",
            id="only-links-and-handles-unknown",
        ),  # fmt: skip
    ],
)
def test_links_addresses_and_handles_are_not_read_as_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_the_stored_text_keeps_its_links() -> None:
    draft = Draft(line=1, source_system="t", source_record_id="1", channel="review",
                  received_at=datetime(2026, 3, 1, tzinfo=UTC), text=KIWIX_REPLY)  # fmt: skip
    (record,) = finish("f.csv", [draft], IngestSettings(redact=False), "t", "test").records
    assert (record.text, record.language) == (KIWIX_REPLY, "en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The light all-languages models say Latin (0.69); the accurate ones, asked between
        # Latin and the five main languages, cannot tell; its words are all English.
        pytest.param("Best Wikipedia Offline Reader!", "en", id="english-title-not-latin"),
        # An unsure answer outside the five that the check confirms stays.
        pytest.param(
            "Per avere disponibile wikipedia offline si smartphone e tablet",
            "it",
            id="unsure-italian-confirmed",
        ),
        pytest.param("Essencial para os fãs da Wikipedia.", "pt", id="portuguese-stays"),
        pytest.param("Sangat membantu karena lengkap dan offline", "id", id="indonesian-stays"),
    ],
)
def test_an_unsure_answer_outside_the_main_languages_is_checked(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        pytest.param("Ok", "pt_BR", "pt", id="too-short-uses-declared"),
        pytest.param("ok", "en", "en", id="ok-stays-declared"),
        pytest.param("Mantap", "in", "id", id="legacy-code-mapped"),
        pytest.param(
            "De levering was drie dagen te laat.", "en", "nl", id="detected-wins-over-declared"
        ),
        pytest.param("test", "", "", id="nothing-declared-stays-unknown"),
        # Real Google Play reviews (Kiwix): the declared language is the phone's locale.
        pytest.param("Good", "ar", "en", id="english-word-from-an-arabic-phone"),
        pytest.param("I like it.", "ar", "en", id="english-words-from-an-arabic-phone"),
        pytest.param("It's too perfect", "tr", "en", id="english-words-from-a-turkish-phone"),
        pytest.param(
            "အလွန်တန်ဖိုးများသော အကျိုးကျေးဇူးများသော အပလီကေးရှင်းဖြစ်ပါသည်။",
            "en",
            "my",
            id="burmese-script-from-an-english-phone",
        ),
        pytest.param(
            "使用双指放大或缩小视图后文字不会重新排版", "en", "zh", id="han-without-kana-chinese"
        ),
        pytest.param("最高", "ja", "ja", id="han-declared-japanese"),
        pytest.param("ЗэБэСэ", "ru", "ru", id="cyrillic-declared-russian"),
        pytest.param("جيد", "en", "", id="arabic-script-not-english-unknown"),
        pytest.param("رائع", "ar", "ar", id="arabic-script-declared-arabic"),
        pytest.param("Ab", "ar", "", id="latin-text-not-arabic-unknown"),
        pytest.param("Top!", "nl", "nl", id="word-of-several-languages-keeps-declared"),
        pytest.param("Merci", "en", "fr", id="word-of-one-language"),
        pytest.param("Muito bom", "es", "pt", id="portuguese-from-a-spanish-phone"),
        pytest.param("Elinize sağlık", "tr", "tr", id="unlisted-words-keep-declared"),
        pytest.param("(Y)", "en", "", id="emoticon-only-no-language"),
        pytest.param("👍👍💜", "en", "", id="emoji-only-no-language"),
        pytest.param("10/10", "ru", "", id="digits-only-no-language"),
    ],
)
def test_declared_language_is_the_fallback(text: str, declared: str, expected: str) -> None:
    # An emoji-only review has no language whatever its phone is set to: it is stored as a
    # rating-only review, as a review without text is (whose language is empty too).
    draft = Draft(line=1, source_system="t", source_record_id="1", channel="review",
                  received_at=datetime(2026, 3, 1, tzinfo=UTC), text=text, declared_language=declared)  # fmt: skip
    (record,) = finish("f.csv", [draft], IngestSettings(redact=False), "t", "test").records
    assert record.language == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Placeholders and the handle are left out of what the detectors read; "Mail ons op of
        # via Twitter" read as English (0.5+); every word is Dutch or shared with Dutch.
        pytest.param(
            "Mail ons op [EMAIL] of via Twitter @winkelvoorbeeld", "nl", id="dutch-placeholders"
        ),
        pytest.param("Bel ons op [PHONE] of via @klantenservice", "nl", id="dutch-phone-handle"),
        pytest.param("Mail us at [EMAIL] or via Twitter @shop", "en", id="english-placeholders"),
        pytest.param("Viel zu teuer", "de", id="german-not-dutch"),
    ],
)
def test_short_texts_whose_words_are_one_languages(text: str, expected: str) -> None:
    assert detect_language(text) == expected
