"""Trend lines built on :func:`line_explorer`: regions, remittances, refugees and asylum-seekers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from migration_course.charts.base import (
    Chart,
    ChartLabels,
    fmt_cell,
    fmt_people,
    fmt_percent,
    require_columns,
    round_frame,
    rounded,
    sentence_start,
)
from migration_course.charts.controls import MenuOption
from migration_course.charts.lines import Series, Variant, country_series, line_explorer
from migration_course.charts.stock import SEXES, ByStockLabels, stock_table, wide_by_sex
from migration_course.core.strings import FROM_CATALOGUE
from migration_course.countries import RCM_COUNTRIES, prose

# Regions are not countries: dark, distinct colours that no RCM country uses.
REGION_STYLES = {
    "WLD": ("#222222", "circle"), "LAC": ("#7f3b08", "square"),
    "CENTRAL_AMERICA": ("#b2182b", "diamond"), "NORTHERN_AMERICA": ("#2166ac", "triangle-up"),
}


def _menu(series: list[Series], all_label: str) -> list[MenuOption]:
    keys = [s.key for s in series]
    return [MenuOption(all_label, [True] * len(keys), log=True)] + [
        MenuOption(s.name, [k == s.key for k in keys]) for s in series]


def _names(df: pd.DataFrame, key: str, name: str) -> dict[str, str]:
    return df.drop_duplicates(key).set_index(key)[name].to_dict()


def _selected_years(years: list[int], every: int = 5) -> list[int]:
    """Years for a readable table: every fifth year from the first, and the latest."""
    picked = [y for y in years if (y - years[0]) % every == 0]
    return picked if picked[-1] == years[-1] else [*picked, years[-1]]


def _year_table(wide: pd.DataFrame, names: dict[str, str], first_col: str, years: list[int],
                scale: float = 1.0, digits: int = 0) -> pd.DataFrame:
    order = [c.iso3 for c in RCM_COUNTRIES if c.iso3 in wide.index]
    wide = wide.loc[order + [k for k in wide.index if k not in order]]
    table = round_frame(wide[years] / scale, digits).rename(index=names).reset_index()
    table.columns = [first_col] + [str(y) for y in years]
    return table


@dataclass(frozen=True)
class RegionLabels(ByStockLabels):
    """Learner-facing strings of :func:`regions_over_time` (``chart.regions_over_time``)."""

    SECTION: ClassVar[str] = "chart.regions_over_time"
    title: str = FROM_CATALOGUE
    all_regions: str = FROM_CATALOGUE
    region_col: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE


def regions_over_time(df: pd.DataFrame, *, source: str, labels: RegionLabels | None = None,
                      language: str | None = None) -> Chart:
    """Lines for the world and UN regions, 1990–2019, with a region menu and sex buttons."""
    labels = labels or RegionLabels(language=language)
    require_columns(df, {"region_code", "region", "year", "sex", "migrants"}, "regions_over_time",
                    "migrant_stock_regions")
    names = _names(df, "region_code", "region")
    series = [Series(code, names[code], *REGION_STYLES.get(code, ("#555555", "circle")))
              for code in REGION_STYLES if code in names]
    years = sorted(int(y) for y in df["year"].unique())
    variants = [Variant(s, labels.sex_buttons[s], labels.title.format(
        first=years[0], last=years[-1], sex=labels.sex_names[s]), labels.y_title, labels.hover)
        for s in SEXES]
    values = {s: wide_by_sex(df, s, key="region_code") for s in SEXES}
    fig = line_explorer(values, series=series, variants=variants,
                        menu=_menu(series, labels.all_regions), x_title=labels.x_title,
                        source=source, menu_name="region", switch_name="sex")
    both, female = values["both"], values["female"]
    first, last = years[0], years[-1]
    m = labels.million
    summary = labels.summary.format(
        first=first, last=last, world_first=fmt_people(both.loc["WLD", first], m),
        world_last=fmt_people(both.loc["WLD", last], m),
        na_last=fmt_people(both.loc["NORTHERN_AMERICA", last], m),
        lac_last=fmt_people(both.loc["LAC", last], m),
        ca_last=fmt_people(both.loc["CENTRAL_AMERICA", last], m),
        world_female=fmt_percent(100 * female.loc["WLD", last] / both.loc["WLD", last]))
    table = stock_table(df, value="migrants", key="region_code", name="region",
                        sex_names=labels.sex_buttons, key_col=labels.region_col,
                        sex_col=labels.sex_col, order=list(REGION_STYLES))
    return Chart(fig, summary, table, source, labels.table_caption,
                 data_file="migrant_stock_regions.csv", language=labels.language)


@dataclass(frozen=True)
class RemittanceLabels(ChartLabels):
    """Learner-facing strings of :func:`remittances` (``chart.remittances``)."""

    SECTION: ClassVar[str] = "chart.remittances"
    title_level: str = FROM_CATALOGUE
    title_share: str = FROM_CATALOGUE
    y_level: str = FROM_CATALOGUE
    y_share: str = FROM_CATALOGUE
    x_title: str = FROM_CATALOGUE
    level_button: str = FROM_CATALOGUE
    share_button: str = FROM_CATALOGUE
    all_countries: str = FROM_CATALOGUE
    hover_level: str = FROM_CATALOGUE
    hover_share: str = FROM_CATALOGUE
    country_col: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE
    gaps: str = FROM_CATALOGUE
    late_separator: str = FROM_CATALOGUE


def remittances(df: pd.DataFrame, *, source: str, labels: RemittanceLabels | None = None,
                language: str | None = None) -> Chart:
    """Remittances received by each RCM country over time: US$ or share of the RCM total."""
    labels = labels or RemittanceLabels(language=language)
    require_columns(df, {"country_iso3", "country", "year", "remittances_usd"}, "remittances",
                    "remittances_received")
    level = df.pivot(index="country_iso3", columns="year", values="remittances_usd") / 1e6
    # A share is only a share of the RCM total in years when every country reports; before
    # Canada's and Nicaragua's series start it would jump for no real reason, so it is left blank.
    share = (100 * level / level.sum()).loc[:, level.notna().all()].reindex(columns=level.columns)
    years = [int(y) for y in level.columns]
    first, last = years[0], years[-1]
    names = _names(df, "country_iso3", "country")
    series = country_series(level.index, names)
    span = {"first": first, "last": last}
    variants = [
        Variant("level", labels.level_button, labels.title_level.format(**span), labels.y_level,
                labels.hover_level),
        Variant("share", labels.share_button, labels.title_share.format(**span), labels.y_share,
                labels.hover_share)]
    # Plotted as shown: whole millions of US$ and shares to one decimal (the hover's digits).
    fig = line_explorer({"level": round_frame(level, 0), "share": round_frame(share, 1)}, series=series,
                        variants=variants, menu=_menu(series, labels.all_countries),
                        x_title=labels.x_title, source=source, menu_name="country",
                        switch_name="measure")
    ranked = level[last].sort_values(ascending=False)
    late = [names[c] for c in level.index[level[first].isna()]]
    summary = labels.summary.format(
        n=len(level), last=last, first=first, total_last=fmt_cell(rounded(level[last].sum()), 0),
        total_first=fmt_cell(rounded(level[first].sum()), 0),
        gaps=labels.gaps.format(late=labels.late_separator.join(late)) if late else "",
        top=sentence_start(prose(ranked.index[0])), top_last=fmt_cell(rounded(ranked.iloc[0]), 0),
        top_share=fmt_percent(share.loc[ranked.index[0], last]),
        second=prose(ranked.index[1]), second_last=fmt_cell(rounded(ranked.iloc[1]), 0))
    table = _year_table(level, names, labels.country_col, _selected_years(years))
    return Chart(fig, summary, table, source, labels.table_caption,
                 data_file="remittances_received.csv", language=labels.language)


@dataclass(frozen=True)
class RefugeeLabels(ChartLabels):
    """Learner-facing strings of :func:`refugees_by_origin` (``chart.refugees_by_origin``)."""

    SECTION: ClassVar[str] = "chart.refugees_by_origin"
    title_refugees: str = FROM_CATALOGUE
    title_asylum: str = FROM_CATALOGUE
    y_title: str = FROM_CATALOGUE
    x_title: str = FROM_CATALOGUE
    refugees_button: str = FROM_CATALOGUE
    asylum_button: str = FROM_CATALOGUE
    all_countries: str = FROM_CATALOGUE
    hover_refugees: str = FROM_CATALOGUE
    hover_asylum: str = FROM_CATALOGUE
    country_col: str = FROM_CATALOGUE
    type_col: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE


def refugees_by_origin(df: pd.DataFrame, *, source: str, labels: RefugeeLabels | None = None,
                       language: str | None = None) -> Chart:
    """Refugees or asylum-seekers from each RCM country over time (UNHCR), country menu."""
    labels = labels or RefugeeLabels(language=language)
    require_columns(df, {"country_iso3", "country", "year", "population_type", "persons"},
                    "refugees_by_origin", "refugees_by_origin")
    wide = {t: df[df["population_type"] == t].pivot(index="country_iso3", columns="year",
                                                    values="persons")
            for t in ("refugees", "asylum_seekers")}
    years = sorted(int(y) for y in df["year"].unique())
    wide = {t: w.reindex(columns=years) for t, w in wide.items()}
    first, last = years[0], years[-1]
    names = _names(df, "country_iso3", "country")
    series = country_series(df["country_iso3"].unique(), names)
    span = {"first": first, "last": last}
    variants = [
        Variant("refugees", labels.refugees_button, labels.title_refugees.format(**span),
                labels.y_title, labels.hover_refugees),
        Variant("asylum_seekers", labels.asylum_button, labels.title_asylum.format(**span),
                labels.y_title, labels.hover_asylum)]
    fig = line_explorer(wide, series=series, variants=variants,
                        menu=_menu(series, labels.all_countries), x_title=labels.x_title,
                        source=source, menu_name="country", switch_name="population")
    ref, asy = wide["refugees"], wide["asylum_seekers"]
    nca = ["SLV", "GTM", "HND", "NIC"]
    m = labels.million
    summary = labels.summary.format(
        last=last, first=first, top_ref=prose(ref[last].idxmax()),
        top_ref_n=fmt_people(ref[last].max(), m), top_asy=prose(asy[last].idxmax()),
        top_asy_n=fmt_people(asy[last].max(), m), nca_ref=fmt_people(ref.loc[nca, last].sum(), m),
        nca_asy=fmt_people(asy.loc[nca, last].sum(), m),
        nca_ref_first=fmt_people(ref.loc[nca, first].sum(), m))
    picked = _selected_years(years)
    parts = []
    for key, label in (("refugees", labels.refugees_button), ("asylum_seekers", labels.asylum_button)):
        part = _year_table(wide[key].reindex(ref.index), names, labels.country_col, picked)
        part.insert(1, labels.type_col, label)
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    return Chart(fig, summary, table, source, labels.table_caption, data_file="refugees_by_origin.csv",
                 language=labels.language)
