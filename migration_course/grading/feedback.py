"""Generate feedback that shows points per question and never the answer key.

nbgrader's default feedback includes the hidden tests; our ``nbgrader_config.py`` clears them
and the outputs (a failed assert's traceback quotes its line). This module adds a second
guard: every feedback file is searched for the key before anything can be released, and a
file that leaks is deleted.

Pre and post share their knowledge items, so even points per question hint at the key:
feedback on the PRE questionnaire is refused until the post questionnaire has been collected,
unless the instructor explicitly allows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from migration_course.core.bank import ASSIGNMENTS
from migration_course.core.course import Course
from migration_course.core.errors import CourseError
from migration_course.grading.exchange import find_key_leaks
from migration_course.grading.feedback_words import write_in_participants_languages
from migration_course.grading.pipeline import load_statuses


def generate_feedback(course: Course, assignment: str, allow_before_post: bool = False,
                      release: bool = False) -> list[str]:
    """Write ``feedback/<ID>/<assignment>/`` for every graded participant; return their IDs."""
    if assignment == ASSIGNMENTS["pre"] and not allow_before_post:
        if not course.submitted(ASSIGNMENTS["post"]):
            raise CourseError("Feedback on the pre-questionnaire would hint at the answers of "
                              "the post-questionnaire (same questions). Collect the post "
                              "first, or pass --allow-before-post if you accept that.")
    statuses = load_statuses(course, assignment)
    graded = sorted(s for s, st in statuses.items() if st.status == "graded")
    if graded:  # failed students have no autograded copy (see autograde.forget)
        course.nbgrader("generate_feedback", assignment, "--force")
        if course.roster_file.exists():
            write_in_participants_languages(course, assignment, course.roster(), statuses)
    leaks = check_feedback(course, assignment, graded)
    if leaks:
        raise CourseError("Feedback leaked the answer key and was deleted:\n" + "\n".join(leaks))
    if release and course.exchange is not None:
        # Only hub submissions carry the secret the exchange needs; e-mail participants get
        # their feedback/<ID>/ file by e-mail (see by_email()).
        skip = ",".join(by_email(course, assignment, graded))
        course.nbgrader("release_feedback", assignment,
                        *([f"--CourseDirectory.student_id_exclude={skip}"] if skip else []))
    return graded


def by_email(course: Course, assignment: str, students: Sequence[str]) -> list[str]:
    """Graded participants who did not submit through the hub (feedback goes by e-mail)."""
    return [s for s in students
            if not (course.root / "feedback" / s / assignment / "submission_secret.txt").exists()]


def check_feedback(course: Course, assignment: str, students: Sequence[str]) -> list[str]:
    """Search each student's feedback for the key; delete any file that contains it."""
    leaks = []
    for student in students:
        for path, hit in find_key_leaks(course.root / "feedback" / student / assignment,
                                     course.bank):
            path.unlink()
            leaks.append(f"{path}: {hit}")
    return leaks
