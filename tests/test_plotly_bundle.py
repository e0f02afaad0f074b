"""The course's own plotly.js: every trace type the charts draw is in it, and it is what pages load."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from migration_course.charts.catalogue import CHARTS
from tools import plotly_bundle
from tools.plotly_bundle import BUNDLE, LICENSES, entry_traces

# The full plotly.js is 4.8 MB (1.4 MB gzipped); the course's five traces need about a third.
GZIP_BUDGET = 520 * 1024
RAW_BUDGET = 1600 * 1024
FIGURE_JSON = re.compile(r'<script type="application/json" id="rcm-[a-z]+-[0-9-]+-data">(.*?)</script>',
                         re.DOTALL)


def trace_types(figure: dict) -> set[str]:
    """Every trace type of a figure, its animation frames included (plotly's default: scatter)."""
    traces = [*figure.get("data", []),
              *(t for frame in figure.get("frames", []) or [] for t in frame.get("data", []))]
    return {t.get("type", "scatter") for t in traces}


@pytest.fixture(scope="module")
def chart_trace_types() -> dict[str, set[str]]:
    return {name: trace_types(entry.draw().figure.to_plotly_json()) for name, entry in CHARTS.items()}


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
