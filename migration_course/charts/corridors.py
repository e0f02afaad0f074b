"""Where the region's migrants come from and go to: the within-RCM matrix and emigrants' destinations.

Both show UN DESA's 2019 revision for both sexes by default. The concept note's Table 2 printed
the male-only figures; the matrix offers the male and female figures as separate, labelled
views and says so in its summary.
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
    fmt_cell,
    fmt_people,
    fmt_percent,
    house_layout,
    log_tick_text,
    page_meta,
    require_columns,
    rounded,
)
from migration_course.charts.controls import (
    SLIDER_PX,
    MenuOption,
    SwitchOption,
    dropdown,
    switch,
    year_slider,
)
from migration_course.charts.stock import ByStockLabels
from migration_course.core.strings import FROM_CATALOGUE
from migration_course.countries import BY_ISO3, RCM_COUNTRIES, prose

SEXES = ("both", "male", "female")
OTHER_COLOUR = "#8c8c8c"
POWERS = range(1, 8)  # the colour scale's ticks: 10 to 10 million people, log scale


@dataclass(frozen=True)
class CorridorLabels(ByStockLabels):
    """Learner-facing strings of :func:`corridor_matrix` (``chart.corridor_matrix``)."""

    SECTION: ClassVar[str] = "chart.corridor_matrix"
    title: str = FROM_CATALOGUE
    colour_title: str = FROM_CATALOGUE
    year_prefix: str = FROM_CATALOGUE
    origin_col: str = FROM_CATALOGUE
    dest_col: str = FROM_CATALOGUE
    value_col: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    corridor: str = FROM_CATALOGUE
    corridor_separator: str = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE


def _matrix(df: pd.DataFrame, year: int, sex: str, order: list[str]) -> pd.DataFrame:
    sub = df[(df["year"] == year) & (df["sex"] == sex)]
    return sub.pivot(index="origin_iso3", columns="dest_iso3", values="migrants").reindex(
        index=order, columns=order)


def corridor_matrix(df: pd.DataFrame, *, source: str, labels: CorridorLabels | None = None,
                    language: str | None = None) -> Chart:
    """Heatmap of origin × destination stocks within the RCM, with sex buttons and a year slider."""
    labels = labels or CorridorLabels(language=language)
    require_columns(df, {"origin_iso3", "dest_iso3", "year", "sex", "migrants"},
                    "corridor_matrix", "od_within_rcm")
    order = [c.iso3 for c in RCM_COUNTRIES]
    names = [BY_ISO3[i].name for i in order]
    years = sorted(int(y) for y in df["year"].unique())
    last = years[-1]

    def z(year: int, sex: str) -> list[list[float | None]]:
        m = _matrix(df, year, sex, order)
        return [[None if pd.isna(v) or v <= 0 else round(math.log10(v), 3) for v in row]
                for row in m.to_numpy()]

    def custom(year: int, sex: str) -> list[list[int | None]]:
        m = _matrix(df, year, sex, order)
        return [[None if pd.isna(v) else int(v) for v in row] for row in m.to_numpy()]

    fig = go.Figure()
    for sex in SEXES:
        fig.add_trace(go.Heatmap(
            z=z(last, sex), customdata=custom(last, sex), x=names, y=names, zmin=0, zmax=7,
            colorscale="Blues", hoverongaps=False, hovertemplate=labels.hover, visible=sex == "both",
            name=labels.sex_buttons[sex], xgap=1, ygap=1,
            colorbar={"title": {"text": labels.colour_title}, "tickvals": list(POWERS),
                      "ticktext": [log_tick_text(p, labels.million, language=labels.language)
                                   for p in POWERS]}))

    def title(year: int, sex: str) -> str:
        return labels.title.format(year=year, sex=labels.sex_names[sex])

    house_layout(fig, title=title(last, "both"), x_title=labels.x_title, y_title=labels.y_title,
                 source=source, height=760, below_px=SLIDER_PX + 90, page_height=600)
    sex_switch = switch([SwitchOption(labels.sex_buttons[s], {"visible": [s == t for t in SEXES]},
                                      {"title.text": title(last, s)}) for s in SEXES], name="sex")
    steps = [SwitchOption(str(y), {"z": [z(y, s) for s in SEXES],
                                   "customdata": [custom(y, s) for s in SEXES]}) for y in years]
    fig.update_layout(updatemenus=[sex_switch],
                      sliders=[year_slider(steps, prefix=labels.year_prefix, active=len(years) - 1)],
                      yaxis={"autorange": "reversed", "separatethousands": False},
                      xaxis={"tickangle": -40, "showgrid": False}, margin={"l": 150})
    fig.layout.sliders[0].pad.t = 150  # below the angled country names and the axis title
    # The title names a year and a sex, set by two controls: the page looks it up by both.
    page_meta(fig, titles={"by": ["sex", "year"], "text": {
        f"{i}|{j}": title(y, s) for i, s in enumerate(SEXES) for j, y in enumerate(years)}},
        narrow={"height": 600, "tickfont": 10, "tickangle": -90, "margin_b": 250,
                "colourbar_gap": 170})

    both = df[(df["year"] == last) & (df["sex"] == "both") & (df["origin_iso3"] != df["dest_iso3"])]
    top = both.nlargest(20, "migrants")
    male = df[(df["year"] == last) & (df["sex"] == "male")].set_index(["origin_iso3", "dest_iso3"])
    top3 = labels.corridor_separator.join(
        labels.corridor.format(origin=prose(r.origin_iso3), dest=prose(r.dest_iso3),
                               migrants=fmt_people(r.migrants, labels.million))
        for r in top.head(3).itertuples())
    pair = ("MEX", "USA")
    summary = labels.summary.format(
        year=last, total=fmt_people(both["migrants"].sum(), labels.million), top=top3,
        mex_usa_male=fmt_cell(int(male.loc[pair, 'migrants'])),
        mex_usa_both=fmt_cell(int(both.set_index(['origin_iso3', 'dest_iso3']).loc[pair, 'migrants'])))
    table = pd.DataFrame({
        labels.origin_col: [BY_ISO3[i].name for i in top["origin_iso3"]],
        labels.dest_col: [BY_ISO3[i].name for i in top["dest_iso3"]],
        labels.value_col.format(year=last): top["migrants"].astype(int).tolist()})
    return Chart(fig, summary, table, source, labels.table_caption.format(year=last),
                 data_file="od_within_rcm.csv", language=labels.language)


@dataclass(frozen=True)
class EmigrantLabels(ChartLabels):
    """Learner-facing strings of :func:`emigrant_destinations` (``chart.emigrant_destinations``)."""

    SECTION: ClassVar[str] = "chart.emigrant_destinations"
    title: str = FROM_CATALOGUE
    x_title: str = FROM_CATALOGUE
    hover: str = FROM_CATALOGUE
    origin_col: str = FROM_CATALOGUE
    dest_col: str = FROM_CATALOGUE
    value_col: str = FROM_CATALOGUE
    share_col: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE


def emigrant_destinations(df: pd.DataFrame, *, source: str, labels: EmigrantLabels | None = None,
                          language: str | None = None) -> Chart:
    """Bars of one origin's main destinations (menu to pick the origin), latest year, both sexes."""
    labels = labels or EmigrantLabels(language=language)
    require_columns(df, {"origin_iso3", "year", "sex", "rank", "dest_iso3", "dest", "migrants",
                         "pct_of_emigrants"}, "emigrant_destinations", "emigrants_main_destinations")
    last = int(df["year"].max())
    sub = df[(df["year"] == last) & (df["sex"] == "both")].sort_values(["origin_iso3", "rank"])
    origins = [c for c in RCM_COUNTRIES if c.iso3 in set(sub["origin_iso3"])]
    fig = go.Figure()
    for c in origins:
        rows = sub[sub["origin_iso3"] == c.iso3].sort_values("rank", ascending=False)
        fig.add_trace(go.Bar(
            x=rows["migrants"].tolist(), y=[f"{d}" for d in rows["dest"]], orientation="h",
            customdata=[rounded(p, 1) for p in rows["pct_of_emigrants"]], name=c.name,
            hovertemplate=labels.hover,
            marker={"color": [BY_ISO3[d].colour if d in BY_ISO3 else OTHER_COLOUR
                              for d in rows["dest_iso3"]]},
            text=[fmt_percent(p) for p in rows["pct_of_emigrants"]], textposition="auto",
            visible=c.iso3 == "MEX"))
    house_layout(fig, title=labels.title.format(year=last), x_title=labels.x_title, y_title="",
                 source=source)
    start = [c.iso3 for c in origins].index("MEX")
    menu = [MenuOption(c.name, [c.iso3 == o.iso3 for o in origins]) for c in origins]
    fig.update_layout(updatemenus=[dropdown(menu, name="origin", active=start)], showlegend=False,
                      yaxis={"type": "category"}, xaxis={"tickformat": ",", "separatethousands": True})
    first_dest = sub[sub["rank"] == 1]
    mex = sub[sub["origin_iso3"] == "MEX"]
    summary = labels.summary.format(
        year=last, n_usa=int((first_dest["dest_iso3"] == "USA").sum()),
        mex_total=fmt_people(mex["migrants"].sum(), labels.million),
        mex_usa_pct=fmt_percent(float(mex[mex['dest_iso3'] == 'USA']['pct_of_emigrants'].iloc[0])))
    table = pd.DataFrame({
        labels.origin_col: [BY_ISO3[i].name for i in sub["origin_iso3"]],
        labels.dest_col: sub["dest"].tolist(), labels.value_col: sub["migrants"].astype(int).tolist(),
        labels.share_col: [rounded(p, 1) for p in sub["pct_of_emigrants"]]})
    return Chart(fig, summary, table, source, labels.table_caption.format(year=last),
                 data_file="emigrants_main_destinations.csv", language=labels.language)
