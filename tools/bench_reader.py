"""What a reader on a slow link waits for: bytes, first text and first chart, cold and warm.

Why a browser and not file sizes: what a participant waits for depends on gzip, on the order
in which the page asks for its assets, on fonts the CSS pulls in and on the time plotly.js takes
to draw. This serves a built ``_build/html`` the way GitHub Pages does (gzip for text types,
``Cache-Control: max-age=600``), opens each page in Debian's Chromium with a link emulated through
the DevTools protocol, first with an empty cache (cold), then again in the same browser context
(warm), and reports per page: bytes transferred, first contentful paint, first chart drawn,
the slowest chart and the largest assets, each against the budgets of issue 13.

The figures are printed, not asserted in tests: timings on a shared machine vary from run to
run. Only the byte budget (deterministic) is returned as a breach. Run on its own with
``python -m tools.bench_reader [--site _build/html] [--all]``; ``make bench`` calls it.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SITE = Path(__file__).resolve().parent.parent / "_build" / "html"
# One module page, the region page (one chart, the map's neighbours), a page with no chart.
REPRESENTATIVE_PAGES = ("modules/module-1.html", "book/region-at-a-glance.html", "book/intro.html",
                        # the Spanish edition meets the same budgets
                        "es/modules/module-1.html", "es/book/intro.html")
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml")
CHART_SELECTOR = ".rcm-plotly"
KB = 1024


@dataclass(frozen=True)
class Link:
    """An emulated connection and the budgets the issue sets on it."""

    name: str
    kbps: int
    latency_ms: int
    first_text_budget_s: float
    first_chart_budget_s: float

    @property
    def bytes_per_second(self) -> float:
        """Chromium's throttling takes bytes per second."""
        return self.kbps * 1000 / 8


LINKS = (
    Link("1.5 Mbps / 300 ms", 1500, 300, first_text_budget_s=2.5, first_chart_budget_s=5.0),
    Link("500 kbps / 600 ms", 500, 600, first_text_budget_s=4.0, first_chart_budget_s=12.0),
)
NO_CHART_PAGE_BUDGET_BYTES = 250 * KB  # first visit of a page without charts, any link


@dataclass
class Visit:
    """One page load: what crossed the wire and when the reader saw text and charts."""

    page: str
    link: str
    cache: str  # "cold" (empty cache) or "warm" (second visit, same browser)
    bytes: int
    requests: int
    first_text_s: float | None
    first_chart_s: float | None
    charts: int
    slowest_chart_s: float | None
    largest: list[tuple[str, int]] = field(default_factory=list)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as GitHub Pages sends them: text types gzipped, cached for ten minutes."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the benchmark prints its own table."""

    def end_headers(self) -> None:
        """Every response may be cached for 600 s, as GitHub Pages allows."""
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self) -> object:
        """Gzip text types when the browser accepts it; everything else as the base class does."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or not kind.startswith(GZIP_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object ``SimpleHTTPRequestHandler.do_GET`` copies to the socket."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        self._data = b""


@contextmanager
def serve_gzip(site: Path) -> Iterator[str]:
    """Serve ``site`` on an ephemeral loopback port; yields the base URL."""
    handler = functools.partial(GzipHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# Wraps Plotly.newPlot as soon as plotly.js defines the global, to time every chart's drawing
# (from newPlot to its promise, i.e. plotly_afterplot) against the page's navigation start.
TIMING_SCRIPT = """(() => {
  const rec = window.__rcmBench = {charts: []};
  let real;
  Object.defineProperty(window, 'Plotly', {configurable: true, get() { return real; }, set(v) {
    real = v;
    if (!v || typeof v.newPlot !== 'function' || v.newPlot.__rcmTimed) { return; }
    const newPlot = v.newPlot;
    v.newPlot = function (gd, ...rest) {
      const start = performance.now();
      return newPlot.call(this, gd, ...rest).then((out) => {
        rec.charts.push({start: start, end: performance.now()});
        return out;
      });
    };
    v.newPlot.__rcmTimed = true;
  }});
})();"""

PAINT_AND_CHARTS = """() => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const charts = (window.__rcmBench || {charts: []}).charts;
  return {fcp: fcp ? fcp.startTime : null,
          first: charts.length ? Math.min(...charts.map(c => c.end)) : null,
          slowest: charts.length ? Math.max(...charts.map(c => c.end - c.start)) : null,
          drawn: charts.length};
}"""


def _seconds(ms: float | None) -> float | None:
    return None if ms is None else round(ms / 1000, 2)


def visit(context: object, base: str, page_name: str, link: Link, cache: str) -> Visit:
    """Open a page in ``context`` on ``link``; wait for every chart and for the network to idle."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": link.latency_ms,
        "downloadThroughput": link.bytes_per_second, "uploadThroughput": link.bytes_per_second})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(f"{base}/{page_name}", wait_until="load", timeout=180_000)
    expected = page.locator(CHART_SELECTOR).count()
    if expected:
        page.wait_for_function(f"() => (window.__rcmBench || {{charts: []}}).charts.length >= {expected}",
                               timeout=180_000)
    page.wait_for_load_state("networkidle", timeout=180_000)
    timing = page.evaluate(PAINT_AND_CHARTS)
    largest = sorted(((urls.get(rid, rid).replace(base + "/", "").split("?")[0], size)
                      for rid, size in sizes.items()), key=lambda item: -item[1])[:3]
    page.close()
    return Visit(page=page_name, link=link.name, cache=cache, bytes=sum(sizes.values()),
                 requests=len(sizes), first_text_s=_seconds(timing["fcp"]),
                 first_chart_s=_seconds(timing["first"]), charts=timing["drawn"],
                 slowest_chart_s=_seconds(timing["slowest"]), largest=largest)


def measure(site: Path, pages: list[str], links: tuple[Link, ...] = LINKS) -> list[Visit]:
    """Every page on every link, cold then warm, each page in its own browser context."""
    from playwright.sync_api import sync_playwright

    visits = []
    with serve_gzip(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for link in links:
            for name in pages:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.add_init_script(TIMING_SCRIPT)
                for cache in ("cold", "warm"):
                    visits.append(visit(context, base, name, link, cache))
                context.close()
        browser.close()
    return visits


def _mark(value: float | None, budget: float | None) -> str:
    if value is None or budget is None:
        return ""
    return "ok" if value <= budget else "OVER"


def _fmt(value: float | None, unit: str = " s") -> str:
    return "-" if value is None else f"{value:.2f}{unit}"


def budget_checks(visits: list[Visit]) -> list[tuple[Visit, str, float | None, float | None]]:
    """(visit, what, figure, budget) for every budget the issue sets; cold visits only."""
    links = {link.name: link for link in LINKS}
    checks = []
    for v in visits:
        if v.cache != "cold":
            continue
        link = links[v.link]
        checks.append((v, "first text", v.first_text_s, link.first_text_budget_s))
        if v.charts:
            checks.append((v, "first chart", v.first_chart_s, link.first_chart_budget_s))
        else:
            checks.append((v, "KB", round(v.bytes / KB, 1), NO_CHART_PAGE_BUDGET_BYTES / KB))
    return checks


def byte_breaches(visits: list[Visit]) -> list[str]:
    """The one budget that fails ``make bench``: a page without charts over 250 KB, first visit."""
    return [f"{v.page} ({v.link}, cold): {v.bytes / KB:.0f} KB > {budget:.0f} KB"
            for v, what, figure, budget in budget_checks(visits)
            if what == "KB" and figure is not None and figure > budget]


def report(visits: list[Visit]) -> list[str]:
    """Print the table, the budgets and the largest assets; return the byte budget's breaches."""
    print(f"{'page':<32} {'link':<18} {'cache':<5} {'KB':>7} {'req':>4} "
          f"{'1st text':>9} {'1st chart':>10} {'slowest':>8}")
    for v in visits:
        print(f"{v.page:<32} {v.link:<18} {v.cache:<5} {v.bytes / KB:>7.1f} {v.requests:>4} "
              f"{_fmt(v.first_text_s):>9} {_fmt(v.first_chart_s):>10} {_fmt(v.slowest_chart_s):>8}")
    print("\nBudgets (issue 13), cold visits:")
    for v, what, figure, budget in budget_checks(visits):
        unit = " KB" if what == "KB" else " s"
        print(f"  {_mark(figure, budget):<4} {v.page:<32} {v.link:<18} {what:<11} "
              f"{_fmt(figure, unit):>10} (budget {budget:g}{unit.strip()})")
    print("\nLargest assets, first visit on the slowest link (gzip as sent):")
    for v in visits:
        if v.cache == "cold" and v.link == LINKS[-1].name:
            assets = ", ".join(f"{path} {size / KB:.0f} KB" for path, size in v.largest)
            print(f"  {v.page}: {assets}")
    return byte_breaches(visits)


def all_pages(site: Path) -> list[str]:
    """Every page of the site, the redirecting root index left out."""
    names = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(n for n in names if n != "index.html" and not n.startswith("_static/"))


def available() -> str | None:
    """Why the benchmark cannot run here (no Chromium, no Playwright), or None."""
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (set CHROMIUM=...)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (make venv)"
    return None


def as_json(visits: list[Visit]) -> list[dict]:
    """The visits for ``bench-results/*.json``."""
    return [asdict(v) for v in visits]


def main(argv: list[str] | None = None) -> int:
    """Measure the representative pages (or ``--all``) of a built site."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE, help="the built site (_build/html)")
    parser.add_argument("--all", action="store_true", help="every page, not the three representative ones")
    parser.add_argument("pages", nargs="*", help="pages relative to the site, e.g. modules/module-2.html")
    args = parser.parse_args(argv)
    reason = available()
    if reason:
        print(f"reader benchmark skipped: {reason}", file=sys.stderr)
        return 1
    if not (args.site / "index.html").exists():
        print(f"No built site at {args.site}: run `make book` first.", file=sys.stderr)
        return 1
    pages = all_pages(args.site) if args.all else (args.pages or list(REPRESENTATIVE_PAGES))
    breaches = report(measure(args.site, pages))
    if breaches:
        print("\nBUDGET BROKEN:\n  " + "\n  ".join(breaches))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
