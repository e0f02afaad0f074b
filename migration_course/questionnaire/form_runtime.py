"""The clickable answer form that runs inside the questionnaire notebooks.

This file is copied verbatim into the first (hidden, read-only) cell of each generated
notebook, so participants need nothing installed beyond Jupyter and ipywidgets: not this
package. Each click is written at once to a small JSON file beside the notebook
(``<assignment>_answers.json``), so answers survive a closed tab, a restarted kernel and the
nbgrader submit, which copies every file of the assignment folder. If the widgets cannot be
shown, every question says how to type the answer instead (``record("K-M1-01", "B")``).

What the form says comes from the string catalogue (``questionnaire.form`` in
``migration_course/strings/<language>/questionnaire.yml``): the generator writes those strings
of the notebook's language into the setup cell as ``TEXT``, since this package is not there
to read them from when the form runs.

The instructor pipeline never trusts what this code computes at grading time: it reads the
JSON file itself (see :mod:`migration_course.questionnaire.answers`).
"""

import datetime as _dt
import json as _json
import os as _os
from pathlib import Path as _Path

# While nbgrader grades (in the grading sandbox, which sets RCM_GRADING=1) nobody sees the form:
# drawing its widgets would only cost time, so questions stay silent and only answer() counts.
_GRADING = _os.environ.get("RCM_GRADING") == "1"
_w = None
if not _GRADING:
    try:
        import ipywidgets as _w
        from IPython.display import display as _display
    except ImportError:  # the form falls back to typed answers
        _w = None

TEXT: dict = {}  # message name -> words in the notebook's language; appended by the generator
ANSWERS_FILE = "answers.json"  # the generator appends the assignment's own file name
ITEMS: dict = {}  # item ID -> "choice" | "likert" | "text"; appended by the generator
_LETTERS = ("A", "B", "C", "D")


def _load() -> dict:
    """Saved answers; a damaged file is moved aside, never silently overwritten."""
    path = _Path(ANSWERS_FILE)
    try:
        data = _json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError:
        backup = path.with_name(path.name + ".damaged")
        path.replace(backup)
        print(TEXT["damaged"].format(file=backup.name))
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    return answers if isinstance(answers, dict) else {}


def _valid(item_id: str, value: object) -> object:
    kind = ITEMS.get(item_id)
    if kind is None:
        raise ValueError(TEXT["unknown_item"].format(item_id=item_id))
    if kind == "choice":
        letter = str(value).strip().upper()
        if letter not in _LETTERS:
            raise ValueError(TEXT["need_letter"].format(item_id=item_id))
        return letter
    if kind == "likert":
        if str(value).strip() not in {"1", "2", "3", "4", "5"}:
            raise ValueError(TEXT["need_rating"].format(item_id=item_id))
        return int(str(value).strip())
    return str(value)


def record(item_id: str, value: object) -> None:
    """Save one answer at once (also the typed fallback: ``record("K-M1-01", "B")``)."""
    answers = _load()
    answers[item_id] = _valid(item_id, value)
    payload = {"answers": answers, "saved_at": _dt.datetime.now().isoformat(timespec="seconds")}
    path = _Path(ANSWERS_FILE)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(_json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True),
                   encoding="utf-8")
    _os.replace(tmp, path)  # atomic: a crash never leaves half a file


def answer(item_id: str) -> object:
    """The saved answer to one item, or None."""
    return _load().get(item_id)


def _status(value: object) -> str:
    if value in (None, ""):
        return f"<i>{TEXT['status_empty']}</i>"
    return f"<span style='color:#1b5e20'>&#10004; {TEXT['status_saved'].format(value=value)}</span>"


def _show(item_id: str, control: object, typed: str) -> None:
    """The control and its saved/not-saved line; without widgets, the ``TEXT[typed]`` way to type."""
    if _GRADING:
        return
    if _w is None:
        print(TEXT["no_widgets"].format(how=TEXT[typed].format(item_id=item_id)))
        return
    status = _w.HTML(_status(answer(item_id)))

    def on_change(change: dict) -> None:
        if change["new"] in (None, ""):
            return
        record(item_id, change["new"])
        status.value = _status(_valid(item_id, change["new"]))

    control.observe(on_change, names="value")
    _display(_w.VBox([control, status]))


def choice(item_id: str, options: dict) -> None:
    """Show a single-choice question as radio buttons."""
    saved = answer(item_id)
    control = None
    if _w is not None:
        control = _w.RadioButtons(options=[(f"{k}. {v}", k) for k, v in options.items()],
                                  value=saved if saved in options else None,
                                  layout=_w.Layout(width="max-content"))
    _show(item_id, control, "type_choice")


def likert(item_id: str, labels: list) -> None:
    """Show a 1-5 rating with a label for every point."""
    saved = answer(item_id)
    control = None
    if _w is not None:
        control = _w.RadioButtons(options=[(f"{n} - {t}", n) for n, t in enumerate(labels, 1)],
                                  value=saved if saved in range(1, 6) else None)
    _show(item_id, control, "type_rating")


def text(item_id: str) -> None:
    """Show a box for an open answer; it is saved when you click outside the box."""
    saved = answer(item_id)
    control = None
    if _w is not None:
        control = _w.Textarea(value=saved or "", continuous_update=False,
                              placeholder=TEXT["text_placeholder"],
                              layout=_w.Layout(width="95%", height="6em"))
    _show(item_id, control, "type_text")


def check() -> None:
    """Say, in plain words, what is saved and what is still missing."""
    saved = _load()
    missing = [i for i in ITEMS if saved.get(i) in (None, "")]
    print(TEXT["check_file"].format(file=ANSWERS_FILE))
    print(TEXT["check_count"].format(answered=len(ITEMS) - len(missing), total=len(ITEMS)))
    if missing:
        print(TEXT["check_missing"].format(items=", ".join(missing)))
        print(TEXT["check_go_back"])
    else:
        print(TEXT["check_done"])
