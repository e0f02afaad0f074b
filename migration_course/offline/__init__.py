"""Downloads for readers on slow links: each module as a PDF and the whole course as a zip.

Made after the book is written (Sphinx ``build-finished``, see :mod:`migration_course.sphinx_ext`),
because both are made *from* the built pages: :mod:`.pdf` prints each module page with the
Debian Chromium the project already drives, opened from disk as a reader of the archive would
open it, so a page that does not work offline fails the build instead of printing blank charts;
:mod:`.archive` zips the site; :mod:`.links` then writes the links, with the files' real sizes
and page counts, into the places the extension marked on the intro and module pages.

Order matters: the PDFs first (the archive holds them), the pages of the archive next (they
link the PDFs but not the archive they travel in), the archive, then the published pages
(which link the archive with its size).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from migration_course.offline.archive import ARCHIVE_NAME, DOWNLOADS_DIR, write_archive
from migration_course.offline.links import fill_page
from migration_course.offline.pdf import ModulePdf, print_module_pdfs

__all__ = ["ARCHIVE_NAME", "DOWNLOADS_DIR", "OfflineDownloads", "make_offline_downloads"]


@dataclass(frozen=True)
class OfflineDownloads:
    """What was made: the module PDFs and the archive's path and size in bytes."""

    pdfs: tuple[ModulePdf, ...]
    archive: Path
    archive_bytes: int


def page_file(site: Path, docname: str) -> Path:
    """The built HTML file of a page (the ``html`` builder: ``docname.html``)."""
    return site / f"{docname}.html"


def make_offline_downloads(site: Path, module_docnames: list[str],
                           intro_docname: str) -> OfflineDownloads:
    """Print the module PDFs, zip the site and link both from the intro and module pages."""
    downloads = site / DOWNLOADS_DIR
    downloads.mkdir(exist_ok=True)
    pdfs = print_module_pdfs(site, module_docnames, downloads)
    pages = [intro_docname, *module_docnames]
    for docname in pages:
        fill_page(page_file(site, docname), site, pdfs, archive_bytes=None)
    archive = downloads / ARCHIVE_NAME
    archive_bytes = write_archive(site, archive)
    for docname in pages:
        fill_page(page_file(site, docname), site, pdfs, archive_bytes=archive_bytes)
    return OfflineDownloads(tuple(pdfs), archive, archive_bytes)
