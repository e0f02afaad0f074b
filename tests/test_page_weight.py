"""Page weight on slow connections: small pages, plotly.js served once and only where needed."""

from __future__ import annotations

import gzip
import re

import pytest

from migration_course.icon_fonts import WEBFONTS

pytestmark = pytest.mark.build

PAGE_BUDGET = 200 * 1024
PLOTLY_BANNER = "plotly.js v"  # the licence banner at the top of every plotly.js build
PLOTLY_URL = "_static/rcm/plotly-rcm.min.js"
# A page without charts may cost a first-time reader 250 KB (issue 13): its HTML and every
# asset it asks for, gzipped. The theme's CSS and scripts take about 170 KB of it, so the icon
# fonts, cut to the icons the site shows, must stay small.
ICON_FONT_BUDGET = 16 * 1024


def test_no_page_over_the_budget(html_pages):
    heavy = {p.name: p.stat().st_size for p in html_pages if p.stat().st_size > PAGE_BUDGET}
    assert not heavy, f"pages over {PAGE_BUDGET} bytes: {heavy}"


def test_plotly_js_is_served_once_from_static(site):
    # once per edition: each is a site of its own (its offline archive holds its own copy)
    copies = [p for p in site.rglob("*.js") if PLOTLY_BANNER in p.read_text(errors="ignore")[:500]]
    assert sorted(p.relative_to(site).as_posix() for p in copies) == [PLOTLY_URL, f"es/{PLOTLY_URL}"]


def test_plotly_js_is_never_inlined(html_pages):
    inlined = [p.name for p in html_pages if PLOTLY_BANNER in p.read_text()]
    assert not inlined


def test_plotly_js_only_on_pages_with_charts(html_pages):
    for page in html_pages:
        text = page.read_text()
        has_chart = 'class="rcm-plotly"' in text
        assert has_chart == (PLOTLY_URL in text), page.name
        if has_chart:
            assert text.count(PLOTLY_URL) == 1, page.name


def test_font_awesome_js_build_is_not_shipped(site):
    # The theme's CSS webfont draws the icons; the 1.4 MB JS build is replaced by a stub.
    assert (site / "_static" / "scripts" / "fontawesome.js").stat().st_size < 1024


def test_icon_fonts_are_cut_to_the_icons_the_site_shows(site):
    fonts = sorted((site / WEBFONTS).glob("*.woff2"))
    assert {p.name for p in fonts} >= {"fa-solid-900.woff2", "fa-brands-400.woff2"}
    total = sum(len(gzip.compress(p.read_bytes())) for p in fonts)
    assert total < ICON_FONT_BUDGET, {p.name: p.stat().st_size for p in fonts}


BLOCKING = re.compile(r'<script (?![^>]*\b(?:defer|async)\b)[^>]*\bsrc="([^"]+)"')


def test_no_script_but_documentation_options_blocks_the_first_text(html_pages):
    for page in html_pages:
        blocking = [src for src in BLOCKING.findall(page.read_text())
                    if "documentation_options" not in src]
        assert not blocking, (page.name, blocking)


def test_the_search_index_loads_only_on_the_search_page(site, html_pages):
    # Search-as-you-type is off: the search box opens search.html, which loads the index itself.
    loading = [p.relative_to(site).as_posix() for p in html_pages if "searchindex.js" in p.read_text()]
    assert sorted(loading) == ["es/search.html", "search.html"]
