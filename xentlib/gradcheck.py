"""Finite differences: the slow, obviously-right gradient that checks the fast analytic one."""

from __future__ import annotations

import numpy as np

from .messages.errors import tr


def numerical_grad(f, z, eps: float = 1e-6) -> np.ndarray:
    """Central differences: df/dz_k ~ (f(z + eps e_k) - f(z - eps e_k)) / (2 eps), in float64."""
    z = np.array(z, dtype=np.float64)
    grad = np.zeros_like(z)
    for k in np.ndindex(z.shape):
        old = z[k]
        z[k] = old + eps
        up = float(f(z))
        z[k] = old - eps
        down = float(f(z))
        z[k] = old
        grad[k] = (up - down) / (2 * eps)
    return grad


def grad_check(f, grad_f, z, eps: float = 1e-6, tol: float = 1e-6) -> float:
    """Largest |analytic - numerical| gradient entry; raises AssertionError if it exceeds tol."""
    gap = float(np.max(np.abs(np.asarray(grad_f(z), dtype=np.float64) - numerical_grad(f, z, eps))))
    if gap > tol:
        raise AssertionError(tr("gradients_differ", gap=f"{gap:.3g}", tol=f"{tol:g}"))
    return gap
