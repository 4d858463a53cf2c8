"""Fabricated frames for the weekly summary builder: counts per theme, channel and week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from analysis.summary import parse_iso_week

WEEK = "2026-W40"
LABELS = {
    1: ("Late delivery", "Late levering"),
    2: ("Checkout error", "Fout bij afrekenen"),
    3: ("Friendly support", "Vriendelijke klantenservice"),
    4: ("Loyalty points", "Spaarpunten"),
}
TEXTS = {
    1: "My parcel arrived late again, order {n}.",
    2: "The checkout shows error 500 when I pay, attempt {n}.",
    3: "The support agent was very friendly, call {n}.",
    4: "My loyalty points are missing from the new app, card {n}.",
    None: "Something about the weather, message {n}.",
}


def fabricate(
    counts: dict[tuple[int | None, str], list[int]],
    *,
    week: str = WEEK,
    sentiment: dict[int | None, list[float]] | None = None,
    texts: dict[int | None, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Items and themes frames. ``counts[(theme, channel)]`` lists items per week, oldest
    first, the last entry being ``week``; ``sentiment[theme]`` the sentiment per week."""
    monday = parse_iso_week(week)
    rows = []
    n = 0
    for (theme, channel), per_week in counts.items():
        first = monday - timedelta(weeks=len(per_week) - 1)
        for w, count in enumerate(per_week):
            for k in range(count):
                day = first + timedelta(weeks=w, days=k % 7)
                mood = (sentiment or {}).get(theme)
                rows.append(
                    {
                        "item_id": f"item-{n:05d}",
                        "channel": channel,
                        "received_at": datetime.combine(day, datetime.min.time(), UTC)
                        + timedelta(hours=9 + k % 8),
                        "theme_id": theme,
                        "text": (texts or TEXTS).get(theme, TEXTS[None]).format(n=n),
                        "sentiment": mood[w] if mood else np.nan,
                        "similarity": 0.5 + (n % 7) / 20,
                    }
                )
                n += 1
    items = pd.DataFrame(rows)
    items["theme_id"] = items["theme_id"].astype("Int64")
    first_seen = items.dropna(subset=["theme_id"]).groupby("theme_id")["received_at"].min()
    themes = pd.DataFrame(
        {
            "theme_id": list(LABELS),
            "label_en": [v[0] for v in LABELS.values()],
            "label_nl": [v[1] for v in LABELS.values()],
            "first_seen": [first_seen.get(t, pd.NaT) for t in LABELS],
        }
    )
    return items, themes


def monday(week: str = WEEK) -> date:
    return parse_iso_week(week)
