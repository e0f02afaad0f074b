"""The live events and the programme's support, read from a course's ``events.yml``.

Why a file of its own beside ``completion.yml``: the timetable (date, start, end, time zone) is a
rule the attendance and certificate tools apply, so it stays there, once; this file adds what a
participant reads around each session (agenda, speakers, the modules it builds on, links to the
recording, slides and forum) and the support contacts. Each event is matched to its session by
``id``, and every problem in the file is reported at once with its field, so an organiser who
mistypes an address or a module learns what to fix before the site is built.

An empty or missing value is ``None``: the pages show it as "to be announced", never as a link.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from migration_course.core.completion import Completion, Session
from migration_course.core.errors import UserError
from migration_course.core.strings import DEFAULT_LANGUAGE, current_language
from migration_course.core.yamlfiles import read_mapping, translation_of, with_words

LINK_KINDS = ("recording", "slides", "forum")
SPEAKER_FIELDS = ("topic", "name", "role", "organisation")
WEB_ADDRESS = re.compile(r"https://[^\s/$.?#][^\s]*\Z")
EMAIL_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
TIME_RANGE = re.compile(r"(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\Z")


class EventsConfigError(UserError, ValueError):
    """The events file is invalid; the message lists every problem with its field."""


@dataclass(frozen=True)
class Speaker:
    """One speaker line of the agenda; the concept note often names an office, not a person."""

    topic: str | None = None
    name: str | None = None
    role: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class AgendaItem:
    """One row of an event's timetable, on the course's clock."""

    start: dt.time
    end: dt.time
    activity: str
    speakers: tuple[Speaker, ...] = ()
    facilitated_by: str | None = None


@dataclass(frozen=True)
class Links:
    """Where the recording, the slides and the forum thread of an event are (None: not yet)."""

    recording: str | None = None
    slides: str | None = None
    forum: str | None = None


@dataclass(frozen=True)
class Event:
    """A live session of ``completion.yml`` with what its page shows around the timetable."""

    session: Session
    zone: ZoneInfo
    core_topic: str | None = None
    builds_on: tuple[str, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    links: Links = Links()

    @property
    def id(self) -> str:
        """The session id (``panel``, ``session-1``): the page's and the calendar file's name."""
        return self.session.id

    title_words: str | None = None  # the title in the page's language (events.<lang>.yml)

    @property
    def title(self) -> str:
        """The session's title as ``completion.yml`` writes it, or its translation."""
        return self.title_words or self.session.title

    @property
    def starts(self) -> dt.datetime:
        """The start as an aware datetime on the course's clock (daylight saving included)."""
        return self.session.window[0].replace(tzinfo=self.zone)

    @property
    def ends(self) -> dt.datetime:
        """The end as an aware datetime on the course's clock."""
        return self.session.window[1].replace(tzinfo=self.zone)


@dataclass(frozen=True)
class Support:
    """The forum, the help desk and the rule on recordings; None is "to be announced"."""

    forum_platform: str | None = None
    forum_url: str | None = None
    help_email: str | None = None
    help_url: str | None = None
    recorded: bool | None = None
    recordings_platform: str | None = None
    recordings_count_as_attendance: bool | None = None


@dataclass(frozen=True)
class LiveEvents:
    """Every live event of a course, its support settings and the clock they run on."""

    events: tuple[Event, ...]
    support: Support
    completion: Completion
    path: Path

    @property
    def timezone(self) -> str:
        """The IANA name of the course's clock (``completion.yml``)."""
        return self.completion.timezone

    @property
    def timezone_confirmed(self) -> bool:
        """False while the organisers have not confirmed the clock: the pages say so."""
        return self.completion.timezone_confirmed

    def event(self, event_id: str) -> Event:
        """The event with this id; the error lists the known ids."""
        for event in self.events:
            if event.id == event_id:
                return event
        known = ", ".join(e.id for e in self.events)
        raise EventsConfigError(f"{self.path}: no live event {event_id!r} (known: {known}); "
                                f"the ids are those of the sessions in {self.completion.path}")

    def forum_for(self, event: Event) -> str | None:
        """The event's own forum thread, else the programme's forum, else None."""
        return event.links.forum or self.support.forum_url


def load_events(path: Path, completion: Completion, modules: Collection[str]) -> LiveEvents:
    """Read and validate the events file against the sessions and the module IDs.

    A missing file is not an error: every event then shows its timetable and "to be announced"
    for the rest, which is what a new course folder should show until the organisers fill it in.
    """
    path = Path(path)
    zone = ZoneInfo(completion.timezone)
    if not path.is_file():
        return LiveEvents(tuple(Event(s, zone) for s in completion.sessions), Support(),
                          completion, path)
    raw = read_mapping(path, EventsConfigError, "the sections support and events")
    problems: list[str] = []
    words = translation_of(path, current_language())
    if current_language() != DEFAULT_LANGUAGE and words.is_file():
        raw = with_words(raw, read_mapping(words, EventsConfigError, "the events' words"),
                         words.name, problems)
    support = _support(raw.get("support") or {}, problems)
    listed = raw.get("events") or []
    if not isinstance(listed, list):
        problems.append("events: expected a list of events, each with the id of a session of "
                        f"{completion.path.name}")
        listed = []
    by_id = _events(listed, completion, zone, set(modules), problems)
    if problems:
        raise EventsConfigError(f"{path}:\n  - " + "\n  - ".join(problems))
    events = tuple(by_id.get(s.id) or Event(s, zone) for s in completion.sessions)
    return LiveEvents(events, support, completion, path)


def _text(value: object, where: str, problems: list[str]) -> str | None:
    """A non-empty string, or None for an empty or missing value."""
    if value is None or value == "":
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        problems.append(f"{where}: expected text, found {value!r}")
        return None
    return str(value).strip() or None


def _address(value: object, where: str, problems: list[str], pattern: re.Pattern[str] = WEB_ADDRESS,
             example: str = "https://ecampus.iom.int/…") -> str | None:
    """A web (or e-mail) address, or None when empty; anything else is a problem."""
    text = _text(value, where, problems)
    if text is not None and not pattern.match(text):
        problems.append(f"{where}: {text!r} is not a full address (write it as {example}, or "
                        "leave it empty for \"to be announced\")")
        return None
    return text


def _flag(value: object, where: str, problems: list[str]) -> bool | None:
    if value is None or value == "":
        return None
    if not isinstance(value, bool):
        problems.append(f"{where}: expected true, false or nothing (to be announced), found {value!r}")
        return None
    return value


def _support(raw: object, problems: list[str]) -> Support:
    if not isinstance(raw, dict):
        problems.append("support: expected forum, help_desk and recordings")
        return Support()
    forum, desk, rec = (raw.get(k) or {} for k in ("forum", "help_desk", "recordings"))
    for name, section in (("forum", forum), ("help_desk", desk), ("recordings", rec)):
        if not isinstance(section, dict):
            problems.append(f"support.{name}: expected a section with named values, found {section!r}")
    forum, desk, rec = (s if isinstance(s, dict) else {} for s in (forum, desk, rec))
    support = Support(
        forum_platform=_text(forum.get("platform"), "support.forum.platform", problems),
        forum_url=_address(forum.get("url"), "support.forum.url", problems),
        help_email=_address(desk.get("email"), "support.help_desk.email", problems, EMAIL_ADDRESS,
                            "name@example.org"),
        help_url=_address(desk.get("url"), "support.help_desk.url", problems),
        recorded=_flag(rec.get("recorded"), "support.recordings.recorded", problems),
        recordings_platform=_text(rec.get("platform"), "support.recordings.platform", problems),
        recordings_count_as_attendance=_flag(rec.get("counts_as_attendance"),
                                             "support.recordings.counts_as_attendance", problems),
    )
    # The pages name the platform in the same sentence as the link or the rule.
    if support.forum_url and not support.forum_platform:
        problems.append("support.forum.platform: name the platform the forum is on (E-Campus) "
                        "when you give its url")
    if support.recorded and not support.recordings_platform:
        problems.append("support.recordings.platform: say where the recordings are posted "
                        "(E-Campus) when recorded is true")
    return support


def _events(items: list, completion: Completion, zone: ZoneInfo, modules: set[str],
            problems: list[str]) -> dict[str, Event]:
    sessions = {s.id: s for s in completion.sessions}
    out: dict[str, Event] = {}
    for n, item in enumerate(items, start=1):
        where = f"events[{n}]"
        if not isinstance(item, dict) or "id" not in item:
            problems.append(f"{where}: needs the id of a session of {completion.path.name} "
                            f"(known: {', '.join(sessions)})")
            continue
        sid = str(item["id"])
        where = f"{where} ({sid})"
        if sid not in sessions:
            problems.append(f"{where}: no session {sid!r} in {completion.path.name} "
                            f"(known: {', '.join(sessions)})")
            continue
        if sid in out:
            problems.append(f"{where}: duplicate id {sid!r}")
        builds_on = item.get("builds_on") or []
        if not isinstance(builds_on, list):
            problems.append(f"{where}.builds_on: expected a list of module IDs such as [M1, M4]")
            builds_on = []
        for module in builds_on:
            if str(module) not in modules:
                problems.append(f"{where}.builds_on: {module!r} is not a module of "
                                f"modules/learning_objectives.yml (known: {', '.join(sorted(modules))})")
        links = item.get("links") or {}
        if not isinstance(links, dict):
            problems.append(f"{where}.links: expected recording, slides and forum")
            links = {}
        for unknown in sorted(set(links) - set(LINK_KINDS)):
            problems.append(f"{where}.links.{unknown}: unknown link (known: {', '.join(LINK_KINDS)})")
        session = sessions[sid]
        out[sid] = Event(
            session=session, zone=zone,
            core_topic=_text(item.get("core_topic"), f"{where}.core_topic", problems),
            title_words=_text(item.get("title"), f"{where}.title", problems),
            builds_on=tuple(str(m) for m in builds_on),
            agenda=_agenda(item.get("agenda") or [], session, where, problems),
            links=Links(*(_address(links.get(k), f"{where}.links.{k}", problems) for k in LINK_KINDS)),
        )
    return out


def _agenda(rows: object, session: Session, where: str, problems: list[str]) -> tuple[AgendaItem, ...]:
    """The timetable rows; they must run back to back from the session's start to its end."""
    if not isinstance(rows, list):
        problems.append(f"{where}.agenda: expected a list of rows (time, activity, speakers, "
                        "facilitated_by)")
        return ()
    out: list[AgendaItem] = []
    for n, row in enumerate(rows, start=1):
        at = f"{where}.agenda[{n}]"
        if not isinstance(row, dict):
            problems.append(f"{at}: expected time, activity, speakers and facilitated_by")
            continue
        match = TIME_RANGE.match(str(row.get("time", "")).strip())
        activity = _text(row.get("activity"), f"{at}.activity", problems)
        if not match or not activity:
            problems.append(f"{at}: needs time (HH:MM-HH:MM) and activity, found "
                            f"time {row.get('time')!r}, activity {row.get('activity')!r}")
            continue
        try:
            start, end = (dt.time.fromisoformat(t.zfill(5)) for t in match.groups())
        except ValueError as exc:
            problems.append(f"{at}.time: {row.get('time')!r} is not a time range ({exc})")
            continue
        if end <= start:
            problems.append(f"{at}.time: ends at {end:%H:%M}, not after its start {start:%H:%M}")
        out.append(AgendaItem(start, end, activity, _speakers(row.get("speakers") or [], at, problems),
                              _text(row.get("facilitated_by"), f"{at}.facilitated_by", problems)))
    _check_timetable(out, session, where, problems)
    return tuple(out)


def _check_timetable(rows: list[AgendaItem], session: Session, where: str, problems: list[str]) -> None:
    """The agenda and ``completion.yml`` must tell the same times: one clock, no drift."""
    if not rows:
        return
    if rows[0].start != session.start or rows[-1].end != session.end:
        problems.append(f"{where}.agenda: runs {rows[0].start:%H:%M}-{rows[-1].end:%H:%M} but the "
                        f"session is {session.start:%H:%M}-{session.end:%H:%M} in completion.yml; "
                        "change one of them so that they agree")
    for before, after in zip(rows, rows[1:], strict=False):
        if before.end != after.start:
            problems.append(f"{where}.agenda: a row ends at {before.end:%H:%M} and the next starts "
                            f"at {after.start:%H:%M}; rows must follow each other")


def _speakers(raw: object, at: str, problems: list[str]) -> tuple[Speaker, ...]:
    if not isinstance(raw, list):
        problems.append(f"{at}.speakers: expected a list (each with topic, name, role, organisation)")
        return ()
    out = []
    for n, item in enumerate(raw, start=1):
        here = f"{at}.speakers[{n}]"
        if not isinstance(item, dict) or not set(item) & {"name", "role", "organisation"}:
            problems.append(f"{here}: needs a name, a role or an organisation")
            continue
        for unknown in sorted(set(item) - set(SPEAKER_FIELDS)):
            problems.append(f"{here}.{unknown}: unknown field (known: {', '.join(SPEAKER_FIELDS)})")
        out.append(Speaker(*(_text(item.get(k), f"{here}.{k}", problems) for k in SPEAKER_FIELDS)))
    return tuple(out)
