"""A course directory and the plain nbgrader commands run in it.

Everything the instructor pipeline does goes through real nbgrader (commands or its Python
API) in one course directory: ``assessments/`` on the instructors' hub, or a temporary copy for
the demo, the tests and the benchmark, so no generated file or personal data ever lands in
the repository tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from migration_course.questionnaire.bank import REPO_ROOT

ASSESSMENTS = REPO_ROOT / "assessments"


class CourseError(RuntimeError):
    """A course-level step failed (not one participant); the message says what to do."""


@dataclass
class Course:
    """An nbgrader course directory plus the settings the CLI adds on top of its config.

    ``exchange`` is the nbgrader exchange root (JupyterHub style); ``overrides`` are extra
    traitlets settings (``{"Execute.timeout": 5}``) that tests and the demo use to go faster.
    """

    root: Path
    exchange: Path | None = None
    overrides: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # nbgrader creates a new gradebook by running the `alembic` executable found on PATH;
        # when Python is started as .venv/bin/python the venv's bin/ is not on PATH.
        bindir = str(Path(sys.executable).parent)
        if bindir not in os.environ.get("PATH", "").split(os.pathsep):
            os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")

    @classmethod
    def scratch(cls, root: Path, exchange: Path | None = None,
                overrides: dict[str, object] | None = None) -> Course:
        """Create a fresh course directory from the committed config and source notebooks."""
        root = Path(root)
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ASSESSMENTS / "nbgrader_config.py", root / "nbgrader_config.py")
        shutil.copytree(ASSESSMENTS / "source", root / "source", dirs_exist_ok=True)
        if exchange is not None:
            Path(exchange).mkdir(parents=True, exist_ok=True)
        return cls(root, Path(exchange) if exchange else None, dict(overrides or {}))

    # -- configuration -------------------------------------------------------------------
    def config(self) -> Config:
        """The course's nbgrader config with the CLI's settings applied (for in-process API)."""
        cfg = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        cfg.CourseDirectory.root = str(self.root)
        for key, value in self._settings().items():
            section, name = key.split(".", 1)
            setattr(cfg[section], name, value)
        return cfg

    def _settings(self) -> dict[str, object]:
        settings: dict[str, object] = {}
        if self.exchange is not None:
            settings["Exchange.root"] = str(self.exchange)
        settings.update(self.overrides)
        return settings

    def cli_args(self) -> list[str]:
        """The same settings as nbgrader command-line flags."""
        return [f"--{k}={v}" for k, v in self._settings().items()]

    @property
    def course_id(self) -> str:
        """The nbgrader course ID (``rcm-mpt``)."""
        return str(self.config().CourseDirectory.course_id)

    @property
    def db_url(self) -> str:
        """SQLAlchemy URL of the gradebook (SQLite file in the course directory by default)."""
        cfg = self.config()
        url = cfg.CourseDirectory.get("db_url")
        return str(url) if url else f"sqlite:///{self.root / 'gradebook.db'}"

    # -- running nbgrader ------------------------------------------------------------------
    def nbgrader(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run ``nbgrader <args>`` in the course directory; fail with its output if asked."""
        cmd = [sys.executable, "-m", "nbgrader", *args, *self.cli_args()]
        proc = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, check=False)
        if check and proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise CourseError(f"`nbgrader {' '.join(args)}` failed in {self.root}:\n{tail}")
        return proc

    @contextmanager
    def gradebook(self) -> Iterator[Gradebook]:
        """The real nbgrader gradebook of this course."""
        with Gradebook(self.db_url, self.course_id) as gb:
            yield gb

    # -- paths -------------------------------------------------------------------------------
    def submitted(self, assignment: str) -> dict[str, Path]:
        """Student ID -> submitted assignment folder, for every collected submission."""
        base = self.root / "submitted"
        if not base.is_dir():
            return {}
        return {p.name: p / assignment for p in sorted(base.iterdir())
                if (p / assignment).is_dir()}

    def release_notebook(self, assignment: str) -> Path:
        """The released (participant) copy of the assignment's notebook."""
        return self.root / "release" / assignment / f"{assignment}.ipynb"

    def status_file(self, assignment: str) -> Path:
        """Where grading outcomes are kept between `grade` and `export` (instructor-only)."""
        return self.private / f"grading-status-{assignment}.json"

    @property
    def roster_file(self) -> Path:
        """The imported roster: pseudonymous IDs with names and e-mails (instructor-only)."""
        return self.private / "participants.roster.csv"

    @property
    def private(self) -> Path:
        """Instructor-only files (roster, statuses, exports): ``private/`` is git-ignored."""
        return self.root / "private"
