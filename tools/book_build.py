"""Build the book the way CI does: from a clean copy of the checkout, with the strict flags.

Shared by the test suite and ``make bench`` so both measure the same build a fresh clone gets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD_FLAGS = ("-W", "-n", "--keep-going")


def checkout_files(repo: Path = REPO) -> list[str]:
    """Paths a clean clone would have, plus new files not ignored (so uncommitted work counts)."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=repo,
                         capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines()
            if line and ((repo / line).is_file() or (repo / line).is_symlink())]


def clean_copy(dest: Path, repo: Path = REPO) -> Path:
    """Copy the checkout's files into ``dest``: no ``_build``, no ``.venv``, no caches."""
    for rel in checkout_files(repo):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if (repo / rel).is_symlink():  # es/book/images -> ../../book/images, as git checks it out
            os.symlink(os.readlink(repo / rel), target)
        else:
            shutil.copy2(repo / rel, target)
    return dest


def build_book(source: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run the same strict build as ``make book`` on ``source`` and return the finished process."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    env = {**os.environ, "PLOTLY_RENDERER": "plotly_mimetype"}
    return subprocess.run([str(jupyter_book), "build", str(source), *BUILD_FLAGS, *extra],
                          capture_output=True, text=True, env=env)


def build_site(source: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Build both editions of the book in ``source`` as ``make book`` does (tools.build_editions)."""
    env = {**os.environ, "PLOTLY_RENDERER": "plotly_mimetype"}
    return subprocess.run([sys.executable, "-m", "tools.build_editions", *extra], cwd=source,
                          capture_output=True, text=True, env=env)
