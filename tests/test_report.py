"""The learning-gain report against a six-person cohort whose every figure was computed by hand.

Bank: 4 one-point items; K1, K2 test module M1 (objective M1.1), K3 tests M2.1, K4 tests M2.2.
Item scores (1 = correct), pre -> post:

    GTM-01 migration   1000 (25%)  -> 1110 (75%)   g = 50/75  = 0.667
    GTM-02 foreign     1100 (50%)  -> 1111 (100%)  g = 50/50  = 1.0
    GTM-03 planning    0000 (0%)   -> 1000 (25%)   g = 25/100 = 0.25
    MEX-01 migration   1111 (100%) -> 1110 (75%)   g undefined (started at 100%)
    MEX-02 other       0100 (25%)  -> post failed to grade
    MEX-03 other       pre missing -> 1100 (50%)

Matched pairs: the first four. Mean 43.75% -> 68.75%, class gain 25 / 56.25 = 0.444, mean
individual gain (0.667 + 1 + 0.25) / 3 = 0.639.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from migration_course.core import strings
from migration_course.core.bank import Bank, KnowledgeItem, SurveyItem
from migration_course.core.objectives import Module, Objective
from migration_course.core.participants import Participant
from migration_course.grading.pipeline import StudentStatus
from migration_course.report import gain
from migration_course.report.gain import Cohort, institution_type, normalised_gain
from migration_course.report.html import render
from migration_course.report.write import write_report
from tests.test_charts_catalogue import pseudo_language  # noqa: F401  (a fixture: en case-swapped)
from tests.test_questionnaire_notebooks import english_phrases

ITEMS = ("K-M1-01", "K-M1-02", "K-M2-01", "K-M2-02")
LIKERT = ("Not at all", "A little", "Somewhat", "Much", "Very much")


def _bank() -> Bank:
    m1 = Module("M1", "I", "Global context", (Objective("M1.1", "M1", "Describe trends"),))
    m2 = Module("M2", "II", "Migration processes", (Objective("M2.1", "M2", "Read corridors"),
                                                    Objective("M2.2", "M2", "Explain remittances")))
    objectives = ("M1.1", "M1.1", "M2.1", "M2.2")
    knowledge = tuple(
        KnowledgeItem(i, i[2:4], o, 1.0, f"Question {i}?", dict(zip("ABCD", "wxyz", strict=True)),
                      "A", "", "") for i, o in zip(ITEMS, objectives, strict=True))
    surveys = {
        "expectations": (SurveyItem("E-02", "expectations", "likert", "Expected usefulness?", LIKERT),
                         SurveyItem("E-03", "expectations", "text", "What do you expect?")),
        "satisfaction": (SurveyItem("S-01", "satisfaction", "likert", "Satisfied?", LIKERT),
                         SurveyItem("S-04", "satisfaction", "text", "What to improve?")),
        "intended_use": (),
    }
    return Bank(knowledge, surveys, (m1, m2), Path("test-bank.yml"), "test-bank")


def _graded(pid: str, bits: str, **survey: object) -> StudentStatus:
    scores = {i: float(b) for i, b in zip(ITEMS, bits, strict=True)}
    return StudentStatus(pid, "graded", score=sum(scores.values()), item_scores=scores,
                         survey=dict(survey))


@pytest.fixture
def cohort() -> Cohort:
    people = (("GTM-01", "Ana Pérez", "Instituto Guatemalteco de Migración"),
              ("GTM-02", "Íñigo Núñez", "Ministerio de Relaciones Exteriores"),
              ("GTM-03", "Rosa Díaz", "Secretaría de Planificación (SEGEPLAN)"),
              ("MEX-01", "Luis Gómez", "Instituto Nacional de Migración"),
              ("MEX-02", "Inés Cruz", "Registro Civil"),
              ("MEX-03", "Raúl Peña", "Registro Civil"))
    roster = tuple(Participant(pid, name, f"{pid.lower()}@example.org", pid[:3], inst, "")
                   for pid, name, inst in people)
    pre = {
        "GTM-01": _graded("GTM-01", "1000", **{"E-02": 4, "E-03": "Aprender"}),
        "GTM-02": _graded("GTM-02", "1100", **{"E-02": 5}),
        "GTM-03": _graded("GTM-03", "0000", **{"E-02": 2}),
        "MEX-01": _graded("MEX-01", "1111", **{"E-02": 4}),
        "MEX-02": _graded("MEX-02", "0100", **{"E-02": 3}),
    }
    post = {
        "GTM-01": _graded("GTM-01", "1110", **{"S-01": 5}),
        "GTM-02": _graded("GTM-02", "1111", **{"S-01": 4, "S-04": "More time"}),
        "GTM-03": _graded("GTM-03", "1000", **{"S-01": 2}),
        "MEX-01": _graded("MEX-01", "1110", **{"S-01": 4}),
        "MEX-02": StudentStatus("MEX-02", "failed", "autograde failed: timeout",
                                survey={"S-01": 1}),
        "MEX-03": _graded("MEX-03", "1100", **{"S-01": 3, "S-04": "  "}),
    }
    return Cohort(roster, pre, post, _bank())


def test_normalised_gain_definition():
    assert normalised_gain(25, 75) == pytest.approx(2 / 3)
    assert normalised_gain(50, 25) == pytest.approx(-0.5)
    assert normalised_gain(100, 75) is None


def test_institution_types_follow_the_concept_note_profile():
    assert institution_type("Instituto Nacional de Migración") == "Migration institution"
    assert institution_type("MINISTERIO DE RELACIONES EXTERIORES") == "Foreign affairs / consular"
    assert institution_type("Global Affairs Canada") == "Foreign affairs / consular"
    assert institution_type("Secretaría de Planificación (SEGEPLAN)") == "National planning"
    assert institution_type("Registro Civil") == "Other"


def test_participant_scores_and_gains(cohort):
    t = gain.participants(cohort).set_index("participant")
    assert t.loc["GTM-01", ["pre_pct", "post_pct"]].tolist() == [25, 75]
    assert t.loc["GTM-01", "normalised_gain"] == pytest.approx(2 / 3)
    assert t.loc["GTM-02", "normalised_gain"] == pytest.approx(1.0)
    assert t.loc["GTM-03", "normalised_gain"] == pytest.approx(0.25)
    assert t.loc["MEX-01", "gain_points"] == -25 and pd.isna(t.loc["MEX-01", "normalised_gain"])
    # a failed grade is not a zero, and a missing questionnaire is not a zero either
    assert t.loc["MEX-02", "post_status"] == "failed" and pd.isna(t.loc["MEX-02", "post_pct"])
    assert t.loc["MEX-03", "pre_status"] == "missing" and pd.isna(t.loc["MEX-03", "pre_pct"])
    assert t.loc["MEX-03", "post_pct"] == 50


def test_cohort_summary_uses_matched_pairs(cohort):
    s = gain.cohort_summary(cohort)
    assert s["pairs"] == 4
    assert s["mean_pre_pct"] == pytest.approx(43.75)
    assert s["mean_post_pct"] == pytest.approx(68.75)
    assert s["class_normalised_gain"] == pytest.approx(25 / 56.25)
    assert s["mean_individual_gain"] == pytest.approx((2 / 3 + 1 + 0.25) / 3)


def test_response_rates(cohort):
    r = gain.responses(cohort).set_index("step")["participants"].to_dict()
    assert r == {"On the roster": 6, "Pre-questionnaire submitted": 5,
                 "Pre-questionnaire graded": 5, "Post-questionnaire submitted": 6,
                 "Post-questionnaire graded": 5, "Both graded (gain measurable)": 4}


def test_item_difficulty_before_and_after(cohort):
    t = gain.items(cohort).set_index("item")
    assert t["correct_pre_pct"].tolist() == [60, 60, 20, 20]
    assert t["correct_post_pct"].tolist() == [100, 80, 60, 20]
    assert t["n_pre"].tolist() == [5] * 4 and t["n_post"].tolist() == [5] * 4


def test_gain_per_module_and_objective(cohort):
    m = gain.outcomes_by(cohort, "module").set_index("module")
    assert m.loc["M1", ["pre_pct", "post_pct"]].tolist() == [62.5, 87.5]
    assert m.loc["M1", "normalised_gain"] == pytest.approx(25 / 37.5)
    assert m.loc["M2", ["pre_pct", "post_pct"]].tolist() == [25, 50]
    o = gain.outcomes_by(cohort, "objective").set_index("objective")
    assert o.loc["M2.1", "normalised_gain"] == pytest.approx(50 / 75)
    assert o.loc["M2.2", "normalised_gain"] == pytest.approx(0)
    assert o.loc["M1.1", "title"] == "Describe trends"


def test_groups_under_three_are_suppressed_and_never_derivable(cohort):
    c = gain.by_group(cohort, "country").set_index("group")
    assert c.loc["Mexico", "pairs"] == 1 and c.loc["Mexico", "note"] == gain.suppressed_note("en")
    # Guatemala (3) would be shown, but then Mexico's one official follows from the cohort's
    # mean (4 pairs, 43.75%) and Guatemala's (25%): 4 * 43.75 - 3 * 25 = 100. So it is hidden.
    assert c.loc["Guatemala", "pairs"] == 3 and c.loc["Guatemala", "note"] == gain.suppressed_note("en")
    assert c[["pre_pct", "post_pct", "normalised_gain"]].isna().all().all()
    i = gain.by_group(cohort, "institution_type")
    assert (i["note"] == gain.suppressed_note("en")).all()  # 2, 1 and 1 people: every group hidden


def test_a_shown_group_is_computed_from_its_members(cohort):
    # Three more Guatemalans, and three Panamanians: Panama (the smallest group shown
    # otherwise) is hidden with Mexico, so that Mexico cannot be worked out; Guatemala shows.
    three_more = {f"GTM-0{n}": _graded(f"GTM-0{n}", "1100") for n in (4, 5, 6)}
    three_more |= {f"PAN-0{n}": _graded(f"PAN-0{n}", "1111") for n in (1, 2, 3)}
    roster = cohort.roster + tuple(
        Participant(pid, "X Y", f"{pid}@example.org", pid[:3], "Registro Civil", "")
        for pid in three_more)
    big = Cohort(roster, {**cohort.pre, **three_more}, {**cohort.post, **three_more},
                 cohort.bank)
    c = gain.by_group(big, "country").set_index("group")
    # Guatemala: 6 pairs, before 25, 50, 0, 50, 50, 50 -> 37.5; after 75, 100, 25, 50, 50, 50.
    assert c.loc["Guatemala", "pairs"] == 6 and c.loc["Guatemala", "note"] == ""
    assert c.loc["Guatemala", "pre_pct"] == pytest.approx(37.5)
    assert c.loc["Guatemala", "post_pct"] == pytest.approx(350 / 6)
    assert c.loc["Guatemala", "normalised_gain"] == pytest.approx((350 / 6 - 37.5) / 62.5)
    assert c.loc["Panama", "note"] == c.loc["Mexico", "note"] == gain.suppressed_note("en")


@pytest.mark.parametrize(("sizes", "hidden"), [
    ({"A": 5, "B": 4}, set()),
    ({"A": 5, "B": 1}, {"A", "B"}),
    ({"A": 5, "B": 4, "C": 1}, {"B", "C"}),
    ({"A": 5, "B": 4, "C": 1, "D": 1}, {"B", "C", "D"}),
    ({"A": 5, "B": 4, "C": 2, "D": 1}, {"C", "D"}),
    ({}, set()),
])
def test_complementary_suppression(sizes, hidden):
    assert gain.suppressed_groups(sizes) == hidden


def test_score_chart_holds_no_individual_score(cohort):
    from migration_course.report.html import score_chart

    for trace in score_chart(cohort).figure.data:
        assert trace.y is None and trace.boxpoints is False
        assert trace.q1 is not None and trace.median is not None


def test_ratings_and_expectations(cohort):
    lk = gain.likert(cohort).set_index("item")
    assert lk.loc["E-02", "respondents"] == 5 and lk.loc["E-02", "mean"] == pytest.approx(3.6)
    assert lk.loc["E-02", ["1", "2", "3", "4", "5"]].tolist() == [0, 1, 1, 2, 1]
    assert lk.loc["E-02", "scale"].startswith("1 Not at all / 2 A little")
    assert lk.loc["S-01", "respondents"] == 6 and lk.loc["S-01", "mean"] == pytest.approx(19 / 6)
    pairs = gain.expectation_vs_satisfaction(cohort)
    assert len(pairs) == 5 and int((pairs["S-01"] >= pairs["E-02"]).sum()) == 3
    answers = gain.open_answers(cohort)
    assert sorted(answers["answer"]) == ["Aprender", "More time"]  # the blank one is skipped


def test_html_report_is_offline_aggregate_only(cohort, tmp_path):
    files = write_report(cohort, tmp_path / "report", "Migration Policy Training Program")
    page = files.html.read_text(encoding="utf-8")
    # plotly.js embedded exactly once, nothing fetched from elsewhere
    assert len(re.findall(r"\* plotly\.js v\d", page)) == 1
    assert not re.search(r"<script[^>]+src=", page)
    assert "43.8%" in page and "68.8%" in page and "0.44" in page
    # no names, no e-mails, no pseudonymous IDs in the shareable page or tables
    for p in cohort.roster:
        for text in (p.full_name, p.email, p.id):
            assert text not in page
            for table in files.tables:
                assert text not in table.read_text(encoding="utf-8")
    assert "More time" not in page  # open answers stay private
    private = {p.name: p.read_text(encoding="utf-8") for p in files.private}
    assert "GTM-01" in private["participants.csv"] and "More time" in private["open_answers.csv"]
    assert all("participant-level" in p.parts for p in files.private)


def test_empty_cohort_still_renders(tmp_path):
    empty = Cohort((), {}, {}, _bank())
    page = render(empty, "Programme")
    assert "No participant has a graded questionnaire both before and after yet." in page


@pytest.mark.browser
def test_report_draws_offline_and_passes_axe(cohort, tmp_path, page):
    from axe_playwright_python.sync_playwright import Axe

    files = write_report(cohort, tmp_path / "report", "Migration Policy Training Program")
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(files.html.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg")
    charts = page.locator(".js-plotly-plot")
    assert charts.count() == 6  # scores, modules, items, country, institution type, ratings
    assert page.locator(".js-plotly-plot .main-svg").count() >= charts.count()
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
    assert errors == []
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], v["impact"]) for v in violations] == []


def test_results_of_ids_not_on_the_roster_are_left_out_and_named(cohort):
    stray = {"TST-01": _graded("TST-01", "1111")}
    mixed = Cohort(cohort.roster, {**cohort.pre, **stray}, {**cohort.post, **stray}, cohort.bank)
    kept, extra = gain.on_roster_only(mixed)
    assert extra == ["TST-01"]
    assert gain.responses(kept).equals(gain.responses(cohort))  # no 114% of the roster


def test_results_graded_with_another_bank_are_refused(cohort):
    other = {"GTM-01": StudentStatus("GTM-01", "graded", score=1.0,
                                     item_scores={"K-M9-01": 1.0})}
    with pytest.raises(gain.ReportInputError, match="grade them again"):
        gain.check_bank(Cohort(cohort.roster, other, {}, cohort.bank))


def test_participant_level_tables_stay_private_whatever_the_output_folder(cohort, tmp_path):
    from migration_course.core.course import Course
    from migration_course.core.participants import write_roster
    from migration_course.grading.pipeline import save_statuses
    from migration_course.report import write

    course = Course.create(tmp_path / "course")
    course.bank = cohort.bank  # this cohort's small bank stands in for the course's own
    write_roster(cohort.roster, course.roster_file)
    save_statuses(course, "pre_questionnaire", cohort.pre)
    save_statuses(course, "post_questionnaire", cohort.post)
    done = write.write_course_report(course, tmp_path / "shared-out")
    assert done.files.html.parent == tmp_path / "shared-out"
    assert all(p.is_relative_to(course.private) for p in done.files.private)
    assert not (tmp_path / "shared-out" / "participant-level").exists()


def test_every_word_of_the_report_comes_from_the_catalogue(cohort, tmp_path, pseudo_language):  # noqa: F811
    from plotly.offline import get_plotlyjs

    from migration_course.core.course import Course
    from migration_course.core.participants import write_roster
    from migration_course.grading.pipeline import save_statuses
    from migration_course.report import write

    course = Course.create(tmp_path / "course")
    course.bank = cohort.bank
    write_roster(cohort.roster, course.roster_file)
    save_statuses(course, "pre_questionnaire", cohort.pre)
    save_statuses(course, "post_questionnaire", cohort.post)
    done = write.write_course_report(course, tmp_path / "out", language=pseudo_language)
    page = done.files.html.read_text(encoding="utf-8").replace(get_plotlyjs(), "")
    assert f'<html lang="{pseudo_language}">' in page
    # Words the report shows from elsewhere: the bank, the programme, the definitions and the
    # tables of gain.py and activities.py (not this catalogue's to give).
    others = [*gain.definitions("en"), *gain.responses(cohort)["step"], course.completion.programme.title,
              *(s.title for s in course.completion.sessions),
              *(i.question for phase in ("pre", "post") for i in cohort.bank.items_for(phase)),
              *(m.title for m in cohort.bank.modules), *(o.text for m in cohort.bank.modules
                                                         for o in m.objectives)]
    for words in sorted(others, key=len, reverse=True):
        page = page.replace(html.escape(words), " ").replace(words, " ")
    english = strings.catalogue("en").section("report").values()
    # Lower-case single words ("mean") are also plotly's JSON keys: phrases and capitalised words only.
    phrases = {p for p in english_phrases(english) if " " in p or p[0].isupper()}
    leaked = sorted(p for p in phrases if re.search(rf"\b{re.escape(p)}\b", page))
    assert not leaked, f"the report shows English the catalogue did not give: {leaked}"
    # ... and the CSV files keep their column names, whatever the language
    assert "pre_pct" in (tmp_path / "out" / "modules.csv").read_text(encoding="utf-8").splitlines()[0]


def test_item_analysis_sits_beside_the_gain_and_changes_nothing_else(cohort):
    page = render(cohort, "Programme")
    titles = strings.catalogue("en").section("report.page.section_titles")
    shown = [html.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", page)]
    assert shown == [titles[k] for k in ("responses", "knowledge", "modules", "items",
                                         "item_analysis", "groups", "ratings", "definitions")]
    # this cohort was graded before the options clicked were kept: counts are not invented
    assert "The options chosen were not recorded" in page
    assert "5 participants, 4 questions" in page  # every graded respondent, as in item difficulty
