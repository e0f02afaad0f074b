"""Hub accounts from the roster, the sign-in check and the questionnaire form, without a hub."""

from __future__ import annotations

import asyncio
import concurrent.futures
import csv
import json
import stat
from types import SimpleNamespace

import pytest
from tornado import web

from migration_course.cli import main
from migration_course.core import strings
from migration_course.core.course import Course
from migration_course.core.errors import CourseError
from migration_course.core.participants import Participant, write_roster
from migration_course.hub import accounts as acc
from migration_course.hub.authenticator import CourseAuthenticator, Throttle
from migration_course.hub.form import clean_answer, missing, read_form, save_answers
from migration_course.questionnaire.answers import read_answers
from tools.demo_course import DEMO, SOURCE_DIR


def run(coroutine: object) -> object:
    """``asyncio.run`` in a thread of its own: the suite's Playwright browser keeps a loop running here."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def person(pid: str, name: str = "Ana Pérez") -> Participant:
    return Participant(pid, name, f"{pid.lower()}@example.org", pid[:3], "Ministry", "Officer")


@pytest.fixture
def course(tmp_path):
    c = Course.create(tmp_path / "course")
    write_roster([person("GTM-01"), person("MEX-02", "=HYPERLINK(\"x\")")], c.roster_file)
    return c


def test_a_secret_is_kept_as_a_salted_hash_only():
    stored = acc.hash_secret("k7mp-3xqz-h4wt")
    assert "k7mp" not in stored and stored.startswith("scrypt$")
    assert acc.verify_secret("k7mp-3xqz-h4wt", stored)
    assert not acc.verify_secret("k7mp-3xqz-h4wT", stored)
    assert acc.hash_secret("same") != acc.hash_secret("same")  # salted
    assert not acc.verify_secret("x", "garbage")


def test_passwords_are_random_and_easy_to_read():
    words = {acc.new_password() for _ in range(50)}
    assert len(words) == 50
    assert all(len(w) == 14 and w.count("-") == 2 and not set(w) & set("01lIO") for w in words)


def test_issue_gives_each_participant_one_account_and_a_private_letter(course, tmp_path):
    issued = acc.issue(course, course.roster(), instructors=["instructor"])
    assert sorted(c.account.username for c in issued) == ["gtm-01", "instructor", "mex-02"]
    stored = acc.accounts_file(course)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    text = stored.read_text(encoding="utf-8")
    assert all(c.password not in text for c in issued)
    path = acc.write_credentials(tmp_path / "letters.csv", issued, "https://hub.example.org")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == list(acc.CREDENTIAL_COLUMNS)
    gtm = next(r for r in rows if r["username"] == "gtm-01")
    assert gtm["sign_in_url"] == "https://hub.example.org/hub/login?username=gtm-01"
    assert gtm["password"] in gtm["letter"] and gtm["id"] == "GTM-01"
    # a Guatemalan official's letter is in Spanish (the country's language)
    spanish, english_words = (strings.text("hub.letter.greeting", lang, name="X").split("X")[0]
                              for lang in ("es", "en"))
    assert gtm["letter"].startswith(spanish) and spanish != english_words
    english = acc.write_credentials(tmp_path / "en.csv", issued, "https://hub.example.org", "en")
    assert all(r["letter"].startswith(english_words)
               for r in csv.DictReader(english.open(encoding="utf-8")))
    assert next(r for r in rows if r["username"] == "mex-02")["full_name"].startswith("'=")
    # nothing new to send the second time; a lost password is replaced on request
    assert acc.issue(course, course.roster(), ["instructor"]) == []
    again = acc.issue(course, course.roster(), ["instructor"], reissue=["GTM-01"])
    assert [c.account.username for c in again] == ["gtm-01"]
    assert not acc.verify_secret(gtm["password"], acc.read_accounts(stored)["gtm-01"].secret_hash)


def test_someone_who_left_the_roster_can_no_longer_sign_in(course):
    acc.issue(course, course.roster())
    acc.issue(course, [person("GTM-01")])
    assert set(acc.read_accounts(acc.accounts_file(course))) == {"gtm-01"}


def test_a_session_ends_when_its_account_leaves_the_roster(course):
    issued = {c.account.username: c.password for c in acc.issue(course, course.roster())}
    auth = CourseAuthenticator(accounts_file=str(acc.accounts_file(course)))
    handler = SimpleNamespace(request=SimpleNamespace(remote_ip="10.0.0.7"))
    assert run(auth.refresh_user(SimpleNamespace(name="mex-02")))
    acc.issue(course, [person("GTM-01")])  # MEX-02 is taken off the roster
    assert not run(auth.refresh_user(SimpleNamespace(name="mex-02")))
    assert run(auth.refresh_user(SimpleNamespace(name="gtm-01")))
    # Signing in again is refused in the words a stranger gets, which name the course's list.
    with pytest.raises(web.HTTPError) as gone:
        run(auth.authenticate(handler, {"username": "mex-02",
                                                "password": issued["mex-02"]}))
    assert gone.value.status_code == 403
    assert "Only participants on the course's list have an account" in gone.value.log_message


def test_bad_names_are_refused_with_the_reason(course):
    with pytest.raises(CourseError, match="not on the roster"):
        acc.issue(course, course.roster(), reissue=["HND-09"])
    with pytest.raises(CourseError, match="participant's user name"):
        acc.issue(course, course.roster(), instructors=["GTM-01"])
    with pytest.raises(CourseError, match="instructor name"):
        acc.issue(course, course.roster(), instructors=["Dr. Smith"])


def test_the_command_writes_the_letters(course, capsys):
    assert main(["hub", "accounts", "--course", str(course.root), "--url", "https://hub.test"]) == 0
    out = capsys.readouterr().out
    assert "2 account(s) issued" in out
    assert len(list((course.private / "hub").glob("credentials-*.csv"))) == 1
    assert main(["hub", "accounts", "--course", str(course.root)]) == 0
    assert "nothing to send" in capsys.readouterr().out


def test_failures_wait_longer_and_longer_up_to_a_limit():
    t = Throttle(free_failures=3, max_wait=10)
    keys = ["user:a", "addr:1"]
    for _ in range(3):
        assert t.wait(keys, 0) == 0
        t.failed(keys, 0)
    t.failed(keys, 0)
    assert t.wait(keys, 0) == 2
    t.failed(keys, 0)
    assert t.wait(keys, 0) == 4
    for _ in range(5):
        t.failed(keys, 0)
    assert t.wait(keys, 0) == 10
    t.succeeded(keys)
    assert t.wait(["user:a"], 0) == 0 and t.wait(["addr:1"], 0) == 10  # the address stays slowed


def test_sign_in_checks_the_course_accounts_and_slows_guessing(course):
    issued = {c.account.username: c.password for c in acc.issue(course, course.roster())}
    auth = CourseAuthenticator(accounts_file=str(acc.accounts_file(course)), free_failures=2)
    handler = SimpleNamespace(request=SimpleNamespace(remote_ip="10.0.0.9"))

    def attempt(username: str, password: str) -> object:
        return run(auth.authenticate(handler, {"username": username, "password": password}))

    assert attempt("GTM-01", issued["gtm-01"]) == {"name": "gtm-01"}
    assert auth.check_allowed("gtm-01") and not auth.check_allowed("stranger")
    for _ in range(2):
        with pytest.raises(web.HTTPError) as wrong:
            attempt("gtm-01", "guess")
        assert wrong.value.status_code == 403
        # before signing in nobody is known: the message is in Spanish, then in English
        assert wrong.value.log_message == " / ".join(strings.text("hub.login.wrong", lang)
                                                     for lang in ("es", "en"))
    with pytest.raises(web.HTTPError):
        attempt("stranger", "guess")  # unknown names fail the same way
    with pytest.raises(web.HTTPError) as slowed:
        attempt("gtm-01", issued["gtm-01"])  # even the right password waits
    assert slowed.value.status_code == 429 and "Wait" in slowed.value.log_message


def test_the_form_is_read_from_the_notebook_as_data(tmp_path):
    assignment = "pre_questionnaire"
    form = read_form(SOURCE_DIR / assignment, assignment)
    kinds = DEMO.bank.kinds("pre")
    assert [q.item_id for q in form.questions] == list(kinds)
    assert all(len(q.options) == {"choice": 4, "likert": 5, "text": 0}[q.kind]
               for q in form.questions)
    assert not form.title.startswith("#") and form.title
    assert "Shift" not in "".join(getattr(b, "html", "") for b in form.blocks)  # no Jupyter steps


def test_clicks_are_saved_in_the_file_grading_reads(tmp_path):
    assignment = "pre_questionnaire"
    folder = tmp_path / assignment
    folder.mkdir()
    (folder / f"{assignment}.ipynb").write_bytes(
        (SOURCE_DIR / assignment / f"{assignment}.ipynb").read_bytes())
    form = read_form(folder, assignment)
    first, second = form.questions[:2]
    assert clean_answer(first, "e") is None and clean_answer(first, " b") == "B"
    save_answers(folder, assignment, {first.item_id: "B"})
    save_answers(folder, assignment, {second.item_id: "C"})  # another tab: the first stays
    static = read_answers(folder, assignment, DEMO.bank)
    assert static.answers == {first.item_id: "B", second.item_id: "C"} and not static.problems
    assert missing(form, static.answers)[:2] == [3, 4]
    assert json.loads((folder / f"{assignment}_answers.json").read_text())["saved_at"]


def test_raw_html_in_a_fetched_copy_is_shown_as_text(tmp_path):
    assignment = "pre_questionnaire"
    folder = tmp_path / assignment
    folder.mkdir()
    nb = json.loads((SOURCE_DIR / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown"
                and c["metadata"]["nbgrader"]["grade_id"].endswith("_question"))
    cell["source"] = "<script>alert(1)</script> **Question**"
    (folder / f"{assignment}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    prompt = read_form(folder, assignment).questions[0].prompt_html
    assert "<script>" not in prompt and "&lt;script&gt;" in prompt and "<strong>" in prompt
