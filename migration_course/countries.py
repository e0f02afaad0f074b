"""The 11 RCM member countries: codes, names and the one colour each keeps in every chart.

Keeping the colour with the country (not with the trace order) is what lets a learner recognise
Guatemala at a glance from one chart to the next. The palette is Okabe-Ito plus Paul Tol's
muted colours, both designed to stay distinguishable with colour-vision deficiencies; line
charts also give each country its own marker symbol so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    """One RCM member country as the course shows it."""

    iso3: str
    name: str
    un_name: str
    colour: str
    symbol: str
    article: str = ""

    @property
    def prose(self) -> str:
        """The name as it reads inside an English sentence ("the United States")."""
        return f"{self.article} {self.name}".strip()


RCM_COUNTRIES: tuple[Country, ...] = (
    Country("BLZ", "Belize", "Belize", "#E69F00", "circle"),
    Country("CAN", "Canada", "Canada", "#56B4E9", "square"),
    Country("CRI", "Costa Rica", "Costa Rica", "#009E73", "diamond"),
    Country("DOM", "Dominican Republic", "Dominican Republic", "#332288", "cross", "the"),
    Country("SLV", "El Salvador", "El Salvador", "#0072B2", "x"),
    Country("GTM", "Guatemala", "Guatemala", "#D55E00", "triangle-up"),
    Country("HND", "Honduras", "Honduras", "#CC79A7", "triangle-down"),
    Country("MEX", "Mexico", "Mexico", "#000000", "star"),
    Country("NIC", "Nicaragua", "Nicaragua", "#882255", "hexagon"),
    Country("PAN", "Panama", "Panama", "#44AA99", "pentagon"),
    Country("USA", "United States", "United States of America", "#999933", "hourglass", "the"),
)

RCM_ISO3: tuple[str, ...] = tuple(c.iso3 for c in RCM_COUNTRIES)
BY_ISO3: dict[str, Country] = {c.iso3: c for c in RCM_COUNTRIES}


def prose(iso3: str) -> str:
    """An RCM country's name for use inside a sentence; other codes are returned unchanged."""
    return BY_ISO3[iso3].prose if iso3 in BY_ISO3 else iso3


def country(iso3: str) -> Country:
    """Return the RCM country with this ISO3 code, or fail saying which codes exist."""
    try:
        return BY_ISO3[iso3]
    except KeyError:
        raise KeyError(f"{iso3!r} is not an RCM member country; use one of {', '.join(RCM_ISO3)}") from None
