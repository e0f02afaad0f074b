"""Hub accounts issued from the roster: one per participant, plus the course's instructors.

Why the course issues them (and nobody registers): the hub is for the officials on the roster
only, so there is no sign-up page; the instructor runs ``rcm-course hub accounts``, which gives
every participant who has no account yet a generated password and writes a private CSV for a
mail merge. The hub keeps only a salted scrypt hash of each password (``accounts.json`` in the
course's ``private/hub/``), so a copy of that file does not give anyone a way in; the
passwords exist in the credentials CSV alone, which the instructor deletes after sending.

A participant's hub user name is their roster ID in lower case (``gtm-03``): it is also their
unix account and the name nbgrader files their submission under, which
:mod:`migration_course.grading.identity` maps back to ``GTM-03`` at collection.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from migration_course.core import strings
from migration_course.core.course import Course
from migration_course.core.csvfiles import write_rows
from migration_course.core.errors import CourseError
from migration_course.core.participants import Participant

PARTICIPANT, INSTRUCTOR = "participant", "instructor"
ROLES = (PARTICIPANT, INSTRUCTOR)
# Unix-safe and JupyterHub-safe: what useradd accepts and what the hub keeps as typed.
USERNAME = re.compile(r"^[a-z][a-z0-9-]{1,30}$")
# No 0/O, 1/l/I: read from a letter and typed on a phone without confusion.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
PASSWORD_GROUPS = 3  # xxxx-xxxx-xxxx: 12 characters of a 32-letter alphabet, 60 bits
# scrypt at one of the equivalent minimums of OWASP's password-storage guidance (N=2^14, r=8,
# p=5): about 0.5 s per check on the 2-core course machine, run off the hub's event loop.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 5
CREDENTIAL_COLUMNS = ("id", "full_name", "email", "username", "password", "sign_in_url", "letter")


@dataclass(frozen=True)
class Account:
    """One hub account as stored: never the password itself."""

    username: str
    role: str
    participant_id: str  # the roster ID; blank for an instructor
    secret_hash: str


def username_for(participant_id: str) -> str:
    """The hub and unix user name of a participant: the roster ID in lower case."""
    name = participant_id.strip().lower()
    if not USERNAME.match(name):
        raise CourseError(f"roster ID {participant_id!r} cannot be a hub user name (letters, "
                          "digits and '-' only, starting with a letter)")
    return name


def new_password() -> str:
    """A random password in three groups of four (``k7mp-3xqz-h4wt``)."""
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4))
              for _ in range(PASSWORD_GROUPS))
    return "-".join(groups)


def hash_secret(password: str) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64): what the account file keeps."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P),
                     base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_secret(password: str, stored: str) -> bool:
    """True when ``password`` is the one ``stored`` was made from (constant-time compare)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(got, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r, dklen=32)


def accounts_file(course: Course) -> Path:
    """Where the course keeps its hub accounts (hashes only; instructor-only folder)."""
    return course.private / "hub" / "accounts.json"


def read_accounts(path: Path) -> dict[str, Account]:
    """The accounts in ``path`` by user name (none if the file does not exist yet)."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as exc:
        raise CourseError(f"{path} is not valid JSON ({exc}); restore it from a backup or "
                          "delete it and issue the accounts again") from None
    accounts = {}
    for name, row in (raw.get("accounts") or {}).items():
        try:
            accounts[name] = Account(**row)
        except TypeError:
            raise CourseError(f"{path}: account {name!r} lacks a field (needs "
                              "username, role, participant_id, secret_hash)") from None
    return accounts


def write_accounts(path: Path, accounts: dict[str, Account]) -> None:
    """Replace the account file atomically, readable by its owner only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    payload = {"accounts": {n: asdict(a) for n, a in sorted(accounts.items())}}
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, indent=1)
    os.replace(tmp, path)


@dataclass(frozen=True)
class Credential:
    """A password just issued, for the mail merge; exists only until written to the CSV."""

    account: Account
    password: str
    full_name: str
    email: str
    language: str = strings.DEFAULT_LANGUAGE  # of the letter: the participant's (roster, country)


def issue(course: Course, roster: Iterable[Participant], instructors: Iterable[str] = (),
          reissue: Iterable[str] = ()) -> list[Credential]:
    """Give an account to every participant and instructor who has none (or is in ``reissue``).

    ``reissue`` holds roster IDs or instructor names whose password is replaced (lost, or sent
    to the wrong address). Accounts of people no longer on the roster are removed, so a
    participant who left can no longer sign in.
    """
    path = accounts_file(course)
    accounts = read_accounts(path)
    again = {name.strip().lower() for name in reissue}
    wanted: dict[str, tuple[str, str, str, str]] = {}
    languages = {}
    for p in roster:
        wanted[username_for(p.id)] = (PARTICIPANT, p.id, p.full_name, p.email)
        languages[username_for(p.id)] = p.reads
    for name in instructors:
        username = name.strip().lower()
        if not USERNAME.match(username):
            raise CourseError(f"instructor name {name!r}: use 2-31 lower-case letters, digits "
                              "or '-', starting with a letter")
        if username in wanted and wanted[username][0] == PARTICIPANT:
            raise CourseError(f"{username!r} is a participant's user name; choose another "
                              "instructor name")
        wanted[username] = (INSTRUCTOR, "", name, "")
    unknown = again - set(wanted)
    if unknown:
        raise CourseError(f"cannot re-issue {', '.join(sorted(unknown))}: not on the roster "
                          "nor an instructor named with --instructor")
    issued = []
    for username, (role, pid, full_name, email) in wanted.items():
        current = accounts.get(username)
        if current is not None and current.role == role and username not in again:
            continue
        password = new_password()
        account = Account(username, role, pid, hash_secret(password))
        accounts[username] = account
        issued.append(Credential(account, password, full_name, email,
                                 languages.get(username, strings.DEFAULT_LANGUAGE)))
    kept_instructors = {n for n, a in accounts.items() if a.role == INSTRUCTOR}
    accounts = {n: a for n, a in accounts.items() if n in wanted or n in kept_instructors}
    write_accounts(path, accounts)
    return issued


def sign_in_url(hub_url: str, username: str) -> str:
    """The link a participant opens: the hub's sign-in page with their user name filled in."""
    return f"{hub_url.rstrip('/')}/hub/login?username={username}"


def write_credentials(path: Path, issued: Iterable[Credential], hub_url: str,
                      language: str | None = None) -> Path:
    """The private mail-merge CSV (one row per new password), readable by its owner only.

    Each letter is in its participant's language (the roster's, else the country's) unless
    ``language`` sets one for all.
    """
    rows = []
    for c in issued:
        cat = strings.catalogue(language or c.language)
        url = sign_in_url(hub_url, c.account.username)
        letter = "\n\n".join([cat.text("hub.letter.greeting", name=c.full_name),
                              cat.text("hub.letter.body", url=url, username=c.account.username,
                                       password=c.password)])
        rows.append([c.account.participant_id, c.full_name, c.email, c.account.username,
                     c.password, url, letter])
    write_rows(path, CREDENTIAL_COLUMNS, rows)
    os.chmod(path, 0o600)
    return path


def credentials_path(course: Course, when: datetime | None = None) -> Path:
    """A new file name per issue, so an earlier mail merge is never overwritten."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return course.private / "hub" / f"credentials-{stamp}.csv"
