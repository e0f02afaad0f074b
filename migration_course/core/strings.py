"""The catalogue of learner-facing strings: one folder of YAML files per language in ``strings/``.

Why one catalogue and not defaults scattered over the code: a participant meets the same words
in a chart caption, a questionnaire, a certificate and the report. Keeping them in one file per
language means a new language is one new folder (plus translated pages) and a test can prove that
every key has a translation. Keys are dotted paths whose first part is the file
(``chart.caption.summary`` is in ``strings/en/chart.yml``), so areas of the product keep their
strings apart; values may hold ``{name}`` fields that :meth:`Catalogue.text` fills in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

STRINGS_DIR = Path(__file__).resolve().parent.parent / "strings"
DEFAULT_LANGUAGE = "en"


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


@cache
def catalogue(language: str = DEFAULT_LANGUAGE) -> Catalogue:
    """The catalogue of ``language`` (``en``): every file of its folder, read once per process."""
    path = STRINGS_DIR / language
    if not path.is_dir():
        known = ", ".join(sorted(p.name for p in STRINGS_DIR.iterdir() if p.is_dir()))
        raise MissingString(f"no string catalogue for language {language!r} in {STRINGS_DIR} "
                            f"(known: {known})")
    strings: dict[str, str] = {}
    for file in sorted(path.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        strings.update(_flatten(data, file.stem + "."))
    return Catalogue(language, path, strings)


def text(key: str, language: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """Shorthand for ``catalogue(language).text(key, **fields)``."""
    return catalogue(language).text(key, **fields)
