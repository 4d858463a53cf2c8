"""A seeded generator of damaged export files, for the per-file boundary tests.

``damaged_files(seed)`` returns ``(name, bytes)`` pairs: good exports of every kind
(CSV, UTF-16 Google Play, Outlook CSV, mbox, HTML .eml, JSON, NDJSON, XLSX, zip), then the
same files truncated, bit-flipped and re-encoded, plus hand-made pathologies: huge fields
and headers, deep nesting (JSON, MIME, HTML), zip bombs (flat, nested, many members, lying
sizes), lone surrogates, huge integers, stray quotes and blank headers. The same seed gives
the same files, so a failure can be reproduced by name.

Run on its own to write the files to a folder:
``python -m tests.ingest.damaged OUT_DIR [--seed 13]``.
"""

from __future__ import annotations

import io
import json
import random
import resource
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workspace.db import Workspace
    from workspace.imports import ImportReport

GOOD_ROWS = 40


def _generic_csv(rng: random.Random) -> bytes:
    lines = ["id;datum;tekst;cijfer;kanaal"]
    for i in range(GOOD_ROWS):
        lines.append(f"{i};{rng.randint(1, 28):02d}-0{rng.randint(1, 9)}-2026 10:05;"
                     f"Levering {i} was te laat, graag beter regelen;{rng.randint(1, 10)};Enquête")  # fmt: skip
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def _google_play(rng: random.Random) -> bytes:
    head = ("Package Name,App Version Code,App Version Name,Reviewer Language,Device,Review Submit Date and Time,"
            "Review Submit Millis Since Epoch,Review Last Update Date and Time,Review Last Update Millis Since Epoch,"
            "Star Rating,Review Title,Review Text,Developer Reply Date and Time,Developer Reply Millis Since Epoch,"
            "Developer Reply Text,Review Link")  # fmt: skip
    lines = [head]
    for i in range(GOOD_ROWS):
        millis = 1464739558000 + i * 3_600_000
        lines.append(f"org.example.app,{i},1.{i},nl,phone,2016-06-01T00:05:58Z,{millis},2016-06-01T00:05:58Z,"
                     f"{millis},{rng.randint(1, 5)},,\"De app crasht bij inloggen {i}\",,,,")  # fmt: skip
    return "\ufeff".encode("utf-16-le") + ("\n".join(lines) + "\n").encode("utf-16-le")


def _outlook_csv(rng: random.Random) -> bytes:
    head = '"Subject","Body","From: (Name)","From: (Address)","From: (Type)","To: (Name)","To: (Address)"'
    lines = [head]
    for i in range(GOOD_ROWS // 4):
        lines.append(f'"Vraag {i}","Hallo,\r\n\r\nMijn pakket {i} is niet aangekomen.\r\n\r\nGroet,\r\nKlant",'
                     f'"Klant {i}","klant{i}@example.nl","SMTP","Service","service@shop.nl"')  # fmt: skip
    return "\r\n".join(lines).encode("cp1252")


def _mbox(rng: random.Random) -> bytes:
    chunks = []
    for i in range(GOOD_ROWS // 2):
        chunks.append(
            f"From klant{i}@example.nl Mon Nov 16 10:12:00 2026\nMessage-ID: <{i}.dmg@example.nl>\n"
            f"Date: Mon, 16 Nov 2026 10:12:00 +0100\nFrom: Klant {i} <klant{i}@example.nl>\n"
            f'Subject: Vraag {i}\nContent-Type: text/plain; charset="utf-8"\n\n'
            f"Mijn bestelling {i} is nog steeds niet geleverd, wat is de status?\n\n"
        )
    return "".join(chunks).encode("utf-8")


def _html_eml(rng: random.Random) -> bytes:
    body = "".join(f"<p>Alinea {i}: de <b>factuur</b> klopt niet &amp; ik wil mijn geld terug.</p>"
                   for i in range(30))  # fmt: skip
    return (
        "From: Klant <klant@example.nl>\nTo: service@shop.nl\nSubject: Factuur\n"
        "Date: Tue, 17 Nov 2026 09:00:00 +0100\nMessage-ID: <html.dmg@example.nl>\n"
        f'MIME-Version: 1.0\nContent-Type: text/html; charset="utf-8"\n\n<html><body>{body}</body></html>\n'
    ).encode()


def _kiyoh_json(rng: random.Random) -> bytes:
    reviews = [
        {"reviewId": f"r{i}", "reviewAuthor": f"Klant {i}", "rating": rng.randint(1, 10),
         "dateSince": "2026-03-01T10:00:00.000+01:00", "reviewLanguage": "nl",
         "reviewContent": [{"questionGroup": "DEFAULT_OPINION", "questionType": "TEXT",
                            "rating": f"Prima service, pakket {i} snel binnen", "order": 1}]}
        for i in range(GOOD_ROWS)
    ]  # fmt: skip
    return json.dumps({"locationId": 1, "reviews": reviews}).encode()


def _ndjson(rng: random.Random) -> bytes:
    rows = [{"id": i, "date": "2026-03-01", "text": f"Het product {i} ging na een week kapot, jammer"}
            for i in range(GOOD_ROWS)]  # fmt: skip
    return "\n".join(json.dumps(r) for r in rows).encode()


def _xlsx(rng: random.Random) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "datum", "opmerking", "cijfer"])
    for i in range(GOOD_ROWS):
        sheet.append(
            [i, f"2026-03-{1 + i % 28:02d}", f"De bezorger {i} was erg vriendelijk, top", 8]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(rng: random.Random) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mail/inbox.mbox", _mbox(rng))
        archive.writestr("reviews.csv", _generic_csv(rng))
    return out.getvalue()


def _xls(rng: random.Random) -> bytes:
    from tests.ingest.compound import xls_bytes

    rows = [["datum", "opmerking"]] + [[f"2026-03-{1 + i % 28:02d}", f"Klacht {i}: de bezorging duurde veel te lang"]
                                       for i in range(GOOD_ROWS)]  # fmt: skip
    return xls_bytes(rows)


def _msg(rng: random.Random) -> bytes:
    from datetime import UTC, datetime

    from tests.ingest.compound import msg_bytes

    return msg_bytes("Levering", "Mijn pakket is nog steeds niet geleverd, wat nu?", "Klant", "klant@example.nl",
                     "<msg-dmg@example.nl>", datetime(2026, 3, 1, 10, 0, tzinfo=UTC))  # fmt: skip


def _ods(rng: random.Random) -> bytes:
    import pandas as pd

    out = io.BytesIO()
    frame = pd.DataFrame({"datum": [f"2026-03-{1 + i % 28:02d}" for i in range(GOOD_ROWS)],
                          "opmerking": [f"Het product {i} was anders dan op de foto" for i in range(GOOD_ROWS)]})  # fmt: skip
    frame.to_excel(out, engine="odf", index=False)
    return out.getvalue()


def _whatsapp(rng: random.Random) -> bytes:
    lines = [f"{1 + i % 28:02d}-03-2026 10:{i % 60:02d} - {'Klant' if i % 2 else 'Winkel'}: Bericht {i} over de bestelling"
             for i in range(GOOD_ROWS)]  # fmt: skip
    return "\n".join(lines).encode()


GOOD: dict[str, tuple[str, Callable[[random.Random], bytes]]] = {
    "generic": (".csv", _generic_csv),
    "play": (".csv", _google_play),
    "outlook": (".csv", _outlook_csv),
    "mbox": (".mbox", _mbox),
    "html": (".eml", _html_eml),
    "kiyoh": (".json", _kiyoh_json),
    "ndjson": (".jsonl", _ndjson),
    "workbook": (".xlsx", _xlsx),
    "archive": (".zip", _zip),
    "oldexcel": (".xls", _xls),
    "outlookmsg": (".msg", _msg),
    "opendoc": (".ods", _ods),
    "whatsapp": (".txt", _whatsapp),
}


def _flip_bits(data: bytes, rng: random.Random, flips: int) -> bytes:
    buffer = bytearray(data)
    for _ in range(flips):
        position = rng.randrange(len(buffer))
        buffer[position] ^= 1 << rng.randrange(8)
    return bytes(buffer)


def _zip_of(members: dict[str, bytes], *, stored: bool = False) -> bytes:
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _zip_streamed(name: str, chunk: bytes, times: int) -> bytes:
    """A zip whose one member is ``chunk * times``, written without holding it whole."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        for _ in range(times):
            member.write(chunk)
    return out.getvalue()


def _lying_zip() -> bytes:
    """A zip whose central directory claims a tiny size for a large member."""
    data = bytearray(_zip_of({"feedback.csv": b"id,text\n" + b"1,aaaa\n" * 200_000}))
    marker = data.rfind(b"PK\x01\x02")
    data[marker + 24 : marker + 28] = (10).to_bytes(4, "little")  # uncompressed size
    return bytes(data)


def _mime_nested(depth: int) -> bytes:
    head = "From: a@example.nl\nSubject: diep\nMessage-ID: <deep@example.nl>\nMIME-Version: 1.0\n"
    parts = [head]
    for level in range(depth):
        parts.append(f'Content-Type: multipart/mixed; boundary="b{level}"\n\n--b{level}\n')
    parts.append("Content-Type: text/plain\n\nhallo\n")
    for level in reversed(range(depth)):
        parts.append(f"--b{level}--\n")
    return "".join(parts).encode()


def _html_mail(html: str, ident: str) -> bytes:
    return (
        f"From: Klant <klant@example.nl>\nSubject: html\nMessage-ID: <{ident}@example.nl>\n"
        f'Date: Tue, 17 Nov 2026 09:00:00 +0100\nContent-Type: text/html; charset="utf-8"\n\n{html}\n'
    ).encode()


def _specials(rng: random.Random) -> list[tuple[str, bytes]]:
    csv_rows = [f"{i};2026-03-0{1 + i % 9};Tekst nummer {i} over de levering;7" for i in range(30)]
    stray = list(csv_rows)
    stray[3] = '3;2026-03-04;"Tekst nummer 3 over de levering;7'
    huge_int = "9" * 5000
    return [
        ("special-empty.csv", b""),
        ("special-whitespace.csv", b" \n\t\n"),
        ("special-nul.csv", b"\x00" * 4096),
        ("special-random.bin.csv", rng.randbytes(20_000)),
        ("special-huge-cell.csv", b"id,text\n1," + b"a" * 60_000_000 + b"\n"),
        ("special-huge-header.csv", (",".join(f"kolom{i}" for i in range(20_000)) + "\n" + ",".join("x" * 20_000) + "\n").encode()),
        ("special-huge-header-cell.csv", b"h" * 5_000_000 + b",text\n1,hallo daar wereld\n"),
        ("special-one-line-10mb.csv", b"x;" * 5_000_000),
        ("special-blank-header.csv", b"id;;datum\n" + "\n".join(f"{i};Een lange zin over de slechte service nummer {i};2026-03-0{1 + i % 9}" for i in range(10)).encode()),
        ("special-typeform-two-headers.csv", b"#,What did you think?,Submit Date (UTC)\n,,\n" + "\n".join(f"t{i},Het formulier was duidelijk en kort genoeg {i},2026-03-01 10:00:00" for i in range(10)).encode()),
        ("special-stray-quote.csv", ("id;datum;tekst;cijfer\n" + "\n".join(stray)).encode()),
        ("special-sep-line.csv", ("sep=;\nid;datum;tekst;cijfer\n" + "\n".join(csv_rows)).encode()),
        ("special-huge-int.json", f'[{{"id": 1, "text": "hallo wereld hier", "rating": {huge_int}}}]'.encode()),
        ("special-huge-int-line.jsonl", f'{{"id": 1, "text": "hallo wereld hier", "n": {huge_int}}}\n{{"id": 2, "text": "goede service"}}\n'.encode()),
        ("special-huge-int.csv", f"id,text,rating\n1,De service was goed vandaag,{huge_int}\n".encode()),
        ("special-surrogate.json", b'[{"id": 1, "text": "kapot \\ud800 scherm na een dag", "date": "2026-03-01"}]'),
        ("special-surrogate-key.json", b'[{"id\\udfff": 1, "text": "kapot scherm \\udc00", "date": "2026-03-01"}]'),
        ("special-surrogate-kiyoh.json", b'{"locationId": 1, "reviews": [{"reviewId": "\\ud83d", "rating": 8, "dateSince": "2026-03-01T10:00:00Z", "reviewContent": [{"questionGroup": "DEFAULT_OPINION", "rating": "goed \\ud83d"}]}]}'),
        ("special-deep-list.json", b"[" * 200_000 + b"]" * 200_000),
        ("special-deep-dict.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
        ("special-deep-unclosed.json", b"[" * 500_000),
        ("special-deep-mime.eml", _mime_nested(3000)),
        ("special-html-20k-p.eml", _html_mail("<p>alinea</p>" * 20_000, "p20k")),
        ("special-html-50k-div.eml", _html_mail("<div>" * 50_000 + "tekst" + "</div>" * 50_000, "div50k")),
        ("special-html-unclosed.eml", _html_mail("<a href='" + "x" * 1_000_000, "unclosed")),
        ("special-html-lt-flood.eml", _html_mail("</" * 300_000, "ltflood")),
        ("special-bomb-zeros.zip", _zip_streamed("zeros.csv", b"\0" * (1 << 20), 210)),
        ("special-bomb-text.zip", _zip_streamed("big.csv", b"id,text\n" + b"1,hallo daar\n" * 80_000, 250)),
        ("special-bomb-nested.zip", _zip_of({f"inner{i}.zip": _zip_of({f"part{j}.csv": b"a" * 20_000_000 for j in range(4)}) for i in range(4)})),
        ("special-bomb-deep.zip", _zip_of({"l1.zip": _zip_of({"l2.zip": _zip_of({"l3.zip": _zip_of({"l4.zip": _zip_of({"x.csv": b"id,text\n1,diep genest\n"})})})})})),
        ("special-many-members.zip", _zip_of({f"m{i}.csv": b"id,text\n1,kort\n" for i in range(6000)}, stored=True)),
        ("special-lying-size.zip", _lying_zip()),
        ("special-bomb.xlsx", _xlsx_bomb()),
        ("special-not-zip.zip", b"PK\x03\x04" + rng.randbytes(5000)),
        ("special-mbox-bare-from.mbox", b"From \nSubject: x\n\nhallo daar wereld\n"),
        ("special-utf16-no-bom.csv", "id,text\n1,hallo daar wereld\n".encode("utf-16-le")),
        ("special-mixed-encoding.csv", "id;tekst\n1;café geweldig\n".encode() + "2;café slecht\n".encode("cp1252")),
    ]  # fmt: skip


def _xlsx_bomb() -> bytes:
    """A workbook whose sheet unpacks to ~220 MB of rows."""
    good = _xlsx(random.Random(1))
    source = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with archive.open(info.filename, "w", force_zip64=True) as member:
                    member.write(
                        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    )
                    row = b'<row><c t="inlineStr"><is><t>hallo</t></is></c></row>'
                    block = row * 20_000
                    for _ in range(220_000_000 // len(block)):
                        member.write(block)
                    member.write(b"</sheetData></worksheet>")
            else:
                archive.writestr(info, source.read(info))
    return out.getvalue()


def damaged_xlsx() -> bytes:
    """A workbook whose sheet's compressed bytes are overwritten (zlib.error or a bad CRC)."""
    data = bytearray(_xlsx(random.Random(13)))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    header = info.header_offset
    name_length = int.from_bytes(data[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(data[header + 28 : header + 30], "little")
    start = header + 30 + name_length + extra_length + info.compress_size // 3
    data[start : start + 24] = b"\xff" * 24
    return bytes(data)


def damaged_files(seed: int = 13) -> list[tuple[str, bytes]]:
    """Every damaged file (with the good originals first), deterministic for a seed."""
    rng = random.Random(seed)
    files: list[tuple[str, bytes]] = []
    for kind, (suffix, make) in GOOD.items():
        good = make(random.Random(seed))
        files.append((f"good-{kind}{suffix}", good))
        for n in range(18):
            cut = rng.randrange(1, len(good))
            files.append((f"truncated-{kind}-{n}-at{cut}{suffix}", good[:cut]))
        for n in range(18):
            flips = rng.choice((1, 3, 10, 100))
            files.append((f"bitflip-{kind}-{n}-x{flips}{suffix}", _flip_bits(good, rng, flips)))
        for n in range(3):
            start = rng.randrange(len(good))
            files.append(
                (f"spliced-{kind}-{n}{suffix}", good[:start] + rng.randbytes(200) + good[start:])
            )
        if suffix not in (".xlsx", ".zip", ".xls", ".msg", ".ods"):
            text = (
                good.decode("utf-16")
                if kind == "play"
                else good.decode("cp1252" if kind in ("generic", "outlook") else "utf-8")
            )
            for encoding in ("utf-16-be", "utf-32", "cp500", "shift_jis"):
                files.append(
                    (f"encoding-{kind}-{encoding}{suffix}", text.encode(encoding, errors="replace"))
                )
    files.extend(_specials(rng))
    files.append(("special-sheet-overwritten.xlsx", damaged_xlsx()))
    return files


@dataclass(frozen=True, slots=True)
class FileCost:
    """What importing one file cost: wall time and the process's peak resident memory."""

    name: str
    seconds: float
    peak_rss: int  # bytes, the whole process (models and workspace included) while this file ran
    rss_before: int  # bytes, when the file started
    own_peak: bool  # True: the peak while this file ran; False: the run's peak so far

    @property
    def growth(self) -> int:
        return self.peak_rss - self.rss_before


def _status_bytes(field: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise OSError(f"no {field} in /proc/self/status")


def _reset_peak() -> bool:
    """Reset the process's peak-memory mark to its current size (Linux 4.0+ ``clear_refs``)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True


class PerFileMeter:
    """Times each file of an import and measures its own peak memory, from the progress callback.

    The peak is Linux's high-water mark (``VmHWM``), reset before each file, so a file's figure
    is the peak while that file was read and stored, not the peak of the run so far. Where the
    mark cannot be reset, ``per_file`` is False and each figure is the run's peak so far (an
    upper bound).
    """

    def __init__(self) -> None:
        self.costs: list[FileCost] = []
        self.per_file = _reset_peak()
        self._name = ""
        self._start = 0.0
        self._rss_before = 0

    def _peak(self) -> int:
        if self.per_file:
            return _status_bytes("VmHWM")
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def _close(self) -> None:
        if self._name:
            seconds = time.perf_counter() - self._start
            self.costs.append(
                FileCost(self._name, seconds, self._peak(), self._rss_before, self.per_file)
            )

    def progress(self, stage: str, fraction: float) -> None:
        """``import_files``'s progress callback: one "reading NAME" call starts each file."""
        if not stage.startswith("reading "):
            return
        self._close()
        self._name = stage.removeprefix("reading ")
        self._rss_before = _status_bytes("VmRSS")
        if self.per_file:
            _reset_peak()
        self._start = time.perf_counter()

    def finish(self) -> list[FileCost]:
        """Close the last file; the costs in import order."""
        self._close()
        self._name = ""
        return self.costs


def import_measured(ws: Workspace, folder: Path) -> tuple[ImportReport, list[FileCost]]:
    """``import_files`` over a folder, with each file's time and peak memory."""
    from workspace.imports import import_files

    meter = PerFileMeter()
    report = import_files(ws, [folder], progress=meter.progress)
    return report, meter.finish()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "damaged")
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 13
    out.mkdir(parents=True, exist_ok=True)
    files = damaged_files(seed)
    for name, data in files:
        (out / name).write_bytes(data)
    print(f"wrote {len(files)} files to {out}")


if __name__ == "__main__":
    main()
