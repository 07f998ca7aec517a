"""The explorers, driven as a notebook would: set .value on their controls, check state and drawn bars."""

import re
import time

import ipywidgets as widgets
import numpy as np
import pytest

import xentlib as xl
import xentlib.widgets as xw
from tests.oracle import torch_cross_entropy
from xentlib.explorer_state import decimals_needed, format_matrix, parse_matrix, slider_range
from xentlib.widgets import LossExplorer, SoftmaxExplorer

BAR = re.compile(r'class="xent-bar( xent-true)?" data-class="(\d+)"[^>]*style="height:([0-9.]+)%')


def find(root, css, kind=widgets.Widget):
    """Every widget under root (through .children) that has the CSS class `css`, in display order."""
    found = [root] if css in root._dom_classes and isinstance(root, kind) else []
    for child in getattr(root, "children", ()):
        found += find(child, css, kind)
    return found


def logit_sliders(explorer):
    """The (N, C) grid of logit sliders, found through .children by their CSS classes."""
    sliders = find(explorer, "xent-logit", widgets.FloatSlider)
    if isinstance(explorer, SoftmaxExplorer):
        return sliders
    rows = max(int(re.search(r"xent-sample-(\d+)", " ".join(s._dom_classes))[1]) for s in sliders) + 1
    return [[s for s in sliders if f"xent-sample-{i}" in s._dom_classes] for i in range(rows)]


def drawn_bars(html_text):
    """(heights in [0, 1] by class, index of the highlighted class or None) parsed from a bars view."""
    bars = BAR.findall(html_text)
    heights = np.array([float(h) / 100 for _, _, h in bars])
    assert [int(c) for _, c, _ in bars] == list(range(len(bars)))
    true = [int(c) for t, c, _ in bars if t]
    return heights, (true[0] if true else None)


def shown_loss(explorer):
    (view,) = find(explorer, "xent-loss", widgets.HTML)
    return re.search(r'class="xent-loss-value">([^<]*)<', view.value)[1]


def assert_loss_explorer_consistent(e, z, y, smoothing=0.0, reduction="mean"):
    want = xl.cross_entropy(z, y, label_smoothing=smoothing, reduction=reduction)
    torch_loss, _ = torch_cross_entropy(
        np.asarray(z), np.asarray(y), label_smoothing=smoothing, reduction=reduction
    )
    np.testing.assert_array_equal(e.logits, z)
    np.testing.assert_array_equal(e.labels, y)
    np.testing.assert_array_equal(e.loss, want)
    np.testing.assert_allclose(e.loss, torch_loss, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(e.probabilities, xl.softmax(z, axis=1))
    views = find(e, "xent-sample-view", widgets.HTML)
    assert len(views) == len(y)
    for i, view in enumerate(views):
        heights, true = drawn_bars(view.value)
        np.testing.assert_allclose(heights, e.probabilities[i], atol=1e-8)
        assert true == y[i]
    text = shown_loss(e)
    assert text == (
        repr(float(want)) if reduction != "none" else "[" + ", ".join(map(repr, want.tolist())) + "]"
    )


def test_seed_sample_by_default():
    e = LossExplorer()
    assert e.loss == xl.SEED_LOSS
    assert shown_loss(e) == "1.0155949508195155"
    assert_loss_explorer_consistent(e, xl.SEED_LOGITS, xl.SEED_LABELS)
    assert len(find(e, "xent-logit", widgets.FloatSlider)) == 15
    assert len(find(e, "xent-label", widgets.Dropdown)) == 3


def test_moving_a_slider_updates_state_and_bars():
    e = LossExplorer()
    sliders = logit_sliders(e)
    z = xl.SEED_LOGITS.copy()
    for (i, c), v in [((0, 1), 3.25), ((2, 4), -7.5), ((1, 0), 9.9999)]:
        sliders[i][c].value = v
        z[i, c] = v
        assert_loss_explorer_consistent(e, z, xl.SEED_LABELS)


def test_changing_a_label_moves_the_highlight_and_the_loss():
    e = LossExplorer()
    menus = find(e, "xent-label", widgets.Dropdown)
    menus[0].value = 4
    y = np.array([4, 2, 3])
    assert_loss_explorer_consistent(e, xl.SEED_LOGITS, y)
    assert e.loss != xl.SEED_LOSS


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("smoothing", [0.0, 0.1, 1.0])
def test_smoothing_and_reduction(smoothing, reduction):
    e = LossExplorer()
    (smooth,) = find(e, "xent-smoothing", widgets.FloatSlider)
    (reduce,) = find(e, "xent-reduction", widgets.ToggleButtons)
    smooth.value = smoothing
    reduce.value = reduction
    assert_loss_explorer_consistent(e, xl.SEED_LOGITS, xl.SEED_LABELS, smoothing, reduction)


def browser_round_trip(value, slider):
    """What noUiSlider sends back: min + round((v - min) / step) * step in float64 (not always v)."""
    return slider.min + round((value - slider.min) / slider.step) * slider.step


def test_display_round_trip_keeps_the_seed_loss():
    e = LossExplorer()
    sliders = logit_sliders(e)
    assert all(s.step == 1e-4 and s.readout_format == ".4f" for row in sliders for s in row)
    sent = [[browser_round_trip(s.value, s) for s in row] for row in sliders]
    assert np.any(np.array(sent) != xl.SEED_LOGITS), "the simulated page must actually perturb some logit"
    for row, values in zip(sliders, sent, strict=True):
        for s, v in zip(row, values, strict=True):
            s.value = v
    assert e.loss == xl.SEED_LOSS
    np.testing.assert_array_equal(e.logits, xl.SEED_LOGITS)
    assert all(float(format(v, ".4f")) == v for v in xl.SEED_LOGITS.ravel())


def test_smoothing_round_trip_uses_the_value_the_readout_shows():
    e = LossExplorer()
    (smooth,) = find(e, "xent-smoothing", widgets.FloatSlider)
    sent = browser_round_trip(0.94, smooth)  # 0.9400000000000001, which moves the loss's last digit
    assert xl.cross_entropy(xl.SEED_LOGITS, xl.SEED_LABELS, label_smoothing=sent) != xl.cross_entropy(
        xl.SEED_LOGITS, xl.SEED_LABELS, label_smoothing=0.94
    )
    smooth.value = sent
    assert e.loss == xl.cross_entropy(xl.SEED_LOGITS, xl.SEED_LABELS, label_smoothing=0.94)


def test_slider_range_fits_big_logits_and_steps_follow_the_decimals():
    e = LossExplorer([[25.5, -1.0], [0.0, -30.25]], [0, 1])
    s = logit_sliders(e)
    assert (s[0][0].min, s[0][0].max) == (-31.0, 26.0)
    assert s[0][0].step == 0.01 and s[0][0].readout_format == ".2f"
    assert e.logits.tolist() == [[25.5, -1.0], [0.0, -30.25]]
    assert slider_range([0.5]) == (-10.0, 10.0)
    assert decimals_needed([0.093, 0.1939]) == 4 and decimals_needed([1 / 3]) == 6


def test_logits_with_many_decimals_are_rounded_to_the_step_once_at_construction():
    z = np.random.default_rng(0).normal(size=(2, 3))
    e = LossExplorer(z, [0, 2])
    np.testing.assert_array_equal(e.logits, np.round(z, 6))
    assert e.loss == xl.cross_entropy(np.round(z, 6), [0, 2])


def test_pasting_a_matrix_of_the_same_shape():
    e = LossExplorer()
    (box,) = find(e, "xent-matrix", widgets.Textarea)
    z = np.array([[1, 2, 3, 4, 5], [0.5, 0.25, 0, -1, 2], [3, 3, 3, 3, 3.5]])
    box.value = "1 2 3 4 5\n0.5, 0.25, 0, -1, 2\n3 3 3 3 3.5"
    assert_loss_explorer_consistent(e, z, xl.SEED_LABELS)
    assert [s.value for s in logit_sliders(e)[1]] == z[1].tolist()
    (status,) = find(e, "xent-matrix-status", widgets.HTML)
    assert "Applied a 3&times;5 matrix" in status.value


def test_pasting_fewer_columns_rebuilds_the_controls_and_keeps_labels_valid():
    e = LossExplorer()
    (box,) = find(e, "xent-matrix", widgets.Textarea)
    box.value = "[[1.5, -0.2, 0.3], [0, 1, 2], [2, 1, 0]]"
    assert_loss_explorer_consistent(e, [[1.5, -0.2, 0.3], [0, 1, 2], [2, 1, 0]], [1, 2, 2])
    assert [len(row) for row in logit_sliders(e)] == [3, 3, 3]
    assert [m.options for m in find(e, "xent-label", widgets.Dropdown)][0] == (
        ("class 0", 0),
        ("class 1", 1),
        ("class 2", 2),
    )
    (status,) = find(e, "xent-matrix-status", widgets.HTML)
    assert "samples [2] moved to the last class" in status.value
    logit_sliders(e)[2][0].value = 5.0  # the new controls are live
    assert_loss_explorer_consistent(e, [[1.5, -0.2, 0.3], [0, 1, 2], [5, 1, 0]], [1, 2, 2])


@pytest.mark.parametrize(
    "text,message",
    [
        ("1 2 3 4 5\n1 2 3\n1 2 3 4 5", "rows have different lengths (row 1: 5, row 2: 3, row 3: 5)"),
        ("1 2 3 4 5\n1 2 x 4 5\n1 2 3 4 5", "row 2: 'x' is not a number"),
        ("1 2 3 4 5\n1 2 nan 4 5\n1 2 3 4 5", "row 2: 'nan' is not finite"),
        ("1 2 3 4 5\n1 2 3 4 5", "expected 3 rows (one per sample and label), got 2"),
        ("  \n ", "no numbers found"),
        ("1\n2\n3", "at least two logits"),
    ],
)
def test_a_bad_matrix_is_explained_and_the_state_kept(text, message):
    e = LossExplorer()
    before = e.loss, e.logits, [[id(s) for s in row] for row in logit_sliders(e)]
    (box,) = find(e, "xent-matrix", widgets.Textarea)
    box.value = text
    (status,) = find(e, "xent-matrix-status", widgets.HTML)
    assert "Not applied, the explorer kept its logits" in status.value
    assert message.replace("'", "&#x27;") in status.value
    assert e.loss == before[0] == xl.SEED_LOSS
    np.testing.assert_array_equal(e.logits, before[1])
    assert [[id(s) for s in row] for row in logit_sliders(e)] == before[2]
    logit_sliders(e)[0][0].value = 1.0  # still working
    assert e.logits[0, 0] == 1.0


def test_parse_matrix_reads_what_format_matrix_writes():
    z = np.array([[0.093, -1e-7, 3.0], [1 / 3, 2.5e10, -4.0]])
    np.testing.assert_array_equal(parse_matrix(format_matrix(z)), z)
    np.testing.assert_array_equal(parse_matrix("1, 2; 3 4"), [[1, 2], [3, 4]])


def test_an_exception_in_a_callback_is_shown_and_the_explorer_keeps_working(monkeypatch):
    e = LossExplorer()
    (error,) = find(e, "xent-error", widgets.HTML)
    real = xw.loss_state

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(xw, "loss_state", broken)
    logit_sliders(e)[0][0].value = 2.0
    assert "RuntimeError: simulated failure" in error.value
    assert e.loss == xl.SEED_LOSS  # last good state kept
    monkeypatch.setattr(xw, "loss_state", real)
    logit_sliders(e)[0][0].value = 2.5
    assert error.value == ""
    z = xl.SEED_LOGITS.copy()
    z[0, 0] = 2.5
    assert_loss_explorer_consistent(e, z, xl.SEED_LABELS)


def test_updates_replace_content_in_place():
    e = LossExplorer()
    views = find(e, "xent-sample-view", widgets.HTML)
    ids = [w.model_id for w in find(e, "xent-explorer") + views]
    before = views[0].value
    logit_sliders(e)[0][2].value = 4.0
    after = find(e, "xent-sample-view", widgets.HTML)
    assert [w.model_id for w in find(e, "xent-explorer") + after] == ids
    assert after[0].value != before


def test_in_process_update_latency_is_far_below_the_budget():
    e = LossExplorer()
    slider = logit_sliders(e)[1][1]
    times = []
    for k in range(60):
        start = time.perf_counter()
        slider.value = 0.5 + 0.001 * k
        times.append(time.perf_counter() - start)
    assert np.percentile(times, 95) < 0.010


def test_invalid_construction_is_refused_with_xentlib_messages():
    with pytest.raises(ValueError, match="out of range for 5 classes"):
        LossExplorer(xl.SEED_LOGITS, [1, 2, 5])
    with pytest.raises(ValueError, match=r"\(N, C\) matrix"):
        LossExplorer([1.0, 2.0], [0])
    with pytest.raises(ValueError, match="class_names has 2 names for 5 classes"):
        LossExplorer(class_names=["a", "b"])


def softmax_table(e):
    (table,) = find(e, "xent-probabilities", widgets.HTML)
    stable = re.findall(r'class="xent-p" data-class="\d+">([^<]*)<', table.value)
    naive = re.findall(r'class="xent-naive" data-class="\d+"[^>]*>([^<]*)<', table.value)
    return stable, naive, table.value


def assert_softmax_explorer_consistent(e, z, temperature=1.0, scale=1.0):
    scaled = np.asarray(z, dtype=np.float64) * (scale / temperature)
    want = xl.softmax(scaled)
    np.testing.assert_array_equal(e.logits, z)
    np.testing.assert_array_equal(e.probabilities, want)
    np.testing.assert_array_equal(e.naive_probabilities, xl.softmax_naive(scaled))
    (bars,) = find(e, "xent-bars-view", widgets.HTML)
    heights, _ = drawn_bars(bars.value)
    np.testing.assert_allclose(heights, want, atol=1e-8)
    stable, naive, _ = softmax_table(e)
    assert stable == [repr(float(p)) for p in want]
    assert naive == [repr(float(p)) for p in xl.softmax_naive(scaled)]


def test_softmax_explorer_sliders_and_temperature():
    e = SoftmaxExplorer([2.0, 1.0, 0.1], class_names=["cat", "dog", "bird"])
    assert_softmax_explorer_consistent(e, [2.0, 1.0, 0.1])
    sliders = logit_sliders(e)
    assert [s.description for s in sliders] == ["cat", "dog", "bird"]
    sliders[2].value = 3.5
    assert_softmax_explorer_consistent(e, [2.0, 1.0, 3.5])
    (temperature,) = find(e, "xent-temperature", widgets.FloatSlider)
    temperature.value = 0.25
    assert e.temperature == 0.25
    assert_softmax_explorer_consistent(e, [2.0, 1.0, 3.5], temperature=0.25)


def test_softmax_explorer_scale_shows_the_naive_overflow_beside_the_stable_result():
    e = SoftmaxExplorer()
    assert_softmax_explorer_consistent(e, xl.SEED_LOGITS[0])
    assert "both formulas agree" in softmax_table(e)[2]
    (scale,) = find(e, "xent-scale", widgets.SelectionSlider)
    scale.value = 10000
    assert_softmax_explorer_consistent(e, xl.SEED_LOGITS[0], scale=10000)
    stable, naive, table = softmax_table(e)
    assert "nan" in naive and "nan" not in stable
    assert e.state.overflows and "overflows to inf" in table
    assert np.isclose(e.probabilities.sum(), 1.0)


def test_softmax_explorer_explains_underflow_too():
    e = SoftmaxExplorer([-1.0, -2.0, -3.0])
    (scale,) = find(e, "xent-scale", widgets.SelectionSlider)
    scale.value = 1000
    assert_softmax_explorer_consistent(e, [-1.0, -2.0, -3.0], scale=1000)
    stable, naive, table = softmax_table(e)
    assert naive == ["nan"] * 3 and stable == ["1.0", "0.0", "0.0"]
    assert e.state.underflows and not e.state.overflows and "underflows to 0" in table


def test_softmax_explorer_round_trip_and_errors(monkeypatch):
    e = SoftmaxExplorer()
    for s in logit_sliders(e):
        s.value = browser_round_trip(s.value, s)
    np.testing.assert_array_equal(e.logits, xl.SEED_LOGITS[0])
    (error,) = find(e, "xent-error", widgets.HTML)
    monkeypatch.setattr(xw, "softmax_state", lambda *a: 1 / 0)
    logit_sliders(e)[0].value = 1.0
    assert "ZeroDivisionError" in error.value
    monkeypatch.undo()
    logit_sliders(e)[0].value = 1.5
    assert error.value == "" and e.logits[0] == 1.5
