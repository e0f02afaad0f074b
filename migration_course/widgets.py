"""Live explorers: ipywidgets controls that redraw the course's charts on a chosen subset.

For people running the notebooks (``make lab``, JupyterHub, Binder). On the static site there
is no kernel, so an explorer's mime bundle also carries the chart as static HTML: the book
demotes the widget view (see ``nb_mime_priority_overrides`` in ``_config.yml``) and shows
that instead, with its plotly controls, and never loads the widget manager from a CDN.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from migration_course import charts, datasets
from migration_course.charts.catalogue import CHARTS
from migration_course.core.strings import FROM_CATALOGUE, Labels
from migration_course.countries import BY_ISO3, RCM_ISO3
from migration_course.plotly_book import figure_html

_ids = itertools.count(1)
COUNTRY_KEYS = ("country_iso3", "origin_iso3")

@dataclass(frozen=True)
class ExplorerLabels(Labels):
    """Learner-facing strings of the live controls (``chart.explorer``)."""

    SECTION: ClassVar[str] = "chart.explorer"
    countries: str = FROM_CATALOGUE
    years: str = FROM_CATALOGUE
    cannot_draw: str = FROM_CATALOGUE


def subset(df: pd.DataFrame, countries: tuple[str, ...] | None,
           years: tuple[int, int] | None) -> pd.DataFrame:
    """The rows of the chosen countries (by the frame's country key) and years (inclusive)."""
    out = df
    key = next((k for k in COUNTRY_KEYS if k in df.columns), None)
    if countries is not None and key:
        out = out[out[key].isin(countries)]
    if years is not None and "year" in df.columns:
        out = out[out["year"].between(*years)]
    return out


class Explorer:
    """A chart function with live country and year controls, and a static fallback."""

    def __init__(self, name: str, labels: ExplorerLabels | None = None,
                 language: str | None = None) -> None:
        if name not in CHARTS:
            raise KeyError(f"no explorer {name!r}; choose one of {', '.join(CHARTS)}")
        entry = CHARTS[name]
        self.chart_fn = entry.function
        self.df = datasets.load(entry.table)
        self.source = datasets.source_line(entry.table)
        self.labels = labels or ExplorerLabels(language=language)
        self.language = self.labels.language  # the chart speaks the language of its controls
        self._widget = None

    def chart(self, countries: tuple[str, ...] | None = None,
              years: tuple[int, int] | None = None) -> charts.Chart:
        """The chart for a selection; raises ValueError/KeyError when it cannot be drawn."""
        return self.chart_fn(subset(self.df, countries, years), source=self.source,
                             language=self.language)

    def widget(self) -> object:
        """Build the ipywidgets box (imported lazily: the book build never needs it)."""
        if self._widget is not None:
            return self._widget
        import ipywidgets as w

        key = next((k for k in COUNTRY_KEYS if k in self.df.columns), None)
        controls = []
        countries = None
        if key:
            present = [c for c in RCM_ISO3 if c in set(self.df[key])]
            countries = w.SelectMultiple(options=[(BY_ISO3[c].name, c) for c in present],
                                         value=tuple(present), rows=6,
                                         description=self.labels.countries)
            controls.append(countries)
        years = None
        if "year" in self.df.columns and self.df["year"].nunique() > 2:
            low, high = int(self.df["year"].min()), int(self.df["year"].max())
            years = w.IntRangeSlider(value=(low, high), min=low, max=high,
                                     description=self.labels.years, continuous_update=False)
            controls.append(years)
        out = w.Output()

        def redraw(_change: object = None) -> None:
            from IPython.display import display

            out.clear_output(wait=True)
            with out:
                try:
                    display(self.chart(countries.value if countries else None,
                                       years.value if years else None))
                except (KeyError, ValueError, IndexError) as err:
                    print(self.labels.cannot_draw.format(reason=err))

        for control in controls:
            control.observe(redraw, names="value")
        redraw()
        self._widget = w.VBox([w.HBox(controls), out])
        return self._widget

    def static_html(self) -> str:
        """The default chart as static-site HTML: what the book shows instead of the widget."""
        chart = self.chart()
        return (figure_html(chart.figure.to_plotly_json(), f"rcm-explorer-{next(_ids)}", self.language)
                + chart.text_html())

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        bundle = dict(self.widget()._repr_mimebundle_())
        bundle["text/html"] = self.static_html()
        return bundle


def explore(name: str, labels: ExplorerLabels | None = None,
            language: str | None = None) -> Explorer:
    """``widgets.explore("remittances")``: live controls in a notebook, a static chart in the book."""
    return Explorer(name, labels, language)
