"""Themes on real, unlabeled app reviews: what a manager would see.

The labeled sets (``benchmarks/theme_tree.py``) score themes against truth; this script looks
at the other failure a manager meets on real reviews: too few or too many themes, themes by
language, by length or by sentiment word instead of subject. It imports the four real
Google Play Console exports in ``../shared/samples/google_play`` (Kiwix, 2016: 607 reviews
with text in 12+ languages) through the product's own path (``klantstem import`` logic and
``workspace.refresh``) into a temporary workspace, and prints:

- the number of themes and top themes, the unsorted share, the largest theme's share;
- NMI of the themes against the review's language (0 = themes ignore the language) and
  against its length in words (short / medium / long: 1-3, 4-12, 13+ words);
- every top theme's name and size with its largest themes' names.

Usage: ``python benchmarks/real_reviews.py``. Skips when ``../shared`` is absent.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

SAMPLES = REPO.parent / "shared" / "samples" / "google_play"


def main() -> None:
    if not SAMPLES.exists():
        print(f"{SAMPLES} is absent: nothing to measure.")
        return
    from sklearn.metrics import normalized_mutual_info_score

    from workspace.db import Workspace
    from workspace.imports import import_files
    from workspace.refresh import refresh_themes
    from workspace.theme_tree import theme_top_ids, theme_tree
    from workspace.vectors import workspace_embedder, workspace_embedder_name

    files = sorted(SAMPLES.glob("*.csv"))
    with tempfile.TemporaryDirectory() as tmp, Workspace.open(Path(tmp) / "ws.duckdb") as ws:
        import_files(ws, files)
        started = time.perf_counter()
        report = refresh_themes(ws, workspace_embedder(ws))
        seconds = time.perf_counter() - started
        items = ws.query_df(
            "SELECT i.language, i.text, a.theme_id FROM items i "
            "JOIN assignments a ON a.item_id = i.id"
        )
        tree = theme_tree(ws, lang="en")
        parent = theme_top_ids(ws)
        embedder = workspace_embedder_name(ws)
    themes = items["theme_id"].fillna(-1).astype(int).to_numpy()
    words = items["text"].str.split().str.len().to_numpy()
    length = np.digitize(words, [4, 13])
    top = np.array([parent.get(t, -1) if t >= 0 else -1 for t in themes])
    print(
        f"{len(files)} files, {len(items)} reviews with text, embedder "
        f"{embedder}, refresh {seconds:.1f} s"
    )
    print(
        f"themes {report.themes}, top themes {len(set(top[top >= 0]))}, unsorted "
        f"{(themes < 0).mean():.1%}, largest theme {np.bincount(themes[themes >= 0]).max()} "
        f"({np.bincount(themes[themes >= 0]).max() / len(themes):.0%})"
    )
    for name, level in (("themes", themes), ("top themes", top)):
        print(
            f"NMI of {name} against language "
            f"{normalized_mutual_info_score(items['language'].fillna('?'), level):.3f}, "
            f"against length {normalized_mutual_info_score(length, level):.3f}"
        )
    for _top_id, group in tree.groupby("top_id", sort=False):
        first = group.iloc[0]
        names = ", ".join(f"{r.label} ({r.items})" for r in group.head(6).itertuples())
        print(f"{first.top_label} ({int(first.top_items)}): {names}")


if __name__ == "__main__":
    main()
