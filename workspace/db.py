"""The workspace: one DuckDB file, its schema, migrations and settings.

This is the only stateful layer. Every other layer gets data from here as DataFrames and
hands results back through the use cases in this package.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb

from ingest.errors import WorkspaceError
from ingest.messages import message as say

DEFAULT_PATH = "klantstem.duckdb"
ENV_VAR = "KLANTSTEM_WORKSPACE"
# How long opening waits while another process has the file.
LOCK_WAIT_SECONDS = 10.0


def fetch_value(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """First column of the first row, or None. Reads the whole result: DuckDB 2 refuses new
    work on a connection whose previous result was only partly fetched."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def read_setting(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """One stored setting's text (None when unset), on any connection: a transaction's too."""
    value = fetch_value(con, "SELECT value FROM settings WHERE key = ?", [key])
    return None if value is None else str(value)


def default_workspace_path() -> Path:
    """``$KLANTSTEM_WORKSPACE`` when set, else ``./klantstem.duckdb``."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)


# Each migration brings the schema from version i to i+1. Append only; never edit a
# released step (workspaces in the field have already run it).
def _migration_1(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
        CREATE TABLE import_batches (
            batch_id INTEGER PRIMARY KEY,
            file_name VARCHAR NOT NULL,
            checksum VARCHAR NOT NULL,
            imported_at TIMESTAMPTZ NOT NULL,
            detected_format VARCHAR NOT NULL,
            added INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            problems INTEGER NOT NULL
        );
        CREATE TABLE items (
            id VARCHAR PRIMARY KEY,
            source_system VARCHAR NOT NULL,
            source_record_id VARCHAR NOT NULL,
            channel VARCHAR NOT NULL,
            direction VARCHAR NOT NULL,
            received_at TIMESTAMPTZ NOT NULL,
            received_at_tz_assumed BOOLEAN NOT NULL,
            author_pseudonym VARCHAR NOT NULL,
            subject VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            language VARCHAR NOT NULL,
            rating DOUBLE,
            rating_scale_min DOUBLE,
            rating_scale_max DOUBLE,
            is_star_only BOOLEAN NOT NULL,
            thread_id VARCHAR NOT NULL,
            url VARCHAR NOT NULL,
            source_file VARCHAR NOT NULL,
            source_row BIGINT NOT NULL,
            raw VARCHAR NOT NULL,
            text_hash VARCHAR NOT NULL,
            batch_id INTEGER NOT NULL
        );
        CREATE TABLE import_problems (
            batch_id INTEGER NOT NULL,
            file VARCHAR NOT NULL,
            line BIGINT NOT NULL,
            severity VARCHAR NOT NULL,
            message VARCHAR NOT NULL
        );
        CREATE TABLE column_mappings (
            header_key VARCHAR PRIMARY KEY,
            mapping VARCHAR NOT NULL
        );
        CREATE TABLE embeddings (
            model_id VARCHAR NOT NULL,
            text_hash VARCHAR NOT NULL,
            vector FLOAT[] NOT NULL,
            PRIMARY KEY (model_id, text_hash)
        );
        CREATE TABLE themes (
            theme_id INTEGER PRIMARY KEY,
            label VARCHAR NOT NULL,
            label_nl VARCHAR NOT NULL DEFAULT '',
            label_en VARCHAR NOT NULL DEFAULT '',
            manager_name VARCHAR NOT NULL DEFAULT '',
            keywords VARCHAR NOT NULL DEFAULT '[]',
            quotes VARCHAR NOT NULL DEFAULT '[]',
            centroid FLOAT[],
            size INTEGER NOT NULL DEFAULT 0,
            status VARCHAR NOT NULL DEFAULT 'active',
            parent_ids VARCHAR NOT NULL DEFAULT '[]',
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE assignments (
            item_id VARCHAR PRIMARY KEY,
            theme_id INTEGER,
            similarity DOUBLE,
            method VARCHAR NOT NULL
        );
        CREATE TABLE edits (
            edit_id INTEGER PRIMARY KEY,
            edited_at TIMESTAMPTZ NOT NULL,
            kind VARCHAR NOT NULL,
            payload VARCHAR NOT NULL,
            undone BOOLEAN NOT NULL DEFAULT FALSE
        );
        CREATE TABLE item_sentiment (
            item_id VARCHAR PRIMARY KEY,
            sentiment DOUBLE NOT NULL,
            source VARCHAR NOT NULL
        );
        """
    )


def _migration_2(con: duckdb.DuckDBPyConnection) -> None:
    """Theme registry: the vector space of each theme's centroid, and theme lineage."""
    con.execute(
        """
        ALTER TABLE themes ADD COLUMN model_id VARCHAR DEFAULT '';
        CREATE TABLE theme_lineage (
            theme_id INTEGER NOT NULL,
            related_id INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            recorded_at TIMESTAMPTZ NOT NULL
        );
        """
    )


def _migration_3(con: duckdb.DuckDBPyConnection) -> None:
    """Theme and edit ids from sequences (two sessions never get the same id), starting
    after the ids an existing workspace already has."""
    themes = int(fetch_value(con, "SELECT coalesce(max(theme_id), 0) + 1 FROM themes") or 1)
    edits = int(fetch_value(con, "SELECT coalesce(max(edit_id), 0) + 1 FROM edits") or 1)
    con.execute(f"CREATE SEQUENCE theme_ids START {themes}")
    con.execute(f"CREATE SEQUENCE edit_ids START {edits}")


def _migration_4(con: duckdb.DuckDBPyConnection) -> None:
    """The theme tree (top themes above the themes), and vectors of the texts' subject.

    Vectors are now computed from what a text is about (:func:`analysis.subject_text.
    subject_text`: no @mentions, URLs, placeholders, greetings or sign-offs); the cached
    vectors of the full texts are dropped so the two kinds never mix. The next refresh embeds
    again (once).
    """
    con.execute(
        """
        DELETE FROM embeddings;
        CREATE SEQUENCE top_theme_ids START 1;
        CREATE TABLE top_themes (
            top_id INTEGER PRIMARY KEY,
            label VARCHAR NOT NULL,
            label_nl VARCHAR NOT NULL DEFAULT '',
            label_en VARCHAR NOT NULL DEFAULT '',
            manager_name VARCHAR NOT NULL DEFAULT '',
            centroid FLOAT[],
            status VARCHAR NOT NULL DEFAULT 'active',
            model_id VARCHAR NOT NULL DEFAULT '',
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        ALTER TABLE themes ADD COLUMN top_id INTEGER;
        ALTER TABLE themes ADD COLUMN top_locked BOOLEAN DEFAULT FALSE;
        """
    )


def _migration_5(con: duckdb.DuckDBPyConnection) -> None:
    """Import problems keep their catalogue code and values, so a screen words them in its
    language. Rows stored before have code '' and are shown with their English message."""
    con.execute(
        """
        ALTER TABLE import_problems ADD COLUMN code VARCHAR DEFAULT '';
        ALTER TABLE import_problems ADD COLUMN params VARCHAR DEFAULT '{}';
        """
    )


def _migration_6(con: duckdb.DuckDBPyConnection) -> None:
    """A theme's keywords from its Dutch and from its English items (``'[]'`` when it has no
    name of its own in that language; screens then show the keywords of all its items)."""
    con.execute(
        """
        ALTER TABLE themes ADD COLUMN keywords_nl VARCHAR DEFAULT '[]';
        ALTER TABLE themes ADD COLUMN keywords_en VARCHAR DEFAULT '[]';
        """
    )


def _migration_7(con: duckdb.DuckDBPyConnection) -> None:
    """What kind of top theme a row is: ``'opinion'`` for the one that gathers the themes of
    opinions without a subject (:mod:`analysis.opinion_only`), ``''`` for a subject's. The
    themes new between regroupings find it by this mark, not by its name (which the manager
    may change, and a later version may word differently).

    Before, the refresh marked it only by its fixed names, which are literal here: the ones
    it stored up to schema version 6.
    """
    con.execute(
        """
        ALTER TABLE top_themes ADD COLUMN kind VARCHAR DEFAULT '';
        UPDATE top_themes SET kind = 'opinion'
        WHERE label_en = 'General opinion' AND label_nl = 'Algemeen oordeel';
        """
    )


MIGRATIONS: list[Callable[[duckdb.DuckDBPyConnection], None]] = [
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
    _migration_6,
    _migration_7,
]
SCHEMA_VERSION = len(MIGRATIONS)


def workspace_error(exc: duckdb.Error, action: str = "work") -> WorkspaceError:
    """A DuckDB error as the project's error (views catch ``KlantstemError`` and nothing more).

    Args:
        action: what was being done, a code ``workspace.action.<action>`` of the message
            catalogue: ``"work"``, ``"save"`` or ``"read"``.
    """
    doing = say(f"workspace.action.{action}")
    reported = f"{type(exc).__name__}: {exc}"  # the database's own words
    if isinstance(exc, duckdb.TransactionException | duckdb.ConstraintException):
        return WorkspaceError(say("workspace.db_conflict", action=doing, detail=reported))
    return WorkspaceError(say("workspace.db_error", action=doing, detail=reported))


class Workspace:
    """An open workspace file. Use :meth:`open` (a context manager) or :func:`open_workspace`.

    DuckDB lets one process at a time open the file (connections within that process share
    it). Threads that share a Workspace get their own cursor through :meth:`cursor`; writes
    go through :meth:`transaction`. The dashboard opens one per script run.
    """

    def __init__(
        self, path: str | Path, *, read_only: bool = False, lock_wait: float = LOCK_WAIT_SECONDS
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        deadline = time.monotonic() + lock_wait
        while True:
            try:
                self._con = duckdb.connect(str(self.path), read_only=read_only)
                break
            except duckdb.Error as exc:
                # Another process has the file (DuckDB: one process at a time). The dashboard
                # holds it only while a page is drawn, so waiting a moment usually suffices.
                if "could not set lock" in str(exc).lower() and time.monotonic() < deadline:
                    time.sleep(0.2)
                    continue
                raise WorkspaceError(
                    say("workspace.locked", path=str(self.path), detail=str(exc))
                ) from exc
        self._lock = threading.RLock()
        if not read_only:
            self._migrate()

    @classmethod
    @contextmanager
    def open(
        cls,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        lock_wait: float = LOCK_WAIT_SECONDS,
    ) -> Iterator[Workspace]:
        """Open (creating and migrating when needed) and close on exit."""
        ws = cls(path or default_workspace_path(), read_only=read_only, lock_wait=lock_wait)
        try:
            yield ws
        finally:
            ws.close()

    def close(self) -> None:
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for this thread (DuckDB connections are not shared between threads)."""
        return self._con.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing: commits on success, rolls back on any exception and re-raises."""
        with self._lock:
            con = self._con.cursor()
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException as exc:
                with suppress(duckdb.Error):  # a conflict may have rolled back already
                    con.execute("ROLLBACK")
                con.close()
                if isinstance(exc, duckdb.Error):
                    raise workspace_error(exc, "save") from exc
                raise
            try:
                con.execute("COMMIT")
            except duckdb.Error as exc:
                raise workspace_error(exc, "save") from exc
            finally:
                con.close()

    def query_df(self, sql: str, params: list[Any] | None = None) -> Any:
        """Run a read query and return a pandas DataFrame."""
        try:
            with self.cursor() as cur:
                return cur.execute(sql, params or []).df()
        except duckdb.Error as exc:
            raise workspace_error(exc, "read") from exc

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        try:
            with self.cursor() as cur:
                return fetch_value(cur, sql, params)
        except duckdb.Error as exc:
            raise workspace_error(exc, "read") from exc

    # -- schema -----------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.transaction() as con:
            con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = fetch_value(con, "SELECT max(version) FROM schema_version") or 0
            if current > SCHEMA_VERSION:
                raise WorkspaceError(
                    say(
                        "workspace.schema_newer",
                        path=str(self.path),
                        current=int(current),
                        supported=SCHEMA_VERSION,
                    )
                )
            for version in range(current, SCHEMA_VERSION):
                MIGRATIONS[version](con)
                con.execute("INSERT INTO schema_version VALUES (?)", [version + 1])
            if current == 0:
                con.execute(
                    "INSERT INTO settings VALUES ('pseudonym_key', ?), ('data_version', '0')",
                    [secrets.token_hex(32)],
                )

    @property
    def schema_version(self) -> int:
        return int(self.scalar("SELECT max(version) FROM schema_version") or 0)

    # -- settings ---------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        try:
            with self.cursor() as cur:
                value = read_setting(cur, key)
        except duckdb.Error as exc:
            raise workspace_error(exc, "read") from exc
        return default if value is None else value

    def set_setting(
        self, key: str, value: str, con: duckdb.DuckDBPyConnection | None = None
    ) -> None:
        sql = "INSERT OR REPLACE INTO settings VALUES (?, ?)"
        if con is not None:
            con.execute(sql, [key, value])
            return
        with self.transaction() as tx:
            tx.execute(sql, [key, value])

    def get_json_setting(self, key: str, default: Any = None) -> Any:
        value = self.get_setting(key)
        return default if value is None else json.loads(value)

    @property
    def data_version(self) -> int:
        """A counter bumped by every write; dashboards key their caches on it."""
        return int(self.get_setting("data_version", "0") or 0)

    def bump_data_version(self, con: duckdb.DuckDBPyConnection) -> None:
        """Call inside a write transaction so cached views refresh."""
        con.execute(
            "UPDATE settings SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
            "WHERE key = 'data_version'"
        )


def open_workspace(path: str | Path | None = None, *, read_only: bool = False) -> Workspace:
    """Open a workspace; the caller closes it (``ws.close()``)."""
    return Workspace(path or default_workspace_path(), read_only=read_only)
