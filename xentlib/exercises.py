"""The exercises of notebooks 01-08: for each, the reference function and the cases it is checked on.

Each `@exercise` function returns (reference, [Case, ...]) and runs only when its exercise is first
checked. The engine that runs them, `check`, is in `xentlib.checks`.
"""

from __future__ import annotations

import numpy as np

from .checks import Case, exercise
from .data import SEED_LABELS, SEED_LOGITS

F32 = dict(rtol=1e-5, atol=1e-6)  # tolerance for float32 cases


def _seed() -> tuple[np.ndarray, np.ndarray]:
    return np.array(SEED_LOGITS), np.array(SEED_LABELS)


# 01_softmax_by_hand -------------------------------------------------------------------------------


@exercise(
    "softmax_row",
    task="make softmax_row(z) return the probabilities of one row of logits: exp of each logit, "
    "divided by the sum of the exps",
    hint="e = np.exp(z) gives the exponentials; return e / e.sum(). The result should sum to 1",
    forbid=("softmax", "softmax_naive"),
)
def _softmax_row():
    from .softmax import softmax

    z, _ = _seed()
    cases = [
        Case("first seed sample", (z[0],)),
        Case("second seed sample", (z[1],)),
        Case("all logits equal", (np.zeros(4),), hint="equal logits must give equal probabilities, 1/4 each"),
        Case("negative logits", (np.array([-3.0, -1.0, -2.0]),)),
        Case("a single class", (np.array([2.5]),), hint="with one class its probability is 1"),
        Case("logits in the tens", (np.array([10.0, 20.0, 30.0]),)),
        Case("float32 logits", (z[2].astype(np.float32),), **F32),
    ]
    return softmax, cases


@exercise(
    "sample_loss",
    task="make sample_loss(z, label) return the cross-entropy of one sample: -log of the "
    "probability softmax gives to the true class",
    hint="p = softmax(z)[label] is the probability of the true class; return -np.log(p) "
    "(mind the minus sign: the loss is positive)",
    forbid=("cross_entropy", "cross_entropy_loop", "nll_loss"),
)
def _sample_loss():
    from .loss import cross_entropy

    z, y = _seed()

    def reference(logits, label):
        return cross_entropy(logits, np.int64(label))

    cases = [Case(f"seed sample {i} (label {int(y[i])})", (z[i], int(y[i]))) for i in range(3)]
    cases += [
        Case("true class first (label 0)", (z[0], 0)),
        Case("true class last (label 4)", (z[0], 4)),
        Case("confident and right", (np.array([8.0, 0.0, 0.0]), 0)),
        Case(
            "confident and wrong",
            (np.array([8.0, 0.0, 0.0]), 1),
            hint="a confident mistake should cost about 8: the loss is -log of a tiny probability",
        ),
    ]
    return reference, cases


# 02_numpy_loops -----------------------------------------------------------------------------------


@exercise(
    "cross_entropy_loop",
    task="make my_cross_entropy_loop(logits, labels) loop over the samples, add up -log of each "
    "sample's true-class probability, and return the mean",
    hint="for row, label in zip(logits, labels): total += -np.log(softmax(row)[label]); "
    "then return total / len(labels)",
    forbid=("cross_entropy_loop", "cross_entropy", "cross_entropy_onehot", "nll_loss"),
)
def _cross_entropy_loop():
    from .loop import cross_entropy_loop

    z, y = _seed()
    rng = np.random.default_rng(0)
    cases = [
        Case("the seed batch", (z, y)),
        Case("one sample", (z[1:2], y[1:2]), hint="a batch of one sample: its mean loss is its own loss"),
        Case("labels as a Python list", (z, [1, 2, 3])),
        Case("every label is class 0", (z, np.array([0, 0, 0]))),
        Case("labels of the last class", (z, np.array([4, 4, 4]))),
        Case("float32 logits", (z.astype(np.float32), y), **F32),
        Case(
            "8 random samples, 6 classes",
            (rng.normal(size=(8, 6)), rng.integers(0, 6, size=8)),
            hint="divide by the number of samples, len(labels), not by a fixed 3",
        ),
    ]
    return cross_entropy_loop, cases


@exercise(
    "true_class_probs",
    task="make true_class_probs(probabilities, labels) return, for each row i, the entry "
    "probabilities[i, labels[i]], as an array of length N",
    hint="loop with enumerate(labels), or index both axes at once: probabilities[np.arange(N), labels]",
)
def _true_class_probs():
    from .softmax import softmax

    z, y = _seed()

    def reference(probabilities, labels):
        p = np.asarray(probabilities)
        return p[np.arange(p.shape[0]), np.asarray(labels)]

    p = softmax(z)
    cases = [
        Case("the seed probabilities", (p, y)),
        Case("one sample", (p[2:], y[2:])),
        Case("labels as a Python list", (p, [1, 2, 3])),
        Case("the same label twice", (p[:2], np.array([4, 4]))),
        Case(
            "four samples, two classes",
            (softmax(np.arange(8.0).reshape(4, 2)), np.array([0, 1, 1, 0])),
            hint="take row i's entry at column labels[i], not row labels[i]",
        ),
    ]
    return reference, cases


# 03_onehot_and_vectorized -------------------------------------------------------------------------


@exercise(
    "one_hot",
    task="make my_one_hot(labels, num_classes) return an (N, num_classes) float matrix with a 1.0 "
    "in column labels[i] of row i and 0.0 everywhere else",
    hint="np.eye(num_classes) has the rows you need: pick them with np.eye(num_classes)[labels]",
    forbid=("one_hot",),
)
def _one_hot():
    from .onehot import one_hot

    cases = [
        Case("the seed labels, 5 classes", (np.array(SEED_LABELS), 5)),
        Case("one label", (np.array([2]), 3)),
        Case("first and last class", (np.array([0, 3]), 4)),
        Case("the same label three times", (np.array([1, 1, 1]), 2)),
        Case(
            "more classes than labels",
            (np.array([7]), 10),
            hint="the width is num_classes, not max(labels) + 1",
        ),
        Case("labels as a Python list", ([1, 0], 2)),
    ]
    return one_hot, cases


@exercise(
    "cross_entropy_vectorized",
    task="make cross_entropy_vectorized(logits, labels) compute the mean loss of the whole batch "
    "with array operations and no Python loop",
    hint="log_p = log_softmax(logits, axis=1); take log_p[np.arange(N), labels] and return minus its mean",
    no_loops=True,
    forbid=("cross_entropy", "cross_entropy_onehot", "cross_entropy_loop", "nll_loss"),
)
def _cross_entropy_vectorized():
    from .loss import cross_entropy

    z, y = _seed()
    rng = np.random.default_rng(1)
    cases = [
        Case("the seed batch", (z, y)),
        Case("one sample", (z[:1], y[:1])),
        Case("float32 logits", (z.astype(np.float32), y), **F32),
        Case("50 random samples, 10 classes", (rng.normal(size=(50, 10)), rng.integers(0, 10, size=50))),
        Case(
            "huge logits",
            (z * 1000, y),
            hint="np.log(softmax(...)) gives log(0) = -inf here; "
            "use log_softmax, which never takes the log of 0",
        ),
    ]
    return cross_entropy, cases


@exercise(
    "stable_softmax",
    task="make stable_softmax(z) compute softmax over the last axis without overflow: subtract "
    "each row's max before np.exp",
    hint="m = z.max(axis=-1, keepdims=True); e = np.exp(z - m); return e / e.sum(axis=-1, keepdims=True)",
    forbid=("softmax", "log_softmax", "logsumexp"),
)
def _stable_softmax():
    from .softmax import softmax

    z, _ = _seed()
    cases = [
        Case("the seed logits", (z,)),
        Case("one row, 1-D", (z[0],), hint="use axis=-1 and keepdims=True so 1-D and 2-D inputs both work"),
        Case(
            "huge logits (1000)",
            (np.array([[1000.0, 999.0, 998.0]]),),
            hint="exp(1000) overflows to inf; subtract the row's max first so the largest exponent is 0",
        ),
        Case(
            "very negative logits (-1000)",
            (np.array([[-1000.0, -1001.0, -1002.0]]),),
            hint="every exp(-1000) underflows to 0 and 0/0 is nan; shifting by the max fixes this too",
        ),
        Case(
            "one row huge, one row small",
            (np.array([[800.0, 0.0, -800.0], [0.1, 0.2, 0.3]]),),
            hint="shift each row by its own max: z.max(axis=-1, keepdims=True)",
        ),
        Case(
            "float32 logits of 100",
            (np.array([[100.0, 99.0, 90.0]], dtype=np.float32),),
            **F32,
            hint="float32 overflows already at exp(88.7); the max-shift fixes this too",
        ),
    ]
    return softmax, cases


# 04_pytorch_building_blocks -----------------------------------------------------------------------


def _torch_seed():
    import torch

    z, y = _seed()
    return torch, torch.from_numpy(z), torch.from_numpy(y)


@exercise(
    "log_softmax_torch",
    task="make log_softmax_torch(x) return log softmax of a (N, C) tensor along dim=1, by hand: "
    "x minus the log-sum-exp of each row (shift by the row max first)",
    hint="m = x.max(dim=1, keepdim=True).values; return x - m - torch.log(torch.exp(x - m).sum(dim=1, "
    "keepdim=True))",
    forbid=("log_softmax", "LogSoftmax", "logsumexp", "cross_entropy", "CrossEntropyLoss"),
)
def _log_softmax_torch():
    torch, x, _ = _torch_seed()

    def reference(t):
        return torch.log_softmax(t, dim=1)

    cases = [
        Case("the seed logits", (x,)),
        Case("one sample", (x[:1],)),
        Case("float32 tensor", (x.float(),), **F32),
        Case("huge logits", (x * 1000,), hint="torch.exp overflows at 1000: subtract the row max before exp"),
        Case(
            "a class far below the others",
            (torch.tensor([[0.0, 0.0, -200.0]], dtype=torch.float64),),
            hint="log(softmax) gives -inf when a probability underflows to 0; keep the log analytic: "
            "x - m - log(sum(exp(x - m)))",
        ),
    ]
    return reference, cases


@exercise(
    "nll_torch",
    task="make nll_by_hand(log_probs, target) return the mean of -log_probs[i, target[i]] over the "
    "batch, as a torch scalar",
    hint="pick each row's entry with log_probs[torch.arange(len(target)), target], then return -(...).mean()",
    forbid=("nll_loss", "NLLLoss", "cross_entropy", "CrossEntropyLoss"),
)
def _nll_torch():
    torch, x, y = _torch_seed()

    def reference(log_probs, target):
        return torch.nn.functional.nll_loss(log_probs, target)

    log_p = torch.log_softmax(x, dim=1)
    cases = [
        Case("the seed batch", (log_p, y)),
        Case("one sample", (log_p[1:2], y[1:2])),
        Case("float32 log-probabilities", (log_p.float(), y), **F32),
        Case("labels 0 and 4", (log_p[:2], torch.tensor([0, 4]))),
        Case(
            "any numbers, not only log-probabilities",
            (torch.arange(12.0, dtype=torch.float64).reshape(3, 4), torch.tensor([3, 0, 1])),
            hint="NLL just picks -input[i, target[i]] and averages; it applies no log and no softmax",
        ),
    ]
    return reference, cases


_BY_HAND = ("cross_entropy", "CrossEntropyLoss", "nll_loss", "NLLLoss", "cross_entropy_and_grad")
_GRAD_BY_HAND = ("cross_entropy_grad", "cross_entropy_and_grad", "numerical_grad", "backward")


def _random_batch(seed: int, n: int, c: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(0, 2, size=(n, c)), rng.integers(0, c, size=n)


# 05_pytorch_modules -------------------------------------------------------------------------------


@exercise(
    "ignore_index_by_hand",
    task="make ce_ignore_index(logits, labels, ignore_index) return the mean loss over the samples "
    "whose label is not ignore_index",
    hint="log_p = log_softmax(logits, axis=1); rows = np.flatnonzero(labels != ignore_index); "
    "return -log_p[rows, labels[rows]].mean()",
    forbid=_BY_HAND,
)
def _ignore_index_by_hand():
    from .loss import cross_entropy

    z, y = _seed()

    def reference(logits, labels, ignore_index=-100):
        return cross_entropy(logits, labels, ignore_index=ignore_index)

    many, many_y = _random_batch(5, 6, 4)
    many_y[[1, 2, 4]] = -1
    cases = [
        Case("nothing ignored", (z, y, -100)),
        Case(
            "second sample ignored",
            (z, np.array([1, -100, 3]), -100),
            hint="-100 is not a column of logits: select the kept rows before you index with the labels",
        ),
        Case(
            "ignore_index=0",
            (z, np.array([0, 2, 0]), 0),
            hint="a sample is skipped when its label equals ignore_index, whatever that number is",
        ),
        Case(
            "half of 6 samples ignored",
            (many, many_y, -1),
            hint="divide by the number of kept samples, not by N: ignored samples leave the mean entirely",
        ),
        Case("float32 logits", (z.astype(np.float32), np.array([-100, 2, 3]), -100), **F32),
        Case(
            "every sample ignored",
            (z, np.array([-100, -100, -100]), -100),
            hint="with no sample left the mean is 0/0 = nan, as in torch (np.mean of an empty array is nan)",
        ),
    ]
    return reference, cases


@exercise(
    "weighted_mean_by_hand",
    task="make ce_weighted(logits, labels, weight) return the class-weighted mean loss: "
    "sum_i w[y_i] * loss_i / sum_i w[y_i]",
    hint="loss_i = -log_softmax(logits, axis=1)[np.arange(N), labels]; w = weight[labels]; "
    "return (w * loss_i).sum() / w.sum()",
    forbid=_BY_HAND,
)
def _weighted_mean_by_hand():
    from .loss import cross_entropy

    z, y = _seed()

    def reference(logits, labels, weight):
        return cross_entropy(logits, labels, weight=weight)

    weight = np.array([1.0, 2.0, 0.5, 3.0, 1.0])
    many, many_y = _random_batch(6, 8, 6)
    cases = [
        Case("all weights 1", (z, y, np.ones(5)), hint="with equal weights the result is the plain mean"),
        Case(
            "the notebook's weights",
            (z, y, weight),
            hint="divide by the sum of the weights of the true classes, w[labels].sum(), not by N",
        ),
        Case(
            "weights times 10",
            (z, y, 10 * weight),
            hint="scaling all weights must not change a weighted mean",
        ),
        Case("a class with weight 0", (z, y, np.array([1.0, 0.0, 1.0, 1.0, 1.0]))),
        Case("8 samples, 6 classes", (many, many_y, np.arange(1.0, 7.0))),
    ]
    return reference, cases


@exercise(
    "label_smoothing_by_hand",
    task="make ce_label_smoothing(logits, labels, eps) return the mean of -sum_c q_c log p_c with the "
    "smoothed target q = (1 - eps) * one_hot(labels) + eps / C",
    hint="q = (1 - eps) * np.eye(C)[labels] + eps / C; log_p = log_softmax(logits, axis=1); "
    "return -(q * log_p).sum(axis=1).mean()",
    forbid=_BY_HAND,
)
def _label_smoothing_by_hand():
    from .loss import cross_entropy

    z, y = _seed()

    def reference(logits, labels, eps):
        return cross_entropy(logits, labels, label_smoothing=eps)

    many, many_y = _random_batch(7, 10, 7)
    cases = [
        Case("eps = 0 (no smoothing)", (z, y, 0.0)),
        Case("eps = 0.1", (z, y, 0.1), hint="the eps / C goes to every class, the true class included"),
        Case("eps = 1 (uniform target)", (z, y, 1.0)),
        Case("10 samples, 7 classes, eps = 0.25", (many, many_y, 0.25), hint="C is logits.shape[1]"),
        Case(
            "huge logits",
            (z * 1000, y, 0.1),
            hint="np.log(softmax(...)) is -inf where a probability underflows to 0, and q is never 0 "
            "with smoothing; use log_softmax",
        ),
    ]
    return reference, cases


# 06_gradients -------------------------------------------------------------------------------------


@exercise(
    "ce_grad",
    task="make ce_grad(logits, labels) return the gradient of the mean cross-entropy, "
    "(softmax(logits) - one_hot(labels)) / N, an array of the logits' shape",
    hint="p = softmax(logits, axis=1); subtract 1 at each row's true class, p[np.arange(N), labels] -= 1; "
    "then divide by N",
    forbid=_GRAD_BY_HAND,
)
def _ce_grad():
    from .loss import cross_entropy_grad

    z, y = _seed()
    many, many_y = _random_batch(8, 10, 4)
    cases = [
        Case("the seed batch", (z, y), hint="row i is softmax(z_i) minus 1 at the true class, over N = 3"),
        Case("one sample", (z[:1], y[:1])),
        Case("10 samples, 4 classes", (many, many_y), hint="divide by the number of samples, len(labels)"),
        Case("every label the same", (z, np.array([0, 0, 0]))),
        Case("float32 logits", (z.astype(np.float32), y), **F32),
        Case(
            "huge logits",
            (z * 1000, y),
            hint="exp(1000) overflows: use the stable softmax (xl.softmax) rather than np.exp directly",
        ),
    ]
    return cross_entropy_grad, cases


@exercise(
    "central_difference",
    task="make central_difference(f, z, eps) return, for every entry k of z, "
    "(f(z + eps e_k) - f(z - eps e_k)) / (2 eps), as an array of z's shape",
    hint="z = np.array(z, dtype=float); g = np.zeros_like(z); for k in np.ndindex(z.shape): set z[k] to "
    "old + eps, then old - eps, evaluate f each time, restore z[k] = old, store the difference / (2 eps)",
    rtol=1e-6,
    atol=1e-8,
    forbid=("numerical_grad", "grad_check", "backward", "gradient"),
)
def _central_difference():
    from .gradcheck import numerical_grad
    from .loss import cross_entropy
    from .softmax import logsumexp

    z, y = _seed()

    def sum_of_squares(v):
        return float(np.sum(np.asarray(v) ** 2))

    def seed_loss(v):
        return float(cross_entropy(v, y))

    def lse(v):
        return float(logsumexp(v))

    def first_cubed(v):
        return float(np.asarray(v).ravel()[0] ** 3)

    cases = [
        Case("sum of squares (gradient 2z)", (sum_of_squares, np.array([1.0, -2.0, 3.0]), 1e-6)),
        Case(
            "the seed loss, 3 x 5 logits",
            (seed_loss, z, 1e-6),
            hint="return an array shaped like z: one partial derivative per entry, also for 2-D z",
        ),
        Case("log-sum-exp of one row", (lse, z[1], 1e-6)),
        Case("one entry", (sum_of_squares, np.array([0.5]), 1e-6)),
        Case(
            "a bigger eps, z^3",
            (first_cubed, np.array([2.0, 1.0]), 1e-2),
            hint="use the eps you are given, and step both ways: (f(z + eps) - f(z - eps)) / (2 eps)",
        ),
        Case(
            "integers in z",
            (sum_of_squares, np.array([1, 2]), 1e-6),
            hint="work on a float copy, np.array(z, dtype=float): an integer array cannot hold z + eps",
        ),
    ]
    return numerical_grad, cases


@exercise(
    "smoothed_grad",
    task="make smoothed_grad(logits, labels, eps) return (softmax(logits) - q) / N with the smoothed "
    "target q = (1 - eps) * one_hot(labels) + eps / C",
    hint="q = (1 - eps) * np.eye(C)[labels] + eps / C; return (softmax(logits, axis=1) - q) / len(labels)",
    forbid=_GRAD_BY_HAND,
)
def _smoothed_grad():
    from .loss import cross_entropy_grad

    z, y = _seed()

    def reference(logits, labels, eps):
        return cross_entropy_grad(logits, labels, label_smoothing=eps)

    many, many_y = _random_batch(9, 6, 4)
    cases = [
        Case("eps = 0 (no smoothing)", (z, y, 0.0)),
        Case("eps = 0.1", (z, y, 0.1), hint="eps / C goes to every class, the true class too"),
        Case("eps = 1 (uniform target)", (z, y, 1.0)),
        Case(
            "6 samples, 4 classes, eps = 0.3",
            (many, many_y, 0.3),
            hint="C is logits.shape[1] and N is len(labels)",
        ),
    ]
    return reference, cases


# 07_training_a_classifier -------------------------------------------------------------------------


def _classifier_cases(seed: int):
    """Small softmax-regression problems: (name, X, y, W, b)."""
    from .datasets import make_blobs

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
    task="make my_predict(X, W, b) return the predicted class of every row of X: the index of its "
    "largest logit in X @ W + b",
    hint="np.argmax(X @ W + b, axis=1): one class per row (axis=1 runs over the classes)",
)
def _predict_classes():
    from .training import predict

    cases = [Case(name, (x, w, b)) for name, x, _, w, b in _classifier_cases(10)]
    return predict, cases


@exercise(
    "accuracy",
    task="make my_accuracy(X, y, W, b) return the fraction (0 to 1) of rows whose predicted class "
    "equals the label",
    hint="predicted = np.argmax(X @ W + b, axis=1); return np.mean(predicted == y)",
)
def _accuracy():
    from .training import accuracy

    cases = [Case(name, (x, y, w, b)) for name, x, y, w, b in _classifier_cases(11)]
    return accuracy, cases


@exercise(
    "weight_gradient",
    task="make weight_gradient(W, b, X, y) return dL/dW = X.T @ G with G = (softmax(X @ W + b) - "
    "one_hot(y)) / N, an array of W's shape",
    hint="G = softmax(X @ W + b, axis=1); G[np.arange(N), y] -= 1; G /= N; return X.T @ G "
    "(shape (D, N) @ (N, C) = (D, C))",
    forbid=_GRAD_BY_HAND + ("gradient_step", "fit"),
)
def _weight_gradient():
    from .loss import cross_entropy_grad

    def reference(w, b, x, y):
        return np.asarray(x).T @ cross_entropy_grad(np.asarray(x) @ w + b, y)

    cases = [Case(name, (w, b, x, y)) for name, x, y, w, b in _classifier_cases(12)]
    return reference, cases


# 08_beyond ----------------------------------------------------------------------------------------


@exercise(
    "entropy_bits",
    task="make entropy_bits(p) return the entropy -sum_c p_c log2 p_c of a 1-D distribution, in bits",
    hint="keep only the nonzero entries, nz = p[p > 0], then return -np.sum(nz * np.log2(nz))",
    forbid=("entropy", "distribution_cross_entropy", "kl_divergence"),
)
def _entropy_bits():
    from .information import entropy

    def reference(p):
        return entropy(p, units="bits")

    cases = [
        Case("a fair coin", (np.array([0.5, 0.5]),), hint="a fair coin has exactly 1 bit: use np.log2"),
        Case("a loaded coin", (np.array([0.9, 0.1]),)),
        Case("uniform over 8", (np.full(8, 0.125),)),
        Case(
            "a certain outcome",
            (np.array([0.0, 1.0, 0.0]),),
            hint="0 * log(0) is nan in NumPy; by convention it is 0, so skip the entries with p_c = 0",
        ),
        Case("the seed's softmax", (np.exp(SEED_LOGITS[0]) / np.exp(SEED_LOGITS[0]).sum(),)),
    ]
    return reference, cases


@exercise(
    "kl_divergence",
    task="make my_kl(p, q) return KL(p || q) = sum_c p_c log(p_c / q_c) of two 1-D distributions, in nats",
    hint="m = p > 0; return np.sum(p[m] * np.log(p[m] / q[m])) (entries with p_c = 0 add nothing)",
    forbid=("kl_divergence", "kl_div", "rel_entr", "entropy", "distribution_cross_entropy"),
)
def _kl_divergence():
    from .information import kl_divergence

    cases = [
        Case("loaded coin vs fair coin", (np.array([0.9, 0.1]), np.array([0.5, 0.5]))),
        Case(
            "fair coin vs loaded coin",
            (np.array([0.5, 0.5]), np.array([0.9, 0.1])),
            hint="KL(p || q) weights by p: sum p * log(p / q), in this order",
        ),
        Case("a distribution and itself", (np.array([0.2, 0.3, 0.5]), np.array([0.2, 0.3, 0.5]))),
        Case(
            "p has a zero",
            (np.array([0.0, 0.4, 0.6]), np.array([0.2, 0.3, 0.5])),
            hint="an entry with p_c = 0 contributes 0 (0 * log 0 is nan in NumPy): skip those entries",
        ),
        Case(
            "q rules out what p allows",
            (np.array([0.5, 0.5]), np.array([1.0, 0.0])),
            hint="when q_c = 0 but p_c > 0 the divergence is infinite: log(p_c / 0) = inf",
        ),
    ]
    return kl_divergence, cases


@exercise(
    "bce_with_logits",
    task="make my_bce_with_logits(x, t) return the mean binary cross-entropy of logits x and targets t, "
    "as max(x, 0) - t * x + log(1 + exp(-|x|)), averaged",
    hint="np.mean(np.maximum(x, 0) - t * x + np.log1p(np.exp(-np.abs(x))))",
    forbid=("binary_cross_entropy_with_logits", "binary_cross_entropy", "BCEWithLogitsLoss", "BCELoss"),
)
def _bce_with_logits():
    from .information import binary_cross_entropy_with_logits

    cases = [
        Case("logit 0", (np.array([0.0]), np.array([1.0])), hint="sigmoid(0) = 0.5, so the loss is log 2"),
        Case("the notebook's example", (np.array([2.0, -1.0, 0.5]), np.array([1.0, 0.0, 1.0]))),
        Case(
            "soft targets",
            (np.array([1.5, -0.3, 0.0, 4.0]), np.array([0.7, 0.2, 0.5, 1.0])),
            hint="the targets may be any number in [0, 1], not only 0 or 1",
        ),
        Case(
            "huge logits",
            (np.array([800.0, -800.0, 40.0]), np.array([0.0, 1.0, 0.0])),
            hint="log(sigmoid(x)) breaks for large |x|; use max(x, 0) - t * x + log1p(exp(-|x|))",
        ),
    ]
    return binary_cross_entropy_with_logits, cases
