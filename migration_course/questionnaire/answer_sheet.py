"""The answer sheet: every question with its key, explanation and source, for after the post.

Shared with participants only once the post-questionnaire has closed (pre and post ask the same
knowledge items), so it is written to a file the instructor chooses, never into the book.
"""

from __future__ import annotations

from migration_course.core.bank import Bank
from migration_course.questionnaire.notebook import question_markdown


def explanations(bank: Bank) -> str:
    """Every knowledge question with its answer, explanation and source, as Markdown."""
    lines = ["# Questionnaire: answers and explanations", ""]
    for n, k in enumerate(bank.knowledge, start=1):
        lines += [f"**{n}.** {question_markdown(k)}", "",
                  f"Answer: {k.answer}. {k.options[k.answer]}", "",
                  f"{k.feedback} *(Source: {k.source}.)*", ""]
    return "\n".join(lines)
