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
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

from migration_course.core.bank import ASSIGNMENTS, Bank, KnowledgeItem, SurveyItem

TITLES = {"pre": "Questionnaire before the programme", "post": "Questionnaire after the programme"}
SECTION_TITLES = {
    "expectations": "Your expectations",
    "satisfaction": "Your opinion of the programme",
    "intended_use": "Using what you learned",
}
RUNTIME = Path(__file__).with_name("form_runtime.py")


def answers_file(assignment: str) -> str:
    """Name of the JSON file the form writes beside the notebook."""
    return f"{assignment}_answers.json"


def notebook_name(assignment: str) -> str:
    """The one notebook file of an assignment."""
    return f"{assignment}.ipynb"


def build_notebook(bank: Bank, phase: str) -> NotebookNode:
    """Return the nbgrader source notebook of one questionnaire (``pre`` or ``post``)."""
    assignment = ASSIGNMENTS[phase]
    items = bank.items_for(phase)
    cells = [_md("instructions", _instructions(phase, assignment, len(items))),
             _code("form_setup", _setup_source(assignment, bank.kinds(phase)), hidden=True)]
    knowledge = [i for i in items if isinstance(i, KnowledgeItem)]
    cells.append(_md("knowledge_intro", "## Part 1: What you know\n\n"
                     "Choose **one** answer for each question. If you are not sure, choose the "
                     "answer you think is most likely: there is no penalty for a wrong answer."))
    module = ""
    for n, item in enumerate(knowledge, start=1):
        if item.module != module:
            module = item.module
            m = bank.module(module)
            cells.append(_md(f"{module}_heading", f"### Module {m.number}: {m.title}"))
        cells.append(_md(f"{item.id}_question", f"**Question {n}.** {item.question}"))
        cells.append(_knowledge_cell(item))
    part = 2
    for section in ("expectations", "satisfaction", "intended_use"):
        survey = [i for i in items if isinstance(i, SurveyItem) and i.section == section]
        if not survey:
            continue
        cells.append(_md(f"{section}_intro", f"## Part {part}: {SECTION_TITLES[section]}\n\n"
                         "There are no right or wrong answers here; nothing in this part is "
                         "scored."))
        part += 1
        for item in survey:
            cells.append(_md(f"{item.id}_question", f"**{item.question}**"))
            cells.append(_code(item.id, _survey_call(item), hidden=True))
    cells.append(_md("check_intro", "## Last step: check that your answers are saved\n\n"
                     "Click in the cell below and press **Shift + Enter**. It tells you how many "
                     "questions are answered and which are missing. Then save the notebook "
                     "(**File → Save**) and submit it as your instructor explained."))
    cells.append(_code("check_saved", "check()", hidden=False))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return nb


def write_sources(bank: Bank, dest: Path) -> list[Path]:
    """Write both source notebooks under ``dest/<assignment>/``; return their paths.

    ``dest`` is the ``source/`` folder of the course that owns ``bank``
    (:attr:`migration_course.core.course.Course.source_dir`), so a private key is only ever
    written into its own private course folder.
    """
    written = []
    for phase, assignment in ASSIGNMENTS.items():
        path = Path(dest) / assignment / notebook_name(assignment)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(build_notebook(bank, phase)), encoding="utf-8")
        written.append(path)
    return written


def render(nb: NotebookNode) -> str:
    """Serialise deterministically (sorted keys, fixed indent, final newline)."""
    nbformat.validate(nb)
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _instructions(phase: str, assignment: str, n_items: int) -> str:
    when = ("before the programme starts" if phase == "pre"
            else "after the last virtual session")
    return f"""# {TITLES[phase]}

This questionnaire is answered {when}. It has {n_items} questions and takes about 20 minutes.
You do **not** need to write any code.

**How to answer**

1. Open the menu **Run** and choose **Run All Cells**. Wait a few seconds until the answer
   buttons appear under each question.
2. Click your answer under each question. Each click is **saved at once** in the file
   `{answers_file(assignment)}`, next to this notebook ("✔ Saved" appears under the question).
   You can change an answer at any time by clicking another one.
3. For written answers, type in the box and then click anywhere outside the box to save.
4. At the end, run the **last step** to check that everything is saved.
5. Save the notebook (**File → Save**) and submit it: on JupyterHub with the **Submit** button
   of the Assignments tab; if you received this notebook by e-mail, send back **both** this
   notebook and the file `{answers_file(assignment)}`.

If the answer buttons do not appear, the page explains how to type your answer instead,
for example `record("K-M1-01", "B")`. You can close the notebook and come back later:
your saved answers reappear when you run all cells again.

Your answers are used to measure what the programme teaches and to improve it. Results are
reported by country and for the whole group; your name is never shown next to your answers."""


def _setup_source(assignment: str, kinds: dict[str, str]) -> str:
    return (RUNTIME.read_text(encoding="utf-8").rstrip() + "\n\n"
            f"ANSWERS_FILE = {answers_file(assignment)!r}\n"
            f"ITEMS = {json.dumps(kinds)}\n")


def _knowledge_cell(item: KnowledgeItem) -> NotebookNode:
    options = json.dumps(item.options, ensure_ascii=False, indent=4)
    source = (f'choice("{item.id}", {options})\n'
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
    """Notebooks in ``dest`` that differ from what ``bank`` generates now."""
    with tempfile.TemporaryDirectory() as tmp:
        stale = []
        for fresh in write_sources(bank, Path(tmp)):
            current = Path(dest) / fresh.relative_to(tmp)
            if not current.exists() or current.read_bytes() != fresh.read_bytes():
                stale.append(str(current))
        return stale
