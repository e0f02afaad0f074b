"""What every course chart carries besides the figure: a summary, a data table, a source line.

Why a wrapper and not a bare ``go.Figure``: a chart is only usable by every learner (screen
reader users, people whose connection drops plotly.js, people who want the exact figures) when
the same numbers are also given as text and as a table. Bundling them makes it impossible for a
page to show the figure without them.

Every word the wrapper and the charts show comes from the string catalogue
(``migration_course/strings/<language>/chart.yml``): a chart's ``*Labels`` dataclass is a typed
view of its section, and :class:`Chart` reads its caption words from ``chart.caption`` in the
same language as the chart, so a new language changes every word without touching this code.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

import pandas as pd
import plotly.graph_objects as go

from migration_course.core import numbers, strings
from migration_course.core.numbers import number, percent_text
from migration_course.core.strings import FROM_CATALOGUE, Labels

PAGE_META = "rcm"  # the key of layout.meta under which a figure carries what its page needs
SOURCE_ANNOTATION = "source"  # the name of the source-line annotation, which a page shows as text
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def require_columns(df: pd.DataFrame, required: set[str], chart: str, table: str) -> None:
    """Fail early, naming the table to load, when a frame lacks the columns a chart needs."""
    missing = required - set(df.columns)
    if missing:
        raise ValueError(f"{chart} needs columns {sorted(missing)}; "
                         f"load the table with datasets.load({table!r})")


def rounded(value: float, digits: int = 0) -> float:
    """The course's one rounding rule: once, from the unrounded value, halves away from zero.

    Why one function: a bar drawn from a value rounded to two places and then printed with one
    (35.6535 -> 35.65 -> "35.6") disagreed with a summary and a table that rounded the same
    value once ("35.7"). Every number a chart plots, labels, hovers, summarises or tabulates is
    rounded here to the digits it is shown with, so plotly's formatting never rounds again.
    The decimal is taken from the float's shortest representation, so 35.65 rounds to 35.7.
    """
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return float(exact)


def round_frame(frame: pd.DataFrame, digits: int) -> pd.DataFrame:
    """Every number of a frame by :func:`rounded` (NA stays NA), for tables and plotted arrays."""
    return frame.map(lambda v: v if pd.isna(v) else rounded(v, digits))


def decimals(value: float, most: int = 2) -> int:
    """How many decimals a (rounded) value needs to be shown exactly, at most ``most``."""
    for digits in range(most + 1):
        if rounded(value, digits) == value:
            return digits
    return most


def fmt_cell(value: object, digits: int | None = None, language: str | None = None) -> str:
    """Format a table cell: thousands separators, ``digits`` decimals (whole floats: none), NA blank."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        places = digits if digits is not None else (0 if value.is_integer() else 2)
        return number(rounded(value, places), places, strings.resolve(language))
    if isinstance(value, int):
        return number(value, 0, strings.resolve(language))
    return str(value)


def sentence_start(text: str) -> str:
    """Capitalise the first letter only ("the United States" -> "The United States")."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class ChartLabels(Labels):
    """Strings of every chart; a chart's own ``*Labels`` adds its section (``chart.<function>``).

    Fields a chart does not find in its own section are read from ``chart.common``: the words
    of numbers ("million") and the column and control names most charts share.
    """

    SECTION: ClassVar[str] = "chart.common"
    million: str = FROM_CATALOGUE


def _million(million: str | None, language: str) -> str:
    return million if million is not None else strings.text("chart.common.million", language)


def fmt_people(value: float, million: str | None = None, *, language: str | None = None) -> str:
    """Format a count of people for prose: '50.7 million' above a million, else '417,768'.

    The word is ``million`` when given (a chart passes its labels'), else the catalogue's word
    in ``language``, so module pages calling ``fmt_people(n)`` read the same word as the charts.
    """
    language = strings.resolve(language)
    if abs(value) >= 1_000_000:
        return f"{number(rounded(value / 1_000_000, 1), 1, language)} {_million(million, language)}"
    return number(rounded(value), 0, language)


def log_tick_text(power: int, million: str | None = None, *, language: str | None = None) -> str:
    """The label of the tick at ``10**power`` on a log-scale axis: '1,000', '10 million'."""
    value, language = 10**power, strings.resolve(language)
    if value == 1_000_000:  # "1 million", "1 millón": the one tick that takes the singular
        return f"1 {strings.text('chart.common.one_million', language)}"
    if value >= 1_000_000:
        return f"{number(value // 1_000_000, 0, language)} {_million(million, language)}"
    return number(value, 0, language)


def fmt_percent(value: float, digits: int = 1, language: str | None = None) -> str:
    """Format a share in percent for prose, e.g. '47.9%' ('47.9 %' in Spanish), by the one rounding rule."""
    language = strings.resolve(language)
    return percent_text(number(rounded(value, digits), digits, language), language)


def wrap_for_figure(text: str, width: int = 85) -> str:
    """Break a long source line into ``<br>``-separated lines: plotly never wraps text."""
    return "<br>".join(textwrap.wrap(text, width=width)) or text


def house_layout(fig: go.Figure, *, title: str, x_title: str, y_title: str, source: str,
                 height: int = 520, below_px: int = 60, page_height: int = 440) -> go.Figure:
    """Apply the course's common layout: title, axis titles with units, a source line.

    The figure stays complete on its own (a notebook or an exported image shows its title, its
    in-canvas controls and its source). ``below_px`` is the space between the plot area and the
    source line, in pixels: enough for tick labels and the axis title, plus a slider when the
    chart has one; a pixel shift keeps the source clear of everything above it.

    On the course site the title, controls and source move out of the canvas
    (:mod:`migration_course.charts.page`), so the figure is drawn ``page_height`` pixels tall
    there; ``layout.meta`` carries that and the words the page needs.
    """
    fig.update_layout(
        title={"text": title, "x": 0, "xref": "paper", "xanchor": "left", "font": {"size": 17},
               "y": 0.98, "yref": "container", "yanchor": "top"},
        font={"family": FONT, "size": 13, "color": "#222"},
        xaxis={"title": {"text": x_title}, "automargin": True},
        yaxis={"title": {"text": y_title}, "separatethousands": True, "tickformat": ",",
               "automargin": True},
        height=height,
        margin={"l": 80, "r": 20, "t": 120, "b": below_px + 60},
        plot_bgcolor="white",
        legend={"title": {"text": ""}},
        hoverlabel={"font": {"family": FONT}},
        annotations=[{
            "text": wrap_for_figure(source), "showarrow": False, "xref": "paper", "yref": "paper",
            "x": 0, "y": 0, "yshift": -below_px, "xanchor": "left", "yanchor": "top",
            "font": {"size": 11, "color": "#444"}, "align": "left", "name": SOURCE_ANNOTATION,
        }],
    )
    fig.update_xaxes(showgrid=False, linecolor="#888", ticks="outside")
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
    page_meta(fig, page={"height": page_height})
    return fig


def page_meta(fig: go.Figure, **entries: object) -> dict:
    """Merge ``entries`` into what the figure carries for its page (``layout.meta["rcm"]``).

    Why in the figure: the book's renderer receives nothing but the figure (plotly's mimetype
    output), so the labels of the controls, the page's height and language travel inside it.
    Nested dicts merge one level deep, so two callers can each add a control's label.
    """
    meta = dict(fig.layout.meta or {}) if isinstance(fig.layout.meta, dict) else {}
    mine = dict(meta.get(PAGE_META, {}))
    for key, value in entries.items():
        if isinstance(value, dict) and isinstance(mine.get(key), dict):
            mine[key] = {**mine[key], **value}
        else:
            mine[key] = value
    fig.update_layout(meta={**meta, PAGE_META: mine})
    return mine


def scroll_box_open(label: str) -> str:
    """The opening tag of a horizontally scrollable table box.

    A scrollable region must be reachable by keyboard (axe-core: scrollable-region-focusable),
    so it is focusable and named.
    """
    return (f'<div class="rcm-data-table" tabindex="0" role="region" '
            f'aria-label="{html.escape(label, quote=True)}">')


def column_decimals(column: pd.Series) -> int:
    """The decimals a numeric column is shown with: what its most precise (rounded) value needs.

    One count per column, so 40.0 and 35.7 read "40.0" and "35.7", the way the chart shows them.
    """
    values = [float(v) for v in column if isinstance(v, float) and not pd.isna(v)]
    return max((decimals(v) for v in values), default=0)


def table_html(table: pd.DataFrame, caption: str, number_columns: list[str] | None = None,
               row_headers: bool = False, language: str | None = None) -> str:
    """A plain, accessible HTML table (caption, header scopes) of a small frame.

    ``row_headers``: the first column names its row (``<th scope="row">``), so a screen reader
    announces, say, the question ID with every figure of a wide table.
    """
    numeric = set(number_columns if number_columns is not None else
                  [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])])
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.columns)
    places = {c: column_decimals(table[c]) for c in numeric}
    rows = []
    for record in table.itertuples(index=False):
        cells = []
        for i, (col, value) in enumerate(zip(table.columns, record, strict=True)):
            if row_headers and i == 0:
                cells.append(f'<th scope="row">{html.escape(fmt_cell(value))}</th>')
            elif col in numeric:
                cells.append(f'<td class="num">{html.escape(fmt_cell(value, places[col], language))}</td>')
            else:
                cells.append(f"<td>{html.escape(str(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'{scroll_box_open(caption)}<table>'
        f"<caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


@dataclass
class Chart:
    """A figure plus the text alternatives every course chart must have."""

    figure: go.Figure
    summary: str
    table: pd.DataFrame
    source: str
    table_caption: str
    data_file: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    language: str | None = None

    def __post_init__(self) -> None:
        """Complete ``labels`` (summary, source, table, download) from ``chart.caption``.

        Any word passed in ``labels`` wins; the rest come from the catalogue of ``language``,
        the chart's own language, so the caption never falls back to English by accident.
        """
        self.language = strings.resolve(self.language)
        self.labels = {**strings.catalogue(self.language).section("chart.caption"), **self.labels}
        if self.figure is not None:
            # plotly's own number formats (axes, hover) follow the page's language too.
            self.figure.update_layout(separators=numbers.style(self.language).plotly_separators)
            page_meta(self.figure, language=self.language,
                      controls=strings.catalogue(self.language).section("chart.controls"))

    def has_controls(self) -> bool:
        """Whether a reader can change what the figure shows (menus, buttons, a slider)."""
        layout = self.figure.layout if self.figure is not None else None
        return bool(layout is not None and (layout.updatemenus or layout.sliders))

    def text_html(self) -> str:
        """The summary, source line and (collapsed) data table as HTML."""
        lab = self.labels
        return (
            '<div class="rcm-chart-text">'
            f'<p class="rcm-chart-summary"><strong>{html.escape(lab["summary"])}:</strong> '
            f"{html.escape(self.summary)}</p>"
            f'<p class="rcm-chart-source">{html.escape(lab["source"])}: {html.escape(self.source)}</p>'
            f"{self._describes_html()}"
            f'<details><summary>{html.escape(lab["table"])}: {html.escape(self.table_caption)}'
            f"</summary>{table_html(self.table, self.table_caption, language=self.language)}</details>"
            f"{self._download_html()}</div>"
        )

    def _describes_html(self) -> str:
        """Which view the summary speaks of, for a chart whose controls change the view.

        The summary is prose written for the view the chart opens with; a reader who has
        moved a control is told so, and the heading above the chart names the view shown.
        """
        if not self.has_controls():
            return ""
        title = self.figure.layout.title.text or ""
        note = self.labels["describes"].format(title=title)
        return f'<p class="rcm-chart-describes">{html.escape(note)}</p>'

    def _download_html(self) -> str:
        """A link to the published CSV.

        ``../data/`` works in a notebook next to ``data/``; the Sphinx extension points it at
        the copy served from the site's ``_static/``.
        """
        if not self.data_file:
            return ""
        name = html.escape(self.data_file)
        return (f'<p class="rcm-chart-download"><a class="rcm-csv" href="../data/{name}" '
                f'download="{name}">{html.escape(self.labels["download"])}</a></p>')

    def _ipython_display_(self) -> None:
        """Show the figure (native in JupyterLab, static-site markup in the book), then its text."""
        from IPython.display import HTML, display

        display(self.figure)
        display(HTML(self.text_html()))
