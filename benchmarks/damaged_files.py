"""Import the seeded damaged-file corpus and print what the per-file boundary did.

Run: ``.venv/bin/python benchmarks/damaged_files.py [--seed 13]``.
Prints the number of files, tracebacks (exceptions escaping ``import_files``), files with
an error, files partly stored, the slowest files and the process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.ingest.damaged import damaged_files  # noqa: E402
from workspace.db import Workspace  # noqa: E402
from workspace.imports import import_files  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    files = damaged_files(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "damaged"
        folder.mkdir()
        for name, data in files:
            (folder / name).write_bytes(data)
        os.mkfifo(folder / "pipe.csv")
        os.symlink("/dev/zero", folder / "zero.csv")
        del files
        timings: list[tuple[float, str]] = []
        last = [time.perf_counter(), ""]

        def progress(stage: str, fraction: float) -> None:
            now = time.perf_counter()
            if last[1]:
                timings.append((now - last[0], last[1]))
            last[0], last[1] = now, stage.removeprefix("reading ")

        tracebacks = 0
        with Workspace.open(Path(tmp) / "ws.duckdb") as ws:
            try:
                report = import_files(ws, [folder], progress=progress)
            except Exception:  # noqa: BLE001 - counted: this is what the benchmark looks for
                traceback.print_exc()
                tracebacks += 1
                return
            timings.append((time.perf_counter() - last[0], last[1]))
            batches = set(ws.query_df("SELECT file_name FROM import_batches")["file_name"])
            stored = dict(
                ws.query_df(
                    "SELECT batch_id, count(*) AS n FROM items GROUP BY batch_id"
                ).itertuples(index=False, name=None)
            )
    partly = [
        f.file
        for f in report.files
        if (f.error and f.file in batches) or (not f.error and stored.get(f.batch_id, 0) != f.added)
    ]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"files {len(report.files)}  tracebacks {tracebacks}  with error {sum(bool(f.error) for f in report.files)}  "
          f"partly stored {len(partly)}  items added {report.added}")  # fmt: skip
    print(
        f"slowest file {max(timings)[0]:.1f} s; files over 60 s: {sum(t > 60 for t, _ in timings)}"
    )
    for seconds, name in sorted(timings, reverse=True)[:5]:
        print(f"  {seconds:6.2f} s  {name}")
    print(f"peak memory of the whole run (every file included): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
