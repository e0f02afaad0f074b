"""Answers typed by hand in the answers file are read as the participant meant them."""

import json

from migration_course.questionnaire.answers import read_answers
from migration_course.questionnaire.notebook import answers_file
from tools.demo_course import demo_bank

A = "pre_questionnaire"


def test_case_and_spaces_do_not_change_a_letter_or_a_rating(tmp_path):
    bank = demo_bank()
    first, second = bank.knowledge[0], bank.knowledge[1]
    payload = {"answers": {first.id: f" {first.answer.lower()} ", second.id: "b ", "E-02": " 4",
                           bank.knowledge[2].id: "banana"}}
    (tmp_path / answers_file(A)).write_text(json.dumps(payload), encoding="utf-8")
    got = read_answers(tmp_path, A, bank)
    assert got.answers[first.id] == first.answer and got.answers[second.id] == "B"
    assert got.answers["E-02"] == 4
    assert got.scores(bank)[first.id] == first.points
    # what is still not understood is named, item and value
    assert any(bank.knowledge[2].id in p and "banana" in p for p in got.problems)
