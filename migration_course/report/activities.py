"""Attendance at the live sessions and completion of the programme, as aggregate tables.

The report's reader wants to know whether the sessions reached the officials and how many
completed everything; the same rules as the certificates apply (:func:`decide` is reused, not
re-implemented), and only counts leave this module, never who.
"""

from __future__ import annotations

import statistics
from collections import Counter

import pandas as pd

from migration_course.certificates.eligibility import decide
from migration_course.core.completion import Completion
from migration_course.report.gain import Cohort


def sessions_table(cohort: Cohort, attendance: dict[str, dict[str, float]],
                   completion: Completion) -> pd.DataFrame:
    """Per live session: threshold, how many of the roster were present, median minutes."""
    roster = [p.id for p in cohort.roster]
    rows = []
    for s in completion.sessions:
        minutes = attendance.get(s.id)
        threshold = completion.min_minutes(s.id)
        row: dict[str, object] = {"session": s.title, "date": s.date.isoformat(),
                                  "scheduled_min": s.scheduled_minutes,
                                  "threshold_min": threshold}
        if minutes is None:
            row.update(present=None, present_pct=None, median_min_connected=None,
                       note="attendance not imported yet")
        else:
            present = sum(minutes.get(pid, 0.0) >= threshold for pid in roster)
            connected = [m for pid, m in minutes.items() if pid in set(roster) and m > 0]
            row.update(present=present,
                       present_pct=round(100 * present / len(roster), 1) if roster else None,
                       median_min_connected=(round(statistics.median(connected), 1)
                                             if connected else None), note="")
        rows.append(row)
    return pd.DataFrame(rows)


def completion_table(cohort: Cohort, attendance: dict[str, dict[str, float]],
                     completion: Completion) -> tuple[int, pd.DataFrame]:
    """(participants who completed everything, count of participants held back per reason)."""
    decisions = decide(list(cohort.roster), cohort.post, attendance, completion,
                       cohort.max_score)
    held = Counter(g for d in decisions for g in d.groups)
    table = pd.DataFrame([{"not met": reason, "participants": n}
                          for reason, n in held.most_common()],
                         columns=["not met", "participants"])
    return sum(d.eligible for d in decisions), table
