"""JupyterHub sign-in against the course's own accounts, with repeated failures slowed down.

Why not PAM or a sign-up authenticator: the roster decides who may enter, the course issues
the passwords (:mod:`migration_course.hub.accounts`), and nobody can register. The class is a
:class:`~jupyterhub.auth.LocalAuthenticator`, so JupyterHub itself creates each account's
unix user (``create_system_users``) and every participant's server runs as that user: they see
their own files only and never run with the instructor's rights.

Guessing is slowed twice over: per user name (a targeted account) and per address (one
machine trying many names). After ``free_failures`` failed attempts each further one doubles
the wait, up to ``max_wait`` seconds; during a wait the password is not even checked.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field
from typing import Any

from jupyterhub.auth import LocalAuthenticator
from tornado import web
from traitlets import Integer, Unicode

from migration_course.core import strings
from migration_course.hub.accounts import hash_secret, read_accounts, verify_secret

# Compared against when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = hash_secret("not a password of anyone")


@dataclass
class Throttle:
    """Failed attempts per key (a user name, an address) and when the next one is allowed."""

    free_failures: int = 3
    max_wait: float = 300.0
    failures: dict[str, int] = field(default_factory=dict)
    not_before: dict[str, float] = field(default_factory=dict)

    def wait(self, keys: list[str], now: float) -> float:
        """Seconds until any of ``keys`` may try again (0: now)."""
        return max([self.not_before.get(k, 0.0) - now for k in keys] + [0.0])

    def failed(self, keys: list[str], now: float) -> None:
        """Count one failure for each key and set its next allowed time."""
        for k in keys:
            n = self.failures.get(k, 0) + 1
            self.failures[k] = n
            if n > self.free_failures:
                self.not_before[k] = now + min(2.0 ** (n - self.free_failures), self.max_wait)

    def succeeded(self, keys: list[str]) -> None:
        """A correct password clears the count of its user name (not of its address)."""
        for k in keys[:1]:
            self.failures.pop(k, None)
            self.not_before.pop(k, None)


class CourseAuthenticator(LocalAuthenticator):
    """User name and password checked against the course's hashed accounts file."""

    accounts_file = Unicode(help="The course's private/hub/accounts.json").tag(config=True)
    language = Unicode("es", help="First language of the sign-in messages (the others follow)").tag(
        config=True)
    free_failures = Integer(3, help="Failed sign-ins allowed before each one waits").tag(config=True)
    max_wait = Integer(300, help="Longest wait between failed sign-ins, seconds").tag(config=True)

    def __init__(self, **kwargs: Any) -> None:
        """Set up the failure counts (kept in memory: a hub restart forgets them)."""
        super().__init__(**kwargs)
        self.throttle = Throttle(self.free_failures, float(self.max_wait))

    def accounts(self) -> dict:
        """The accounts as they are now: issuing new ones needs no hub restart."""
        return read_accounts(self.accounts_file)

    def check_allowed(self, username: str, authentication: Any = None) -> bool:
        """Only accounts the course issued may enter; there is no sign-up."""
        return username in self.accounts()

    async def refresh_user(self, user: Any, handler: Any = None) -> bool:
        """A signed-in session ends once its account is gone (taken off the roster).

        JupyterHub asks this every ``auth_refresh_age`` seconds of a session; False sends the
        person back to the sign-in page, where the account no longer exists.
        """
        return user.name in self.accounts()

    def words(self, key: str, **fields: object) -> str:
        """A sign-in message in the hub's language, then in every other course language.

        Why all of them: before signing in, nobody is known, so the page cannot pick the
        participant's language; Spanish- and English-reading officials both find their words.
        """
        order = [self.language, *(lang for lang in strings.languages() if lang != self.language)]
        return " / ".join(dict.fromkeys(strings.text(key, lang, **fields) for lang in order))

    async def authenticate(self, handler: web.RequestHandler, data: dict) -> dict:
        """The user on a correct password; a plain-words error page otherwise."""
        username = self.normalize_username(data.get("username", ""))
        keys = [f"user:{username}", f"addr:{handler.request.remote_ip}"]
        wait = self.throttle.wait(keys, time.monotonic())
        if wait > 0:
            raise web.HTTPError(429, self.words("hub.login.slowed", seconds=math.ceil(wait)))
        account = self.accounts().get(username)
        stored = account.secret_hash if account else _DUMMY_HASH
        ok = await asyncio.to_thread(verify_secret, data.get("password", ""), stored)
        if not (ok and account):
            self.throttle.failed(keys, time.monotonic())
            self.log.warning("failed sign-in for %r from %s", username[:32], keys[1])
            raise web.HTTPError(403, self.words("hub.login.wrong"))
        self.throttle.succeeded(keys)
        return {"name": username}
