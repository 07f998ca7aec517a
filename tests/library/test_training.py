"""The toy dataset and softmax regression: determinism, gradients and parity with a torch model."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from xentlib import cross_entropy, numerical_grad
from xentlib.datasets import make_blobs
from xentlib.training import (
    accuracy,
    fit,
    gradient_step,
    grid_predictions,
    init_params,
    logits,
    predict,
    predict_proba,
)


def test_blobs_shape_and_determinism():
    x, y = make_blobs(50, seed=3)
    assert x.shape == (150, 2) and x.dtype == np.float64
    assert y.shape == (150,) and y.dtype == np.int64
    assert np.bincount(y).tolist() == [50, 50, 50]
    x2, y2 = make_blobs(50, seed=3)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(make_blobs(50, seed=4)[0], x)


def test_blobs_are_centred_on_a_circle():
    x, y = make_blobs(2000, num_classes=4, radius=3.0, spread=0.5, seed=0)
    for k in range(4):
        centre = x[y == k].mean(axis=0)
        assert np.linalg.norm(centre) == pytest.approx(3.0, abs=0.05)


BAD_BLOBS = [dict(n_per_class=0), dict(num_classes=2.5), dict(spread=-1.0), dict(n_per_class=True)]


@pytest.mark.parametrize("bad", BAD_BLOBS)
def test_blobs_reject_bad_arguments(bad):
    with pytest.raises(ValueError):
        make_blobs(**bad)


def test_initial_loss_is_about_log_c():
    x, y = make_blobs(100, seed=0)
    w, b = init_params(2, 3, seed=0)
    assert cross_entropy(logits(x, w, b), y) == pytest.approx(math.log(3), abs=0.05)
    p = predict_proba(x, w, b)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)


def test_gradient_step_uses_the_true_gradient():
    x, y = make_blobs(10, seed=1)
    w, b = init_params(2, 3, scale=1.0, seed=1)
    lr = 1e-3
    loss, w2, b2 = gradient_step(w, b, x, y, lr)
    assert loss == pytest.approx(cross_entropy(logits(x, w, b), y), rel=1e-12)
    grad_w = numerical_grad(lambda v: cross_entropy(x @ v + b, y), w)
    grad_b = numerical_grad(lambda v: cross_entropy(x @ w + v, y), b)
    np.testing.assert_allclose((w - w2) / lr, grad_w, atol=1e-7)
    np.testing.assert_allclose((b - b2) / lr, grad_b, atol=1e-7)


def test_fit_matches_a_torch_linear_model_step_by_step():
    x, y = make_blobs(30, seed=2)
    w0, b0 = init_params(2, 3, seed=2)
    w, b, losses = fit(x, y, lr=0.5, steps=25, w=w0, b=b0)
    model = torch.nn.Linear(2, 3, dtype=torch.float64)
    with torch.no_grad():
        model.weight.copy_(torch.tensor(w0.T))
        model.bias.copy_(torch.tensor(b0))
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    xt, yt = torch.tensor(x), torch.tensor(y)
    torch_losses = []
    for _ in range(25):
        opt.zero_grad()
        loss = F.cross_entropy(model(xt), yt)
        loss.backward()
        opt.step()
        torch_losses.append(loss.item())
    np.testing.assert_allclose(losses, torch_losses, rtol=1e-10)
    np.testing.assert_allclose(w, model.weight.detach().numpy().T, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(b, model.bias.detach().numpy(), rtol=1e-9, atol=1e-12)


def test_fit_learns_the_blobs():
    x, y = make_blobs(100, seed=0)
    w, b, losses = fit(x, y, lr=0.5, steps=200, progress=True)
    assert losses[0] == pytest.approx(math.log(3), abs=0.05)
    assert losses[-1] < 0.5 * losses[0]
    assert np.all(np.diff(losses) <= 1e-12)  # small enough step: the loss never goes up
    assert accuracy(x, y, w, b) > 0.85
    assert predict(x, w, b).shape == y.shape


def test_grid_predictions_cover_the_data():
    x, _ = make_blobs(20, seed=0)
    w, b = init_params(2, 3, scale=1.0)
    xx, yy, classes = grid_predictions(lambda pts: predict(pts, w, b), x, steps=30)
    assert xx.shape == yy.shape == classes.shape == (30, 30)
    assert xx.min() < x[:, 0].min() and yy.max() > x[:, 1].max()
    assert set(np.unique(classes)) <= {0, 1, 2}


def test_shape_errors_are_clear():
    x, y = make_blobs(5)
    w, b = init_params(3, 3)
    with pytest.raises(ValueError, match="need W of shape"):
        logits(x, w, b)
    with pytest.raises(ValueError, match="2-D"):
        logits(x[0], w, b)
