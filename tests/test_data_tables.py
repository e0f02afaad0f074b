"""The committed data tables: schemas, descriptors, figures, and internal consistency.

These tests need only the repository. Checks against the reference extracts in
../shared/data are in test_data_crosscheck.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from migration_course import datasets
from migration_course.countries import RCM_ISO3

NAMES = datasets.resource_names()
KEYS = ["origin_iso3", "dest_iso3", "year"]


def _load(name: str) -> pd.DataFrame:
    return datasets.load(name)


def _by_sex(frame: pd.DataFrame, index: list[str], value: str) -> pd.DataFrame:
    """One column per sex, so that both = male + female can be checked row by row."""
    return frame.pivot_table(index=index, columns="sex", values=value, aggfunc="sum")


# --- every table ----------------------------------------------------------------------------

def test_the_package_lists_every_table_the_course_needs():
    expected = {
        "migrant_stock_by_destination", "concept_note_table1", "migrant_stock_regions",
        "od_within_rcm", "emigrants_main_destinations", "remittances_received",
        "refugees_by_origin", "concept_note_table2", "concept_note_table2_totals",
        "concept_note_facts",
    }
    assert expected <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_table_validates_and_loads_with_its_declared_columns(name):
    frame = _load(name)
    fields = datasets.metadata(name)["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert len(frame) > 0


@pytest.mark.parametrize("name", NAMES)
def test_every_descriptor_names_publisher_revision_licence_url_and_units(name):
    meta = datasets.metadata(name)
    for key in ("title", "description", "path", "revision", "sources", "licenses", "schema"):
        assert meta.get(key), f"{name}: '{key}' missing"
    assert all(s.get("title") for s in meta["sources"])
    assert any(s.get("path", "").startswith("https://") for s in meta["sources"])
    assert all(lic.get("title") for lic in meta["licenses"])
    assert meta["schema"].get("primaryKey")
    for field in meta["schema"]["fields"]:
        assert field.get("description"), f"{name}.{field['name']}: no description"
        if field["type"] in ("integer", "number") and field["name"] not in ("un_m49", "rank"):
            assert field.get("unit"), f"{name}.{field['name']}: numeric field without unit"


def test_committed_data_stays_small():
    data = Path(datasets.DATA_DIR)
    total = sum(p.stat().st_size for p in data.iterdir() if p.is_file())
    assert total < 500_000, f"data/ holds {total:,} bytes; derive smaller tables"


# --- validation on load reports file, row and field -------------------------------------------

@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(datasets.DATA_DIR, copy)
    return copy


def _corrupt(path: Path, line: int, column: str, value: str) -> None:
    """Replace one cell of a CSV (line counted with the header as 1)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[line - 2, column] = value
    frame.to_csv(path, index=False, lineterminator="\n")


def test_a_corrupted_cell_raises_naming_file_row_and_field(data_copy):
    _corrupt(data_copy / "od_within_rcm.csv", 7, "migrants", "12,3x")
    with pytest.raises(datasets.DataValidationError) as caught:
        datasets.load("od_within_rcm", data_copy)
    problem = caught.value.problems[0]
    assert (problem.file, problem.row, problem.field) == ("od_within_rcm.csv", 7, "migrants")
    assert "od_within_rcm.csv, row 7, field 'migrants'" in str(caught.value)


def test_a_value_outside_its_constraints_raises(data_copy):
    _corrupt(data_copy / "remittances_received.csv", 3, "remittances_usd", "-5")
    _corrupt(data_copy / "refugees_by_origin.csv", 10, "release", "owid")
    for name, row, field in [("remittances_received", 3, "remittances_usd"),
                             ("refugees_by_origin", 10, "release")]:
        with pytest.raises(datasets.DataValidationError) as caught:
            datasets.validate(name, data_copy)
        assert (caught.value.problems[0].row, caught.value.problems[0].field) == (row, field)


def test_a_duplicated_key_raises(data_copy):
    path = data_copy / "concept_note_table2.csv"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]))
    with pytest.raises(datasets.DataValidationError, match="concept_note_table2.csv"):
        datasets.load("concept_note_table2", data_copy)


# --- UN DESA 2019: stocks by destination and regions -----------------------------------------

def test_concept_note_table1_equals_both_sexes_stock_2019():
    stock = _load("migrant_stock_by_destination")
    both = stock[(stock["year"] == 2019) & (stock["sex"] == "both")].set_index("country_iso3")
    table1 = _load("concept_note_table1").set_index("country_iso3")
    assert (table1["migrants_2019"] == both.loc[table1.index, "migrants"]).all()
    assert table1["migrants_2019"].sum() == datasets.metadata("concept_note_table1")["published_total"]


def test_regions_hold_the_world_total_and_add_up_by_sex():
    regions = _load("migrant_stock_regions")
    world = regions[(regions["region_code"] == "WLD") & (regions["year"] == 2019)]
    assert world.set_index("sex").loc["both", "migrants"] == 271_642_105
    wide = _by_sex(regions, ["region_code", "year"], "migrants")
    assert ((wide["male"] + wide["female"] - wide["both"]).abs() <= 2).all()
    assert set(regions["region_code"]) == {"WLD", "LAC", "CENTRAL_AMERICA", "NORTHERN_AMERICA"}


# --- UN DESA 2019: origin -> destination --------------------------------------------------------

@pytest.mark.parametrize(("origin", "dest", "sex", "expected"), [
    ("MEX", "USA", "both", 11_489_684),
    ("MEX", "USA", "male", 6_138_480),
    ("MEX", "USA", "female", 5_351_204),
    ("SLV", "USA", "both", 1_429_155),
    ("NIC", "CRI", "both", 296_541),
    ("USA", "MEX", "both", 762_290),
])
def test_od_figures_match_un_desa_2019(origin, dest, sex, expected):
    od = _load("od_within_rcm")
    row = od[(od["origin_iso3"] == origin) & (od["dest_iso3"] == dest) & (od["year"] == 2019)
             & (od["sex"] == sex)]
    assert row["migrants"].tolist() == [expected]


def test_od_covers_every_pair_and_year_and_sexes_add_up():
    od = _load("od_within_rcm")
    both = od[od["sex"] == "both"]
    assert len(both) == 11 * 10 * 7 and not (od["origin_iso3"] == od["dest_iso3"]).any()
    wide = _by_sex(od, KEYS, "migrants")
    complete = wide.dropna()
    assert (complete["male"] + complete["female"] == complete["both"]).all()
    assert (wide.loc[wide["male"].isna() | wide["female"].isna(), "both"] == 0).all()


def test_derived_od_values_stay_marked():
    od = _load("od_within_rcm")
    derived = od[od["value_status"] != "published"]
    assert set(derived["value_status"]) == {"derived_both_minus_female"}
    # 44 in the reference extract, less 4 country-to-itself cells that the table leaves out
    assert set(derived["sex"]) == {"male"} and len(derived) == 40


# --- emigrants to main destinations -------------------------------------------------------------

def test_main_destinations_add_up_to_all_emigrants():
    em = _load("emigrants_main_destinations")
    groups = em.groupby(["origin_iso3", "year", "sex"])
    assert (groups.size() == 6).all()
    assert (groups["pct_of_emigrants"].sum() - 100).abs().max() < 0.05
    assert (em.loc[em["rank"] == 6, "dest_iso3"] == "REST_OF_WORLD").all()
    assert (em.loc[em["rank"] == 6, "value_status"] == "computed_total_minus_top5").all()


def test_main_destinations_are_ranked_on_both_sexes_and_shared_by_sex():
    em = _load("emigrants_main_destinations")
    top = em[em["rank"] <= 5]
    wide = _by_sex(top, ["origin_iso3", "year", "rank", "dest_iso3"], "migrants")
    assert wide.notna().all().all()
    assert (wide["male"] + wide["female"] == wide["both"]).all()
    both = top[top["sex"] == "both"].sort_values(["origin_iso3", "year", "rank"])
    assert (both.groupby(["origin_iso3", "year"])["migrants"].diff().dropna() <= 0).all()
    mex = both[(both["origin_iso3"] == "MEX") & (both["year"] == 2019)].iloc[0]
    assert (mex["dest_iso3"], mex["migrants"]) == ("USA", 11_489_684)


def test_main_destinations_agree_with_the_within_rcm_table():
    em = _load("emigrants_main_destinations")
    od = _load("od_within_rcm")
    rcm = em[em["dest_iso3"].isin(RCM_ISO3)]
    merged = rcm.merge(od, on=["origin_iso3", "dest_iso3", "year", "sex"], how="left")
    assert (merged["migrants_x"] == merged["migrants_y"]).all()


# --- World Bank and UNHCR ---------------------------------------------------------------------

def test_remittances_cover_1990_to_latest_with_population():
    rem = _load("remittances_received")
    first = rem.groupby("country_iso3")["year"].min()
    assert first.to_dict() == {c: {"CAN": 1995, "NIC": 1992}.get(c, 1990) for c in RCM_ISO3}
    assert rem["year"].max() == 2024 and (rem["population"] > 0).all()
    mex = rem[(rem["country_iso3"] == "MEX") & (rem["year"] == 2019)]
    assert mex["remittances_usd"].iloc[0] == pytest.approx(39.8e9, rel=0.01)


def test_refugees_mark_release_and_reference_date():
    ref = _load("refugees_by_origin")
    assert ref["year"].min() == 1995 and ref["year"].max() == 2021
    assert set(ref.loc[ref["year"] <= 2019, "release"]) == {"UNHCR-RDF-2020"}
    assert set(ref.loc[ref["year"] >= 2020, "release"]) == {"UNHCR-RDF-2022-03-03"}
    assert set(ref.loc[ref["reference_date"] == "mid-year", "year"]) == {2021}
    assert ref[ref["population_type"] == "asylum_seekers"]["year"].min() == 2000


# --- the concept note's Table 2 -----------------------------------------------------------------

def test_table2_cells_are_un_desa_male_values_not_both_sexes():
    table2 = _load("concept_note_table2")
    od = _load("od_within_rcm")
    wide = _by_sex(od[od["year"] == 2019], ["origin_iso3", "dest_iso3"], "migrants")
    merged = table2.join(wide, on=["origin_iso3", "dest_iso3"], how="left")
    assert len(merged) == 105
    assert (merged["value_as_published"] == merged["male"]).all()
    assert (merged["value_as_published"] != merged["both"]).all()


def test_table2_blank_cells_are_pairs_without_migrants():
    table2 = _load("concept_note_table2").set_index(["origin_iso3", "dest_iso3"])
    od = _load("od_within_rcm")
    both = od[(od["year"] == 2019) & (od["sex"] == "both")].set_index(["origin_iso3", "dest_iso3"])
    blank = both.index.difference(table2.index)
    assert len(blank) == 5 and (both.loc[blank, "migrants"] == 0).all()


def test_table2_total_row_is_not_the_sum_of_its_columns():
    table2 = _load("concept_note_table2")
    totals = _load("concept_note_table2_totals").set_index("origin_iso3")["total_as_published"]
    ratio = totals / table2.groupby("origin_iso3")["value_as_published"].sum()
    assert (ratio > 2.5).all() and (ratio < 6.6).all()
    assert totals.sum() == 32_111_948


def test_table2_descriptors_carry_the_caveat():
    for name in ("concept_note_table2", "concept_note_table2_totals"):
        caveat = datasets.metadata(name)["caveat"]
        assert "MALE" in caveat.upper() and "sum" in caveat
    assert "MALE ONLY" in datasets.metadata("concept_note_table2")["title"]


# --- the concept note's facts ---------------------------------------------------------------

BRIEF_FACTS = {
    "migrants_world": 272, "migrants_world_pct_male": 52, "migrants_world_pct_female": 48,
    "migrants_in_high_income_countries": 176, "migrants_in_middle_income_countries": 82,
    "migrants_in_low_income_countries": 13, "lac_born_in_northern_america_1990": 10,
    "lac_born_in_northern_america_2015": 25.5, "lac_born_in_northern_america_2019": 26.6,
    "remittances_world_2017": 483, "remittances_world_2018": 689,
    "remittances_received_india": 78.6, "remittances_received_china": 67.4,
    "remittances_received_mexico": 35.7, "refugees_from_slv_gtm_hnd_nic": 68_200,
    "asylum_seekers_from_slv_gtm_hnd_nic": 294_500, "mexico_refuge_applications_2020": 41_000,
    "mexico_refuge_applications_may_2021": 9_327, "trafficking_victims_identified": 1_306,
    "trafficking_victims_pct_minors": 49, "smuggling_revenue_low": 3,
    "smuggling_revenue_high": 10, "covid_survey_pct_postponed": 57,
    "covid_survey_pct_considering_return": 21, "governance_study_countries": 49,
    "governance_study_pct_with_strategy": 55, "governance_study_pct_aligned": 39,
}
NEWS_FACTS = {"mexico_refuge_applications_2020": "002_", "mexico_refuge_applications_may_2021": "002_",
              "covid_survey_pct_postponed": "003_", "covid_survey_pct_considering_return": "003_"}
WORDS = {"five": 5}


def test_facts_hold_every_figure_of_the_brief():
    facts = _load("concept_note_facts").set_index("fact_id")
    for fact_id, value in BRIEF_FACTS.items():
        assert facts.loc[fact_id, "value"] == value, fact_id
    for fact_id, seed in NEWS_FACTS.items():
        assert facts.loc[fact_id, "seed"].startswith(seed)
    assert facts.loc["migrants_world", "section"] == "1.1 Migration flows"
    assert "World Migration Report 2020" in facts.loc["migrants_world_pct_male", "cited_source"]


def test_each_fact_value_is_the_number_it_is_printed_with():
    facts = _load("concept_note_facts")
    for row in facts.itertuples():
        printed = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", row.as_printed)]
        printed += [v for w, v in WORDS.items() if w in row.as_printed]
        assert row.value in printed, f"{row.fact_id}: {row.value} not in {row.as_printed!r}"


def test_facts_agree_with_the_tables_where_the_note_cites_un_desa():
    facts = _load("concept_note_facts").set_index("fact_id")["value"]
    world = _load("migrant_stock_regions").query("region_code == 'WLD' and year == 2019")
    world = world.set_index("sex")["migrants"]
    assert round(world["both"] / 1e6) == facts["migrants_world"]
    assert round(100 * world["male"] / world["both"]) == facts["migrants_world_pct_male"]
    assert round(100 * world["female"] / world["both"]) == facts["migrants_world_pct_female"]
    table1 = _load("concept_note_table1").set_index("country_iso3")["migrants_2019"]
    rest = table1.drop(["USA", "CAN"]).sum()
    assert round(rest / 1e6, 1) == facts["migrants_in_rcm_excluding_usa_can"]


def test_the_32_million_fact_is_the_sum_of_table2_totals_not_of_the_data():
    facts = _load("concept_note_facts").set_index("fact_id")
    totals = _load("concept_note_table2_totals")["total_as_published"].sum()
    assert round(totals / 1e6, 1) == facts.loc["rcm_nationals_in_other_rcm_countries", "value"]
    od = _load("od_within_rcm")
    both = od[(od["year"] == 2019) & (od["sex"] == "both")]["migrants"].sum()
    assert both == 19_204_419
    assert f"{both:,}" in facts.loc["rcm_nationals_in_other_rcm_countries", "caveat"]


def test_descriptor_file_is_plain_json_with_unique_names():
    raw = json.loads((Path(datasets.DATA_DIR) / datasets.DESCRIPTOR).read_text())
    names = [r["name"] for r in raw["resources"]]
    assert len(names) == len(set(names))
