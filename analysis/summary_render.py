"""Render a :class:`~analysis.summary.WeeklySummary` as Markdown, HTML, CSV or XLSX.

Pure functions: a summary and a language in, bytes out. Every word comes from
:data:`STRINGS`, so the Dutch and the English version differ only in language (and in the
decimal comma Dutch readers expect). The HTML file is self-contained: inline CSS, charts as
inline SVG, no script and no URL, so it opens offline from an e-mail attachment. Text cells of
CSV and XLSX that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a
leading ``'`` so a spreadsheet never runs them as a formula.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Sequence

from analysis.localtime import day_month, week_name
from analysis.numbers import MINUS, rounds_to_zero, shown_change, shown_share_text, with_minus
from analysis.reading import READER_LANGUAGES
from analysis.safe_tables import localized_rows_csv_bytes, md_text, xlsx_cell
from analysis.summary import (
    CLEAR_SENTIMENT,
    PERCENT_MIN_AVERAGE,
    Attention,
    ChangeMeaning,
    Quote,
    Spike,
    ThemeGroupWeek,
    ThemeWeek,
    Volume,
    WeeklySummary,
)
from analysis.trends import rule_texts, scaled_for_channel
from ingest.errors import AnalysisError
from ingest.messages import message as say
from ingest.schema import CHANNEL_NAMES

LANGUAGES = READER_LANGUAGES
FORMATS = ("md", "html", "csv", "xlsx")
MEDIA_TYPES = {
    "md": "text/markdown",
    "html": "text/html",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

STRINGS: dict[str, dict[str, str]] = {
    "title": {
        "en": "Weekly feedback summary: {week}",
        "nl": "Wekelijkse feedbacksamenvatting: {week}",
    },
    "period": {"en": "{start} to {end}", "nl": "{start} t/m {end}"},
    "file_name": {"en": "klantstem-summary-{week}", "nl": "klantstem-weekoverzicht-{week}"},
    "period.partial": {
        "en": "{start} to {end} (the week is not over: the weeks before are counted over the "
        "same days)",
        "nl": "{start} t/m {end} (de week is nog niet om: de weken ervoor tellen over dezelfde "
        "dagen)",
    },
    "scope.all": {"en": "All channels", "nl": "Alle kanalen"},
    "scope.one": {"en": "Channel: {channel}", "nl": "Kanaal: {channel}"},
    "headline": {
        "en": "{items} this week ({change} against the week before, {pct} against the "
        "{weeks}-week average).",
        "nl": "{items} deze week ({change} ten opzichte van de week ervoor, {pct} "
        "ten opzichte van het gemiddelde over {weeks} weken).",
    },
    "headline.one_week": {
        "en": "{items} this week ({change} against the week before, {pct} against that "
        "week, the only one with data before this one).",
        "nl": "{items} deze week ({change} ten opzichte van de week ervoor, {pct} ten "
        "opzichte van die week, de enige met gegevens vóór deze).",
    },
    "headline.first": {
        "en": "{items} this week, the first week with data: there is no week before it to "
        "compare with.",
        "nl": "{items} deze week, de eerste week met gegevens: er is geen week ervoor om mee "
        "te vergelijken.",
    },
    "count.items.one": {"en": "{n} item", "nl": "{n} bericht"},
    "count.items.other": {"en": "{n} items", "nl": "{n} berichten"},
    "section.attention": {"en": "Look at this", "nl": "Let hierop"},
    "section.channels": {"en": "Volume per channel", "nl": "Aantal per kanaal"},
    "section.groups": {"en": "Main themes", "nl": "Hoofdthema's"},
    "section.themes": {"en": "Themes", "nl": "Thema's"},
    "section.top": {"en": "Largest themes", "nl": "Grootste thema's"},
    "section.rising": {"en": "Rising themes", "nl": "Stijgende thema's"},
    "section.new": {"en": "New themes", "nl": "Nieuwe thema's"},
    "section.spikes": {"en": "Spikes", "nl": "Pieken"},
    "section.sentiment": {"en": "Sentiment shifts", "nl": "Verschuivingen in sentiment"},
    "section.quotes": {"en": "What customers wrote", "nl": "Wat klanten schreven"},
    "section.unsorted": {"en": "Unsorted", "nl": "Ongesorteerd"},
    "section.rules": {"en": "How this summary is made", "nl": "Hoe deze samenvatting ontstaat"},
    "none": {"en": "Nothing this week.", "nl": "Niets deze week."},
    "nothing_to_flag": {
        "en": "Nothing needs attention this week.",
        "nl": "Niets vraagt deze week om aandacht.",
    },
    "unflagged_rise": {
        "en": "The largest increase, {theme} ({items} against an average of {average}), is "
        "within ordinary variation.",
        "nl": "De grootste stijging, {theme} ({items} tegen gemiddeld {average}), valt binnen "
        "de gewone schommeling.",
    },
    "col.channel": {"en": "Channel", "nl": "Kanaal"},
    "col.theme": {"en": "Theme", "nl": "Thema"},
    "col.group": {"en": "Main theme", "nl": "Hoofdthema"},
    "col.themes": {"en": "Themes", "nl": "Thema's"},
    "col.theme_id": {"en": "Theme id", "nl": "Thema-id"},
    "col.week": {"en": "Week", "nl": "Week"},
    "col.items": {"en": "This week", "nl": "Deze week"},
    "col.previous": {"en": "Week before", "nl": "Week ervoor"},
    "col.change": {"en": "Change", "nl": "Verschil"},
    "col.average": {"en": "Average of previous weeks", "nl": "Gemiddelde vorige weken"},
    "col.vs_average": {"en": "Against average", "nl": "T.o.v. gemiddelde"},
    # The Themes page's download names the same share so (dashboard/i18n.py
    # "download.col.share"; a test keeps the two equal).
    "col.share": {"en": "Share of sorted items", "nl": "Aandeel van ingedeelde berichten"},
    "col.sentiment": {"en": "Sentiment", "nl": "Sentiment"},
    "col.sentiment_before": {"en": "Sentiment before", "nl": "Sentiment ervoor"},
    "col.sentiment_shift": {"en": "Sentiment shift", "nl": "Verschuiving sentiment"},
    "col.new": {"en": "New", "nl": "Nieuw"},
    "vs.first_week": {"en": "first week", "nl": "eerste week"},
    "sheet.summary": {"en": "Summary", "nl": "Samenvatting"},
    "sheet.themes": {"en": "Themes", "nl": "Thema's"},
    "sheet.quotes": {"en": "Quotes", "nl": "Citaten"},
    "tag.spike": {"en": "Spike", "nl": "Piek"},
    "col.rising": {"en": "Rising", "nl": "Stijgend"},
    "col.rising_channels": {"en": "Rising in", "nl": "Stijgend in"},
    "col.spike_channels": {"en": "Spike in", "nl": "Piek in"},
    "col.trend": {"en": "Last weeks", "nl": "Afgelopen weken"},
    "col.date": {"en": "Date", "nl": "Datum"},
    "col.quote": {"en": "Quote", "nl": "Citaat"},
    "col.field": {"en": "Field", "nl": "Veld"},
    "col.value": {"en": "Value", "nl": "Waarde"},
    "total": {"en": "Total", "nl": "Totaal"},
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    "field.week": {"en": "Week", "nl": "Week"},
    "field.period": {"en": "Period", "nl": "Periode"},
    "field.scope": {"en": "Channels", "nl": "Kanalen"},
    "field.items": {"en": "Items this week", "nl": "Berichten deze week"},
    "field.previous": {"en": "Items the week before", "nl": "Berichten de week ervoor"},
    "field.average": {"en": "Average of previous weeks", "nl": "Gemiddelde vorige weken"},
    "field.unsorted": {"en": "Unsorted items", "nl": "Ongesorteerde berichten"},
    "field.unsorted_share": {"en": "Unsorted share", "nl": "Aandeel ongesorteerd"},
    "field.attention": {"en": "Look at this", "nl": "Let hierop"},
    "rising.line": {
        "en": "{theme}: {items} items against an average of {average}{where}.",
        "nl": "{theme}: {items} berichten tegen gemiddeld {average}{where}.",
    },
    "rising.where": {"en": ", rising in {channels}", "nl": ", stijgend in {channels}"},
    "new.line": {
        "en": "{theme}: {items} items in its first week.",
        "nl": "{theme}: {items} berichten in de eerste week.",
    },
    "spike.line": {
        "en": "{theme} in {channel}: {items} items against a usual week of {baseline} (median "
        "of the previous {weeks} weeks){busier}.",
        "nl": "{theme} in {channel}: {items} berichten tegen een gewone week van {baseline} "
        "(mediaan van de {weeks} weken ervoor){busier}.",
    },
    "spike.busier": {
        "en": ", while the rest of the channel was {growth}× as busy as usual",
        "nl": ", terwijl de rest van het kanaal {growth}× zo druk was als gewoonlijk",
    },
    "spike.chart": {
        "en": "{theme} in {channel}, items per week",
        "nl": "{theme} in {channel}, berichten per week",
    },
    "sentiment.line": {
        "en": "{theme}: from {before} to {after} ({delta}).",
        "nl": "{theme}: van {before} naar {after} ({delta}).",
    },
    "quote.source": {"en": "{channel}, {date}", "nl": "{channel}, {date}"},
    "groups.count": {
        "en": "In a theme: {themed} of this week's {items} items. Star ratings without text: "
        "{stars}; unsorted: {unsorted}.",
        "nl": "In een thema: {themed} van de {items} berichten van deze week. Sterren zonder "
        "tekst: {stars}; ongesorteerd: {unsorted}.",
    },
    "unsorted.line": {
        "en": "{items} of the {total} items with text ({share}) fit no theme.",
        "nl": "{items} van de {total} berichten met tekst ({share}) passen in geen thema.",
    },
    "chart.channels": {
        "en": "Items per channel: this week (dark) and the average of the previous weeks (light)",
        "nl": "Berichten per kanaal: deze week (donker) en het gemiddelde van de vorige weken "
        "(licht)",
    },
    "attention.spike": {
        "en": "{theme} spiked in {channel}: {items} items this week against a usual week of "
        "{baseline} (median of the previous {trailing} weeks){busier}.",
        "nl": "{theme} piekte in {channel}: {items} berichten deze week tegen een gewone week "
        "van {baseline} (mediaan van de {trailing} weken ervoor){busier}.",
    },
    "attention.new_theme": {
        "en": "New theme {theme}: {items} items in its first week.",
        "nl": "Nieuw thema {theme}: {items} berichten in de eerste week.",
    },
    "attention.sentiment_drop": {
        "en": "Sentiment about {theme} fell by {delta} (from {baseline}).",
        "nl": "Het sentiment over {theme} daalde met {delta} (was {baseline}).",
    },
    "attention.rising": {
        "en": "{theme} is rising: {items} items against an average of {baseline}{where}.",
        "nl": "{theme} stijgt: {items} berichten tegen gemiddeld {baseline}{where}.",
    },
    "attention.where": {"en": " (rising in {channel})", "nl": " (stijgend in {channel})"},
    "attention.channel_volume": {
        "en": "{channel} received {items} items against an average of {baseline}.",
        "nl": "{channel} ontving {items} berichten tegen gemiddeld {baseline}.",
    },
    "attention.unsorted": {
        "en": "{items} items ({share}) fit no theme: consider refreshing the themes.",
        "nl": "{items} berichten ({share}) passen in geen thema: ververs de thema's eens.",
    },
    "rules.text": {
        "en": "Averages in the tables are over the {weeks} weeks before this week (since the "
        "first week with data; for {which}, since its first item). Against average "
        "is a "
        "percentage; where the average is under {pmin} item a week, it is the difference in "
        "items instead (or the theme's first week). Share: of this week's items sorted into a "
        "theme, as on the Themes page. Sentiment in the tables: the theme's mean this week ({minus}1 "
        "to 1); – when fewer than {smin} of its items this week have one. Rising, new and spike follow the one trend rule every "
        "dashboard page uses: {rising}; {new}; {spike}. Sentiment shift: the mean sentiment "
        "({minus}1 to 1) moved by at least {shift}, each mean over at least {smin} items. Quotes are "
        "the most typical items of the week, stored already redacted; items with removed "
        "personal data ([EMAIL], [PHONE], ...) only when the theme has too few others, and "
        "never an item that is little more than such placeholders.",
        "nl": "Gemiddelden in de tabellen gaan over de {weeks} weken vóór deze week (vanaf de "
        "eerste week met gegevens; voor {which} vanaf zijn eerste bericht). T.o.v. "
        "gemiddelde is een percentage; waar het gemiddelde onder {pmin} bericht per week ligt, "
        "staat er het verschil in berichten (of de eerste week van het thema). Aandeel: van de "
        "berichten van deze week die in een thema zijn ingedeeld, zoals op de pagina Thema's. "
        "Sentiment in de tabellen: het gemiddelde van het thema deze week ({minus}1 tot 1); – "
        "als minder dan {smin} van zijn berichten van deze week een sentiment hebben. "
        "Stijgend, nieuw en piek volgen de ene trendregel die elke "
        "dashboardpagina gebruikt: {rising}; {new}; {spike}. Verschuiving in sentiment: het "
        "gemiddelde sentiment ({minus}1 tot 1) veranderde minstens {shift}, elk gemiddelde over "
        "minstens {smin} berichten. Citaten zijn de meest typerende berichten van de week, al "
        "geanonimiseerd opgeslagen; berichten met verwijderde persoonsgegevens ([EMAIL], "
        "[PHONE], ...) alleen als het thema te weinig andere heeft, en nooit een bericht dat "
        "weinig meer is dan zulke plaatshouders.",
    },
    "rules.which.tree": {
        "en": "a channel, a theme or main theme",
        "nl": "een kanaal of (hoofd)thema",
    },
    "rules.which.themes": {"en": "a channel or a theme", "nl": "een kanaal of thema"},
    "rules.colours": {
        "en": "Colours say what a change means: more items in a clearly negative theme (mean "
        "sentiment over these weeks {neg} or lower) or fewer in a clearly positive one ({pos} "
        "or higher) in red, the reverse in green; a mixed theme, one with too little "
        "sentiment to tell, and channels and the total in grey (more feedback is neither good "
        "nor bad in itself).",
        "nl": "Kleuren zeggen wat een verandering betekent: meer berichten in een duidelijk "
        "negatief thema (gemiddeld sentiment over deze weken {neg} of lager) of minder in een "
        "duidelijk positief thema ({pos} of hoger) in rood, het omgekeerde in groen; een "
        "gemengd thema, een thema met te weinig sentiment om het te zeggen, en kanalen en het "
        "totaal in grijs (meer feedback is op zich niet goed of slecht).",
    },
    **{f"channel.{code}": names for code, names in CHANNEL_NAMES.items()},
}


def text(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in."""
    return STRINGS[key][lang].format(**values)


def channel_name(channel: str, lang: str) -> str:
    entry = STRINGS.get(f"channel.{channel}")
    return entry[lang] if entry else channel


def neutralise(cell: object) -> object:
    """A cell for the workbook: see :mod:`analysis.safe_tables` (the one rule for exports)."""
    return xlsx_cell(cell)


def _check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise AnalysisError(say("analysis.language", choices=", ".join(LANGUAGES), lang=lang))


# -- numbers -----------------------------------------------------------------------------
# Numbers in the text (Markdown, HTML, the workbook's sentences) as on the dashboard's screens
# (analysis.numbers): zero has no sign ("0", "0,0", "0%") and a negative one a real minus
# ("−2"); the CSV and the workbook's number cells hold plain numbers (theme_table).
def _decimal(value: float, lang: str, places: int = 1, signed: bool = False) -> str:
    if rounds_to_zero(value, places):
        value, signed = 0.0, False  # not "+0,0" or "-0,0"
    formatted = f"{value:+.{places}f}" if signed else f"{value:.{places}f}"
    return with_minus(formatted.replace(".", ",") if lang == "nl" else formatted)


def _signed(value: int) -> str:
    return with_minus(f"{value:+d}") if value else "0"


def _pct(value: float | None, lang: str, signed: bool = True) -> str:
    if value is None:
        return "–"
    if rounds_to_zero(value):
        return "0%"
    return with_minus(f"{value:+.0f}%" if signed else f"{value:.0f}%")


def _share_lang(value: float, lang: str) -> str:
    return _decimal(100 * value, lang, 1) + "%"


def _shown_share(shown: float, exact: float, lang: str) -> str:
    """A share of a table that adds up (``share_shown``, already rounded) as the dashboard
    writes it: ``14,9%``; ``<0,1%`` for a share that rounded to 0 but is not."""
    written = shown_share_text(shown, exact, 1)
    return (written.replace(".", ",") if lang == "nl" else written) + "%"


def _sentiment(value: float | None, lang: str) -> str:
    return "–" if value is None else _decimal(value, lang, 2, signed=True)


# -- the pieces every format shares ------------------------------------------------------
def _scope(summary: WeeklySummary, lang: str) -> str:
    if summary.channel:
        return text("scope.one", lang, channel=channel_name(summary.channel, lang))
    return text("scope.all", lang)


def _items(count: int, lang: str) -> str:
    """``1 bericht``, ``2 berichten`` / ``1 item``, ``2 items``."""
    return text("count.items.one" if count == 1 else "count.items.other", lang, n=count)


def _headline(summary: WeeklySummary, lang: str) -> str:
    """The week's items against the week before and the average, naming the weeks that
    average is really over (fewer than ``baseline_weeks`` at the start of the data); in the
    data's first week, no comparison: its "week before" holds no data, not zero feedback."""
    total = summary.total
    items = _items(total.items, lang)
    if total.first_week:
        return text("headline.first", lang, items=items)
    weeks = total.weeks if total.weeks > 0 else summary.rules.baseline_weeks
    return text(
        "headline.one_week" if weeks == 1 else "headline",
        lang,
        items=items,
        change=_signed(total.change),
        pct=_pct(total.change_vs_average_pct, lang),
        weeks=weeks,  # the averages are the trend rules' baseline
    )


def _attention_line(
    line: Attention, summary: WeeklySummary, lang: str, theme_fmt: Callable[[str], str]
) -> str:
    theme = theme_fmt(summary.theme(line.theme_id).label(lang)) if line.theme_id is not None else ""
    channel = channel_name(line.channel, lang) if line.channel else ""
    where = text("attention.where", lang, channel=channel) if channel else ""
    if line.kind == "unsorted":
        delta = _share_lang(line.delta, lang)
    elif line.kind == "sentiment_drop":  # "fell by 0,25 (from −0,48)": from the shown ends
        delta = _decimal(abs(shown_change(line.baseline, line.baseline + line.delta, 2)), lang, 2)
    else:
        delta = _decimal(abs(line.delta), lang, 2)
    return text(
        f"attention.{line.kind}",
        lang,
        theme=theme,
        channel=channel,
        where=where,
        items=line.items,
        baseline=_decimal(line.baseline, lang, 1 if line.kind != "sentiment_drop" else 2),
        delta=delta,
        share=_share_lang(line.delta, lang),
        trailing=_spike_weeks(summary, line.theme_id),
        busier=_busier(line.channel_growth, lang),
    )


def _spike_weeks(summary: WeeklySummary, theme_id: int | None) -> int:
    """The weeks a spike's usual week (their median) is over: ``baseline_weeks``, or fewer
    for a theme younger than that or at the start of the data (the spike rule asks for at
    least ``spike_min_history``); the theme's own baseline weeks, as the rule counts them."""
    weeks = summary.rules.baseline_weeks
    if theme_id is None:
        return weeks
    own = summary.theme(theme_id).volume.weeks
    return min(own, weeks) if own > 0 else weeks


def _busier(growth: float, lang: str) -> str:
    """The end of a spike's line when the rule scaled its usual week for a surging channel."""
    return (
        text("spike.busier", lang, growth=_decimal(growth, lang, 1))
        if scaled_for_channel(growth)
        else ""
    )


def _rules_text(summary: WeeklySummary, lang: str) -> str:
    r = summary.rules
    return text(
        "rules.text",
        lang,
        **rule_texts(r.trends, lang),
        weeks=r.baseline_weeks,
        shift=_decimal(r.sentiment_shift, lang, 2),
        pmin=_decimal(PERCENT_MIN_AVERAGE, lang, 0),
        smin=r.sentiment_min_items,
        minus=MINUS,
        which=text("rules.which.tree" if summary.main_themes(lang) else "rules.which.themes", lang),
    )


def _colours_text(lang: str) -> str:
    """The colour rule of the HTML summary, written from its threshold."""
    return text(
        "rules.colours",
        lang,
        neg=_decimal(-CLEAR_SENTIMENT, lang, 1, signed=True),
        pos=_decimal(CLEAR_SENTIMENT, lang, 1, signed=True),
    )


def _channel_rows(summary: WeeklySummary, lang: str) -> list[tuple[str, Volume]]:
    rows = [(channel_name(c.channel, lang), c.volume) for c in summary.channels]
    return [*rows, (text("total", lang), summary.total)]


def _vs_average(volume: Volume, lang: str) -> str:
    """``+48%``; under :data:`PERCENT_MIN_AVERAGE` item a week the difference in items
    (``+1,6``), and ``eerste week`` when there is no week before to average."""
    pct = volume.change_vs_average_pct
    if pct is not None:
        return _pct(pct, lang)
    if volume.first_week:
        return text("vs.first_week", lang) if volume.items else "–"
    return _decimal(volume.change_vs_average, lang, 1, signed=True)


def _volume_cells(volume: Volume, lang: str) -> list[str]:
    return [
        str(volume.items),
        str(volume.previous),
        _signed(volume.change),
        _decimal(volume.average, lang, 1),
        _vs_average(volume, lang),
    ]


def _rising_line(theme: ThemeWeek, lang: str, theme_fmt: Callable[[str], str]) -> str:
    where = (
        text(
            "rising.where",
            lang,
            channels=", ".join(channel_name(c, lang) for c in theme.rising_channels),
        )
        if theme.rising_channels
        else ""
    )
    return text(
        "rising.line",
        lang,
        theme=theme_fmt(theme.label(lang)),
        items=theme.volume.items,
        average=_decimal(theme.volume.average, lang, 1),
        where=where,
    )


def _spike_line(spike: Spike, summary: WeeklySummary, lang: str, fmt: Callable[[str], str]) -> str:
    return text(
        "spike.line",
        lang,
        theme=fmt(summary.theme(spike.theme_id).label(lang)),
        channel=channel_name(spike.channel, lang),
        items=spike.items,
        baseline=_decimal(spike.baseline, lang, 1),
        weeks=_spike_weeks(summary, spike.theme_id),
        busier=_busier(spike.channel_growth, lang),
    )


def _sentiment_line(theme: ThemeWeek, lang: str, fmt: Callable[[str], str]) -> str:
    return text(
        "sentiment.line",
        lang,
        theme=fmt(theme.label(lang)),
        before=_sentiment(theme.sentiment_before, lang),
        after=_sentiment(theme.sentiment, lang),
        delta=_sentiment(_shown_shift(theme, 2), lang),
    )


def _shown_shift(theme: ThemeWeek, places: int) -> float | None:
    """A theme's sentiment shift as its two written ends give it (:func:`shown_change`)."""
    if theme.sentiment is None or theme.sentiment_before is None:
        return theme.sentiment_shift
    return shown_change(theme.sentiment_before, theme.sentiment, places)


def _count_line(summary: WeeklySummary, lang: str) -> str | None:
    """Under the main themes (or a flat tree's themes): how the week's items add up when some
    are in no theme (star ratings without text, unsorted items), as the Overview says it;
    None when all are."""
    stars = summary.total.items - summary.text_items
    if not stars and not summary.unsorted_items:
        return None
    return text(
        "groups.count",
        lang,
        themed=summary.text_items - summary.unsorted_items,
        items=summary.total.items,
        stars=stars,
        unsorted=summary.unsorted_items,
    )


def _unsorted_line(summary: WeeklySummary, lang: str) -> str:
    return text(
        "unsorted.line",
        lang,
        items=summary.unsorted_items,
        total=summary.text_items,
        share=_share_lang(summary.unsorted_share, lang),
    )


def _theme_cells(theme: ThemeWeek, lang: str) -> list[str]:
    return [
        theme.label(lang),
        *_volume_cells(theme.volume, lang),
        _shown_share(theme.share_shown, theme.share, lang),
        _sentiment(theme.sentiment, lang),
    ]


def _group_cells(group: ThemeGroupWeek, lang: str) -> list[str]:
    return [
        group.label(lang),
        *_volume_cells(group.volume, lang),
        _shown_share(group.share_shown, group.share, lang),
        str(group.theme_count),
    ]


def _group_header(lang: str) -> list[str]:
    keys = ("group", "items", "previous", "change", "average", "vs_average", "share", "themes")
    return [text(f"col.{k}", lang) for k in keys]


def _theme_header(lang: str) -> list[str]:
    keys = ("theme", "items", "previous", "change", "average", "vs_average", "share", "sentiment")
    return [text(f"col.{k}", lang) for k in keys]


def _channel_header(lang: str) -> list[str]:
    keys = ("channel", "items", "previous", "change", "average", "vs_average")
    return [text(f"col.{k}", lang) for k in keys]


# -- Markdown ----------------------------------------------------------------------------
def _md_escape(value: str) -> str:
    return md_text(value)  # feedback and theme names: plain text, never HTML or links


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    return lines


def _period(summary: WeeklySummary, lang: str) -> str:
    """``16 nov t/m 22 nov 2026`` (as every screen names a day); for a week that is not over,
    through its last day with data, saying that the weeks before are counted over the same
    days."""
    last = summary.through or summary.week_end
    start = day_month(summary.week_start, lang, year=summary.week_start.year != last.year)
    key = "period" if summary.through is None else "period.partial"
    return text(key, lang, start=start, end=day_month(last, lang, year=True))


def _quote_source(quote: Quote, lang: str) -> str:
    """``Reviews, 21 nov 2026``: where and on which day, as every screen names a day."""
    day = day_month(quote.received_at, lang, year=True)
    return text("quote.source", lang, channel=channel_name(quote.channel, lang), date=day)


def _nothing_to_flag(summary: WeeklySummary, lang: str, name: Callable[[str], str] = str) -> str:
    """ "Nothing needs attention this week.", and the largest rise the trend rule let pass, with the
    average it was judged against (the table beside it may show a theme doubling)."""
    said = text("nothing_to_flag", lang)
    if summary.unflagged_rise is None:
        return said
    theme_id, items, average = summary.unflagged_rise
    return (
        said
        + " "
        + text(
            "unflagged_rise",
            lang,
            theme=name(summary.theme(theme_id).label(lang)),
            items=items,
            average=_decimal(average, lang),
        )
    )


def _title(summary: WeeklySummary, lang: str) -> str:
    """``Wekelijkse feedbacksamenvatting: week 47 van 2026``: the week by its name; the files
    for other programs (CSV, the Excel sheet's week field) keep the code ``2026-W47``."""
    return text("title", lang, week=week_name(summary.week, lang))


def render_markdown(summary: WeeklySummary, lang: str) -> str:
    """The summary as Markdown text."""
    _check_language(lang)
    bold = lambda s: f"**{md_text(s)}**"  # noqa: E731 - theme names come from feedback
    period = _period(summary, lang)
    out = [
        f"# {_title(summary, lang)}",
        "",
        f"{period} · {_scope(summary, lang)}",
        "",
        _headline(summary, lang),
        "",
    ]
    groups = summary.main_themes(lang)
    flat = summary.tree_adds_nothing(lang)
    if groups or flat:
        # A flat tree's main themes are its themes: the summary leads with them as themes.
        out += [f"## {text('section.groups' if groups else 'section.themes', lang)}", ""]
        if groups:
            out += _md_table(_group_header(lang), [_group_cells(g, lang) for g in groups])
        else:
            out += _md_table(
                _theme_header(lang), [_theme_cells(t, lang) for t in summary.week_themes]
            )
        count = _count_line(summary, lang)
        out += ["", count] if count else []
        out.append("")
    out += [f"## {text('section.attention', lang)}", ""]
    lines = [_attention_line(a, summary, lang, bold) for a in summary.attention]
    out += [f"- {x}" for x in lines] or [_nothing_to_flag(summary, lang, md_text)]
    out += ["", f"## {text('section.channels', lang)}", ""]
    out += _md_table(
        _channel_header(lang),
        [[name, *_volume_cells(v, lang)] for name, v in _channel_rows(summary, lang)],
    )
    if not flat:  # a flat tree's summary has listed every theme above
        out += ["", f"## {text('section.top', lang)}", ""]
        if summary.top_themes:
            out += _md_table(
                _theme_header(lang), [_theme_cells(t, lang) for t in summary.top_themes]
            )
        else:
            out.append(text("none", lang))
    sections: list[tuple[str, list[str]]] = [
        ("section.rising", [_rising_line(t, lang, bold) for t in summary.rising]),
        (
            "section.new",
            [
                text("new.line", lang, theme=bold(t.label(lang)), items=t.volume.items)
                for t in summary.new_themes
            ],
        ),
        ("section.spikes", [_spike_line(s, summary, lang, bold) for s in summary.spikes]),
        ("section.sentiment", [_sentiment_line(t, lang, bold) for t in summary.sentiment_shifts]),
    ]
    for key, items in sections:
        out += ["", f"## {text(key, lang)}", ""]
        out += [f"- {x}" for x in items] or [text("none", lang)]
    out += ["", f"## {text('section.quotes', lang)}"]
    for theme_id in summary.highlighted_theme_ids:
        quotes = summary.quotes_for(theme_id, lang)
        if not quotes:
            continue
        out += ["", f"### {md_text(summary.theme(theme_id).label(lang))}", ""]
        for q in quotes:
            source = _quote_source(q, lang)
            out += [f"> {_md_escape(q.text)}", ">", f"> — {source}", ""]
    out += ["", f"## {text('section.unsorted', lang)}", "", _unsorted_line(summary, lang)]
    out += ["", "---", "", f"*{text('section.rules', lang)}:* {_rules_text(summary, lang)}", ""]
    return "\n".join(out)


# -- HTML --------------------------------------------------------------------------------
CSS = """
body{font-family:-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2933;
 max-width:860px;margin:24px auto;padding:0 16px;line-height:1.45;font-size:15px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;
 border-bottom:2px solid #e4e7eb;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.meta{color:#52606d;margin:0 0 12px}.headline{font-size:16px;font-weight:600}
.attention{background:#fff8e6;border-left:4px solid #d97706;padding:8px 14px 8px 30px;margin:0}
.attention li{margin:4px 0}
table{border-collapse:collapse;width:100%;font-size:14px;margin:6px 0}
th,td{padding:5px 8px;border-bottom:1px solid #e4e7eb;text-align:right;vertical-align:middle}
th:first-child,td:first-child{text-align:left}th{background:#f5f7fa;font-weight:600}
tr.total td{font-weight:700}.bad{color:#b42318}.good{color:#1e7b34}.neutral{color:#3e4c59}
blockquote{margin:8px 0;padding:6px 12px;border-left:3px solid #9fb3c8;background:#f8fafc}
blockquote .src{display:block;color:#52606d;font-size:13px;margin-top:2px}
.tag{display:inline-block;font-size:12px;padding:0 6px;border-radius:8px;margin-left:4px}
.tag.bad{background:#fde8e8}.tag.good{background:#e6f4ea}.tag.neutral{background:#eceff3}
.tag.new{background:#e3f2fd;color:#0b5394}
.rules{color:#52606d;font-size:13px;border-top:1px solid #e4e7eb;margin-top:28px;padding-top:8px}
.chart{margin:8px 0}svg text{font-family:inherit}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


MEANING_FILLS: dict[ChangeMeaning, str] = {
    "bad": "#d92d20",
    "good": "#2e8b57",
    "neutral": "#52606d",
}
"""Bar colours of a change by what it means (:func:`analysis.summary.change_meaning`); the
CSS classes ``bad``, ``good`` and ``neutral`` colour text the same way."""


def _coloured(cell: str, meaning: ChangeMeaning) -> str:
    return f'<span class="{meaning}">{cell}</span>'


def svg_sparkline(values: Sequence[int], *, highlight: ChangeMeaning | None, label: str) -> str:
    """Tiny weekly bars, the last (this week) coloured: blue, or by what the change means when
    the week is flagged (``highlight``); ``label`` becomes the SVG title."""
    width, height, gap = 110, 26, 2
    peak = max(max(values, default=0), 1)
    bar = (width - gap * (len(values) - 1)) / max(len(values), 1)
    parts = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{_e(label)}</title>",
    ]
    for i, v in enumerate(values):
        h = max(1.0, (height - 2) * v / peak) if v else 1.0
        last = i == len(values) - 1
        colour = (MEANING_FILLS[highlight] if highlight else "#2563eb") if last else "#cbd2d9"
        parts.append(
            f'<rect x="{i * (bar + gap):.1f}" y="{height - h:.1f}" width="{bar:.1f}" '
            f'height="{h:.1f}" fill="{colour}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_channel_bars(summary: WeeklySummary, lang: str) -> str:
    """Horizontal bars per channel: this week against the baseline average."""
    rows = summary.channels
    if not rows:
        return ""
    label_w, bar_w, row_h = 130, 420, 30
    width, height = label_w + bar_w + 60, row_h * len(rows) + 8
    peak = max(max(max(c.volume.items, c.volume.average) for c in rows), 1)
    parts = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{_e(text('chart.channels', lang))}</title>",
    ]
    for i, c in enumerate(rows):
        y = 4 + i * row_h
        avg_w = bar_w * c.volume.average / peak
        now_w = bar_w * c.volume.items / peak
        parts += [
            f'<text x="0" y="{y + 18}" font-size="13" fill="#1f2933">'
            f"{_e(channel_name(c.channel, lang))}</text>",
            f'<rect x="{label_w}" y="{y + 2}" width="{avg_w:.1f}" height="22" fill="#cfe0fb"/>',
            f'<rect x="{label_w}" y="{y + 7}" width="{now_w:.1f}" height="12" fill="#2563eb"/>',
            f'<text x="{label_w + max(now_w, avg_w) + 6:.1f}" y="{y + 18}" font-size="13" '
            f'fill="#1f2933">{c.volume.items}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def svg_week_bars(
    values: Sequence[int],
    weeks: Sequence[str],
    *,
    label: str,
    meaning: ChangeMeaning = "neutral",
) -> str:
    """Bars per week with counts on top and week numbers below; the last week coloured by
    what its change means (:data:`MEANING_FILLS`)."""
    width, height, top, bottom = 520, 190, 22, 26
    n = max(len(values), 1)
    slot = width / n
    peak = max(max(values, default=0), 1)
    plot_h = height - top - bottom
    parts = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">',
        f"<title>{_e(label)}</title>",
    ]
    for i, (v, week) in enumerate(zip(values, weeks, strict=True)):
        h = plot_h * v / peak
        x = i * slot + slot * 0.15
        colour = MEANING_FILLS[meaning] if i == n - 1 else "#9fb3c8"
        parts += [
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{max(h, 1):.1f}" fill="{colour}"/>',
            f'<text x="{x + slot * 0.35:.1f}" y="{top + plot_h - h - 5:.1f}" font-size="12" '
            f'text-anchor="middle" fill="#1f2933">{v}</text>',
            f'<text x="{x + slot * 0.35:.1f}" y="{height - 8}" font-size="11" '
            f'text-anchor="middle" fill="#52606d">{_e(week.split("-")[-1])}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _html_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], classes: Sequence[str] = ()
) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = []
    for i, row in enumerate(rows):
        cls = f' class="{classes[i]}"' if i < len(classes) and classes[i] else ""
        body.append(f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _html_volume_cells(volume: Volume, lang: str) -> list[str]:
    """A channel's (or the total's) cells: its change is neutral, neither good nor bad."""
    cells = [_e(c) for c in _volume_cells(volume, lang)]
    cells[2] = _coloured(cells[2], "neutral")
    return cells


def _html_groups(summary: WeeklySummary, lang: str) -> list[str]:
    """The main themes table that leads the page; for a flat tree
    (:meth:`~analysis.summary.WeeklySummary.tree_adds_nothing`) the themes table in its place;
    nothing when there is no theme tree."""
    groups = summary.main_themes(lang)
    count = _count_line(summary, lang)
    counted = [f'<p class="meta">{_e(count)}</p>'] if count else []
    if summary.tree_adds_nothing(lang):
        return [
            f"<h2>{_e(text('section.themes', lang))}</h2>",
            _html_theme_table(summary.week_themes, lang),
            *counted,
        ]
    if not groups:
        return []
    rows = []
    for g in groups:
        cells = [_e(c) for c in _group_cells(g, lang)]
        cells[3] = _coloured(cells[3], g.change_meaning(g.volume.change))
        rows.append(cells)
    return [
        f"<h2>{_e(text('section.groups', lang))}</h2>",
        _html_table(_group_header(lang), rows, ["" for _ in rows]),
        *counted,
    ]


def _html_theme_table(themes: Sequence[ThemeWeek], lang: str) -> str:
    """Themes with their figures, a tag for a spike, a new or a rising theme, and a
    sparkline of their weeks."""
    header = [*_theme_header(lang), text("col.trend", lang)]
    body = []
    for t in themes:
        more = t.change_meaning(1)  # a spike, a rise and a first week are all "more"
        tags = ""
        if t.spike_channels:
            tags += f'<span class="tag {more}">{_e(text("tag.spike", lang))}</span>'
        if t.is_new:
            tags += f'<span class="tag new">{_e(text("col.new", lang))}</span>'
        elif t.is_rising:
            tags += f'<span class="tag {more}">{_e(text("col.rising", lang))}</span>'
        cells = [_e(c) for c in _theme_cells(t, lang)]
        cells[0] += tags
        cells[3] = _coloured(cells[3], t.change_meaning(t.volume.change))
        flagged = bool(t.spike_channels or t.is_rising or t.is_new)
        spark = svg_sparkline(
            t.volume.history,
            highlight=more if flagged else None,
            label=f"{t.label(lang)}: {', '.join(map(str, t.volume.history))}",
        )
        body.append([*cells, spark])
    return _html_table(header, body)


def render_html(summary: WeeklySummary, lang: str) -> str:
    """The summary as one self-contained HTML page (inline CSS and SVG, no URLs)."""
    _check_language(lang)
    strong = lambda s: f"<strong>{_e(s)}</strong>"  # noqa: E731
    title = _title(summary, lang)
    period = _period(summary, lang)
    out = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(period)} · {_e(_scope(summary, lang))}</p>',
        f'<p class="headline">{_e(_headline(summary, lang))}</p>',
        *_html_groups(summary, lang),
        f"<h2>{_e(text('section.attention', lang))}</h2>",
    ]
    lines = [_attention_line(a, summary, lang, strong) for a in summary.attention]
    if lines:
        out.append('<ul class="attention">' + "".join(f"<li>{x}</li>" for x in lines) + "</ul>")
    else:
        out.append(f"<p>{_e(_nothing_to_flag(summary, lang))}</p>")

    out.append(f"<h2>{_e(text('section.spikes', lang))}</h2>")
    if summary.spikes:
        for spike in summary.spikes:
            name = summary.theme(spike.theme_id).label(lang)
            chart_title = text(
                "spike.chart", lang, theme=name, channel=channel_name(spike.channel, lang)
            )
            meaning = summary.theme(spike.theme_id).change_meaning(spike.items - spike.baseline)
            bars = svg_week_bars(
                spike.history, summary.history_weeks, label=chart_title, meaning=meaning
            )
            out += [
                f"<p>{_spike_line(spike, summary, lang, strong)}</p>",
                f'<div class="chart" aria-label="{_e(chart_title)}"><div class="meta">{_e(chart_title)}</div>'
                f"{bars}</div>",
            ]
    else:
        out.append(f"<p>{_e(text('none', lang))}</p>")

    out.append(f"<h2>{_e(text('section.channels', lang))}</h2>")
    out.append(f'<div class="chart">{svg_channel_bars(summary, lang)}</div>')
    rows = _channel_rows(summary, lang)
    out.append(
        _html_table(
            _channel_header(lang),
            [[_e(name), *_html_volume_cells(v, lang)] for name, v in rows],
            ["" for _ in rows[:-1]] + ["total"],
        )
    )

    if not summary.tree_adds_nothing(lang):  # a flat tree's page listed every theme above
        out.append(f"<h2>{_e(text('section.top', lang))}</h2>")
        if summary.top_themes:
            out.append(_html_theme_table(summary.top_themes, lang))
        else:
            out.append(f"<p>{_e(text('none', lang))}</p>")

    sections: list[tuple[str, list[str]]] = [
        ("section.rising", [_rising_line(t, lang, strong) for t in summary.rising]),
        (
            "section.new",
            [
                text("new.line", lang, theme=strong(t.label(lang)), items=t.volume.items)
                for t in summary.new_themes
            ],
        ),
        ("section.sentiment", [_sentiment_line(t, lang, strong) for t in summary.sentiment_shifts]),
    ]
    for key, items in sections:
        out.append(f"<h2>{_e(text(key, lang))}</h2>")
        out.append(
            "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>"
            if items
            else f"<p>{_e(text('none', lang))}</p>"
        )

    out.append(f"<h2>{_e(text('section.quotes', lang))}</h2>")
    for theme_id in summary.highlighted_theme_ids:
        quotes = summary.quotes_for(theme_id, lang)
        if not quotes:
            continue
        out.append(f"<h3>{_e(summary.theme(theme_id).label(lang))}</h3>")
        for q in quotes:
            source = _quote_source(q, lang)
            out.append(
                f'<blockquote>{_e(q.text)}<span class="src">— {_e(source)}</span></blockquote>'
            )
    out += [
        f"<h2>{_e(text('section.unsorted', lang))}</h2>",
        f"<p>{_e(_unsorted_line(summary, lang))}</p>",
        f'<p class="rules"><strong>{_e(text("section.rules", lang))}:</strong> '
        f"{_e(_rules_text(summary, lang))} {_e(_colours_text(lang))}</p>",
        "</body></html>",
    ]
    return "\n".join(out)


# -- CSV and XLSX ------------------------------------------------------------------------
THEME_TABLE_KEYS = (
    "week",
    "theme_id",
    "theme",
    "items",
    "previous",
    "change",
    "average",
    "vs_average",
    "share",
    "sentiment",
    "sentiment_before",
    "sentiment_shift",
    "new",
    "rising",
    "rising_channels",
    "spike_channels",
    "group",
)
"""The columns of :func:`theme_table`, as ``col.*`` keys of :data:`STRINGS`; the main theme
(``group``) last, as it may be left out (:func:`theme_table_keys`)."""

PERCENT_KEYS = ("vs_average", "share")
"""Columns of :func:`theme_table` in percent (``46.2``, headed "(%)"); the workbook holds
them as fractions with a percent format (:func:`render_xlsx`)."""

XLSX_PERCENT = "0.0%"
XLSX_DATE = {"nl": "dd-mm-yyyy", "en": "d mmm yyyy"}
"""How the workbook shows a day: Dutch day-first ``21-11-2026``, English ``21 Nov 2026``."""


def theme_table(summary: WeeklySummary, lang: str) -> tuple[list[str], list[list[object]]]:
    """One row per theme (most items first) with raw numbers, for CSV and XLSX: every theme
    with an item in the summary's weeks (this week or the ``history_weeks`` before it), with
    its main theme whatever the week's counts (a column left out when there is none to name:
    :func:`theme_table_keys`)."""
    keys = theme_table_keys(summary, lang)
    header = [text(f"col.{k}", lang) + (" (%)" if k in PERCENT_KEYS else "") for k in keys]
    yes_no = {True: text("yes", lang), False: text("no", lang)}

    def r(value: float | None, places: int) -> float | None:
        return None if value is None else round(value, places)

    rows: list[list[object]] = [
        [
            summary.week,
            t.theme_id,
            t.label(lang),
            t.volume.items,
            t.volume.previous,
            t.volume.change,
            r(t.volume.average, 2),
            r(t.volume.change_vs_average_pct, 1),
            r(100 * t.share_shown, 1),  # every theme is a row: they add up to 100
            r(t.sentiment, 3),
            r(t.sentiment_before, 3),
            _shown_shift(t, 3),
            yes_no[t.is_new],
            yes_no[t.is_rising],
            ", ".join(channel_name(c, lang) for c in t.rising_channels),
            ", ".join(channel_name(c, lang) for c in t.spike_channels),
            t.main_theme(lang),
        ][: len(keys)]  # the main theme is the last column, when there is one
        for t in summary.themes
    ]
    return header, rows


def theme_table_keys(summary: WeeklySummary, lang: str) -> tuple[str, ...]:
    """:data:`THEME_TABLE_KEYS` as :func:`theme_table` fills them for ``summary``: without
    the main theme column when no theme has one, or when the tree adds nothing
    (:meth:`~analysis.summary.WeeklySummary.tree_adds_nothing`: it would repeat the theme's
    own name in every row)."""
    if summary.tree_adds_nothing(lang) or not any(t.main_theme(lang) for t in summary.themes):
        return tuple(k for k in THEME_TABLE_KEYS if k != "group")
    return THEME_TABLE_KEYS


def render_csv(summary: WeeklySummary, lang: str) -> bytes:
    """One row per theme, in the spreadsheet conventions of ``lang`` (Dutch: ``;`` and a
    decimal comma; UTF-8 BOM), through the dashboard downloads' writer."""
    _check_language(lang)
    header, rows = theme_table(summary, lang)
    return localized_rows_csv_bytes(header, rows, lang)


def _fraction(percent: object) -> object:
    """``46.25`` (percent) as ``0.462`` for a cell with :data:`XLSX_PERCENT` (one decimal, as
    the CSV writes ``46.2``); None stays."""
    return round(round(percent, 1) / 100, 3) if isinstance(percent, int | float) else percent


def render_xlsx(summary: WeeklySummary, lang: str) -> bytes:
    """A workbook with the sheets Summary, Themes and Quotes (named in ``lang``)."""
    _check_language(lang)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    bold = Font(bold=True)
    plain = lambda s: s  # noqa: E731
    overview = book.active
    overview.title = text("sheet.summary", lang)
    period = _period(summary, lang)
    facts: list[tuple[str, object]] = [
        (text("field.week", lang), summary.week),
        (text("field.period", lang), period),
        (text("field.scope", lang), _scope(summary, lang)),
        (text("field.items", lang), summary.total.items),
        (text("field.previous", lang), summary.total.previous),
        (text("field.average", lang), round(summary.total.average, 2)),
        (text("field.unsorted", lang), summary.unsorted_items),
        (text("field.unsorted_share", lang), _fraction(100 * summary.unsorted_share)),
    ]
    overview.append([text("col.field", lang), text("col.value", lang)])
    for key, value in facts:
        overview.append([neutralise(key), neutralise(value)])
        if key == text("field.unsorted_share", lang):
            overview.cell(overview.max_row, 2).number_format = XLSX_PERCENT
    overview.append([])
    overview.append([text("field.attention", lang)])
    overview.cell(overview.max_row, 1).font = bold
    for line in summary.attention:
        overview.append([neutralise(_attention_line(line, summary, lang, plain))])
    if not summary.attention:
        overview.append([neutralise(_nothing_to_flag(summary, lang))])
    overview.append([])
    overview.append(_channel_header(lang))
    header_row = overview.max_row
    for name, v in _channel_rows(summary, lang):
        overview.append(
            [
                neutralise(name),
                v.items,
                v.previous,
                v.change,
                round(v.average, 2),
                _fraction(v.change_vs_average_pct),
            ]
        )
        overview.cell(overview.max_row, 6).number_format = XLSX_PERCENT
    for cell in (*overview[1], *overview[header_row]):
        cell.font = bold
    overview.column_dimensions["A"].width = 34
    for col in "BCDEF":
        overview.column_dimensions[col].width = 18

    themes = book.create_sheet(text("sheet.themes", lang))
    header, rows = theme_table(summary, lang)
    themes.append(header)
    percent_columns = [THEME_TABLE_KEYS.index(k) for k in PERCENT_KEYS]
    for row in rows:
        cells = [neutralise(c) for c in row]
        for i in percent_columns:
            cells[i] = _fraction(cells[i])
        themes.append(cells)
        for i in percent_columns:
            themes.cell(themes.max_row, i + 1).number_format = XLSX_PERCENT
    for cell in themes[1]:
        cell.font = bold
    themes.freeze_panes = "A2"
    themes.column_dimensions["C"].width = 32

    quotes = book.create_sheet(text("sheet.quotes", lang))
    quotes.append(
        [
            text("col.theme", lang),
            text("col.channel", lang),
            text("col.date", lang),
            text("col.quote", lang),
        ]
    )
    for q in (q for t in summary.highlighted_theme_ids for q in summary.quotes_for(t, lang)):
        quotes.append(
            [
                neutralise(summary.theme(q.theme_id).label(lang)),
                neutralise(channel_name(q.channel, lang)),
                q.received_at,
                neutralise(q.text),
            ]
        )
        quotes.cell(quotes.max_row, 3).number_format = XLSX_DATE[lang]
    for cell in quotes[1]:
        cell.font = bold
    quotes.column_dimensions["A"].width = 28
    quotes.column_dimensions["B"].width = 14
    quotes.column_dimensions["C"].width = 12
    quotes.column_dimensions["D"].width = 100
    for row in quotes.iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(summary: WeeklySummary, fmt: str, lang: str) -> bytes:
    """The summary in ``fmt`` (``md``, ``html``, ``csv`` or ``xlsx``) and ``lang`` as bytes.

    Raises:
        AnalysisError: for an unknown format or language.
    """
    _check_language(lang)
    if fmt == "md":
        return render_markdown(summary, lang).encode("utf-8")
    if fmt == "html":
        return render_html(summary, lang).encode("utf-8")
    if fmt == "csv":
        return render_csv(summary, lang)
    if fmt == "xlsx":
        return render_xlsx(summary, lang)
    raise AnalysisError(say("analysis.format", choices=", ".join(FORMATS), fmt=fmt))
