"""Module I, global context: world figures of the concept note and of UN DESA's 2019 revision."""

from __future__ import annotations

import pandas as pd

from migration_course import datasets
from migration_course.countries import in_sentence
from migration_course.page_facts.common import Facts, count, fmt_people, growth, percent, share


def facts() -> dict[str, str]:
    """Every figure module-1.md glues, by glue name."""
    return {**_concept_note(), **_regions(datasets.load("migrant_stock_regions")),
            **_women_by_country(datasets.load("migrant_stock_by_destination"))}


def _concept_note() -> dict[str, str]:
    """The concept note's (and news items') figures, as the module quotes them."""
    note = Facts()
    income = [note.value(f"migrants_in_{level}_income_countries") for level in ("high", "middle", "low")]
    return {
        "m1_world": note.printed("migrants_world"),
        "m1_pct_male": note.pct("migrants_world_pct_male"),
        "m1_pct_female": note.pct("migrants_world_pct_female"),
        "m1_high_income": note.millions("migrants_in_high_income_countries"),
        "m1_middle_income": note.millions("migrants_in_middle_income_countries"),
        "m1_low_income": note.millions("migrants_in_low_income_countries"),
        "m1_high_income_share": share(income[0], sum(income)),
        "m1_low_income_share": share(income[2], sum(income)),
        "m1_covid_postponed": note.pct("covid_survey_pct_postponed"),
        "m1_covid_return": note.pct("covid_survey_pct_considering_return"),
        "m1_covid_source": note.cited_source("covid_survey_pct_postponed"),
        "m1_governance_strategy": note.pct("governance_study_pct_with_strategy"),
        "m1_governance_countries": note.count("governance_study_countries"),
    }


def _regions(regions: pd.DataFrame) -> dict[str, str]:
    """The world, Northern America and Latin America and the Caribbean in 1990 and 2019."""
    people = regions.pivot_table(index=["region_code", "year"], columns="sex", values="migrants")
    of_population = (regions[regions["sex"] == "both"].set_index(["region_code", "year"])
                     ["migrants_pct_of_population"])
    women = people["female"] / people["both"] * 100
    world_1990, world_2019 = people.loc[("WLD", 1990), "both"], people.loc[("WLD", 2019), "both"]
    return {
        "m1_world_desa": count(world_2019),
        "m1_world_1990": fmt_people(world_1990),
        "m1_world_2019": fmt_people(world_2019),
        "m1_world_growth": growth(world_2019, world_1990),
        "m1_world_pop_1990": percent(of_population.loc[("WLD", 1990)]),
        "m1_world_pop_2019": percent(of_population.loc[("WLD", 2019)]),
        "m1_nam_pop_2019": percent(of_population.loc[("NORTHERN_AMERICA", 2019)]),
        "m1_lac_pop_2019": percent(of_population.loc[("LAC", 2019)]),
        "m1_nam_2019": fmt_people(people.loc[("NORTHERN_AMERICA", 2019), "both"]),
        "m1_nam_1990": fmt_people(people.loc[("NORTHERN_AMERICA", 1990), "both"]),
        "m1_lac_2019": fmt_people(people.loc[("LAC", 2019), "both"]),
        "m1_lac_1990": fmt_people(people.loc[("LAC", 1990), "both"]),
        "m1_fem_world_1990": percent(women.loc[("WLD", 1990)]),
        "m1_fem_world_2019": percent(women.loc[("WLD", 2019)]),
        "m1_fem_nam_1990": percent(women.loc[("NORTHERN_AMERICA", 1990)]),
        "m1_fem_nam_2019": percent(women.loc[("NORTHERN_AMERICA", 2019)]),
        "m1_fem_lac_2019": percent(women.loc[("LAC", 2019)]),
    }


def _women_by_country(stock: pd.DataFrame) -> dict[str, str]:
    """Women's share of each RCM country's migrants in 2019: the lowest, the highest, how many over half."""
    by_sex = stock[stock["year"] == 2019].pivot(index="country", columns="sex", values="migrants")
    women = (by_sex["female"] / by_sex["both"] * 100).sort_values()
    return {
        "m1_fem_low_country": in_sentence(women.index[0]),
        "m1_fem_low_value": percent(women.iloc[0]),
        "m1_fem_high_country": in_sentence(women.index[-1]),
        "m1_fem_high_value": percent(women.iloc[-1]),
        "m1_fem_over_half": count((women > 50).sum()),
    }
