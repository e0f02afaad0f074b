"""Cross-check every committed table against the reference extracts in ../shared/data.

Why separate from test_data_tables.py: the reference extracts (and the seeds, for the
transcribed tables) live next to the repository, not in it; without them these tests skip and
say why. The checks read the extracts directly, not through build_data, so a bug in a builder
cannot hide itself: they compare values, then confirm that re-running the build reproduces the
committed files byte for byte.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from migration_course import build_data, datasets
from migration_course.countries import RCM_ISO3

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO / ".." / "shared" / "data"
SEEDS = REPO / ".." / "shared" / "seeds"
CENTRAL_AMERICA = ["BLZ", "CRI", "SLV", "GTM", "HND", "NIC", "PAN"]


@pytest.fixture(scope="module")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"reference extracts not found at {SHARED.resolve()}: the cross-checks need "
                    "the project's shared/data folder beside the repository")
    return SHARED


@pytest.fixture(scope="module")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS.resolve()}: the transcription checks "
                    "need the project's shared/seeds folder beside the repository")
    return SEEDS


def _ref(shared: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(shared / name, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def od_world(shared: Path) -> pd.DataFrame:
    return _ref(shared, "undesa_ims2019_origin_destination_rcm.csv")


def _emigrant_totals(od_world: pd.DataFrame, origins: list[str], year: int) -> pd.Series:
    rows = od_world[od_world["origin_iso3"].isin(origins) & (od_world["year"] == year)
                    & (od_world["sex"] == "both") & (od_world["origin_iso3"] != od_world["dest_iso3"])]
    return rows.groupby("dest_iso3")["value"].sum()


# --- the build reproduces the committed files --------------------------------------------------

@pytest.mark.parametrize("filename", sorted(build_data.BUILDERS))
def test_committed_table_is_what_the_build_writes(shared, filename):
    built = build_data.BUILDERS[filename](shared).to_csv(index=False, lineterminator="\n")
    committed = (Path(datasets.DATA_DIR) / filename).read_text()
    assert built == committed, f"data/{filename} is stale: run `make data`"


# --- each generated table against its extract -----------------------------------------------

@pytest.mark.parametrize(("name", "code", "codes"), [
    ("migrant_stock_by_destination", "country_iso3", list(RCM_ISO3)),
    ("migrant_stock_regions", "region_code", ["WLD", "LAC", "CENTRAL_AMERICA", "NORTHERN_AMERICA"]),
])
def test_stock_tables_equal_un_desa_tables_1_and_3(shared, name, code, codes):
    stock = _ref(shared, "undesa_ims2019_migrant_stock_by_destination.csv")
    pct = _ref(shared, "undesa_ims2019_migrants_pct_of_population.csv")
    ref = stock.merge(pct, on=["country_iso3", "year", "sex"])
    ref = ref[ref["country_iso3"].isin(codes)].rename(columns={"country_iso3": code})
    ours = datasets.load(name).merge(ref, on=[code, "year", "sex"], how="outer", indicator=True)
    assert (ours["_merge"] == "both").all()
    assert (ours["migrants"] == ours["value"]).all()
    assert (ours["migrants_pct_of_population"] == ours["value_percent"]).all()


def test_od_within_rcm_equals_the_extract_except_self_pairs(shared):
    ref = _ref(shared, "undesa_ims2019_od_within_rcm.csv")
    keys = ["origin_iso3", "dest_iso3", "year", "sex"]
    merged = datasets.load("od_within_rcm").merge(ref, on=keys, how="outer", indicator=True)
    matched = merged[merged["_merge"] == "both"]
    assert (matched["migrants"] == matched["value"]).all()
    assert (matched["value_status_x"] == matched["value_status_y"]).all()
    extra = merged[merged["_merge"] != "both"]
    assert (extra["_merge"] == "right_only").all()
    assert (extra["origin_iso3"] == extra["dest_iso3"]).all()


def test_emigrant_rows_equal_the_worldwide_matrix_and_rank_correctly(od_world):
    em = datasets.load("emigrants_main_destinations")
    keys = ["origin_iso3", "dest_iso3", "year", "sex"]
    top = em[em["rank"] <= 5].merge(od_world, on=keys, how="left")
    assert (top["migrants"] == top["value"]).all()
    totals = od_world[od_world["origin_iso3"].isin(RCM_ISO3)].groupby(
        ["origin_iso3", "year", "sex"])["value"].sum()
    assert (em.groupby(["origin_iso3", "year", "sex"])["migrants"].sum() == totals).all()
    both = od_world[(od_world["sex"] == "both") & od_world["origin_iso3"].isin(RCM_ISO3)]
    fifth = em[(em["rank"] == 5) & (em["sex"] == "both")].set_index(["origin_iso3", "year"])
    chosen = set(zip(em["origin_iso3"], em["year"], em["dest_iso3"], strict=True))
    for row in both.itertuples():
        if (row.origin_iso3, row.year, row.dest_iso3) not in chosen:
            assert row.value <= fifth.loc[(row.origin_iso3, row.year), "migrants"]


def test_remittances_and_population_equal_wdi(shared):
    money = _ref(shared, "wb_wdi_personal_remittances_received_usd.csv")
    people = _ref(shared, "wb_wdi_total_population.csv")
    ours = datasets.load("remittances_received")
    merged = ours.merge(money, on=["country_iso3", "year"]).merge(
        people, on=["country_iso3", "year"], suffixes=("", "_pop"))
    assert len(merged) == len(ours) == len(money[money["year"] >= 1990])
    assert (merged["remittances_usd"] == merged["value_usd"]).all()
    assert (merged["population"] == merged["value"]).all()


def test_refugees_equal_unhcr_extract(shared):
    ref = _ref(shared, "unhcr_by_origin_rcm.csv")
    keys = ["country_iso3", "year", "population_type"]
    merged = datasets.load("refugees_by_origin").merge(ref, on=keys, how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()
    assert (merged["persons"] == merged["value"]).all()


# --- transcribed tables against the seeds ------------------------------------------------------

def _seed_text(seeds: Path, name: str) -> str:
    """The seed as rendered text: markdown escapes dropped, runs of white space made one space."""
    return re.sub(r"\s+", " ", (seeds / name).read_text(encoding="utf-8").replace("\\$", "$"))


def _parse_table2(seeds: Path) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """Read Table 2 from the concept note: {(origin, dest): value}, {origin: TOTAL}."""
    codes = {"BEL": "BLZ", "ESV": "SLV", "GUA": "GTM"}
    text = (seeds / "004_786203b85c9826b4.txt").read_text(encoding="utf-8")
    start = text.index("Country of Destination\tCountry of Origin")
    lines = [ln for ln in text[start:text.index("Source:", start)].splitlines()[1:] if ln.strip()]
    origins = [codes.get(c, c) for c in lines[0].split("\t")[1:]]
    cells, totals = {}, {}
    for line in lines[1:]:
        head, *values = [re.sub(r"<.*?>", "", c) for c in line.split("\t")]
        for origin, value in zip(origins, values, strict=True):
            if value.strip() and head == "TOTAL":
                totals[origin] = int(value.replace(",", ""))
            elif value.strip():
                cells[(origin, codes.get(head, head))] = int(value.replace(",", ""))
    return cells, totals


def test_table2_is_transcribed_exactly(seeds):
    cells, totals = _parse_table2(seeds)
    table2 = datasets.load("concept_note_table2")
    ours = dict(zip(zip(table2["origin_iso3"], table2["dest_iso3"], strict=True),
                    table2["value_as_published"], strict=True))
    assert ours == cells
    published = datasets.load("concept_note_table2_totals")
    assert dict(zip(published["origin_iso3"], published["total_as_published"], strict=True)) == totals


def test_table1_is_transcribed_exactly(seeds):
    text = _seed_text(seeds, "004_786203b85c9826b4.txt")
    for row in datasets.load("concept_note_table1").itertuples():
        assert f"{row.migrants_2019:,}" in text
    assert f"TOTAL {datasets.metadata('concept_note_table1')['published_total']:,}" in text


def test_every_fact_is_printed_in_its_seed(seeds):
    for row in datasets.load("concept_note_facts").itertuples():
        assert row.as_printed in _seed_text(seeds, row.seed), f"{row.fact_id}: {row.as_printed!r}"


# --- the concept note's figures against the publishers' data -----------------------------------

def test_table2_cells_equal_un_desa_male_values_in_the_extract(od_world):
    table2 = datasets.load("concept_note_table2")
    ref = od_world[od_world["year"] == 2019].pivot_table(
        index=["origin_iso3", "dest_iso3"], columns="sex", values="value")
    merged = table2.join(ref, on=["origin_iso3", "dest_iso3"])
    assert (merged["value_as_published"] == merged["male"]).all()
    assert (merged["value_as_published"] != merged["both"]).all()


def test_table2_totals_match_no_un_desa_total(od_world):
    totals = datasets.load("concept_note_table2_totals").set_index("origin_iso3")
    rows = od_world[(od_world["year"] == 2019) & od_world["origin_iso3"].isin(RCM_ISO3)]
    within = rows[rows["dest_iso3"].isin(RCM_ISO3)]
    for frame in (rows, within):
        sums = frame.groupby(["origin_iso3", "sex"])["value"].sum().unstack()
        for sex in ("both", "male", "female"):
            assert (sums.loc[totals.index, sex] != totals["total_as_published"]).all()


def test_asylum_figures_of_2018_are_close_to_but_not_unhcr_2020(shared):
    facts = datasets.load("concept_note_facts").set_index("fact_id")
    unhcr = _ref(shared, "unhcr_by_origin_rcm.csv")
    four = unhcr[(unhcr["year"] == 2018) & unhcr["country_iso3"].isin(["SLV", "GTM", "HND", "NIC"])]
    sums = four.groupby("population_type")["value"].sum()
    for fact_id, kind in [("refugees_from_slv_gtm_hnd_nic", "refugees"),
                          ("asylum_seekers_from_slv_gtm_hnd_nic", "asylum_seekers")]:
        assert facts.loc[fact_id, "value"] == pytest.approx(sums[kind], rel=0.10)
        assert facts.loc[fact_id, "value"] != sums[kind]
        assert f"{sums[kind]:,}" in facts.loc[fact_id, "caveat"]


def test_mexico_remittances_fact_matches_2018_better_than_2019(shared):
    fact = datasets.load("concept_note_facts").set_index("fact_id").loc["remittances_received_mexico"]
    wdi = _ref(shared, "wb_wdi_personal_remittances_received_usd.csv")
    mex = wdi[wdi["country_iso3"] == "MEX"].set_index("year")["value_usd"] / 1e9
    assert abs(mex[2018] - fact["value"]) < 0.03 * fact["value"] < abs(mex[2019] - fact["value"])
    assert f"{mex[2018]:.1f} billion for 2018" in fact["caveat"]


def test_usa_and_mexico_facts_are_un_desa_rounded(shared, od_world):
    facts = datasets.load("concept_note_facts").set_index("fact_id")
    stock = _ref(shared, "undesa_ims2019_migrant_stock_by_destination.csv")
    usa = stock.query("country_iso3 == 'USA' and year == 2019 and sex == 'both'")["value"].iloc[0]
    assert round(usa / 1e6) == facts.loc["foreign_nationals_usa_2019", "value"]
    mexicans = _emigrant_totals(od_world, ["MEX"], 2019).sum()
    assert round(mexicans / 1e6) == facts.loc["mexicans_abroad", "value"]
    assert f"{mexicans:,}" in facts.loc["mexicans_abroad", "caveat"]


def test_central_american_destination_shares_differ_from_un_desa(od_world):
    facts = datasets.load("concept_note_facts").set_index("fact_id")
    dests = _emigrant_totals(od_world, CENTRAL_AMERICA, 2019)
    share = 100 * dests / dests.sum()
    caveat = facts.loc["central_american_emigrants_pct_usa", "caveat"]
    for iso3, country in [("USA", "United States"), ("CRI", "Costa Rica"), ("ESP", "Spain"),
                          ("CAN", "Canada"), ("MEX", "Mexico")]:
        assert f"{country} {share[iso3]:.1f}%" in caveat
        fact = facts.loc[f"central_american_emigrants_pct_{iso3.lower()}", "value"]
        assert round(share[iso3], 2) != fact
    assert f"{(dests > 0).sum()} destinations" in caveat
