"""The modules' spine: objectives from their one source, ungraded self-checks kept apart from
the graded questionnaire bank."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from migration_course import curriculum

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "assessments" / "bank" / "questions.yml"
MODULE_IDS = [m["id"] for m in yaml.safe_load(curriculum.OBJECTIVES_FILE.read_text())["modules"]]


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-záéíóúñ0-9]+", text.lower())) - {
        "the", "a", "an", "of", "in", "to", "and", "or", "is", "are", "was", "which", "what", "for",
        "by", "on", "with", "that", "this", "it", "as", "at", "be", "from", "about", "how"}


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of content words: 1.0 for the same question, low for different ones."""
    wa, wb = words(a), words(b)
    return len(wa & wb) / max(1, len(wa | wb))


def test_six_modules_with_three_to_five_objectives():
    assert MODULE_IDS == ["M1", "M2", "M3", "M4", "M5", "M6"]
    for module_id in MODULE_IDS:
        current = list(curriculum.module(module_id).current)
        assert 3 <= len(current) <= 5, module_id


def test_objectives_render_with_their_ids():
    html = curriculum.objectives_html("M1")
    assert 'id="objective-M1.1"' in html and "<ol" in html


def test_the_words_around_objectives_and_answers_come_from_the_catalogue(monkeypatch):
    html = curriculum.objectives_html("M1")
    assert html.startswith("<p>By the end of this module you will be able to:</p>")
    quiz = curriculum.selfcheck_html("M1")
    assert "<summary>Check your answer</summary>" in quiz and "<strong>Answer: " in quiz
    assert '<em class="rcm-level">Apply:</em>' in quiz
    catalogue = {"curriculum.objectives.lead": "Al terminar:", "curriculum.selfcheck.answer_label": "Ver",
                 "curriculum.selfcheck.answer_word": "Respuesta",
                 **{f"curriculum.selfcheck.level.{level}": f"[{level}]"
                    for level in ("recall", "apply", "interpret")}}
    monkeypatch.setattr(curriculum.strings, "text", lambda key, *args, **kw: catalogue[key])
    assert curriculum.objectives_html("M1").startswith("<p>Al terminar:</p>")
    quiz = curriculum.selfcheck_html("M1")
    assert "<summary>Ver</summary>" in quiz and "<strong>Respuesta: " in quiz
    assert '<em class="rcm-level">[apply]</em>' in quiz and "[recall]" in quiz
    assert curriculum.objectives_html("M1", lead="Lead").startswith("<p>Lead</p>")


def test_selfcheck_file_errors_name_the_file_item_and_field(tmp_path):
    (tmp_path / "M1.yml").write_text(yaml.safe_dump({"module": "M1", "items": [{
        "id": "M1-SC1", "objective": "M9.9", "question": "q", "options": {
            "A": "a", "B": "b", "C": "c", "D": "d"}, "answer": "A", "explanation": "e"}]}))
    with pytest.raises(ValueError, match=r"M1.yml, item 1 \(M1-SC1\), field 'objective'"):
        curriculum.load_selfcheck("M1", tmp_path)


def test_a_selfcheck_item_without_a_valid_level_is_refused(tmp_path):
    item = {"id": "M1-SC1", "objective": "M1.1", "question": "q", "answer": "A", "explanation": "e",
            "options": {"A": "a", "B": "b", "C": "c", "D": "d"}}
    for level, shown in ((None, "None"), ("analyse", "'analyse'")):
        (tmp_path / "M1.yml").write_text(yaml.safe_dump({"module": "M1", "items": [
            {**item, **({"level": level} if level else {})}]}))
        with pytest.raises(ValueError, match=rf"item 1 \(M1-SC1\), field 'level' must be one of "
                                             rf"recall, apply, interpret, got {shown}"):
            curriculum.load_selfcheck("M1", tmp_path)


SELFCHECKS = sorted(curriculum.SELFCHECK_DIR.glob("M*.yml")) if curriculum.SELFCHECK_DIR.is_dir() else []


def test_every_module_has_a_selfcheck_file():
    # Otherwise the parametrised overlap test below would collect nothing and pass.
    assert [p.stem for p in SELFCHECKS] == [f"M{n}" for n in range(1, 7)]


@pytest.mark.parametrize("path", SELFCHECKS, ids=[p.stem for p in SELFCHECKS])
def test_selfcheck_items_never_repeat_a_graded_question(path):
    bank = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    graded = [item["question"] for section in ("knowledge",) for item in bank[section]]
    for item in curriculum.load_selfcheck(path.stem):
        closest = max(graded, key=lambda q: similarity(q, item.question))
        assert similarity(closest, item.question) < 0.5, (
            f"{item.id} is too close to a graded question: {closest!r}")
        assert item.question not in graded


@pytest.mark.parametrize("path", SELFCHECKS, ids=[p.stem for p in SELFCHECKS])
def test_selfcheck_renders_without_script(path):
    html = curriculum.selfcheck_html(path.stem)
    assert "<script" not in html and "<details>" in html
