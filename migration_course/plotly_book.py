"""Render plotly figures on the static book with no kernel and no CDN.

Why: myst-nb drops plotly's own output (``application/vnd.plotly.v1+json``) from built pages,
and plotly's "notebook" renderer inlines 4.8 MB of plotly.js into every page. This module is a
myst-nb mime-render plugin (registered as an entry point in ``pyproject.toml``) that turns
plotly's mimetype output into a small block of HTML: a ``div`` with a text placeholder plus the
figure as JSON in a ``<script type="application/json">``. ``static/rcm-charts.js`` draws each
block with the one ``plotly.min.js`` that :mod:`migration_course.sphinx_ext` serves from the
site's ``_static/``. Notebooks keep plotly's default mimetype renderer, so JupyterLab and
Notebook 7 show their native figure, and no notebook has to configure anything.
"""

from __future__ import annotations

import html
import json
from typing import Any, ClassVar

import plotly.io as pio
from docutils import nodes

from migration_course.core import strings
from migration_course.core.strings import DEFAULT_LANGUAGE

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHART_CLASS = "rcm-plotly"  # the marker the Sphinx extension looks for

# plotly.js options for every figure: no logo, no "edit in chart studio" link, responsive.
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "showLink": False}


def figure_json(fig_dict: dict) -> str:
    """Serialise a figure for a ``<script>`` element: ``</`` cannot end the element early."""
    text = pio.to_json(fig_dict, validate=False, remove_uids=True)
    return text.replace("</", "<\\/")


def _title(layout: dict) -> str:
    title = layout.get("title", "")
    return title.get("text", "") if isinstance(title, dict) else str(title)


def figure_html(fig_dict: dict, div_id: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The static-site markup of one figure: placeholder text, a plot div and its JSON.

    The placeholder stays visible (never a blank box) until the script replaces it, e.g. while
    plotly.js is still downloading on a slow connection or when JavaScript is off. Its words,
    and the name of an untitled figure, come from ``book.chart`` in the catalogue of ``language``;
    so does the message ``rcm-charts.js`` shows when plotly.js never arrives, carried in
    ``data-unavailable`` because the script is one static file for every language.
    """
    section = strings.catalogue(language).section("book.chart")
    words = {key: html.escape(value, quote=True) for key, value in section.items()}
    figure = {k: v for k, v in fig_dict.items() if k in ("data", "layout", "frames")}
    layout = figure.get("layout", {})
    aria = html.escape(_title(layout), quote=True) or words["unnamed"]
    height = int(layout.get("height") or 480)
    config = html.escape(json.dumps({**PLOT_CONFIG, **fig_dict.get("config", {})}), quote=True)
    return (
        f'<div class="{CHART_CLASS}" id="{div_id}" role="figure" aria-label="{aria}" '
        f'data-config="{config}" style="width:100%;min-height:{height}px">'
        f'<p class="rcm-plotly-placeholder" data-unavailable="{words["unavailable"]}">{words["loading"]}</p>'
        "</div>"
        f'<script type="application/json" id="{div_id}-data">{figure_json(figure)}</script>'
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
