"""The RCM Migration Policy Training Program's course package.

Flow: ``data/`` (tidy CSV + datapackage.json) -> :mod:`migration_course.datasets` (validated
frames) -> :mod:`migration_course.charts` (accessible plotly figures) -> the book's pages, where
:mod:`migration_course.plotly_book` and :mod:`migration_course.sphinx_ext` make the figures work
on the static site with no kernel and no CDN.
"""

__version__ = "0.1.0"
