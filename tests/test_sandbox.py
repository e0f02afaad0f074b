"""The grading kernel's sandbox: nobody, no network, no course files, nothing left running."""

from __future__ import annotations

import json
import os
import socket
import threading
import time

import pytest
from jupyter_client import KernelManager

from migration_course.grading.sandbox import check_available, prepare
from tools.demo_course import BANK_FILE

pytestmark = pytest.mark.grading

PROBE = """
import os, socket, subprocess, sys, json
out = {"uid": os.getuid(), "cwd": os.getcwd()}
for name, path in {"bank": %(bank)r, "home": os.path.expanduser("~root/.bashrc"),
                   "passwd_shadow": "/etc/shadow"}.items():
    try:
        open(path).read(1); out[name] = "read"
    except OSError as exc:
        out[name] = type(exc).__name__
try:
    socket.create_connection(("127.0.0.1", %(port)d), timeout=3); out["net"] = "connected"
except OSError as exc:
    out["net"] = type(exc).__name__
try:
    open("/work-outside.txt", "w"); out["write_root"] = "wrote"
except OSError as exc:
    out["write_root"] = type(exc).__name__
open("inside.txt", "w").write("ok")
out["child"] = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"]).pid
print(json.dumps(out))
"""


def test_a_sandboxed_kernel_sees_and_reaches_nothing_of_the_instructor(tmp_path, monkeypatch):
    check_available()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    threading.Thread(target=lambda: server.accept(), daemon=True).start()
    settings, env = prepare(tmp_path / "sandbox")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    work = tmp_path / "submission"
    work.mkdir()
    monkeypatch.chdir(work)
    km = KernelManager(kernel_name=settings["Execute.kernel_name"], transport="ipc",
                       ip=settings["KernelManager.ip"])
    km.start_kernel(cwd=str(work))
    kc = km.client()
    kc.start_channels()
    lines: list[str] = []
    try:
        kc.wait_for_ready(timeout=60)
        kc.execute_interactive(PROBE % {"bank": str(BANK_FILE), "port": port}, timeout=60,
                               output_hook=lambda msg: lines.append(msg["content"].get("text", "")))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        server.close()
    seen = json.loads("".join(lines))
    assert seen["uid"] == 65534
    assert seen["bank"] == "FileNotFoundError"       # the course folder is not there at all
    assert seen["passwd_shadow"] in ("FileNotFoundError", "PermissionError")
    assert seen["home"] in ("FileNotFoundError", "PermissionError")
    assert seen["net"] != "connected"                 # no network, not even loopback
    assert seen["write_root"] != "wrote" and not os.path.exists("/work-outside.txt")
    assert (work / "inside.txt").read_text() == "ok"  # its own folder is writable
    time.sleep(1)
    cmdlines = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdlines.append(open(f"/proc/{pid}/cmdline", "rb").read())
        except OSError:
            pass
    assert not [c for c in cmdlines if b"time.sleep(300)" in c]  # killed with the kernel
