"""The site's version of every chart: controls as labelled form fields, title and source as text,
a phone layout, a toolbar in the page's language (migration_course.charts.page, plotly_book)."""

from __future__ import annotations

import html
import json
import re

import pytest

from migration_course.charts import CHARTS
from migration_course.charts.page import legend_columns, page_controls, page_figure
from migration_course.core import strings
from migration_course.plotly_book import PLOTLY_WORDS, figure_html, plot_config


@pytest.fixture(scope="module", params=list(CHARTS))
def drawn(request):
    chart = CHARTS[request.param].draw()
    return request.param, chart, chart.figure.to_plotly_json()


def payload(markup: str, div_id: str) -> dict:
    return json.loads(markup.split(f'id="{div_id}-data">')[1].rsplit("</script>", 1)[0])


def test_the_canvas_keeps_no_menu_slider_title_or_source(drawn):
    name, chart, fig = drawn
    page = page_figure(fig)
    assert "updatemenus" not in page.layout and "sliders" not in page.layout, name
    assert "title" not in page.layout and page.title == fig["layout"]["title"]["text"]
    assert not [a for a in page.layout.get("annotations", []) if a.get("name") == "source"]
    assert page.layout["margin"]["t"] <= 40 and page.layout["height"] < fig["layout"]["height"]


def test_every_control_becomes_a_labelled_field_with_the_same_plotly_arguments(drawn):
    name, chart, fig = drawn
    layout = fig["layout"]
    page = page_figure(fig)
    menus, sliders = layout.get("updatemenus", []), layout.get("sliders", [])
    assert [c.name for c in page.controls] == [m["name"] for m in menus] + [s["name"] for s in sliders]
    for control, spec in zip(page.controls, [*menus, *sliders], strict=True):
        assert control.label == strings.text(f"chart.controls.{control.name}")
        options = spec.get("buttons") or spec.get("steps")
        assert [o.label for o in control.options] == [o["label"] for o in options]
        for option, original in zip(control.options, options, strict=True):
            if original["method"] == "relayout":
                assert option.layout == original["args"][0]
            else:  # the data change is plotly's own; only the title moves to the page
                assert option.data == original["args"][0]
                assert option.title == (original["args"][1].get("title.text")
                                        if len(original["args"]) > 1 else None)
    markup = figure_html(fig, "f")
    for n, control in enumerate(page.controls):
        label = html.escape(control.label)
        if control.kind == "select":
            field = f'<label class="rcm-control-label" for="f-c{n}">{label}</label><select id="f-c{n}"'
            assert field in markup
        elif control.kind == "range":
            assert f'<label class="rcm-control-label" for="f-c{n}">{label}</label>' in markup
            assert f'max="{len(control.options) - 1}"' in markup and f'<output for="f-c{n}"' in markup
        else:
            assert f'role="group" aria-labelledby="f-c{n}-label"' in markup
            assert markup.count(f'data-control="{n}" data-option=') == len(control.options)
            assert markup.count('aria-pressed="true"') >= 1
    assert payload(markup, "f")["controls"][0]["options"][0]["label"] == page.controls[0].options[0].label
    assert 'class="rcm-chart-controls" id="f-controls" hidden' in markup  # shown once wired


def test_the_heading_names_the_figure_and_the_caption_says_what_the_summary_describes(drawn):
    name, chart, fig = drawn
    markup = figure_html(fig, "f")
    assert 'aria-labelledby="f-title"' in markup and 'aria-live="polite"' in markup
    note = strings.text("chart.caption.describes").format(title=fig["layout"]["title"]["text"])
    assert html.escape(note) in chart.text_html(), name


def test_a_phone_gets_a_legend_under_the_plot_wrapped_titles_and_flat_colour_scales(drawn):
    name, chart, fig = drawn
    page = page_figure(fig)
    narrow, wide = page.narrow["layout"], page.wide["layout"]
    assert set(narrow) == set(wide)  # a wider screen can put every value back
    assert narrow["height"] >= page.layout["height"] - 60 and narrow["dragmode"] is False
    lines = [t for t in fig["data"] if t.get("type") == "scatter"]
    if len(lines) > 1:
        assert narrow["legend.orientation"] == "h" and narrow["legend.yanchor"] == "bottom"
        assert narrow["height"] > page.layout["height"]  # the legend's rows are added, not taken
    for key, text in narrow.items():
        if key.endswith("title.text"):
            assert all(len(line) <= 38 for line in text.split("<br>")), (name, key, text)
    if any("colorbar" in t for t in fig["data"]):
        data = page.narrow["data"]
        assert data["colorbar.orientation"] == ["h"] and data["colorbar.y"][0] < 0
        ticks = data["colorbar.ticktext"][0]
        full = next(t for t in fig["data"] if "colorbar" in t)["colorbar"]["ticktext"]
        assert ticks[0] == full[0] and ticks[-1] == full[-1] and len(ticks) == 3


def test_legend_columns_follow_the_longest_name():
    assert legend_columns(["World", "Canada"]) >= 2
    assert legend_columns(["Belize", "Dominican Republic"]) == 1
    assert legend_columns(["Latin America and the Caribbean"]) == 1


def test_the_toolbar_speaks_the_page_language_and_links_to_no_cloud():
    config = plot_config("en")
    assert config["displaylogo"] is False and config["showLink"] is False
    assert config["displayModeBar"] is True and config["locale"] == "en"
    dictionary = config["locales"]["en"]["dictionary"]
    assert set(dictionary) == set(PLOTLY_WORDS)
    assert dictionary["Reset axes"] == strings.text("chart.toolbar.reset_axes")
    assert config["rcmToolbar"]["download"] == strings.text("chart.toolbar.download")
    assert not re.search(r"plot\.ly|chart-studio|sendData|showSendToCloud\": true", json.dumps(config))


def test_a_map_resets_as_a_map_and_other_charts_reset_their_axes(drawn):
    name, _, fig = drawn
    assert page_figure(fig).reset == ("resetGeo" if name == "rcm_map" else "resetScale2d")


def test_a_control_without_a_label_is_refused_with_what_to_do():
    layout = {"updatemenus": [{"name": "colour", "buttons": [{"label": "a", "args": [{}]}]}]}
    with pytest.raises(KeyError, match="'colour' has no label.*controls:.*chart.yml"):
        page_controls(layout, {"country": "Country"})


def test_the_corridor_title_follows_both_its_controls():
    fig = CHARTS["corridor_matrix"].draw().figure.to_plotly_json()
    page = page_figure(fig)
    names = [c.name for c in page.controls]
    assert page.titles["by"] == [names.index("sex"), names.index("year")]
    first_year = page.controls[names.index("year")].options[0].label
    male = page.titles["text"]["1|0"]
    assert first_year in male and strings.text("chart.by_sex.sex_names.male") in male
