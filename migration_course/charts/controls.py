"""A chart's controls: menus, switches and year sliders, written as plotly ``updatemenus``/``sliders``.

Why these three and nothing else: ``updatemenus`` and ``sliders`` run in plotly.js with no
kernel. A notebook draws them in the canvas; the course site draws each as a real form field (a
select, a row of toggle buttons, a range input) beside the chart, which applies the same plotly
arguments (:mod:`migration_course.charts.page`, ``static/chart-controls.js``). To let two
controls combine freely, each changes a different thing: a *menu* only changes which traces are
visible (and the axis scale), a *switch* only swaps the data arrays of every trace (``y``, ``x``
or ``z``), and a *slider* only swaps data for another year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

LOG_AXIS = {"yaxis.type": "log", "yaxis.dtick": 1, "yaxis.exponentformat": "none"}
LINEAR_AXIS = {"yaxis.type": "linear", "yaxis.dtick": None}
SLIDER_TOP_PX = 70  # room for the x-axis title above the slider
SLIDER_PX = 160  # what a slider adds under the plot, with its labels and axis title above it


@dataclass(frozen=True)
class MenuOption:
    """One entry of a dropdown: a label, which traces it shows, and whether the axis is log."""

    label: str
    visible: list[bool]
    log: bool = False
    layout: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SwitchOption:
    """One button of a switch: new data arrays for every trace, plus layout changes (titles)."""

    label: str
    data: dict[str, list]
    layout: dict = field(default_factory=dict)


def dropdown(options: Sequence[MenuOption], *, name: str, x: float = 0, y: float = 1.16,
             active: int = 0) -> dict:
    """A dropdown ``updatemenu`` that shows one set of traces per option."""
    buttons = [{"label": o.label, "method": "update",
                "args": [{"visible": o.visible}, {**(LOG_AXIS if o.log else LINEAR_AXIS), **o.layout}]}
               for o in options]
    return {"buttons": buttons, "direction": "down", "active": active, "showactive": True,
            "x": x, "xanchor": "left", "y": y, "yanchor": "top", "name": name}


def switch(options: Sequence[SwitchOption], *, name: str, x: float = 1, y: float = 1.16,
           active: int = 0) -> dict:
    """A row of buttons, each replacing the data arrays of every trace."""
    buttons = [{"label": o.label, "method": "update", "args": [o.data, o.layout]} for o in options]
    return {"buttons": buttons, "type": "buttons", "direction": "right", "active": active,
            "showactive": True, "x": x, "xanchor": "right", "y": y, "yanchor": "top",
            "name": name}


def year_slider(steps: Sequence[SwitchOption], *, prefix: str, active: int) -> dict:
    """A slider with one step per year, each restyling the data of every trace."""
    return {
        "active": active, "currentvalue": {"prefix": prefix, "font": {"size": 14}},
        "pad": {"t": SLIDER_TOP_PX}, "x": 0, "len": 1, "name": "year",
        "steps": [{"label": s.label, "method": "update", "args": [s.data, s.layout]} for s in steps],
    }


def initial_axis(log: bool) -> dict:
    """Layout keyword arguments matching the first menu option, for ``update_layout``."""
    return {k.replace(".", "_"): v for k, v in (LOG_AXIS if log else LINEAR_AXIS).items()
            if v is not None}
