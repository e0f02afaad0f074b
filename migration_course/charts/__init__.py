"""Accessible plotly charts of the course's data: a tidy frame in, a :class:`Chart` out.

Charts are ordinary plotly figures: notebooks display them with plotly's default mimetype
renderer and the book turns that output into static-site markup
(:mod:`migration_course.plotly_book`), so nothing needs configuring in a notebook.
"""

from migration_course.charts.base import Chart, fmt_people
from migration_course.charts.stock import StockLabels, stock_by_destination

__all__ = ["Chart", "StockLabels", "fmt_people", "stock_by_destination"]
