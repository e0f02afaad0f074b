"""Read a participant's answers statically and score them against the bank.

The scores nbgrader computes come from executing the participant's notebook, and anything
executed can be forged: a ``str`` subclass whose ``__eq__`` always returns True passes every
hidden ``assert``. So the instructor pipeline also reads the answers file as data (JSON, no
code runs), validates every value, and scores it itself; :mod:`migration_course.grading.integrity`
then compares the two. Likert and open answers are collected the same way (the gradebook
stores only scores).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from migration_course.core.bank import LETTERS, PHASE_OF, Bank
from migration_course.core.textfiles import decode_text
from migration_course.questionnaire.notebook import answers_file

MAX_ANSWERS_BYTES = 2_000_000
MAX_TEXT_CHARS = 4_000


@dataclass
class StaticAnswers:
    """What a submission's answers file says, validated, with any problems found."""

    found: bool
    answers: dict[str, object] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def scores(self, bank: Bank) -> dict[str, float]:
        """Points per knowledge item (0 when unanswered or wrong)."""
        return {k.id: (k.points if self.answers.get(k.id) == k.answer else 0.0)
                for k in bank.knowledge}


def read_answers(folder: Path, assignment: str, bank: Bank) -> StaticAnswers:
    """Read ``<assignment>_answers.json`` from a submission folder without executing anything."""
    path = Path(folder) / answers_file(assignment)
    if not path.is_file():
        return StaticAnswers(False, problems=[f"no answers file {path.name}"])
    data = path.read_bytes()
    if len(data) > MAX_ANSWERS_BYTES:
        return StaticAnswers(False, problems=[f"{path.name} is {len(data)} bytes; too large"])
    text, encoding = decode_text(data)
    result = StaticAnswers(True)
    if encoding != "UTF-8":
        result.problems.append(f"{path.name} was {encoding}, read anyway")
    try:
        payload = json.loads(text)
    except ValueError as exc:
        return StaticAnswers(False, problems=[f"{path.name} is not valid JSON ({exc})"])
    raw = payload.get("answers") if isinstance(payload, dict) else None
    if not isinstance(raw, dict):
        return StaticAnswers(False, problems=[f"{path.name} has no 'answers' mapping"])
    kinds = bank.kinds(PHASE_OF[assignment])
    for item_id, value in raw.items():
        kind = kinds.get(item_id)
        if kind is None:
            result.problems.append(f"unknown item {item_id!r} ignored")
            continue
        clean = _clean(kind, value)
        if clean is None:
            result.problems.append(f"{item_id}: invalid answer {str(value)[:40]!r} ignored")
        else:
            result.answers[item_id] = clean
    return result


def _clean(kind: str, value: object) -> object | None:
    """The validated value, or None. Only plain JSON types are accepted.

    A letter typed by hand in the answers file ("b ", "a") is read as the participant meant it:
    case and spaces do not change an answer. A rating typed as text ("4") is read as the number.
    """
    if kind == "choice":
        letter = value.strip().upper() if type(value) is str else None
        return letter if letter in LETTERS else None
    if kind == "likert":
        if type(value) is str and value.strip().isdigit():
            value = int(value.strip())
        return value if type(value) is int and 1 <= value <= 5 else None
    return value[:MAX_TEXT_CHARS] if type(value) is str else None
