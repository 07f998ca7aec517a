import numpy as np


def my_kl(q, p):
    """KL(q || p) = sum over q_c > 0 of q_c * log(q_c / p_c), in nats."""
    q, p = np.asarray(q, dtype=float), np.asarray(p, dtype=float)
    m = q > 0
    with np.errstate(divide="ignore"):
        return np.sum(q[m] * np.log(q[m] / p[m]))
