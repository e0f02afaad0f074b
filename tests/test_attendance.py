"""Attendance import: real Zoom/Teams shapes, union of connections, matching, CLI end to end."""

import datetime as dt

import pytest

from migration_course.attendance import load_attendance
from migration_course.attendance.match import match_rows, read_aliases
from migration_course.attendance.minutes import connected_minutes, tally
from migration_course.attendance.readers import JoinRow, ReportFormatError, read_report
from migration_course.cli import main
from migration_course.core.course import Course
from migration_course.core.participants import Participant, write_roster
from tools.demo_course import demo_completion
from tools.synthetic_attendance import intended_present, plan, write_session_reports
from tools.synthetic_cohort import cohort

D = dt.date(2020, 7, 29)
ROSTER = [Participant("GTM-01", "Ana María García López", "ana@example.org", "GTM", "", ""),
          Participant("GTM-02", "José Núñez", "jose@example.org", "GTM", "", ""),
          Participant("MEX-01", "Luis Pérez Díaz", "luis1@example.org", "MEX", "", ""),
          Participant("MEX-02", "Luis Pérez Ruiz", "luis2@example.org", "MEX", "", "")]


def t(hhmm):
    return dt.datetime.combine(D, dt.time.fromisoformat(hhmm))


def row(name="x", email="", join=None, leave=None, minutes=None, n=2):
    """A report row; like the readers, a row with times reports its span as its duration."""
    if minutes is None:
        minutes = (t(leave) - t(join)).total_seconds() / 60 if join and leave else 0.0
    return JoinRow("f.csv", n, name, email, join and t(join), leave and t(leave), minutes)


def synthetic_roster():
    counts, out = {}, []
    for p in cohort():
        counts[p.country] = counts.get(p.country, 0) + 1
        out.append(Participant(f"{p.country}-{counts[p.country]:02d}", p.full_name, p.email,
                               p.country, p.institution, p.role))
    return out


# -- readers ------------------------------------------------------------------------------------
ZOOM = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Virtual Session 1,07/29/2020 08:58:00 AM,07/29/2020 11:02:00 AM,host@example.org,124,3

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,In Waiting Room
Ana (Ana María García López),ana@example.org,07/29/2020 08:55:00 AM,07/29/2020 09:00:00 AM,5,No,Yes
Ana (Ana María García López),ana@example.org,07/29/2020 09:00:00 AM,07/29/2020 09:40:00 AM,40,No,No
"GARCIA, Ana",,07/29/2020 09:30:00 AM,07/29/2020 10:10:00 AM,40,Yes,No
JOSE NUNEZ,,07/29/2020 9:02 AM,yesterday,3,Yes,No
JOSE NUNEZ,,07/29/2020 09:05:00 AM,07/29/2020 10:59:30 AM,115,Yes,No
"""


def test_zoom_with_summary_block_waiting_room_and_a_bad_row(tmp_path):
    path = tmp_path / "anything.txt"
    path.write_text(ZOOM, encoding="utf-8")
    report = read_report(path)
    assert report.layout.startswith("Zoom")
    # The waiting-room row is not attendance; the unreadable row is reported, not fatal.
    assert [(r.row, r.name, r.email, r.join, r.leave, r.minutes) for r in report.rows] == [
        (6, "Ana (Ana María García López)", "ana@example.org", t("09:00"), t("09:40"), 40.0),
        (7, "GARCIA, Ana", "", t("09:30"), t("10:10"), 40.0),
        (9, "JOSE NUNEZ", "", t("09:05"), t("10:59:30"), 115.0)]
    [problem] = report.problems
    assert (problem.file, problem.row, problem.field) == ("anything.txt", 8, "leave time")
    assert "'yesterday'" in problem.reason and "import again" in problem.reason


def test_older_zoom_headers_and_iso_times(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("Name (original name),User Email,Join time,Leave time,Duration (minutes)\n"
                    "José Núñez,,2020-07-29 09:01:00,2020-07-29 10:31:00,90\n", encoding="utf-8")
    [r] = read_report(path).rows
    assert (r.join, r.leave, r.minutes) == (t("09:01"), t("10:31"), 90.0)


def test_day_first_exports_are_read_against_the_session_date(tmp_path):
    # A Spanish-locale Teams export of Virtual Session 2 (5 August 2020): "05/08/2020" is
    # day/month there; read as month/day it would be 8 May and the row would be misfiled.
    lines = ["Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
             "Ana García\t05/08/2020, 9:00:00 a. m.\t05/08/2020, 10:45:00 a. m.\t1h 45m\t\tAttendee",
             "José Núñez\t5/8/20, 09:10\t5/8/20, 10:20\t1h 10m\t\tAttendee"]
    end = dt.datetime(2020, 8, 5, 11, 0)
    rows = read_report(_utf16(tmp_path / "asistencia.csv", lines), session_end=end).rows
    assert [(r.join, r.leave) for r in rows] == [
        (dt.datetime(2020, 8, 5, 9, 0), dt.datetime(2020, 8, 5, 10, 45)),
        (dt.datetime(2020, 8, 5, 9, 10), dt.datetime(2020, 8, 5, 10, 20))]
    # Without the session date the same text is read the US way (the English exports).
    assert read_report(tmp_path / "asistencia.csv").rows[0].join == dt.datetime(2020, 5, 8, 9, 0)


TEAMS = ["1. Summary", "Meeting title\tVirtual Session 1", "Attended participants\t2",
         "Start time\t7/29/20, 8:59:00 AM", "End time\t7/29/20, 11:00:00 AM",
         "Meeting duration\t2h 1m 0s", "Average attendance time\t1h 30m 0s", "",
         "2. Participants",
         "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
         "Ana García\t7/29/20, 9:00:00 AM\t7/29/20, 10:30:00 AM\t1h 20m 0s\t\t\tAttendee",
         "José Núñez\t7/29/20, 9:01:23 AM\t7/29/20, 10:33:28 AM\t1h 32m 5s\tjose@example.org"
         "\tjose@example.org\tAttendee", ""]
ACTIVITIES = ["3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
              "Ana García\t7/29/20, 9:00:00 AM\t7/29/20, 9:40:00 AM\t40m 0s\t\tAttendee",
              "Ana García\t7/29/20, 9:50:00 AM\t7/29/20, 10:30:00 AM\t40m 0s\t\tAttendee",
              "José Núñez\t7/29/20, 9:01:23 AM\t7/29/20, 10:33:28 AM\t1h 32m 5s"
              "\tjose@example.org\tAttendee"]


def _utf16(path, lines):
    path.write_bytes(b"\xff\xfe" + "\r\n".join(lines).encode("utf-16-le"))
    return path


def test_teams_report_uses_in_meeting_activities(tmp_path):
    report = read_report(_utf16(tmp_path / "meetingAttendanceReport.csv", TEAMS + ACTIVITIES))
    assert "In-Meeting Activities" in report.layout
    assert [(r.row, r.name, r.join, r.leave) for r in report.rows] == [
        (16, "Ana García", t("09:00"), t("09:40")), (17, "Ana García", t("09:50"), t("10:30")),
        (18, "José Núñez", t("09:01:23"), t("10:33:28"))]
    assert report.rows[2].minutes == pytest.approx(92 + 5 / 60)


def test_teams_report_without_activities_uses_in_meeting_duration_only(tmp_path):
    report = read_report(_utf16(tmp_path / "r.csv", TEAMS))
    assert "Participants" in report.layout
    # First join to last leave would count Ana's 10-minute gap; the duration does not.
    assert [(r.name, r.join, r.minutes) for r in report.rows] == [
        ("Ana García", None, 80.0), ("José Núñez", None, pytest.approx(92 + 5 / 60))]


def test_legacy_teams_list_pairs_joins_with_leaves(tmp_path):
    path = _utf16(tmp_path / "list.csv", [
        "Full Name\tUser Action\tTimestamp",
        "José Núñez\tJoined before\t7/29/2020, 9:00:00 AM",
        "Ana García\tJoined\t7/29/2020, 9:10:00 AM",
        "José Núñez\tLeft\t7/29/2020, 9:30:00 AM",
        "José Núñez\tJoined\t7/29/2020, 9:35:00 AM",
        "Ana García\tLeft\t7/29/2020, 10:40:00 AM",
        "Ana García\tJoined\tnot a time",
        "Luis Pérez\tLeft\t7/29/2020, 9:20:00 AM"])
    report = read_report(path, session_end=t("11:00"))
    assert sorted((r.name, r.join, r.leave) for r in report.rows) == [
        ("Ana García", t("09:10"), t("10:40")), ("José Núñez", t("09:00"), t("09:30")),
        ("José Núñez", t("09:35"), t("11:00"))]  # never left: runs to the end of the session
    assert [(p.row, p.field) for p in report.problems] == [(7, "timestamp"), (8, "user action")]


def test_legacy_teams_list_with_two_devices_at_once(tmp_path):
    path = _utf16(tmp_path / "list.csv", [
        "Full Name\tUser Action\tTimestamp",
        "Ana García\tJoined\t7/29/2020, 9:00:00 AM",     # laptop
        "Ana García\tJoined\t7/29/2020, 9:30:00 AM",     # phone, laptop still connected
        "Ana García\tLeft\t7/29/2020, 9:40:00 AM",
        "Ana García\tLeft\t7/29/2020, 11:00:00 AM"])
    report = read_report(path, session_end=t("11:00"))
    assert not report.problems
    assert connected_minutes(report.rows) == 120  # not 40


def test_semicolon_report_resaved_by_a_spanish_excel(tmp_path):
    path = tmp_path / "zoom.csv"
    path.write_text("Name (Original Name);User Email;Join Time;Leave Time;Duration (Minutes)\n"
                    "José Núñez;jose@example.org;29/07/2020 09:01;29/07/2020 10:41;100\n",
                    encoding="cp1252")
    [r] = read_report(path, session_end=t("11:00")).rows
    assert (r.name, r.join, r.leave) == ("José Núñez", t("09:01"), t("10:41"))


def test_a_report_of_another_day_is_refused(tmp_path):
    path = tmp_path / "panel.csv"
    path.write_text("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
                    "Ana,,07/22/2020 09:00:00 AM,07/22/2020 11:00:00 AM,120\n", encoding="utf-8")
    with pytest.raises(ReportFormatError, match="dated 2020-07-22.*session is on 2020-07-29"):
        read_report(path, session_end=t("11:00"))  # a session of 29 July


def test_a_report_in_another_language_says_what_to_do(tmp_path):
    path = tmp_path / "zoom.csv"
    path.write_text("Nombre,Correo,Entrada,Salida\nAna,,x,y\n", encoding="utf-8")
    with pytest.raises(ReportFormatError, match="switch it to English"):
        read_report(path)


def test_unknown_format_names_the_file_the_headers_and_the_formats(tmp_path):
    path = tmp_path / "webex.csv"
    path.write_text("Attendee,Joined,Left\nAna,9:00,10:00\n", encoding="utf-8")
    with pytest.raises(ReportFormatError) as err:
        read_report(path)
    message = str(err.value)
    assert "webex.csv" in message and "Attendee, Joined, Left" in message
    assert "Zoom" in message and "Teams attendance list (before 2021)" in message


# -- minutes ------------------------------------------------------------------------------------
def test_overlapping_and_repeated_joins_are_not_double_counted():
    assert connected_minutes([row(join="09:00", leave="09:40"),
                              row(join="09:30", leave="10:10")]) == 70  # not 80
    assert connected_minutes([row(join="09:00", leave="10:00")] * 2) == 60  # same join twice
    assert connected_minutes([row(join="09:00", leave="09:20"), row(join="09:05", leave="09:10"),
                              row(join="09:30", leave="09:45"),
                              row(minutes=12.5)]) == 20 + 15 + 12.5


def test_one_merged_row_with_gaps_counts_the_reported_duration():
    # Zoom's "Show unique users" export: first join 09:00, last leave 11:00, but connected for
    # 60 minutes in all; the span would wrongly make this person present.
    assert connected_minutes([row(join="09:00", leave="11:00", minutes=60)]) == 60
    assert connected_minutes([row(join="09:00", leave="11:00", minutes=60),
                              row(join="09:00", leave="09:10")]) == 70


def test_exactly_the_threshold_counts_as_present():
    threshold = demo_completion().min_minutes("session-1")
    start = t("09:00")
    exact = JoinRow("f", 2, "a", "", start, start + dt.timedelta(minutes=threshold), threshold)
    short = JoinRow("f", 3, "b", "", start, start + dt.timedelta(minutes=threshold - 0.5),
                     threshold - 0.5)
    records = tally({"A": [exact], "B": [short]}, ["A", "B", "C"], threshold)
    assert [(r.participant, r.minutes, r.present) for r in records] == [
        ("A", threshold, True), ("B", threshold - 0.5, False), ("C", 0.0, False)]
    assert records[0].sources == "f rows 2"


# -- matching -----------------------------------------------------------------------------------
def test_name_variants_and_emails_match_the_roster():
    rows = [row("Someone", " JOSE@Example.org "), row("GARCIA LOPEZ, Ana Maria"),
            row("Ana García"), row("Ana (Ana María García López)"), row("jose  nuñez"),
            row("Luis Pérez Ruiz")]
    result = match_rows(rows, ROSTER)
    assert {pid: [r.name for r in rs] for pid, rs in result.by_participant.items()} == {
        "GTM-02": ["Someone", "jose  nuñez"],
        "GTM-01": ["GARCIA LOPEZ, Ana Maria", "Ana García", "Ana (Ana María García López)"],
        "MEX-02": ["Luis Pérez Ruiz"]}
    assert result.unmatched == [] and result.ambiguous == []


def test_ambiguous_and_unmatched_rows_are_never_guessed():
    result = match_rows([row("Luis Pérez"), row("Ana"), row("Guest 1234"),
                         row("Carlos Ramírez", "carlos@example.org")], ROSTER)
    assert [(r.name, ids) for r, ids in result.ambiguous] == [("Luis Pérez", ("MEX-01", "MEX-02"))]
    assert [r.name for r in result.unmatched] == ["Ana", "Guest 1234", "Carlos Ramírez"]
    assert result.by_participant == {}
    twin = Participant("HND-01", "José NÚÑEZ", "jose.n@example.org", "HND", "", "")
    result = match_rows([row("Núñez, José"), row("JOSE NUNEZ", "jose.n@example.org")],
                        [*ROSTER, twin])
    assert [ids for _, ids in result.ambiguous] == [("GTM-02", "HND-01")]  # same name: ask
    assert list(result.by_participant) == ["HND-01"]  # the e-mail tells them apart


def test_aliases_settle_rows_on_the_next_import(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("display name,participant id\nLuis Pérez,MEX-01\nGuest 1234,GTM-02\n"
                    "Nobody,XXX-09\n", encoding="utf-8")
    aliases, problems = read_aliases(path, [p.id for p in ROSTER])
    assert aliases == {"Luis Pérez": "MEX-01", "Guest 1234": "GTM-02"}
    assert [(p.row, p.field) for p in problems] == [(4, "participant id")]
    result = match_rows([row("PEREZ, Luis"), row("guest 1234")], ROSTER, aliases)
    assert sorted(result.by_participant) == ["GTM-02", "MEX-01"]


# -- synthetic reports --------------------------------------------------------------------------
def test_synthetic_reports_round_trip_to_the_intended_attendance(tmp_path):
    roster, completion = synthetic_roster(), demo_completion()
    layouts = {}
    for session in completion.sessions:
        paths = write_session_reports(roster, session, tmp_path / "a", seed=7)
        again = write_session_reports(roster, session, tmp_path / "b", seed=7)
        assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
        end = dt.datetime.combine(session.date, session.end)
        reports = [read_report(p, end) for p in paths]
        layouts[session.id] = reports[0].layout.split()[0]
        rows = [r for rep in reports for r in rep.rows]
        assert [p for rep in reports for p in rep.problems] == []
        result = match_rows(rows, roster)
        assert [r.name for r in result.unmatched] == ["iPhone de Invitado"]
        assert result.ambiguous == []
        assert len(rows) > len(result.by_participant) + 1  # rejoins and a second device
        threshold = completion.min_minutes(session.id)
        present = {r.participant for r in tally(result.by_participant, [p.id for p in roster],
                                                threshold) if r.present}
        intended = intended_present(roster, session, seed=7)
        assert present == intended
        assert 0 < len(roster) - len(intended) < 10  # some fall below, and not the same ones
    assert layouts == {"panel": "Zoom", "session-1": "Zoom", "session-2": "Teams",
                       "session-3": "Zoom"}
    assert intended_present(roster, completion.sessions[0], 7) != \
        intended_present(roster, completion.sessions[1], 7)


# -- the command line ---------------------------------------------------------------------------
def test_cli_import_and_show(tmp_path, capsys):
    course = Course.create(tmp_path / "course")
    roster = synthetic_roster()
    write_roster(roster, course.roster_file)
    opts = ["--course", str(course.root)]
    completion = demo_completion()
    panel = completion.session("panel")
    [report] = write_session_reports(roster, panel, tmp_path / "reports")

    assert main(["attendance", "import", "panel", str(report), *opts]) == 0
    out = capsys.readouterr().out
    expected = intended_present(roster, panel)
    assert f"present (>= {completion.min_minutes('panel'):g} min): {len(expected)}" in out
    assert f"below threshold: {len(roster) - len(expected)}" in out
    assert "1 rows matching nobody" in out and "'iPhone de Invitado'" in out
    attendance = load_attendance(course)
    assert list(attendance) == ["panel"] and len(attendance["panel"]) == len(roster)
    assert {pid for pid, m in attendance["panel"].items()
            if m >= completion.min_minutes("panel")} == expected
    assert "iPhone de Invitado" in (course.private / "attendance" /
                                    "panel.unmatched.csv").read_text(encoding="utf-8")

    # Two files for one session (a second room, legacy Teams), an alias and a bad row.
    spans = plan(roster, panel).spans
    absent = [p for p in roster if p.id not in spans]
    second = _utf16(tmp_path / "room-b.csv", [
        "Full Name\tUser Action\tTimestamp",
        f"{absent[0].full_name}\tJoined\t7/22/2020, 9:00:00 AM",
        "Mystery Caller\tJoined\t7/22/2020, 9:00:00 AM",
        "Mystery Caller\tLeft\t7/22/2020, 10:40:00 AM",
        f"{roster[1].full_name}\tJoined\tlater"])
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(f"Mystery Caller,{absent[1].id}\n", encoding="utf-8")
    assert main(["attendance", "import", "panel", str(report), str(second), "--aliases",
                 str(aliases), *opts]) == 0
    out = capsys.readouterr().out
    assert "room-b.csv, row 5, timestamp" in out
    panel_minutes = load_attendance(course)["panel"]
    assert panel_minutes[absent[0].id] == 125.0  # joined at 9:00, never left: to 11:05
    assert panel_minutes[absent[1].id] == 100.0

    assert main(["attendance", "show", *opts]) == 0
    table = capsys.readouterr().out
    line = next(x for x in table.splitlines() if x.startswith(absent[0].id))
    assert line.split()[1:] == ["125", "yes", "-", "-", "-"]
    assert "session-3" in table.splitlines()[1]


def test_cli_errors_are_clear_and_write_nothing(tmp_path, capsys):
    course = Course.create(tmp_path / "course")
    write_roster(ROSTER, course.roster_file)
    opts = ["--course", str(course.root)]
    bad = tmp_path / "webex.csv"
    bad.write_text("Attendee,Joined\n", encoding="utf-8")
    assert main(["attendance", "import", "session-9", str(bad), *opts]) == 2
    assert "panel, session-1, session-2, session-3" in capsys.readouterr().err
    assert main(["attendance", "import", "panel", str(bad), *opts]) == 2
    err = capsys.readouterr().err
    assert "webex.csv" in err and "nothing was imported" in err
    assert load_attendance(course) == {}


def test_a_stray_file_in_the_attendance_folder_is_named(tmp_path):
    from migration_course.core.csvfiles import RecordFileError

    course = Course(tmp_path)
    folder = course.private / "attendance"
    folder.mkdir(parents=True)
    (folder / "aliases.csv").write_text("display name,participant id\nAna,GTM-01\n", "utf-8")
    with pytest.raises(RecordFileError, match=r"aliases.csv: not an attendance file.*move it out"):
        load_attendance(course)


# -- only the scheduled session counts -----------------------------------------------------------
SESSION_1 = (t("09:00"), t("11:00"))


def test_minutes_outside_the_session_do_not_count():
    # connected 07:05-09:35 to a 09:00-11:00 session: 35 minutes, not 150
    assert connected_minutes([row(join="07:05", leave="09:35")], SESSION_1) == 35
    assert connected_minutes([row(join="10:30", leave="12:30")], SESSION_1) == 30
    assert connected_minutes([row(join="07:00", leave="08:59")], SESSION_1) == 0
    # a duration-only row never counts beyond the session's length
    assert connected_minutes([row(minutes=300)], SESSION_1) == 120


def zoom_report(path, joins):
    lines = ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"]
    lines += [f"{p.full_name},{p.email},07/29/2020 {a},07/29/2020 {b},{m},No"
              for p, (a, b, m) in joins.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_early_arrival_who_leaves_early_is_below_the_threshold(tmp_path, capsys):
    course = Course.create(tmp_path / "course")
    write_roster(ROSTER, course.roster_file)
    report = zoom_report(tmp_path / "z.csv", {ROSTER[0]: ("07:05:00 AM", "09:35:00 AM", 150),
                                              ROSTER[1]: ("09:00:00 AM", "10:45:00 AM", 105)})
    assert main(["attendance", "import", "session-1", str(report), "--course", str(course.root)]) == 0
    minutes = load_attendance(course)["session-1"]
    assert minutes["GTM-01"] == 35 and minutes["GTM-02"] == 105


def test_a_report_in_another_time_zone_is_converted_or_refused(tmp_path, capsys):
    course = Course.create(tmp_path / "course")  # timetables on Costa Rica's clock (UTC-6)
    write_roster(ROSTER, course.roster_file)
    # Exported from an account in Mexico City, on summer time in July 2020 (UTC-5): one hour later.
    report = zoom_report(tmp_path / "mx.csv", {ROSTER[0]: ("12:05:00 PM", "01:55:00 PM", 110)})
    opts = ["--course", str(course.root)]
    assert main(["attendance", "import", "session-1", str(report), *opts]) == 2
    err = capsys.readouterr().err
    assert "mx.csv" in err and "12:05-13:55" in err and "--export-timezone" in err
    assert load_attendance(course) == {}  # nothing written
    # 12:05-13:55 in Mexico City is 11:05-12:55 in Costa Rica: still outside 09:00-11:00
    assert main(["attendance", "import", "session-1", str(report), *opts,
                 "--export-timezone", "America/Mexico_City"]) == 2
    assert "11:05-12:55" in capsys.readouterr().err
    report = zoom_report(tmp_path / "mx2.csv", {ROSTER[0]: ("10:00:00 AM", "12:00:00 PM", 120)})
    assert main(["attendance", "import", "session-1", str(report), *opts,
                 "--export-timezone", "America/Mexico_City"]) == 0
    assert load_attendance(course)["session-1"]["GTM-01"] == 120
    assert main(["attendance", "import", "session-1", str(report), *opts,
                 "--export-timezone", "Mars/Olympus"]) == 2
    assert "not a time zone name" in capsys.readouterr().err


def test_times_that_state_their_offset_are_moved_by_it(tmp_path, capsys):
    course = Course.create(tmp_path / "course")  # session-1: 09:00-11:00 in Costa Rica (UTC-6)
    write_roster(ROSTER, course.roster_file)
    lines = ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
             f"{ROSTER[0].full_name},{ROSTER[0].email},2020-07-29T15:00:00Z,2020-07-29T16:30:00Z,90,No",
             f"{ROSTER[1].full_name},{ROSTER[1].email},07/29/2020 10:00:00 AM UTC-05:00,"
             "07/29/2020 11:40:00 AM UTC-05:00,100,No"]
    report = tmp_path / "utc.csv"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    opts = ["--course", str(course.root)]
    assert main(["attendance", "import", "session-1", str(report), *opts]) == 0
    minutes = load_attendance(course)["session-1"]
    assert minutes["GTM-01"] == 90 and minutes["GTM-02"] == 100  # 09:00-10:30 and 09:00-10:40
    # Naming a zone that contradicts the stated offset: refused, nothing changed.
    assert main(["attendance", "import", "session-1", str(report), *opts,
                 "--export-timezone", "Europe/Madrid"]) == 2
    err = capsys.readouterr().err
    assert "utc.csv, row 2" in err and "UTC+00:00" in err and "Europe/Madrid was UTC+02:00" in err
    assert load_attendance(course)["session-1"] == minutes


def test_parse_time_keeps_a_stated_offset_and_nothing_else():
    from migration_course.attendance.readers import parse_time

    assert parse_time("7/29/20, 9:01:23 AM").tzinfo is None
    assert parse_time("07/29/2020 09:01:23 AM GMT-6").utcoffset() == dt.timedelta(hours=-6)
    assert parse_time("29/07/2020 09:01 (UTC-05:00)").utcoffset() == dt.timedelta(hours=-5)
    assert parse_time("2020-07-29T15:00:00+00:00").hour == 15
