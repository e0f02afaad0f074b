"""Render plotly figures on the static book with no kernel and no CDN.

Why: myst-nb drops plotly's own output (``application/vnd.plotly.v1+json``) from built pages,
and plotly's "notebook" renderer inlines 4.8 MB of plotly.js into every page. This module is a
myst-nb mime-render plugin (registered as an entry point in ``pyproject.toml``) that turns
plotly's mimetype output into a small block of HTML: the chart's title as text, its controls as
form fields (:mod:`migration_course.charts.page` lifts them out of the canvas), a ``div`` with a
text placeholder, and the figure as JSON in a ``<script type="application/json">``.
``static/rcm-charts.js`` and ``static/chart-controls.js`` draw each block with the one
``plotly.min.js`` that :mod:`migration_course.sphinx_ext` serves from the site's ``_static/``.
Notebooks keep plotly's default mimetype renderer, so JupyterLab and Notebook 7 show their
native figure, and no notebook has to configure anything.
"""

from __future__ import annotations

import html
import json
from typing import Any, ClassVar

import plotly.io as pio
from docutils import nodes

from migration_course.charts.page import PageControl, page_figure
from migration_course.core import strings
from migration_course.core.strings import DEFAULT_LANGUAGE

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHART_CLASS = "rcm-plotly"  # the marker the Sphinx extension looks for

# plotly.js options for every figure: responsive, no logo, no link to any cloud service, and a
# toolbar that is always shown (a phone has no hover) with only what readers use:
# chart-controls.js puts "download the image" and "reset" in it, in the page's language.
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "showLink": False,
               "displayModeBar": True, "scrollZoom": False, "showTips": False}
# plotly.js's own English words that the course's charts can show, -> catalogue key.
PLOTLY_WORDS = {"Reset axes": "reset_axes", "Reset": "reset_map",
                "Double-click to zoom back out": "double_click"}


def figure_json(fig_dict: dict) -> str:
    """Serialise a figure for a ``<script>`` element: ``</`` cannot end the element early."""
    text = pio.to_json(fig_dict, validate=False, remove_uids=True)
    return text.replace("</", "<\\/")


def plot_config(language: str, extra: dict | None = None) -> dict:
    """plotly.js config: :data:`PLOT_CONFIG`, the toolbar's words and the page's locale.

    plotly.js looks words up in ``config.locales[locale].dictionary`` before its own, so the
    toolbar speaks the catalogue's language without registering a plotly locale file.
    """
    toolbar = strings.catalogue(language).section("chart.toolbar")
    dictionary = {english: toolbar[key] for english, key in PLOTLY_WORDS.items()}
    return {**PLOT_CONFIG, **(extra or {}), "locale": language,
            "locales": {language: {"dictionary": dictionary}},
            "rcmToolbar": {"download": toolbar["download"]}}


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _select_html(control: PageControl, field_id: str, n: int) -> str:
    options = "".join(
        f'<option value="{i}"{" selected" if i == control.active else ""}>{html.escape(o.label)}</option>'
        for i, o in enumerate(control.options))
    return (f'<label class="rcm-control-label" for="{field_id}">{html.escape(control.label)}</label>'
            f'<select id="{field_id}" data-control="{n}">{options}</select>')


def _buttons_html(control: PageControl, field_id: str, n: int) -> str:
    buttons = "".join(
        f'<button type="button" data-control="{n}" data-option="{i}" '
        f'aria-pressed="{"true" if i == control.active else "false"}">{html.escape(o.label)}</button>'
        for i, o in enumerate(control.options))
    return (f'<span class="rcm-control-label" id="{field_id}-label">{html.escape(control.label)}</span>'
            f'<span class="rcm-buttons" role="group" aria-labelledby="{field_id}-label">{buttons}</span>')


def _range_html(control: PageControl, field_id: str, n: int) -> str:
    shown = control.options[control.active].label
    return (f'<label class="rcm-control-label" for="{field_id}">{html.escape(control.label)}</label>'
            f'<input type="range" id="{field_id}" data-control="{n}" min="0" '
            f'max="{len(control.options) - 1}" step="1" value="{control.active}" '
            f'aria-valuetext="{_attr(shown)}">'
            f'<output for="{field_id}" id="{field_id}-value">{html.escape(shown)}</output>')


CONTROL_HTML = {"select": _select_html, "buttons": _buttons_html, "range": _range_html}


def controls_html(controls: list[PageControl], div_id: str) -> str:
    """The form fields beside a chart, hidden until ``chart-controls.js`` has wired them.

    Hidden, because without plotly.js (JavaScript off, the bundle still downloading) a field
    that changes nothing would mislead; the summary and table carry the figures meanwhile.
    """
    if not controls:
        return ""
    fields = []
    for n, control in enumerate(controls):
        markup = CONTROL_HTML[control.kind](control, f"{div_id}-c{n}", n)
        fields.append(f'<div class="rcm-control rcm-control-{control.kind}">{markup}</div>')
    return f'<div class="rcm-chart-controls" id="{div_id}-controls" hidden>{"".join(fields)}</div>'


def figure_html(fig_dict: dict, div_id: str, language: str | None = None) -> str:
    """The static-site markup of one figure: its title, controls, plot div and JSON.

    The placeholder stays visible (never a blank box) until the script replaces it, e.g. while
    plotly.js is still downloading on a slow connection or when JavaScript is off. Its words,
    and the name of an untitled figure, come from ``book.chart`` in the catalogue of
    ``language`` (by default the chart's own, carried in its ``layout.meta``); so does the
    message ``rcm-charts.js`` shows when plotly.js never arrives, carried in
    ``data-unavailable`` because the script is one static file for every language.
    """
    page = page_figure({k: v for k, v in fig_dict.items() if k in ("data", "layout")})
    language = language or page.language or DEFAULT_LANGUAGE
    section = strings.catalogue(language).section("book.chart")
    words = {key: html.escape(value, quote=True) for key, value in section.items()}
    height = int(page.layout.get("height") or 480)
    config = _attr(json.dumps(plot_config(language, fig_dict.get("config"))))
    title = (f'<p class="rcm-chart-title" id="{div_id}-title" aria-live="polite">'
             f"{html.escape(page.title)}</p>") if page.title else ""
    name = f'aria-labelledby="{div_id}-title"' if page.title else f'aria-label="{words["unnamed"]}"'
    return (
        f'<div class="rcm-chart" id="{div_id}-box">{title}{controls_html(page.controls, div_id)}'
        f'<div class="{CHART_CLASS}" id="{div_id}" role="figure" {name} '
        f'data-config="{config}" style="width:100%;min-height:{height}px">'
        f'<p class="rcm-plotly-placeholder" data-unavailable="{words["unavailable"]}">{words["loading"]}</p>'
        "</div></div>"
        f'<script type="application/json" id="{div_id}-data">{figure_json(page.script_data())}</script>'
    )


class PlotlyMimeRenderer:
    """myst-nb plugin: plotly's mimetype output becomes :func:`figure_html` in HTML builds."""

    # Rank plotly above text/html (30), so a bundle that has both shows the real figure.
    mime_priority_overrides: ClassVar[list[tuple[str, str, int]]] = [
        ("html", PLOTLY_MIME, 25), ("dirhtml", PLOTLY_MIME, 25), ("singlehtml", PLOTLY_MIME, 25),
    ]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        """Render plotly output as raw HTML; return None for every other mime type."""
        if data.mime_type != PLOTLY_MIME:
            return None
        content = json.loads(data.content) if isinstance(data.content, str | bytes) else data.content
        div_id = f"rcm-fig-{data.cell_index}-{data.output_index}"
        return [nodes.raw(text=figure_html(content, div_id), format="html",
                          classes=["output", "text_html"])]
