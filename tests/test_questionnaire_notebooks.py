"""The generated nbgrader source notebooks: up to date, locked, hidden key, embedded form."""

import json
import shutil

import pytest

from migration_course.core.bank import ASSIGNMENTS
from migration_course.questionnaire.notebook import RUNTIME, build_notebook, stale_sources, write_sources
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
    assert len(stale_sources(bank, dest)) == 2


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
                  "e-mail", "check"):
        assert words in text
