"""``rcm-course attendance import|show``: participant reports -> who attended each session.

The import prints everything the instructor must check before certificates go out: how many
rows were read and matched, who is below the threshold (with the threshold), and every row
that matched nobody or several people, or could not be read, with its file and row.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from migration_course.attendance.importer import import_session
from migration_course.attendance.minutes import is_present
from migration_course.attendance.store import load_attendance
from migration_course.cli.options import add_course_options, course_from
from migration_course.core.errors import UserError
from migration_course.core.participants import read_roster


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``attendance`` command group."""
    p = sub.add_parser("attendance", help="Zoom / Teams participant reports -> attendance")
    asub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = add_course_options(asub.add_parser(
        "import", help="import one session's participant reports (replaces that session)"))
    imp.add_argument("session", help="session id from the course's completion.yml (e.g. panel)")
    imp.add_argument("files", nargs="+", type=Path, help="Zoom CSV or Teams report(s)")
    imp.add_argument("--aliases", type=Path,
                     help="CSV 'display name,participant id' settling unmatched names")
    imp.add_argument("--export-timezone", metavar="ZONE",
                     help="time zone of the report's times when it is not the course's (the "
                          "platform exports in the exporting account's zone), e.g. "
                          "America/Mexico_City")
    imp.set_defaults(func=_import)
    show = add_course_options(asub.add_parser("show", help="minutes per participant and session"))
    show.set_defaults(func=_show)


def _import(args: argparse.Namespace) -> int:
    course = course_from(args)
    roster, completion = course.roster(), course.completion
    try:
        done = import_session(course, args.session, args.files, roster, completion, args.aliases,
                              args.export_timezone)
    except UserError:
        raise
    except (OSError, ValueError) as exc:
        raise UserError(f"{exc}; nothing was imported for {args.session}") from None
    for name, layout, n in done.files:
        print(f"{name}: {layout}, {n} connections")
    m = done.match
    print(f"{done.session.id}: {done.rows} rows read, {len(m.by_participant)} people matched; "
          f"present (>= {done.threshold:g} min): {len(done.records) - len(done.below)}, "
          f"below threshold: {len(done.below)}")
    for r in done.below:
        print(f"  - {r.participant}: {r.minutes:g} min")
    _listing("rows matching nobody (add 'display name,participant id' to an aliases CSV and "
             "import again with --aliases)",
             [f"{r.file}, row {r.row}: {r.name!r} {r.email}".rstrip() for r in m.unmatched])
    _listing("rows matching several participants (settle them in the aliases CSV)",
             [f"{r.file}, row {r.row}: {r.name!r} could be {' or '.join(ids)}"
              for r, ids in m.ambiguous])
    _listing("rows not read", [str(p) for p in done.problems])
    print("wrote " + " and ".join(str(p) for p in done.written))
    return 0


def _listing(title: str, lines: list[str]) -> None:
    if lines:
        print(f"{len(lines)} {title}:")
        for line in lines:
            print(f"  - {line}")


def _show(args: argparse.Namespace) -> int:
    course = course_from(args)
    completion = course.completion
    data = load_attendance(course)
    ids = sorted({p.id for p in read_roster(course.roster_file)}
                 | {pid for minutes in data.values() for pid in minutes})
    sessions = [s.id for s in completion.sessions]
    print("present = at least " + ", ".join(
        f"{sid} {completion.min_minutes(sid):g}" for sid in sessions) + " minutes; "
          "'-' = session not imported yet")
    print(f"{'participant':<12}" + "".join(f"{sid:>14}" for sid in sessions))
    for pid in ids:
        cells = []
        for sid in sessions:
            if sid not in data:
                cells.append("-")
                continue
            m = data[sid].get(pid, 0.0)
            cells.append(f"{m:.0f} {'yes' if is_present(m, completion.min_minutes(sid)) else 'no'}")
        print(f"{pid:<12}" + "".join(f"{c:>14}" for c in cells))
    return 0
