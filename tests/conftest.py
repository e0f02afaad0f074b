"""Shared fixtures: the site built once from a clean copy, a loopback server, and Chromium.

The site is built from a copy of the files git would check out (tracked plus new, unignored
files), never from the working tree's ``_build/``, so a stale local build can't make a test
pass. Browser tests drive Debian's Chromium through Playwright (``make test`` installs it).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.book_build import build_site, clean_copy

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean copy of the repository with both editions built into ``_build/html`` (es/ inside)."""
    source = clean_copy(tmp_path_factory.mktemp("checkout"))
    result = build_site(source)
    if result.returncode != 0:
        pytest.fail(f"strict book build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return source


@pytest.fixture(scope="session")
def site(built_book: Path) -> Path:
    """The built static site."""
    return built_book / "_build" / "html"


@pytest.fixture(scope="session")
def html_pages(site: Path) -> list[Path]:
    """Every HTML page of the site (the redirecting root index included)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """Serve the site on 127.0.0.1 (an ephemeral port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (it cannot download its own browser here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (installs it when root) "
                    "or `sudo apt-get install chromium`, or set CHROMIUM=/path/to/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page with a desktop-sized viewport."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
