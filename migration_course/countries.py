"""The 11 RCM member countries: codes, names and the one colour each keeps in every chart.

Keeping the colour with the country (not with the trace order) is what lets a learner recognise
Guatemala at a glance from one chart to the next. The palette is Okabe-Ito plus Paul Tol's
muted colours, both designed to stay distinguishable with colour-vision deficiencies; line
charts also give each country its own marker symbol so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from migration_course.core import strings


@dataclass(frozen=True)
class Country:
    """One RCM member country as the course shows it."""

    iso3: str
    english: str  # the short English name; rosters and Zoom exports are matched on it
    un_name: str
    colour: str
    symbol: str

    @property
    def name(self) -> str:
        """The name in the current language, as tables and legends print it ("México")."""
        return place_name(self.iso3)

    @property
    def prose(self) -> str:
        """The name as it reads inside a sentence ("the United States", "la República Dominicana")."""
        return in_sentence(self.name)


RCM_COUNTRIES: tuple[Country, ...] = (
    Country("BLZ", "Belize", "Belize", "#E69F00", "circle"),
    Country("CAN", "Canada", "Canada", "#56B4E9", "square"),
    Country("CRI", "Costa Rica", "Costa Rica", "#009E73", "diamond"),
    Country("DOM", "Dominican Republic", "Dominican Republic", "#332288", "cross"),
    Country("SLV", "El Salvador", "El Salvador", "#0072B2", "x"),
    Country("GTM", "Guatemala", "Guatemala", "#D55E00", "triangle-up"),
    Country("HND", "Honduras", "Honduras", "#CC79A7", "triangle-down"),
    Country("MEX", "Mexico", "Mexico", "#000000", "star"),
    Country("NIC", "Nicaragua", "Nicaragua", "#882255", "hexagon"),
    Country("PAN", "Panama", "Panama", "#44AA99", "pentagon"),
    Country("USA", "United States", "United States of America", "#999933", "hourglass"),
)

RCM_ISO3: tuple[str, ...] = tuple(c.iso3 for c in RCM_COUNTRIES)
BY_ISO3: dict[str, Country] = {c.iso3: c for c in RCM_COUNTRIES}

# Endings of country names that English reads with "the": a union or a form of state ("the United
# Kingdom", "the Russian Federation", "the Czech Republic") or a group of islands.
_THE_ENDINGS = ("Republic", "Federation", "Kingdom", "States", "Emirates", "Islands")
# Country names that are plural in form, which English also reads with "the".
_THE_PLURALS = frozenset({"Bahamas", "Comoros", "Gambia", "Maldives", "Netherlands", "Philippines",
                          "Seychelles"})


def prose(iso3: str) -> str:
    """An RCM country's name for use inside a sentence; other codes are returned unchanged."""
    return BY_ISO3[iso3].prose if iso3 in BY_ISO3 else iso3


def place_name(code: str, language: str | None = None) -> str:
    """A country's or region's name in ``language`` (default: the page's), from ``places.yml``."""
    return strings.text(f"places.name.{code}", language)


def in_sentence(name: str, language: str | None = None) -> str:
    """A country's name, as the tables print it, the way it reads inside a sentence.

    Why one rule: the module pages glue names picked from the data ("the country with the
    highest share") into running text, and the pages used to decide the article each in their
    own way. A name of the catalogue (``places.yml``) takes the article its language gives it
    there ("the United States", "la República Dominicana"). An English name the catalogue does
    not know takes "the" when it names a union or form of state ("the United Kingdom") or is
    plural ("the Netherlands"); one that carries its qualifier in brackets, as UN DESA prints
    "Venezuela (Bolivarian Republic of)", is left as it is.
    """
    cat = strings.catalogue(language)
    code = next((c for c, n in cat.section("places.name").items() if n == name), None)
    sentence = cat.section("places.in_sentence")
    if code in sentence:
        return sentence[code]
    if code is not None or cat.language != "en":
        return name
    takes_the = name.startswith("United ") or name.endswith(_THE_ENDINGS) or name in _THE_PLURALS
    return f"the {name}" if takes_the and "(" not in name else name


def country(iso3: str) -> Country:
    """Return the RCM country with this ISO3 code, or fail saying which codes exist."""
    try:
        return BY_ISO3[iso3]
    except KeyError:
        raise KeyError(f"{iso3!r} is not an RCM member country; use one of {', '.join(RCM_ISO3)}") from None
