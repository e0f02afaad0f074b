"""The released questionnaire in a real JupyterLab and Notebook 7: click -> answer saved.

Drives Debian's Chromium (conftest's ``page``) against a local Jupyter server started on a
temporary copy of the participant (release) version of the notebook.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import nbformat
import pytest

from tools.demo_course import SOURCE_DIR, demo_bank

pytestmark = pytest.mark.browser
A = "pre_questionnaire"
TOKEN = "rcm-test-token"


def _release_copy(folder: Path) -> Path:
    from nbgrader.preprocessors import ClearHiddenTests

    nb = nbformat.read(SOURCE_DIR / A / f"{A}.ipynb", as_version=4)
    nb, _ = ClearHiddenTests().preprocess(nb, {})
    path = folder / f"{A}.ipynb"
    nbformat.write(nb, path)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(params=["lab", "notebook"])
def jupyter(request, tmp_path):
    _release_copy(tmp_path)
    port = _free_port()
    app = "jupyterlab" if request.param == "lab" else "notebook"
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", app, "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={tmp_path}",
         "--allow-root"],
        stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            urlopen(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("Jupyter did not start:\n" + (tmp_path / "server.log").read_text()[-2000:])
    path = "lab/tree" if request.param == "lab" else "notebooks"
    yield f"http://127.0.0.1:{port}", f"{path}/{A}.ipynb?token={TOKEN}", tmp_path
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def wait_for_idle_kernel(base: str, timeout: float = 120) -> None:
    """Until the notebook's kernel has started and is idle (the server's sessions API).

    Running all cells before that is what made this test flaky: the cells were queued to a
    kernel still starting, and a second "Run All" then doubled the widgets.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urlopen(f"{base}/api/sessions?token={TOKEN}", timeout=5) as response:
            sessions = json.load(response)
        if any(s["path"].endswith(f"{A}.ipynb") and s["kernel"]["execution_state"] == "idle"
               for s in sessions):
            return
        time.sleep(0.5)
    pytest.fail(f"the kernel of {A}.ipynb was not idle after {timeout:.0f} s")


def test_click_an_answer_and_it_is_saved_beside_the_notebook(jupyter, page):
    """`page` is the shared Chromium fixture of conftest.py."""
    base, path, folder = jupyter
    kinds = demo_bank().kinds("pre")
    expected = sum(kind in ("choice", "likert") for kind in kinds.values())  # one radio box each
    page.goto(f"{base}/{path}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    wait_for_idle_kernel(base)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_function("n => document.querySelectorAll('.widget-radio-box').length >= n",
                           arg=expected, timeout=120_000)
    radios = page.locator(".widget-radio-box")
    assert radios.count() == expected
    radios.first.locator("label").nth(2).click()   # option C of question 1
    saved = folder / f"{A}_answers.json"
    page.wait_for_selector("text=Saved: C", timeout=30_000)
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"] == {"K-M1-01": "C"}
    assert page.get_by_text("Saved: C").count() == 1
