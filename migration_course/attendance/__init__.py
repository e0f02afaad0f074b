"""Attendance at the live events: import Zoom / Teams reports, match them to the roster.

``readers`` parses the platforms' real exports, ``match`` ties rows to participant IDs,
``minutes`` merges each person's connections, ``store`` keeps one private CSV per session
(read back by :func:`migration_course.attendance.store.load_attendance` for eligibility).
"""

from migration_course.attendance.store import load_attendance

__all__ = ["load_attendance"]
