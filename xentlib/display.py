"""Printed tables that line up in every language: pad by display width (a CJK character takes two columns)."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """The columns text takes in a monospace font: 2 per wide or full-width character (CJK), else 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, columns: int, align: str = "<") -> str:
    """str(text) padded with spaces to `columns` display columns: after it for "<", before it for ">"."""
    text = str(text)
    fill = " " * max(0, columns - width(text))
    return text + fill if align == "<" else fill + text
