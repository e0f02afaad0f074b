"""Trend lines built on :func:`line_explorer`: regions, remittances, refugees and asylum-seekers."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from migration_course.charts.base import Chart, fmt_people, fmt_percent, require_columns, sentence_start
from migration_course.charts.controls import MenuOption
from migration_course.charts.lines import Series, Variant, country_series, line_explorer
from migration_course.charts.stock import SEXES, ByStockLabels, stock_table, wide_by_sex
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
    table = (wide[years] / scale).round(digits).rename(index=names).reset_index()
    table.columns = [first_col] + [str(y) for y in years]
    return table


@dataclass(frozen=True)
class RegionLabels(ByStockLabels):
    """Learner-facing strings of :func:`regions_over_time`."""

    title: str = "Migrants by region of destination, {first}–{last} ({sex})"
    all_regions: str = "All regions (log scale)"
    region_col: str = "Region"
    table_caption: str = "International migrants by region of destination, sex and year (persons)"
    summary: str = (
        "The number of international migrants in the world rose from {world_first} in {first} "
        "to {world_last} in {last}. Northern America hosted {na_last} in {last} and Latin "
        "America and the Caribbean {lac_last}; Central America hosted {ca_last}. Women and "
        "girls were {world_female} of the world's migrants in {last}."
    )


def regions_over_time(df: pd.DataFrame, *, source: str, labels: RegionLabels | None = None) -> Chart:
    """Lines for the world and UN regions, 1990–2019, with a region menu and sex buttons."""
    labels = labels or RegionLabels()
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
                 data_file="migrant_stock_regions.csv")


@dataclass(frozen=True)
class RemittanceLabels:
    """Learner-facing strings of :func:`remittances`."""

    title_level: str = "Personal remittances received, {first}–{last}"
    title_share: str = "Share of all remittances received by RCM countries, {first}–{last}"
    y_level: str = "Remittances received (millions of current US$)"
    y_share: str = "Share of the RCM countries' total (%)"
    x_title: str = "Year"
    level_button: str = "US$"
    share_button: str = "Share of RCM total"
    all_countries: str = "All countries (log scale)"
    hover_level: str = "<b>%{fullData.name}</b><br>%{x}: US$ %{y:,.0f} million<extra></extra>"
    hover_share: str = "<b>%{fullData.name}</b><br>%{x}: %{y:.1f}% of the RCM total<extra></extra>"
    country_col: str = "Country"
    table_caption: str = "Personal remittances received, millions of current US$ (selected years)"
    summary: str = (
        "In {last}, the {n} RCM countries shown received US$ {total_last:,.0f} million in personal "
        "remittances, against US$ {total_first:,.0f} million in {first}{gaps}. {top} received the "
        "most (US$ {top_last:,.0f} million, {top_share} of the total), followed by {second} "
        "(US$ {second_last:,.0f} million). Use the menu to show one country and the buttons to "
        "switch between US dollars and each country's share of the total."
    )
    gaps: str = " (the World Bank's series for {late} start later)"


def remittances(df: pd.DataFrame, *, source: str, labels: RemittanceLabels | None = None) -> Chart:
    """Remittances received by each RCM country over time: US$ or share of the RCM total."""
    labels = labels or RemittanceLabels()
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
    fig = line_explorer({"level": level.round(1), "share": share.round(2)}, series=series,
                        variants=variants, menu=_menu(series, labels.all_countries),
                        x_title=labels.x_title, source=source, menu_name="country",
                        switch_name="measure")
    ranked = level[last].sort_values(ascending=False)
    late = [names[c] for c in level.index[level[first].isna()]]
    summary = labels.summary.format(
        n=len(level), last=last, first=first, total_last=level[last].sum(),
        total_first=level[first].sum(),
        gaps=labels.gaps.format(late=" and ".join(late)) if late else "",
        top=sentence_start(prose(ranked.index[0])), top_last=ranked.iloc[0],
        top_share=fmt_percent(share.loc[ranked.index[0], last]),
        second=prose(ranked.index[1]), second_last=ranked.iloc[1])
    table = _year_table(level, names, labels.country_col, _selected_years(years))
    return Chart(fig, summary, table, source, labels.table_caption,
                 data_file="remittances_received.csv")


@dataclass(frozen=True)
class RefugeeLabels:
    """Learner-facing strings of :func:`refugees_by_origin`."""

    title_refugees: str = "Refugees by country of origin, {first}–{last}"
    title_asylum: str = "Asylum-seekers by country of origin, {first}–{last}"
    y_title: str = "Persons (wherever they sought protection)"
    x_title: str = "Year"
    refugees_button: str = "Refugees"
    asylum_button: str = "Asylum-seekers"
    all_countries: str = "All countries (log scale)"
    hover_refugees: str = "<b>%{fullData.name}</b><br>%{x}: %{y:,} refugees<extra></extra>"
    hover_asylum: str = "<b>%{fullData.name}</b><br>%{x}: %{y:,} asylum-seekers<extra></extra>"
    country_col: str = "Country of origin"
    type_col: str = "Population"
    table_caption: str = "Refugees and asylum-seekers by country of origin (persons, selected years)"
    summary: str = (
        "In {last}, {top_ref} was the RCM country of origin with the most refugees "
        "({top_ref_n}) and {top_asy} the one with the most asylum-seekers awaiting a decision "
        "({top_asy_n}). Together, people from El Salvador, Guatemala, Honduras and Nicaragua "
        "counted {nca_ref} refugees and {nca_asy} asylum-seekers, against {nca_ref_first} "
        "refugees in {first}. Gaps mean UNHCR reports no one for that year."
    )
    million: str = "million"


def refugees_by_origin(df: pd.DataFrame, *, source: str, labels: RefugeeLabels | None = None) -> Chart:
    """Refugees or asylum-seekers from each RCM country over time (UNHCR), country menu."""
    labels = labels or RefugeeLabels()
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
    return Chart(fig, summary, table, source, labels.table_caption, data_file="refugees_by_origin.csv")
