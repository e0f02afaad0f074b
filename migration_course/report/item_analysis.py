"""Item analysis of the knowledge questionnaires: how well each question measured.

A pre/post gain is only as good as the questions behind it. For each questionnaire (before,
after) this module computes, from the verified item scores and the options clicked that the
grading step saved:

- per question, the **facility index** (share answering correctly), the **discrimination
  index** (corrected item-rest correlation), how many chose each option A-D or left it blank,
  and flags that point an instructor to questions worth a second look;
- per questionnaire, **Cronbach's alpha** and the **standard error of measurement**.

Method, and whose definitions it follows:

- Facility and discrimination follow Moodle's quiz statistics: MoodleDocs, "Quiz statistics
  calculations" (https://docs.moodle.org/dev/Quiz_statistics_calculations) and its reference
  implementation, ``question/classes/statistics/questions/calculator.php`` in moodle/moodle.
  Facility is the mean mark on the item divided by its maximum mark (for one-key items, the
  share correct). The discrimination index is the Pearson correlation between the item's marks
  and the marks on the *rest* of the test (total minus this item), with n - 1 variances, and
  is undefined when either variance is zero (Moodle returns null there; so do we). Moodle prints
  it multiplied by 100; here it stays on the -1..1 scale of a correlation. Moodle's definition
  is the item-rest correlation, not the upper-minus-lower-27% index that some guides give
  under the same name: we follow Moodle. For a right/wrong item this correlation is the
  point-biserial coefficient.
- Cronbach's alpha: L. J. Cronbach (1951), "Coefficient alpha and the internal structure of
  tests", Psychometrika 16(3), 297-334: alpha = k / (k - 1) * (1 - sum of item variances /
  variance of totals). Moodle calls the same figure the coefficient of internal consistency.
- Standard error of measurement (classical test theory): SD of totals * sqrt(1 - alpha).

Thresholds for the flags (facility above 0.9 or below 0.2, discrimination below 0.2) are this
course's review prompts, not verdicts; they are constants below so that the report's
definitions print the same values the code uses. Statistics of a few dozen people are noisy:
below ``MIN_STABLE`` participants the report says so, and still shows every figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from migration_course.core.bank import LETTERS, KnowledgeItem
from migration_course.report.gain import Cohort

TOO_EASY = 0.9
TOO_HARD = 0.2
WEAK_DISCRIMINATION = 0.2
# At 30 people a correlation's standard error (about 1 / sqrt(n)) is 0.18, as wide as the gap
# between "weak" (0.2) and no discrimination at all: below that, flags are mostly noise.
MIN_STABLE = 30
NO_ANSWER = "blank"
OPTIONS = (*LETTERS, NO_ANSWER)
# Flag codes, in the order they are listed (the CSV keeps the codes; the page shows words).
FLAGS = ("too_easy", "too_hard", "negative_discrimination", "weak_discrimination",
         "unused_distractor")
PHASES = ("pre", "post")


# -- the statistics, on plain score matrices (rows: participants, columns: items) ------------
def variance(values: Sequence[float]) -> float | None:
    """Sample variance (n - 1), as Moodle uses; None with fewer than two values."""
    n = len(values)
    if n < 2:
        return None
    mean = sum(values) / n
    return sum((v - mean) ** 2 for v in values) / (n - 1)


def correlation(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson's r; None when fewer than two pairs or either side does not vary."""
    n = len(x)
    if n != len(y):
        raise ValueError(f"correlation of {n} values with {len(y)} values")
    if n < 2:
        return None
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if _is_zero(sxx) or _is_zero(syy):
        return None
    return sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / math.sqrt(sxx * syy)


def item_rest_correlation(matrix: Sequence[Sequence[float]], item: int) -> float | None:
    """Discrimination index of column ``item``: its correlation with the total of the others."""
    marks = [row[item] for row in matrix]
    rest = [sum(row) - row[item] for row in matrix]
    return correlation(marks, rest)


def cronbach_alpha(matrix: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha; None with fewer than two people or items, or when totals do not vary."""
    if len(matrix) < 2 or len(matrix[0]) < 2:
        return None
    k = len(matrix[0])
    total_var = variance([sum(row) for row in matrix])
    if total_var is None or _is_zero(total_var):
        return None
    item_vars = sum(variance([row[j] for row in matrix]) or 0.0 for j in range(k))
    return k / (k - 1) * (1 - item_vars / total_var)


def standard_error_of_measurement(sd: float | None, alpha: float | None) -> float | None:
    """SD * sqrt(1 - alpha), in the units of ``sd``; None when either is unknown.

    Alpha never exceeds 1 (Cauchy-Schwarz), so the root is real; the ``max`` only absorbs
    rounding at exactly 1.
    """
    if sd is None or alpha is None:
        return None
    return sd * math.sqrt(max(0.0, 1.0 - alpha))


def _is_zero(value: float) -> bool:
    return math.isclose(value, 0.0, abs_tol=1e-12)


# -- one questionnaire of a cohort ----------------------------------------------------------
@dataclass(frozen=True)
class ItemStats:
    """One question in one questionnaire.

    ``chosen`` counts each option and ``NO_ANSWER``; it is None when the options clicked were
    not recorded (statuses saved before the grading step kept them).
    """

    item: KnowledgeItem
    respondents: int
    facility: float | None
    discrimination: float | None
    chosen: dict[str, int] | None
    flags: tuple[str, ...]
    unused: tuple[str, ...]


@dataclass(frozen=True)
class QuestionnaireStats:
    """The whole questionnaire of one phase: its items and its reliability."""

    phase: str
    participants: int
    items: tuple[ItemStats, ...]
    max_points: float
    mean: float | None
    sd: float | None
    alpha: float | None
    sem: float | None
    choices_recorded: bool

    @property
    def small(self) -> bool:
        """Too few participants for stable item statistics (the figures are still shown)."""
        return self.participants < MIN_STABLE

    @property
    def margin(self) -> float | None:
        """About two standard errors of a correlation, 2 / sqrt(n): how far a DI may be off."""
        return 2 / math.sqrt(self.participants) if self.participants else None


def analyse(cohort: Cohort, phase: str) -> QuestionnaireStats:
    """Item analysis of one phase over every participant graded in it."""
    if phase not in PHASES:
        raise ValueError(f"phase must be one of {PHASES}, not {phase!r}")
    graded = [st for _, st in sorted(cohort.graded(phase).items())]
    knowledge = cohort.bank.knowledge
    matrix = [[st.item_scores.get(k.id, 0.0) for k in knowledge] for st in graded]
    recorded = all(st.choices is not None for st in graded)
    items = []
    for j, k in enumerate(knowledge):
        marks = [row[j] for row in matrix]
        facility = sum(marks) / len(marks) / k.points if marks and k.points else None
        discrimination = item_rest_correlation(matrix, j) if matrix else None
        chosen = None
        if recorded:
            picks = [(st.choices or {}).get(k.id, NO_ANSWER) for st in graded]
            chosen = {option: picks.count(option) for option in OPTIONS}
        unused = tuple(x for x in LETTERS if x != k.answer and chosen is not None
                       and graded and chosen[x] == 0)
        items.append(ItemStats(k, len(graded), facility, discrimination, chosen,
                               _flags(facility, discrimination, unused), unused))
    totals = [sum(row) for row in matrix]
    total_var = variance(totals)
    sd = math.sqrt(total_var) if total_var is not None else None
    alpha = cronbach_alpha(matrix)
    return QuestionnaireStats(
        phase, len(graded), tuple(items), sum(k.points for k in knowledge),
        sum(totals) / len(totals) if totals else None, sd, alpha,
        standard_error_of_measurement(sd, alpha), recorded)


def _flags(facility: float | None, discrimination: float | None,
           unused: tuple[str, ...]) -> tuple[str, ...]:
    raised = set()
    if facility is not None and facility > TOO_EASY:
        raised.add("too_easy")
    if facility is not None and facility < TOO_HARD:
        raised.add("too_hard")
    if discrimination is not None and discrimination < 0:
        raised.add("negative_discrimination")
    elif discrimination is not None and discrimination < WEAK_DISCRIMINATION:
        raised.add("weak_discrimination")
    if unused:
        raised.add("unused_distractor")
    return tuple(f for f in FLAGS if f in raised)


# -- tables for the CSV files (stable column names, whatever the report's language) ---------
def item_table(analyses: Sequence[QuestionnaireStats]) -> pd.DataFrame:
    """One row per question and questionnaire: indices, options chosen (n and %), flags."""
    rows = []
    for a in analyses:
        for s in a.items:
            row: dict[str, object] = {
                "phase": a.phase, "item": s.item.id, "module": s.item.module,
                "objective": s.item.objective, "key": s.item.answer,
                "respondents": s.respondents, "facility": s.facility,
                "discrimination": s.discrimination}
            for option in OPTIONS:
                count = s.chosen[option] if s.chosen is not None else None
                row[f"n_{option}"] = count
                row[f"pct_{option}"] = (100 * count / s.respondents
                                        if count is not None and s.respondents else None)
            row["flags"] = "; ".join(s.flags)
            row["unused_distractors"] = " ".join(s.unused)
            rows.append(row)
    columns = ["phase", "item", "module", "objective", "key", "respondents", "facility",
               "discrimination", *(f"{p}_{o}" for o in OPTIONS for p in ("n", "pct")),
               "flags", "unused_distractors"]
    table = pd.DataFrame(rows, columns=columns)
    for option in OPTIONS:  # counts stay whole numbers in the CSV, blank when not recorded
        table[f"n_{option}"] = table[f"n_{option}"].astype("Int64")
    return table


def summary_table(analyses: Sequence[QuestionnaireStats]) -> pd.DataFrame:
    """One row per questionnaire: participants, mean and SD of totals, alpha, SEM."""
    return pd.DataFrame([
        {"phase": a.phase, "participants": a.participants, "items": len(a.items),
         "max_points": a.max_points, "mean_points": a.mean, "sd_points": a.sd,
         "alpha": a.alpha, "sem_points": a.sem, "small_cohort": a.small,
         "choices_recorded": a.choices_recorded}
        for a in analyses],
        columns=["phase", "participants", "items", "max_points", "mean_points", "sd_points",
                 "alpha", "sem_points", "small_cohort", "choices_recorded"])


def analyse_both(cohort: Cohort) -> tuple[QuestionnaireStats, QuestionnaireStats]:
    """The item analysis of the questionnaire before and the one after."""
    return analyse(cohort, "pre"), analyse(cohort, "post")
