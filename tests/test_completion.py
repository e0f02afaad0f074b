"""The one file of sessions and certificate rules: concept-note defaults, every problem at once."""

import datetime as dt

import pytest

from migration_course.core.completion import CompletionConfigError, load_completion
from tools.demo_course import COMPLETION_FILE, demo_completion


def test_defaults_follow_the_concept_note():
    c = demo_completion()
    assert [(s.id, s.date, s.start.isoformat("minutes"), s.end.isoformat("minutes"))
            for s in c.sessions] == [
        ("panel", dt.date(2020, 7, 22), "09:00", "11:05"),
        ("session-1", dt.date(2020, 7, 29), "09:00", "11:00"),
        ("session-2", dt.date(2020, 8, 5), "09:00", "11:00"),
        ("session-3", dt.date(2020, 8, 12), "09:00", "11:00")]
    assert c.required_sessions == ("panel", "session-1", "session-2", "session-3")
    assert c.min_minutes("panel") == pytest.approx(0.75 * 125)
    assert c.min_minutes("session-2") == pytest.approx(90)
    assert c.programme.issued_on == dt.date(2020, 8, 21)


def _variant(tmp_path, old, new):
    text = COMPLETION_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "completion.yml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_an_empty_eligibility_section_means_the_defaults(tmp_path):
    text = COMPLETION_FILE.read_text(encoding="utf-8")
    path = tmp_path / "completion.yml"
    path.write_text(text[:text.index("eligibility:")] + "eligibility:\n", encoding="utf-8")
    c = load_completion(path)
    assert c.post_min_share == 0 and len(c.required_sessions) == 4


def test_every_problem_is_reported_at_once(tmp_path):
    path = _variant(tmp_path, 'date: 2020-08-05\n    start: "09:00"\n    end: "11:00"',
                    'date: 2020-08-05\n    start: "11:00"\n    end: "09:00"')
    path.write_text(path.read_text(encoding="utf-8")
                    .replace("min_share_of_session: 0.75", "min_share_of_session: 75")
                    .replace("[panel, session-1", "[panel, session-9, session-1"),
                    encoding="utf-8")
    with pytest.raises(CompletionConfigError) as err:
        load_completion(path)
    text = str(err.value)
    assert "session-2): end 09:00:00 is not after start 11:00:00" in text
    assert "attendance.min_share_of_session: must be between 0 and 1, found 75" in text
    assert "'session-9' is not a session id" in text


def test_a_file_that_is_not_a_set_of_sections(tmp_path):
    path = tmp_path / "completion.yml"
    path.write_text("just a line\n", encoding="utf-8")
    with pytest.raises(CompletionConfigError, match="expected sections"):
        load_completion(path)
