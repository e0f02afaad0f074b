"""``make bench`` (hub part): a cohort signing in and submitting on the course hub at once.

Why plain HTTP and not a browser per participant: 55 Chromium instances would measure
Chromium on two cores, not the hub. Each simulated participant does what the page does: the
sign-in form, waiting while their server starts (the spawn page polls the same way), the
questionnaire, one request per click, Submit. Arrivals are spread over ``--spread`` seconds
(a cohort told "answer this week" does not press Enter in the same second).

Figures, never timed asserts (a shared machine varies from run to run): time from sign-in to a
ready questionnaire (p50, p95), click and submit latency (p95), memory of each active
participant's server, of the hub and of its proxy, and from those how many participants this
machine holds at once. Printed and saved in ``bench-results/hub.json``. Runs as root (every
account is a unix user); otherwise says so and measures nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pwd
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from migration_course.core.bank import ASSIGNMENTS
from tools import bench_reader
from tools.hub_demo import REPO, HubProcess, free_ports, prepare_demo

PRE = ASSIGNMENTS["pre"]
RESULTS = REPO / "bench-results" / "hub.json"
READY_TIMEOUT = 300.0
XSRF = re.compile(r"name='_xsrf' value='([^']+)'")  # the course form's
HUB_XSRF = re.compile(r'name="_xsrf" value="([^"]+)"')  # JupyterHub's sign-in form
ITEM = re.compile(r"<input type='radio' name='([^']+)' value='([^']+)'")


@dataclass
class Participant:
    """What one simulated participant measured (seconds)."""

    username: str
    arrived: float = 0.0  # seconds after the first could have arrived
    ready: float | None = None
    clicks: list[float] = field(default_factory=list)
    submit: float | None = None
    error: str = ""


def percentile(values: list[float], p: float) -> float | None:
    """The ``p``-th percentile (nearest rank), or None with no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def one_participant(url: str, login: dict, delay: float) -> Participant:
    """Sign in, wait for the questionnaire, answer every choice with a click, submit."""
    import requests

    time.sleep(delay)
    result = Participant(login["username"], arrived=delay)
    s = requests.Session()
    try:
        page = s.get(login["sign_in_url"], timeout=30).text
        start = time.perf_counter()
        s.post(f"{url}/hub/login", timeout=120, data={
            "username": login["username"], "password": login["password"],
            "_xsrf": HUB_XSRF.search(page).group(1)}).raise_for_status()
        form_url = f"{url}/user/{login['username']}/rcm/q/{PRE}"
        while True:  # the spawn page polls until the server answers; so does this
            r = s.get(form_url, timeout=60)
            if r.ok and "data-item" in r.text:
                break
            if time.perf_counter() - start > READY_TIMEOUT:
                raise TimeoutError(f"no questionnaire after {READY_TIMEOUT:.0f} s ({r.status_code})")
            time.sleep(0.5)
        result.ready = time.perf_counter() - start
        xsrf = XSRF.search(r.text).group(1)
        answers: dict[str, str] = {}
        for item, value in ITEM.findall(r.text):
            answers.setdefault(item, value)  # the first option of each question
        for item, value in answers.items():
            t = time.perf_counter()
            s.post(f"{form_url}/answer", data={"item": item, "value": value, "_xsrf": xsrf},
                   timeout=60).raise_for_status()
            result.clicks.append(time.perf_counter() - t)
        t = time.perf_counter()
        r = s.post(f"{form_url}/submit", data={**answers, "_xsrf": xsrf}, timeout=120)
        if "id='receipt'" not in r.text:
            raise RuntimeError(f"no receipt ({r.status_code})")
        result.submit = time.perf_counter() - t
    except Exception as exc:  # reported per participant; the others go on
        result.error = f"{type(exc).__name__}: {exc}"[:300]
    return result


def slow_first_visit(login: dict, link: bench_reader.Link = bench_reader.LINKS[0]) -> dict:
    """One participant's first visit in Chromium (390 px, empty cache) on a throttled link.

    From opening the sign-in link to every answer button on screen, the sign-in typed as a
    person would; bytes are what crossed the link (encoded, as the link carries them).
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=bench_reader.CHROMIUM,
                                    args=bench_reader.CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": link.latency_ms,
            "downloadThroughput": link.bytes_per_second,
            "uploadThroughput": link.bytes_per_second})
        sizes: dict[str, int] = {}
        cdp.on("Network.loadingFinished",
               lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        start = time.perf_counter()
        page.goto(login["sign_in_url"], timeout=180_000)
        page.fill("#password_input", login["password"])
        page.click("#login_submit")
        page.wait_for_selector("fieldset[data-item] input", timeout=READY_TIMEOUT * 1000)
        seconds = time.perf_counter() - start
        buttons = page.locator("input[type=radio]").count()
        browser.close()
    return {"link": link.name, "seconds_to_ready": round(seconds, 1),
            "bytes": sum(sizes.values()), "requests": len(sizes), "answer_buttons": buttons}


def memory_by_user(usernames: set[str]) -> dict[str, int]:
    """Resident memory (bytes) of each account's processes, read from the process table."""
    import psutil

    uids = {pwd.getpwnam(n).pw_uid: n for n in usernames}
    totals: dict[str, int] = {}
    for proc in psutil.process_iter(["uids", "memory_info"]):
        try:
            name = uids.get(proc.info["uids"].real)
            if name:
                totals[name] = totals.get(name, 0) + proc.info["memory_info"].rss
        except (psutil.Error, TypeError, AttributeError):
            continue
    return totals


def hub_memory(run: HubProcess) -> dict[str, int]:
    """Resident memory (bytes) of the hub and of its proxy (the hub's child process)."""
    import psutil

    hub = psutil.Process(run.proc.pid)
    proxy = sum(c.memory_info().rss for c in hub.children(recursive=True)
                if "configurable-http-proxy" in " ".join(c.cmdline()) or c.name() == "node")
    return {"hub": hub.memory_info().rss, "proxy": proxy}


def bench(participants: int, spread: float, workers: int) -> dict:
    """Run the cohort against a fresh demo hub; the figures as a dict."""
    import psutil

    per_country = max(1, -(-(participants + 1) // 11))  # one more for the slow first visit
    port, api, proxy_api = free_ports(3)
    workdir = Path(tempfile.mkdtemp(prefix="rcm-hub-bench-"))
    workdir.chmod(0o755)
    available_before = psutil.virtual_memory().available
    demo = prepare_demo(workdir / "demo", port=port, per_country=per_country, api_port=api,
                        proxy_api_port=proxy_api)
    logins = [r for r in csv.DictReader(demo.logins.open(encoding="utf-8"))
              if r["role"] == "participant"][:participants + 1]
    run = HubProcess(demo, workdir)
    run.start()
    try:
        slow = None if bench_reader.available() else slow_first_visit(logins.pop(0))
        rng = random.Random(14)
        delays = sorted(rng.uniform(0, spread) for _ in logins)
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(lambda a: one_participant(demo.settings.public_url, *a),
                                    zip(logins, delays, strict=True)))
        elapsed = time.perf_counter() - began
        servers = memory_by_user({r.username for r in results if r.ready is not None})
        hub = hub_memory(run)
    finally:
        run.stop()
        shutil.copy(run.log, Path(tempfile.gettempdir()) / "rcm-hub-bench-last.log")
        shutil.rmtree(workdir, ignore_errors=True)
    done = [r for r in results if r.submit is not None]
    per_server = statistics.median(servers.values()) if servers else None
    ready = [r.ready for r in results if r.ready is not None]
    clicks = [c for r in results for c in r.clicks]
    # How fast the machine brings servers up under this load: ready servers over the time
    # from the first arrival to the last server ready.
    span = max((r.arrived + r.ready for r in results if r.ready is not None), default=0.0)
    return {
        "participants": len(logins), "spread_seconds": spread, "cores": os.cpu_count(),
        "elapsed_seconds": round(elapsed, 1), "submitted": len(done),
        "errors": [f"{r.username}: {r.error}" for r in results if r.error],
        "servers_ready_per_minute": round(len(ready) / span * 60, 1) if span else None,
        "ready_p50": percentile(ready, 50), "ready_p95": percentile(ready, 95),
        "click_p95": percentile(clicks, 95), "submit_p95": percentile(
            [r.submit for r in done], 95),
        "server_rss_median": per_server, "hub_rss": hub["hub"], "proxy_rss": hub["proxy"],
        "available_memory_before": available_before,
        # By memory alone: what was free before the run, less the hub and proxy, over one server.
        "participants_by_memory": int((available_before - hub["hub"] - hub["proxy"]) // per_server)
        if per_server else None,
        "slow_first_visit": slow,
        "results": [asdict(r) for r in results],
    }


def report(fig: dict) -> list[str]:
    """The figures as lines to read."""
    def s(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.2f} s"

    def mb(v: float | None) -> str:
        return "n/a" if v is None else f"{v / 2**20:.0f} MB"

    return [
        f"Hub load: {fig['participants']} participants arriving over {fig['spread_seconds']:.0f} s "
        f"on {fig['cores']} cores; {fig['submitted']} submitted in {fig['elapsed_seconds']} s",
        f"  sign-in to a ready questionnaire: p50 {s(fig['ready_p50'])}, p95 {s(fig['ready_p95'])}",
        f"  servers ready per minute under this load: {fig['servers_ready_per_minute']}",
        f"  click saved p95 {s(fig['click_p95'])}; submit to receipt p95 {s(fig['submit_p95'])}",
        f"  memory: {mb(fig['server_rss_median'])} a participant's server (median), hub "
        f"{mb(fig['hub_rss'])}, proxy {mb(fig['proxy_rss'])}",
        f"  by memory this machine holds about {fig['participants_by_memory']} participants at once "
        f"({mb(fig['available_memory_before'])} available before the run)",
        *([f"  first visit on {v['link']} (Chromium, 390 px, empty cache, before the load): "
            f"{v['seconds_to_ready']} s to {v['answer_buttons']} answer buttons, "
            f"{v['bytes'] / 1000:.0f} KB in {v['requests']} requests"]
          if (v := fig.get("slow_first_visit")) else []),
        *(f"  error: {e}" for e in fig["errors"][:10]),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print and save the figures (exit 0 unless the hub cannot start)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=55,
                        help="participants under load (default 55), after one slow first visit")
    parser.add_argument("--spread", type=float, default=120.0,
                        help="seconds over which the participants arrive (default 120)")
    parser.add_argument("--workers", type=int, default=64)
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("Hub load: skipped (the course hub runs as root: sudo make bench).")
        return 0
    if not shutil.which("node"):
        print("Hub load: skipped (the hub's proxy needs Node.js).")
        return 0
    fig = bench(args.participants, args.spread, args.workers)
    print("\n".join(report(fig)))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(fig, indent=1), encoding="utf-8")
    print(f"  saved in {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
