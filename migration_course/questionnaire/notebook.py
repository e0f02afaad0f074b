"""Generate the nbgrader source notebooks of the pre- and post-questionnaire from the bank.

The notebooks are committed (nbgrader needs .ipynb with cell metadata) but never edited by
hand: ``rcm-course questionnaire generate`` rewrites them and a test fails when they are stale.
Output is deterministic (fixed cell IDs, sorted keys) so a regeneration without bank changes
is a no-op in git.

Layout for participants: plain-language instructions, then one question per block (question
text in a Markdown cell, the clickable form in a code cell whose code is hidden), then a check
that says what is saved. Every cell is read-only (nbgrader "locked"); each knowledge item's
form cell is also the nbgrader test cell, carrying the key inside a HIDDEN TESTS region, which
nbgrader strips from the release and our feedback configuration strips from the feedback.

Every word a participant reads comes from the string catalogue
(``migration_course/strings/<language>/questionnaire.yml``): the Markdown cells through
:class:`NotebookLabels`, and the form's messages as a ``TEXT`` dict written into the setup
cell, because the form runs in the participant's kernel, where this package is not installed.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import nbformat
from nbformat.notebooknode import NotebookNode

from migration_course.core import strings
from migration_course.core.bank import ASSIGNMENTS, Bank, KnowledgeItem, SurveyItem
from migration_course.core.bank_translation import languages, translated
from migration_course.core.strings import DEFAULT_LANGUAGE, FROM_CATALOGUE, Labels

RUNTIME = Path(__file__).with_name("form_runtime.py")
SURVEY_SECTIONS = ("expectations", "satisfaction", "intended_use")  # in the order of the parts


@dataclass(frozen=True)
class NotebookLabels(Labels):
    """The words of the notebook's Markdown cells (``questionnaire.notebook`` in the catalogue)."""

    SECTION: ClassVar[str] = "questionnaire.notebook"
    title: dict[str, str] = FROM_CATALOGUE  # by phase
    when: dict[str, str] = FROM_CATALOGUE  # by phase
    instructions: str = FROM_CATALOGUE
    part: str = FROM_CATALOGUE
    knowledge_title: str = FROM_CATALOGUE
    knowledge_intro: str = FROM_CATALOGUE
    module: str = FROM_CATALOGUE
    question: str = FROM_CATALOGUE
    survey_titles: dict[str, str] = FROM_CATALOGUE  # by survey section (not "sections": a method)
    survey_intro: str = FROM_CATALOGUE
    check_title: str = FROM_CATALOGUE
    check_intro: str = FROM_CATALOGUE


def form_text(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The form's messages in ``language``, unfilled: the form fills ``{fields}`` as it runs."""
    return strings.catalogue(language).section("questionnaire.form")


def answers_file(assignment: str) -> str:
    """Name of the JSON file the form writes beside the notebook."""
    return f"{assignment}_answers.json"


def notebook_name(assignment: str) -> str:
    """The graded notebook of an assignment (English: the one nbgrader grades)."""
    return f"{assignment}.ipynb"


def notebook_path(assignment: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Where the questionnaire in ``language`` is inside the assignment: ``es/pre_questionnaire.ipynb``.

    Why a sub-folder: nbgrader grades the notebooks at the top of an assignment and copies
    everything else as it is, so a translation in ``es/`` reaches every participant in the
    release without becoming a second graded notebook (which would count every point twice).
    Both write the same answers file, and grading reads that file with the trusted English
    notebook (:mod:`migration_course.grading.intake`), so the language a participant answered in
    never changes their score.
    """
    name = notebook_name(assignment)
    return name if language == DEFAULT_LANGUAGE else f"{language}/{name}"


def build_notebook(bank: Bank, phase: str, language: str = DEFAULT_LANGUAGE) -> NotebookNode:
    """Return the notebook of one questionnaire (``pre`` or ``post``) in ``language``.

    English is nbgrader's graded source notebook; another language is the same form with the
    words of the bank's translation and no tests (see :func:`notebook_path`).
    """
    assignment = ASSIGNMENTS[phase]
    graded = language == DEFAULT_LANGUAGE
    bank = translated(bank, language)
    items = bank.items_for(phase)
    labels = NotebookLabels(language=language)
    answers = answers_file(assignment) if graded else f"../{answers_file(assignment)}"
    cells = [_md("instructions", _instructions(labels, phase, assignment, len(items))),
             _code("form_setup", _setup_source(answers, bank.kinds(phase), form_text(language)),
                   hidden=True)]
    knowledge = [i for i in items if isinstance(i, KnowledgeItem)]
    cells.append(_md("knowledge_intro", _part(labels, 1, labels.knowledge_title, labels.knowledge_intro)))
    module = ""
    for n, item in enumerate(knowledge, start=1):
        if item.module != module:
            module = item.module
            m = bank.module(module)
            cells.append(_md(f"{module}_heading",
                             "### " + labels.module.format(number=m.number, title=m.title)))
        cells.append(_md(f"{item.id}_question",
                         f"**{labels.question.format(n=n)}** {question_markdown(item)}"))
        cells.append(_knowledge_cell(item) if graded else
                     _code(item.id, _choice_call(item), hidden=True))
    part = 2
    for section in SURVEY_SECTIONS:
        survey = [i for i in items if isinstance(i, SurveyItem) and i.section == section]
        if not survey:
            continue
        cells.append(_md(f"{section}_intro",
                         _part(labels, part, labels.survey_titles[section], labels.survey_intro)))
        part += 1
        for item in survey:
            cells.append(_md(f"{item.id}_question", f"**{item.question}**"))
            cells.append(_code(item.id, _survey_call(item), hidden=True))
    cells.append(_md("check_intro", f"## {labels.check_title}\n\n{labels.check_intro}"))
    cells.append(_code("check_saved", "check()", hidden=False))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return nb


def write_sources(bank: Bank, dest: Path) -> list[Path]:
    """Write both questionnaires, in every language of the bank, under ``dest/<assignment>/``.

    ``dest`` is the ``source/`` folder of the course that owns ``bank``
    (:attr:`migration_course.core.course.Course.source_dir`), so a private key is only ever
    written into its own private course folder.
    """
    written = []
    for phase, assignment in ASSIGNMENTS.items():
        for language in languages(bank):
            path = Path(dest) / assignment / notebook_path(assignment, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(build_notebook(bank, phase, language)), encoding="utf-8")
            written.append(path)
    return written


def render(nb: NotebookNode) -> str:
    """Serialise deterministically (sorted keys, fixed indent, final newline)."""
    nbformat.validate(nb)
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def question_markdown(item: KnowledgeItem) -> str:
    """The question, then the table it asks the participant to read (if any) as Markdown.

    A plain Markdown table, not an image: it reflows on a phone, a screen reader reads it by
    cells, and it costs nothing on a slow link.
    """
    if not item.table:
        return item.question
    header, *body = item.table
    lines = [_table_row(header), "|" + "---|" * len(header), *(_table_row(r) for r in body)]
    return item.question + "\n\n" + "\n".join(lines)


def _table_row(cells: tuple[str, ...]) -> str:
    """One Markdown table row; a ``|`` inside a cell is escaped so it cannot split the cell."""
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _instructions(labels: NotebookLabels, phase: str, assignment: str, n_items: int) -> str:
    body = labels.instructions.format(when=labels.when[phase], n_items=n_items,
                                      answers_file=answers_file(assignment))
    return f"# {labels.title[phase]}\n\n{body}"


def _part(labels: NotebookLabels, n: int, title: str, intro: str) -> str:
    """A part's heading ("Part 2: Your expectations") and the paragraph under it."""
    return f"## {labels.part.format(n=n, title=title)}\n\n{intro}"


def _setup_source(answers: str, kinds: dict[str, str], text: dict[str, str]) -> str:
    """The form's code, then what it needs to know: its words, its answers file, its items.

    ``TEXT`` comes before ``ITEMS``, which stays the last line: readers of the notebook (and its
    tests) find the item list as the JSON after the last ``ITEMS = ``.
    """
    words = json.dumps(text, ensure_ascii=False, indent=1, sort_keys=True)  # JSON strings: Python literals
    return (RUNTIME.read_text(encoding="utf-8").rstrip() + "\n\n"
            f"TEXT = {words}\n"
            f"ANSWERS_FILE = {answers!r}\n"
            f"ITEMS = {json.dumps(kinds)}\n")


def _choice_call(item: KnowledgeItem) -> str:
    return f'choice("{item.id}", {json.dumps(item.options, ensure_ascii=False, indent=4)})'


def _knowledge_cell(item: KnowledgeItem) -> NotebookNode:
    source = (_choice_call(item) + "\n"
              "### BEGIN HIDDEN TESTS\n"
              f'assert answer("{item.id}") == "{item.answer}"\n'
              "### END HIDDEN TESTS")
    cell = _code(item.id, source, hidden=True)
    cell.metadata["nbgrader"].update(grade=True, points=item.points)
    return cell


def _survey_call(item: SurveyItem) -> str:
    if item.kind == "likert":
        return f'likert("{item.id}", {json.dumps(list(item.labels), ensure_ascii=False)})'
    return f'text("{item.id}")'


def _nbgrader_meta(grade_id: str) -> dict:
    return {"grade": False, "grade_id": grade_id, "locked": True, "schema_version": 3,
            "solution": False}


def _md(grade_id: str, text: str) -> NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text, id=grade_id.lower().replace("_", "-"))
    cell.metadata = {"nbgrader": _nbgrader_meta(grade_id), "editable": False, "deletable": False}
    return cell


def _code(grade_id: str, source: str, hidden: bool) -> NotebookNode:
    cell = nbformat.v4.new_code_cell(source, id=grade_id.lower().replace("_", "-"))
    cell.metadata = {"nbgrader": _nbgrader_meta(grade_id), "editable": False, "deletable": False}
    if hidden:
        # Collapsed input in JupyterLab and Notebook 7: participants see only the form.
        cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def stale_sources(bank: Bank, dest: Path) -> list[str]:
    """Notebooks in ``dest`` that differ from what ``bank`` generates now (every language)."""
    with tempfile.TemporaryDirectory() as tmp:
        stale = []
        for fresh in write_sources(bank, Path(tmp)):
            current = Path(dest) / fresh.relative_to(tmp)
            if not current.exists() or current.read_bytes() != fresh.read_bytes():
                stale.append(str(current))
        return stale
