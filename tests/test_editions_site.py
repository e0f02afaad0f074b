"""The built Spanish edition as a reader meets it: its own pages, language, switcher, search, charts.

Built once with the English edition (``tools.build_editions``, the ``site`` fixture); the
pages are read as files and, where only a browser shows the truth (search results, a chart's
words, the toolbar), in Chromium.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from migration_course.core import strings
from tools.i18n_structure import stop_word_share

pytestmark = pytest.mark.browser
EDITION = "es"


def english_pages(site: Path) -> list[str]:
    """The English edition's pages (everything outside es/ and _static/)."""
    pages = (p.relative_to(site) for p in site.rglob("*.html"))
    return sorted(p.as_posix() for p in pages  # index.html at the top only redirects
                  if p.parts[0] not in (EDITION, "_static", "_sources") and p.as_posix() != "index.html")


def test_every_english_page_has_its_spanish_twin_in_spanish(site):
    pages = english_pages(site)
    assert len(pages) >= 25
    for rel in pages:
        twin = site / EDITION / rel
        assert twin.is_file(), f"{rel} has no Spanish twin"
        assert '<html lang="es"' in twin.read_text(encoding="utf-8"), rel
        assert '<html lang="en"' in (site / rel).read_text(encoding="utf-8"), rel


def _switch(html: str) -> str:
    found = re.search(r'<p class="rcm-language-switch"><a href="([^"]+)" hreflang="(\w+)"', html)
    assert found, "no language switcher"
    return found.group(1)


@pytest.mark.parametrize("rel", ["book/intro.html", "modules/module-3.html", "book/events/panel.html"])
def test_the_switcher_leads_to_the_same_page_in_the_other_language_and_back(site, rel):
    english = site / rel
    there = (english.parent / _switch(english.read_text(encoding="utf-8"))).resolve()
    assert there == (site / EDITION / rel).resolve()
    back = (there.parent / _switch(there.read_text(encoding="utf-8"))).resolve()
    assert back == english.resolve()


def _paragraphs(html: str) -> list[str]:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    html = re.sub(r'<div class="rcm-plotly.*?</div>|<div role="list" class="citation-list">.*',
                  "", html, flags=re.S)
    out = []
    for p in re.findall(r"<p\b[^>]*>(.*?)</p>", html, flags=re.S):
        words = re.sub(r"<[^>]+>", " ", p).replace("&nbsp;", "\u00a0")
        words = re.sub(r"&\w+;|&#\w+;", " ", words)
        if len(words.split()) >= 12:  # (str.split also splits at non-breaking spaces: not below)
            out.append(re.sub(r"[ \t\r\n]+", " ", words).strip())
    return out


def test_no_paragraph_of_the_spanish_site_reads_as_english(site):
    english_left = {}
    for rel in english_pages(site):
        if rel in ("genindex.html", "search.html", "book/references.html"):
            continue
        page = site / EDITION / rel
        for paragraph in _paragraphs(page.read_text(encoding="utf-8")):
            if stop_word_share(paragraph, "en") > stop_word_share(paragraph, "es"):
                english_left.setdefault(rel, []).append(paragraph[:120])
    assert english_left == {}


def test_spanish_numbers_follow_the_style_guide(site):
    # decimal point, no comma grouping, never "billón" (a billion is "mil millones")
    for rel in english_pages(site):
        text = re.sub(r"<[^>]+>", " ", (site / EDITION / rel).read_text(encoding="utf-8"))
        text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S)
        assert "billón" not in text.lower() and "billones" not in text.lower(), rel
    module = (site / EDITION / "modules" / "module-2.html").read_text(encoding="utf-8")
    prose = " ".join(_paragraphs(module))
    assert not re.search(r"\d,\d{3}\b", prose), re.findall(r".{30}\d,\d{3}.{10}", prose)[:3]
    assert re.search(r"\d\u00a0\d{3}", prose) and "\u00a0%" in prose


def test_the_spanish_csv_downloads_have_spanish_headers(site):
    spanish = site / EDITION / "_static" / "rcm" / "data" / "migrant_stock_by_destination.csv"
    english = site / "_static" / "rcm" / "data" / "migrant_stock_by_destination.csv"
    with spanish.open(encoding="utf-8") as a, english.open(encoding="utf-8") as b:
        ours, theirs = list(csv.reader(a)), list(csv.reader(b))
    assert ours[0][:3] == ["pais_iso3", "pais", "anio"] and ours[1:] == theirs[1:]


def test_search_finds_spanish_words_on_spanish_pages(page, server):
    for word in ("remesas", "solicitantes de asilo", "trata"):
        page.goto(f"{server}/{EDITION}/search.html?q={word}")
        page.wait_for_selector("#search-results ul.search li", timeout=20_000)
        found = page.locator("#search-results ul.search li a").all_inner_texts()
        assert found, word
    assert page.get_attribute("html", "lang") == "es"
    placeholder = page.locator("input[name=q]").first.get_attribute("placeholder")
    assert placeholder == strings.text("book.theme.search", "es")


def test_a_spanish_chart_speaks_spanish_title_controls_toolbar_and_numbers(page, server):
    page.goto(f"{server}/{EDITION}/book/explore-stocks.html")
    page.wait_for_selector(".rcm-plotly .main-svg")
    words = page.locator(".rcm-chart-text").first.inner_text()
    assert strings.text("chart.caption.summary", "es") in words
    assert strings.text("chart.caption.table", "es") in words
    titles = page.locator(".rcm-plotly .modebar-btn").evaluate_all(
        "bs => bs.map(b => b.getAttribute('data-title'))")
    assert strings.text("chart.toolbar.download", "es") in titles
    layout = page.locator(".rcm-plotly").first.evaluate("d => d._fullLayout.separators")
    assert layout == ".\u00a0"
    english = strings.catalogue("en").section("chart.controls")
    labels = page.locator(".rcm-chart-controls .rcm-control-label").all_inner_texts()
    assert labels and not set(labels) & set(english.values())
