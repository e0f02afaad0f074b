"""Each questionnaire closes: the last hub submission before closing counts, a late one is kept."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
import yaml

from migration_course.core.completion import CompletionConfigError, load_completion
from migration_course.core.course import Course
from migration_course.grading.exchange import (
    collect,
    late_in_exchange,
    release,
    set_due_date,
    student_fetch_and_submit,
)
from migration_course.grading.pipeline import grade
from tools.demo_course import COMPLETION_FILE, demo_bank
from tools.synthetic_cohort import write_answers

A = "pre_questionnaire"


def set_window(course: Course, opens: dt.datetime, closes: dt.datetime) -> None:
    raw = yaml.safe_load(course.completion_file.read_text(encoding="utf-8"))
    raw["questionnaires"][A] = {"opens": f"{opens:%Y-%m-%d %H:%M:%S}",
                                "closes": f"{closes:%Y-%m-%d %H:%M:%S}"}
    course.completion_file.write_text(yaml.safe_dump(raw), encoding="utf-8")
    course.__dict__.pop("completion", None)


def test_windows_are_read_on_the_course_clock_and_checked(tmp_path):
    window = load_completion(COMPLETION_FILE).window(A)
    assert window.closes.tzinfo == ZoneInfo("America/Costa_Rica")
    assert window.is_late(dt.datetime(2020, 7, 22, 15, 1, tzinfo=dt.UTC))   # 09:01 in San José
    assert not window.is_late(dt.datetime(2020, 7, 22, 14, 59, tzinfo=dt.UTC))
    bad = yaml.safe_load(COMPLETION_FILE.read_text(encoding="utf-8"))
    bad["questionnaires"][A] = {"opens": "2020-07-22 10:00", "closes": "2020-07-22 09:00"}
    path = tmp_path / "completion.yml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(CompletionConfigError, match="is not after opens"):
        load_completion(path)


def answer(bank, letter):
    def write(folder):
        write_answers(folder, A, {k.id: letter for k in bank.knowledge}, bank)
    return write


@pytest.mark.grading
def test_last_before_closing_counts_and_late_ones_are_kept_not_scored(tmp_path):
    bank = demo_bank()
    course = Course.create(tmp_path / "course", exchange=tmp_path / "exchange",
                           overrides={"Execute.timeout": 5})
    zone = ZoneInfo(course.completion.timezone)
    now = dt.datetime.now(zone).replace(tzinfo=None)
    set_window(course, now - dt.timedelta(days=1), now + dt.timedelta(days=1))
    release(course, A)
    home = tmp_path / "homes"
    # GTM-01 submits on time ("A" everywhere), then again after closing ("B" everywhere)
    student_fetch_and_submit(course, A, "GTM-01", home / "a", answer(bank, "A"))
    # GTM-02 only ever submits after closing
    time.sleep(1.1)
    closing = dt.datetime.now(zone).replace(tzinfo=None)
    set_window(course, now - dt.timedelta(days=1), closing)
    set_due_date(course, A)
    time.sleep(1.1)
    student_fetch_and_submit(course, A, "GTM-01", home / "a2", answer(bank, "B"))
    student_fetch_and_submit(course, A, "GTM-02", home / "b", answer(bank, "C"))
    assert sorted(collect(course, A)[0]) == ["GTM-01", "GTM-02"]
    assert [x.split()[0] for x in late_in_exchange(course, A)] == ["GTM-01", "GTM-02"]
    statuses = grade(course, A, workers=1, progress=None)
    on_time = statuses["GTM-01"]
    assert on_time.status == "graded"
    assert on_time.score == sum(k.points for k in bank.knowledge if k.answer == "A")
    late = statuses["GTM-02"]
    assert late.status == "late" and late.score is None and "--accept-late GTM-02" in late.reason
    accepted = grade(course, A, workers=1, students=["GTM-02"], progress=None,
                     accept_late=["GTM-02"])["GTM-02"]
    assert accepted.status == "graded" and any("accepted" in n for n in accepted.notes)
    assert accepted.score == sum(k.points for k in bank.knowledge if k.answer == "C")
