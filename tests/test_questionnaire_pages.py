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
    for words in ("pre_questionnaire_answers.json", "Submit my answers", "Run All Cells",
                  "two** attachments", "never with names", "marked late"):
        assert words in page


def test_participant_page_puts_the_hub_first_and_asks_for_no_code():
    page = PAGES["questionnaires"]
    # The hub's steps come before the e-mail fallback, in the order a participant meets them.
    steps = ["sign-in link", "Sign in", "ready to answer", "Saved.", "Submit my answers",
             "receipt", "Change my answers", "by e-mail"]
    positions = [page.index(words) for words in steps]
    assert positions == sorted(positions), dict(zip(steps, positions, strict=True))
    # Nothing to type but answers: no form call, no install command, no terminal.
    for code in ("record(", "pip ", "jupyter lab", "Shift + Enter", "Fetch"):
        assert code not in page, code


IMAGE = re.compile(r"```\{image\} (images/questionnaires/[\w-]+\.png)\n((?::\w+:.*\n)+)```")


def test_participant_page_screenshots_exist_are_small_and_described():
    page = PAGES["questionnaires"]
    shown = IMAGE.findall(page)
    folder = REPO_ROOT / "book" / "images" / "questionnaires"
    assert sorted(path for path, _ in shown) == sorted(
        f"images/questionnaires/{p.name}" for p in folder.glob("*.png"))
    assert len(shown) >= 6
    for path, options in shown:
        png = REPO_ROOT / "book" / path
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path
        assert png.stat().st_size < 60 * 1024, (path, png.stat().st_size)
        alt = re.search(r":alt: (.+)", options).group(1)
        assert len(alt.split()) >= 10, (path, alt)  # says what the picture shows
        assert ":loading: lazy" in options, path  # only the pictures near the screen load


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
