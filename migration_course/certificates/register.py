"""The register of issued certificates: the only proof that a code printed on paper is real.

A CSV in the course's private folder (it holds names), one row per certificate. Rows are
never removed by the tools: a code, once issued, stays valid and stays the participant's
(re-runs reprint with the same code), and withdrawing a certificate is a human decision made
by editing ``status`` (for example to ``revoked``), which ``verify`` then reports.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from migration_course.certificates.codes import normalise

ISSUED = "issued"
REGISTER_FILE = "register.csv"  # inside course.private / "certificates"


@dataclass(frozen=True)
class RegisterEntry:
    """One issued certificate."""

    code: str
    participant: str
    full_name: str
    country: str
    issued_on: str  # ISO date
    file: str
    status: str = ISSUED


def read_register(path: Path) -> list[RegisterEntry]:
    """Every row of the register (empty if nothing was issued yet)."""
    if not Path(path).exists():
        return []
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return [RegisterEntry(**row) for row in csv.DictReader(fh)]


def write_register(entries: Iterable[RegisterEntry], path: Path) -> None:
    """Write the register atomically: a crash mid-write must not lose issued codes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[f.name for f in fields(RegisterEntry)])
        writer.writeheader()
        writer.writerows(asdict(e) for e in sorted(entries, key=lambda e: e.participant))
    os.replace(tmp, path)


def verify(code: str, path: Path) -> RegisterEntry | None:
    """The register row of ``code``, or None if there is none.

    Raises :class:`~migration_course.certificates.codes.CodeError` for a malformed code (bad
    check character: "probably mistyped"), so a typo is never reported as a forgery.
    """
    wanted = normalise(code)
    return next((e for e in read_register(path) if e.code == wanted), None)
