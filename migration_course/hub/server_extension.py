"""The participant's questionnaire page: a Jupyter server extension in their own hub server.

It runs inside the participant's single-user server, as their unix user, so everything it does
(nbgrader's fetch, saving clicks, nbgrader's submit) is done with that participant's rights
only, and the exchange sees the submission as theirs. Pages:

- ``rcm/``: the questionnaires; when exactly one is open it opens straight away;
- ``rcm/q/<assignment>``: fetches the questionnaire on the first visit (nbgrader's fetch) and
  shows it ready to answer: plain HTML radio buttons, about 30 KB, no kernel;
- ``rcm/q/<assignment>/answer``: saves one click (the page's few lines of script call it);
- ``rcm/q/<assignment>/submit``: saves what the form holds, runs nbgrader's submit, shows the
  receipt (time, answered, missing, late);
- ``rcm/q/<assignment>/feedback``: the feedback the course team released for this participant's
  own submission (nbgrader's fetch_feedback finds it by their submission's secret), as nbgrader
  wrote it, with its scripts switched off. The form links to it under "Your feedback".
"""

from __future__ import annotations

import html
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from migration_course.core import strings
from migration_course.core.numbers import long_date
from migration_course.hub.form import (
    Form,
    Heading,
    Question,
    clean_answer,
    load_answers,
    missing,
    read_form,
    save_answers,
)
from migration_course.hub.settings import LANGUAGE_ENV, read_server_settings, window_of

RECEIPTS = Path(".rcm-hub") / "receipts.json"
STYLE = """
body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1a1a1a;background:#fff}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.1rem}
fieldset{border:1px solid #767676;border-radius:.4rem;margin:1rem 0;padding:.75rem}
legend{font-weight:600;padding:0 .25rem}legend p{display:inline;margin:0}
label{display:flex;gap:.6rem;align-items:flex-start;padding:.45rem .2rem;min-height:2.75rem}
input[type=radio]{width:1.4rem;height:1.4rem;flex:none;margin-top:.1rem}
textarea{width:100%;box-sizing:border-box;min-height:6rem;font:inherit}
.status{font-size:.95rem;color:#4d4d4d}.status.ok{color:#1b5e20}.status.bad{color:#b00020}
button,.button{font:inherit;font-size:1.1rem;padding:.8rem 1.4rem;border-radius:.4rem;
border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;text-decoration:none;display:inline-block}
:focus-visible{outline:3px solid #f9a825;outline-offset:2px}
.notice{border-left:.4rem solid #0b4f8a;padding:.5rem .8rem;background:#eef4fa}
.late,.warn{border-left-color:#b00020;background:#fdecee}
"""
# Every click is kept in the browser (localStorage) until the server confirms it, so a click
# made while the server or the hub restarts is not lost: the page says to reload, and on
# loading it sends again what was not confirmed. A redirect (the sign-in expired with the
# restart) is not taken for a save: only the server's own answer naming the item is.
SCRIPT = """
var form=document.querySelector('form[data-assignment]');
var KEY='rcm-pending:'+form.dataset.assignment;
var xsrf=document.querySelector('[name=_xsrf]').value;
var lost=document.getElementById('connection-lost');
function pending(){try{return JSON.parse(localStorage.getItem(KEY)||'{}');}catch(e){return {};}}
function keep(p){try{localStorage.setItem(KEY,JSON.stringify(p));}catch(e){}}
function save(box,value){
  var item=box.dataset.item,status=document.getElementById('status-'+item);
  var p=pending();p[item]=value;keep(p);
  fetch(box.dataset.save,{method:'POST',credentials:'same-origin',redirect:'manual',
    body:new URLSearchParams({item:item,value:value,_xsrf:xsrf})})
    .then(function(r){if(!r.ok)throw r;return r.json();})
    .then(function(d){if(d.saved!==item)throw d;
      var q=pending();if(q[item]===value){delete q[item];keep(q);}
      status.textContent=box.dataset.ok;status.className='status ok';})
    .catch(function(){status.textContent=box.dataset.bad;status.className='status bad';
      lost.hidden=false;});
}
document.querySelectorAll('[data-item]').forEach(function(box){
  box.addEventListener('change',function(ev){save(box,ev.target.value);});
});
var unsent=pending();
Object.keys(unsent).forEach(function(item){
  var box=document.querySelector('[data-item="'+CSS.escape(item)+'"]');
  if(!box)return;
  var value=unsent[item],text=box.querySelector('textarea');
  if(text){text.value=value;}else{
    var input=box.querySelector('input[value="'+CSS.escape(value)+'"]');
    if(!input)return;input.checked=true;}
  save(box,value);
});
form.addEventListener('submit',function(){
  var p=pending();
  new FormData(form).forEach(function(v,k){if(k!=='_xsrf'&&v!=='')p[k]=v;});keep(p);
});
"""
# The receipt page: what was submitted is on the server, nothing is waiting in the browser.
CLEAR_SCRIPT = "try{localStorage.removeItem('rcm-pending:'+%s);}catch(e){}"


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "migration_course.hub.server_extension"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(".*$", [
        (url_path_join(base, r"rcm/?"), ListHandler),
        (url_path_join(base, r"rcm/q/([a-z_]+)/?"), FormHandler),
        (url_path_join(base, r"rcm/q/([a-z_]+)/answer"), AnswerHandler),
        (url_path_join(base, r"rcm/q/([a-z_]+)/submit"), SubmitHandler),
        (url_path_join(base, r"rcm/q/([a-z_]+)/feedback"), FeedbackHandler),
    ])


class _Base(JupyterHandler):
    """Settings, words and page frame shared by the pages."""

    @property
    def hub(self) -> dict[str, Any]:
        return read_server_settings()

    @property
    def language(self) -> str:
        """The participant's language (the roster's, set when the hub starts the server)."""
        return os.environ.get(LANGUAGE_ENV) or self.hub.get("language", "en")

    def words(self, key: str, **fields: object) -> str:
        return strings.catalogue(self.language).text(key, **fields)

    @property
    def home(self) -> Path:
        return Path(self.settings.get("server_root_dir") or Path.home()).expanduser()

    def assignment(self, name: str) -> str:
        if name not in self.hub["assignments"]:
            raise web.HTTPError(404)
        return name

    def clock(self, when: datetime) -> str:
        """A time as the participant reads it: "2 December 2026, 23:44 (America/Costa_Rica)".

        Month names come from the catalogue (never from the server's locale), so a Spanish
        reader sees "2 de diciembre de 2026" and nobody has to decode 2026-12-02.
        """
        zone = ZoneInfo(self.hub.get("timezone", "UTC"))
        local = when.astimezone(zone)
        return strings.text("hub.form.when", self.language, day=long_date(local.date(), self.language),
                            time=f"{local:%H:%M}", zone=zone.key)

    def page(self, title: str, body: str, script: str = "") -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        logout = html.escape(url_path_join(self.settings.get("hub_prefix", "/hub/"), "logout"))
        self.finish(
            f"<!doctype html><html lang='{self.language}'><head>"
            "<meta charset='utf-8'><meta name='viewport' content='width=device-width,"
            f"initial-scale=1'><title>{html.escape(title)}</title><style>{STYLE}</style>"
            f"</head><body><main>{body}<p><a href='{logout}'>"
            f"{html.escape(self.words('hub.form.sign_out'))}</a></p></main>"
            f"{'<script>' + script + '</script>' if script else ''}</body></html>")

    def form_url(self, assignment: str, action: str = "") -> str:
        return url_path_join(self.base_url, "rcm", "q", assignment, action)


class ListHandler(_Base):
    """The questionnaires; straight to the open one not yet submitted, if there is one."""

    @web.authenticated
    def get(self) -> None:
        now = datetime.now(UTC)
        open_now = [a for a in self.hub["assignments"]
                    if (w := window_of(self.hub, a)) is None or w[0] <= now <= w[1]]
        submitted = read_receipts(self.home)
        to_answer = [a for a in open_now if a not in submitted]
        if to_answer:
            self.redirect(self.form_url(to_answer[0]))
            return
        items = "".join(f"<li><a href='{html.escape(self.form_url(a))}'>"
                        f"{html.escape(self.words('hub.form.open_link', title=a))}</a></li>"
                        for a in self.hub["assignments"])
        none = "" if open_now else f"<p class='notice'>{self.words('hub.form.none_open')}</p>"
        self.page(self.words("hub.form.list_title"),
                  f"<h1>{self.words('hub.form.list_title')}</h1>{none}<ul>{items}</ul>")


class FormHandler(_Base):
    """The questionnaire, fetched on the first visit, ready to answer."""

    @web.authenticated
    def get(self, name: str) -> None:
        assignment = self.assignment(name)
        window = window_of(self.hub, assignment)
        now = datetime.now(UTC)
        if window is not None and now < window[0]:
            text = self.words("hub.form.not_open", opens=self.clock(window[0]))
            self.page(assignment, f"<p class='notice'>{html.escape(text)}</p>")
            return
        form = read_form(fetch(self.hub, self.home, assignment), assignment, self.language)
        answers = load_answers(self.home / assignment, assignment)
        self.page(self.words("hub.form.page_title", title=form.title),
                  self.render_form(form, answers, window, now), SCRIPT)

    def render_form(self, form: Form, answers: dict[str, object],
                    window: tuple[datetime, datetime] | None, now: datetime) -> str:
        parts = [f"<h1>{html.escape(form.title)}</h1>",
                 f"<p>{html.escape(self.words('hub.form.intro'))}</p>"]
        if window is not None and now > window[1]:
            closed = self.words("hub.form.closed", closes=self.clock(window[1]))
            parts.append(f"<p class='notice late'>{html.escape(closed)}</p>")
        receipt = read_receipts(self.home).get(form.assignment)
        if receipt:
            last = self.words("hub.form.last_submitted", time=receipt["time"])
            parts.append(f"<p class='notice'>{html.escape(last)}</p>")
            if self.feedback_files(form.assignment):
                parts.append(self.feedback_notice(form.assignment))
        lost = self.words("hub.form.connection_lost")
        parts.append(f"<p id='connection-lost' class='notice warn' role='alert' hidden>"
                     f"{html.escape(lost)}</p>")
        parts.append(f"<form method='post' data-assignment='{html.escape(form.assignment)}' "
                     f"action='{html.escape(self.form_url(form.assignment, 'submit'))}'>"
                     f"<input type='hidden' name='_xsrf' value='{html.escape(self.xsrf_token.decode())}'>")
        n = 0
        for block in form.blocks:
            if isinstance(block, Heading):
                parts.append(block.html)
                continue
            n += 1
            parts.append(self.render_question(form.assignment, n, block, answers.get(block.item_id)))
        if window is not None:
            hint = self.words("hub.form.submit_hint", closes=self.clock(window[1]))
            parts.append(f"<p>{html.escape(hint)}</p>")
        parts.append(f"<button type='submit'>{html.escape(self.words('hub.form.submit'))}</button>"
                     "</form>")
        return "\n".join(parts)

    def feedback_files(self, assignment: str) -> list[Path]:
        """The participant's released feedback (fetched now; a failure only means none yet)."""
        try:
            return fetch_feedback(self.hub, self.home, assignment)
        except Exception as exc:  # nbgrader's exchange says why; the form works without it
            self.log.info("no feedback for %s: %s", assignment, exc)
            return []

    def feedback_notice(self, assignment: str) -> str:
        link = html.escape(self.form_url(assignment, "feedback"))
        return (f"<section class='notice' id='feedback'><h2>"
                f"{html.escape(self.words('hub.feedback.title'))}</h2>"
                f"<p>{html.escape(self.words('hub.feedback.intro'))}</p>"
                f"<p><a class='button' href='{link}'>"
                f"{html.escape(self.words('hub.feedback.open'))}</a></p></section>")

    def render_question(self, assignment: str, n: int, q: Question, saved: object) -> str:
        item = html.escape(q.item_id)
        status = self.words("hub.form.saved") if saved not in (None, "") else \
            self.words("hub.form.not_answered")
        attrs = (f"data-item='{item}' data-save='{html.escape(self.form_url(assignment, 'answer'))}' "
                 f"data-ok='{html.escape(self.words('hub.form.saved'))}' "
                 f"data-bad='{html.escape(self.words('hub.form.not_saved'))}'")
        label = html.escape(self.words("hub.form.question", n=n))
        if q.kind == "text":
            body = (f"<textarea name='{item}' id='q-{item}' aria-describedby='status-{item}'>"
                    f"{html.escape(str(saved or ''))}</textarea>"
                    f"<p class='status'>{html.escape(self.words('hub.form.text_hint'))}</p>")
            control = f"<label for='q-{item}'><span class='visually-hidden'>{label}</span></label>"
            return (f"<fieldset {attrs}><legend>{q.prompt_html}</legend>{control}{body}"
                    f"<p class='status' id='status-{item}' aria-live='polite'>{html.escape(status)}</p>"
                    "</fieldset>")
        options = "".join(
            f"<label><input type='radio' name='{item}' value='{html.escape(value)}'"
            f"{' checked' if str(saved) == value else ''}> <span>{html.escape(text)}</span></label>"
            for value, text in q.options)
        return (f"<fieldset {attrs} aria-describedby='status-{item}'><legend>{q.prompt_html}</legend>"
                f"{options}<p class='status' id='status-{item}' aria-live='polite'>"
                f"{html.escape(status)}</p></fieldset>")


class AnswerHandler(_Base):
    """One click, saved at once."""

    @web.authenticated
    def post(self, name: str) -> None:
        assignment = self.assignment(name)
        folder = self.home / assignment
        form = read_form(folder, assignment)
        question = {q.item_id: q for q in form.questions}.get(self.get_argument("item", ""))
        value = clean_answer(question, self.get_argument("value", "")) if question else None
        if value is None:
            raise web.HTTPError(400, "not an answer to this questionnaire")
        save_answers(folder, assignment, {question.item_id: value})
        self.finish({"saved": question.item_id})


class SubmitHandler(_Base):
    """Save what the form holds, submit with nbgrader, and show the receipt."""

    @web.authenticated
    def post(self, name: str) -> None:
        assignment = self.assignment(name)
        folder = self.home / assignment
        form = read_form(folder, assignment)
        updates = {}
        for q in form.questions:
            value = self.get_argument(q.item_id, None)
            clean = clean_answer(q, value) if value not in (None, "") else None
            if clean not in (None, ""):
                updates[q.item_id] = clean
        answers = save_answers(folder, assignment, updates)
        now = datetime.now(UTC)
        back = (f"<p><a class='button' href='{html.escape(self.form_url(assignment))}'>"
                f"{html.escape(self.words('hub.receipt.change'))}</a></p>")
        try:
            submit(self.hub, self.home, assignment)
        except Exception as exc:  # nbgrader's own message, in the page; the answers are saved
            self.log.error("submit of %s failed: %s", assignment, exc)
            text = self.words("hub.receipt.failed", reason=str(exc)[:300])
            self.set_status(503)
            self.page(assignment, f"<p class='notice late' role='alert'>{html.escape(text)}</p>{back}")
            return
        gaps = missing(form, answers)
        window = window_of(self.hub, assignment)
        late = window is not None and now > window[1]
        record_receipt(self.home, assignment, self.clock(now), len(form.questions) - len(gaps),
                       len(form.questions), late)
        lines = [self.words("hub.receipt.time", time=self.clock(now)),
                 self.words("hub.receipt.answered", answered=len(form.questions) - len(gaps),
                            total=len(form.questions))]
        lines.append(self.words("hub.receipt.missing", items=", ".join(
            self.words("hub.form.question", n=n) for n in gaps)) if gaps else
            self.words("hub.receipt.complete"))
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        if late:
            late_text = self.words("hub.receipt.late", closes=self.clock(window[1]))
            body += f"<p class='notice late'>{html.escape(late_text)}</p>"
        title = self.words("hub.receipt.title")
        self.page(title, f"<h1>{html.escape(title)}</h1><div role='status' id='receipt'>"
                         f"{body}</div>{back}", CLEAR_SCRIPT % json.dumps(assignment))


class FeedbackHandler(FormHandler):
    """The participant's own feedback, as nbgrader wrote it, its scripts switched off."""

    @web.authenticated
    def get(self, name: str) -> None:
        assignment = self.assignment(name)
        files = self.feedback_files(assignment)
        if not files:
            self.set_status(404)
            self.page(assignment, f"<p class='notice'>"
                                  f"{html.escape(self.words('hub.feedback.none'))}</p>")
            return
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        # The page is nbgrader's HTML of the participant's own notebook: shown, never run.
        self.set_header("Content-Security-Policy", "sandbox; default-src 'none'; "
                                                   "style-src 'unsafe-inline'; img-src data:")
        self.finish(files[0].read_bytes())


def _nbgrader_config(hub: dict[str, Any], home: Path, assignment: str) -> Any:
    from traitlets.config import Config

    cfg = Config()
    cfg.CourseDirectory.root = str(home)
    cfg.CourseDirectory.course_id = hub["course_id"]
    cfg.CourseDirectory.assignment_id = assignment
    cfg.Exchange.root = hub["exchange"]
    cfg.Exchange.assignment_dir = str(home)
    return cfg


def _run_exchange(exchange_class: type, hub: dict[str, Any], home: Path, assignment: str) -> Any:
    """Run one of nbgrader's exchange steps for the participant's folder, as the participant."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory

    cfg = _nbgrader_config(hub, home, assignment)
    step = exchange_class(coursedir=CourseDirectory(config=cfg),
                          authenticator=Authenticator(config=cfg), config=cfg)
    step.start()
    return step


def fetch(hub: dict[str, Any], home: Path, assignment: str) -> Path:
    """The participant's copy of the questionnaire, fetched with nbgrader on the first visit."""
    folder = home / assignment
    if not folder.is_dir():
        from nbgrader.exchange.default.fetch_assignment import ExchangeFetchAssignment

        _run_exchange(ExchangeFetchAssignment, hub, home, assignment)
    return folder


def submit(hub: dict[str, Any], home: Path, assignment: str) -> None:
    """Nbgrader's own submit of the participant's folder, as the participant."""
    from nbgrader.exchange.default.submit import ExchangeSubmit

    _run_exchange(ExchangeSubmit, hub, home, assignment)


def fetch_feedback(hub: dict[str, Any], home: Path, assignment: str) -> list[Path]:
    """Nbgrader's fetch_feedback as the participant; their feedback files, newest first.

    Nbgrader releases feedback under a hash of each submission's secret, which only the
    submitter's own cache holds, so no participant can fetch another's.
    """
    from nbgrader.exchange.default.fetch_feedback import ExchangeFetchFeedback

    _run_exchange(ExchangeFetchFeedback, hub, home, assignment)
    return sorted((home / assignment / "feedback").glob("*/*.html"),
                  key=lambda p: p.parent.name, reverse=True)


def read_receipts(home: Path) -> dict[str, dict[str, Any]]:
    """The participant's receipts by questionnaire (the last submission of each)."""
    try:
        return json.loads((home / RECEIPTS).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def record_receipt(home: Path, assignment: str, time: str, answered: int, total: int,
                   late: bool) -> None:
    """Keep the receipt, so the form can say when the participant last submitted."""
    receipts = read_receipts(home)
    receipts[assignment] = {"time": time, "answered": answered, "total": total, "late": late}
    path = home / RECEIPTS
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(receipts, indent=1), encoding="utf-8")
