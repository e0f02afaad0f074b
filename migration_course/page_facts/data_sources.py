"""Data and sources (book page): the course's tables, Table 2 of the concept note, its figures.

Nothing here is glued: the page shows four tables built from the data package's own metadata,
so that a table added to ``data/datapackage.json`` appears on the page without editing it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from migration_course import datasets
from migration_course.charts.base import scroll_box_open, table_html
from migration_course.core.strings import FROM_CATALOGUE
from migration_course.countries import BY_ISO3, RCM_ISO3
from migration_course.page_facts.common import (
    Corridors,
    Facts,
    TableLabels,
    count,
    show_html,
    source_note,
    table_caveat,
)


def download(name: str) -> str:
    """A link that downloads the CSV file of the table ``name`` from the built book."""
    path = html.escape(datasets.metadata(name)["path"])
    return f'<a class="rcm-csv" href="../data/{path}" download="{path}">{path}</a>'


@dataclass(frozen=True)
class TablesLabels(TableLabels):
    """Caption and headers of the list of the course's data tables."""

    SECTION: ClassVar[str] = "page.data_sources.tables"
    caption: str = FROM_CATALOGUE
    table: str = FROM_CATALOGUE
    publisher: str = FROM_CATALOGUE
    licence: str = FROM_CATALOGUE
    rows: str = FROM_CATALOGUE
    download: str = FROM_CATALOGUE


def tables(labels: TablesLabels | None = None) -> object:
    """Every table of the data package: title, publishers, licences, rows and a download link.

    Built by hand rather than with ``table_html``, which escapes its cells: the last cell here
    is a link.
    """
    labels = labels or TablesLabels()
    body = []
    for name in datasets.resource_names():
        title, licences = datasets.table_words(name)
        cells = [html.escape(text, quote=False) for text in (title, datasets.source_line(name), licences)]
        cells += [count(len(datasets.load(name))), download(name)]
        body.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    head = "".join(f'<th scope="col">{html.escape(h, quote=False)}</th>' for h in
                   (labels.table, labels.publisher, labels.licence, labels.rows, labels.download))
    caption = html.escape(labels.caption, quote=False)
    return show_html(f"{scroll_box_open(labels.caption)}<table><caption>{caption}</caption>"
                     f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


@dataclass(frozen=True)
class AgainstDesaLabels(TableLabels):
    """Caption and headers of the table of Table 2's largest cells against UN DESA."""

    SECTION: ClassVar[str] = "page.data_sources.table2_against_desa"
    caption: str = FROM_CATALOGUE
    caveat_title: str = FROM_CATALOGUE
    origin: str = FROM_CATALOGUE
    destination: str = FROM_CATALOGUE
    printed: str = FROM_CATALOGUE
    men: str = FROM_CATALOGUE
    both: str = FROM_CATALOGUE


def table2_against_desa(labels: AgainstDesaLabels | None = None) -> object:
    """The data package's caveat on Table 2, then its eight largest cells against UN DESA 2019."""
    labels = labels or AgainstDesaLabels()
    corridors = Corridors(datasets.load("od_within_rcm"))
    largest = datasets.load("concept_note_table2").nlargest(8, "value_as_published")
    pairs = list(zip(largest["origin_iso3"], largest["dest_iso3"], strict=True))
    compare = pd.DataFrame({
        labels.origin: [BY_ISO3[o].name for o, _ in pairs],
        labels.destination: [BY_ISO3[d].name for _, d in pairs],
        labels.printed: largest["value_as_published"].to_numpy(),
        labels.men: [corridors.people(o, d, "male") for o, d in pairs],
        labels.both: [corridors.people(o, d) for o, d in pairs],
    })
    caveat = table_caveat("concept_note_table2")
    return show_html(f'<div class="admonition warning"><p class="admonition-title">{labels.caveat_title}</p>'
                     f"<p>{caveat}</p></div>" + table_html(compare, labels.caption))


@dataclass(frozen=True)
class AsPrintedLabels(TableLabels):
    """Caption and labels of Table 2 of the concept note as printed."""

    SECTION: ClassVar[str] = "page.data_sources.table2_as_printed"
    caption: str = FROM_CATALOGUE
    corner: str = FROM_CATALOGUE
    total: str = FROM_CATALOGUE


def table2_as_printed(labels: AsPrintedLabels | None = None) -> object:
    """Table 2 of the concept note exactly as printed, its TOTAL row included, in the RCM's order."""
    labels = labels or AsPrintedLabels()
    published = datasets.load("concept_note_table2")
    matrix = published.pivot(index="dest_iso3", columns="origin_iso3", values="value_as_published")
    matrix = matrix.reindex(index=list(RCM_ISO3), columns=list(RCM_ISO3))
    matrix = matrix.rename(index=lambda c: BY_ISO3[c].name).reset_index()
    matrix = matrix.rename(columns={"dest_iso3": labels.corner})
    totals = datasets.load("concept_note_table2_totals").set_index("origin_iso3")["total_as_published"]
    matrix.loc[len(matrix)] = [labels.total] + [totals.get(c) for c in RCM_ISO3]
    return show_html(table_html(matrix, labels.caption)
                     + source_note("concept_note_table2", after=" " + download("concept_note_table2")))


@dataclass(frozen=True)
class FiguresLabels(TableLabels):
    """Caption and headers of the table of the concept note's own figures."""

    SECTION: ClassVar[str] = "page.data_sources.concept_note_figures"
    caption: str = FROM_CATALOGUE
    figure: str = FROM_CATALOGUE
    as_printed: str = FROM_CATALOGUE
    section: str = FROM_CATALOGUE
    cited_source: str = FROM_CATALOGUE
    note: str = FROM_CATALOGUE


def concept_note_figures(labels: FiguresLabels | None = None) -> object:
    """Every figure of the concept note and news items: as printed, section, cited source, caveat."""
    labels = labels or FiguresLabels()
    facts = datasets.load("concept_note_facts")
    shown = facts[["statement", "as_printed", "section", "cited_source", "caveat"]].fillna("")
    # The course's words in the page's language; "section" names the English document's own
    # sections and news items, which keep their titles.
    note = Facts()
    for column in ("statement", "as_printed", "cited_source", "caveat"):
        shown[column] = [note.text(fid, column) if value else ""
                         for fid, value in zip(facts["fact_id"], shown[column], strict=True)]
    shown.columns = [labels.figure, labels.as_printed, labels.section, labels.cited_source, labels.note]
    return show_html(table_html(shown, labels.caption, number_columns=[]) + source_note("concept_note_facts"))
