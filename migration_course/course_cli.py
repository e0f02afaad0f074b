"""The options every instructor command shares, and what they turn into.

Grading, attendance, certificates and the report all work on one course directory and one
completion file; parsing those options once keeps ``--course`` meaning the same thing in
every command and gives every command the same plain-words errors.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from migration_course.cli import UserError
from migration_course.completion import (
    DEFAULT_COMPLETION,
    Completion,
    CompletionConfigError,
    load_completion,
)
from migration_course.grading.course import ASSESSMENTS, Course
from migration_course.grading.roster import Participant, read_roster


def add_course_options(p: argparse.ArgumentParser, *, grading: bool = False,
                       completion: bool = False) -> argparse.ArgumentParser:
    """``--course`` always; nbgrader's ``--exchange``/``--timeout`` and ``--config`` on request."""
    p.add_argument("--course", type=Path,
                   default=Path(os.environ.get("RCM_COURSE_DIR", ASSESSMENTS)),
                   help="course directory (default: $RCM_COURSE_DIR or assessments/)")
    if grading:
        p.add_argument("--exchange", type=Path, default=os.environ.get("NBGRADER_EXCHANGE"),
                       help="nbgrader exchange (default: $NBGRADER_EXCHANGE)")
        p.add_argument("--timeout", type=int, help="per-cell time limit in seconds")
    if completion:
        p.add_argument("--config", type=Path, default=DEFAULT_COMPLETION,
                       help="sessions and certificate rules (default: assessments/completion.yml)")
    return p


def course_from(args: argparse.Namespace) -> Course:
    """The course directory the options name; an error if it is not one."""
    if not (args.course / "nbgrader_config.py").exists():
        raise UserError(f"{args.course} is not a course directory (no nbgrader_config.py)")
    timeout = getattr(args, "timeout", None)
    overrides = {"Execute.timeout": timeout} if timeout else {}
    return Course(args.course.resolve(), getattr(args, "exchange", None), overrides)


def completion_from(args: argparse.Namespace) -> Completion:
    """The sessions and certificate rules, with every problem in the file as one error."""
    try:
        return load_completion(getattr(args, "config", DEFAULT_COMPLETION))
    except CompletionConfigError as exc:
        raise UserError(str(exc)) from None


def roster_from(course: Course) -> list[Participant]:
    """The imported roster; an error saying what to run when there is none yet."""
    roster = read_roster(course.roster_file)
    if not roster:
        raise UserError(f"no roster in {course.roster_file}; run `rcm-course roster import` "
                        "first")
    return roster
