"""The kernel nbgrader grades with runs in a bubblewrap sandbox, as nobody, with nothing to see.

Why, when the participant's code is never run (:mod:`migration_course.grading.intake`): the
graded notebook still parses a file the participant wrote, and defence in depth costs little.
The kernel of every graded notebook is started through this module, which replaces itself with
``bwrap`` so that the kernel:

- runs as an unprivileged user (65534) in new user, PID, IPC, UTS and network namespaces (no
  network at all; it talks to nbgrader over Unix sockets, ZeroMQ's ``ipc`` transport);
- sees only the system's read-only programs, the Python installation and the virtual
  environment, its own working folder (the one submission nbgrader is grading) and a private
  runtime folder; not the course folder, its bank, roster or gradebook, nor other submissions;
- has CPU-time, memory and process limits, and dies with everything it started when nbgrader
  stops it (``--die-with-parent`` and its own PID namespace).

Set ``RCM_GRADING_SANDBOX=off`` only on a machine without bubblewrap (it is a Debian package,
``bubblewrap``, which ``make test`` installs); grading then warns on every run.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from migration_course.core.errors import CourseError

KERNEL_NAME = "rcm-sandbox"
SWITCH = "RCM_GRADING_SANDBOX"
# Read by the questionnaire's form (form_runtime.py): while grading it draws no widgets.
GRADING_FLAG = "RCM_GRADING"
NOBODY = "65534"
LIMITS = {  # per kernel: generous for a questionnaire, fatal for a runaway
    resource.RLIMIT_CPU: 300,
    resource.RLIMIT_AS: 2 * 1024**3,
    resource.RLIMIT_NPROC: 256,
    resource.RLIMIT_FSIZE: 200 * 1024**2,
}


def enabled() -> bool:
    """False only when the instructor switched the sandbox off explicitly."""
    return os.environ.get(SWITCH, "on").lower() not in ("off", "0", "no")


def check_available() -> None:
    """Fail with what to install when bubblewrap cannot start a sandbox here."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise CourseError("grading runs each notebook in a bubblewrap sandbox, and `bwrap` is not "
                          "installed: `sudo apt-get install bubblewrap` (or, on a machine "
                          f"without it, set {SWITCH}=off to grade unsandboxed)")
    probe = subprocess.run([*bwrap_prefix(Path("/"), Path(tempfile.gettempdir())), "true"],
                           capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        raise CourseError(f"bubblewrap cannot create a sandbox here ({probe.stderr.strip()}); "
                          f"allow user namespaces, or set {SWITCH}=off to grade unsandboxed")


@contextmanager
def grading_sandbox() -> Iterator[tuple[dict[str, object], dict[str, str]]]:
    """(nbgrader settings, environment) for one grading process; nothing when switched off."""
    if not enabled():
        print(f"WARNING: {SWITCH}=off: notebooks are graded WITHOUT the sandbox",
              file=sys.stderr)
        yield {}, {GRADING_FLAG: "1"}  # the form stays headless, as in the sandbox
        return
    check_available()
    with tempfile.TemporaryDirectory(prefix="rcm-sandbox-") as tmp:
        yield prepare(Path(tmp))


def prepare(workdir: Path) -> tuple[dict[str, object], dict[str, str]]:
    """(nbgrader settings, environment) for worker processes that grade in the sandbox.

    Writes the kernel specification into ``workdir`` and gives the workers a private runtime
    folder, so a kernel can never read another kernel's connection file.
    """
    spec = Path(workdir) / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "migration_course.grading.sandbox", "{connection_file}"],
        "display_name": "Python 3 (grading sandbox)", "language": "python",
    }), encoding="utf-8")
    runtime = Path(workdir) / "runtime"
    runtime.mkdir(exist_ok=True)
    # ipc sockets are files named after ``ip``: an absolute path inside the private runtime
    # folder, so nbgrader and the kernel (each in its own working folder) find the same ones.
    settings: dict[str, object] = {"Execute.kernel_name": KERNEL_NAME,
                                   "KernelManager.transport": "ipc",
                                   "KernelManager.ip": str(runtime / "kernel")}
    env = {"JUPYTER_PATH": str(workdir), "JUPYTER_RUNTIME_DIR": str(runtime)}
    return settings, env


def _python_roots() -> list[str]:
    """The folders a kernel needs to import Python and ipykernel, read-only."""
    roots = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent.parent}
    return sorted(str(p) for p in roots if p.exists())


def bwrap_prefix(workdir: Path, runtime: Path) -> list[str]:
    """The ``bwrap`` command line up to the program it runs."""
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
           "--uid", NOBODY, "--gid", NOBODY, "--hostname", "sandbox",
           "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--clearenv",
           "--setenv", "HOME", "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
           "--setenv", "PYTHONNOUSERSITE", "1", "--setenv", GRADING_FLAG, "1"]
    for system in ("/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc/alternatives",
                   "/etc/ld.so.cache", "/etc/localtime", "/etc/ssl"):
        cmd += ["--ro-bind-try", system, system]
    for root in _python_roots():
        cmd += ["--ro-bind", root, root]
    cmd += ["--bind", str(runtime), str(runtime)]
    if str(workdir) != "/":
        cmd += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir)]
    return [*cmd, "--remount-ro", "/"]  # the sandbox's own root: nothing to write there either


def main(argv: list[str]) -> None:
    """Kernel launcher: limits, then ``bwrap … python -m ipykernel_launcher -f FILE``."""
    runtime = Path(os.environ["JUPYTER_RUNTIME_DIR"]).resolve()
    # nbgrader may write the connection file anywhere (often the shared /tmp): the kernel
    # reads a copy in the private runtime folder, the only writable place it shares.
    connection_file = runtime / Path(argv[1]).name
    shutil.copyfile(argv[1], connection_file)
    for limit, value in LIMITS.items():
        resource.setrlimit(limit, (value, value))
    cmd = [*bwrap_prefix(Path.cwd(), runtime), sys.executable, "-m",
           "ipykernel_launcher", "-f", str(connection_file),
           "--HistoryManager.enabled=False"]  # nothing to recall: no history database to write
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    main(sys.argv)
