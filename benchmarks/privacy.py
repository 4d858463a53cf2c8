"""Redaction recall and look-alikes kept on the table in ``tests/ingest/privacy_cases.py``,
and redaction speed on that table.

Run: ``PYTHONPATH=$PWD .venv/bin/python benchmarks/privacy.py [--module ingest.privacy]``.
``--module`` points at another module with a ``redact(text)`` (an older version, say) to
compare on the same table.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.ingest.privacy_cases import MUST_REDACT, MUST_STAY  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", default="ingest.privacy")
    args = parser.parse_args()
    redact = importlib.import_module(args.module).redact
    missed = [
        c for c in MUST_REDACT if c.secret in redact(c.text) or c.placeholder not in redact(c.text)
    ]
    changed = [c for c in MUST_STAY if redact(c.text) != c.text]
    caught = len(MUST_REDACT) - len(missed)
    kept = len(MUST_STAY) - len(changed)
    print(f"must-redact caught {caught}/{len(MUST_REDACT)} = {caught / len(MUST_REDACT):.1%}")
    print(f"look-alikes kept   {kept}/{len(MUST_STAY)} = {kept / len(MUST_STAY):.1%}")
    by_kind = Counter(c.placeholder for c in missed)
    if missed:
        print("missed per kind:", dict(by_kind), "ids:", ", ".join(c.id for c in missed))
    if changed:
        print("look-alikes changed:", ", ".join(c.id for c in changed))
    texts = [c.text for c in MUST_REDACT + MUST_STAY] * 200
    start = time.perf_counter()
    for text in texts:
        redact(text)
    print(
        f"redaction speed on the table: {len(texts) / (time.perf_counter() - start):,.0f} texts/s"
    )


if __name__ == "__main__":
    main()
