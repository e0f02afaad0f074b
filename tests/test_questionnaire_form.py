"""The clickable form (the code inside the notebooks) and the static answer reader."""

import importlib
import json

import pytest

from migration_course.questionnaire.answers import read_answers
from migration_course.questionnaire.notebook import answers_file, form_text
from tools.demo_course import demo_bank

ASSIGNMENT = "pre_questionnaire"


@pytest.fixture(scope="module")
def bank():
    return demo_bank()


@pytest.fixture
def form(tmp_path, monkeypatch, bank):
    """A fresh copy of the notebook's form code, working in tmp_path like a notebook folder."""
    monkeypatch.chdir(tmp_path)
    module = importlib.reload(importlib.import_module(
        "migration_course.questionnaire.form_runtime"))
    module.TEXT = form_text("en")  # what the generator writes into the setup cell
    module.ANSWERS_FILE = answers_file(ASSIGNMENT)
    module.ITEMS = bank.kinds("pre")
    shown = []
    monkeypatch.setattr(module, "_display", shown.append)
    module.shown = shown
    return module


def test_clicking_an_option_saves_it_at_once(form, tmp_path):
    form.choice("K-M1-01", {"A": "a", "B": "b", "C": "c", "D": "d"})
    radio, status = form.shown[-1].children
    assert radio.value is None and "Not answered" in status.value
    radio.value = "C"
    saved = json.loads((tmp_path / answers_file(ASSIGNMENT)).read_text(encoding="utf-8"))
    assert saved["answers"] == {"K-M1-01": "C"} and "saved_at" in saved
    assert "Saved: C" in status.value
    form.choice("K-M1-01", {"A": "a", "B": "b", "C": "c", "D": "d"})  # run again later
    assert form.shown[-1].children[0].value == "C", "a saved answer must reappear"


def test_likert_and_text_widgets_save(form):
    form.likert("E-01", ["1", "2", "3", "4", "5"])
    form.shown[-1].children[0].value = 4
    form.text("E-03")
    form.shown[-1].children[0].value = "Aprender sobre datos migratorios"
    assert form.answer("E-01") == 4
    assert form.answer("E-03") == "Aprender sobre datos migratorios"


def test_typed_fallback_validates_in_plain_words(form):
    form.record("K-M2-01", " b ")
    assert form.answer("K-M2-01") == "B"
    with pytest.raises(ValueError, match="one letter: A, B, C or D"):
        form.record("K-M2-01", "E")
    with pytest.raises(ValueError, match="number from 1 to 5"):
        form.record("E-02", 9)
    with pytest.raises(ValueError, match="no question"):
        form.record("K-M9-99", "A")


def test_without_widgets_every_question_says_how_to_type_the_answer(form, capsys):
    form._w = None
    form.choice("K-M1-01", {"A": "a", "B": "b", "C": "c", "D": "d"})
    form.likert("E-01", ["1", "2", "3", "4", "5"])
    form.text("E-03")
    assert capsys.readouterr().out.splitlines() == [
        'The clickable form is not available here. Type in a new cell: record("K-M1-01", "B")  (your letter)',
        'The clickable form is not available here. Type in a new cell: record("E-01", 4)  (1 to 5)',
        'The clickable form is not available here. Type in a new cell: record("E-03", "your answer")',
    ]


def test_check_lists_missing_answers(form, capsys):
    form.record("K-M1-01", "A")
    form.check()
    out = capsys.readouterr().out
    assert f"Answered: 1 of {len(form.ITEMS)}" in out and "K-M1-02" in out
    for item in form.ITEMS:
        form.record(item, "A" if item.startswith("K-") else (3 if item in {"E-01", "E-02"}
                                                              else "texto"))
    form.check()
    assert "All questions are answered" in capsys.readouterr().out


def test_damaged_answers_file_is_kept_aside_not_overwritten(form, tmp_path, capsys):
    path = tmp_path / answers_file(ASSIGNMENT)
    path.write_text("{not json", encoding="utf-8")
    assert form.answer("K-M1-01") is None
    assert (tmp_path / (path.name + ".damaged")).read_text(encoding="utf-8") == "{not json"
    assert "damaged" in capsys.readouterr().out


def test_static_reader_scores_and_rejects_forged_values(tmp_path, bank):
    payload = {"answers": {"K-M1-01": "B", "K-M1-02": "A", "K-M1-05": ["D"],
                           "K-M1-04": True, "E-01": True, "E-02": 5, "E-03": "x" * 9000,
                           "S-01": 5, "Z-99": "A"}}
    (tmp_path / answers_file(ASSIGNMENT)).write_text(json.dumps(payload), encoding="utf-16")
    got = read_answers(tmp_path, ASSIGNMENT, bank)
    assert got.found
    assert got.answers["K-M1-01"] == "B" and "K-M1-05" not in got.answers
    assert "K-M1-04" not in got.answers and "E-01" not in got.answers  # bools are not answers
    assert got.answers["E-02"] == 5 and len(got.answers["E-03"]) == 4000
    assert any("UTF-16" in p for p in got.problems)
    assert any("'S-01'" in p for p in got.problems), "post-only item in the pre is ignored"
    scores = got.scores(bank)
    key = bank.key
    assert scores["K-M1-01"] == (1.0 if key["K-M1-01"] == "B" else 0.0)
    assert scores["K-M1-05"] == 0.0 and len(scores) == len(bank.knowledge)


def test_static_reader_reports_missing_and_broken_files(tmp_path, bank):
    assert not read_answers(tmp_path, ASSIGNMENT, bank).found
    (tmp_path / answers_file(ASSIGNMENT)).write_text("[1, 2]", encoding="utf-8")
    got = read_answers(tmp_path, ASSIGNMENT, bank)
    assert not got.found and "no 'answers' mapping" in got.problems[0]
