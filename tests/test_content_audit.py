"""The fact audit stays done: every number in the prose of the course's pages has a recorded source.

``tests/data/fact_audit.yml`` lists, page by page, each sentence that writes a number and what the
number rests on (a reference in ``book/references.bib``, the concept note, a table of ``data/``,
the figures a page glues, or the course itself). The checks below are plain functions that
return the problems they find, so that each is shown failing on a broken copy as well as passing
on the real pages. The last tests read the built site for the errors issue 12 named.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from migration_course import page_facts

REPO = Path(__file__).resolve().parent.parent
RECORD = REPO / "tests" / "data" / "fact_audit.yml"
BIB = REPO / "book" / "references.bib"
DATAPACKAGE = REPO / "data" / "datapackage.json"

# Pages whose prose is audited: the six modules and every book page that states facts. Left out
# (see the record's header): the agenda, the operating instructions and the bibliography page.
AUDITED = sorted([*(f"modules/module-{n}.md" for n in range(1, 7)),
                  *(f"book/{p.name}" for p in (REPO / "book").glob("*.md")
                    if p.name not in {"agenda.md", "questionnaires.md", "instructor-guide.md",
                                      "references.md"})])
KINDS = {"cited", "programme", "glued", "data", "course"}

_CELL = re.compile(r"```\{code-cell\}.*?```", re.S)
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
# Roles and links whose text is not prose: glued figures, citation keys, term and page links,
# substitutions, addresses and labels. Their digits are masked before numbers are looked for.
_NOT_PROSE = re.compile(r"\{(?:glue:text|glue|cite|term|doc|ref|numref|download)\}`[^`]*`"
                        r"|\{\{[^}]*\}\}|https?://\S+|\(\w[\w-]*\)=")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*(?<![.,])")
_BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.M)


def normalised(markdown: str) -> str:
    """A page as one line: code cells and paragraph breaks become ``¶``, list markers ``•``.

    Why: a phrase quoted in the record must match whatever line breaks the page's editor chose, and
    a numbered list's ``1.`` is a marker, not a figure.
    """
    text = _CELL.sub(" ¶ ", _FRONT.sub("", markdown))
    text = re.sub(r"(?m)^(\s*)(\d+\.|[-*])\s", r"\1• ", text)
    text = re.sub(r"(?m)^(#+ .*)$", r"¶ \1 ¶", text)
    text = re.sub(r"\n\s*\n", " ¶ ", text)
    return re.sub(r"\s+", " ", text)


def prose_numbers(text: str) -> list[tuple[int, str]]:
    """Position and text of every number written in the prose of a normalised page."""
    masked = _NOT_PROSE.sub(lambda m: "#" * len(m.group()), text)
    return [(m.start(), m.group()) for m in _NUMBER.finditer(masked)]


def unrecorded_numbers(text: str, phrases: list[str]) -> list[str]:
    """Numbers of the prose that lie in no recorded phrase, each with its context."""
    covered: list[tuple[int, int]] = []
    for phrase in phrases:
        covered += [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]
    return [f"{number!r} in ...{text[max(0, pos - 60):pos + 40]}..."
            for pos, number in prose_numbers(text)
            if not any(start <= pos < end for start, end in covered)]


def missing_phrases(text: str, phrases: list[str]) -> list[str]:
    """Recorded phrases that are no longer on their page."""
    return [phrase for phrase in phrases if phrase not in text]


def entry_problems(entry: dict, bib_keys: set[str], datasets: set[str]) -> list[str]:
    """What is wrong with one entry of the record: its kind, or a source that does not exist."""
    where = f"{entry.get('page')}: {str(entry.get('phrase'))[:60]!r}"
    kind = entry.get("kind")
    if kind not in KINDS:
        return [f"{where}: kind {kind!r} is not one of {sorted(KINDS)}"]
    problems = []
    if kind in {"cited", "programme"}:
        keys = entry.get("source") or []
        problems += [f"{where}: no source key"] if not keys else []
        problems += [f"{where}: {key!r} is not in references.bib" for key in keys if key not in bib_keys]
        if kind == "programme" and not set(keys) & {"rcm2020concept", "iom2020programme"}:
            problems.append(f"{where}: a programme fact must rest on the concept note")
    elif kind == "glued" and entry.get("facts") not in page_facts.PAGES:
        problems.append(f"{where}: {entry.get('facts')!r} is not a page of migration_course.page_facts")
    elif kind == "data" and entry.get("dataset") not in datasets:
        problems.append(f"{where}: {entry.get('dataset')!r} is not a table of data/datapackage.json")
    elif kind == "course" and not entry.get("note"):
        problems.append(f"{where}: a course statement needs a note saying why no source is needed")
    return problems


def phrases_by_page(record: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in record:
        out.setdefault(entry["page"], []).append(entry["phrase"])
    return out


@pytest.fixture(scope="module")
def record() -> list[dict]:
    return yaml.safe_load(RECORD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bib_keys() -> set[str]:
    return set(_BIB_KEY.findall(BIB.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def table_names() -> set[str]:
    package = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))
    return {resource["name"] for resource in package["resources"]} | {"datapackage.json"}


def page_text(page: str) -> str:
    return normalised((REPO / page).read_text(encoding="utf-8"))


# --- the record against the pages ----------------------------------------------------------------

@pytest.mark.parametrize("page", AUDITED)
def test_every_number_in_the_prose_is_recorded_with_its_source(page, record):
    problems = unrecorded_numbers(page_text(page), phrases_by_page(record).get(page, []))
    assert not problems, "numbers with no entry in tests/data/fact_audit.yml:\n" + "\n".join(problems)


@pytest.mark.parametrize("page", AUDITED)
def test_every_recorded_phrase_is_still_on_its_page(page, record):
    missing = missing_phrases(page_text(page), phrases_by_page(record).get(page, []))
    assert not missing, "phrases no longer on the page (update the record):\n" + "\n".join(missing)


def test_the_record_covers_only_audited_pages(record):
    assert {entry["page"] for entry in record} <= set(AUDITED)


def test_every_entry_names_a_source_that_exists(record, bib_keys, table_names):
    problems = [p for entry in record for p in entry_problems(entry, bib_keys, table_names)]
    assert not problems, "\n".join(problems)


def test_every_citation_on_the_pages_is_in_the_bibliography(bib_keys):
    pages = [*AUDITED, "book/agenda.md", "book/questionnaires.md", "book/instructor-guide.md"]
    cited = {key.strip() for page in pages
             for group in re.findall(r"\{cite\}`([^`]*)`", (REPO / page).read_text(encoding="utf-8"))
             for key in group.split(",")}
    assert cited <= bib_keys, sorted(cited - bib_keys)


# --- the checks fail on broken copies ------------------------------------------------------------

def test_an_unrecorded_number_is_reported(record):
    page = "modules/module-4.md"
    broken = page_text(page).replace("## Regional evidence",
                                     "In 2017 the region counted 12,345 new laws. ## Regional evidence", 1)
    problems = unrecorded_numbers(broken, phrases_by_page(record)[page])
    assert [p.split(" in ")[0] for p in problems] == ["'2017'", "'12,345'"]


def test_a_number_changed_inside_a_recorded_phrase_is_reported(record):
    page = "modules/module-5.md"
    broken = page_text(page).replace("203 Mexican workers took part", "230 Mexican workers took part")
    assert missing_phrases(broken, phrases_by_page(record)[page])
    assert any(p.startswith("'230'") for p in unrecorded_numbers(broken, phrases_by_page(record)[page]))


def test_glued_figures_and_list_markers_are_not_prose():
    text = normalised("Intro.\n\n1. First {glue:text}`m3_last` item {cite}`un2018gcm`.\n2. See {doc}`x`.\n")
    assert prose_numbers(text) == []
    assert [n for _, n in prose_numbers(normalised("Women were 48% in 2019."))] == ["48", "2019"]


def test_a_bad_entry_is_reported(bib_keys, table_names):
    bad = [
        {"page": "p", "phrase": "x", "kind": "cited", "source": ["no_such_key"]},
        {"page": "p", "phrase": "x", "kind": "programme", "source": ["un2018gcm"]},
        {"page": "p", "phrase": "x", "kind": "data", "dataset": "no_such_table"},
        {"page": "p", "phrase": "x", "kind": "glued", "facts": "M9"},
        {"page": "p", "phrase": "x", "kind": "course"},
        {"page": "p", "phrase": "x", "kind": "guess"},
    ]
    assert [len(entry_problems(entry, bib_keys, table_names)) for entry in bad] == [1, 1, 1, 1, 1, 1]
    good = {"page": "p", "phrase": "x", "kind": "cited", "source": ["un2018gcm"]}
    assert entry_problems(good, bib_keys, table_names) == []


# --- the errors issue 12 named are gone from the built site ---------------------------------------

def visible_text(page: Path) -> str:
    """The words a reader sees in the article of a built page (no markup, scripts or styles)."""
    markup = page.read_text(encoding="utf-8")
    article = re.search(r'<article class="bd-article".*?</article>', markup, re.S)
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", article.group(0) if article else markup, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup)).replace("\u2019", "'")
    # Glued figures are spans of their own: close the gaps their tags leave before punctuation.
    return re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\(\s+", "(", re.sub(r"\s+", " ", text)))


# In both editions: "el cuadro 2 de la nota conceptual ... solo hombres".
TABLE_2 = re.compile(r"concept note's Table 2|Table 2 of the concept note|Table 2's|"
                     r"cuadro 2 de la nota conceptual", re.I)
MEN_ONLY = re.compile(r"men only|male-only|for men\b|hombres únicamente|cifras de hombres|"
                      r"(?:solo|sólo|únicamente) (?:para |a |de )?(?:los )?hombres", re.I)


def named_errors(pages: dict[str, str], table_names: set[str]) -> list[str]:
    """The errors issue 12 named, looked for in the visible text of built pages (path -> text)."""
    problems = []
    m3, m4, m6 = (pages.get(f"modules/module-{n}.html", "") for n in (3, 4, 6))
    if re.search(r"from 3,539 in 2010|In 2010, UNHCR counted", m3):
        problems.append("module-3 measures asylum growth from 2010, inside the break of UNHCR's series")
    if "break in UNHCR's series" not in m3 or "from 25,494 in 2013 to 587,949" not in m3:
        problems.append("module-3 does not explain the break or measure growth from 2013")
    if "277,505" not in m4:
        problems.append("module-4 compares Costa Rica's 1990 and 2019 stocks without its 1990 refugees")
    if "sources do not explain" in m6:
        problems.append("module-6 says the sources do not explain the fall of migration among SICA countries")
    if not all(share in m6 for share in ("84% of the migrants living in Guatemala", "88% in Honduras",
                                         "66% in Costa Rica")):
        problems.append("module-6 does not give the refugees' part of the 1990 stocks")
    for path, text in pages.items():
        if path.startswith("modules/"):
            shown = sorted(name for name in table_names - {"datapackage.json"} if name in text)
            problems += [f"{path} shows internal table names {shown}"] if shown else []
        if TABLE_2.search(text) and not MEN_ONLY.search(text):
            problems.append(f"{path} uses Table 2 of the concept note without saying it is men only")
    intro = pages.get("book/intro.html", "")
    if "four activities" in intro or "three tools" not in intro or "Inter-American Course" not in intro:
        problems.append("book/intro does not name the concept note's three tools and the modules' origin")
    return problems


@pytest.mark.build
def test_the_errors_issue_12_named_are_gone_from_the_site(site, html_pages, table_names):
    pages = {str(page.relative_to(site)): visible_text(page) for page in html_pages}
    assert named_errors(pages, table_names) == []


def test_the_named_errors_are_found_on_a_page_that_still_has_them(table_names):
    old = {
        "modules/module-3.html": "Asylum-seekers rose from 3,539 in 2010 to 587,949 in 2021.",
        "modules/module-4.html": "Costa Rica had about the same number of migrants in 2019 as in 1990.",
        "modules/module-6.html": "The decline is worth discussing: the course's sources do not explain it. "
                                 "The course's data description explains: concept_note_table2_totals.",
        "modules/module-2.html": "The concept note's Table 2 gives 6,138,480 for Mexico to the US.",
        "book/intro.html": "The programme combines four activities.",
    }
    problems = named_errors(old, table_names)
    assert len(problems) == 8, problems
