"""Sphinx extension: serve plotly.js once from ``_static/`` and load it only where a chart is.

The plotly.js served is the course's own bundle (``static/plotly-rcm.min.js``, built by
``tools/plotly_bundle`` with only the trace types the charts draw: 1.2 MB, 0.4 MB gzipped,
against 4.8 MB and 1.4 MB for the full build), with the licences of what it bundles beside it.

Why not ``html_js_files`` or dropping the file into ``_static/``: Jupyter Book adds every ``.js``
in the source ``_static/`` to every page, which would make each text-only page pull plotly.js on
a slow connection. Here the files are copied into the *output* ``_static/rcm/`` after the build
and added per page from ``html-page-context``, which Sphinx resets between pages. After the
build, the theme's icon fonts are cut to the icons the site shows (:mod:`.icon_fonts`).
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Callable
from functools import cache
from html import escape as html_escape
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from migration_course import __version__
from migration_course.core.strings import catalogue, text, use_language
from migration_course.datasets import DATA_DIR
from migration_course.events import LiveEvents, live_events, modules_by_id, render
from migration_course.events.ics import event_calendar
from migration_course.events.settings import Event, EventsConfigError
from migration_course.icon_fonts import subset_icon_fonts
from migration_course.offline import pages as offline_pages
from migration_course.plotly_book import CHART_CLASS

STATIC_SUBDIR = "rcm"
STATIC = Path(__file__).parent / "static"
PLOTLY_JS = STATIC / "plotly-rcm.min.js"
PLOTLY_LICENSES = STATIC / "plotly-rcm.LICENSES.txt"
CHARTS_JS = STATIC / "rcm-charts.js"
CONTROLS_JS = STATIC / "chart-controls.js"
CHARTS_CSS = STATIC / "rcm-course.css"
PRINT_CSS = STATIC / "rcm-print.css"  # printing and the module PDFs (migration_course.offline)
TOPOJSON_DIR = STATIC / "topojson"
CSV_LINK = re.compile(r'class="rcm-csv" href="\.\./data/')
# A script that blocks the first paint: `<script src=...>` without defer or async. The theme and
# its extensions put eleven in every page's <head>; on a 500 kbps / 600 ms link each one the
# parser waits for delays the first text. Deferred, they run in the same order, before
# DOMContentLoaded, which is when every one of them starts its work. documentation_options.js
# stays as it is: inline scripts right after it set DOCUMENTATION_OPTIONS fields.
BLOCKING_SCRIPT = re.compile(r'<script (?![^>]*\b(?:defer|async)\b)'
                             r'([^>]*\bsrc="(?![^"]*documentation_options)[^"]+"[^>]*)></script>')
# pydata-sphinx-theme's template loads Sphinx's search tools and the whole search index (31 KB
# gzipped) on every page for its search-as-you-type, which this site leaves off: its search box
# opens search.html, which loads them itself.
SEARCH_TOOLS = re.compile(r'\n?\s*<script [^>]*src="[^"]*(?:_static/searchtools|_static/language_data|'
                          r'searchindex)\.js"[^>]*></script>')
SEARCH_AS_YOU_TYPE_OFF = "DOCUMENTATION_OPTIONS.search_as_you_type = false;"
UNUSED_CSS = ("sphinx-thebe.css",)  # Thebe is removed from every page (drop_unwanted_scripts)
# pydata-sphinx-theme's template loads Font Awesome's SVG+JS build (1.4 MB, 530 KB gzipped) on
# every page "so that users can add custom icons". Its own stylesheet already draws every icon
# this site uses with the Font Awesome webfont, so the script only costs slow connections.
FONTAWESOME_JS = Path("_static") / "scripts" / "fontawesome.js"
FONTAWESOME_STUB = ("/* Font Awesome's JS build is not needed here: the theme's CSS webfont draws "
                    "the icons (migration_course.sphinx_ext). */\n")


def _page_has_chart(context: dict) -> bool:
    return f'class="{CHART_CLASS}"' in (context.get("body") or "")


def _is_unwanted(script: object) -> bool:
    attributes = getattr(script, "attributes", {})
    body = attributes.get("body", "") or ""
    return ("sphinx-thebe" in str(script) or "THEBE_JS_URL" in body
            or attributes.get("type") == "application/vnd.jupyter.widget-state+json")


def drop_unwanted_scripts(context: dict) -> None:
    """Remove Thebe's scripts, saved widget state, and inline scripts added twice.

    Why: Jupyter Book 1 emits sphinx-thebe's inline config twice on every page, which throws
    "Identifier 'THEBE_JS_URL' has already been declared", and Thebe would fetch its runtime
    from unpkg.com. The site must not contact other hosts; live execution is offered through
    the launch buttons (JupyterHub, Binder) instead. Live explorers leave ipywidgets state in
    the executed notebook, which myst-nb embeds in the page (it holds a copy of every chart);
    the site has no widget manager, and shows each explorer's static chart instead.
    """
    scripts = context.get("script_files")
    if scripts is None:
        return
    seen: set[str] = set()
    kept = []
    for script in scripts:
        key = f"{script.filename}|{getattr(script, 'attributes', {}).get('body', '')}"
        if _is_unwanted(script) or key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def drop_unused_css(context: dict) -> None:
    """Remove stylesheets of features the site removes: one request fewer before the first text."""
    css = context.get("css_files")
    if css is not None:
        css[:] = [c for c in css if not str(getattr(c, "filename", c)).endswith(UNUSED_CSS)]


def lighten_scripts(html: str, is_search_page: bool) -> str:
    """One page's scripts: search tools dropped where unused, every other one deferred."""
    if not is_search_page and SEARCH_AS_YOU_TYPE_OFF in html:
        html = SEARCH_TOOLS.sub("", html)
    return BLOCKING_SCRIPT.sub(r"<script defer \1></script>", html)


# Words of the theme and of Sphinx that their own translations lack (Jupyter Book's search box,
# sphinx-book-theme's sidebar toggles and repository button, Sphinx's heading and term links),
# -> key of book.theme in the catalogue. Replaced as whole attribute values or element texts.
THEME_WORDS = {"Search this book...": "search", "Toggle primary sidebar": "toggle_primary",
               "Toggle secondary sidebar": "toggle_secondary", "Link to this heading": "heading_link",
               "Link to this term": "term_link", "Open issue": "open_issue"}


def translate_theme_words(html: str, language: str) -> str:
    """The theme's English words of one page, in the page's language (from ``book.theme``)."""
    if language == "en":
        return html
    words = catalogue(language).section("book.theme")
    for english, key in THEME_WORDS.items():
        html = html.replace(f'"{english}"', f'"{words[key]}"').replace(f">{english}<", f">{words[key]}<")
    return html


def lighten_page_scripts(outdir: Path, language: str = "en") -> None:
    """Apply :func:`lighten_scripts` and :func:`translate_theme_words` to every built page.

    Why after the build: the search tools and two more scripts are written by
    pydata-sphinx-theme's template itself, out of reach of ``script_files``, and so are the
    theme's words.
    """
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lighter = translate_theme_words(lighten_scripts(text, is_search_page=page.name == "search.html"),
                                        language)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


def add_chart_scripts(app: Sphinx, pagename: str, templatename: str, context: dict,
                      doctree: object) -> None:
    """Add plotly.js and the chart loader to pages that contain a course chart, deferred."""
    drop_unwanted_scripts(context)
    drop_unused_css(context)
    body = context.get("body") or ""
    # Docutils marks citations role="doc-biblioentry" (deprecated in DPUB-ARIA 1.1) inside a
    # role="list"; screen readers and axe-core expect list items there.
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    context["body"] = body
    if "rcm-csv" in body:
        data_url = context["pathto"](f"_static/{STATIC_SUBDIR}/data/", 1)
        context["body"] = CSV_LINK.sub(f'class="rcm-csv" href="{data_url}', body)
    if not _page_has_chart(context):
        return
    # fetchpriority: on a slow link plotly.js (406 KB gzipped) shares the line with the theme's
    # dozen small deferred scripts; asked for first, the first chart is drawn about 1 s sooner
    # at 500 kbps (12.0 -> 11.0 s, make bench-reader), first text 0.2 s later (within budget).
    app.add_js_file(f"{STATIC_SUBDIR}/{PLOTLY_JS.name}", loading_method="defer", priority=900,
                    fetchpriority="high")
    app.add_js_file(f"{STATIC_SUBDIR}/{CONTROLS_JS.name}", loading_method="defer", priority=901)
    app.add_js_file(f"{STATIC_SUBDIR}/rcm-charts.js", loading_method="defer", priority=902)


def copy_page_assets(app: Sphinx) -> None:
    """Copy plotly.js, the loader and the CSS into the output before any page is written.

    Why before: Sphinx adds ``?v=<checksum>`` to a local script's address only when the file is
    already in the output, and GitHub Pages lets browsers keep files for ten minutes, so a
    rebuilt plotly.js gets a new address and no reader draws new charts with an old one.
    """
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STATIC_SUBDIR
    target.mkdir(parents=True, exist_ok=True)
    for source in (PLOTLY_JS, PLOTLY_LICENSES, CHARTS_JS, CONTROLS_JS, CHARTS_CSS, PRINT_CSS):
        shutil.copyfile(source, target / source.name)


def copy_static(app: Sphinx, exception: Exception | None) -> None:
    """Copy the map outlines and the tables into the output; lighten Font Awesome."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STATIC_SUBDIR
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(TOPOJSON_DIR, target / "topojson", dirs_exist_ok=True)
    offline_pages.write_outline_scripts(target / "topojson")
    fontawesome = Path(app.outdir) / FONTAWESOME_JS
    if fontawesome.exists():
        fontawesome.write_text(FONTAWESOME_STUB, encoding="utf-8")
    subset_icon_fonts(Path(app.outdir))
    lighten_page_scripts(Path(app.outdir), app.config.language or "en")
    complete_redirect_page(Path(app.outdir), app.config.language or "en", f"{app.config.root_doc}.html")
    # The published tables, for the "download CSV" link under every chart.
    (target / "data").mkdir(exist_ok=True)
    for table in [*DATA_DIR.glob("*.csv"), DATA_DIR / "datapackage.json"]:
        shutil.copyfile(table, target / "data" / table.name)
        if table.suffix == ".csv":
            with_translated_headers(target / "data" / table.name, app.config.language or "en")


def with_translated_headers(path: Path, language: str) -> None:
    """Rewrite a published CSV's header row in ``language`` (``data.columns``); rows unchanged.

    The Spanish reader who downloads a chart's data opens it in a spreadsheet: headers such as
    ``migrants_pct_of_population`` should read ``migrantes_pct_de_la_poblacion``. Only the first
    line changes, so every value stays byte for byte the publisher's.
    """
    if language == "en":
        return
    columns = catalogue(language).section("data.columns")
    header, _, rest = path.read_text(encoding="utf-8").partition("\n")
    names = [columns.get(name, name) for name in header.rstrip("\r").split(",")]
    path.write_text(",".join(names) + "\n" + rest, encoding="utf-8")


REDIRECT = re.compile(r'^<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*$')


def complete_redirect_page(outdir: Path, language: str, first_page: str) -> None:
    """Make Jupyter Book's one-line ``index.html`` (a bare redirect) a small page of its own.

    Why: a browser asks a page without an icon for ``/favicon.ico``, which the site does not
    have (a 404 in every reader's console), and a page without ``lang`` or a link leaves a
    reader whose browser blocks redirects with nothing to click.
    """
    page = outdir / "index.html"
    if page.is_file():  # written by sphinx-external-toc before this hook ran, or a page of the book
        found = REDIRECT.match(page.read_text(encoding="utf-8"))
        if not found:
            return
        first_page = found.group(1)
    target = html_escape(first_page)  # sphinx-external-toc keeps an index.html that exists
    title = html_escape(text("book.redirect", language))
    page.write_text(
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Refresh" content="0; url={target}" />'
        f'<link rel="icon" href="_static/favicon.svg"><title>{title}</title></head>'
        f'<body><p><a href="{target}">{title}</a></p></body></html>\n', encoding="utf-8")


def course_substitutions() -> dict[str, str]:
    """Counts the pages quote, computed from the demonstration course the site documents.

    Pages write ``{{ knowledge_items }}`` (MyST substitution) instead of a number typed by hand,
    so adding a question to the bank changes every page that counts them.
    """
    from migration_course.core.course import Course
    from migration_course.core.paths import DEMO_COURSE

    bank = Course.open(DEMO_COURSE).bank
    return {
        "knowledge_items": str(len(bank.knowledge)),
        "pre_items": str(len(bank.items_for("pre"))),
        "post_items": str(len(bank.items_for("post"))),
        "course_modules": str(len(bank.modules)),
    }


def add_substitutions(app: Sphinx, config: object) -> None:
    """Merge :func:`course_substitutions` into the book's ``myst_substitutions``."""
    config.myst_substitutions = {**course_substitutions(), **(config.myst_substitutions or {})}


# --- live events: page blocks, calendar files ------------------------------------------------------

CALENDAR_DIR = "calendar"  # in the built site: calendar/<event id>.ics
logger = logging.getLogger(__name__)


@cache
def demo_live_events() -> LiveEvents:
    """The live events of the demonstration course the site documents, read once per build."""
    from migration_course.core.course import Course
    from migration_course.core.paths import DEMO_COURSE

    return live_events(Course.open(DEMO_COURSE))


class _LiveEventsDirective(SphinxDirective):
    """A block written by :mod:`migration_course.events.render`, parsed as the page's MyST.

    The page depends on the settings files, so editing ``events.yml`` or ``completion.yml``
    rebuilds every page that shows them.
    """

    def live(self) -> LiveEvents:
        live = demo_live_events()
        for settings in (live.path, live.completion.path):
            self.env.note_dependency(str(settings))
        return live

    def markdown(self, live: LiveEvents) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        try:
            return self.parse_text_to_nodes(self.markdown(self.live()))
        except EventsConfigError as err:
            raise self.error(str(err)) from None


class _EventDirective(_LiveEventsDirective):
    """``{rcm-event-<block>} <event id>``: one block of a live event's page."""

    required_arguments = 1
    block: ClassVar[Callable[[LiveEvents, Event], str]]

    def markdown(self, live: LiveEvents) -> str:
        return type(self).block(live, live.event(self.arguments[0]))


class EventSummary(_EventDirective):
    """Date, time on the course's clock, core topic and whether the time zone is confirmed."""

    block = staticmethod(render.summary)


class EventAgenda(_EventDirective):
    """The timetable with speakers and roles."""

    block = staticmethod(render.agenda)


class EventTimes(_EventDirective):
    """The event's time in each of the 11 member countries."""

    block = staticmethod(lambda live, event: render.member_times(event))


class EventModules(_EventDirective):
    """The modules the event builds on, linked."""

    block = staticmethod(lambda live, event: render.modules(event, modules_by_id()))


class EventLinks(_EventDirective):
    """The calendar file, then recording, slides, forum ("to be announced" when not set)."""

    block = staticmethod(render.links)

    def run(self) -> list[nodes.Node]:
        found = super().run()
        target = f"{CALENDAR_DIR}/{self.arguments[0]}.ics"
        here = posixpath.dirname(self.env.app.builder.get_target_uri(self.env.docname))
        link = nodes.reference("", text("events.links.calendar_link"),
                               refuri=posixpath.relpath(target, here or "."))
        label = nodes.strong("", text("events.links.calendar") + ":")
        return [nodes.paragraph("", "", label, nodes.Text(" "), link), *found]


class EventOverview(_LiveEventsDirective):
    """``{rcm-event-overview}``: every live event with its date and time, linked to its page."""

    def markdown(self, live: LiveEvents) -> str:
        return render.overview(live) + "\n\n" + render.timezone_note(live)


class SupportBlock(_LiveEventsDirective):
    """``{rcm-support}``: forum, help desk, recordings and attendance, from one settings file."""

    def markdown(self, live: LiveEvents) -> str:
        return render.support(live)


DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "rcm-event-summary": EventSummary,
    "rcm-event-agenda": EventAgenda,
    "rcm-event-times": EventTimes,
    "rcm-event-modules": EventModules,
    "rcm-event-links": EventLinks,
    "rcm-event-overview": EventOverview,
    "rcm-support": SupportBlock,
}


AGENDA_PAGE = "book/agenda"  # the course book's calendar, under which the event pages hang


def check_event_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn (an error under ``-W``) when a live event has no page in the course book.

    Only in a book with the agenda page: the tests build small books with this extension too.
    """
    if AGENDA_PAGE not in env.found_docs:
        return
    for event in demo_live_events().events:
        if render.event_page(event.id) not in env.found_docs:
            logger.warning(f"live event {event.id!r} has no page: add {render.event_page(event.id)}.md "
                           "and its line in _toc.yml")


def write_calendars(app: Sphinx, exception: Exception | None) -> None:
    """Write each live event's ``.ics`` file into the site, from the same settings as its page."""
    if exception is not None or app.builder.format != "html":
        return
    live = demo_live_events()
    target = Path(app.outdir) / CALENDAR_DIR
    for event in live.events:
        if render.event_page(event.id) in app.env.found_docs:  # the page links to it
            target.mkdir(parents=True, exist_ok=True)
            (target / f"{event.id}.ics").write_bytes(event_calendar(live, event).encode("utf-8"))


# --- the two editions: the page's language, the switcher to its twin ------------------------------

def use_book_language(app: Sphinx, config: object) -> None:
    """Make the book's ``language`` the language of every string the extension writes."""
    use_language(config.language or "en")


def twin_url(pagename: str, twin_root: str) -> str:
    """The address of the same page in the other edition, relative to this page.

    Both editions have the same page names, English at the site's root and Spanish under
    ``es/``, so ``book/about`` links to ``es/book/about.html`` and back to ``../book/about.html``.
    """
    up = "../" * pagename.count("/")
    return f"{up}{twin_root.strip('/')}/{pagename}.html"


def _twin_exists(app: Sphinx, pagename: str) -> bool:
    """Whether the other edition has this page (generated pages like search always do)."""
    if pagename in ("search", "genindex"):
        return True
    twin_source = Path(app.srcdir) / app.config.rcm_twin_root / pagename
    return any(twin_source.with_suffix(ext).is_file() for ext in (".md", ".ipynb", ".rst"))


def add_language_switch(app: Sphinx, pagename: str, templatename: str, context: dict,
                        doctree: object) -> None:
    """Put a link to the page's twin, in the twin's language, at the top of the article.

    Why a visible link in the text and not only a menu entry: a participant who lands on the
    English page from a search or a colleague's message must see at once, on a phone too, that
    the same page exists in Spanish. ``hreflang``/``lang`` let screen readers switch voice, and
    the ``<link rel="alternate">`` lets search engines pair the two pages.
    """
    twin = app.config.rcm_twin_language
    if not twin or not _twin_exists(app, pagename):
        return
    url = twin_url(pagename, app.config.rcm_twin_root)
    words = text("book.language.switch", twin)
    label = text("book.language.switch_label", twin)
    link = (f'<p class="rcm-language-switch"><a href="{url}" hreflang="{twin}" lang="{twin}" '
            f'aria-label="{label}">{words}</a></p>')
    context["body"] = link + (context.get("body") or "")
    context["metatags"] = (context.get("metatags") or "") + (
        f'\n<link rel="alternate" hreflang="{twin}" href="{url}" />')


def setup(app: Sphinx) -> dict:
    """Register the hooks; the CSS for chart text and tables is small and goes on every page."""
    app.add_config_value("rcm_twin_language", "", "html")
    app.add_config_value("rcm_twin_root", "", "html")
    app.connect("config-inited", use_book_language)
    app.connect("config-inited", add_substitutions)
    app.connect("html-page-context", add_language_switch, priority=950)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.connect("env-check-consistency", check_event_pages)
    app.connect("build-finished", write_calendars)
    # After myst-nb's own handler (priority 500), which adds the widget-state script.
    app.connect("html-page-context", add_chart_scripts, priority=900)
    app.connect("builder-inited", copy_page_assets)
    app.connect("build-finished", copy_static)
    app.add_css_file(f"{STATIC_SUBDIR}/{CHARTS_CSS.name}")
    app.add_css_file(f"{STATIC_SUBDIR}/{PRINT_CSS.name}", media="print")
    offline_pages.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
