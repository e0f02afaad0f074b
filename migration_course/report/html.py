"""The learning-gain report as one self-contained HTML file that works offline.

The file is meant to travel by e-mail to the RCM Technical Secretariat and the focal points,
who may open it on a plane or behind a firewall: plotly.js is embedded once (no CDN), every
chart is followed by its text summary and data table (the course's accessibility rule), and
it holds aggregates only. Participant-level rows and open answers go to private CSV files,
never into this page, so forwarding it cannot leak who scored what.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from migration_course.charts.base import Chart, house_layout, table_html
from migration_course.report import gain
from migration_course.report.gain import Cohort

PRE, POST = "#E69F00", "#0072B2"  # Okabe-Ito orange / blue: distinguishable for everyone
SOURCE = ("Pre- and post-questionnaires of the RCM Migration Policy Training Program, "
          "verified scores from the answers files (rcm-course grade)")
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


def render(cohort: Cohort, title: str, generated: dt.date | None = None,
           extra_sections: list[tuple[str, str]] | None = None) -> str:
    """The whole report page. ``extra_sections`` are (heading, HTML) pairs added at the end."""
    generated = generated or dt.date.today()
    summary = gain.cohort_summary(cohort)
    parts = [
        f"<h1>{html.escape(title)}: learning gain and satisfaction</h1>",
        f'<p class="note">Generated {generated.isoformat()}. Aggregates only: no names, no '
        f"participant IDs. Groups of fewer than {gain.MIN_GROUP} people are suppressed.</p>",
        _section("Who took part", table_html(readable(gain.responses(cohort)),
                                             "Participation at each step")),
        _section("Knowledge before and after", _headline(summary)
                 + _chart(score_chart(cohort))),
        _section("Gain by module", _chart(module_chart(cohort))
                 + table_html(readable(gain.outcomes_by(cohort, "objective")),
                              "Score before and after by learning objective (matched pairs)")),
        _section("Item difficulty before and after", _chart(item_chart(cohort))),
        _section("By country and institution type", _chart(group_chart(cohort, "country"))
                 + _chart(group_chart(cohort, "institution_type"))),
        _section("Expectations, satisfaction and intended use", _chart(likert_chart(cohort))
                 + _expectations(cohort)),
        *(_section(heading, body) for heading, body in extra_sections or []),
        _section("How these figures are computed", _definitions()),
    ]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}: learning-gain report</title><style>{CSS}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head>'
        f"<body><main>{''.join(parts)}</main></body></html>"
    )


# -- charts: each a Chart with its summary and table ------------------------------------------
def score_chart(cohort: Cohort) -> Chart:
    """Distribution of knowledge scores of the matched pairs, before and after."""
    table = gain.participants(cohort)
    pairs = table[table["participant"].isin(cohort.matched())]
    s = gain.cohort_summary(cohort)
    fig = go.Figure()
    for label, column, colour in (("Before", "pre_pct", PRE), ("After", "post_pct", POST)):
        fig.add_trace(_box(pairs[column], label, colour))
    house_layout(fig, title="Knowledge score before and after the programme",
                 x_title="Questionnaire", y_title="Knowledge score (% of points)", source=SOURCE)
    fig.update_yaxes(range=[0, 105])
    bands = pd.cut(pairs["pre_pct"], range(0, 101, 20), include_lowest=True, right=False)
    after = pd.cut(pairs["post_pct"], range(0, 101, 20), include_lowest=True, right=False)
    dist = pd.DataFrame({"Score band (%)": [str(b) for b in bands.cat.categories],
                         "Before": bands.value_counts(sort=False).to_list(),
                         "After": after.value_counts(sort=False).to_list()})
    if s["pairs"]:
        text = (f"{s['pairs']} participants answered both questionnaires. Their mean knowledge "
                f"score rose from {s['mean_pre_pct']:.1f}% before to {s['mean_post_pct']:.1f}% "
                f"after; the class-average normalised gain is "
                f"{_fmt(s['class_normalised_gain'], 2)}.")
    else:
        text = "No participant has a graded questionnaire both before and after yet."
    return Chart(fig, text, dist, SOURCE, "Participants per score band (100% counted in the top band)")


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


def module_chart(cohort: Cohort) -> Chart:
    """Mean score per module before and after (matched pairs)."""
    table = gain.outcomes_by(cohort, "module")
    fig = go.Figure([go.Bar(x=table["module"], y=table[col], name=name, marker_color=colour,
                            hovertext=table["title"])
                     for name, col, colour in (("Before", "pre_pct", PRE),
                                               ("After", "post_pct", POST))])
    house_layout(fig, title="Knowledge score by module, before and after",
                 x_title="Module", y_title="Mean score (% of the module's points)", source=SOURCE)
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 100])
    text = "No matched pairs yet."
    valid = table.dropna(subset=["normalised_gain"])
    if len(valid):
        best = valid.loc[valid["normalised_gain"].idxmax()]
        worst = valid.loc[valid["normalised_gain"].idxmin()]
        text = (f"Across {len(table)} modules, the largest normalised gain was in {best['title']} "
                f"({best['normalised_gain']:.2f}: {best['pre_pct']:.0f}% to {best['post_pct']:.0f}%) "
                f"and the smallest in {worst['title']} ({worst['normalised_gain']:.2f}: "
                f"{worst['pre_pct']:.0f}% to {worst['post_pct']:.0f}%).")
    return Chart(fig, text, readable(table), SOURCE, "Score before and after by module")


def item_chart(cohort: Cohort) -> Chart:
    """Share answering each item correctly, before and after: a dumbbell per item."""
    table = gain.items(cohort)
    fig = go.Figure()
    for _, row in table.iterrows():
        fig.add_trace(go.Scatter(x=[row["correct_pre_pct"], row["correct_post_pct"]],
                                 y=[row["item"]] * 2, mode="lines", showlegend=False,
                                 line={"color": "#999"}, hoverinfo="skip"))
    for name, col, colour, symbol in (("Before", "correct_pre_pct", PRE, "circle"),
                                      ("After", "correct_post_pct", POST, "diamond")):
        fig.add_trace(go.Scatter(x=table[col], y=table["item"], mode="markers", name=name,
                                 marker={"color": colour, "size": 10, "symbol": symbol},
                                 hovertext=table["question"]))
    house_layout(fig, title="Share answering each question correctly",
                 x_title="Answered correctly (% of graded respondents)", y_title="Item",
                 source=SOURCE, height=max(420, 22 * len(table) + 200))
    fig.update_xaxes(range=[0, 100])
    fig.update_yaxes(autorange="reversed", tickformat="")
    text = "No graded questionnaire yet."
    valid = table.dropna(subset=["change_points"])
    if len(valid):
        hardest = valid.loc[valid["correct_post_pct"].idxmin()]
        fell = valid[valid["change_points"] < 0]
        text = (f"{len(valid)} items. After the programme the hardest item was {hardest['item']} "
                f"({hardest['correct_post_pct']:.0f}% correct). "
                f"{len(fell)} item(s) were answered correctly less often after than before"
                + (f": {', '.join(fell['item'])}." if len(fell) else "."))
    shown = table[["item", "module", "objective", "n_pre", "correct_pre_pct", "n_post",
                   "correct_post_pct", "change_points"]]
    return Chart(fig, text, readable(shown), SOURCE, "Share correct per item before and after")


def group_chart(cohort: Cohort, column: str) -> Chart:
    """Mean scores before and after per country or institution type (small groups suppressed)."""
    table = gain.by_group(cohort, column)
    name = "country" if column == "country" else "institution type"
    shown = table[table["note"] == ""]
    fig = go.Figure([go.Bar(x=shown["group"], y=shown[col], name=label, marker_color=colour)
                     for label, col, colour in (("Before", "pre_pct", PRE),
                                                ("After", "post_pct", POST))])
    house_layout(fig, title=f"Knowledge score by {name}, before and after",
                 x_title=name.capitalize(), y_title="Mean score (%)", source=SOURCE)
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 100])
    hidden = table[table["note"] != ""]
    text = (f"{len(shown)} {name} groups with at least {gain.MIN_GROUP} matched participants are "
            f"shown; {len(hidden)} smaller group(s) are suppressed"
            + (f" ({', '.join(hidden['group'])})." if len(hidden) else "."))
    if len(shown):
        top = shown.loc[shown["normalised_gain"].idxmax()]
        text += f" Highest class gain: {top['group']} ({top['normalised_gain']:.2f})."
    return Chart(fig, text, readable(table), SOURCE, f"Scores by {name} (matched pairs)")


def likert_chart(cohort: Cohort) -> Chart:
    """Every rating question as a stacked bar of its five answers."""
    table = gain.likert(cohort)
    labels = ["<br>".join(textwrap.wrap(f"{r.item} ({r.phase}): {r.question}", 48)[:2])
              for r in table.itertuples()]
    names = ("1 (lowest)", "2", "3", "4", "5 (highest)")
    fig = go.Figure([go.Bar(y=labels, x=table[str(point)] if len(table) else [], name=name,
                            orientation="h", marker_color=colour)
                     for point, name, colour in zip(range(1, 6), names, LIKERT_COLOURS,
                                                    strict=True)])
    house_layout(fig, title="Ratings before (expectations) and after (satisfaction, use)",
                 x_title="Respondents", y_title="", source=SOURCE, height=460)
    fig.update_layout(barmode="stack", margin={"l": 380})
    fig.update_yaxes(autorange="reversed", tickformat="")
    parts = [f"{r.item} ({r.phase}) mean {r.mean:.1f} of 5 from {r.respondents} answers"
             for r in table.itertuples() if r.mean is not None and not pd.isna(r.mean)]
    text = ("; ".join(parts) + ".") if parts else "No ratings collected yet."
    shown = table.drop(columns=["section"])
    return Chart(fig, text, readable(shown), SOURCE, "Answers to each rating question")


# -- small pieces ---------------------------------------------------------------------------
def _expectations(cohort: Cohort) -> str:
    before, after = gain.EXPECTATION_PAIR
    n_text = len(gain.open_answers(cohort))
    note = (f'<p class="note">{n_text} open-text answers were collected; they are in the private '
            "file <code>open_answers.csv</code>, not in this page.</p>")
    asked = {i.id for phase in ("pre", "post") for i in cohort.bank.survey_items(phase)}
    missing = [i for i in (before, after) if i not in asked]
    if missing:
        return (f"<p>The question bank has no rating item {' or '.join(missing)}, so expected "
                "usefulness and satisfaction are not set side by side.</p>" + note)
    pairs = gain.expectation_vs_satisfaction(cohort)
    if pairs.empty:
        return ("<p>No participant rated both expected usefulness and satisfaction yet.</p>"
                + note)
    met = int((pairs[after] >= pairs[before]).sum())
    cross = pd.crosstab(pairs[before], pairs[after]).reset_index()
    cross.columns = [f"Expected usefulness ({before})"] + [
        f"Satisfaction {c}" for c in cross.columns[1:]]
    return (f"<p>Of {len(pairs)} participants who rated both, {met} rated their satisfaction "
            f"after ({after}, mean {pairs[after].mean():.1f}) at least as high as the usefulness "
            f"they expected before ({before}, mean {pairs[before].mean():.1f}).</p>"
            + table_html(cross, "Expected usefulness before (rows) by satisfaction after "
                                "(columns), number of participants") + note)


def _headline(s: dict) -> str:
    cells = [("Matched pairs", str(s["pairs"])),
             ("Mean score before", _fmt(s["mean_pre_pct"], 1, "%")),
             ("Mean score after", _fmt(s["mean_post_pct"], 1, "%")),
             ("Class normalised gain", _fmt(s["class_normalised_gain"], 2)),
             ("Mean individual gain", _fmt(s["mean_individual_gain"], 2))]
    return '<div class="headline">' + "".join(
        f"<div>{html.escape(k)}<strong>{html.escape(v)}</strong></div>" for k, v in cells) + "</div>"


def _definitions() -> str:
    return "<ul>" + "".join(f"<li>{html.escape(d)}</li>" for d in gain.DEFINITIONS) + "</ul>"


def _chart(chart: Chart) -> str:
    figure = chart.figure.to_html(full_html=False, include_plotlyjs=False, auto_play=False,
                                  include_mathjax=False, config={"displaylogo": False})
    return f'<figure>{figure}<figcaption>{chart.text_html()}</figcaption></figure>'


def _section(heading: str, body: str) -> str:
    return f"<section><h2>{html.escape(heading)}</h2>{body}</section>"


# Column names stay short and stable in the CSV files; people read these in the page.
HEADERS = {
    "step": "Step", "participants": "Participants", "share_of_roster_pct": "% of roster",
    "module": "Module", "objective": "Objective", "title": "Title", "items": "Items",
    "pairs": "Matched pairs", "pre_pct": "Before (%)", "post_pct": "After (%)",
    "normalised_gain": "Normalised gain", "item": "Item", "n_pre": "Respondents before",
    "correct_pre_pct": "Correct before (%)", "n_post": "Respondents after",
    "correct_post_pct": "Correct after (%)", "change_points": "Change (points)",
    "group": "Group", "note": "Note", "phase": "Questionnaire", "question": "Question",
    "respondents": "Respondents", "mean": "Mean (1-5)", "scale": "Scale", "session": "Session",
    "date": "Date", "scheduled_min": "Scheduled (min)", "threshold_min": "Threshold (min)",
    "present": "Present", "present_pct": "Present (% of roster)",
    "median_min_connected": "Median minutes connected", "not met": "Requirement not met",
}


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """Floats to 2 decimals and column names a reader understands, for an HTML table."""
    out = table.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(2)
    return out.rename(columns=HEADERS)


def _fmt(value: float | None, digits: int, unit: str = "") -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"
