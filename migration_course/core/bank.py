"""Load and validate a course's question bank.

The bank (``<course>/bank/questions.yml``) is the single source of both questionnaires and of
their key, so every rule the rest of the pipeline relies on is checked here, once: stable
unique IDs, four options with one key, a real learning objective of the right module, the
cognitive level each item asks for, at least four knowledge items per module, and IDs that were
retired never coming back with another meaning. Errors name the file, the item and the field, and all of them
are reported together, so an instructor editing the YAML fixes everything in one pass.

A bank belongs to one course folder (:class:`migration_course.core.course.Course` loads it);
nothing reads a bank from a default path or the environment, so a private course can never be
scored against another course's key.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from migration_course.core.objectives import (
    BankError,
    Module,
    load_objectives,
    raise_if,
    read_yaml,
)
from migration_course.core.paths import OBJECTIVES_FILE

__all__ = ["ASSIGNMENTS", "LETTERS", "LEVELS", "PHASE_OF", "Bank", "BankError", "KnowledgeItem",
           "RetiredItem", "SurveyItem", "level_problem", "load_bank"]

LETTERS = ("A", "B", "C", "D")
# What an item asks the participant to do: remember a fact or definition, use it on a short case
# (apply), or read a table or figure given in the question (interpret). Recorded per item so the
# mix can be checked: a pre/post gain on recall items alone says little about learning.
LEVELS = ("recall", "apply", "interpret")
MIN_KNOWLEDGE_PER_MODULE = 4
PHASES = ("pre", "post")
# Which sections each questionnaire shows. Knowledge is in both, so the gain can be measured.
SECTIONS_BY_PHASE: dict[str, tuple[str, ...]] = {
    "pre": ("knowledge", "expectations"),
    "post": ("knowledge", "satisfaction", "intended_use"),
}
SURVEY_SECTIONS = ("expectations", "satisfaction", "intended_use")
ITEM_ID = re.compile(r"^[A-Z]-(M\d+-)?\d{2}$")
# The nbgrader assignment of each questionnaire, and back.
ASSIGNMENTS = {"pre": "pre_questionnaire", "post": "post_questionnaire"}
PHASE_OF = {a: p for p, a in ASSIGNMENTS.items()}


@dataclass(frozen=True)
class KnowledgeItem:
    """A single-choice question with four options, one key and the objective it tests."""

    id: str
    module: str
    objective: str
    points: float
    question: str
    options: dict[str, str]
    answer: str
    feedback: str
    source: str
    level: str = "recall"
    # A small table the question asks the participant to read: header row first, as strings.
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class RetiredItem:
    """A knowledge item ID taken out of use: it is never asked again and never reused.

    Why keep it: results, exports and answer sheets of earlier cohorts name the ID, so the same
    ID must never come back with another question (the bank's ID rule).
    """

    id: str
    reason: str
    replaced_by: str = ""


@dataclass(frozen=True)
class SurveyItem:
    """An ungraded item: a Likert rating (1-5 with labels) or an open text answer."""

    id: str
    section: str
    kind: str  # "likert" or "text"
    question: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bank:
    """The validated bank: knowledge items, survey items by section, modules, source file.

    ``fingerprint`` (a hash of the file's bytes) is recorded with every grading outcome, so
    results can never be read against another bank than the one they were scored with.
    """

    knowledge: tuple[KnowledgeItem, ...]
    surveys: dict[str, tuple[SurveyItem, ...]]
    modules: tuple[Module, ...]
    path: Path
    fingerprint: str
    retired: tuple[RetiredItem, ...] = ()
    # The language of the words; the key is the same in every language (core.bank_translation).
    language: str = "en"

    def items_for(self, phase: str) -> list[KnowledgeItem | SurveyItem]:
        """All items of one questionnaire, in the order they are asked."""
        out: list[KnowledgeItem | SurveyItem] = []
        for section in SECTIONS_BY_PHASE[phase]:
            out.extend(self.knowledge if section == "knowledge" else self.surveys[section])
        return out

    def survey_items(self, phase: str) -> list[SurveyItem]:
        """The ungraded items of one questionnaire."""
        return [i for i in self.items_for(phase) if isinstance(i, SurveyItem)]

    def kinds(self, phase: str) -> dict[str, str]:
        """Item ID -> "choice", "likert" or "text", for the form and the static reader."""
        return {i.id: (i.kind if isinstance(i, SurveyItem) else "choice")
                for i in self.items_for(phase)}

    @property
    def key(self) -> dict[str, str]:
        """Item ID -> correct letter. Instructor-side only: never write this into a release."""
        return {k.id: k.answer for k in self.knowledge}

    def module(self, module_id: str) -> Module:
        """The module with this ID."""
        return next(m for m in self.modules if m.id == module_id)


def _objectives_path(bank: Path, named: object) -> Path:
    """Where the bank's ``objectives_file`` is.

    A relative path is read from the bank's folder. The learning objectives are public and
    belong to the book, so a course folder kept outside the repository, whose bank still
    names the repository's relative path, reads the book's own file.
    """
    if not named:
        return OBJECTIVES_FILE
    candidate = (Path(bank).parent / str(named)).resolve()
    return candidate if candidate.exists() else OBJECTIVES_FILE


def load_bank(path: Path, objectives: Path | None = None) -> Bank:
    """Read and validate the question bank; raise :class:`BankError` listing every problem."""
    path = Path(path)
    data = read_yaml(path)
    if objectives is None:
        objectives = _objectives_path(path, data.get("objectives_file"))
    modules = load_objectives(objectives)
    objective_module = {o.id: m.id for m in modules for o in m.objectives}
    scales = {str(k): tuple(str(x) for x in v) for k, v in (data.get("scales") or {}).items()}
    problems: list[str] = []
    for name, labels in scales.items():
        if len(labels) != 5:
            problems.append(f"{path}: scale {name!r} needs 5 labels, has {len(labels)}")

    knowledge = [_knowledge(raw, path, objective_module, problems)
                 for raw in data.get("knowledge") or []]
    surveys = {s: tuple(_survey(raw, s, path, scales, problems) for raw in data.get(s) or [])
               for s in SURVEY_SECTIONS}
    ids = [k.id for k in knowledge] + [i.id for items in surveys.values() for i in items]
    for item_id, n in Counter(ids).items():
        if n > 1:
            problems.append(f"{path}: item id {item_id} is used {n} times; IDs must be unique")
    retired = _retired(data.get("retired") or [], path, {k.id for k in knowledge}, problems)
    per_module = Counter(k.module for k in knowledge)
    for m in modules:
        if per_module[m.id] < MIN_KNOWLEDGE_PER_MODULE:
            problems.append(f"{path}: module {m.id} has {per_module[m.id]} knowledge items; "
                            f"add at least {MIN_KNOWLEDGE_PER_MODULE}")
    for s in SURVEY_SECTIONS:
        if not surveys[s]:
            problems.append(f"{path}: section {s!r} is empty")
    raise_if(problems)
    return Bank(tuple(knowledge), surveys, modules, path,
                hashlib.sha256(path.read_bytes()).hexdigest()[:16], retired)


def level_problem(level: object) -> str | None:
    """Why ``level`` is not a valid cognitive level, or None (shared with the self-checks)."""
    if level in LEVELS:
        return None
    return f"field 'level' must be one of {', '.join(LEVELS)}, got {level!r}"


def _retired(raw: list, path: Path, active: set[str], problems: list[str]) -> tuple[RetiredItem, ...]:
    """The ``retired`` section: IDs that no active item may use again."""
    out = []
    for entry in raw:
        entry = entry if isinstance(entry, dict) else {"id": entry}
        item_id = str(entry.get("id", "?"))
        where = f"{path}: retired item {item_id}"
        replaced_by = str(entry.get("replaced_by") or "")
        if not ITEM_ID.fullmatch(item_id) or not item_id.startswith("K-"):
            problems.append(f"{where}: field 'id' must look like K-M1-01")
        if item_id in active:
            problems.append(f"{where}: this ID is retired but a knowledge item still uses it; give "
                            "that item a new ID (an ID never changes meaning)")
        if not str(entry.get("reason", "")).strip():
            problems.append(f"{where}: field 'reason' is missing; say why it was retired")
        if replaced_by and replaced_by not in active:
            problems.append(f"{where}: field 'replaced_by' {replaced_by!r} is not a knowledge item "
                            "of this bank")
        out.append(RetiredItem(item_id, str(entry.get("reason", "")).strip(), replaced_by))
    for item_id, n in Counter(r.id for r in out).items():
        if n > 1:
            problems.append(f"{path}: retired item {item_id} is listed {n} times")
    return tuple(out)


def _table(raw: object, where: str, problems: list[str]) -> tuple[tuple[str, ...], ...]:
    """An optional table in the question: a header row and at least one data row, all as long."""
    if raw is None:
        return ()
    rows = raw if isinstance(raw, list) else []
    table = tuple(tuple(str(c).strip() for c in row) for row in rows if isinstance(row, list))
    if (len(table) < 2 or len(table) != len(rows) or len({len(r) for r in table}) != 1
            or len(table[0]) < 2 or not all(all(r) for r in table)):
        problems.append(f"{where}: field 'table' must be a list of rows (header first, then at least "
                        "one row), each a list of the same number (2 or more) of non-empty cells")
        return ()
    return table


def _knowledge(raw: dict, path: Path, objective_module: dict[str, str],
               problems: list[str]) -> KnowledgeItem:
    item_id = str(raw.get("id", "?"))
    where = f"{path}: knowledge item {item_id}"
    if not ITEM_ID.fullmatch(item_id) or not item_id.startswith("K-"):
        problems.append(f"{where}: field 'id' must look like K-M1-01")
    for fname in ("question", "feedback", "source"):
        if not str(raw.get(fname, "")).strip():
            problems.append(f"{where}: field {fname!r} is missing or empty")
    options = {str(k): str(v).strip() for k, v in (raw.get("options") or {}).items()}
    if tuple(options) != LETTERS or not all(options.values()):
        problems.append(f"{where}: field 'options' needs exactly A, B, C, D, each with text")
    answer = str(raw.get("answer", ""))
    if answer not in LETTERS:
        problems.append(f"{where}: field 'answer' must be one of A, B, C, D, got {answer!r}")
    objective = str(raw.get("objective", ""))
    module = str(raw.get("module", ""))
    if objective_module.get(objective) != module:
        problems.append(f"{where}: field 'objective' {objective!r} is not an objective of "
                        f"module {module!r} in the learning objectives file")
    points = raw.get("points", 1)
    if not isinstance(points, int | float) or points <= 0:
        problems.append(f"{where}: field 'points' must be a positive number, got {points!r}")
        points = 1
    level = raw.get("level")
    if (problem := level_problem(level)) is not None:
        problems.append(f"{where}: {problem} (what the item asks: recall a fact, apply it to a case, "
                        "or interpret a table or figure given in the question)")
    return KnowledgeItem(item_id, module, objective, float(points),
                         " ".join(str(raw.get("question", "")).split()), options, answer,
                         str(raw.get("feedback", "")).strip(), str(raw.get("source", "")).strip(),
                         str(level), _table(raw.get("table"), where, problems))


def _survey(raw: dict, section: str, path: Path, scales: dict[str, tuple[str, ...]],
            problems: list[str]) -> SurveyItem:
    item_id = str(raw.get("id", "?"))
    where = f"{path}: {section} item {item_id}"
    if not ITEM_ID.fullmatch(item_id) or item_id.startswith("K-"):
        problems.append(f"{where}: field 'id' must look like E-01, S-01 or U-01")
    kind = str(raw.get("kind", ""))
    labels: tuple[str, ...] = ()
    if kind == "likert":
        scale = str(raw.get("scale", ""))
        if scale not in scales:
            problems.append(f"{where}: field 'scale' {scale!r} is not one of {sorted(scales)}")
        labels = scales.get(scale, ())
    elif kind != "text":
        problems.append(f"{where}: field 'kind' must be 'likert' or 'text', got {kind!r}")
    if not str(raw.get("question", "")).strip():
        problems.append(f"{where}: field 'question' is missing or empty")
    return SurveyItem(item_id, section, kind, " ".join(str(raw.get("question", "")).split()),
                      labels)
