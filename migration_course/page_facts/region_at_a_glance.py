"""The RCM region at a glance (book page): Table 1 of the concept note and its totals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from migration_course import datasets
from migration_course.core.strings import FROM_CATALOGUE
from migration_course.page_facts.common import TableLabels, count, fmt_people, table


def facts() -> dict[str, str]:
    """Every figure region-at-a-glance.md glues, by glue name."""
    table1 = datasets.load("concept_note_table1")
    rest = table1[~table1["country_iso3"].isin(["USA", "CAN"])]
    return {
        "total_2019": count(table1["migrants_2019"].sum()),
        "rest_2019": fmt_people(rest["migrants_2019"].sum()),
        "n_rest": count(len(rest)),
    }


@dataclass(frozen=True)
class Table1Labels(TableLabels):
    """Caption and headers of Table 1 of the concept note."""

    SECTION: ClassVar[str] = "page.region_at_a_glance.table1"
    caption: str = FROM_CATALOGUE
    destination: str = FROM_CATALOGUE
    migrants: str = FROM_CATALOGUE


def table1(labels: Table1Labels | None = None) -> object:
    """Table 1 of the concept note: international migrants in each member country, 2019."""
    labels = labels or Table1Labels()
    shown = datasets.load("concept_note_table1").rename(
        columns={"country": labels.destination, "migrants_2019": labels.migrants})
    return table(shown.drop(columns="country_iso3"), labels.caption, "concept_note_table1")
