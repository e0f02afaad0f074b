"""Verification codes such as ``RCM-MPT-2020-7KQ2-M9XH``.

A code is read off paper and typed by someone else (an employer, a ministry), so:

- the alphabet leaves out 0/O and 1/I, which people confuse;
- seven characters come from :mod:`secrets` (32**7, about 3.4e10 codes: unguessable for a
  cohort of dozens), so a code cannot be derived from a participant ID or a name;
- the last character is a Luhn mod N check character, which catches every single-character
  typo and most swapped neighbours before the register is even searched: "probably mistyped"
  is a kinder and more useful answer than "no such certificate".
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Container

from migration_course.core.errors import UserError

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RANDOM_LENGTH = 7
CODE = re.compile(r"^(?P<prefix>.+)-(?P<a>[A-Z0-9]{4})-(?P<b>[A-Z0-9]{4})$")


class CodeError(UserError, ValueError):
    """The text is not a well-formed code; the message says why (usually a typo)."""


def check_character(body: str) -> str:
    """The Luhn mod N check character of ``body`` (characters of :data:`ALPHABET`)."""
    n = len(ALPHABET)
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // n + addend % n
        factor = 3 - factor
    return ALPHABET[-total % n]


def new_code(prefix: str, taken: Container[str] = ()) -> str:
    """A fresh random code under ``prefix`` that is not in ``taken``."""
    while True:
        body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
        code = f"{prefix}-{body[:4]}-{body[4:]}{check_character(body)}"
        if code not in taken:
            return code


def normalise(text: str) -> str:
    """The canonical form of a typed code; raise :class:`CodeError` if it cannot be one.

    Case and surrounding spaces are forgiven; the prefix is not checked here (the register
    lookup does that), so a code of another cohort is "not found" rather than "mistyped".
    """
    code = text.strip().upper()
    match = CODE.match(code)
    if not match:
        raise CodeError(f"{text!r} is not a verification code: expected PREFIX-XXXX-XXXX, "
                        "for example RCM-MPT-2020-7KQ2-M9XH")
    body = match["a"] + match["b"]
    wrong = sorted({c for c in body if c not in ALPHABET})
    if wrong:
        raise CodeError(f"{text!r} contains {', '.join(wrong)}, which codes never use (no 0, O, "
                        "1 or I): probably mistyped; check the certificate again")
    if check_character(body[:-1]) != body[-1]:
        raise CodeError(f"{text!r}: the check character does not match: probably mistyped; "
                        "check the certificate again")
    return code
