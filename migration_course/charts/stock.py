"""Migrant stock by country of destination over time, with country and sex controls.

The controls are plotly ``updatemenus``, which keep working in the static book with no kernel.
They are independent: the country menu only changes which traces are visible (and the axis
scale), the sex buttons only replace the ``y`` values, so any combination can be reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from migration_course.charts.base import Chart, fmt_people, fmt_percent, house_layout
from migration_course.countries import RCM_COUNTRIES

REQUIRED = {"country_iso3", "country", "year", "sex", "migrants"}
SEXES = ("both", "male", "female")
BIG_DESTINATIONS = ("USA", "CAN")


@dataclass(frozen=True)
class StockLabels:
    """Every learner-facing string of the chart; pass another instance for another language."""

    title: str = "International migrants by destination, {first}–{last} ({sex})"
    x_title: str = "Year"
    y_title: str = "International migrants (persons)"
    y_title_log: str = "International migrants (persons, logarithmic scale)"
    sex_names: dict[str, str] = field(default_factory=lambda: {
        "both": "both sexes", "male": "men and boys", "female": "women and girls"})
    sex_buttons: dict[str, str] = field(default_factory=lambda: {
        "both": "Both sexes", "male": "Male", "female": "Female"})
    all_countries: str = "All countries (log scale)"
    without_big: str = "All but United States, Canada"
    hover: str = "<b>%{fullData.name}</b><br>%{x}: %{y:,} migrants<extra></extra>"
    table_caption: str = "International migrants by country of destination, sex and year (persons)"
    country_col: str = "Country"
    sex_col: str = "Sex"
    million: str = "million"
    log_ticks: dict[int, str] = field(default_factory=lambda: {
        10_000: "10,000", 100_000: "100,000", 1_000_000: "1 million",
        10_000_000: "10 million", 100_000_000: "100 million"})
    summary: str = (
        "In {last}, the {n} RCM member countries hosted {total_last} international migrants; "
        "in {first} they hosted {total_first}. The United States alone hosted {usa_last} "
        "({usa_share} of the region's total) and Canada {can_last}. The other {n_rest} countries "
        "together hosted {rest_last}; among them {top_rest} hosted the most ({top_rest_last}). "
        "Women and girls were {female_share} of all international migrants in the region in "
        "{last}. Use the menu to show one country and the buttons to switch between both "
        "sexes, men and women."
    )


def _check(df: pd.DataFrame) -> None:
    missing = REQUIRED - set(df.columns)
    if missing:
        raise ValueError(f"stock_by_destination needs columns {sorted(missing)}; "
                         "load the table with datasets.load('migrant_stock_by_destination')")


def _series(df: pd.DataFrame, sex: str) -> pd.DataFrame:
    """Countries × years for one sex, in the course's fixed country order."""
    wide = df[df["sex"] == sex].pivot(index="country_iso3", columns="year", values="migrants")
    order = [c.iso3 for c in RCM_COUNTRIES if c.iso3 in wide.index]
    return wide.loc[order]


def _summary(df: pd.DataFrame, labels: StockLabels) -> str:
    both = _series(df, "both")
    female = _series(df, "female")
    first, last = both.columns.min(), both.columns.max()
    total_last = both[last].sum()
    rest = both.drop(index=[c for c in BIG_DESTINATIONS if c in both.index])
    top_rest = rest[last].idxmax()
    names = df.drop_duplicates("country_iso3").set_index("country_iso3")["country"]
    m = labels.million
    return labels.summary.format(
        first=first, last=last, n=len(both), n_rest=len(rest),
        total_first=fmt_people(both[first].sum(), m), total_last=fmt_people(total_last, m),
        usa_last=fmt_people(both.loc["USA", last], m),
        usa_share=fmt_percent(100 * both.loc["USA", last] / total_last),
        can_last=fmt_people(both.loc["CAN", last], m),
        rest_last=fmt_people(rest[last].sum(), m),
        top_rest=names[top_rest], top_rest_last=fmt_people(rest.loc[top_rest, last], m),
        female_share=fmt_percent(100 * female[last].sum() / total_last),
    )


def _table(df: pd.DataFrame, labels: StockLabels) -> pd.DataFrame:
    frame = df.assign(sex=pd.Categorical(df["sex"], SEXES, ordered=True))
    frame = frame.assign(order=frame["country_iso3"].map([c.iso3 for c in RCM_COUNTRIES].index))
    wide = frame.pivot_table(index=["order", "country", "sex"], columns="year", values="migrants",
                             observed=True).reset_index().drop(columns="order")
    wide["sex"] = wide["sex"].map(labels.sex_buttons)
    wide.columns = [labels.country_col, labels.sex_col] + [str(c) for c in wide.columns[2:]]
    return wide.astype({str(c): "int64" for c in wide.columns[2:]})


def stock_by_destination(df: pd.DataFrame, *, source: str,
                         labels: StockLabels | None = None) -> Chart:
    """Line chart of migrant stock by destination, 1990–2019, with country and sex controls.

    ``df`` is the tidy ``migrant_stock_by_destination`` table; ``source`` is the citation shown
    under the figure (``datasets.source_line(...)``).
    """
    labels = labels or StockLabels()
    _check(df)
    by_sex = {sex: _series(df, sex) for sex in SEXES}
    both = by_sex["both"]
    years = [int(y) for y in both.columns]
    first, last = years[0], years[-1]
    names = df.drop_duplicates("country_iso3").set_index("country_iso3")["country"]

    fig = go.Figure()
    for country in RCM_COUNTRIES:
        if country.iso3 not in both.index:
            continue
        fig.add_trace(go.Scatter(
            x=years, y=both.loc[country.iso3].tolist(), name=names[country.iso3],
            mode="lines+markers", line={"color": country.colour, "width": 2},
            marker={"symbol": country.symbol, "size": 7, "color": country.colour},
            hovertemplate=labels.hover,
        ))
    iso_order = list(both.index)

    def title(sex: str) -> str:
        return labels.title.format(first=first, last=last, sex=labels.sex_names[sex])

    log_axis = {"yaxis.type": "log", "yaxis.title.text": labels.y_title_log,
                "yaxis.tickmode": "array", "yaxis.tickvals": list(labels.log_ticks),
                "yaxis.ticktext": list(labels.log_ticks.values())}
    linear_axis = {"yaxis.type": "linear", "yaxis.title.text": labels.y_title,
                   "yaxis.tickmode": "auto"}

    def country_button(label: str, visible: list[bool], log: bool) -> dict:
        return {"label": label, "method": "update",
                "args": [{"visible": visible}, log_axis if log else linear_axis]}

    country_buttons = [
        country_button(labels.all_countries, [True] * len(iso_order), True),
        country_button(labels.without_big, [c not in BIG_DESTINATIONS for c in iso_order], False),
    ] + [country_button(names[c], [c == other for other in iso_order], False) for c in iso_order]
    sex_buttons = [
        {"label": labels.sex_buttons[sex], "method": "update", "args": [
            {"y": [by_sex[sex].loc[c].tolist() for c in iso_order]}, {"title.text": title(sex)}]}
        for sex in SEXES
    ]

    house_layout(fig, title=title("both"), x_title=labels.x_title, y_title=labels.y_title_log,
                 source=source)
    fig.update_layout(**{k.replace(".", "_"): v for k, v in log_axis.items()})
    fig.update_layout(
        updatemenus=[
            {"buttons": country_buttons, "direction": "down", "active": 0, "showactive": True,
             "x": 0, "xanchor": "left", "y": 1.16, "yanchor": "top", "name": "country"},
            {"buttons": sex_buttons, "type": "buttons", "direction": "right", "active": 0,
             "showactive": True, "x": 1, "xanchor": "right", "y": 1.16, "yanchor": "top",
             "name": "sex"},
        ],
        xaxis={"tickmode": "array", "tickvals": years},
    )
    return Chart(figure=fig, summary=_summary(df, labels), table=_table(df, labels),
                 source=source, table_caption=labels.table_caption)
