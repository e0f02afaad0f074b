"""``rcm-course report``: the learning-gain and satisfaction report of a course directory."""

from __future__ import annotations

import argparse
from pathlib import Path

from migration_course.cli.options import add_course_options, course_from
from migration_course.core import strings


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``report`` command."""
    p = add_course_options(sub.add_parser(
        "report", help="learning gain, item difficulty, satisfaction: HTML + CSV"))
    p.add_argument("--out", type=Path, help="output folder (default: <course>/private/report)")
    p.add_argument("--language", choices=strings.languages(), default=strings.DEFAULT_LANGUAGE,
                   help="language of the report page (es: Spanish); the CSV tables keep their "
                        "column names in every language")
    p.set_defaults(func=_report)


def _report(args: argparse.Namespace) -> int:
    from migration_course.report.gain import cohort_summary
    from migration_course.report.write import write_course_report

    course = course_from(args)
    done = write_course_report(course, args.out or course.private / "report", args.language)
    s = cohort_summary(done.cohort)
    print(f"{len(done.cohort.roster)} on the roster, {s['pairs']} with both questionnaires graded")
    if s["pairs"]:
        print(f"mean score {s['mean_pre_pct']:.1f}% before -> {s['mean_post_pct']:.1f}% after; "
              f"class normalised gain {s['class_normalised_gain']:.2f}")
    if done.not_on_roster:
        print(f"left out (graded but not on the roster): {', '.join(done.not_on_roster)}")
    print(f"report (aggregates only, shareable): {done.files.html}")
    print(f"tables: {done.files.html.parent}/*.csv")
    print("participant-level (private, do not share): "
          + ", ".join(str(p) for p in done.files.private))
    return 0
