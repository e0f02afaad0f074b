"""Import the focal points' participant lists (CSV or XLSX) into an nbgrader roster.

Each country's focal point sends a list in their own format: Spanish or English headers,
upper-case names, "México" or "MEX", an e-mail with a stray space, sometimes a Windows-1252
CSV. We normalise what is unambiguous, report every row we cannot use (file, row, field,
what to do) and never drop a good row because of a bad one.

What a list may look like (every shape below was seen in real lists):

- **Files**: XLSX (the first sheet that has a header row), or text exported by a spreadsheet
  (``.csv``, ``.txt``, ``.tsv``) in UTF-8, Windows-1252 or UTF-16 (Excel's "Unicode text"),
  separated by commas, semicolons or tabs: the separator is the one with which a header row
  is found.
- **Title rows**: "Lista de participantes – Guatemala", a date, blank lines above the header
  are skipped; the header is the first row (of the first ``HEADER_SEARCH_ROWS``) naming a
  name, an e-mail and a country or category column. Row numbers in messages are the file's.
- **Names** in one column ("Nombre completo", "Nombre y apellidos"), surnames first with a
  comma ("Apellidos y nombres": "García López, Ana"), or split ("Nombre" + "Apellidos",
  "First name" + "Last name", "Nombres" + "Primer apellido" + "Segundo apellido"), joined
  given names first, then surnames, so a certificate never carries half a name.
- **Who is enrolled**: officials of the 11 member countries (the default), and also RCM
  observers and civil society (the RROCM). A list says so either in a category column
  ("Categoría", "Tipo de participante", "Category": *Miembro*, *Observador*, *Sociedad civil*,
  *RROCM*; blank means member), or with *Observador* / *Sociedad civil* in the country cell.
  Non-members are enrolled under their organisation (the institution column; a country cell
  such as "Colombia" is added to it, or used alone when the institution is blank) and get
  IDs of their own, ``OBS-01`` and ``CSO-01``, which no member country's ID can be.

Participants get pseudonymous, stable IDs (``GTM-03``): the ID is what nbgrader, the exports and
the reports show, so a grade file that leaks names nobody. An ID, once given, is kept across
re-imports (matched by e-mail), so a late addition to a list never renumbers anyone.
Two different people with the same name are both imported, with a note naming both rows: the
attendance matcher then matches them by e-mail only (:mod:`migration_course.attendance.match`
never picks between two roster names).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from migration_course.attendance.match import name_key
from migration_course.core.course import Course
from migration_course.core.csvfiles import formula_like
from migration_course.core.errors import RowProblem
from migration_course.core.participants import CIVIL_SOCIETY, MEMBER, OBSERVER, Participant
from migration_course.core.textfiles import decode_text, fold
from migration_course.countries import BY_ISO3, RCM_COUNTRIES

EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# Headers as people write them; they are compared folded (no accents, case or punctuation).
HEADERS: dict[str, tuple[str, ...]] = {
    "full_name": ("full name", "nombre completo", "nombre y apellidos", "nombres y apellidos",
                  "participant", "participante", "participant name", "nombre del participante",
                  "nombre de la persona participante"),
    "surname_first": ("apellidos y nombres", "apellidos y nombre", "apellidos, nombres",
                      "last name, first name", "surname, given names"),
    "email": ("e-mail", "email", "mail", "correo", "correo electrónico", "e-mail address",
              "email address", "correo electrónico institucional", "correo institucional",
              "e-mail institucional", "email institucional", "institutional e-mail",
              "dirección de correo electrónico", "correo-e"),
    "country": ("country", "país", "country of origin", "país de origen", "member country",
                "país miembro", "estado miembro", "delegación", "delegation"),
    "category": ("category", "categoría", "tipo de participante", "participant type",
                 "type of participant", "participant category", "categoría de participante"),
    "institution": ("institution", "institución", "organisation", "organization", "organización",
                    "organismo", "ministry", "ministerio", "entidad", "dependencia", "agency",
                    "institución u organización", "institución / organización"),
    "role": ("role", "position", "cargo", "puesto", "rol", "job title", "función",
             "cargo o puesto", "cargo que desempeña"),
    "language": ("language", "idioma", "lengua", "preferred language", "idioma preferido",
                 "idioma del curso", "course language"),
}
# Cell values of a language column, folded, -> the course's language code.
LANGUAGE_WORDS: dict[str, str] = {
    "es": "es", "esp": "es", "spanish": "es", "espanol": "es", "castellano": "es",
    "en": "en", "eng": "en", "english": "en", "ingles": "en",
}
# Split name columns by rank: joined given names first, then surnames (columns in file order
# within a rank), because that is how the name is printed on the certificate.
NAME_PARTS: tuple[tuple[str, ...], ...] = (
    ("first name", "first names", "given name", "given names", "nombres", "primer nombre"),
    ("middle name", "segundo nombre", "otros nombres"),
    ("last name", "last names", "surname", "surnames", "family name", "apellido", "apellidos",
     "primer apellido", "apellido paterno"),
    ("second surname", "second last name", "segundo apellido", "apellido materno"),
)
SURNAME_RANK = 2
# "Name" / "Nombre" is the whole name on its own, but the given names beside a surname column.
NAME_OR_GIVEN = ("name", "nombre")
REQUIRED = ("full_name", "email", "country")  # country: or a category column
HEADER_SEARCH_ROWS = 30
DELIMITERS = (",", ";", "\t")
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
# Cell values naming a category, folded. Observer and civil-society words are also recognised
# inside a longer value ("País observador", "Sociedad civil - RROCM"); "member" only alone.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    CIVIL_SOCIETY: ("civil society", "sociedad civil", "rrocm", "osc", "cso", "ong", "ngo",
                    "no gubernamental", "non governmental"),
    OBSERVER: ("observer", "observers", "observador", "observadora", "observadores",
               "organismo internacional", "organizacion internacional", "international organization",
               "international organisation"),
}
MEMBER_WORDS = ("member", "miembro", "pais miembro", "member country", "estado miembro")
WHAT_CATEGORY = {OBSERVER: "observer", CIVIL_SOCIETY: "civil-society"}
NON_MEMBER_HINT = ("for an observer or civil-society participant write Observador or Sociedad "
                   "civil (in a Categoría column or here) and the organisation in the institution "
                   "column")
# Lower-case particles kept lower-case inside names ("María de la Cruz").
PARTICLES = {"de", "del", "la", "las", "los", "y", "da", "do", "dos", "van", "von"}


@dataclass
class RosterResult:
    """Good participants (old and new), rows not imported, and notes on what was changed."""

    participants: list[Participant]
    problems: list[RowProblem]
    notes: list[str]


@dataclass(frozen=True)
class Layout:
    """Where a list's fields are: its header row, one column per field, split name columns."""

    header_row: int  # 1-based, as a spreadsheet numbers it
    columns: dict[str, int]
    name_parts: tuple[int, ...] = ()  # in join order; empty when one column holds the name

    def missing(self) -> list[str]:
        """Required fields with no column (a name may be split, a category stands for country)."""
        have = set(self.columns) | ({"full_name"} if self.name_parts or "surname_first"
                                     in self.columns else set())
        if "category" in have:
            have.add("country")
        return [n for n in REQUIRED if n not in have]

    def row(self, values: list) -> dict[str, str]:
        """One data row as {field: text}, the name parts joined into ``full_name``.

        A surnames-first name keeps its cell under ``surname_first`` too, for the caller to
        warn about one it could not turn round.
        """
        def cell(i: int) -> str:
            return _text(values[i]) if i < len(values) else ""

        row = {name: cell(i) for name, i in self.columns.items()}
        if self.name_parts:
            row["full_name"] = " ".join(c for c in map(cell, self.name_parts) if c)
        elif "full_name" not in row and "surname_first" in row:
            row["full_name"] = _given_names_first(row["surname_first"])
        return row

    @property
    def surname_first(self) -> bool:
        """True when the name comes from one column written surnames first."""
        return not self.name_parts and "full_name" not in self.columns \
            and "surname_first" in self.columns


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
        for name in (c.iso3, c.english, c.un_name, *extra.get(c.iso3, ())):
            aliases[fold(name)] = c.iso3
    return aliases


def category_of(text: str) -> str | None:
    """The participant category a cell names ("Observador", "Sociedad civil"), or None."""
    folded = fold(text)
    if folded in MEMBER_WORDS:
        return MEMBER
    padded = f" {folded} "
    for category, words in CATEGORY_WORDS.items():
        if any(f" {w} " in padded for w in words):
            return category
    return None


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


def read_rows(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """Rows below the header of a CSV or XLSX list as (row number, {field: text}), and notes.

    Raises ValueError (naming the file) when it is no list we can read; the message of a list
    without a usable header shows the headers found and the ones accepted.
    """
    path = Path(path)
    notes: list[str] = []
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        tables = _xlsx_tables(path)
    elif suffix in TEXT_SUFFIXES:
        text, encoding = _decode(path.read_bytes())
        if encoding != "UTF-8":
            notes.append(f"{path.name}: read as {encoding} (not UTF-8); accents checked")
        tables = _text_tables(text)
    else:
        raise ValueError(f"{path}: unsupported file type {path.suffix!r}; send CSV or XLSX "
                         "(an old .xls: open it and save it as XLSX)")
    if not any(any(_text(c) for c in r) for _, t in tables for r in t):
        raise ValueError(f"{path}: the file is empty")
    found = next(((where, t, lay) for where, t in tables if (lay := find_header(t))), None)
    if found is None:
        raise ValueError(_header_message(path, tables[0][1]))
    where, table, layout = found
    if where:
        notes.append(f"{path.name}: the list was read from {where}")
    if layout.header_row > 1:
        notes.append(f"{path.name}: header found in row {layout.header_row}; the rows above it "
                     "were taken as titles")
    rows = []
    for n, values in enumerate(table[layout.header_row:], start=layout.header_row + 1):
        row = layout.row(values)
        written = row.pop("surname_first", "")
        if layout.surname_first and written and "," not in written:
            notes.append(f"{path.name} row {n}: {written!r} is written surnames first without a "
                         "comma, so it was kept as written; check the order on the roster")
        rows.append((n, row))
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
    fresh: dict[str, tuple[Participant, str]] = {}  # e-mail -> (participant, where)
    for path in map(Path, paths):
        try:
            rows, read_notes = read_rows(path)
        except (ValueError, OSError) as exc:
            problems.append(RowProblem(path.name, 0, "file", str(exc)))
            continue
        notes.extend(read_notes)
        for n, row in rows:
            if not any(row.values()):
                continue
            where = f"{path.name} row {n}"
            person = _participant(row, aliases)
            if isinstance(person, tuple):
                problems.append(RowProblem(path.name, n, *person))
                continue
            if person.email in fresh:
                problems.append(RowProblem(path.name, n, "email",
                                           f"duplicate of {fresh[person.email][1]} "
                                           f"({person.email}); kept the first, check which one "
                                           "is right"))
                continue
            fresh[person.email] = person, where
            notes.extend(f"{where}, {name}: {row[name][:30]!r} starts like a spreadsheet formula; "
                         "imported as text, and written with a leading ' in every CSV file"
                         for name in ("full_name", "institution", "role")
                         if formula_like(row.get(name, "")))
    participants, id_notes = _assign_ids([p for p, _ in fresh.values()], by_email)
    notes.extend(id_notes)
    notes.extend(same_name_notes(participants, {e: w for e, (_, w) in fresh.items()}))
    return RosterResult(participants, problems, notes)


def same_name_notes(participants: Iterable[Participant], where: dict[str, str]) -> Iterator[str]:
    """A note for each name shared by different people, naming their rows (``where`` by e-mail).

    Both are imported: they are two officials. But the attendance matcher can then only tell
    them apart by e-mail (two roster names fitting one meeting name are never guessed between),
    so the instructor should know before the first session. Names already shared before this
    import are not repeated.
    """
    groups: dict[frozenset[str], list[Participant]] = {}
    for p in participants:
        groups.setdefault(name_key(p.full_name), []).append(p)
    for same in groups.values():
        if len(same) > 1 and any(p.email in where for p in same):
            who = "; ".join(f"{where.get(p.email, 'already on the roster')} ({p.id}, {p.email})"
                            for p in same)
            yield (f"{len(same)} different people are named {same[0].full_name!r}: {who}. All "
                   "were imported; attendance reports match them by e-mail only, so ask them to "
                   "join with the e-mail of the list (or map their meeting names in an aliases "
                   "file)")


def _participant(row: dict[str, str], aliases: dict[str, str]) -> Participant | tuple[str, str]:
    """The row as a participant without an ID yet, or (field, what to do) when it is unusable."""
    for name in ("full_name", "email"):
        if not row.get(name, "").strip():
            return name, "empty; fill it in and import the list again"
    email = row["email"].strip()
    if not EMAIL.match(email):
        return "email", f"{email!r} is not an e-mail address"
    stated = row.get("category", "")
    country = " ".join(row.get("country", "").split())
    category = category_of(stated) if stated else (MEMBER if fold(country) in aliases
                                                   else category_of(country) or MEMBER)
    if category is None:
        return "category", (f"{stated!r} is not a participant category; write Miembro (member "
                            "country), Observador (observer) or Sociedad civil (civil society), "
                            "or leave it blank for an official of a member country")
    name, institution = normalise_name(row["full_name"]), " ".join(row.get("institution", "").split())
    role = " ".join(row.get("role", "").split())
    stated_language = fold(row.get("language", ""))
    language = LANGUAGE_WORDS.get(stated_language, "") if stated_language else ""
    if stated_language and not language:
        return "language", (f"{row['language']!r} is not a language of the course; write Español "
                            "or English, or leave it blank for the language of the country")
    if category == MEMBER:
        if not country:
            return "country", f"empty; fill it in and import the list again ({NON_MEMBER_HINT})"
        if fold(country) not in aliases:
            return "country", (f"{country!r} is not an RCM member country; use the country name "
                               f"or its ISO code (for example GTM or Guatemala); {NON_MEMBER_HINT}")
        return Participant("", name, email.lower(), aliases[fold(country)], institution, role,
                           language=language)
    organisation = _organisation(institution, country, aliases)
    if not organisation:
        return "institution", (f"empty; {WHAT_CATEGORY[category]} participants are enrolled "
                               "under their organisation: write it in the institution column")
    return Participant("", name, email.lower(), "", organisation, role, category, language)


def _organisation(institution: str, country: str, aliases: dict[str, str]) -> str:
    """A non-member's organisation, keeping a country named beside it ("OIM (Guatemala)")."""
    if not country or category_of(country):
        return institution
    if fold(country) in aliases:
        country = BY_ISO3[aliases[fold(country)]].english
    if not institution:
        return country
    return institution if fold(country) in fold(institution) else f"{institution} ({country})"


def _assign_ids(rows: list[Participant],
                by_email: dict[str, Participant]) -> tuple[list[Participant], list[str]]:
    """Keep known IDs; number new people per prefix after the highest ID already used.

    A known participant now listed under another country or category keeps their ID (their
    grades and certificate are filed under it); a note says so, since the prefix now misleads.
    """
    used: dict[str, int] = {}
    for p in by_email.values():
        prefix, _, num = p.id.partition("-")
        if num.isdigit():
            used[prefix] = max(used.get(prefix, 0), int(num))
    result = dict(by_email)
    notes = []
    for p in sorted(rows, key=lambda r: (r.id_prefix, r.email)):
        old = by_email.get(p.email)
        if old is not None:
            result[p.email] = replace(p, id=old.id)
            if old.id.partition("-")[0] != p.id_prefix:
                notes.append(f"{old.id} ({p.email}) is now listed as {p.group}; the ID was kept "
                             "so that their results stay theirs")
            continue
        used[p.id_prefix] = used.get(p.id_prefix, 0) + 1
        result[p.email] = replace(p, id=f"{p.id_prefix}-{used[p.id_prefix]:02d}")
    return sorted(result.values(), key=lambda p: p.id), notes


# -- reading the files ---------------------------------------------------------------------------
def find_header(table: list[list]) -> Layout | None:
    """The first row (of the first ``HEADER_SEARCH_ROWS``) naming every required column."""
    for i, cells in enumerate(table[:HEADER_SEARCH_ROWS]):
        layout = _layout(cells, i + 1)
        if not layout.missing():
            return layout
    return None


def _layout(header: list, number: int) -> Layout:
    """Map one candidate header row; the first column of each field wins."""
    lookup = {fold(alias): name for name, aliases in HEADERS.items() for alias in aliases}
    ranks = {fold(alias): rank for rank, aliases in enumerate(NAME_PARTS) for alias in aliases}
    columns: dict[str, int] = {}
    parts: list[tuple[int, int]] = []  # (rank, column)
    loose: list[int] = []  # "Name" / "Nombre": whole name or given names
    for i, cell in enumerate(header):
        key = fold(_text(cell))
        if key in NAME_OR_GIVEN:
            loose.append(i)
        elif key in ranks:
            parts.append((ranks[key], i))
        elif (name := lookup.get(key)) and name not in columns:
            columns[name] = i
    if any(rank >= SURNAME_RANK for rank, _ in parts):
        parts.extend((0, i) for i in loose)
    elif loose:
        columns.setdefault("full_name", loose[0])
    if "full_name" in columns or "surname_first" in columns:
        parts = []
    return Layout(number, columns, tuple(i for _, i in sorted(parts)))


def _header_message(path: Path, table: list[list]) -> str:
    """Why no header was found: the likeliest header row's cells, and the headers accepted."""
    candidates = [(_layout(cells, i + 1), cells) for i, cells in enumerate(table[:HEADER_SEARCH_ROWS])]
    layout, cells = max(candidates, key=lambda lc: (len(lc[0].columns) + len(lc[0].name_parts),
                                                    any(map(_text, lc[1])), -lc[0].header_row))
    found = ", ".join(repr(_text(c)) for c in cells if _text(c)) or "nothing"
    accepted = {
        "full_name": f"{', '.join(HEADERS['full_name'])}, or split columns such as Nombre + "
                     "Apellidos, First name + Last name, Nombres + Primer apellido + Segundo "
                     "apellido",
        "email": ", ".join(HEADERS["email"]),
        "country": f"{', '.join(HEADERS['country'])} (or a category column: "
                   f"{', '.join(HEADERS['category'])})",
    }
    missing = layout.missing()
    return (f"{path.name}: no column for {', '.join(missing)}; the header row must name the "
            f"columns (full name, e-mail, country, institution, role). Row {layout.header_row}, the "
            f"likeliest header, has: {found}. Accepted headers: "
            + "; ".join(f"{n}: {accepted[n]}" for n in missing))


def _given_names_first(text: str) -> str:
    """Turn "García López, Ana María" into "Ana María García López"; no comma: as written."""
    surnames, comma, given = text.partition(",")
    return f"{given.strip()} {surnames.strip()}".strip() if comma else text


def _text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


def _decode(data: bytes) -> tuple[str, str]:
    """Like :func:`decode_text`, and also UTF-16 saved without a byte-order mark."""
    if data[:2] not in (b"\xff\xfe", b"\xfe\xff") and data.count(0) > len(data) // 4:
        little = data[1::2].count(0) > data[0::2].count(0)
        return data.decode("utf-16-le" if little else "utf-16-be", errors="replace"), "UTF-16"
    return decode_text(data)


def _text_tables(text: str) -> list[tuple[str, list[list]]]:
    """The text split by the separator with which a header row is found (else the commonest)."""
    sample = text[:8192]
    tables = [list(csv.reader(io.StringIO(text), delimiter=d))
              for d in sorted(DELIMITERS, key=sample.count, reverse=True)]
    return [("", next((t for t in tables if find_header(t)), tables[0]))]


def _xlsx_tables(path: Path) -> list[tuple[str, list[list]]]:
    """Every worksheet as (description, rows); the first sheet is described as ""."""
    from openpyxl import load_workbook  # optional dependency, only for XLSX lists
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
        raise ValueError(f"{path}: not a readable XLSX file ({exc}); open it in a spreadsheet "
                         "and save it again as XLSX or CSV") from exc
    try:
        return [("" if i == 0 else f"the sheet {sheet.title!r}",
                 [list(r) for r in sheet.iter_rows(values_only=True)])
                for i, sheet in enumerate(book.worksheets)]
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
