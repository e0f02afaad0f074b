"""Rebuild the course's tidy tables in ``data/`` from the reference extracts in ``../shared/data``.

Why a script and not hand edits: every committed number must be traceable to a publisher's
release. This module is the only place that turns the reference extracts into the course's
tables, so a reviewer can re-run it (``make data``) and diff. Tables transcribed from the
concept note (``concept_note_*.csv``) are not generated: they record what the note printed.

Every builder is the same three steps (read an extract, keep the rows the course needs, rename
to the course's column names and order), so they share :func:`_read`, :func:`_course_names`
and :func:`_tidy`; a builder only says which file, which rows and which columns.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from migration_course.countries import BY_ISO3, RCM_ISO3
from migration_course.datasets import DATA_DIR

SEX_ORDER = ["both", "male", "female"]

# UN DESA's regional aggregates that charts compare the RCM countries with, in display order.
# The extract suffixes region names with " (UN region)"; the course shows the UN name alone.
REGIONS: dict[str, str] = {
    "WLD": "World",
    "LAC": "Latin America and the Caribbean",
    "CENTRAL_AMERICA": "Central America",
    "NORTHERN_AMERICA": "Northern America",
}

# "Main destinations": the TOP_DESTINATIONS largest (both sexes) per origin and year, plus a
# computed rest-of-world row so that each origin's rows add up to all its emigrants.
TOP_DESTINATIONS = 5
REST_OF_WORLD = ("REST_OF_WORLD", "Rest of the world")

# UNHCR releases behind unhcr_by_origin_rcm.csv, as short ids that datapackage.json explains
# (Refugee Data Finder download of 2020; extract of 3 March 2022, last updated 10 Nov 2021).
# The reference extract names the repository that held each copy; the course names the release.
UNHCR_RELEASES = {
    "stepladderChapter": "UNHCR-RDF-2020",
    "owid/importers": "UNHCR-RDF-2022-03-03",
}

# Codes and sexes sort in the course's display order; anything else sorts as is.
_ORDER = {code: i for i, code in enumerate([*RCM_ISO3, *REGIONS])} | {
    sex: i for i, sex in enumerate(SEX_ORDER)
}
_ORDERED_COLUMNS = {"country_iso3", "origin_iso3", "dest_iso3", "region_code", "sex"}


def _read(shared: Path, filename: str) -> pd.DataFrame:
    """Read one reference extract; codes such as "NA" stay strings, only empty cells are missing."""
    path = shared / filename
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: is {shared} the shared/data folder?")
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def _course_names(frame: pd.DataFrame, **name_of_code: str) -> pd.DataFrame:
    """Show RCM countries by the course's short names (e.g. "United States"), others unchanged.

    Keyword arguments map a name column to its code column, e.g. ``origin="origin_iso3"``.
    """
    out = frame.copy()
    for name_col, code_col in name_of_code.items():
        course = out[code_col].map(lambda code: BY_ISO3[code].name if code in BY_ISO3 else None)
        out[name_col] = course.fillna(out[name_col])
    return out


def _sort_key(column: pd.Series) -> pd.Series:
    """Sort codes and sexes in display order (RCM countries as in countries.py, then regions)."""
    if column.name in _ORDERED_COLUMNS:
        return column.map(_ORDER).fillna(len(_ORDER))
    return column


def _tidy(frame: pd.DataFrame, columns: Mapping[str, str], sort: Sequence[str]) -> pd.DataFrame:
    """Rename ``{source: course}`` columns, keep only those, in that order, sorted by ``sort``."""
    out = frame.rename(columns=dict(columns))[list(columns.values())]
    return out.sort_values(list(sort), key=_sort_key, kind="stable").reset_index(drop=True)


def _stock_and_share(shared: Path, codes: Sequence[str]) -> pd.DataFrame:
    """UN DESA IMS 2019 Tables 1 and 3 side by side (stock, % of population) for ``codes``."""
    stock = _read(shared, "undesa_ims2019_migrant_stock_by_destination.csv")
    pct = _read(shared, "undesa_ims2019_migrants_pct_of_population.csv")
    keys = ["country_iso3", "year", "sex"]
    merged = stock.merge(pct[[*keys, "value_percent"]], on=keys, how="left", validate="one_to_one")
    return merged[merged["country_iso3"].isin(codes)]


_STOCK_COLUMNS = {
    "year": "year",
    "sex": "sex",
    "value": "migrants",
    "value_percent": "migrants_pct_of_population",
}


def migrant_stock_by_destination(shared: Path) -> pd.DataFrame:
    """UN DESA IMS 2019 migrant stock and % of population by destination, RCM countries."""
    frame = _course_names(_stock_and_share(shared, RCM_ISO3), country="country_iso3")
    columns = {"country_iso3": "country_iso3", "country": "country", **_STOCK_COLUMNS}
    return _tidy(frame, columns, ["country_iso3", "sex", "year"])


def migrant_stock_regions(shared: Path) -> pd.DataFrame:
    """The same measures for World and the UN regions the RCM countries belong to.

    Why a separate table: the codes are not ISO3 country codes, and a chart that compares a
    country with its region should say so; the columns are otherwise the same.
    """
    frame = _stock_and_share(shared, list(REGIONS))
    frame = frame.assign(country=frame["country_iso3"].map(REGIONS))
    columns = {"country_iso3": "region_code", "country": "region", "un_m49": "un_m49",
               **_STOCK_COLUMNS}
    return _tidy(frame, columns, ["region_code", "sex", "year"])


_OD_COLUMNS = {
    "origin_iso3": "origin_iso3",
    "origin": "origin",
    "dest_iso3": "dest_iso3",
    "dest": "dest",
    "year": "year",
    "sex": "sex",
    "value": "migrants",
    "value_status": "value_status",
}


def _od(shared: Path, filename: str) -> pd.DataFrame:
    """An O-D extract with course names, without country-to-itself cells (always 0)."""
    frame = _read(shared, filename)
    frame = frame[frame["origin_iso3"] != frame["dest_iso3"]]
    return _course_names(frame, origin="origin_iso3", dest="dest_iso3")


def od_within_rcm(shared: Path) -> pd.DataFrame:
    """UN DESA IMS 2019 origin -> destination stocks among the 11 RCM countries, by sex."""
    frame = _od(shared, "undesa_ims2019_od_within_rcm.csv")
    return _tidy(frame, _OD_COLUMNS, ["origin_iso3", "dest_iso3", "sex", "year"])


def emigrants_main_destinations(shared: Path) -> pd.DataFrame:
    """Emigrants of each RCM country in its main destinations worldwide, plus the rest of the world.

    Why rank on both sexes and reuse those destinations for male and female: a chart that
    splits a bar by sex must find the same destinations in all three series, and then
    male + female = both holds row by row. Destinations with no migrants are never ranked.
    """
    frame = _od(shared, "undesa_ims2019_origin_destination_rcm.csv")
    frame = frame[frame["origin_iso3"].isin(RCM_ISO3)]
    keys = ["origin_iso3", "year"]
    both = frame[(frame["sex"] == "both") & (frame["value"] > 0)]
    both = both.sort_values([*keys, "value", "dest_iso3"], ascending=[True, True, False, True])
    top = both.assign(rank=both.groupby(keys).cumcount() + 1)
    top = top.loc[top["rank"] <= TOP_DESTINATIONS, [*keys, "dest_iso3", "rank"]]
    main = frame.merge(top, on=[*keys, "dest_iso3"], validate="many_to_one")

    group = ["origin_iso3", "origin", "year", "sex"]
    totals = frame.groupby(group, as_index=False)["value"].sum()
    rest = totals.merge(main.groupby(group, as_index=False)["value"].sum(), on=group,
                        suffixes=("", "_main"))
    rest = rest.assign(value=rest["value"] - rest["value_main"], dest_iso3=REST_OF_WORLD[0],
                       dest=REST_OF_WORLD[1], rank=TOP_DESTINATIONS + 1,
                       value_status=f"computed_total_minus_top{TOP_DESTINATIONS}")
    out = pd.concat([main, rest.drop(columns="value_main")], ignore_index=True)
    out = out.merge(totals.rename(columns={"value": "total"}), on=group)
    out["pct_of_emigrants"] = (100 * out["value"] / out["total"]).round(2)
    columns = {"origin_iso3": "origin_iso3", "origin": "origin", "year": "year", "sex": "sex",
               "rank": "rank", "dest_iso3": "dest_iso3", "dest": "dest", "value": "migrants",
               "pct_of_emigrants": "pct_of_emigrants", "value_status": "value_status"}
    return _tidy(out, columns, ["origin_iso3", "year", "sex", "rank"])


def remittances_received(shared: Path) -> pd.DataFrame:
    """WDI personal remittances received (current US$) with WDI population, RCM countries.

    Population comes from the same database and is joined here so that per-person figures
    and shares need no second table; years without a remittance figure are not listed.
    """
    money = _read(shared, "wb_wdi_personal_remittances_received_usd.csv")
    people = _read(shared, "wb_wdi_total_population.csv")
    frame = money.merge(people[["country_iso3", "year", "value"]], on=["country_iso3", "year"],
                        how="left", validate="one_to_one")
    frame = _course_names(frame[frame["year"] >= 1990], country="country_iso3")
    columns = {"country_iso3": "country_iso3", "country": "country", "year": "year",
               "value_usd": "remittances_usd", "value": "population"}
    return _tidy(frame, columns, ["country_iso3", "year"])


def refugee_stock_by_destination(shared: Path) -> pd.DataFrame:
    """UN DESA IMS 2019 Table 6: refugees (asylum-seekers included) among each RCM country's migrants.

    Why a table of its own: part of a country's migrant stock in 1990 was refugees of the
    Central American conflicts, and a page that compares 1990 with 2019 must be able to say how
    much; the figures are UN DESA's (from UNHCR and UNRWA), both sexes, by country of asylum.
    """
    frame = _read(shared, "undesa_ims2019_refugee_stock_by_destination.csv")
    frame = _course_names(frame[frame["country_iso3"].isin(RCM_ISO3)], country="country_iso3")
    columns = {"country_iso3": "country_iso3", "country": "country", "year": "year",
               "value": "refugees", "pct_of_migrant_stock": "refugees_pct_of_migrant_stock"}
    return _tidy(frame, columns, ["country_iso3", "year"])


def _unhcr_release(source: str) -> str:
    """Name the UNHCR release behind one row of the reference extract."""
    for marker, release in UNHCR_RELEASES.items():
        if marker in source:
            return release
    raise ValueError(f"unknown UNHCR source in the reference extract: {source!r}")


def refugees_by_origin(shared: Path) -> pd.DataFrame:
    """UNHCR refugees and asylum-seekers by country of origin, RCM countries, 1995-latest."""
    frame = _read(shared, "unhcr_by_origin_rcm.csv")
    frame = frame.assign(
        release=frame["source"].map(_unhcr_release),
        reference_date=frame["source"].str.contains("mid-2021").map({True: "mid-year",
                                                                     False: "end-year"}),
    )
    frame = _course_names(frame, country="country_iso3")
    columns = {"country_iso3": "country_iso3", "country": "country", "year": "year",
               "population_type": "population_type", "value": "persons",
               "reference_date": "reference_date", "release": "release"}
    return _tidy(frame, columns, ["country_iso3", "population_type", "year"])


BUILDERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "migrant_stock_by_destination.csv": migrant_stock_by_destination,
    "migrant_stock_regions.csv": migrant_stock_regions,
    "od_within_rcm.csv": od_within_rcm,
    "emigrants_main_destinations.csv": emigrants_main_destinations,
    "remittances_received.csv": remittances_received,
    "refugees_by_origin.csv": refugees_by_origin,
    "refugee_stock_by_destination.csv": refugee_stock_by_destination,
}


def build(shared: Path, out: Path = DATA_DIR) -> list[Path]:
    """Write every generated table into ``out`` and return the paths written."""
    if not shared.is_dir():
        raise FileNotFoundError(f"{shared} is not a folder: pass the path of shared/data")
    written = []
    for name, builder in BUILDERS.items():
        path = out / name
        builder(shared).to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m migration_course.build_data ../shared/data``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path, help="folder with the reference extracts")
    args = parser.parse_args(argv)
    for path in build(args.shared):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
