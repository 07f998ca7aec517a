"""The gradient, training and information explorers in the kernel: what they report is xentlib's (and
torch's, for the gradients), moves are driven by setting .value as the page does, a refused entry puts
the controls back, and the snapshot carries what a page needs to move."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import xentlib as xl
from tests.explorers.tree import find
from xentlib import i18n
from xentlib.explorers.controls import _Control
from xentlib.explorers.gradient import squared_error_grad
from xentlib.explorers.information import DEFAULT_TARGET
from xentlib.training import gradient_step, init_params
from xentlib.widgets import GradientExplorer, InformationExplorer, TrainingExplorer


def controls(root) -> list:
    """Every named control (controls.py) under root, through .children."""
    found = [root] if isinstance(root, _Control) else []
    for child in getattr(root, "children", ()):
        found += controls(child)
    return found


def one(root, css):
    (found,) = find(root, css)
    return found


def live_data(snapshot: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-xent-live="([^"]*)"', snapshot).group(1)))


# --- gradient ---------------------------------------------------------------------------------------


def test_the_gradient_explorer_reports_torchs_gradient_as_it_moves():
    g = GradientExplorer()
    np.testing.assert_array_equal(g.logits, xl.SEED_LOGITS[0])
    assert g.label == 1 and g.loss == float(xl.cross_entropy(xl.SEED_LOGITS[:1], xl.SEED_LABELS[:1]))
    find(g, "xent-class-1")[0].value = -6.0  # a learner moves the true class's logit down
    one(g, "xent-smoothing").value = 0.1
    z = torch.tensor(g.logits[None], requires_grad=True)
    F.cross_entropy(z, torch.tensor([1]), label_smoothing=0.1).backward()
    np.testing.assert_allclose(g.gradient, z.grad.numpy()[0], rtol=1e-12, atol=1e-15)
    assert g.state.push[1] > 0.9, (
        "a confident mistake: cross-entropy pushes the true logit up at full strength"
    )
    assert -g.state.squared_error_gradient[1] < 0.01, "the squared error has almost stopped"
    one(g, "xent-label-choice").value = "class 3"
    assert g.label == 3 and g.state.push[3] > 0


def test_the_squared_error_gradient_is_autograds():
    rng = np.random.default_rng(0)
    z, q = rng.normal(size=(20, 5)) * 3, rng.dirichlet(np.ones(5), size=20)
    zt = torch.tensor(z, requires_grad=True)
    ((F.softmax(zt, dim=1) - torch.tensor(q)) ** 2).sum().backward()
    np.testing.assert_allclose(squared_error_grad(z, q), zt.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_the_gradient_curves_follow_the_true_logit_with_the_current_point_on_them():
    g = GradientExplorer()
    s = g.state
    k = int(np.argmin(np.abs(s.grid - s.logits[s.label])))
    rows = np.repeat(s.logits[None], len(s.grid), axis=0)
    rows[:, s.label] = s.grid
    np.testing.assert_allclose(s.ce_push, 1 - xl.softmax(rows, axis=1)[:, s.label], rtol=1e-12, atol=1e-15)
    assert abs(s.ce_push[k] - s.push[s.label]) < 0.1  # the marked point lies on the curve
    assert 'class="xent-ce-point"' in g._curve.value and "xent-se-curve" in g._curve.value


def test_a_refused_gradient_entry_puts_the_box_back():
    g = GradientExplorer()
    smoothing = one(g, "xent-smoothing")
    smoothing.value = 2.5  # typed in the box: label smoothing must be in [0, 1]
    assert smoothing.value == 0.0 and g.label_smoothing == 0.0
    assert "label_smoothing" in g._error.value
    with pytest.raises(AttributeError, match="read-only"):
        g.gradient = np.zeros(5)


# --- training ---------------------------------------------------------------------------------------


def test_the_training_explorer_runs_gradient_step():
    t = TrainingExplorer()
    x, y = xl.datasets.make_blobs(n_per_class=100, num_classes=3, seed=0)
    assert t.steps == 0 and t.loss == pytest.approx(1.092612, abs=5e-7)  # notebook 09's start, near log 3
    one(t, "xent-lr").value = 5.0
    one(t, "xent-init").value = 1.0
    one(t, "xent-smoothing").value = 0.1
    one(t, "xent-steps").value = 40  # a learner presses PageUp four times
    w, b = init_params(2, 3, scale=1.0, seed=0)
    losses = []
    for _ in range(41):
        loss, w_next, b_next = gradient_step(w, b, x, y, 5.0, label_smoothing=0.1)
        losses.append(loss)
        if len(losses) <= 40:
            w, b = w_next, b_next
    np.testing.assert_array_equal(t.weights, w)
    np.testing.assert_array_equal(t.losses, losses)
    assert t.accuracy == xl.training.accuracy(x, y, w, b)
    one(t, "xent-steps").value = 10  # back: the run is kept, the state is the 10th step's
    assert t.losses.shape == (11,) and t.loss == losses[10]


def test_the_regions_are_where_the_model_predicts_each_class():
    t = TrainingExplorer()
    one(t, "xent-steps").value = 100
    s = t.state
    rng = np.random.default_rng(0)
    x0, x1, y0, y1 = s.box
    points = rng.uniform([x0, y0], [x1, y1], size=(500, 2))
    predicted = np.argmax(points @ s.weights + s.bias, axis=1)
    for c, corners in enumerate(s.regions):
        inside = [p for p, k in zip(points, predicted, strict=True) if k == c]
        poly = np.array(corners)
        for p in inside[:50]:  # every point predicted c is inside (or on) c's convex polygon
            edges = np.roll(poly, -1, axis=0) - poly
            cross = edges[:, 0] * (p[1] - poly[:, 1]) - edges[:, 1] * (p[0] - poly[:, 0])
            assert (cross >= -1e-9).all() or (cross <= 1e-9).all()


def test_training_refuses_steps_beyond_the_end_and_keeps_its_state():
    t = TrainingExplorer(max_steps=50)
    steps = one(t, "xent-steps")
    steps.value = 51
    assert steps.value == 0 and t.steps == 0 and "50" in t._error.value
    with pytest.raises(ValueError, match="two features"):
        TrainingExplorer(np.zeros((4, 3)), [0, 1, 0, 1])


# --- information ------------------------------------------------------------------------------------


def test_the_information_explorer_shows_h_plus_kl():
    info = InformationExplorer()
    q = np.array(DEFAULT_TARGET) / sum(DEFAULT_TARGET)
    assert info.entropy == pytest.approx(float(xl.information.entropy(q)), rel=1e-15)
    assert info.entropy + info.kl == pytest.approx(info.cross_entropy, rel=1e-12)
    for c in range(5):  # the model's weights moved to the target's: KL = 0
        find(info, "xent-model-weight")[c].value = DEFAULT_TARGET[c]
    assert info.kl == pytest.approx(0.0, abs=1e-15) and info.cross_entropy == pytest.approx(info.entropy)
    find(info, "xent-model-weight")[1].value = 0.0
    assert info.kl == np.inf and info.cross_entropy == np.inf
    one(info, "xent-units").value = "bits"
    assert info.entropy == pytest.approx(float(xl.information.entropy(q, units="bits")), rel=1e-15)


def test_a_refused_weight_is_put_back_with_a_message_in_the_learners_language():
    info = InformationExplorer()
    weight = find(info, "xent-target-weight")[1]
    weight.value = -1.0
    assert weight.value == DEFAULT_TARGET[1] and "0 or more" in info._error.value
    i18n.set_language("zh")
    try:
        weight.value = -2.0
        assert "不小于 0" in info._error.value
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    "make, kind, title",
    [
        (GradientExplorer, "gradient", "GradientExplorer"),
        (TrainingExplorer, "training", "TrainingExplorer"),
        (InformationExplorer, "information", "InformationExplorer"),
    ],
)
def test_the_snapshot_shows_the_state_and_carries_it_for_a_page(make, kind, title):
    explorer = make()
    snapshot = explorer.snapshot_html()
    assert title in snapshot and "<script" not in snapshot and "http" not in snapshot
    assert live_data(snapshot)["kind"] == kind
    keys = dict(re.findall(r'data-xent-key="(\w+)">([^<]+)<', snapshot))
    main = {"gradient": "loss", "training": "loss", "information": "cross_entropy"}[kind]
    value = explorer.cross_entropy if kind == "information" else explorer.loss
    assert keys[main] == repr(float(value))
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and bundle["text/html"] == snapshot


@pytest.mark.parametrize("make", [GradientExplorer, TrainingExplorer, InformationExplorer])
def test_every_control_is_named_in_chinese_too(make):
    i18n.set_language("zh")
    try:
        explorer = make()
        names = [
            w.label if w.kind == "slider" else w.description for w in controls(explorer) if w.kind != "view"
        ]
        assert names and all(re.search(r"[\u4e00-\u9fff]", n) for n in names), names
        assert re.search(r"[\u4e00-\u9fff]", explorer.snapshot_html())
    finally:
        i18n.set_language("en")
