"""The questionnaires page's screenshots, taken from a running course hub (``make hub-demo``).

Why a script: the pictures in ``book/questionnaires.md`` must show the hub participants really
use, so they are taken from it, in Debian's Chromium at a phone's width (390 px), and can be
taken again whenever the hub's pages change::

    sudo make hub-demo                      # in one terminal: the demo hub on 127.0.0.1:8000
    .venv/bin/python -m tools.hub_screenshots   # in another: rewrites book/images/questionnaires/

It signs in as one demo participant who has not signed in yet (by default the last participant
of ``_build/hub-demo/logins.csv``; ``--username`` picks another), as a person would: the
sign-in link, the password, the questionnaire, a click on a rating, Submit, the receipt, and the
form again with its "last submitted" line. A fresh ``make hub-demo`` empties every demo
account, so the pictures come out the same each time except for the dates.

What the pictures never show: the knowledge questions. Their text and options are covered with
grey bars in the browser before the picture is taken (the page says so), because the book must not publish
the quiz the questionnaires measure with (``tests/test_questionnaire_pages.py``); the click is
shown on a rating question, which has no right answer.

Each picture is saved as a palette PNG (Pillow), a few tens of KB, so the page stays light on a
slow link.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from tools.bench_reader import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "book" / "images" / "questionnaires"
LOGINS = REPO / "_build" / "hub-demo" / "logins.csv"
PHONE = {"width": 390, "height": 844}
# Pixels per CSS pixel: 2, as on most phones, so the text stays sharp on the screens that read it.
SCALE = 1.5
# Colours kept in each palette PNG: the pages use a few flat colours and anti-aliased text.
COLOURS = 24
READY_TIMEOUT_MS = 120_000  # a participant's server takes about 12 s to start, more under load
# Knowledge items are the fieldsets whose item ID starts with "K-" (the bank's IDs, K-M1-01 …).
HIDE_QUIZ = """
for (const box of document.querySelectorAll('fieldset[data-item^="K-"]')) {
  for (const el of box.querySelectorAll('legend, label span')) {
    el.style.color = 'transparent'; el.style.background = '#d9d9d9'; el.style.borderRadius = '4px';
  }
}
"""


@dataclass(frozen=True)
class Login:
    """One row of the demo hub's ``logins.csv``."""

    username: str
    password: str
    sign_in_url: str


def read_login(logins: Path, username: str | None) -> Login:
    """The participant to sign in as: ``username``, or the last participant of the file."""
    if not logins.is_file():
        raise SystemExit(f"{logins} not found: start the demo hub first (sudo make hub-demo).")
    rows = [r for r in csv.DictReader(logins.open(encoding="utf-8"))
            if r.get("role") == "participant"]
    chosen = [r for r in rows if username is None or r["username"] == username]
    if not chosen:
        raise SystemExit(f"{logins}: no participant {username!r}; choose one of its user names.")
    row = chosen[-1]
    return Login(row["username"], row["password"], row["sign_in_url"])


def save_png(png: bytes, path: Path) -> int:
    """Write a screenshot as an optimised palette PNG; return its size in bytes."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT,
                           dither=Image.Dither.NONE)
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, format="PNG", optimize=True)
    return path.stat().st_size


def region(page: Page, first: str, last: str | None = None, pad: int = 12) -> dict[str, float]:
    """The page area from the top of ``first`` to the bottom of ``last`` (CSS selectors)."""
    top = page.locator(first).first.bounding_box()
    bottom = page.locator(last or first).first.bounding_box()
    scroll = page.evaluate("window.scrollY")
    y = max(0.0, top["y"] + scroll - pad)
    return {"x": 0, "y": y, "width": PHONE["width"],
            "height": bottom["y"] + scroll + bottom["height"] + pad - y}


class Camera:
    """Takes the named pictures of one page, the quiz hidden, and keeps their sizes."""

    def __init__(self, out: Path) -> None:
        self.out, self.sizes = out, {}

    def shoot(self, page: Page, name: str, clip: dict[str, float] | None = None) -> None:
        page.evaluate(HIDE_QUIZ)
        png = page.screenshot(clip=clip, full_page=clip is not None, animations="disabled",
                              caret="hide")
        self.sizes[name] = save_png(png, self.out / f"{name}.png")


def take(login: Login, out: Path) -> dict[str, int]:
    """Sign in as ``login`` and take every picture; their sizes in bytes by name.

    The pictures are written to ``out`` only when all were taken, so a run that stops half-way
    (a participant who has submitted already, a hub that is not running) leaves the page's
    pictures as they were.
    """
    with tempfile.TemporaryDirectory() as tmp:
        sizes = _take_all(login, Path(tmp))
        out.mkdir(parents=True, exist_ok=True)
        for name in sizes:
            shutil.copyfile(Path(tmp) / f"{name}.png", out / f"{name}.png")
    return sizes


def _take_all(login: Login, out: Path) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    camera = Camera(out)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=PHONE, device_scale_factor=SCALE).new_page()
        # 1. The sign-in link from the letter: the user name is filled in.
        page.goto(login.sign_in_url)
        page.fill("#password_input", login.password)
        camera.shoot(page, "sign-in", region(page, "nav", "#login-main form", pad=0))
        # 2. JupyterHub starts the participant's own server (about 12 s the first time).
        page.click("#login_submit")
        try:
            page.wait_for_url("**/spawn-pending/**", timeout=10_000)
            page.wait_for_selector("#progress-message, .progress", timeout=10_000)
            camera.shoot(page, "starting", {"x": 0, "y": 0, "width": PHONE["width"],
                                            "height": 250})  # above the Stop Server button
        except Exception:  # the server was running already: the page went straight on
            print("no 'server starting' page (this participant's server was running): "
                  "starting.png left as it was")
        # 3. The questionnaire, ready to answer: no menus, no code (down to its first answers).
        # The form, or (for someone who has submitted) the list of questionnaires.
        page.wait_for_url("**/user/*/rcm/**", timeout=READY_TIMEOUT_MS)
        page.wait_for_selector("main h1")
        if not page.locator("fieldset[data-item] input").count() \
                or page.locator("h1 ~ p.notice:not(.late):not(.warn)").count():  # "You last submitted"
            raise SystemExit(f"{login.username} has submitted already: restart the demo hub "
                             "(sudo make hub-demo) or pass another --username.")
        camera.shoot(page, "ready", region(page, "h1", "fieldset[data-item] >> nth=0 >> label >> nth=1"))
        # 4. A click on a rating (no right answer): "Saved." appears under it at once.
        rating = page.locator("fieldset[data-item]:not([data-item^='K-']):has(input[type=radio])").first
        item = rating.get_attribute("data-item")
        with page.expect_response(lambda r: r.url.endswith("/answer") and r.ok):
            rating.locator("input[type=radio]").nth(3).check()
        page.wait_for_selector(f"#status-{item}.ok")
        camera.shoot(page, "saved", region(page, f"fieldset[data-item='{item}']"))
        # The other choices, so the receipt shows what it says when only written answers are
        # missing (the letters are arbitrary and never shown).
        for box in page.locator("fieldset[data-item]:has(input[type=radio])").all():
            if not box.locator("input:checked").count():
                with page.expect_response(lambda r: r.url.endswith("/answer") and r.ok):
                    box.locator("input[type=radio]").first.check()
        # 5. The end of the form: until when answers can change, and the one Submit button.
        camera.shoot(page, "submit", region(page, "form > p:last-of-type", "button[type=submit]"))
        page.click("button[type=submit]")
        page.wait_for_selector("#receipt", timeout=60_000)
        # 6. The receipt: time, questions answered, those not answered.
        camera.shoot(page, "receipt", region(page, "h1", "main p:has(a.button)"))
        # 7. Back to the form: it says when you last submitted; change and submit again.
        page.click("main p a.button")  # "Change my answers", in the participant's language
        page.wait_for_selector("fieldset[data-item] input")
        camera.shoot(page, "submitted-before", region(page, "p.notice"))
        browser.close()
    return camera.sizes


def main(argv: list[str] | None = None) -> int:
    """Take the pictures from the hub named in the logins file and print their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--logins", type=Path, default=LOGINS,
                        help="the demo hub's sign-in details (default: %(default)s)")
    parser.add_argument("--username", help="the participant to sign in as (default: the last)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder of the PNGs (default: %(default)s)")
    args = parser.parse_args(argv)
    login = read_login(args.logins, args.username)
    print(f"signing in as {login.username} at {login.sign_in_url}")
    for name, size in take(login, args.out).items():
        print(f"{args.out / name}.png  {size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
