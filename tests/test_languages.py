"""Per-language behaviour of the core: numbers, the page's language, places, roster, programme."""

from __future__ import annotations

import pytest

from migration_course import countries, curriculum, datasets
from migration_course.charts.base import fmt_cell, fmt_people, fmt_percent, log_tick_text
from migration_course.core import strings
from migration_course.core.numbers import NBSP, number, style
from migration_course.core.participants import Participant
from migration_course.roster import _participant


@pytest.fixture
def spanish():
    strings.use_language("es")
    yield
    strings.use_language("en")


@pytest.mark.parametrize(("value", "places", "en", "es"), [
    (1306, 0, "1,306", "1306"), (12500, 0, "12,500", f"12{NBSP}500"),
    (1_306_000.5, 1, "1,306,000.5", f"1{NBSP}306{NBSP}000.5"),
    (-12345.67, 2, "-12,345.67", f"-12{NBSP}345.67"),
    (999, 0, "999", "999"), (47.9, 1, "47.9", "47.9")])
def test_one_number_rule_per_language(value, places, en, es):
    assert number(value, places, "en") == en and number(value, places, "es") == es


def test_plotly_gets_the_same_separators():
    assert style("es").plotly_separators == "." + NBSP and style("en").plotly_separators == ".,"


def test_a_page_in_spanish_writes_spanish_numbers_and_words(spanish):
    assert fmt_percent(47.94) == f"47.9{NBSP}%"
    assert fmt_people(50_661_149) == "50.7 millones" and fmt_people(417_768) == f"417{NBSP}768"
    assert fmt_cell(1306.0, 0) == "1306" and fmt_cell(25344) == f"25{NBSP}344"
    assert log_tick_text(6) == "1 millón" and log_tick_text(7) == "10 millones"
    assert fmt_percent(47.94, language="en") == "47.9%"  # an explicit language wins


def test_use_language_refuses_a_language_without_a_catalogue():
    with pytest.raises(strings.MissingString, match="xx"):
        strings.use_language("xx")
    assert strings.current_language() == "en"


def test_place_names_and_articles_follow_the_language(spanish):
    assert countries.country("MEX").name == "México"
    assert countries.prose("DOM") == "la República Dominicana"
    assert countries.in_sentence("Estados Unidos") == "Estados Unidos"
    stock = datasets.load("migrant_stock_by_destination")
    assert set(stock["country"]) >= {"México", "Belice", "Panamá", "Canadá"}
    assert countries.in_sentence("United States", "en") == "the United States"


def test_english_place_names_are_the_datas():
    strings.use_language("en")
    table = datasets.load("od_within_rcm")
    raw = datasets.pd.read_csv(datasets.DATA_DIR / "od_within_rcm.csv")
    assert list(table["origin"]) == list(raw["origin"]) and list(table["dest"]) == list(raw["dest"])


def test_objectives_and_self_checks_follow_the_page(spanish):
    assert curriculum.module("M3").title.startswith("Protección internacional")
    assert curriculum.objectives_html("M3").startswith("<p>Al finalizar este módulo")
    english = curriculum.load_selfcheck("M1", curriculum.selfcheck_dir("en"))[0].question
    shown = curriculum.selfcheck_html("M1")
    assert strings.text("curriculum.selfcheck.answer_label", "es") in shown and english not in shown


@pytest.mark.parametrize(("country", "category", "stated", "reads"), [
    ("GTM", "member", "", "es"), ("CAN", "member", "", "en"), ("USA", "member", "es", "es"),
    ("", "observer", "", "es"), ("MEX", "member", "en", "en")])
def test_a_participant_reads_the_rosters_language_else_the_countrys(country, category, stated, reads):
    person = Participant("X-01", "Ana Pérez", "ana@example.org", country, "Ministerio", "", category,
                         stated)
    assert person.reads == reads


def test_the_roster_reads_a_language_column_in_either_language():
    aliases = {"guatemala": "GTM", "gtm": "GTM"}
    row = {"full_name": "Ana Pérez", "email": "ana@example.org", "country": "Guatemala",
           "language": "Inglés"}
    assert _participant(row, aliases).language == "en"
    assert _participant({**row, "language": "Español"}, aliases).language == "es"
    field, what = _participant({**row, "language": "Klingon"}, aliases)
    assert field == "language" and "Español or English" in what


def test_the_programme_has_its_words_in_spanish():
    from tools.demo_course import demo_completion

    programme = demo_completion().programme
    spanish = programme.in_language("es")
    assert spanish.organiser == "Conferencia Regional sobre Migración (CRM)"
    assert spanish.issued_on == programme.issued_on and spanish.code_prefix == programme.code_prefix
    assert programme.in_language("en") == programme and programme.in_language("fr") == programme


def test_the_events_words_lay_over_the_settings_without_changing_times(spanish):
    from migration_course.core.course import Course
    from migration_course.core.paths import DEMO_COURSE
    from migration_course.events import live_events

    spanish_events = live_events(Course.open(DEMO_COURSE))
    strings.use_language("en")
    english_events = live_events(Course.open(DEMO_COURSE))
    for es, en in zip(spanish_events.events, english_events.events, strict=True):
        assert es.starts == en.starts and es.ends == en.ends and es.links == en.links
        assert es.title != en.title and es.core_topic != en.core_topic
        assert [(i.start, i.end) for i in es.agenda] == [(i.start, i.end) for i in en.agenda]
        assert [[s.name for s in i.speakers] for i in es.agenda] == \
            [[s.name for s in i.speakers] for i in en.agenda]


def test_a_translation_that_moves_or_adds_an_entry_is_refused():
    from migration_course.core.yamlfiles import with_words

    raw = {"events": [{"id": "panel", "agenda": [{"time": "09:00", "activity": "Opening"}]}]}
    problems: list[str] = []
    out = with_words(raw, {"events": [{"id": "panel", "agenda": [{"activity": "Apertura"}]}]}, "x",
                     problems)
    assert problems == [] and out["events"][0]["agenda"][0] == {"time": "09:00", "activity": "Apertura"}
    with_words(raw, {"events": [{"id": "session-1"}, {"id": "panel"}]}, "x", problems)
    assert any("id" in p for p in problems) and any("2 entries" in p for p in problems)
