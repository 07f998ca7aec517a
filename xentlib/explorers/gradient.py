"""The gradient explorer (notebook 08): move a logit and watch how gradient descent pushes every logit.

Top to bottom: the state (pure functions of xentlib), its HTML (the live views and the snapshot share it),
the widget. The push on logit c is -dL/dz_c = q_c - p_c, with p = softmax(z) and the target
q = (1 - eps) onehot(y) + eps / C. A second chart follows the true-class logit z_y alone, the other
logits fixed: cross-entropy's push q_y - p_y beside the push of the squared error of softmax,
sum_c (p_c - q_c)^2, whose push fades exactly where the model is confidently wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from ..data import SEED_LABELS, SEED_LOGITS
from ..loss import cross_entropy_and_grad, cross_entropy_grad
from ..onehot import one_hot
from ..softmax import softmax
from .controls import Choice, View
from .html import BLUE, FG, FG2, MONO, ORANGE, _snapshot, class_names_unique, e, num
from .messages import msg
from .state import slider_range, snap
from .svg import Frame, axes, points, svg
from .widgets import DECIMALS, _box, _Explorer, _logit_slider, _option_slider, _shows_errors, words_view

CURVE_POINTS = 201  # the curves' resolution: 0.1 apart on the sliders' default range [-10, 10]


@dataclass(frozen=True)
class GradientState:
    """Everything a GradientExplorer shows, for one sample's logits, its true class and label smoothing."""

    logits: np.ndarray  # (C,)
    label: int
    label_smoothing: float
    probabilities: np.ndarray  # p = softmax(z)
    target: np.ndarray  # q = (1 - eps) onehot(y) + eps / C
    loss: float  # cross_entropy(z, y, label_smoothing=eps)
    gradient: np.ndarray  # dL/dz = p - q (xentlib's cross_entropy_grad; one sample, so no 1/N)
    squared_error_gradient: np.ndarray  # d/dz sum_c (p_c - q_c)^2
    grid: np.ndarray  # values of z_y for the curves, the other logits as they are
    ce_push: np.ndarray  # -dL/dz_y of cross-entropy over the grid
    se_push: np.ndarray  # -d/dz_y of the squared error over the grid

    @property
    def push(self) -> np.ndarray:
        """-dL/dz: how one step of gradient descent moves each logit (times the learning rate)."""
        return -self.gradient


def squared_error_grad(logits, target) -> np.ndarray:
    """d/dz of sum_c (p_c - q_c)^2 with p = softmax(z), per row: 2 p (d - sum_c d_c p_c), d = p - q."""
    p = softmax(np.asarray(logits, dtype=np.float64), axis=-1)
    d = p - target
    return 2 * p * (d - (d * p).sum(axis=-1, keepdims=True))


def gradient_state(logits, label, label_smoothing: float = 0.0, bounds=(-10.0, 10.0)) -> GradientState:
    """p, q, L and dL/dz for one sample; the two pushes on z_y over CURVE_POINTS values in `bounds`."""
    z = np.array(logits, dtype=np.float64)
    if z.ndim != 1:
        raise ValueError(msg("logits_vector", shape=z.shape))
    y, eps, c = int(label), float(label_smoothing), z.size
    loss, grad = cross_entropy_and_grad(z[None], [y], label_smoothing=eps)  # checks z, y and eps
    q = (1 - eps) * one_hot(y, c) + eps / c
    grid = np.linspace(float(bounds[0]), float(bounds[1]), CURVE_POINTS)
    rows = np.repeat(z[None], CURVE_POINTS, axis=0)
    rows[:, y] = grid
    ce = -cross_entropy_grad(rows, np.full(CURVE_POINTS, y), reduction="sum", label_smoothing=eps)[:, y]
    se = -squared_error_grad(rows, q)[:, y]
    se_now = squared_error_grad(z, q)
    return GradientState(z, y, eps, softmax(z), q, float(loss), grad[0], se_now, grid, ce, se)


# --- HTML -------------------------------------------------------------------------------------------


def _signed(x: float) -> str:
    return f"{x:+.4f}".replace("-", "\u2212")


def readout_html(state: GradientState, names) -> str:
    """The loss, the push on the true class, and the gradient's length, each with every digit."""
    y = state.label
    smooth = f", label_smoothing={state.label_smoothing:g}" if state.label_smoothing else ""
    key = 'style="font-family:{0}" data-xent-key="{1}"'
    return (
        f'<div class="xent-grad-readout" style="color:{FG}">'
        f'<div style="font-size:1.3em">{e(msg("loss"))} = '
        f'<b class="xent-loss-value" {key.format(MONO, "loss")}>{num(state.loss)}</b></div>'
        f'<div style="color:{FG2};font-size:0.9em;font-family:{MONO}">'
        f'<span class="xent-grad-call">{e(f"cross_entropy(z, y{smooth})")}</span></div>'
        f'<div style="font-size:0.95em"><span class="xent-grad-push-name">'
        f"{e(msg('grad_push_true', name=names[y]))}</span> "
        f"<b {key.format(MONO, 'push')}>{num(state.push[y])}</b></div>"
        f'<div style="font-size:0.95em">{e(msg("grad_norm"))} '
        f"<b {key.format(MONO, 'norm')}>{num(np.linalg.norm(state.gradient))}</b></div></div>"
    )


def pushes_html(state: GradientState, names) -> str:
    """A bar per class of the push q_c - p_c, up or down from 0; the true class orange, marked."""
    c = len(names)
    frame = Frame(-0.5, c - 0.5, -1.0, 1.0, width=max(200, 52 * c + 58), height=190, bottom=44)
    zero = float(frame.py(0.0))
    parts = [axes(frame, [], [-1, -0.5, 0, 0.5, 1], "", msg("grad_push_axis"))]
    for k, (push, name) in enumerate(zip(state.push, names, strict=True)):
        true = k == state.label
        x, top = float(frame.px(k)), float(frame.py(max(push, 0.0)))
        height = abs(float(frame.py(push)) - zero)
        label_y = top - 4 if push >= 0 else top + height + 11
        parts.append(
            f'<rect class="xent-push{" xent-true" if true else ""}" data-class="{k}" x="{x - 13:.2f}" '
            f'y="{top:.2f}" width="26" height="{height:.2f}" style="fill:{ORANGE if true else BLUE}">'
            f"<title>{num(push)}</title></rect>"
            f'<text class="xent-push-value" data-class="{k}" x="{x:.2f}" y="{label_y:.2f}" '
            f'text-anchor="middle" style="fill:{FG};font-size:10px;font-family:{MONO}">'
            f"{_signed(push)}</text>"
            f'<text class="xent-class-label" data-class="{k}" x="{x:.2f}" y="{frame.height - 30}" '
            f'text-anchor="middle" style="fill:{FG};font-size:10px;'
            f'font-weight:{"bold" if true else "normal"}">'
            f"{e(name)}</text>"
            f'<text class="xent-true-mark" data-class="{k}" x="{x:.2f}" y="{frame.height - 18}" '
            f'text-anchor="middle" style="fill:{FG};font-size:10px;font-weight:bold;'
            f'visibility:{"visible" if true else "hidden"}">&#10003; {e(msg("true_marker"))}</text>'
        )
    parts.append(
        f'<line x1="{frame.left}" y1="{zero:.2f}" x2="{frame.width - frame.right}" y2="{zero:.2f}" '
        f'style="stroke:{FG2}"></line>'
    )
    label = msg("grad_pushes_caption", values=", ".join(_signed(v) for v in state.push))
    return svg(frame, "".join(parts), label, "xent-pushes-chart")


def curve_html(state: GradientState, names) -> str:
    """The push on z_y over the grid, cross-entropy (solid) and squared error (dashed), now marked."""
    y, z_y = state.label, float(state.logits[state.label])
    frame = Frame(float(state.grid[0]), float(state.grid[-1]), -1.0, 1.0, width=360, height=226, top=42)
    span = frame.x1 - frame.x0
    xticks = [t for t in np.linspace(frame.x0, frame.x1, 5) if span > 0]
    ce_now, se_now = state.push[y], -state.squared_error_gradient[y]
    x_now = float(frame.px(z_y))
    legend_y, second = 10, 24  # the legend above the plot, a line each
    body = (
        axes(frame, xticks, [-1, -0.5, 0, 0.5, 1], msg("grad_curve_x", name=names[y]), msg("grad_push_axis"))
        + f'<polyline class="xent-ce-curve" points="{points(frame, state.grid, state.ce_push)}" '
        f'style="fill:none;stroke:{BLUE};stroke-width:2"></polyline>'
        f'<polyline class="xent-se-curve" points="{points(frame, state.grid, state.se_push)}" '
        f'style="fill:none;stroke:{ORANGE};stroke-width:2;stroke-dasharray:6 3"></polyline>'
        f'<line class="xent-now-line" x1="{x_now:.2f}" y1="{frame.top}" x2="{x_now:.2f}" '
        f'y2="{frame.height - frame.bottom}" style="stroke:{FG2};stroke-dasharray:2 2"></line>'
        f'<circle class="xent-ce-point" cx="{x_now:.2f}" cy="{float(frame.py(ce_now)):.2f}" r="4.5" '
        f'style="fill:{BLUE};stroke:{FG}"></circle>'
        f'<rect class="xent-se-point" x="{x_now - 4:.2f}" y="{float(frame.py(se_now)) - 4:.2f}" width="8" '
        f'height="8" style="fill:{ORANGE};stroke:{FG}"></rect>'
        f'<line x1="{frame.left}" y1="{legend_y}" x2="{frame.left + 22}" y2="{legend_y}" '
        f'style="stroke:{BLUE};stroke-width:2"></line>'
        f'<text x="{frame.left + 26}" y="{legend_y + 3.5}" style="fill:{FG};font-size:10px">'
        f"{e(msg('grad_curve_ce'))}</text>"
        f'<line x1="{frame.left}" y1="{second}" x2="{frame.left + 22}" y2="{second}" '
        f'style="stroke:{ORANGE};stroke-width:2;stroke-dasharray:6 3"></line>'
        f'<text x="{frame.left + 26}" y="{second + 3.5}" style="fill:{FG};font-size:10px">'
        f"{e(msg('grad_curve_se'))}</text>"
    )
    label = msg("grad_curve_caption", name=names[y], z=f"{z_y:g}", ce=_signed(ce_now), se=_signed(se_now))
    return svg(frame, body, label, "xent-grad-curve-chart")


def gradient_announcement(state: GradientState) -> str:
    return msg("live_gradient", loss=f"{state.loss:.4f}", push=f"{state.push[state.label]:.4f}")


def _live(state: GradientState, names, bounds) -> dict:
    """What static.js needs to move a GradientExplorer's snapshot: values, ranges, names, words."""
    return {
        "kind": "gradient",
        "logits": state.logits.tolist(),
        "label": state.label,
        "smoothing": state.label_smoothing,
        "bounds": [float(b) for b in bounds],
        "names": list(names),
        "logit_names": [msg("logit_name", name=name) for name in names],
        "words": _words(names) | {"page_live": f"{msg('snapshot_gradient_title')} \u2014 {msg('page_live')}"},
    }


def _words(names) -> dict:
    """The sentences the page fills in itself when it repaints (paint.js)."""
    return {
        "true_class": msg("true_class"),
        "label_smoothing": msg("label_smoothing"),
        "push_true": [msg("grad_push_true", name=name) for name in names],
        "pushes": msg("grad_pushes_caption", values="{values}"),
        "curve": [msg("grad_curve_caption", name=name, z="{z}", ce="{ce}", se="{se}") for name in names],
        "curve_x": [msg("grad_curve_x", name=name) for name in names],
        "live": msg("live_gradient", loss="{loss}", push="{push}"),
    }


def gradient_views(state: GradientState, names) -> tuple[str, str, str]:
    return readout_html(state, names), pushes_html(state, names), curve_html(state, names)


def gradient_snapshot_html(state: GradientState, names, bounds=None) -> str:
    """A GradientExplorer as static HTML: readout, pushes and curve (with bounds, live in a page too)."""
    readout, pushes, curve = gradient_views(state, names)
    body = (
        f'<div class="xent-grad-readout-view">{readout}</div>'
        f'<div class="xent-row" style="display:flex;flex-wrap:wrap;gap:0.5em 1.5em;margin-top:0.5em">'
        f'<div class="xent-pushes">{pushes}</div><div class="xent-grad-curve">{curve}</div></div>'
    )
    live = _live(state, names, bounds) if bounds is not None else None
    return _snapshot("snapshot_gradient_title", body, live)


# --- the widget ---------------------------------------------------------------------------------------


class GradientExplorer(_Explorer):
    """One sample's C logits, its true class and label smoothing: each logit's push -dL/dz = q - p as bars,
    and the push on the true-class logit under cross-entropy and squared error as z_y moves.

    `.logits`, `.label`, `.label_smoothing`, `.probabilities`, `.loss`, `.gradient` (dL/dz = p - q) and
    `.state` are what xentlib computes for the controls' current values.
    """

    READ_ONLY = (*_Explorer.READ_ONLY, "label", "label_smoothing", "gradient")
    NEW_ONE = "GradientExplorer(my_logits, my_label)"

    def __init__(self, logits=SEED_LOGITS[0], label=SEED_LABELS[0], class_names=None):
        z = np.round(np.array(logits, dtype=np.float64), DECIMALS)
        bounds = slider_range(z) if z.size else (-10.0, 10.0)
        first = gradient_state(z, label, 0.0, bounds)
        self._names = class_names_unique(class_names, z.size)
        self._bounds = bounds
        self._sliders = [
            _logit_slider(v, bounds, name, msg("logit_name", name=name), f"xent-class-{c}")
            for c, (v, name) in enumerate(zip(first.logits, self._names, strict=True))
        ]
        self._label = Choice(
            "xent-label-choice", value=self._names[first.label], options=self._names,
            description=msg("true_class"),
        )  # fmt: skip
        self._smoothing = _option_slider("xent-smoothing", msg("label_smoothing"), 0.0, 0.0, 1.0)
        self._readout = View("xent-grad-readout-view", "xent-key-view")
        self._pushes = View("xent-pushes")
        self._curve = View("xent-grad-curve")
        self._words = words_view(_words(self._names))
        options = _box(widgets.VBox, [self._label, self._smoothing], "xent-controls")
        controls = _box(widgets.VBox, self._sliders, "xent-controls")
        super().__init__(
            [
                _box(widgets.HBox, [self._readout, options], "xent-top"),
                _box(widgets.HBox, [controls, self._pushes, self._curve], "xent-row"),
                self._words,
            ],
            "xent-gradient-explorer",
        )
        self._state = first
        self._refresh()
        for control in (*self._sliders, self._label, self._smoothing):
            control.observe(self._refresh, names="value")

    def __repr__(self) -> str:
        return f"GradientExplorer({self._state.logits.size} classes, loss={num(self._state.loss)})"

    @property
    def label(self) -> int:
        return self._state.label

    @property
    def label_smoothing(self) -> float:
        return self._state.label_smoothing

    @property
    def loss(self) -> float:
        return self._state.loss

    @property
    def gradient(self) -> np.ndarray:
        return self._state.gradient.copy()

    @property
    def state(self) -> GradientState:
        return self._state

    def snapshot_html(self) -> str:
        return gradient_snapshot_html(self._state, self._names, self._bounds)

    def _controls_state(self) -> GradientState:
        z = [snap(s.value, DECIMALS) for s in self._sliders]
        label = self._names.index(self._label.value)
        return gradient_state(z, label, snap(self._smoothing.value, DECIMALS), self._bounds)

    def _kept_values(self):
        s = self._state
        yield from zip(self._sliders, map(float, s.logits), strict=True)
        yield self._label, self._names[s.label]
        yield self._smoothing, s.label_smoothing

    @_shows_errors
    def _refresh(self, change=None) -> None:
        state = self._controls_state()
        views = zip(
            (self._readout, self._pushes, self._curve), gradient_views(state, self._names), strict=True
        )
        values = [state.logits.tolist(), state.label, state.label_smoothing]  # as controls.js's stamp()
        self._show(values, gradient_announcement(state), *views)
        self._state = state
