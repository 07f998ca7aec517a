"""The training explorer (notebook 09): step or play gradient descent on a 2-D dataset and watch the
decision regions move and the loss curve grow.

Top to bottom: the state (pure functions of xentlib.training), its HTML, the widget. The model is softmax
regression, logits = X W + b, trained from W = scale * N(0, 1) (init_params, seed 0), b = 0 with the
loss cross_entropy(logits, y, label_smoothing=eps). What is shown is a pure function of the controls:
the run with this learning rate, initial scale and smoothing, after `steps` steps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from ..datasets import make_blobs
from ..training import _features, gradient_step, init_params
from ..validation import as_class_indices
from .controls import Slider, View
from .html import BLUE, FG, FG2, MONO, ORANGE, _snapshot, e, num
from .messages import msg
from .state import snap
from .svg import Frame, axes, points, svg
from .widgets import DECIMALS, _box, _Explorer, _option_slider, _shows_errors, words_view

LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0, 10.0)  # above 10 descent is chaotic here
INIT_SCALES = (0.01, 0.1, 1.0, 3.0, 5.0)
MAX_STEPS = 300
MARGIN = 1.0  # the plane shown: the points' box plus this much on each side (as grid_predictions)
# A colour and a marker per class, so a class is told by its shape too, not by colour alone.
COLOURS = (BLUE, ORANGE, "#2f9e44", "#9c4dcc")
MARKERS = ("circle", "square", "triangle", "diamond")
AXIS_TOPS = (1.2, 1.6, 2, 3, 4, 6, 8, 12, 16, 20, 30, 40, 60, 80, 120)


@dataclass(frozen=True)
class TrainingState:
    """Everything a TrainingExplorer shows: the run's settings, its parameters after `steps` steps, the
    loss of every step so far, the accuracy and the decision regions."""

    learning_rate: float
    init_scale: float
    label_smoothing: float
    steps: int
    weights: np.ndarray  # (2, C)
    bias: np.ndarray  # (C,)
    losses: np.ndarray  # (steps + 1,): losses[k] is the loss after k steps
    accuracy: float
    regions: tuple  # per class, the corners of the part of the plane where its logit is the largest
    box: tuple  # (x0, x1, y0, y1), the plane shown


class Run:
    """The parameters and losses of one run (data, learning rate, initial scale, smoothing), step by step,
    computed once: moving the step slider back and forth recomputes nothing."""

    def __init__(self, x, y, learning_rate: float, init_scale: float, label_smoothing: float, seed=0):
        self.x, self.y = x, y
        self.settings = (float(learning_rate), float(init_scale), float(label_smoothing))
        w, b = init_params(x.shape[1], int(y.max()) + 1, scale=1.0, seed=seed)
        self.params = [(float(init_scale) * w, b)]
        self.losses: list[float] = []

    def upto(self, steps: int):
        """(W, b) after `steps` steps and the losses after 0 ... steps steps."""
        lr, _, eps = self.settings
        while len(self.losses) <= steps:  # the loss of the newest parameters comes with their step
            w, b = self.params[-1]
            loss, w_next, b_next = gradient_step(w, b, self.x, self.y, lr, label_smoothing=eps)
            self.losses.append(loss)
            self.params.append((w_next, b_next))
        return self.params[steps], np.array(self.losses[: steps + 1])


def plane(x) -> tuple[float, float, float, float]:
    lo, hi = x.min(axis=0) - MARGIN, x.max(axis=0) + MARGIN
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def _clip(corners: list, a0: float, a1: float, d: float) -> list:
    """The part of a convex polygon where a0 x + a1 y + d >= 0 (one Sutherland-Hodgman pass)."""
    out = []
    for k, (px, py) in enumerate(corners):
        qx, qy = corners[(k + 1) % len(corners)]
        fp, fq = a0 * px + a1 * py + d, a0 * qx + a1 * qy + d
        if fp >= 0:
            out.append((px, py))
        if (fp >= 0) != (fq >= 0):
            t = fp / (fp - fq)
            out.append((px + t * (qx - px), py + t * (qy - py)))
    return out


def region_polygons(w, b, box) -> tuple:
    """Per class c, the box clipped by (w_c - w_k) . x + (b_c - b_k) >= 0 for every other class k: where
    a linear model predicts c (a convex polygon, maybe empty)."""
    x0, x1, y0, y1 = box
    regions = []
    for c in range(w.shape[1]):
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        for k in range(w.shape[1]):
            if k != c and corners:
                a0, a1 = float(w[0, c] - w[0, k]), float(w[1, c] - w[1, k])
                corners = _clip(corners, a0, a1, float(b[c] - b[k]))
        regions.append(tuple(corners))
    return tuple(regions)


def training_state(run: Run, steps: int, box) -> TrainingState:
    """The state of `run` after `steps` steps (0 <= steps)."""
    (w, b), losses = run.upto(int(steps))
    z = run.x @ w + b
    accuracy = float(np.mean(np.argmax(z, axis=1) == run.y))
    lr, scale, eps = run.settings
    return TrainingState(lr, scale, eps, int(steps), w, b, losses, accuracy, region_polygons(w, b, box), box)


def axis_top(initial_loss: float, num_classes: int) -> float:
    """The loss chart's top: the first of AXIS_TOPS above 1.15 x max(initial loss, log C)."""
    need = 1.15 * max(initial_loss, math.log(num_classes))
    return next((t for t in AXIS_TOPS if t >= need), AXIS_TOPS[-1])


# --- HTML -------------------------------------------------------------------------------------------


def _marker(kind: str, cx: float, cy: float, colour: str) -> str:
    style = f'style="fill:{colour};stroke:{FG};stroke-width:0.6"'
    if kind == "circle":
        return f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="3" {style}></circle>'
    if kind == "square":
        return f'<rect x="{cx - 2.7:.2f}" y="{cy - 2.7:.2f}" width="5.4" height="5.4" {style}></rect>'
    if kind == "triangle":
        return f'<polygon points="{cx:.2f},{cy - 3.6:.2f} {cx + 3.4:.2f},{cy + 2.6:.2f} {cx - 3.4:.2f},{cy + 2.6:.2f}" {style}></polygon>'  # noqa: E501
    return f'<polygon points="{cx:.2f},{cy - 3.8:.2f} {cx + 3.4:.2f},{cy:.2f} {cx:.2f},{cy + 3.8:.2f} {cx - 3.4:.2f},{cy:.2f}" {style}></polygon>'  # noqa: E501


def plane_frame(box) -> Frame:
    return Frame(*box, width=300, height=300, left=34, bottom=30)


def regions_html(state: TrainingState, names) -> str:
    """The plane coloured by the predicted class: a tinted polygon per class (the points lie on top)."""
    x0, x1, y0, y1 = state.box
    frame = plane_frame(state.box)
    ticks = lambda lo, hi: [t for t in range(math.ceil(lo), math.floor(hi) + 1) if t % 2 == 0]  # noqa: E731
    parts = [axes(frame, ticks(x0, x1), ticks(y0, y1), "x\u2081", "x\u2082")]
    for c, corners in enumerate(state.regions):
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        parts.append(
            f'<polygon class="xent-region" data-class="{c}" points="{points(frame, xs, ys)}" '
            f'style="fill:{COLOURS[c]};fill-opacity:0.2;stroke:{COLOURS[c]};stroke-width:1"></polygon>'
        )
    label = msg("train_regions_caption", accuracy=f"{state.accuracy:.1%}", names=", ".join(names))
    return svg(frame, "".join(parts), label, "xent-regions-chart")


def points_html(box, x, y) -> str:
    """The data points, a marker shape and colour per class, in the plane's frame: drawn once, over the
    regions (they never move, so a step sends only the regions)."""
    frame = plane_frame(box)
    px, py = frame.px(x[:, 0]), frame.py(x[:, 1])
    markers = "".join(_marker(MARKERS[c], a, b, COLOURS[c]) for a, b, c in zip(px, py, y, strict=True))
    return (
        f'<svg class="xent-points-chart" viewBox="0 0 {frame.width} {frame.height}" aria-hidden="true" '
        f'style="width:{frame.width / 16:g}em;max-width:100%;height:auto;display:block;pointer-events:none">'
        f"{markers}</svg>"
    )


def plane_html(regions: str, points_svg: str) -> str:
    """The regions and the points stacked in one grid cell (inline styles: a snapshot has no stylesheet)."""
    cell = 'style="grid-area:1 / 1"'
    return (
        f'<div class="xent-plane" style="display:grid;width:fit-content;max-width:100%">'
        f'<div class="xent-regions" {cell}>{regions}</div>'
        f'<div class="xent-points" {cell}>{points_svg}</div></div>'
    )


def curve_html(state: TrainingState, num_classes: int, max_steps: int) -> str:
    """The loss after each step so far, on an axis from 0 to axis_top; log C dotted (knowing nothing)."""
    top = axis_top(float(state.losses[0]), num_classes)
    frame = Frame(0, max_steps, 0, top, width=320, height=200)
    yticks = [top * k / 4 for k in range(5)]
    xticks = [max_steps * k / 3 for k in range(4)]
    log_c = float(frame.py(math.log(num_classes)))
    body = (
        axes(frame, xticks, yticks, msg("train_curve_x"), msg("loss"))
        + f'<line class="xent-log-c" x1="{frame.left}" y1="{log_c:.2f}" x2="{frame.width - frame.right}" '
        f'y2="{log_c:.2f}" style="stroke:{FG2};stroke-dasharray:2 3"></line>'
        f'<text class="xent-log-c-label" x="{frame.width - frame.right - 2}" y="{log_c - 3:.2f}" '
        f'text-anchor="end" style="fill:{FG2};font-size:10px">log {num_classes}</text>'
        f'<polyline class="xent-loss-curve" '
        f'points="{points(frame, np.arange(state.steps + 1), state.losses)}" '
        f'style="fill:none;stroke:{BLUE};stroke-width:2"></polyline>'
    )
    label = msg("train_curve_caption", steps=state.steps, loss=f"{state.losses[-1]:.4f}")
    return svg(frame, body, label, "xent-train-curve-chart")


def readout_html(state: TrainingState, max_steps: int) -> str:
    key = f'style="font-family:{MONO}" data-xent-key'
    smooth = f", label_smoothing={state.label_smoothing:g}" if state.label_smoothing else ""
    return (
        f'<div class="xent-train-readout" style="color:{FG}">'
        f'<div style="font-size:1.3em"><span class="xent-train-step">'
        f"{e(msg('train_step', steps=state.steps, max=max_steps))}</span>{e(msg('colon'))}"
        f'{e(msg("loss"))} = <b class="xent-loss-value" {key}="loss">{num(state.losses[-1])}</b></div>'
        f'<div style="font-size:0.95em">{e(msg("train_accuracy"))} = '
        f'<b {key}="accuracy">{num(state.accuracy)}</b> '
        f'(<span class="xent-train-percent">{state.accuracy:.1%}</span>)</div>'
        f'<div style="color:{FG2};font-size:0.9em;font-family:{MONO}" class="xent-train-call">'
        f"{e(f'lr={state.learning_rate:g}, W0 = {state.init_scale:g} * N(0, 1){smooth}')}</div></div>"
    )


def training_announcement(state: TrainingState) -> str:
    return msg(
        "live_training", steps=state.steps, loss=f"{state.losses[-1]:.4f}", accuracy=f"{state.accuracy:.1%}"
    )


def _words(max_steps: int) -> dict:
    """The sentences the page fills in when it repaints (paint.js)."""
    return {
        "step": msg("train_step", steps="{steps}", max=max_steps),
        "regions": msg("train_regions_caption", accuracy="{accuracy}", names="{names}"),
        "curve": msg("train_curve_caption", steps="{steps}", loss="{loss}"),
        "live": msg("live_training", steps="{steps}", loss="{loss}", accuracy="{accuracy}"),
        "steps": msg("train_steps"),
        "learning_rate": msg("train_lr"),
        "init_scale": msg("train_init"),
        "label_smoothing": msg("label_smoothing"),
        "play": msg("train_play"),
        "pause": msg("train_pause"),
    }


def _data(x, y, w_unit, box, names, max_steps) -> dict:
    """What the page needs to train the same model itself: the data, W's N(0, 1) draw, the plane."""
    return {
        "x": x.tolist(),
        "y": y.tolist(),
        "w_unit": w_unit.tolist(),
        "box": list(box),
        "names": list(names),
        "max_steps": max_steps,
        "axis_tops": list(AXIS_TOPS),
    }


def training_views(state: TrainingState, names, max_steps: int) -> tuple[str, str, str]:
    return (
        readout_html(state, max_steps),
        regions_html(state, names),
        curve_html(state, len(names), max_steps),
    )


def training_snapshot_html(state: TrainingState, x, y, names, max_steps: int, w_unit=None) -> str:
    """A TrainingExplorer as static HTML (with w_unit, the draw of W, it carries what a page needs to train
    the model itself and move)."""
    readout, regions, curve = training_views(state, names, max_steps)
    body = (
        f'<div class="xent-train-readout-view">{readout}</div>'
        f'<div class="xent-row" style="display:flex;flex-wrap:wrap;gap:0.5em 1.5em;margin-top:0.5em">'
        f"{plane_html(regions, points_html(state.box, x, y))}"
        f'<div class="xent-train-curve">{curve}</div></div>'
    )
    live = None
    if w_unit is not None:
        live = {
            "kind": "training",
            "data": _data(x, y, w_unit, state.box, names, max_steps),
            "learning_rate": state.learning_rate,
            "init_scale": state.init_scale,
            "smoothing": state.label_smoothing,
            "steps": state.steps,
            "learning_rates": list(LEARNING_RATES),
            "init_scales": list(INIT_SCALES),
            "words": _words(max_steps)
            | {"page_live": f"{msg('snapshot_training_title')} \u2014 {msg('page_live')}"},
        }
    return _snapshot("snapshot_training_title", body, live)


# --- the widget ---------------------------------------------------------------------------------------


def _choice_slider(css: str, name: str, choices, value: float) -> Slider:
    return Slider(
        css, value=value, choices=list(choices), choice_texts=[f"{v:g}" for v in choices], description=name,
        label=name,
    )  # fmt: skip


class TrainingExplorer(_Explorer):
    """Softmax regression on 2-D points, trained by gradient descent as you step or play: the decision
    regions and the loss curve follow the step slider, the learning rate, the initial scale and label
    smoothing.

    `.weights`, `.bias`, `.losses` (after 0 ... steps steps), `.loss`, `.accuracy` and `.state` are what
    xentlib.training computes for the controls' current values.
    """

    READ_ONLY = ("weights", "bias", "losses", "loss", "accuracy", "state", "steps")
    NEW_ONE = "TrainingExplorer(my_X, my_y)"

    def __init__(self, X=None, y=None, class_names=None, max_steps: int = MAX_STEPS):
        if X is None and y is None:
            X, y = make_blobs(n_per_class=100, num_classes=3, seed=0)
        x = _features(X)
        if x.shape[1] != 2:
            raise ValueError(msg("train_two_features", shape=x.shape))
        labels = as_class_indices(np.asarray(y), int(np.max(y)) + 1)
        num_classes = int(labels.max()) + 1
        if not 2 <= num_classes <= len(COLOURS) or labels.shape != (x.shape[0],):
            raise ValueError(msg("train_classes", most=len(COLOURS), shape=labels.shape, rows=x.shape[0]))
        self._x, self._y, self._max = x, labels, int(max_steps)
        self._names = (
            [msg("class_name", c=c) for c in range(num_classes)]
            if class_names is None
            else [str(n) for n in class_names]
        )
        self._box = plane(x)
        self._w_unit = init_params(2, num_classes, scale=1.0, seed=0)[0]
        self._runs: dict[tuple, Run] = {}
        self._steps = Slider(
            "xent-steps", value=0, min=0, max=self._max, step=1, decimals=0, description=msg("train_steps"),
            label=msg("train_steps"), exact_suffix=msg("exact_suffix"), play_label=msg("train_play"),
            pause_label=msg("train_pause"),
        )  # fmt: skip
        self._lr = _choice_slider("xent-lr", msg("train_lr"), LEARNING_RATES, 0.5)
        self._init = _choice_slider("xent-init", msg("train_init"), INIT_SCALES, 0.01)
        self._smoothing = _option_slider("xent-smoothing", msg("label_smoothing"), 0.0, 0.0, 1.0)
        self._readout = View("xent-train-readout-view", "xent-key-view")
        self._regions = View("xent-regions", "xent-plane-layer")
        self._points = View("xent-points", "xent-plane-layer", value=points_html(self._box, x, labels))
        self._curve = View("xent-train-curve")
        self._data = words_view(
            _words(self._max), train=_data(x, labels, self._w_unit, self._box, self._names, self._max)
        )
        options = _box(widgets.VBox, [self._steps, self._lr, self._init, self._smoothing], "xent-controls")
        super().__init__(
            [
                _box(widgets.HBox, [self._readout, options], "xent-top"),
                _box(
                    widgets.HBox,
                    [_box(widgets.Box, [self._regions, self._points], "xent-plane"), self._curve],
                    "xent-row",
                ),
                self._data,
            ],
            "xent-training-explorer",
        )
        self._state = self._controls_state()
        self._refresh()
        for control in (self._steps, self._lr, self._init, self._smoothing):
            control.observe(self._refresh, names="value")

    def __repr__(self) -> str:
        s = self._state
        return f"TrainingExplorer({len(self._y)} points, step {s.steps}, loss={num(s.losses[-1])})"

    weights = property(lambda self: self._state.weights.copy())
    bias = property(lambda self: self._state.bias.copy())
    losses = property(lambda self: self._state.losses.copy())
    loss = property(lambda self: float(self._state.losses[-1]))
    accuracy = property(lambda self: self._state.accuracy)
    steps = property(lambda self: self._state.steps)
    state = property(lambda self: self._state)

    def snapshot_html(self) -> str:
        return training_snapshot_html(self._state, self._x, self._y, self._names, self._max, self._w_unit)

    def _run(self, lr: float, scale: float, eps: float) -> Run:
        key = (lr, scale, eps)
        if key not in self._runs:
            if len(self._runs) > 20:  # a learner trying many settings: keep memory small
                self._runs.clear()
            self._runs[key] = Run(self._x, self._y, lr, scale, eps)
        return self._runs[key]

    def _controls_state(self) -> TrainingState:
        eps = snap(self._smoothing.value, DECIMALS)
        run = self._run(float(self._lr.value), float(self._init.value), eps)
        steps = int(round(self._steps.value))
        if not 0 <= steps <= self._max:
            raise ValueError(msg("train_steps_range", steps=steps, max=self._max))
        return training_state(run, steps, self._box)

    def _kept_values(self):
        s = self._state
        yield self._steps, float(s.steps)
        yield self._lr, s.learning_rate
        yield self._init, s.init_scale
        yield self._smoothing, s.label_smoothing

    @_shows_errors
    def _refresh(self, change=None) -> None:
        state = self._controls_state()
        values = [state.learning_rate, state.init_scale, state.label_smoothing, state.steps]
        views = training_views(state, self._names, self._max)
        views = zip((self._readout, self._regions, self._curve), views, strict=True)
        self._show(values, training_announcement(state), *views)
        self._state = state
