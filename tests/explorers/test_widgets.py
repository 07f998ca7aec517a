"""The explorers, driven as a notebook would: set .value on their controls, check state and drawn bars."""

import re
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest

import xentlib as xl
import xentlib.explorers.widgets as xw
from tests.explorers.tree import find
from tests.library.oracle import torch_cross_entropy
from xentlib.explorers.controls import Choice, Slider, View
from xentlib.explorers.messages import MESSAGES
from xentlib.explorers.state import format_matrix, parse_matrix, slider_range
from xentlib.i18n import language, set_language
from xentlib.widgets import LossExplorer, SoftmaxExplorer

BAR = re.compile(r'class="xent-bar( xent-true)?" data-class="(\d+)"[^>]*style="height:([0-9.]+)%')


def logit_sliders(explorer):
    """The (N, C) grid of logit sliders, found through .children by their CSS classes."""
    sliders = find(explorer, "xent-logit", Slider)
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
    (view,) = find(explorer, "xent-loss", View)
    return re.search(r'class="xent-loss-value"[^>]*>([^<]*)<', view.value)[1]


def sample_losses(explorer):
    """Each sample's loss as its view shows it: the smoothed loss when smoothing is on, else -log p."""
    values = []
    for view in find(explorer, "xent-sample-view", View):
        found = re.search(r'class="xent-sample-loss">([^<]*)<', view.value) or re.search(
            r'class="xent-nll">([^<]*)<', view.value
        )
        values.append(float(found[1]))
    return np.array(values)


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
    views = find(e, "xent-sample-view", View)
    assert len(views) == len(y)
    for i, view in enumerate(views):
        heights, true = drawn_bars(view.value)
        np.testing.assert_allclose(heights, e.probabilities[i], atol=1e-8)
        assert true == y[i]
        assert f'class="xent-nll">{float(e.state.nll[i])!r}<' in view.value
    shown = sample_losses(e)
    per_sample = xl.cross_entropy(z, y, label_smoothing=smoothing, reduction="none")
    np.testing.assert_array_equal(shown, per_sample)  # what each sample shows is what the loss reduces
    if reduction != "none":
        np.testing.assert_allclose(np.mean(shown) if reduction == "mean" else np.sum(shown), want, rtol=1e-14)
    text = shown_loss(e)
    assert text == (
        repr(float(want)) if reduction != "none" else "[" + ", ".join(map(repr, want.tolist())) + "]"
    )


def test_seed_sample_by_default():
    e = LossExplorer()
    assert e.loss == xl.SEED_LOSS
    assert shown_loss(e) == "1.0155949508195155"
    assert_loss_explorer_consistent(e, xl.SEED_LOGITS, xl.SEED_LABELS)
    assert len(find(e, "xent-logit", Slider)) == 15
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
    (smooth,) = find(e, "xent-smoothing", Slider)
    (reduce,) = find(e, "xent-reduction", Choice)
    smooth.value = smoothing
    reduce.value = reduction
    assert_loss_explorer_consistent(e, xl.SEED_LOGITS, xl.SEED_LABELS, smoothing, reduction)


def page_value(value, slider):
    """What the page sends after a key press or a typed value: the number rounded to the slider's decimals,
    as JavaScript's Number(v.toFixed(d)) does (so 0.093 + 0.1 arrives as 0.193, not 0.19300000000000003)."""
    return float(f"{value:.{slider.decimals}f}")


def test_logit_controls_are_named_and_step_visibly():
    e = LossExplorer()
    sliders = logit_sliders(e)
    assert sliders[2][1].label == "sample 2, logit of class 1"
    assert sliders[2][1].description == "class 1"
    assert all(s.step == 0.1 and s.decimals == 6 for row in sliders for s in row)
    s = sliders[0][0]
    s.value = page_value(s.value + s.step, s)  # one ArrowRight
    assert e.logits[0, 0] == 0.193
    assert e.loss != xl.SEED_LOSS
    (smooth,) = find(e, "xent-smoothing", Slider)
    (reduce,) = find(e, "xent-reduction", Choice)
    assert smooth.label == "label smoothing" and smooth.step == 0.05
    assert reduce.options == ["mean", "sum", "none"] and reduce.value == "mean"
    menus = find(e, "xent-label", widgets.Dropdown)
    assert [m.description for m in menus] == [f"sample {i}, true class" for i in range(3)]


def test_float_noise_from_python_is_snapped_to_what_the_box_shows():
    e = LossExplorer()
    logit_sliders(e)[0][0].value = 0.093 + 0.1  # 0.19300000000000003
    assert e.logits[0, 0] == 0.193
    assert all(float(format(v, ".6f")) == v for v in xl.SEED_LOGITS.ravel())


def test_smoothing_round_trip_uses_the_value_the_box_shows():
    e = LossExplorer()
    (smooth,) = find(e, "xent-smoothing", Slider)
    sent = 0.9400000000000001  # what float arithmetic can produce; the box shows 0.94
    assert xl.cross_entropy(xl.SEED_LOGITS, xl.SEED_LABELS, label_smoothing=sent) != xl.cross_entropy(
        xl.SEED_LOGITS, xl.SEED_LABELS, label_smoothing=0.94
    )
    smooth.value = sent
    assert e.loss == xl.cross_entropy(xl.SEED_LOGITS, xl.SEED_LABELS, label_smoothing=0.94)


def test_slider_range_fits_big_logits_and_steps_follow_the_decimals():
    e = LossExplorer([[25.5, -1.0], [0.0, -30.25]], [0, 1])
    s = logit_sliders(e)
    assert (s[0][0].min, s[0][0].max) == (-31.0, 26.0)
    assert e.logits.tolist() == [[25.5, -1.0], [0.0, -30.25]]
    assert slider_range([0.5]) == (-10.0, 10.0)


def test_logits_with_many_decimals_are_rounded_to_the_step_once_at_construction():
    z = np.random.default_rng(0).normal(size=(2, 3))
    e = LossExplorer(z, [0, 2])
    np.testing.assert_array_equal(e.logits, np.round(z, 6))
    assert e.loss == xl.cross_entropy(np.round(z, 6), [0, 2])
    assert [s.value for s in logit_sliders(e)[1]] == np.round(z, 6)[1].tolist()


def test_pasting_a_matrix_of_the_same_shape():
    e = LossExplorer()
    (box,) = find(e, "xent-matrix", widgets.Textarea)
    menus = find(e, "xent-label", widgets.Dropdown)
    menus[0].value = 4
    ids = [s.model_id for row in logit_sliders(e) for s in row]
    z = np.array([[1, 2, 3, 4, 5], [0.5, 0.25, 0, -1, 2], [3, 3, 3, 3, 3.5]])
    box.value = "1 2 3 4 5\n0.5, 0.25, 0, -1, 2\n3 3 3 3 3.5"
    assert_loss_explorer_consistent(e, z, [4, 2, 3])  # the labels stay
    assert [s.value for s in logit_sliders(e)[1]] == z[1].tolist()
    assert [s.model_id for row in logit_sliders(e) for s in row] == ids  # same controls, new values
    (status,) = find(e, "xent-matrix-status", View)
    assert "Applied a 3\u00d75 matrix" in status.value
    assert box.value == format_matrix(z)


def test_the_box_always_shows_the_current_logits_and_one_edit_moves_one_slider():
    e = LossExplorer()
    (box,) = find(e, "xent-matrix", widgets.Textarea)
    logit_sliders(e)[2][4].value = 1.5
    z = xl.SEED_LOGITS.copy()
    z[2, 4] = 1.5
    assert box.value == format_matrix(z)
    np.testing.assert_array_equal(parse_matrix(box.value), z)
    box.value = box.value.replace("0.4476", "2.25")  # edit one number of sample 0
    z[0, 3] = 2.25
    assert_loss_explorer_consistent(e, z, xl.SEED_LABELS)
    assert logit_sliders(e)[2][4].value == 1.5


def test_full_width_punctuation_from_a_chinese_keyboard_is_accepted():
    e = LossExplorer()
    (box,) = find(e, "xent-matrix", widgets.Textarea)
    box.value = "1，2，3，4，5；0.5、0.25、0、－1、2\n３　３　３　３　３．５"
    z = [[1, 2, 3, 4, 5], [0.5, 0.25, 0, -1, 2], [3, 3, 3, 3, 3.5]]
    assert_loss_explorer_consistent(e, z, xl.SEED_LABELS)
    np.testing.assert_array_equal(parse_matrix("[[1，2]，[3，4]]"), [[1, 2], [3, 4]])


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
    (status,) = find(e, "xent-matrix-status", View)
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
    (status,) = find(e, "xent-matrix-status", View)
    assert "Not applied, the explorer kept its logits" in status.value
    assert message.replace("'", "&#x27;") in status.value
    assert e.loss == before[0] == xl.SEED_LOSS
    np.testing.assert_array_equal(e.logits, before[1])
    assert [[id(s) for s in row] for row in logit_sliders(e)] == before[2]
    logit_sliders(e)[0][0].value = 1.0  # still working
    assert e.logits[0, 0] == 1.0
    assert box.value == format_matrix(e.logits)  # the box shows the logits again, and the message goes
    assert "Not applied" not in status.value and "The box shows the current logits" in status.value


def test_parse_matrix_reads_what_format_matrix_writes():
    z = np.array([[0.093, -1e-7, 3.0], [1 / 3, 2.5e10, -4.0]])
    np.testing.assert_array_equal(parse_matrix(format_matrix(z)), z)
    np.testing.assert_array_equal(parse_matrix("1, 2; 3 4"), [[1, 2], [3, 4]])


def test_an_exception_in_a_callback_is_shown_and_the_explorer_keeps_working(monkeypatch):
    e = LossExplorer()
    (error,) = find(e, "xent-error", View)
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


def test_a_refused_entry_puts_the_control_back_to_the_value_the_kernel_kept():
    """A learner types 2.5 into the label smoothing box (or -1 into the temperature's): the error says why,
    and the box and slider show the kept value again, not the refused one (what the page draws)."""
    e = LossExplorer()
    (error,) = find(e, "xent-error", View)
    (smooth,) = find(e, "xent-smoothing", Slider)
    smooth.value = 0.1
    smooth.value = 2.5
    assert "label_smoothing" in error.value and "2.5" in error.value
    assert smooth.value == 0.1 and e.state.label_smoothing == 0.1
    smooth.value = 0.2  # the next good entry clears the message
    assert error.value == "" and e.state.label_smoothing == 0.2
    s = SoftmaxExplorer()
    (temperature,) = find(s, "xent-temperature", Slider)
    (error,) = find(s, "xent-error", View)
    temperature.value = -1.0
    assert "temperature" in error.value and temperature.value == 1.0 and s.temperature == 1.0


def test_updates_replace_content_in_place():
    e = LossExplorer()
    views = find(e, "xent-sample-view", View)
    ids = [w.model_id for w in find(e, "xent-explorer") + views]
    before = [v.value for v in views]
    logit_sliders(e)[0][2].value = 4.0
    after = find(e, "xent-sample-view", View)
    assert [w.model_id for w in find(e, "xent-explorer") + after] == ids
    assert after[0].value != before[0]
    assert [v.value for v in after[1:]] == before[1:]  # only the moved sample's view is resent


def test_invalid_construction_is_refused_with_xentlib_messages():
    with pytest.raises(ValueError, match="out of range for 5 classes"):
        LossExplorer(xl.SEED_LOGITS, [1, 2, 5])
    with pytest.raises(ValueError, match=r"\(N, C\) matrix"):
        LossExplorer([1.0, 2.0], [0])
    with pytest.raises(ValueError, match="class_names has 2 names for 5 classes"):
        LossExplorer(class_names=["a", "b"])


def softmax_table(e):
    (table,) = find(e, "xent-probabilities", View)
    stable = re.findall(r'class="xent-p" data-class="\d+"[^>]*>([^<]*)<', table.value)
    naive = re.findall(r'class="xent-naive" data-class="\d+"[^>]*>([^<]*)<', table.value)
    return stable, naive, table.value


def assert_softmax_explorer_consistent(e, z, temperature=1.0, scale=1.0):
    scaled = np.asarray(z, dtype=np.float64) * (scale / temperature)
    want = xl.softmax(scaled)
    np.testing.assert_array_equal(e.logits, z)
    np.testing.assert_array_equal(e.probabilities, want)
    np.testing.assert_array_equal(e.naive_probabilities, xl.softmax_naive(scaled))
    (bars,) = find(e, "xent-bars-view", View)
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
    assert [s.label for s in sliders] == ["logit of cat", "logit of dog", "logit of bird"]
    sliders[2].value = 3.5
    assert_softmax_explorer_consistent(e, [2.0, 1.0, 3.5])
    (temperature,) = find(e, "xent-temperature", Slider)
    temperature.value = 0.25
    assert e.temperature == 0.25
    assert_softmax_explorer_consistent(e, [2.0, 1.0, 3.5], temperature=0.25)


def test_softmax_explorer_scale_shows_the_naive_overflow_beside_the_stable_result():
    e = SoftmaxExplorer()
    assert_softmax_explorer_consistent(e, xl.SEED_LOGITS[0])
    assert "both formulas agree" in softmax_table(e)[2]
    (scale,) = find(e, "xent-scale", Slider)
    assert scale.choices[:3] == [1, 2, 5] and scale.choice_texts[:3] == ["\u00d71", "\u00d72", "\u00d75"]
    scale.value = 10000
    assert_softmax_explorer_consistent(e, xl.SEED_LOGITS[0], scale=10000)
    stable, naive, table = softmax_table(e)
    assert "nan" in naive and "nan" not in stable
    assert e.state.overflows and "overflows to inf" in table
    assert np.isclose(e.probabilities.sum(), 1.0)


def test_softmax_explorer_explains_underflow_too():
    e = SoftmaxExplorer([-1.0, -2.0, -3.0])
    (scale,) = find(e, "xent-scale", Slider)
    scale.value = 1000
    assert_softmax_explorer_consistent(e, [-1.0, -2.0, -3.0], scale=1000)
    stable, naive, table = softmax_table(e)
    assert naive == ["nan"] * 3 and stable == ["1.0", "0.0", "0.0"]
    assert e.state.underflows and not e.state.overflows and "underflows to 0" in table


def test_softmax_explorer_explains_the_silent_zeros_before_nan():
    """Each exp(z') is finite (z' <= 709.78) but their sum is not: softmax_naive quietly returns zeros."""
    z = [709.5, 708.5, 707.5]
    e = SoftmaxExplorer(z)
    assert_softmax_explorer_consistent(e, z)
    stable, naive, table = softmax_table(e)
    assert naive == ["0.0"] * 3 and "nan" not in stable
    assert e.state.sum_overflows and not e.state.overflows and "silently gives 0 for every class" in table


def test_softmax_explorer_round_trip_and_errors(monkeypatch):
    e = SoftmaxExplorer()
    for s in logit_sliders(e):
        s.value = page_value(s.value, s)
    np.testing.assert_array_equal(e.logits, xl.SEED_LOGITS[0])
    (error,) = find(e, "xent-error", View)
    monkeypatch.setattr(xw, "softmax_state", lambda *a: 1 / 0)
    logit_sliders(e)[0].value = 1.0
    assert "ZeroDivisionError" in error.value
    monkeypatch.undo()
    logit_sliders(e)[0].value = 1.5
    assert error.value == "" and e.logits[0] == 1.5


def test_the_loss_view_announces_the_new_loss_politely():
    e = LossExplorer()
    (view,) = find(e, "xent-loss", View)
    assert view.live == "loss 1.0156"
    (reduce,) = find(e, "xent-reduction", Choice)
    reduce.value = "none"
    assert view.live == "loss " + ", ".join(f"{v:.4f}" for v in e.loss)


@pytest.mark.parametrize("smoothing", [0.0, 0.25])
def test_the_readout_writes_out_the_sum_it_reduces(smoothing):
    e = LossExplorer()
    (smooth,) = find(e, "xent-smoothing", Slider)
    smooth.value = smoothing
    (view,) = find(e, "xent-loss", View)
    terms = re.search(r'class="xent-loss-terms">\(([^)]*)\) / 3<', view.value)[1]
    np.testing.assert_array_equal([float(t) for t in terms.split(" + ")], np.round(sample_losses(e), 4))
    assert ("label smoothing 0.25" in view.value) == bool(smoothing)


def snapshot(explorer) -> str:
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # live front ends still get the widget
    return bundle["text/html"]


def test_snapshot_is_static_html_of_the_current_state():
    e = LossExplorer()
    page = snapshot(e)
    assert "snapshot: run the notebook to move the sliders" in page
    assert re.search(r'class="xent-loss-value"[^>]*>1.0155949508195155<', page)
    for forbidden in ("<script", "<style", "<link", "http:", "https:", "url(", "src="):
        assert forbidden not in page.lower()
    heights = [drawn_bars(part)[0] for part in page.split('class="xent-sample"')[1:]]
    np.testing.assert_allclose(heights, e.probabilities, atol=1e-8)
    logit_sliders(e)[1][2].value = -3.0
    assert repr(float(e.loss)) in snapshot(e)
    s = SoftmaxExplorer(class_names=list("abcde"))
    page = snapshot(s)
    assert "SoftmaxExplorer" in page and repr(float(s.probabilities[3])) in page
    np.testing.assert_allclose(drawn_bars(page)[0], s.probabilities, atol=1e-8)


def test_every_message_has_english_and_is_used():
    sources = "".join(
        (Path(xw.__file__).parent / name).read_text()
        for name in ("widgets.py", "html.py", "state.py", "gradient.py", "training.py", "information.py")
    )
    for key, texts in MESSAGES.items():
        assert texts.get("en"), key
        assert f'"{key}"' in sources or f"'{key}'" in sources, f"message {key!r} is never used"


def test_the_controls_front_end_ships_in_the_package_and_loads_nothing():
    for control in (Slider(), Choice(), View()):
        code = str(control._esm) + str(control._css)
        assert "export default" in str(control._esm) and ".xent-explorer" in str(control._css)
        for outside in ("http:", "https:", "import(", "url(", "@import"):
            assert outside not in code, f"{type(control).__name__} would load {outside}"


@pytest.mark.parametrize("lang,words", [("en", "read-only"), ("zh", "只读")])
@pytest.mark.parametrize(
    "make,name", [(LossExplorer, "logits"), (LossExplorer, "labels"), (SoftmaxExplorer, "scale")]
)
def test_assigning_a_reported_value_says_it_is_read_only_and_what_to_do(make, name, lang, words):
    # A learner who types `explorer.logits = ...` in a cell, in either edition.
    explorer = make()
    previous = language()
    set_language(lang)
    try:
        with pytest.raises(AttributeError, match=rf"^{name} .*{words}.*{make.__name__}\(my_logits"):
            setattr(explorer, name, 1)
    finally:
        set_language(previous)
    assert getattr(explorer, name) is not None
