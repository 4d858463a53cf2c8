"""Old Excel (.xls) and OpenDocument (.ods) workbooks as tables, through pandas' engines.

``.xlsx`` stays with openpyxl's streaming reader in :mod:`ingest.tables`; these formats are
rarer and smaller, so the first non-empty sheet is read whole (xlrd for .xls, odfpy for .ods).
"""

from __future__ import annotations

import io
import warnings
from typing import Literal

from ingest.errors import IngestError
from ingest.messages import detail
from ingest.messages import message as say
from ingest.tables import Table, sheet_table

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def load_workbook_table(data: bytes, name: str, engine: Literal["xlrd", "odf"]) -> Table:
    """The first sheet with data of an .xls (``engine="xlrd"``) or .ods (``"odf"``) file.

    Raises:
        IngestError: the workbook is damaged, encrypted or has no data.
    """
    import pandas as pd

    kind = "Excel 97-2003 (.xls)" if engine == "xlrd" else "OpenDocument (.ods)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sheets = pd.read_excel(
                io.BytesIO(data), sheet_name=None, header=None, dtype=str, engine=engine,
                keep_default_na=False,
                # xlrd writes its warnings to stdout, which would corrupt `import --json`
                engine_kwargs={"logfile": io.StringIO()} if engine == "xlrd" else None,
            )  # fmt: skip
    except ImportError as exc:
        package = "xlrd" if engine == "xlrd" else "odfpy"
        raise IngestError(
            say("workbook.needs_package", kind=kind, package=package), file=name
        ) from exc
    except Exception as exc:  # noqa: BLE001 - xlrd/odfpy raise many kinds on damaged files
        raise IngestError(
            say("workbook.unreadable", kind=kind, detail=detail(exc, 120)), file=name
        ) from exc
    for sheet, frame in sheets.items():
        table = sheet_table(
            name,
            frame.itertuples(index=False, name=None),
            lambda v: "" if v is None else str(v),
            {"sheet": str(sheet), "engine": engine},
        )
        if table is not None:
            return table
    raise IngestError(say("workbook.no_data", hint=say("expected_sheet")), file=name)
