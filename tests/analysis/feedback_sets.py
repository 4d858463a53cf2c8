"""Small hand-written feedback sets for theme tests: a new subject, and addressee handles."""

from __future__ import annotations

# Forty Dutch reviews about one subject the sample data does not have: a parcel lost by the
# carrier. Written for these tests (varied wording, as customers write it).
LOST_PARCEL_NL = [
    "Mijn pakket is kwijtgeraakt bij PostNL en niemand weet waar het is.",
    "PostNL zegt dat het pakket bezorgd is, maar ik heb niets ontvangen. Pakket kwijt!",
    "Pakket zoek bij PostNL, track en trace staat al een week stil.",
    "Volgens PostNL is mijn pakket afgeleverd bij de buren, maar die hebben niets.",
    "Het pakket is onderweg kwijtgeraakt, PostNL kan het niet vinden.",
    "Mijn bestelling is nooit aangekomen, PostNL heeft het pakket verloren.",
    "Track en trace zegt bezorgd, maar er lag geen pakket. Kwijt bij PostNL.",
    "PostNL is mijn pakket kwijt. Ik wil graag dat jullie een nieuw pakket sturen.",
    "Pakket verdwenen na sorteercentrum van PostNL, al tien dagen geen update.",
    "Mijn zending is zoekgeraakt bij PostNL. Wie gaat dit oplossen?",
    "Het pakket is volgens PostNL afgeleverd, maar nergens te vinden. Erg vervelend.",
    "Ik heb een onderzoek aangevraagd bij PostNL want mijn pakket is kwijt.",
    "Pakket kwijt. PostNL verwijst naar jullie en jullie verwijzen naar PostNL.",
    "Mijn pakket ligt ergens bij PostNL, de status is al dagen niet veranderd.",
    "PostNL heeft mijn pakket bij een verkeerd adres afgeleverd, nu is het weg.",
    "Geen pakket ontvangen terwijl PostNL zegt dat het in de brievenbus zit.",
    "De bezorger van PostNL heeft mijn pakket kwijtgemaakt.",
    "Pakket is zoek, PostNL zegt dat het bij een afhaalpunt ligt maar daar is het niet.",
    "Mijn pakket is verloren gegaan bij PostNL. Graag een vervangend pakket.",
    "PostNL kan mijn pakket niet traceren, het is gewoon verdwenen.",
    "Het pakket kwam nooit aan, bij PostNL is het spoorloos.",
    "Volgens de track en trace is het pakket bezorgd, maar ik heb het nooit gezien. PostNL!",
    "PostNL raakt steeds pakketten kwijt, nu weer mijn bestelling.",
    "Mijn pakket is gestolen of kwijt, PostNL weet het ook niet.",
    "Pakket verloren tijdens verzending met PostNL, wat nu?",
    "Al twee weken geen pakket, PostNL zegt dat het zoek is.",
    "Pakket als bezorgd gemeld door PostNL maar niet ontvangen.",
    "Mijn retourpakket is kwijt bij PostNL, ik heb wel het verzendbewijs.",
    "PostNL heeft het pakket bij de buren gelegd zegt de app, maar de buren hebben niks.",
    "Het pakket is kwijtgeraakt in het depot van PostNL.",
    "Pakket niet ontvangen, PostNL zegt afgeleverd. Dit klopt niet.",
    "Mijn pakket is bij PostNL in het ongerede geraakt.",
    "Sinds maandag is mijn pakket bij PostNL spoorloos verdwenen.",
    "Ik wacht nog steeds op mijn pakket, PostNL is het kwijt.",
    "Pakket nooit bezorgd, PostNL heeft geen idee waar het is.",
    "PostNL meldt dat het pakket is afgegeven, maar er is niets bezorgd.",
    "Mijn pakket is zoekgeraakt, de klantenservice van PostNL helpt niet.",
    "Het pakket staat in track en trace als bezorgd maar is kwijt.",
    "PostNL is mijn tweede pakket ook al kwijtgeraakt.",
    "Pakket kwijt bij PostNL, ik wil mijn bestelling alsnog ontvangen.",
]

# Six addressee handles, one per channel: a clusterer that reads the handle groups by channel.
HANDLES = ["@shopnl", "@shop_help", "@ShopCare", "@winkel", "@webwinkel_nl", "@shopsupport"]


# Short reviews as customers type them on a phone: on the sample data's subjects (Dutch and
# English), and about nothing a shop knows. Written for these tests.
SHORT_REVIEWS = {
    "late_delivery": [
        "De levering was te laat",
        "Bestelling kwam veel te laat",
        "Pakket een week te laat",
        "Levering duurde eindeloos",
        "Late delivery again",
    ],
    "wrong_invoice": [
        "Factuur klopt niet",
        "Dubbel afgeschreven",
        "Charged twice",
        "Verkeerd bedrag op de factuur",
    ],
    "refund_process": [
        "Nog steeds geen geld terug",
        "Wanneer krijg ik mijn geld terug?",
        "Retour nog niet terugbetaald",
        "Refund still not received",
    ],
    "friendly_support": [
        "Heel vriendelijk geholpen",
        "Super aardige medewerker",
        "Top service, dank!",
        "Very friendly staff",
    ],
    "app_crash_login": ["App crasht steeds", "Nieuwe app werkt niet", "App blijft hangen"],
    "checkout_error": [
        "Betaalpagina laadt niet",
        "Betalen met iDEAL lukt niet",
        "Checkout page gives an error",
    ],
    "price": ["Veel te duur", "Prijzen zijn belachelijk hoog", "Too expensive"],
    "product_quality": ["Kwaliteit is slecht", "Ging na een week kapot", "Stof voelt goedkoop"],
    "": [
        "Het weer is mooi vandaag",
        "Mijn hond heet Max",
        "Wie won de wedstrijd gisteren?",
        "Ik ga morgen op vakantie naar Spanje",
        "The train was full this morning",
        "Ik zoek een nieuwe baan",
    ],
}
