"""``python -m tools.plotly_bundle [--check]``: (re)build the course's plotly.js bundle.

``make plotly-bundle`` rebuilds it (Node.js and npm needed). ``make book`` first runs ``--check``,
which needs no Node and exits 0 while the committed bundle matches its inputs, 3 when it is
missing or stale (then ``make`` rebuilds it).
"""

from __future__ import annotations

import argparse
import gzip
import sys

from tools.plotly_bundle import BUNDLE, REPO, BundleError, build, entry_traces, is_current


def main(argv: list[str] | None = None) -> int:
    """Build the bundle, or only check it with ``--check``; print its size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check: exit 3 when the bundle is missing or stale")
    args = parser.parse_args(argv)
    if args.check:
        if is_current():
            return 0
        print(f"{BUNDLE.relative_to(REPO)} is missing or older than its inputs "
              "(package-lock.json, tools/plotly_bundle/entry.js and stand_ins/): rebuilding it.",
              file=sys.stderr)
        return 3
    try:
        build()
    except BundleError as error:
        print(error, file=sys.stderr)
        return 1
    raw = BUNDLE.read_bytes()
    print(f"{BUNDLE.relative_to(REPO)}: traces {', '.join(entry_traces())}; "
          f"{len(raw) / 1024:.0f} KB, {len(gzip.compress(raw, 9)) / 1024:.0f} KB gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
