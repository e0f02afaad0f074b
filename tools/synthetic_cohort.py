"""A deterministic synthetic cohort: 11 RCM countries x 5 invented officials.

No real personal data exists anywhere in the repository; the demo, the tests and the
benchmark use these generated people (``example.org`` addresses) instead. Names include
accents and odd capitalisation so that roster normalisation is exercised, and the focal
points' lists are written in the messy shapes real lists arrive in.
"""

from __future__ import annotations

import csv
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from migration_course.core.bank import LETTERS, PHASE_OF, Bank
from migration_course.core.textfiles import fold
from migration_course.countries import RCM_COUNTRIES
from migration_course.questionnaire.notebook import answers_file, notebook_path

FIRST = ["José", "María", "Ana", "Luis", "Carmen", "Jorge", "Lucía", "Andrés", "Sofía", "Raúl",
         "Marie", "John", "Ángela", "Tomás", "Inés", "Peter", "Beatriz", "Óscar", "Rosa", "Iván"]
LAST = ["Núñez", "García", "Pérez", "Hernández", "Rodríguez", "Martínez", "López", "Gómez",
        "Díaz", "Castillo", "Brown", "Tremblay", "Ramírez", "Morales", "Peña", "Álvarez",
        "Smith", "Ortiz", "Cruz", "Méndez", "Roy", "Vásquez", "Flores"]
# The concept note's recommended profile of the five officials per country.
PROFILE = [("National migration institute", "Migration policy officer"),
           ("National migration institute", "Head of planning"),
           ("Ministry of Foreign Affairs", "Consular affairs officer"),
           ("Ministry of Planning", "Development planner"),
           ("Ministry of Planning", "Policy analyst")]
# How a country's focal point happens to spell it (exercises country normalisation).
SPELLING = {"MEX": "México", "DOM": "República Dominicana", "USA": "Estados Unidos",
            "PAN": "PANAMA", "CRI": "costa rica", "SLV": "SLV", "CAN": "Canadá"}


@dataclass(frozen=True)
class Person:
    """An invented participant as a focal point would list them."""

    full_name: str
    email: str
    country: str  # ISO3
    institution: str
    role: str


def cohort(per_country: int = 5, seed: int = 2020) -> list[Person]:
    """The synthetic cohort, the same every time for the same arguments."""
    rng = random.Random(seed)
    people = []
    for c in RCM_COUNTRIES:
        for n in range(per_country):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{fold(first)}.{fold(last)}.{c.iso3.lower()}{n + 1}@example.org"
            institution, role = PROFILE[n % len(PROFILE)]
            people.append(Person(f"{first} {last}", email, c.iso3, institution, role))
    return people


def write_focal_point_lists(people: list[Person], folder: Path) -> list[Path]:
    """Write one list per country, in the varied shapes focal points send.

    Belize's list is an XLSX; Mexico's is a semicolon CSV in Windows-1252 with Spanish headers;
    the others are UTF-8 CSVs, some with upper-case names and stray spaces.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for c in RCM_COUNTRIES:
        rows = [p for p in people if p.country == c.iso3]
        spelled = SPELLING.get(c.iso3, c.name)
        if c.iso3 == "BLZ":
            paths.append(_xlsx(rows, folder / "belize.xlsx"))
            continue
        if c.iso3 == "MEX":
            path = folder / "mexico.csv"
            with path.open("w", newline="", encoding="cp1252") as fh:
                w = csv.writer(fh, delimiter=";")
                w.writerow(["Nombre completo", "Correo electrónico", "País", "Institución",
                            "Cargo"])
                w.writerows([p.full_name, p.email, spelled, p.institution, p.role] for p in rows)
        else:
            path = folder / f"{c.iso3.lower()}.csv"
            with path.open("w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(["Full name", "E-mail", "Country", "Institution", "Role"])
                for i, p in enumerate(rows):
                    name = p.full_name.upper() if i == 0 else f"  {p.full_name} "
                    email = p.email.upper() if i == 1 else p.email
                    w.writerow([name, f" {email}", spelled, p.institution, p.role])
        paths.append(path)
    return paths


def _xlsx(rows: list[Person], path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Full name", "Email", "Country", "Institution", "Role"])
    for p in rows:
        sheet.append([p.full_name, p.email, "Belice", p.institution, p.role])
    book.save(path)
    return path


def simulated_answers(student: str, assignment: str, bank: Bank) -> dict[str, object]:
    """What this participant clicks: deterministic, better on the post than on the pre."""
    phase = PHASE_OF[assignment]
    rng = random.Random(f"{student}/{phase}")
    skill = rng.uniform(0.35, 0.7) + (0.2 if phase == "post" else 0.0)
    answers: dict[str, object] = {}
    for k in bank.knowledge:
        wrong = [x for x in LETTERS if x != k.answer]
        answers[k.id] = k.answer if rng.random() < skill else rng.choice(wrong)
    for item in bank.survey_items(phase):
        if item.kind == "likert":
            answers[item.id] = rng.randint(2, 5)
        else:
            answers[item.id] = rng.choice(["Mejorar la coordinación interinstitucional.",
                                           "Use migration data in our national plan.",
                                           "Compartir experiencias con otros países."])
    return answers


def write_answers(folder: Path, assignment: str, answers: dict[str, object],
                  bank: Bank, language: str = "en") -> Path:
    """Click through the form: the notebook's own form code writes the answers file.

    In another language the participant answers in the translated notebook of the fetched
    assignment (``es/pre_questionnaire.ipynb``): its own setup cell is run from its folder, as
    JupyterLab would, so the test proves that it writes the file the English notebook grades.
    """
    if language != "en":
        return _answer_in_translation(Path(folder), assignment, answers, language)
    from migration_course.questionnaire import form_runtime as form

    path = Path(folder) / answers_file(assignment)
    form.ANSWERS_FILE = str(path)
    form.ITEMS = bank.kinds(PHASE_OF[assignment])
    for item_id, value in answers.items():
        form.record(item_id, value)
    return path


def _answer_in_translation(folder: Path, assignment: str, answers: dict[str, object],
                           language: str) -> Path:
    notebook = folder / notebook_path(assignment, language)
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    setup = next("".join(c["source"]) for c in cells
                 if c["metadata"].get("nbgrader", {}).get("grade_id") == "form_setup")
    namespace: dict[str, object] = {"__name__": "rcm_form"}
    here = os.getcwd()
    try:
        os.chdir(notebook.parent)
        exec(compile(setup, str(notebook), "exec"), namespace)  # noqa: S102  (the course's own form)
        for item_id, value in answers.items():
            namespace["record"](item_id, value)  # type: ignore[operator]
    finally:
        os.chdir(here)
    return folder / answers_file(assignment)
