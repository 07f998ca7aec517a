"""One message table for every sentence a learner reads, in English ("en") and Simplified Chinese ("zh").

A message is looked up by id and filled in with str.format: ``tr("label_out_of_range", label=5, ...)``.
The tables live in ``xentlib.messages`` (one module per area, each a dict ``id -> {"en": ..., "zh": ...}``),
so a translator sees both languages side by side and a test can check that none is missing.

The language is chosen once per kernel: ``set_language("zh")``, or the environment variable
``XENTLIB_LANG=zh`` set before xentlib is first imported (a Chinese notebook's first code cell runs
``%env XENTLIB_LANG=zh``). English is the default. Choosing Chinese also selects a CJK font for plots.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping

LANGUAGES = ("en", "zh")
_ALIASES = {"en": "en", "en-us": "en", "en-gb": "en", "zh": "zh", "zh-cn": "zh", "zh-hans": "zh"}

_tables: dict[str, Mapping[str, Mapping[str, str]]] = {}
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
    if _language == "zh":
        _chinese_plots()
    return _language


def _chinese_plots() -> None:
    """Chinese plot text needs a CJK font: select one (xentlib.fonts) wherever matplotlib is installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return
    from .fonts import use_cjk_font

    use_cjk_font()


def language() -> str:
    """The language messages are written in now: 'en' or 'zh'."""
    return _language


def register(area: str, table: Mapping[str, Mapping[str, str]]) -> Mapping[str, Mapping[str, str]]:
    """Add a table of messages (id -> {language: text}); ids must be unique across all areas."""
    for other, known in _tables.items():
        if other != area and (clash := set(known) & set(table)):
            raise ValueError(f"message ids {sorted(clash)} of {area!r} are already used by {other!r}")
    _tables[area] = table
    return table


def tables() -> dict[str, Mapping[str, Mapping[str, str]]]:
    """Every registered table by area (for the completeness tests)."""
    _load()
    return dict(_tables)


def placeholders(text: str) -> set[str]:
    """The {names} a message text fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def tr(msg_id: str, lang: str | None = None, **values) -> str:
    """The message `msg_id` in the current language (or `lang`), filled in with `values`."""
    _load()
    for table in _tables.values():
        if msg_id in table:
            texts = table[msg_id]
            return texts[_normalise(lang) if lang else _language].format(**values)
    raise KeyError(f"no message with id {msg_id!r}")


def _load() -> None:
    if not _tables:
        from . import messages  # noqa: F401  (registers the tables)


if os.environ.get("XENTLIB_LANG"):
    set_language(os.environ["XENTLIB_LANG"])
