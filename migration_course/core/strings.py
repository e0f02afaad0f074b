"""The catalogue of learner-facing strings: one folder of YAML files per language in ``strings/``.

Why one catalogue and not defaults scattered over the code: a participant meets the same words
in a chart caption, a questionnaire, a certificate and the report. Keeping them in one file per
language means a new language is one new folder (plus translated pages) and a test can prove that
every key has a translation. Keys are dotted paths whose first part is the file
(``chart.caption.summary`` is in ``strings/en/chart.yml``), so areas of the product keep their
strings apart; values may hold ``{name}`` fields that :meth:`Catalogue.text` fills in.

Code that needs many strings of one place (a chart's title, axes, hover text and summary) reads
them as a :class:`Labels` dataclass: a typed view of a catalogue section, so a misspelt field is
an ``AttributeError`` at once and every value still comes from the YAML of the chosen language.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import yaml

STRINGS_DIR = Path(__file__).resolve().parent.parent / "strings"
DEFAULT_LANGUAGE = "en"
_page_language = DEFAULT_LANGUAGE


class MissingString(KeyError):
    """A key the code asks for is not in the catalogue; the message names file and key."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Catalogue:
    """All strings of one language, flattened to dotted keys."""

    language: str
    path: Path
    strings: Mapping[str, str]

    def text(self, key: str, **fields: object) -> str:
        """The string at ``key``, with ``{field}`` placeholders filled from ``fields``."""
        try:
            value = self.strings[key]
        except KeyError:
            raise MissingString(f"{self.path}: no string {key!r}; add it to every language "
                                "file in migration_course/strings/") from None
        return value.format(**fields) if fields else value

    def section(self, prefix: str) -> dict[str, str]:
        """Every string under ``prefix.`` as {rest of the key: text} (for a Labels dataclass)."""
        start = prefix.rstrip(".") + "."
        found = {k[len(start):]: v for k, v in self.strings.items() if k.startswith(start)}
        if not found:
            raise MissingString(f"{self.path}: no strings under {prefix!r}")
        return found


def _flatten(tree: Mapping, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, name + "."))
        elif isinstance(value, list):
            out[name] = "\n".join(str(v) for v in value)
        else:
            out[name] = str(value)
    return out


def languages(folder: Path = STRINGS_DIR) -> list[str]:
    """The languages that have a catalogue in ``folder``, i.e. its sub-folders."""
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


def load_catalogue(folder: Path, language: str) -> Catalogue:
    """Read the catalogue of ``language`` from ``folder`` (uncached: tests point it at a tmp dir)."""
    path = folder / language
    if not path.is_dir():
        raise MissingString(f"no string catalogue for language {language!r} in {folder} "
                            f"(known: {', '.join(languages(folder))})")
    strings: dict[str, str] = {}
    for file in sorted(path.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        strings.update(_flatten(data, file.stem + "."))
    return Catalogue(language, path, strings)


def use_language(language: str) -> None:
    """Make ``language`` the default of every string, number and chart in this process.

    Why a process-wide setting: a book page is executed in a kernel of its own, and everything
    it draws (charts, glued figures, tables, self-checks) must be in the page's language. The
    Spanish twin of a page calls ``use_language("es")`` once in its first cell and keeps every
    other code cell identical to the English page's, which is what lets a test prove that both
    editions show the same charts and figures. Instructor tools pass ``language`` explicitly.
    """
    global _page_language
    catalogue(language)  # refuse a language with no catalogue now, not at the first string
    _page_language = language


def current_language() -> str:
    """The language set by :func:`use_language` (``en`` until a page sets another)."""
    return _page_language


def resolve(language: str | None) -> str:
    """``language`` itself, or the current language when it is ``None``."""
    return language or _page_language


def catalogue(language: str | None = None) -> Catalogue:
    """The catalogue of ``language`` (default: the current one), read once per process."""
    return _catalogue(resolve(language))


@cache
def _catalogue(language: str) -> Catalogue:
    return load_catalogue(STRINGS_DIR, language)


catalogue.cache_clear = _catalogue.cache_clear  # type: ignore[attr-defined]  # tests reload files


def text(key: str, language: str | None = None, **fields: object) -> str:
    """Shorthand for ``catalogue(language).text(key, **fields)``."""
    return catalogue(language).text(key, **fields)


def placeholders(value: str) -> set[str]:
    """The ``{name}`` fields of a string (plotly's ``%{x:,}`` counts too: it must survive as well)."""
    return {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}


def differences(reference: Catalogue, other: Catalogue) -> list[str]:
    """What a translation gets wrong against the reference: missing, extra or changed-field keys.

    Why a function and not only a test: the same check guards the shipped catalogues
    (``tests/test_strings.py``) and a translator's work in progress on a copy of the folder.
    """
    problems = [f"{other.path}: missing {key!r}"
                for key in sorted(set(reference.strings) - set(other.strings))]
    problems += [f"{other.path}: {key!r} is not in {reference.language!r}"
                 for key in sorted(set(other.strings) - set(reference.strings))]
    for key in sorted(set(reference.strings) & set(other.strings)):
        try:
            want, got = placeholders(reference.strings[key]), placeholders(other.strings[key])
        except ValueError as err:  # an unbalanced brace in either string
            problems.append(f"{other.path}: {key!r} cannot be formatted ({err})")
            continue
        if want != got:
            problems.append(f"{other.path}: {key!r} has fields {sorted(got)}, "
                            f"{reference.language!r} has {sorted(want)}")
    return problems


class _FromCatalogue:
    """The default of every :class:`Labels` field: "read me from the catalogue"."""

    def __repr__(self) -> str:
        return "<from the string catalogue>"


FROM_CATALOGUE: Any = _FromCatalogue()


@dataclass(frozen=True)
class Labels:
    """A typed view of catalogue sections: every field left at ``FROM_CATALOGUE`` is read from them.

    A subclass names its section in ``SECTION`` (``"chart.stock_by_destination"``); a field is
    looked up there first, then in the ``SECTION`` of each base class, so strings shared by a
    family of charts are written once. A field may be a mapping in the YAML (``sex_names: {both:
    …}``), which becomes a ``dict``. ``Labels(language="es")`` reads the Spanish catalogue;
    ``Labels(title="…")`` overrides one string and reads the rest; without ``language`` the
    current language (:func:`use_language`) is read.
    """

    SECTION: ClassVar[str | None] = None
    language: str = field(default=None, kw_only=True)  # type: ignore[assignment]  # None: current

    @classmethod
    def sections(cls) -> list[str]:
        """The sections a field is looked up in, nearest first."""
        return [c.__dict__["SECTION"] for c in cls.__mro__ if c.__dict__.get("SECTION")]

    def __post_init__(self) -> None:
        """Fill every field still at ``FROM_CATALOGUE`` from the catalogue of ``language``."""
        object.__setattr__(self, "language", resolve(self.language))
        unset = [f.name for f in fields(self) if getattr(self, f.name) is FROM_CATALOGUE]
        if not unset:
            return
        cat = catalogue(self.language)
        sections = [cat.section(s) for s in self.sections()]
        for name in unset:
            object.__setattr__(self, name, _lookup(sections, name, cat, self.sections()))


def _lookup(sections: list[dict[str, str]], name: str, cat: Catalogue, where: list[str]) -> str | dict:
    nested = name + "."
    for section in sections:
        if name in section:
            return section[name]
        found = {k[len(nested):]: v for k, v in section.items() if k.startswith(nested)}
        if found:
            return found
    raise MissingString(f"{cat.path}: no string {name!r} under any of {where}; add it to every "
                        "language file in migration_course/strings/")
