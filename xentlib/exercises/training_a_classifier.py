"""Notebook training_a_classifier: predictions, accuracy, the weight gradient, and a buggy training loop."""

from __future__ import annotations

import numpy as np

from ._common import GRAD_BY_HAND
from .engine import Case, exercise


def _classifier_cases(seed: int):
    """Small softmax-regression problems: (name, X, y, W, b)."""
    from ..datasets import make_blobs

    rng = np.random.default_rng(seed)
    x, y = make_blobs(10, seed=seed)
    w, b = rng.normal(size=(2, 3)), rng.normal(size=3)
    x4 = rng.normal(size=(7, 5))
    y4 = rng.integers(0, 4, size=7)
    w4, b4 = rng.normal(size=(5, 4)), rng.normal(size=4)
    return [
        ("30 blob points, 3 classes", x, y, w, b),
        ("one point", x[:1], y[:1], w, b),
        ("the bias matters", x, y, np.zeros((2, 3)), np.array([0.0, 1.0, -1.0])),
        ("7 points, 5 features, 4 classes", x4, y4, w4, b4),
    ]


@exercise(
    "predict_classes",
    nudge=(
        "The prediction is the class with the largest logit (softmax does not change which one is "
        "largest). Compute the logits of all rows, then find where each row has its maximum."
    ),
    task="make my_predict(X, W, b) return the predicted class of every row of X: the index of its "
    "largest logit, where the logits are XW + b",
    hint="np.argmax(X @ W + b, axis=1): one class per row (axis=1 runs over the classes)",
)
def predict_classes():
    from ..training import predict

    return predict, [Case(name, (x, w, b)) for name, x, _, w, b in _classifier_cases(10)]


@predict_classes.mistake(
    "You took the argmax down the columns (axis 0): for each class, the row with the largest logit. "
    "The prediction for a point is the position of the largest logit in its own row.",
    fix="np.argmax(..., axis=1)",
)
def argmax_over_rows(X, W, b):
    return np.argmax(X @ W + b, axis=0)


@predict_classes.mistake(
    "You returned the largest logit itself. The predicted class is where the largest logit is, its "
    "column index.",
    fix="argmax, not max",
)
def the_largest_logit(X, W, b):
    return np.max(X @ W + b, axis=1)


@predict_classes.mistake(
    "The bias is missing: the logits are X @ W plus b, and b alone can change which class wins.",
    fix="np.argmax(X @ W + b, axis=1)",
)
def forgets_the_bias(X, W, b):
    return np.argmax(X @ W, axis=1)


@predict_classes.mistake(
    "Every predicted class is one too high: the classes were numbered from 1. Class indices run from 0 "
    "to C-1, like the columns of the logits, and the labels they are compared with.",
    fix="the argmax itself is the class index: add nothing to it",
)
def one_based_classes(X, W, b):
    return np.argmax(X @ W + b, axis=1) + 1


@exercise(
    "accuracy",
    nudge=(
        "Compare each predicted class with its label: that gives one true or false per row. The "
        "accuracy is the fraction of trues, a number between 0 and 1."
    ),
    task="make my_accuracy(X, y, W, b) return the fraction (0 to 1) of rows whose predicted class "
    "equals the label",
    hint="predicted = np.argmax(X @ W + b, axis=1); return np.mean(predicted == y)",
)
def accuracy():
    from ..training import accuracy

    return accuracy, [Case(name, (x, y, w, b)) for name, x, y, w, b in _classifier_cases(11)]


def _correct(X, y, W, b):
    return np.argmax(X @ W + b, axis=1) == y


@accuracy.mistake(
    "That is a percentage (100 times the fraction). The task asks for a fraction between 0 and 1.",
    fix="np.mean(predicted == y), without * 100",
)
def percentage(X, y, W, b):
    return 100 * np.mean(_correct(X, y, W, b))


@accuracy.mistake(
    "That is the number of correct rows. A fraction divides it by the number of rows.",
    fix="np.mean(predicted == y)",
)
def count_of_correct(X, y, W, b):
    return np.sum(_correct(X, y, W, b))


@accuracy.mistake(
    "That is the error rate, the fraction of wrong predictions: accuracy counts the right ones.",
    fix="np.mean(predicted == y)",
)
def error_rate(X, y, W, b):
    return np.mean(~_correct(X, y, W, b))


@exercise(
    "weight_gradient",
    labels=3,
    nudge=(
        "Chain rule: the loss depends on W through the logits XW + b. You know the gradient with "
        "respect to the logits from notebook 08. How does each logit depend on the weights, and "
        "which shapes must be multiplied to give W's shape?"
    ),
    task="make weight_gradient(W, b, X, y) return dL/dW = X^T G with G = (softmax(XW + b) - "
    "onehot(y)) / N, an array of W's shape",
    hint="G = softmax(X @ W + b, axis=1); G[np.arange(N), y] -= 1; G /= N; return X.T @ G "
    "(shape (D, N) @ (N, C) = (D, C))",
    forbid=GRAD_BY_HAND + ("gradient_step", "fit"),
)
def weight_gradient():
    from ..loss import cross_entropy_grad

    def reference(w, b, x, y):
        return np.asarray(x).T @ cross_entropy_grad(np.asarray(x) @ w + b, y)

    return reference, [Case(name, (w, b, x, y)) for name, x, y, w, b in _classifier_cases(12)]


def _g(W, b, X, y, probabilities=True):
    z = X @ W + b
    if probabilities:
        e = np.exp(z - z.max(axis=1, keepdims=True))
        z = e / e.sum(axis=1, keepdims=True)
    return z - np.eye(W.shape[1])[y]


@weight_gradient.mistake(
    "Every value is N times too big (N = the number of points): that is the gradient of the summed "
    "loss. The mean loss divides each point's part by N.",
    fix="G /= N before X.T @ G",
)
def forgets_to_divide_by_n(W, b, X, y):
    return X.T @ _g(W, b, X, y)


@weight_gradient.mistake(
    "Your result has shape (C, D), W's transpose. dL/dW has W's shape (D, C): features down, classes "
    "across; multiply so that the N samples are summed over.",
    fix="X.T @ G: (D, N) @ (N, C) = (D, C)",
)
def transposed(W, b, X, y):
    return _g(W, b, X, y).T @ X / len(y)


@weight_gradient.mistake(
    "You used the logits where the probabilities belong: the gradient of the loss with respect to "
    "the logits is softmax of the logits minus the one-hot target.",
    fix="G = softmax(X @ W + b, axis=1) - one_hot",
)
def logits_instead_of_probabilities(W, b, X, y):
    return X.T @ _g(W, b, X, y, probabilities=False) / len(y)


@weight_gradient.mistake(
    "The sign is flipped: yours is the direction the weights should move, minus the gradient. The "
    "gradient itself is probabilities minus one-hot.",
    fix="softmax minus one-hot, not the other way round",
)
def opposite_sign(W, b, X, y):
    return -X.T @ _g(W, b, X, y) / len(y)


# --- find the bug: a training loop ------------------------------------------------------------------


def _train(X, y, steps, lr, softmax_first=False, clear=True, clear_after_backward=False):
    """Full-batch gradient descent on nn.Linear, as notebook 09 §4 writes it; the loss of every step."""
    import torch
    import torch.nn.functional as F

    torch.manual_seed(0)
    model = torch.nn.Linear(X.shape[1], int(y.max()) + 1, dtype=torch.float64)
    losses = []
    for _ in range(steps):
        out = model(X)
        loss = F.cross_entropy(torch.softmax(out, dim=1) if softmax_first else out, y)
        if clear and not clear_after_backward:
            model.zero_grad()
        loss.backward()
        if clear_after_backward:
            model.zero_grad()
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
        losses.append(loss.item())
    return losses


@exercise(
    "training_loop_bugs",
    nudge=(
        "Compare the loop with the one in the notebook, line by line: what does the loss function "
        "expect as its input, and what happens to the gradients stored in .grad between two backward "
        "passes?"
    ),
    task="delete the raise line of train(X, y, steps, lr), run the check, then find and fix the two "
    "bugs so that its losses match a correct training run",
    hint="cross_entropy wants the raw logits, F.cross_entropy(model(X), y), because it applies "
    "log-softmax itself; and call model.zero_grad() before loss.backward() in every step",
    rtol=1e-6,
    atol=1e-9,
)
def training_loop_bugs():
    import torch

    from ..datasets import make_blobs

    x3, y3 = make_blobs(20, num_classes=3, seed=3)
    x4, y4 = make_blobs(15, num_classes=4, seed=5)

    def reference(X, y, steps, lr):
        return _train(X, y, steps, lr)

    cases = [
        Case("60 points, 3 classes, 50 steps", (torch.tensor(x3), torch.tensor(y3), 50, 0.5)),
        Case("60 points, 4 classes, 40 steps", (torch.tensor(x4), torch.tensor(y4), 40, 0.3)),
    ]
    return reference, cases


@training_loop_bugs.mistake(
    "These are the losses of the loop as given: they stop falling far above what this model reaches. "
    "Two things are wrong. Look at what goes into cross_entropy, and at what happens to each "
    "parameter's .grad from one step to the next.",
)
def as_given(X, y, steps, lr):
    return _train(X, y, steps, lr, softmax_first=True, clear=False)


@training_loop_bugs.mistake(
    "The loss stalls far above where a correct run gets (compare the last values): the outputs go "
    "through softmax twice. cross_entropy applies log-softmax to what it receives, so it wants raw "
    "logits; squashed into [0, 1] first, they can no longer express confidence.",
    fix="F.cross_entropy(model(X), y), with no softmax before it",
)
def softmax_twice(X, y, steps, lr):
    return _train(X, y, steps, lr, softmax_first=True)


@training_loop_bugs.mistake(
    "The loss drops fast, then wobbles or climbs back up: backward adds into .grad until something "
    "clears it, so each step pushes with the sum of every earlier gradient. Clear the gradients once "
    "per step.",
    fix="model.zero_grad() before loss.backward()",
)
def gradients_pile_up(X, y, steps, lr):
    return _train(X, y, steps, lr, clear=False)


@training_loop_bugs.mistake(
    "The update finds no gradient (p.grad is None, hence the TypeError): the gradients are cleared "
    "between backward and the update, so they are thrown away before they are used. Clear them "
    "before backward instead.",
    fix="clear before loss.backward(), not between backward and the update",
)
def cleared_too_late(X, y, steps, lr):
    return _train(X, y, steps, lr, clear_after_backward=True)
