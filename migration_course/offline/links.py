"""The download links on the pages, written after the files exist so they state real sizes.

The Sphinx extension leaves an empty marked place (:data:`START` … :data:`END`) under the title
of the intro page and of each module page; :func:`fill_page` replaces whatever is between the
marks, so running it twice (or on a page an incremental build did not rewrite) is harmless.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from migration_course.core.numbers import number
from migration_course.core.strings import current_language, text
from migration_course.offline.archive import ARCHIVE_NAME, DOWNLOADS_DIR
from migration_course.offline.pdf import ModulePdf

START, END = "<!--rcm-offline-->", "<!--/rcm-offline-->"
MARKED = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
ARCHIVE_PATH = f"{DOWNLOADS_DIR}/{ARCHIVE_NAME}"


def human_size(size: int) -> str:
    """Bytes as readers read a download's size: "850 KB" below 1 MB, "12.4 MB" above."""
    if size < 1024 * 1024:
        return text("offline.size.kb", amount=number(max(1, round(size / 1024)), 0, current_language()))
    return text("offline.size.mb", amount=number(size / 1024 / 1024, 1, current_language()))


def marked_place() -> str:
    """What the extension writes under a page's title: the marks, empty."""
    return START + END


def _link(href: str, words: str, note: str) -> str:
    return (f'<a class="reference internal" href="{html.escape(href)}">{html.escape(words)}</a>: '
            f"{html.escape(note)}")


def downloads_block(page: Path, site: Path, pdf: ModulePdf | None, archive_bytes: int | None) -> str:
    """The paragraph of links for one page, its addresses relative to the page's folder.

    ``archive_bytes`` is None for the pages that go into the archive: they say they are the
    offline copy instead of linking the file they came in.
    """
    here = page.parent
    items = []
    if pdf is not None:
        words = text("offline.module_pdf", pages=pdf.pages, size=human_size(pdf.size))
        href = Path(os.path.relpath(pdf.path, here)).as_posix()
        items.append(_link(href, words, text("offline.module_pdf_note")))
    if archive_bytes is None:
        items.append(html.escape(text("offline.course_archive_offline")))
    else:
        words = text("offline.course_archive", size=human_size(archive_bytes))
        href = Path(os.path.relpath(site / ARCHIVE_PATH, here)).as_posix()
        items.append(_link(href, words, text("offline.course_archive_note")))
    return '<p class="rcm-offline-downloads">' + "<br>".join(items) + "</p>"


def fill_page(page: Path, site: Path, pdfs: list[ModulePdf], archive_bytes: int | None) -> None:
    """Write the links into ``page``'s marked place; fail if the extension left none there."""
    source = page.read_text(encoding="utf-8")
    if START not in source:
        raise ValueError(f"{page}: no place marked for the download links ({START}); is "
                         "rcm_offline_downloads on in _config.yml and the page in the book?")
    docname = page.relative_to(site).with_suffix("").as_posix()
    pdf = next((p for p in pdfs if p.docname == docname), None)
    block = START + downloads_block(page, site, pdf, archive_bytes) + END
    page.write_text(MARKED.sub(lambda _: block, source, count=1), encoding="utf-8")
