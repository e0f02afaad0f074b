"""Check (and where it is safe, repair) each collected submission before nbgrader sees it.

Why: one unreadable notebook makes ``nbgrader autograde`` abort that participant, exit 1 for
the whole run, and later export them as 0.0, indistinguishable from a real zero. Checking
first lets us grade everyone else, and record a precise reason for the one we could not grade.

Repairs are limited to what cannot change an answer: a renamed notebook gets its expected
name, a UTF-16 or Windows-1252 notebook is re-encoded as UTF-8, huge outputs are dropped
(nbgrader clears outputs before it executes anyway). The original always remains in the
exchange inbound folder or in the e-mail inbox it came from.
"""

from __future__ import annotations

import copy
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode

from migration_course.core.textfiles import decode_text
from migration_course.questionnaire.notebook import answers_file, notebook_name

HUGE_NOTEBOOK_BYTES = 5_000_000
# nbgrader writes the first two itself; the others are editor leftovers.
IGNORED = {"timestamp.txt", "submission_secret.txt", ".ipynb_checkpoints", ".DS_Store"}


@dataclass
class Preflight:
    """Outcome for one submission: can it be graded, why not, and what was repaired."""

    student: str
    ok: bool
    reason: str = ""
    notes: list[str] = field(default_factory=list)


def check_submission(folder: Path, assignment: str, release: Path | None = None) -> Preflight:
    """Inspect one ``submitted/<student>/<assignment>`` folder; repair safe problems in place.

    ``release`` is the released notebook: cells the participant deleted are put back from it.
    """
    folder = Path(folder)
    result = Preflight(folder.parent.name, ok=True)
    expected = folder / notebook_name(assignment)
    if not expected.exists():
        others = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
        if len(others) != 1:
            found = ", ".join(p.name for p in others) or "no notebook at all"
            return Preflight(result.student, False,
                             f"notebook {expected.name} missing ({found}); ask the participant "
                             "to send the questionnaire notebook")
        others[0].replace(expected)
        result.notes.append(f"notebook was named {others[0].name!r}; renamed to {expected.name}")
    data = expected.read_bytes()
    text, encoding = decode_text(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # cells added by participants may lack IDs
            nb = nbformat.reads(text, as_version=4)
    except (ValueError, json.JSONDecodeError, nbformat.reader.NotJSONError) as exc:
        first = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        return Preflight(result.student, False,
                         f"{expected.name} is not a valid notebook ({first}); the file is "
                         "damaged: ask the participant to send it again", result.notes)
    rewrite = False
    if release is not None:
        restored = restore_deleted_cells(nb, nbformat.read(release, as_version=4))
        if restored:
            result.notes.append("deleted cell " + ", ".join(restored) + " restored from the "
                                "release")
            rewrite = True
    if encoding != "UTF-8":
        result.notes.append(f"notebook was saved as {encoding}; re-encoded as UTF-8")
        rewrite = True
    if len(data) > HUGE_NOTEBOOK_BYTES:
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
        result.notes.append(f"notebook was {len(data) / 1e6:.0f} MB of outputs; outputs "
                            "removed before grading")
        rewrite = True
    if rewrite:
        expected.write_text(nbformat.writes(nb), encoding="utf-8")
    extra = sorted(p.name for p in folder.iterdir()
                   if p.name not in {expected.name, answers_file(assignment), *IGNORED})
    if extra:
        result.notes.append("extra files ignored: " + ", ".join(extra[:10]))
    return result


def restore_deleted_cells(nb: NotebookNode, released: NotebookNode) -> list[str]:
    """Put back every nbgrader cell missing from ``nb``, after its predecessor; return IDs.

    nbgrader's own ``add_missing_cells`` assumes the cell before a grade cell is also a grade
    or solution cell, and crashes (KeyError) on our layout, where a question's Markdown cell
    precedes it. Restoring here keeps every question in place and nbgrader never sees a gap.
    """
    def gid(cell: NotebookNode) -> str | None:
        return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")

    restored = []
    previous: str | None = None
    for cell in released.cells:
        current = gid(cell)
        present = [gid(c) for c in nb.cells]
        if current and current not in present:
            at = present.index(previous) + 1 if previous in present else 0
            nb.cells.insert(at, copy.deepcopy(cell))
            restored.append(current)
        previous = current or previous
    return restored
