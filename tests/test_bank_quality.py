"""The question bank and the self-checks follow the measurable item-writing rules.

Why: a pre/post gain means something only if the items cannot be answered by test-wise cues
(the longest option, a favourite letter, an absurd distractor) and ask for more than recall.
The rules below are the measurable part of the usual multiple-choice guidelines (Haladyna,
Downing & Rodriguez 2002): options of similar length, the key rarely the longest, letters
balanced, every current objective covered, at least 40% of items at the apply or interpret
level, no duplicated options. Each rule is also shown to fail on a small bad bank, so a bank
that breaks it cannot pass.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from migration_course import curriculum, datasets
from migration_course.core.bank import LETTERS, BankError, KnowledgeItem, load_bank
from migration_course.core.objectives import load_objectives
from tools.demo_course import BANK_FILE, demo_bank, edited_bank

KEY_LONGEST_MAX = 0.25      # the key strictly the longest option in at most a quarter of items
LETTER_SHARE = (0.15, 0.35)  # each answer letter is the key of 15% to 35% of items
HIGHER_LEVEL_MIN = 0.40     # apply or interpret
LENGTH_RATIO_MAX = 3.0      # longest option at most three times the shortest (characters)


@dataclass(frozen=True)
class Item:
    """The parts of a question the rules look at, from the bank or from a self-check."""

    id: str
    objective: str
    level: str
    options: dict[str, str]
    answer: str


def _bank_items(bank) -> list[Item]:
    return [Item(k.id, k.objective, k.level, k.options, k.answer) for k in bank.knowledge]


def _selfcheck_items() -> list[Item]:
    return [Item(i.id, i.objective, i.level, i.options, i.answer)
            for m in load_objectives() for i in curriculum.load_selfcheck(m.id)]


def _active_objectives(bank) -> set[str]:
    return {o.id for m in bank.modules for o in m.current}


def key_is_longest(item: Item) -> bool:
    """The key is strictly longer than every distractor (a tie is no cue)."""
    key = len(item.options[item.answer])
    return all(key > len(text) for letter, text in item.options.items() if letter != item.answer)


def measure(items: list[Item], objectives: set[str]) -> dict:
    """The figures the rules are about (also what the report quotes)."""
    n = len(items)
    letters = Counter(i.answer for i in items)
    return {
        "items": n,
        "key_longest": sum(key_is_longest(i) for i in items),
        "letters": {letter: letters[letter] for letter in LETTERS},
        "levels": dict(Counter(i.level for i in items)),
        "higher_level": sum(i.level in ("apply", "interpret") for i in items),
        "uncovered": sorted(objectives - {i.objective for i in items}),
    }


def rule_breaches(items: list[Item], objectives: set[str]) -> list[str]:
    """Every rule the items break, each with its measured figure; empty when all hold."""
    m = measure(items, objectives)
    n = m["items"]
    out = []
    if m["key_longest"] > KEY_LONGEST_MAX * n:
        out.append(f"key-longest: the key is strictly the longest option in {m['key_longest']} of "
                   f"{n} items (at most {KEY_LONGEST_MAX:.0%})")
    low, high = LETTER_SHARE
    for letter, count in m["letters"].items():
        if not low * n <= count <= high * n:
            out.append(f"letters: {letter} is the key of {count} of {n} items "
                       f"(allowed {low:.0%} to {high:.0%})")
    if m["uncovered"]:
        out.append(f"coverage: no item tests {', '.join(m['uncovered'])}")
    if m["higher_level"] < HIGHER_LEVEL_MIN * n:
        out.append(f"levels: {m['higher_level']} of {n} items apply or interpret "
                   f"(at least {HIGHER_LEVEL_MIN:.0%})")
    for i in items:
        lengths = [len(text) for text in i.options.values()]
        if max(lengths) > LENGTH_RATIO_MAX * min(lengths):
            out.append(f"length: {i.id}'s longest option is {max(lengths) / min(lengths):.1f} times "
                       f"its shortest (at most {LENGTH_RATIO_MAX})")
        normalised = [" ".join(re.findall(r"\w+", text.lower())) for text in i.options.values()]
        if len(set(normalised)) < len(normalised):
            out.append(f"duplicates: {i.id} has two options with the same words")
    return out


# ---- the real bank and self-checks ------------------------------------------------------------

@pytest.fixture(scope="module")
def bank():
    return demo_bank()


def test_the_bank_follows_the_item_writing_rules(bank):
    assert rule_breaches(_bank_items(bank), _active_objectives(bank)) == []


def test_the_selfchecks_follow_the_item_writing_rules(bank):
    assert rule_breaches(_selfcheck_items(), _active_objectives(bank)) == []


def test_every_module_selfcheck_covers_its_own_objectives():
    for module in load_objectives():
        tested = {i.objective for i in curriculum.load_selfcheck(module.id)}
        assert {o.id for o in module.current} <= tested, module.id


def test_interpret_items_give_the_table_they_ask_about(bank):
    interpret = [k for k in bank.knowledge if k.level == "interpret"]
    assert interpret, "the bank has interpret items"
    assert all(k.table for k in interpret), [k.id for k in interpret if not k.table]


def test_no_distractor_is_a_bare_absolute(bank):
    """Options such as "Never" or "None of these" are rejected at sight: they teach nothing."""
    bare = re.compile(r"^(never|always|none|all of the above|none of the above)\W*$", re.I)
    items = _bank_items(bank) + _selfcheck_items()
    assert [i.id for i in items if any(bare.match(t) for t in i.options.values())] == []


# ---- each rule can fail ---------------------------------------------------------------------

def _good(n: int = 8) -> list[Item]:
    """A small bank that keeps every rule: keys A-D in turn, options of one length, half apply."""
    return [Item(f"K-M1-{k:02d}", f"M1.{k % 2 + 1}", ("recall", "apply")[k % 2],
                 {letter: f"option {letter} of item {k}" for letter in LETTERS}, LETTERS[k % 4])
            for k in range(n)]


OBJECTIVES = {"M1.1", "M1.2"}


def _with(items: list[Item], k: int, **change) -> list[Item]:
    fields = {**items[k].__dict__, **change}
    return items[:k] + [Item(**fields)] + items[k + 1:]


def _longest_key(item: Item) -> Item:
    return Item(item.id, item.objective, item.level,
                {**item.options, item.answer: item.options[item.answer] + " and more words"},
                item.answer)


BAD_BANKS = {
    "key-longest": lambda items: [_longest_key(i) if n < 3 else i for n, i in enumerate(items)],
    "letters": lambda items: [Item(i.id, i.objective, i.level, i.options, "A") for i in items],
    "coverage": lambda items: [Item(i.id, "M1.1", i.level, i.options, i.answer) for i in items],
    "levels": lambda items: [Item(i.id, i.objective, "recall", i.options, i.answer) for i in items],
    "length": lambda items: _with(items, 0, options={**items[0].options, "B": "No"}),
    "duplicates": lambda items: _with(items, 0, options={**items[0].options,
                                                         "B": items[0].options["A"].upper() + "."}),
}


def test_the_small_good_bank_keeps_every_rule():
    assert rule_breaches(_good(), OBJECTIVES) == []


@pytest.mark.parametrize("rule", sorted(BAD_BANKS))
def test_each_rule_fails_on_a_bank_that_breaks_it(rule):
    breaches = rule_breaches(BAD_BANKS[rule](_good()), OBJECTIVES)
    assert breaches and {b.split(":")[0] for b in breaches} == {rule}, breaches


def test_the_measured_figures_are_what_the_rules_read(bank):
    m = measure(_bank_items(bank), _active_objectives(bank))
    assert m["items"] == len(bank.knowledge) and sum(m["letters"].values()) == m["items"]
    assert m["higher_level"] == m["levels"].get("apply", 0) + m["levels"].get("interpret", 0)


# ---- the loader: levels, tables and retired IDs -------------------------------------------------

def _problems(tmp_path: Path, edit) -> str:
    with pytest.raises(BankError) as err:
        load_bank(edited_bank(tmp_path, edit))
    return str(err.value)


def test_a_missing_or_unknown_level_is_a_clear_error(tmp_path):
    def edit(data):
        del data["knowledge"][0]["level"]
        data["knowledge"][1]["level"] = "analyse"
    message = _problems(tmp_path, edit)
    first, second = (data["id"] for data in yaml.safe_load(BANK_FILE.read_text())["knowledge"][:2])
    assert (f"knowledge item {first}: field 'level' must be one of recall, apply, interpret, "
            "got None") in message
    assert (f"knowledge item {second}: field 'level' must be one of recall, apply, interpret, "
            "got 'analyse'") in message


def test_a_retired_id_cannot_come_back(tmp_path):
    def edit(data):
        data["knowledge"][0]["id"] = data["retired"][0]["id"]
        data["retired"].append({"id": "K-M9-99", "reason": "", "replaced_by": "K-M9-98"})
    message = _problems(tmp_path, edit)
    retired = yaml.safe_load(BANK_FILE.read_text())["retired"][0]["id"]
    assert f"retired item {retired}: this ID is retired but a knowledge item still uses it" in message
    assert "retired item K-M9-99: field 'reason' is missing" in message
    assert "retired item K-M9-99: field 'replaced_by' 'K-M9-98' is not a knowledge item" in message


def test_a_table_must_be_rows_of_equal_length(tmp_path):
    def edit(data):
        data["knowledge"][0]["table"] = [["Country", "Migrants"], ["Belize"]]
    assert "field 'table' must be a list of rows" in _problems(tmp_path, edit)


def test_retired_items_are_never_asked_and_the_questionnaires_share_the_rest(bank):
    retired = {r.id for r in bank.retired}
    assert retired and not retired & set(bank.key)
    for phase in ("pre", "post"):
        asked = [i for i in bank.items_for(phase) if isinstance(i, KnowledgeItem)]
        assert asked == list(bank.knowledge) and not retired & {i.id for i in asked}
    assert all(r.replaced_by in bank.key for r in bank.retired if r.replaced_by)


# ---- the figures items quote are the course's data -----------------------------------------------

def _item(bank, item_id: str) -> KnowledgeItem:
    return next(k for k in bank.knowledge if k.id == item_id)


def test_mexico_remittances_item_quotes_the_world_banks_2019_figure(bank):
    rem = datasets.load("remittances_received")
    mexico_2019 = rem[(rem.country_iso3 == "MEX") & (rem.year == 2019)].remittances_usd.item()
    item = _item(bank, "K-M2-04")
    assert f"USD {mexico_2019 / 1e9:.1f} billion" in item.question
    assert "35.7" not in item.question and item.options[item.answer] == "Mexico"


def test_the_share_of_women_feedback_matches_the_data(bank):
    regions = datasets.load("migrant_stock_regions")
    world = regions[regions.region_code == "WLD"].pivot(index="year", columns="sex", values="migrants")
    shares = [f"{100 * world.female[y] / world.both[y]:.1f}%" for y in (1990, 2019)]
    feedback = _item(bank, "K-M1-02").feedback
    assert all(s in feedback for s in shares) and "trend towards" not in feedback


def test_the_remittances_table_is_computed_from_the_data(bank):
    rem = datasets.load("remittances_received")
    rem = rem[rem.year == 2019].set_index("country")
    item = _item(bank, "K-M5-08")
    for country, total, per_head in item.table[1:]:
        row = rem.loc[country]
        assert total == f"USD {row.remittances_usd / 1e9:.1f} billion", country
        assert per_head == f"USD {row.remittances_usd / row.population:.0f}", country
    best = max(item.table[1:], key=lambda r: int(r[2].split()[1]))[0]
    assert item.options[item.answer] == best


def test_the_sica_and_mexico_tables_are_the_data(bank):
    stock = datasets.load("migrant_stock_by_destination")
    stock = stock[(stock.year == 2019) & (stock.sex == "both")].set_index("country").migrants
    od = datasets.load("od_within_rcm")
    od = od[(od.year == 2019) & (od.sex == "both")]
    sica = {"Belize", "Costa Rica", "Dominican Republic", "El Salvador", "Guatemala", "Honduras",
            "Nicaragua", "Panama"}
    for country, migrants, share in _item(bank, "K-M6-05").table[1:]:
        from_sica = od[(od.dest == country) & od.origin.isin(sica - {country})].migrants.sum()
        assert migrants == f"{stock[country]:,}" and share == f"{100 * from_sica / stock[country]:.0f}%"
    mexico = dict(_item(bank, "K-M2-06").table[1:])
    assert mexico["International migrants living in Mexico"] == f"{stock['Mexico']:,}"
    born_usa = od[(od.dest == "Mexico") & (od.origin == "United States")].migrants.item()
    assert mexico["… of whom born in the United States"] == f"{born_usa:,}"
    facts = datasets.load("concept_note_facts").set_index("fact_id")
    assert mexico["People born in Mexico living in another country"] in facts.caveat["mexicans_abroad"]
