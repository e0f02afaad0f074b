"""The course's own plotly.js: only the trace types its charts draw, built from the npm registry.

Why: the full plotly.js (4.8 MB, 1.4 MB gzipped) is three quarters of what a module page costs
a reader on a slow link, and the course draws five trace types. ``entry.js`` registers those on
plotly.js's core; esbuild (pinned, like plotly.js, in the root ``package-lock.json``) bundles and
minifies it into ``migration_course/static/plotly-rcm.min.js``, with plotly.js's licence header on
top and every bundled package's licence in ``plotly-rcm.LICENSES.txt`` beside it.

The built file is committed (see the README, "plotly.js bundle"): a clone builds the book without
Node. Its header records a digest of everything the build reads (lock file, entry, esbuild
options), so a test and ``make book`` can tell, without Node, whether it is stale.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENTRY = Path(__file__).resolve().parent / "entry.js"
LOCK_FILE = REPO / "package-lock.json"
BUNDLE = REPO / "migration_course" / "static" / "plotly-rcm.min.js"
LICENSES = BUNDLE.with_name("plotly-rcm.LICENSES.txt")
STAND_IN_DIR = Path(__file__).resolve().parent / "stand_ins"
NODE_MODULES = REPO / "node_modules"
PLOTLY_PACKAGE = NODE_MODULES / "plotly.js"

# What plotly.js's own build sets (its esbuild-config.js), less what only other traces need;
# `.css=empty` drops the map traces' maplibre stylesheet, which registry.js requires statically.
ESBUILD_OPTIONS = (
    "--bundle", "--minify", "--format=iife", "--global-name=Plotly", "--target=es2016",
    "--define:global=window", "--define:define.amd=false", "--alias:stream=stream-browserify",
    "--loader:.css=empty", "--legal-comments=none", "--charset=utf8",
)
# npm packages replaced in the bundle by a file of stand_ins/: three the course's charts never
# reach (a few lines each) and culori with only the colour spaces plotly.js converts to. Together
# 180 KB minified, 67 KB gzipped, off every chart page's first visit. Why each is safe is in its file;
# tests/test_plotly_bundle.py checks the charts stay inside what the stand-ins allow.
STAND_INS = ("country-iso-search", "culori", "d3-geo-projection", "polybooljs")
# The map projections plotly.js finds in d3-geo itself (so without d3-geo-projection): its
# `projNames` whose d3 function d3-geo 1.12 exports.
D3_GEO_PROJECTIONS = frozenset({
    "albers usa", "albers", "azimuthal equal area", "azimuthal equidistant", "conic conformal",
    "conic equal area", "conic equidistant", "equal earth", "equirectangular", "gnomonic",
    "mercator", "natural earth1", "orthographic", "stereographic", "transverse mercator",
})
# plotly.js's core registers these components; the course's charts use none of them (no error
# bars, layout images, range slider or selector, 3D scenes), so the bundle's core is plotly.js's
# own src/core.js with their lines taken out, written at build time (:func:`write_core`).
# tests/test_plotly_bundle.py fails if a chart starts to use one.
DROPPED_COMPONENTS = ("annotations3d", "errorbars", "images", "rangeselector", "rangeslider")
CORE_FILE = "rcm-core.js"  # beside plotly.js's src/core.js, whose relative requires it keeps
# The only choropleth location mode that needs no country-iso-search (plotly.js's default).
LOCATION_MODES = frozenset({"ISO-3"})
CORE_TRACES = ("scatter",)  # plotly.js/lib/core registers scatter itself
NOT_TRACES = {"core", "locales"}
REQUIRE = re.compile(r"require\('plotly\.js/lib/([a-z0-9/-]+)'\)")
DIGEST_LINE = re.compile(r"^\* inputs sha256: ([0-9a-f]{64})$", re.MULTILINE)


class BundleError(RuntimeError):
    """The bundle cannot be built here; the message says what to install or run."""


def entry_traces(entry: Path = ENTRY) -> list[str]:
    """The trace types the entry file registers, core's scatter included, in its order."""
    modules = REQUIRE.findall(entry.read_text(encoding="utf-8"))
    return [*CORE_TRACES, *(m for m in modules if m.split("/")[0] not in NOT_TRACES)]


def stand_in_file(package: str) -> Path:
    """The file that replaces ``package`` in the bundle."""
    return STAND_IN_DIR / f"{package}.js"


def alias_options() -> list[str]:
    """The ``--alias`` option of esbuild for every stand-in, relative to the repository (where it runs)."""
    return [f"--alias:{package}=./{stand_in_file(package).relative_to(REPO).as_posix()}"
            for package in STAND_INS]


def inputs_digest() -> str:
    """A digest of what decides the bundle's bytes: lock file, entry, stand-ins, esbuild options."""
    digest = hashlib.sha256()
    stand_ins = [stand_in_file(package).read_bytes() for package in STAND_INS]
    options = json.dumps([*ESBUILD_OPTIONS, *alias_options(), *DROPPED_COMPONENTS]).encode()
    for part in (LOCK_FILE.read_bytes(), ENTRY.read_bytes(), *stand_ins, options):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def recorded_digest(bundle: Path = BUNDLE) -> str | None:
    """The inputs digest written in a built bundle's header, or None (missing, foreign file)."""
    if not bundle.exists():
        return None
    with bundle.open(encoding="utf-8") as handle:
        match = DIGEST_LINE.search(handle.read(2000))
    return match.group(1) if match else None


def is_current(bundle: Path = BUNDLE) -> bool:
    """True when ``bundle`` was built from the inputs as they are now."""
    return recorded_digest(bundle) == inputs_digest()


def _locked_version(package: str) -> str:
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{package}"]["version"]


def banner(digest: str) -> str:
    """plotly.js's own licence header, then what this bundle holds and what it was built from."""
    header = (PLOTLY_PACKAGE / "dist" / "plotly.js").read_text(encoding="utf-8").split("*/", 1)[0]
    lines = header.rstrip().splitlines()
    return "\n".join([
        *lines,
        f"* Course bundle of the RCM Migration Policy Training: traces {', '.join(entry_traces())}",
        f"* built by tools/plotly_bundle with esbuild {_locked_version('esbuild')}; "
        f"bundled packages' licences: {LICENSES.name}; replaced by stand-ins: {', '.join(STAND_INS)}",
        f"* inputs sha256: {digest}",
        "*/",
    ])


def _run(command: list[str]) -> None:
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        raise BundleError(f"`{' '.join(command)}` failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def install_packages() -> None:
    """``npm ci``: exactly the lock file's versions into ``node_modules/`` (no install scripts)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise BundleError("Building the plotly.js bundle needs Node.js and npm: "
                          "`sudo apt-get install nodejs npm` (or `make node-deps` as root).")
    _run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"])


def _package_of(input_path: str) -> Path | None:
    """The package folder under node_modules/ that a bundled source file belongs to."""
    parts = Path(input_path).parts
    if "node_modules" not in parts:
        return None
    index = len(parts) - 1 - parts[::-1].index("node_modules")
    name_parts = 2 if parts[index + 1].startswith("@") else 1
    return REPO.joinpath(*parts[:index + 1 + name_parts])


def _licence_text(package: Path) -> str:
    for candidate in sorted(package.iterdir()):
        if candidate.name.lower().startswith(("license", "licence", "copying")) and candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace").strip()
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    return f"(no licence file in the package; package.json says: {meta.get('license', 'unknown')})"


def write_licences(metafile: Path, target: Path = LICENSES) -> None:
    """Every npm package with code in the bundle: name, version, licence and its full text."""
    inputs = json.loads(metafile.read_text(encoding="utf-8"))["inputs"]
    packages = sorted({p for p in map(_package_of, inputs) if p is not None},
                      key=lambda p: p.relative_to(NODE_MODULES).as_posix())
    sections = [f"Licences of the npm packages bundled into {BUNDLE.name} "
                "(written by tools/plotly_bundle from esbuild's metafile).\n"]
    for package in packages:
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        sections.append(f"{'=' * 78}\n{meta['name']} {meta['version']} ({meta.get('license', 'unknown')})"
                        f"\n{'=' * 78}\n{_licence_text(package)}\n")
    target.write_text("\n".join(sections), encoding="utf-8")


def write_core() -> Path:
    """plotly.js's ``src/core.js`` without :data:`DROPPED_COMPONENTS`, as ``src/rcm-core.js``.

    Generated from the installed plotly.js rather than copied into the repository, so that an
    upgrade keeps everything else its core does; a line that is no longer there stops the build.
    """
    core = PLOTLY_PACKAGE / "src" / "core.js"
    text = core.read_text(encoding="utf-8")
    for component in DROPPED_COMPONENTS:
        line = f"    require('./components/{component}'),\n"
        if line not in text:
            raise BundleError(f"{core} no longer registers `{component}` as tools/plotly_bundle "
                              "expects: update DROPPED_COMPONENTS for this plotly.js version.")
        text = text.replace(line, "")
    target = core.with_name(CORE_FILE)
    target.write_text(text, encoding="utf-8")
    return target


def build() -> Path:
    """Install the pinned packages, bundle ``entry.js``, write the licences; return the bundle."""
    install_packages()
    write_core()
    digest = inputs_digest()
    metafile = NODE_MODULES / ".rcm-plotly-meta.json"
    esbuild = NODE_MODULES / ".bin" / "esbuild"
    _run([str(esbuild), str(ENTRY.relative_to(REPO)), *ESBUILD_OPTIONS, *alias_options(),
          f"--banner:js={banner(digest)}", f"--metafile={metafile}", f"--outfile={BUNDLE}",
          "--log-level=warning"])
    write_licences(metafile)
    return BUNDLE
