"""Charts of the stock table at one year at a time: share of population, sex composition, map.

Each has a year slider (static-site interactive); the slider swaps the data of every trace.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from migration_course.charts.base import Chart, fmt_people, fmt_percent, house_layout, require_columns
from migration_course.charts.controls import SLIDER_PX, SwitchOption, year_slider
from migration_course.countries import RCM_COUNTRIES, prose

REQUIRED = {"country_iso3", "country", "year", "sex", "migrants", "migrants_pct_of_population"}
TABLE = "migrant_stock_by_destination"


def _by_year(df: pd.DataFrame, value: str, sex: str = "both") -> pd.DataFrame:
    """Countries × years of one column, for one sex, in the course's country order."""
    wide = df[df["sex"] == sex].pivot(index="country_iso3", columns="year", values=value)
    return wide.loc[[c.iso3 for c in RCM_COUNTRIES if c.iso3 in wide.index]]


def _names(df: pd.DataFrame) -> dict[str, str]:
    return df.drop_duplicates("country_iso3").set_index("country_iso3")["country"].to_dict()


def _year_table(wide: pd.DataFrame, names: dict[str, str], country_col: str,
                digits: int | None = None) -> pd.DataFrame:
    table = wide.rename(index=names).reset_index()
    table.columns = [country_col] + [str(c) for c in wide.columns]
    if digits is not None:
        table = table.round(digits)
    return table


def _bar_slider_chart(wide: pd.DataFrame, names: dict[str, str], *, title: str, x_title: str,
                      source: str, hover: str, year_prefix: str, text_format: str,
                      reference: float | None = None) -> go.Figure:
    """Horizontal bars, one per country (sorted by the latest year), with a year slider."""
    years = [int(y) for y in wide.columns]
    last = years[-1]
    order = wide[last].sort_values().index.tolist()
    labels = [names[c] for c in order]
    colours = [next(c.colour for c in RCM_COUNTRIES if c.iso3 == iso) for iso in order]

    def xs(year: int) -> list[float]:
        return [round(float(wide.loc[c, year]), 2) for c in order]

    fig = go.Figure(go.Bar(
        x=xs(last), y=labels, orientation="h", marker={"color": colours},
        text=[text_format.format(v) for v in xs(last)], textposition="outside",
        hovertemplate=hover, cliponaxis=False))
    house_layout(fig, title=title.format(year=last), x_title=x_title, y_title="", source=source,
                 height=620, below_px=SLIDER_PX)
    steps = [SwitchOption(str(y), {"x": [xs(y)], "text": [[text_format.format(v) for v in xs(y)]]},
                          {"title.text": title.format(year=y)}) for y in years]
    xmax = float(wide.max().max()) * 1.15
    fig.update_layout(sliders=[year_slider(steps, prefix=year_prefix, active=len(years) - 1)],
                      xaxis={"range": [0, xmax]})
    if reference is not None:
        fig.add_vline(x=reference, line={"color": "#444", "dash": "dash", "width": 1})
    return fig


@dataclass(frozen=True)
class ShareLabels:
    """Learner-facing strings of :func:`share_of_population`."""

    title: str = "International migrants as a share of the population, {year}"
    x_title: str = "International migrants (% of the total population)"
    hover: str = "<b>%{y}</b>: %{x:.1f}% of the population<extra></extra>"
    year_prefix: str = "Year: "
    country_col: str = "Country"
    table_caption: str = "International migrants as a percentage of the total population, both sexes"
    summary: str = (
        "In {last}, international migrants were the largest share of the population in "
        "{top} ({top_pct}) and the smallest in {bottom} ({bottom_pct}). In the United States "
        "they were {usa_pct} and in Canada {can_pct}. Since {first}, the share rose in {n_up} "
        "of the {n} countries. Move the slider to see another year."
    )


def share_of_population(df: pd.DataFrame, *, source: str, labels: ShareLabels | None = None) -> Chart:
    """Bars of migrants as % of population by destination, with a year slider (UN DESA)."""
    labels = labels or ShareLabels()
    require_columns(df, REQUIRED, "share_of_population", TABLE)
    wide = _by_year(df, "migrants_pct_of_population")
    names = _names(df)
    first, last = wide.columns.min(), wide.columns.max()
    fig = _bar_slider_chart(wide, names, title=labels.title, x_title=labels.x_title, source=source,
                            hover=labels.hover, year_prefix=labels.year_prefix, text_format="{:.1f}%")
    summary = labels.summary.format(
        last=last, first=first, n=len(wide),
        top=prose(wide[last].idxmax()), top_pct=fmt_percent(wide[last].max()),
        bottom=prose(wide[last].idxmin()), bottom_pct=fmt_percent(wide[last].min()),
        usa_pct=fmt_percent(wide.loc["USA", last]), can_pct=fmt_percent(wide.loc["CAN", last]),
        n_up=int((wide[last] > wide[first]).sum()))
    return Chart(fig, summary, _year_table(wide, names, labels.country_col, 2), source,
                 labels.table_caption, data_file=f"{TABLE}.csv")


@dataclass(frozen=True)
class SexLabels:
    """Learner-facing strings of :func:`sex_composition`."""

    title: str = "Women and girls as a share of international migrants, {year}"
    x_title: str = "Women and girls (% of all international migrants in the country)"
    hover: str = "<b>%{y}</b>: %{x:.1f}% women and girls<extra></extra>"
    year_prefix: str = "Year: "
    country_col: str = "Country"
    table_caption: str = "Women and girls as a percentage of the international migrant stock"
    summary: str = (
        "In {last}, women and girls were the majority of international migrants in {n_majority} "
        "of the {n} RCM countries. Their share was highest in {top} ({top_pct}) and lowest in "
        "{bottom} ({bottom_pct}). Across the whole region they were {region_pct} of all "
        "migrants ({region_female} of {region_total}). The dashed line marks 50%."
    )
    million: str = "million"


def sex_composition(df: pd.DataFrame, *, source: str, labels: SexLabels | None = None) -> Chart:
    """Bars of women's share of the migrant stock by destination, with a year slider."""
    labels = labels or SexLabels()
    require_columns(df, REQUIRED, "sex_composition", TABLE)
    female, both = _by_year(df, "migrants", "female"), _by_year(df, "migrants", "both")
    share = 100 * female / both
    names = _names(df)
    last = share.columns.max()
    fig = _bar_slider_chart(share, names, title=labels.title, x_title=labels.x_title, source=source,
                            hover=labels.hover, year_prefix=labels.year_prefix, text_format="{:.1f}%",
                            reference=50)
    fig.update_layout(xaxis={"range": [0, 75]})
    summary = labels.summary.format(
        last=last, n=len(share), n_majority=int((share[last] > 50).sum()),
        top=prose(share[last].idxmax()), top_pct=fmt_percent(share[last].max()),
        bottom=prose(share[last].idxmin()), bottom_pct=fmt_percent(share[last].min()),
        region_pct=fmt_percent(100 * female[last].sum() / both[last].sum()),
        region_female=fmt_people(female[last].sum(), labels.million),
        region_total=fmt_people(both[last].sum(), labels.million))
    return Chart(fig, summary, _year_table(share, names, labels.country_col, 1), source,
                 labels.table_caption, data_file=f"{TABLE}.csv")


@dataclass(frozen=True)
class MapLabels:
    """Learner-facing strings of :func:`rcm_map`."""

    title: str = "International migrants in the RCM countries, {year} (both sexes)"
    colour_title: str = "Migrants<br>(log scale)"
    hover: str = "<b>%{text}</b><br>%{customdata:,} international migrants<extra></extra>"
    year_prefix: str = "Year: "
    country_col: str = "Country"
    table_caption: str = "International migrants by country of destination, both sexes (persons)"
    ticks: tuple[tuple[int, str], ...] = (
        (10_000, "10,000"), (100_000, "100,000"), (1_000_000, "1 million"),
        (10_000_000, "10 million"), (100_000_000, "100 million"))
    summary: str = (
        "The map colours each RCM member country by its number of international migrants in "
        "{last}, from {smallest} in {bottom} to {largest} in {top}; darker means more. The colour "
        "scale is logarithmic. Move the slider to see another year. The table below gives "
        "every figure."
    )
    million: str = "million"


def rcm_map(df: pd.DataFrame, *, source: str, labels: MapLabels | None = None) -> Chart:
    """Choropleth of the 11 countries by migrant stock, year slider; outlines served offline."""
    labels = labels or MapLabels()
    require_columns(df, REQUIRED, "rcm_map", TABLE)
    wide = _by_year(df, "migrants")
    names = _names(df)
    years = [int(y) for y in wide.columns]
    isos = wide.index.tolist()

    def zs(year: int) -> list[float]:
        return [math.log10(max(float(v), 1.0)) for v in wide[year]]

    def custom(year: int) -> list[int]:
        return [int(v) for v in wide[year]]

    last = years[-1]
    ticks = [t for t in labels.ticks if 4 <= math.log10(t[0]) <= 8]
    fig = go.Figure(go.Choropleth(
        locations=isos, locationmode="ISO-3", z=zs(last), customdata=custom(last),
        text=[names[i] for i in isos], hovertemplate=labels.hover, colorscale="Blues",
        zmin=4, zmax=8, marker={"line": {"color": "#555", "width": 0.6}},
        colorbar={"title": {"text": labels.colour_title}, "tickvals": [math.log10(t[0]) for t in ticks],
                  "ticktext": [t[1] for t in ticks]}))
    house_layout(fig, title=labels.title.format(year=last), x_title="", y_title="", source=source,
                 height=620, below_px=SLIDER_PX - 40)
    fig.update_geos(scope="north america", fitbounds="locations", showcountries=True,
                    countrycolor="#bbb", showland=True, landcolor="#f3f3f3", showlakes=False,
                    projection_type="mercator", resolution=110)
    steps = [SwitchOption(str(y), {"z": [zs(y)], "customdata": [custom(y)]},
                          {"title.text": labels.title.format(year=y)}) for y in years]
    fig.update_layout(sliders=[year_slider(steps, prefix=labels.year_prefix, active=len(years) - 1)])
    summary = labels.summary.format(
        last=last, smallest=fmt_people(wide[last].min(), labels.million), bottom=prose(wide[last].idxmin()),
        largest=fmt_people(wide[last].max(), labels.million), top=prose(wide[last].idxmax()))
    return Chart(fig, summary, _year_table(wide, names, labels.country_col), source,
                 labels.table_caption, data_file=f"{TABLE}.csv")
