"""The live events: settings, agenda against the concept note, member-country times, calendar
files (parsed with ``icalendar``), "to be announced" instead of dead links, and the built site.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import icalendar
import pytest
import yaml

from migration_course.core.course import Course
from migration_course.core.paths import DEMO_COURSE
from migration_course.events import EventsConfigError, live_events, modules_by_id, render
from migration_course.events.clock import member_country_times, utc_offset_label
from migration_course.events.ics import MAX_OCTETS, event_calendar, fold
from migration_course.events.settings import Speaker

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / ".." / "shared" / "seeds"
EVENT_IDS = ("panel", "session-1", "session-2", "session-3")
TBA = "to be announced"
STAMP = dt.datetime(2020, 7, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def live():
    return live_events(Course.open(DEMO_COURSE))


def course_copy(tmp_path: Path, events: dict | None = None, **completion: object) -> Course:
    """A copy of the demonstration course with ``events.yml`` and ``completion.yml`` changed."""
    course = Course.create(tmp_path / "course")
    if events is not None:
        course.events_file.write_text(yaml.safe_dump(events, allow_unicode=True), encoding="utf-8")
    if completion:
        rules = yaml.safe_load(course.completion_file.read_text(encoding="utf-8"))
        rules.update(completion)
        course.completion_file.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    return course


def demo_events() -> dict:
    return yaml.safe_load((DEMO_COURSE / "events.yml").read_text(encoding="utf-8"))


# --- the settings ---------------------------------------------------------------------------------

def test_every_live_session_is_an_event_with_an_agenda_that_keeps_its_times(live):
    assert tuple(e.id for e in live.events) == EVENT_IDS
    for event in live.events:
        assert event.agenda, event.id
        assert event.agenda[0].start == event.session.start
        assert event.agenda[-1].end == event.session.end
        assert event.builds_on and set(event.builds_on) <= set(modules_by_id())


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("–", "-").replace("—", "-")).strip().lower()


@pytest.fixture(scope="module")
def concept_note() -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS.resolve()}")
    return next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")


def _agenda_of(note: str, day: dt.date, days: list[dt.date]) -> str:
    """The concept note's agenda for one day: from its date to the next event's date."""
    agenda = note[note.index("## AGENDA"):]
    start = agenda.index(f"{day:%d} {day:%B} {day:%Y}")
    later = [agenda.index(f"{d:%d} {d:%B} {d:%Y}") for d in days if d > day]
    return agenda[start:min(later) if later else None]


def test_agenda_speakers_roles_and_times_are_the_concept_notes(live, concept_note):
    days = [e.session.date for e in live.events]
    for event in live.events:
        seed = _norm(_agenda_of(concept_note, event.session.date, days))
        for row in event.agenda:
            assert _norm(f"{row.start:%H:%M} - {row.end:%H:%M}") in seed, (event.id, row.start)
            for value in (row.activity, row.facilitated_by):
                assert _norm(value) in seed, (event.id, value)
            for speaker in row.speakers:
                for value in (speaker.topic, speaker.name, speaker.role, speaker.organisation):
                    assert value is None or _norm(value) in seed, (event.id, value)
        assert _norm(event.core_topic) in _norm(concept_note), event.id


def test_the_seven_named_speakers_are_all_on_the_pages(live):
    named = {s.name for e in live.events for r in e.agenda for s in r.speakers if s.name}
    assert named == {"Andrew Selee", "Sergio Bueno", "Marie McAuliffe", "Michele Klein-Solomon",
                     "Rudi Maxwald", "Estela Aragón", "Fabio Jiménez"}


def test_a_speaker_the_concept_note_does_not_name_reads_to_be_announced():
    line = render.speaker_line(Speaker(role="RCM Presidency Pro Tempore"))
    assert line == f"RCM Presidency Pro Tempore (names {TBA})"
    named = render.speaker_line(Speaker(topic="Governance Needs-Assessment", name="Estela Aragón",
                                        role="Research Officer", organisation="IOM"))
    assert named == "Governance Needs-Assessment: Estela Aragón, Research Officer, IOM"


@pytest.mark.parametrize("change, message", [
    (lambda d: d["events"][0]["links"].update(recording="ecampus.iom.int/rec"),
     "events[1] (panel).links.recording: 'ecampus.iom.int/rec' is not a full address"),
    (lambda d: d["events"][0].update(id="panel-2"), "events[1] (panel-2): no session 'panel-2'"),
    (lambda d: d["events"][1].update(builds_on=["M9"]), "events[2] (session-1).builds_on: 'M9'"),
    (lambda d: d["events"][0]["agenda"][0].update(time="09:00-09:15"),
     "rows must follow each other"),
    (lambda d: d["events"][0]["agenda"][-1].update(time="11:00-11:30"), "runs 09:00-11:30"),
    (lambda d: d["events"][0]["agenda"][1]["speakers"][0].update(title="Dr"),
     "events[1] (panel).agenda[2].speakers[1].title: unknown field"),
    (lambda d: d["support"]["help_desk"].update(email="help at iom"),
     "support.help_desk.email: 'help at iom' is not a full address"),
    (lambda d: d["support"]["recordings"].update(counts_as_attendance="maybe"),
     "support.recordings.counts_as_attendance: expected true, false or nothing"),
    (lambda d: d["support"]["forum"].update(url="https://x.org/f", platform=""),
     "support.forum.platform: name the platform"),
])
def test_bad_settings_name_the_file_and_the_field(tmp_path, change, message):
    settings = demo_events()
    change(settings)
    course = course_copy(tmp_path, settings)
    with pytest.raises(EventsConfigError) as err:
        live_events(course)
    assert str(course.events_file) in str(err.value) and message in str(err.value)


def test_a_course_without_the_file_shows_the_timetable_and_announces_the_rest(tmp_path):
    course = course_copy(tmp_path)
    course.events_file.unlink()
    live = live_events(course)
    event = live.event("session-2")
    assert render.agenda(live, event) == f"The agenda of this event is {TBA}."
    assert render.modules(event, modules_by_id()) == f"The modules this event builds on are {TBA}."
    assert "Wednesday 5 August 2020, 09:00–11:00" in render.summary(live, event)
    assert "](" not in render.links(live, event) and "](" not in render.support(live)


def test_a_new_course_folder_gets_the_events_file(tmp_path):
    course = Course.create(tmp_path / "c")
    assert course.events_file.read_text(encoding="utf-8") == \
        (DEMO_COURSE / "events.yml").read_text(encoding="utf-8")


# --- links: filled from the settings or "to be announced", never empty ---------------------------------

def test_empty_links_read_to_be_announced_and_never_make_a_link(live):
    for event in live.events:
        block = render.links(live, event)
        assert "](" not in block and block.count(TBA) == 3
    support = render.support(live)
    assert "](" not in re.sub(r"\{doc\}`[^`]*`", "", support)
    assert "help desk:** to be announced" in support.lower()


def test_links_set_in_the_settings_appear_and_the_forum_falls_back_to_the_programmes(tmp_path):
    settings = demo_events()
    settings["support"]["forum"]["url"] = "https://ecampus.example.org/forum"
    settings["support"]["help_desk"].update(email="help@example.org")
    settings["events"][0]["links"].update(recording="https://ecampus.example.org/rec/1", slides="")
    settings["events"][1]["links"].update(forum="https://ecampus.example.org/forum/s1")
    live = live_events(course_copy(tmp_path, settings))
    panel = render.links(live, live.event("panel"))
    assert "[Watch the recording](https://ecampus.example.org/rec/1)" in panel
    assert f"**Slides:** {TBA}" in panel
    assert "(https://ecampus.example.org/forum)" in panel
    assert "(https://ecampus.example.org/forum/s1)" in render.links(live, live.event("session-1"))
    support = render.support(live)
    assert "[help@example.org](mailto:help@example.org)" in support
    assert "[the programme's forum on E-Campus](https://ecampus.example.org/forum)" in support


def test_the_recording_rule_follows_the_settings(tmp_path):
    settings = demo_events()
    settings["support"]["recordings"]["counts_as_attendance"] = False
    support = render.support(live_events(course_copy(tmp_path, settings)))
    assert "does not count as attending" in support
    assert "recordings are posted on E-Campus" in support


def test_markdown_special_characters_in_the_settings_stay_literal():
    assert render.escape("A *bold* [claim]") == r"A \*bold\* \[claim\]"


# --- time in each member country --------------------------------------------------------------------

def at(day: dt.date, hour: int, zone: str = "America/Costa_Rica") -> tuple[dt.datetime, dt.datetime]:
    from zoneinfo import ZoneInfo

    start = dt.datetime.combine(day, dt.time(hour), ZoneInfo(zone))
    return start, start + dt.timedelta(hours=2)


def local_starts(day: dt.date, hour: int = 9) -> dict[str, str]:
    return {t.country.iso3: f"{t.starts:%H:%M}" for t in member_country_times(*at(day, hour))}


def test_the_panel_in_each_member_country_with_summer_time_on_its_date():
    assert local_starts(dt.date(2020, 7, 22)) == {
        "BLZ": "09:00", "CAN": "11:00", "CRI": "09:00", "DOM": "11:00", "SLV": "09:00",
        "GTM": "09:00", "HND": "09:00", "MEX": "10:00", "NIC": "09:00", "PAN": "10:00",
        "USA": "11:00"}


def test_winter_time_and_mexicos_end_of_summer_time_move_the_clocks():
    winter = local_starts(dt.date(2020, 1, 22))
    assert [winter[c] for c in ("CAN", "USA", "MEX", "DOM")] == ["10:00", "10:00", "09:00", "11:00"]
    after_2022 = local_starts(dt.date(2023, 7, 19))  # Mexico abolished summer time in October 2022
    assert (after_2022["MEX"], after_2022["USA"]) == ("09:00", "11:00")


def test_a_late_event_shows_the_next_day_where_it_is_already_tomorrow(tmp_path):
    sessions = yaml.safe_load((DEMO_COURSE / "completion.yml").read_text(encoding="utf-8"))["sessions"]
    sessions[0].update(start="22:00", end="23:30")
    settings = demo_events()
    settings["events"][0]["agenda"] = []
    live = live_events(course_copy(tmp_path, settings, sessions=sessions))
    table = render.member_times(live.event("panel"))
    assert "* - Canada (time in Ottawa)\n  - 00:00–01:30 (Thursday 23 July 2020)" in table
    assert "* - Belize\n  - 22:00–23:30\n" in table


def test_the_times_table_has_all_eleven_countries_and_names_the_capitals(live):
    table = render.member_times(live.event("session-3"))
    assert table.count("\n* - ") == 12  # header and 11 countries
    for name in ("Canada (time in Ottawa)", "Mexico (time in Mexico City)",
                 "United States (time in Washington, D.C.)"):
        assert name in table
    assert "span several time zones" in table


def test_utc_offsets_are_written_with_a_minus_sign():
    assert utc_offset_label(dt.timedelta(hours=-6)) == "UTC−6"
    assert utc_offset_label(dt.timedelta(hours=5, minutes=30)) == "UTC+5:30"


def test_an_unconfirmed_time_zone_is_said_plainly_and_a_confirmed_one_is_not(tmp_path, live):
    assert not live.timezone_confirmed
    said = render.summary(live, live.event("panel"))
    assert "The time zone is an assumption" in said and "America/Costa_Rica" in said
    confirmed = live_events(course_copy(tmp_path, timezone_confirmed=True))
    said = render.summary(confirmed, confirmed.event("panel"))
    assert "assumption" not in said and "as confirmed by the organisers" in said


def test_another_course_clock_moves_every_time(tmp_path):
    live = live_events(course_copy(tmp_path, timezone="America/Mexico_City"))
    event = live.event("panel")
    assert event.starts.astimezone(dt.UTC).hour == 14  # 09:00 in Mexico City, summer 2020
    assert "Mexico City, Mexico time, UTC−5" in render.summary(live, event)


# --- calendar files -----------------------------------------------------------------------------------

def parse(ics: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize("event_id", EVENT_IDS)
def test_each_calendar_file_parses_and_keeps_the_events_time(live, event_id):
    event = live.event(event_id)
    ics = event_calendar(live, event, stamp=STAMP)
    vevent = parse(ics)
    assert vevent.decoded("DTSTART") == event.starts
    assert vevent.decoded("DTEND") == event.ends
    assert vevent.decoded("DTSTART").astimezone(dt.UTC).hour == 15  # 09:00 at UTC−6
    assert vevent.decoded("DTSTAMP") == STAMP
    assert str(vevent["SUMMARY"]) == event.title
    assert str(vevent["UID"]).startswith(f"RCM-MPT-2020-{event_id}-")
    description = str(vevent["DESCRIPTION"])
    for row in event.agenda:
        assert row.activity in description
        for speaker in row.speakers:
            assert speaker.name is None or speaker.name in description
    assert "have not yet confirmed" in description


def test_calendar_files_follow_rfc_5545_lines(live):
    files = [event_calendar(live, e, stamp=STAMP) for e in live.events]
    uids = {str(parse(f)["UID"]) for f in files}
    assert len(uids) == len(files)
    for ics in files:
        assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
        lines = ics.split("\r\n")[:-1]
        assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
        assert all(len(line.encode("utf-8")) <= MAX_OCTETS for line in lines)
        assert any(line.startswith(" ") for line in lines)  # the description is folded
        unfolded = ics.replace("\r\n ", "")
        assert r"Rudi Maxwald\, Regional Liaison" in unfolded or "Maxwald" not in unfolded


def test_folding_never_splits_a_character_and_unfolds_to_the_original():
    line = "DESCRIPTION:" + "Aragón, Jiménez; " * 20
    folded = fold(line)
    assert all(len(piece.encode("utf-8")) <= MAX_OCTETS for piece in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_text_with_commas_semicolons_and_line_breaks_round_trips(live):
    event = live.event("session-2")
    vevent = parse(event_calendar(live, event, stamp=STAMP))
    description = str(vevent["DESCRIPTION"])
    assert "Estela Aragón, Research Officer, IOM" in description and "\n" in description


# --- the built site -------------------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def hrefs(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


@pytest.mark.parametrize("event_id", EVENT_IDS)
def test_the_site_has_each_event_page_with_a_valid_calendar_file(site, live, event_id):
    page = site / "book" / "events" / f"{event_id}.html"
    html = page.read_text(encoding="utf-8")
    event = live.event(event_id)
    title = html[html.index("<h1>"):html.index("</h1>")]
    assert event.title.replace('"', "") in re.sub(r"<[^>]+>|[“”\"]", "", title)
    for speaker in (s for row in event.agenda for s in row.speakers if s.name):
        assert speaker.name in html
    assert "The time zone is an assumption" in html
    assert "Mexico (time in Mexico City)" in html
    ics_links = [h for h in hrefs(page) if h.endswith(".ics")]
    assert ics_links == [f"../../calendar/{event_id}.ics"]
    ics = (page.parent / ics_links[0]).resolve()
    vevent = parse(ics.read_bytes().decode("utf-8"))
    assert vevent.decoded("DTSTART") == event.starts


@pytest.mark.parametrize("page", ["book/events/panel", "book/events/session-1", "book/events/session-2",
                                  "book/events/session-3", "book/agenda", "book/methodology",
                                  "book/participants"])
def test_no_link_on_the_event_and_support_pages_is_empty_or_dead(site, page):
    path = site / f"{page}.html"
    for href in hrefs(path):
        assert href.strip(), f"an empty link on {page}"
        parsed = urlparse(href)
        if parsed.scheme in ("http", "https", "mailto"):
            continue
        target = urlparse(urljoin(path.as_uri(), href)).path
        assert Path(target).exists(), f"{page}: {href} leads nowhere"


def test_the_programme_pages_carry_the_support_block(site):
    for page in ("book/agenda", "book/methodology", "book/participants", "book/events/panel"):
        html = (site / f"{page}.html").read_text(encoding="utf-8")
        assert "Help desk:" in html and "take part in every live event" in html, page
    agenda = (site / "book" / "agenda.html").read_text(encoding="utf-8")
    for event_id in EVENT_IDS:
        assert f'href="events/{event_id}.html"' in agenda


def test_an_event_without_a_page_fails_the_strict_build(monkeypatch):
    from migration_course import sphinx_ext

    class Env:
        found_docs = {sphinx_ext.AGENDA_PAGE, *(render.event_page(e) for e in EVENT_IDS[:-1])}

    warnings: list[str] = []
    monkeypatch.setattr(sphinx_ext.logger, "warning", lambda message, *a, **k: warnings.append(message))
    sphinx_ext.check_event_pages(None, Env())  # type: ignore[arg-type]
    assert warnings == ["live event 'session-3' has no page: add book/events/session-3.md and its "
                        "line in _toc.yml"]
    Env.found_docs = {"plain"}  # another book built with the extension: not the course book
    sphinx_ext.check_event_pages(None, Env())  # type: ignore[arg-type]
    assert len(warnings) == 1
