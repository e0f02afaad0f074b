"""Every chart of the library: its own data equals the published tables, controls are wired,
the accessible text (summary, table, source, CSV link) is there, every word comes from the
string catalogue, and the README's table of the library is the registry's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from migration_course import charts, datasets
from migration_course.charts import CHARTS
from migration_course.charts.base import column_decimals, fmt_cell, rounded
from migration_course.core import strings
from migration_course.countries import BY_ISO3

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module", params=list(CHARTS))
def made(request):
    entry = CHARTS[request.param]
    return entry.name, entry.table, entry.draw()


def test_every_chart_has_title_source_summary_table_and_download(made):
    name, table, chart = made
    layout = chart.figure.layout
    assert layout.title.text, name
    assert "Source" not in chart.summary and len(chart.summary) > 120, name
    assert datasets.source_line(table)[:40] in layout.annotations[0].text.replace("<br>", " ")
    assert len(chart.table) > 0
    html = chart.text_html()
    assert "<caption>" in html and f'href="../data/{table}.csv"' in html


def test_every_chart_has_a_control_that_works_without_a_kernel(made):
    name, _, chart = made
    layout = chart.figure.layout
    controls = list(layout.updatemenus) + list(layout.sliders)
    assert controls, f"{name} has no menu, button or slider"
    for control in controls:
        options = control.buttons if hasattr(control, "buttons") else control.steps
        assert len(options) >= 2
        assert all(o.method in ("update", "restyle", "relayout") for o in options)


def test_every_chart_stays_small(made):
    name, _, chart = made
    assert len(chart.figure.to_json()) < 60_000, f"{name} embeds too much data"


def od(df, origin, dest, year, sex):
    row = df.query("origin_iso3 == @origin and dest_iso3 == @dest and year == @year and sex == @sex")
    return int(row["migrants"].iloc[0])


def test_corridor_matrix_holds_mexico_to_us_both_sexes():
    df = datasets.load("od_within_rcm")
    chart = charts.corridor_matrix(df, source="s")
    both = chart.figure.data[0]  # the visible, both-sexes trace
    assert both.visible is True and both.name == "Both sexes"
    row, col = list(both.y).index("Mexico"), list(both.x).index("United States")
    assert both.customdata[row][col] == od(df, "MEX", "USA", 2019, "both") == 11_489_684
    male = chart.figure.data[1]
    assert male.customdata[row][col] == 6_138_480  # what the concept note's Table 2 printed
    assert "men only" in chart.summary and "11,489,684" in chart.summary
    slider = chart.figure.layout.sliders[0]
    first = slider.steps[0].args[0]["customdata"][0]  # 1990, both sexes
    assert first[row][col] == od(df, "MEX", "USA", 1990, "both")


def test_emigrant_destinations_top_rows_match_and_add_up():
    df = datasets.load("emigrants_main_destinations")
    chart = charts.emigrant_destinations(df, source="s")
    mexico = next(t for t in chart.figure.data if t.name == "Mexico")
    assert mexico.visible is True
    expected = df.query("origin == 'Mexico' and year == 2019 and sex == 'both' and dest_iso3 == 'USA'")
    assert dict(zip(mexico.y, mexico.x, strict=True))["United States"] == int(expected["migrants"].iloc[0])
    assert sum(mexico.customdata) == pytest.approx(100, abs=0.1)


def test_remittances_share_switch_sums_to_100_each_year():
    df = datasets.load("remittances_received")
    chart = charts.remittances(df, source="s")
    measure = next(m for m in chart.figure.layout.updatemenus if m.name == "measure")
    share = measure.buttons[1].args[0]["y"]
    last = [ys[-1] for ys in share if ys[-1] is not None]
    assert sum(last) == pytest.approx(100, abs=0.1)
    # before every country reports (Canada from 1995) a "share of the total" is left blank
    years = list(chart.figure.data[0].x)
    first_full = df.groupby("country_iso3")["year"].min().max()
    for ys in share:
        assert all(y is None or y != y for y in ys[: years.index(first_full)])
        assert ys[years.index(first_full)] is not None
    mexico = next(t for t in chart.figure.data if t.name == "Mexico")
    usd = df.query("country_iso3 == 'MEX' and year == 2024")["remittances_usd"].iloc[0]
    assert mexico.y[-1] == pytest.approx(usd / 1e6, abs=0.1)


def test_refugee_switch_swaps_in_asylum_seekers():
    df = datasets.load("refugees_by_origin")
    chart = charts.refugees_by_origin(df, source="s")
    switch = next(m for m in chart.figure.layout.updatemenus if m.name == "population")
    names = [t.name for t in chart.figure.data]
    honduras = switch.buttons[1].args[0]["y"][names.index("Honduras")]
    expected = df.query("country_iso3 == 'HND' and population_type == 'asylum_seekers' and year == 2021")
    assert honduras[-1] == int(expected["persons"].iloc[0])


def test_share_slider_steps_hold_each_years_data():
    df = datasets.load("migrant_stock_by_destination")
    chart = charts.share_of_population(df, source="s")
    bars = chart.figure.data[0]
    step_1990 = chart.figure.layout.sliders[0].steps[0]
    belize = list(bars.y).index("Belize")
    expected = df.query("country_iso3 == 'BLZ' and year == 1990 and sex == 'both'")
    # plotted as shown: one decimal, rounded once from the published value
    assert step_1990.args[0]["x"][0][belize] == rounded(expected["migrants_pct_of_population"].iloc[0], 1)


def test_map_uses_iso3_locations_of_all_eleven_countries():
    chart = charts.rcm_map(datasets.load("migrant_stock_by_destination"), source="s")
    geo = chart.figure.data[0]
    assert len(geo.locations) == 11 and geo.locationmode == "ISO-3"
    assert dict(zip(geo.locations, geo.customdata, strict=True))["CAN"] == 7_960_657


def readme_chart_table() -> list[tuple[str, str, str]]:
    """The rows of the README's "chart | table | static-site controls" table, backticks off names."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| chart | table | static-site controls |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        chart, table, controls = (cell.strip() for cell in line.strip("|").split("|"))
        rows.append((chart.strip("`"), table.strip("`"), controls))
    return rows


def test_the_readme_lists_exactly_the_registrys_charts_tables_and_controls():
    assert readme_chart_table() == [(e.name, e.table, e.controls) for e in CHARTS.values()]


def test_every_registered_chart_is_exported_and_its_table_is_published():
    published = set(datasets.resource_names())
    for name, entry in CHARTS.items():
        assert getattr(charts, name) is entry.function
        assert entry.table in published, name


# A pseudo-translation: the case of every letter swapped, placeholders ({year}, %{y:,}) and
# markup (<br>) kept. A chart drawn in it shows which of its words bypass the catalogue.
_KEEP = re.compile(r"(\{[^}]*\}|<[^>]*>)")


def swapped(text: str) -> str:
    return "".join(part if _KEEP.fullmatch(part) else part.swapcase() for part in _KEEP.split(text))


@pytest.fixture(scope="module")
def pseudo_language(tmp_path_factory):
    """A catalogue folder with ``en`` and ``xx`` (en, case swapped), made the package's for a while."""
    folder = tmp_path_factory.mktemp("strings")
    for language in strings.languages():
        shutil.copytree(strings.STRINGS_DIR / language, folder / language)
    (folder / "xx").mkdir()

    def walk(node):
        return {k: walk(v) for k, v in node.items()} if isinstance(node, dict) else swapped(str(node))

    for file in (folder / "en").glob("*.yml"):
        data = walk(yaml.safe_load(file.read_text(encoding="utf-8")))
        (folder / "xx" / file.name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setattr(strings, "STRINGS_DIR", folder)
    strings.catalogue.cache_clear()
    yield "xx"
    mp.undo()
    strings.catalogue.cache_clear()


def english_words(min_length: int = 4) -> set[str]:
    """Every chart string of the English catalogue, cut at its placeholders: what must not show."""
    words = set()
    for value in strings.catalogue("en").section("chart").values():
        words |= {part.strip() for part in _KEEP.split(value) if not _KEEP.fullmatch(part)}
    return {w for w in words if len(w) >= min_length and re.search("[A-Za-z]{2}", w)}


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_word_of_a_chart_comes_from_the_catalogue(name, pseudo_language):
    entry = CHARTS[name]
    df = datasets.load(entry.table)
    english = entry.function(df, source="s")
    other = entry.function(df, source="s", language=pseudo_language)
    assert other.figure.layout.title.text == swapped(english.figure.layout.title.text)
    shown = " ".join([other.figure.to_json(), other.summary, other.text_html(), other.table_caption,
                      *map(str, other.table.columns)])
    # Names from the data ("Rest of the world") and country names are not the catalogue's to give.
    names = {str(v) for col in df.select_dtypes(exclude="number") for v in df[col].unique()}
    names |= {c.name for c in BY_ISO3.values()}
    for value in sorted(names, key=len, reverse=True):
        shown = shown.replace(value, " ")
    leaked = sorted(w for w in english_words() if re.search(rf"\b{re.escape(w)}\b", shown))
    assert not leaked, f"{name} shows English words the catalogue did not give: {leaked}"


def test_numbers_and_captions_follow_the_language(pseudo_language):
    assert charts.fmt_people(50_700_000, language=pseudo_language) == "50.7 MILLION"
    assert charts.fmt_people(50_700_000) == "50.7 million"
    chart = charts.Chart(None, "s", datasets.load("remittances_received").head(1), "src", "cap",
                         language=pseudo_language)
    assert chart.labels["summary"] == "sUMMARY"


# --- One rounding rule: what a chart plots is what its hover, labels, summary and table say.

_HOVER_FIELD = re.compile(r"%\{(x|y|z|customdata)(?::([^}]*))?\}")


def hover_fields(template: str) -> dict[str, str]:
    """The data fields a hovertemplate shows, and their d3 format (``,``, ``.1f``, ``,.0f``)."""
    return {f: spec or "" for f, spec in _HOVER_FIELD.findall(template or "")}


def hover_digits(spec: str) -> int:
    """The decimals plotly prints for a d3 format; a bare ``,`` or none prints whole numbers here."""
    found = re.search(r"\.(\d+)f", spec)
    return int(found.group(1)) if found else 0


def shown(value: float, digits: int) -> str:
    """How a hover with ``digits`` decimals prints a value, without thousands separators."""
    return f"{value:.{digits}f}"


def flat(values) -> list[float]:
    out = []
    for v in values if values is not None else []:
        if isinstance(v, list | tuple):
            out.extend(flat(v))
        elif v is not None and not (isinstance(v, float) and v != v):
            out.append(v)
    return out


def numbers(values) -> list[float]:
    """The numbers of an array (a bar chart's ``y`` holds country names)."""
    return [v for v in flat(values) if isinstance(v, int | float) and not isinstance(v, bool)]


def plotted_states(chart) -> list[tuple[dict, str]]:
    """Every trace's arrays in every state a control can reach, with the hovertemplate shown."""
    fig = chart.figure.to_plotly_json()
    states = [({k: t.get(k) for k in ("x", "y", "z", "customdata", "text")}, t.get("hovertemplate", ""))
              for t in fig["data"]]
    options = [b for m in fig["layout"].get("updatemenus", []) for b in m["buttons"]]
    options += [s for sl in fig["layout"].get("sliders", []) for s in sl["steps"]]
    for option in options:
        data = option["args"][0] if option.get("method") != "relayout" else {}
        for i, trace in enumerate(fig["data"]):
            arrays = {k: data[k][i % len(data[k])] for k in ("x", "y", "z", "customdata", "text")
                      if k in data}
            if arrays:
                hover = data.get("hovertemplate", trace.get("hovertemplate", ""))
                states.append((arrays, hover[i % len(hover)] if isinstance(hover, list) else hover))
    return states


def test_every_plotted_number_is_rounded_to_what_its_hover_shows(made):
    """plotly never rounds: a value shown with one decimal is stored with one (35.65 not 35.6535)."""
    name, _, chart = made
    checked = 0
    for arrays, hover in plotted_states(chart):
        for field, spec in hover_fields(hover).items():
            digits = hover_digits(spec)
            for v in numbers(arrays.get(field)):
                assert rounded(v, digits) == v, f"{name}: {field}={v} is shown as {shown(v, digits)}"
                checked += 1
        labels = arrays.get("text")
        if isinstance(labels, list | tuple) and all(str(t).endswith("%") for t in labels):
            # a bar's label prints its value (x) or the share it hovers (customdata), once rounded
            for i, label in enumerate(labels):
                values = [arrays[k][i] for k in ("x", "customdata")
                          if isinstance(arrays.get(k), list | tuple)]
                assert label.rstrip("%") in {shown(v, 1) for v in values}, (name, label, values)
                checked += 1
    assert checked, f"{name}: no hovered number checked"


def test_the_table_says_what_the_chart_shows(made):
    """Every number of the data table, as the table prints it, is a number the chart hovers."""
    name, _, chart = made
    hovered = set()
    for arrays, hover in plotted_states(chart):
        for field, spec in hover_fields(hover).items():
            hovered |= {shown(v, hover_digits(spec)) for v in numbers(arrays.get(field))}
    numeric = [c for c in chart.table.columns if pd.api.types.is_numeric_dtype(chart.table[c])]
    assert numeric, name
    for column in numeric:
        places = column_decimals(chart.table[column])
        for value in flat(chart.table[column].tolist()):
            printed = fmt_cell(value, places).replace(",", "")
            assert printed in hovered, f"{name}: table column {column!r} prints {printed}, the chart never"


def test_the_dominican_republic_reads_35_7_percent_everywhere():
    """The case that showed two rules: 202,387 of 567,648 migrants in 2019 are women and girls."""
    chart = charts.sex_composition(datasets.load("migrant_stock_by_destination"), source="s")
    bars = chart.figure.data[0]
    i = list(bars.y).index("Dominican Republic")
    assert (bars.x[i], bars.text[i]) == (35.7, "35.7%")  # bar length, bar label, hover (%{x:.1f})
    assert "the Dominican Republic (35.7%)" in chart.summary
    row = chart.table[chart.table["Country"] == "Dominican Republic"]
    assert fmt_cell(float(row["2019"].iloc[0]), column_decimals(chart.table["2019"])) == "35.7"
    assert ">35.7<" in chart.text_html()


@pytest.mark.parametrize(("value", "digits", "expected"), [
    (35.6535, 1, 35.7), (35.65, 1, 35.7), (35.649, 1, 35.6), (2.5, 0, 3.0), (-2.5, 0, -3.0),
    (1_060_707.0, 0, 1_060_707.0), (0.125, 2, 0.13)])
def test_rounding_is_once_and_halves_go_away_from_zero(value, digits, expected):
    assert rounded(value, digits) == expected
    assert charts.base.fmt_percent(value, digits, "en") == f"{expected:,.{digits}f}%"
