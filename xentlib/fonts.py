"""Chinese text in matplotlib plots: pick an installed CJK font, and keep the minus sign drawable."""

from __future__ import annotations

from .i18n import tr

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
    """The first font of CJK_FONTS that matplotlib can find on this machine, or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def use_cjk_font(quiet: bool = False) -> str | None:
    """Draw Chinese in every later plot with an installed CJK font; returns its name, or None if none.

    Sets axes.unicode_minus = False: CJK fonts often lack U+2212, the minus sign matplotlib draws by
    default, so negative tick labels would show a box. With no CJK font, plots keep their fonts and
    one message (in both languages) says what to install.
    """
    import matplotlib as mpl

    name = find_cjk_font()
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
