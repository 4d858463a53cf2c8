"""The redaction table: personal data as people type it (must go) and look-alikes (must stay).

Values are made up but pass their checksums (11-proef, Luhn, IBAN mod 97), so they are what
the redactor must catch. Shared by the unit test, the workspace-file scan and
``benchmarks/privacy.py``.
"""

from __future__ import annotations

from typing import NamedTuple


class MustRedact(NamedTuple):
    id: str
    text: str
    secret: str  # the exact personal value that must not survive
    placeholder: str


class MustStay(NamedTuple):
    id: str
    text: str


R = MustRedact
MUST_REDACT: list[MustRedact] = [
    # e-mail
    R("email-nl", "Mail me at jan.jansen@example.nl please", "jan.jansen@example.nl", "[EMAIL]"),
    R("email-comma", "mail: p.bakker@ziggo.nl, of bel", "p.bakker@ziggo.nl", "[EMAIL]"),
    R("email-angle", "From <klant.123@gmail.com> wrote", "klant.123@gmail.com", "[EMAIL]"),
    R(
        "email-plus",
        "reply to a.b+shop@sub.example.co.uk.",
        "a.b+shop@sub.example.co.uk",
        "[EMAIL]",
    ),
    R(
        "email-caps",
        "MIJN MAIL IS PIET.DEVRIES@HOTMAIL.COM!",
        "PIET.DEVRIES@HOTMAIL.COM",
        "[EMAIL]",
    ),
    R("email-paren", "(contact: r_smit@kpnmail.nl)", "r_smit@kpnmail.nl", "[EMAIL]"),
    R("email-quoted", "'anna-maria@outlook.com' is my login", "anna-maria@outlook.com", "[EMAIL]"),
    # BSN
    R("bsn-plain", "Mijn BSN is 944117715.", "944117715", "[BSN]"),
    R("bsn-comma", "BSN 853194130, geboren in 1980", "853194130", "[BSN]"),
    R("bsn-spaced", "burgerservicenummer 886 075 002 graag wijzigen", "886 075 002", "[BSN]"),
    R("bsn-dotted-4-2-3", "BSN 7922.43.298 staat erop", "7922.43.298", "[BSN]"),
    R("bsn-dotted-3-3-3", "bsn: 139.762.851;", "139.762.851", "[BSN]"),
    R("bsn-dashed", "sofinummer 416-178-418", "416-178-418", "[BSN]"),
    R("bsn-paren", "(BSN 225711825)", "225711825", "[BSN]"),
    R("bsn-colon-end", "Mijn burgerservicenummer:868958372", "868958372", "[BSN]"),
    R("bsn-question", "is 117639175 mijn bsn?", "117639175", "[BSN]"),
    R("bsn-semicolon", "bsn 718561983; polis 77", "718561983", "[BSN]"),
    R("bsn-quoted", "nummer '647788354' klopt niet", "647788354", "[BSN]"),
    R("bsn-newline", "gegevens:\n879678847\nmet groet", "879678847", "[BSN]"),
    # IBAN
    R("iban-compact", "IBAN NL85INGB0668940366 graag", "NL85INGB0668940366", "[IBAN]"),
    R("iban-spaced", "IBAN NL55 RABO 0315 8308 71.", "NL55 RABO 0315 8308 71", "[IBAN]"),
    R("iban-hyphen", "rekening NL05-ABNA-0668-5045-85 aub", "NL05-ABNA-0668-5045-85", "[IBAN]"),
    R("iban-lower", "rekening nl55snsb0675197253", "nl55snsb0675197253", "[IBAN]"),
    R("iban-comma", "terugstorten op NL53TRIO0051902135, dank", "NL53TRIO0051902135", "[IBAN]"),
    R("iban-then-word", "IBAN NL89KNAB0643008587 dank je", "NL89KNAB0643008587", "[IBAN]"),
    R("iban-belgian", "Belgian account BE68 5390 0754 7034", "BE68 5390 0754 7034", "[IBAN]"),
    R("iban-german", "my account DE89370400440532013000", "DE89370400440532013000", "[IBAN]"),
    R(
        "iban-uk",
        "refund GB29 NWBK 6016 1331 9268 19 please",
        "GB29 NWBK 6016 1331 9268 19",
        "[IBAN]",
    ),
    # card
    R("card-spaced", "kaart 4945 9298 5985 5983 gebruikt", "4945 9298 5985 5983", "[CARD]"),
    R("card-dashed", "card 5383-5947-3118-9096", "5383-5947-3118-9096", "[CARD]"),
    R(
        "card-compact-comma",
        "creditcard 6366310118432721, vervalt 08/27",
        "6366310118432721",
        "[CARD]",
    ),
    R("card-amex", "amex 3785 439560 19023 was charged", "3785 439560 19023", "[CARD]"),
    R("card-amex-compact", "card 378543956019023 ok", "378543956019023", "[CARD]"),
    R("card-dotted", "kaartnummer 4860.4173.8731.6992.", "4860.4173.8731.6992", "[CARD]"),
    R("card-13", "old visa 4639149128077", "4639149128077", "[CARD]"),
    R(
        "card-pairs",
        "nr 52 05 09 40 34 54 29 72 graag blokkeren",
        "52 05 09 40 34 54 29 72",
        "[CARD]",
    ),
    R("card-then-count", "card 4945929859855983 2 times charged", "4945929859855983", "[CARD]"),
    # phones NL
    R("mobile-dash", "Bel me op 06-12345678", "06-12345678", "[PHONE]"),
    R("mobile-compact", "Bel me op 0612345678.", "0612345678", "[PHONE]"),
    R("mobile-dots", "tel 06.12.34.56.78 na 18u", "06.12.34.56.78", "[PHONE]"),
    R("mobile-pairs", "06 12 34 56 78 graag terugbellen", "06 12 34 56 78", "[PHONE]"),
    R("mobile-4-4", "mobiel 06 1234 5678, bereikbaar", "06 1234 5678", "[PHONE]"),
    R("mobile-comma", "bel 0687654321, of mail", "0687654321", "[PHONE]"),
    R("plus31-mobile", "call +31 6 1234 5678 today", "+31 6 1234 5678", "[PHONE]"),
    R("plus31-compact", "whatsapp +31612345678", "+31612345678", "[PHONE]"),
    R("plus31-trunk", "tel +31 (0)20 123 45 67", "+31 (0)20 123 45 67", "[PHONE]"),
    R("plus31-trunk-dash", "+31(0)6-12345678 is mijn nummer", "+31(0)6-12345678", "[PHONE]"),
    R("0031-prefix", "0031 10 1234567 is mijn nummer", "0031 10 1234567", "[PHONE]"),
    R("landline-paren", "kantoor (010) 4123456", "(010) 4123456", "[PHONE]"),
    R("landline-paren-020", "bel (020) 123 45 67.", "(020) 123 45 67", "[PHONE]"),
    R("landline-dash", "tel. 020-1234567", "020-1234567", "[PHONE]"),
    R("landline-spaced", "tel 030 - 123 45 67 of", "030 - 123 45 67", "[PHONE]"),
    R("landline-4-6", "bel 0578-612345 vandaag", "0578-612345", "[PHONE]"),
    R("landline-slash", "tel. 070/3456789", "070/3456789", "[PHONE]"),
    # phones international
    R("uk-landline", "UK: +44 20 7946 0958", "+44 20 7946 0958", "[PHONE]"),
    R("de-landline", "DE +49 30 12345678", "+49 30 12345678", "[PHONE]"),
    R("be-mobile", "GSM +32 470 12 34 56", "+32 470 12 34 56", "[PHONE]"),
    R("us-paren", "call me at (555) 123-4567", "(555) 123-4567", "[PHONE]"),
    R("us-plus1", "phone +1 (555) 987-6543.", "+1 (555) 987-6543", "[PHONE]"),
    R("us-dashed", "my cell is 555-234-5678, thanks", "555-234-5678", "[PHONE]"),
    R("uk-mobile", "text me on 07700 900123", "07700 900123", "[PHONE]"),
    R("0049-prefix", "0049 171 2345678 bitte", "0049 171 2345678", "[PHONE]"),
    # postcodes
    R("postcode-space", "Adres: Dorpsstraat 1, 1234 AB Utrecht", "1234 AB", "[POSTCODE]"),
    R("postcode-compact", "postcode 3511LX", "3511LX", "[POSTCODE]"),
    R("postcode-lower-city", "ik woon in 9712 cp Groningen", "9712 cp", "[POSTCODE]"),
    R("postcode-lower-keyword", "postcode 2511 cv graag aanpassen", "2511 cv", "[POSTCODE]"),
    R("postcode-hyphen-city", "6221-BX Maastricht is het adres", "6221-BX", "[POSTCODE]"),
    R("postcode-unit-letters-city", "verhuisd naar 4795 KG Oudenbosch", "4795 KG", "[POSTCODE]"),
    R("postcode-after-street", "Kerkstraat 12, 8011 PK Zwolle", "8011 PK", "[POSTCODE]"),
    R("postcode-comma-end", "mijn postcode is 5611 EM, huisnummer 3", "5611 EM", "[POSTCODE]"),
    R("postcode-plain-upper", "bezorgd op 1017 CT maar niemand thuis", "1017 CT", "[POSTCODE]"),
    R("postcode-den-haag", "2514 EA 's-Gravenhage", "2514 EA", "[POSTCODE]"),
    R("postcode-lower-compact", "zip 3011ad please", "3011ad", "[POSTCODE]"),
    R("postcode-year-like-city", "2011 VK Haarlem", "2011 VK", "[POSTCODE]"),
    # mixed
    R(
        "mixed-email",
        "Jan (jan@example.nl, 06-98765432) IBAN NL85INGB0668940366",
        "jan@example.nl",
        "[EMAIL]",
    ),
    R(
        "mixed-phone",
        "Jan (jan@example.nl, 06-98765432) IBAN NL85INGB0668940366",
        "06-98765432",
        "[PHONE]",
    ),
    R(
        "mixed-iban",
        "Jan (jan@example.nl, 06-98765432) IBAN NL85INGB0668940366",
        "NL85INGB0668940366",
        "[IBAN]",
    ),
    R(
        "order-and-iban",
        "Order 123456, refund to NL55 RABO 0315 8308 71 please",
        "NL55 RABO 0315 8308 71",
        "[IBAN]",
    ),
]

S = MustStay
MUST_STAY: list[MustStay] = [
    S("handle", "twitter @klantstem is niet privé"),
    S("order-hash", "Order #1234567 was late"),
    S("bestelnummer", "bestelnummer 576844 graag"),
    S("order-9-digits", "bestelling 654311732 is zoek"),
    S("order-9-digits-comma", "ordernummer 132769528, nog niets ontvangen"),
    S("tracking-spaced-9", "pakket 986 346 896 ligt bij de buren"),
    S("invoice-dotted-9", "factuur 666.655.532 klopt niet"),
    S("klantnummer-9", "klantnummer 946457583"),
    S("ticket-9", "ticket #869399812 heropend"),
    S("price-euro", "het kostte € 49,95"),
    S("price-thousands", "prijs 1.987,55 euro"),
    S("price-millions", "omzet € 1.234.567,89 dit jaar"),
    S("price-eur", "EUR 120.00 charged"),
    S("price-dollar", "charged $1,299.99 twice"),
    S("dutch-date", "geleverd op 31-12-2026"),
    S("dutch-date-time", "geleverd op 05-10-2026 14:05"),
    S("dutch-date-dots", "besteld op 01.02.2026 om 10:15"),
    S("dutch-date-slash", "op 06/11/2026 afgeleverd"),
    S("iso-date", "on 2026-11-16T10:00:00Z"),
    S("written-date", "3 mrt 2026 om 14:05"),
    S("time-range", "open van 09:00-17:30"),
    S("version", "versie 4.12.0 crasht"),
    S("version-build", "build 2026.11.3.1542 crashes"),
    S("error-code", "foutcode 500 bij afrekenen"),
    S("error-hex", "error 0x80070005 on install"),
    S("small-number", "ik wacht al 14 dagen"),
    S("ml-unit", "De 1500 ML fles lekt"),
    S("ml-lower", "een fles van 1500 ml"),
    S("model-ep", "Philips 3200 EP maakt lawaai"),
    S("model-ep-end", "mijn koffiemachine is een Philips 3200 EP"),
    S("mb-unit", "1500 MB geheugen"),
    S("gb-unit", "de 2048 GB versie"),
    S("kg-unit", "wasmachine van 8000 kg? nee, 8 kg"),
    S("kg-lower", "pakket van 1200 kg vracht"),
    S("km-unit", "reed 1200 KM voor niets"),
    S("kw-unit", "vermogen 2200 kW"),
    S("year-and-word", "in 2026 EN 2027 niet"),
    S("year-lower-word", "in 2026 en 2027 niet"),
    S("year-of", "sinds 2019 of zo"),
    S("year-is", "het jaar 1998 is voorbij"),
    S("number-op", "stap 1234 op de lijst"),
    S("number-in", "nummer 5000 in de rij"),
    S("quantity-st", "bestel 1000 st. per doos"),
    S("model-hd", "Samsung 4000 HD tv"),
    S("model-tv", "onze 5500 TV is kapot"),
    S("model-xl", "maat 1000 XL past niet"),
    S("model-lower-brand", "de Dyson 2500 sv zuigt slecht"),
    S("model-brand-upper", "Bosch 6000 WT wasmachine"),
    S("model-hyphen", "type 3200-EP geleverd"),
    S("resolution", "scherm 1920 x 1080 pixels"),
    S("iban-bad-checksum", "code NL92ABNA0417164300 fout"),
    S("iban-like-ref", "referentie NL12 ABCD 1234 5678 90"),
    S("luhn-invalid", "tracking 4543461016182928"),
    S("luhn-invalid-spaced", "zending 7345 9606 3068 8444"),
    S("barcode-ean13", "EAN 8712345678906 op de doos"),
    S("long-ref", "referentie 2503122391607687 klopt"),
    S("phone-too-short", "bel 06-1234567 (nummer klopt niet)"),
    S("extension", "toestel 2345"),
    S("percentage", "korting van 25% op 1200 artikelen"),
    S("score", "cijfer 8,5 van de 10"),
    S("coordinates", "locatie 52.3676, 4.9041"),
    S("ip-address", "server 192.168.100.254 reageert niet"),
    S("isbn", "ISBN 978-90-274-3929-5"),
    S("kvk", "KvK 12345678"),
    S("btw", "btw-nummer NL001234567B01"),
    S("house-number", "Dorpsstraat 12a"),
    S("room", "kamer 1201 was vies"),
    S("flight", "vlucht KL 1234 vertraagd"),
    S("train", "trein 3500 naar Utrecht"),
    S("bus-line", "bus 2012 rijdt niet"),
    S("plate", "kenteken 12-ABC-3 geparkeerd"),
    S("duration", "na 1200 seconden"),
    S("ratio", "verhouding 16:9"),
    S("serial-letters", "serienummer AB12CD34EF"),
    S("voucher", "kortingscode ZOMER2026"),
    S("hashtag", "#1500ML is geweldig"),
    S("en-number-word", "ordered 2000 of them"),
    S("en-year", "since 2020 it is broken"),
    S("en-model", "the Canon 2000 EF lens"),
    S("en-units", "a 1000 mm lens and 2000 cc engine"),
]
