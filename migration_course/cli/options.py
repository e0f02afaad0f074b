"""The options every instructor command shares, and the course folder they name.

Grading, attendance, certificates and the report all work on one course folder; choosing it
here, once, keeps ``--course`` meaning the same thing in every command. The folder carries its
own bank and rules (:class:`~migration_course.core.course.Course`), so no other option or
environment variable can make a command score or certify with another course's key.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from migration_course.core.course import Course
from migration_course.core.errors import UserError
from migration_course.core.paths import DEMO_COURSE

COURSE_ENV = "RCM_COURSE_DIR"
# Read by earlier versions; a shell that still sets it expects its private bank to be used.
RETIRED_BANK_ENV = "RCM_QUESTION_BANK"


def add_course_options(p: argparse.ArgumentParser, *, grading: bool = False
                       ) -> argparse.ArgumentParser:
    """``--course`` always; nbgrader's ``--exchange`` and ``--timeout`` on request."""
    p.add_argument("--course", type=Path,
                   help=f"course folder (default: ${COURSE_ENV}, else the public demonstration "
                        "course assessments/)")
    if grading:
        p.add_argument("--exchange", type=Path, default=os.environ.get("NBGRADER_EXCHANGE"),
                       help="nbgrader exchange (default: $NBGRADER_EXCHANGE)")
        p.add_argument("--timeout", type=int, help="per-cell time limit in seconds")
    return p


def course_root(args: argparse.Namespace) -> Path:
    """The folder ``--course`` or ``$RCM_COURSE_DIR`` names, else the demonstration course."""
    if os.environ.get(RETIRED_BANK_ENV):
        raise UserError(
            f"{RETIRED_BANK_ENV} is set, but a bank is no longer chosen separately: each course "
            "folder holds its own (bank/questions.yml). Make the private course once with "
            f"`rcm-course course new DIR --bank ${RETIRED_BANK_ENV}`, then `unset "
            f"{RETIRED_BANK_ENV}` and use --course DIR (or {COURSE_ENV}=DIR)")
    named = args.course or os.environ.get(COURSE_ENV)
    return Path(named) if named else DEMO_COURSE


def course_from(args: argparse.Namespace) -> Course:
    """The course the options name, with nbgrader's run-time settings."""
    root = course_root(args)
    timeout = getattr(args, "timeout", None)
    course = Course.open(root, getattr(args, "exchange", None),
                         {"Execute.timeout": timeout} if timeout else {})
    if course.root == DEMO_COURSE.resolve():
        print(f"course: the public demonstration course ({DEMO_COURSE}); its answer key is "
              "public. For a real cohort use --course DIR.", file=sys.stderr)
    return course
