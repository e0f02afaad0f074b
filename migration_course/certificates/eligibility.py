"""Who has completed ALL activities, and in plain sentences why the others have not.

Pure function of its inputs (roster, post-questionnaire statuses, attendance minutes, the
completion rules): nothing is read from disk here, so every rule can be tested by hand and the
attendance import can be missing, late or replaced without touching this module.

Each reason comes with a *group* (the same reason without the person's numbers) so the command
can say "12 participants: session-2 under 90 minutes" instead of listing 12 different lines.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from migration_course.core.completion import Completion, Session
from migration_course.core.participants import Participant
from migration_course.grading.pipeline import StudentStatus

# Minutes and scores are floats (merged join intervals, fractional points): a value a hair
# under the threshold because of rounding in the sum must still pass.
EPSILON = 1e-9


@dataclass(frozen=True)
class Decision:
    """One participant's verdict; ``reasons`` and ``groups`` are parallel lists."""

    participant: str
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    score: float | None = None


def decide(roster: list[Participant], post: dict[str, StudentStatus],
           attendance: dict[str, dict[str, float]], completion: Completion,
           max_score: float) -> list[Decision]:
    """One decision per roster participant (roster order), with every reason that applies.

    ``attendance`` maps session id -> participant id -> connected minutes; a session missing
    from it has not been imported yet, which is reported as such (not as an absence), because
    the fix is an import by the instructor, not a conversation with the participant.
    """
    decisions = []
    for person in roster:
        status = post.get(person.id)
        pairs = _post_reasons(status, completion.post_min_share, max_score)
        for sid in completion.required_sessions:
            pairs.extend(_session_reasons(person.id, completion.session(sid),
                                          attendance.get(sid), completion.min_minutes(sid)))
        score = status.score if status is not None and status.status == "graded" else None
        decisions.append(Decision(person.id, not pairs, [r for r, _ in pairs],
                                  [g for _, g in pairs], score))
    return decisions


def _post_reasons(status: StudentStatus | None, min_share: float,
                  max_score: float) -> list[tuple[str, str]]:
    if status is None or status.status == "missing":
        return [("post-questionnaire not submitted",) * 2]
    if status.status == "failed":
        return [(f"post-questionnaire could not be graded: {status.reason} — regrade it first",
                 "post-questionnaire could not be graded — regrade it first")]
    if status.status != "graded" or status.score is None:
        return [(f"post-questionnaire not graded yet (status {status.status!r}) — "
                 "run `rcm-course grade post_questionnaire`",
                 "post-questionnaire not graded yet")]
    minimum = min_share * max_score
    if status.score + EPSILON >= minimum:
        return []
    rule = f"the minimum {minimum:g} ({min_share:.0%})"
    return [(f"post-questionnaire score {_down(status.score)} of {max_score:g} is below {rule}",
             f"post-questionnaire score below {rule}")]


def _session_reasons(pid: str, session: Session, minutes: dict[str, float] | None,
                     needed: float) -> list[tuple[str, str]]:
    if minutes is None:
        text = (f"no attendance imported for {session.id} yet (the import is missing; this is "
                "not an absence)")
        return [(text, text)]
    attended = minutes.get(pid, 0.0)
    if attended + EPSILON >= needed:
        return []
    label = f"{session.id} ({_short_title(session)}, {session.date.day} {session.date:%b %Y})"
    return [(f"{label}: {_down(attended)} of {needed:g} minutes needed",
             f"{label}: under {needed:g} minutes")]


def _short_title(session: Session) -> str:
    """'Virtual Session 2' from 'Virtual Session 2: Evidence Use ...' (reasons stay short)."""
    return re.split(r'[:"]', session.title)[0].strip() or session.title


def _down(value: float) -> str:
    """Round DOWN to one decimal, so 89.99 of 90 minutes never prints as '90 of 90'."""
    return f"{math.floor(value * 10 + EPSILON) / 10:g}"
