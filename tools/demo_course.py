"""The public demonstration course (``assessments/``), as the tools and the tests open it.

Product code never falls back to it: every command is given a course folder. Tools and tests
that need "the" bank or rules mean this course's, and say so by importing them from here.
"""

from __future__ import annotations

from migration_course.core.bank import Bank
from migration_course.core.completion import Completion
from migration_course.core.course import Course
from migration_course.core.paths import DEMO_COURSE

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
