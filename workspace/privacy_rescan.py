"""Use case: apply the current redaction rules to everything a workspace already holds.

Rules improve; items imported under older rules keep what those missed. :func:`rescan`
re-redacts stored text, subjects and original fields, e-mail addresses and phone numbers
(and a WhatsApp sender) in ids, thread ids and file names, problem messages and the quotes
stored with themes, in one transaction, and counts what changed per kind of personal data. :func:`compact` then copies the
workspace into a fresh file: DuckDB may keep replaced values in free blocks of the old one.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.privacy import (
    PLACEHOLDER,
    pseudonym,
    redact,
    redact_identifier,
    redact_message,
    without_author,
)
from ingest.safe_result import private_file_name, private_raw
from ingest.schema import content_hash
from workspace.db import Workspace


@dataclass(slots=True)
class RescanReport:
    """What a rescan changed: rows per table and field, new placeholders per kind."""

    rows: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> int:
        return sum(self.rows.values())

    def lines(self) -> list[str]:
        """The report as lines a person reads (``items.text: 41 rows``, ``BSN: 41``)."""
        if not self.changed:
            return ["Nothing to change: every stored value already follows the current rules."]
        out = [f"{where}: {n} rows changed" for where, n in sorted(self.rows.items())]
        out += [f"new [{kind}] placeholders: {n}" for kind, n in sorted(self.kinds.items())]
        return out


def _count_new(report: RescanReport, old: str, new: str) -> None:
    before = Counter(PLACEHOLDER.findall(old))
    for kind, n in Counter(PLACEHOLDER.findall(new)).items():
        if n > before[kind]:
            report.kinds[kind] += n - before[kind]


def _quotes(value: str) -> str:
    try:
        quotes = json.loads(value or "[]")
    except ValueError:
        return redact(value)
    return json.dumps(_redact_json(quotes), ensure_ascii=False)


def _redact_json(value: object) -> object:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_redact_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _redact_json(v) for k, v in value.items()}
    return value


def _without_sender(record_id: str, system: str, author: str, key: bytes) -> str:
    """A WhatsApp id stored before ids lost their sender (``time|sender|n``)."""
    parts = record_id.split("|")
    if system != "whatsapp" or len(parts) != 3 or pseudonym(key, parts[1]) != author:
        return record_id
    return without_author(record_id, parts[1], key)


def rescan(ws: Workspace) -> RescanReport:
    """Re-redact every stored value with the current rules, all in one transaction."""
    key = (ws.get_setting("pseudonym_key", "") or "").encode()
    report = RescanReport()
    with ws.transaction() as con:
        items = con.execute(
            "SELECT id, text, subject, raw, source_record_id, thread_id, source_file, "
            "source_system, author_pseudonym FROM items"
        ).fetchall()
        updates = []
        for item_id, text, subject, raw, record_id, thread_id, source_file, system, author in items:
            new = (
                redact(text),
                redact(subject),
                private_raw(raw),
                redact_identifier(_without_sender(record_id, system, author, key), key),
                redact_identifier(thread_id, key),
                private_file_name(source_file, key),
            )
            old = (text, subject, raw, record_id, thread_id, source_file)
            if new == old:
                continue
            for name, before, after in zip(
                ("text", "subject", "raw", "source_record_id", "thread_id", "source_file"),
                old,
                new,
                strict=True,
            ):
                if before != after:
                    report.rows[f"items.{name}"] += 1
                    if name != "raw":  # raw repeats text and subject: count each value once
                        _count_new(report, before, after)
            updates.append((*new, content_hash(new[0]), item_id))
        if updates:
            con.executemany(
                "UPDATE items SET text = ?, subject = ?, raw = ?, source_record_id = ?, "
                "thread_id = ?, source_file = ?, text_hash = ? WHERE id = ?",
                updates,
            )
            # Vectors of texts no item holds any more (they were computed from the old text).
            con.execute(
                "DELETE FROM embeddings WHERE text_hash NOT IN (SELECT text_hash FROM items)"
            )
        _rescan_column(con, report, "import_problems", "message", redact_message)
        _rescan_column(con, report, "import_problems", "file", redact)
        _rescan_column(con, report, "import_problems", "params", _private_params)
        _rescan_column(
            con, report, "import_batches", "file_name", lambda v: private_file_name(v, key)
        )
        _rescan_column(con, report, "themes", "quotes", _quotes)
        if report.changed:
            ws.bump_data_version(con)
    return report


def _private_params(params: str) -> str:
    """A stored problem's values (JSON) redacted; catalogue codes left as they are."""
    try:
        values = json.loads(params or "{}")
    except ValueError:
        return redact(params)

    def private(value, key: str = ""):  # type: ignore[no-untyped-def]
        if isinstance(value, dict):
            return {k: private(v, k) for k, v in value.items()}
        if isinstance(value, str) and key != "code":
            return redact(value)
        return value

    return json.dumps(private(values), ensure_ascii=False)


def _rescan_column(
    con: duckdb.DuckDBPyConnection, report: RescanReport, table: str, column: str, change
) -> None:  # type: ignore[no-untyped-def]
    values = [v for (v,) in con.execute(f"SELECT DISTINCT {column} FROM {table}").fetchall()]
    for value in values:
        new = change(value)
        if new != value:
            n = con.execute(
                f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [new, value]
            ).fetchall()
            report.rows[f"{table}.{column}"] += int(n[0][0]) if n else 1
            if table != "themes":  # theme quotes repeat item text
                _count_new(report, value, new)


def compact(path: str | Path, *, compress: bool = True) -> Path:
    """Copy the (closed) workspace into a fresh file and put it in place of the old one, so
    no replaced value survives in a free block. Returns the path.

    Args:
        compress: ``False`` stores strings uncompressed, so a byte scan of the file (a test,
            an auditor's ``strings``) sees every stored value.
    """
    path = Path(path)
    fresh = path.with_name(path.name + ".compacting")
    fresh.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        if not compress:
            con.execute("SET force_compression = 'uncompressed'")
        quote = lambda p: str(p).replace("'", "''")  # noqa: E731
        con.execute(f"ATTACH '{quote(path)}' AS old_workspace (READ_ONLY)")
        con.execute(f"ATTACH '{quote(fresh)}' AS fresh_workspace")
        con.execute("COPY FROM DATABASE old_workspace TO fresh_workspace")
        con.execute("DETACH old_workspace")
        con.execute("CHECKPOINT fresh_workspace")
        con.execute("DETACH fresh_workspace")
    finally:
        con.close()
    fresh.replace(path)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    return path
