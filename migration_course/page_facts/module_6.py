"""Module VI, regional cooperation: corridors within the RCM and migration among SICA members."""

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
    RefugeeStock,
    TableLabels,
    count,
    fmt_people,
    rows,
    share,
    table,
    table2_as_published,
)

# The SICA member countries, all of them RCM members.
SICA: tuple[str, ...] = ("BLZ", "CRI", "DOM", "SLV", "GTM", "HND", "NIC", "PAN")


def facts() -> dict[str, str]:
    """Every figure module-6.md glues, by glue name."""
    note = Facts()
    od = datasets.load("od_within_rcm")
    out = {
        "m6_countries": note.count("programme_countries"),
        "m6_officials": note.count("programme_officials_per_country"),
    }
    return {**out, **_corridors(od), **_sica(od), **_refugees_1990()}


def _corridors(od: pd.DataFrame) -> dict[str, str]:
    """Origin-destination stocks among the RCM countries (UN DESA 2019 revision, both sexes)."""
    corridors = Corridors(od)
    within = corridors.within(2019)
    y2019 = rows(od, 2019)
    return {
        "m6_within_2019": fmt_people(within),
        "m6_within_1990": fmt_people(corridors.within(1990)),
        "m6_to_usa_pct": share(y2019.loc[y2019["dest_iso3"] == "USA", "migrants"].sum(), within),
        "m6_mex_usa_both": count(corridors.people("MEX", "USA")),
        "m6_mex_usa_printed": count(table2_as_published().loc[("MEX", "USA")]),
        "m6_usa_mex": count(corridors.people("USA", "MEX")),
        "m6_nic_cri": count(corridors.people("NIC", "CRI")),
        "m6_gtm_mex": count(corridors.people("GTM", "MEX")),
        "m6_mex_can": count(corridors.people("MEX", "CAN")),
    }


def _within_sica(od: pd.DataFrame) -> pd.DataFrame:
    """Migrants (both sexes) born in one SICA member country and living in another."""
    both = od[od["sex"] == "both"]
    return both[both["origin_iso3"].isin(SICA) & both["dest_iso3"].isin(SICA)]


def _sica_by_destination(within: pd.DataFrame) -> pd.DataFrame:
    """Those migrants by country of destination in 1990 and 2019, most in 2019 first."""
    by_dest = within[within["year"].isin([1990, 2019])].pivot_table(
        index="dest", columns="year", values="migrants", aggfunc="sum")
    return by_dest.sort_values(2019, ascending=False)


def _sica(od: pd.DataFrame) -> dict[str, str]:
    """Migration among the SICA members, and its part in Belize's and Costa Rica's migrants."""
    within = _within_sica(od)
    by_year = within.groupby("year")["migrants"].sum()
    by_dest = _sica_by_destination(within)
    from_sica = within[within["year"] == 2019].groupby("dest_iso3")["migrants"].sum()
    stock = rows(datasets.load("migrant_stock_by_destination"), 2019).set_index("country_iso3")["migrants"]
    return {
        "m6_sica_1990": count(by_year[1990]),
        "m6_sica_2019": count(by_year[2019]),
        "m6_sica_n": count(len(SICA)),
        "m6_sica_top_dest": in_sentence(by_dest.index[0]),
        "m6_sica_top_pct": share(by_dest[2019].iloc[0], by_year[2019]),
        "m6_stock_blz": count(stock["BLZ"]),
        "m6_stock_cri": count(stock["CRI"]),
        "m6_blz_from_sica": share(from_sica["BLZ"], stock["BLZ"]),
        "m6_cri_from_sica": share(from_sica["CRI"], stock["CRI"]),
    }


def _refugees_1990() -> dict[str, str]:
    """Refugees among the migrants of Guatemala, Honduras and Costa Rica, 1990 and 2019 (UN DESA, Table 6).

    Why on this page: migration among SICA members fell after 1990, and refugees were most of the
    1990 migrant stock of these three countries; the data do not say where those refugees came from.
    """
    refugee_stock = RefugeeStock()
    out = {}
    for iso3 in ("GTM", "HND", "CRI"):
        code = iso3.lower()
        out[f"m6_{code}_refugees_1990"] = count(refugee_stock.people(iso3, 1990))
        out[f"m6_{code}_refugees_pct_1990"] = refugee_stock.share(iso3, 1990)
        out[f"m6_{code}_refugees_pct_2019"] = refugee_stock.share(iso3, 2019, digits=1)
    return out


@dataclass(frozen=True)
class SicaLabels(TableLabels):
    """Caption and headers of the table of migrants from other SICA countries."""

    SECTION: ClassVar[str] = "page.module_6.sica_by_destination"
    caption: str = FROM_CATALOGUE
    destination: str = FROM_CATALOGUE
    from_sica: str = FROM_CATALOGUE


def sica_by_destination(labels: SicaLabels | None = None) -> object:
    """Migrants born in another SICA member country, by country of destination, 1990 and 2019."""
    labels = labels or SicaLabels()
    by_dest = _sica_by_destination(_within_sica(datasets.load("od_within_rcm"))).astype(int)
    frame = by_dest.reset_index()
    frame.columns = [labels.destination] + [labels.from_sica.format(year=year) for year in by_dest.columns]
    return table(frame, labels.caption, "od_within_rcm")
