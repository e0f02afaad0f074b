"""``rcm-course``: the instructors' command line.

Each command group lives in its own module that exposes ``register(subparsers)``; this file
only lists those modules. To add reports, attendance or certificates later, write
``migration_course/<area>/commands.py`` with a ``register`` function and add it to
``COMMAND_MODULES``: nothing else changes.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = (
    "migration_course.questionnaire.commands",
    "migration_course.grading.commands",
    "migration_course.attendance.commands",
    "migration_course.report.commands",
    "migration_course.certificates.commands",
)


class UserError(Exception):
    """A problem the instructor can fix; printed without a traceback."""


def build_parser() -> argparse.ArgumentParser:
    """The full parser, assembled from every command module."""
    parser = argparse.ArgumentParser(
        prog="rcm-course",
        description="Tools of the RCM Migration Policy Training Program (questionnaires, "
                    "grading). Every step is plain nbgrader underneath.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rcm-course`` script; returns the exit status."""
    from migration_course.csvfiles import RecordFileError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (UserError, RecordFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    # `python -m migration_course.cli`: run the imported module's main, so that the commands'
    # UserError is this same class and is printed as a message, not a traceback.
    from migration_course.cli import main as _main

    sys.exit(_main())
