"""``rcm-course questionnaire ...``: generate the source notebooks and check they are current."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from migration_course.cli import UserError
from migration_course.questionnaire.bank import (
    DEFAULT_BANK,
    REPO_BANK,
    Bank,
    BankError,
    load_bank,
)
from migration_course.questionnaire.notebook import SOURCE_DIR, write_sources


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``questionnaire`` command group."""
    p = sub.add_parser("questionnaire", help="question bank -> nbgrader source notebooks")
    qsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    gen = qsub.add_parser("generate", help="(re)write assessments/source/*/ from the bank")
    gen.add_argument("--bank", type=Path, default=DEFAULT_BANK)
    gen.add_argument("--dest", type=Path, default=SOURCE_DIR)
    gen.set_defaults(func=_generate)
    chk = qsub.add_parser("check", help="validate the bank; fail if the notebooks are stale")
    chk.add_argument("--bank", type=Path, default=DEFAULT_BANK)
    chk.add_argument("--dest", type=Path, default=SOURCE_DIR)
    chk.set_defaults(func=_check)
    exp = qsub.add_parser("explain", help="answers and explanations, to share AFTER the post "
                                          "questionnaire has closed")
    exp.add_argument("--bank", type=Path, default=DEFAULT_BANK)
    exp.add_argument("--out", type=Path, required=True, help="a Markdown file outside the book")
    exp.set_defaults(func=_explain)


def stale_notebooks(bank_path: Path = REPO_BANK, dest: Path = SOURCE_DIR) -> list[str]:
    """Notebooks in ``dest`` that differ from what the bank generates now.

    The defaults are the pair committed to the repository: the demonstration bank and its
    notebooks, whatever ``RCM_QUESTION_BANK`` says.
    """
    bank = load_bank(bank_path)
    with tempfile.TemporaryDirectory() as tmp:
        stale = []
        for fresh in write_sources(bank, Path(tmp)):
            committed = dest / fresh.relative_to(tmp)
            if not committed.exists() or committed.read_bytes() != fresh.read_bytes():
                stale.append(str(committed))
        return stale


def _generate(args: argparse.Namespace) -> int:
    try:
        for path in write_sources(load_bank(args.bank), args.dest):
            print(f"wrote {path}")
    except BankError as exc:
        raise UserError(f"the question bank has problems:\n{exc}") from None
    return 0


def _check(args: argparse.Namespace) -> int:
    try:
        stale = stale_notebooks(args.bank, args.dest)
    except BankError as exc:
        raise UserError(f"the question bank has problems:\n{exc}") from None
    if stale:
        raise UserError("stale notebooks (run `rcm-course questionnaire generate`): "
                        + ", ".join(stale))
    print("question bank valid; source notebooks up to date")
    return 0


def explanations(bank: Bank) -> str:
    """Every knowledge question with its answer, explanation and source, as Markdown."""
    lines = ["# Questionnaire: answers and explanations", ""]
    for n, k in enumerate(bank.knowledge, start=1):
        lines += [f"**{n}. {k.question}**", "",
                  f"Answer: {k.answer}. {k.options[k.answer]}", "",
                  f"{k.feedback} *(Source: {k.source}.)*", ""]
    return "\n".join(lines)


def _explain(args: argparse.Namespace) -> int:
    out = args.out.resolve()
    if "book" in out.parts or out.suffix != ".md":
        raise UserError("write the answer sheet outside book/ (it would publish the key), "
                        "as a .md file")
    out.write_text(explanations(load_bank(args.bank)), encoding="utf-8")
    print(f"wrote {out}: share it only after the post-questionnaire has closed")
    return 0
