"""The offline downloads as a reader gets them: the course zip opened from disk, the module PDFs.

Built by the same strict build as ``make book`` (the ``build-finished`` step of
``migration_course.offline``), from a clean copy of the checkout.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from pypdf import PdfReader

from migration_course.core.objectives import load_objectives
from migration_course.events.render import module_docname
from migration_course.offline import ARCHIVE_NAME, DOWNLOADS_DIR
from migration_course.offline.archive import ROOT
from migration_course.offline.links import human_size
from migration_course.offline.pdf import PRINT_WIDTH_PX, pdf_name

pytestmark = pytest.mark.build

MODULES = [module_docname(m.id) for m in load_objectives()]
TITLES = {module_docname(m.id): m.title for m in load_objectives()}
MAP_PAGE = "book/explore-stocks"
# pydata-sphinx-theme's message on a first visit (empty localStorage): not a fault (test_browser).
KNOWN_THEME_MESSAGES = {"Got invalid theme mode: . Resetting to auto."}
CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('div.rcm-plotly'))
                            .every(div => div.querySelector('.main-svg'))"""


@pytest.fixture(scope="module")
def archive(site: Path) -> Path:
    return site / DOWNLOADS_DIR / ARCHIVE_NAME


@pytest.fixture(scope="module")
def unzipped(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive unzipped where a reader would put it; the course's folder in it."""
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(dest)
    return dest / ROOT


def squeeze(words: str) -> str:
    """Text without whitespace or ligatures: PDF text breaks lines and joins "fi" its own way."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", words))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag in ("script", "img") and name == "src")
                          or (tag == "link" and name == "href")):
                self.found.append(value)


def local_targets(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [v for v in parser.found if not urlparse(v).scheme and not v.startswith(("#", "//"))]


# --- the archive -------------------------------------------------------------------------------

def test_the_archive_holds_the_whole_site_and_no_private_data(site, archive):
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    assert all(n.startswith(f"{ROOT}/") for n in names)
    inside = {n.removeprefix(f"{ROOT}/") for n in names}
    assert {"index.html", "search.html", "book/intro.html", MAP_PAGE + ".html",
            *(m + ".html" for m in MODULES)} <= inside
    assert {f"{DOWNLOADS_DIR}/{pdf_name(m)}" for m in MODULES} <= inside
    # no sources, notebooks, question bank, course folders or anything personal
    bad = sorted(n for n in inside if n.startswith(("_sources/", "assessments/", "private/"))
                 or (n.endswith((".ipynb", ".md", ".yml", ".yaml", ".db", ".zip"))
                     and not n.endswith("/README.md"))  # the map outline's provenance note
                 or "bank" in n.split("/") or "questions" in n)
    assert bad == []
    assert not (site / "_sources").exists()


def test_every_local_link_of_the_archive_resolves_on_disk(unzipped):
    broken = {}
    pages = [p for p in unzipped.rglob("*.html") if "_static" not in p.relative_to(unzipped).parts]
    for page in pages:  # (_static/ holds the theme's Jinja templates, not pages)
        for target in local_targets(page):
            path = unquote(urlparse(target).path)
            if path and not (page.parent / path).resolve().exists():
                broken.setdefault(str(page.relative_to(unzipped)), []).append(target)
    assert broken == {}


def test_the_published_pages_link_the_archive_with_its_real_size(site, archive):
    size = human_size(archive.stat().st_size)
    for docname in ["book/intro", *MODULES]:
        page = site / f"{docname}.html"
        html = page.read_text(encoding="utf-8")
        link = re.search(r'href="([^"]*' + re.escape(ARCHIVE_NAME) + r')">([^<]*)<', html)
        assert link, docname
        assert (page.parent / link.group(1)).resolve() == archive.resolve()
        assert size in link.group(2)


@pytest.mark.browser
@pytest.mark.parametrize("docname", [MODULES[0], MAP_PAGE])
def test_the_archive_opened_from_disk_draws_every_chart(browser, unzipped, docname):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and m.text not in KNOWN_THEME_MESSAGES
            and errors.append(m.text))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.on("request", lambda r: not r.url.startswith(("file:", "data:", "blob:", "about:"))
            and outside.append(r.url))
    page.goto((unzipped / f"{docname}.html").as_uri())
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    charts = page.locator("div.rcm-plotly").count()
    assert charts >= 1
    assert page.locator("div.rcm-plotly .main-svg").count() >= charts
    assert page.locator(".rcm-plotly-placeholder").count() == 0
    if docname == MAP_PAGE:
        page.wait_for_selector(".choroplethlayer path.choroplethlocation")
        assert page.locator(".choroplethlayer path.choroplethlocation").count() == 11
    assert errors == []
    assert outside == []
    context.close()


@pytest.mark.browser
def test_the_search_page_opened_from_disk_finds_a_page(browser, unzipped):
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and m.text not in KNOWN_THEME_MESSAGES
            and errors.append(m.text))
    page.goto((unzipped / "search.html").as_uri() + "?q=remittances")
    page.wait_for_function("() => /found/.test(document.querySelector('#search-results')?.innerText)",
                           timeout=20_000)
    assert page.locator("#search-results li a").count() >= 1
    page.close()
    assert errors == []  # no blocked fetches of result pages for snippets


# --- the module PDFs ---------------------------------------------------------------------------

@pytest.mark.parametrize("docname", MODULES)
def test_each_module_page_links_its_pdf_with_pages_and_size(site, docname):
    page = site / f"{docname}.html"
    html = page.read_text(encoding="utf-8")
    pdf = site / DOWNLOADS_DIR / pdf_name(docname)
    link = re.search(r'href="([^"]*' + re.escape(pdf.name) + r')">([^<]*)<', html)
    assert link
    assert (page.parent / link.group(1)).resolve() == pdf.resolve()
    pages = len(PdfReader(pdf).pages)
    assert f"({pages} pages, {human_size(pdf.stat().st_size)})" in link.group(2)
    # the theme's download menu offers this PDF, and never the page's source
    assert "btn-download-module-pdf-button" in html
    assert "btn-download-source-button" not in html and "btn-download-notebook-button" not in html


@pytest.mark.browser
@pytest.mark.parametrize("docname", MODULES)
def test_each_module_pdf_holds_its_text_charts_tables_and_sources(browser, site, docname):
    pdf = site / DOWNLOADS_DIR / pdf_name(docname)
    assert pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(pdf)
    words = squeeze(" ".join(p.extract_text() or "" for p in reader.pages))
    assert squeeze(TITLES[docname]) in squeeze(reader.pages[0].extract_text())
    # What the page shows: the words drawn inside each chart's SVG (its axis titles), the
    # tables' captions and the source lines must all be in the PDF.
    page = browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1000})
    page.goto((site / f"{docname}.html").as_uri())
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    chart_words = page.evaluate("""() => Array.from(document.querySelectorAll('div.rcm-plotly'))
        .map(div => Array.from(div.querySelectorAll(
                        '.main-svg .xtitle, .main-svg .ytitle')).map(t => t.textContent))
        .filter(titles => titles.length)""")  # (a map has no axes)
    captions = page.locator("table caption").all_text_contents()
    # a source line's own words, between its links (on paper a link is followed by its address)
    sources = page.evaluate("""() => Array.from(document.querySelectorAll('.rcm-chart-source'))
        .flatMap(line => Array.from(line.childNodes).map(n => n.textContent))""")
    page.close()
    assert chart_words
    missing = [w for ws in chart_words for w in ws if squeeze(w) not in words]
    assert missing == []
    assert captions and all(squeeze(c) in words for c in captions)
    assert sources and [s for s in sources if squeeze(s) not in words] == []
    # on paper, no toolbar and no chart controls
    assert "Downloadplot" not in words and "Resetaxes" not in words
