"""Chart functions: the figure's own data equals the table, controls are wired, text is sourced."""

from __future__ import annotations

import json
from dataclasses import replace
from types import SimpleNamespace

import pytest

from migration_course import charts, datasets
from migration_course.core import strings
from migration_course.countries import BY_ISO3
from migration_course.plotly_book import PLOTLY_MIME, PlotlyMimeRenderer, figure_html


@pytest.fixture(scope="module")
def stock():
    return datasets.load("migrant_stock_by_destination")


@pytest.fixture(scope="module")
def chart(stock):
    return charts.stock_by_destination(stock, source="UN DESA test source")


def value(stock, iso3, year, sex):
    row = stock.query("country_iso3 == @iso3 and year == @year and sex == @sex")
    return int(row["migrants"].iloc[0])


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_figure_data_equals_the_table(chart, stock):
    mexico = trace(chart.figure, "Mexico")
    assert list(mexico.x) == [1990, 1995, 2000, 2005, 2010, 2015, 2019]
    assert mexico.y[-1] == value(stock, "MEX", 2019, "both") == 1_060_707
    assert trace(chart.figure, "United States").y[0] == value(stock, "USA", 1990, "both")


def test_sex_buttons_swap_in_that_sex_for_every_country(chart, stock):
    sex_menu = next(m for m in chart.figure.layout.updatemenus if m.name == "sex")
    female = next(b for b in sex_menu.buttons if b.label == "Female")
    ys = female.args[0]["y"]
    names = [t.name for t in chart.figure.data]
    guatemala = ys[names.index("Guatemala")]
    assert guatemala[-1] == value(stock, "GTM", 2019, "female")
    assert "women and girls" in female.args[1]["title.text"]


def test_country_menu_shows_one_country_at_a_time(chart):
    menu = next(m for m in chart.figure.layout.updatemenus if m.name == "country")
    labels = [b.label for b in menu.buttons]
    assert len(labels) == 2 + 11
    honduras = menu.buttons[labels.index("Honduras")]
    visible = honduras.args[0]["visible"]
    assert sum(visible) == 1
    assert [t.name for t in chart.figure.data][visible.index(True)] == "Honduras"
    everything = menu.buttons[0]
    assert all(everything.args[0]["visible"]) and everything.args[1]["yaxis.type"] == "log"


def test_each_country_keeps_its_colour(chart):
    for t in chart.figure.data:
        iso3 = next(c.iso3 for c in BY_ISO3.values() if c.name == t.name)
        assert t.line.color == BY_ISO3[iso3].colour


def test_titles_axes_units_and_source(chart):
    layout = chart.figure.layout
    assert "1990–2019" in layout.title.text
    assert "persons" in layout.yaxis.title.text
    assert layout.xaxis.title.text == "Year"
    assert "UN DESA test source" in layout.annotations[0].text


def test_summary_is_computed_from_the_data(chart):
    assert "61.1 million" in chart.summary  # 2019 total of the 11 countries
    assert "Mexico hosted the most" in chart.summary
    assert "82.9%" in chart.summary  # the United States' share


def test_table_has_every_country_sex_and_year(chart, stock):
    assert len(chart.table) == 33
    row = chart.table[(chart.table["Country"] == "Mexico") & (chart.table["Sex"] == "Female")]
    assert int(row["2019"].iloc[0]) == value(stock, "MEX", 2019, "female")
    html = chart.text_html()
    assert "<caption>" in html and "1,060,707" in html and "UN DESA test source" in html


def test_learner_facing_strings_are_parameters(stock):
    spanish = replace(charts.StockLabels(), title="Migrantes internacionales, {first}–{last} ({sex})",
                      sex_names={"both": "ambos sexos", "male": "hombres", "female": "mujeres"})
    chart = charts.stock_by_destination(stock, source="ONU DAES", labels=spanish)
    assert chart.figure.layout.title.text == "Migrantes internacionales, 1990–2019 (ambos sexos)"


def test_labels_are_read_from_the_catalogue_and_one_can_be_overridden():
    labels = charts.StockLabels()
    assert labels.title == strings.text("chart.stock_by_destination.title")
    assert labels.sex_names["female"] == strings.text("chart.by_sex.sex_names.female")
    assert labels.x_title == strings.text("chart.common.x_title")
    assert charts.StockLabels(sex_col="Sexo").sex_col == "Sexo"
    assert charts.StockLabels(sex_col="Sexo").title == labels.title


def test_the_caption_words_come_from_the_catalogue_and_may_be_overridden(chart):
    assert chart.labels == strings.catalogue().section("chart.caption")
    bare = charts.Chart(chart.figure, "s", chart.table.head(1), "src", "cap", data_file="x.csv",
                        labels={"summary": "Resumen"})
    html = bare.text_html()
    assert "<strong>Resumen:</strong>" in html
    assert f"{strings.text('chart.caption.source')}: src" in html
    assert strings.text("chart.caption.download") in html


def test_an_untitled_figure_is_named_from_the_catalogue():
    markup = figure_html({"data": [], "layout": {}}, "rcm-fig-untitled")
    assert f'aria-label="{strings.text("book.chart.unnamed")}"' in markup
    assert strings.text("book.chart.loading") in markup
    assert f'data-unavailable="{strings.text("book.chart.unavailable")}"' in markup  # rcm-charts.js shows it


def test_missing_columns_fail_with_a_clear_message(stock):
    with pytest.raises(ValueError, match="migrants"):
        charts.stock_by_destination(stock.drop(columns="migrants"), source="x")


def test_static_markup_is_safe_and_never_inlines_plotly(chart):
    fig = chart.figure.to_dict()
    fig["layout"]["title"]["text"] = "</script><script>alert(1)</script>"
    markup = figure_html(fig, "rcm-fig-test")
    assert "</script><script>alert" not in markup
    payload = markup.split('id="rcm-fig-test-data">')[1].rsplit("</script>", 1)[0]
    assert json.loads(payload)["title"].startswith("</script>")  # the page prints it as text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in markup
    assert len(markup) < 40_000  # data and layout only, no plotly.js
    assert "Loading the interactive chart" in markup  # never a blank box


def test_mime_plugin_renders_plotly_output_and_ignores_the_rest(chart):
    data = SimpleNamespace(mime_type=PLOTLY_MIME, content=chart.figure.to_plotly_json(),
                           cell_index=3, output_index=0)
    [node] = PlotlyMimeRenderer.handle_mime(None, data, False)
    assert 'class="rcm-plotly" id="rcm-fig-3-0"' in node.astext()
    other = SimpleNamespace(mime_type="text/html", content="<p>x</p>", cell_index=1, output_index=0)
    assert PlotlyMimeRenderer.handle_mime(None, other, False) is None
