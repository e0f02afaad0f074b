"""Where the repository's own content is: the demonstration course and the curriculum.

The package is installed from its repository (``pip install -e .``), and the book's content
(the modules' learning objectives, the demonstration course in ``assessments/``) lives beside
it. Every other place a command works in is a course folder it is given.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# The public demonstration course: a complete, working course whose answer key anyone can read.
DEMO_COURSE = REPO_ROOT / "assessments"
# The learning objectives of the modules: public, cited by every course's question bank.
OBJECTIVES_FILE = REPO_ROOT / "modules" / "learning_objectives.yml"


def edition_root(language: str) -> Path:
    """The folder of one edition of the book: English at the root, every other language in ``<language>/``.

    Why the same layout under each root: a page, the modules' objectives and self-checks have the
    same path in every edition (``modules/selfcheck/M1.yml``, ``es/modules/selfcheck/M1.yml``),
    so the tests pair each file with its twin and a page links to its twin by its own name.
    """
    return REPO_ROOT if language == "en" else REPO_ROOT / language


def objectives_file(language: str) -> Path:
    """The learning objectives in ``language`` (same IDs in every language; English is the reference)."""
    return edition_root(language) / "modules" / "learning_objectives.yml"
