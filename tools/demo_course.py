"""The public demonstration course (``assessments/``), as the tools and the tests open it.

Product code never falls back to it: every command is given a course folder. Tools and tests
that need "the" bank or rules mean this course's, and say so by importing them from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from migration_course.core.bank import Bank
from migration_course.core.completion import Completion
from migration_course.core.course import Course
from migration_course.core.paths import DEMO_COURSE, OBJECTIVES_FILE

DEMO = Course.open(DEMO_COURSE)
BANK_FILE = DEMO.bank_file
COMPLETION_FILE = DEMO.completion_file
SOURCE_DIR = DEMO.source_dir


def demo_bank() -> Bank:
    """The demonstration course's question bank (its key is public)."""
    return DEMO.bank


def demo_completion() -> Completion:
    """The demonstration course's sessions and certificate rules."""
    return DEMO.completion


def edited_bank(folder: Path, edit: Callable[[dict], object]) -> Path:
    """A copy of the demonstration bank in ``folder``, changed by ``edit``: for tests of bad banks."""
    data = yaml.safe_load(BANK_FILE.read_text(encoding="utf-8"))
    data["objectives_file"] = str(OBJECTIVES_FILE)
    edit(data)
    path = Path(folder) / "questions.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
