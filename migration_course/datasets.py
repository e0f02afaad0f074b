"""Load the course's data tables, validated against ``data/datapackage.json`` on every load.

Why validate on load: the notebooks are executed by the book build, so a hand-edited CSV with a
typo would otherwise surface as a wrong number on a published page. Validation uses the
frictionless implementation of the Table Schema standard; the first problems are reported with
file, row, field and what to do, and nothing is returned from an invalid table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from migration_course.core import strings
from migration_course.core.paths import edition_root

DATA_DIR = Path(os.environ.get("RCM_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))
DESCRIPTOR = "datapackage.json"
MAX_REPORTED = 10

# Table Schema types -> pandas dtypes. Strings stay pandas' default string dtype.
_DTYPES = {"integer": "int64", "number": "float64", "year": "int64"}


@dataclass(frozen=True)
class Problem:
    """One validation problem, located precisely enough to fix by hand."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class DataValidationError(ValueError):
    """A data table does not match its schema in ``datapackage.json``."""

    def __init__(self, resource: str, problems: list[Problem], total: int) -> None:
        self.resource = resource
        self.problems = problems
        lines = [f"data table '{resource}' is invalid ({total} problem(s)):"]
        lines += [f"  - {p}" for p in problems]
        if total > len(problems):
            lines.append(f"  ... and {total - len(problems)} more")
        lines.append(
            "Fix the CSV (or rebuild it with `make data`) so that it matches the schema in "
            f"{DESCRIPTOR}; rows are counted with the header as row 1."
        )
        super().__init__("\n".join(lines))


@cache
def _package(data_dir: Path) -> object:
    """Read the descriptor once per folder (it is small; the tables are validated per load)."""
    import frictionless  # imported lazily: pages that only read the descriptor skip the cost

    path = data_dir / DESCRIPTOR
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: the course's data folder must hold {DESCRIPTOR}")
    return frictionless.Package(str(path))


def resource_names(data_dir: Path = DATA_DIR) -> list[str]:
    """Names of every table described in the data package."""
    return [r.name for r in _package(Path(data_dir)).resources]


def metadata(name: str, data_dir: Path = DATA_DIR) -> dict:
    """The descriptor of one table: title, sources, licences, revision, schema with units."""
    return _resource(name, Path(data_dir)).to_descriptor()


def _resource(name: str, data_dir: Path) -> object:
    package = _package(data_dir)
    if not package.has_resource(name):
        known = ", ".join(resource_names(data_dir))
        raise KeyError(f"no data table named {name!r} in {data_dir / DESCRIPTOR}; known: {known}")
    return package.get_resource(name)


def validate(name: str, data_dir: Path = DATA_DIR) -> None:
    """Raise :class:`DataValidationError` when the table breaks its schema."""
    resource = _resource(name, Path(data_dir))
    report = resource.validate()
    if report.valid:
        return
    rows = report.flatten(["rowNumber", "fieldName", "message"])
    problems = [
        Problem(resource.path, row, field, message) for row, field, message in rows[:MAX_REPORTED]
    ]
    raise DataValidationError(name, problems, len(rows))


def load(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Validate, then read one table with the dtypes its schema declares."""
    data_dir = Path(data_dir)
    validate(name, data_dir)
    resource = _resource(name, data_dir)
    dtypes = {
        f.name: _DTYPES.get(f.type, "string")
        for f in resource.schema.fields
    }
    table = pd.read_csv(data_dir / resource.path, dtype=dtypes, keep_default_na=False, na_values=[""])
    return with_place_names(table)


# Name columns and the code column each is written from (``*_as_published`` columns are quotes of
# a document and keep their spelling).
NAME_COLUMNS = {"country": "country_iso3", "origin": "origin_iso3", "dest": "dest_iso3",
                "region": "region_code"}


def with_place_names(table: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """``table`` with its country and region names in ``language`` (default: the page's).

    Why at loading: every chart, table and glued figure of a page starts from a loaded table, so
    a Spanish page reads "México" in its legend, hover text, table and sentences without any of
    them translating names of its own. A code the catalogue lacks keeps the data's name.
    """
    names = strings.catalogue(language).section("places.name")
    for name_col, code_col in NAME_COLUMNS.items():
        if name_col in table and code_col in table:
            table[name_col] = table[code_col].map(names).fillna(table[name_col]).astype(table[name_col].dtype)
    return table


def source_line(name: str, data_dir: Path = DATA_DIR) -> str:
    """A one-line citation of the original publisher(s) of a table, for charts and tables.

    On a page in another language, the edition's own citation of the same sources
    (``es/data/sources.yml``): publishers in that language, publications under their titles.
    """
    language = strings.current_language()
    if language != strings.DEFAULT_LANGUAGE:
        cited = translated_sources(language)
        if name not in cited:
            raise KeyError(f"{sources_file(language)}: no sources for the table {name!r}; add them")
        return "; ".join(cited[name])
    descriptor = metadata(name, data_dir)
    return "; ".join(s["title"] for s in descriptor.get("sources", []))


def table_words(name: str, data_dir: Path = DATA_DIR) -> tuple[str, str]:
    """A table's title and licences as the page's edition shows them (``es/data/tables.yml``)."""
    language = strings.current_language()
    if language == strings.DEFAULT_LANGUAGE:
        meta = metadata(name, data_dir)
        return meta["title"], "; ".join(lic["title"] for lic in meta["licenses"])
    words = edition_data(language, "tables.yml").get(name)
    if not words:
        raise KeyError(f"{edition_root(language) / 'data' / 'tables.yml'}: no title and licence "
                       f"for the table {name!r}; add them")
    return words["title"], words["license"]


def sources_file(language: str) -> Path:
    """Where an edition cites the tables' sources in its language."""
    return edition_root(language) / "data" / "sources.yml"


def translated_sources(language: str) -> dict[str, list[str]]:
    """Table name -> its sources as the edition in ``language`` cites them."""
    return edition_data(language, sources_file(language).name)


@cache
def edition_data(language: str, name: str) -> dict:
    """A file of ``<language>/data/`` (the edition's words for the tables), read once."""
    import yaml

    return yaml.safe_load((edition_root(language) / "data" / name).read_text(encoding="utf-8")) or {}
