"""``rcm-course roster|release|collect|grade|feedback|export``.

Thin wrappers: parse arguments, call the pipeline on the course folder, print what happened in
plain words. ``--exchange`` defaults to ``$NBGRADER_EXCHANGE`` (JupyterHub installs usually use
/srv/nbgrader/exchange).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from migration_course.cli.options import add_course_options, course_from
from migration_course.core.bank import ASSIGNMENTS
from migration_course.core.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the grading commands."""
    roster = sub.add_parser("roster", help="participant lists -> nbgrader students")
    rsub = roster.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = _grading_args(rsub.add_parser("import", help="import focal points' CSV/XLSX lists"))
    imp.add_argument("files", nargs="+", type=Path)
    imp.set_defaults(func=_roster_import)

    for name, func, text in (
        ("release", _release, "generate the participant copy and release it"),
        ("collect", _collect, "collect submissions (exchange and/or e-mail inbox)"),
        ("grade", _grade, "check, autograde in parallel, cross-check, record statuses"),
        ("feedback", _feedback, "feedback without hidden tests (optionally release it)"),
        ("export", _export, "CSV of per-item scores and a status for every participant"),
    ):
        p = _grading_args(sub.add_parser(name, help=text))
        p.add_argument("assignment", choices=sorted(ASSIGNMENTS.values()))
        p.set_defaults(func=func)
        if name == "collect":
            p.add_argument("--email-inbox", type=Path,
                           help="folder with one sub-folder per participant ID holding the "
                                "e-mailed notebook and answers file")
        if name == "grade":
            p.add_argument("--workers", type=int, default=None,
                           help="grading processes (default: one more than the cores)")
            p.add_argument("--student", action="append", help="only these IDs (repeatable)")
            p.add_argument("--accept-late", action="append", default=[], metavar="ID",
                           help="score this participant's late submission (repeatable)")
        if name == "feedback":
            p.add_argument("--release", action="store_true", help="release to the exchange")
            p.add_argument("--allow-before-post", action="store_true")
        if name == "export":
            p.add_argument("--out", type=Path, help="output folder (default: private/exports)")


def _grading_args(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    return add_course_options(p, grading=True)


def _roster_import(args: argparse.Namespace) -> int:
    from migration_course.core.participants import read_roster, write_roster
    from migration_course.roster import add_to_gradebook, import_lists

    course = course_from(args)
    path = course.roster_file
    result = import_lists(args.files, read_roster(path))
    write_roster(result.participants, path)
    add_to_gradebook(result.participants, course)
    for note in result.notes:
        print(f"note: {note}")
    print(f"{len(result.participants)} participants in the roster ({path}); "
          f"{len(result.problems)} rows not imported")
    for problem in result.problems:
        print(f"  - {problem}")
    return 0


def _release(args: argparse.Namespace) -> int:
    from migration_course.grading.exchange import release

    path = release(course_from(args), args.assignment)
    where = f"the exchange {args.exchange}" if args.exchange else "no exchange (e-mail only)"
    print(f"released {path} to {where}; no hidden test or key in the release")
    return 0


def _collect(args: argparse.Namespace) -> int:
    from migration_course.grading.exchange import collect, collect_email, late_in_exchange

    course = course_from(args)
    if args.exchange:
        got, problems = collect(course, args.assignment)
        print(f"{len(got)} submissions in {course.root / 'submitted'}")
        for p in problems:
            print(f"  - {p}")
        late = late_in_exchange(course, args.assignment)
        if late:
            print(f"{len(late)} submission(s) after the closing time stay in the exchange, not "
                  "collected (an earlier one counts): " + ", ".join(late))
    if args.email_inbox:
        got, problems = collect_email(course, args.assignment, args.email_inbox)
        print(f"{len(got)} e-mailed submissions filed")
        for p in problems:
            print(f"  - {p}")
    if not args.exchange and not args.email_inbox:
        raise UserError("give --exchange DIR and/or --email-inbox DIR")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from migration_course.grading.pipeline import grade

    statuses = grade(course_from(args), args.assignment, args.workers, args.student,
                     accept_late=args.accept_late)
    graded = sum(s.status == "graded" for s in statuses.values())
    late = sum(s.status == "late" for s in statuses.values())
    print(f"{graded} graded, {len(statuses) - graded - late} failed, {late} late (not scored)")
    for s in statuses.values():
        if s.status != "graded" or s.flags:
            print(f"  {s.student}: {s.status} {s.reason} {' | '.join(s.flags)}".rstrip())
    unread = {s.student: s.notes for s in statuses.values() if s.notes}
    if unread:
        print("answers or files not understood as sent (check them with the participant):")
        for student, notes in unread.items():
            print(f"  {student}: " + "; ".join(notes))
    return 0


def _feedback(args: argparse.Namespace) -> int:
    from migration_course.grading.feedback import by_email, generate_feedback

    course = course_from(args)
    done = generate_feedback(course, args.assignment, args.allow_before_post, args.release)
    print(f"feedback for {len(done)} participants in {course.root / 'feedback'}; "
          "checked: no hidden test or key")
    mail = by_email(course, args.assignment, done)
    if mail:
        print("send these by e-mail (feedback/<ID>/...): " + ", ".join(mail))
    return 0


def _export(args: argparse.Namespace) -> int:
    from migration_course.grading.export import export

    course = course_from(args)
    paths = export(course, args.assignment, args.out or course.private / "exports")
    print("wrote " + " and ".join(str(p) for p in paths))
    return 0
