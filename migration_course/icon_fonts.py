"""Cut the theme's Font Awesome webfonts down to the icons the built site shows.

Why: pydata-sphinx-theme ships Font Awesome's solid and brands fonts whole (2,000 icons, 270 KB
as woff2) and a page asks for both as soon as it draws its first navbar icon, so a text-only
page cost a reader 455 KB, 60% of it fonts, on a link where 250 KB is the budget. The site shows
a few dozen icons: the ``fa-*`` classes in its pages and scripts, and the theme's own icons, which
its stylesheet writes as characters in ``--pst-icon-*`` variables and ``content:``. After the
build, each font keeps those glyphs only (same file names, same ``@font-face`` rules), so the
theme works as before and every icon it can draw on this site is still there.
"""

from __future__ import annotations

import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

WEBFONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
CSS_ESCAPE = re.compile(r'"\\([ef][0-9a-f]{3})"')
# `.fa-github:before{content:"\f09b"}` and aliases `.fa-a:before,.fa-b:before{...}`
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:"\\([0-9a-f]{4,5})"\}')
ICON_NAME = re.compile(r"\.fa-([a-z0-9-]+):")
CLASS_TOKEN = re.compile(r"\bfa-([a-z0-9-]+)")


def icon_classes(css: str) -> tuple[dict[str, int], str]:
    """Font Awesome's ``.fa-NAME:before`` rules as name -> code point, and the CSS without them."""
    names: dict[str, int] = {}
    for match in ICON_RULE.finditer(css):
        for name in ICON_NAME.findall(match.group(1)):
            names[name] = int(match.group(2), 16)
    return names, ICON_RULE.sub("", css)


def code_points_in_use(outdir: Path) -> set[int]:
    """Every icon the site can draw: classes its pages and scripts use, and the theme CSS's own."""
    names: dict[str, int] = {}
    theme_points: set[int] = set()
    for css_file in (outdir / "_static").rglob("*.css"):
        found, rest = icon_classes(css_file.read_text(encoding="utf-8", errors="ignore"))
        names.update(found)
        theme_points |= {ord(ch) for ch in PRIVATE_USE.findall(rest)}
        theme_points |= {int(code, 16) for code in CSS_ESCAPE.findall(rest)}
    used: set[str] = set()
    for source in [*outdir.rglob("*.html"), *(outdir / "_static").rglob("*.js")]:
        used |= set(CLASS_TOKEN.findall(source.read_text(encoding="utf-8", errors="ignore")))
    return theme_points | {names[name] for name in used if name in names}


def subset_font(path: Path, code_points: set[int]) -> None:
    """Keep only ``code_points`` in the font at ``path``, written back in its own format."""
    font = TTFont(path)
    keep = code_points & set(font.getBestCmap())
    options = subset.Options()
    options.flavor = "woff2" if path.suffix == ".woff2" else None
    options.layout_features = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(keep))
    subsetter.subset(font)
    font.flavor = options.flavor
    font.save(path)


def subset_icon_fonts(outdir: Path) -> dict[str, int]:
    """Subset every Font Awesome webfont of a built site; return each file's new size."""
    fonts = outdir / WEBFONTS
    if not fonts.is_dir():
        return {}
    code_points = code_points_in_use(outdir)
    sizes = {}
    for path in sorted([*fonts.glob("*.woff2"), *fonts.glob("*.ttf")]):
        subset_font(path, code_points)
        sizes[path.name] = path.stat().st_size
    return sizes
