"""The validating loader and the foundation tables (Table 1, stock by destination)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from migration_course import datasets
from migration_course.countries import RCM_ISO3

CONCEPT_NOTE_TOTAL = 61_117_142


def test_stock_table_schema_and_types():
    df = datasets.load("migrant_stock_by_destination")
    assert list(df.columns) == ["country_iso3", "country", "year", "sex", "migrants",
                                "migrants_pct_of_population"]
    assert df["migrants"].dtype == "int64"
    assert df["year"].dtype == "int64"
    assert df["migrants_pct_of_population"].dtype == "float64"
    assert pd.api.types.is_string_dtype(df["country_iso3"])
    # 11 countries x 7 reference years x 3 sexes, no gaps
    assert set(df["country_iso3"]) == set(RCM_ISO3)
    assert sorted(df["year"].unique()) == [1990, 1995, 2000, 2005, 2010, 2015, 2019]
    assert len(df) == 11 * 7 * 3
    assert not df.duplicated(["country_iso3", "year", "sex"]).any()


def test_male_plus_female_equals_both():
    df = datasets.load("migrant_stock_by_destination")
    wide = df.pivot_table(index=["country_iso3", "year"], columns="sex", values="migrants")
    assert (wide["male"] + wide["female"] == wide["both"]).all()


def test_table1_total_is_the_concept_note_total():
    table1 = datasets.load("concept_note_table1")
    assert len(table1) == 11
    assert table1["migrants_2019"].sum() == CONCEPT_NOTE_TOTAL
    assert datasets.metadata("concept_note_table1")["published_total"] == CONCEPT_NOTE_TOTAL


def test_table1_equals_un_desa_2019_both_sexes():
    table1 = datasets.load("concept_note_table1").set_index("country_iso3")["migrants_2019"]
    stock = datasets.load("migrant_stock_by_destination")
    desa = stock.query("year == 2019 and sex == 'both'").set_index("country_iso3")["migrants"]
    pd.testing.assert_series_equal(table1.sort_index(), desa.sort_index(), check_names=False)


def test_every_table_cites_publisher_licence_and_units():
    for name in datasets.resource_names():
        meta = datasets.metadata(name)
        assert meta.get("sources"), f"{name} has no source"
        assert all(s.get("title") and s.get("path", "").startswith("https://")
                   for s in meta["sources"]), name
        assert meta.get("licenses"), f"{name} has no licence"
        for field in meta["schema"]["fields"]:
            assert field.get("description"), f"{name}.{field['name']} has no description"


def _copy_data(tmp_path: Path) -> Path:
    shutil.copytree(datasets.DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def test_invalid_cell_is_reported_with_file_row_and_field(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "migrant_stock_by_destination.csv"
    lines = path.read_text().splitlines()
    fields = lines[4].split(",")
    fields[4] = "12O4"  # a letter O typed for a zero
    lines[4] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(datasets.DataValidationError) as err:
        datasets.load("migrant_stock_by_destination", data)
    message = str(err.value)
    assert "migrant_stock_by_destination.csv, row 5, field 'migrants'" in message
    assert "12O4" in message
    assert "make data" in message  # says what to do


def test_unknown_country_and_duplicate_key_are_reported(tmp_path):
    data = _copy_data(tmp_path)
    path = data / "concept_note_table1.csv"
    text = path.read_text()
    text = text.replace("BLZ,Belize", "BLX,Belize") + "CAN,Canada,1\n"
    path.write_text(text)
    with pytest.raises(datasets.DataValidationError) as err:
        datasets.load("concept_note_table1", data)
    message = str(err.value)
    assert "row 2, field 'country_iso3'" in message
    assert "row 13" in message  # the duplicated primary key


def test_unknown_table_names_the_known_ones():
    with pytest.raises(KeyError, match="migrant_stock_by_destination"):
        datasets.load("no_such_table")
