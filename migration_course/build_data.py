"""Rebuild the course's tidy tables in ``data/`` from the reference extracts in ``../shared/data``.

Why a script and not hand edits: every committed number must be traceable to a publisher's
release. This module is the only place that turns the reference extracts into the course's
tables, so a reviewer can re-run it (``make data``) and diff. Tables transcribed from the
concept note (``concept_note_*.csv``) are not generated: they record what the note printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from migration_course.countries import BY_ISO3, RCM_ISO3
from migration_course.datasets import DATA_DIR

SEX_ORDER = ["both", "male", "female"]


def migrant_stock_by_destination(shared: Path) -> pd.DataFrame:
    """UN DESA IMS 2019 migrant stock and % of population by destination, RCM countries."""
    stock = pd.read_csv(shared / "undesa_ims2019_migrant_stock_by_destination.csv")
    pct = pd.read_csv(shared / "undesa_ims2019_migrants_pct_of_population.csv")
    keys = ["country_iso3", "year", "sex"]
    merged = stock.merge(pct[keys + ["value_percent"]], on=keys, how="left", validate="one_to_one")
    merged = merged[merged["country_iso3"].isin(RCM_ISO3)].copy()
    merged["country"] = merged["country_iso3"].map(lambda c: BY_ISO3[c].name)
    merged = merged.rename(columns={"value": "migrants", "value_percent": "migrants_pct_of_population"})
    merged["sex"] = pd.Categorical(merged["sex"], SEX_ORDER, ordered=True)
    merged["order"] = merged["country_iso3"].map(RCM_ISO3.index)
    merged = merged.sort_values(["order", "sex", "year"])
    cols = ["country_iso3", "country", "year", "sex", "migrants", "migrants_pct_of_population"]
    return merged[cols].astype({"sex": str}).reset_index(drop=True)


BUILDERS = {
    "migrant_stock_by_destination.csv": migrant_stock_by_destination,
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
