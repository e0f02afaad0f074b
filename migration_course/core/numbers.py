"""Numbers written the way readers of each edition write them.

Why one module: the same figure appears in a sentence, a table cell, a chart's hover text and
its axis; a reader who sees "1,306.5" in the text and "1 306,5" in the chart stops trusting
both. Every number the course prints goes through :func:`number` (and :func:`percent_text`).

The conventions (the style guide in the README states them for authors):

- English: ``1,306`` and ``47.9%`` (thousands comma, decimal point, no space before ``%``).
- Spanish: decimal point, thousands grouped with a non-breaking space from five digits on
  (``12 500``, ``1306``), a non-breaking space before ``%`` (``47.9 %``). This follows the
  Ortografía of the Real Academia Española and ASALE (2010), which recommends the space for
  grouping and accepts the point for decimals, and it is the one choice no reader of the region
  misreads: Mexico, Central America and the Dominican Republic write the decimal point, Costa
  Rica the decimal comma, so a grouping comma or point would be read as a decimal by one of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from migration_course.core import strings

NBSP = "\u00a0"


@dataclass(frozen=True)
class NumberStyle:
    """How one language writes numbers (plotly's ``separators`` is decimal + thousands)."""

    decimal: str
    thousands: str
    min_grouped: int  # the smallest absolute whole part that gets thousands separators
    percent: str  # what joins a number to "%"

    @property
    def plotly_separators(self) -> str:
        """plotly.js ``layout.separators``: its d3 formats group only from five digits too."""
        return self.decimal + self.thousands


STYLES: dict[str, NumberStyle] = {
    "en": NumberStyle(decimal=".", thousands=",", min_grouped=1000, percent="%"),
    "es": NumberStyle(decimal=".", thousands=NBSP, min_grouped=10_000, percent=NBSP + "%"),
}


def style(language: str) -> NumberStyle:
    """The number style of ``language``; English for a language with none of its own."""
    return STYLES.get(language, STYLES["en"])


def number(value: float, places: int = 0, language: str = "en") -> str:
    """``value`` with ``places`` decimals, grouped and separated as ``language`` writes it."""
    rule = style(language)
    text = f"{value:,.{places}f}"
    if abs(value) < rule.min_grouped:
        text = text.replace(",", "")
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", rule.thousands)
    return whole + (rule.decimal + fraction if fraction else "")


def percent_text(digits_text: str, language: str = "en") -> str:
    """A number already written (``"47.9"``) followed by the percent sign, as ``language`` does."""
    return digits_text + style(language).percent


def long_date(day: dt.date, language: str | None = None) -> str:
    """A date as a reader writes it: '21 August 2020', '21 de agosto de 2020'.

    Month names and the order come from the catalogue (``certificate.date``, ``certificate.months``),
    never from the machine's locale, which a server or a CI runner rarely has in Spanish. One
    function for the certificate, the certificate page and the hub's times.
    """
    cat = strings.catalogue(language)
    return cat.text("certificate.date", day=day.day, month=cat.text(f"certificate.months.{day.month}"),
                    year=day.year)
