"""Live explorers: real ipywidgets controls in a kernel, a static chart for the book."""

from __future__ import annotations

import pytest

from migration_course import charts, widgets
from migration_course.core import strings


def test_bundle_has_the_widget_for_notebooks_and_static_html_for_the_book():
    bundle = widgets.explore("remittances")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="rcm-plotly"' in bundle["text/html"]
    assert "rcm-chart-summary" in bundle["text/html"]


def test_controls_redraw_the_chart_for_the_selection():
    explorer = widgets.explore("stock_by_destination")
    box = explorer.widget()
    countries, years = box.children[0].children
    countries.value = ("MEX", "GTM")
    years.value = (2000, 2019)
    chart = explorer.chart(countries.value, years.value)
    assert [t.name for t in chart.figure.data] == ["Guatemala", "Mexico"]
    assert list(chart.figure.data[0].x) == [2000, 2005, 2010, 2015, 2019]
    assert "the 2 countries shown" in chart.summary


def test_a_selection_that_cannot_be_drawn_gives_a_message_not_a_traceback(capsys):
    explorer = widgets.explore("corridor_matrix")
    box = explorer.widget()
    countries = box.children[0].children[0]
    capsys.readouterr()
    countries.value = ()  # nothing selected
    # Outside a kernel the Output widget does not capture, so the message reaches stdout.
    assert "This selection cannot be drawn" in capsys.readouterr().out


def test_unknown_explorer_names_the_known_ones():
    with pytest.raises(KeyError, match="remittances"):
        widgets.explore("no_such_chart")


def test_explorers_are_the_registrys_charts_with_catalogue_labels():
    explorer = widgets.explore("rcm_map")
    assert explorer.chart_fn is charts.CHARTS["rcm_map"].function
    assert explorer.labels.countries == strings.text("chart.explorer.countries")
    assert explorer.language == "en"
