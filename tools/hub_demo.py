"""``make hub-demo``: the course hub with the synthetic 55-participant cohort on 127.0.0.1:8000.

Builds a demonstration course in ``_build/hub-demo/`` (roster from the focal points' lists,
questionnaires open around now and released to the hub's exchange), issues every account and
writes the sign-in details to ``_build/hub-demo/logins.csv`` (``username``, ``password``,
``sign_in_url``, ``role``), then runs JupyterHub with ``hub/jupyterhub_config.py``. The end-to-end
test uses the same :func:`prepare_demo` with a few participants and free ports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from migration_course.core.bank import ASSIGNMENTS
from migration_course.core.course import Course
from migration_course.core.csvfiles import write_rows
from migration_course.core.participants import write_roster
from migration_course.grading.exchange import release
from migration_course.hub.accounts import INSTRUCTOR, issue, sign_in_url
from migration_course.hub.settings import HubSettings, prepare
from migration_course.roster import add_to_gradebook, import_lists
from tools.synthetic_cohort import cohort, write_focal_point_lists

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "hub" / "jupyterhub_config.py"
INSTRUCTOR_NAME = "instructor"
# The unix accounts JupyterHub makes (hub/jupyterhub_config.py, add_user_cmd) say so.
ACCOUNT_COMMENT = "rcm-course hub account"
LOGIN_COLUMNS = ("username", "password", "sign_in_url", "role")


@dataclass
class Demo:
    """A prepared demonstration hub: its settings, course and the sign-in details."""

    settings: HubSettings
    course: Course
    logins: Path
    env: dict[str, str]


# Days from now when each questionnaire opens and closes: the pre-questionnaire is open, the
# post-questionnaire opens later (the demonstration course keeps the 2020 dates otherwise).
DEMO_WINDOWS = {ASSIGNMENTS["pre"]: (-1, 1), ASSIGNMENTS["post"]: (10, 20)}


def prepare_demo(workdir: Path, port: int = 8000, per_country: int = 5,
                 api_port: int | None = None, proxy_api_port: int | None = None,
                 idle_timeout: int = 3600,
                 windows: dict[str, tuple[float, float]] | None = None) -> Demo:
    """A fresh demonstration course and hub state in ``workdir`` (traversable by every account).

    ``windows`` gives each questionnaire's opening and closing day relative to now.
    """
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    workdir.chmod(0o755)
    env = {"RCM_COURSE_DIR": str(workdir / "course"), "RCM_HUB_EXCHANGE": str(workdir / "exchange"),
           "RCM_HUB_STATE": str(workdir / "hub"), "RCM_HUB_PORT": str(port),
           "RCM_HUB_IDLE_TIMEOUT": str(idle_timeout)}
    if api_port:
        env["RCM_HUB_API_PORT"] = str(api_port)
    if proxy_api_port:
        env["RCM_HUB_PROXY_API_PORT"] = str(proxy_api_port)
    settings = HubSettings.from_env(env)
    course = Course.create(settings.course)
    roster = import_lists(write_focal_point_lists(cohort(per_country), workdir / "lists"))
    write_roster(roster.participants, course.roster_file)
    add_to_gradebook(roster.participants, course)
    set_windows(course, windows or DEMO_WINDOWS)
    course = prepare(settings)  # the exchange, as the hub makes it
    for assignment in ASSIGNMENTS.values():
        release(course, assignment)
    issued = issue(course, roster.participants, instructors=[INSTRUCTOR_NAME])
    logins = workdir / "logins.csv"
    write_rows(logins, LOGIN_COLUMNS,
               [[c.account.username, c.password, sign_in_url(settings.public_url, c.account.username),
                 c.account.role] for c in sorted(issued, key=lambda c: (c.account.role != INSTRUCTOR,
                                                                         c.account.username))])
    logins.chmod(0o600)
    hand_course_to_instructor(course)
    clear_demo_homes([c.account.username for c in issued])
    return Demo(settings, course, logins, env)


def set_windows(course: Course, days: dict[str, tuple[float, float]]) -> None:
    """Rewrite the course's questionnaire windows to open and close ``days`` from now."""
    raw = yaml.safe_load(course.completion_file.read_text(encoding="utf-8"))
    now = dt.datetime.now(ZoneInfo(raw["timezone"])).replace(tzinfo=None, second=0, microsecond=0)
    raw["questionnaires"] = {a: {"opens": f"{now + dt.timedelta(days=o):%Y-%m-%d %H:%M}",
                                 "closes": f"{now + dt.timedelta(days=c):%Y-%m-%d %H:%M}"}
                             for a, (o, c) in days.items()}
    course.completion_file.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    course.__dict__.pop("completion", None)  # read the new windows


def clear_demo_homes(usernames: list[str]) -> None:
    """Forget an earlier demo run's answers: empty the homes of the hub's own demo accounts.

    Only accounts JupyterHub made for the hub (their comment says so) are touched.
    """
    for name in usernames:
        try:
            account = pwd.getpwnam(name)
        except KeyError:
            continue
        if account.pw_gecos != ACCOUNT_COMMENT:
            continue
        for path in Path(account.pw_dir).iterdir() if Path(account.pw_dir).is_dir() else ():
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


def hand_course_to_instructor(course: Course) -> None:
    """The instructor's unix account owns the course folder, so formgrader can grade in it."""
    ensure_unix_account(INSTRUCTOR_NAME)
    account = pwd.getpwnam(INSTRUCTOR_NAME)
    for path in [course.root, *course.root.rglob("*")]:
        os.chown(path, account.pw_uid, account.pw_gid, follow_symlinks=False)
    course.root.chmod(0o700)


def ensure_unix_account(name: str) -> None:
    """The unix account JupyterHub would make for ``name`` (same command), made now."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/usr/sbin/nologin",
                        "--comment", ACCOUNT_COMMENT, "-K", "HOME_MODE=0700", name], check=True)


def jupyterhub_command() -> list[str]:
    """How the hub is started (the venv's JupyterHub with the course's one config file)."""
    return [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(CONFIG)]


def free_ports(n: int) -> list[int]:
    """``n`` TCP ports free on 127.0.0.1 now (for a hub that must not meet another)."""
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class HubProcess:
    """A prepared demo hub run in the background (the tests and ``tools/bench_hub.py``).

    It can be stopped and started again on the same state, as a restart of the hub would.
    """

    def __init__(self, demo: Demo, workdir: Path) -> None:
        self.demo, self.workdir, self.proc = demo, workdir, None
        self.log = workdir / "hub.log"

    def start(self, timeout: float = 60) -> None:
        """Start JupyterHub and wait until its sign-in page answers."""
        with self.log.open("a") as log:
            self.proc = subprocess.Popen(jupyterhub_command(), env={**os.environ, **self.demo.env},
                                         cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{self.demo.settings.public_url}/hub/login", timeout=2)
                return
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.proc.kill()
                    raise RuntimeError("the hub did not start:\n"
                                       + self.log.read_text(encoding="utf-8")[-3000:]) from None
                time.sleep(0.5)

    def stop(self) -> None:
        """Stop the hub as Ctrl+C would (it stops the servers and the proxy it started)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    """Prepare the demonstration hub, then run it in the foreground (Ctrl+C stops it)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workdir", type=Path, default=REPO / "_build" / "hub-demo")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("make hub-demo runs as root: each participant is a unix account of their own.")
        return 2
    demo = prepare_demo(args.workdir.resolve(), args.port)
    rows = demo.logins.read_text(encoding="utf-8").splitlines()
    print(f"Sign-in details ({len(rows) - 1} accounts): {demo.logins}")
    print(f"  instructor:  {rows[1]}\n  participant: {rows[2]}")
    print(f"Hub: {demo.settings.public_url}  (Ctrl+C stops it)")
    os.execve(jupyterhub_command()[0], jupyterhub_command(), {**os.environ, **demo.env})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
