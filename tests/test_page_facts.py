"""Pages read as content: their figures come from ``migration_course.page_facts``, not from page code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from migration_course import countries, page_facts

REPO = Path(__file__).resolve().parent.parent
PAGE_FILES = {**{f"M{n}": REPO / "modules" / f"module-{n}.md" for n in range(1, 7)},
              "region-at-a-glance": REPO / "book" / "region-at-a-glance.md"}
CODE_PAGES = [*PAGE_FILES.values(), REPO / "book" / "data-sources.md"]
CELL = re.compile(r"```\{code-cell\}[^\n]*\n(.*?)```", re.S)
GLUED = re.compile(r"\{glue:text\}`([\w.-]+)(?::[^`]*)?`")
MAX_FIRST_CELL_LINES = 5


def code_lines(cell: str) -> list[str]:
    """The lines of a code cell that are code: no ``:tags:`` options, no blank lines."""
    return [line for line in cell.splitlines() if line.strip() and not re.match(r"^:\w[\w-]*:", line)]


@pytest.fixture(scope="module")
def computed() -> dict[str, dict[str, str]]:
    return {page: page_facts.facts(page) for page in page_facts.PAGES}


def test_every_page_with_facts_has_its_file():
    assert set(page_facts.PAGES) == set(PAGE_FILES)
    for page, path in PAGE_FILES.items():
        assert f'page_facts.glue_page("{page}")' in path.read_text(), path.name


@pytest.mark.parametrize("path", list(PAGE_FILES.values()), ids=lambda p: p.stem)
def test_the_first_cell_is_a_few_lines(path):
    first = CELL.search(path.read_text()).group(1)
    assert len(code_lines(first)) <= MAX_FIRST_CELL_LINES, first


@pytest.mark.parametrize("path", CODE_PAGES, ids=lambda p: p.stem)
def test_no_page_defines_a_function(path):
    for cell in CELL.findall(path.read_text()):
        assert not re.search(r"^\s*(?:async\s+)?def ", cell, re.M), cell
        assert "glue(" not in cell.replace("glue_page(", ""), "glue in the page, not via page_facts"


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_every_glued_name_in_the_prose_is_computed(page, computed):
    used = set(GLUED.findall(PAGE_FILES[page].read_text()))
    assert used, "no {glue:text} in the page"
    assert used <= set(computed[page]), sorted(used - set(computed[page]))


@pytest.mark.parametrize("page", list(PAGE_FILES))
def test_facts_are_non_empty_text(page, computed):
    assert computed[page]
    for name, value in computed[page].items():
        assert isinstance(value, str) and value.strip(), name


def test_facts_refuse_an_unknown_page():
    with pytest.raises(KeyError, match="known pages: M1"):
        page_facts.facts("M9")


def test_a_figure_that_is_not_text_is_named(monkeypatch):
    monkeypatch.setitem(page_facts.PAGES, "M1", lambda: {"m1_ok": "3%", "m1_number": 3, "m1_empty": " "})
    with pytest.raises(ValueError, match="m1_number, m1_empty"):
        page_facts.facts("M1")


def test_glue_page_glues_every_figure_as_hidden_text(monkeypatch):
    import myst_nb

    glued = []

    def glue(name: str, value: object, display: bool = True) -> None:
        glued.append((name, value, display))

    monkeypatch.setattr(myst_nb, "glue", glue)
    page_facts.glue_page("region-at-a-glance")
    assert {name for name, _, _ in glued} == {"total_2019", "rest_2019", "n_rest"}
    assert all(isinstance(value, str) and display is False for _, value, display in glued)


def test_figures_are_written_alike_on_every_page(computed):
    """The same quantity quoted on two pages reads the same on both."""
    m1, m3, m4, m5, m6 = (computed[p] for p in ("M1", "M3", "M4", "M5", "M6"))
    assert m1["m1_pct_female"] == m5["m5_pct_female"]
    assert m1["m1_governance_strategy"] == m4["m4_gov_strategy"]
    assert m4["m4_ref_unhcr_2018"] == m3["m3_unhcr_refugees_2018"]
    assert computed["M2"]["m2_within_2019_m"] == m6["m6_within_2019"]
    assert computed["M2"]["m2_rem_mex_share_last"] == m5["m5_mex_share_last"]
    assert re.fullmatch(r"\d+(\.\d)?%", m1["m1_world_growth"])
    assert m1["m1_high_income"].endswith(" million")


@pytest.mark.parametrize("show", [
    page_facts.module_2.table2_check, page_facts.module_4.checked_figures,
    page_facts.module_5.women_among_emigrants, page_facts.module_6.sica_by_destination,
    page_facts.region_at_a_glance.table1, page_facts.data_sources.tables,
    page_facts.data_sources.table2_against_desa, page_facts.data_sources.table2_as_printed,
    page_facts.data_sources.concept_note_figures,
], ids=lambda f: f.__name__)
def test_page_tables_have_a_caption_and_rows(show):
    markup = show().data
    assert markup.count("<caption>") == 1 and "<tbody><tr>" in markup
    assert "nan" not in re.sub(r"<[^>]+>", " ", markup).split()


def test_page_tables_cite_their_sources_in_one_way():
    markup = page_facts.data_sources.concept_note_figures().data
    assert re.search(r'<p class="rcm-chart-source">Source: [^<]+\.</p>$', markup)


@pytest.mark.parametrize("name, prose", [
    ("United States", "the United States"),
    ("United States of America", "the United States of America"),
    ("Dominican Republic", "the Dominican Republic"),
    ("Mexico", "Mexico"),
    ("Costa Rica", "Costa Rica"),
    ("United Kingdom", "the United Kingdom"),
    ("Netherlands", "the Netherlands"),
    ("Russian Federation", "the Russian Federation"),
    ("Venezuela (Bolivarian Republic of)", "Venezuela (Bolivarian Republic of)"),
    ("Spain", "Spain"),
])
def test_country_names_in_running_text_follow_one_rule(name, prose):
    assert countries.in_sentence(name) == prose


def test_the_rule_agrees_with_each_rcm_country_article():
    for country in countries.RCM_COUNTRIES:
        assert countries.in_sentence(country.name) == country.prose == countries.prose(country.iso3)
