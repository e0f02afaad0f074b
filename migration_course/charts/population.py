"""Charts of the stock table at one year at a time: share of population, sex composition, map.

Each has a year slider (static-site interactive); the slider swaps the data of every trace.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import pandas as pd
import plotly.graph_objects as go

from migration_course.charts.base import (
    Chart,
    ChartLabels,
    fmt_people,
    fmt_percent,
    house_layout,
    log_tick_text,
    page_meta,
    require_columns,
    round_frame,
    rounded,
)
from migration_course.charts.controls import SLIDER_PX, SwitchOption, year_slider
from migration_course.core.strings import FROM_CATALOGUE
from migration_course.countries import RCM_COUNTRIES, prose

REQUIRED = {"country_iso3", "country", "year", "sex", "migrants", "migrants_pct_of_population"}
TABLE = "migrant_stock_by_destination"
PERCENT_DIGITS = 1  # bars, their labels, hover, summary and table all show one decimal


def _by_year(df: pd.DataFrame, value: str, sex: str = "both") -> pd.DataFrame:
    """Countries × years of one column, for one sex, in the course's country order."""
    wide = df[df["sex"] == sex].pivot(index="country_iso3", columns="year", values=value)
    return wide.loc[[c.iso3 for c in RCM_COUNTRIES if c.iso3 in wide.index]]


def _names(df: pd.DataFrame) -> dict[str, str]:
    return df.drop_duplicates("country_iso3").set_index("country_iso3")["country"].to_dict()


def _year_table(wide: pd.DataFrame, names: dict[str, str], country_col: str,
                digits: int | None = None) -> pd.DataFrame:
    shown = wide if digits is None else round_frame(wide, digits)
    table = shown.rename(index=names).reset_index()
    table.columns = [country_col] + [str(c) for c in wide.columns]
    return table


def _bar_slider_chart(wide: pd.DataFrame, names: dict[str, str], *, title: str, x_title: str,
                      source: str, hover: str, year_prefix: str, reference: float | None = None,
                      digits: int = PERCENT_DIGITS) -> go.Figure:
    """Horizontal bars, one per country (sorted by the latest year), with a year slider."""
    years = [int(y) for y in wide.columns]
    last = years[-1]
    order = wide[last].sort_values().index.tolist()
    labels = [names[c] for c in order]
    colours = [next(c.colour for c in RCM_COUNTRIES if c.iso3 == iso) for iso in order]

    def xs(year: int) -> list[float]:
        return [rounded(wide.loc[c, year], digits) for c in order]

    def texts(year: int) -> list[str]:
        return [fmt_percent(v, digits) for v in xs(year)]

    fig = go.Figure(go.Bar(
        x=xs(last), y=labels, orientation="h", marker={"color": colours},
        text=texts(last), textposition="outside", hovertemplate=hover, cliponaxis=False))
    house_layout(fig, title=title.format(year=last), x_title=x_title, y_title="", source=source,
                 height=620, below_px=SLIDER_PX, page_height=470)
    steps = [SwitchOption(str(y), {"x": [xs(y)], "text": [texts(y)]},
                          {"title.text": title.format(year=y)}) for y in years]
    xmax = float(wide.max().max()) * 1.15
    fig.update_layout(sliders=[year_slider(steps, prefix=year_prefix, active=len(years) - 1)],
                      xaxis={"range": [0, xmax]})
    if reference is not None:
        fig.add_vline(x=reference, line={"color": "#444", "dash": "dash", "width": 1})
    return fig


@dataclass(frozen=True)
class YearLabels(ChartLabels):
    """Strings of every chart here: one year at a time, a year slider, a row per country."""

    title: str = FROM_CATALOGUE
    hover: str = FROM_CATALOGUE
    year_prefix: str = FROM_CATALOGUE
    country_col: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE


@dataclass(frozen=True)
class ShareLabels(YearLabels):
    """Learner-facing strings of :func:`share_of_population` (``chart.share_of_population``)."""

    SECTION: ClassVar[str] = "chart.share_of_population"
    x_title: str = FROM_CATALOGUE


def share_of_population(df: pd.DataFrame, *, source: str, labels: ShareLabels | None = None,
                        language: str | None = None) -> Chart:
    """Bars of migrants as % of population by destination, with a year slider (UN DESA)."""
    labels = labels or ShareLabels(language=language)
    require_columns(df, REQUIRED, "share_of_population", TABLE)
    wide = _by_year(df, "migrants_pct_of_population")
    names = _names(df)
    first, last = wide.columns.min(), wide.columns.max()
    fig = _bar_slider_chart(wide, names, title=labels.title, x_title=labels.x_title, source=source,
                            hover=labels.hover, year_prefix=labels.year_prefix)
    summary = labels.summary.format(
        last=last, first=first, n=len(wide),
        top=prose(wide[last].idxmax()), top_pct=fmt_percent(wide[last].max()),
        bottom=prose(wide[last].idxmin()), bottom_pct=fmt_percent(wide[last].min()),
        usa_pct=fmt_percent(wide.loc["USA", last]), can_pct=fmt_percent(wide.loc["CAN", last]),
        n_up=int((wide[last] > wide[first]).sum()))
    return Chart(fig, summary, _year_table(wide, names, labels.country_col, PERCENT_DIGITS), source,
                 labels.table_caption, data_file=f"{TABLE}.csv", language=labels.language)


@dataclass(frozen=True)
class SexLabels(YearLabels):
    """Learner-facing strings of :func:`sex_composition` (``chart.sex_composition``)."""

    SECTION: ClassVar[str] = "chart.sex_composition"
    x_title: str = FROM_CATALOGUE


def sex_composition(df: pd.DataFrame, *, source: str, labels: SexLabels | None = None,
                    language: str | None = None) -> Chart:
    """Bars of women's share of the migrant stock by destination, with a year slider."""
    labels = labels or SexLabels(language=language)
    require_columns(df, REQUIRED, "sex_composition", TABLE)
    female, both = _by_year(df, "migrants", "female"), _by_year(df, "migrants", "both")
    share = 100 * female / both
    names = _names(df)
    last = share.columns.max()
    fig = _bar_slider_chart(share, names, title=labels.title, x_title=labels.x_title, source=source,
                            hover=labels.hover, year_prefix=labels.year_prefix, reference=50)
    fig.update_layout(xaxis={"range": [0, 75]})
    summary = labels.summary.format(
        last=last, n=len(share), n_majority=int((share[last] > 50).sum()),
        top=prose(share[last].idxmax()), top_pct=fmt_percent(share[last].max()),
        bottom=prose(share[last].idxmin()), bottom_pct=fmt_percent(share[last].min()),
        region_pct=fmt_percent(100 * female[last].sum() / both[last].sum()),
        region_female=fmt_people(female[last].sum(), labels.million),
        region_total=fmt_people(both[last].sum(), labels.million))
    return Chart(fig, summary, _year_table(share, names, labels.country_col, PERCENT_DIGITS), source,
                 labels.table_caption, data_file=f"{TABLE}.csv", language=labels.language)


@dataclass(frozen=True)
class MapLabels(YearLabels):
    """Learner-facing strings of :func:`rcm_map` (``chart.rcm_map``)."""

    SECTION: ClassVar[str] = "chart.rcm_map"
    colour_title: str = FROM_CATALOGUE
    area_all: str = FROM_CATALOGUE
    area_south: str = FROM_CATALOGUE


# The map's two views. All eleven countries fit the first; the second frames Central America
# and the Caribbean (Belize to Panama, the Dominican Republic, southern Mexico), which are a few
# pixels tall on a phone beside Canada and the United States: El Salvador, the smallest, is
# about 3 px tall in the first view at 390 px and about 13 px in the second.
ALL_RCM_VIEW = {"geo.fitbounds": "locations"}
SOUTH_VIEW = {"geo.fitbounds": False, "geo.lonaxis.range": [-94, -59],
              "geo.lataxis.range": [6.5, 22]}


def map_areas(labels: MapLabels) -> dict:
    """A two-button ``updatemenu`` that moves the map between the whole region and its south."""
    buttons = [{"label": labels.area_all, "method": "relayout", "args": [ALL_RCM_VIEW]},
               {"label": labels.area_south, "method": "relayout", "args": [SOUTH_VIEW]}]
    return {"buttons": buttons, "type": "buttons", "direction": "right", "active": 0,
            "showactive": True, "x": 0, "xanchor": "left", "y": 1.12, "yanchor": "bottom",
            "name": "area"}


def rcm_map(df: pd.DataFrame, *, source: str, labels: MapLabels | None = None,
            language: str | None = None) -> Chart:
    """Choropleth of the 11 countries by migrant stock, year slider; outlines served offline."""
    labels = labels or MapLabels(language=language)
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
    powers = range(4, 9)  # 10,000 to 100 million: every RCM country falls in between
    fig = go.Figure(go.Choropleth(
        locations=isos, locationmode="ISO-3", z=zs(last), customdata=custom(last),
        text=[names[i] for i in isos], hovertemplate=labels.hover, colorscale="Blues",
        zmin=4, zmax=8, marker={"line": {"color": "#555", "width": 0.6}},
        colorbar={"title": {"text": labels.colour_title}, "tickvals": [float(p) for p in powers],
                  "ticktext": [log_tick_text(p, labels.million, language=labels.language) for p in powers]}))
    house_layout(fig, title=labels.title.format(year=last), x_title="", y_title="", source=source,
                 height=620, below_px=SLIDER_PX - 40, page_height=460)
    fig.update_geos(scope="north america", fitbounds="locations", showcountries=True,
                    countrycolor="#bbb", showland=True, landcolor="#f3f3f3", showlakes=False,
                    projection_type="mercator", resolution=110)
    steps = [SwitchOption(str(y), {"z": [zs(y)], "customdata": [custom(y)]},
                          {"title.text": labels.title.format(year=y)}) for y in years]
    fig.update_layout(sliders=[year_slider(steps, prefix=labels.year_prefix, active=len(years) - 1)],
                      updatemenus=[map_areas(labels)], dragmode=False)
    page_meta(fig, narrow={"height": 480, "margin_b": 70})
    summary = labels.summary.format(
        last=last, smallest=fmt_people(wide[last].min(), labels.million), bottom=prose(wide[last].idxmin()),
        largest=fmt_people(wide[last].max(), labels.million), top=prose(wide[last].idxmax()))
    return Chart(fig, summary, _year_table(wide, names, labels.country_col), source,
                 labels.table_caption, data_file=f"{TABLE}.csv", language=labels.language)
