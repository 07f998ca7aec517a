"""xentlib: softmax cross-entropy from first principles, in NumPy, checked against PyTorch.

Importing it imports NumPy only: the explorers (xentlib.widgets), the exercises (xentlib.checks) and
matplotlib's fonts for the Chinese edition (xentlib.fonts) load when they are used.
"""

from importlib.metadata import PackageNotFoundError, version

from . import fonts, i18n
from ._version import version_from_checkout
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

try:
    __version__ = version("xentlib")  # written once, in pyproject.toml
except PackageNotFoundError:  # a checkout used without installing (notebooks/xentlib, a hub's pull)
    __version__ = version_from_checkout()

i18n.on_change(fonts.follow_language)  # Chinese plots get a CJK font once matplotlib is imported
