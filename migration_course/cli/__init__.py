"""``rcm-course``: the instructors' command line, the outermost layer of the package.

Each command group is a module of this package with a ``register(subparsers)`` function;
this file imports them by name and builds one parser. The course folder is chosen here, once
(``--course`` or ``$RCM_COURSE_DIR``, see :mod:`migration_course.cli.options`), and passed down;
features never import the command line. Every error a person can fix is a
:class:`~migration_course.core.errors.UserError` and is printed as a message, not a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from migration_course.cli import attendance, certificates, course, grading, hub, questionnaire, report
from migration_course.core.errors import UserError

COMMAND_GROUPS = (course, questionnaire, grading, hub, attendance, report, certificates)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, assembled from every command group."""
    parser = argparse.ArgumentParser(
        prog="rcm-course",
        description="Tools of the RCM Migration Policy Training Program: course folders, "
                    "questionnaires, grading (plain nbgrader underneath), attendance, "
                    "certificates and the report.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rcm-course`` script; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
