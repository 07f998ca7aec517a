"""One message table for every sentence a learner reads, in English ("en") and Simplified Chinese ("zh").

A table is a dict ``id -> {"en": ..., "zh": ...}`` registered under an area name; ``register`` returns it
as a ``Table``, whose ``tr(msg_id, **values)`` gives one message filled in with str.format:
``ERRORS.tr("label_out_of_range", label=5, ...)``. A translator sees both languages side by side and a
test can check that none is missing. This module imports nothing from xentlib: each table lives beside
the code that uses it (xentlib/messages/errors.py for the library's errors).

The language is a value, chosen once per kernel: ``set_language("zh")``, or the environment variable
``XENTLIB_LANG=zh`` set before xentlib is first imported (a Chinese notebook's first code cell runs
``%env XENTLIB_LANG=zh``). English is the default. Code that must follow the language (the plots' font,
xentlib.fonts) subscribes with ``on_change``.
"""

from __future__ import annotations

import os
import string
from collections.abc import Callable, Mapping

LANGUAGES = ("en", "zh")
_ALIASES = {"en": "en", "en-us": "en", "en-gb": "en", "zh": "zh", "zh-cn": "zh", "zh-hans": "zh"}

_tables: dict[str, Table] = {}
_listeners: list[Callable[[str], None]] = []
_language = "en"


def _normalise(lang: str) -> str:
    key = str(lang).strip().lower().replace("_", "-")
    if key not in _ALIASES:
        raise ValueError(f"unknown language {lang!r}; valid languages are 'en' (English) and 'zh' (简体中文)")
    return _ALIASES[key]


def set_language(lang: str) -> str:
    """Choose the language of every message from now on ('en' or 'zh'); returns the normalised code."""
    global _language
    _language = _normalise(lang)
    for listener in list(_listeners):
        listener(_language)
    return _language


def language() -> str:
    """The language messages are written in now: 'en' or 'zh'."""
    return _language


def on_change(listener: Callable[[str], None]) -> None:
    """Call `listener(language)` now and after every set_language (once per listener)."""
    if listener not in _listeners:
        _listeners.append(listener)
    listener(_language)


class Table(dict):
    """A registered message table: id -> {language: text}, read with tr()."""

    def __init__(self, area: str, texts: Mapping[str, Mapping[str, str]]):
        super().__init__(texts)
        self.area = area

    def tr(self, msg_id: str, lang: str | None = None, **values) -> str:
        """The message `msg_id` in the current language (or `lang`), filled in with `values`."""
        if msg_id not in self:
            raise KeyError(f"no message with id {msg_id!r} in the table {self.area!r}")
        return self[msg_id][_normalise(lang) if lang else _language].format(**values)


def register(area: str, texts: Mapping[str, Mapping[str, str]]) -> Table:
    """Register a table of messages (id -> {language: text}); ids must be unique across all areas."""
    for other, known in _tables.items():
        if other != area and (clash := set(known) & set(texts)):
            raise ValueError(f"message ids {sorted(clash)} of {area!r} are already used by {other!r}")
    _tables[area] = table = Table(area, texts)
    return table


def tables() -> dict[str, Table]:
    """Every table registered so far, by area (for the completeness tests)."""
    return dict(_tables)


def placeholders(text: str) -> set[str]:
    """The {names} a message text fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def tr(msg_id: str, lang: str | None = None, **values) -> str:
    """The message `msg_id` of any registered table, in the current language (or `lang`)."""
    for table in _tables.values():
        if msg_id in table:
            return table.tr(msg_id, lang, **values)
    raise KeyError(f"no message with id {msg_id!r}")


if os.environ.get("XENTLIB_LANG"):
    _language = _normalise(os.environ["XENTLIB_LANG"])
