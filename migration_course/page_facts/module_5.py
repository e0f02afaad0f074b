"""Module V, migration and development: remittances, emigrants' destinations, women who emigrate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from migration_course import datasets
from migration_course.core.strings import FROM_CATALOGUE
from migration_course.countries import in_sentence
from migration_course.page_facts import module_1
from migration_course.page_facts.common import (
    Facts,
    Remittances,
    TableLabels,
    count,
    growth,
    percent,
    rows,
    table,
    usd,
    usd_billions,
)


def facts() -> dict[str, str]:
    """Every figure module-5.md glues, by glue name."""
    e19 = rows(datasets.load("emigrants_main_destinations"), 2019, sex=None)
    return {**_concept_note(), **_remittances(), **_destinations(e19), **_women(e19)}


def _concept_note() -> dict[str, str]:
    """The concept note's and news items' figures."""
    note = Facts()
    return {
        "m5_pct_female": note.pct("migrants_world_pct_female"),
        "m5_covid_return": note.pct("covid_survey_pct_considering_return"),
        "m5_note_mexico": note.printed("remittances_received_mexico"),
        "m5_note_mexico_caveat": note.caveat("remittances_received_mexico"),
        "m5_world_2018": note.printed("remittances_world_2018"),
        "m5_usa_source": note.printed("remittances_sent_usa"),
        **_women_worldwide(),
    }


def _women_worldwide() -> dict[str, str]:
    """UN DESA's share of women among the world's migrants, 1990 and 2019, worded as Module I words it.

    Why here: the concept note reads 48% as a trend towards feminisation, and this page must show
    the series that does not bear that reading out, with the same figures Module I teaches.
    """
    regions = module_1.facts()
    return {f"m5_fem_world_{year}": regions[f"m1_fem_world_{year}"] for year in (1990, 2019)}


def _remittances() -> dict[str, str]:
    """Remittances received (World Bank WDI, current US$): totals, the 2020 change, per inhabitant."""
    received = Remittances(datasets.load("remittances_received"))
    last, per_head = received.last, received.per_head(2019)
    return {
        "m5_rcm_2019": usd_billions(received.total(2019)),
        "m5_rcm_2020": usd_billions(received.total(2020)),
        "m5_rcm_change_2020": growth(received.total(2020), received.total(2019)),
        "m5_n_rose_2020": count((received.usd[2020] > received.usd[2019]).sum()),
        "m5_n_countries": count(len(received.usd)),
        "m5_mex_2019": usd_billions(received.usd.loc["MEX", 2019]),
        "m5_last_year": str(last),
        "m5_rcm_last": usd_billions(received.total(last)),
        "m5_mex_share_last": received.share_of_total("MEX", last),
        "m5_top_pc_country": in_sentence(received.names[per_head.index[0]]),
        "m5_top_pc_value": usd(per_head.iloc[0]),
        "m5_mex_pc": usd(per_head.loc["MEX"]),
        "m5_usa_pc": usd(per_head.loc["USA"]),
    }


def _destinations(e19: pd.DataFrame) -> dict[str, str]:
    """Emigrants by main destination (UN DESA 2019, both sexes): Mexico's and Nicaragua's."""
    both = e19[e19["sex"] == "both"]
    mexico = both[(both["origin_iso3"] == "MEX") & (both["rank"] == 1)].iloc[0]
    nicaragua = both[both["origin_iso3"] == "NIC"].set_index("rank")
    return {
        "m5_mex_usa_pct": percent(mexico["pct_of_emigrants"], 0),
        "m5_nic_first": in_sentence(str(nicaragua.loc[1, "dest"])),
        "m5_nic_first_pct": percent(nicaragua.loc[1, "pct_of_emigrants"], 0),
        "m5_nic_second": in_sentence(str(nicaragua.loc[2, "dest"])),
        "m5_nic_second_pct": percent(nicaragua.loc[2, "pct_of_emigrants"], 0),
    }


def _emigrants_by_sex(e19: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Each country's emigrants in 2019 by sex, and women's percentage of them, highest first."""
    by_sex = e19.groupby(["origin", "sex"])["migrants"].sum().unstack()
    return by_sex, (by_sex["female"] / by_sex["both"] * 100).sort_values(ascending=False)


def _women(e19: pd.DataFrame) -> dict[str, str]:
    """Women among each country's emigrants, 2019 (all destinations)."""
    women = _emigrants_by_sex(e19)[1]
    return {
        "m5_n_women_majority": count((women > 50).sum()),
        "m5_women_high_country": in_sentence(women.index[0]),
        "m5_women_high_value": percent(women.iloc[0]),
        "m5_women_low_country": in_sentence(women.index[-1]),
        "m5_women_low_value": percent(women.iloc[-1]),
    }


@dataclass(frozen=True)
class WomenLabels(TableLabels):
    """Caption and headers of the table of women among each country's emigrants."""

    SECTION: ClassVar[str] = "page.module_5.women_among_emigrants"
    caption: str = FROM_CATALOGUE
    origin: str = FROM_CATALOGUE
    emigrants: str = FROM_CATALOGUE
    women: str = FROM_CATALOGUE


def women_among_emigrants(labels: WomenLabels | None = None) -> object:
    """Women's percentage of each RCM country's emigrants in 2019, highest first, with their number."""
    labels = labels or WomenLabels()
    by_sex, women = _emigrants_by_sex(rows(datasets.load("emigrants_main_destinations"), 2019, sex=None))
    frame = pd.DataFrame({labels.origin: women.index,
                          labels.emigrants: by_sex.loc[women.index, "both"].astype(int).to_numpy(),
                          labels.women: women.map(lambda v: f"{v:.1f}").to_numpy()})
    return table(frame, labels.caption, "emigrants_main_destinations",
                 number_columns=[labels.emigrants, labels.women])
