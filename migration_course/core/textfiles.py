"""Decode and compare text that participants and focal points produce on any system.

Spreadsheets exported on Windows are often Windows-1252; a notebook re-saved by some editors
is UTF-16 with a byte-order mark. Both are readable without guessing, so we read them and say
so, rather than reject a participant's work for a setting they never chose.
"""

from __future__ import annotations

import re
import unicodedata


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding used). Tries UTF-16 (with BOM), UTF-8, then Windows-1252."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key ("México" -> "mexico").

    Names and headers typed by people (rosters, meeting reports, spreadsheets) are compared
    through this one function, so "GARCÍA, Ana" and "ana garcia" meet everywhere alike.
    """
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())
