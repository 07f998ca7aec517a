"""Chinese text in matplotlib plots: pick an installed CJK font and keep the minus sign drawable;
with no CJK font, draw the Chinese edition's plots with their English text instead of empty boxes.

The one hook: ``follow_language(lang)``, which xentlib subscribes to xentlib.i18n.on_change. For "zh"
it waits until matplotlib is imported (importing xentlib never imports matplotlib), then saves the
rcParams it changes and sets the CJK font; for "en" it puts back exactly what it saved and unwraps
Text.set_text, so zh -> en leaves matplotlib as it was.
XENTLIB_CJK_FONT=<font name> puts that font first; XENTLIB_CJK_FONT=none draws plots in English.
"""

from __future__ import annotations

import copy
import functools
import importlib.abc
import importlib.util
import os
import re
import sys

from .messages.errors import tr

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


CHANGED = ("font.sans-serif", "font.family", "axes.unicode_minus")  # the rcParams use_cjk_font sets
_saved: dict | None = None  # their values before use_cjk_font, while Chinese plots are on


def use_cjk_font(quiet: bool = False) -> str | None:
    """Draw Chinese in every later plot with an installed CJK font; returns its name, or None if none.

    Sets axes.unicode_minus = False: CJK fonts often lack U+2212, the minus sign matplotlib draws by
    default, so negative tick labels would show a box. With no CJK font, plots keep their fonts, their
    Chinese text is drawn in English (english_plot_text) and one message in both languages says so.
    restore_fonts() undoes it.
    """
    global _saved
    import matplotlib as mpl

    if _saved is None:
        _saved = {key: copy.deepcopy(mpl.rcParams[key]) for key in CHANGED}
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


def restore_fonts() -> None:
    """Undo use_cjk_font: the saved rcParams back, plot text drawn as given."""
    global _saved
    if _saved is None:
        return
    import matplotlib as mpl

    mpl.rcParams.update(_saved)
    english_plot_text(False)
    _saved = None


def follow_language(lang: str) -> None:
    """Plots for `lang`: "zh", a CJK font (once matplotlib is imported); "en", matplotlib as it was."""
    _AfterImport.cancel()
    if lang != "zh":
        if "matplotlib" in sys.modules:
            restore_fonts()
    elif "matplotlib" in sys.modules:
        use_cjk_font()
    else:
        _AfterImport.wait_for("matplotlib", use_cjk_font)


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs a callback right after a module is first imported (Python has no hook for that)."""

    def __init__(self, module: str, callback):
        self.module, self.callback = module, callback

    @classmethod
    def wait_for(cls, module: str, callback) -> None:
        sys.meta_path.insert(0, cls(module, callback))

    @classmethod
    def cancel(cls) -> None:
        sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, cls)]

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.module:
            return None
        self.cancel()  # find the real module with the finders after this one, once
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        run, callback = spec.loader.exec_module, self.callback

        def exec_module(module):
            run(module)
            callback()

        spec.loader.exec_module = exec_module  # this module's own loader object only
        return spec
