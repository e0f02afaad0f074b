"""One A4 landscape Certificate of Achievement per participant, as a PDF.

Names are printed exactly as on the roster ("Íñigo Peña Núñez", "Nguyễn Thị Hồng"), so the
PDF embeds a Unicode TrueType font (DejaVu Sans from Debian's ``fonts-dejavu-core``) instead of
the core PDF fonts, which only know Latin-1. A font has no glyph for every script, and fpdf2
would silently print a blank box, so each name is checked against the font first: a name that
cannot be printed fails that one certificate with a clear reason, never the whole batch.

The certificate's own words (its heading, the sentences, the date with its month name) come
from the string catalogue (``strings/<language>/certificate.yml``) through
:class:`CertificateLabels`, so a certificate in another language needs no change here.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from migration_course.core.completion import Programme
from migration_course.core.errors import UserError
from migration_course.core.numbers import long_date
from migration_course.core.strings import DEFAULT_LANGUAGE, FROM_CATALOGUE, Labels

FONT_DIR_ENV = "RCM_CERT_FONT_DIR"
DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
NAVY, GREY = (22, 48, 92), (90, 90, 90)


class CertificateError(UserError, RuntimeError):
    """A certificate cannot be produced; the message says why and what to do."""


@dataclass(frozen=True)
class CertificateLabels(Labels):
    """Everything the certificate prints that is not the programme's or the person's own words."""

    SECTION: ClassVar[str] = "certificate"
    heading: str = FROM_CATALOGUE
    awarded_to: str = FROM_CATALOGUE
    completing: str = FROM_CATALOGUE
    dates: str = FROM_CATALOGUE
    verification_code: str = FROM_CATALOGUE
    verify: str = FROM_CATALOGUE
    date: str = FROM_CATALOGUE
    months: dict[str, str] = FROM_CATALOGUE  # "1" (January) to "12"
    document_title: str = FROM_CATALOGUE
    subject: str = FROM_CATALOGUE


def font_files() -> dict[str, Path]:
    """Style -> font file; raise with the install command if a file is missing."""
    folder = Path(os.environ.get(FONT_DIR_ENV) or DEFAULT_FONT_DIR)
    files = {style: folder / name for style, name in FONTS.items()}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise CertificateError(f"font not found: {', '.join(missing)}; run `apt-get install "
                               f"fonts-dejavu-core` or set {FONT_DIR_ENV} to a folder with "
                               f"{' and '.join(FONTS.values())}")
    return files


@functools.lru_cache(maxsize=4)
def _codepoints(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def uncovered(text: str, font: Path) -> list[str]:
    """Characters of ``text`` (NFC) that ``font`` has no glyph for, in order, once each."""
    points = _codepoints(Path(font))
    return list(dict.fromkeys(c for c in unicodedata.normalize("NFC", text)
                              if ord(c) not in points))


def render(dest: Path, full_name: str, country: str, programme: Programme, code: str,
           issued_on: dt.date, language: str = DEFAULT_LANGUAGE) -> Path:
    """Write the certificate of ``full_name`` in ``language`` to ``dest``; CertificateError if unprintable.

    Only what the certificate shows is passed in (no e-mail, no institution), so personal data
    that does not belong on it cannot leak into the text or the metadata.
    """
    words = CertificateLabels(language=language)
    fonts = font_files()
    name = unicodedata.normalize("NFC", full_name).strip()
    bad = uncovered(name, fonts["B"])
    if bad:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in bad)
        raise CertificateError(f"the name contains characters the certificate font cannot "
                               f"print: {shown}; put a printable spelling in the roster or set "
                               f"{FONT_DIR_ENV} to a font that covers them")
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(30, 20, 30)
    for style, path in fonts.items():
        pdf.add_font("DejaVu", style, str(path))
    pdf.set_title(words.document_title.format(heading=words.heading, programme=programme.title))
    pdf.set_subject(words.subject.format(name=name))
    pdf.set_author(programme.organiser)
    pdf.set_creator("rcm-course certificates")
    pdf.set_creation_date(dt.datetime.combine(issued_on, dt.time(), dt.UTC))
    pdf.add_page()
    _frame(pdf)

    def line(text: str, size: float, style: str = "", colour: tuple = GREY, gap: float = 0,
             height: float | None = None) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(0, height or size * 0.5, text, align="C", new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
        pdf.ln(gap)

    pdf.set_y(30)
    line(programme.organiser.upper(), 11, gap=7)
    line(words.heading, 34, "B", NAVY, 3)
    line(programme.title, 17, colour=NAVY, gap=10)
    line(words.awarded_to, 12, gap=3)
    pdf.set_font("DejaVu", "B", 28)
    size = 28 * min(1.0, (pdf.epw - 10) / pdf.get_string_width(name))
    line(name, max(size, 14), "B", (0, 0, 0), 2, height=14)  # long names shrink, not wrap
    line(country, 15, gap=8)
    line(words.completing.format(activities=programme.activities), 12.5, gap=4, height=6.5)
    line(words.dates.format(dates=programme.dates, issued=_long(issued_on, words)), 12)
    pdf.set_draw_color(*NAVY)
    pdf.line(pdf.w / 2 - 40, 160, pdf.w / 2 + 40, 160)
    pdf.set_y(166)
    line(words.verification_code.format(code=code), 13, "B", NAVY, 2)
    line(words.verify.format(organiser=programme.organiser), 9.5)
    dest.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(dest))
    return dest


def _frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)


def _long(day: dt.date, words: CertificateLabels) -> str:
    """'21 August 2020': month names from the catalogue, never from the machine's locale."""
    return long_date(day, words.language)
