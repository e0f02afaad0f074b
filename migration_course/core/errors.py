"""Problems an instructor can fix, and rows of their files that could not be used.

Every error that a person can act on derives from :class:`UserError`, so the command line
prints its message (what is wrong, where, what to do) without a traceback, and a feature never
needs to know how it is being run.
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A problem the instructor can fix; the message says what and where."""


class CourseError(UserError, RuntimeError):
    """A course-level step failed (not one participant); the message says what to do."""


@dataclass(frozen=True)
class RowProblem:
    """A row that was not used: where it is and what to do about it."""

    file: str
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, {self.field}: {self.reason}"
