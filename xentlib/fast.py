"""The fast path: per-row log-sum-exp (and softmax) in cache-sized blocks, shared between cores.

Every loss and gradient in `xentlib.loss` reduces to a few numbers per row of an (M, C) matrix of
logits: the row's max m and r = log(sum_c exp(z_c - m)). Working block by block keeps the
shifted and exponentiated rows in cache, so no full-size temporary is made, and NumPy releases
the GIL inside each ufunc, so two threads really do run on two cores.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

BLOCK_BYTES = 1 << 18  # 256 KiB of logits per block: fits in L2 with room for its temporary
PARALLEL_MIN_ELEMENTS = 1 << 18  # below this, threads cost more than they save
WORKERS = min(2, os.cpu_count() or 1)

_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="xentlib")
    return _pool


def row_stats(z: np.ndarray, class_weight=None, softmax_out=None, need_shift_sum: bool = False):
    """For (M, C) z return (m, r, t): m_i = max_c z_ic, r_i = log sum_c exp(z_ic - m_i),
    t_i = sum_c w_c (m_i - z_ic) (w = class_weight or ones; only if need_shift_sum, else None);
    if softmax_out is given, also write softmax(z) = exp(z - m) / exp(r) into it.
    """
    rows, cols = z.shape
    m = np.empty(rows, dtype=z.dtype)
    r = np.empty(rows, dtype=z.dtype)
    t = np.empty(rows, dtype=z.dtype) if need_shift_sum else None

    def block(start: int, stop: int) -> None:
        z_blk = z[start:stop]
        m_blk = z_blk.max(axis=1)
        out = None if softmax_out is None else softmax_out[start:stop]
        shifted = np.subtract(z_blk, m_blk[:, None], out=out)  # <= 0, so exp cannot overflow
        if t is not None:
            t[start:stop] = -(shifted @ class_weight if class_weight is not None else shifted.sum(axis=1))
        np.exp(shifted, out=shifted)
        sums = shifted.sum(axis=1)
        if out is not None:
            np.multiply(shifted, (1 / sums)[:, None], out=shifted)
        m[start:stop] = m_blk
        r[start:stop] = np.log(sums)

    step = max(1, BLOCK_BYTES // max(1, cols * z.itemsize))
    bounds = [(s, min(s + step, rows)) for s in range(0, rows, step)]
    if z.size < PARALLEL_MIN_ELEMENTS or WORKERS == 1 or len(bounds) == 1:
        for start, stop in bounds:
            block(start, stop)
    else:
        list(_executor().map(lambda b: block(*b), bounds))
    return m, r, t
