"""Item analysis against a cohort whose answer pattern is built here, figure by figure.

Bank: five one-point items with keys A, B, C, D, A. Six participants take the questionnaire
after the programme (1 = right; the letter clicked in brackets, "-" = left blank):

           K1 (A)   K2 (B)   K3 (C)   K4 (D)   K5 (A)   total
    P1     1 (A)    0 (A)    1 (C)    1 (D)    1 (A)    4
    P2     1 (A)    0 (C)    1 (C)    1 (D)    0 (B)    3
    P3     1 (A)    0 (D)    1 (C)    0 (A)    1 (A)    3
    P4     1 (A)    1 (B)    0 (A)    1 (D)    0 (C)    3
    P5     1 (A)    1 (B)    0 (B)    0 (B)    0 (D)    2
    P6     1 (A)    1 (B)    0 (-)    0 (C)    0 (-)    2

- K1: everyone right: facility 1, too easy, discrimination undefined (no variance), and its
  three distractors unused.
- K2: right only for the three lowest scorers on the other items: negative discrimination,
  computed by hand below (and it drags the questionnaire's alpha below 0).
- K3: nobody picks D: an unused distractor, and only that flag's letter; one blank.
- K4: every distractor chosen; K5: one blank, every distractor chosen once.
"""

from __future__ import annotations

import csv
import json
import math
import re
import statistics
from pathlib import Path

import pytest

from migration_course.core.bank import Bank, KnowledgeItem, SurveyItem
from migration_course.core.participants import Participant
from migration_course.grading.pipeline import StudentStatus
from migration_course.report import item_analysis as ia
from migration_course.report.gain import Cohort
from migration_course.report.html import ItemAnalysisLabels, item_analysis_section, render
from migration_course.report.write import write_report

ITEMS = ("K-M1-01", "K-M1-02", "K-M2-01", "K-M2-02", "K-M2-03")
KEYS = "ABCDA"
LIKERT = ("Not at all", "A little", "Somewhat", "Much", "Very much")
PATTERN = {  # participant: the letter clicked per item ("-" = blank)
    "GTM-01": "AACDA", "GTM-02": "ACCDB", "GTM-03": "ADCAA",
    "MEX-01": "ABADC", "MEX-02": "ABBBD", "MEX-03": "AB-C-",
}
MATRIX = [[1, 0, 1, 1, 1], [1, 0, 1, 1, 0], [1, 0, 1, 0, 1], [1, 1, 0, 1, 0], [1, 1, 0, 0, 0],
          [1, 1, 0, 0, 0]]


def _bank() -> Bank:
    knowledge = tuple(KnowledgeItem(i, i[2:4], f"{i[2:4]}.1", 1.0, f"Question {i}?",
                                    dict(zip("ABCD", ("w", "x", "y", "z"), strict=True)), key, "", "")
                      for i, key in zip(ITEMS, KEYS, strict=True))
    surveys = {"expectations": (SurveyItem("E-02", "expectations", "likert", "Useful?", LIKERT),),
               "satisfaction": (SurveyItem("S-01", "satisfaction", "likert", "Satisfied?", LIKERT),),
               "intended_use": ()}
    return Bank(knowledge, surveys, (), Path("test-bank.yml"), "test-bank")


def _status(pid: str, clicks: str | None, recorded: bool = True) -> StudentStatus:
    """Graded like the pipeline grades: a point where the click is the key."""
    clicks = clicks or "-" * len(ITEMS)
    scores = {i: float(c == k) for i, c, k in zip(ITEMS, clicks, KEYS, strict=True)}
    choices = {i: c for i, c in zip(ITEMS, clicks, strict=True) if c != "-"}
    return StudentStatus(pid, "graded", score=sum(scores.values()), item_scores=scores,
                         choices=choices if recorded else None)


def _cohort(pattern: dict[str, str | None], recorded: bool = True) -> Cohort:
    roster = tuple(Participant(pid, "X Y", f"{pid.lower()}@example.org", pid[:3], "Registro Civil", "")
                   for pid in pattern)
    post = {pid: _status(pid, clicks, recorded) for pid, clicks in pattern.items()}
    return Cohort(roster, {}, post, _bank())


@pytest.fixture
def post() -> ia.QuestionnaireStats:
    return ia.analyse(_cohort(PATTERN), "post")


def _item(stats: ia.QuestionnaireStats, item_id: str) -> ia.ItemStats:
    return next(s for s in stats.items if s.item.id == item_id)


def test_the_built_pattern_is_what_the_docstring_says():
    cohort = _cohort(PATTERN)
    rows = [[cohort.post[pid].item_scores[i] for i in ITEMS] for pid in sorted(PATTERN)]
    assert rows == MATRIX


def test_an_item_everyone_answers_right(post):
    k1 = _item(post, "K-M1-01")
    assert k1.facility == 1.0
    assert k1.discrimination is None  # undefined, not 0 and not a crash
    assert k1.flags == ("too_easy", "unused_distractor") and k1.unused == ("B", "C", "D")
    assert k1.chosen == {"A": 6, "B": 0, "C": 0, "D": 0, "blank": 0}


def test_an_item_only_low_scorers_answer_right_discriminates_negatively(post):
    k2 = _item(post, "K-M1-02")
    # By hand: item x = 0 0 0 1 1 1, rest y = total - item = 4 3 3 2 1 1 (mean 7/3).
    # Sxy = -3, Sxx = 1.5, Syy = 66/9, so r = -3 / sqrt(1.5 * 66/9) = -3 / sqrt(11) = -0.905.
    assert k2.discrimination == pytest.approx(-3 / math.sqrt(11))
    assert k2.facility == 0.5
    assert k2.flags == ("negative_discrimination",)
    assert k2.chosen == {"A": 1, "B": 3, "C": 1, "D": 1, "blank": 0}


def test_every_discrimination_is_the_item_rest_correlation(post):
    for j, s in enumerate(post.items[1:], start=1):
        item = [row[j] for row in MATRIX]
        rest = [sum(row) - row[j] for row in MATRIX]
        assert s.discrimination == pytest.approx(statistics.correlation(item, rest))


def test_a_distractor_nobody_picks_is_flagged_by_letter(post):
    k3 = _item(post, "K-M2-01")
    assert k3.unused == ("D",) and "unused_distractor" in k3.flags
    assert k3.chosen == {"A": 1, "B": 1, "C": 3, "D": 0, "blank": 1}
    for other in ("K-M2-02", "K-M2-03"):
        assert _item(post, other).unused == () and "unused_distractor" not in _item(post, other).flags
    k5 = _item(post, "K-M2-03")
    assert k5.chosen == {"A": 2, "B": 1, "C": 1, "D": 1, "blank": 1}
    assert k5.facility == pytest.approx(2 / 6)


def test_weak_and_hard_flags_follow_the_thresholds():
    assert ia._flags(0.95, 0.5, ()) == ("too_easy",)
    assert ia._flags(0.9, 0.2, ()) == ()  # the thresholds themselves are not flagged
    assert ia._flags(0.19, 0.19, ()) == ("too_hard", "weak_discrimination")
    assert ia._flags(0.5, -0.01, ("C",)) == ("negative_discrimination", "unused_distractor")
    assert ia._flags(None, None, ()) == ()


def test_alpha_of_a_tiny_matrix_computed_by_hand():
    # Items (1,1,0) and (1,0,0): variances 1/3 and 1/3; totals (2,1,0): variance 1.
    # alpha = 2/1 * (1 - 2/3) = 2/3.
    assert ia.cronbach_alpha([[1, 1], [1, 0], [0, 0]]) == pytest.approx(2 / 3)
    # Identical items measure the same thing perfectly: alpha 1, no measurement error.
    same = [[1, 1, 1], [0, 0, 0], [1, 1, 1], [0, 0, 0]]
    assert ia.cronbach_alpha(same) == pytest.approx(1.0)
    assert ia.standard_error_of_measurement(statistics.stdev([3, 0, 3, 0]), 1.0) == 0.0


def test_alpha_and_sem_of_the_built_cohort(post):
    k = len(ITEMS)
    item_vars = sum(statistics.variance([row[j] for row in MATRIX]) for j in range(k))
    totals = [sum(row) for row in MATRIX]
    expected = k / (k - 1) * (1 - item_vars / statistics.variance(totals))
    assert post.alpha == pytest.approx(expected)
    # by hand: item variances 0, .3, .3, .3, 4/15 (sum 7/6); totals 4 3 3 3 2 2: variance 17/30;
    # alpha = 5/4 * (1 - (7/6) / (17/30)) = -45/34
    assert post.alpha == pytest.approx(-45 / 34)
    assert post.sd == pytest.approx(statistics.stdev(totals))
    assert post.sem == pytest.approx(post.sd * math.sqrt(1 - post.alpha))
    assert post.participants == 6 and post.small and post.mean == pytest.approx(17 / 6)


def test_sem_formula():
    assert ia.standard_error_of_measurement(4.0, 0.75) == pytest.approx(2.0)
    assert ia.standard_error_of_measurement(2.0, 0.0) == pytest.approx(2.0)
    assert ia.standard_error_of_measurement(None, 0.5) is None
    assert ia.standard_error_of_measurement(2.0, None) is None


@pytest.mark.parametrize(("name", "pattern"), [
    ("no participants", {}),
    ("one participant", {"GTM-01": "ABCDA"}),
    ("all blank", {"GTM-01": None, "GTM-02": None, "GTM-03": None}),
    ("zero variance", {"GTM-01": "ABAAA", "GTM-02": "ABAAA", "GTM-03": "ABAAA"}),
])
def test_edge_cases_give_clear_results_and_no_nan(name, pattern):
    stats = ia.analyse(_cohort(pattern), "post")
    assert stats.participants == len(pattern)
    assert stats.alpha is None and stats.sem is None
    assert all(s.discrimination is None for s in stats.items)
    if name == "all blank":
        assert all(s.facility == 0 and s.chosen["blank"] == 3 for s in stats.items)
        assert all("too_hard" in s.flags for s in stats.items)
    if name == "no participants":
        assert all(s.facility is None and s.flags == () for s in stats.items)
    page = item_analysis_section(_cohort(pattern))
    assert not re.search(r"\bnan\b", page, re.IGNORECASE)
    words = ItemAnalysisLabels()
    assert (words.empty if not pattern else words.undefined) in page


def test_results_saved_before_choices_were_kept_say_so():
    stats = ia.analyse(_cohort(PATTERN, recorded=False), "post")
    assert not stats.choices_recorded
    assert all(s.chosen is None and s.unused == () for s in stats.items)
    assert _item(stats, "K-M1-01").flags == ("too_easy",)  # facility still known
    page = item_analysis_section(_cohort(PATTERN, recorded=False))
    assert ItemAnalysisLabels().not_recorded.split("(")[0].strip() in page
    assert "Option A" not in page  # no column of zeros pretending nobody chose anything


def test_the_page_shows_flags_in_words_and_accessible_tables():
    page = item_analysis_section(_cohort(PATTERN))
    words = ItemAnalysisLabels()
    # one table per questionnaire (the pre one is empty here, and says so)
    assert page.count("<table>") == 1 and words.empty in page
    assert page.count("<caption>") == 1 and '<th scope="row">K-M1-02</th>' in page
    assert words.flags["too_easy"].format(too_easy="0.90") in page
    assert "negative discrimination" in page
    assert words.flags["unused_distractor"].format(letters="B, C, D") in page
    assert words.undefined in page  # K1's discrimination
    # indices always with two decimals; options as "n (p%)"
    row = re.search(r'<th scope="row">K-M1-02</th>(.*?)</tr>', page).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[:8] == ["B", "0.50", "-0.90", "1 (17%)", "3 (50%)", "1 (17%)", "1 (17%)", "0 (0%)"]
    assert "1.00" in page and "too easy" in page
    assert "Only 6 participants" in page  # the small-cohort note


def test_the_report_carries_the_section_and_its_csv_files(tmp_path):
    cohort = _cohort(PATTERN)
    files = write_report(cohort, tmp_path / "report", "Programme")
    page = files.html.read_text(encoding="utf-8")
    assert "Item analysis: how well each question measured" in page
    names = {p.name: p for p in files.tables}
    with names["item_analysis.csv"].open(encoding="utf-8") as fh:
        rows = {(r["phase"], r["item"]): r for r in csv.DictReader(fh)}
    k1, k2 = rows[("post", "K-M1-01")], rows[("post", "K-M1-02")]
    assert k1["facility"] == "1" and k1["discrimination"] == ""  # undefined: empty, not "nan"
    assert k1["flags"] == "too_easy; unused_distractor" and k1["unused_distractors"] == "B C D"
    assert float(k2["discrimination"]) == pytest.approx(-3 / math.sqrt(11), abs=1e-4)
    assert k2["n_B"] == "3" and k2["pct_B"] == "50" and k2["key"] == "B"
    assert rows[("pre", "K-M1-01")]["respondents"] == "0"
    with names["item_analysis_summary.csv"].open(encoding="utf-8") as fh:
        summary = {r["phase"]: r for r in csv.DictReader(fh)}
    assert float(summary["post"]["alpha"]) == pytest.approx(-45 / 34, abs=1e-3)
    assert summary["pre"]["alpha"] == "" and summary["pre"]["participants"] == "0"
    text = names["item_analysis.csv"].read_text(encoding="utf-8")
    assert "nan" not in text.lower() and "'" not in text  # numbers stay numbers


def test_text_from_the_bank_is_neutralised_in_the_csv(tmp_path):
    cohort = _cohort(PATTERN)
    evil = tuple(KnowledgeItem(k.id, "=cmd|' /C calc'!A0", k.objective, k.points, k.question,
                               k.options, k.answer, "", "") for k in cohort.bank.knowledge)
    bank = Bank(evil, cohort.bank.surveys, (), cohort.bank.path, cohort.bank.fingerprint)
    files = write_report(Cohort(cohort.roster, {}, cohort.post, bank), tmp_path / "r", "P")
    text = next(p for p in files.tables if p.name == "item_analysis.csv").read_text("utf-8")
    assert "'=cmd" in text and "\n=cmd" not in text and ",=cmd" not in text


def test_choices_survive_saving_and_old_status_files_read_as_not_recorded(tmp_path):
    from migration_course.core.course import Course
    from migration_course.grading.pipeline import load_statuses, save_statuses

    course = Course.create(tmp_path / "course")
    save_statuses(course, "post_questionnaire", {"GTM-01": _status("GTM-01", "AB-DA")})
    back = load_statuses(course, "post_questionnaire")["GTM-01"]
    assert back.choices == {"K-M1-01": "A", "K-M1-02": "B", "K-M2-02": "D", "K-M2-03": "A"}
    path = course.status_file("post_questionnaire")
    record = json.loads(path.read_text("utf-8"))
    del record["students"]["GTM-01"]["choices"]  # a file written before choices were kept
    path.write_text(json.dumps(record), encoding="utf-8")
    assert load_statuses(course, "post_questionnaire")["GTM-01"].choices is None


def test_an_unknown_phase_is_refused():
    with pytest.raises(ValueError, match="phase must be one of"):
        ia.analyse(_cohort(PATTERN), "during")


def test_the_definitions_quote_the_thresholds_the_code_uses():
    page = render(_cohort(PATTERN), "Programme")
    assert f"Above {ia.TOO_EASY:.2f}" in page and f"below {ia.TOO_HARD:.2f}" in page
    assert f"Below {ia.WEAK_DISCRIMINATION:.2f}" in page and f"fewer than {ia.MIN_STABLE}" in page


def test_a_bank_without_rating_items_still_gives_a_whole_report(tmp_path):
    cohort = _cohort(PATTERN)
    bank = Bank(cohort.bank.knowledge, {"expectations": (), "satisfaction": (), "intended_use": ()},
                (), cohort.bank.path, cohort.bank.fingerprint)
    files = write_report(Cohort(cohort.roster, {}, cohort.post, bank), tmp_path / "r", "P")
    page = files.html.read_text(encoding="utf-8")
    assert "K-M1-01" in page and "Traceback" not in page
