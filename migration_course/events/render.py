"""The MyST markdown of the event pages' blocks and of the programme pages' support block.

Why markdown and not docutils nodes: the book's directives (``migration_course.sphinx_ext``)
hand this text to the page's own MyST parser, so tables, links to modules and emphasis come out
exactly as if an author had typed them, and these functions can be tested without Sphinx. Every
word comes from the string catalogue (``strings/en/events.yml``); every value from the course's
settings. A value the settings leave empty reads "to be announced" and never becomes a link.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from migration_course.core.numbers import number, percent_text
from migration_course.core.objectives import Module
from migration_course.core.strings import current_language, text
from migration_course.countries import BY_ISO3
from migration_course.events.clock import (
    SEVERAL_ZONES,
    country_of_zone,
    member_country_times,
    utc_offset_label,
)
from migration_course.events.settings import Event, LiveEvents, Speaker

EVENT_PAGES = "book/events"  # docname of an event's page: book/events/<id>
CERTIFICATE_PAGE = "book/certificate"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>{}|#])")


def event_page(event_id: str) -> str:
    """The docname of an event's page (``book/events/panel``)."""
    return f"{EVENT_PAGES}/{event_id}"


def escape(value: str) -> str:
    """Settings text as literal markdown: a name with ``*`` or ``_`` must not turn bold."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def doc_link(docname: str, label: str) -> str:
    """A ``{doc}`` link to a page, from any page (absolute docname)."""
    return f"{{doc}}`{escape(label)} </{docname}>`"


# --- dates and clocks ---------------------------------------------------------------------------

def format_date(day: dt.date) -> str:
    """'Wednesday 22 July 2020' with the catalogue's names (never the machine's locale)."""
    return text("events.date", weekday=text(f"events.weekday.{day.weekday()}"), day=day.day,
                month=text(f"events.month.{day.month}"), year=day.year)


def format_times(starts: dt.datetime | dt.time, ends: dt.datetime | dt.time) -> str:
    """'09:00–11:05'."""
    return text("events.time_range", start=f"{starts:%H:%M}", end=f"{ends:%H:%M}")


def clock_label(zone: str) -> str:
    """The course's clock in words: 'San José, Costa Rica' or 'the Europe/Madrid time zone'."""
    country = country_of_zone(zone)
    if country is None:
        return text("events.clock.zone", zone=zone)
    return text("events.clock.city", city=text(f"events.capital.{country.iso3}"), country=country.name)


def timezone_note(live: LiveEvents) -> str:
    """An admonition saying on which clock the times are, and plainly if it is only assumed."""
    clock = clock_label(live.timezone)
    if live.timezone_confirmed:
        return f"```{{note}}\n{text('events.summary.confirmed', clock=clock, zone=live.timezone)}\n```"
    return f"```{{important}}\n{text('events.summary.unconfirmed', clock=clock, zone=live.timezone)}\n```"


# --- an event's page ----------------------------------------------------------------------------

def summary(live: LiveEvents, event: Event) -> str:
    """Date, time on the course's clock with its UTC offset, the core topic, the clock's status."""
    offset = event.starts.utcoffset() or dt.timedelta()
    parts = [text("events.summary.when", date=format_date(event.session.date),
                  times=format_times(event.starts, event.ends), clock=clock_label(live.timezone),
                  offset=utc_offset_label(offset))]
    if event.core_topic:
        parts.append(text("events.summary.core_topic", topic=escape(event.core_topic)))
    parts.append(timezone_note(live))
    return "\n\n".join(parts)


def speaker_line(speaker: Speaker, esc: Callable[[str], str] = escape) -> str:
    """'Andrew Selee, President of …'; without a name: '… (speaker to be announced)'.

    ``esc`` is :func:`escape` for a page and ``str`` for plain text (the calendar file).
    """
    affiliation = ", ".join(esc(v) for v in (speaker.role, speaker.organisation) if v)
    if speaker.name and affiliation:
        line = text("events.agenda.speaker_named", name=esc(speaker.name), affiliation=affiliation)
    elif speaker.name:
        line = esc(speaker.name)
    else:
        line = text("events.agenda.speaker_unnamed", affiliation=affiliation)
    return text("events.agenda.speaker_topic", topic=esc(speaker.topic), speaker=line) \
        if speaker.topic else line


def agenda(live: LiveEvents, event: Event) -> str:
    """The timetable as a list table: time, activity with its speakers, who facilitates."""
    if not event.agenda:
        return text("events.agenda.missing")
    caption = text("events.agenda.caption", date=format_date(event.session.date),
                   clock=clock_label(live.timezone))
    lines = [f"```{{list-table}} {escape(caption)}", ":header-rows: 1", ":widths: 15 60 25", "",
             f"* - {text('events.agenda.time')}", f"  - {text('events.agenda.activity')}",
             f"  - {text('events.agenda.facilitated_by')}"]
    for row in event.agenda:
        lines += [f"* - {format_times(row.start, row.end)}", f"  - {escape(row.activity)}"]
        lines += [f"    - {speaker_line(s)}" for s in row.speakers]
        lines.append(f"  - {escape(row.facilitated_by) if row.facilitated_by else text('events.tba')}")
    lines.append("```")
    return "\n".join(lines)


def _join(items: list[str]) -> str:
    """'A, B and C' with the catalogue's 'and'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('events.times.and')} {items[-1]}"


def member_times(event: Event) -> str:
    """The event's time in each of the 11 member countries, with the capitals' note."""
    rows = member_country_times(event.starts, event.ends)
    lines = [f"```{{list-table}} {text('events.times.caption', date=format_date(event.session.date))}",
             ":header-rows: 1", "",
             f"* - {text('events.times.country')}", f"  - {text('events.times.local_time')}",
             f"  - {text('events.times.offset')}"]
    for row in rows:
        name = row.country.name
        if row.several_zones:
            name = text("events.times.country_city", country=name,
                        city=text(f"events.capital.{row.country.iso3}"))
        times = format_times(row.starts, row.ends)
        if row.starts.date() != event.session.date:
            times = text("events.times.other_day", times=times, date=format_date(row.starts.date()))
        lines += [f"* - {name}", f"  - {times}", f"  - {utc_offset_label(row.utc_offset)}"]
    lines.append("```")
    several = [BY_ISO3[c] for c in sorted(SEVERAL_ZONES, key=list(BY_ISO3).index)]
    note = text("events.times.several_zones", countries=_join([c.prose for c in several]),
                cities=_join([text(f"events.capital.{c.iso3}") for c in several]))
    note = note[0].upper() + note[1:]
    return "\n".join(lines) + f"\n\n{note} {text('events.times.summer_time')}"


def module_docname(module_id: str) -> str:
    """``M4`` -> ``modules/module-4`` (the layout the README's "Adding things" describes)."""
    return f"modules/module-{module_id.removeprefix('M')}"


def modules(event: Event, known: Mapping[str, Module]) -> str:
    """The modules the event builds on, each linked to its page with its title."""
    if not event.builds_on:
        return text("events.modules.missing")
    items = [text("events.modules.item",
                  link=doc_link(module_docname(m), text("events.modules.link", number=known[m].number)),
                  title=escape(known[m].title)) for m in event.builds_on]
    return text("events.modules.intro") + "\n\n" + "\n".join(f"- {item}" for item in items)


def _slot(label: str, url: str | None, link_text: str) -> str:
    """'**Recording:** [Watch the recording](url)', or '**Recording:** to be announced'."""
    value = f"[{link_text}]({url})" if url else text("events.tba")
    return f"- **{label}:** {value}"


def links(live: LiveEvents, event: Event) -> str:
    """Recording, slides and forum of the event (or "to be announced"), and its attendance rule."""
    items = [
        _slot(text("events.links.recording"), event.links.recording, text("events.links.recording_link")),
        _slot(text("events.links.slides"), event.links.slides, text("events.links.slides_link")),
        _slot(text("events.links.forum"), live.forum_for(event), text("events.links.forum_link")),
    ]
    if event.id in live.completion.required_sessions:
        needed = live.completion.min_minutes(event.id)
        items.append("- " + text("events.links.attendance", needed=f"{needed:.0f}",
                                 total=f"{event.session.scheduled_minutes:.0f}"))
    return "\n".join(items)


def overview(live: LiveEvents) -> str:
    """Every live event with its date and time on the course's clock, linked to its page."""
    lines = [f"```{{list-table}} {text('events.overview.caption', clock=clock_label(live.timezone))}",
             ":header-rows: 1", ":widths: 25 55 20", "",
             f"* - {text('events.overview.date')}", f"  - {text('events.overview.event')}",
             f"  - {text('events.overview.time')}"]
    for event in live.events:
        lines += [f"* - {format_date(event.session.date)}",
                  f"  - {doc_link(event_page(event.id), event.title)}",
                  f"  - {format_times(event.starts, event.ends)}"]
    lines.append("```")
    return "\n".join(lines)


# --- the support block --------------------------------------------------------------------------

def support(live: LiveEvents) -> str:
    """Forum, help desk, recordings and attendance, each from the settings or "to be announced"."""
    s = live.support
    if s.forum_url:
        forum = text("events.support.forum_link", platform=escape(s.forum_platform or ""), url=s.forum_url)
    elif s.forum_platform:
        forum = text("events.support.forum_platform", platform=escape(s.forum_platform))
    else:
        forum = text("events.support.forum_tba")
    contacts = [c for c in (
        text("events.support.help_email", email=s.help_email) if s.help_email else "",
        text("events.support.help_url", url=s.help_url) if s.help_url else "") if c]
    desk = text("events.support.help_desk", contacts=_join(contacts)) if contacts \
        else text("events.support.help_tba")
    if s.recorded is None:
        recordings = text("events.support.recorded_tba")
    elif s.recorded:
        recordings = text("events.support.recorded", platform=escape(s.recordings_platform or ""))
    else:
        recordings = text("events.support.not_recorded")
    if s.recorded:
        counts = {True: "events.support.recording_counts", False: "events.support.recording_does_not_count",
                  None: "events.support.recording_counts_tba"}[s.recordings_count_as_attendance]
        recordings += " " + text(counts)
    return "\n".join(f"- {item}" for item in (forum, desk, recordings, _attendance(live)))


def _attendance(live: LiveEvents) -> str:
    """Which live events the certificate needs and the share of each one's time that counts."""
    rules = live.completion
    share = percent_text(number(round(rules.min_share_of_session * 100), 0, current_language()),
                         current_language())
    certificate = doc_link(CERTIFICATE_PAGE, text("events.support.certificate"))
    required = [e for e in live.events if e.id in rules.required_sessions]
    if len(required) == len(live.events):
        return text("events.support.attendance_all", share=share, certificate=certificate)
    return text("events.support.attendance_some", count=len(required), total=len(live.events),
                events=_join([doc_link(event_page(e.id), e.title) for e in required]),
                share=share, certificate=certificate)
