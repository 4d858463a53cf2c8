"""The line an editor shows where a value of a JSON document starts: the one rule.

A problem in a JSON export names the line of the record's opening ``{`` (as in a CSV, the
line the row starts on), so a manager who opens the file finds it. A pretty-printed export
(``json.dump(indent=2)``, most tools) spreads a record over many lines; a minified one puts
every record on line 1, and then the problem's record name (ingest/record_names.py) is what
finds it. Lines are counted as editors count them: ``\\n``, ``\\r\\n`` or a lone ``\\r`` ends
a line (a valid JSON document has line breaks only between values, never inside a string).

The readers get the parsed payload and, alongside it, a :data:`Locate`: the line of the value
at a path of that payload, or None where the path is not in the text (a Kiyoh XML feed, a
value the lookup cannot find); they keep the record's number then.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

Path = tuple[str | int, ...]
Locate = Callable[[Path], int | None]

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


class JsonLines:
    """Start lines of the values in one JSON text, found on demand.

    Each object or array on a looked-up path is walked once (its members skipped with
    :meth:`json.JSONDecoder.raw_decode`) and remembered, so looking up every record of a file
    costs a walk of the file, not a walk per record.

    Args:
        text: the JSON document as decoded (leading whitespace included or not).
        first_line: the line ``text`` starts on in the file (1 unless text before it was cut).
    """

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._text = text
        self._has_cr = "\r" in text
        start = _SPACE.match(text, 0).end()  # type: ignore[union-attr]  # matches empty too
        self._places: dict[Path, tuple[int, int]] = {
            (): (start, first_line + self._breaks(0, start))
        }
        self._walked: set[Path] = set()

    def line(self, path: Path) -> int | None:
        """The 1-based line where the value at ``path`` (keys and list indexes) starts.

        None when the path is not in the document.
        """
        place = self._place(tuple(path))
        return None if place is None else place[1]

    def _place(self, path: Path) -> tuple[int, int] | None:
        found = self._places.get(path)
        if found is not None or not path:
            return found
        parent = path[:-1]
        if parent not in self._walked:
            where = self._place(parent)
            if where is None:
                return None
            self._walked.add(parent)
            try:
                self._walk(parent, *where)
            except (ValueError, IndexError):  # not the text the payload came from: no line
                return None
        return self._places.get(path)

    def _walk(self, path: Path, offset: int, line: int) -> None:
        """Remember where each member of the object or array at ``offset`` starts."""
        text = self._text
        opener = text[offset]
        if opener not in "[{":
            return
        closer = "]" if opener == "[" else "}"
        pos = _SPACE.match(text, offset + 1).end()  # type: ignore[union-attr]
        index = 0
        while text[pos] != closer:
            key: str | int
            if opener == "{":
                key, pos = _DECODER.raw_decode(text, pos)
                pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
                if text[pos] != ":":
                    raise ValueError("expected ':'")
                pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            else:
                key, index = index, index + 1
            line += self._breaks(offset, pos)
            offset = pos
            self._places[(*path, key)] = (pos, line)  # a repeated key: the last wins, as in json
            _, pos = _DECODER.raw_decode(text, pos)
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if text[pos] == ",":
                pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]

    def _breaks(self, start: int, end: int) -> int:
        # both ends are at a value or the text's start, never between a \r and its \n
        return (
            line_breaks(self._text, start, end)
            if self._has_cr
            else self._text.count("\n", start, end)
        )


def line_breaks(text: str, start: int, end: int) -> int:
    """The line breaks an editor counts in ``text[start:end]``: ``\\n``, ``\\r\\n``, a lone
    ``\\r``."""
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


def line_or(locate: Locate | None, path: Path, number: int) -> int:
    """The line where the value at ``path`` starts, else ``number`` (the record's number, or
    the line of the NDJSON line it is on)."""
    if locate is None:
        return number
    found = locate(path)
    return number if found is None else found
