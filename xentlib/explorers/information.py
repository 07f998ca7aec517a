"""The information explorer (notebook 10): edit a target q and a model p and see H(q, p) = H(q) + KL(q || p).

Top to bottom: the state (pure functions of xentlib.information), its HTML, the widget. q and p are set by
non-negative weights, each normalised to sum to 1 (a weight of 0 gives a probability of exactly 0, so the
explorer can show 0 log 0 = 0 and an infinite KL where p_c = 0 < q_c).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from ..data import SEED_LOGITS
from ..information import UNITS, distribution_cross_entropy, entropy, kl_divergence
from ..softmax import softmax
from .controls import Choice, Slider, View
from .html import BLUE, FG, FG2, MONO, ORANGE, _snapshot, class_names_unique, e, num
from .messages import msg
from .state import snap
from .svg import Frame, axes, svg
from .widgets import DECIMALS, _box, _Explorer, _shows_errors, words_view

WEIGHT_STEP = 0.01
#: The default target: sample 0 of the seed (true class 1) with label smoothing 0.1 over 5 classes.
DEFAULT_TARGET = (0.02, 0.92, 0.02, 0.02, 0.02)
#: The default model: softmax of the seed's first logits, rounded to 2 decimals.
DEFAULT_MODEL = tuple(float(v) for v in np.round(softmax(SEED_LOGITS[0]), 2))


@dataclass(frozen=True)
class InformationState:
    """Everything an InformationExplorer shows, for two sets of weights and the units."""

    target_weights: np.ndarray
    model_weights: np.ndarray
    units: str
    target: np.ndarray  # q = target weights / their sum
    model: np.ndarray  # p = model weights / their sum
    entropy: float  # H(q)
    cross_entropy: float  # H(q, p) = H(q) + KL(q || p)
    kl: float  # KL(q || p)
    reverse_kl: float  # KL(p || q): not the same, KL is not a distance


def _normalised(weights, which: str) -> np.ndarray:
    w = np.array(weights, dtype=np.float64)
    if w.ndim != 1 or w.size < 2:
        raise ValueError(msg("info_weights_shape", which=which, shape=w.shape))
    bad = np.flatnonzero(~np.isfinite(w) | (w < 0))
    if bad.size:
        raise ValueError(msg("info_weight_negative", which=which, c=int(bad[0]), value=w[bad[0]]))
    if w.sum() == 0:
        raise ValueError(msg("info_weights_zero", which=which))
    return w / w.sum()


def information_state(target_weights, model_weights, units: str = "nats") -> InformationState:
    """q = w_q / sum w_q, p = w_p / sum w_p; H(q), H(q, p), KL(q || p) and KL(p || q) in `units`."""
    q, p = _normalised(target_weights, "q"), _normalised(model_weights, "p")
    if q.shape != p.shape:
        raise ValueError(msg("info_sizes", q=q.size, p=p.size))
    with np.errstate(divide="ignore"):
        values = (
            float(entropy(q, units=units)),
            float(distribution_cross_entropy(q, p, units=units)),
            float(kl_divergence(q, p, units=units)),
            float(kl_divergence(p, q, units=units)),
        )
    return InformationState(
        np.array(target_weights, dtype=np.float64), np.array(model_weights, dtype=np.float64), units, q, p,
        *values,
    )  # fmt: skip


def axis_end(state: InformationState) -> float:
    """The stacked bar's scale: 1.1 x the larger of H(q, p) (when finite) and log C, in the units."""
    log_c = math.log(state.target.size) * UNITS[state.units]
    return 1.1 * max(log_c, state.cross_entropy if math.isfinite(state.cross_entropy) else log_c)


# --- HTML -------------------------------------------------------------------------------------------


def readout_html(state: InformationState) -> str:
    key = f'style="font-family:{MONO}" data-xent-key'
    u = e(state.units)
    return (
        f'<div class="xent-info-readout" style="color:{FG}">'
        f'<div style="font-size:1.3em">H(q, p) = <b class="xent-loss-value" {key}="cross_entropy">'
        f'{num(state.cross_entropy)}</b> <span class="xent-units-text">{u}</span></div>'
        f'<div style="font-size:0.95em">= H(q) + KL(q \u2016 p) = <b {key}="entropy">{num(state.entropy)}</b>'
        f' + <b {key}="kl">{num(state.kl)}</b></div>'
        f'<div style="color:{FG2};font-size:0.9em">{e(msg("info_reverse"))} KL(p \u2016 q) = '
        f'<span {key}="reverse_kl">{num(state.reverse_kl)}</span></div></div>'
    )


def _four(x: float) -> str:
    return f"{x:.4f}" if math.isfinite(x) else "\u221e"


def bars_html(state: InformationState, names) -> str:
    """Per class, q_c (blue, left) and p_c (orange, right, outlined), each with its value."""
    c = len(names)
    frame = Frame(-0.5, c - 0.5, 0.0, 1.0, width=max(220, 60 * c + 56), height=190, bottom=44)
    parts = [axes(frame, [], [0, 0.5, 1], "", msg("info_probability"))]
    bottom = float(frame.py(0.0))
    for k, (qk, pk) in enumerate(zip(state.target, state.model, strict=True)):
        x = float(frame.px(k))
        for which, value, dx, colour in (("q", qk, -17, BLUE), ("p", pk, 3, ORANGE)):
            top = float(frame.py(value))
            parts.append(
                f'<rect class="xent-info-bar" data-which="{which}" data-class="{k}" x="{x + dx:.2f}" '
                f'y="{top:.2f}" width="14" height="{bottom - top:.2f}" style="fill:{colour};stroke:{FG};'
                f'stroke-width:{0.8 if which == "p" else 0}"><title>{which} = {num(value)}</title></rect>'
                f'<text class="xent-info-value" data-which="{which}" data-class="{k}" x="{x + dx + 7:.2f}" '
                f'y="{top - 3:.2f}" text-anchor="middle" '
                f'style="fill:{FG};font-size:7.5px;font-family:{MONO}">'
                f"{value:.2f}</text>"
            )
        parts.append(
            f'<text x="{x:.2f}" y="{frame.height - 30}" text-anchor="middle" '
            f'style="fill:{FG};font-size:10px">'
            f'{e(names[k])}</text><text x="{x:.2f}" y="{frame.height - 18}" text-anchor="middle" '
            f'style="fill:{FG2};font-size:9px">q | p</text>'
        )
    label = msg(
        "info_bars_caption",
        q=", ".join(f"{v:.4f}" for v in state.target),
        p=", ".join(f"{v:.4f}" for v in state.model),
    )
    return svg(frame, "".join(parts), label, "xent-info-bars-chart")


def stack_html(state: InformationState) -> str:
    """One bar from 0 to H(q, p): H(q) (blue), then KL(q || p) (orange); log C marked (the most uncertain)."""
    end = axis_end(state)
    frame = Frame(0.0, end, 0.0, 1.0, width=360, height=96, left=12, right=16, top=26, bottom=26)
    h, total = state.entropy, state.cross_entropy
    y0, y1 = float(frame.py(1.0)), float(frame.py(0.0))
    log_c = math.log(state.target.size) * UNITS[state.units]
    x_h, x_total, x_c = float(frame.px(h)), float(frame.px(total)), float(frame.px(log_c))
    body = (
        f'<rect class="xent-stack-h" x="{frame.left}" y="{y0:.2f}" width="{x_h - frame.left:.2f}" '
        f'height="{y1 - y0:.2f}" style="fill:{BLUE}"></rect>'
        f'<rect class="xent-stack-kl" x="{x_h:.2f}" y="{y0:.2f}" width="{x_total - x_h:.2f}" '
        f'height="{y1 - y0:.2f}" style="fill:{ORANGE}"></rect>'
        f'<text class="xent-stack-h-text" x="{frame.left}" y="{y0 - 6:.2f}" style="fill:{FG};font-size:10px">'
        f"H(q) = {_four(h)}</text>"
        f'<text class="xent-stack-kl-text" x="{x_total:.2f}" y="{y1 + 14:.2f}" text-anchor="end" '
        f'style="fill:{FG};font-size:10px">KL = {_four(state.kl)} \u2192 H(q, p) = {_four(total)}</text>'
        f'<line class="xent-stack-log-c" x1="{x_c:.2f}" y1="{y0 - 4:.2f}" x2="{x_c:.2f}" y2="{y1 + 4:.2f}" '
        f'style="stroke:{FG};stroke-dasharray:3 2"></line>'
        f'<text class="xent-stack-log-c-text" x="{x_c:.2f}" y="{y0 - 6:.2f}" text-anchor="middle" '
        f'style="fill:{FG2};font-size:9px">log {state.target.size}</text>'
    )
    label = msg("info_stack_caption", h=_four(h), kl=_four(state.kl), total=_four(total), units=state.units)
    return svg(frame, body, label, "xent-info-stack-chart")


def information_announcement(state: InformationState) -> str:
    return msg(
        "live_information", h=_four(state.entropy), kl=_four(state.kl), total=_four(state.cross_entropy),
        units=state.units,
    )  # fmt: skip


def _words() -> dict:
    return {
        "bars": msg("info_bars_caption", q="{q}", p="{p}"),
        "stack": msg("info_stack_caption", h="{h}", kl="{kl}", total="{total}", units="{units}"),
        "live": msg("live_information", h="{h}", kl="{kl}", total="{total}", units="{units}"),
        "units": msg("info_units"),
    }


def information_views(state: InformationState, names) -> tuple[str, str, str]:
    return readout_html(state), bars_html(state, names), stack_html(state)


def information_snapshot_html(state: InformationState, names, live: bool = True) -> str:
    readout, bars, stack = information_views(state, names)
    body = (
        f'<div class="xent-info-readout-view">{readout}</div>'
        f'<div class="xent-info-stack">{stack}</div><div class="xent-info-bars">{bars}</div>'
    )
    data = None
    if live:
        data = {
            "kind": "information",
            "target": state.target_weights.tolist(),
            "model": state.model_weights.tolist(),
            "units": state.units,
            "target_names": [msg("info_target_name", name=name) for name in names],
            "model_names": [msg("info_model_name", name=name) for name in names],
            "words": _words()
            | {"page_live": f"{msg('snapshot_information_title')} \u2014 {msg('page_live')}"},
        }
    return _snapshot("snapshot_information_title", body, data)


# --- the widget ---------------------------------------------------------------------------------------


def _weight_slider(css: str, value: float, name: str, label: str, c: int) -> Slider:
    return Slider(
        css, f"xent-class-{c}", value=value, min=0.0, max=max(1.0, value), step=WEIGHT_STEP,
        decimals=DECIMALS, description=name, label=label, exact_suffix=msg("exact_suffix"),
    )  # fmt: skip


class InformationExplorer(_Explorer):
    """A target q and a model p over C classes, each from non-negative weights: H(q), KL(q || p) and
    H(q, p) = H(q) + KL(q || p) as numbers and as one stacked bar, in nats or bits.

    `.target`, `.model`, `.entropy`, `.kl`, `.cross_entropy`, `.units` and `.state` are what
    xentlib.information computes for the controls' current values.
    """

    READ_ONLY = ("target", "model", "entropy", "kl", "cross_entropy", "units", "state")
    NEW_ONE = "InformationExplorer(my_target_weights, my_model_weights)"

    def __init__(self, target=DEFAULT_TARGET, model=DEFAULT_MODEL, class_names=None, units="nats"):
        first = information_state(np.round(target, DECIMALS), np.round(model, DECIMALS), units)
        self._names = class_names_unique(class_names, first.target.size)
        self._q = [
            _weight_slider(
                "xent-target-weight", v, msg("info_target_name", name=n), msg("info_target_name", name=n), c
            )
            for c, (v, n) in enumerate(zip(first.target_weights, self._names, strict=True))
        ]
        self._p = [
            _weight_slider(
                "xent-model-weight", v, msg("info_model_name", name=n), msg("info_model_name", name=n), c
            )
            for c, (v, n) in enumerate(zip(first.model_weights, self._names, strict=True))
        ]
        self._units = Choice("xent-units", value=units, options=list(UNITS), description=msg("info_units"))
        self._readout = View("xent-info-readout-view", "xent-key-view")
        self._stack = View("xent-info-stack")
        self._bars = View("xent-info-bars")
        self._words = words_view(_words())
        weights = _box(
            widgets.HBox,
            [_box(widgets.VBox, self._q, "xent-controls"), _box(widgets.VBox, self._p, "xent-controls")],
            "xent-row",
        )
        super().__init__(
            [
                _box(
                    widgets.HBox,
                    [self._readout, _box(widgets.VBox, [self._units], "xent-controls")],
                    "xent-top",
                ),
                self._stack,
                _box(widgets.HBox, [weights, self._bars], "xent-row"),
                self._words,
            ],
            "xent-information-explorer",
        )
        self._state = first
        self._refresh()
        for control in (*self._q, *self._p, self._units):
            control.observe(self._refresh, names="value")

    def __repr__(self) -> str:
        s = self._state
        return f"InformationExplorer({s.target.size} classes, H(q, p)={num(s.cross_entropy)} {s.units})"

    target = property(lambda self: self._state.target.copy())
    model = property(lambda self: self._state.model.copy())
    entropy = property(lambda self: self._state.entropy)
    kl = property(lambda self: self._state.kl)
    cross_entropy = property(lambda self: self._state.cross_entropy)
    units = property(lambda self: self._state.units)
    state = property(lambda self: self._state)

    def snapshot_html(self) -> str:
        return information_snapshot_html(self._state, self._names)

    def _controls_state(self) -> InformationState:
        q = [snap(s.value, DECIMALS) for s in self._q]
        p = [snap(s.value, DECIMALS) for s in self._p]
        return information_state(q, p, self._units.value)

    def _kept_values(self):
        s = self._state
        yield from zip(self._q, map(float, s.target_weights), strict=True)
        yield from zip(self._p, map(float, s.model_weights), strict=True)
        yield self._units, s.units

    @_shows_errors
    def _refresh(self, change=None) -> None:
        state = self._controls_state()
        values = [state.target_weights.tolist(), state.model_weights.tolist(), state.units]
        views = zip(
            (self._readout, self._bars, self._stack), information_views(state, self._names), strict=True
        )
        self._show(values, information_announcement(state), *views)
        self._state = state
