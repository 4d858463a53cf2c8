"""Do items about one subject land in one theme whatever their language?

``benchmarks/data/mixed_languages.csv`` holds 150 short complaints written for this check:
six subjects (late delivery, refund, login, customer service, price, broken product), each
in Dutch, English, German, French and Spanish, five per language. The texts say the same
things in each language (written by hand, not machine-translated), so this is the easy
case of a mixed workspace: if subjects split by language here, they split on real data too.

For each embedder the set is imported into a temporary workspace (each record keeps its
language) and refreshed through the product's own path (``workspace.refresh``). Printed per
embedder: themes, unsorted share, NMI / ARI against the subject, NMI against the language
(0 = themes ignore the language), the share of each subject's items in its largest theme,
the number of subjects whose five languages share one majority theme, and each theme's
name with its language mix; the same figures for the top themes of the theme tree.

Usage: ``python benchmarks/languages.py [auto|use|minilm|...]`` (default: ``auto``, what a
new workspace with this language mix uses, then ``minilm`` beside it).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

DATA = REPO / "benchmarks" / "data" / "mixed_languages.csv"


def measure(name: str, data: pd.DataFrame) -> None:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from analysis.embedders import get_embedder
    from ingest.schema import FeedbackRecord, make_record_id
    from workspace.db import Workspace
    from workspace.imports import import_records
    from workspace.refresh import refresh_themes
    from workspace.vectors import workspace_embedder_name

    start = datetime(2026, 10, 5, tzinfo=UTC)
    records = [
        FeedbackRecord(
            id=make_record_id("languages", str(i)),
            source_system="languages",
            channel="review",
            received_at=start + timedelta(hours=i),
            text=row.text,
            source_file="mixed_languages.csv",
            source_row=i + 2,
            language=row.language,
        )
        for i, row in enumerate(data.itertuples(index=False))
    ]
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(Path(tmp) / "ws.duckdb") as ws:
        import_records(ws, records, file_name="mixed_languages.csv")
        if name != "auto":
            ws.set_setting("embedder", name)
        resolved = workspace_embedder_name(ws)
        started = time.perf_counter()
        report = refresh_themes(ws, get_embedder(resolved))
        seconds = time.perf_counter() - started
        got = ws.query_df(
            "SELECT i.source_row, a.theme_id, t.label, t.label_nl, t.label_en, t.top_id FROM items i "
            "LEFT JOIN assignments a ON a.item_id = i.id LEFT JOIN themes t ON t.theme_id = a.theme_id"
        )
    got = got.sort_values("source_row").reset_index(drop=True)
    theme = got["theme_id"].fillna(-1).astype(int).to_numpy()
    top = got["top_id"].fillna(-1).astype(int).to_numpy()
    frame = data.assign(
        theme=theme,
        name=got["label"].fillna("").to_numpy(),
        name_nl=got["label_nl"].fillna("").to_numpy(),
        name_en=got["label_en"].fillna("").to_numpy(),
    )
    sorted_ = frame[frame["theme"] >= 0]
    together = 0
    largest = []
    for subject, part in sorted_.groupby("subject"):
        largest.append(part["theme"].value_counts().iloc[0] / len(data[data["subject"] == subject]))
        majority = part.groupby("language")["theme"].agg(lambda t: t.mode()[0])
        together += int(majority.nunique() == 1 and len(majority) == data["language"].nunique())
    print(
        f"| {name} → {resolved} | {report.themes} | {(theme < 0).mean():.1%} "
        f"| {normalized_mutual_info_score(data['subject'], theme):.3f} "
        f"| {adjusted_rand_score(data['subject'], theme):.3f} "
        f"| {normalized_mutual_info_score(data['language'], theme):.3f} "
        f"| {sum(largest) / len(largest):.0%} | {together} of {data['subject'].nunique()} "
        f"| {len(set(top[top >= 0]))} | {normalized_mutual_info_score(data['subject'], top):.3f} "
        f"| {adjusted_rand_score(data['subject'], top):.3f} "
        f"| {normalized_mutual_info_score(data['language'], top):.3f} | {seconds:.0f} s |",
        flush=True,
    )
    for theme_id, part in sorted_.groupby("theme"):
        mix = ", ".join(f"{k} {v}" for k, v in part["language"].value_counts().items())
        subjects = ", ".join(f"{k} {v}" for k, v in part["subject"].value_counts().items())
        first = part.iloc[0]
        print(
            f"    theme {theme_id} «{first['name']}» (nl «{first['name_nl']}», "
            f"en «{first['name_en']}»): {subjects} | {mix}"
        )


def main(names: list[str]) -> None:
    data = pd.read_csv(DATA)
    print(
        f"{len(data)} texts, {data['subject'].nunique()} subjects × "
        f"{data['language'].nunique()} languages ({', '.join(sorted(data['language'].unique()))})\n"
    )
    print(
        "| embedder | themes | unsorted | NMI subject | ARI subject | NMI language "
        "| subject in its largest theme | subjects with one theme in all languages "
        "| top themes | top NMI subject | top ARI subject | top NMI language | refresh |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in names:
        measure(name, data)


if __name__ == "__main__":
    main(sys.argv[1:] or ["auto", "minilm"])
