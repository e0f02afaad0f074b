"""``rcm-course hub accounts``: issue the course hub's accounts from the roster.

Every participant on the roster who has no account gets one (user name: their ID in lower
case) with a new password; ``--reissue ID`` replaces a lost one; ``--instructor NAME`` adds an
instructor (formgrader). The passwords go into a new private CSV for a mail merge, the hub keeps
only their hashes; delete the CSV once the letters are sent.
"""

from __future__ import annotations

import argparse
import os

from migration_course.cli.options import add_course_options, course_from
from migration_course.core import strings
from migration_course.hub.accounts import credentials_path, issue, write_credentials


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``hub`` command group."""
    p = sub.add_parser("hub", help="the course JupyterHub: accounts from the roster")
    hsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    acc = add_course_options(hsub.add_parser(
        "accounts", help="issue accounts to participants who have none; write the letters CSV"))
    acc.add_argument("--url", default=os.environ.get("RCM_HUB_URL", "http://127.0.0.1:8000"),
                     help="the hub's address as participants reach it (default: $RCM_HUB_URL)")
    acc.add_argument("--instructor", action="append", default=[], metavar="NAME",
                     help="an instructor's user name (repeatable)")
    acc.add_argument("--reissue", action="append", default=[], metavar="ID",
                     help="a new password for this participant ID or instructor (repeatable)")
    acc.add_argument("--language", choices=strings.languages(), default=None,
                     help="one language for every letter (default: each participant's, from the "
                          "roster's language column or else their country)")
    acc.set_defaults(func=_accounts)


def _accounts(args: argparse.Namespace) -> int:
    course = course_from(args)
    issued = issue(course, course.roster(), args.instructor, args.reissue)
    if not issued:
        print("Every participant already has an account; nothing to send.")
        return 0
    path = write_credentials(credentials_path(course), issued, args.url, args.language)
    print(f"{len(issued)} account(s) issued; the letters with their passwords are in {path} "
          "(private: send them, then delete the file).")
    return 0
