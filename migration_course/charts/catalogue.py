"""The chart library's one list: each chart's function, the table it is drawn from, its controls.

Why a registry: the live explorers (:mod:`migration_course.widgets`), the tests that build every
chart and the README's table of the library all need "which charts exist and what they read".
Written here once, the explorers and tests read it, and a test holds the README to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from migration_course import datasets
from migration_course.charts.base import Chart
from migration_course.charts.corridors import corridor_matrix, emigrant_destinations
from migration_course.charts.population import rcm_map, sex_composition, share_of_population
from migration_course.charts.stock import stock_by_destination
from migration_course.charts.trends import refugees_by_origin, regions_over_time, remittances


@dataclass(frozen=True)
class ChartEntry:
    """One chart of the library: what it is called, what it draws from, what a reader can do."""

    function: Callable[..., Chart]
    table: str
    controls: str  # the controls that work on the static site, as the README describes them

    @property
    def name(self) -> str:
        """The chart's name: its function's, so the two can never disagree."""
        return self.function.__name__

    def draw(self, language: str | None = None) -> Chart:
        """The chart of its whole published table, with that table's source line."""
        return self.function(datasets.load(self.table), source=datasets.source_line(self.table),
                             language=language)


CHARTS: dict[str, ChartEntry] = {entry.name: entry for entry in (
    ChartEntry(stock_by_destination, "migrant_stock_by_destination", "country menu, sex buttons"),
    ChartEntry(share_of_population, "migrant_stock_by_destination", "year slider"),
    ChartEntry(sex_composition, "migrant_stock_by_destination", "year slider"),
    ChartEntry(rcm_map, "migrant_stock_by_destination",
               "map area buttons, year slider (outlines served from `_static/`)"),
    ChartEntry(regions_over_time, "migrant_stock_regions", "region menu, sex buttons"),
    ChartEntry(corridor_matrix, "od_within_rcm", "sex buttons, year slider"),
    ChartEntry(emigrant_destinations, "emigrants_main_destinations", "country-of-origin menu"),
    ChartEntry(remittances, "remittances_received", "country menu, US$ / share buttons"),
    ChartEntry(refugees_by_origin, "refugees_by_origin", "country menu, refugees / asylum-seekers buttons"),
)}
