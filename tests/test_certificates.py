"""Certificates of Achievement: eligibility rules, codes, register, PDFs and the commands.

Fast: statuses, roster and attendance are built directly (no nbgrader run). Thresholds from
assessments/completion.yml: 0.75 of a 120-minute session = 90 minutes, of the 125-minute
panel = 93.75 minutes; post-questionnaire minimum share 0 by default.
"""

import csv
import dataclasses
import itertools

import pytest
import yaml
from pypdf import PdfReader

from migration_course.certificates import codes
from migration_course.certificates.codes import ALPHABET, CodeError, new_code, normalise
from migration_course.certificates.eligibility import decide
from migration_course.certificates.issue import issue
from migration_course.certificates.pdf import CertificateError, render, uncovered
from migration_course.certificates.register import read_register, verify, write_register
from migration_course.cli import main
from migration_course.core import strings
from migration_course.core.completion import load_completion
from migration_course.core.course import Course
from migration_course.core.participants import Participant, write_roster
from migration_course.grading.pipeline import StudentStatus, save_statuses
from tests.test_charts_catalogue import pseudo_language, swapped  # noqa: F401  (fixture: en case-swapped)
from tools.demo_course import COMPLETION_FILE, demo_completion

MAX = 24.0
SESSIONS = ("panel", "session-1", "session-2", "session-3")
PEOPLE = [
    Participant("MEX-01", "Íñigo Peña Núñez", "inigo@example.org", "MEX", "INM", "Analyst"),
    Participant("CAN-01", "Françoise Lefèvre", "francoise@example.org", "CAN", "IRCC", "Officer"),
    Participant("USA-01", "Nguyễn Thị Hồng", "hong@example.org", "USA", "DHS", "Advisor"),
    Participant("GTM-01", "Wei 李", "wei@example.org", "GTM", "IGM", "Head"),
    Participant("GTM-02", "Rosa Cruz", "rosa@example.org", "GTM", "IGM", "Planner"),
]


@pytest.fixture(scope="module")
def completion():
    return demo_completion()


def config(tmp_path, **eligibility):
    raw = yaml.safe_load(COMPLETION_FILE.read_text(encoding="utf-8"))
    raw["eligibility"].update(eligibility)
    path = tmp_path / "completion.yml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_completion(path)


def graded(pid, score=20.0):
    return StudentStatus(pid, "graded", score=score)


def full_attendance(people=PEOPLE, minutes=120.0):
    return {s: {p.id: minutes for p in people} for s in SESSIONS}


def one(decisions, pid):
    (found,) = [d for d in decisions if d.participant == pid]
    return found


# -- eligibility ----------------------------------------------------------------------------------
def test_complete_participants_are_eligible_without_reasons(completion):
    post = {p.id: graded(p.id) for p in PEOPLE}
    post["XXX-99"] = graded("XXX-99")  # not on the roster: no decision for them
    decisions = decide(PEOPLE, post, full_attendance(), completion, MAX)
    assert [d.participant for d in decisions] == [p.id for p in PEOPLE]
    assert all(d.eligible and d.reasons == [] for d in decisions)


def test_attendance_exactly_at_the_threshold_passes_just_under_fails(completion):
    people = PEOPLE[:2]
    attendance = full_attendance(people)
    attendance["session-2"] = {"MEX-01": 90.0, "CAN-01": 89.99}
    attendance["panel"]["MEX-01"] = 93.75
    decisions = decide(people, {p.id: graded(p.id) for p in people}, attendance, completion, MAX)
    assert one(decisions, "MEX-01").eligible
    short = one(decisions, "CAN-01")
    assert not short.eligible
    assert short.reasons == ["session-2 (Virtual Session 2, 5 Aug 2020): 89.9 of 90 minutes needed"]


def test_absent_from_an_imported_session_counts_zero_minutes(completion):
    attendance = full_attendance(PEOPLE[:1])
    del attendance["panel"]["MEX-01"]
    (d,) = decide(PEOPLE[:1], {"MEX-01": graded("MEX-01")}, attendance, completion, MAX)
    assert d.reasons == ["panel (Expert panel, 22 Jul 2020): 0 of 93.75 minutes needed"]


def test_failed_grading_is_not_the_same_as_not_submitted(completion):
    people = PEOPLE[:2]
    post = {"CAN-01": StudentStatus("CAN-01", "failed", "autograde failed: timeout")}
    decisions = decide(people, post, full_attendance(people), completion, MAX)
    assert one(decisions, "MEX-01").reasons == ["post-questionnaire not submitted"]
    assert one(decisions, "CAN-01").reasons == [
        "post-questionnaire could not be graded: autograde failed: timeout — regrade it first"]


def test_missing_attendance_import_is_reported_as_missing_not_as_absence(completion):
    attendance = full_attendance(PEOPLE[:1])
    del attendance["session-3"]
    (d,) = decide(PEOPLE[:1], {"MEX-01": graded("MEX-01")}, attendance, completion, MAX)
    assert not d.eligible
    assert len(d.reasons) == 1
    assert "no attendance imported for session-3 yet" in d.reasons[0]
    assert "not an absence" in d.reasons[0] and "minutes needed" not in d.reasons[0]


def test_every_reason_that_applies_is_listed(completion):
    attendance = full_attendance(PEOPLE[:1])
    attendance["session-1"]["MEX-01"] = 41
    del attendance["session-3"]
    (d,) = decide(PEOPLE[:1], {}, attendance, completion, MAX)
    assert d.reasons[0] == "post-questionnaire not submitted"
    assert d.reasons[1].endswith("41 of 90 minutes needed")
    assert "session-3" in d.reasons[2] and len(d.reasons) == len(d.groups) == 3


def test_minimum_score_from_the_config(tmp_path, completion):
    people = PEOPLE[:3]
    post = {"MEX-01": graded("MEX-01", 12.0), "CAN-01": graded("CAN-01", 11.5),
            "USA-01": graded("USA-01", 0.0)}
    strict = decide(people, post, full_attendance(people),
                    config(tmp_path, post_questionnaire_min_share=0.5), MAX)
    assert one(strict, "MEX-01").eligible
    assert one(strict, "CAN-01").reasons == [
        "post-questionnaire score 11.5 of 24 is below the minimum 12 (50%)"]
    lenient = decide(people, post, full_attendance(people), completion, MAX)
    assert all(d.eligible for d in lenient)  # default 0: a graded submission is enough


def test_required_sessions_subset_from_the_config(tmp_path, completion):
    attendance = full_attendance(PEOPLE[:1])
    del attendance["session-3"]
    attendance["session-2"]["MEX-01"] = 0
    post = {"MEX-01": graded("MEX-01")}
    subset = config(tmp_path, required_sessions=["panel", "session-1"])
    assert decide(PEOPLE[:1], post, attendance, subset, MAX)[0].eligible
    assert not decide(PEOPLE[:1], post, attendance, completion, MAX)[0].eligible


# -- codes ----------------------------------------------------------------------------------------
def test_codes_are_unique_well_formed_and_survive_lower_case():
    made = [new_code("RCM-MPT-2020") for _ in range(2000)]
    assert len(set(made)) == len(made)
    for code in made[:50]:
        assert normalise(f"  {code.lower()} ") == code
        body = code[len("RCM-MPT-2020-"):].replace("-", "")
        assert len(body) == 8 and set(body) <= set(ALPHABET)
    assert not set("0O1I") & set(ALPHABET)


def test_new_code_skips_codes_already_taken(monkeypatch):
    stream = itertools.chain("2" * 7, "3" * 7)
    monkeypatch.setattr(codes.secrets, "choice", lambda _alphabet: next(stream))
    first = f"P-2222-222{codes.check_character('2' * 7)}"
    assert new_code("P", {first}).startswith("P-3333-333")


def test_check_character_catches_every_one_character_typo():
    code = new_code("RCM-MPT-2020")
    start = len("RCM-MPT-2020-")
    positions = [i for i in range(start, len(code)) if code[i] != "-"]
    for i in positions:
        for char in ALPHABET.replace(code[i], ""):
            typo = code[:i] + char + code[i + 1:]
            with pytest.raises(CodeError, match="probably mistyped"):
                normalise(typo)
    with pytest.raises(CodeError, match="never use"):
        normalise(code[:start] + "O" + code[start + 1:])
    with pytest.raises(CodeError, match="expected PREFIX-XXXX-XXXX"):
        normalise("RCM-MPT-2020-7KQ2M9XD")


# -- PDF ------------------------------------------------------------------------------------------
def pdf_text(path):
    return PdfReader(path).pages[0].extract_text()


def test_pdf_prints_the_exact_name_country_and_code_and_no_email(tmp_path, completion):
    dest = render(tmp_path / "USA-01.pdf", "Nguyễn Thị Hồng", "United States",
                  completion.programme, "RCM-MPT-2020-7KQ2-M9XD", completion.programme.issued_on)
    reader = PdfReader(dest)
    lines = pdf_text(dest).splitlines()
    assert "Nguyễn Thị Hồng" in lines and "United States" in lines
    assert "Certificate of Achievement" in lines
    assert any("RCM-MPT-2020-7KQ2-M9XD" in line for line in lines)
    assert any("Issued on 21 August 2020" in line for line in lines)
    assert reader.metadata.title.startswith("Certificate of Achievement")
    assert "@" not in str(dict(reader.metadata)) and "@" not in pdf_text(dest)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape


def test_every_word_of_the_certificate_comes_from_the_catalogue(tmp_path, completion,
                                                                 pseudo_language):  # noqa: F811
    programme = completion.programme
    dest = render(tmp_path / "x.pdf", "Rosa Cruz", "Guatemala", programme, "RCM-MPT-2020-7KQ2-M9XD",
                  programme.issued_on, language=pseudo_language)
    lines = pdf_text(dest).splitlines()
    english = strings.catalogue("en")
    assert swapped(english.text("certificate.heading")) in lines
    assert swapped(english.text("certificate.awarded_to")) in lines
    assert "iSSUED ON 21 aUGUST 2020" in " ".join(lines)  # the month name is the catalogue's too
    for words in ("Certificate of Achievement", "awarded to", "satisfactorily", "Issued on",
                  "Verification code", "To verify it", "register of issued certificates"):
        assert words not in pdf_text(dest)
    heading = swapped(english.text("certificate.heading"))
    assert PdfReader(dest).metadata.title == f"{heading} - {programme.title}"


def test_uncovered_characters_are_found_and_refused(tmp_path, completion):
    from migration_course.certificates.pdf import font_files

    assert uncovered("Íñigo Peña Núñez Françoise Lefèvre", font_files()["B"]) == []
    assert uncovered("Wei 李", font_files()["B"]) == ["李"]
    with pytest.raises(CertificateError, match="U\\+674E"):
        render(tmp_path / "x.pdf", "Wei 李", "Guatemala", completion.programme, "C",
               completion.programme.issued_on)
    assert not (tmp_path / "x.pdf").exists()


def test_missing_font_says_how_to_install_it(tmp_path, monkeypatch, completion):
    monkeypatch.setenv("RCM_CERT_FONT_DIR", str(tmp_path))
    with pytest.raises(CertificateError, match="apt-get install fonts-dejavu-core"):
        issue(tmp_path / "private" / "certificates", PEOPLE, [], completion)


# -- issuing and the register ---------------------------------------------------------------------
def test_issue_fails_only_the_unprintable_name_and_keeps_codes(tmp_path, completion):
    folder = tmp_path / "private" / "certificates"
    decisions = decide(PEOPLE, {p.id: graded(p.id) for p in PEOPLE}, full_attendance(),
                       completion, MAX)
    result = issue(folder, PEOPLE, decisions, completion)
    assert list(result.failed) == ["GTM-01"] and "李" in result.failed["GTM-01"]
    assert sorted(result.new) == ["CAN-01", "GTM-02", "MEX-01", "USA-01"]
    assert sorted(p.name for p in folder.glob("*.pdf")) == [
        "CAN-01.pdf", "GTM-02.pdf", "MEX-01.pdf", "USA-01.pdf"]
    first = {e.participant: e.code for e in read_register(folder / "register.csv")}
    assert "GTM-01" not in first  # nothing registered without a PDF
    again = issue(folder, PEOPLE, decisions, completion)
    assert again.new == []
    assert {e.participant: e.code for e in read_register(folder / "register.csv")} == first


def test_no_longer_eligible_keeps_the_register_row(tmp_path, completion):
    folder = tmp_path / "private" / "certificates"
    people = PEOPLE[:2]
    post = {p.id: graded(p.id) for p in people}
    issue(folder, people, decide(people, post, full_attendance(people), completion, MAX),
          completion)
    del post["CAN-01"]
    result = issue(folder, people, decide(people, post, full_attendance(people), completion,
                                          MAX), completion)
    assert [e.participant for e in result.no_longer_eligible] == ["CAN-01"]
    rows = read_register(folder / "register.csv")
    assert [(r.participant, r.status) for r in rows] == [("CAN-01", "issued"), ("MEX-01", "issued")]


# -- the commands ---------------------------------------------------------------------------------
@pytest.fixture
def attendance(monkeypatch):
    minutes = full_attendance()  # tests edit it between runs
    monkeypatch.setattr("migration_course.attendance.load_attendance", lambda _course: minutes,
                        raising=False)
    return minutes


@pytest.fixture
def course(tmp_path, attendance):
    course = Course.create(tmp_path)
    write_roster(PEOPLE, course.roster_file)
    statuses = {p.id: graded(p.id) for p in PEOPLE if p.id != "GTM-02"}
    save_statuses(course, "post_questionnaire", statuses)
    return course


def run(course, *args):
    return main([*args, "--course", str(course.root)])


def test_certificates_command_end_to_end(course, capsys):
    assert run(course, "certificates") == 1  # one certificate could not be produced
    out = capsys.readouterr().out
    assert "4 eligible, 1 not eligible (of 5 on the roster)" in out
    assert "1  post-questionnaire not submitted" in out
    assert "FAILED: 1 certificate(s) not produced" in out and "GTM-01" in out
    folder = course.private / "certificates"
    with (folder / "eligibility.csv").open(encoding="utf-8") as fh:
        rows = {r["participant"]: r for r in csv.DictReader(fh)}
    assert rows["GTM-02"]["eligible"] == "no"
    assert rows["GTM-02"]["reasons"] == "post-questionnaire not submitted"
    register = {e.participant: e for e in read_register(folder / "register.csv")}
    assert sorted(register) == ["CAN-01", "MEX-01", "USA-01"]
    text = pdf_text(folder / "MEX-01.pdf")  # an official of Mexico: in Spanish, by default
    assert "Íñigo Peña Núñez" in text.splitlines() and "México" in text.splitlines()
    assert "Certificado de Aprovechamiento" in text and "21 de agosto de 2020" in text
    assert register["MEX-01"].code in text and "inigo@example.org" not in text
    english = pdf_text(folder / "CAN-01.pdf")  # Canada's officials read English
    assert "Canada" in english.splitlines() and "21 August 2020" in english

    assert run(course, "verify", register["CAN-01"].code.lower()) == 0
    out = capsys.readouterr().out
    assert "Françoise Lefèvre (Canada)" in out and "Migration Policy Training Program" in out
    assert "2020-08-21" in out


def test_rerun_keeps_codes_and_reports_a_lost_eligibility_loudly(course, attendance, capsys):
    run(course, "certificates")
    before = read_register(course.private / "certificates" / "register.csv")
    del attendance["session-3"]
    assert run(course, "certificates") == 0
    out = capsys.readouterr().out
    assert "WARNING: no attendance imported yet for session-3" in out
    assert "0 eligible, 5 not eligible" in out
    assert "5  no attendance imported for session-3 yet" in out
    assert "3 participant(s) already hold a certificate but are NOT eligible now" in out
    assert read_register(course.private / "certificates" / "register.csv") == before


def test_verify_command_tells_typos_from_unknown_codes(course, capsys):
    assert run(course, "verify", "RCM-MPT-2020-7KQ2-M9XD") == 1
    assert "no certificates issued yet" in capsys.readouterr().err
    run(course, "certificates")
    code = read_register(course.private / "certificates" / "register.csv")[0].code
    typo = code[:-1] + ALPHABET[(ALPHABET.index(code[-1]) + 1) % len(ALPHABET)]
    assert run(course, "verify", typo) == 1
    assert "probably mistyped" in capsys.readouterr().err
    other = new_code("RCM-MPT-2020", {code})
    assert run(course, "verify", other) == 1
    assert "no such certificate" in capsys.readouterr().err
    assert verify(other, course.private / "certificates" / "register.csv") is None


def test_a_revoked_certificate_is_reported_and_not_reprinted(course, capsys):
    run(course, "certificates")
    path = course.private / "certificates" / "register.csv"
    first, *rest = read_register(path)
    write_register([dataclasses.replace(first, status="revoked"), *rest], path)
    code = first.code
    capsys.readouterr()
    assert run(course, "verify", code) == 1
    assert "REVOKED" in capsys.readouterr().err
    run(course, "certificates")  # still eligible by the rules: a human decision is kept
    assert f"register marks {code} 'revoked'; not reprinted" in capsys.readouterr().out
    assert read_register(path)[0].status == "revoked"
