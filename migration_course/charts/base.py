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
from typing import ClassVar

import pandas as pd
import plotly.graph_objects as go

from migration_course.core import strings
from migration_course.core.strings import DEFAULT_LANGUAGE, FROM_CATALOGUE, Labels

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def require_columns(df: pd.DataFrame, required: set[str], chart: str, table: str) -> None:
    """Fail early, naming the table to load, when a frame lacks the columns a chart needs."""
    missing = required - set(df.columns)
    if missing:
        raise ValueError(f"{chart} needs columns {sorted(missing)}; "
                         f"load the table with datasets.load({table!r})")


def fmt_cell(value: object) -> str:
    """Format a table cell: thousands separators, whole floats without decimals, blanks for NA."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
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


def fmt_people(value: float, million: str | None = None, *, language: str = DEFAULT_LANGUAGE) -> str:
    """Format a count of people for prose: '50.7 million' above a million, else '417,768'.

    The word is ``million`` when given (a chart passes its labels'), else the catalogue's word
    in ``language``, so module pages calling ``fmt_people(n)`` read the same word as the charts.
    """
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.1f} {_million(million, language)}"
    return f"{round(value):,}"


def log_tick_text(power: int, million: str | None = None, *, language: str = DEFAULT_LANGUAGE) -> str:
    """The label of the tick at ``10**power`` on a log-scale axis: '1,000', '10 million'."""
    value = 10**power
    if value >= 1_000_000:
        return f"{value // 1_000_000:,} {_million(million, language)}"
    return f"{value:,}"


def fmt_percent(value: float, digits: int = 1) -> str:
    """Format a share in percent for prose, e.g. '47.9%'."""
    return f"{value:.{digits}f}%"


def wrap_for_figure(text: str, width: int = 85) -> str:
    """Break a long source line into ``<br>``-separated lines: plotly never wraps text."""
    return "<br>".join(textwrap.wrap(text, width=width)) or text


def house_layout(fig: go.Figure, *, title: str, x_title: str, y_title: str, source: str,
                 height: int = 520, below_px: int = 60) -> go.Figure:
    """Apply the course's common layout: title, axis titles with units, a source line.

    ``below_px`` is the space between the plot area and the source line, in pixels: enough for
    tick labels and the axis title, plus a slider when the chart has one. Plotly places
    annotations in fractions of the plot area, which drift as heights change; a pixel shift
    keeps the source line clear of everything above it.
    """
    fig.update_layout(
        title={"text": title, "x": 0, "xref": "paper", "xanchor": "left", "font": {"size": 17},
               "y": 0.98, "yref": "container", "yanchor": "top"},
        font={"family": FONT, "size": 13, "color": "#222"},
        xaxis={"title": {"text": x_title}},
        yaxis={"title": {"text": y_title}, "separatethousands": True, "tickformat": ","},
        height=height,
        margin={"l": 80, "r": 20, "t": 120, "b": below_px + 60},
        plot_bgcolor="white",
        legend={"title": {"text": ""}},
        hoverlabel={"font": {"family": FONT}},
        annotations=[{
            "text": wrap_for_figure(source), "showarrow": False, "xref": "paper", "yref": "paper",
            "x": 0, "y": 0, "yshift": -below_px, "xanchor": "left", "yanchor": "top",
            "font": {"size": 11, "color": "#444"}, "align": "left",
        }],
    )
    fig.update_xaxes(showgrid=False, linecolor="#888", ticks="outside")
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
    return fig


def scroll_box_open(label: str) -> str:
    """The opening tag of a horizontally scrollable table box.

    A scrollable region must be reachable by keyboard (axe-core: scrollable-region-focusable),
    so it is focusable and named.
    """
    return (f'<div class="rcm-data-table" tabindex="0" role="region" '
            f'aria-label="{html.escape(label, quote=True)}">')


def table_html(table: pd.DataFrame, caption: str, number_columns: list[str] | None = None,
               row_headers: bool = False) -> str:
    """A plain, accessible HTML table (caption, header scopes) of a small frame.

    ``row_headers``: the first column names its row (``<th scope="row">``), so a screen reader
    announces, say, the question ID with every figure of a wide table.
    """
    numeric = set(number_columns if number_columns is not None else
                  [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])])
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.columns)
    rows = []
    for record in table.itertuples(index=False):
        cells = []
        for i, (col, value) in enumerate(zip(table.columns, record, strict=True)):
            if row_headers and i == 0:
                cells.append(f'<th scope="row">{html.escape(fmt_cell(value))}</th>')
            elif col in numeric:
                cells.append(f'<td class="num">{html.escape(fmt_cell(value))}</td>')
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
    language: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        """Complete ``labels`` (summary, source, table, download) from ``chart.caption``.

        Any word passed in ``labels`` wins; the rest come from the catalogue of ``language``,
        the chart's own language, so the caption never falls back to English by accident.
        """
        self.labels = {**strings.catalogue(self.language).section("chart.caption"), **self.labels}

    def text_html(self) -> str:
        """The summary, source line and (collapsed) data table as HTML."""
        lab = self.labels
        return (
            '<div class="rcm-chart-text">'
            f'<p class="rcm-chart-summary"><strong>{html.escape(lab["summary"])}:</strong> '
            f"{html.escape(self.summary)}</p>"
            f'<p class="rcm-chart-source">{html.escape(lab["source"])}: {html.escape(self.source)}</p>'
            f'<details><summary>{html.escape(lab["table"])}: {html.escape(self.table_caption)}'
            f"</summary>{table_html(self.table, self.table_caption)}</details>"
            f"{self._download_html()}</div>"
        )

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
