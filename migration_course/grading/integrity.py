"""Cross-check nbgrader's scores against the answers read as data, and read the notebook's edits.

nbgrader executes a scrubbed folder (the released notebook and the intake copy of the answers,
:mod:`migration_course.grading.intake`), so its score must equal the one computed from the
answers file; any disagreement means something is wrong in the pipeline and is flagged. The
participant's own notebook is only read as JSON, to list the cells they added, deleted or
edited: an attempt the instructor should see, although it can no longer change a score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import MissingEntry

from migration_course.core.course import Course
from migration_course.questionnaire.answers import StaticAnswers


@dataclass
class Integrity:
    """Per-student cross-check: nbgrader's per-item scores and what disagrees."""

    nbgrader_scores: dict[str, float] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)
    notebook_changes: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """True when the instructor should look at this submission."""
        return bool(self.disagreements)


def nbgrader_item_scores(course: Course, assignment: str, student: str) -> dict[str, float]:
    """Score of every graded cell (= knowledge item) as stored in the real gradebook."""
    with course.gradebook() as gb:
        try:
            sub = gb.find_submission(assignment, student)
        except MissingEntry:
            return {}
        return {g.name: float(g.score) for nb in sub.notebooks for g in nb.grades}


def cross_check(course: Course, assignment: str, student: str, static: StaticAnswers) -> Integrity:
    """Compare nbgrader's scores with the static ones (they must agree on a scrubbed notebook)."""
    result = Integrity(nbgrader_item_scores(course, assignment, student))
    expected = static.scores(course.bank)
    for item_id, points in expected.items():
        got = result.nbgrader_scores.get(item_id)
        if got is None:
            result.disagreements.append(f"{item_id}: no nbgrader score")
        elif abs(got - points) > 1e-9:
            result.disagreements.append(f"{item_id}: nbgrader {got:g}, answers file {points:g}")
    return result


def notebook_changes(released: Path, submitted: Path) -> list[str]:
    """Cells the participant added, deleted or edited compared with the release (read only)."""
    try:
        theirs = _cells(submitted)
    except (OSError, ValueError):
        return ["submitted notebook unreadable"]
    ours = _cells(released)
    changes = [f"deleted cell {gid}" for gid in ours if gid not in theirs]
    changes += [f"edited locked cell {gid}" for gid, src in ours.items()
                if gid in theirs and theirs[gid] != src]
    added = [gid for gid in theirs if gid.startswith("added#")]
    if added:
        changes.append(f"added {len(added)} cell(s)")
    return changes


def _cells(path: Path) -> dict[str, str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for n, cell in enumerate(nb.get("cells", [])):
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"added#{n}"
        src = cell.get("source", "")
        out[gid] = "".join(src) if isinstance(src, list) else str(src)
    return out
