"""The programme's live sessions and completion rules, read from a course's ``completion.yml``.

One file holds every number an instructor may need to change (session timetables, the
attendance threshold, the minimum post-questionnaire score, which sessions are required), so
attendance, eligibility, certificates and the report can never disagree about what
"completing all activities" means. Every problem in the file is reported at once, by field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from migration_course.core.errors import UserError
from migration_course.core.yamlfiles import read_mapping


class CompletionConfigError(UserError, ValueError):
    """The completion file is invalid; the message lists every problem with its field."""


@dataclass(frozen=True)
class Session:
    """One live event (expert panel or virtual session) and its scheduled time."""

    id: str
    title: str
    date: dt.date
    start: dt.time
    end: dt.time

    @property
    def scheduled_minutes(self) -> float:
        """Length of the event as scheduled in the agenda."""
        start, end = self.window
        return (end - start).total_seconds() / 60

    @property
    def window(self) -> tuple[dt.datetime, dt.datetime]:
        """Start and end on the programme's clock (naive: the clock of ``Completion.timezone``)."""
        return dt.datetime.combine(self.date, self.start), dt.datetime.combine(self.date, self.end)


@dataclass(frozen=True)
class Window:
    """When a questionnaire opens and closes (aware datetimes, on the course's clock)."""

    opens: dt.datetime
    closes: dt.datetime

    def is_late(self, submitted: dt.datetime) -> bool:
        """True for a submission after closing (``submitted`` aware, any time zone)."""
        return submitted > self.closes


@dataclass(frozen=True)
class Programme:
    """What the certificate prints about the programme."""

    title: str
    organiser: str
    dates: str
    issued_on: dt.date
    code_prefix: str
    activities: str
    # The words above in each other language of the course: {"es": {"title": ..., ...}}.
    in_languages: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def in_language(self, language: str) -> Programme:
        """The programme as a certificate in ``language`` prints it (English: as it is).

        Why in completion.yml and not the string catalogue: the title, organiser, dates and
        activities are a cohort's facts, set by its organisers with the rest of the certificate
        rules; only the certificate's fixed wording is in the catalogue.
        """
        words = dict(dict(self.in_languages).get(language, ()))
        return replace(self, **words) if words else self


@dataclass(frozen=True)
class Completion:
    """The whole completion file, validated."""

    programme: Programme
    sessions: tuple[Session, ...]
    min_share_of_session: float
    post_min_share: float
    required_sessions: tuple[str, ...]
    path: Path
    timezone: str = "UTC"
    timezone_confirmed: bool = False
    windows: tuple[tuple[str, Window], ...] = ()

    def window(self, assignment: str) -> Window | None:
        """The answering window of a questionnaire, or None when the file sets none."""
        return dict(self.windows).get(assignment)

    def session(self, session_id: str) -> Session:
        """The session with this id; the error lists the known ids."""
        for s in self.sessions:
            if s.id == session_id:
                return s
        known = ", ".join(s.id for s in self.sessions)
        raise CompletionConfigError(f"{self.path}: no session {session_id!r} (known: {known})")

    def min_minutes(self, session_id: str) -> float:
        """Connected minutes needed to count as present at this session."""
        return self.min_share_of_session * self.session(session_id).scheduled_minutes


TRANSLATED_PROGRAMME = ("title", "organiser", "dates", "activities")


def _programme_languages(raw: object, problems: list[str]) -> tuple:
    """``programme.in_languages``: for each language, the four words a certificate prints."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.append("programme.in_languages: expected a mapping of languages (es: {title: ...})")
        return ()
    out = []
    for language, words in raw.items():
        words = words if isinstance(words, dict) else {}
        missing = [k for k in TRANSLATED_PROGRAMME if not str(words.get(k) or "").strip()]
        if missing:
            problems.append(f"programme.in_languages.{language}: give {', '.join(missing)}")
        out.append((str(language), tuple((k, str(words[k]).strip()) for k in TRANSLATED_PROGRAMME
                                         if k not in missing)))
    return tuple(out)


def load_completion(path: Path) -> Completion:
    """Read and validate the completion file; raise with every problem found."""
    path = Path(path)
    raw = read_mapping(path, CompletionConfigError,
                       "sections programme, sessions, attendance and eligibility")
    problems: list[str] = []

    def get(section: str, key: str, kind: type, default: object = None) -> object:
        value = (raw.get(section) or {}).get(key, default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if kind is dt.date and isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                pass
        if not isinstance(value, kind):
            problems.append(f"{section}.{key}: expected {kind.__name__}, found {value!r}")
            return default
        return value

    programme = Programme(*(get("programme", k, t) for k, t in (
        ("title", str), ("organiser", str), ("dates", str), ("issued_on", dt.date),
        ("code_prefix", str), ("activities", str))),
        in_languages=_programme_languages((raw.get("programme") or {}).get("in_languages"), problems))
    listed = raw.get("sessions") or []
    if not isinstance(listed, list):
        problems.append("sessions: expected a list of sessions (each with id, title, date, "
                        "start, end)")
        listed = []
    sessions = tuple(_sessions(listed, problems))
    share = get("attendance", "min_share_of_session", float, 0.75)
    post = get("eligibility", "post_questionnaire_min_share", float, 0.0)
    for name, value in (("attendance.min_share_of_session", share),
                        ("eligibility.post_questionnaire_min_share", post)):
        if isinstance(value, float) and not 0 <= value <= 1:
            problems.append(f"{name}: must be between 0 and 1, found {value}")
    required = (raw.get("eligibility") or {}).get("required_sessions", [s.id for s in sessions])
    known = {s.id for s in sessions}
    if not isinstance(required, list):
        problems.append("eligibility.required_sessions: expected a list of session ids")
        required = []
    for sid in required:
        if sid not in known:
            problems.append(f"eligibility.required_sessions: {sid!r} is not a session id "
                            f"(known: {', '.join(sorted(known))})")
    zone = str(raw.get("timezone") or "")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"timezone: expected a time zone name such as America/Costa_Rica or "
                        f"America/Guatemala, found {zone!r}")
    confirmed = raw.get("timezone_confirmed", False)
    if not isinstance(confirmed, bool):
        problems.append(f"timezone_confirmed: expected true or false, found {confirmed!r}")
    windows = _windows(raw.get("questionnaires") or {}, zone, problems)
    if problems:
        raise CompletionConfigError(f"{path}:\n  - " + "\n  - ".join(problems))
    return Completion(programme, sessions, float(share), float(post),  # type: ignore[arg-type]
                      tuple(required), path, zone, bool(confirmed), windows)


def _windows(raw: object, zone: str, problems: list[str]) -> tuple[tuple[str, Window], ...]:
    """``questionnaires: {pre_questionnaire: {opens: …, closes: …}}`` on the course's clock."""
    if not isinstance(raw, dict):
        problems.append("questionnaires: expected pre_questionnaire and post_questionnaire, "
                        "each with opens and closes (YYYY-MM-DD HH:MM)")
        return ()
    try:
        clock = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ()  # reported with the timezone field
    out = []
    for assignment, spec in raw.items():
        try:
            opens, closes = (dt.datetime.fromisoformat(str(spec[k])).replace(tzinfo=clock)
                             for k in ("opens", "closes"))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"questionnaires.{assignment}: needs opens and closes as "
                            f"YYYY-MM-DD HH:MM ({exc})")
            continue
        if closes <= opens:
            problems.append(f"questionnaires.{assignment}: closes {closes:%Y-%m-%d %H:%M} is not "
                            f"after opens {opens:%Y-%m-%d %H:%M}")
        out.append((str(assignment), Window(opens, closes)))
    return tuple(out)


def _sessions(items: list, problems: list[str]) -> list[Session]:
    out: list[Session] = []
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        where = f"sessions[{n}]"
        try:
            sid, title = str(item["id"]), str(item["title"])
            date = item["date"] if isinstance(item["date"], dt.date) else \
                dt.date.fromisoformat(str(item["date"]))
            start = dt.time.fromisoformat(str(item["start"]))
            end = dt.time.fromisoformat(str(item["end"]))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"{where}: needs id, title, date (YYYY-MM-DD), start and end "
                            f"(HH:MM) ({exc})")
            continue
        if sid in seen:
            problems.append(f"{where}: duplicate id {sid!r}")
        if end <= start:
            problems.append(f"{where} ({sid}): end {end} is not after start {start}")
        seen.add(sid)
        out.append(Session(sid, title, date, start, end))
    if not out and not problems:
        problems.append("sessions: at least one session is needed")
    return out
