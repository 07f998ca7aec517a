"""Chinese text in matplotlib plots: pick an installed CJK font and keep the minus sign drawable;
with no CJK font, draw the Chinese edition's plots with their English text instead of empty boxes.

XENTLIB_CJK_FONT=<font name> puts that font first; XENTLIB_CJK_FONT=none draws plots in English.
"""

from __future__ import annotations

import functools
import os
import re

from .i18n import tr

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

# First match wins: Linux (Debian's fonts-noto-cjk, WenQuanYi), Windows, macOS, then Adobe's names.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Arial Unicode MS",
)


def find_cjk_font() -> str | None:
    """The first of XENTLIB_CJK_FONT and CJK_FONTS that matplotlib finds on this machine, or None."""
    from matplotlib import font_manager

    chosen = os.environ.get("XENTLIB_CJK_FONT", "").strip()
    if chosen.lower() == "none":
        return None
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in (chosen, *CJK_FONTS) if name in installed), None)


def use_cjk_font(quiet: bool = False) -> str | None:
    """Draw Chinese in every later plot with an installed CJK font; returns its name, or None if none.

    Sets axes.unicode_minus = False: CJK fonts often lack U+2212, the minus sign matplotlib draws by
    default, so negative tick labels would show a box. With no CJK font, plots keep their fonts, their
    Chinese text is drawn in English (english_plot_text) and one message in both languages says so.
    """
    import matplotlib as mpl

    name = find_cjk_font()
    english_plot_text(name is None)
    if name is None:
        if not quiet:
            print(tr("no_cjk_font", lang="en"))
            print(tr("no_cjk_font", lang="zh"))
        return None
    rest = [f for f in mpl.rcParams["font.sans-serif"] if f != name]
    mpl.rcParams["font.sans-serif"] = [name, *rest]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["axes.unicode_minus"] = False
    return name


def to_english(text):
    """The English of a plot text of the Chinese edition (messages/plot_text_en.py); other text unchanged."""
    if not isinstance(text, str) or not CJK.search(text):
        return text
    from .messages.plot_text_en import LITERALS

    if text in LITERALS:
        return LITERALS[text]
    for pattern, english in _templates():
        if match := pattern.fullmatch(text):
            values = iter(match.groups())
            return "".join(next(values) if piece is None else piece for piece in english)
    return text


@functools.cache
def _templates() -> list[tuple[re.Pattern, list[str | None]]]:
    from .messages.plot_text_en import TEMPLATES

    def pattern(pieces: list[str | None]) -> re.Pattern:
        return re.compile("".join("(.*?)" if p is None else re.escape(p) for p in pieces), re.S)

    return [(pattern(zh), en) for zh, en in TEMPLATES]


def english_plot_text(on: bool = True) -> None:
    """Draw every later plot text through to_english (on=True), or as given again (on=False).

    matplotlib has no hook for the text it draws, so this wraps Text.set_text, which titles, axis
    labels, tick labels, legends and annotations all go through.
    """
    from matplotlib.text import Text

    original = getattr(Text.set_text, "__wrapped__", Text.set_text)
    if not on:
        Text.set_text = original
        return

    @functools.wraps(original)
    def set_text(self, s):
        return original(self, to_english(s))

    Text.set_text = set_text
