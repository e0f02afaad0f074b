"""``rcm-course certificates`` and ``rcm-course verify CODE``.

Thin wrappers: gather the inputs (roster, post-questionnaire statuses, attendance, the rules in
the course's ``completion.yml``), decide, print and register, then say in plain words how many
people are eligible, what holds the others back (grouped, so a missing import stands out) and
where the files are.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from migration_course.certificates.codes import CodeError
from migration_course.certificates.eligibility import Decision
from migration_course.certificates.issue import IssueResult, certificates_dir, certify
from migration_course.certificates.register import ISSUED, REGISTER_FILE, verify
from migration_course.cli.options import add_course_options, course_from


def register(sub: argparse._SubParsersAction) -> None:
    """Add the certificate commands."""
    cert = sub.add_parser("certificates", help="decide who completed all activities; print "
                                               "and register Certificates of Achievement")
    ver = sub.add_parser("verify", help="look up a certificate's verification code")
    ver.add_argument("code")
    for parser, func in ((cert, _certificates), (ver, _verify)):
        add_course_options(parser).set_defaults(func=func)


def _certificates(args: argparse.Namespace) -> int:
    course = course_from(args)
    run = certify(course)
    _report(run.decisions, run.issued, run.not_imported)
    print(f"eligibility: {run.eligibility_csv}\ncertificates and register: "
          f"{certificates_dir(course)}")
    return 1 if run.issued.failed else 0


def _report(decisions: list[Decision], result: IssueResult, not_imported: list[str]) -> None:
    eligible = sum(d.eligible for d in decisions)
    print(f"{eligible} eligible, {len(decisions) - eligible} not eligible "
          f"(of {len(decisions)} on the roster)")
    groups = Counter(g for d in decisions for g in d.groups)
    if groups:
        print("not eligible because (a participant may have several reasons):")
        for group, n in groups.most_common():
            print(f"  {n:4d}  {group}")
    if not_imported:
        print(f"WARNING: no attendance imported yet for {', '.join(not_imported)}: nobody can be "
              "eligible until it is imported (`rcm-course attendance import`)")
    kept = len(result.printed) - len(result.new)
    print(f"{len(result.printed)} certificates printed ({len(result.new)} new codes, "
          f"{kept} kept from the register)")
    if result.failed:
        print(f"FAILED: {len(result.failed)} certificate(s) not produced:")
        for pid, reason in result.failed.items():
            print(f"  {pid}: {reason}")
    if result.no_longer_eligible:
        print(f"WARNING: {len(result.no_longer_eligible)} participant(s) already hold a "
              "certificate but are NOT eligible now; the register still vouches for them. "
              "Check the reasons in eligibility.csv; to withdraw one, set its status to "
              "'revoked' in the register:")
        for e in result.no_longer_eligible:
            print(f"  {e.participant} ({e.code})")
    for e in result.withheld:
        print(f"note: {e.participant} is eligible but the register marks {e.code} {e.status!r}; "
              f"not reprinted (set the status back to {ISSUED!r} to reprint)")


def _verify(args: argparse.Namespace) -> int:
    course = course_from(args)
    path = certificates_dir(course) / REGISTER_FILE
    if not path.exists():
        print(f"no certificates issued yet: no register at {path}", file=sys.stderr)
        return 1
    try:
        entry = verify(args.code, path)
    except CodeError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if entry is None:
        print(f"no such certificate: {args.code.strip().upper()} is not in the register",
              file=sys.stderr)
        return 1
    print(f"{entry.code}: Certificate of Achievement of {course.completion.programme.title}\n"
          f"  awarded to {entry.full_name} ({entry.country}), issued on {entry.issued_on}")
    if entry.status != ISSUED:
        print(f"  WARNING: this certificate is {entry.status.upper()}", file=sys.stderr)
        return 1
    return 0
