"""Entropy, KL divergence and binary cross-entropy against torch, plus their defining properties."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from xentlib import cross_entropy, one_hot, softmax
from xentlib.information import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    distribution_cross_entropy,
    entropy,
    kl_divergence,
    sigmoid,
)

TOL = dict(rtol=1e-12, atol=1e-12)


@st.composite
def distributions(draw, rows=None, classes=None, zeros=True):
    """(N, C) rows of probabilities; with zeros=True some entries may be exactly 0."""
    n = draw(st.integers(1, 5)) if rows is None else rows
    c = draw(st.integers(1, 6)) if classes is None else classes
    elements = st.just(0.0) | st.floats(0.0, 1.0) if zeros else st.floats(0.01, 1.0)
    raw = draw(hnp.arrays(np.float64, (n, c), elements=elements))
    raw[:, 0] += 0.5  # every row has some mass
    return raw / raw.sum(axis=1, keepdims=True)


def test_known_values():
    assert entropy([0.5, 0.5], units="bits") == pytest.approx(1.0)
    assert entropy([0.5, 0.5]) == pytest.approx(math.log(2))
    assert entropy([1.0, 0.0, 0.0]) == 0.0
    assert entropy(np.full(8, 1 / 8), units="bits") == pytest.approx(3.0)
    assert kl_divergence([1.0, 0.0], [0.5, 0.5], units="bits") == pytest.approx(1.0)
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_kl_matches_torch(data):
    p = data.draw(distributions())
    q = data.draw(distributions(*p.shape, zeros=False))
    want = F.kl_div(torch.tensor(np.log(q)), torch.tensor(p), reduction="none").sum(dim=1).numpy()
    np.testing.assert_allclose(kl_divergence(p, q), want, **TOL)
    np.testing.assert_allclose(kl_divergence(p, q, units="bits"), want / math.log(2), **TOL)
    batchmean = F.kl_div(torch.tensor(np.log(q)), torch.tensor(p), reduction="batchmean").item()
    assert kl_divergence(p, q).mean() == pytest.approx(batchmean, rel=1e-12, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_information_identities(data):
    p = data.draw(distributions())
    q = data.draw(distributions(*p.shape, zeros=False))
    h_p, h_pq, kl = entropy(p), distribution_cross_entropy(p, q), kl_divergence(p, q)
    np.testing.assert_allclose(h_pq, h_p + kl, rtol=1e-10, atol=1e-10)  # H(p, q) = H(p) + KL(p || q)
    assert (kl >= -1e-12).all() and (h_p >= -1e-12).all()  # Gibbs' inequality, entropy >= 0
    assert (h_p <= np.log(p.shape[1]) + 1e-12).all()  # the uniform distribution has the most entropy
    np.testing.assert_allclose(kl_divergence(p, p), 0.0, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(
    z=hnp.arrays(np.float64, (4, 5), elements=st.floats(-20, 20)),
    y=hnp.arrays(np.int64, 4, elements=st.integers(0, 4)),
)
def test_distribution_cross_entropy_is_the_loss(z, y):
    """With a one-hot p and q = softmax(z), the mean of H(p, q) is the cross-entropy loss."""
    got = distribution_cross_entropy(one_hot(y, 5), softmax(z)).mean()
    assert got == pytest.approx(cross_entropy(z, y), rel=1e-9, abs=1e-9)


def test_axis_argument():
    p = np.array([[0.2, 0.5], [0.8, 0.5]])  # distributions down the columns
    np.testing.assert_allclose(entropy(p, axis=0), entropy(p.T), **TOL)


@settings(max_examples=100, deadline=None)
@given(
    x=hnp.arrays(np.float64, st.integers(1, 8), elements=st.floats(-50, 50)),
    data=st.data(),
    reduction=st.sampled_from(["mean", "sum", "none"]),
)
def test_binary_cross_entropy_matches_torch(x, data, reduction):
    t = data.draw(hnp.arrays(np.float64, x.shape, elements=st.floats(0, 1)))
    xt, tt = torch.tensor(x), torch.tensor(t)
    want = F.binary_cross_entropy_with_logits(xt, tt, reduction=reduction).numpy()
    got = binary_cross_entropy_with_logits(x, t, reduction)
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)
    p = np.clip(sigmoid(x), 1e-12, 1 - 1e-12)  # away from 0 and 1, where torch clamps the log
    want_p = F.binary_cross_entropy(torch.tensor(p), tt, reduction=reduction).numpy()
    np.testing.assert_allclose(binary_cross_entropy(p, t, reduction), want_p, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(sigmoid(x), torch.sigmoid(xt).numpy(), **TOL)


def test_binary_cross_entropy_clamps_like_torch():
    p, t = np.array([0.0, 1.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0, 1.0])
    want = F.binary_cross_entropy(torch.tensor(p), torch.tensor(t), reduction="none").numpy()
    np.testing.assert_array_equal(binary_cross_entropy(p, t, reduction="none"), want)  # 100, 100, 0, 0


@settings(max_examples=50, deadline=None)
@given(x=hnp.arrays(np.float64, st.integers(1, 8), elements=st.floats(-30, 30)), data=st.data())
def test_binary_is_two_class_softmax(x, data):
    """sigmoid(x) = softmax([0, x])[1], so BCE with hard labels is cross-entropy with two classes."""
    y = data.draw(hnp.arrays(np.int64, x.shape, elements=st.integers(0, 1)))
    two = np.stack([np.zeros_like(x), x], axis=1)
    np.testing.assert_allclose(sigmoid(x), softmax(two)[:, 1], rtol=1e-12, atol=1e-15)
    want = cross_entropy(two, y)
    assert binary_cross_entropy_with_logits(x, y.astype(float)) == pytest.approx(want, rel=1e-10)


def test_float32_stays_float32():
    p = np.array([0.25, 0.75], dtype=np.float32)
    assert entropy(p).dtype == np.float32
    assert kl_divergence(p, p[::-1].copy()).dtype == np.float32
    assert binary_cross_entropy_with_logits(np.float32([1, -2]), np.float32([1, 0])).dtype == np.float32


@pytest.mark.parametrize(
    "call,error,fragment",
    [
        (lambda: entropy([0.5, 0.6]), ValueError, "sum to 1"),
        (lambda: entropy([1.5, -0.5]), ValueError, ">= 0"),
        (lambda: entropy([np.nan, 1.0]), ValueError, "nan"),
        (lambda: entropy(["a", "b"]), TypeError, "real numbers"),
        (lambda: entropy([0.5, 0.5], units="dits"), ValueError, "bits"),
        (lambda: kl_divergence([0.5, 0.5], [1 / 3, 1 / 3, 1 / 3]), ValueError, "same shape"),
        (lambda: binary_cross_entropy([0.2, 1.2], [0.0, 1.0]), ValueError, "outside"),
        (lambda: binary_cross_entropy([0.2, 0.3], [0.0, 1.0, 1.0]), ValueError, "shape"),
        (lambda: binary_cross_entropy_with_logits([0.2], [0.0], reduction="avg"), ValueError, "reduction"),
        (lambda: binary_cross_entropy_with_logits([-np.inf, 0.3], [0.0, 1.0]), ValueError, "finite"),
    ],
)
def test_bad_input_gives_clear_errors(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()


@pytest.mark.parametrize("bad", [-np.inf, np.inf, np.nan])
def test_a_non_finite_binary_logit_gets_the_binary_error_not_the_softmax_one(bad):
    x = np.array([[0.5, 1.0], [bad, -2.0]])
    with pytest.raises(ValueError) as err:
        binary_cross_entropy_with_logits(x, np.zeros_like(x))
    message = str(err.value)
    expected = f"logits for a binary loss must be finite, got {bad} at position (1, 0)"
    assert message.startswith(expected), message
    assert "softmax" not in message and "rule a class out" not in message
