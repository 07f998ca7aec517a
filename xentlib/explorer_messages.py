"""The explorers' words: msg(key) is the message "explorer.<key>" of xentlib.messages.explorers, in the
language chosen with xentlib.i18n.set_language, filled by str.format."""

from __future__ import annotations

from .i18n import tr
from .messages.explorers import MESSAGES

__all__ = ["MESSAGES", "msg"]


def msg(key: str, lang: str | None = None, **fields) -> str:
    """The explorer message `key` in the current language (or `lang`), with `fields` filled in."""
    return tr(f"explorer.{key}", lang, **fields)
