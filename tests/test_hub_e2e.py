"""End to end on a real JupyterHub: participants sign in, click, submit; the instructor grades.

The test starts its own hub (``hub/jupyterhub_config.py``) on free ports with a synthetic
cohort of 11 (one per country), drives Debian's Chromium as three participants and the
instructor, then collects from the hub's exchange and grades with the course's own commands.
It runs as root (every account is a unix user) and takes about two minutes.
"""

from __future__ import annotations

import csv
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from migration_course.core import strings
from migration_course.core.bank import ASSIGNMENTS
from migration_course.grading.exchange import collect, find_key_leaks
from migration_course.grading.export import export
from migration_course.grading.feedback import generate_feedback
from migration_course.grading.pipeline import grade
from migration_course.hub.form import load_answers
from tools.hub_demo import REPO, HubProcess, free_ports, prepare_demo

pytestmark = [pytest.mark.hub, pytest.mark.browser]
PRE, POST = ASSIGNMENTS["pre"], ASSIGNMENTS["post"]


@pytest.fixture(scope="module")
def hub():
    if os.geteuid() != 0:
        pytest.skip("the course hub runs as root (each account is a unix user)")
    if not shutil.which("node"):
        pytest.skip("the hub's proxy needs Node.js (Debian package nodejs)")
    subprocess.run(["make", "-s", "hub-deps"], cwd=REPO, check=True)
    port, api, proxy_api = free_ports(3)
    workdir = Path(tempfile.mkdtemp(prefix="rcm-hub-test-"))
    workdir.chmod(0o755)  # every account's server reaches the exchange and its settings
    # The pre-questionnaire is open; the post-questionnaire closed yesterday (late submissions).
    demo = prepare_demo(workdir / "demo", port=port, per_country=1, api_port=api,
                        proxy_api_port=proxy_api, windows={PRE: (-1, 1), POST: (-3, -1)})
    run = HubProcess(demo, workdir)
    try:
        run.start()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    logins = {r["username"]: r for r in csv.DictReader(demo.logins.open(encoding="utf-8"))}
    yield demo, demo.settings.public_url, logins, workdir, run
    run.stop()
    shutil.copy(workdir / "hub.log", Path(tempfile.gettempdir()) / "rcm-hub-test-last.log")
    shutil.rmtree(workdir, ignore_errors=True)


# The browser is the suite's one session-wide Chromium (tests/conftest.py): Playwright's sync API
# keeps an event loop running while it is open, so a second one here would refuse to start.


def sign_in(browser, url: str, login: dict, password: str | None = None):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(login["sign_in_url"])
    page.fill("#password_input", password or login["password"])
    page.click("#login_submit")
    return page


def answer_all(page, demo, key: bool) -> int:
    """Click every knowledge item (the key, or a wrong letter) and rate every rating item."""
    bank = demo.course.bank
    page.wait_for_selector("fieldset", timeout=90_000)
    for item in bank.knowledge:
        letter = item.answer if key else next(x for x in "ABCD" if x != item.answer)
        with page.expect_response(lambda r: r.url.endswith("/answer") and r.ok):
            page.check(f"input[name='{item.id}'][value='{letter}']")
    for box in page.locator("fieldset[data-item]").all():
        radios = box.locator("input[type=radio]")
        if radios.count() == 5 and not box.locator("input:checked").count():
            with page.expect_response(lambda r: r.url.endswith("/answer") and r.ok):
                radios.nth(3).check()
    return page.locator("fieldset[data-item]").count()


def serious_axe_violations(page) -> list[tuple[str, str, int]]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page)
    return [(v["id"], v["impact"], len(v["nodes"])) for v in result.response["violations"]
            if v["impact"] in ("serious", "critical")]


def submit(page) -> str:
    page.click("button[type=submit]")
    page.wait_for_selector("#receipt", timeout=60_000)
    return page.locator("#receipt").inner_text()


def test_hub_end_to_end(hub, browser):
    demo, url, logins, workdir, _ = hub
    first, second, never, late = "blz-01", "can-01", "cri-01", "dom-01"

    # A wrong password: plain words, the same page, nothing else happens.
    page = sign_in(browser, url, logins[first], password="wrong-password")
    page.wait_for_selector("text=do not match", timeout=30_000)
    page.context.close()

    # One participant answers everything and submits: the form opens ready to answer.
    page = sign_in(browser, url, logins[first])
    page.wait_for_selector("fieldset", timeout=90_000)
    assert serious_axe_violations(page) == []
    total = answer_all(page, demo, key=True)
    assert page.locator("text=Run All").count() == 0 and page.locator("code").count() == 0
    page.reload()  # every click was saved at once
    assert page.locator("input:checked").count() >= len(demo.course.bank.knowledge)
    receipt = submit(page)
    assert serious_axe_violations(page) == []
    open_text = sum(kind == "text" for kind in demo.course.bank.kinds("pre").values())
    assert total == len(demo.course.bank.kinds("pre"))
    assert f"{total - open_text} of {total} questions answered" in receipt  # no text typed
    assert "Not answered" in receipt
    page.context.close()

    # A second submits wrong answers, then changes them and submits again: the last counts.
    page = sign_in(browser, url, logins[second])
    answer_all(page, demo, key=False)
    submit(page)
    page.click("text=Change my answers")
    answer_all(page, demo, key=True)
    assert "questions answered" in submit(page)
    # Participants have no formgrader.
    assert page.goto(f"{url}/user/{second}/formgrader").status == 404
    page.context.close()

    # A submission after closing is kept and marked late.
    page = sign_in(browser, url, logins[late])
    page.wait_for_selector("fieldset", timeout=90_000)
    page.goto(f"{url}/user/{late}/rcm/q/{POST}")
    # dom-01, an official of the Dominican Republic, reads the questionnaire in Spanish
    assert fixed_words("hub.form.closed", "es") in page.locator(".notice.late").inner_text()
    assert page.get_attribute("html", "lang") == "es"
    for _ in range(5):  # keyboard alone: Tab to the first answer, Space to choose it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    with page.expect_response(lambda r: r.url.endswith("/answer") and r.ok):
        page.keyboard.press("Space")
    assert page.locator(".status.ok").first.inner_text() == strings.text("hub.form.saved", "es")
    assert strings.text("hub.receipt.late", "es", closes="|").split("|")[1] in submit(page)
    page.context.close()

    # The instructor reaches formgrader from the hub.
    page = sign_in(browser, url, logins["instructor"])
    page.wait_for_url("**/user/instructor/formgrader/**", timeout=90_000)
    api = page.goto(f"{url}/user/instructor/formgrader/api/assignments")
    assert api.status == 200, page.locator("body").inner_text()[:500]
    assert {a["name"] for a in api.json()} == {PRE, POST}
    page.context.close()

    # The instructor's commands against the hub's exchange, unchanged, run as root as
    # `make grade-demo` runs them (the grading sandbox's nobody reads root's files only).
    course = demo.course
    for path in [course.root, *course.root.rglob("*")]:
        os.chown(path, 0, 0, follow_symlinks=False)
    collected, problems = collect(course, PRE)
    assert collected == ["BLZ-01", "CAN-01"], problems
    statuses = grade(course, PRE, workers=1, progress=None)
    full = sum(k.points for k in course.bank.knowledge)
    assert statuses["BLZ-01"].score == full and statuses["CAN-01"].score == full
    scores, _ = export(course, PRE, workdir / "export")
    rows = {r["participant"]: r for r in csv.DictReader(scores.open(encoding="utf-8"))}
    assert rows["CRI-01"]["status"] == "missing" and rows["CRI-01"]["score"] == ""
    assert never not in (p.lower() for p in collected)

    # Feedback released in the hub: the participant finds it on the form, points per question,
    # never the key or the explanations; another's feedback cannot be reached.
    assert generate_feedback(course, PRE, allow_before_post=True, release=True) == \
        ["BLZ-01", "CAN-01"]
    page = sign_in(browser, url, logins[first])
    page.wait_for_selector("h1", timeout=90_000)
    page.goto(f"{url}/user/{first}/rcm/q/{PRE}")
    assert "Your feedback" in page.locator("#feedback").inner_text()
    page.click("#feedback a")
    page.wait_for_load_state()
    shown = page.content()
    assert course.bank.knowledge[0].id in shown
    (workdir / "shown").mkdir()
    (workdir / "shown" / "feedback.html").write_text(shown, encoding="utf-8")
    assert find_key_leaks(workdir / "shown", course.bank) == []
    words = page.locator("body").inner_text()
    assert not [k.id for k in course.bank.knowledge if k.feedback.strip()[:60] in words]
    page.context.close()
    page = sign_in(browser, url, logins[second])
    page.wait_for_selector("h1", timeout=90_000)
    assert page.goto(f"{url}/user/{first}/rcm/q/{PRE}/feedback").status == 403
    page.context.close()
    listing = subprocess.run(["runuser", "-u", second, "--", "ls",
                              str(demo.settings.exchange / course.course_id / "feedback")],
                             capture_output=True, text=True)
    assert listing.returncode != 0 and "Permission denied" in listing.stderr


def saved_answers(username: str) -> dict[str, object]:
    """What the participant's answers file holds (read as root)."""
    return load_answers(Path(pwd.getpwnam(username).pw_dir) / PRE, PRE)


def click(page, item: str, letter: str) -> None:
    """Choose an answer and wait until the page says it is saved."""
    page.check(f"input[name='{item}'][value='{letter}']")
    page.wait_for_selector(f"#status-{item}.ok", timeout=30_000)


def fixed_words(key: str, language: str) -> str:
    """A catalogue string up to its first {field}: what a page shows whatever fills it."""
    return strings.catalogue(language).strings[key].split("{")[0]


def test_faults_lose_no_answer_and_say_what_to_do(hub, browser):
    """Someone not on the list, a reused link, two tabs, the hub restarted mid-answer."""
    demo, url, logins, workdir, run = hub
    items = [k.id for k in demo.course.bank.knowledge[:4]]

    # Someone not on the roster: refused in words that say who has an account.
    page = sign_in(browser, url, {"sign_in_url": f"{url}/hub/login?username=visitor",
                                  "password": "a-guess"})
    page.wait_for_selector("text=Only participants on the course's list", timeout=30_000)
    page.context.close()

    # The sign-in link opened again after signing out: the name is filled in, the password
    # still opens the questionnaire (the link holds no secret, so it cannot expire or be used up).
    mex = logins["mex-01"]
    page = sign_in(browser, url, mex)
    page.wait_for_selector("fieldset", timeout=90_000)
    page.goto(f"{url}/hub/logout")
    page.goto(mex["sign_in_url"])
    assert page.input_value("#username_input") == "mex-01"
    page.fill("#password_input", mex["password"])
    page.click("#login_submit")
    page.wait_for_selector("fieldset", timeout=90_000)
    page.context.close()

    # The same questionnaire in two tabs: every click is kept, per item; the last click wins.
    one = sign_in(browser, url, logins["gtm-01"])
    one.wait_for_selector("fieldset", timeout=90_000)
    two = one.context.new_page()
    two.goto(f"{url}/user/gtm-01/rcm/q/{PRE}")
    click(one, items[0], "A")
    click(two, items[1], "B")
    click(one, items[2], "C")
    click(two, items[0], "D")
    assert {i: saved_answers("gtm-01").get(i) for i in items[:3]} == \
        {items[0]: "D", items[1]: "B", items[2]: "C"}
    one.reload()
    assert one.is_checked(f"input[name='{items[1]}'][value='B']")
    assert one.is_checked(f"input[name='{items[0]}'][value='D']")
    one.context.close()

    # The hub restarted while a participant answers: the click made meanwhile is kept in the
    # browser, the page says in plain words to reload, and the reload sends it.
    page = sign_in(browser, url, logins["hnd-01"])
    page.wait_for_selector("fieldset", timeout=90_000)
    click(page, items[0], "A")
    run.stop()
    page.check(f"input[name='{items[1]}'][value='B']")
    page.wait_for_selector(f"#status-{items[1]}.bad", timeout=30_000)
    assert page.locator("#connection-lost").inner_text() == strings.text("hub.form.connection_lost", "es")
    assert strings.text("hub.form.not_saved", "es") in page.locator(f"#status-{items[1]}").inner_text()
    run.start()
    page.goto(f"{url}/user/hnd-01/rcm/q/{PRE}")  # the participant reloads
    page.wait_for_selector(f"#status-{items[1]}.ok", timeout=120_000)
    assert page.locator("#connection-lost").is_hidden()
    answers = saved_answers("hnd-01")
    assert answers.get(items[0]) == "A" and answers.get(items[1]) == "B"
    page.context.close()
