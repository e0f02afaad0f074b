"""The strict book build: every page is built, and failures cannot pass silently."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tools.book_build import REPO, build_book

pytestmark = pytest.mark.build

NOTEBOOK_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def toc_files(toc: dict) -> list[str]:
    """Every ``file:`` in a Jupyter Book toc, root first."""
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))
            walk(entry.get("chapters", []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return files


def test_every_toc_page_is_built(site):
    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    for doc in toc_files(toc):
        assert (site / f"{doc}.html").is_file(), f"{doc} missing from the site"


def test_chart_pages_were_executed_with_a_kernel(site):
    page = (site / "book" / "region-at-a-glance.html").read_text()
    assert 'class="rcm-plotly"' in page
    assert "61,117,142" in page  # glued from the executed notebook


def mini_book(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A book with the project's own, unchanged _config.yml and the given pages (root first)."""
    book = tmp_path / "book"
    book.mkdir()
    shutil.copy(REPO / "_config.yml", book / "_config.yml")
    config = yaml.safe_load((REPO / "_config.yml").read_text())
    for referenced in [*config.get("bibtex_bibfiles", []), config["html"].get("favicon")]:
        if referenced:
            (book / referenced).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / referenced, book / referenced)
    names = list(pages)
    toc = {"format": "jb-book", "root": names[0]}
    if names[1:]:
        toc["chapters"] = [{"file": name} for name in names[1:]]
    (book / "_toc.yml").write_text(yaml.safe_dump(toc))
    for name, text in pages.items():
        (book / f"{name}.md").write_text(text)
    return book


def test_a_notebook_that_fails_to_execute_fails_the_build(tmp_path):
    broken = NOTEBOOK_HEADER + "# Broken\n\n```{code-cell} ipython3\n1 / 0\n```\n"
    book = mini_book(tmp_path, {"index": "# Home\n", "broken": broken})
    result = build_book(book)
    assert result.returncode != 0
    assert "ZeroDivisionError" in result.stdout + result.stderr


def test_a_missing_import_fails_the_build(tmp_path):
    broken = NOTEBOOK_HEADER + "# Charts\n\n```{code-cell} ipython3\nimport rcm_helpers_not_installed\n```\n"
    book = mini_book(tmp_path, {"index": "# Home\n", "charts": broken})
    result = build_book(book)
    assert result.returncode != 0
    assert "rcm_helpers_not_installed" in result.stdout + result.stderr


def test_a_broken_reference_fails_the_build(tmp_path):
    book = mini_book(tmp_path, {"index": "# Home\n\nSee {doc}`no-such-page`.\n"})
    result = build_book(book)
    assert result.returncode != 0
    assert "no-such-page" in result.stdout + result.stderr


def test_any_plotly_figure_renders_statically(tmp_path):
    plain = NOTEBOOK_HEADER + (
        "# Plain figure\n\n```{code-cell} ipython3\nimport plotly.graph_objects as go\n"
        "go.Figure(go.Bar(x=['a', 'b'], y=[1, 2]), layout_title_text='Plain')\n```\n")
    book = mini_book(tmp_path, {"index": "# Home\n", "plain": plain})
    result = build_book(book)
    assert result.returncode == 0, result.stdout[-3000:]
    html = (book / "_build" / "html" / "plain.html").read_text()
    assert 'class="rcm-plotly"' in html and "_static/rcm/plotly-rcm.min.js" in html
    shutil.rmtree(book / "_build")
