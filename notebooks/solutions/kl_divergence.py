import numpy as np


def my_kl(p, q):
    """KL(p || q) = sum over p_c > 0 of p_c * log(p_c / q_c), in nats."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    m = p > 0
    with np.errstate(divide="ignore"):
        return np.sum(p[m] * np.log(p[m] / q[m]))
