"""A course folder: everything one cohort's tools need, found from one path.

A course folder holds its own question bank (``bank/questions.yml``), its completion rules
(``completion.yml``), its nbgrader configuration and source notebooks, and its private outputs
(``private/``: roster, grading statuses, attendance, certificates, report). Every command gets
one :class:`Course` from ``--course`` (or ``$RCM_COURSE_DIR``) at the command-line edge and passes
it down, so the bank that scores a submission is always the one of the course it was
collected in: no default path and no environment variable can substitute another key.

The repository's ``assessments/`` is the public demonstration course; a real cohort's course is
made with ``rcm-course course new DIR`` outside any public repository. Everything that runs
nbgrader goes through real nbgrader (commands or its Python API) in the course folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from nbgrader.api import Gradebook
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from migration_course.core.bank import Bank, load_bank
from migration_course.core.completion import Completion, load_completion
from migration_course.core.errors import CourseError
from migration_course.core.participants import Participant, read_roster
from migration_course.core.paths import DEMO_COURSE

NBGRADER_CONFIG = "nbgrader_config.py"
BANK_FILE = Path("bank") / "questions.yml"
COMPLETION_FILE = "completion.yml"
# What a new course folder copies from its template (the demonstration course by default).
COURSE_FILES = (NBGRADER_CONFIG, COMPLETION_FILE, str(BANK_FILE))
# The live events' agenda, links and support contacts: copied when the template has it, never
# required (a folder without it shows "to be announced"), read by migration_course.events.
EVENTS_FILE = "events.yml"


@dataclass
class Course:
    """A course folder plus the run-time settings the command line adds on top of its config.

    ``exchange`` is the nbgrader exchange root (JupyterHub style); ``overrides`` are extra
    traitlets settings (``{"Execute.timeout": 5}``) that tests and the demo use to go faster.
    """

    root: Path
    exchange: Path | None = None
    overrides: dict[str, object] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path, exchange: Path | None = None,
             overrides: dict[str, object] | None = None) -> Course:
        """The course in ``root``; a :class:`CourseError` saying what is missing otherwise."""
        root = Path(root).resolve()
        missing = [name for name in COURSE_FILES if not (root / name).is_file()]
        if missing:
            raise CourseError(f"{root} is not a course folder (no {', '.join(missing)}); make one "
                              "with `rcm-course course new DIR`")
        return cls(root, Path(exchange) if exchange else None, dict(overrides or {}))

    @classmethod
    def create(cls, root: Path, template: Path = DEMO_COURSE, exchange: Path | None = None,
               overrides: dict[str, object] | None = None) -> Course:
        """A new course folder from ``template``: config, rules, bank and source notebooks.

        The source notebooks are copied with the bank they were generated from; after editing
        the bank, ``rcm-course questionnaire generate`` rewrites them in this folder.
        """
        root = Path(root)
        for name in COURSE_FILES:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(template) / name, root / name)
        if (Path(template) / EVENTS_FILE).is_file():
            shutil.copy2(Path(template) / EVENTS_FILE, root / EVENTS_FILE)
        # The words of the bank and of the events in each other language (questions.es.yml).
        for pattern in (f"{BANK_FILE.stem}.*{BANK_FILE.suffix}", "events.*.yml"):
            folder = BANK_FILE.parent if pattern.startswith(BANK_FILE.stem) else Path()
            for words in (Path(template) / folder).glob(pattern):
                shutil.copy2(words, root / folder / words.name)
        if (Path(template) / "source").is_dir():
            shutil.copytree(Path(template) / "source", root / "source", dirs_exist_ok=True)
        if exchange is not None:
            Path(exchange).mkdir(parents=True, exist_ok=True)
        return cls.open(root, exchange, overrides)

    # -- what the folder holds -------------------------------------------------------------
    @property
    def bank_file(self) -> Path:
        """The course's own question bank (its key is as private as the folder)."""
        return self.root / BANK_FILE

    @cached_property
    def bank(self) -> Bank:
        """The validated question bank of this course, read once."""
        return load_bank(self.bank_file)

    @property
    def completion_file(self) -> Path:
        """Sessions, attendance threshold and certificate rules of this course."""
        return self.root / COMPLETION_FILE

    @cached_property
    def completion(self) -> Completion:
        """The validated completion rules of this course, read once."""
        return load_completion(self.completion_file)

    @property
    def events_file(self) -> Path:
        """Agenda, speakers and links of the live events, and the support contacts."""
        return self.root / EVENTS_FILE

    @property
    def source_dir(self) -> Path:
        """Nbgrader's source notebooks, generated from this course's bank."""
        return self.root / "source"

    def roster(self) -> list[Participant]:
        """The imported roster; a :class:`CourseError` saying what to run when there is none."""
        roster = read_roster(self.roster_file)
        if not roster:
            raise CourseError(f"no roster in {self.roster_file}; run `rcm-course roster import` "
                              "first")
        return roster

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
    def nbgrader(self, *args: str, check: bool = True,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run ``nbgrader <args>`` in the course directory; fail with its output if asked."""
        cmd = [sys.executable, "-m", "nbgrader", *args, *self.cli_args()]
        proc = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, check=False,
                              env={**os.environ, **(env or {})})
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
