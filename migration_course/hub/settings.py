"""What the hub needs to know, read once from the environment, and what it hands each server.

Why an environment and not a second config file: ``hub/jupyterhub_config.py`` is the one file
to read; it names its settings (course folder, exchange, address, idle time) as ``RCM_HUB_*``
variables with defaults, which ``make hub`` sets from its own variables.

Each user's server is told only what its role needs, in a folder of its own that
``JUPYTER_CONFIG_PATH`` points at: a participant's server gets the exchange, the course ID and
the questionnaire windows (no key, no roster) and has nbgrader's instructor extensions switched
off; an instructor's server gets formgrader on the course folder.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from migration_course.core import strings
from migration_course.core.bank import ASSIGNMENTS
from migration_course.core.course import Course
from migration_course.core.errors import CourseError
from migration_course.hub.accounts import (
    INSTRUCTOR,
    PARTICIPANT,
    accounts_file,
    read_accounts,
    username_for,
)

SERVER_SETTINGS_FILE = "rcm_hub.json"
SETTINGS_ENV = "RCM_HUB_SETTINGS"
LANGUAGE_ENV = "RCM_HUB_LANGUAGE"  # a participant's server: the language of their questionnaire
NBGRADER_EXTENSIONS = ("formgrader", "validate_assignment", "assignment_list", "course_list")
FORM_EXTENSION = "migration_course.hub.server_extension"
# What a participant's server opens on, and an instructor's.
DEFAULT_URLS = {PARTICIPANT: "/rcm/", INSTRUCTOR: "/formgrader"}


@dataclass(frozen=True)
class HubSettings:
    """The hub's settings (``RCM_HUB_*`` variables, with the defaults ``make hub`` uses)."""

    course: Path
    exchange: Path
    state: Path
    ip: str = "127.0.0.1"
    port: int = 8000
    api_port: int = 8081
    proxy_api_port: int = 8001
    idle_timeout: int = 3600
    public_url: str = ""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> HubSettings:
        """Settings from ``env`` (the process environment by default)."""
        env = dict(os.environ if env is None else env)
        port = int(env.get("RCM_HUB_PORT", "8000"))
        ip = env.get("RCM_HUB_IP", "127.0.0.1")
        return cls(
            course=Path(env.get("RCM_COURSE_DIR", "assessments")).resolve(),
            exchange=Path(env.get("RCM_HUB_EXCHANGE", "/srv/nbgrader/exchange")).resolve(),
            state=Path(env.get("RCM_HUB_STATE", "/srv/rcm-course-hub")).resolve(),
            ip=ip, port=port,
            api_port=int(env.get("RCM_HUB_API_PORT", str(port + 81))),
            proxy_api_port=int(env.get("RCM_HUB_PROXY_API_PORT", str(port + 1))),
            idle_timeout=int(env.get("RCM_HUB_IDLE_TIMEOUT", "3600")),
            public_url=env.get("RCM_HUB_URL", f"http://{ip}:{port}"),
        )

    def server_dir(self, role: str) -> Path:
        """The configuration folder of one role's servers."""
        return self.state / "servers" / role


def prepare(settings: HubSettings, language: str = "en") -> Course:
    """Check the folders, make the exchange, and write each role's server configuration.

    The exchange is made as nbgrader expects on a shared machine: everyone may enter and
    write, the sticky bit keeps each person's entries theirs.
    """
    course = Course.open(settings.course, settings.exchange)
    settings.exchange.mkdir(parents=True, exist_ok=True)
    settings.state.mkdir(parents=True, exist_ok=True)
    for folder in (settings.exchange, settings.state):
        closed = closed_ancestor(folder)
        if closed is not None:
            raise CourseError(f"{closed} cannot be entered by other accounts (mode "
                              f"{closed.stat().st_mode & 0o777:o}), so participants' servers "
                              f"could not reach {folder}; choose a folder outside it or run "
                              f"`chmod o+x {closed}`")
    settings.exchange.chmod(0o777 | stat.S_ISVTX)
    for folder in (settings.state, settings.state / "servers"):
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o755)  # servers read their settings; secrets inside are 0600 files
    off = {f"nbgrader.server_extensions.{name}": False for name in NBGRADER_EXTENSIONS}
    _write_role(settings, PARTICIPANT, {**off, FORM_EXTENSION: True},
                {SERVER_SETTINGS_FILE: json.dumps(server_settings(course, settings, language),
                                                  indent=1)})
    _write_role(settings, INSTRUCTOR, {**off, "nbgrader.server_extensions.formgrader": True},
                {"nbgrader_config.py": _instructor_nbgrader_config(course, settings)})
    return course


def closed_ancestor(folder: Path) -> Path | None:
    """The first folder above (or at) ``folder`` that other accounts cannot pass through."""
    for path in [*reversed(folder.resolve().parents), folder.resolve()]:
        if not path.stat().st_mode & stat.S_IXOTH:
            return path
    return None


def server_settings(course: Course, settings: HubSettings, language: str) -> dict[str, Any]:
    """What a participant's server needs: exchange, course ID, windows (no key, no roster)."""
    windows = {}
    for assignment in ASSIGNMENTS.values():
        window = course.completion.window(assignment)
        if window is not None:
            windows[assignment] = {"opens": window.opens.isoformat(),
                                   "closes": window.closes.isoformat()}
    return {"exchange": str(settings.exchange), "course_id": course.course_id,
            "language": language, "timezone": course.completion.timezone,
            "assignments": list(ASSIGNMENTS.values()), "windows": windows}


def _instructor_nbgrader_config(course: Course, settings: HubSettings) -> str:
    return ("# Written by the course hub at start: formgrader on the course folder.\n"
            "c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.root = {str(course.root)!r}\n"
            f"c.CourseDirectory.course_id = {course.course_id!r}\n"
            f"c.Exchange.root = {str(settings.exchange)!r}\n")


def _write_role(settings: HubSettings, role: str, extensions: dict[str, bool],
                files: dict[str, str]) -> None:
    folder = settings.server_dir(role)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    server = {"ServerApp": {"jpserver_extensions": extensions}}
    (folder / "jupyter_server_config.json").write_text(json.dumps(server, indent=1),
                                                       encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def role_of(settings: HubSettings, username: str) -> str:
    """The role of an account (an account not in the file cannot have signed in)."""
    account = read_accounts(accounts_file(Course.open(settings.course))).get(username)
    return account.role if account else PARTICIPANT


def sign_in_notice() -> str:
    """The notice above the sign-in form, in every language of the course (Spanish first).

    Before signing in nobody is known, so the page cannot choose the participant's language.
    """
    order = sorted(strings.languages(), key=lambda lang: lang != "es")
    return " / ".join(strings.text("hub.login.announcement", lang) for lang in order)


def language_of(settings: HubSettings, username: str) -> str:
    """The language a participant reads the questionnaire in: the roster's (else the country's)."""
    try:
        roster = Course.open(settings.course).roster()
    except CourseError:  # no roster yet: an instructor account, or a hub being set up
        return strings.DEFAULT_LANGUAGE
    person = next((p for p in roster if username_for(p.id) == username), None)
    return person.reads if person else strings.DEFAULT_LANGUAGE


def spawn_environment(settings: HubSettings, role: str, language: str = "") -> dict[str, str]:
    """The variables a server of ``role`` starts with (``language``: the participant's)."""
    folder = settings.server_dir(role)
    env = {"JUPYTER_CONFIG_PATH": str(folder)}
    if role == PARTICIPANT:
        env[SETTINGS_ENV] = str(folder / SERVER_SETTINGS_FILE)
        if language:
            env[LANGUAGE_ENV] = language
    return env


def read_server_settings(path: str | Path | None = None) -> dict[str, Any]:
    """A participant server's settings (from ``$RCM_HUB_SETTINGS``)."""
    path = Path(path or os.environ[SETTINGS_ENV])
    return json.loads(path.read_text(encoding="utf-8"))


def window_of(server: dict[str, Any], assignment: str) -> tuple[datetime, datetime] | None:
    """(opens, closes) of ``assignment`` as aware datetimes, or None when it has no window."""
    spec = server.get("windows", {}).get(assignment)
    if not spec:
        return None
    return datetime.fromisoformat(spec["opens"]), datetime.fromisoformat(spec["closes"])
