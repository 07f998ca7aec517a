"""Live explorers for notebooks: move a logit or change a label and see softmax and the loss update at once.

`SoftmaxExplorer` and `LossExplorer` are ipywidgets (display one by leaving it last in a cell). The numbers
come from `state.py`, the HTML from `html.py`, the words from `messages.py`; the controls are the
named, keyboard-friendly inputs of `controls.py` (+ controls.js, explorer.css). The views are built once
and then only their HTML is replaced. Where no widget can be drawn (an nbconvert export, a notebook
renderer, a book page) each explorer also offers a `text/html` snapshot of its current state.
"""

from __future__ import annotations

import functools
import html
import json
from contextlib import contextmanager

import ipywidgets as widgets
import numpy as np

from ..data import SEED_LABELS, SEED_LOGITS
from .controls import Choice, Slider, View
from .html import (
    bars_html,
    error_html,
    loss_announcement,
    loss_html,
    loss_snapshot_html,
    loss_text,
    sample_html,
    softmax_snapshot_html,
    softmax_table_html,
    status_html,
)
from .html import class_names as _names
from .messages import msg
from .state import (
    SCALES,
    LossState,
    SoftmaxState,
    format_matrix,
    loss_state,
    parse_matrix,
    slider_range,
    snap,
    softmax_state,
)

__all__ = ["LossExplorer", "SoftmaxExplorer", "loss_text"]

DECIMALS = 6  # logits are kept to 6 decimals: what the number boxes show is exactly what is computed
LOGIT_STEP = 0.1  # one arrow press: a move the bars show
OPTION_STEP = 0.05  # label smoothing and temperature
REDUCTIONS = ("mean", "sum", "none")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _shows_errors(method):
    """Run a callback; an exception goes to the explorer's error area instead of being lost in a log."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self._quiet:  # the kernel is setting controls itself (_quietly): nothing to recompute
            return
        try:
            method(self, *args, **kwargs)
        except Exception as exc:  # a callback has nobody above it to catch
            self._error.value = error_html(exc)
            self._restore_controls()  # a refused entry must not stay on screen: show what the kernel kept
        else:
            if self._error.value:
                self._error.value = ""

    return wrapper


def _close_tree(widget) -> None:
    """Close a widget and everything inside it, so replaced controls leave no live comms behind."""
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


def stamped(view_html: str, values) -> str:
    """A view's HTML marked with the controls' values it answers: the page repaints a view for older ones."""
    return f'<div data-xent-stamp="{html.escape(json.dumps(values))}">{view_html}</div>'


def words_view(words: dict, **data) -> View:
    """A view holding what the page's painter needs (paint.js): the sentences it fills in
    (data-xent-words) and any data, as data-xent-<name> attributes. It shows nothing."""
    attrs = " ".join(
        f'data-xent-{name}="{html.escape(json.dumps(value, ensure_ascii=False))}"'
        for name, value in {"words": words, **data}.items()
    )
    return View("xent-words", value=f"<div {attrs}></div>")


def _box(kind, children, *css):
    box = kind(children)
    for name in css:
        box.add_class(name)
    return box


def _logit_slider(value: float, bounds, name: str, label: str, *css) -> Slider:
    """A logit's range (0.1 per arrow press) and number box (exact to 6 decimals), named `label`."""
    return Slider(
        "xent-logit", *css, value=value, min=bounds[0], max=bounds[1], step=LOGIT_STEP, decimals=DECIMALS,
        description=name, label=label, exact_suffix=msg("exact_suffix"),
    )  # fmt: skip


def _option_slider(css: str, name: str, value: float, low: float, high: float) -> Slider:
    return Slider(
        css, value=value, min=low, max=high, step=OPTION_STEP, decimals=DECIMALS, description=name,
        label=name, exact_suffix=msg("exact_suffix"),
    )  # fmt: skip


class _Explorer(widgets.VBox):
    READ_ONLY = (
        "logits",
        "labels",
        "probabilities",
        "loss",
        "state",
        "temperature",
        "scale",
        "naive_probabilities",
    )
    NEW_ONE = "LossExplorer(my_logits, my_labels)"

    def __setattr__(self, name, value):
        if name in self.READ_ONLY:  # a property without a setter would say only "has no setter"
            raise AttributeError(msg("read_only", name=name, new_one=self.NEW_ONE))
        super().__setattr__(name, value)

    def __init__(self, children, css):
        self._quiet = False
        self._error = View("xent-error")
        super().__init__(children=[*children, self._error])
        self.add_class("xent-explorer")
        self.add_class(css)

    # ipywidgets 7 displays a widget through _ipython_display_, which IPython prefers to
    # _repr_mimebundle_ and which leaves out the snapshot: this class builds the bundle for 7 and 8.
    _ipython_display_ = None

    def _repr_mimebundle_(self, **kwargs):
        """The live widget for front ends that draw widgets, a static snapshot (text/html) for the rest."""
        bundle = {"text/plain": repr(self), "text/html": self.snapshot_html()}
        if self._view_name is not None:  # what ipywidgets 7 and 8 both send: widget protocol 2
            bundle[WIDGET_MIME] = {"version_major": 2, "version_minor": 0, "model_id": self._model_id}
        return bundle

    @property
    def probabilities(self) -> np.ndarray:
        return self._state.probabilities.copy()

    @contextmanager
    def _quietly(self):
        """Change controls from the kernel without their observers recomputing after each change."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _restore_controls(self) -> None:
        """Every control back to the value of the state the kernel kept."""
        with self._quietly():
            for control, value in self._kept_values():
                if control.value != value:
                    control.value = value

    def _kept_values(self):
        """(control, value in self._state) for every control."""
        raise NotImplementedError

    def _show(self, values, live: str, *views) -> None:
        """(view, HTML) pairs, each marked with the controls' values it answers (`stamped`); the first is
        the readout, which also gets `live`, the sentence a screen reader announces."""
        (readout, first), *rest = views
        with readout.hold_sync():
            readout.value = stamped(first, values)
            readout.live = live
        for view, text in rest:
            view.value = stamped(text, values)

    @property
    def logits(self) -> np.ndarray:
        return self._state.logits.copy()


class LossExplorer(_Explorer):
    """N samples x C classes, a slider per logit, a label per sample: p = softmax(z), L = cross_entropy(z, y).

    `.logits`, `.labels`, `.probabilities` and `.loss` are what xentlib computes for the controls'
    current values (logits kept to 6 decimals, as the number boxes show them). The loss readout sits
    above the samples (one tab each), so it stays in view while any sample's controls move.
    """

    def __init__(self, logits=SEED_LOGITS, labels=SEED_LABELS, class_names=None):
        z = np.array(logits, dtype=np.float64)
        if z.ndim != 2:
            raise ValueError(msg("logits_matrix", shape=z.shape))
        first = loss_state(z, labels)  # raises here, with xentlib's message, on bad logits or labels
        first = loss_state(np.round(first.logits, DECIMALS), first.labels)
        self._given_names = class_names
        self._class_names = _names(class_names, z.shape[1])
        self._smoothing = _option_slider("xent-smoothing", msg("label_smoothing"), 0.0, 0.0, 1.0)
        self._reduction = Choice(
            "xent-reduction", value="mean", options=list(REDUCTIONS), description=msg("reduction")
        )
        self._loss_view = View("xent-loss")
        tabbed = z.shape[0] > 1
        self._samples = _box(widgets.Tab if tabbed else widgets.VBox, [], "xent-samples")
        self._matrix = widgets.Textarea(
            value=format_matrix(first.logits),
            continuous_update=False,
            rows=z.shape[0] + 1,
            description=msg("paste_label"),
            placeholder=msg("paste_placeholder"),
        )
        self._matrix.add_class("xent-matrix")
        self._matrix_status = View("xent-matrix-status", value=status_html(msg("paste_help")))
        self._matrix_error = False
        options = _box(widgets.VBox, [self._smoothing, self._reduction], "xent-controls")
        super().__init__(
            [
                _box(widgets.HBox, [self._loss_view, options], "xent-top"),
                self._samples,
                self._matrix,
                self._matrix_status,
            ],
            "xent-loss-explorer",
        )
        self._build_samples(first.logits, first.labels)
        self._state = first
        self._refresh()
        self._smoothing.observe(self._refresh, names="value")
        self._reduction.observe(self._refresh, names="value")
        self._matrix.observe(self._on_matrix, names="value")

    def __repr__(self) -> str:
        n, c = self._state.logits.shape
        return f"LossExplorer({n} samples x {c} classes, loss={loss_text(self._state.loss)})"

    @property
    def labels(self) -> np.ndarray:
        return self._state.labels.copy()

    @property
    def loss(self):
        """cross_entropy(logits, labels, label_smoothing=..., reduction=...) for the current controls."""
        loss = self._state.loss
        return loss.copy() if np.ndim(loss) else loss

    @property
    def state(self) -> LossState:
        return self._state

    def snapshot_html(self) -> str:
        """The current state as self-contained static HTML (bars and loss; no script, no request)."""
        bounds = (self._sliders[0][0].min, self._sliders[0][0].max) if self._sliders else None
        return loss_snapshot_html(self._state, self._class_names, bounds)

    def _build_samples(self, z: np.ndarray, labels) -> None:
        """(Re)create the controls of every sample: its label menu and a slider per class."""
        for old in self._samples.children:
            _close_tree(old)
        bounds = slider_range(z)
        self._sliders, self._menus, self._views, rows = [], [], [], []
        for i, row in enumerate(z):
            menu = widgets.Dropdown(
                options=[(n, c) for c, n in enumerate(self._class_names)],
                value=int(labels[i]),
                description=msg("true_class_menu", i=i),
            )
            for name in ("xent-label", f"xent-sample-{i}"):
                menu.add_class(name)
            sliders = [
                _logit_slider(
                    v,
                    bounds,
                    name,
                    msg("sample_logit_name", i=i, name=name),
                    f"xent-sample-{i}",
                    f"xent-class-{c}",
                )
                for c, (v, name) in enumerate(zip(row, self._class_names, strict=True))
            ]
            view = View("xent-sample-view", f"xent-sample-{i}")
            menu.observe(functools.partial(self._refresh, sample=i), names="value")
            for s in sliders:
                s.observe(functools.partial(self._refresh, sample=i), names="value")
            self._sliders.append(sliders)
            self._menus.append(menu)
            self._views.append(view)
            controls = _box(widgets.VBox, [menu, *sliders], "xent-controls")
            rows.append(_box(widgets.HBox, [controls, view], "xent-sample-row"))
        self._samples.children = rows
        if isinstance(self._samples, widgets.Tab):
            self._samples.titles = [msg("sample", i=i) for i in range(len(rows))]

    def _controls_state(self) -> LossState:
        z = [[snap(s.value, DECIMALS) for s in row] for row in self._sliders]
        y = [menu.value for menu in self._menus]
        return loss_state(z, y, snap(self._smoothing.value, DECIMALS), self._reduction.value)

    def _render(self, state: LossState, samples) -> None:
        # The loss first: it is what a learner watches, and what the page shows first.
        with self._loss_view.hold_sync():
            self._loss_view.value = loss_html(state)
            self._loss_view.live = loss_announcement(state)
        for i in samples:
            self._views[i].value = sample_html(state, i, self._class_names)
        text = format_matrix(state.logits)
        if text != self._matrix.value:
            with self._quietly():
                self._matrix.value = text
            if self._matrix_error:  # the refused text is gone from the box: so is the message about it
                self._show_status(msg("paste_help"))

    def _kept_values(self):
        s = self._state
        yield self._smoothing, s.label_smoothing
        yield self._reduction, s.reduction
        for menu, label in zip(self._menus, s.labels, strict=False):
            yield menu, int(label)
        for row, values in zip(self._sliders, s.logits, strict=False):
            yield from zip(row, map(float, values), strict=False)

    @_shows_errors
    def _refresh(self, change=None, sample=None) -> None:
        state = self._controls_state()
        self._render(state, range(len(self._views)) if sample is None else [sample])
        self._state = state

    @_shows_errors
    def _on_matrix(self, change) -> None:
        try:
            z = np.round(parse_matrix(change["new"], rows=len(self._menus)), DECIMALS)
        except ValueError as exc:
            self._show_status(msg("paste_rejected", error=exc), error=True)
            return
        num_classes = z.shape[1]
        labels = np.minimum(self._state.labels, num_classes - 1)
        moved = [i for i, (a, b) in enumerate(zip(labels, self._state.labels, strict=True)) if a != b]
        if num_classes == len(self._class_names):
            self._set_logits(z)  # same shape: keep the controls (and the labels), move their values
        else:
            given = self._given_names is not None and len(self._given_names) == num_classes
            self._class_names = _names(self._given_names if given else None, num_classes)
            self._build_samples(z, labels)
        self._refresh()
        shape = {"rows": z.shape[0], "cols": num_classes}
        if moved:
            self._show_status(msg("paste_applied_labels_moved", moved=moved, **shape))
        else:
            self._show_status(msg("paste_applied", **shape))

    def _show_status(self, text: str, error: bool = False) -> None:
        self._matrix_status.value = status_html(text, error)
        self._matrix_error = error

    def _set_logits(self, z: np.ndarray) -> None:
        low, high = slider_range(z)
        with self._quietly():
            for row, values in zip(self._sliders, z, strict=True):
                for s, v in zip(row, values, strict=True):
                    s.min, s.max = min(s.min, low), max(s.max, high)
                    s.value = float(v)


class SoftmaxExplorer(_Explorer):
    """C logits and a temperature: p = softmax(scale * z / T) as bars and digits, beside softmax_naive.

    The scale slider multiplies the logits until exp overflows in softmax_naive (nan), while the
    stable softmax stays exact. `.logits`, `.temperature`, `.scale`, `.probabilities` and
    `.naive_probabilities` are what xentlib computes for the controls' current values.
    """

    NEW_ONE = "SoftmaxExplorer(my_logits)"

    def __init__(self, logits=SEED_LOGITS[0], temperature=1.0, class_names=None):
        first = softmax_state(logits, temperature)
        if first.logits.ndim != 1:
            raise ValueError(msg("logits_vector", shape=first.logits.shape))
        first = softmax_state(np.round(first.logits, DECIMALS), round(first.temperature, DECIMALS))
        self._class_names = _names(class_names, first.logits.size)
        bounds = slider_range(first.logits)
        self._sliders = [
            _logit_slider(v, bounds, name, msg("logit_name", name=name), f"xent-class-{c}")
            for c, (v, name) in enumerate(zip(first.logits, self._class_names, strict=True))
        ]
        t = first.temperature
        self._temperature = _option_slider(
            "xent-temperature", msg("temperature"), t, min(0.05, t), max(10.0, t)
        )
        self._scale = Slider(
            "xent-scale",
            value=1,
            choices=list(SCALES),
            choice_texts=[msg("scale_text", scale=s) for s in SCALES],
            description=msg("scale"),
            label=msg("scale"),
        )
        self._bars = View("xent-bars-view")
        self._table = View("xent-probabilities")
        controls = _box(widgets.VBox, [*self._sliders, self._temperature, self._scale], "xent-controls")
        super().__init__(
            [_box(widgets.HBox, [controls, self._bars], "xent-row"), self._table], "xent-softmax-explorer"
        )
        self._state = first
        self._refresh()
        for control in (*self._sliders, self._temperature, self._scale):
            control.observe(self._refresh, names="value")

    def __repr__(self) -> str:
        p = self._state.probabilities.round(4).tolist()
        return f"SoftmaxExplorer({self._state.logits.size} classes, probabilities={p})"

    @property
    def temperature(self) -> float:
        return self._state.temperature

    @property
    def scale(self) -> float:
        return self._state.scale

    @property
    def naive_probabilities(self) -> np.ndarray:
        return self._state.naive.copy()

    @property
    def state(self) -> SoftmaxState:
        return self._state

    def snapshot_html(self) -> str:
        """The current state as self-contained static HTML (bars and table; no script, no request)."""
        bounds = (self._sliders[0].min, self._sliders[0].max)
        return softmax_snapshot_html(self._state, self._class_names, bounds, SCALES)

    def _controls_state(self) -> SoftmaxState:
        z = [snap(s.value, DECIMALS) for s in self._sliders]
        return softmax_state(z, snap(self._temperature.value, DECIMALS), self._scale.value)

    def _kept_values(self):
        s = self._state
        yield from zip(self._sliders, map(float, s.logits), strict=True)
        yield self._temperature, s.temperature
        yield self._scale, s.scale

    @_shows_errors
    def _refresh(self, change=None) -> None:
        state = self._controls_state()
        with self._bars.hold_sync():
            self._bars.value = bars_html(
                state.probabilities, self._class_names, caption=msg("softmax_caption")
            )
            self._bars.live = msg(
                "live_probabilities", values=", ".join(f"{p:.4f}" for p in state.probabilities)
            )
        self._table.value = softmax_table_html(state, self._class_names)
        self._state = state
