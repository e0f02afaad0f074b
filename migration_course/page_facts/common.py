"""What the figures of several pages share: the concept note's facts, number formats, tables.

Why one module: the same kind of figure (a percentage of the concept note, "176 million", a
corridor between two RCM countries, the latest UNHCR year) appears on several pages, and a
reader comparing two modules must find it written the same way. Each page's module in this
package computes its own figures with these helpers and nothing else of its own to format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pandas as pd

from migration_course import datasets
from migration_course.charts.base import fmt_people, fmt_percent, rounded, table_html
from migration_course.core import strings
from migration_course.core.numbers import number
from migration_course.core.paths import edition_root
from migration_course.core.strings import Labels

__all__ = [
    "FOUR", "Corridors", "Facts", "Remittances", "TableLabels", "count", "fmt_people", "growth",
    "RefugeeStock", "latest_refugee_year", "percent", "ratio", "refugees_from", "rows", "share", "show_html",
    "source_note",
    "table", "table2_as_published", "usd", "usd_billions",
]

# El Salvador, Guatemala, Honduras and Nicaragua: the concept note's refugee and asylum figures
# are for these four countries of origin together.
FOUR: tuple[str, ...] = ("SLV", "GTM", "HND", "NIC")


# --- number formats ------------------------------------------------------------------------------

def count(value: float) -> str:
    """A whole number for prose, grouped as the page's language does: '1,306' ('1306', '25 344')."""
    return number(rounded(value), 0, strings.current_language())


def percent(value: float, digits: int = 1) -> str:
    """A value already in percent: '47.9%' (``digits=0``: '48%')."""
    return fmt_percent(value, digits)


def share(part: float, whole: float, digits: int = 0) -> str:
    """``part`` as a percentage of ``whole``: '73%'."""
    return fmt_percent(part / whole * 100, digits)


def growth(new: float, old: float) -> str:
    """The change from ``old`` to ``new`` in whole percent: '-8%', '51%'."""
    return fmt_percent((new / old - 1) * 100, 0)


def ratio(value: float) -> str:
    """A ratio (how many times) with one decimal: '2.6'."""
    return number(rounded(value, 1), 1, strings.current_language())


def usd(amount: float) -> str:
    """A sum in US dollars computed by the course: 'US$ 1,234'."""
    return strings.text("page.money.usd", amount=count(amount))


def usd_billions(amount: float) -> str:
    """A sum in US dollars computed by the course, in billions: 'US$ 38.5 billion'."""
    return strings.text("page.money.usd_billions",
                        amount=number(rounded(amount / 1e9, 1), 1, strings.current_language()))


# --- the concept note's figures -----------------------------------------------------------------

def facts_translation_file(language: str) -> Path:
    """Where an edition keeps the concept note's quoted words in its language."""
    return edition_root(language) / "data" / "concept_note_facts.yml"


def _one_line(text: object) -> str:
    """A YAML block on one line; non-breaking spaces (``12 500``, ``48 %``) stay unbreakable."""
    return re.sub(r"[ \t\r\n]+", " ", str(text)).strip()


def translated_facts(language: str) -> dict[str, dict[str, str]]:
    """fact_id -> {column: words} in ``language`` (empty for English, whose words are the table's)."""
    if language == strings.DEFAULT_LANGUAGE:
        return {}
    return datasets.edition_data(language, facts_translation_file(language).name)


class Facts:
    """The figures printed in the concept note and the news items (table ``concept_note_facts``).

    Why a reader and not ``facts.loc[...]`` on each page: the pages quote these figures in a few
    fixed ways (as printed, as a percentage, "176 million", with their caveat or cited source),
    and each way must read the same wherever it is quoted.
    """

    def __init__(self) -> None:
        self.table = datasets.load("concept_note_facts").set_index("fact_id")
        self.language = strings.current_language()
        self.words = translated_facts(self.language)

    def value(self, fact_id: str) -> float:
        """The figure as a number, in the unit of the table's ``unit`` column."""
        return float(self.table.loc[fact_id, "value"])

    def text(self, fact_id: str, column: str) -> str:
        """A text of the table; on a page in another language, its translation (never English)."""
        if self.language == strings.DEFAULT_LANGUAGE:
            return str(self.table.loc[fact_id, column])
        try:
            return _one_line(self.words[fact_id][column])
        except KeyError:
            raise KeyError(f"{facts_translation_file(self.language)}: no {column!r} for {fact_id!r}; "
                           "add the translation of the concept note's words") from None

    def printed(self, fact_id: str) -> str:
        """The figure exactly as the concept note or news item printed it."""
        return self.text(fact_id, "as_printed")

    def cited_source(self, fact_id: str) -> str:
        """The source the concept note cites for the figure."""
        return self.text(fact_id, "cited_source")

    def caveat(self, fact_id: str) -> str:
        """What the course's cross-check found about the figure."""
        return self.text(fact_id, "caveat")

    def pct(self, fact_id: str) -> str:
        """A figure in percent, in whole percent: '48%'."""
        return percent(self.value(fact_id), 0)

    def count(self, fact_id: str) -> str:
        """A figure that counts something (people, countries): '1,306'."""
        return count(self.value(fact_id))

    def millions(self, fact_id: str) -> str:
        """A figure given in millions, with the charts' word for million: '176 million'."""
        return f"{count(self.value(fact_id))} {strings.text('chart.common.million')}"

    def usd_billions(self, fact_id: str) -> str:
        """A figure in billions of US dollars, as the sources quote it: 'USD 78.6 billion'."""
        return strings.text("page.money.usd_billions_quoted", amount=f"{self.value(fact_id):g}")


# --- selections the pages share ------------------------------------------------------------------

def rows(frame: pd.DataFrame, year: int, sex: str | None = "both") -> pd.DataFrame:
    """The rows of one year (and one sex, unless ``sex=None``) of a UN DESA table."""
    keep = frame["year"] == year
    if sex is not None:
        keep &= frame["sex"] == sex
    return frame[keep]


class Corridors:
    """Migrants born in one RCM country and living in another in one year (``od_within_rcm``)."""

    def __init__(self, od: pd.DataFrame, year: int = 2019) -> None:
        self.od = od
        self.pairs = od[od["year"] == year].pivot_table(index=["origin_iso3", "dest_iso3"], columns="sex",
                                                        values="migrants", aggfunc="sum")

    def people(self, origin: str, dest: str, sex: str = "both") -> int:
        """Migrants born in ``origin`` and living in ``dest`` (ISO3 codes)."""
        return int(self.pairs.loc[(origin, dest), sex])

    def within(self, year: int) -> int:
        """All migrants born in one RCM country and living in another, both sexes, in ``year``."""
        return int(rows(self.od, year)["migrants"].sum())


def table2_as_published() -> pd.Series:
    """Table 2 of the concept note as printed (men only), by (origin, destination) ISO3 codes."""
    table2 = datasets.load("concept_note_table2")
    return table2.set_index(["origin_iso3", "dest_iso3"])["value_as_published"]


def refugees_from(refugees: pd.DataFrame, kind: str, year: int, origins: tuple[str, ...] = FOUR) -> int:
    """UNHCR's refugees or asylum-seekers (``kind``) from ``origins`` together, at the end of ``year``."""
    chosen = refugees[(refugees["population_type"] == kind) & (refugees["year"] == year)
                      & refugees["country_iso3"].isin(origins)]
    return int(chosen["persons"].sum())


def latest_refugee_year(refugees: pd.DataFrame) -> tuple[int, str]:
    """The latest year of UNHCR's table and the date its figures refer to ('mid-2021')."""
    last = int(refugees["year"].max())
    code = str(refugees.loc[refugees["year"] == last, "reference_date"].iloc[0])
    return last, strings.text(f"page.reference_date.{code}")


def table_caveat(name: str) -> str:
    """A data table's caveat (``datapackage.json``), in the page's language."""
    language = strings.current_language()
    if language == strings.DEFAULT_LANGUAGE:
        return str(datasets.metadata(name)["caveat"])
    try:
        return _one_line(translated_facts(language)["tables"][name]["caveat"])
    except KeyError:
        raise KeyError(f"{facts_translation_file(language)}: no tables: {name}: caveat; add the "
                       "translation of the table's caveat") from None


class RefugeeStock:
    """UN DESA's refugees, asylum-seekers included, in each RCM country (``refugee_stock_by_destination``).

    Why pages need it: in 1990 refugees were most of the migrants of several Central American
    countries, so a migrant stock of 1990 compared with 2019 must say how many were refugees.
    """

    def __init__(self) -> None:
        table = datasets.load("refugee_stock_by_destination").set_index(["country_iso3", "year"])
        self.persons = table["refugees"]
        self.pct = table["refugees_pct_of_migrant_stock"]

    def people(self, iso3: str, year: int) -> int:
        """Refugees living in ``iso3`` in ``year``."""
        return int(self.persons.loc[(iso3, year)])

    def share(self, iso3: str, year: int, digits: int = 0) -> str:
        """Refugees as a share of the country's migrant stock, as UN DESA gives it ('66%', '0.5%')."""
        return percent(float(self.pct.loc[(iso3, year)]), digits)


class Remittances:
    """Personal remittances received by the RCM countries (World Bank), by ISO3 code and year."""

    def __init__(self, remit: pd.DataFrame) -> None:
        self.usd = remit.pivot(index="country_iso3", columns="year", values="remittances_usd")
        self.population = remit.pivot(index="country_iso3", columns="year", values="population")
        self.names = remit.drop_duplicates("country_iso3").set_index("country_iso3")["country"]
        self.last = int(remit["year"].max())

    def total(self, year: int) -> float:
        """All RCM countries together; countries without a figure that year are left out."""
        return float(self.usd[year].sum(min_count=1))

    def share_of_total(self, iso3: str, year: int) -> str:
        """One country's part of the RCM total, in whole percent."""
        return share(self.usd.loc[iso3, year], self.total(year))

    def per_head(self, year: int) -> pd.Series:
        """US$ per inhabitant, highest first."""
        return (self.usd[year] / self.population[year]).sort_values(ascending=False)


# --- tables --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TableLabels(Labels):
    """Words several page tables share (``page.table``: "Country of origin", ...).

    Each table's labels name their own section, with at least its ``caption``; a header they
    do not define there is read from ``page.table``, so a shared header is translated once.
    """

    SECTION: ClassVar[str] = "page.table"


def source_note(*tables: str, after: str = "") -> str:
    """The 'Source: ….' line under a page table, citing the publishers of ``tables``."""
    sources = "; ".join(datasets.source_line(name) for name in tables)
    return f'<p class="rcm-chart-source">{strings.text("page.table.source", sources=sources)}{after}</p>'


def show_html(markup: str) -> object:
    """Markup a notebook cell displays as HTML (IPython is imported only in a notebook)."""
    from IPython.display import HTML

    return HTML(markup)


def table(frame: pd.DataFrame, caption: str, *sources: str,
          number_columns: list[str] | None = None) -> object:
    """An accessible table of ``frame`` with its caption and, under it, the source of ``sources``."""
    return show_html(table_html(frame, caption, number_columns=number_columns) + source_note(*sources))
