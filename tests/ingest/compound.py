"""Tiny writers for OLE2 compound files, so .xls and .msg fixtures are generated from code.

Only what the readers need: one root storage holding streams (each padded to the 4096-byte
mini-stream cutoff, so every stream lives in regular sectors), per [MS-CFB] version 3.
``xls_bytes`` writes a minimal BIFF8 workbook (globals, one sheet of LABEL cells);
``msg_bytes`` writes an Outlook message's MAPI property streams per [MS-OXMSG].
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime

SECTOR = 512
END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE2 file whose root storage holds ``streams`` (names up to 31 characters)."""
    padded = {n: d + b"\0" * max(0, 4096 - len(d)) for n, d in streams.items()}
    counts = [-(-len(d) // SECTOR) for d in padded.values()]
    entries = len(padded) + 1
    dir_sectors = -(-entries * 128 // SECTOR)
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + dir_sectors + sum(counts):
        fat_sectors += 1
    fat = [FATSECT] * fat_sectors
    dir_start = len(fat)
    fat += [dir_start + i + 1 for i in range(dir_sectors - 1)] + [END]
    starts = []
    for count in counts:
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [END]
    fat += [FREE] * (fat_sectors * 128 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int, right: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", NOSTREAM, right, child) + b"\0" * 36
                + struct.pack("<IQ", start, size))  # fmt: skip

    directory = entry("Root Entry", 5, END, 0, 1 if streams else NOSTREAM, NOSTREAM)
    names = list(padded)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else NOSTREAM
        directory += entry(name, 2, starts[i], len(padded[name]), NOSTREAM, right)
    directory = directory.ljust(dir_sectors * SECTOR, b"\0")
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, fat_sectors, dir_start, 0, 4096, END, 0, END, 0)
              + struct.pack("<109I", *difat))  # fmt: skip
    body = b"".join(struct.pack("<128I", *fat[i * 128 : (i + 1) * 128]) for i in range(fat_sectors))
    body += directory + b"".join(
        d.ljust(-(-len(d) // SECTOR) * SECTOR, b"\0") for d in padded.values()
    )
    return header + body


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    """A BIFF8 beginning-of-file record (0x0005 workbook globals, 0x0010 worksheet)."""
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def xls_bytes(rows: list[list[str]], sheet: str = "Blad1") -> bytes:
    """A BIFF8 .xls workbook with one sheet of text cells."""
    bof = _bof
    name = sheet.encode("latin-1")
    globals_without_sheet = bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))
    boundsheet_size = 4 + 4 + 2 + 2 + len(name)
    sheet_offset = len(globals_without_sheet) + boundsheet_size + 4  # + EOF record
    boundsheet = _record(0x0085, struct.pack("<IBBBB", sheet_offset, 0, 0, len(name), 0) + name)
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = value.encode("utf-16-le")
            cells += _record(0x0204, struct.pack("<HHHHB", r, c, 0, len(value), 1) + text)
    width = max((len(r) for r in rows), default=0)
    worksheet = (bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
                 + cells + _record(0x000A, b""))  # fmt: skip
    stream = globals_without_sheet + boundsheet + _record(0x000A, b"") + worksheet
    return compound_file({"Workbook": stream})


def msg_bytes(subject: str, body: str, sender_name: str, sender: str, message_id: str,
              sent: datetime) -> bytes:  # fmt: skip
    """An Outlook .msg with subject, body, sender, Message-ID and delivery time."""

    def text(prop: str, value: str) -> tuple[str, bytes]:
        return f"__substg1.0_{prop}001F", value.encode("utf-16-le")

    filetime = int((sent - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)
    properties = b"\0" * 32 + struct.pack("<IIQ", (0x0E06 << 16) | 0x0040, 6, filetime)
    return compound_file(dict([
        text("0037", subject), text("1000", body), text("0C1A", sender_name), text("0C1F", sender),
        text("1035", message_id), ("__properties_version1.0", properties),
    ]))  # fmt: skip
