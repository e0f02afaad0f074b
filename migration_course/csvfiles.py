"""The instructor's private CSV files (roster, register, attendance): written whole or not at all.

These files are the course's memory between commands, days apart: who has which ID, which
certificate codes exist, who attended. A crash or a full disk in the middle of a write must
never leave half a file, so every write goes to a temporary file that replaces the old one
in a single step.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Replace ``path`` atomically with a UTF-8 CSV of ``header`` and ``rows``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(tmp, path)


def write_records(path: Path, cls: type[Any], records: Iterable[Any]) -> None:
    """Write dataclass instances of ``cls``, one column per field, atomically."""
    names = [f.name for f in fields(cls)]
    write_rows(path, names, ([asdict(r)[n] for n in names] for r in records))


def read_records(path: Path, cls: type[T]) -> list[T]:
    """Read what :func:`write_records` wrote; an empty list when the file does not exist yet."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [cls(**row) for row in csv.DictReader(fh)]
