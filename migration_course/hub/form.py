"""The questionnaire as a web form: read from the fetched nbgrader notebook, answered into its file.

Why a form and not the notebook in JupyterLab or Voilà: officials answer on phones over slow
links, and what they need is thirty radio groups, not a kernel, a notebook interface and
several megabytes of JavaScript. The fetched notebook stays the one source of the questions
(read here as data, never executed), and every click is written to the same answers file the
notebook's own form writes (``<assignment>_answers.json``), so nbgrader's submit, collect and
autograde and the static reading of :mod:`migration_course.questionnaire.answers` work
unchanged.
"""

from __future__ import annotations

import ast
import html
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

from migration_course.questionnaire.notebook import answers_file, notebook_name, notebook_path

# Cells the web form replaces with its own words: the notebook's instructions explain Jupyter.
SKIPPED_CELLS = {"instructions", "form_setup", "check_intro", "check_saved"}
FORM_CALLS = {"choice", "likert", "text"}
LETTERS = ("A", "B", "C", "D")
MAX_TEXT_CHARS = 4_000


@dataclass(frozen=True)
class Question:
    """One answerable item of the notebook."""

    item_id: str
    kind: str  # "choice" | "likert" | "text"
    prompt_html: str  # the Markdown cell above it, rendered
    options: tuple[tuple[str, str], ...]  # (value, label); empty for text


@dataclass(frozen=True)
class Heading:
    """A part or module heading (or its introduction) between questions."""

    html: str


@dataclass(frozen=True)
class Form:
    """A questionnaire as the participant sees it."""

    assignment: str
    title: str
    blocks: tuple[Question | Heading, ...]

    @property
    def questions(self) -> list[Question]:
        """The answerable items, in order."""
        return [b for b in self.blocks if isinstance(b, Question)]


def render_markdown(text: str) -> str:
    """Markdown to HTML with any raw HTML shown as text (a fetched copy can be edited).

    Without the notebook's "¶" anchor links: on the form they would only show as a stray
    pilcrow after every part and module heading.
    """
    renderer = IPythonRenderer(escape=False, exclude_anchor_links=True)
    return MarkdownWithMath(renderer=renderer).render(html.escape(text, quote=False))


def read_form(folder: Path, assignment: str, language: str = "en") -> Form:
    """The questions of the fetched notebook in ``folder``, in ``language``, without running its code.

    The translation (``es/pre_questionnaire.ipynb``) asks the same items under the same IDs, so
    the answers saved are the same whichever language a participant reads; a release without
    that language falls back to the graded English notebook.
    """
    path = Path(folder) / notebook_path(assignment, language)
    if not path.is_file():
        path = Path(folder) / notebook_name(assignment)
    nb = json.loads(path.read_text(encoding="utf-8"))
    title, blocks, prompt = assignment, [], None
    for cell in nb.get("cells", []):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        source = "".join(cell.get("source", ""))
        if grade_id == "instructions":
            title = source.splitlines()[0].lstrip("# ").strip() if source else title
        if grade_id in SKIPPED_CELLS:
            continue
        if cell.get("cell_type") == "markdown":
            if prompt is not None:
                blocks.append(Heading(render_markdown(prompt)))
            prompt = source
            continue
        question = _question(source, prompt or "")
        if question is not None:
            blocks.append(question)
            prompt = None
    if prompt is not None:
        blocks.append(Heading(render_markdown(prompt)))
    return Form(assignment, title, tuple(blocks))


def _question(source: str, prompt: str) -> Question | None:
    """The form call in a code cell (``choice("K-M1-01", {...})``), read as literals only."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in tree.body:
        call = node.value if isinstance(node, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id in FORM_CALLS and call.args):
            continue
        try:
            args = [ast.literal_eval(a) for a in call.args]
        except ValueError:
            return None
        kind, item_id = call.func.id, str(args[0])
        if kind == "choice":
            options = tuple((k, f"{k}. {v}") for k, v in dict(args[1]).items())
        elif kind == "likert":
            options = tuple((str(n), f"{n} - {label}") for n, label in enumerate(args[1], 1))
        else:
            options = ()
        return Question(item_id, kind, render_markdown(prompt), options)
    return None


def clean_answer(question: Question, value: str) -> object | None:
    """The value as the answers file stores it, or None if it is not one of the choices."""
    value = str(value)
    if question.kind == "choice":
        letter = value.strip().upper()
        return letter if letter in dict(question.options) else None
    if question.kind == "likert":
        return int(value) if value.strip() in dict(question.options) else None
    return value[:MAX_TEXT_CHARS]


def load_answers(folder: Path, assignment: str) -> dict[str, object]:
    """The answers saved so far (none if the file is missing or damaged)."""
    try:
        data = json.loads((Path(folder) / answers_file(assignment)).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    return answers if isinstance(answers, dict) else {}


def save_answers(folder: Path, assignment: str, updates: dict[str, object]) -> dict[str, object]:
    """Merge ``updates`` into the answers file atomically, in the notebook form's own format.

    Each click sends one item and the file is re-read first, so two tabs open on the same
    questionnaire never undo each other's other answers.
    """
    answers = load_answers(folder, assignment)
    answers.update(updates)
    path = Path(folder) / answers_file(assignment)
    payload = {"answers": answers, "saved_at": datetime.now().isoformat(timespec="seconds")}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True),
                   encoding="utf-8")
    os.replace(tmp, path)
    return answers


def missing(form: Form, answers: dict[str, object]) -> list[int]:
    """The numbers (1-based) of the questions still unanswered."""
    return [n for n, q in enumerate(form.questions, 1) if answers.get(q.item_id) in (None, "")]
