"""The six modules share one spine, carry enough substance, and are built with their evidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
MODULES = [REPO / "modules" / f"module-{n}.md" for n in range(1, 7)]
SPINE_BEFORE = ["Overview", "Learning objectives"]
EVIDENCE = "Regional evidence"
CASE_STUDY = "Case study: "
SPINE_AFTER = ["Policy toolbox", "Discussion questions for the virtual sessions", "Self-check",
               "Summary", "Further reading"]
MIN_CONTENT_SECTIONS = 4
MIN_PROSE_WORDS = 2000
CHART_CALL = re.compile(r"^(?:charts\.\w+|explore)\(", re.M)


def h2(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, re.M)


def prose_words(text: str) -> int:
    """Words a reader reads: no front matter, code cells, directive options or table rules."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    text = re.sub(r"^:\w[\w-]*:.*$", "", text, flags=re.M)
    text = re.sub(r"\{(?:cite|term|doc|ref|glue:text)\}`[^`]*`", "x", text)
    return len(re.findall(r"[A-Za-zÀ-ÿ]{2,}", text))


def test_six_modules_in_the_toc():
    toc = (REPO / "_toc.yml").read_text()
    for n, path in enumerate(MODULES, start=1):
        assert path.is_file(), path
        assert f"modules/module-{n}" in toc


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_follows_the_spine(path):
    headings = h2(path.read_text())
    assert headings[:2] == SPINE_BEFORE, headings
    assert headings[-len(SPINE_AFTER):] == SPINE_AFTER, headings
    evidence = headings.index(EVIDENCE)
    cases = headings[evidence + 1:-len(SPINE_AFTER)]
    assert cases and all(h.startswith(CASE_STUDY) for h in cases), headings
    content = headings[2:evidence]
    assert len(content) >= MIN_CONTENT_SECTIONS, f"only {len(content)} content sections: {content}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_renders_its_objectives_and_selfcheck_from_their_sources(path):
    text = path.read_text()
    module_id = f"M{path.stem.split('-')[1]}"
    assert f'curriculum.show_objectives("{module_id}")' in text
    assert f'curriculum.show_selfcheck("{module_id}")' in text
    assert "**Time to learn:**" in text
    assert (REPO / "modules" / "selfcheck" / f"{module_id}.yml").is_file()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_module_has_substance_and_evidence(path):
    text = path.read_text()
    assert prose_words(text) >= MIN_PROSE_WORDS, f"{prose_words(text)} words of prose"
    assert len(CHART_CALL.findall(text)) >= 2, "fewer than two interactive charts"
    assert "{cite}`" in text


def test_corridors_are_taught_with_the_table2_caveat():
    taught = [p for p in MODULES if "corridor_matrix" in p.read_text()
              or "od_within_rcm" in p.read_text()]
    assert taught
    for path in taught:
        text = path.read_text().lower()
        assert "table 2" in text and ("men only" in text or "male" in text), path.stem


# --- on the built site -------------------------------------------------------------------------


@pytest.mark.build
def test_every_chart_on_the_site_has_a_text_summary_and_table(html_pages):
    for page in html_pages:
        html = page.read_text()
        charts = html.count('class="rcm-plotly"')
        assert html.count('class="rcm-chart-summary"') >= charts, page.name
        assert html.count("<caption>") >= charts, page.name


@pytest.mark.build
def test_every_image_has_alt_text(html_pages):
    for page in html_pages:
        for tag in re.findall(r"<img\b[^>]*>", page.read_text()):
            assert re.search(r'\balt="[^"]+"', tag), f"{page.name}: {tag}"


def test_learning_objective_ids_cited_by_the_bank_exist():
    objectives = yaml.safe_load((REPO / "modules" / "learning_objectives.yml").read_text())
    known = {o["id"] for m in objectives["modules"] for o in m["objectives"]}
    bank = yaml.safe_load((REPO / "assessments" / "bank" / "questions.yml").read_text())
    cited = {item["objective"] for item in bank["knowledge"]}
    assert cited <= known, cited - known
