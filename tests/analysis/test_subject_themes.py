"""Themes follow what feedback is about, not whom it addresses or how it greets."""

from __future__ import annotations

import re

from sklearn.metrics import normalized_mutual_info_score

from analysis.embedders import TfidfEmbedder
from tests.analysis.conftest import make_records, synthetic_texts
from tests.analysis.feedback_sets import HANDLES
from workspace import refresh
from workspace.imports import import_records

CHANNELS = ["email", "review", "app_review", "ticket", "chat", "survey"]
PLACEHOLDER_OR_GREETING = re.compile(
    r"\[|@|\b(hi|hallo|beste|dear|groet|groetjes|regards|thanks|bedankt|postcode|email)\b",
    re.IGNORECASE,
)


def test_themes_do_not_follow_addressee_handles(workspace):
    pairs = synthetic_texts(48, seed=4)
    records = []
    for n, (record, (_subject, text)) in enumerate(zip(make_records(pairs), pairs, strict=True)):
        channel = n % 6  # the handle goes with the channel, whatever the subject
        records.append(
            record.replace(
                channel=CHANNELS[channel],
                text=f"Hi {HANDLES[channel]}, {text} Groetjes, [EMAIL] http://x.nl/{n}",
            )
        )
    workspace.set_setting("embedder", "tfidf")
    import_records(workspace, records, file_name="handles")
    refresh.refresh_themes(workspace, TfidfEmbedder())
    rows = workspace.query_df(
        "SELECT i.channel, i.source_row, a.theme_id FROM items i JOIN assignments a "
        "ON a.item_id = i.id ORDER BY i.source_row"
    )
    subjects = [pairs[r - 2][0] for r in rows["source_row"]]
    themes = rows["theme_id"].fillna(-1).astype(int)
    assert normalized_mutual_info_score(subjects, themes) >= 0.9
    assert normalized_mutual_info_score(rows["channel"], themes) <= 0.05
    labels = workspace.query_df(
        "SELECT label, label_nl, label_en, keywords FROM themes WHERE status = 'active'"
    )
    tops = workspace.query_df("SELECT label, label_nl, label_en FROM top_themes")
    assert len(labels) and len(tops)
    # No name, of a theme or of a top theme, holds a placeholder, a handle or a greeting.
    for row in (*labels.itertuples(index=False), *tops.itertuples(index=False)):
        for text in (row.label, row.label_nl, row.label_en):
            assert not PLACEHOLDER_OR_GREETING.search(text or ""), text
