import numpy as np


def central_difference(f, z, eps):
    """Central-difference estimate of the gradient of the scalar function f at z."""
    z = np.array(z, dtype=float)
    grad = np.zeros_like(z)
    for k in np.ndindex(z.shape):
        old = z[k]
        z[k] = old + eps
        up = f(z)
        z[k] = old - eps
        down = f(z)
        z[k] = old
        grad[k] = (up - down) / (2 * eps)
    return grad
