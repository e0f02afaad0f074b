"""Checks that run before nbgrader: each bad submission gets a precise outcome, fast."""

import json
import shutil

import pytest

from migration_course.grading.exchange import find_key_leaks
from migration_course.grading.integrity import notebook_changes
from migration_course.grading.preflight import check_submission
from tools import bad_submissions as badinputs
from tools.demo_course import SOURCE_DIR, demo_bank
from tools.synthetic_cohort import simulated_answers, write_answers

pass

A = "pre_questionnaire"
SOURCE = SOURCE_DIR / A / f"{A}.ipynb"


@pytest.fixture(scope="module")
def bank():
    return demo_bank()


@pytest.fixture
def submission(tmp_path, bank):
    folder = tmp_path / "submitted" / "GTM-03" / A
    folder.mkdir(parents=True)
    shutil.copy2(SOURCE, folder / f"{A}.ipynb")
    write_answers(folder, A, simulated_answers("GTM-03", A, bank), bank)
    return folder


PREFLIGHT_OUTCOMES = {  # bad input -> (can be graded?, words in the reason or a note)
    "invalid_json": (False, "not a valid notebook"),
    "missing_notebook": (False, "missing (no notebook at all)"),
    "renamed_notebook": (True, "renamed to pre_questionnaire.ipynb"),
    "utf16_notebook": (True, "UTF-16; re-encoded"),
    "windows1252_notebook": (True, "Windows-1252; re-encoded"),
    "huge_outputs": (True, "outputs removed"),
    "extra_files": (True, "extra files ignored: notes.txt, old, photo.jpg"),
    "edited_and_deleted_locked": (True, "deleted cell K-M1-01 restored"),
}


@pytest.mark.parametrize("name", sorted(PREFLIGHT_OUTCOMES))
def test_preflight_outcome(submission, name):
    badinputs.BY_NAME[name].mutate(submission, A)
    ok, words = PREFLIGHT_OUTCOMES[name]
    result = check_submission(submission, A, SOURCE)
    assert result.ok is ok and result.student == "GTM-03"
    assert words in (result.reason + " | ".join(result.notes))
    if ok:  # after repair the notebook is plain UTF-8 JSON with every question
        nb = json.loads((submission / f"{A}.ipynb").read_text(encoding="utf-8"))
        ids = [c["metadata"].get("nbgrader", {}).get("grade_id") for c in nb["cells"]]
        assert "K-M1-01" in ids and ids.index("K-M1-01") == ids.index("K-M1-01_question") + 1


def test_clean_submission_passes_without_notes(submission):
    result = check_submission(submission, A, SOURCE)
    assert result.ok and result.notes == []


def test_notebook_changes_name_added_edited_and_deleted_cells(submission, tmp_path):
    badinputs.forged_equality(submission, A)
    badinputs.edited_and_deleted_locked(submission, A)
    changes = notebook_changes(SOURCE, submission / f"{A}.ipynb")
    assert "deleted cell K-M1-01" in changes
    assert "edited locked cell K-M1-02_question" in changes
    assert "added 1 cell(s)" in changes
    assert notebook_changes(SOURCE, SOURCE) == []


def test_every_catalogued_bad_input_mutates_something(submission, tmp_path):
    before = {p.name: p.read_bytes() for p in submission.iterdir()}
    for bad in badinputs.CATALOGUE:
        copy = tmp_path / bad.name / A
        shutil.copytree(submission, copy)
        bad.mutate(copy, A)
        after = {p.name: (p.read_bytes() if p.is_file() else b"dir") for p in copy.iterdir()}
        assert after != before, bad.name


def test_leak_check_finds_the_key_in_source_notebooks(bank):
    leaks = find_key_leaks(SOURCE_DIR, bank)
    assert len(leaks) == 2 and all("HIDDEN TESTS" in hit for _, hit in leaks)
