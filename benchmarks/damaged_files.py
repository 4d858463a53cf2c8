"""Import the seeded damaged-file corpus and print what the per-file boundary did.

Run: ``.venv/bin/python benchmarks/damaged_files.py [--seed 13]``.
Prints the number of files, tracebacks (exceptions escaping ``import_files``), files with
an error, files partly stored, the slowest files, and each file's own peak memory (the
process's high-water mark, reset before every file; see ``tests.ingest.damaged.PerFileMeter``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.ingest.damaged import damaged_files, import_measured  # noqa: E402
from workspace.db import Workspace  # noqa: E402

MIB = 2**20


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
        with Workspace.open(Path(tmp) / "ws.duckdb") as ws:
            try:
                report, costs = import_measured(ws, folder)
            except Exception:  # noqa: BLE001 - counted: this is what the benchmark looks for
                traceback.print_exc()
                print("files ?  tracebacks 1")
                return
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
    print(f"files {len(report.files)}  tracebacks 0  with error {sum(bool(f.error) for f in report.files)}  "
          f"partly stored {len(partly)}  items added {report.added}")  # fmt: skip
    slow = sorted(costs, key=lambda c: c.seconds, reverse=True)
    print(
        f"slowest file {slow[0].seconds:.1f} s; files over 60 s: {sum(c.seconds > 60 for c in costs)}"
    )
    for cost in slow[:5]:
        print(f"  {cost.seconds:6.2f} s  {cost.name}")
    kind = "own peak per file" if all(c.own_peak for c in costs) else "run's peak so far"
    heavy = sorted(costs, key=lambda c: c.peak_rss, reverse=True)
    print(
        f"memory ({kind}): largest {heavy[0].peak_rss / MIB:.0f} MiB of the whole process "
        f"({heavy[0].growth / MIB:+.0f} MiB over its start), files over 1 GiB: "
        f"{sum(c.peak_rss >= 1024 * MIB for c in costs)}"
    )
    for cost in heavy[:5]:
        print(f"  {cost.peak_rss / MIB:6.0f} MiB ({cost.growth / MIB:+5.0f})  {cost.name}")


if __name__ == "__main__":
    main()
