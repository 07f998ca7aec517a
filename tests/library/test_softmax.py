"""softmax, log_softmax, logsumexp: torch parity and the properties every learner should know."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import xentlib as xl
from tests.library.oracle import tolerance
from tests.library.strategies import logits


@settings(max_examples=100, deadline=None)
@given(z=logits(min_dims=1, max_dims=3), axis=st.sampled_from([0, -1]))
def test_match_torch(z, axis):
    t = torch.tensor(z)
    tol = tolerance(z.dtype)
    np.testing.assert_allclose(xl.softmax(z, axis), torch.softmax(t, axis).numpy(), **tol)
    np.testing.assert_allclose(xl.log_softmax(z, axis), torch.log_softmax(t, axis).numpy(), **tol)
    np.testing.assert_allclose(xl.logsumexp(z, axis), torch.logsumexp(t, axis).numpy(), **tol)
    keep = xl.logsumexp(z, axis, keepdims=True)
    assert keep.shape == torch.logsumexp(t, axis, keepdim=True).shape
    assert xl.softmax(z, axis).dtype == z.dtype


@settings(max_examples=100, deadline=None)
@given(z=logits(max_dims=3), shift=st.floats(-50, 50))
def test_rows_sum_to_one_and_shift_invariance(z, shift):
    p = xl.softmax(z, axis=1)
    tol = tolerance(z.dtype)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, **tol)
    assert (p >= 0).all()
    np.testing.assert_allclose(
        xl.softmax(z + z.dtype.type(shift), axis=1),
        p,
        rtol=1e-5 if z.dtype == np.float32 else 1e-10,
        atol=1e-6,
    )


@settings(max_examples=100, deadline=None)
@given(z=logits(max_dims=3))
def test_exp_log_softmax_is_softmax(z):
    np.testing.assert_allclose(np.exp(xl.log_softmax(z, axis=1)), xl.softmax(z, axis=1), **tolerance(z.dtype))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("big", [1e4, -1e4])
def test_large_logits_stay_finite(dtype, big):
    z = np.array([[big, 0.0, -big], [big, big, big]], dtype=dtype)
    for result in (xl.softmax(z), xl.log_softmax(z), xl.logsumexp(z)):
        assert np.isfinite(result).all()
    np.testing.assert_allclose(xl.softmax(z)[1], [1 / 3] * 3, rtol=1e-6)


def test_naive_softmax_overflows_where_stable_one_does_not():
    z = np.array([1000.0, 0.0])
    assert np.isnan(xl.softmax_naive(z)).any()
    np.testing.assert_array_equal(xl.softmax(z), [1.0, 0.0])
    np.testing.assert_allclose(xl.softmax_naive(xl.SEED_LOGITS), xl.softmax(xl.SEED_LOGITS), rtol=1e-14)


def test_minus_inf_rules_a_class_out():
    p = xl.softmax([0.0, -np.inf, 0.0])
    np.testing.assert_array_equal(p, [0.5, 0.0, 0.5])


def test_integer_logits_become_float64():
    assert xl.softmax([1, 2, 3]).dtype == np.float64
