"""The time of a live event in each of the 11 RCM member countries.

Why computed and not typed: the concept note gives times without a time zone, the course assumes
one (``completion.yml``), and summer time moves some countries against it (Canada and the United
States in July, Mexico until it abolished summer time in 2022). ``zoneinfo`` applies the rules in
force on the event's own date, so changing the date or the course's clock changes every table.
Countries that span several zones are shown at their capital's time, and the page says which.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from migration_course.countries import RCM_COUNTRIES, Country

# The IANA zone of each member country's capital (the city's name is in the string catalogue,
# events.capital.<ISO3>). Ottawa keeps Toronto's rules and Washington, D.C. New York's.
CAPITAL_ZONES: dict[str, str] = {
    "BLZ": "America/Belize",
    "CAN": "America/Toronto",
    "CRI": "America/Costa_Rica",
    "DOM": "America/Santo_Domingo",
    "SLV": "America/El_Salvador",
    "GTM": "America/Guatemala",
    "HND": "America/Tegucigalpa",
    "MEX": "America/Mexico_City",
    "NIC": "America/Managua",
    "PAN": "America/Panama",
    "USA": "America/New_York",
}
# Member countries whose territory spans more than one time zone.
SEVERAL_ZONES: frozenset[str] = frozenset({"CAN", "MEX", "USA"})


@dataclass(frozen=True)
class LocalTime:
    """An event's start and end as seen in one member country."""

    country: Country
    starts: dt.datetime
    ends: dt.datetime

    @property
    def several_zones(self) -> bool:
        """True when the country has other zones too (its capital's time is shown)."""
        return self.country.iso3 in SEVERAL_ZONES

    @property
    def utc_offset(self) -> dt.timedelta:
        """The offset from UTC at the start (summer time included)."""
        offset = self.starts.utcoffset()
        assert offset is not None  # aware by construction
        return offset


def member_country_times(starts: dt.datetime, ends: dt.datetime) -> list[LocalTime]:
    """The event (aware start and end) in each member country, in the course's country order."""
    if starts.tzinfo is None or ends.tzinfo is None:
        raise ValueError("member_country_times needs aware datetimes (with a time zone)")
    out = []
    for country in RCM_COUNTRIES:
        zone = ZoneInfo(CAPITAL_ZONES[country.iso3])
        out.append(LocalTime(country, starts.astimezone(zone), ends.astimezone(zone)))
    return out


def country_of_zone(zone: str) -> Country | None:
    """The member country whose capital keeps this zone (to name the course's clock), if any."""
    for country in RCM_COUNTRIES:
        if CAPITAL_ZONES[country.iso3] == zone:
            return country
    return None


def utc_offset_label(offset: dt.timedelta) -> str:
    """'UTC−6', 'UTC−4', 'UTC+5:30' (a true minus sign, as typeset)."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
