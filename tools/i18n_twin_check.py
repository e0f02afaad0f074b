"""Compare an English page with its Spanish twin: what a translator runs before handing a page in.

Why a script of its own (and not only the test): translators edit pages without building the book
(a build takes minutes and a kernel); this reads the two Markdown files and says at once what
differs in structure. ``tests/test_editions.py`` runs the same comparison on every page.

    python3 tools/i18n_twin_check.py modules/module-3.md es/modules/module-3.md

Plain Python 3 with no imports from the project, so it runs without the course's virtualenv.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.i18n_structure import differences, foreign_paragraphs  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python3 tools/i18n_twin_check.py ENGLISH.md SPANISH.md")
        return 2
    english, spanish = (Path(a) for a in argv)
    problems = differences(english.read_text(encoding="utf-8"), spanish.read_text(encoding="utf-8"))
    problems += [f"paragraph still in English: {p[:90]}..."
                 for p in foreign_paragraphs(spanish.read_text(encoding="utf-8"))]
    for problem in problems:
        print(f"{spanish}: {problem}")
    if not problems:
        print(f"{spanish}: same structure as {english}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
