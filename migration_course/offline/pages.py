"""The Sphinx side of the offline downloads: marked places, the download menu, the build step.

Switched on by ``rcm_offline_downloads: true`` in the book's Sphinx config (``_config.yml``), so
the small books the tests build with the course's extension need no Chromium.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from sphinx.application import Sphinx

from migration_course.core.objectives import load_objectives
from migration_course.core.strings import text
from migration_course.events.render import module_docname
from migration_course.offline import ARCHIVE_NAME, DOWNLOADS_DIR, make_offline_downloads
from migration_course.offline.links import marked_place
from migration_course.offline.pdf import pdf_name

CONFIG = "rcm_offline_downloads"
DOWNLOAD_GROUP = "download-buttons"  # sphinx-book-theme's label of its download menu
OUTLINES_GLOBAL = "PlotlyGeoAssets"  # where plotly.js looks for outlines before fetching them


@cache
def module_docnames() -> tuple[str, ...]:
    """The module pages, in the order of the objectives file (read once per build)."""
    return tuple(module_docname(m.id) for m in load_objectives())


def _menu_item(url: str, words: str, tooltip: str, icon: str, label: str) -> dict:
    return {"type": "link", "url": url, "text": words, "tooltip": tooltip, "icon": icon, "label": label}


def download_menu(pagename: str, pathto: object) -> list[dict]:
    """The theme's download menu: this module's PDF and the course archive, never the sources.

    Why: the theme offers the page's ``.md``/``.ipynb`` (code, no charts) and a ``.pdf`` that is
    the browser's print dialog; readers on slow links want a document. Pages without their own
    PDF keep the print button, which now prints with the course's print stylesheet.
    """
    items = []
    if pagename in module_docnames():
        items.append(_menu_item(pathto(f"{DOWNLOADS_DIR}/{pdf_name(pagename)}", 1),
                                text("offline.menu.module_pdf"), text("offline.menu.module_pdf_tooltip"),
                                "fas fa-file-pdf", "download-module-pdf-button"))
    items.append(_menu_item(pathto(f"{DOWNLOADS_DIR}/{ARCHIVE_NAME}", 1),
                            text("offline.menu.course_archive"),
                            text("offline.menu.course_archive_tooltip"),
                            "fas fa-download", "download-course-archive-button"))
    if pagename not in module_docnames():
        items.append({"type": "javascript", "javascript": "window.print()",
                      "text": text("offline.menu.print"), "tooltip": text("offline.menu.print_tooltip"),
                      "icon": "fas fa-print", "label": "download-print-button"})
    return items


def mark_download_places(app: Sphinx, pagename: str, templatename: str, context: dict,
                         doctree: object) -> None:
    """Mark where the links go (under the title) and replace the theme's download menu."""
    if not getattr(app.config, CONFIG):
        return
    for group in context.get("header_buttons") or []:
        if group.get("label") == DOWNLOAD_GROUP:
            group["buttons"] = download_menu(pagename, context["pathto"])
    body = context.get("body") or ""
    if (pagename == app.config.root_doc or pagename in module_docnames()) and "</h1>" in body:
        context["body"] = body.replace("</h1>", "</h1>" + marked_place(), 1)


def write_outline_scripts(folder: Path) -> None:
    """Beside each map outline ``name.json``, ``name.js`` that hands it to plotly.js.

    Why: plotly.js fetches outlines, and a browser blocks fetches from a page opened from disk,
    so the offline archive's map would draw nothing; a ``<script>`` loads from disk (the chart
    loader adds it before drawing a map). Same bytes online, still only on pages with a map.
    """
    for outline in sorted(folder.glob("*.json")):
        name = json.dumps(outline.stem)
        outline.with_suffix(".js").write_text(
            f"window.{OUTLINES_GLOBAL} = window.{OUTLINES_GLOBAL} || {{}};\n"
            f"window.{OUTLINES_GLOBAL}.topojson = window.{OUTLINES_GLOBAL}.topojson || {{}};\n"
            f"window.{OUTLINES_GLOBAL}.topojson[{name}] = {outline.read_text(encoding='utf-8').strip()};\n",
            encoding="utf-8")


def make_downloads(app: Sphinx, exception: Exception | None) -> None:
    """After every page is written (and the extension's own post-build steps): the downloads."""
    if exception is not None or app.builder.format != "html" or not getattr(app.config, CONFIG):
        return
    modules = [d for d in module_docnames() if d in app.env.found_docs]
    make_offline_downloads(Path(app.outdir), modules, app.config.root_doc)


def setup(app: Sphinx) -> None:
    """Register the config value and the two hooks (after the theme's buttons and the extension)."""
    app.add_config_value(CONFIG, False, "html")
    app.connect("html-page-context", mark_download_places, priority=950)
    app.connect("build-finished", make_downloads, priority=900)
