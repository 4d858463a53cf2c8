"""Ingest speed and peak memory: a 100k-row generic CSV, a 20k-message mbox, a 500 KB HTML mail.

Run: ``.venv/bin/python benchmarks/ingest.py [--rows 100000] [--messages 20000]``.
Prints rows/s and peak traced memory (tracemalloc) per input, and the time spent in
redaction and language detection, which dominate on short texts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.language import detect_languages  # noqa: E402
from ingest.privacy import redact  # noqa: E402
from ingest.quotes import html_to_text  # noqa: E402
from ingest.reader import read_bytes  # noqa: E402

PHRASES = [
    "De levering was {n} dagen te laat, bel me op 06-1234567{d}.",
    "The app crashes at login since version 4.{n}.",
    "Mijn factuur klopt niet, ik betaalde € {n}9,95 te veel.",
    "Refund still missing after {n} weeks, IBAN NL91ABNA0417164300.",
    "Heel vriendelijke medewerker, probleem binnen {n} minuten opgelost.",
    "Checkout gives error {n}00 when paying with iDEAL.",
]


def generic_csv(rows: int) -> bytes:
    rng = random.Random(7)
    lines = ["id;datum;tekst;cijfer;kanaal"]
    for i in range(rows):
        text = rng.choice(PHRASES).format(n=rng.randint(1, 999), d=rng.randint(0, 9))
        lines.append(
            f"{i};{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-2026 {rng.randint(8, 20):02d}:05;{text};{rng.randint(1, 10)};Enquête"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def mbox(messages: int) -> bytes:
    rng = random.Random(8)
    chunks = []
    for i in range(messages):
        text = rng.choice(PHRASES).format(n=rng.randint(1, 9), d=rng.randint(0, 9))
        chunks.append(
            f"From klant{i}@example.nl Mon Nov 16 10:12:00 2026\nMessage-ID: <{i}.bench@example.nl>\n"
            f"Date: Mon, 16 Nov 2026 10:12:00 +0100\nFrom: Klant {i} <klant{i}@example.nl>\nTo: service@shop.nl\n"
            f'Subject: Vraag {i}\nContent-Type: text/plain; charset="utf-8"\n\nHallo,\n\n{text}\n\n'
            f"Met vriendelijke groet,\nKlant {i}\n\nOp 15 nov 2026 om 09:00 schreef Shop <service@shop.nl>:\n> Bedankt voor je bericht.\n\n"
        )
    return "".join(chunks).encode("utf-8")


def measure(label: str, make: Callable[[], bytes], name: str) -> None:
    data = make()
    start = time.perf_counter()
    result = read_bytes(data, name)
    seconds = time.perf_counter() - start
    count, problems = len(result.records), len(result.problems)
    del result
    # A second, traced run for peak memory (tracemalloc slows Python down several times).
    tracemalloc.start()
    read_bytes(data, name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<28} {count:>7} items  {seconds:6.1f} s  {count / seconds:8.0f} rows/s  "
          f"peak {peak / 2**20:6.0f} MiB  input {len(data) / 2**20:.1f} MiB  problems {problems}")  # fmt: skip


def stage_costs(rows: int) -> None:
    rng = random.Random(9)
    texts = [
        rng.choice(PHRASES).format(n=rng.randint(1, 9), d=rng.randint(0, 9)) for _ in range(rows)
    ]
    start = time.perf_counter()
    for text in texts:
        redact(text)
    redaction = time.perf_counter() - start
    start = time.perf_counter()
    detect_languages(texts)
    language = time.perf_counter() - start
    print(
        f"{'stages on ' + str(rows) + ' texts':<28} redaction {rows / redaction:8.0f} texts/s   language {rows / language:8.0f} texts/s"
    )


def html_mail_conversion() -> None:
    """A 500 KB Outlook-style HTML body, and the two shapes that used to be quadratic."""
    block = (
        '<div class="WordSection1"><p class="MsoNormal">Beste klant, <b>bedankt</b> voor uw bericht '
        "&amp; uw geduld.<o:p></o:p></p><table><tr><td>Order</td><td>1234</td></tr></table></div><br>"
    )
    cases = {
        "500 KB HTML mail": (block * (500_000 // len(block) + 1))[:500_000],
        "20k <p> paragraphs": "<p>alinea</p>" * 20_000,
        "50k nested <div>": "<div>" * 50_000 + "tekst" + "</div>" * 50_000,
    }
    for label, html in cases.items():
        start = time.perf_counter()
        html_to_text(html)
        seconds = time.perf_counter() - start
        print(f"{'HTML to text: ' + label:<40} {len(html) / 1000:7.0f} KB  {seconds:6.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=20_000)
    args = parser.parse_args()
    start = time.perf_counter()
    detect_languages(
        ["De levering was drie dagen te laat.", "A entrega atrasou e o suporte não respondeu."]
    )
    print(
        f"{'language models loaded once':<28} {time.perf_counter() - start:6.1f} s (not in the rows/s below)"
    )
    measure(f"generic CSV ({args.rows:,} rows)", lambda: generic_csv(args.rows), "bench.csv")
    measure(f"mbox ({args.messages:,} messages)", lambda: mbox(args.messages), "bench.mbox")
    stage_costs(20_000)
    html_mail_conversion()


if __name__ == "__main__":
    main()
