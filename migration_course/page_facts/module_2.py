"""Module II, the RCM region: where migrants live, the corridors, Mexico, remittances."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from migration_course import datasets
from migration_course.core.strings import FROM_CATALOGUE
from migration_course.countries import in_sentence
from migration_course.page_facts.common import (
    Corridors,
    Facts,
    Remittances,
    TableLabels,
    count,
    fmt_people,
    growth,
    percent,
    ratio,
    rows,
    share,
    table,
    table2_as_published,
    table_caveat,
    usd,
    usd_billions,
)

# The corridors module 2 quotes one by one (origin, destination), besides Mexico -> United States.
QUOTED_CORRIDORS = (("SLV", "USA"), ("GTM", "USA"), ("HND", "USA"), ("DOM", "USA"), ("NIC", "CRI"),
                    ("NIC", "USA"), ("GTM", "BLZ"), ("USA", "MEX"), ("GTM", "MEX"))
# The corridors of the table comparing Table 2 of the concept note with UN DESA.
CHECKED_CORRIDORS = (("MEX", "USA"), ("SLV", "USA"), ("GTM", "USA"), ("NIC", "CRI"), ("USA", "MEX"),
                     ("GTM", "BLZ"))


def facts() -> dict[str, str]:
    """Every figure module-2.md glues, by glue name."""
    note = Facts()
    table1 = datasets.load("concept_note_table1").set_index("country_iso3")
    corridors = Corridors(datasets.load("od_within_rcm"))
    return {**_where_migrants_live(note, table1), **_corridors(note, corridors), **_table2(),
            **_mexico(note, table1, corridors), **_remittances(note)}


def _where_migrants_live(note: Facts, table1: pd.DataFrame) -> dict[str, str]:
    """Table 1 of the concept note (UN DESA 2019, both sexes) and migrants' share of the population."""
    out = {f"m2_t1_{iso.lower()}": count(table1.loc[iso, "migrants_2019"])
           for iso in ("USA", "CAN", "MEX", "CRI", "DOM", "PAN", "BLZ")}
    out |= {
        "m2_t1_total": count(table1["migrants_2019"].sum()),
        "m2_rest": note.printed("migrants_in_rcm_excluding_usa_can"),
        "m2_usa_1970": note.printed("foreign_nationals_usa_1970"),
        "m2_usa_2019": note.printed("foreign_nationals_usa_2019"),
    }
    s19 = rows(datasets.load("migrant_stock_by_destination"), 2019).set_index("country_iso3")
    of_population = s19["migrants_pct_of_population"].sort_values(ascending=False)
    out["m2_share_top"] = in_sentence(s19.loc[of_population.index[0], "country"])
    out["m2_share_top_value"] = percent(of_population.iloc[0])
    out |= {f"m2_share_{iso.lower()}": percent(of_population.loc[iso])
            for iso in ("USA", "BLZ", "CRI", "MEX")}
    out["m2_share_low"] = in_sentence(s19.loc[of_population.index[-1], "country"])
    out["m2_share_low_value"] = percent(of_population.iloc[-1])
    return out


def _corridors(note: Facts, corridors: Corridors) -> dict[str, str]:
    """UN DESA 2019 by origin and destination, within the RCM."""
    within_2019 = corridors.within(2019)
    out = {
        "m2_mex_usa": count(corridors.people("MEX", "USA")),
        "m2_mex_usa_men": count(corridors.people("MEX", "USA", "male")),
        "m2_mex_usa_women": count(corridors.people("MEX", "USA", "female")),
    }
    out |= {f"m2_{o.lower()}_{d.lower()}": count(corridors.people(o, d)) for o, d in QUOTED_CORRIDORS}
    out |= {
        "m2_within_2019": count(within_2019),
        "m2_within_2019_m": fmt_people(within_2019),
        "m2_within_1990_m": fmt_people(corridors.within(1990)),
        "m2_within_note": note.printed("rcm_nationals_in_other_rcm_countries"),
        "m2_mex_usa_share_within": share(corridors.people("MEX", "USA"), within_2019),
        "m2_lac_na_1990": note.printed("lac_born_in_northern_america_1990"),
        "m2_lac_na_2015": note.printed("lac_born_in_northern_america_2015"),
        "m2_lac_na_2019": note.printed("lac_born_in_northern_america_2019"),
    }
    return out


def _table2() -> dict[str, str]:
    """Table 2 of the concept note: how far its printed TOTAL row is from the sums of its columns."""
    table2 = datasets.load("concept_note_table2")
    totals = datasets.load("concept_note_table2_totals")
    column_sums = table2.groupby("origin_iso3")["value_as_published"].sum()
    times = totals.set_index("origin_iso3")["total_as_published"] / column_sums
    caveat = table_caveat("concept_note_table2")
    return {
        "m2_t2_ratio_min": ratio(times.min()),
        "m2_t2_ratio_max": ratio(times.max()),
        "m2_t2_caveat": caveat.replace(" (concept_note_table2_totals)", ""),
        "m2_t2_total_sum": count(totals["total_as_published"].sum()),
    }


def _mexico(note: Facts, table1: pd.DataFrame, corridors: Corridors) -> dict[str, str]:
    """Mexico as a country of origin, transit and destination; where the region's emigrants go."""
    e19 = rows(datasets.load("emigrants_main_destinations"), 2019)
    mexicans = e19[e19["origin_iso3"] == "MEX"]
    first = e19[e19["rank"] == 1].set_index("origin_iso3")
    return {
        "m2_mex_abroad_note": note.printed("mexicans_abroad"),
        "m2_mex_abroad": count(mexicans["migrants"].sum()),
        "m2_mex_abroad_usa_pct": percent(mexicans.loc[mexicans["rank"] == 1, "pct_of_emigrants"].iloc[0], 0),
        "m2_usa_in_mex_share": share(corridors.people("USA", "MEX"), table1.loc["MEX", "migrants_2019"]),
        "m2_top_usa_count": count((first["dest_iso3"] == "USA").sum()),
        "m2_nic_usa_pct": percent(first.loc["NIC", "pct_of_emigrants"], 0),
        "m2_slv_usa_pct": percent(first.loc["SLV", "pct_of_emigrants"], 0),
    }


def _remittances(note: Facts) -> dict[str, str]:
    """Remittances: the concept note's world figures and the World Bank's for the RCM countries."""
    quoted = {"world_2017": "remittances_world_2017", "world_2018": "remittances_world_2018",
              "india": "remittances_received_india", "china": "remittances_received_china",
              "mexico_note": "remittances_received_mexico", "usa_sent": "remittances_sent_usa"}
    out = {f"m2_rem_{key}": note.usd_billions(fact_id) for key, fact_id in quoted.items()}
    out["m2_rem_world_jump"] = growth(note.value("remittances_world_2018"),
                                      note.value("remittances_world_2017"))
    received = Remittances(datasets.load("remittances_received"))
    last, per_head = received.last, received.per_head(2019)
    out |= {
        "m2_rem_last_year": str(last),
        "m2_rem_mex_2018": usd_billions(received.usd.loc["MEX", 2018]),
        "m2_rem_mex_2019": usd_billions(received.usd.loc["MEX", 2019]),
        "m2_rem_mex_last": usd_billions(received.usd.loc["MEX", last]),
        "m2_rem_rcm_last": usd_billions(received.total(last)),
        "m2_rem_mex_share_last": received.share_of_total("MEX", last),
        "m2_rem_head_top": in_sentence(received.names[per_head.index[0]]),
        "m2_rem_head_top_value": usd(per_head.iloc[0]),
        "m2_rem_head_mex": usd(per_head.loc["MEX"]),
        "m2_rem_gtm_growth": ratio(received.usd.loc["GTM", last] / received.usd.loc["GTM", 2019]),
    }
    return out


@dataclass(frozen=True)
class Table2CheckLabels(TableLabels):
    """Caption and headers of the table comparing Table 2 with UN DESA."""

    SECTION: ClassVar[str] = "page.module_2.table2_check"
    caption: str = FROM_CATALOGUE
    corridor: str = FROM_CATALOGUE
    corridor_cell: str = FROM_CATALOGUE
    printed: str = FROM_CATALOGUE
    men: str = FROM_CATALOGUE
    women: str = FROM_CATALOGUE
    both: str = FROM_CATALOGUE


def table2_check(labels: Table2CheckLabels | None = None) -> object:
    """Table 2 of the concept note (men only) against UN DESA's men, women and both sexes, 2019."""
    labels = labels or Table2CheckLabels()
    od = datasets.load("od_within_rcm")
    corridors = Corridors(od)
    printed = table2_as_published()
    names = od.drop_duplicates("origin_iso3").set_index("origin_iso3")["origin"]
    frame = pd.DataFrame([{
        labels.corridor: labels.corridor_cell.format(origin=names[o], destination=names[d]),
        labels.printed: count(printed.loc[(o, d)]),
        labels.men: count(corridors.people(o, d, "male")),
        labels.women: count(corridors.people(o, d, "female")),
        labels.both: count(corridors.people(o, d)),
    } for o, d in CHECKED_CORRIDORS])
    return table(frame, labels.caption, "od_within_rcm", "concept_note_table2")
