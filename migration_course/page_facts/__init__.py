"""The figures the module and book pages quote in their prose, computed once, here.

Why not in the pages: a page's prose says "{glue:text}`m1_world_growth`" and a content author
editing that sentence should not have to read the pandas that computed it. Each page has one
module here whose ``facts()`` returns every glued name with the exact text it shows; a page then
opens with ``page_facts.glue_page("M1")``. Tables a page shows are one call as well
(``page_facts.module_2.table2_check()``), their captions and headers in the string catalogue
(``strings/en/page.yml``). The formats several pages share live once, in :mod:`.common`, and
country names in running text follow :func:`migration_course.countries.in_sentence`.
"""

from __future__ import annotations

from collections.abc import Callable

from migration_course.page_facts import (
    certificate,
    data_sources,
    module_1,
    module_2,
    module_3,
    module_4,
    module_5,
    module_6,
    region_at_a_glance,
)

__all__ = ["PAGES", "certificate", "data_sources", "facts", "glue_page", "module_1", "module_2",
           "module_3", "module_4", "module_5", "module_6", "region_at_a_glance"]

# Page ID -> the function computing its glued figures. Modules use their ID in
# modules/learning_objectives.yml; book pages the name of their file.
PAGES: dict[str, Callable[[], dict[str, str]]] = {
    "M1": module_1.facts,
    "M2": module_2.facts,
    "M3": module_3.facts,
    "M4": module_4.facts,
    "M5": module_5.facts,
    "M6": module_6.facts,
    "region-at-a-glance": region_at_a_glance.facts,
}


def facts(page: str) -> dict[str, str]:
    """Glue name -> text of every figure ``page`` quotes; every text is a non-empty string.

    The check is here and not only in a test because a number glued by mistake (not text) would
    be shown by the book as its Python representation, and an empty one would vanish silently.
    """
    try:
        compute = PAGES[page]
    except KeyError:
        raise KeyError(f"no page facts for {page!r}; known pages: {', '.join(PAGES)}") from None
    found = compute()
    wrong = [name for name, value in found.items() if not isinstance(value, str) or not value.strip()]
    if wrong:
        raise ValueError(f"page {page!r}: glued figures that are not non-empty text: {', '.join(wrong)}")
    return found


def glue_page(page: str) -> None:
    """Glue every figure of ``page`` for ``{glue:text}`` (in a notebook; myst_nb is the book's)."""
    from myst_nb import glue

    for name, value in facts(page).items():
        glue(name, value, display=False)
