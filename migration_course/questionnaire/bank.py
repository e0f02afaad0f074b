"""Load and validate the question bank and the modules' learning objectives.

The bank (``assessments/bank/questions.yml``) is the single source of both questionnaires, so
every rule the rest of the pipeline relies on is checked here, once: stable unique IDs, four
options with one key, a real learning objective of the right module, at least four knowledge
items per module. Errors name the file, the item and the field, and all of them are reported
together, so an instructor editing the YAML fixes everything in one pass.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
# The bank committed with the course: a complete, working demonstration (its key is public,
# like the rest of the repository). For a real cohort, keep a private copy of the bank outside
# any public repository and point RCM_QUESTION_BANK at it: every command then reads that one.
REPO_BANK = REPO_ROOT / "assessments" / "bank" / "questions.yml"
DEFAULT_BANK = Path(os.environ.get("RCM_QUESTION_BANK") or REPO_BANK)
DEFAULT_OBJECTIVES = REPO_ROOT / "modules" / "learning_objectives.yml"

LETTERS = ("A", "B", "C", "D")
MIN_KNOWLEDGE_PER_MODULE = 4
PHASES = ("pre", "post")
# Which sections each questionnaire shows. Knowledge is in both, so the gain can be measured.
SECTIONS_BY_PHASE: dict[str, tuple[str, ...]] = {
    "pre": ("knowledge", "expectations"),
    "post": ("knowledge", "satisfaction", "intended_use"),
}
SURVEY_SECTIONS = ("expectations", "satisfaction", "intended_use")
ITEM_ID = re.compile(r"^[A-Z]-(M[1-6]-)?\d{2}$")


class BankError(ValueError):
    """The bank or the objectives file is invalid; the message lists every problem found."""


@dataclass(frozen=True)
class Objective:
    """One measurable learning objective of a module (``M1.1``)."""

    id: str
    module: str
    text: str


@dataclass(frozen=True)
class Module:
    """One of the six modules with its objectives."""

    id: str
    number: str
    title: str
    objectives: tuple[Objective, ...]


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
    """The validated bank: knowledge items, survey items by section, modules, source path."""

    knowledge: tuple[KnowledgeItem, ...]
    surveys: dict[str, tuple[SurveyItem, ...]]
    modules: tuple[Module, ...]
    path: Path = field(default=DEFAULT_BANK)

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


def load_objectives(path: Path = DEFAULT_OBJECTIVES) -> tuple[Module, ...]:
    """Read ``modules/learning_objectives.yml``; fail with every problem listed."""
    data = _read_yaml(path)
    problems: list[str] = []
    modules: list[Module] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("modules") or [], start=1):
        where = f"{path}: module #{i}"
        mid = str(raw.get("id", ""))
        if not re.fullmatch(r"M[1-6]", mid):
            problems.append(f"{where}: field 'id' must be M1..M6, got {mid!r}")
            continue
        objectives = []
        for o in raw.get("objectives") or []:
            oid = str(o.get("id", ""))
            if not re.fullmatch(rf"{mid}\.\d+", oid):
                problems.append(f"{where} ({mid}): objective id {oid!r} must look like {mid}.1")
            elif oid in seen:
                problems.append(f"{where} ({mid}): objective id {oid} is used twice")
            elif not str(o.get("text", "")).strip():
                problems.append(f"{where} ({mid}): objective {oid} has no 'text'")
            else:
                seen.add(oid)
                objectives.append(Objective(oid, mid, str(o["text"]).strip()))
        if not 3 <= len(objectives) <= 5:
            problems.append(f"{where} ({mid}): needs 3 to 5 objectives, has {len(objectives)}")
        modules.append(Module(mid, str(raw.get("number", "")), str(raw.get("title", "")),
                              tuple(objectives)))
    if sorted(m.id for m in modules) != [f"M{n}" for n in range(1, 7)]:
        problems.append(f"{path}: must define exactly the six modules M1..M6")
    _raise_if(problems)
    return tuple(modules)


def _objectives_path(bank: Path, named: object) -> Path:
    """Where the bank's ``objectives_file`` is.

    A relative path is read from the bank's folder; a private copy of the bank kept outside
    the repository still carries the repository's relative path, so that is tried from the
    committed bank's folder too (the learning objectives themselves are public).
    """
    if not named:
        return DEFAULT_OBJECTIVES
    for folder in (Path(bank).parent, REPO_BANK.parent):
        candidate = (folder / str(named)).resolve()
        if candidate.exists():
            return candidate
    return (Path(bank).parent / str(named)).resolve()  # reported as "file not found"


def load_bank(path: Path = DEFAULT_BANK, objectives: Path | None = None) -> Bank:
    """Read and validate the question bank; raise :class:`BankError` listing every problem."""
    data = _read_yaml(path)
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
    per_module = Counter(k.module for k in knowledge)
    for m in modules:
        if per_module[m.id] < MIN_KNOWLEDGE_PER_MODULE:
            problems.append(f"{path}: module {m.id} has {per_module[m.id]} knowledge items; "
                            f"add at least {MIN_KNOWLEDGE_PER_MODULE}")
    for s in SURVEY_SECTIONS:
        if not surveys[s]:
            problems.append(f"{path}: section {s!r} is empty")
    _raise_if(problems)
    return Bank(tuple(knowledge), surveys, modules, path)


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
    return KnowledgeItem(item_id, module, objective, float(points),
                         " ".join(str(raw.get("question", "")).split()), options, answer,
                         str(raw.get("feedback", "")).strip(), str(raw.get("source", "")).strip())


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


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BankError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise BankError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise BankError(f"{path}: expected a mapping at the top level")
    return data


def _raise_if(problems: list[str]) -> None:
    if problems:
        raise BankError("\n".join(problems))
