"""Small SVG charts for the explorers: a frame that maps data to pixels, axes with ticks, a polyline.

Pure functions of numbers, no state. The page repaints a chart with the same mapping (paint.js `toPx`),
read from the frame the svg carries in its data-frame attribute. Sizes are in the svg's own units and the
svg is sized in em, so a chart grows with the notebook's font and shrinks (never cut) in a narrow output.
Colours are style properties, so JupyterLab's theme variables apply (a presentation attribute cannot
read a CSS variable).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from .html import BORDER, FG, FG2, MONO, e

PX_PER_EM = 16  # the svg's width in em is its width in units / 16: 320 units are 20em


@dataclass(frozen=True)
class Frame:
    """A chart's data window [x0, x1] x [y0, y1] drawn in a width x height box with margins."""

    x0: float
    x1: float
    y0: float
    y1: float
    width: int = 320
    height: int = 180
    left: int = 46
    right: int = 12
    top: int = 10
    bottom: int = 34

    def px(self, x):
        """Horizontal pixel of data x: left + (x - x0) / (x1 - x0) * plot width (x clamped to the plot)."""
        x = np.clip(np.asarray(x, float), self.x0, self.x1)
        return self.left + (x - self.x0) / (self.x1 - self.x0) * (self.width - self.left - self.right)

    def py(self, y):
        """Vertical pixel of data y (up is larger), clamped to the plot so a big value stays on the edge."""
        y = np.clip(np.asarray(y, float), self.y0, self.y1)
        return self.top + (self.y1 - y) / (self.y1 - self.y0) * (self.height - self.top - self.bottom)

    def data(self) -> str:
        """What paint.js needs to map numbers the same way."""
        keys = ("x0", "x1", "y0", "y1", "width", "height", "left", "right", "top", "bottom")
        return json.dumps({k: float(getattr(self, k)) for k in keys})


def points(frame: Frame, xs, ys) -> str:
    """An SVG points list "x,y x,y ..." of the data (xs, ys), to 2 decimals."""
    return " ".join(f"{a:.2f},{b:.2f}" for a, b in zip(frame.px(xs), frame.py(ys), strict=True))


def tick_text(value: float) -> str:
    return f"{value:g}".replace("-", "\u2212")


def axes(frame: Frame, xticks, yticks, xlabel: str, ylabel: str) -> str:
    """The plot's box, a gridline and a label per tick, and the axis names."""
    x_left, x_right = frame.left, frame.width - frame.right
    y_top, y_bottom = frame.top, frame.height - frame.bottom
    parts = [
        f'<rect x="{x_left}" y="{y_top}" width="{x_right - x_left}" height="{y_bottom - y_top}" '
        f'style="fill:none;stroke:{BORDER}"></rect>'
    ]
    for axis, ticks in (("x", xticks), ("y", yticks)):
        for k, t in enumerate(ticks):
            parts.append(_tick(frame, axis, k, t))
    parts.append(
        f'<text class="xent-axis-x" x="{(x_left + x_right) / 2:.2f}" y="{frame.height - 4}" '
        f'text-anchor="middle" '
        f'style="fill:{FG};font-size:11px">{e(xlabel)}</text>'
        f'<text x="11" y="{(y_top + y_bottom) / 2:.2f}" text-anchor="middle" '
        f'transform="rotate(-90 11 {(y_top + y_bottom) / 2:.2f})" style="fill:{FG};font-size:11px">'
        f"{e(ylabel)}</text>"
    )
    return "".join(parts)


def _tick(frame: Frame, axis: str, k: int, value: float) -> str:
    """The gridline of a tick across the plot and its label outside it (class xent-xtick or xent-ytick, the
    k-th: paint.js relabels a moving axis)."""
    x_left, x_right = frame.left, frame.width - frame.right
    y_top, y_bottom = frame.top, frame.height - frame.bottom
    if axis == "x":
        x = float(frame.px(value))
        line, label = (x, y_top, x, y_bottom), f'x="{x:.2f}" y="{y_bottom + 12}" text-anchor="middle"'
    else:
        y = float(frame.py(value))
        line, label = (x_left, y, x_right, y), f'x="{x_left - 4}" y="{y + 3.5:.2f}" text-anchor="end"'
    x1, y1, x2, y2 = (f"{v:.2f}" if isinstance(v, float) else str(v) for v in line)
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" style="stroke:{BORDER};stroke-width:0.5"></line>'
        f'<text class="xent-{axis}tick" data-k="{k}" {label} '
        f'style="fill:{FG2};font-size:10px;font-family:{MONO}">{e(tick_text(value))}</text>'
    )


def svg(frame: Frame, body: str, label: str, css: str) -> str:
    """An <svg> image named `label` (a screen reader reads it), sized in em, carrying its frame."""
    return (
        f'<svg class="{css}" viewBox="0 0 {frame.width} {frame.height}" role="img" aria-label="{e(label)}" '
        f'data-frame="{e(frame.data())}" style="width:{frame.width / PX_PER_EM:g}em;max-width:100%;'
        f'height:auto;display:block;overflow:visible">{body}</svg>'
    )
