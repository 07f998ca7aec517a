"""cross_entropy, nll_loss and cross_entropy_grad against torch, for every option and shape."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xentlib as xl
from tests.library.oracle import tolerance, torch_cross_entropy, torch_nll_loss
from tests.library.strategies import class_count, labels_for, logits, options, probabilities_for

SHAPES = [(5,), (4, 5), (3, 4, 2), (2, 3, 2, 3)]
OPTIONS = [
    dict(),
    dict(reduction="sum"),
    dict(reduction="none"),
    dict(weight=[0.2, 1.0, 3.0, 0.5, 1.5][:4]),
    dict(ignore_index=1),
    dict(label_smoothing=0.2),
    dict(weight=[0.2, 1.0, 3.0, 0.5], ignore_index=2, label_smoothing=0.3),
    dict(weight=[0.2, 1.0, 3.0, 0.5], ignore_index=2, label_smoothing=0.3, reduction="none"),
    dict(weight=[0.2, 1.0, 3.0, 0.5], label_smoothing=1.0, reduction="sum"),
]


def fit_weight(opts, num_classes):
    if "weight" in opts:
        opts = {**opts, "weight": (np.resize(opts["weight"], num_classes))}
    return opts


def loss_tolerance(z, opts) -> dict:
    """The per-value tolerance, except that a sum of n weighted terms carries n roundings (atol x n x w)."""
    tol = tolerance(z.dtype)
    if opts.get("reduction") != "sum":
        return tol
    positions = z.size // z.shape[0 if z.ndim == 1 else 1]
    largest_weight = max(1.0, float(np.max(opts["weight"]))) if opts.get("weight") is not None else 1.0
    return {**tol, "atol": tol["atol"] * positions * largest_weight}


def assert_matches_torch(z, target, opts):
    loss, grad = xl.cross_entropy_and_grad(z, target, **opts)
    want_loss, want_grad = torch_cross_entropy(z, target, **opts)
    tol, loss_tol = tolerance(z.dtype), loss_tolerance(z, opts)
    assert np.asarray(loss).dtype == z.dtype and grad.dtype == z.dtype
    assert np.shape(loss) == np.shape(want_loss)
    np.testing.assert_allclose(loss, want_loss, **loss_tol)
    np.testing.assert_allclose(grad, want_grad, **tol)
    np.testing.assert_allclose(xl.cross_entropy(z, target, **opts), want_loss, **loss_tol)
    if opts.get("reduction") == "sum":  # each term of the sum still within the per-value tolerance
        each = {**opts, "reduction": "none"}
        want_each = torch_cross_entropy(z, target, **each)[0]
        np.testing.assert_allclose(xl.cross_entropy(z, target, **each), want_each, **tol)
    np.testing.assert_array_equal(xl.cross_entropy_grad(z, target, **opts), grad)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape,opts", list(itertools.product(SHAPES, OPTIONS)))
def test_class_indices_match_torch(shape, opts, dtype):
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, size=shape).astype(dtype)
    c = shape[0] if len(shape) == 1 else shape[1]
    target = rng.integers(0, c, size=() if len(shape) == 1 else (shape[0], *shape[2:]))
    if len(shape) > 1:
        target.flat[0] = 1  # so ignore_index=1 always ignores something
    assert_matches_torch(z, target, fit_weight(opts, c))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "shape,opts", list(itertools.product(SHAPES, [o for o in OPTIONS if "ignore_index" not in o]))
)
def test_probability_targets_match_torch(shape, opts, dtype):
    rng = np.random.default_rng(1)
    z = rng.normal(0, 3, size=shape).astype(dtype)
    axis = 0 if len(shape) == 1 else 1
    t = rng.random(shape).astype(dtype)
    t /= t.sum(axis=axis, keepdims=True)
    assert_matches_torch(z, t, fit_weight(opts, shape[axis]))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_hypothesis_class_indices(data):
    z = data.draw(logits(max_dims=4, max_side=5))
    opts = data.draw(options(class_count(z), z.dtype))
    target = data.draw(labels_for(z, opts.get("ignore_index", None)))
    if (target == opts.get("ignore_index", -100)).all() and opts["reduction"] == "mean":
        return  # covered by test_all_ignored_is_nan_like_torch
    assert_matches_torch(z, target, opts)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_hypothesis_probability_targets(data):
    z = data.draw(logits(min_dims=1, max_dims=4, max_side=5))
    opts = data.draw(options(class_count(z), z.dtype, allow_ignore=False))
    assert_matches_torch(z, data.draw(probabilities_for(z)), opts)


@pytest.mark.parametrize("smoothing", [0.0, 0.25])
def test_all_ignored_is_nan_like_torch(smoothing):
    z = np.array([[1.0, 2.0, 3.0], [0.5, 0.1, -1.0]])
    target = np.array([-100, -100])
    loss, grad = xl.cross_entropy_and_grad(z, target, label_smoothing=smoothing)
    want_loss, want_grad = torch_cross_entropy(z, target, label_smoothing=smoothing)
    assert np.isnan(loss) and np.isnan(want_loss)
    np.testing.assert_array_equal(grad, want_grad)  # zeros, not nan


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("rows", [3, 70_000])  # the second takes the blocked, threaded path
def test_large_batch_matches_torch(rows, dtype):
    rng = np.random.default_rng(2)
    z = rng.normal(0, 4, size=(rows, 10)).astype(dtype)
    target = rng.integers(0, 10, size=rows)
    for opts in [dict(), dict(weight=rng.random(10) + 0.1, label_smoothing=0.1)]:
        assert_matches_torch(z, target, opts)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("scale", [1.0, 1e4])
def test_extreme_logits_stay_finite_and_match(dtype, scale):
    rng = np.random.default_rng(3)
    z = (rng.normal(size=(8, 6)) * scale).astype(dtype)
    target = rng.integers(0, 6, size=8)
    loss, grad = xl.cross_entropy_and_grad(z, target, label_smoothing=0.1)
    assert np.isfinite(loss) and np.isfinite(grad).all()
    assert_matches_torch(z, target, dict(label_smoothing=0.1))


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_nll_loss_matches_torch(data):
    z = data.draw(logits(min_dims=1, max_dims=4, max_side=5))
    log_probs = xl.log_softmax(z, axis=0 if z.ndim == 1 else 1)
    opts = data.draw(options(class_count(z), z.dtype))
    opts.pop("label_smoothing")
    target = data.draw(labels_for(z, opts.get("ignore_index", None)))
    got, want = xl.nll_loss(log_probs, target, **opts), torch_nll_loss(log_probs, target, **opts)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_allclose(got, want, **tolerance(z.dtype), equal_nan=True)


def test_float32_in_float32_out():
    z = xl.SEED_LOGITS.astype(np.float32)
    assert xl.cross_entropy(z, xl.SEED_LABELS).dtype == np.float32
    assert xl.cross_entropy(z, xl.SEED_LABELS, reduction="none").dtype == np.float32
    assert xl.cross_entropy_grad(z, xl.SEED_LABELS).dtype == np.float32
    assert xl.nll_loss(xl.log_softmax(z), xl.SEED_LABELS).dtype == np.float32


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("centre", [-60.0, -39.0, 0.0, 39.0, 60.0])
@pytest.mark.parametrize("rows", [6, 70_000])
def test_both_kernel_paths_match_torch(centre, rows, dtype):
    """Rows whose max is within +-40 skip the shift before exp; the others are shifted; both exact."""
    rng = np.random.default_rng(4)
    z = (centre + rng.normal(0, 0.5, size=(rows, 20))).astype(dtype)
    z[::3] -= 5 * np.sign(centre)  # some rows across the +-40 line when centre is +-39
    target = rng.integers(0, 20, size=rows)
    for opts in [dict(), dict(reduction="none", weight=rng.random(20) + 0.1)]:
        assert_matches_torch(z, target, opts)


@pytest.mark.parametrize("smoothing", [0.0, 0.25])
def test_zero_total_weight_gives_nan_like_torch(smoothing):
    z = np.array([[1.0, 2.0, 3.0], [0.5, 0.1, -1.0], [0.0, 1.0, 2.0]])
    target = np.array([0, 0, -100])  # class 0 has weight 0; the last position is ignored
    opts = dict(weight=np.array([0.0, 1.0, 1.0]), label_smoothing=smoothing)
    loss, grad = xl.cross_entropy_and_grad(z, target, **opts)
    want_loss, want_grad = torch_cross_entropy(z, target, **opts)
    assert np.isnan(loss) and np.isnan(want_loss)
    np.testing.assert_array_equal(grad, want_grad)  # nan rows where not ignored, zeros where ignored
