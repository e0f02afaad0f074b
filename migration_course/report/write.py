"""Load a graded course, compute the report's tables and write them with the HTML page.

Two kinds of output, kept apart on disk so that nobody forwards the wrong one:

- ``<out>/``: the HTML report and the aggregate CSV tables. No names and no participant IDs;
  small groups suppressed. Safe to send to the RCM Technical Secretariat.
- ``<out>/participant-level/``: one row per participant (pseudonymous ID, scores, gain) and the
  open-text answers. Instructor-only: IDs can be traced back to people through the roster.

The page's words come from ``strings/<language>/report.yml``; the file names and the CSV column
names do not change with the language, so scripts reading the tables keep working.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pandas as pd

from migration_course.attendance import load_attendance
from migration_course.charts.base import table_html
from migration_course.core import strings
from migration_course.core.bank import ASSIGNMENTS
from migration_course.core.course import Course
from migration_course.core.csvfiles import neutralise
from migration_course.core.participants import read_roster
from migration_course.core.strings import DEFAULT_LANGUAGE, FROM_CATALOGUE, Labels
from migration_course.grading.pipeline import load_statuses
from migration_course.report import activities, gain, item_analysis
from migration_course.report.gain import Cohort
from migration_course.report.html import ITEM_ANALYSIS_FILES, html_text, readable, render

PRIVATE_DIR = "participant-level"


@dataclass(frozen=True)
class CourseReportLabels(Labels):
    """The sections a course directory adds to the report: attendance and completion."""

    SECTION: ClassVar[str] = "report.course"
    attendance_title: str = FROM_CATALOGUE
    attendance_caption: str = FROM_CATALOGUE
    completion_title: str = FROM_CATALOGUE
    completed: str = FROM_CATALOGUE
    completed_empty_roster: str = FROM_CATALOGUE  # no share in % of an empty roster
    held_caption: str = FROM_CATALOGUE


@dataclass(frozen=True)
class ReportFiles:
    """Where the report went: the page, the shareable tables, the private tables."""

    html: Path
    tables: tuple[Path, ...]
    private: tuple[Path, ...]


def load_cohort(course: Course) -> tuple[Cohort, list[str]]:
    """The roster's results in a course directory, and IDs graded but not on the roster.

    Raises :class:`~migration_course.report.gain.ReportInputError` when the results were
    graded against another question bank.
    """
    roster = tuple(read_roster(course.roster_file))
    cohort = Cohort(roster, load_statuses(course, ASSIGNMENTS["pre"]),
                    load_statuses(course, ASSIGNMENTS["post"]), course.bank)
    gain.check_bank(cohort)
    return gain.on_roster_only(cohort)


@dataclass(frozen=True)
class CourseReport:
    """What ``rcm-course report`` produced, and the IDs it left out (not on the roster)."""

    cohort: Cohort
    files: ReportFiles
    not_on_roster: list[str]


def write_course_report(course: Course, out_dir: Path, language: str = DEFAULT_LANGUAGE) -> CourseReport:
    """The report of a course directory, in ``language``: questionnaires, attendance and completion.

    The participant-level tables always go to the course's private folder, whatever
    ``out_dir`` is: they hold IDs that the roster turns back into names.
    """
    lab = CourseReportLabels(language=language)
    completion = course.completion
    cohort, extra = load_cohort(course)
    attendance = load_attendance(course)
    sessions = activities.sessions_table(cohort, attendance, completion)
    eligible, held = activities.completion_table(cohort, attendance, completion)
    n = len(cohort.roster)
    fields = {"eligible": eligible, "n": n, "certificate": strings.text("certificate.heading", language)}
    completed = (html_text(lab.completed, share=f"{100 * eligible / n:.0f}", **fields) if n
                 else html_text(lab.completed_empty_roster, **fields))
    sections = [
        (lab.attendance_title, table_html(readable(sessions, language), lab.attendance_caption)),
        (lab.completion_title, f"<p>{completed}</p>"
         + (table_html(readable(held, language), lab.held_caption) if len(held) else "")),
    ]
    files = write_report(cohort, out_dir, completion.programme.title, sections,
                         tables={"sessions.csv": sessions, "completion.csv": held},
                         private_dir=course.private / "report" / PRIVATE_DIR, language=language)
    return CourseReport(cohort, files, extra)


def write_report(cohort: Cohort, out_dir: Path, title: str,
                 extra_sections: list[tuple[str, str]] | None = None,
                 generated: dt.date | None = None,
                 tables: dict[str, object] | None = None,
                 private_dir: Path | None = None,
                 language: str = DEFAULT_LANGUAGE) -> ReportFiles:
    """Write the HTML report in ``language``, the aggregate CSVs (plus ``tables``) and the private CSVs.

    ``private_dir`` defaults to ``<out_dir>/participant-level``.
    """
    out_dir = Path(out_dir)
    private = Path(private_dir or out_dir / PRIVATE_DIR)
    for folder in (out_dir, private):
        folder.mkdir(parents=True, exist_ok=True)
    shareable = {
        "responses.csv": gain.responses(cohort),
        "modules.csv": gain.outcomes_by(cohort, "module"),
        "objectives.csv": gain.outcomes_by(cohort, "objective"),
        "items.csv": gain.items(cohort),
        "by_country.csv": gain.by_group(cohort, "country"),
        "by_institution_type.csv": gain.by_group(cohort, "institution_type"),
        "ratings.csv": gain.likert(cohort),
        **item_analysis_tables(cohort),
        **(tables or {}),
    }
    personal = {
        "participants.csv": gain.participants(cohort),
        "open_answers.csv": gain.open_answers(cohort),
    }
    tables = tuple(_csv(frame, out_dir / name) for name, frame in shareable.items())
    private_tables = tuple(_csv(frame, private / name) for name, frame in personal.items())
    page = out_dir / "report.html"
    page.write_text(render(cohort, title, generated, extra_sections, language), encoding="utf-8")
    return ReportFiles(page, tables, private_tables)


def item_analysis_tables(cohort: Cohort) -> dict[str, pd.DataFrame]:
    """The item analysis of both questionnaires as CSV tables (names as the page cites them)."""
    both = item_analysis.analyse_both(cohort)
    items_file, summary_file = ITEM_ANALYSIS_FILES
    return {items_file: item_analysis.item_table(both), summary_file: item_analysis.summary_table(both)}


def _csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a report table; text cells that a spreadsheet would run as formulas are neutralised.

    Written answers and group names come from participants (formula injection: see
    :mod:`migration_course.core.csvfiles`).
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    safe.to_csv(path, index=False, float_format="%.4g")
    return path
