"""Live explorers for notebooks: move a logit or change a label and see softmax and the loss update at once.

`SoftmaxExplorer` and `LossExplorer` are ipywidgets (display one by leaving it last in a cell). The
numbers come from `xentlib.explorer_state`; this module only builds the controls once and then
replaces the HTML of the bars and readouts, so an update costs well under a millisecond of Python.
"""

from __future__ import annotations

import functools
import html
import traceback

import ipywidgets as widgets
import numpy as np

from .data import SEED_LABELS, SEED_LOGITS
from .explorer_state import (
    EXP_OVERFLOW,
    SCALES,
    LossState,
    SoftmaxState,
    decimals_needed,
    format_matrix,
    loss_state,
    parse_matrix,
    slider_range,
    snap,
    softmax_state,
)

BAR_PX = 90  # height of a bar at p = 1
BLUE, ORANGE, RED, GREY = "#4c78a8", "#f58518", "#c62828", "#777"
REDUCTIONS = ("mean", "sum", "none")


def _num(x) -> str:
    """Shortest text that reads back as the same float64 (16-17 significant digits)."""
    return repr(float(x))


def _names(class_names, num_classes: int) -> list[str]:
    if class_names is None:
        return [f"class {c}" for c in range(num_classes)]
    names = [str(n) for n in class_names]
    if len(names) != num_classes:
        raise ValueError(f"class_names has {len(names)} names for {num_classes} classes")
    return names


def loss_text(loss) -> str:
    """A scalar loss as its shortest exact float64 text; a per-sample loss as [l_0, l_1, ...]."""
    return "[" + ", ".join(map(_num, loss)) + "]" if np.ndim(loss) else _num(loss)


def bars_html(probabilities, names, true_class: int | None = None) -> str:
    """One vertical bar per class, of height 100 * p_c % (the true class in orange), p_c written under it."""
    columns = []
    for c, (p, name) in enumerate(zip(probabilities, names, strict=True)):
        true = c == true_class
        columns.append(
            f'<div style="display:flex;flex-direction:column;align-items:center;width:62px">'
            f'<div style="height:{BAR_PX}px;width:30px;display:flex;flex-direction:column-reverse;'
            f'background:#eee">'
            f'<div class="xent-bar{" xent-true" if true else ""}" data-class="{c}" title="{_num(p)}" '
            f'style="height:{100 * p:.6f}%;background:{ORANGE if true else BLUE}"></div></div>'
            f'<div style="font-size:11px">{p:.4f}</div>'
            f'<div style="font-size:11px;{"font-weight:bold;color:" + ORANGE if true else ""}">'
            f"{html.escape(name)}</div></div>"
        )
    return (
        f'<div class="xent-bars" style="display:flex;gap:2px;align-items:flex-end">{"".join(columns)}</div>'
    )


def sample_html(state: LossState, i: int, names) -> str:
    """Sample i: its bars p_i = softmax(z_i), true class y_i highlighted, and -log p_i[y_i]."""
    y = int(state.labels[i])
    head = (
        f'<div style="font-size:12px">sample {i}: true class <b>{html.escape(names[y])}</b>, '
        f"p = {state.probabilities[i, y]:.4f}, &minus;log p = "
        f'<span class="xent-nll" data-sample="{i}">{_num(state.nll[i])}</span></div>'
    )
    bars = bars_html(state.probabilities[i], names, y)
    return f'<div class="xent-sample" data-sample="{i}">{head}{bars}</div>'


def loss_html(state: LossState) -> str:
    """The loss readout: cross_entropy(z, y, label_smoothing, reduction) with every digit of float64."""
    text = loss_text(state.loss)
    formula = {"mean": "(1/N) &Sigma;<sub>i</sub>", "sum": "&Sigma;<sub>i</sub>", "none": "per sample:"}
    smooth = f", label_smoothing={state.label_smoothing:g}" if state.label_smoothing else ""
    return (
        f'<div style="font-size:15px">loss = {formula[state.reduction]} '
        "&minus;log p<sub>i</sub>[y<sub>i</sub>]"
        f'{" (smoothed)" if smooth else ""} = <b><span class="xent-loss-value">{text}</span></b>'
        f'<span style="color:{GREY};font-size:12px"> &nbsp;cross_entropy(z, y, reduction='
        f"'{state.reduction}'{smooth})</span></div>"
    )


def _naive_note(state: SoftmaxState) -> str:
    """Why softmax_naive(z') agrees or is nan: exp overflows to inf (inf/inf) or all underflow to 0 (0/0)."""
    top = f"max z' = {np.max(state.scaled):.6g}"
    if state.overflows:
        why = f"{top} &gt; {EXP_OVERFLOW:.2f} = log(largest float64): exp(z') overflows to inf; inf/inf = nan"
    elif state.underflows:
        why = f"{top}: every exp(z') underflows to 0; 0/0 = nan"
    else:
        return f"{top} &le; {EXP_OVERFLOW:.2f}: exp(z') is finite, both formulas agree."
    stable = "The stable softmax subtracts max z' first: its largest exp is exp(0) = 1."
    return f'<span style="color:{RED}">{why} in softmax_naive. {stable}</span>'


def softmax_table_html(state: SoftmaxState, names) -> str:
    """Per class: z, z' = scale * z / T, softmax(z') (stable) beside softmax_naive(z'), all digits."""
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{z:.6g}</td><td>{s:.6g}</td>"
        f'<td class="xent-p" data-class="{c}">{_num(p)}</td>'
        f'<td class="xent-naive" data-class="{c}" style="color:{RED if not np.isfinite(q) else "inherit"}">'
        f"{_num(q)}</td></tr>"
        for c, (name, z, s, p, q) in enumerate(
            zip(names, state.logits, state.scaled, state.probabilities, state.naive, strict=True)
        )
    )
    head = "".join(
        f"<th>{h}</th>" for h in ("class", "z", "z' = scale&middot;z/T", "softmax(z')", "softmax_naive(z')")
    )
    head = f"<tr>{head}</tr>"
    return (
        f'<table style="font-size:12px;font-family:monospace">{head}{rows}</table>'
        f'<div class="xent-overflow" style="font-size:12px">{_naive_note(state)}</div>'
    )


def error_html(exc: BaseException) -> str:
    """The message of an exception raised in a callback, with its traceback folded away."""
    detail = html.escape("".join(traceback.format_exception(exc)))
    return (
        f'<div style="color:{RED}"><b>{html.escape(type(exc).__name__)}: {html.escape(str(exc))}</b> '
        "(the explorer kept its last good state and still works)"
        f"<details><summary>traceback</summary><pre>{detail}</pre></details></div>"
    )


def _shows_errors(method):
    """Run a callback; an exception goes to the explorer's error area instead of being lost in a log."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            method(self, *args, **kwargs)
        except Exception as exc:  # a callback has nobody above it to catch
            self._error.value = error_html(exc)
        else:
            self._error.value = ""

    return wrapper


def _close_tree(widget) -> None:
    """Close a widget and everything inside it, so replaced controls leave no live comms behind."""
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


def _classes(widget, *names):
    for name in names:
        widget.add_class(name)
    return widget


def _logit_slider(value: float, bounds: tuple[float, float], decimals: int, description: str, *css):
    """A slider whose step (10**-decimals) and readout show the value exactly, so the page keeps it."""
    slider = widgets.FloatSlider(
        value=value,
        min=bounds[0],
        max=bounds[1],
        step=10.0**-decimals,
        readout_format=f".{decimals}f",
        description=description,
        style={"description_width": "64px"},
        layout=widgets.Layout(width="300px"),
    )
    return _classes(slider, "xent-logit", *css)


def _label_menu(names, i: int, label: int):
    """Sample i's true class: a Dropdown showing the class names, whose value is the class index."""
    menu = widgets.Dropdown(
        options=[(n, c) for c, n in enumerate(names)],
        value=label,
        description=f"sample {i} label",
        style={"description_width": "110px"},
        layout=widgets.Layout(width="300px"),
    )
    return _classes(menu, "xent-label", f"xent-sample-{i}")


def _option_controls():
    """The label_smoothing slider (0..1, step 0.01) and the reduction buttons (mean, sum, none)."""
    smoothing = widgets.FloatSlider(
        0.0,
        min=0.0,
        max=1.0,
        step=0.01,
        readout_format=".2f",
        description="label smoothing",
        style={"description_width": "110px"},
    )
    reduction = widgets.ToggleButtons(
        options=REDUCTIONS, value="mean", description="reduction", style={"button_width": "60px"}
    )
    return _classes(smoothing, "xent-smoothing"), _classes(reduction, "xent-reduction")


def _matrix_controls(z):
    """The box to paste a logits matrix into (applied when it loses focus) and its status line."""
    box = widgets.Textarea(
        value=format_matrix(z),
        continuous_update=False,
        rows=z.shape[0] + 1,
        description="paste logits",
        layout=widgets.Layout(width="520px"),
        placeholder="one row per sample, e.g. 1.5, -0.2, 0.3",
    )
    status = widgets.HTML("<small>one row per sample; click outside the box to apply</small>")
    return _classes(box, "xent-matrix"), _classes(status, "xent-matrix-status")


class _Explorer(widgets.VBox):
    def __init__(self, children, css):
        self._error = _classes(widgets.HTML(""), "xent-error")
        super().__init__(children=[*children, self._error])
        _classes(self, "xent-explorer", css)

    @property
    def probabilities(self) -> np.ndarray:
        return self._state.probabilities.copy()

    @property
    def logits(self) -> np.ndarray:
        return self._state.logits.copy()


class LossExplorer(_Explorer):
    """N samples x C classes, a slider per logit, a label per sample: p = softmax(z), L = cross_entropy(z, y).

    `.logits`, `.labels`, `.probabilities` and `.loss` are what xentlib computes for the controls'
    current values; a logit is the slider's value rounded to the step, exactly what its readout shows.
    """

    def __init__(self, logits=SEED_LOGITS, labels=SEED_LABELS, class_names=None):
        z = np.array(logits, dtype=np.float64)
        if z.ndim != 2:
            raise ValueError(f"logits must be an (N, C) matrix, got shape {z.shape}")
        first = loss_state(z, labels)  # raises here, with xentlib's message, on bad logits or labels
        self._given_names = class_names
        self._class_names = _names(class_names, z.shape[1])
        self._smoothing, self._reduction = _option_controls()
        self._loss_view = _classes(widgets.HTML(""), "xent-loss")
        self._samples = _classes(widgets.VBox(), "xent-samples")
        self._matrix, self._matrix_status = _matrix_controls(z)
        super().__init__(
            [
                self._loss_view,
                widgets.HBox([self._smoothing, self._reduction]),
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

    def _build_samples(self, z: np.ndarray, labels) -> None:
        """(Re)create one row of controls per sample: its label menu and a slider per class."""
        for old in self._samples.children:
            _close_tree(old)
        self._decimals = decimals_needed(z)
        bounds = slider_range(z)
        self._sliders, self._menus, self._views, rows = [], [], [], []
        for i, row in enumerate(z):
            menu = _label_menu(self._class_names, i, int(labels[i]))
            sliders = [
                _logit_slider(
                    v, bounds, self._decimals, self._class_names[c], f"xent-sample-{i}", f"xent-class-{c}"
                )
                for c, v in enumerate(row)
            ]
            view = _classes(widgets.HTML(""), "xent-sample-view", f"xent-sample-{i}")
            for control in (menu, *sliders):
                control.observe(self._refresh, names="value")
            self._sliders.append(sliders)
            self._menus.append(menu)
            self._views.append(view)
            rows.append(_classes(widgets.HBox([widgets.VBox([menu, *sliders]), view]), "xent-sample-row"))
        self._samples.children = rows

    def _controls_state(self) -> LossState:
        z = [[snap(s.value, self._decimals) for s in row] for row in self._sliders]
        y = [menu.value for menu in self._menus]
        return loss_state(z, y, snap(self._smoothing.value, 2), self._reduction.value)

    def _render(self, state: LossState) -> None:
        for i, view in enumerate(self._views):
            view.value = sample_html(state, i, self._class_names)
        self._loss_view.value = loss_html(state)

    def _update(self) -> None:
        state = self._controls_state()
        self._render(state)
        self._state = state

    @_shows_errors
    def _refresh(self, change=None) -> None:
        self._update()

    @_shows_errors
    def _on_matrix(self, change) -> None:
        try:
            z = parse_matrix(change["new"], rows=len(self._menus))
        except ValueError as exc:
            message = f"Not applied, the explorer kept its logits: {exc}"
            self._matrix_status.value = f'<span style="color:{RED}">{html.escape(message)}</span>'
            return
        num_classes = z.shape[1]
        labels = np.minimum(self._state.labels, num_classes - 1)
        moved = [i for i, (a, b) in enumerate(zip(labels, self._state.labels, strict=True)) if a != b]
        if num_classes != len(self._class_names):
            given = self._given_names is not None and len(self._given_names) == num_classes
            self._class_names = _names(self._given_names if given else None, num_classes)
        self._build_samples(z, labels)
        self._update()
        note = f" Labels of samples {moved} moved to the last class." if moved else ""
        self._matrix_status.value = f"<small>Applied a {z.shape[0]}&times;{num_classes} matrix.{note}</small>"


class SoftmaxExplorer(_Explorer):
    """C logits and a temperature: p = softmax(scale * z / T) as bars and digits, beside softmax_naive.

    The scale slider multiplies the logits until exp overflows in softmax_naive (nan), while the
    stable softmax stays exact. `.logits`, `.temperature`, `.scale`, `.probabilities` and
    `.naive_probabilities` are what xentlib computes for the controls' current values.
    """

    def __init__(self, logits=SEED_LOGITS[0], temperature=1.0, class_names=None):
        first = softmax_state(logits, temperature)
        if first.logits.ndim != 1:
            raise ValueError(f"logits must be a vector of C logits, got shape {first.logits.shape}")
        self._class_names = _names(class_names, first.logits.size)
        self._decimals = decimals_needed(first.logits)
        bounds = slider_range(first.logits)
        self._sliders = [
            _logit_slider(v, bounds, self._decimals, name, f"xent-class-{c}")
            for c, (v, name) in enumerate(zip(first.logits, self._class_names, strict=True))
        ]
        self._t_decimals = decimals_needed([first.temperature])
        self._temperature = _classes(
            widgets.FloatSlider(
                first.temperature,
                min=min(0.05, first.temperature),
                max=max(10.0, first.temperature),
                step=10.0**-self._t_decimals,
                readout_format=f".{self._t_decimals}f",
                description="temperature T",
                style={"description_width": "100px"},
                layout=widgets.Layout(width="336px"),
            ),
            "xent-temperature",
        )
        self._scale = _classes(
            widgets.SelectionSlider(
                options=[(f"x{s}", s) for s in SCALES],
                value=1,
                description="scale z by",
                style={"description_width": "100px"},
                layout=widgets.Layout(width="336px"),
            ),
            "xent-scale",
        )
        self._bars = _classes(widgets.HTML(""), "xent-bars-view")
        self._table = _classes(widgets.HTML(""), "xent-probabilities")
        super().__init__(
            [
                widgets.HBox([widgets.VBox([*self._sliders, self._temperature]), self._bars]),
                self._scale,
                self._table,
            ],
            "xent-softmax-explorer",
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

    def _controls_state(self) -> SoftmaxState:
        z = [snap(s.value, self._decimals) for s in self._sliders]
        return softmax_state(z, snap(self._temperature.value, self._t_decimals), self._scale.value)

    @_shows_errors
    def _refresh(self, change=None) -> None:
        state = self._controls_state()
        self._bars.value = bars_html(state.probabilities, self._class_names)
        self._table.value = softmax_table_html(state, self._class_names)
        self._state = state
