"""Migrant stock by country of destination over time, with country and sex controls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from migration_course.charts.base import (
    Chart,
    ChartLabels,
    fmt_people,
    fmt_percent,
    require_columns,
    sentence_start,
)
from migration_course.charts.controls import MenuOption
from migration_course.charts.lines import Variant, country_series, line_explorer
from migration_course.core.strings import FROM_CATALOGUE
from migration_course.countries import RCM_COUNTRIES, prose

REQUIRED = {"country_iso3", "country", "year", "sex", "migrants"}
SEXES = ("both", "male", "female")
BIG_DESTINATIONS = ("USA", "CAN")


@dataclass(frozen=True)
class ByStockLabels(ChartLabels):
    """Strings shared by every chart of migrant stocks with a sex switch (``chart.by_sex``)."""

    SECTION: ClassVar[str] = "chart.by_sex"
    x_title: str = FROM_CATALOGUE
    y_title: str = FROM_CATALOGUE
    sex_names: dict[str, str] = FROM_CATALOGUE
    sex_buttons: dict[str, str] = FROM_CATALOGUE
    hover: str = FROM_CATALOGUE
    sex_col: str = FROM_CATALOGUE


@dataclass(frozen=True)
class StockLabels(ByStockLabels):
    """Every learner-facing string of the chart (``chart.stock_by_destination``)."""

    SECTION: ClassVar[str] = "chart.stock_by_destination"
    title: str = FROM_CATALOGUE
    all_countries: str = FROM_CATALOGUE
    without_big: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    country_col: str = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE
    summary_subset: str = FROM_CATALOGUE


def wide_by_sex(df: pd.DataFrame, sex: str, value: str = "migrants",
                key: str = "country_iso3") -> pd.DataFrame:
    """Countries (or regions) × years for one sex."""
    return df[df["sex"] == sex].pivot(index=key, columns="year", values=value)


def _summary(df: pd.DataFrame, labels: StockLabels) -> str:
    both = wide_by_sex(df, "both")
    female = wide_by_sex(df, "female")
    first, last = both.columns.min(), both.columns.max()
    total_last = both[last].sum()
    m = labels.million
    if not set(BIG_DESTINATIONS) <= set(both.index):  # a live explorer's subset
        top = both[last].idxmax()
        return labels.summary_subset.format(
            first=first, last=last, n=len(both), total_first=fmt_people(both[first].sum(), m),
            total_last=fmt_people(total_last, m), top=sentence_start(prose(top)),
            top_last=fmt_people(both.loc[top, last], m),
            female_share=fmt_percent(100 * female[last].sum() / total_last))
    rest = both.drop(index=[c for c in BIG_DESTINATIONS if c in both.index])
    top_rest = rest[last].idxmax()
    return labels.summary.format(
        first=first, last=last, n=len(both), n_rest=len(rest),
        total_first=fmt_people(both[first].sum(), m), total_last=fmt_people(total_last, m),
        usa_last=fmt_people(both.loc["USA", last], m),
        usa_share=fmt_percent(100 * both.loc["USA", last] / total_last),
        can_last=fmt_people(both.loc["CAN", last], m),
        rest_last=fmt_people(rest[last].sum(), m),
        top_rest=prose(top_rest), top_rest_last=fmt_people(rest.loc[top_rest, last], m),
        female_share=fmt_percent(100 * female[last].sum() / total_last),
    )


def stock_table(df: pd.DataFrame, *, value: str, key: str, name: str, sex_names: dict[str, str],
                key_col: str, sex_col: str, order: list[str]) -> pd.DataFrame:
    """Entity × sex rows, one column per year, in the course's order."""
    frame = df.assign(sex=pd.Categorical(df["sex"], SEXES, ordered=True),
                      order=df[key].map(order.index))
    wide = frame.pivot_table(index=["order", name, "sex"], columns="year", values=value,
                             observed=True).reset_index().drop(columns="order")
    wide["sex"] = wide["sex"].map(sex_names)
    wide.columns = [key_col, sex_col] + [str(c) for c in wide.columns[2:]]
    return wide


def stock_by_destination(df: pd.DataFrame, *, source: str, labels: StockLabels | None = None,
                         language: str | None = None) -> Chart:
    """Line chart of migrant stock by destination, 1990–2019, with country and sex controls.

    ``df`` is the tidy ``migrant_stock_by_destination`` table; ``source`` is the citation shown
    under the figure (``datasets.source_line(...)``). Every word is in ``language``, or in the
    language of ``labels`` when given.
    """
    labels = labels or StockLabels(language=language)
    require_columns(df, REQUIRED, "stock_by_destination", "migrant_stock_by_destination")
    names = df.drop_duplicates("country_iso3").set_index("country_iso3")["country"].to_dict()
    series = country_series(df["country_iso3"].unique(), names)
    years = sorted(df["year"].unique())
    keys = [s.key for s in series]
    menu = [
        MenuOption(labels.all_countries, [True] * len(keys), log=True),
        MenuOption(labels.without_big, [k not in BIG_DESTINATIONS for k in keys]),
    ] + [MenuOption(s.name, [k == s.key for k in keys]) for s in series]
    variants = [Variant(sex, labels.sex_buttons[sex],
                        labels.title.format(first=years[0], last=years[-1], sex=labels.sex_names[sex]),
                        labels.y_title, labels.hover) for sex in SEXES]
    fig = line_explorer({sex: wide_by_sex(df, sex) for sex in SEXES}, series=series,
                        variants=variants, menu=menu, x_title=labels.x_title, source=source,
                        menu_name="country", switch_name="sex")
    table = stock_table(df, value="migrants", key="country_iso3", name="country",
                        sex_names=labels.sex_buttons, key_col=labels.country_col,
                        sex_col=labels.sex_col, order=[c.iso3 for c in RCM_COUNTRIES])
    return Chart(figure=fig, summary=_summary(df, labels), table=table, source=source,
                 table_caption=labels.table_caption, data_file="migrant_stock_by_destination.csv",
                 language=labels.language)
