"""A course folder owns its bank: a private course is scored with its own key, from any shell.

The checks of issue 10: grading a private course from a shell without any environment variable
uses that course's bank; a private bank never reaches a tracked file; results are never read
against another bank than the one that scored them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from migration_course.cli import main
from migration_course.core.course import Course
from migration_course.core.errors import CourseError
from migration_course.core.paths import REPO_ROOT
from migration_course.grading.pipeline import StudentStatus, load_statuses, save_statuses
from tools.demo_course import BANK_FILE, demo_bank
from tools.synthetic_cohort import write_answers

A = "pre_questionnaire"


def private_bank(tmp_path):
    """The demonstration bank with item 1 reworded and its key moved to another letter."""
    data = yaml.safe_load(BANK_FILE.read_text(encoding="utf-8"))
    first = data["knowledge"][0]
    first["question"] = "A reworded private question?"
    first["answer"] = next(letter for letter in "ABCD" if letter != first["answer"])
    path = tmp_path / "private-questions.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, first["id"], first["answer"]


def clean_env():
    return {k: v for k, v in os.environ.items()
            if k not in ("RCM_COURSE_DIR", "RCM_QUESTION_BANK", "NBGRADER_EXCHANGE")}


def tracked_files_digest():
    out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "assessments"],
                         cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    return out


def test_course_new_copies_the_private_bank_and_generates_its_own_notebooks(tmp_path):
    bank, item, key = private_bank(tmp_path)
    before = tracked_files_digest()
    folder = tmp_path / "course"
    proc = subprocess.run([sys.executable, "-m", "migration_course.cli", "course", "new",
                           str(folder), "--bank", str(bank)], env=clean_env(),
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    course = Course.open(folder)
    assert course.bank.key[item] == key != demo_bank().key[item]
    text = (folder / "source" / A / f"{A}.ipynb").read_text(encoding="utf-8")
    assert "A reworded private question?" in text
    # the repository's demonstration course did not change: nothing private reached it
    assert tracked_files_digest() == before
    tracked = subprocess.run(["git", "grep", "-l", "A reworded private question?", "--", ".",
                              ":!tests"], cwd=REPO_ROOT,
                             capture_output=True, text=True, check=False).stdout
    assert tracked == ""


def test_generate_writes_into_the_courses_own_source_folder(tmp_path):
    bank, _, _ = private_bank(tmp_path)
    assert main(["course", "new", str(tmp_path / "c"), "--bank", str(bank)]) == 0
    shutil.rmtree(tmp_path / "c" / "source")
    before = tracked_files_digest()
    assert main(["questionnaire", "generate", "--course", str(tmp_path / "c")]) == 0
    assert main(["questionnaire", "check", "--course", str(tmp_path / "c")]) == 0
    assert (tmp_path / "c" / "source" / A / f"{A}.ipynb").exists()
    assert tracked_files_digest() == before


def test_a_course_folder_inside_the_public_repository_is_refused(capsys):
    target = REPO_ROOT / "book" / "private-course"
    assert main(["course", "new", str(target)]) == 2
    assert "inside the public repository" in capsys.readouterr().err
    assert not target.exists()


def test_a_broken_private_bank_makes_no_course(tmp_path, capsys):
    bad = tmp_path / "bad.yml"
    bad.write_text("knowledge: [{id: K-M1-01}]\n", encoding="utf-8")
    assert main(["course", "new", str(tmp_path / "c"), "--bank", str(bad)]) == 2
    assert "K-M1-01" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_the_retired_bank_variable_is_refused_loudly(tmp_path, monkeypatch, capsys):
    Course.create(tmp_path / "c")
    monkeypatch.setenv("RCM_QUESTION_BANK", str(BANK_FILE))
    assert main(["export", A, "--course", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "RCM_QUESTION_BANK" in err and "course new" in err


def test_the_course_variable_names_the_folder(tmp_path, monkeypatch, capsys):
    Course.create(tmp_path / "c")
    monkeypatch.setenv("RCM_COURSE_DIR", str(tmp_path / "c"))
    assert main(["course", "show"]) == 0
    assert str(tmp_path / "c" / "bank" / "questions.yml") in capsys.readouterr().out


def test_results_scored_with_another_bank_are_refused(tmp_path):
    course = Course.create(tmp_path / "c")
    save_statuses(course, A, {"GTM-01": StudentStatus("GTM-01", "graded", score=3.0)})
    assert set(load_statuses(course, A)) == {"GTM-01"}
    bank, _, _ = private_bank(tmp_path)
    shutil.copy2(bank, course.bank_file)
    changed = Course.open(course.root)
    with pytest.raises(CourseError, match="scored with another question bank"):
        load_statuses(changed, A)
    status = json.loads(course.status_file(A).read_text(encoding="utf-8"))
    assert status["bank"] == course.bank.fingerprint != changed.bank.fingerprint


@pytest.mark.grading
def test_grading_a_private_course_from_a_bare_shell_uses_its_own_key(tmp_path):
    """Real nbgrader, no environment variable: the private key decides the score."""
    bank_path, item, key = private_bank(tmp_path)
    folder = tmp_path / "course"
    env = clean_env()

    def cli(*args):
        proc = subprocess.run([sys.executable, "-m", "migration_course.cli", *args,
                               "--course", str(folder)] if args[0] != "course" else
                              [sys.executable, "-m", "migration_course.cli", *args],
                              env=env, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout

    cli("course", "new", str(folder), "--bank", str(bank_path))
    cli("release", A, "--timeout", "5")
    course = Course.open(folder)
    submission = folder / "submitted" / "GTM-01" / A
    submission.mkdir(parents=True)
    shutil.copy2(course.release_notebook(A), submission / f"{A}.ipynb")
    # The participant answers item 1 with the PRIVATE key and everything else wrongly.
    wrong = {k.id: next(x for x in "ABCD" if x != k.answer) for k in course.bank.knowledge}
    write_answers(submission, A, {**wrong, item: key}, course.bank)
    (submission / "timestamp.txt").write_text("2020-07-21 10:00:00", encoding="utf-8")
    out = cli("grade", A, "--workers", "1", "--timeout", "5")
    assert "1 graded" in out
    st = load_statuses(course, A)["GTM-01"]
    points = course.bank.knowledge[0].points
    assert st.score == points and st.item_scores[item] == points
    assert st.nbgrader_score == points  # nbgrader ran the private hidden tests too
