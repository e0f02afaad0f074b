"""Module III, protection: refugees, asylum-seekers, smuggling and trafficking."""

from __future__ import annotations

from migration_course import datasets
from migration_course.page_facts.common import (
    Facts,
    count,
    latest_refugee_year,
    percent,
    refugees_from,
    rows,
)


def facts() -> dict[str, str]:
    """Every figure module-3.md glues, by glue name."""
    return {**_concept_note(), **_unhcr(), **_northern_central_america()}


def _concept_note() -> dict[str, str]:
    """The concept note's and news items' figures."""
    note = Facts()
    return {
        "m3_note_refugees": note.count("refugees_from_slv_gtm_hnd_nic"),
        "m3_note_asylum": note.count("asylum_seekers_from_slv_gtm_hnd_nic"),
        "m3_note_pct_usa": note.pct("asylum_seekers_from_slv_gtm_hnd_nic_pct_usa"),
        "m3_note_pct_mex": note.pct("asylum_seekers_from_slv_gtm_hnd_nic_pct_mex"),
        "m3_note_pct_region": note.pct("asylum_seekers_from_slv_gtm_hnd_nic_pct_region"),
        "m3_smuggling_low": note.usd_billions("smuggling_revenue_low"),
        "m3_smuggling_high": note.usd_billions("smuggling_revenue_high"),
        "m3_trafficking_victims": note.count("trafficking_victims_identified"),
        "m3_trafficking_minors": note.pct("trafficking_victims_pct_minors"),
        "m3_mex_2020": note.count("mexico_refuge_applications_2020"),
        "m3_mex_may_2021": note.count("mexico_refuge_applications_may_2021"),
        "m3_mex_source": note.cited_source("mexico_refuge_applications_2020"),
    }


def _unhcr() -> dict[str, str]:
    """UNHCR: El Salvador, Guatemala, Honduras and Nicaragua together, then Nicaragua and Mexico."""
    refugees = datasets.load("refugees_by_origin")
    last, reference_date = latest_refugee_year(refugees)
    return {
        "m3_unhcr_refugees_2018": count(refugees_from(refugees, "refugees", 2018)),
        "m3_unhcr_asylum_2018": count(refugees_from(refugees, "asylum_seekers", 2018)),
        "m3_unhcr_asylum_2009": count(refugees_from(refugees, "asylum_seekers", 2009)),
        "m3_unhcr_asylum_2010": count(refugees_from(refugees, "asylum_seekers", 2010)),
        "m3_unhcr_asylum_2012": count(refugees_from(refugees, "asylum_seekers", 2012)),
        "m3_unhcr_asylum_2013": count(refugees_from(refugees, "asylum_seekers", 2013)),
        "m3_last": str(last),
        "m3_last_ref_date": reference_date,
        "m3_unhcr_asylum_last": count(refugees_from(refugees, "asylum_seekers", last)),
        "m3_unhcr_refugees_last": count(refugees_from(refugees, "refugees", last)),
        "m3_nic_asylum_2017": count(refugees_from(refugees, "asylum_seekers", 2017, ("NIC",))),
        "m3_nic_asylum_last": count(refugees_from(refugees, "asylum_seekers", last, ("NIC",))),
        "m3_mex_asylum_last": count(refugees_from(refugees, "asylum_seekers", last, ("MEX",))),
    }


def _northern_central_america() -> dict[str, str]:
    """The range of the United States' share of the emigrants of El Salvador, Guatemala and Honduras."""
    e19 = rows(datasets.load("emigrants_main_destinations"), 2019)
    usa_share = e19[(e19["dest_iso3"] == "USA") & e19["origin_iso3"].isin(["SLV", "GTM", "HND"])]
    return {
        "m3_nca_usa_min": percent(usa_share["pct_of_emigrants"].min(), 0),
        "m3_nca_usa_max": percent(usa_share["pct_of_emigrants"].max(), 0),
    }
