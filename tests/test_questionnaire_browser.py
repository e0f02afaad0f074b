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

from tools.demo_course import SOURCE_DIR

pass

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
    yield f"http://127.0.0.1:{port}/{path}/{A}.ipynb?token={TOKEN}", tmp_path
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_click_an_answer_and_it_is_saved_beside_the_notebook(jupyter, page):
    """`page` is the shared Chromium fixture of conftest.py."""
    url, folder = jupyter
    page.goto(url)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    radios = page.locator(".widget-radio-box")
    for _attempt in range(3):  # the kernel may still be starting: run all again if needed
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and radios.count() < 28:  # 26 questions, 2 ratings
            page.wait_for_timeout(500)
        if radios.count() == 28:
            break
    assert radios.count() == 28
    radios.first.locator("label").nth(2).click()   # option C of question 1
    saved = folder / f"{A}_answers.json"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not saved.exists():
        time.sleep(0.3)
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"] == {"K-M1-01": "C"}
    assert page.get_by_text("Saved: C").count() == 1
