"""The course's own plotly.js: every trace type the charts draw is in it, and it is what pages load."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from migration_course.charts.catalogue import CHARTS
from tools import plotly_bundle
from tools.plotly_bundle import (
    BUNDLE,
    D3_GEO_PROJECTIONS,
    DROPPED_COMPONENTS,
    LICENSES,
    LOCATION_MODES,
    STAND_INS,
    entry_traces,
    stand_in_file,
)

# The full plotly.js is 4.8 MB (1.4 MB gzipped); the course's bundle is 1.2 MB (410 KB gzipped),
# and a reader on 500 kbps waits 16 ms for every KB, so the budget keeps it there.
GZIP_BUDGET = 440 * 1024
RAW_BUDGET = 1300 * 1024
FIGURE_JSON = re.compile(r'<script type="application/json" id="rcm-[a-z]+-[0-9-]+-data">(.*?)</script>',
                         re.DOTALL)


def trace_types(figure: dict) -> set[str]:
    """Every trace type of a figure, its animation frames included (plotly's default: scatter)."""
    traces = [*figure.get("data", []),
              *(t for frame in figure.get("frames", []) or [] for t in frame.get("data", []))]
    return {t.get("type", "scatter") for t in traces}


@pytest.fixture(scope="module")
def chart_figures() -> dict[str, dict]:
    return {name: entry.draw().figure.to_plotly_json() for name, entry in CHARTS.items()}


@pytest.fixture(scope="module")
def chart_trace_types(chart_figures) -> dict[str, set[str]]:
    return {name: trace_types(figure) for name, figure in chart_figures.items()}


def geo_projections(figure: dict) -> set[str | None]:
    """The projection type of every map subplot (None: plotly.js's default for its scope)."""
    layout = figure.get("layout", {})
    return {(value.get("projection") or {}).get("type") for key, value in layout.items()
            if re.fullmatch(r"geo\d*", key) and isinstance(value, dict)}


def test_the_charts_need_nothing_the_stand_ins_replace(chart_figures):
    # d3-geo-projection: only d3-geo's own projections; country-iso-search: ISO-3 codes only;
    # polybooljs: no select tools (the toolbar has none, static/chart-controls.js).
    maps = 0
    for name, figure in chart_figures.items():
        assert figure["layout"].get("dragmode") not in ("select", "lasso"), f"{name} selects"
        projections = geo_projections(figure) - {None}
        extra = projections - D3_GEO_PROJECTIONS
        assert not extra, f"{name}: {extra} needs d3-geo-projection"
        for trace in figure["data"]:
            if trace.get("type") == "choropleth":
                maps += 1
                mode = trace.get("locationmode", "ISO-3")
                assert mode in LOCATION_MODES, f"{name}: locationmode {mode} needs country-iso-search"
    assert maps, "no chart draws a map: the stand-ins' test checks nothing"


def components_used(figure: dict) -> set[str]:
    """Which of the components the bundle's core leaves out a figure would need."""
    layout = figure.get("layout", {})
    used = set()
    if any("error_x" in t or "error_y" in t for t in figure.get("data", [])):
        used.add("errorbars")
    if layout.get("images"):
        used.add("images")
    for key, axis in layout.items():
        if re.fullmatch(r"xaxis\d*", key) and isinstance(axis, dict):
            used |= {name for name in ("rangeslider", "rangeselector") if axis.get(name)}
        if re.fullmatch(r"scene\d*", key):
            used.add("annotations3d")
    return used


def test_no_chart_needs_a_component_the_bundle_leaves_out(chart_figures):
    assert "annotations3d" in DROPPED_COMPONENTS and "errorbars" in DROPPED_COMPONENTS
    needed = {name: components_used(f) for name, f in chart_figures.items() if components_used(f)}
    assert not needed, f"take these out of DROPPED_COMPONENTS (tools/plotly_bundle): {needed}"


def test_the_stand_ins_are_what_the_bundle_was_built_with():
    header = BUNDLE.read_text(encoding="utf-8")[:2000]
    assert f"replaced by stand-ins: {', '.join(STAND_INS)}" in header
    for package in STAND_INS:
        assert stand_in_file(package).is_file()
    licences = LICENSES.read_text(encoding="utf-8")
    for package in ("country-iso-search", "d3-geo-projection", "polybooljs"):  # wholly replaced
        assert f"\n{package} " not in licences
    assert "\nculori " in licences  # a slimmer entry into culori's own code, licence kept


# What culori parses with the sRGB and HSL spaces only (stand_ins/culori.js).
NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?%?"
COLOUR = re.compile(rf"#[0-9a-f]{{3,8}}|(?:rgba?|hsla?)\(\s*{NUMBER}(?:deg)?(?:\s*[,/ ]\s*{NUMBER})*\s*\)"
                    r"|[a-z]+", re.IGNORECASE)


COLOUR_KEY = re.compile(r"colou?r(?:s|scale|way)?$")  # color, bgcolor, colorscale ... not colorbar


def colour_strings(value: object, is_colour: bool = False) -> list[str]:
    """Every string under a key that names a colour (color, bgcolor, colorscale, colorway ...)."""
    if isinstance(value, dict):
        return [c for k, v in value.items() for c in colour_strings(v, bool(COLOUR_KEY.search(k)))]
    if isinstance(value, list | tuple):
        return [c for v in value for c in colour_strings(v, is_colour)]
    return [value] if isinstance(value, str) and is_colour else []


def test_every_colour_the_charts_write_is_one_the_slim_culori_parses(chart_figures):
    found = {c for figure in chart_figures.values() for c in colour_strings(figure)}
    assert any(c.startswith("#") for c in found) and any(c.startswith("rgb") for c in found)
    unparsed = {c for c in found if not COLOUR.fullmatch(c.strip())}
    assert not unparsed, f"add their colour space to tools/plotly_bundle/stand_ins/culori.js: {unparsed}"


def test_every_trace_type_the_charts_draw_is_in_the_bundle(chart_trace_types):
    registered = set(entry_traces())
    missing = {name: types - registered for name, types in chart_trace_types.items() if types - registered}
    assert not missing, f"add these to tools/plotly_bundle/entry.js and `make plotly-bundle`: {missing}"


def test_the_bundle_holds_no_trace_type_the_charts_do_not_draw(chart_trace_types):
    drawn = set().union(*chart_trace_types.values())
    assert set(entry_traces()) == drawn, "drop unused traces from tools/plotly_bundle/entry.js"


def test_the_committed_bundle_is_built_from_its_inputs_as_they_are():
    # The header records a digest of package-lock.json, entry.js and the esbuild options.
    assert plotly_bundle.recorded_digest() is not None, f"{BUNDLE} has no inputs digest"
    assert plotly_bundle.is_current(), "the bundle is stale: run `make plotly-bundle` and commit it"


def test_the_bundle_is_a_third_of_the_full_plotly_js():
    raw = BUNDLE.read_bytes()
    assert len(raw) < RAW_BUDGET
    assert len(gzip.compress(raw, 6)) < GZIP_BUDGET


def test_versions_are_pinned_exactly_and_licences_kept():
    package = json.loads((plotly_bundle.REPO / "package.json").read_text())
    for name, version in package["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned exactly: {version}"
        assert plotly_bundle._locked_version(name) == version
    header = BUNDLE.read_text(encoding="utf-8")[:1000]
    assert f"plotly.js v{package['devDependencies']['plotly.js']}" in header
    assert "Licensed under the MIT license" in header and LICENSES.name in header
    licences = LICENSES.read_text(encoding="utf-8")
    assert f"plotly.js {package['devDependencies']['plotly.js']} (MIT)" in licences
    assert "Permission is hereby granted" in licences  # the licence texts, not only their names


@pytest.mark.browser
def test_the_bundle_registers_exactly_the_entry_traces(page):
    page.set_content("<!doctype html><title>bundle</title>")
    page.add_script_tag(path=str(BUNDLE))
    registered = page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces).sort()")
    assert registered == sorted(entry_traces())
    assert page.evaluate("() => typeof Plotly.newPlot") == "function"


@pytest.mark.build
def test_pages_load_the_committed_bundle_and_draw_only_registered_types(site, html_pages):
    assert (site / "_static" / "rcm" / BUNDLE.name).read_bytes() == BUNDLE.read_bytes()
    assert (site / "_static" / "rcm" / LICENSES.name).exists()
    registered = set(entry_traces())
    on_pages: set[str] = set()
    for page in html_pages:
        for text in FIGURE_JSON.findall(page.read_text()):
            on_pages |= trace_types(json.loads(text.replace("<\\/", "</")))
    assert on_pages, "no figure found on any page"
    assert on_pages <= registered, on_pages - registered
