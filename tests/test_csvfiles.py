"""Private CSV files edited by hand in a spreadsheet still read, or fail with a clear message."""

import pytest

from migration_course.certificates.register import RegisterEntry, read_register, write_register
from migration_course.core.csvfiles import RecordFileError

ENTRY = RegisterEntry("RCM-MPT-2020-7KQ2-M9XH", "GTM-01", "Íñigo Peña", "Guatemala",
                      "2020-08-21", "GTM-01.pdf")


def test_round_trip_and_atomic_replace(tmp_path):
    path = tmp_path / "register.csv"
    write_register([ENTRY], path)
    assert read_register(path) == [ENTRY]
    assert not list(tmp_path.glob("*.tmp"))


def test_a_spanish_excel_save_with_bom_and_semicolons_still_reads(tmp_path):
    path = tmp_path / "register.csv"
    rows = ["code;participant;full_name;country;issued_on;file;status",
            f"{ENTRY.code};GTM-01;Íñigo Peña;Guatemala;2020-08-21;GTM-01.pdf;revoked",
            ";;;;;;",
            "RCM-MPT-2020-AAAA-BBBC;GTM-02;Ana Díaz;Guatemala;2020-08-21;GTM-02.pdf;"]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8"))
    first, second = read_register(path)
    assert first.full_name == "Íñigo Peña" and first.status == "revoked"
    assert second.status == "issued"  # a blank cell takes the default


def test_a_missing_column_names_the_file_and_the_columns(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("code,participant,name\nX,GTM-01,Ana\n", encoding="utf-8")
    with pytest.raises(RecordFileError, match=r"register.csv: no column full_name, country"):
        read_register(path)


HOSTILE = ["=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+1", "-2+3", "@SUM(A1)",
           "\tfoo", "\rbar", "＝1+1"]


def test_formula_cells_are_neutralised_and_read_back_unchanged(tmp_path):
    import csv

    from migration_course.core.participants import Participant, read_roster, write_roster

    people = [Participant(f"GTM-0{i}", name, f"p{i}@example.org", "GTM", name, "@role")
              for i, name in enumerate(HOSTILE, start=1)]
    path = tmp_path / "roster.csv"
    write_roster(people, path)
    with path.open(encoding="utf-8", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    # No cell a spreadsheet would evaluate: each hostile one starts with the apostrophe.
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r", "＝")]
    assert sum(c.startswith("'") for c in cells) == 2 * len(HOSTILE) + len(HOSTILE)
    assert read_roster(path) == people
    # An apostrophe a person typed themselves is kept.
    write_roster([Participant("GTM-09", "'Quoted", "q@example.org", "GTM", "", "")], path)
    assert read_roster(path)[0].full_name == "'Quoted"


def test_exports_are_neutralised_too(tmp_path):
    from migration_course.core.course import Course
    from migration_course.core.participants import Participant, write_roster
    from migration_course.grading.export import export
    from migration_course.grading.pipeline import StudentStatus, save_statuses

    course = Course.create(tmp_path / "c")
    write_roster([Participant("GTM-01", "Ana", "a@example.org", "GTM", "", "")], course.roster_file)
    save_statuses(course, "post_questionnaire", {"GTM-01": StudentStatus(
        "GTM-01", "graded", score=1.0, survey={"S-04": "=cmd|' /C calc'!A0"})})
    _, survey = export(course, "post_questionnaire", tmp_path / "out")
    text = survey.read_text(encoding="utf-8")
    assert "'=cmd" in text and ",=cmd" not in text


def test_report_tables_are_neutralised(tmp_path):
    import pandas as pd

    from migration_course.report.write import _csv

    path = _csv(pd.DataFrame({"answer": ["=1+1", "fine"], "n": [1, 2]}), tmp_path / "t.csv")
    assert path.read_text(encoding="utf-8").splitlines() == ["answer,n", "'=1+1,1", "fine,2"]
