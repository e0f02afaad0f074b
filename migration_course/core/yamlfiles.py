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


def translation_of(path: Path, language: str) -> Path:
    """``events.es.yml`` beside ``events.yml``: the words of a settings file in ``language``."""
    path = Path(path)
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


def with_words(raw: object, words: object, where: str, problems: list[str]) -> object:
    """``raw`` with every text that ``words`` gives at the same place replaced by it.

    Why an overlay and not a second settings file: times, links, IDs and names stay in the one
    file an organiser edits; a translation gives only the words (topics, activities, roles) at
    the same places, lists in the same order, so it can never change when an event happens.
    A place ``words`` names that ``raw`` lacks, or an ``id`` that differs, is reported.
    """
    if isinstance(raw, dict) and isinstance(words, dict):
        out = dict(raw)
        for key, value in words.items():
            if key not in raw and not isinstance(value, str):
                problems.append(f"{where}.{key}: not in the original file")
            elif key == "id" and value != raw.get("id"):
                problems.append(f"{where}.id: {value!r}, the original has {raw.get('id')!r} here")
            else:
                out[key] = with_words(raw.get(key), value, f"{where}.{key}", problems)
        return out
    if isinstance(raw, list) and isinstance(words, list):
        if len(words) != len(raw):
            problems.append(f"{where}: {len(words)} entries, the original has {len(raw)}")
        return [with_words(r, words[n], f"{where}[{n + 1}]", problems) if n < len(words) else r
                for n, r in enumerate(raw)]
    if isinstance(words, str) and (raw is None or isinstance(raw, str)):
        return words
    if words is not None:
        problems.append(f"{where}: expected {type(raw).__name__}, found {type(words).__name__}")
    return raw
