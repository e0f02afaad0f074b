"""The modules' shared spine: learning objectives and ungraded self-check quizzes.

Why from files and not typed into each page: the learning objectives are cited by the graded
question bank, so they must have one source (``modules/learning_objectives.yml``); self-check
items live in ``modules/selfcheck/<module>.yml`` so a test can prove that no practice item
repeats a graded question (the practice key is visible in the page by design).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from migration_course.core import strings
from migration_course.core.bank import level_problem
from migration_course.core.objectives import Module, load_objectives
from migration_course.core.paths import OBJECTIVES_FILE, objectives_file

MODULES_DIR = OBJECTIVES_FILE.parent
SELFCHECK_DIR = MODULES_DIR / "selfcheck"


def selfcheck_dir(language: str | None = None) -> Path:
    """Where the self-checks of ``language`` are (``es/modules/selfcheck`` for Spanish)."""
    return objectives_file(strings.resolve(language)).parent / "selfcheck"
LETTERS = "ABCD"


@dataclass(frozen=True)
class SelfCheckItem:
    """One ungraded practice question with its answer and explanation."""

    id: str
    objective: str
    question: str
    options: dict[str, str]
    answer: str
    explanation: str
    level: str = "apply"  # recall, apply or interpret, as in the graded bank


@cache
def _modules(language: str) -> dict[str, Module]:
    """The modules as the question bank reads them: one parser, one set of rules."""
    return {m.id: m for m in load_objectives(objectives_file(language))}


def module(module_id: str, language: str | None = None) -> Module:
    """The module (number, title, current and retired objectives) in ``language`` (default: the page's)."""
    language = strings.resolve(language)
    modules = _modules(language)
    if module_id not in modules:
        raise KeyError(f"no module {module_id!r} in {objectives_file(language)}; known: "
                       f"{', '.join(modules)}")
    return modules[module_id]


def objectives_html(module_id: str, lead: str | None = None) -> str:
    """The module's current (not retired) learning objectives as an ordered list.

    ``lead``, the sentence above the list, is the catalogue's ``curriculum.objectives.lead``
    unless given: it is a learner-facing string like any other, translated once.
    """
    lead = strings.text("curriculum.objectives.lead") if lead is None else lead
    rows = "".join(
        f'<li id="objective-{html.escape(o.id)}"><span class="rcm-objective-id">'
        f'{html.escape(o.id)}</span> {html.escape(o.text)}</li>' for o in module(module_id).current)
    return f'<p>{html.escape(lead)}</p><ol class="rcm-objectives">{rows}</ol>'


def load_selfcheck(module_id: str, folder: Path | None = None) -> list[SelfCheckItem]:
    """Read and check a module's self-check file (default: the page's language).

    Errors name the file, item and field.
    """
    path = (folder or selfcheck_dir()) / f"{module_id}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    known = {o.id for o in module(module_id).objectives}
    items = []
    for n, raw in enumerate(data.get("items", []), start=1):
        where = f"{path}, item {n} ({raw.get('id', 'no id')})"
        options = raw.get("options") or {}
        if sorted(options) != list(LETTERS):
            raise ValueError(f"{where}, field 'options': give exactly four options A, B, C, D")
        if raw.get("answer") not in options:
            raise ValueError(f"{where}, field 'answer': must be one of A, B, C, D")
        if raw.get("objective") not in known:
            raise ValueError(f"{where}, field 'objective': {raw.get('objective')!r} is not an "
                             f"objective of {module_id} in {OBJECTIVES_FILE.name}")
        if (problem := level_problem(raw.get("level"))) is not None:
            raise ValueError(f"{where}, {problem}")
        items.append(SelfCheckItem(raw["id"], raw["objective"], raw["question"].strip(),
                                   {k: str(v) for k, v in options.items()}, raw["answer"],
                                   raw["explanation"].strip(), raw["level"]))
    if not items:
        raise ValueError(f"{path}: no items")
    return items


def selfcheck_html(module_id: str, *, answer_label: str | None = None,
                   answer_word: str | None = None) -> str:
    """The quiz as plain HTML: options listed, each answer behind a ``<details>``, no script.

    The two words around each answer come from ``curriculum.selfcheck`` in the string catalogue
    unless given, and so does the label that tells the learner what each item asks of them
    (recall a fact, apply it to a case, read a table).
    """
    if answer_label is None:
        answer_label = strings.text("curriculum.selfcheck.answer_label")
    if answer_word is None:
        answer_word = strings.text("curriculum.selfcheck.answer_word")
    parts = ['<ol class="rcm-selfcheck">']
    for item in load_selfcheck(module_id):
        options = "".join(f"<li><strong>{k}.</strong> {html.escape(v)}</li>"
                          for k, v in item.options.items())
        parts.append(
            f'<li id="{html.escape(item.id)}"><p><em class="rcm-level">'
            f'{html.escape(strings.text("curriculum.selfcheck.level." + item.level))}</em> '
            f'{html.escape(item.question)}</p>'
            f'<ul class="rcm-options">{options}</ul>'
            f"<details><summary>{html.escape(answer_label)}</summary><p><strong>"
            f"{html.escape(answer_word)}: {item.answer}.</strong> {html.escape(item.explanation)}"
            "</p></details></li>")
    parts.append("</ol>")
    return "".join(parts)


def show_objectives(module_id: str) -> object:
    """Display helper for notebooks: ``curriculum.show_objectives("M1")``."""
    from IPython.display import HTML

    return HTML(objectives_html(module_id))


def show_selfcheck(module_id: str) -> object:
    """Display helper for notebooks: ``curriculum.show_selfcheck("M1")``."""
    from IPython.display import HTML

    return HTML(selfcheck_html(module_id))
