"""Line charts with a series menu and a variant switch: the shape of most trend charts here.

Stock by destination (countries × sexes), regional aggregates, remittances (countries × level or
share) and refugees (countries × population type) are all "one line per series, pick a series,
switch the measure", so they share this builder and differ only in data and words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from migration_course.charts.base import house_layout
from migration_course.charts.controls import MenuOption, SwitchOption, dropdown, initial_axis, switch
from migration_course.countries import RCM_COUNTRIES


@dataclass(frozen=True)
class Series:
    """One line: its key in the data, its label, and the colour and marker it keeps everywhere."""

    key: str
    name: str
    colour: str
    symbol: str


@dataclass(frozen=True)
class Variant:
    """One measure the switch can show (e.g. a sex, or US$ versus share)."""

    key: str
    button: str
    title: str
    y_title: str
    hover: str


def country_series(keys: Sequence[str], names: dict[str, str]) -> list[Series]:
    """The RCM countries among ``keys``, in the course's order, with their fixed styles."""
    return [Series(c.iso3, names.get(c.iso3, c.name), c.colour, c.symbol)
            for c in RCM_COUNTRIES if c.iso3 in set(keys)]


def _ys(wide: pd.DataFrame, series: Sequence[Series]) -> list[list[float | None]]:
    return [[None if pd.isna(v) else v for v in wide.loc[s.key].tolist()] if s.key in wide.index
            else [None] * len(wide.columns) for s in series]


def line_explorer(values: dict[str, pd.DataFrame], *, series: Sequence[Series],
                  variants: Sequence[Variant], menu: Sequence[MenuOption], x_title: str,
                  source: str, menu_name: str = "series", switch_name: str = "variant",
                  height: int = 520) -> go.Figure:
    """Build the figure: ``values[variant.key]`` is a wide frame, series × x values."""
    first = variants[0]
    x = [int(c) if float(c).is_integer() else c for c in values[first.key].columns]
    fig = go.Figure()
    for s, y in zip(series, _ys(values[first.key], series), strict=True):
        fig.add_trace(go.Scatter(
            x=x, y=y, name=s.name, mode="lines+markers", connectgaps=False,
            line={"color": s.colour, "width": 2},
            marker={"symbol": s.symbol, "size": 7, "color": s.colour},
            hovertemplate=first.hover))
    house_layout(fig, title=first.title, x_title=x_title, y_title=first.y_title, source=source,
                 height=height)
    both = bool(menu) and len(variants) > 1
    if both:  # two rows of controls, so a long dropdown label never hides a button
        fig.update_layout(margin={"t": 170}, height=height + 60)
        height += 60
    plot_px = height - fig.layout.margin.t - fig.layout.margin.b
    row = [1 + px / plot_px for px in (105, 55)] if both else [1 + 50 / plot_px] * 2
    menus = [dropdown(menu, name=menu_name, y=row[0])] if menu else []
    if len(variants) > 1:
        menus.append(switch([
            SwitchOption(v.button, {"y": _ys(values[v.key], series), "hovertemplate": v.hover},
                         {"title.text": v.title, "yaxis.title.text": v.y_title})
            for v in variants], name=switch_name, x=0 if both else 1, y=row[1]))
        if both:
            menus[-1]["xanchor"] = "left"
    for trace, visible in zip(fig.data, menu[0].visible if menu else [], strict=False):
        trace.visible = visible
    fig.update_layout(updatemenus=menus, **initial_axis(bool(menu) and menu[0].log))
    if len(x) <= 12:
        fig.update_xaxes(tickmode="array", tickvals=x)
    return fig
