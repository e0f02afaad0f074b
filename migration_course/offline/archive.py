"""The whole built site as one zip that opens from disk (``rcm-course/index.html``).

What it leaves out: the archive itself, Sphinx's build bookkeeping, and page sources
(``_sources/``, which the book does not publish: ``html_copy_source`` is off). Only the search
page's snippets need changing for ``file://`` (:data:`OFFLINE_EDITS`): the ``html`` builder
writes relative links to ``.html`` files, the map's outline is loaded as a script
(``static/rcm-charts.js``) rather than fetched, and the search page reads its index with a
``<script>`` too.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

ARCHIVE_NAME = "rcm-course-offline.zip"
DOWNLOADS_DIR = "downloads"  # in the built site: the archive and the module PDFs
ROOT = "rcm-course"  # the folder a reader gets when unzipping
LEFT_OUT_NAMES = {".buildinfo", ".buildinfo.bak", ARCHIVE_NAME}
LEFT_OUT_DIRS = {"_sources", ".doctrees"}
# Files the archive holds changed. Sphinx's search page fetches each result page to quote a
# snippet; from disk the browser blocks those fetches (an error per result), so the offline
# copy lists results by title only.
OFFLINE_EDITS = {"_static/documentation_options.js": ("SHOW_SEARCH_SUMMARY: true",
                                                        "SHOW_SEARCH_SUMMARY: false")}
# Inside the archive, the download menu's link to the archive itself goes (nothing to fetch).
ARCHIVE_MENU_ITEM = re.compile(r'<li><a href="[^"]*' + re.escape(ARCHIVE_NAME) + r'"(?:(?!</li>).)*</li>',
                               re.S)
# Each edition's archive holds that edition only, so the link to the other language's page
# (and its <link rel="alternate">) would lead nowhere on disk.
LANGUAGE_SWITCH = re.compile(r'<p class="rcm-language-switch">.*?</p>'
                             r'|\n?<link rel="alternate" hreflang="[^"]*" href="[^"]*" />')
PARTIAL_SUFFIX = ".part"  # an archive being written
# Already compressed: deflating them again costs time and saves nothing.
STORED_SUFFIXES = {".woff2", ".woff", ".png", ".jpg", ".jpeg", ".pdf", ".zip", ".gz"}


def other_editions(site: Path) -> set[str]:
    """Top-level folders that are another edition of the book (``es/``: a site of its own).

    Each edition's archive holds that edition only: it has its own archive in its own
    ``downloads/``, and one zip of both would double the download for every reader.
    """
    return {d.name for d in site.iterdir() if d.is_dir() and (d / "_static").is_dir()}


def archived_files(site: Path) -> list[Path]:
    """The site's files that go into the archive, sorted (so two builds list them alike)."""
    skip = other_editions(site)
    return sorted(p for p in site.rglob("*") if p.is_file() and p.name not in LEFT_OUT_NAMES
                  and not p.name.endswith(PARTIAL_SUFFIX)
                  and not LEFT_OUT_DIRS & set(p.relative_to(site).parts[:-1])
                  and p.relative_to(site).parts[0] not in skip)


def write_archive(site: Path, target: Path) -> int:
    """Zip ``site`` into ``target`` under :data:`ROOT`; return the archive's size in bytes.

    Written beside the target and renamed, so a reader never downloads a half-written archive.
    """
    files = archived_files(site)  # listed before the partial archive exists
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            relative = path.relative_to(site).as_posix()
            name = f"{ROOT}/{relative}"
            if relative in OFFLINE_EDITS:
                old, new = OFFLINE_EDITS[relative]
                zf.writestr(name, path.read_text(encoding="utf-8").replace(old, new))
                continue
            if path.suffix == ".html":
                page = ARCHIVE_MENU_ITEM.sub("", path.read_text(encoding="utf-8"))
                zf.writestr(name, LANGUAGE_SWITCH.sub("", page))
                continue
            method = zipfile.ZIP_STORED if path.suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
            zf.write(path, name, compress_type=method)
    partial.replace(target)
    return target.stat().st_size
