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
