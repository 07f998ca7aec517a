"""xentlib: softmax cross-entropy from first principles, in NumPy, checked against PyTorch."""

from .data import SEED_LABELS, SEED_LOGITS, SEED_LOSS
from .gradcheck import grad_check, numerical_grad
from .loop import cross_entropy_loop
from .loss import cross_entropy, cross_entropy_and_grad, cross_entropy_grad, nll_loss
from .onehot import cross_entropy_onehot, one_hot
from .softmax import log_softmax, logsumexp, softmax, softmax_naive

__all__ = [
    "SEED_LABELS",
    "SEED_LOGITS",
    "SEED_LOSS",
    "cross_entropy",
    "cross_entropy_and_grad",
    "cross_entropy_grad",
    "cross_entropy_loop",
    "cross_entropy_onehot",
    "grad_check",
    "log_softmax",
    "logsumexp",
    "nll_loss",
    "numerical_grad",
    "one_hot",
    "softmax",
    "softmax_naive",
]

__version__ = "0.1.0"
