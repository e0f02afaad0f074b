"""The modules and their learning objectives, read from one file by everyone who needs them.

The module pages show the current objectives, the question bank tags every item with one, and
the report groups gains by them; reading ``modules/learning_objectives.yml`` in one place means
a retired objective, a new module or a renamed title reaches all three alike. Modules are
numbered ``M1`` … ``Mn`` in order, so a seventh module is one more entry in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from migration_course.core.errors import UserError
from migration_course.core.paths import OBJECTIVES_FILE

MIN_OBJECTIVES, MAX_OBJECTIVES = 3, 5


class BankError(UserError, ValueError):
    """The bank or the objectives file is invalid; the message lists every problem found."""


@dataclass(frozen=True)
class Objective:
    """One measurable learning objective of a module (``M1.1``); retired ones stay citable."""

    id: str
    module: str
    text: str
    retired: bool = False


@dataclass(frozen=True)
class Module:
    """One module with its objectives (current and retired)."""

    id: str
    number: str
    title: str
    objectives: tuple[Objective, ...]

    @property
    def current(self) -> tuple[Objective, ...]:
        """The objectives taught now (what the module page lists)."""
        return tuple(o for o in self.objectives if not o.retired)


def load_objectives(path: Path = OBJECTIVES_FILE) -> tuple[Module, ...]:
    """Read the learning-objectives file; fail with every problem listed."""
    data = read_yaml(path)
    problems: list[str] = []
    modules: list[Module] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("modules") or [], start=1):
        where = f"{path}: module #{i}"
        mid = str(raw.get("id", ""))
        if mid != f"M{i}":
            problems.append(f"{where}: field 'id' must be M{i} (modules are numbered in order), "
                            f"got {mid!r}")
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
                objectives.append(Objective(oid, mid, " ".join(str(o["text"]).split()),
                                            bool(o.get("retired", False))))
        module = Module(mid, str(raw.get("number", "")), str(raw.get("title", "")),
                        tuple(objectives))
        if not MIN_OBJECTIVES <= len(module.current) <= MAX_OBJECTIVES:
            problems.append(f"{where} ({mid}): needs {MIN_OBJECTIVES} to {MAX_OBJECTIVES} current "
                            f"objectives, has {len(module.current)}")
        modules.append(module)
    if not modules:
        problems.append(f"{path}: no modules")
    raise_if(problems)
    return tuple(modules)


def read_yaml(path: Path) -> dict:
    """A YAML mapping from ``path``; a :class:`BankError` naming the file otherwise."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BankError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise BankError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise BankError(f"{path}: expected a mapping at the top level")
    return data


def raise_if(problems: list[str]) -> None:
    """Raise one :class:`BankError` listing every problem, if there is any."""
    if problems:
        raise BankError("\n".join(problems))
