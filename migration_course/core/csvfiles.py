"""The instructor's private CSV files (roster, register, attendance): written whole or not at all.

These files are the course's memory between commands, days apart: who has which ID, which
certificate codes exist, who attended. A crash or a full disk in the middle of a write must
never leave half a file, so every write goes to a temporary file that replaces the old one
in a single step. They are also edited by hand (a certificate is revoked in the register, a
typo fixed in the roster), often in a spreadsheet that saves a byte-order mark or semicolons:
reading accepts both and names the file and column when something is really missing.

Every cell is also **neutralised against formula injection** (OWASP, ASVS 1.2.10): names,
institutions, written answers and IDs come from participants and focal points, and a cell such
as ``=HYPERLINK(...)`` would run as a formula when an instructor opens the file in a
spreadsheet. A text cell that starts with a formula trigger is written with a leading
apostrophe, which spreadsheets read as "this is text"; :func:`read_records` takes it off again,
so the tools' own files round-trip unchanged.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, asdict, fields
from pathlib import Path
from typing import Any, TypeVar

from migration_course.core.errors import UserError
from migration_course.core.textfiles import decode_text

T = TypeVar("T")

# First characters that make Excel, LibreOffice Calc or Google Sheets evaluate a cell (OWASP's
# list with NUL, plus the full-width forms some East Asian spreadsheet versions also evaluate).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def formula_like(text: str) -> bool:
    """True when a spreadsheet would take ``text`` for a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def neutralise(value: object) -> object:
    """The cell as written: text that would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The value :func:`neutralise` was given (the apostrophe it added taken off)."""
    return text[1:] if text.startswith("'") and formula_like(text[1:]) else text


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Replace ``path`` atomically with a UTF-8 CSV of ``header`` and ``rows``, neutralised."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([neutralise(h) for h in header])
        writer.writerows([neutralise(cell) for cell in row] for row in rows)
    os.replace(tmp, path)


def write_records(path: Path, cls: type[Any], records: Iterable[Any]) -> None:
    """Write dataclass instances of ``cls``, one column per field, atomically."""
    names = [f.name for f in fields(cls)]
    write_rows(path, names, ([asdict(r)[n] for n in names] for r in records))


class RecordFileError(UserError, ValueError):
    """A private CSV file lacks columns the tools need; the message names file and columns."""


def read_records(path: Path, cls: type[T]) -> list[T]:
    """Read what :func:`write_records` wrote; an empty list when the file does not exist yet.

    Blank cells of columns that have a default (a register row's status) take the default;
    extra columns a person added are ignored; blank lines are skipped.
    """
    path = Path(path)
    if not path.exists():
        return []
    text, _ = decode_text(path.read_bytes())
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    required = [n for n, f in known.items()
                if f.default is MISSING and f.default_factory is MISSING]
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [n for n in required if n not in header]
    if missing:
        raise RecordFileError(f"{path}: no column {', '.join(missing)} (the first row has: "
                              f"{', '.join(header) or 'nothing'}); it was probably changed by "
                              f"hand: the columns must be {', '.join(known)}")
    out = []
    for row in reader:
        values = {k.strip(): restore((v or "").strip()) for k, v in row.items() if k}
        if not any(values.values()):
            continue
        out.append(cls(**{n: v for n, v in values.items() if n in known
                          and (v or n in required)}))
    return out
