import numpy as np


def entropy_bits(p):
    """H(p) = -sum_c p_c log2 p_c in bits, skipping entries with p_c = 0."""
    p = np.asarray(p, dtype=float)
    nonzero = p[p > 0]
    return -np.sum(nonzero * np.log2(nonzero))
