"""The certificate page: the activities a Certificate of Achievement requires, from the rules in force.

Why code and not a table typed into the page: the rules live in ``completion.yml`` (threshold,
required sessions, dates) and the certificate tool applies them; the page reads the same file
at every build, so it can never promise other rules than those applied. Every word comes from
the catalogue and every session title from the live events (translated in ``events.<lang>.yml``),
so the Spanish page shows the same rules in Spanish.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from migration_course.charts.base import fmt_percent, table_html
from migration_course.core.course import Course
from migration_course.core.numbers import long_date
from migration_course.core.paths import DEMO_COURSE
from migration_course.core.strings import FROM_CATALOGUE, Labels
from migration_course.events import live_events
from migration_course.page_facts.common import show_html


@dataclass(frozen=True)
class RequirementLabels(Labels):
    """Words of the table of required activities (``page.certificate``)."""

    SECTION: ClassVar[str] = "page.certificate"
    caption: str = FROM_CATALOGUE
    activity: str = FROM_CATALOGUE
    date: str = FROM_CATALOGUE
    counts: str = FROM_CATALOGUE
    online_course: str = FROM_CATALOGUE
    by_date: str = FROM_CATALOGUE
    session_date: str = FROM_CATALOGUE
    post_done: str = FROM_CATALOGUE
    post_min: str = FROM_CATALOGUE
    connected: str = FROM_CATALOGUE


def requirements_table(course: Course | None = None, labels: RequirementLabels | None = None) -> str:
    """The required activities, their dates and what counts as completing each, as HTML."""
    course = course or Course.open(DEMO_COURSE)
    lab, rules = labels or RequirementLabels(), course.completion
    post = lab.post_done + ("" if rules.post_min_share == 0 else
                            lab.post_min.format(share=fmt_percent(rules.post_min_share * 100, 0)))
    rows = [{lab.activity: lab.online_course,
             lab.date: lab.by_date.format(date=long_date(rules.programme.issued_on, lab.language)),
             lab.counts: post}]
    events = live_events(course)
    for s in rules.sessions:
        if s.id not in rules.required_sessions:
            continue
        rows.append({
            lab.activity: events.event(s.id).title,
            lab.date: lab.session_date.format(date=long_date(s.date, lab.language),
                                              start=f"{s.start:%H:%M}", end=f"{s.end:%H:%M}"),
            lab.counts: lab.connected.format(needed=f"{rules.min_minutes(s.id):.0f}",
                                             total=f"{s.scheduled_minutes:.0f}",
                                             share=fmt_percent(rules.min_share_of_session * 100, 0)),
        })
    return table_html(pd.DataFrame(rows), lab.caption, number_columns=[])


def show_requirements() -> object:
    """Display helper for the certificate page: ``page_facts.certificate.show_requirements()``."""
    return show_html(requirements_table())
