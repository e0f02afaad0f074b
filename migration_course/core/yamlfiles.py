"""One way to read a course settings file: a YAML mapping, or an error naming the file.

The course's settings files (``completion.yml``, ``events.yml``) are edited by hand; whatever
goes wrong reading one, the instructor gets the file's path and what was expected, in the
error type of the feature that reads it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from migration_course.core.errors import UserError


def read_mapping(path: Path, error: type[UserError], expected: str) -> dict:
    """The file's top-level mapping (an empty file is an empty one); ``error`` otherwise."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise error(f"{path}: cannot read it ({exc})") from None
    if not isinstance(raw, dict):
        raise error(f"{path}: expected {expected}, found a single value")
    return raw
