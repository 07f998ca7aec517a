"""Calibration helpers: reliability bins and ECE by a plain loop; temperature scaling against torch."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.library.strategies import labels_for, logits
from xentlib import softmax
from xentlib.calibration import (
    expected_calibration_error,
    fit_temperature,
    reliability_bins,
    temperature_nll,
)


def ece_loop(probs, labels, bins):
    """ECE written the slow, obvious way: for each bin (lo, hi], the gap |accuracy - confidence|."""
    total = 0.0
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        members = [i for i in range(len(labels)) if lo < max(probs[i]) <= hi]
        if members:
            conf = np.mean([max(probs[i]) for i in members])
            acc = np.mean([int(np.argmax(probs[i]) == labels[i]) for i in members])
            total += len(members) / len(labels) * abs(acc - conf)
    return total


def test_ece_by_hand():
    probs = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.45, 0.55]])
    labels = np.array([0, 1, 1, 0])
    # bins of width 0.5: (0.5, 1] holds all four; confidences 0.9, 0.8, 0.7, 0.55 (mean 0.7375); 2 right
    assert expected_calibration_error(probs, labels, bins=2) == pytest.approx(abs(0.5 - 0.7375))
    conf, acc, count = reliability_bins(probs, labels, bins=2)
    assert count.tolist() == [0, 4] and np.isnan(conf[0]) and acc[1] == 0.5


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(1, 15))
def test_ece_matches_a_plain_loop(data, bins):
    z = data.draw(logits(dtype=np.float64, max_abs=8.0))
    y = data.draw(labels_for(z))
    p = softmax(z, axis=1)
    assert expected_calibration_error(p, y, bins) == pytest.approx(ece_loop(p, y, bins), abs=1e-12)
    assert 0.0 <= expected_calibration_error(p, y, bins) <= 1.0


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="bins"):
        expected_calibration_error([[0.5, 0.5]], [0], bins=0)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        expected_calibration_error([[1.5, -0.5]], [0])
    with pytest.raises(ValueError, match="shape"):
        expected_calibration_error([[0.5, 0.5]], [0, 1])


def torch_best_temperature(z, y):
    """Minimise torch's cross_entropy(z / T) over log T with LBFGS: an independent oracle."""
    log_t = torch.zeros((), dtype=torch.float64, requires_grad=True)
    zt, yt = torch.tensor(z), torch.tensor(y)
    opt = torch.optim.LBFGS(
        [log_t],
        lr=0.5,
        max_iter=500,
        tolerance_grad=1e-14,
        tolerance_change=1e-16,
        line_search_fn="strong_wolfe",
    )

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(zt / log_t.exp(), yt)
        loss.backward()
        return loss

    opt.step(closure)
    return float(log_t.detach().exp())


@pytest.mark.parametrize("seed", range(4))
def test_fit_temperature_matches_torch(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, size=60)
    z = rng.normal(size=(60, 4)) * 3
    z[np.arange(60), y] += 2.0  # better than chance, with some mistakes
    t = fit_temperature(z, y)
    assert t == pytest.approx(torch_best_temperature(z, y), rel=1e-6)
    # at the optimum torch's d loss / d T is 0, and the loss is torch's loss at that T
    tt = torch.tensor(t, dtype=torch.float64, requires_grad=True)
    loss = F.cross_entropy(torch.tensor(z) / tt, torch.tensor(y))
    loss.backward()
    assert abs(float(tt.grad)) < 1e-8
    assert temperature_nll(z, y, t) == pytest.approx(loss.item(), rel=1e-12)


def test_fit_temperature_edge_cases_raise_clearly():
    with pytest.raises(ValueError, match="every sample is classified correctly"):
        fit_temperature([[2.0, 0.0], [0.0, 3.0]], [0, 1])
    with pytest.raises(ValueError, match="chance"):
        fit_temperature([[2.0, 0.0], [0.0, 3.0]], [1, 0])
