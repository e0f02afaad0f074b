"""``python -m migration_course.offline SITE``: make the downloads again on a built site.

The book build does this itself (``build-finished``); this is for a site built without it or to
time the step alone. It prints what it made, with sizes and page counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from migration_course.core.objectives import load_objectives
from migration_course.events.render import module_docname
from migration_course.offline import make_offline_downloads
from migration_course.offline.links import human_size

INTRO = "book/intro"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m migration_course.offline", description=__doc__)
    parser.add_argument("site", type=Path, help="the built site, e.g. _build/html")
    args = parser.parse_args(argv)
    if not (args.site / f"{INTRO}.html").is_file():
        print(f"{args.site}: no {INTRO}.html here; build the book first (make book).", file=sys.stderr)
        return 2
    started = time.perf_counter()
    modules = [module_docname(m.id) for m in load_objectives()]
    made = make_offline_downloads(args.site, modules, INTRO)
    for pdf in made.pdfs:
        print(f"{pdf.path.relative_to(args.site)}: {pdf.pages} pages, {human_size(pdf.size)}")
    print(f"{made.archive.relative_to(args.site)}: {human_size(made.archive_bytes)}")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
