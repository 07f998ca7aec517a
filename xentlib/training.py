"""Softmax regression trained by gradient descent: logits = X W + b, loss = cross_entropy(logits, y).

The gradient comes from `cross_entropy_and_grad`: with G = dL/dlogits = (softmax - one_hot) / N,
dL/dW = X^T G and dL/db = sum_i G_i.
"""

from __future__ import annotations

import numpy as np

from .loss import cross_entropy_and_grad
from .messages.errors import tr
from .softmax import softmax
from .validation import as_class_indices, as_logits


def _features(x) -> np.ndarray:
    arr = as_logits(x, "X")
    if arr.ndim != 2:
        raise ValueError(tr("features_not_2d", shape=arr.shape))
    return arr


def _checked(x, w, b):
    arr, w, b = _features(x), as_logits(w, "W"), as_logits(b, "b")
    if w.ndim != 2 or w.shape[0] != arr.shape[1] or b.shape != (w.shape[1],):
        raise ValueError(
            tr("params_shape", x_shape=arr.shape, features=arr.shape[1], w_shape=w.shape, b_shape=b.shape)
        )
    return arr, w, b


def init_params(num_features: int, num_classes: int, scale: float = 0.01, seed=0):
    """(W, b): W ~ N(0, scale^2) of shape (D, C), b = 0; small, so the first softmax is nearly uniform."""
    rng = np.random.default_rng(seed)
    return scale * rng.standard_normal((num_features, num_classes)), np.zeros(num_classes)


def logits(x, w, b) -> np.ndarray:
    """Class scores z = X W + b, shape (N, C)."""
    x, w, b = _checked(x, w, b)
    return x @ w + b


def predict_proba(x, w, b) -> np.ndarray:
    """softmax(X W + b) along the classes: one probability row per point."""
    return softmax(logits(x, w, b), axis=1)


def predict(x, w, b) -> np.ndarray:
    """The most probable class of each point: argmax_c (X W + b)_c."""
    return np.argmax(logits(x, w, b), axis=1)


def accuracy(x, y, w, b) -> float:
    """Fraction of points whose predicted class equals the label."""
    z = logits(x, w, b)
    return float(np.mean(np.argmax(z, axis=1) == as_class_indices(y, z.shape[1])))


def gradient_step(w, b, x, y, lr: float, label_smoothing: float = 0.0):
    """One step of gradient descent: returns (loss before the step, W - lr dL/dW, b - lr dL/db).

    With label_smoothing eps the loss is cross_entropy(..., label_smoothing=eps), as in PyTorch.
    """
    x, w, b = _checked(x, w, b)
    loss, g = cross_entropy_and_grad(x @ w + b, y, label_smoothing=label_smoothing)
    return float(loss), w - lr * (x.T @ g), b - lr * g.sum(axis=0)


def fit(x, y, lr: float = 0.5, steps: int = 200, w=None, b=None, seed=0, progress: bool = False):
    """Run `steps` gradient-descent steps from (w, b) (default: init_params); returns (W, b, losses).

    losses[k] is the loss before step k. With progress=True a tqdm bar shows the current loss.
    """
    x = _features(x)
    y = np.asarray(y)
    num_classes = int(np.max(y)) + 1 if w is None else np.shape(w)[1]
    if w is None or b is None:
        w, b = init_params(x.shape[1], num_classes, seed=seed)
    steps_iter = range(int(steps))
    bar = None
    if progress:
        from tqdm.auto import tqdm  # only needed for the progress bar

        steps_iter = bar = tqdm(steps_iter, desc="training", unit="step")
    losses = np.empty(int(steps))
    for k in steps_iter:
        losses[k], w, b = gradient_step(w, b, x, y, lr)
        if bar is not None and (k % 10 == 0 or k == steps - 1):
            bar.set_postfix(loss=f"{losses[k]:.4f}")
    return w, b, losses


def grid_predictions(predict_fn, x, steps: int = 200, margin: float = 1.0):
    """(xx, yy, classes) on a steps x steps grid covering the points of x (N, 2) plus a margin.

    predict_fn maps an (M, 2) array to M class indices; plot the result with plt.contourf(xx, yy, classes).
    """
    x = _features(x)
    lo, hi = x.min(axis=0) - margin, x.max(axis=0) + margin
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    classes = np.asarray(predict_fn(np.column_stack([xx.ravel(), yy.ravel()])))
    return xx, yy, classes.reshape(xx.shape)
