"""Two costs of nbgrader that grading 1,000 questionnaires should not pay, removed in our workers.

Profiling one autograde of a 72-cell questionnaire (``make bench``, grading figures) showed the
grading process itself spending, per submission:

- about 0.4 s in SQLite commits: nbgrader's ``SaveAutoGrades`` commits once per graded cell and,
  in SQLite's default rollback-journal mode, every commit waits for the disk (fsync). In
  write-ahead-log mode with ``synchronous=NORMAL`` a commit only appends to the log, which is
  synced at checkpoints. SQLite's documentation: a power cut may lose the last commits but never
  corrupts the database, and a lost grading is redone by the next ``grade``; readers (formgrader,
  the other worker) no longer wait for a writer either.
- about 0.3 s validating each cell's nbgrader metadata: ``jsonschema.validate`` checks the schema
  itself and builds a new validator on every call (144 calls a submission). Here the validator is
  built once per schema and reused; what is accepted or refused is unchanged.

Both are applied only inside the worker processes of :mod:`migration_course.grading.autograde`,
never to the instructor's own nbgrader commands. Scores are compared with an untuned serial run
by the grading benchmark (``identical_scores``).
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from sqlalchemy import event
from sqlalchemy.engine import Engine

_tuned = False


def tune_nbgrader() -> None:
    """Apply both changes to this process (idempotent)."""
    global _tuned
    if _tuned:
        return
    event.listen(Engine, "connect", _sqlite_write_ahead_log)
    import nbgrader.nbgraderformat.common as metadata_format

    metadata_format.jsonschema = _CachedJsonSchema()  # type: ignore[assignment]
    _tuned = True


def _sqlite_write_ahead_log(dbapi_connection: Any, _record: object) -> None:
    """On every new SQLite connection: write-ahead log, commits without waiting for the disk."""
    if type(dbapi_connection).__module__.split(".")[0] not in ("sqlite3", "pysqlite2"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class _CachedJsonSchema:
    """Stands in for the ``jsonschema`` module inside nbgrader's metadata validator."""

    ValidationError = jsonschema.ValidationError

    def __init__(self) -> None:
        self._validators: dict[str, jsonschema.protocols.Validator] = {}

    def validate(self, instance: object, schema: dict) -> None:
        """Same outcome as :func:`jsonschema.validate`: the best-matching error is raised."""
        key = json.dumps(schema, sort_keys=True)
        validator = self._validators.get(key)
        if validator is None:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = self._validators[key] = cls(schema)
        error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
        if error is not None:
            raise error
