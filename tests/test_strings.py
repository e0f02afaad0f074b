"""The string catalogue: every language has every key with the same placeholders, and every key
the code asks for (a literal ``text("…")`` / ``section("…")`` or a ``*Labels`` dataclass) exists."""

from __future__ import annotations

import ast
import importlib
from dataclasses import fields
from pathlib import Path

import pytest

from migration_course.core import strings

PACKAGE = Path(strings.__file__).resolve().parent.parent
LANGUAGES = strings.languages()


def write(folder: Path, language: str, area: str, text: str) -> None:
    (folder / language).mkdir(parents=True, exist_ok=True)
    (folder / language / f"{area}.yml").write_text(text, encoding="utf-8")


# --- (a, c) every language against English ---------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_the_keys_and_placeholders_of_english(language):
    reference = strings.load_catalogue(strings.STRINGS_DIR, strings.DEFAULT_LANGUAGE)
    other = strings.load_catalogue(strings.STRINGS_DIR, language)
    assert strings.differences(reference, other) == []


def test_the_check_finds_a_missing_an_extra_and_a_changed_placeholder(tmp_path):
    write(tmp_path, "en", "chart", "caption: {summary: Summary, source: Source}\n"
                                   "title: 'Migrants, {first}–{last}'\n")
    write(tmp_path, "es", "chart", "caption: {summary: Resumen, extra: Sobra}\n"
                                   "title: 'Migrantes, {primero}–{last}'\n")
    en, es = (strings.load_catalogue(tmp_path, lang) for lang in ("en", "es"))
    assert strings.languages(tmp_path) == ["en", "es"]
    problems = strings.differences(en, es)
    assert len(problems) == 3
    assert "missing 'chart.caption.source'" in problems[0]
    assert "'chart.caption.extra' is not in 'en'" in problems[1]
    assert "'chart.title' has fields ['last', 'primero']" in problems[2]
    assert strings.differences(en, en) == []


def test_an_unbalanced_brace_is_reported_not_raised(tmp_path):
    write(tmp_path, "en", "book", "note: 'Hello {name}'\n")
    write(tmp_path, "es", "book", "note: 'Hola {name'\n")
    en, es = (strings.load_catalogue(tmp_path, lang) for lang in ("en", "es"))
    [problem] = strings.differences(en, es)
    assert "'book.note' cannot be formatted" in problem


def test_plotly_hover_fields_count_as_placeholders():
    assert strings.placeholders("<b>%{y}</b>: %{x:,} in {year}") == {"x", "y", "year"}


def test_an_unknown_language_names_the_known_ones(tmp_path):
    write(tmp_path, "en", "chart", "a: b\n")
    with pytest.raises(strings.MissingString, match="known: en"):
        strings.load_catalogue(tmp_path, "fr")


# --- (b) every key the code asks for exists ---------------------------------------------------

def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def literal_keys() -> list[tuple[str, str]]:
    """(file, key) of every ``text("area.…")`` and ``section("area.…")`` with a literal key."""
    areas = {p.stem for lang in LANGUAGES for p in (strings.STRINGS_DIR / lang).glob("*.yml")}
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            key = node.args[0].value
            if name in ("text", "section") and isinstance(key, str) and key.split(".")[0] in areas:
                found.append((str(path.relative_to(PACKAGE)), key))
    return found


def _names_section(node: ast.stmt) -> bool:
    targets = [node.target] if isinstance(node, ast.AnnAssign) else getattr(node, "targets", [])
    return any(isinstance(t, ast.Name) and t.id == "SECTION" for t in targets)


def labels_classes() -> list[type[strings.Labels]]:
    """Every class in the package that names a catalogue ``SECTION`` (found in the source)."""
    classes = []
    for path in _sources():
        module = ".".join(("migration_course", *path.relative_to(PACKAGE).with_suffix("").parts))
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and any(_names_section(s) for s in node.body):
                cls = getattr(importlib.import_module(module.removesuffix(".__init__")), node.name)
                if cls.sections():  # not the abstract base, whose SECTION is None
                    classes.append(cls)
    return classes


def test_the_scan_sees_the_chart_and_book_strings():
    keys = {key for _, key in literal_keys()}
    assert {"chart.caption", "chart.common.million", "book.chart"} <= keys
    names = {cls.__name__ for cls in labels_classes()}
    assert {"StockLabels", "CorridorLabels", "ExplorerLabels", "ChartLabels"} <= names


@pytest.mark.parametrize("where, key", literal_keys())
def test_every_literal_key_in_the_code_is_in_english(where, key):
    english = strings.catalogue(strings.DEFAULT_LANGUAGE)
    if key in english.strings:
        return
    assert english.section(key), f"{where} asks for {key!r}"  # a section raises MissingString


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("cls", labels_classes(), ids=lambda c: c.__name__)
def test_every_labels_field_is_in_every_language(cls, language):
    labels = cls(language=language)  # raises MissingString naming the sections searched
    assert all(getattr(labels, f.name) is not strings.FROM_CATALOGUE for f in fields(labels))


def test_labels_read_their_section_then_their_bases_and_take_overrides():
    from migration_course.charts import CorridorLabels

    labels = CorridorLabels()
    assert labels.x_title == strings.text("chart.corridor_matrix.x_title")  # its own section
    assert labels.sex_buttons["female"] == strings.text("chart.by_sex.sex_buttons.female")  # family
    assert labels.million == strings.text("chart.common.million")  # every chart
    assert CorridorLabels(title="Otro {year}").title == "Otro {year}"
    assert CorridorLabels.sections() == ["chart.corridor_matrix", "chart.by_sex", "chart.common"]


def test_a_field_missing_from_the_catalogue_names_the_sections(tmp_path, monkeypatch):
    from dataclasses import dataclass
    from typing import ClassVar

    write(tmp_path, "en", "chart", "thing: {title: T}\n")
    monkeypatch.setattr(strings, "STRINGS_DIR", tmp_path)
    strings.catalogue.cache_clear()
    try:
        @dataclass(frozen=True)
        class ThingLabels(strings.Labels):
            SECTION: ClassVar[str] = "chart.thing"
            title: str = strings.FROM_CATALOGUE
            subtitle: str = strings.FROM_CATALOGUE

        with pytest.raises(strings.MissingString, match=r"'subtitle' under any of \['chart.thing'\]"):
            ThingLabels()
    finally:
        monkeypatch.undo()
        strings.catalogue.cache_clear()
