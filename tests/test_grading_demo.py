"""End to end: `make grade-demo` on 55 synthetic participants, with every bad input.

One real run (real nbgrader, real exchange, real gradebook) in a temporary folder; the tests
below check its results. About 2-3 minutes on 2 cores.
"""

import csv
import json
from pathlib import Path

import pytest

from migration_course.core.bank import ASSIGNMENTS
from tools.demo_course import demo_bank, demo_completion
from tools.grade_demo import NEVER_SUBMITS, REGRADE, expected_outcomes, run_demo
from tools.synthetic_cohort import simulated_answers

pytestmark = pytest.mark.grading
A = ASSIGNMENTS["pre"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("demo"), workers=2, cell_timeout=5, quiet=True)


@pytest.fixture(scope="module")
def bank():
    return demo_bank()


@pytest.fixture(scope="module")
def exported(demo):
    with demo.scores_csv.open(encoding="utf-8") as fh:
        return {row["participant"]: row for row in csv.DictReader(fh)}


def _text(status):
    return " | ".join([status.reason, *status.flags, *status.notes])


def test_roster_imported_with_bad_rows_reported(demo):
    assert len(demo.roster.participants) == 55
    assert sorted(p.field for p in demo.roster.problems) == ["country", "email", "email",
                                                            "full_name"]
    assert all(p.file == "gtm.csv" and p.row > 1 for p in demo.roster.problems)


@pytest.mark.parametrize("pid", sorted(expected_outcomes()))
def test_each_bad_input_gets_its_outcome(demo, pid):
    bad = expected_outcomes()[pid]
    status = demo.statuses[pid]
    assert status.status == bad.status, (bad.name, _text(status))
    assert bad.expect in _text(status), (bad.name, _text(status))


def test_everyone_else_is_graded_with_the_right_score(demo, bank):
    special = set(expected_outcomes()) | set(NEVER_SUBMITS) | {REGRADE}
    normal = [p.id for p in demo.roster.participants if p.id not in special]
    assert len(normal) == 55 - len(special)
    for pid in normal:
        st = demo.statuses[pid]
        assert st.status == "graded" and not st.flags, (pid, _text(st))
        answers = simulated_answers(pid, A, bank)
        expected = sum(k.points for k in bank.knowledge if answers[k.id] == k.answer)
        assert st.score == st.nbgrader_score == expected, pid
        assert st.survey["E-01"] == answers["E-01"] and st.survey["E-03"] == answers["E-03"]


@pytest.mark.parametrize("name", ["forged_equality", "exfiltrating_cell", "loop_ignoring_sigint"])
def test_participant_code_never_runs_and_never_changes_a_score(demo, bank, name):
    pid = next(p for p, b in expected_outcomes().items() if b.name == name)
    st = demo.statuses[pid]
    answers = simulated_answers(pid, A, bank)
    expected = sum(k.points for k in bank.knowledge if answers[k.id] == k.answer)
    # nbgrader ran the released notebook, not theirs: it agrees with the answers file
    assert st.score == st.nbgrader_score == expected, _text(st)
    assert "notebook: added 1 cell(s)" in st.flags


def test_the_exfiltration_attempt_leaves_no_trace(demo):
    import os

    from tools.bad_submissions import EXFILTRATION_MARKER

    assert not (Path.home() / EXFILTRATION_MARKER).exists()
    assert not list(demo.workdir.rglob(EXFILTRATION_MARKER))
    pid = next(p for p, b in expected_outcomes().items() if b.name == "exfiltrating_cell")
    sent = json.loads((demo.course.private / "intake" / A / pid / f"{A}_answers.json").read_text())
    assert set(sent["answers"].values()) != {"A"}  # its rewrite of the answers never ran
    sleepers = [p for p in os.listdir("/proc") if p.isdigit()
                and b"time.sleep(600)" in _cmdline(p)]
    assert sleepers == []
    feedback = (demo.course.root / "feedback" / pid / A)
    text = " ".join(p.read_text(encoding="utf-8") for p in feedback.glob("*.html"))
    for p in demo.roster.participants:
        assert p.email not in text


def _cmdline(pid):
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read()
    except OSError:
        return b""


def test_failed_never_looks_like_zero(demo, exported):
    failed = [pid for pid, st in demo.statuses.items() if st.status == "failed"]
    assert len(failed) >= 2  # an answers file damaged, one e-mailed without its answers file
    with demo.course.gradebook() as gb:
        in_gradebook = {s.student.id for s in gb.assignment_submissions(A)}
    for pid in failed:
        row = exported[pid]
        assert row["status"] == "failed" and row["reason"]
        assert row["score"] == "" and row["K-M1-01"] == "", pid
        assert pid not in in_gradebook, f"{pid} has a gradebook score despite failing"
    for pid in NEVER_SUBMITS:
        assert exported[pid]["status"] == "missing" and exported[pid]["score"] == ""


def test_a_resubmitted_looping_notebook_is_regraded_from_its_answers(demo):
    assert demo.regrade.status == "graded", _text(demo.regrade)
    assert "notebook: added 1 cell(s)" in demo.regrade.flags
    assert demo.regrade.score == demo.regrade.nbgrader_score
    assert REGRADE in demo.gradebook_after_regrade


def test_export_has_items_statuses_and_no_names(demo, exported, bank):
    assert len(exported) == 55
    row = next(iter(exported.values()))
    assert {k.id for k in bank.knowledge} <= set(row)
    assert {r["status"] for r in exported.values()} == {"graded", "failed", "missing"}
    text = demo.scores_csv.read_text(encoding="utf-8") + demo.survey_csv.read_text("utf-8")
    for p in demo.roster.participants:
        assert p.email not in text and p.full_name not in text


def test_no_hidden_test_or_key_in_release_or_feedback(demo, bank):
    assert demo.leaks == []
    feedback = sorted((demo.course.root / "feedback").rglob("*.html"))
    graded = [s for s, st in demo.statuses.items() if st.status == "graded"]
    assert len(feedback) == len(graded)
    for path in [*feedback, demo.course.release_notebook(A)]:
        text = path.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in text and "assert answer" not in text, path
        assert "AssertionError" not in text, f"{path}: a traceback can quote the key"
    released = list((demo.workdir / "exchange" / "rcm-mpt" / "feedback").glob("*.html"))
    assert len(released) == len([s for s in graded if not s.startswith("BLZ")])


def test_feedback_is_in_the_participants_language_with_points_and_no_key(demo, bank):
    from migration_course.core.bank_translation import translated

    spanish = translated(bank, "es")
    people = {p.id: p for p in demo.roster.participants}
    checked = 0
    for path in sorted((demo.course.root / "feedback").rglob("*.html")):
        person, text = people[path.parts[-3]], path.read_text(encoding="utf-8")
        status = demo.statuses[person.id]
        if person.reads == "es":
            assert "<html lang='es'>" in text and spanish.knowledge[0].question in text, path
            assert f"{status.score:g} de {sum(k.points for k in bank.knowledge):g} puntos" in text
            checked += 1
        else:
            assert bank.knowledge[0].question in text, path  # nbgrader's own, in English
    assert checked >= 20


def test_nothing_written_into_the_repository(demo):
    from migration_course.core.paths import REPO_ROOT

    for name in ("release", "submitted", "autograded", "feedback", "gradebook.db", "private"):
        assert not (REPO_ROOT / "assessments" / name).exists(), name


# -- after the pre-questionnaire: post, attendance, certificates, report ----------------------
def test_post_questionnaire_graded_with_the_same_items(demo, bank):
    from tools.grade_demo import SKIP_POST

    post = ASSIGNMENTS["post"]
    skipped = set(NEVER_SUBMITS) | set(SKIP_POST)
    assert set(demo.post) == {p.id for p in demo.roster.participants} - skipped
    for pid, st in demo.post.items():
        answers = simulated_answers(pid, post, bank)
        assert st.status == "graded", (pid, _text(st))
        assert st.score == sum(k.points for k in bank.knowledge if answers[k.id] == k.answer)
        assert set(st.item_scores) == {k.id for k in bank.knowledge}


def test_attendance_matches_who_was_meant_to_attend(demo):
    from tools.synthetic_attendance import intended_present

    completion = demo_completion()
    assert set(demo.attendance) == {s.id for s in completion.sessions}
    for session in completion.sessions:
        imported = demo.attendance[session.id]
        present = {r.participant for r in imported.records if r.present}
        assert present == intended_present(demo.roster.participants, session), session.id
        assert not imported.match.ambiguous and not imported.problems
        assert len(imported.match.unmatched) >= 1  # the guest's device stays unmatched


def test_certificates_for_exactly_those_who_completed_everything(demo):
    from pypdf import PdfReader

    from migration_course.certificates.register import read_register, verify

    completion = demo_completion()
    run = demo.certification
    present_everywhere = set.intersection(*[
        {r.participant for r in demo.attendance[s].records if r.present}
        for s in completion.required_sessions])
    expected = present_everywhere & {pid for pid, st in demo.post.items()
                                     if st.status == "graded"}
    assert {d.participant for d in run.decisions if d.eligible} == expected
    assert 0 < len(expected) < len(demo.roster.participants)
    assert not run.issued.failed and not run.not_imported
    folder = demo.course.private / "certificates"
    register = read_register(folder / "register.csv")
    assert {e.participant for e in register} == expected
    assert len({e.code for e in register}) == len(register)
    people = {p.id: p for p in demo.roster.participants}
    entry = register[0]
    text = PdfReader(folder / entry.file).pages[0].extract_text()
    assert people[entry.participant].full_name in text and entry.code in text
    assert people[entry.participant].email not in text
    assert verify(entry.code.lower(), folder / "register.csv").participant == entry.participant
    for d in run.decisions:
        assert d.eligible == (d.participant in expected) and (d.eligible or d.reasons)


def test_report_is_aggregate_and_offline(demo):
    report = demo.report
    page = report.html.read_text(encoding="utf-8")
    assert "learning gain and satisfaction" in page
    assert "completed every activity" in page and "Attendance at the live sessions" in page
    shareable = page + "".join(t.read_text(encoding="utf-8") for t in report.tables)
    for p in demo.roster.participants:
        assert p.id not in shareable and p.full_name not in shareable and p.email not in shareable
    private = (report.html.parent / "participant-level" / "participants.csv").read_text("utf-8")
    assert len(private.strip().splitlines()) == 1 + 55
    assert report.html.is_relative_to(demo.course.private)


def test_a_spanish_pre_and_an_english_post_are_one_matched_pair(demo, bank):
    # Guatemala's officials answered the pre in the Spanish notebook (es/) and the post in the
    # English one: one nbgrader assignment each, one key, one pair in the report.
    from tools.grade_demo import POST_IN_ENGLISH, answering_language

    post = ASSIGNMENTS["post"]
    mixed = [p for p in demo.roster.participants if p.country == POST_IN_ENGLISH
             and answering_language(p, A) == "es" and answering_language(p, post) == "en"
             and demo.statuses[p.id].status == "graded" and p.id in demo.post]
    assert len(mixed) >= 2, "the demonstration has no Spanish-pre/English-post participants"
    for p in mixed:
        for assignment, statuses in ((A, demo.statuses), (post, demo.post)):
            clicked = simulated_answers(p.id, assignment, bank)
            want = sum(k.points for k in bank.knowledge if clicked[k.id] == k.answer)
            assert statuses[p.id].score == pytest.approx(want), (p.id, assignment)
    with (demo.report.html.parent / "by_country.csv").open(encoding="utf-8") as fh:
        guatemala = next(r for r in csv.DictReader(fh) if r["group"] == "Guatemala")
    assert int(guatemala["pairs"]) >= len(mixed)
