"""The bad submissions the pipeline must survive, each with the outcome it must get.

No participant code is ever run (the notebook nbgrader executes is the released one), so a
notebook that loops, forges equality or tries to read the key is graded from its answers file
and flagged; only a missing or broken answers file fails.

Used by ``grade-demo`` (some synthetic participants hand these in) and by the tests, which
check that each gets its expected status and reason while everyone else is graded normally.
Each ``mutate`` acts on a participant's assignment folder after they answered, before submit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from migration_course.questionnaire.notebook import answers_file, notebook_name


@dataclass(frozen=True)
class BadInput:
    """A kind of bad submission and the status/reason (or flag/note) it must produce."""

    name: str
    mutate: Callable[[Path, str], None]
    status: str
    expect: str  # a substring of the reason, a flag or a note


def _nb(folder: Path, assignment: str) -> tuple[Path, dict]:
    path = folder / notebook_name(assignment)
    return path, json.loads(path.read_text(encoding="utf-8"))


def _save(path: Path, nb: dict, encoding: str = "utf-8") -> None:
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding=encoding, errors="replace")


def _add_code(folder: Path, assignment: str, source: str, at: int = 2) -> None:
    path, nb = _nb(folder, assignment)
    nb["cells"].insert(at, {"cell_type": "code", "execution_count": None, "metadata": {},
                            "outputs": [], "source": source})
    _save(path, nb)


def invalid_json(folder: Path, assignment: str) -> None:
    """The notebook file was cut short (a crashed upload or a half-saved file)."""
    path = folder / notebook_name(assignment)
    path.write_text(path.read_text(encoding="utf-8")[:5000], encoding="utf-8")


def edited_and_deleted_locked(folder: Path, assignment: str) -> None:
    """A question cell deleted and another question's text edited."""
    path, nb = _nb(folder, assignment)
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in nb["cells"]]
    del nb["cells"][ids.index("K-M1-01")]
    for c in nb["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == "K-M1-02_question":
            c["source"] = "I changed this question."
    _save(path, nb)


def endless_loop(folder: Path, assignment: str) -> None:
    """An added cell that never ends (but can be interrupted)."""
    _add_code(folder, assignment, "while True:\n    pass")


def loop_ignoring_sigint(folder: Path, assignment: str) -> None:
    """An added cell that ignores the interrupt nbgrader sends at the timeout."""
    _add_code(folder, assignment, "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                  "while True:\n    pass")


def forged_equality(folder: Path, assignment: str) -> None:
    """An added cell making ``answer()`` return a str equal to everything."""
    _add_code(folder, assignment,
              "_real_answer = answer\n\n"
              "class Always(str):\n    __hash__ = str.__hash__\n\n"
              "    def __eq__(self, other):\n        return True\n\n"
              "def answer(item_id):\n    return Always(_real_answer(item_id) or '')", at=3)


# Where the hostile cell below leaves its traces if it ever runs: tests check they never appear.
EXFILTRATION_MARKER = "rcm-exfiltrated.txt"


def exfiltrating_cell(folder: Path, assignment: str) -> None:
    """The attack of issue 11: read secrets, rewrite the answers, leave a process behind.

    Run with the instructor's rights it would copy the course folder's bank and roster into a
    file beside the submissions, set every answer to the key, and start a background process.
    """
    _add_code(folder, assignment,
              "import glob, json, os, subprocess, sys\n"
              f"marker = os.path.join(os.path.expanduser('~'), {EXFILTRATION_MARKER!r})\n"
              "found = glob.glob('../../../**/questions.yml', recursive=True)\n"
              "found += glob.glob('../../../**/*.roster.csv', recursive=True)\n"
              "open(marker, 'w').write('\\n'.join(open(p).read() for p in found))\n"
              f"path = {answers_file(assignment)!r}\n"
              "data = json.load(open(path))\n"
              "data['answers'] = {k: 'A' for k in data['answers']}\n"
              "json.dump(data, open(path, 'w'))\n"
              "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])", at=3)


def huge_outputs(folder: Path, assignment: str) -> None:
    """The saved notebook carries megabytes of printed output."""
    path, nb = _nb(folder, assignment)
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x" * 6_000_000}]
    _save(path, nb)


def utf16_notebook(folder: Path, assignment: str) -> None:
    """The notebook re-saved as UTF-16 by another editor."""
    path, nb = _nb(folder, assignment)
    _save(path, nb, "utf-16")


def windows1252_notebook(folder: Path, assignment: str) -> None:
    """The notebook re-saved as Windows-1252, with an accented note added by the participant."""
    path, nb = _nb(folder, assignment)
    nb["cells"].append({"cell_type": "markdown", "metadata": {},
                        "source": "Comentario: la información es útil."})
    _save(path, nb, "cp1252")


def extra_files(folder: Path, assignment: str) -> None:
    """A photo, a text note and a stray copy of the notebook handed in too."""
    (folder / "photo.jpg").write_bytes(bytes(range(256)) * 400)
    (folder / "notes.txt").write_text("borrador", encoding="utf-8")
    (folder / "old").mkdir()
    (folder / "old" / "draft.txt").write_text("x", encoding="utf-8")


def renamed_notebook(folder: Path, assignment: str) -> None:
    """The notebook saved under another name ("... (1).ipynb")."""
    path = folder / notebook_name(assignment)
    path.rename(folder / f"{assignment} (1).ipynb")


def missing_notebook(folder: Path, assignment: str) -> None:
    """Only the answers file handed in."""
    (folder / notebook_name(assignment)).unlink()


def missing_answers(folder: Path, assignment: str) -> None:
    """Only the notebook handed in (typical of an e-mail reply with one attachment)."""
    (folder / answers_file(assignment)).unlink()


def damaged_answers(folder: Path, assignment: str) -> None:
    """The answers file edited by hand and broken."""
    path = folder / answers_file(assignment)
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")


def tampered_answer_values(folder: Path, assignment: str) -> None:
    """Answers edited by hand to values the form never writes."""
    path = folder / answers_file(assignment)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"].update({"K-M1-01": ["A", "B"], "K-M1-02": "b ", "Z-99": "x"})
    path.write_text(json.dumps(data), encoding="utf-8")


CATALOGUE: tuple[BadInput, ...] = (
    BadInput("invalid_json", invalid_json, "graded", "not a valid notebook"),
    BadInput("edited_and_deleted_locked", edited_and_deleted_locked, "graded",
             "deleted cell K-M1-01"),
    BadInput("endless_loop", endless_loop, "graded", "added 1 cell"),
    BadInput("loop_ignoring_sigint", loop_ignoring_sigint, "graded", "added 1 cell"),
    BadInput("forged_equality", forged_equality, "graded", "added 1 cell"),
    BadInput("exfiltrating_cell", exfiltrating_cell, "graded", "added 1 cell"),
    BadInput("huge_outputs", huge_outputs, "graded", "outputs removed"),
    BadInput("utf16_notebook", utf16_notebook, "graded", "UTF-16"),
    BadInput("windows1252_notebook", windows1252_notebook, "graded", "Windows-1252"),
    BadInput("extra_files", extra_files, "graded", "extra files ignored"),
    BadInput("renamed_notebook", renamed_notebook, "graded", "renamed"),
    BadInput("missing_notebook", missing_notebook, "graded", "missing"),
    BadInput("missing_answers", missing_answers, "failed", "no answers saved"),
    BadInput("damaged_answers", damaged_answers, "failed", "not valid JSON"),
    BadInput("tampered_answer_values", tampered_answer_values, "graded", "invalid answer"),
)
BY_NAME = {b.name: b for b in CATALOGUE}
