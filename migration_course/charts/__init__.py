"""Accessible plotly charts of the course's data: a tidy frame in, a :class:`Chart` out.

Charts are ordinary plotly figures: notebooks display them with plotly's default mimetype
renderer and the book turns that output into static-site markup
(:mod:`migration_course.plotly_book`), so nothing needs configuring in a notebook. Every
learner-facing string comes from the string catalogue (``strings/<language>/chart.yml``) through
the chart's ``*Labels`` dataclass: ``stock_by_destination(df, source=..., language="es")`` would
draw the chart in Spanish. :data:`CHARTS` lists the library: function, table and controls.
"""

from migration_course.charts.base import Chart, ChartLabels, fmt_people
from migration_course.charts.catalogue import CHARTS, ChartEntry
from migration_course.charts.corridors import (
    CorridorLabels,
    EmigrantLabels,
    corridor_matrix,
    emigrant_destinations,
)
from migration_course.charts.population import (
    MapLabels,
    SexLabels,
    ShareLabels,
    rcm_map,
    sex_composition,
    share_of_population,
)
from migration_course.charts.stock import StockLabels, stock_by_destination
from migration_course.charts.trends import (
    RefugeeLabels,
    RegionLabels,
    RemittanceLabels,
    refugees_by_origin,
    regions_over_time,
    remittances,
)

__all__ = [
    "CHARTS", "Chart", "ChartEntry", "ChartLabels", "CorridorLabels", "EmigrantLabels", "MapLabels",
    "RefugeeLabels", "RegionLabels", "RemittanceLabels", "SexLabels", "ShareLabels", "StockLabels",
    "corridor_matrix", "emigrant_destinations", "fmt_people", "rcm_map", "refugees_by_origin",
    "regions_over_time", "remittances", "sex_composition", "share_of_population",
    "stock_by_destination",
]
