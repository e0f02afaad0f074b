"""Build both editions of the book, at the same time, into one site: English at ``/``, Spanish at ``/es/``.

Why a script and not two lines of the Makefile: the two builds are independent Sphinx projects
(``_config.yml`` and ``es/_config.yml``), each executing its notebooks in kernels of its own, so
on two cores they run side by side; their logs are kept apart (``_build/logs/<edition>.log``,
the failing one is printed); and the Spanish site is copied into ``_build/html/es/`` only when both
succeeded, so a failed build never leaves a half-updated site. ``--all`` rebuilds every page
(after a change to ``migration_course/``, which the execution cache does not see).

    python -m tools.build_editions [--all] [--only en|es]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tools.book_build import BUILD_FLAGS

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
SITE = BUILD / "html"


@dataclass(frozen=True)
class Edition:
    """One book: its source folder, where Jupyter Book writes it, where it goes in the site."""

    language: str
    source: Path
    output: Path  # Jupyter Book's --path-output: the site lands in <output>/_build/html
    site: Path  # where the edition is published inside _build/html

    @property
    def built(self) -> Path:
        return self.output / "_build" / "html" if self.output != ROOT else SITE


EDITIONS = (Edition("en", ROOT, ROOT, SITE), Edition("es", ROOT / "es", BUILD / "es", SITE / "es"))


def command(edition: Edition, rebuild_all: bool) -> list[str]:
    """The ``jupyter-book build`` command of one edition."""
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(edition.source), *BUILD_FLAGS]
    if edition.output != ROOT:
        cmd += ["--path-output", str(edition.output)]
    return cmd + (["--all"] if rebuild_all else [])


def build(editions: list[Edition], rebuild_all: bool) -> dict[str, float]:
    """Run the builds side by side; return each one's seconds; exit with the log of a failure."""
    logs = BUILD / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    if rebuild_all:
        for edition in editions:
            shutil.rmtree(edition.output / "_build" / ".jupyter_cache", ignore_errors=True)
    started, running = time.perf_counter(), {}
    for edition in editions:
        log = (logs / f"{edition.language}.log").open("w", encoding="utf-8")
        running[edition.language] = (subprocess.Popen(command(edition, rebuild_all), cwd=ROOT,
                                                      stdout=log, stderr=subprocess.STDOUT,
                                                      env=os.environ.copy()), log)
    seconds, failed = {}, []
    for language, (process, log) in running.items():
        code = process.wait()
        log.close()
        seconds[language] = time.perf_counter() - started
        print(f"{language}: {'built' if code == 0 else 'FAILED'} in {seconds[language]:.0f} s "
              f"(log: {Path(log.name).relative_to(ROOT)})")
        if code:
            failed.append(Path(log.name))
    for log in failed:
        print(f"\n===== {log.name} =====\n" + log.read_text(encoding="utf-8")[-20000:])
    if failed:
        sys.exit(1)
    return seconds


def publish(edition: Edition) -> None:
    """Copy a translated edition into its folder of the site (English is built in place)."""
    if edition.site == SITE:
        return
    shutil.rmtree(edition.site, ignore_errors=True)
    shutil.copytree(edition.built, edition.site)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="rebuild every page (drop the caches)")
    parser.add_argument("--only", choices=[e.language for e in EDITIONS], help="one edition only")
    args = parser.parse_args(argv)
    editions = [e for e in EDITIONS if args.only in (None, e.language)]
    build(editions, args.all)
    for edition in editions:
        publish(edition)
    print(f"site: {SITE.relative_to(ROOT)}/ (" + ", ".join(
        f"{e.language} at /{e.site.relative_to(SITE)}" for e in editions).replace("/.", "/") + ")")


if __name__ == "__main__":
    main()
