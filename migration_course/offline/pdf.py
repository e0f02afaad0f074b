"""Each module page printed to PDF by Debian's Chromium (Playwright's ``page.pdf``).

Why Chromium and not a LaTeX build: the page is already what readers read, charts included;
Chromium draws the same plotly SVGs the site shows and prints them as vector graphics, with the
print stylesheet (``static/rcm-print.css``) hiding navigation, toolbars and chart controls.
The page is opened from disk (``file://``), as a reader of the offline archive opens it, so a
chart that cannot draw offline stops the build here with the page named.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from migration_course.core.errors import CourseError

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# As the tests launch it: no sandbox (builds run as root in CI), no GPU, nothing phoning home.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
# A4 less 15 mm margins is 180 mm, 680 CSS px. Pages are laid out 816 px wide and printed at
# 680/816 (16 px text prints at 10 pt): charts are drawn for the width they print at, and wide
# axis titles that a 680 px chart would cut fit.
PAPER_WIDTH_PX = 680
PRINT_WIDTH_PX = 816
PDF_OPTIONS = {"format": "A4", "print_background": True, "display_header_footer": True,
               "scale": PAPER_WIDTH_PX / PRINT_WIDTH_PX,
               "margin": {"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
               "header_template": "<span></span>",
               "footer_template": ('<div style="font-size:8px;width:100%;text-align:center;">'
                                   '<span class="pageNumber"></span> / <span class="totalPages"></span>'
                                   '</div>')}
CHART_TIMEOUT_MS = 60_000
# Every course chart drawn (an SVG in each), then the data tables opened so they print.
CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('div.rcm-plotly'))
                            .every(div => div.querySelector('.main-svg'))"""
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


@dataclass(frozen=True)
class ModulePdf:
    """One printed module: its page, the PDF file, its number of pages and size in bytes."""

    docname: str
    path: Path
    pages: int
    size: int


def pdf_name(docname: str) -> str:
    """``modules/module-3`` -> ``rcm-module-3.pdf``: a file name that says what it is once saved."""
    return f"rcm-{docname.rsplit('/', 1)[-1]}.pdf"


def _print_all(site: Path, docnames: list[str], dest: Path) -> list[ModulePdf]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise CourseError(f"Chromium not found at {CHROMIUM}, which prints the module PDFs: run "
                          "`make system-deps` (installs it as root), `sudo apt-get install chromium`, "
                          "or set CHROMIUM=/path/to/chromium")
    made = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport={"width": PRINT_WIDTH_PX, "height": 1000})
            page = context.new_page()
            for docname in docnames:
                source = site / f"{docname}.html"
                page.goto(source.resolve().as_uri())
                try:
                    page.wait_for_function(CHARTS_DRAWN, timeout=CHART_TIMEOUT_MS)
                except PlaywrightError:
                    raise CourseError(f"{source}: its charts did not draw from disk within "
                                      f"{CHART_TIMEOUT_MS // 1000} s, so its PDF would show none; open "
                                      "it in a browser from the file and read the console") from None
                page.evaluate(OPEN_DETAILS)
                page.emulate_media(media="print")
                target = dest / pdf_name(docname)
                page.pdf(path=str(target), **PDF_OPTIONS)
                page.emulate_media(media="screen")
                made.append(ModulePdf(docname, target, len(PdfReader(target).pages),
                                      target.stat().st_size))
        finally:
            browser.close()
    return made


def print_module_pdfs(site: Path, docnames: list[str], dest: Path) -> list[ModulePdf]:
    """Print each of ``docnames`` (built pages of ``site``) into ``dest``.

    Why a thread: Playwright's sync API refuses to run where an asyncio loop is running, which a
    build's notebook execution may leave behind; a fresh thread has none.
    """
    result: list[ModulePdf] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.extend(_print_all(site, docnames, dest))
        except BaseException as err:  # handed to the calling thread below
            failure.append(err)

    worker = threading.Thread(target=run, name="rcm-module-pdfs")
    worker.start()
    worker.join()
    if failure:
        raise failure[0]
    return result
