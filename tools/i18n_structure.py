"""The structure two editions of a page must share, and the test of a paragraph's language.

Why structure and not text: a Spanish page is a translation, so its sentences differ, but what the
book computes or links must not: the same code cells (the same charts and glued figures), the same
headings at each level, the same directives, citations, glued values, cross-references and
glossary links. A difference there means the twin has fallen behind its English page (or the
translator dropped something). The language of prose is judged per paragraph by stop words,
which is crude but catches the real failure: an English paragraph left in a Spanish page.

No imports from the project or third parties, so translators can run
``python3 tools/i18n_twin_check.py`` without the course's virtualenv.
"""

from __future__ import annotations

import re
from collections import Counter

# The first code cell of a Spanish page sets the page's language for everything the cells draw.
LANGUAGE_LINES = {"es": 'from migration_course.core.strings import use_language\nuse_language("es")\n'}

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
_FENCE = re.compile(r"^(?:```+|:::+)\{([\w:-]+)\}", re.M)
_HEADING = re.compile(r"^(#{1,6}) \S", re.M)
_ROLE = re.compile(r"\{(glue:text|glue|cite|doc|ref|numref|download)\}`([^`]*)`")
_TERM = re.compile(r"\{term\}`[^`]*`")
_LINK_TARGET = re.compile(r"^\(([\w-]+)\)=$", re.M)
_IMAGE = re.compile(r"(?:\]\(|\{(?:figure|image)\}\s*)([\w./-]+\.(?:svg|png|jpg|jpeg|gif))")

STOP_WORDS = {
    "en": set("the of and to in is that for are with as this by be on it was which from or an not "
              "their they has have were its who these can at more than been".split()),
    "es": set("el la los las de del y en que es por para con una un se su sus como al lo más "
              "son este esta entre sobre también han fue".split()),
}


def code_cells(text: str) -> list[str]:
    """The source of every code cell, in order."""
    return [m.group(1) for m in _CODE_CELL.finditer(text)]


def split_options(cell: str) -> tuple[str, str]:
    """A code cell's MyST options (``:tags: [...]`` lines and the blank line after) and the rest.

    The options must stay the first lines of a cell (below code they would be Python), so the
    language lines of a translated page come right after them.
    """
    lines = cell.splitlines(keepends=True)
    n = 0
    while n < len(lines) and lines[n].startswith(":"):
        n += 1
    if n and n < len(lines) and not lines[n].strip():
        n += 1
    return "".join(lines[:n]), "".join(lines[n:])


def without_code(text: str) -> str:
    """The page with its front matter and fenced code removed (what a reader reads, roughly)."""
    text = _FRONT.sub("", text)
    text = _CODE_CELL.sub("", text)
    return re.sub(r"^```[^\n]*\n.*?^```[ \t]*$", "", text, flags=re.S | re.M)


def outline(text: str) -> dict[str, object]:
    """What must be the same in both editions, read from one page's Markdown."""
    body = without_code(text)
    roles: Counter[str] = Counter()
    for kind, value in _ROLE.findall(body):
        target = value.rsplit("<", 1)[-1].rstrip(">") if "<" in value else value
        roles[f"{{{kind}}}`{target.strip()}`"] += 1
    front = _FRONT.match(text)
    return {
        "front matter": front.group(0) if front else "",
        "headings (levels in order)": [len(h) for h in _HEADING.findall(body)],
        "directives (in order)": _FENCE.findall(text),
        "roles (glue, cite, doc, ref)": roles,
        "glossary links ({term})": len(_TERM.findall(body)),
        "link targets": _LINK_TARGET.findall(body),
        # by file name: a translation may show its own screenshots (images/questionnaires/es/)
        "images": sorted(path.rsplit("/", 1)[-1] for path in _IMAGE.findall(body)),
    }


def differences(english: str, translated: str, language: str = "es") -> list[str]:
    """How a translated page departs from its English page's structure (empty: in step)."""
    problems: list[str] = []
    ours, theirs = code_cells(english), code_cells(translated)
    if theirs and ours:
        options, body = split_options(theirs[0])
        if options != split_options(ours[0])[0]:
            problems.append("the first code cell must keep the English cell's option lines "
                            "(:tags: ...) as its first lines, before the language lines")
        elif not body.startswith(LANGUAGE_LINES[language]):
            problems.append("the first code cell must begin (after its :tags: line) with:\n"
                            + LANGUAGE_LINES[language])
        else:
            theirs = [options + body[len(LANGUAGE_LINES[language]):], *theirs[1:]]
    if len(ours) != len(theirs):
        problems.append(f"{len(theirs)} code cells, the English page has {len(ours)}")
    for number, (a, b) in enumerate(zip(ours, theirs, strict=False), 1):
        if a != b:
            problems.append(f"code cell {number} differs from the English page's:\n{b}")
    want, got = outline(english), outline(translated)
    for what in want:
        if want[what] != got[what]:
            if isinstance(want[what], Counter):
                missing = want[what] - got[what]  # type: ignore[operator]
                extra = got[what] - want[what]  # type: ignore[operator]
                problems.append(f"{what}: missing {dict(missing)}, not in English {dict(extra)}")
            else:
                problems.append(f"{what}: {got[what]!r}, the English page has {want[what]!r}")
    return problems


def paragraphs(text: str) -> list[str]:
    """The prose paragraphs of a page (no code, headings, tables, directives' options)."""
    out = []
    for block in re.split(r"\n\s*\n", without_code(text)):
        lines = [ln for ln in block.strip().splitlines()
                 if ln.strip() and not ln.lstrip().startswith(("#", "|", ":", "```", "(", "<", "%"))]
        prose = re.sub(r"\{[\w:-]+\}`[^`]*`|`[^`]*`|\[[^\]]*\]\([^)]*\)|https?://\S+", " ",
                       " ".join(lines))
        if len(prose.split()) >= 12:
            out.append(prose)
    return out


def stop_word_share(paragraph: str, language: str) -> float:
    """The share of a paragraph's words that are common words of ``language``."""
    words = re.findall(r"[a-záéíóúüñ]+", paragraph.lower())
    return sum(w in STOP_WORDS[language] for w in words) / max(len(words), 1)


def foreign_paragraphs(text: str, language: str = "es", other: str = "en") -> list[str]:
    """Paragraphs of a ``language`` page that read as ``other`` (more of its stop words)."""
    return [p for p in paragraphs(text)
            if stop_word_share(p, other) > stop_word_share(p, language)]
