"""Who a submission belongs to: hub user names and e-mail folders mapped to roster IDs.

Why: on the hub a participant's user name is what nbgrader files their work under, and people
type it as they like ("gtm-03", "GTM-03 "); an instructor names an e-mail folder by ID or by the
sender's address. Taken literally, a case difference makes the real participant "missing" and
grades a stranger. One mapping, insensitive to case and surrounding spaces, ties every such
name to one roster ID, refuses a name that could be two people, and keeps out anyone not on
the roster: they are reported at collection and never graded or sent feedback.

On a shared exchange anyone can drop an entry named after somebody else into the inbound
folder; nbgrader only logs a warning. Entries owned by another account than the one they name
are moved aside before nbgrader collects, so a forgery never replaces a participant's work.
"""

from __future__ import annotations

import os
import pwd
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from migration_course.core.course import Course
from migration_course.core.participants import Participant


def name_key(name: str) -> str:
    """How names are compared: case and surrounding white space do not count."""
    return " ".join(str(name).split()).casefold()


@dataclass
class IdentityMap:
    """Roster IDs by every name a participant may appear under (ID, e-mail address)."""

    ids: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, roster: Iterable[Participant]) -> IdentityMap:
        """The map of a roster; a name claimed by two participants is ambiguous, never guessed."""
        claims: dict[str, set[str]] = {}
        for p in roster:
            for name in (p.id, p.email):
                if name.strip():
                    claims.setdefault(name_key(name), set()).add(p.id)
        result = cls()
        for key, owners in claims.items():
            if len(owners) == 1:
                result.ids[key] = next(iter(owners))
            else:
                result.ambiguous[key] = tuple(sorted(owners))
        return result

    def resolve(self, name: str) -> str | None:
        """The roster ID ``name`` stands for, or None (not on the roster, or ambiguous)."""
        return self.ids.get(name_key(name))

    def why_not(self, name: str) -> str:
        """Plain words for a name that does not resolve."""
        owners = self.ambiguous.get(name_key(name))
        if owners:
            return f"{name!r} could be {' or '.join(owners)}: rename it to the participant's ID"
        return (f"{name!r} is not on the roster (neither an ID nor an e-mail of a participant); "
                "not graded, no feedback: add the person to the roster first if they belong")


@dataclass
class Filing:
    """What identity checks did to one collection."""

    renamed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def refuse_forged_inbound(course: Course, assignment: str, names: IdentityMap) -> list[str]:
    """Move aside inbound entries whose owner is another participant than the one they name.

    Entries owned by the account running this (a single-user exchange, the demo) cannot be
    told apart and are kept.
    """
    if course.exchange is None:
        return []
    inbound = Path(course.exchange) / course.course_id / "inbound"
    refused = []
    for entry in sorted(inbound.glob(f"*+{assignment}+*")) if inbound.is_dir() else []:
        uid = entry.stat().st_uid
        if uid == os.getuid():
            continue
        try:
            owner = pwd.getpwuid(uid).pw_name
        except KeyError:
            owner = f"uid {uid}"
        claimed = entry.name.split("+")[0]
        if names.resolve(owner) is None or names.resolve(owner) != names.resolve(claimed):
            target = course.private / "refused" / assignment / entry.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(entry), target)
            refused.append(f"{entry.name}: sent by the account {owner!r} in the name of "
                           f"{claimed!r}; not collected (moved to {target})")
    return refused


def file_under_roster_ids(course: Course, assignment: str, names: IdentityMap) -> Filing:
    """Rename collected folders to their roster ID; move those of nobody on the roster aside."""
    result = Filing()
    for name, folder in course.submitted(assignment).items():
        pid = names.resolve(name)
        if pid == name:
            continue
        if pid is None:
            target = course.private / "not-on-roster" / assignment / name
            result.refused.append(f"{name}: {names.why_not(name)} (moved to {target})")
        else:
            target = course.root / "submitted" / pid / assignment
            if target.exists():
                result.refused.append(f"{name}: is {pid}, who has a submission already; kept "
                                      f"{pid}'s and moved this one aside")
                target = course.private / "not-on-roster" / assignment / name
            else:
                result.renamed.append(f"{name} -> {pid}")
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(folder), target)
        if not any(folder.parent.iterdir()):
            folder.parent.rmdir()
    return result
