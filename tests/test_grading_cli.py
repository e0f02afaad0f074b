"""The `rcm-course` commands on a small course: e-mail path, from lists to export."""

import csv
import shutil

import pytest

from migration_course.cli import main
from migration_course.core.course import Course
from tools.demo_course import demo_bank
from tools.synthetic_cohort import simulated_answers, write_answers

A = "pre_questionnaire"


def test_unknown_course_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["grade", A, "--course", str(tmp_path)]) == 2
    assert "not a course folder" in capsys.readouterr().err


def test_collect_needs_a_source(tmp_path, capsys):
    Course.create(tmp_path / "course")
    assert main(["collect", A, "--course", str(tmp_path / "course")]) == 2
    assert "--exchange" in capsys.readouterr().err


@pytest.mark.grading
def test_email_cohort_from_lists_to_export(tmp_path, capsys):
    bank = demo_bank()
    course = Course.create(tmp_path / "course")
    opts = ["--course", str(course.root), "--timeout", "5"]
    lists = tmp_path / "lists.csv"
    lists.write_text("Full name,E-mail,Country,Institution,Role\n"
                     "ANA GÓMEZ,ana@example.org,Costa Rica,DGME,Analyst\n"
                     "Luis Peña,luis@example.org,Atlantis,X,Y\n"
                     "Rosa Cruz,rosa@example.org,cr,DGME,Head\n"
                     "Iván Ortiz,ivan@example.org,CRI,MIDEPLAN,Planner\n", encoding="utf-8")
    assert main(["roster", "import", str(lists), *opts]) == 0
    out = capsys.readouterr().out
    assert "3 participants" in out and "row 3, country" in out
    assert main(["release", A, *opts]) == 0
    inbox = tmp_path / "inbox"
    for pid in ("CRI-01", "CRI-02"):
        folder = inbox / pid
        folder.mkdir(parents=True)
        shutil.copy2(course.release_notebook(A), folder / f"{A}.ipynb")
        write_answers(folder, A, simulated_answers(pid, A, bank), bank)
    (inbox / "CRI-02" / f"{A}_answers.json").unlink()          # forgot one attachment
    (inbox / "not-an-id").mkdir()
    assert main(["collect", A, "--email-inbox", str(inbox), *opts]) == 0
    out = capsys.readouterr().out
    assert "2 e-mailed submissions filed" in out and "not-an-id" in out
    assert main(["grade", A, *opts]) == 0
    out = capsys.readouterr().out
    assert "1 graded, 1 failed" in out and "CRI-02: failed no answers saved" in out
    assert main(["feedback", A, *opts]) == 2                    # pre before post: refused
    assert "post" in capsys.readouterr().err
    assert main(["export", A, *opts]) == 0
    with (course.private / "exports" / f"{A}_scores.csv").open(encoding="utf-8") as fh:
        rows = {r["participant"]: r for r in csv.DictReader(fh)}
    assert rows["CRI-01"]["status"] == "graded" and rows["CRI-01"]["score"] != ""
    assert rows["CRI-02"]["status"] == "failed" and rows["CRI-02"]["score"] == ""
    assert rows["CRI-03"]["status"] == "missing" and rows["CRI-03"]["score"] == ""


@pytest.mark.grading
def test_post_questionnaire_grades_and_collects_satisfaction(tmp_path):
    from migration_course.grading.exchange import find_key_leaks, release
    from migration_course.grading.pipeline import grade

    bank = demo_bank()
    post = "post_questionnaire"
    course = Course.create(tmp_path / "course", overrides={"Execute.timeout": 5})
    release(course, post)
    assert find_key_leaks(course.root / "release", bank) == []
    folder = course.root / "submitted" / "MEX-02" / post
    folder.mkdir(parents=True)
    shutil.copy2(course.release_notebook(post), folder / f"{post}.ipynb")
    answers = simulated_answers("MEX-02", post, bank)
    write_answers(folder, post, answers, bank)
    st = grade(course, post, workers=1, progress=None)["MEX-02"]
    assert st.status == "graded" and not st.flags
    assert st.score == st.nbgrader_score == sum(
        k.points for k in bank.knowledge if answers[k.id] == k.answer)
    assert set(st.survey) == {"S-01", "S-02", "S-03", "S-04", "U-01", "U-02"}
