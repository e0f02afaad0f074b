"""Learning gain, item difficulty and survey results of one cohort, as plain tables.

The concept note asks to measure progress in knowledge and satisfaction by comparing the
questionnaire before with the one after. Everything here is computed from what the grading
step recorded (verified scores per item, statically read survey answers) and the roster; no
nbgrader run, no names: participants appear only by pseudonymous ID.

The definitions (:func:`definitions`, from the string catalogue) are printed in the report itself, so a
reader can recompute any figure from the CSV tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from migration_course.core import strings
from migration_course.core.bank import Bank, SurveyItem
from migration_course.core.errors import UserError
from migration_course.core.participants import CIVIL_SOCIETY, OBSERVER, Participant
from migration_course.core.textfiles import fold
from migration_course.countries import BY_ISO3, place_name
from migration_course.grading.pipeline import StudentStatus

MIN_GROUP = 3
def definitions(language: str | None = None) -> list[str]:
    """How every figure is computed, as printed in the report (``report.definitions``)."""
    return strings.text("report.definitions", language, min_group=MIN_GROUP).split("\n")


def suppressed_note(language: str | None = None) -> str:
    """The note of a group too small to publish."""
    return strings.text("report.groups.suppressed", language, min_group=MIN_GROUP)


def group_name(code: str, language: str | None = None) -> str:
    """A per-country row's name: the country, "RCM observers", "Civil society (RROCM)".

    Observers and civil society have no member country: each category is a group of its own, so
    they are neither put under a country nor left out of the groups (which would let a small
    group's mean be worked out from the cohort's).
    """
    if code in BY_ISO3:
        return place_name(code, language)
    if code in (OBSERVER, CIVIL_SOCIETY):
        return strings.text(f"report.groups.{code}", language)
    return code or strings.text("report.groups.not_on_roster", language)
# The concept note's recommended profile: 2 migration institution, 1 foreign affairs or
# consular, 2 national planning. Focal points write institutions in their own words, so the
# type is recognised from folded keywords; anything else is "Other" (and is still reported).
INSTITUTION_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Foreign affairs / consular", ("foreign", "exterior", "cancilleria", "consul",
                                    "global affairs", "department of state", "relaciones")),
    ("Migration institution", ("migra", "immigration", "refugee", "refugiad", "citizenship",
                               "homeland security", "border")),
    ("National planning", ("planning", "planificacion", "planeacion", "mideplan", "segeplan",
                           "development", "desarrollo", "economia", "economy")),
)
OTHER_INSTITUTION = "Other"
# The catalogue's key of each type (report.institution_types.<key>): the English labels above
# stay the codes written in the CSV tables, whatever the report's language.
INSTITUTION_KEYS = {"Foreign affairs / consular": "foreign_affairs", "Migration institution": "migration",
                    "National planning": "planning", OTHER_INSTITUTION: "other"}


def institution_type(institution: str) -> str:
    """The concept note's profile an institution belongs to, from its name."""
    folded = fold(institution)
    for label, keys in INSTITUTION_TYPES:
        if any(k in folded for k in keys):
            return label
    return OTHER_INSTITUTION


def normalised_gain(pre: float, post: float) -> float | None:
    """Hake's normalised gain for scores in percent; None when nothing was left to learn."""
    if pre >= 100:
        return None
    return (post - pre) / (100 - pre)


@dataclass(frozen=True)
class Cohort:
    """The inputs of the report: roster, both phases' grading statuses, the bank."""

    roster: tuple[Participant, ...]
    pre: dict[str, StudentStatus]
    post: dict[str, StudentStatus]
    bank: Bank

    @property
    def max_score(self) -> float:
        """Knowledge points available in each questionnaire."""
        return sum(k.points for k in self.bank.knowledge)

    def people(self) -> list[str]:
        """Everyone the report covers: the roster (see :func:`on_roster_only`)."""
        ids = {p.id for p in self.roster} or set(self.pre) | set(self.post)
        return sorted(ids)

    def graded(self, phase: str) -> dict[str, StudentStatus]:
        """Participants whose questionnaire of this phase has a verified score."""
        statuses = self.pre if phase == "pre" else self.post
        return {s: st for s, st in statuses.items() if st.status == "graded" and st.score is not None}

    def matched(self) -> list[str]:
        """Participants graded before AND after: the only ones whose gain is measurable."""
        return sorted(set(self.graded("pre")) & set(self.graded("post")))


class ReportInputError(UserError, ValueError):
    """The grading results do not fit the bank or the roster; the message says what to do."""


def on_roster_only(cohort: Cohort) -> tuple[Cohort, list[str]]:
    """The cohort without results of IDs missing from the roster, and those IDs.

    A test submission by an instructor, or a participant removed from the roster, would
    otherwise count in every mean and push response rates over 100%.
    """
    ids = {p.id for p in cohort.roster}
    if not ids:
        return cohort, []
    extra = sorted((set(cohort.pre) | set(cohort.post)) - ids)
    keep = {phase: {s: st for s, st in statuses.items() if s in ids}
            for phase, statuses in (("pre", cohort.pre), ("post", cohort.post))}
    return Cohort(cohort.roster, keep["pre"], keep["post"], cohort.bank), extra


def check_bank(cohort: Cohort) -> None:
    """Fail when the results were graded against another bank than the one loaded.

    Saved statuses already carry the fingerprint of the bank that scored them; this guards the
    cohorts built by hand (tests, the demo): scores read against other items would turn into
    wrong percentages and 0% items without a word.
    """
    bank_items = {k.id for k in cohort.bank.knowledge}
    for phase, statuses in (("pre", cohort.pre), ("post", cohort.post)):
        for pid, st in statuses.items():
            if st.status == "graded" and set(st.item_scores) != bank_items:
                raise ReportInputError(
                    f"the {phase}-questionnaire results of {pid} were graded with other "
                    f"questions than those of the bank {cohort.bank.path}; grade them again "
                    "with this course's bank")


def participants(cohort: Cohort) -> pd.DataFrame:
    """One row per participant (pseudonymous ID): statuses, scores in %, gain. Private output."""
    info = {p.id: p for p in cohort.roster}
    rows = []
    for pid in cohort.people():
        p = info.get(pid)
        row: dict[str, object] = {
            "participant": pid,
            "country": p.group if p else "",  # observers, civil society: their own group
            "institution_type": institution_type(p.institution) if p else "",
            "pre_status": _status(cohort.pre.get(pid)),
            "post_status": _status(cohort.post.get(pid)),
        }
        pre, post = cohort.graded("pre").get(pid), cohort.graded("post").get(pid)
        row["pre_pct"] = _pct(pre.score, cohort.max_score) if pre else None
        row["post_pct"] = _pct(post.score, cohort.max_score) if post else None
        both = pre is not None and post is not None
        row["gain_points"] = (row["post_pct"] - row["pre_pct"]) if both else None  # type: ignore[operator]
        row["normalised_gain"] = normalised_gain(row["pre_pct"], row["post_pct"]) if both else None  # type: ignore[arg-type]
        rows.append(row)
    columns = ["participant", "country", "institution_type", "pre_status", "post_status",
               "pre_pct", "post_pct", "gain_points", "normalised_gain"]
    return pd.DataFrame(rows, columns=columns)


def responses(cohort: Cohort) -> pd.DataFrame:
    """How many took part at each step, as counts and shares of the roster."""
    n = len(cohort.roster)
    steps = [
        ("On the roster", n),
        ("Pre-questionnaire submitted", _submitted(cohort.pre)),
        ("Pre-questionnaire graded", len(cohort.graded("pre"))),
        ("Post-questionnaire submitted", _submitted(cohort.post)),
        ("Post-questionnaire graded", len(cohort.graded("post"))),
        ("Both graded (gain measurable)", len(cohort.matched())),
    ]
    return pd.DataFrame([{"step": s, "participants": k,
                          "share_of_roster_pct": round(100 * k / n, 1) if n else None}
                         for s, k in steps])


def cohort_summary(cohort: Cohort) -> dict[str, float | int | None]:
    """Mean pre and post score of the matched pairs, class-average and mean individual gain."""
    table = participants(cohort)
    pairs = table[table["participant"].isin(cohort.matched())]
    if pairs.empty:
        return {"pairs": 0, "mean_pre_pct": None, "mean_post_pct": None,
                "class_normalised_gain": None, "mean_individual_gain": None}
    pre, post = float(pairs["pre_pct"].mean()), float(pairs["post_pct"].mean())
    gains = pairs["normalised_gain"].dropna()
    return {"pairs": len(pairs), "mean_pre_pct": pre, "mean_post_pct": post,
            "class_normalised_gain": normalised_gain(pre, post),
            "mean_individual_gain": float(gains.mean()) if len(gains) else None}


def items(cohort: Cohort) -> pd.DataFrame:
    """Per knowledge item: share correct before and after (all graded respondents of each)."""
    pre, post = cohort.graded("pre"), cohort.graded("post")
    rows = []
    for k in cohort.bank.knowledge:
        rows.append({"item": k.id, "module": k.module, "objective": k.objective,
                     "question": k.question,
                     "n_pre": len(pre), "correct_pre_pct": _facility(pre.values(), k.id, k.points),
                     "n_post": len(post),
                     "correct_post_pct": _facility(post.values(), k.id, k.points)})
    table = pd.DataFrame(rows)
    table["change_points"] = table["correct_post_pct"] - table["correct_pre_pct"]
    return table


def outcomes_by(cohort: Cohort, level: str) -> pd.DataFrame:
    """Mean score before and after and class gain per ``module`` or ``objective`` (matched pairs)."""
    if level not in ("module", "objective"):
        raise ValueError(f"level must be 'module' or 'objective', not {level!r}")
    pairs = cohort.matched()
    titles = {m.id: f"{m.number}. {m.title}" for m in cohort.bank.modules}
    titles.update({o.id: o.text for m in cohort.bank.modules for o in m.objectives})
    groups: dict[str, list] = {}
    for k in cohort.bank.knowledge:
        groups.setdefault(getattr(k, level), []).append(k)
    rows = []
    for key, ks in groups.items():
        points = sum(k.points for k in ks) * len(pairs)
        pre = _earned(cohort.pre, pairs, ks)
        post = _earned(cohort.post, pairs, ks)
        pre_pct = 100 * pre / points if points else None
        post_pct = 100 * post / points if points else None
        rows.append({level: key, "title": titles.get(key, ""), "items": len(ks),
                     "pairs": len(pairs), "pre_pct": pre_pct, "post_pct": post_pct,
                     "normalised_gain": (normalised_gain(pre_pct, post_pct)
                                         if pre_pct is not None else None)})
    return pd.DataFrame(rows)


def by_group(cohort: Cohort, column: str, language: str | None = None) -> pd.DataFrame:
    """Matched-pair scores and class gain per ``country`` or ``institution_type``.

    Groups under ``MIN_GROUP`` are suppressed, and so are others if needed (see
    :func:`suppressed_groups`), because the cohort's overall mean is published too.
    """
    table = participants(cohort)
    pairs = table[table["participant"].isin(cohort.matched())]
    sizes = pairs.groupby(column).size().to_dict()
    hidden = suppressed_groups(sizes)
    rows = []
    for key, group in sorted(pairs.groupby(column), key=lambda kv: str(kv[0])):
        label = group_name(str(key), language) if column == "country" else \
            strings.text(f"report.institution_types.{INSTITUTION_KEYS[str(key)]}", language)
        n = len(group)
        if key in hidden:
            rows.append({"group": label, "pairs": n, "pre_pct": None, "post_pct": None,
                         "normalised_gain": None, "note": suppressed_note(language)})
            continue
        pre, post = float(group["pre_pct"].mean()), float(group["post_pct"].mean())
        rows.append({"group": label, "pairs": n, "pre_pct": pre, "post_pct": post,
                     "normalised_gain": normalised_gain(pre, post), "note": ""})
    return pd.DataFrame(rows, columns=["group", "pairs", "pre_pct", "post_pct",
                                       "normalised_gain", "note"])


def suppressed_groups(sizes: dict[str, int]) -> set[str]:
    """Groups whose figures must not be published, given every group's size.

    Primary suppression hides groups of fewer than ``MIN_GROUP`` people. That is not enough
    when the whole cohort's mean is also shown: with one hidden group, its mean follows from
    the total and the other groups. So hidden groups must be at least two and hold at least
    ``MIN_GROUP`` people together; the smallest visible groups are hidden until they do.
    """
    hidden = {g for g, n in sizes.items() if n < MIN_GROUP}
    visible = sorted((n, str(g), g) for g, n in sizes.items() if g not in hidden)
    while hidden and visible and (len(hidden) < 2
                                  or sum(sizes[g] for g in hidden) < MIN_GROUP):
        hidden.add(visible.pop(0)[2])
    return hidden


LIKERT_COLUMNS = ["phase", "item", "section", "question", "respondents", "mean",
                  *(str(point) for point in range(1, 6)), "scale"]


def likert(cohort: Cohort) -> pd.DataFrame:
    """Every rating item of both questionnaires: respondents, mean, count per point 1-5.

    Items use different scales (satisfaction, agreement, likelihood), so the points are the
    columns and each row says what its 1 and 5 mean.
    """
    rows = []
    for phase, statuses in (("pre", cohort.pre), ("post", cohort.post)):
        for item in cohort.bank.survey_items(phase):
            if item.kind != "likert":
                continue
            values = _ratings(statuses.values(), item)
            row: dict[str, object] = {"phase": phase, "item": item.id, "section": item.section,
                                      "question": item.question, "respondents": len(values),
                                      "mean": sum(values) / len(values) if values else None}
            row.update({str(point): values.count(point) for point in range(1, 6)})
            row["scale"] = " / ".join(f"{i} {label}" for i, label in enumerate(item.labels, 1))
            rows.append(row)
    # A bank without rating items still gives the table its columns (the chart and the CSV
    # then say "no ratings" instead of failing on a missing column).
    return pd.DataFrame(rows, columns=LIKERT_COLUMNS)


def open_answers(cohort: Cohort) -> pd.DataFrame:
    """Open-text answers by pseudonymous ID (private: free text may name people or places)."""
    rows = []
    for phase, statuses in (("pre", cohort.pre), ("post", cohort.post)):
        for item in cohort.bank.survey_items(phase):
            if item.kind != "text":
                continue
            for pid, st in sorted(statuses.items()):
                answer = st.survey.get(item.id)
                if isinstance(answer, str) and answer.strip():
                    rows.append({"phase": phase, "item": item.id, "question": item.question,
                                 "participant": pid, "answer": answer.strip()})
    return pd.DataFrame(rows, columns=["phase", "item", "question", "participant", "answer"])


# The rating before and the rating after that the report sets side by side: how useful people
# expected the programme to be, and how satisfied they were with it.
EXPECTATION_PAIR = ("E-02", "S-01")


def expectation_vs_satisfaction(cohort: Cohort, expected: str = EXPECTATION_PAIR[0],
                                met: str = EXPECTATION_PAIR[1]) -> pd.DataFrame:
    """Per participant who answered both: expected usefulness before vs satisfaction after."""
    rows = []
    for pid in sorted(set(cohort.pre) & set(cohort.post)):
        before = cohort.pre[pid].survey.get(expected)
        after = cohort.post[pid].survey.get(met)
        if isinstance(before, int) and isinstance(after, int):
            rows.append({"participant": pid, expected: before, met: after})
    return pd.DataFrame(rows, columns=["participant", expected, met])


# -- helpers ---------------------------------------------------------------------------------
def _status(st: StudentStatus | None) -> str:
    return "missing" if st is None else st.status


def _submitted(statuses: dict[str, StudentStatus]) -> int:
    return sum(st.status in ("graded", "failed") for st in statuses.values())


def _pct(score: float | None, max_score: float) -> float | None:
    return None if score is None or not max_score else 100 * score / max_score


def _facility(statuses: Iterable[StudentStatus], item: str, points: float) -> float | None:
    graded = list(statuses)
    if not graded:
        return None
    return 100 * sum(st.item_scores.get(item, 0.0) >= points for st in graded) / len(graded)


def _earned(statuses: dict[str, StudentStatus], pairs: list[str], ks: list) -> float:
    return sum(statuses[p].item_scores.get(k.id, 0.0) for p in pairs for k in ks)


def _ratings(statuses: Iterable[StudentStatus], item: SurveyItem) -> list[int]:
    return [v for st in statuses if isinstance(v := st.survey.get(item.id), int)
            and not isinstance(v, bool) and 1 <= v <= 5]
