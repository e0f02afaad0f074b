"""A course figure as the site shows it: controls lifted out of the canvas, a phone layout beside it.

Why: plotly's in-canvas menus, buttons and sliders cannot be reached with the keyboard, are not
labelled for screen readers, and crowd the title on a phone. A course figure keeps them (a
notebook or an exported image still works on its own), and this module turns a figure into
what the page needs: the figure without them and without its title and source line (the page
prints those as text), one :class:`PageControl` per menu, button row or slider (the page draws
real form fields that apply the same plotly ``args``), and the layout changes for a narrow
screen, with the values they replace so a wider screen can restore them.

Everything here is data (JSON for ``static/chart-controls.js``); nothing here writes HTML.
"""

from __future__ import annotations

import copy
import math
import textwrap
from dataclasses import asdict, dataclass, field
from typing import Any

from migration_course.charts.base import PAGE_META, SOURCE_ANNOTATION

PAGE_TOP_PX = 40  # room above the plot for the toolbar, which then never covers the plot
PAGE_SIDE_PX = 12  # axis labels push the margins out as far as they need (automargin)
NARROW_CHARS = {"xaxis": 22, "yaxis": 38}  # characters of an axis title per line at 390 px
NARROW_WIDTH_PX = 330  # what a phone leaves for a figure's text
LEGEND_AREA_PX = 230  # what it leaves for a legend's row: the plot area's width
LEGEND_ROW_PX = 21  # one row of a horizontal legend
LEGEND_FONT_PX = 12  # a phone's legend
LEGEND_CHAR_PX = 6.9  # one character of a legend entry at 12 px
LEGEND_SYMBOL_PX = 40  # an entry's line, marker and gaps
BAR_LABEL_ROOM = 1.3  # on a phone a bar's label outside it needs 30% more of the axis
NARROW_COLOURBAR_TICKS = 3  # a flat colour scale under a 390 px heatmap has room for three labels


@dataclass(frozen=True)
class ControlOption:
    """One choice of a control: its label, plotly ``update`` arguments, and the title it sets."""

    label: str
    data: dict
    layout: dict
    title: str | None = None


@dataclass(frozen=True)
class PageControl:
    """A form field beside the chart: a select, a row of toggle buttons, or a range input."""

    kind: str  # "select", "buttons" or "range"
    name: str
    label: str
    options: list[ControlOption]
    active: int


@dataclass
class PageFigure:
    """What a page needs to draw one course figure and its controls."""

    data: list[dict]
    layout: dict
    title: str
    controls: list[PageControl]
    language: str | None
    titles: dict = field(default_factory=dict)  # {"by": [control positions], "text": {"i|j": title}}
    narrow: dict = field(default_factory=dict)  # {"data": {...}, "layout": {...}} for <= 600 px
    wide: dict = field(default_factory=dict)  # the values ``narrow`` replaces
    image: dict = field(default_factory=dict)  # what a downloaded image puts back (title, source)
    reset: str = "resetScale2d"

    def script_data(self) -> dict:
        """The JSON the page embeds for ``chart-controls.js``."""
        return {"data": self.data, "layout": self.layout, "title": self.title,
                "controls": [asdict(c) for c in self.controls], "titles": self.titles,
                "narrow": self.narrow, "wide": self.wide, "image": self.image, "reset": self.reset}


def _title_text(layout: dict) -> str:
    title = layout.get("title", "")
    return title.get("text", "") if isinstance(title, dict) else str(title or "")


def _split_title(args: list) -> tuple[dict, dict, str | None]:
    data = dict(args[0]) if args else {}
    layout = dict(args[1]) if len(args) > 1 else {}
    if "title" in data:  # plotly's relayout shorthand in a restyle-only option
        data.pop("title")
    title = layout.pop("title.text", None)
    return data, layout, title


def _control(kind: str, name: str, label: str, options: list[dict], active: int) -> PageControl:
    opts = []
    for option in options:
        data, layout, title = _split_title(list(option.get("args", [])))
        if option.get("method") == "relayout":  # a relayout option's only argument is layout
            data, layout = {}, {**data, **layout}
        opts.append(ControlOption(str(option.get("label", "")), data, layout, title))
    return PageControl(kind, name, label, opts, active)


def page_controls(layout: dict, labels: dict[str, str]) -> list[PageControl]:
    """The figure's updatemenus (in order), then its sliders, as page controls.

    A control without a label in ``labels`` (the catalogue's ``chart.controls``) is an error,
    because a form field without a visible name is unusable with a screen reader.
    """
    found = []
    for menu in layout.get("updatemenus", []):
        kind = "buttons" if menu.get("type") == "buttons" else "select"
        found.append((kind, menu, menu.get("buttons", [])))
    for slider in layout.get("sliders", []):
        found.append(("range", slider, slider.get("steps", [])))
    controls = []
    for kind, spec, options in found:
        name = spec.get("name") or kind
        if name not in labels:
            raise KeyError(f"control {name!r} has no label: add it under 'controls:' in "
                           "migration_course/strings/<language>/chart.yml")
        controls.append(_control(kind, name, labels[name], options, int(spec.get("active", 0))))
    return controls


def _wrap(text: str, width: int) -> str:
    plain = text.replace("<br>", " ")
    return "<br>".join(textwrap.wrap(plain, width=width)) or text


def _get(tree: dict, path: str) -> Any:
    node: Any = tree
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return copy.deepcopy(node)


def _legend_names(data: list[dict]) -> list[str]:
    return [str(t.get("name", "")) for t in data
            if t.get("showlegend", True) and t.get("type", "scatter") == "scatter"]


def legend_columns(names: list[str], width: float = LEGEND_AREA_PX) -> int:
    """How many columns a phone's legend has room for.

    plotly.js lays a horizontal legend out in columns as wide as its widest entry, within the
    width of the plot area, so one long name ("Dominican Republic") puts every entry on a row
    of its own; the figure is made taller by as many rows, so the plot keeps its height.
    """
    widest = max((LEGEND_SYMBOL_PX + LEGEND_CHAR_PX * len(n) for n in names), default=1)
    return max(1, int(width // widest))


def _colour_bar_narrow(trace: dict, y: float) -> dict:
    """A colour scale laid flat under the plot (at ``y``, paper units), fewer labels, title on one line.

    Paper units, not the container: plotly.js draws a flat bar's title over the bar when the
    bar is placed in container units.
    """
    bar = trace.get("colorbar", {})
    vals, text = bar.get("tickvals", []), bar.get("ticktext", [])
    keep = NARROW_COLOURBAR_TICKS
    picked = (sorted({round(i * (len(vals) - 1) / (keep - 1)) for i in range(keep)})
              if len(vals) > keep else list(range(len(vals))))  # both ends and the middle
    title = _get(bar, "title.text") or ""
    return {"colorbar.orientation": "h", "colorbar.x": 0.5, "colorbar.xanchor": "center",
            "colorbar.y": y, "colorbar.yref": "paper", "colorbar.yanchor": "top",
            "colorbar.len": 0.65, "colorbar.thickness": 12, "colorbar.tickangle": 0,
            "colorbar.tickvals": [vals[i] for i in picked],
            "colorbar.ticktext": [text[i] for i in picked],
            "colorbar.title.text": title.replace("<br>", " "), "colorbar.title.side": "top"}


def narrow_layout(data: list[dict], layout: dict, hints: dict) -> tuple[dict, dict]:
    """Layout and trace changes for a screen at most 600 px wide (a phone held upright).

    Legends go under the plot in two columns, so lines keep the width; axis titles wrap;
    colour scales lie flat under a heatmap or map; nothing can be dragged (a finger on the
    chart scrolls the page). ``hints`` are the chart's own (``layout.meta["rcm"]["narrow"]``).
    """
    height = int(layout.get("height") or 440)
    lay: dict[str, Any] = {"margin.l": PAGE_SIDE_PX, "margin.r": PAGE_SIDE_PX, "dragmode": False,
                           "xaxis.tickfont.size": 11}
    names = _legend_names(data)
    if len(names) > 1 and layout.get("showlegend", True) is not False:
        columns = legend_columns(names)
        rows = math.ceil(len(names) / columns)
        lay.update({"legend.orientation": "h", "legend.x": 0, "legend.xref": "container",
                    "legend.xanchor": "left", "legend.y": 0, "legend.yref": "container",
                    "legend.yanchor": "bottom", "legend.font.size": LEGEND_FONT_PX,
                    "margin.b": rows * LEGEND_ROW_PX + 16})
        height += rows * LEGEND_ROW_PX
    for axis in ("xaxis", "yaxis"):
        text = _get(layout, f"{axis}.title.text")
        if text:
            lay[f"{axis}.title.text"] = _wrap(text, NARROW_CHARS[axis])
        if "tickfont" in hints:
            lay[f"{axis}.tickfont.size"] = hints["tickfont"]
    span = _get(layout, "xaxis.range")
    labelled = any(t.get("type") == "bar" and t.get("textposition") == "outside" for t in data)
    if labelled and isinstance(span, list) and len(span) == 2:
        lay["xaxis.range"] = [span[0], span[1] * BAR_LABEL_ROOM]
    if "tickangle" in hints:
        lay["xaxis.tickangle"] = hints["tickangle"]
    traces: dict[str, list] = {}
    bars = [t for t in data if "colorbar" in t]
    lay["height"] = int(hints.get("height", height))
    if bars:
        lay["margin.b"] = int(hints.get("margin_b", 90))
        plot_px = lay["height"] - PAGE_TOP_PX - lay["margin.b"]
        gap = -float(hints.get("colourbar_gap", 12)) / plot_px
        for key, value in _colour_bar_narrow(bars[0], round(gap, 3)).items():
            traces[key] = [value]
    return {"layout": lay, "data": traces}, {
        "layout": {k: _get(layout, k) for k in lay},
        "data": {k: [_get(bars[0], k) if bars else None] for k in traces}}


def page_figure(fig: dict) -> PageFigure:
    """Split a course figure (``fig.to_plotly_json()``) into what its page draws."""
    layout = copy.deepcopy(fig.get("layout", {}))
    data = copy.deepcopy(fig.get("data", []))
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    mine = meta.get(PAGE_META, {})
    controls = page_controls(layout, mine.get("controls", {}))
    title = _title_text(layout)
    sources = [a for a in layout.get("annotations", []) if a.get("name") == SOURCE_ANNOTATION]
    image = {"title": copy.deepcopy(layout.get("title", {})), "annotations": sources,
             "margin": copy.deepcopy(layout.get("margin", {})), "height": layout.get("height")}
    for key in ("updatemenus", "sliders", "title"):
        layout.pop(key, None)
    layout["annotations"] = [a for a in layout.get("annotations", [])
                             if a.get("name") != SOURCE_ANNOTATION]
    if mine:
        layout["margin"] = {**layout.get("margin", {}), "t": PAGE_TOP_PX, "b": 16,
                            "l": PAGE_SIDE_PX, "r": PAGE_SIDE_PX}
        layout["height"] = int(mine.get("page", {}).get("height", layout.get("height") or 440))
    narrow, wide = narrow_layout(data, layout, mine.get("narrow", {})) if mine else ({}, {})
    titles = {}
    by = mine.get("titles", {}).get("by")
    if by:
        order = [c.name for c in controls]
        positions = [order.index(name) for name in by]
        titles = {"by": positions, "text": mine["titles"]["text"]}
    geo = any(t.get("type") in ("choropleth", "scattergeo") for t in data)
    return PageFigure(data=data, layout=layout, title=title, controls=controls,
                      language=mine.get("language"), titles=titles, narrow=narrow, wide=wide,
                      image=image, reset="resetGeo" if geo else "resetScale2d")
