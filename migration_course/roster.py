"""Import the focal points' participant lists (CSV or XLSX) into an nbgrader roster.

Each country's focal point sends a list in their own format: Spanish or English headers,
upper-case names, "México" or "MEX", an e-mail with a stray space, sometimes a Windows-1252
CSV. We normalise what is unambiguous, report every row we cannot use (file, row, field,
what to do) and never drop a good row because of a bad one.

Participants get pseudonymous, stable IDs (``GTM-03``): the ID is what nbgrader, the exports and
the reports show, so a grade file that leaks names nobody. An ID, once given, is kept across
re-imports (matched by e-mail), so a late addition to a list never renumbers anyone.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from migration_course.core.course import Course
from migration_course.core.csvfiles import formula_like
from migration_course.core.errors import RowProblem
from migration_course.core.participants import Participant
from migration_course.core.textfiles import decode_text, fold
from migration_course.countries import RCM_COUNTRIES

EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
HEADERS = {
    "full_name": ("full name", "name", "nombre", "nombre completo", "participant", "participante"),
    "email": ("e-mail", "email", "mail", "correo", "correo electronico", "e-mail address"),
    "country": ("country", "pais", "country of origin"),
    "institution": ("institution", "institucion", "organisation", "organization", "ministry"),
    "role": ("role", "position", "cargo", "puesto", "rol", "job title"),
}
REQUIRED = ("full_name", "email", "country")
# Lower-case particles kept lower-case inside names ("María de la Cruz").
PARTICLES = {"de", "del", "la", "las", "los", "y", "da", "do", "dos", "van", "von"}


@dataclass
class RosterResult:
    """Good participants (old and new), rows not imported, and notes on what was changed."""

    participants: list[Participant]
    problems: list[RowProblem]
    notes: list[str]


def country_aliases() -> dict[str, str]:
    """Spelling (folded) -> ISO3 for the 11 RCM countries, in English and Spanish."""
    extra = {
        "BLZ": ("belice", "bz"), "CAN": ("canada", "ca"), "CRI": ("cr",),
        "DOM": ("republica dominicana", "dominican rep", "do", "rd"),
        "SLV": ("sv", "salvador"), "GTM": ("gt",), "HND": ("hn",),
        "MEX": ("mexico", "mx"), "NIC": ("ni",), "PAN": ("panama", "pa"),
        "USA": ("us", "united states", "estados unidos", "eeuu", "ee uu", "u.s.a.", "u.s."),
    }
    aliases: dict[str, str] = {}
    for c in RCM_COUNTRIES:
        for name in (c.iso3, c.name, c.un_name, *extra.get(c.iso3, ())):
            aliases[fold(name)] = c.iso3
    return aliases


def normalise_name(raw: str) -> str:
    """Tidy spaces and capitals, keeping accents ("  JOSÉ  núñez " -> "José Núñez")."""
    words = unicodedata.normalize("NFC", str(raw)).split()
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if i and low in PARTICLES:
            out.append(low)
        elif word.isupper() or word.islower():
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
        else:
            out.append(word)  # mixed case was typed on purpose ("McAuliffe")
    return " ".join(out)


def read_rows(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    """Rows of a CSV or XLSX list as {canonical field: text}; notes say how it was read."""
    path = Path(path)
    notes: list[str] = []
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        table = _xlsx_table(path)
    elif path.suffix.lower() == ".csv":
        text, encoding = decode_text(path.read_bytes())
        if encoding != "UTF-8":
            notes.append(f"{path.name}: read as {encoding} (not UTF-8); accents checked")
        sample = text[:4096]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise ValueError(f"{path}: unsupported file type {path.suffix!r}; send CSV or XLSX")
    if not table:
        raise ValueError(f"{path}: the file is empty")
    columns = _map_headers(table[0], path)
    rows = []
    for values in table[1:]:
        row = {name: (str(values[i]).strip() if i < len(values) and values[i] is not None else "")
               for name, i in columns.items()}
        rows.append(row)
    return rows, notes


def import_lists(paths: Iterable[Path], known: Iterable[Participant] = ()) -> RosterResult:
    """Read every list, validate and normalise each row, and assign stable IDs.

    ``known`` is the roster imported before: their IDs are kept; a row whose e-mail is
    already known updates that participant instead of creating a new one.
    """
    aliases = country_aliases()
    by_email = {p.email: p for p in known}
    problems: list[RowProblem] = []
    notes: list[str] = []
    fresh: list[tuple[str, str, str, str, str]] = []
    seen: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        try:
            rows, read_notes = read_rows(path)
        except (ValueError, OSError) as exc:
            problems.append(RowProblem(path.name, 0, "file", str(exc)))
            continue
        notes.extend(read_notes)
        for n, row in enumerate(rows, start=2):  # row 1 is the header, as in a spreadsheet
            if not any(row.values()):
                continue
            where = f"{path.name} row {n}"
            problem = _check_row(row, aliases)
            if problem:
                problems.append(RowProblem(path.name, n, *problem))
                continue
            email = row["email"].strip().lower()
            if email in seen:
                problems.append(RowProblem(path.name, n, "email",
                                           f"duplicate of {seen[email]} ({email}); kept the "
                                           "first, check which one is right"))
                continue
            seen[email] = where
            notes.extend(f"{where}, {name}: {row[name][:30]!r} starts like a spreadsheet formula; "
                         "imported as text, and written with a leading ' in every CSV file"
                         for name in ("full_name", "institution", "role")
                         if formula_like(row.get(name, "")))
            fresh.append((normalise_name(row["full_name"]), email,
                          aliases[fold(row["country"])],
                          " ".join(row.get("institution", "").split()),
                          " ".join(row.get("role", "").split())))
    participants = _assign_ids(fresh, by_email)
    return RosterResult(participants, problems, notes)


def _assign_ids(rows: list[tuple[str, str, str, str, str]],
                by_email: dict[str, Participant]) -> list[Participant]:
    """Keep known IDs; number new people per country after the highest ID already used."""
    used: dict[str, int] = {}
    for p in by_email.values():
        iso3, _, num = p.id.partition("-")
        used[iso3] = max(used.get(iso3, 0), int(num))
    result = dict(by_email)
    for name, email, iso3, institution, role in sorted(rows, key=lambda r: (r[2], r[1])):
        old = by_email.get(email)
        if old is not None:
            result[email] = Participant(old.id, name, email, iso3, institution, role)
            continue
        used[iso3] = used.get(iso3, 0) + 1
        result[email] = Participant(f"{iso3}-{used[iso3]:02d}", name, email, iso3,
                                    institution, role)
    return sorted(result.values(), key=lambda p: p.id)


def _check_row(row: dict[str, str], aliases: dict[str, str]) -> tuple[str, str] | None:
    for name in REQUIRED:
        if not row.get(name, "").strip():
            return name, "empty; fill it in and import the list again"
    email = row["email"].strip()
    if not EMAIL.match(email):
        return "email", f"{email!r} is not an e-mail address"
    if fold(row["country"]) not in aliases:
        return "country", (f"{row['country']!r} is not an RCM member country; use the "
                           "country name or its ISO code (for example GTM or Guatemala)")
    return None


def _map_headers(header: list, path: Path) -> dict[str, int]:
    lookup = {fold(alias): name for name, aliases in HEADERS.items() for alias in aliases}
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = lookup.get(fold(cell or ""))
        if name and name not in columns:
            columns[name] = i
    missing = [n for n in REQUIRED if n not in columns]
    if missing:
        raise ValueError(f"{path.name}: no column for {', '.join(missing)}; the first row "
                         "must name the columns (full name, e-mail, country, institution, role)")
    return columns


def _xlsx_table(path: Path) -> list[list]:
    from openpyxl import load_workbook  # optional dependency, only for XLSX lists

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


# -- the nbgrader side ---------------------------------------------------------------------------
def add_to_gradebook(participants: Iterable[Participant], course: Course) -> int:
    """Create or update each participant as an nbgrader student; return how many."""
    n = 0
    with course.gradebook() as gb:
        for p in participants:
            first, last = p.first_last
            gb.update_or_create_student(p.id, first_name=first, last_name=last, email=p.email)
            n += 1
    return n
