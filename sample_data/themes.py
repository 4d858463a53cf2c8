"""Planted themes for the sample data: templated phrasings in Dutch and English.

Each theme has several sentence templates per language with slots filled from synonym
lists, so a theme is recoverable (its vocabulary recurs) without being one fixed sentence.
A theme's Dutch and English templates talk about the same thing.
"""

from __future__ import annotations

SLOTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "order": ["order", "parcel", "package", "delivery"],
        "product": [
            "coffee maker",
            "desk lamp",
            "set of towels",
            "phone case",
            "blender",
            "backpack",
            "kettle",
            "office chair",
        ],
        "carrier": ["PostNL", "DHL", "DPD"],
        "day": ["Monday", "Tuesday", "Wednesday", "Friday", "Saturday"],
        "late_adj": ["very late", "late again", "seriously delayed", "far too late"],
        "app": ["the app", "your app", "the new app version", "the Android app"],
        "crash": ["crashes", "closes immediately", "freezes", "shuts down"],
        "login": [
            "when I log in",
            "on the login screen",
            "as soon as I sign in",
            "right after entering my password",
        ],
        "invoice": ["invoice", "bill"],
        "wrong": ["wrong", "incorrect", "not right"],
        "charged": [
            "charged me twice",
            "billed me for items I never received",
            "charged the wrong amount",
            "added shipping costs I did not agree to",
        ],
        "agent": [
            "the support agent",
            "your colleague",
            "the lady on the phone",
            "the person in the chat",
        ],
        "helpful": ["very friendly", "really helpful", "kind and patient", "super friendly"],
        "refund": ["refund", "repayment", "reimbursement"],
        "weeks": ["two weeks", "three weeks", "a month", "ten days"],
        "expensive": ["too expensive", "overpriced", "far too pricey", "expensive"],
        "competitor": ["other shops", "the competition", "Bol", "other webshops"],
        "broke": ["broke", "stopped working", "fell apart", "cracked"],
        "quality": ["poor quality", "cheap quality", "bad quality", "flimsy"],
        "checkout": ["the checkout", "the payment page", "the payment step"],
        "error": ["an error", "error code 500", "a blank page", "an error message"],
        "pay": ["iDEAL", "PayPal", "my credit card", "Klarna"],
        "points": ["loyalty points", "reward points", "saving points"],
        "loyalty_app": ["the new loyalty app", "the new rewards app", "the loyalty app"],
    },
    "nl": {
        "order": ["bestelling", "pakket", "zending"],
        "product": [
            "koffiemachine",
            "bureaulamp",
            "set handdoeken",
            "telefoonhoes",
            "blender",
            "rugzak",
            "waterkoker",
            "bureaustoel",
        ],
        "carrier": ["PostNL", "DHL", "DPD"],
        "day": ["maandag", "dinsdag", "woensdag", "vrijdag", "zaterdag"],
        "late_adj": ["erg laat", "weer te laat", "flink vertraagd", "veel te laat"],
        "app": ["de app", "jullie app", "de nieuwe versie van de app", "de Android-app"],
        "crash": ["crasht", "sluit|meteen af", "loopt|vast", "valt|uit"],
        "login": [
            "bij het inloggen",
            "op het inlogscherm",
            "zodra ik inlog",
            "direct na het invullen van mijn wachtwoord",
        ],
        "invoice": ["factuur", "rekening"],
        "wrong": ["fout", "onjuist", "niet correct"],
        "charged": [
            "twee keer afgeschreven",
            "artikelen gerekend die ik nooit heb ontvangen",
            "het verkeerde bedrag gerekend",
            "verzendkosten gerekend waar ik niet mee akkoord ging",
        ],
        "agent": [
            "de medewerker van de klantenservice",
            "uw collega",
            "de dame aan de telefoon",
            "de medewerker in de chat",
        ],
        "helpful": [
            "heel vriendelijk",
            "echt behulpzaam",
            "vriendelijk en geduldig",
            "super vriendelijk",
        ],
        "refund": ["terugbetaling", "terugstorting", "restitutie"],
        "weeks": ["twee weken", "drie weken", "een maand", "tien dagen"],
        "expensive": ["te duur", "veel te duur", "erg prijzig", "duur"],
        "competitor": ["andere winkels", "de concurrentie", "Bol", "andere webshops"],
        "broke": ["ging|kapot", "werkte|niet meer", "viel|uit elkaar", "scheurde"],
        "quality": [
            "slechte kwaliteit",
            "goedkope kwaliteit",
            "matige kwaliteit",
            "bedroevende kwaliteit",
        ],
        "checkout": ["het afrekenen", "de betaalpagina", "de betaalstap"],
        "error": [
            "een foutmelding",
            "foutcode 500",
            "een witte pagina",
            "een melding dat er iets misging",
        ],
        "pay": ["iDEAL", "PayPal", "mijn creditcard", "Klarna"],
        "points": ["spaarpunten", "loyaliteitspunten", "punten"],
        "loyalty_app": ["de nieuwe spaar-app", "de nieuwe loyaliteitsapp", "de spaar-app"],
    },
}

THEMES: dict[str, dict[str, list[str]]] = {
    "late_delivery": {
        "en": [
            "My {order} arrived {n} days late.",
            "The delivery was {late_adj}, I waited {n} days for my {product}.",
            "Still no {order} after {n} days, the {carrier} tracking has not changed.",
            "You promised delivery on {day} but it only came {n} days later.",
            "Late delivery again: {n} days for a simple {product}.",
            "The {carrier} driver never showed up and my {order} is {late_adj}.",
        ],
        "nl": [
            "Mijn {order} kwam {n} dagen te laat aan.",
            "De levering was {late_adj}, ik heb {n} dagen op mijn {product} gewacht.",
            "Na {n} dagen nog steeds geen {order}, de track & trace van {carrier} staat stil.",
            "Levering werd beloofd op {day} maar het kwam pas {n} dagen later.",
            "Weer een levering te laat: {n} dagen voor een simpele {product}.",
            "De bezorger van {carrier} is nooit gekomen en mijn {order} is {late_adj}.",
        ],
    },
    "app_crash_login": {
        "en": [
            "{App} {crash} {login}.",
            "Since the last update {app} {crash} {login}.",
            "I cannot use {app} at all, it {crash} {login}.",
            "Login is impossible: {app} {crash} every time.",
            "Reinstalled twice but {app} still {crash} {login}.",
        ],
        "nl": [
            "{App} {crash} {login}.",
            "Sinds de laatste update {crash_verb} {app}{crash_rest} {login}.",
            "Ik kan {app} helemaal niet gebruiken, hij {crash} {login}.",
            "Inloggen lukt niet: {app} {crash_verb} elke keer{crash_rest}.",
            "Twee keer opnieuw geïnstalleerd maar {app} {crash_verb} nog steeds{crash_rest} {login}.",
        ],
    },
    "wrong_invoice": {
        "en": [
            "The {invoice} is {wrong}, you {charged}.",
            "My last {invoice} is {wrong}: you {charged}.",
            "There is a mistake on the {invoice}, the amount of EUR {price} is {wrong}.",
            "Please correct my {invoice}, you {charged}.",
            "Wrong {invoice} for order {ordernr}, I was charged EUR {price} instead of EUR {price2}.",
        ],
        "nl": [
            "De {invoice} is {wrong}, jullie hebben {charged}.",
            "Mijn laatste {invoice} klopt niet: jullie hebben {charged}.",
            "Er staat een fout op de {invoice}, het bedrag van € {price} is {wrong}.",
            "Graag mijn {invoice} corrigeren, jullie hebben {charged}.",
            "Verkeerde {invoice} voor bestelling {ordernr}, ik betaalde € {price} in plaats van € {price2}.",
        ],
    },
    "friendly_support": {
        "en": [
            "{Agent} was {helpful} and solved my problem quickly.",
            "Great customer service, {agent} was {helpful}.",
            "Thanks to {agent} for being {helpful} on the phone.",
            "Support answered within an hour and {agent} was {helpful}.",
            "I want to compliment {agent}, {helpful} and quick.",
        ],
        "nl": [
            "{Agent} was {helpful} en loste mijn probleem snel op.",
            "Top klantenservice, {agent} was {helpful}.",
            "Dank aan {agent}, {helpful} geholpen.",
            "De klantenservice antwoordde binnen een uur en {agent} was {helpful}.",
            "Ik wil {agent} een compliment geven, {helpful} en snel.",
        ],
    },
    "refund_process": {
        "en": [
            "I returned my {product} {weeks} ago and still have no {refund}.",
            "The {refund} process is a mess, waiting {weeks} now.",
            "When will I get my money back? The return was received {weeks} ago.",
            "Nobody can tell me the status of my {refund} after {weeks}.",
            "Returning the {product} was easy, but the {refund} takes {weeks}.",
        ],
        "nl": [
            "Ik heb mijn {product} {weeks} geleden teruggestuurd en nog steeds geen geld terug.",
            "Het proces van de {refund} is een chaos, ik wacht nu al {weeks}.",
            "Wanneer krijg ik mijn geld terug? Het retour is {weeks} geleden ontvangen.",
            "Niemand kan me vertellen hoe het met mijn {refund} staat na {weeks}.",
            "Het retourneren van de {product} ging makkelijk, maar de {refund} duurt {weeks}.",
        ],
    },
    "price": {
        "en": [
            "The {product} is {expensive} compared to {competitor}.",
            "Prices went up again, everything is {expensive} now.",
            "EUR {price} for a {product} is {expensive}.",
            "Nice products but {expensive}; the same is cheaper at {competitor}.",
            "The shipping costs make everything {expensive}.",
        ],
        "nl": [
            "De {product} is {expensive} vergeleken met {competitor}.",
            "De prijzen zijn weer omhoog gegaan, alles is nu {expensive}.",
            "€ {price} voor een {product} is {expensive}.",
            "Leuke producten maar {expensive}; bij {competitor} is hetzelfde goedkoper.",
            "Door de verzendkosten wordt alles {expensive}.",
        ],
    },
    "product_quality": {
        "en": [
            "The {product} {broke} after {n} days, {quality}.",
            "Very {quality}, my {product} {broke} within a week.",
            "The material of the {product} feels {quality}.",
            "After {n} uses the {product} {broke}, disappointing quality.",
            "The {product} looked nice online but it is {quality} and {broke}.",
        ],
        "nl": [
            "De {product} {broke_verb} na {n} dagen{broke_rest}, {quality}.",
            "Echt {quality}, mijn {product} {broke_verb} binnen een week{broke_rest}.",
            "Het materiaal van de {product} is van {quality}.",
            "Na {n} keer gebruiken {broke_verb} de {product}{broke_rest}, teleurstellende kwaliteit.",
            "De {product} zag er online mooi uit maar is van {quality} en {broke}.",
        ],
    },
    "checkout_error": {
        "en": [
            "{Checkout} gives me {error} when I pay with {pay}.",
            "I cannot complete my order, {checkout} shows {error}.",
            "Paying with {pay} fails at {checkout} with {error}.",
            "Tried three times to order but {checkout} gives {error}.",
            "{Checkout} is broken: {error} after choosing {pay}.",
        ],
        "nl": [
            "Bij {checkout} krijg ik {error} als ik met {pay} betaal.",
            "Ik kan mijn bestelling niet afronden, {checkout} geeft {error}.",
            "Betalen met {pay} mislukt bij {checkout} met {error}.",
            "Drie keer geprobeerd te bestellen maar {checkout} geeft {error}.",
            "{Checkout} is stuk: {error} na het kiezen van {pay}.",
        ],
    },
    "loyalty_points": {
        "en": [
            "My {points} are missing in {loyalty_app}.",
            "Since I switched to {loyalty_app} my {points} are gone.",
            "{Loyalty_app} shows zero {points} after my last purchase.",
            "Where are my {points}? {Loyalty_app} does not show them.",
            "I saved {n}00 {points} but {loyalty_app} lost them.",
        ],
        "nl": [
            "Mijn {points} zijn verdwenen in {loyalty_app}.",
            "Sinds ik over ben op {loyalty_app} zijn mijn {points} weg.",
            "{Loyalty_app} toont nul {points} na mijn laatste aankoop.",
            "Waar zijn mijn {points}? {Loyalty_app} laat ze niet zien.",
            "Ik had {n}00 {points} gespaard maar {loyalty_app} is ze kwijt.",
        ],
    },
}

SUBJECTS: dict[str, dict[str, list[str]]] = {
    "late_delivery": {
        "en": ["Where is my order?", "Late delivery", "Order not received"],
        "nl": ["Waar blijft mijn bestelling?", "Levering te laat", "Bestelling niet ontvangen"],
    },
    "app_crash_login": {
        "en": ["App crashes", "Cannot log in", "App problem"],
        "nl": ["App crasht", "Kan niet inloggen", "Probleem met de app"],
    },
    "wrong_invoice": {
        "en": ["Wrong invoice", "Question about my bill", "Invoice error"],
        "nl": ["Verkeerde factuur", "Vraag over mijn rekening", "Fout op factuur"],
    },
    "friendly_support": {
        "en": ["Thank you!", "Compliment", "Great help"],
        "nl": ["Bedankt!", "Compliment", "Goed geholpen"],
    },
    "refund_process": {
        "en": ["Refund", "Still waiting for my money", "Return"],
        "nl": ["Terugbetaling", "Nog steeds geen geld terug", "Retour"],
    },
    "price": {
        "en": ["Prices", "Too expensive", "Shipping costs"],
        "nl": ["Prijzen", "Te duur", "Verzendkosten"],
    },
    "product_quality": {
        "en": ["Broken product", "Quality complaint", "Defect"],
        "nl": ["Product kapot", "Klacht over kwaliteit", "Defect"],
    },
    "checkout_error": {
        "en": ["Cannot pay", "Checkout error", "Payment failed"],
        "nl": ["Kan niet betalen", "Fout bij afrekenen", "Betaling mislukt"],
    },
    "loyalty_points": {
        "en": ["Points missing", "Loyalty app", "My points"],
        "nl": ["Punten kwijt", "Spaar-app", "Mijn spaarpunten"],
    },
}

# Rating range (stars 1-5) a theme's reviews get.
THEME_STARS: dict[str, tuple[int, int]] = {
    "late_delivery": (1, 2),
    "app_crash_login": (1, 2),
    "wrong_invoice": (1, 2),
    "friendly_support": (4, 5),
    "refund_process": (1, 3),
    "price": (2, 3),
    "product_quality": (1, 3),
    "checkout_error": (1, 2),
    "loyalty_points": (1, 3),
}

OPENERS = {
    "en": ["Hello,", "Hi,", "Dear customer service,", "Good morning,", ""],
    "nl": ["Hallo,", "Beste klantenservice,", "Goedemiddag,", "Hoi,", ""],
}
CLOSERS = {
    "en": [
        "Please help.",
        "Can you look into this?",
        "Thanks in advance.",
        "I hope to hear from you soon.",
        "",
    ],
    "nl": [
        "Graag hulp.",
        "Kunnen jullie hiernaar kijken?",
        "Alvast bedankt.",
        "Ik hoor graag van jullie.",
        "",
    ],
}
CONTEXT = {
    "en": [
        "I ordered on {day}.",
        "My order number is {ordernr}.",
        "This is my third message about it.",
        "I have been a customer for years.",
    ],
    "nl": [
        "Ik heb op {day} besteld.",
        "Mijn bestelnummer is {ordernr}.",
        "Dit is al mijn derde bericht hierover.",
        "Ik ben al jaren klant.",
    ],
}
# Personal data the redactor must catch (values are fake but have valid checksums).
PERSONAL = {
    "en": [
        "You can reach me at {email} or {phone}.",
        "My IBAN for the refund is {iban}.",
        "Please send it to postcode {postcode}.",
        "I paid with card {card}.",
        "Call me on {phone}.",
    ],
    "nl": [
        "Je kunt me bereiken op {email} of {phone}.",
        "Mijn IBAN voor de terugbetaling is {iban}.",
        "Graag opsturen naar postcode {postcode}.",
        "Ik heb betaald met kaart {card}.",
        "Bel me op {phone}.",
        "Mijn BSN is {bsn}, voor de zekerheid.",
    ],
}
REVIEW_TAILS = {
    "neg": {
        "en": ["Never again.", "Very disappointed.", "Not recommended.", ""],
        "nl": ["Nooit meer.", "Erg teleurgesteld.", "Niet aan te raden.", ""],
    },
    "pos": {
        "en": ["Recommended!", "Top!", "Will order again.", ""],
        "nl": ["Aanrader!", "Top!", "Ik bestel zeker weer.", ""],
    },
}
REVIEW_TITLES = {
    "neg": {
        "en": ["Disappointed", "Not again", "Bad experience", "Poor"],
        "nl": ["Teleurgesteld", "Nooit meer", "Slechte ervaring", "Matig"],
    },
    "pos": {
        "en": ["Great service", "Very good", "Excellent", "Happy customer"],
        "nl": ["Top service", "Heel goed", "Uitstekend", "Tevreden klant"],
    },
}
FIRST_NAMES = [
    "Sanne",
    "Daan",
    "Emma",
    "Lucas",
    "Julia",
    "Thijs",
    "Lotte",
    "Bram",
    "Anouk",
    "Ruben",
    "Fleur",
    "Jesse",
    "Olivia",
    "James",
    "Sophie",
    "Noah",
    "Mila",
    "Sem",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Smith",
    "Brown",
]
