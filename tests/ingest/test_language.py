"""Offline language detection on short feedback: a measured accuracy, not a promise of 100%."""

from __future__ import annotations

from ingest.language import detect_language, detect_languages

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
# Measured when written: 39/40 (97.5%) on these 2-6 word texts with lingua limited to nl/en/de/fr/es
# (miss: "Facture incorrecte" -> en); 3,142/3,142 texts of sample_data agree with the planted language.
# Single words are much weaker ("Hello" -> es, "Top!" -> nl): see test_single_words_are_unreliable.
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


def test_single_words_are_unreliable() -> None:
    # Documented limitation: one English word can come out as Spanish.
    assert detect_language("Hello") in {"en", "es"}
