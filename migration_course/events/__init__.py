"""The live events (expert panel and virtual sessions): their pages, calendar files and support.

``settings`` reads the course folder's ``events.yml`` against the timetable of
``completion.yml``; ``clock`` gives each event's time in the 11 member countries; ``render``
writes the blocks the book's directives put on the pages; ``ics`` writes the calendar files.
:func:`live_events` is the one way in, from a :class:`~migration_course.core.course.Course`.
"""

from __future__ import annotations

from migration_course.core.course import Course
from migration_course.core.objectives import Module, load_objectives
from migration_course.events.settings import EventsConfigError, LiveEvents, load_events

__all__ = ["EventsConfigError", "LiveEvents", "live_events", "modules_by_id"]


def modules_by_id() -> dict[str, Module]:
    """The course's modules by ID (``M1`` …), to check and title what an event builds on."""
    return {m.id: m for m in load_objectives()}


def live_events(course: Course) -> LiveEvents:
    """The live events of ``course``, validated against its sessions and the modules."""
    return load_events(course.events_file, course.completion, modules_by_id())
