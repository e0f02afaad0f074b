"""No personal data in the repository or on the published site.

Rosters, attendance lists, grades, reports with IDs and certificates are written only under
the course's ``private/`` folder and nbgrader's own output folders; git must ignore all of
them and the built site must contain none of them.
"""

from __future__ import annotations

import subprocess

import pytest

from migration_course.core.paths import REPO_ROOT
from tools.demo_course import demo_completion
from tools.synthetic_cohort import cohort

# Every kind of file the instructor tools write inside a course directory.
PRIVATE_OUTPUTS = [
    # where the instructor guide tells instructors to save focal points' lists and reports
    "assessments/private/lists/guatemala.xlsx",
    "assessments/private/lists/panel-zoom.csv",
    "assessments/private/participants.roster.csv",
    "assessments/private/grading-status-pre_questionnaire.json",
    "assessments/private/exports/post_questionnaire_scores.csv",
    "assessments/private/attendance/panel.csv",
    "assessments/private/attendance/panel.unmatched.csv",
    "assessments/private/certificates/GTM-01.pdf",
    "assessments/private/certificates/register.csv",
    "assessments/private/certificates/eligibility.csv",
    "assessments/private/report/report.html",
    "assessments/private/report/participant-level/participants.csv",
    "assessments/submitted/GTM-01/pre_questionnaire/pre_questionnaire.ipynb",
    "assessments/autograded/GTM-01/pre_questionnaire/pre_questionnaire.ipynb",
    "assessments/feedback/GTM-01/pre_questionnaire/pre_questionnaire.html",
    "assessments/release/pre_questionnaire/pre_questionnaire.ipynb",
    "assessments/gradebook.db",
]


def test_git_ignores_every_private_output():
    proc = subprocess.run(["git", "check-ignore", "--no-index", *PRIVATE_OUTPUTS],
                          cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    ignored = set(proc.stdout.split())
    assert ignored == set(PRIVATE_OUTPUTS), sorted(set(PRIVATE_OUTPUTS) - ignored)


def test_repository_tracks_no_private_output():
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO_ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    bad = [f for f in tracked if "/private/" in f or f.endswith((".pdf", "gradebook.db"))]
    assert not bad


@pytest.mark.build
def test_site_has_no_personal_data_or_instructor_files(site):
    files = [p for p in site.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    # The only PDFs a reader may find are the modules' own (downloads/rcm-module-N.pdf), never a
    # certificate or anything else an instructor made.
    module_pdfs = {f"rcm-module-{n}.pdf" for n in range(1, 7)}
    assert not [n for n in names if (n.endswith(".pdf") and n not in module_pdfs)
                or n.endswith(".db") or n == "register.csv"]
    assert {p.parent.name for p in files if p.name in module_pdfs} <= {"downloads"}
    assert not [p for p in files if "private" in p.relative_to(site).parts]
    people = cohort()
    for page in (p for p in files if p.suffix in {".html", ".csv", ".json", ".txt"}):
        text = page.read_text(encoding="utf-8", errors="ignore")
        leaked = [x for person in people for x in (person.email, person.full_name) if x in text]
        assert not leaked, f"{page.relative_to(site)}: {leaked[:3]}"


@pytest.mark.build
def test_certificate_page_shows_the_rules_in_force(site):

    rules = demo_completion()
    page = (site / "book" / "certificate.html").read_text(encoding="utf-8")
    for sid in rules.required_sessions:
        session = rules.session(sid)
        assert (f"at least {rules.min_minutes(sid):.0f} of its "
                f"{session.scheduled_minutes:.0f} minutes") in page
