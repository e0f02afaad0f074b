"""The learning-gain report as one self-contained HTML file that works offline.

The file is meant to travel by e-mail to the RCM Technical Secretariat and the focal points,
who may open it on a plane or behind a firewall: plotly.js is embedded once (no CDN), every
chart is followed by its text summary and data table (the course's accessibility rule), and
it holds aggregates only. Participant-level rows and open answers go to private CSV files,
never into this page, so forwarding it cannot leak who scored what.

Every word of the page comes from the string catalogue (``strings/<language>/report.yml``):
each chart reads its title, axes, summary and caption as a ``*Labels`` dataclass, like the
course's own charts, so a report in another language is a ``language`` argument away.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import textwrap
from dataclasses import dataclass
from typing import ClassVar

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from migration_course.charts.base import Chart, house_layout, sentence_start, table_html
from migration_course.core import strings
from migration_course.core.strings import DEFAULT_LANGUAGE, FROM_CATALOGUE, Labels
from migration_course.report import gain, item_analysis
from migration_course.report.gain import Cohort

PRE, POST = "#E69F00", "#0072B2"  # Okabe-Ito orange / blue: distinguishable for everyone
LIKERT_COLOURS = ("#B2182B", "#EF8A62", "#D9D9D9", "#67A9CF", "#2166AC")
CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;max-width:72rem;
margin:0 auto;padding:1rem 1.5rem;color:#222;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.5rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}caption{text-align:left;
font-weight:600;padding:.25rem 0}th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}.rcm-data-table{overflow-x:auto}
.headline{display:flex;gap:1.5rem;flex-wrap:wrap}.headline div{border:1px solid #bbb;
padding:.5rem 1rem;border-radius:4px}.headline strong{display:block;font-size:1.4rem}
.note{color:#444;font-size:.9rem}
"""


# -- the words: one Labels dataclass per place, read from report.yml --------------------------
@dataclass(frozen=True)
class ReportLabels(Labels):
    """Words every chart of the report may use (``report.common``)."""

    SECTION: ClassVar[str | None] = "report.common"
    source: str = FROM_CATALOGUE
    before: str = FROM_CATALOGUE
    after: str = FROM_CATALOGUE
    not_available: str = FROM_CATALOGUE


@dataclass(frozen=True)
class PageLabels(ReportLabels):
    """The page around the charts: title, note, section titles, headline figures."""

    SECTION: ClassVar[str] = "report.page"
    title: str = FROM_CATALOGUE
    heading: str = FROM_CATALOGUE
    note: str = FROM_CATALOGUE
    section_titles: dict[str, str] = FROM_CATALOGUE
    responses_caption: str = FROM_CATALOGUE
    objectives_caption: str = FROM_CATALOGUE
    headline: dict[str, str] = FROM_CATALOGUE


@dataclass(frozen=True)
class ReportChartLabels(ReportLabels):
    """What every chart of the report has: a title, axis titles, a summary and a table caption."""

    title: str = FROM_CATALOGUE
    x_title: str = FROM_CATALOGUE
    y_title: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE


@dataclass(frozen=True)
class ScoreChartLabels(ReportChartLabels):
    """:func:`score_chart`."""

    SECTION: ClassVar[str] = "report.score_chart"
    band_col: str = FROM_CATALOGUE
    empty: str = FROM_CATALOGUE


@dataclass(frozen=True)
class ModuleChartLabels(ReportChartLabels):
    """:func:`module_chart`."""

    SECTION: ClassVar[str] = "report.module_chart"
    empty: str = FROM_CATALOGUE


@dataclass(frozen=True)
class ItemChartLabels(ReportChartLabels):
    """:func:`item_chart`; ``fell`` / ``fell_list``: whole sentences, whether items are named or not."""

    SECTION: ClassVar[str] = "report.item_chart"
    fell: str = FROM_CATALOGUE
    fell_list: str = FROM_CATALOGUE
    empty: str = FROM_CATALOGUE


@dataclass(frozen=True)
class GroupChartLabels(ReportLabels):
    """:func:`group_chart`: its x axis is the group's ``names`` entry, capitalised."""

    SECTION: ClassVar[str] = "report.group_chart"
    names: dict[str, str] = FROM_CATALOGUE
    title: str = FROM_CATALOGUE
    y_title: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE
    summary_hidden: str = FROM_CATALOGUE
    highest: str = FROM_CATALOGUE


@dataclass(frozen=True)
class LikertChartLabels(ReportLabels):
    """:func:`likert_chart`: ``points`` names the five answers in the legend ("1" to "5")."""

    SECTION: ClassVar[str] = "report.likert_chart"
    title: str = FROM_CATALOGUE
    x_title: str = FROM_CATALOGUE
    points: dict[str, str] = FROM_CATALOGUE
    rating: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    empty: str = FROM_CATALOGUE


@dataclass(frozen=True)
class ExpectationsLabels(Labels):
    """Expected usefulness (asked before) set against satisfaction (asked after)."""

    SECTION: ClassVar[str] = "report.expectations"
    open_answers: str = FROM_CATALOGUE
    no_item: str = FROM_CATALOGUE
    or_word: str = FROM_CATALOGUE
    no_pairs: str = FROM_CATALOGUE
    met: str = FROM_CATALOGUE
    expected_col: str = FROM_CATALOGUE
    satisfaction_col: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE


@dataclass(frozen=True)
class ItemAnalysisLabels(Labels):
    """:func:`item_analysis_section`: one table per questionnaire, the flags in words, definitions."""

    SECTION: ClassVar[str] = "report.item_analysis"
    intro: str = FROM_CATALOGUE
    phase_titles: dict[str, str] = FROM_CATALOGUE
    summary: str = FROM_CATALOGUE
    empty: str = FROM_CATALOGUE
    small: str = FROM_CATALOGUE
    not_recorded: str = FROM_CATALOGUE
    undefined: str = FROM_CATALOGUE
    no_flags: str = FROM_CATALOGUE
    table_caption: str = FROM_CATALOGUE
    option: str = FROM_CATALOGUE
    columns: dict[str, str] = FROM_CATALOGUE
    flags: dict[str, str] = FROM_CATALOGUE
    files: str = FROM_CATALOGUE
    definitions_title: str = FROM_CATALOGUE
    terms: dict[str, str] = FROM_CATALOGUE
    definitions: dict[str, str] = FROM_CATALOGUE


ITEM_ANALYSIS_FILES = ("item_analysis.csv", "item_analysis_summary.csv")
# The thresholds the item-analysis words quote, from the code that applies them.
THRESHOLDS = {"too_easy": f"{item_analysis.TOO_EASY:.2f}", "too_hard": f"{item_analysis.TOO_HARD:.2f}",
              "weak": f"{item_analysis.WEAK_DISCRIMINATION:.2f}", "min_stable": item_analysis.MIN_STABLE}


def render(cohort: Cohort, title: str, generated: dt.date | None = None,
           extra_sections: list[tuple[str, str]] | None = None,
           language: str = DEFAULT_LANGUAGE) -> str:
    """The whole report page, in ``language``; ``extra_sections`` are (heading, HTML) pairs at the end."""
    generated = generated or dt.date.today()
    summary = gain.cohort_summary(cohort)
    lab = PageLabels(language=language)
    titles = lab.section_titles
    parts = [
        f"<h1>{html_text(lab.heading, title=title)}</h1>",
        f'<p class="note">{html_text(lab.note, date=generated.isoformat(), min_group=gain.MIN_GROUP)}</p>',
        _section(titles["responses"], table_html(readable(gain.responses(cohort), language),
                                                 lab.responses_caption)),
        _section(titles["knowledge"], _headline(summary, lab)
                 + _chart(score_chart(cohort, language))),
        _section(titles["modules"], _chart(module_chart(cohort, language))
                 + table_html(readable(gain.outcomes_by(cohort, "objective"), language),
                              lab.objectives_caption)),
        _section(titles["items"], _chart(item_chart(cohort, language))),
        _section(titles["item_analysis"], item_analysis_section(cohort, language)),
        _section(titles["groups"], _chart(group_chart(cohort, "country", language))
                 + _chart(group_chart(cohort, "institution_type", language))),
        _section(titles["ratings"], _chart(likert_chart(cohort, language))
                 + _expectations(cohort, language)),
        *(_section(heading, body) for heading, body in extra_sections or []),
        _section(titles["definitions"], _definitions(language)),
    ]
    return (
        f'<!DOCTYPE html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html_text(lab.title, title=title)}</title><style>{CSS}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
        f"<body><main>{''.join(parts)}</main></body></html>"
    )


# -- charts: each a Chart with its summary and table ------------------------------------------
def score_chart(cohort: Cohort, language: str = DEFAULT_LANGUAGE) -> Chart:
    """Distribution of knowledge scores of the matched pairs, before and after."""
    lab = ScoreChartLabels(language=language)
    table = gain.participants(cohort)
    pairs = table[table["participant"].isin(cohort.matched())]
    s = gain.cohort_summary(cohort)
    fig = go.Figure()
    for label, column, colour in ((lab.before, "pre_pct", PRE), (lab.after, "post_pct", POST)):
        fig.add_trace(_box(pairs[column], label, colour))
    _layout(fig, lab)
    fig.update_yaxes(range=[0, 105])
    bands = pd.cut(pairs["pre_pct"], range(0, 101, 20), include_lowest=True, right=False)
    after = pd.cut(pairs["post_pct"], range(0, 101, 20), include_lowest=True, right=False)
    dist = pd.DataFrame({lab.band_col: [str(b) for b in bands.cat.categories],
                         lab.before: bands.value_counts(sort=False).to_list(),
                         lab.after: after.value_counts(sort=False).to_list()})
    if s["pairs"]:
        text = lab.summary.format(pairs=s["pairs"], before=f"{s['mean_pre_pct']:.1f}",
                                  after=f"{s['mean_post_pct']:.1f}",
                                  gain=_fmt(s["class_normalised_gain"], 2, lab))
    else:
        text = lab.empty
    return _report_chart(fig, text, dist, lab, lab.table_caption)


def _box(values: pd.Series, name: str, colour: str) -> go.Box:
    """A box from precomputed statistics: the page holds no individual score.

    Passing the scores themselves would embed every participant's score in the file's JSON,
    in participant-ID (so country) order: a suppressed group's scores could be read back.
    """
    if values.empty:
        return go.Box(name=name, marker_color=colour, x=[name], q1=[0], median=[0], q3=[0],
                      visible="legendonly")
    q = values.quantile([0.25, 0.5, 0.75]).round(1).tolist()
    return go.Box(name=name, marker_color=colour, x=[name], q1=[q[0]], median=[q[1]],
                  q3=[q[2]], lowerfence=[round(values.min(), 1)],
                  upperfence=[round(values.max(), 1)], mean=[round(values.mean(), 1)],
                  boxpoints=False, hoverinfo="y")


def module_chart(cohort: Cohort, language: str = DEFAULT_LANGUAGE) -> Chart:
    """Mean score per module before and after (matched pairs)."""
    lab = ModuleChartLabels(language=language)
    table = gain.outcomes_by(cohort, "module")
    fig = go.Figure([go.Bar(x=table["module"], y=table[col], name=name, marker_color=colour,
                            hovertext=table["title"])
                     for name, col, colour in ((lab.before, "pre_pct", PRE),
                                               (lab.after, "post_pct", POST))])
    _layout(fig, lab)
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 100])
    text = lab.empty
    valid = table.dropna(subset=["normalised_gain"])
    if len(valid):
        best = valid.loc[valid["normalised_gain"].idxmax()]
        worst = valid.loc[valid["normalised_gain"].idxmin()]
        text = lab.summary.format(
            n=len(table), best=best["title"], best_gain=f"{best['normalised_gain']:.2f}",
            best_before=f"{best['pre_pct']:.0f}", best_after=f"{best['post_pct']:.0f}",
            worst=worst["title"], worst_gain=f"{worst['normalised_gain']:.2f}",
            worst_before=f"{worst['pre_pct']:.0f}", worst_after=f"{worst['post_pct']:.0f}")
    return _report_chart(fig, text, readable(table, language), lab, lab.table_caption)


def item_chart(cohort: Cohort, language: str = DEFAULT_LANGUAGE) -> Chart:
    """Share answering each item correctly, before and after: a dumbbell per item."""
    lab = ItemChartLabels(language=language)
    table = gain.items(cohort)
    fig = go.Figure()
    for _, row in table.iterrows():
        fig.add_trace(go.Scatter(x=[row["correct_pre_pct"], row["correct_post_pct"]],
                                 y=[row["item"]] * 2, mode="lines", showlegend=False,
                                 line={"color": "#999"}, hoverinfo="skip"))
    for name, col, colour, symbol in ((lab.before, "correct_pre_pct", PRE, "circle"),
                                      (lab.after, "correct_post_pct", POST, "diamond")):
        fig.add_trace(go.Scatter(x=table[col], y=table["item"], mode="markers", name=name,
                                 marker={"color": colour, "size": 10, "symbol": symbol},
                                 hovertext=table["question"]))
    _layout(fig, lab, height=max(420, 22 * len(table) + 200))
    fig.update_xaxes(range=[0, 100])
    fig.update_yaxes(autorange="reversed", tickformat="")
    text = lab.empty
    valid = table.dropna(subset=["change_points"])
    if len(valid):
        hardest = valid.loc[valid["correct_post_pct"].idxmin()]
        fell = valid[valid["change_points"] < 0]
        fell_text = (lab.fell_list.format(n=len(fell), items=", ".join(fell["item"])) if len(fell)
                     else lab.fell.format(n=0))
        text = lab.summary.format(n=len(valid), item=hardest["item"],
                                  pct=f"{hardest['correct_post_pct']:.0f}") + " " + fell_text
    shown = table[["item", "module", "objective", "n_pre", "correct_pre_pct", "n_post",
                   "correct_post_pct", "change_points"]]
    return _report_chart(fig, text, readable(shown, language), lab, lab.table_caption)


def group_chart(cohort: Cohort, column: str, language: str = DEFAULT_LANGUAGE) -> Chart:
    """Mean scores before and after per ``country`` or ``institution_type`` (small groups suppressed)."""
    lab = GroupChartLabels(language=language)
    table = gain.by_group(cohort, column, language)
    name = lab.names[column]
    shown = table[table["note"] == ""]
    fig = go.Figure([go.Bar(x=shown["group"], y=shown[col], name=label, marker_color=colour)
                     for label, col, colour in ((lab.before, "pre_pct", PRE),
                                                (lab.after, "post_pct", POST))])
    house_layout(fig, title=lab.title.format(name=name), x_title=sentence_start(name),
                 y_title=lab.y_title, source=lab.source)
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 100])
    hidden = table[table["note"] != ""]
    counts = {"shown": len(shown), "name": name, "min_group": gain.MIN_GROUP, "hidden": len(hidden)}
    text = (lab.summary_hidden.format(**counts, groups=", ".join(hidden["group"])) if len(hidden)
            else lab.summary.format(**counts))
    if len(shown):
        top = shown.loc[shown["normalised_gain"].idxmax()]
        text += " " + lab.highest.format(group=top["group"], gain=f"{top['normalised_gain']:.2f}")
    return _report_chart(fig, text, readable(table, language), lab, lab.table_caption.format(name=name))


def likert_chart(cohort: Cohort, language: str = DEFAULT_LANGUAGE) -> Chart:
    """Every rating question as a stacked bar of its five answers."""
    lab = LikertChartLabels(language=language)
    table = gain.likert(cohort)
    labels = ["<br>".join(textwrap.wrap(f"{r.item} ({r.phase}): {r.question}", 48)[:2])
              for r in table.itertuples()]
    fig = go.Figure([go.Bar(y=labels, x=table[str(point)] if len(table) else [],
                            name=lab.points[str(point)], orientation="h", marker_color=colour)
                     for point, colour in zip(range(1, 6), LIKERT_COLOURS, strict=True)])
    house_layout(fig, title=lab.title, x_title=lab.x_title, y_title="", source=lab.source, height=460)
    fig.update_layout(barmode="stack", margin={"l": 380})
    fig.update_yaxes(autorange="reversed", tickformat="")
    parts = [lab.rating.format(item=r.item, phase=r.phase, mean=f"{r.mean:.1f}", n=r.respondents)
             for r in table.itertuples() if r.mean is not None and not pd.isna(r.mean)]
    text = ("; ".join(parts) + ".") if parts else lab.empty
    shown = table.drop(columns=["section"])
    return _report_chart(fig, text, readable(shown, language), lab, lab.table_caption)


# -- item analysis: tables, not charts ------------------------------------------------------
def item_analysis_section(cohort: Cohort, language: str = DEFAULT_LANGUAGE) -> str:
    """Facility, discrimination, options chosen and flags per question; alpha and SEM per questionnaire."""
    lab = ItemAnalysisLabels(language=language)
    parts = [f"<p>{html_text(lab.intro)}</p>"]
    for stats in item_analysis.analyse_both(cohort):
        parts.append(f"<h3>{html_text(lab.phase_titles[stats.phase])}</h3>")
        parts.append(_questionnaire_stats(stats, lab))
    files = {k: Markup(f"<code>{html.escape(name)}</code>")
             for k, name in zip(("items_file", "summary_file"), ITEM_ANALYSIS_FILES, strict=True)}
    parts.append(f'<p class="note">{html_text(lab.files, **files)}</p>')
    parts.append(f"<h3>{html_text(lab.definitions_title)}</h3><dl>" + "".join(
        f"<dt>{html_text(lab.terms[key])}</dt><dd>{html_text(text, **THRESHOLDS)}</dd>"
        for key, text in lab.definitions.items()) + "</dl>")
    return "".join(parts)


def _questionnaire_stats(stats: item_analysis.QuestionnaireStats, lab: ItemAnalysisLabels) -> str:
    """One questionnaire: its summary sentence, the notes that apply, its table."""
    if not stats.participants:
        return f"<p>{html_text(lab.empty)}</p>"
    summary = html_text(lab.summary, n=stats.participants, items=len(stats.items),
                        mean=_number(stats.mean, 1, lab), max=f"{stats.max_points:g}",
                        sd=_number(stats.sd, 1, lab), alpha=_number(stats.alpha, 2, lab),
                        sem=_number(stats.sem, 1, lab))
    parts = [f"<p>{summary}</p>"]
    if stats.small:
        parts.append('<p class="note">' + html_text(
            lab.small, n=stats.participants, margin=_number(stats.margin, 2, lab),
            step=f"{1 / stats.participants:.2f}", min_stable=item_analysis.MIN_STABLE) + "</p>")
    if not stats.choices_recorded:
        parts.append(f'<p class="note">{html_text(lab.not_recorded)}</p>')
    table = item_analysis_table(stats, lab)
    caption = lab.table_caption.format(phase=lab.phase_titles[stats.phase])
    numbers = [c for c in table.columns if c not in (lab.columns["item"], lab.columns["key"],
                                                     lab.columns["flags"])]
    return "".join(parts) + table_html(table, caption, number_columns=numbers, row_headers=True)


def item_analysis_table(stats: item_analysis.QuestionnaireStats, lab: ItemAnalysisLabels) -> pd.DataFrame:
    """The page's table: every figure already formatted, flags in words, in the labels' language.

    Indices always show two decimals and option cells "n (p%)", so that a column reads evenly
    (``fmt_cell`` would print 1.0 as "1" next to "0.85"); what cannot be computed says so.
    """
    words = lab.columns
    options = item_analysis.OPTIONS if stats.choices_recorded else ()
    rows = []
    for s in stats.items:
        row = {words["item"]: s.item.id, words["key"]: s.item.answer,
               words["facility"]: _number(s.facility, 2, lab),
               words["discrimination"]: _number(s.discrimination, 2, lab)}
        for option in options:
            n = (s.chosen or {}).get(option, 0)
            pct = f"{100 * n / s.respondents:.0f}" if s.respondents else "0"
            row[words[option]] = lab.option.format(n=n, pct=pct)
        row[words["flags"]] = "; ".join(
            lab.flags[f].format(letters=", ".join(s.unused), **THRESHOLDS) for f in s.flags
        ) or lab.no_flags
        rows.append(row)
    columns = [words[c] for c in ("item", "key", "facility", "discrimination", *options, "flags")]
    return pd.DataFrame(rows, columns=columns)


def _number(value: float | None, digits: int, lab: ItemAnalysisLabels) -> str:
    """A figure with fixed decimals, or the words for one that is not defined (never "nan")."""
    if value is None or math.isnan(value):
        return lab.undefined
    return f"{value:.{digits}f}"


# -- small pieces ---------------------------------------------------------------------------
def _layout(fig: go.Figure, lab: ReportChartLabels, height: int = 520) -> None:
    house_layout(fig, title=lab.title, x_title=lab.x_title, y_title=lab.y_title, source=lab.source,
                 height=height)


def _report_chart(fig: go.Figure, summary: str, table: pd.DataFrame, lab: ReportLabels,
                  caption: str) -> Chart:
    """A chart with the report's source line, its caption words in the labels' language."""
    return Chart(fig, summary, table, lab.source, caption, language=lab.language)


def _expectations(cohort: Cohort, language: str = DEFAULT_LANGUAGE) -> str:
    lab = ExpectationsLabels(language=language)
    before, after = gain.EXPECTATION_PAIR
    n_text = len(gain.open_answers(cohort))
    file = Markup("<code>open_answers.csv</code>")
    note = f'<p class="note">{html_text(lab.open_answers, n=n_text, file=file)}</p>'
    asked = {i.id for phase in ("pre", "post") for i in cohort.bank.survey_items(phase)}
    missing = [i for i in (before, after) if i not in asked]
    if missing:
        return f"<p>{html_text(lab.no_item, items=f' {lab.or_word} '.join(missing))}</p>" + note
    pairs = gain.expectation_vs_satisfaction(cohort)
    if pairs.empty:
        return f"<p>{html_text(lab.no_pairs)}</p>" + note
    met = int((pairs[after] >= pairs[before]).sum())
    cross = pd.crosstab(pairs[before], pairs[after]).reset_index()
    cross.columns = [lab.expected_col.format(item=before)] + [
        lab.satisfaction_col.format(point=c) for c in cross.columns[1:]]
    sentence = html_text(lab.met, n=len(pairs), met=met, after=after,
                         after_mean=f"{pairs[after].mean():.1f}", before=before,
                         before_mean=f"{pairs[before].mean():.1f}")
    return f"<p>{sentence}</p>" + table_html(cross, lab.table_caption) + note


def _headline(s: dict, lab: PageLabels) -> str:
    words = lab.headline
    cells = [(words["pairs"], str(s["pairs"])),
             (words["mean_before"], _fmt(s["mean_pre_pct"], 1, lab, "%")),
             (words["mean_after"], _fmt(s["mean_post_pct"], 1, lab, "%")),
             (words["class_gain"], _fmt(s["class_normalised_gain"], 2, lab)),
             (words["individual_gain"], _fmt(s["mean_individual_gain"], 2, lab))]
    return '<div class="headline">' + "".join(
        f"<div>{html.escape(k)}<strong>{html.escape(v)}</strong></div>" for k, v in cells) + "</div>"


def _definitions(language: str | None = None) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(d)}</li>" for d in gain.definitions(language)) + "</ul>"


def _chart(chart: Chart) -> str:
    figure = chart.figure.to_html(full_html=False, include_plotlyjs=False, auto_play=False,
                                  include_mathjax=False, config={"displaylogo": False})
    return f'<figure>{figure}<figcaption>{chart.text_html()}</figcaption></figure>'


def _section(heading: str, body: str) -> str:
    return f"<section><h2>{html.escape(heading)}</h2>{body}</section>"


class Markup(str):
    """A field of :func:`html_text` that is HTML already (``<code>…</code>``), so it is not escaped."""


def html_text(template: str, **fields: object) -> str:
    """A catalogue string as HTML: its words and fields escaped, except :class:`Markup` fields.

    Escaping the translated words too matters: "&" or "<" in a translation must not become markup.
    """
    return html.escape(template).format(**{k: v if isinstance(v, Markup) else html.escape(str(v))
                                           for k, v in fields.items()})


def readable(table: pd.DataFrame, language: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Floats to 2 decimals and column names a reader understands, for an HTML table.

    The CSV files keep their short, stable column names; the page shows ``report.headers``.
    """
    out = table.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(2)
    return out.rename(columns=strings.catalogue(language).section("report.headers"))


def _fmt(value: float | None, digits: int, lab: ReportLabels, unit: str = "") -> str:
    return lab.not_available if value is None else f"{value:.{digits}f}{unit}"
