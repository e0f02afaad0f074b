"""The question bank and the learning objectives: validity, coverage, pre/post sharing."""

from collections import Counter

import pytest

from migration_course.core.bank import MIN_KNOWLEDGE_PER_MODULE, BankError, KnowledgeItem, load_bank
from migration_course.core.objectives import load_objectives
from tools.demo_course import demo_bank, edited_bank


@pytest.fixture(scope="module")
def bank():
    return demo_bank()


def test_the_six_modules_in_order_with_three_to_five_objectives():
    modules = load_objectives()
    assert [m.id for m in modules] == [f"M{n}" for n in range(1, len(modules) + 1)]
    assert len(modules) == 6  # the programme's six modules (concept note)
    assert all(3 <= len(m.current) <= 5 for m in modules)
    assert modules[2].title == "International protection of migrants"


def test_every_module_has_enough_knowledge_items(bank):
    per_module = Counter(k.module for k in bank.knowledge)
    assert set(per_module) == {m.id for m in bank.modules}
    assert min(per_module.values()) >= MIN_KNOWLEDGE_PER_MODULE


def test_items_cite_real_objectives_and_sources(bank):
    objectives = {o.id: m.id for m in bank.modules for o in m.objectives}
    for k in bank.knowledge:
        assert objectives[k.objective] == k.module, k.id
        assert k.source and k.feedback and len(k.options) == 4


def test_answer_key_is_not_guessable_by_position(bank):
    letters = Counter(k.answer for k in bank.knowledge)
    assert set(letters) == {"A", "B", "C", "D"}
    assert max(letters.values()) <= len(bank.knowledge) // 2


def test_pre_and_post_share_exactly_the_knowledge_items(bank):
    pre = [i for i in bank.items_for("pre") if isinstance(i, KnowledgeItem)]
    post = [i for i in bank.items_for("post") if isinstance(i, KnowledgeItem)]
    assert pre == post == list(bank.knowledge)
    pre_ids = {i.id for i in bank.items_for("pre")}
    post_ids = {i.id for i in bank.items_for("post")}
    assert {i.id for i in bank.surveys["expectations"]} <= pre_ids - post_ids
    assert {i.id for i in bank.surveys["satisfaction"]} <= post_ids - pre_ids
    assert {i.id for i in bank.surveys["intended_use"]} <= post_ids - pre_ids
    assert {i.kind for i in bank.survey_items("pre")} == {"likert", "text"}


def test_validation_lists_every_problem_with_item_and_field(tmp_path):
    def edit(data):
        k = data["knowledge"]
        k[1]["id"] = k[0]["id"]                     # duplicate ID
        k[2]["answer"] = "E"                        # not a letter
        k[3]["objective"] = "M6.1"                  # objective of another module
        del k[4]["options"]["D"]                    # three options
        data["knowledge"] = [i for i in k if i["module"] != "M5" or i["id"] == "K-M5-01"]
        data["expectations"][0]["scale"] = "nope"   # unknown Likert scale
    with pytest.raises(BankError) as err:
        load_bank(edited_bank(tmp_path, edit))
    message = str(err.value)
    for expected in ("K-M1-01 is used 2 times", "field 'answer'", "field 'objective' 'M6.1'",
                     "field 'options'", "module M5 has 1 knowledge items", "field 'scale'"):
        assert expected in message
    assert str(tmp_path / "questions.yml") in message


def test_unreadable_bank_is_a_clear_error(tmp_path):
    path = tmp_path / "questions.yml"
    path.write_text("knowledge: [unclosed", encoding="utf-8")
    with pytest.raises(BankError, match="not valid YAML"):
        load_bank(path)
