"""Export per-item scores and a status for every participant on the roster.

Two CSV files per questionnaire, keyed by pseudonymous ID only (no names):

- ``<assignment>_scores.csv``: status (graded / failed / missing), reason, verified score,
  nbgrader's score, maximum, one column per knowledge item, flags and notes. A participant who
  could not be graded has an EMPTY score, never 0.
- ``<assignment>_survey.csv``: the Likert and open answers (pre: expectations; post:
  satisfaction and intended use), for the programme's report.

Both are written atomically and neutralised against formula injection: written answers are
the participants' own text (:mod:`migration_course.core.csvfiles`).
"""

from __future__ import annotations

from pathlib import Path

from migration_course.core.bank import PHASE_OF
from migration_course.core.course import Course
from migration_course.core.csvfiles import write_rows
from migration_course.core.participants import read_roster
from migration_course.grading.pipeline import StudentStatus, load_statuses


def export(course: Course, assignment: str, out_dir: Path) -> tuple[Path, Path]:
    """Write the scores and survey CSVs of everyone on the roster; return their paths."""
    bank = course.bank
    statuses = load_statuses(course, assignment)
    people = {p.id: p.country for p in read_roster(course.roster_file)}
    for student in statuses:  # graded but not on the roster: keep them, say so
        people.setdefault(student, "")
    out_dir.mkdir(parents=True, exist_ok=True)
    max_score = sum(k.points for k in bank.knowledge)
    items = [k.id for k in bank.knowledge]
    scores_path = out_dir / f"{assignment}_scores.csv"
    scores = []
    for pid in sorted(people):
        st = statuses.get(pid) or StudentStatus(pid, "missing", "nothing collected")
        graded = st.status == "graded"
        scores.append([pid, people[pid], st.status, st.reason,
                       _num(st.score) if graded else "",
                       _num(st.nbgrader_score) if graded else "", _num(max_score),
                       *[(_num(st.item_scores.get(i)) if graded else "") for i in items],
                       " | ".join(st.flags), " | ".join(st.notes)])
    write_rows(scores_path, ["participant", "country", "status", "reason", "score",
                             "nbgrader_score", "max_score", *items, "flags", "notes"], scores)
    survey = [i.id for i in bank.survey_items(PHASE_OF[assignment])]
    survey_path = out_dir / f"{assignment}_survey.csv"
    answers = [[pid, people[pid], *[st.survey.get(i, "") for i in survey]]
               for pid in sorted(people) if (st := statuses.get(pid)) is not None and st.survey]
    write_rows(survey_path, ["participant", "country", *survey], answers)
    return scores_path, survey_path


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
