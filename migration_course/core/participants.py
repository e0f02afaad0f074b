"""A participant of the programme as every feature sees them, and the course's roster file.

The roster is written by ``rcm-course roster import`` (:mod:`migration_course.roster`) and read
by grading, attendance, certificates and the report: one record type and one reader keep them
agreeing on who is enrolled.

Besides officials of the 11 member countries, the concept note invites RCM observers
(countries and organisations) and civil society (the Regional Network of Civil Organizations
for Migration, RROCM). They have no member country to be filed under, so each participant has a
``category``: a ``member`` has an ISO3 ``country``; an ``observer`` or ``civil_society``
participant has ``country`` blank and their organisation in ``institution``. Their IDs use a
prefix no member country has (``OBS-01``, ``CSO-01``), and per-country tables show them as
groups of their own instead of inventing a country for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from migration_course.core.csvfiles import RecordFileError, read_records, write_records

MEMBER, OBSERVER, CIVIL_SOCIETY = "member", "observer", "civil_society"
CATEGORIES = (MEMBER, OBSERVER, CIVIL_SOCIETY)
# ID prefixes of non-members: not ISO3 codes of any country, so never a member's prefix.
ID_PREFIXES = {OBSERVER: "OBS", CIVIL_SOCIETY: "CSO"}
# The languages the course is given in, and each member country's: the language a participant
# reads the questionnaires, feedback and certificate in when the roster does not say.
LANGUAGES = ("en", "es")
ENGLISH_SPEAKING = frozenset({"BLZ", "CAN", "USA"})
NON_MEMBER_LANGUAGE = "es"  # most observers and the RROCM's organisations work in Spanish


@dataclass(frozen=True)
class Participant:
    """One participant after normalisation, with the pseudonymous ID they are graded under.

    ``category`` comes last and has a default so that rosters written before it existed (all
    members) are still read, and the six-field form used throughout stays valid.
    """

    id: str
    full_name: str
    email: str
    country: str  # ISO3 for a member; blank for observers and civil society
    institution: str  # for observers and civil society: the organisation they come from
    role: str
    category: str = MEMBER
    language: str = ""  # "en" or "es"; blank: the language of the participant's country

    @property
    def reads(self) -> str:
        """The language this participant reads the course in (the roster's, else the country's).

        Why a default by country: the lists the focal points send rarely have a language column,
        and an official of Guatemala should not get English forms because nobody wrote "es".
        Canada's officials default to English; a French edition would be one more value here.
        """
        if self.language:
            return self.language
        if not self.is_member:
            return NON_MEMBER_LANGUAGE
        return "en" if self.country in ENGLISH_SPEAKING else "es"

    @property
    def is_member(self) -> bool:
        """True for an official of an RCM member country."""
        return self.category == MEMBER

    @property
    def group(self) -> str:
        """What per-country results group by: the ISO3 code, or the category of a non-member."""
        return self.country if self.is_member else self.category

    @property
    def id_prefix(self) -> str:
        """The part of a new ID before the number: ``GTM`` for Guatemala, ``OBS``, ``CSO``."""
        return self.country if self.is_member else ID_PREFIXES[self.category]

    @property
    def first_last(self) -> tuple[str, str]:
        """First name and the rest, for nbgrader's first_name/last_name columns."""
        first, _, last = self.full_name.partition(" ")
        return first, last


def write_roster(participants: Iterable[Participant], path: Path) -> None:
    """Write the private roster (ID and contact details) used by later imports and reports."""
    write_records(path, Participant, participants)


def read_roster(path: Path) -> list[Participant]:
    """Read a roster written by :func:`write_roster` (empty if there is none yet).

    The roster is sometimes edited by hand, and a mistyped category would otherwise reach the
    certificates and the report as a group nobody defined, so it is refused here by name.
    """
    people = read_records(path, Participant)
    for p in people:
        if p.category not in CATEGORIES:
            raise RecordFileError(f"{path}: {p.id} has the category {p.category!r}; use one of "
                                  f"{', '.join(CATEGORIES)} (blank means {MEMBER})")
        if p.language and p.language not in LANGUAGES:
            raise RecordFileError(f"{path}: {p.id} has the language {p.language!r}; use one of "
                                  f"{', '.join(LANGUAGES)} (blank means the country's language)")
    return people
