"""The two editions kept in step: every English page has a Spanish twin with the same structure.

What a translator is told when a test here fails: which page, and what differs (a code cell, a
heading, a glued figure, a citation, a paragraph still in English). The same comparison is what
``python3 tools/i18n_twin_check.py ENGLISH SPANISH`` prints for one page, without a build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from migration_course import curriculum
from migration_course.core.bank_translation import translated
from migration_course.core.objectives import load_objectives
from migration_course.core.paths import REPO_ROOT, edition_root, objectives_file
from tools.demo_course import demo_bank
from tools.i18n_structure import differences, foreign_paragraphs

TRANSLATIONS = ("es",)


def toc_files(config_dir: Path) -> list[str]:
    """The pages of a book's table of contents, in order (root first)."""
    toc = yaml.safe_load((config_dir / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    return files


ENGLISH_PAGES = toc_files(REPO_ROOT)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_translation_has_the_same_pages_in_the_same_order(language):
    assert toc_files(edition_root(language)) == ENGLISH_PAGES


@pytest.mark.parametrize("page", ENGLISH_PAGES)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_page_has_a_twin_with_the_same_structure(language, page):
    english, twin = REPO_ROOT / f"{page}.md", edition_root(language) / f"{page}.md"
    assert twin.is_file(), f"{twin} is missing: translate {english}"
    problems = differences(english.read_text(encoding="utf-8"), twin.read_text(encoding="utf-8"),
                           language)
    assert not problems, f"{twin} is not in step with {english}:\n" + "\n".join(problems)


@pytest.mark.parametrize("page", ENGLISH_PAGES)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_no_paragraph_of_a_twin_is_still_in_english(language, page):
    twin = edition_root(language) / f"{page}.md"
    left = foreign_paragraphs(twin.read_text(encoding="utf-8"), language)
    assert not left, f"{twin}: paragraphs still in English:\n" + "\n---\n".join(left)


def test_the_structure_check_catches_what_a_translator_can_break():
    english = (REPO_ROOT / "modules" / "module-2.md").read_text(encoding="utf-8")
    twin = (edition_root("es") / "modules" / "module-2.md").read_text(encoding="utf-8")
    assert differences(english, twin) == []
    dropped_glue = re.sub(r"\{glue:text\}`m2_t1_usa`", "50 millones", twin, count=1)
    assert any("m2_t1_usa" in p for p in differences(english, dropped_glue))
    changed_code = twin.replace('charts.remittances(remit', 'charts.remittances(remit.head(3)', 1)
    assert any("code cell" in p for p in differences(english, changed_code))
    lost_heading = twin.replace("\n## ", "\n", 1)
    assert any("headings" in p for p in differences(english, lost_heading))
    options_last = twin.replace(':tags: [remove-cell]\n\nfrom migration_course.core.strings import '
                                'use_language\nuse_language("es")\n',
                                'from migration_course.core.strings import use_language\n'
                                'use_language("es")\n:tags: [remove-cell]\n\n', 1)
    assert options_last != twin and differences(english, options_last)
    paragraph = ("The stock counts people who live in a country other than the one where they "
                 "were born, and it is an estimate built from the censuses of the region.")
    assert foreign_paragraphs(twin + "\n\n" + paragraph + "\n") == [paragraph]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_objectives_have_the_same_ids_in_every_language(language):
    def ids(path):
        return [(m.id, m.number, [(o.id, o.retired) for o in m.objectives]) for m in load_objectives(path)]

    assert ids(objectives_file(language)) == ids(objectives_file("en"))


@pytest.mark.parametrize("module_id", [f"M{n}" for n in range(1, 7)])
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_self_checks_have_the_same_items_and_answers_in_every_language(language, module_id):
    english = curriculum.load_selfcheck(module_id, curriculum.selfcheck_dir("en"))
    twin = curriculum.load_selfcheck(module_id, curriculum.selfcheck_dir(language))
    assert [(i.id, i.objective, i.level, i.answer, list(i.options)) for i in twin] == \
        [(i.id, i.objective, i.level, i.answer, list(i.options)) for i in english]
    assert all(a.question != b.question for a, b in zip(english, twin, strict=True))


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_bank_is_translated_item_by_item_with_one_key(language):
    bank = demo_bank()
    twin = translated(bank, language)
    assert twin.key == bank.key and twin.fingerprint == bank.fingerprint
    assert [i.id for i in twin.items_for("post")] == [i.id for i in bank.items_for("post")]
    assert all(a.question != b.question for a, b in zip(bank.knowledge, twin.knowledge, strict=True))


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_translated_book_configuration_mirrors_the_english_one(language):
    ours = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    theirs = yaml.safe_load((edition_root(language) / "_config.yml").read_text(encoding="utf-8"))
    assert theirs["sphinx"]["config"]["language"] == language
    assert theirs["sphinx"]["config"]["rcm_twin_language"] == "en"
    assert ours["sphinx"]["config"]["rcm_twin_language"] == language
    for section in ("execute", "parse", "launch_buttons"):
        assert theirs[section] == ours[section], f"es/_config.yml: {section} differs from _config.yml"
    same = {k: v for k, v in ours["sphinx"]["config"].items() if not k.startswith("rcm_twin")}
    assert {k: theirs["sphinx"]["config"].get(k) for k in same} == same
    assert theirs["sphinx"]["extra_extensions"] == ours["sphinx"]["extra_extensions"]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_table_is_cited_and_titled_in_every_language(language):
    from migration_course import datasets

    cited = datasets.translated_sources(language)
    words = yaml.safe_load((edition_root(language) / "data" / "tables.yml").read_text(encoding="utf-8"))
    for name in datasets.resource_names():
        sources = datasets.metadata(name).get("sources", [])
        assert len(cited.get(name, [])) == len(sources), f"{language}/data/sources.yml: {name}"
        assert words.get(name, {}).get("title") and words[name].get("license"), name


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_quoted_figure_has_its_words_in_every_language(language):
    import pandas as pd

    facts = pd.read_csv(REPO_ROOT / "data" / "concept_note_facts.csv", dtype=str).fillna("")
    words = yaml.safe_load((edition_root(language) / "data" / "concept_note_facts.yml").read_text(
        encoding="utf-8"))
    for row in facts.itertuples(index=False):
        for column in ("statement", "as_printed", "cited_source", "caveat"):
            if getattr(row, column):
                assert words.get(row.fact_id, {}).get(column), f"{row.fact_id}: {column}"
