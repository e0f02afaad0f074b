"""The generated nbgrader source notebooks: up to date, locked, hidden key, embedded form."""

import json
import re
import shutil

import pytest

from migration_course.core import strings
from migration_course.core.bank import ASSIGNMENTS, KnowledgeItem
from migration_course.core.bank_translation import languages
from migration_course.questionnaire.notebook import (
    RUNTIME,
    build_notebook,
    form_text,
    question_markdown,
    stale_sources,
    write_sources,
)
from tools.demo_course import SOURCE_DIR, demo_bank


@pytest.fixture(scope="module")
def bank():
    return demo_bank()


def _nbgrader(cell):
    return cell["metadata"].get("nbgrader", {})


def test_committed_notebooks_match_the_bank():
    assert stale_sources(demo_bank(), SOURCE_DIR) == [], \
        "run `rcm-course questionnaire generate` and commit"


def test_stale_detection_catches_an_edit(tmp_path, bank):
    dest = tmp_path / "source"
    write_sources(bank, dest)
    assert stale_sources(bank, dest) == []
    nb_path = dest / "post_questionnaire" / "post_questionnaire.ipynb"
    nb_path.write_text(nb_path.read_text(encoding="utf-8").replace("Module I", "Module 1"),
                       encoding="utf-8")
    assert stale_sources(bank, dest) == [str(nb_path)]
    shutil.rmtree(dest / "pre_questionnaire")
    # every language of pre, and the edited post
    assert len(stale_sources(bank, dest)) == len(languages(bank)) + 1


@pytest.mark.parametrize("phase", ["pre", "post"])
def test_every_cell_locked_and_knowledge_cells_carry_hidden_key(bank, phase):
    nb = build_notebook(bank, phase)
    meta = [_nbgrader(c) for c in nb.cells]
    assert all(m.get("locked") for m in meta), "participants must not edit any cell"
    assert not any(m.get("solution") for m in meta), "nothing to type: no solution cells"
    graded = {m["grade_id"]: (c, m) for c, m in zip(nb.cells, meta, strict=True)
              if m.get("grade")}
    assert list(graded) == [k.id for k in bank.knowledge]
    for k in bank.knowledge:
        cell, m = graded[k.id]
        assert m["points"] == k.points
        visible, hidden = cell.source.split("### BEGIN HIDDEN TESTS")
        assert f'assert answer("{k.id}") == "{k.answer}"' in hidden
        assert "assert" not in visible and f'choice("{k.id}"' in visible
        assert cell.metadata["jupyter"]["source_hidden"] is True


def test_pre_and_post_notebooks_grade_the_same_items(bank):
    ids = {}
    for phase in ("pre", "post"):
        nb = build_notebook(bank, phase)
        ids[phase] = [_nbgrader(c)["grade_id"] for c in nb.cells if _nbgrader(c).get("grade")]
    assert ids["pre"] == ids["post"]


def test_form_code_is_embedded_verbatim_with_the_assignment_file(bank):
    for phase, assignment in ASSIGNMENTS.items():
        nb = json.loads((SOURCE_DIR / assignment / f"{assignment}.ipynb").read_text("utf-8"))
        setup = "".join(nb["cells"][1]["source"])
        assert setup.startswith(RUNTIME.read_text(encoding="utf-8").rstrip())
        assert f"ANSWERS_FILE = '{assignment}_answers.json'" in setup
        items = json.loads(setup.rsplit("ITEMS = ", 1)[1])
        assert items == bank.kinds(phase)


def test_instructions_are_plain_language(bank):
    text = build_notebook(bank, "pre").cells[0].source
    for words in ("Run All Cells", "Click your answer", "saved at once", "do **not** need",
                  "course team", "check"):
        assert words in text


def _setup_namespace(nb, tmp_path, monkeypatch):
    """Run the setup cell as the participant's kernel does: its own globals, in the notebook folder."""
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(nb.cells[1].source, namespace)
    return namespace


def test_the_form_reads_its_words_from_the_setup_cell(bank, tmp_path, monkeypatch, capsys):
    namespace = _setup_namespace(build_notebook(bank, "pre"), tmp_path, monkeypatch)
    assert namespace["TEXT"] == form_text("en") == strings.catalogue("en").section("questionnaire.form")
    namespace["check"]()
    assert f"Answered: 0 of {len(bank.kinds('pre'))} questions." in capsys.readouterr().out


def english_phrases(values):
    """The catalogue's words cut at placeholders, Markdown marks and punctuation: what must not show."""
    parts = {p.strip() for v in values for p in re.split(r"\{[^}]*\}|\*\*|`|\d+\.|[\n.:;,()\"]", v)}
    return {p for p in parts if re.search("[A-Za-z]{3}", p)}


@pytest.mark.parametrize("phase", ["pre", "post"])
def test_the_spanish_notebook_has_no_english_left(bank, phase, tmp_path, monkeypatch):
    nb = build_notebook(bank, phase, language="es")
    shown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    english_bank = [question_markdown(i) if isinstance(i, KnowledgeItem) else i.question
                    for i in bank.items_for(phase)]
    assert not [words for words in english_bank if words in shown]
    english = strings.catalogue("en").section("questionnaire.notebook").values()
    # JupyterLab's own menu and key names stay English (no Spanish language pack is installed),
    # and the Spanish text glosses them; record() is the fallback's function name.
    kept = {"File → Save", "Run All Cells", "Run", "Shift + Enter", "Submit", "record"}
    leaked = sorted(p for p in english_phrases(english) - kept
                    if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", shown))
    assert not leaked, f"the Spanish {phase} notebook shows English: {leaked}"
    assert _setup_namespace(nb, tmp_path, monkeypatch)["TEXT"] == form_text("es")
    assert form_text("es")["check_done"] != form_text("en")["check_done"]


@pytest.mark.parametrize("phase", ["pre", "post"])
def test_the_spanish_notebook_writes_the_graded_answers_file_and_holds_no_key(bank, phase):
    graded, spanish = build_notebook(bank, phase), build_notebook(bank, phase, language="es")
    sources = "\n".join(c.source for c in spanish.cells)
    assert "HIDDEN TESTS" not in sources and "assert answer(" not in sources
    assert not any(c.metadata["nbgrader"].get("grade") for c in spanish.cells)
    assignment = ASSIGNMENTS[phase]
    assert f"ANSWERS_FILE = '../{assignment}_answers.json'" in spanish.cells[1].source
    assert [c.metadata["nbgrader"]["grade_id"] for c in spanish.cells] == \
        [c.metadata["nbgrader"]["grade_id"] for c in graded.cells]
