"""Inputs shared by the exercise modules."""

from __future__ import annotations

import numpy as np

from ..data import SEED_LABELS, SEED_LOGITS

F32 = dict(rtol=1e-5, atol=1e-6)  # tolerance for float32 cases


def seed() -> tuple[np.ndarray, np.ndarray]:
    """The seed example: logits (3, 5) and labels (3,), fresh copies."""
    return np.array(SEED_LOGITS), np.array(SEED_LABELS)


def random_batch(seed: int, n: int, c: int) -> tuple[np.ndarray, np.ndarray]:
    """n rows of c logits ~ N(0, 2^2) and n labels in [0, c)."""
    rng = np.random.default_rng(seed)
    return rng.normal(0, 2, size=(n, c)), rng.integers(0, c, size=n)


def rows(labels) -> np.ndarray:
    """0, 1, ..., N-1: the row index that goes with each label."""
    return np.arange(len(labels))


BY_HAND = ("cross_entropy", "CrossEntropyLoss", "nll_loss", "NLLLoss", "cross_entropy_and_grad")
GRAD_BY_HAND = ("cross_entropy_grad", "cross_entropy_and_grad", "numerical_grad", "backward")

# Diagnoses several exercises share (each exercise still declares its own mistake function).
SUM_NOT_MEAN = (
    "Every value is N times too big (N = the number of samples): you added the losses up. "
    "The loss is their mean, so that it does not grow with the batch size."
)
LOG_OF_SOFTMAX = (
    "Here a probability is smaller than the smallest positive float64 (about 5e-324 = e^-745: its "
    "logit is more than about 745 below the row's largest), so softmax rounds it to 0 and "
    "log(0) = -inf. Take the log without ever forming that probability: log-softmax computes it "
    "from differences of logits."
)
LOG10 = (
    "Your values are the right ones divided by ln 10 = 2.3026: that is log10. Here (and in NumPy, "
    "torch and every ML paper) log means the natural log, ln, base e."
)
LOG2 = (
    "Your values are the right ones divided by ln 2 = 0.6931: that is log2, which counts in bits. "
    "The loss uses the natural log, ln, which counts in nats."
)
