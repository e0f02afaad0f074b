"""Module IV, migration governance: the IOM study, shares of the population, the Honduras case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from migration_course import datasets
from migration_course.core.strings import FROM_CATALOGUE
from migration_course.countries import in_sentence, place_name
from migration_course.page_facts.common import (
    Facts,
    RefugeeStock,
    TableLabels,
    count,
    fmt_people,
    latest_refugee_year,
    percent,
    refugees_from,
    rows,
    table,
    usd_billions,
)


def facts() -> dict[str, str]:
    """Every figure module-4.md glues, by glue name."""
    note = Facts()
    stock = datasets.load("migrant_stock_by_destination")
    both = stock[stock["sex"] == "both"]
    number = both.pivot(index="country", columns="year", values="migrants")
    refugees = datasets.load("refugees_by_origin")
    return {**_governance(note), **_share_of_population(both, number), **_costa_rica_refugees(number),
            **_refugees(note, refugees), **_honduras(number, refugees)}


def _governance(note: Facts) -> dict[str, str]:
    """The IOM 49-country governance study (concept note, section 1.3) and the programme's size."""
    return {
        "m4_gov_countries": note.count("governance_study_countries"),
        "m4_gov_strategy": note.pct("governance_study_pct_with_strategy"),
        "m4_gov_aligned": note.pct("governance_study_pct_aligned"),
        "m4_gov_no_strategy": percent(100 - note.value("governance_study_pct_with_strategy"), 0),
        "m4_programme_countries": note.count("programme_countries"),
        "m4_officials_per_country": note.count("programme_officials_per_country"),
    }


def _share_of_population(both: pd.DataFrame, number: pd.DataFrame) -> dict[str, str]:
    """Migrants as numbers and as a share of the population (UN DESA 2019 revision, both sexes)."""
    of_population = both.pivot(index="country", columns="year", values="migrants_pct_of_population")
    ranked = of_population[2019].sort_values()
    cri, usa, mex = (place_name(code) for code in ("CRI", "USA", "MEX"))  # as the table names them
    return {
        "m4_cri_stock_1990": count(number.loc[cri, 1990]),
        "m4_cri_stock_2019": count(number.loc[cri, 2019]),
        "m4_cri_share_1990": percent(of_population.loc[cri, 1990]),
        "m4_cri_share_2019": percent(of_population.loc[cri, 2019]),
        "m4_usa_share_2019": percent(of_population.loc[usa, 2019]),
        "m4_mex_share_2019": percent(of_population.loc[mex, 2019]),
        "m4_mex_stock_2019": fmt_people(number.loc[mex, 2019]),
        "m4_top_share_country": in_sentence(ranked.index[-1]),
        "m4_top_share_value": percent(ranked.iloc[-1]),
        "m4_n_below_1pct": count((ranked < 1).sum()),
    }


def _costa_rica_refugees(number: pd.DataFrame) -> dict[str, str]:
    """How many of Costa Rica's migrants were refugees in 1990 and 2019 (UN DESA, Table 6)."""
    refugee_stock = RefugeeStock()
    others = {year: number.loc[place_name("CRI"), year] - refugee_stock.people("CRI", year)
              for year in (1990, 2019)}
    return {
        "m4_cri_refugees_1990": count(refugee_stock.people("CRI", 1990)),
        "m4_cri_refugees_pct_1990": refugee_stock.share("CRI", 1990),
        "m4_cri_refugees_2019": count(refugee_stock.people("CRI", 2019)),
        "m4_cri_refugees_pct_2019": refugee_stock.share("CRI", 2019, digits=1),
        "m4_cri_others_1990": count(others[1990]),
        "m4_cri_others_2019": count(others[2019]),
    }


def _refugees(note: Facts, refugees: pd.DataFrame) -> dict[str, str]:
    """Refugees and asylum-seekers from the four countries, end-2018, against the concept note's."""
    last, reference_date = latest_refugee_year(refugees)
    return {
        "m4_ref_note": note.printed("refugees_from_slv_gtm_hnd_nic"),
        "m4_asy_note": note.printed("asylum_seekers_from_slv_gtm_hnd_nic"),
        "m4_ref_unhcr_2018": count(refugees_from(refugees, "refugees", 2018)),
        "m4_asy_unhcr_2018": count(refugees_from(refugees, "asylum_seekers", 2018)),
        "m4_ref_last_year": str(last),
        "m4_ref_last_date": reference_date,
    }


def _honduras(number: pd.DataFrame, refugees: pd.DataFrame) -> dict[str, str]:
    """What international datasets already say about Honduras (inputs for the case study)."""
    emigrants = rows(datasets.load("emigrants_main_destinations"), 2019)
    emigrants = emigrants[emigrants["origin_iso3"] == "HND"]
    first = emigrants[emigrants["rank"] == 1].iloc[0]
    remit = datasets.load("remittances_received").set_index(["country_iso3", "year"])["remittances_usd"]
    return {
        "m4_hnd_emigrants": count(emigrants["migrants"].sum()),
        "m4_hnd_top_dest": in_sentence(str(first["dest"])),
        "m4_hnd_top_pct": percent(first["pct_of_emigrants"], 0),
        "m4_hnd_immigrants": count(number.loc[place_name("HND"), 2019]),
        "m4_hnd_asy_2019": count(refugees_from(refugees, "asylum_seekers", 2019, ("HND",))),
        "m4_hnd_ref_2019": count(refugees_from(refugees, "refugees", 2019, ("HND",))),
        "m4_hnd_remit_2019": usd_billions(remit.loc[("HND", 2019)]),
    }


@dataclass(frozen=True)
class CheckedFiguresLabels(TableLabels):
    """Caption and headers of the table of concept note figures the course cross-checked."""

    SECTION: ClassVar[str] = "page.module_4.checked_figures"
    caption: str = FROM_CATALOGUE
    figure: str = FROM_CATALOGUE
    as_printed: str = FROM_CATALOGUE
    finding: str = FROM_CATALOGUE


def checked_figures(labels: CheckedFiguresLabels | None = None) -> object:
    """Every concept note figure with a caveat, once per caveat, with what the cross-check found."""
    labels = labels or CheckedFiguresLabels()
    checked = datasets.load("concept_note_facts")
    checked = checked[checked["caveat"].notna() & (checked["caveat"].astype(str).str.len() > 0)]
    checked = checked.drop_duplicates(subset="caveat", keep="first")
    shown = checked[["statement", "as_printed", "caveat"]].rename(columns={
        "statement": labels.figure, "as_printed": labels.as_printed, "caveat": labels.finding})
    return table(shown, labels.caption, "concept_note_facts")
