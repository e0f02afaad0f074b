"""The question bank in another language: the same items, IDs, keys and points, other words.

Why a translation file beside the bank and not a second bank: a participant's Spanish pre- and
English post-questionnaire must be one matched pair, graded against one key. So the key, points,
modules, objectives, levels and sources live only in ``questions.yml``; ``questions.<lang>.yml``
holds the words a participant reads (questions, options, feedback, tables, scale labels), item
by item under the same IDs. The translated bank is the English bank with those words swapped in,
and everything checked here (every active item translated, same option letters, same table
shape, five labels a scale) is what keeps the two from drifting apart.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from migration_course.core.bank import LETTERS, SURVEY_SECTIONS, Bank, KnowledgeItem, SurveyItem
from migration_course.core.objectives import load_objectives, raise_if, read_yaml
from migration_course.core.paths import objectives_file

REFERENCE_LANGUAGE = "en"


def translation_path(bank_path: Path, language: str) -> Path:
    """``questions.es.yml`` beside ``questions.yml``."""
    bank_path = Path(bank_path)
    return bank_path.with_name(f"{bank_path.stem}.{language}{bank_path.suffix}")


def languages(bank: Bank) -> list[str]:
    """The languages the bank can be asked in: English and every translation file beside it."""
    found = sorted(p.suffixes[-2].lstrip(".") for p in bank.path.parent.glob(f"{bank.path.stem}.*.yml"))
    return [REFERENCE_LANGUAGE, *found]


def translated(bank: Bank, language: str) -> Bank:
    """``bank`` with the words of ``language``; raise :class:`BankError` listing every gap."""
    if language == REFERENCE_LANGUAGE:
        return bank
    path = translation_path(bank.path, language)
    if not path.is_file():
        raise_if([f"{path}: no translation of the question bank into {language!r}; copy the texts "
                  f"of {bank.path.name} there under the same item IDs (see its header)"])
    data = read_yaml(path)
    words = data.get("items") or {}
    problems: list[str] = []
    scales = _scales(bank, data.get("scales") or {}, path, problems)
    knowledge = tuple(_knowledge(item, words.get(item.id), path, problems) for item in bank.knowledge)
    surveys = {s: tuple(_survey(item, words.get(item.id), scales, path, problems)
                        for item in bank.surveys[s]) for s in SURVEY_SECTIONS}
    active = {i.id for i in bank.knowledge} | {i.id for s in bank.surveys.values() for i in s}
    problems += [f"{path}: item {extra!r} is not an active item of {bank.path.name}; remove it"
                 for extra in sorted(set(words) - active)]
    modules = load_objectives(objectives_file(language))
    if [(m.id, [o.id for o in m.objectives]) for m in modules] != \
            [(m.id, [o.id for o in m.objectives]) for m in bank.modules]:
        problems.append(f"{objectives_file(language)}: modules and objective IDs differ from the "
                        "English learning objectives; translate the texts, keep the IDs")
    raise_if(problems)
    return replace(bank, knowledge=knowledge, surveys=surveys, modules=modules, language=language)


def _scales(bank: Bank, raw: dict, path: Path, problems: list[str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """English labels of each scale -> the translated labels (survey items keep their labels)."""
    english = {str(k): tuple(str(x) for x in v)
               for k, v in (read_yaml(bank.path).get("scales") or {}).items()}
    out = {}
    for name, labels in english.items():
        theirs = tuple(str(x) for x in raw.get(name) or ())
        if len(theirs) != len(labels):
            problems.append(f"{path}: scale {name!r} needs {len(labels)} labels, has {len(theirs)}")
        out[labels] = theirs
    return out


def _text(words: dict, field: str, where: str, problems: list[str]) -> str:
    value = " ".join(str(words.get(field) or "").split())
    if not value:
        problems.append(f"{where}: field {field!r} is missing or empty")
    return value


def _knowledge(item: KnowledgeItem, words: dict | None, path: Path, problems: list[str]) -> KnowledgeItem:
    where = f"{path}: item {item.id}"
    if not isinstance(words, dict):
        problems.append(f"{where}: not translated (every active item of the bank needs its words)")
        return item
    options = {str(k): " ".join(str(v).split()) for k, v in (words.get("options") or {}).items()}
    if tuple(options) != LETTERS or not all(options.values()):
        problems.append(f"{where}: field 'options' needs exactly A, B, C, D, each with text")
    table = tuple(tuple(str(c).strip() for c in row) for row in words.get("table") or ())
    if [len(r) for r in table] != [len(r) for r in item.table]:
        problems.append(f"{where}: field 'table' must have the shape of the English table "
                        f"({len(item.table)} rows of {len(item.table[0]) if item.table else 0} cells)")
    return replace(item, question=_text(words, "question", where, problems), options=options,
                   feedback=str(words.get("feedback") or "").strip() or item.feedback,
                   table=table if table else item.table)


def _survey(item: SurveyItem, words: dict | None, scales: dict, path: Path,
            problems: list[str]) -> SurveyItem:
    where = f"{path}: item {item.id}"
    if not isinstance(words, dict):
        problems.append(f"{where}: not translated (every active item of the bank needs its words)")
        return item
    return replace(item, question=_text(words, "question", where, problems),
                   labels=scales.get(item.labels, item.labels) if item.labels else ())
