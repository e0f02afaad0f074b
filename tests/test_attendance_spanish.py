"""Spanish-locale Zoom and Teams exports read exactly like their English twins.

Every sample below is written twice from one list of connections, once with the English
headers and words, once with the Spanish ones documented (with their sources) in
migration_course/attendance/LAYOUTS.md, and must give the same rows, problems and minutes.
"""

import datetime as dt

import pytest

from migration_course.attendance import load_attendance
from migration_course.attendance.minutes import connected_minutes
from migration_course.attendance.readers import (
    ReportFormatError,
    parse_minutes,
    parse_time,
    read_report,
)
from migration_course.cli import main
from migration_course.core.course import Course
from migration_course.core.participants import Participant, write_roster

D = dt.date(2020, 7, 29)  # Virtual Session 1 (session-1 of the demo course), 09:00-11:00
END = dt.datetime(2020, 7, 29, 11, 0)


def t(hhmmss):
    return dt.datetime.combine(D, dt.time.fromisoformat(hhmmss))


def us(hhmmss):
    """Zoom's English clock: 07/29/2020 09:05:00 AM."""
    return t(hhmmss).strftime("%m/%d/%Y %I:%M:%S %p")


def us_short(hhmmss):
    """The old Teams list's English clock: 7/29/2020, 9:05:00 AM."""
    when = t(hhmmss)
    return f"{D.month}/{D.day}/{D.year}, {(when.hour - 1) % 12 + 1}:{when:%M:%S %p}"


def es(hhmmss, style="a. m."):
    """A Spanish-locale clock, day first: 29/07/2020 9:05:00 a. m. (or 24 h with style=None)."""
    when = t(hhmmss)
    if style is None:
        return f"{when:%d/%m/%Y} {when.hour}:{when:%M:%S}"
    half = style.replace("a", "p") if when.hour >= 12 else style
    return f"{when:%d/%m/%Y} {(when.hour - 1) % 12 + 1}:{when:%M:%S} {half}"


def minutes_by_name(report):
    names = sorted({r.name for r in report.rows})
    return {n: connected_minutes([r for r in report.rows if r.name == n]) for n in names}


def same_reading(english, spanish):
    """Rows and problem positions identical; minutes per person identical."""
    assert [(r.row, r.name, r.email, r.join, r.leave, r.minutes) for r in spanish.rows] == [
        (r.row, r.name, r.email, r.join, r.leave, r.minutes) for r in english.rows]
    assert [p.row for p in spanish.problems] == [p.row for p in english.problems]
    assert minutes_by_name(spanish) == minutes_by_name(english)
    assert spanish.layout == english.layout


# -- Zoom ---------------------------------------------------------------------------------------
# (name, e-mail, join, leave, minutes, guest, in waiting room, Spanish clock style: how this
# row writes "a. m.", its afternoon "p. m." alike; None for 24 h)
ZOOM_ROWS = [
    ("Ana (Ana María García López)", "ana@example.org", "08:55:00", "09:00:00", 5, False, True,
     "a. m."),
    ("Ana (Ana María García López)", "ana@example.org", "09:00:00", "09:40:00", 40, False, False,
     "a.m."),
    ("GARCÍA, Ana", "", "09:30:00", "10:10:00", 40, True, False, "a.\u00a0m."),
    ("Íñigo Muñoz", "", "09:02:00", None, 3, True, False, "a. m."),  # leave: "ayer"/"yesterday"
    ("José Núñez", "jose@example.org", "09:05:00", "12:15:00", 190, False, False, "a. m."),
    ("Begoña Ordóñez", "", "10:00:00", "10:59:30", 59, True, False, None),
]


def zoom_csv(language):
    """A Zoom participants export with its meeting summary block."""
    english = language == "en"
    if english:
        summary = ["Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
                   f"812 3456 7890,Virtual Session 1,{us('08:58:00')},{us('12:20:00')},"
                   "host@example.org,202,5"]
        header = ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,"
                  "In Waiting Room")
    else:
        # The Spanish words of the summary block are NOT confirmed by any source (LAYOUTS.md);
        # the reader must skip the block whatever it says, as it does in English.
        summary = ["ID de la reunión,Tema,Hora de inicio,Hora de finalización,Correo electrónico,"
                   "Duración (minutos),Participantes",
                   f"812 3456 7890,Sesión virtual 1,{es('08:58:00')},{es('12:20:00')},"
                   "host@example.org,202,5"]
        header = ("Nombre (nombre original),Correo electrónico,Hora de entrada,Hora de salida,"
                  "Duración (minutos),Invitado,Respuesta al descargo de responsabilidad relativa a "
                  "la grabación,En sala de espera")
    yes, no = ("Yes", "No") if english else ("Sí", "No")
    lines = [*summary, "", header]
    for name, email, join, leave, minutes, guest, waiting, style in ZOOM_ROWS:
        clock = us if english else (lambda hhmmss, s=style: es(hhmmss, s))
        left = clock(leave) if leave else ("yesterday" if english else "ayer")
        cells = [f'"{name}"' if "," in name else name, email, clock(join), left, str(minutes),
                 yes if guest else no]
        if not english:
            cells.append("Acepto")  # the recording-consent column the reader does not use
        cells.append(yes if waiting else no)
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def test_zoom_spanish_export_with_summary_block_reads_like_the_english_one(tmp_path):
    (tmp_path / "en.csv").write_text(zoom_csv("en"), encoding="utf-8")
    (tmp_path / "es.csv").write_text(zoom_csv("es"), encoding="utf-8-sig")  # Zoom's BOM
    english, spanish = read_report(tmp_path / "en.csv", END), read_report(tmp_path / "es.csv", END)
    same_reading(english, spanish)
    assert spanish.layout.startswith("Zoom")
    # "En sala de espera: Sí" is not attendance, exactly like "In Waiting Room: Yes".
    assert [(r.name, r.join, r.leave) for r in spanish.rows] == [
        ("Ana (Ana María García López)", t("09:00"), t("09:40")),
        ("GARCÍA, Ana", t("09:30"), t("10:10")),
        ("José Núñez", t("09:05"), t("12:15")),  # "12:15:00 p. m." is a quarter past noon
        ("Begoña Ordóñez", t("10:00"), t("10:59:30"))]
    # The unreadable row is named with the file's own Spanish column.
    [problem] = spanish.problems
    assert (problem.row, problem.field) == (8, "hora de salida")
    assert "'ayer'" in problem.reason and "Íñigo Muñoz" in problem.reason
    assert english.problems[0].field == "leave time"


def test_day_first_dates_need_the_session_date_only_when_ambiguous(tmp_path):
    # 5 August 2020 written day first; read against a session of 5 August, not 8 May.
    path = tmp_path / "agosto.csv"
    path.write_text("Nombre (nombre original),Correo electrónico,Hora de entrada,Hora de salida,"
                    "Duración (minutos)\n"
                    "José Núñez,,05/08/2020 9:00:00 a. m.,05/08/2020 10:45:00 a. m.,105\n",
                    encoding="utf-8")
    [row] = read_report(path, dt.datetime(2020, 8, 5, 11, 0)).rows
    assert (row.join, row.leave) == (dt.datetime(2020, 8, 5, 9), dt.datetime(2020, 8, 5, 10, 45))


# The older Spanish Zoom header, as found re-saved with semicolons by a Spanish Excel (LAYOUTS.md
# Z-old): "Hora para unirse", "E-mail del usuario".
OLD_ZOOM = {"en": "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)",
            "es": "Nombre (nombre original);E-mail del usuario;Hora para unirse;Hora para salir;"
                  "Duración (minutos)"}


def test_older_zoom_spanish_headers_resaved_by_excel_with_semicolons(tmp_path):
    en = tmp_path / "en.csv"
    en.write_text(f"{OLD_ZOOM['en']}\nJosé Núñez,jose@example.org,{us('09:01:00')},"
                  f"{us('10:41:00')},100\n", encoding="utf-8")
    spanish = tmp_path / "es.csv"
    spanish.write_bytes(f"{OLD_ZOOM['es']}\nJosé Núñez;jose@example.org;{es('09:01:00', None)};"
                        f"{es('10:41:00', None)};100\n".encode("cp1252"))
    same_reading(read_report(en, END), read_report(spanish, END))
    [row] = read_report(spanish, END).rows
    assert (row.name, row.email, row.join, row.minutes) == ("José Núñez", "jose@example.org",
                                                           t("09:01"), 100.0)


# -- Teams attendance report (2021 format) --------------------------------------------------------
def _utf16(path, lines, newline="\r\n"):
    path.write_bytes(b"\xff\xfe" + newline.join(lines).encode("utf-16-le"))
    return path


def teams_report(language, activities=True):
    """Teams' attendance report: summary, participants and (in English) per-join activities."""
    nb = "\u00a0"  # Teams may separate a duration's parts with no-break spaces (LAYOUTS.md T-php)
    if language == "en":
        lines = ["1. Summary", "Meeting title\tVirtual Session 1", "Start time\t7/29/20, 8:59:00 AM",
                 "Meeting duration\t2h 1m 0s", "Average attendance time\t1h 30m 0s", "",
                 "2. Participants",
                 "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
                 "Ana García\t7/29/20, 9:00:00 AM\t7/29/20, 10:30:00 AM\t1h 20m 0s\t\t\tAttendee",
                 "José Núñez\t7/29/20, 9:01:23 AM\t7/29/20, 10:33:28 AM\t1h 32m 5s"
                 "\tjose@example.org\tjose@example.org\tAttendee",
                 "Luis Pérez\t7/29/20, 9:10:00 AM\t7/29/20, 9:20:00 AM\t\t\t\tAttendee", ""]
        if activities:
            lines += ["3. In-Meeting Activities",
                      "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
                      "Ana García\t7/29/20, 9:00:00 AM\t7/29/20, 9:40:00 AM\t40m 0s\t\tAttendee",
                      "Ana García\t7/29/20, 9:50:00 AM\t7/29/20, 10:30:00 AM\t40m 0s\t\tAttendee",
                      "José Núñez\t7/29/20, 9:01:23 AM\t7/29/20, 10:33:28 AM\t1h 32m 5s"
                      "\tjose@example.org\tAttendee"]
        return lines
    # Times in US order even in Spanish, as both real sources show (LAYOUTS.md T-php, T-py).
    lines = ["1. Resumen", "Título de la reunión\tSesión virtual 1",
             "Hora de inicio\t7/29/20, 8:59:00 AM", "Duración de la reunión\t2 h 1 min 0 s",
             "Tiempo medio de asistencia\t1 h 30 min 0 s", "",
             "2. Participantes",
             "Nombre\tPrimera entrada\tÚltima salida\tDuración de la reunión\tCorreo electrónico"
             "\tId. de participante (UPN)\tRol",
             # Spanish role words are not confirmed (and not read): "Asistente" is a placeholder.
             "Ana García\t7/29/20, 9:00:00 AM\t7/29/20, 10:30:00 AM\t1 h 20 min\t\t\tAsistente",
             f"José Núñez\t7/29/20, 9:01:23 AM\t7/29/20, 10:33:28 AM\t1{nb}h{nb}32{nb}min{nb}5{nb}s"
             "\tjose@example.org\tjose@example.org\tAsistente",
             "Luis Pérez\t7/29/20, 9:10:00 AM\t7/29/20, 9:20:00 AM\t\t\t\tAsistente", ""]
    if activities:
        # The section's heading is confirmed, its Spanish column names are NOT (LAYOUTS.md): the
        # reader must not depend on them and reads "2. Participantes" instead.
        lines += ["3. Actividades de la reunión",
                  "Nombre\tHora de entrada\tHora de salida\tDuración\tCorreo electrónico\tRol",
                  "Ana García\t7/29/20, 9:00:00 AM\t7/29/20, 9:40:00 AM\t40 min 0 s\t\tAsistente",
                  "Ana García\t7/29/20, 9:50:00 AM\t7/29/20, 10:30:00 AM\t40 min 0 s\t\tAsistente",
                  "José Núñez\t7/29/20, 9:01:23 AM\t7/29/20, 10:33:28 AM\t1 h 32 min 5 s"
                  "\tjose@example.org\tAsistente"]
    return lines


def test_teams_spanish_report_gives_the_english_minutes(tmp_path):
    spanish = read_report(_utf16(tmp_path / "Informe de asistencia.csv", teams_report("es")), END)
    english = read_report(_utf16(tmp_path / "meetingAttendanceReport.csv", teams_report("en")), END)
    assert "Participants" in spanish.layout  # "2. Participantes": one duration per person
    assert minutes_by_name(spanish) == minutes_by_name(english) == {
        "Ana García": 80.0, "José Núñez": pytest.approx(92 + 5 / 60)}  # gap 9:40-9:50 not counted
    [problem] = spanish.problems
    assert (problem.row, problem.field) == (11, "duración de la reunión")
    assert "Luis Pérez" in problem.reason


def test_teams_spanish_participants_section_matches_its_english_twin(tmp_path):
    english = read_report(_utf16(tmp_path / "en.csv", teams_report("en", activities=False)), END)
    spanish = read_report(_utf16(tmp_path / "es.csv", teams_report("es", activities=False)), END)
    same_reading(english, spanish)
    assert [p.field for p in english.problems] == ["in-meeting duration"]


# -- Teams attendance list (before 2021) ----------------------------------------------------------
# (name, action, time): the real Spanish list (LAYOUTS.md T-legacy) writes "Unido",
# "Se unió antes", "Abandonó" and 23/2/2021 8:30:03; the English one Joined/Joined before/Left.
LEGACY_ROWS = [
    ("José Núñez", "joined before", "09:00:00"),
    ("Ana García", "joined", "09:10:00"),
    ("Ana García", "joined", "09:30:00"),  # a second device, the laptop still connected
    ("José Núñez", "left", "09:30:00"),
    ("José Núñez", "joined", "09:35:00"),
    ("Ana García", "left", "09:40:00"),
    ("Ana García", "left", "10:40:00"),
    ("Ana García", "joined", None),  # an unreadable time
    ("Luis Pérez", "left", "09:20:00"),  # left without joining
]
LEGACY_WORDS = {"en": {"header": ("Full Name", "User Action", "Timestamp"), "joined": "Joined",
                       "joined before": "Joined before", "left": "Left"},
                "es": {"header": ("Nombre completo", "Acción del usuario", "Marca de tiempo"),
                       "joined": "Unido", "joined before": "Se unió antes", "left": "Abandonó"}}


def legacy_lines(language, sep="\t"):
    words = LEGACY_WORDS[language]
    lines = [sep.join(words["header"])]
    for name, action, when in LEGACY_ROWS:
        if when is None:
            stamp = "not a time" if language == "en" else "sin hora"
        elif language == "en":
            stamp = us_short(when)
        else:
            stamp = f"{D.day}/{D.month}/{D.year} {t(when).hour}:{t(when):%M:%S}"
        lines.append(sep.join((name, words[action], stamp)))
    return lines


def test_legacy_teams_spanish_list_pairs_unido_with_abandono(tmp_path):
    english = read_report(_utf16(tmp_path / "en.csv", legacy_lines("en")), END)
    # The real Spanish file: UTF-16 with BOM, tabs, LF line ends.
    spanish = read_report(_utf16(tmp_path / "es.csv", legacy_lines("es"), newline="\n"), END)
    same_reading(english, spanish)
    assert sorted((r.name, r.join, r.leave) for r in spanish.rows) == [
        ("Ana García", t("09:10"), t("09:40")), ("Ana García", t("09:30"), t("10:40")),
        ("José Núñez", t("09:00"), t("09:30")),  # "Se unió antes": joined before the host
        ("José Núñez", t("09:35"), t("11:00"))]  # never left: runs to the end of the session
    assert minutes_by_name(spanish) == {"Ana García": 90.0, "José Núñez": 115.0}
    assert [(p.row, p.field) for p in spanish.problems] == [(9, "marca de tiempo"),
                                                            (10, "acción del usuario")]
    assert [(p.row, p.field) for p in english.problems] == [(9, "timestamp"), (10, "user action")]


def test_legacy_spanish_list_resaved_by_excel_with_semicolons(tmp_path):
    path = tmp_path / "lista.csv"
    path.write_bytes(("\r\n".join(legacy_lines("es", sep=";")) + "\r\n").encode("cp1252"))
    english = read_report(_utf16(tmp_path / "en.csv", legacy_lines("en")), END)
    same_reading(english, read_report(path, END))


# -- the pieces -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "minutes"), [
    ("1 h 47 min", 107), ("25 min 26 s", 25 + 26 / 60), ("1 h 48 min 58 s", 108 + 58 / 60),
    ("1\u00a0h\u00a048\u00a0min", 108), ("1h 32m 5s", 92 + 5 / 60), ("40m 0s", 40), ("93", 93)])
def test_durations_in_both_languages(text, minutes):
    assert parse_minutes(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["", "1 hora", "unos minutos", "1 h 47"])
def test_durations_that_are_not(text):
    assert parse_minutes(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("29/07/2020 9:02:03 a. m.", t("09:02:03")), ("29/07/2020 9:02:03 a.m.", t("09:02:03")),
    ("29/07/2020 1:02:03 p. m.", t("13:02:03")), ("29/07/2020 12:15:00 p. m.", t("12:15")),
    ("29/07/2020 12:05:00 a. m.", t("00:05")), ("29/7/2020 9:02:03", t("09:02:03")),
    ("29/07/2020, 9:02\u202fa.\u00a0m.", t("09:02")), ("7/29/20, 9:02:03 AM", t("09:02:03"))])
def test_spanish_clocks(text, expected):
    assert parse_time(text, D) == expected


def test_a_report_in_a_language_still_unknown_lists_what_is_accepted(tmp_path):
    path = tmp_path / "asistencia.csv"
    path.write_text("Persona,Llegada,Salida\nAna,9:00,10:00\n", encoding="utf-8")
    with pytest.raises(ReportFormatError) as err:
        read_report(path)
    message = str(err.value)
    assert "asistencia.csv" in message and "Headers found: Persona, Llegada, Salida" in message
    for accepted in ("name (original name) / name / nombre (nombre original)",
                     "first join / primera entrada", "user action / acción del usuario",
                     "English and Spanish"):
        assert accepted in message
    assert "switch it to English" in message


# -- end to end: the stored attendance is the same ------------------------------------------------
def test_importing_the_spanish_export_stores_the_english_minutes(tmp_path, capsys):
    roster = [Participant("GTM-01", "Ana María García López", "ana@example.org", "GTM", "", ""),
              Participant("GTM-02", "José Núñez", "jose@example.org", "GTM", "", ""),
              Participant("HND-01", "Begoña Ordóñez", "begona@example.org", "HND", "", "")]
    stored = {}
    for language in ("en", "es"):
        course = Course.create(tmp_path / language)
        write_roster(roster, course.roster_file)
        report = tmp_path / f"zoom-{language}.csv"
        report.write_text(zoom_csv(language), encoding="utf-8")
        assert main(["attendance", "import", "session-1", str(report), "--course",
                     str(course.root)]) == 0
        stored[language] = load_attendance(course)["session-1"]
        capsys.readouterr()
    assert stored["es"] == stored["en"]
    assert stored["es"]["GTM-02"] == 115  # 09:05-12:15, counted within the 09:00-11:00 session
