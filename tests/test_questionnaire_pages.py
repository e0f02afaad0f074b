"""The participant and instructor pages: accurate, complete, and never the answer key."""

import re

import pytest

from migration_course.cli import build_parser, main
from migration_course.core.paths import REPO_ROOT
from migration_course.questionnaire.answer_sheet import explanations
from migration_course.sphinx_ext import course_substitutions
from tools.demo_course import demo_bank

PAGES = {name: (REPO_ROOT / "book" / f"{name}.md").read_text(encoding="utf-8")
         for name in ("questionnaires", "instructor-guide")}


@pytest.fixture(scope="module")
def bank():
    return demo_bank()


def test_no_question_or_key_on_any_book_page(bank):
    book = "\n".join(p.read_text(encoding="utf-8") for p in (REPO_ROOT / "book").rglob("*.md"))
    # Pages teach the facts; what must never appear is the quiz itself or its key.
    for k in bank.knowledge:
        assert k.question not in book, k.id
    assert not re.search(r'answer\("K-M\d-\d\d"\) ==', book)


def test_participant_page_matches_the_bank_and_names_the_files(bank):
    page = PAGES["questionnaires"]
    # the count is the bank's, substituted at build time, never typed into the page
    assert "{{ knowledge_items }} multiple-choice questions" in page
    assert course_substitutions()["knowledge_items"] == str(len(bank.knowledge))
    assert not re.search(r"\b\d+ multiple-choice questions", page)
    for words in ("pre_questionnaire_answers.json", "Fetch", "Submit", "Run All Cells",
                  "two** attachments", "never with names"):
        assert words in page


def test_instructor_guide_shows_every_command():
    page = PAGES["instructor-guide"]
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for command in sub.choices:
        assert f"rcm-course {command}" in page or f"make {command}" in page, command


def test_explanations_have_every_answer_and_refuse_the_book(bank, tmp_path):
    text = explanations(bank)
    assert all(f"Answer: {k.answer}. {k.options[k.answer]}" in text for k in bank.knowledge)
    assert main(["questionnaire", "explain", "--out", str(REPO_ROOT / "book" / "x.md")]) == 2
    assert not (REPO_ROOT / "book" / "x.md").exists()
    assert main(["questionnaire", "explain", "--out", str(tmp_path / "key.md")]) == 0
    assert (tmp_path / "key.md").read_text(encoding="utf-8") == text


@pytest.mark.build
def test_the_built_page_shows_the_banks_count(site, bank):
    html = (site / "book" / "questionnaires.html").read_text(encoding="utf-8")
    assert f"{len(bank.knowledge)} multiple-choice questions" in html
    assert "{{" not in html
