"""Submissions are filed under roster IDs; strangers and forgeries never reach grading."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from migration_course.core.course import Course
from migration_course.core.participants import Participant, write_roster
from migration_course.grading.exchange import collect, collect_email, release, student_fetch_and_submit
from migration_course.grading.identity import IdentityMap
from migration_course.grading.pipeline import grade
from migration_course.questionnaire.notebook import answers_file, notebook_name
from tools.demo_course import demo_bank
from tools.grade_demo import open_questionnaires_now
from tools.synthetic_cohort import simulated_answers, write_answers

A = "pre_questionnaire"
ROSTER = [Participant("GTM-01", "Ana García", "Ana.Garcia@example.org", "GTM", "", ""),
          Participant("GTM-02", "José Núñez", "jose@example.org", "GTM", "", ""),
          Participant("MEX-01", "Luis Pérez", "luis@example.org", "MEX", "", "")]


def test_names_resolve_without_case_or_spaces_and_never_to_two_people():
    names = IdentityMap.of([*ROSTER, Participant("MEX-02", "Otro", "jose@example.org", "MEX",
                                                 "", "")])
    assert names.resolve(" gtm-01 ") == "GTM-01"
    assert names.resolve("ana.garcia@EXAMPLE.org") == "GTM-01"
    assert names.resolve("jose@example.org") is None
    assert "GTM-02 or MEX-02" in names.why_not("jose@example.org")
    assert "not on the roster" in names.why_not("XYZ-09")


def answered(bank, student):
    def write(folder):
        write_answers(folder, A, simulated_answers(student, A, bank), bank)
    return write


@pytest.mark.grading
def test_hub_names_strangers_and_a_forged_entry(tmp_path):
    bank = demo_bank()
    course = Course.create(tmp_path / "course", exchange=tmp_path / "exchange",
                           overrides={"Execute.timeout": 5})
    write_roster(ROSTER, course.roster_file)
    open_questionnaires_now(course)
    release(course, A)
    homes = tmp_path / "homes"
    student_fetch_and_submit(course, A, "gtm-01", homes / "1", answered(bank, "GTM-01"))
    student_fetch_and_submit(course, A, "GTM-02", homes / "2", answered(bank, "GTM-02"))
    student_fetch_and_submit(course, A, "ZZZ-99", homes / "3", answered(bank, "ZZZ-99"))
    time.sleep(1.1)
    # Someone else's account drops a newer entry in GTM-02's name, every answer "A".
    student_fetch_and_submit(course, A, "GTM-02", homes / "4",
                             lambda f: write_answers(f, A, {k.id: "A" for k in bank.knowledge},
                                                     bank))
    inbound = tmp_path / "exchange" / "rcm-mpt" / "inbound"
    forged = max(inbound.glob("GTM-02+*"), key=lambda p: p.name)
    for path in [forged, *forged.rglob("*")]:
        os.chown(path, 65534, 65534)  # "nobody"
    ids, problems = collect(course, A)
    assert ids == ["GTM-01", "GTM-02"]
    text = "\n".join(problems)
    assert "renamed gtm-01 -> GTM-01" in text
    assert "ZZZ-99" in text and "not on the roster" in text
    assert "in the name of 'GTM-02'" in text and not forged.exists()
    statuses = grade(course, A, workers=1, progress=None)
    assert set(statuses) == {"GTM-01", "GTM-02"}  # the stranger is never graded
    answers = simulated_answers("GTM-02", A, bank)
    assert statuses["GTM-02"].score == sum(k.points for k in bank.knowledge
                                           if answers[k.id] == k.answer)  # not the forgery


@pytest.mark.grading
def test_email_folders_by_address_resends_and_identical_answers(tmp_path):
    bank = demo_bank()
    course = Course.create(tmp_path / "course", overrides={"Execute.timeout": 5})
    write_roster(ROSTER, course.roster_file)
    release(course, A)
    inbox = tmp_path / "inbox"
    for name, student in (("ana.garcia@example.org", "GTM-01"), ("GTM-02", "GTM-02"),
                          ("mex-01", "MEX-01"), ("stranger@example.org", None)):
        folder = inbox / name
        folder.mkdir(parents=True)
        shutil.copy2(course.release_notebook(A), folder / notebook_name(A))
        write_answers(folder, A, simulated_answers(student or "X", A, bank), bank)
    # GTM-02 re-sent the answers: the second attachment was saved as "... (1).json"
    first = inbox / "GTM-02" / answers_file(A)
    first.rename(first.with_name(first.stem + " (1).json"))
    write_answers(inbox / "GTM-02", A, {k.id: "D" for k in bank.knowledge}, bank)
    (inbox / "GTM-02" / answers_file(A)).rename(inbox / "GTM-02" / (first.stem + " (2).json"))
    # MEX-01 handed in a byte-for-byte copy of GTM-01's answers file
    shutil.copy2(inbox / "ana.garcia@example.org" / answers_file(A), inbox / "mex-01" / answers_file(A))
    ids, problems = collect_email(course, A, inbox)
    assert sorted(ids) == ["GTM-01", "GTM-02", "MEX-01"]
    text = "\n".join(problems)
    assert "stranger@example.org" in text and "re-sent files" in text
    statuses = grade(course, A, workers=1, progress=None)
    assert statuses["GTM-02"].score == sum(k.points for k in bank.knowledge if k.answer == "D")
    assert any("identical to MEX-01" in f for f in statuses["GTM-01"].flags)
    assert any("identical to GTM-01" in f for f in statuses["MEX-01"].flags)
