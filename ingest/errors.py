"""The project's one exception tree.

    KlantstemError                 root: the dashboard and CLI catch this and nothing broader
    ├── RecordError                a record violates the contract in ``ingest/schema.py``
    ├── IngestError                a whole file cannot be read (nothing from it is imported)
    │   ├── MappingRequired        a CSV/XLSX whose columns need a mapping from the user
    │   └── ResourceLimitExceeded  a file unpacks too large, has too many members or reads too long
    ├── AnalysisError              embedding / theme building cannot proceed
    │   └── MissingExtraError      an optional dependency is not installed (message has the hint)
    └── WorkspaceError             the workspace file is unusable or an operation is refused

Messages say what was expected, what was got, and what to do. A message is raised as an
:class:`ingest.messages.Text` (``message("workspace.split_too_small", ...)``): ``str(exc)`` is
the English the CLI prints, and a UI words the same code in its own language.
"""

from __future__ import annotations


class KlantstemError(Exception):
    """Root of every error Klantstem raises on purpose."""


class RecordError(KlantstemError, ValueError):
    """A feedback record violates the record contract.

    Raised as ``RecordError(message("record.empty", ...), where="<file> line <n>")``:
    ``str(exc)`` is ``"<where>: <English>"``, ``detail`` the message without ``where``.
    """

    def __init__(self, message: str, *, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.detail = message


class IngestError(KlantstemError):
    """A file cannot be read at all; nothing from it is imported.

    Raised as ``IngestError(message("file.empty", ...), file=name)``: ``str(exc)`` is
    ``"<file>: <English>"``, ``detail`` the message without the file (an
    :class:`ingest.messages.Text` whose code a UI words in its language) and ``file`` the name.
    A plain string message (no ``file``) still works; it has no code.
    """

    def __init__(self, message: str, *, file: str = "") -> None:
        super().__init__(f"{file}: {message}" if file else message)
        self.file = file
        self.detail = message


class MappingRequired(IngestError):
    """A table whose text/date columns could not be guessed; the user must map them.

    Attributes:
        columns: the header of the file, so a UI can offer the choice.
        examples: per column, its first filled cell (personal data redacted), so a UI can show
            what each column holds.
        suggested: role (``text``, ``date``, ``rating``, ``channel``, ...) -> the likeliest
            column for it: a UI starts each choice there (a role without one is left out).
    """

    def __init__(
        self,
        message: str,
        columns: list[str] | None = None,
        *,
        file: str = "",
        examples: dict[str, str] | None = None,
        suggested: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message, file=file)
        self.columns = list(columns or [])
        self.examples = dict(examples or {})
        self.suggested = dict(suggested or {})


class ResourceLimitExceeded(IngestError):
    """A file would cost more than its budget (bytes unpacked, archive members, parse time)."""


class AnalysisError(KlantstemError):
    """Embedding or theme building cannot proceed."""


class MissingExtraError(AnalysisError):
    """An optional dependency is missing; the message says what to install."""


class WorkspaceError(KlantstemError):
    """The workspace file is unusable, or an operation on it is refused."""
