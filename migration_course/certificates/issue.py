"""Turn eligibility decisions into PDFs and register rows, without ever revoking silently.

Rules that make re-running safe at any time:

- a participant already in the register keeps their code and issue date; the PDF is reprinted
  (so a corrected spelling of a name reaches the certificate) with the same code;
- a new code is registered only once its PDF exists, so the register never vouches for a
  certificate nobody has;
- someone in the register who is no longer eligible keeps their row: the result lists them
  so the instructor decides, instead of a certificate disappearing because of a late import;
- a row an instructor marked (``revoked``) is left alone and not reprinted, even if the rules
  say eligible: that was a human decision, and the result lists it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from migration_course.certificates.codes import new_code
from migration_course.certificates.eligibility import Decision, decide
from migration_course.certificates.pdf import CertificateError, font_files, render
from migration_course.certificates.register import (
    ISSUED,
    REGISTER_FILE,
    RegisterEntry,
    read_register,
    write_register,
)
from migration_course.core.bank import ASSIGNMENTS
from migration_course.core.completion import Completion
from migration_course.core.course import Course
from migration_course.core.csvfiles import write_rows
from migration_course.core.participants import Participant
from migration_course.countries import BY_ISO3, place_name
from migration_course.grading.pipeline import load_statuses


def certificates_dir(course: Course) -> Path:
    """Everything certificates write: eligibility.csv, register.csv, <participant ID>.pdf."""
    return course.private / "certificates"


@dataclass
class IssueResult:
    """What one run did, for the command to report."""

    printed: list[RegisterEntry] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    no_longer_eligible: list[RegisterEntry] = field(default_factory=list)
    withheld: list[RegisterEntry] = field(default_factory=list)  # eligible, but revoked by hand


def issue(folder: Path, roster: Iterable[Participant], decisions: Iterable[Decision],
          completion: Completion) -> IssueResult:
    """Print a certificate for each eligible participant into ``folder`` and update the register.

    ``folder`` is ``course.private / "certificates"``; files are named by participant ID, never
    by name, so a directory listing reveals nobody.
    """
    font_files()  # a missing font is one error for the run, not one per participant
    path = folder / REGISTER_FILE
    entries = {e.participant: e for e in read_register(path)}
    taken = {e.code for e in entries.values()}
    people = {p.id: p for p in roster}
    result = IssueResult()
    for decision in decisions:
        old = entries.get(decision.participant)
        if not decision.eligible:
            if old is not None and old.status == ISSUED:
                result.no_longer_eligible.append(old)
            continue
        if old is not None and old.status != ISSUED:
            result.withheld.append(old)
            continue
        person = people[decision.participant]
        code = old.code if old else new_code(completion.programme.code_prefix, taken)
        issued_on = dt.date.fromisoformat(old.issued_on) if old else \
            completion.programme.issued_on
        dest = folder / f"{person.id}.pdf"
        country = _represents(person)
        try:
            render(dest, person.full_name, country, completion.programme.in_language(person.reads),
                   code, issued_on, language=person.reads)
        except CertificateError as exc:
            result.failed[person.id] = str(exc)
            continue
        entries[person.id] = RegisterEntry(code, person.id, person.full_name, country,
                                           issued_on.isoformat(), dest.name)
        if old is None:
            taken.add(code)
            result.new.append(person.id)
        result.printed.append(entries[person.id])
    write_register(entries.values(), path)
    return result


def _represents(person: Participant) -> str:
    """The line printed under the name: the member country, or else the organisation.

    Observers and civil society have no member country, and a certificate must not invent one.
    """
    if not person.is_member:
        return person.institution
    return place_name(person.country, person.reads) if person.country in BY_ISO3 else person.country


@dataclass
class Certification:
    """A whole ``rcm-course certificates`` run: decisions, what was issued, what is missing."""

    decisions: list[Decision]
    issued: IssueResult
    eligibility_csv: Path
    not_imported: list[str]  # required sessions with no attendance import yet

    @property
    def eligible(self) -> int:
        """How many participants completed every activity."""
        return sum(d.eligible for d in self.decisions)


def certify(course: Course) -> Certification:
    """Decide from the course's post-questionnaire statuses and attendance; print and register.

    Everything comes from the course folder: its roster, its rules and its bank's maximum
    score, so a certificate can only follow the rules of the course it is issued in.

    Raises ``CertificateError`` only when nothing can be printed at all (no font); a name
    that cannot be printed is listed in ``issued.failed`` and the others are produced.
    """
    from migration_course.attendance import load_attendance

    roster, completion = course.roster(), course.completion
    max_score = sum(k.points for k in course.bank.knowledge)
    attendance = load_attendance(course)
    post = load_statuses(course, ASSIGNMENTS["post"])
    decisions = decide(roster, post, attendance, completion, max_score)
    folder = certificates_dir(course)
    table = write_eligibility(decisions, folder / "eligibility.csv")
    result = issue(folder, roster, decisions, completion)
    missing = [s for s in completion.required_sessions if s not in attendance]
    return Certification(decisions, result, table, missing)


def write_eligibility(decisions: list[Decision], path: Path) -> Path:
    """Every roster participant, eligible yes/no, and every reason (instructor-only file)."""
    write_rows(path, ["participant", "eligible", "reasons"],
               ([d.participant, "yes" if d.eligible else "no", "; ".join(d.reasons)]
                for d in decisions))
    return path
