"""``rcm-course course new|show``: make a private course folder, and say what a folder holds.

A real cohort's course folder holds its answer key and, later, personal data. It is made once,
outside any public repository, from the demonstration course (or another course as template),
optionally with a private bank; every later command is pointed at it with ``--course`` or
``$RCM_COURSE_DIR``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

from migration_course.cli.options import add_course_options, course_from
from migration_course.core.bank import load_bank
from migration_course.core.course import BANK_FILE, Course
from migration_course.core.errors import UserError
from migration_course.core.paths import DEMO_COURSE, REPO_ROOT
from migration_course.questionnaire.notebook import write_sources


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``course`` command group."""
    p = sub.add_parser("course", help="make a course folder; show what a course folder holds")
    csub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    new = csub.add_parser("new", help="a new course folder from the demonstration course")
    new.add_argument("folder", type=Path, help="where to make it (outside any public repository)")
    new.add_argument("--bank", type=Path, help="a private question bank to use instead of the "
                                               "demonstration bank (copied into the folder)")
    new.add_argument("--template", type=Path, default=DEMO_COURSE,
                     help="course folder to copy settings from (default: assessments/)")
    new.set_defaults(func=_new)
    show = add_course_options(csub.add_parser("show", help="the files of a course folder"))
    show.set_defaults(func=_show)


def tracked_by_public_repo(folder: Path) -> bool:
    """True when files in ``folder`` could be committed to this public repository.

    A folder outside the repository is safe; inside it, only a folder git ignores is.
    """
    folder = folder.resolve()
    if not folder.is_relative_to(REPO_ROOT):
        return False
    probe = folder / BANK_FILE
    ignored = subprocess.run(["git", "check-ignore", "-q", str(probe)], cwd=REPO_ROOT,
                             capture_output=True, check=False)
    return ignored.returncode != 0


def _new(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    if folder.exists() and any(folder.iterdir()):
        raise UserError(f"{folder} exists and is not empty; choose a new folder")
    if tracked_by_public_repo(folder):
        raise UserError(f"{folder} is inside the public repository {REPO_ROOT}, where its answer "
                        "key could be committed; make the course folder outside it")
    bank = load_bank(args.bank) if args.bank else None  # a broken bank stops here, nothing made
    course = Course.create(folder, args.template)
    if args.bank:
        shutil.copy2(args.bank, course.bank_file)
        shutil.rmtree(course.source_dir, ignore_errors=True)
        write_sources(course.bank, course.source_dir)
    what = f"the bank {args.bank}" if bank else f"the bank of {args.template}"
    print(f"made the course folder {course.root} with {what}\n"
          f"next: export RCM_COURSE_DIR={course.root}  (or pass --course {course.root}), then "
          "`rcm-course roster import LISTS…`")
    return 0


def _show(args: argparse.Namespace) -> int:
    course = course_from(args)
    bank = course.bank
    print(f"course folder   {course.root}\n"
          f"question bank   {course.bank_file} ({len(bank.knowledge)} knowledge items, "
          f"fingerprint {bank.fingerprint})\n"
          f"rules           {course.completion_file} ({len(course.completion.sessions)} sessions)\n"
          f"source          {course.source_dir}\n"
          f"private outputs {course.private}")
    return 0
