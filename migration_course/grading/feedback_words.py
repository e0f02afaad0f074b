"""Feedback in the participant's language: the points of each question, never the key.

Why our own page for some participants: nbgrader writes feedback from the graded notebook, which
is the English one for everybody (both languages answer into the same file, graded once). A
participant who answered in Spanish would read their results in English. For them the feedback
file nbgrader wrote is replaced, under the same name, by this page: the questions in their
language, the option they clicked, the points it earned. nbgrader then releases it, and the
participant fetches it, exactly as before; and the key search of :func:`check_feedback` still
reads it before anything is released. Like nbgrader's feedback, it shows points, not answers.
"""

from __future__ import annotations

import html
from pathlib import Path

from migration_course.core.bank import PHASE_OF, Bank
from migration_course.core.bank_translation import languages, translated
from migration_course.core.course import Course
from migration_course.core.participants import Participant
from migration_course.core.strings import catalogue
from migration_course.grading.pipeline import StudentStatus
from migration_course.questionnaire.notebook import notebook_name

STYLE = ("body{font-family:system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;"
         "line-height:1.5}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid "
         "#ccc;padding:.4rem;text-align:left;vertical-align:top}td.num{text-align:right}")


def feedback_page(bank: Bank, assignment: str, status: StudentStatus, language: str) -> str:
    """One participant's results in ``language``: total, then question, their option, points."""
    words = catalogue(language).section("questionnaire.feedback")
    bank = translated(bank, language)
    title = catalogue(language).text(f"questionnaire.notebook.title.{PHASE_OF[assignment]}")
    total = sum(k.points for k in bank.knowledge)
    clicked = status.choices or {}
    rows = []
    for n, item in enumerate(bank.knowledge, start=1):
        letter = clicked.get(item.id)
        answer = f"{letter}. {item.options[letter]}" if letter in item.options else words["none"]
        earned = status.item_scores.get(item.id, 0.0)
        rows.append(f"<tr><td>{n}</td><td>{html.escape(item.question)}</td>"
                    f"<td>{html.escape(answer)}</td><td class='num'>{earned:g} / {item.points:g}</td></tr>")
    score = words["score"].format(score=f"{status.score or 0:g}", total=f"{total:g}")
    return (f"<!DOCTYPE html><html lang='{html.escape(language)}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width,initial-scale=1'>"
            f"<title>{html.escape(words['title'].format(title=title))}</title><style>{STYLE}</style>"
            f"</head><body><main><h1>{html.escape(words['title'].format(title=title))}</h1>"
            f"<p><strong>{html.escape(score)}</strong></p><p>{html.escape(words['intro'])}</p>"
            f"<table><caption>{html.escape(words['caption'])}</caption><thead><tr>"
            f"<th scope='col'>#</th><th scope='col'>{html.escape(words['question'])}</th>"
            f"<th scope='col'>{html.escape(words['your_answer'])}</th>"
            f"<th scope='col'>{html.escape(words['points'])}</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></main></body></html>")


def write_in_participants_languages(course: Course, assignment: str, roster: list[Participant],
                                    statuses: dict[str, StudentStatus]) -> list[str]:
    """Replace the feedback of every graded participant who reads another language; their IDs."""
    written = []
    for person in roster:
        status = statuses.get(person.id)
        target = course.root / "feedback" / person.id / assignment / \
            Path(notebook_name(assignment)).with_suffix(".html").name
        if (person.reads == "en" or person.reads not in languages(course.bank) or status is None
                or status.status != "graded" or not target.exists()):
            continue  # English, or a language the course's bank has no words for: nbgrader's page
        target.write_text(feedback_page(course.bank, assignment, status, person.reads), encoding="utf-8")
        written.append(person.id)
    return written
