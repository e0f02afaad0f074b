"""``rcm-course questionnaire generate|check|explain``, always for one course folder.

The notebooks are generated from the course's own bank into the course's own ``source/``: the
demonstration course writes the repository's public notebooks, a private course its private
ones, and no option can send a private key anywhere else.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from migration_course.cli.options import add_course_options, course_from
from migration_course.core.errors import UserError
from migration_course.questionnaire.answer_sheet import explanations
from migration_course.questionnaire.notebook import stale_sources, write_sources


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``questionnaire`` command group."""
    p = sub.add_parser("questionnaire", help="question bank -> nbgrader source notebooks")
    qsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    gen = qsub.add_parser("generate", help="(re)write the course's source/ from its bank")
    add_course_options(gen).set_defaults(func=_generate)
    chk = qsub.add_parser("check", help="validate the bank; fail if the notebooks are stale")
    add_course_options(chk).set_defaults(func=_check)
    exp = qsub.add_parser("explain", help="answers and explanations, to share AFTER the post "
                                          "questionnaire has closed")
    exp.add_argument("--out", type=Path, required=True, help="a Markdown file outside the book")
    add_course_options(exp).set_defaults(func=_explain)


def _generate(args: argparse.Namespace) -> int:
    course = course_from(args)
    for path in write_sources(course.bank, course.source_dir):
        print(f"wrote {path}")
    return 0


def _check(args: argparse.Namespace) -> int:
    course = course_from(args)
    stale = stale_sources(course.bank, course.source_dir)
    if stale:
        raise UserError("stale notebooks (run `rcm-course questionnaire generate`): "
                        + ", ".join(stale))
    print("question bank valid; source notebooks up to date")
    return 0


def _explain(args: argparse.Namespace) -> int:
    out = args.out.resolve()
    if "book" in out.parts or out.suffix != ".md":
        raise UserError("write the answer sheet outside book/ (it would publish the key), "
                        "as a .md file")
    out.write_text(explanations(course_from(args).bank), encoding="utf-8")
    print(f"wrote {out}: share it only after the post-questionnaire has closed")
    return 0
