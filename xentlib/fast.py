"""The fast path: per-row log-sum-exp (and softmax) in cache-sized blocks, shared between cores.

Every loss and gradient in `xentlib.loss` reduces to a few numbers per row of an (M, C) matrix of
logits: the row's max m and r = log(sum_c exp(z_c - m)). Working block by block keeps the
shifted and exponentiated rows in cache, so the logits are read from memory once and no
full-size temporary is made; NumPy releases the GIL inside each call, so two threads, each
walking its own half of the rows, really do run on two cores.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

BLOCK_BYTES = 1 << 19  # 512 KiB of logits per block: with its scratch copy, fits in a 2 MiB L2
PARALLEL_MIN_ELEMENTS = 1 << 18  # below this, starting threads costs more than it saves
NARROW = 32  # up to this many classes, a row max is faster taken column by column
NO_SHIFT_LIMIT = 40.0  # float32 rows whose max lies in [-40, 40] need no shift before exp (see block)
WORKERS = min(2, os.cpu_count() or 1)

_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="xentlib")
    return _pool


def row_max(z: np.ndarray) -> np.ndarray:
    """max_c z_ic for each row; NaN propagates, so a NaN anywhere in a row makes its max NaN."""
    if z.shape[1] > NARROW:
        return z.max(axis=1)
    m = z[:, 0].copy()  # NumPy's reduction over a short last axis is slow; C vector maxima are not
    for c in range(1, z.shape[1]):
        np.maximum(m, z[:, c], out=m)
    return m


def row_stats(z: np.ndarray, class_weight=None, need_shift_sum=False, softmax_out=None, row_scale=None):
    """For (M, C) z return (m, r, t): m_i = max_c z_ic, r_i = log sum_c exp(z_ic - m_i), and
    t_i = sum_c w_c (m_i - z_ic) if need_shift_sum (w = class_weight or ones), else None.

    With softmax_out, also write row_scale_i * softmax(z)_i (row_scale defaults to 1) into it.
    Rows holding NaN or +inf give m = NaN or +inf and garbage r: the caller checks m.
    """
    rows, cols = z.shape
    m, r = np.empty(rows, z.dtype), np.empty(rows, z.dtype)
    t = np.empty(rows, z.dtype) if need_shift_sum else None
    ones = np.ones(cols, z.dtype)
    skip_shift = z.dtype == np.float32 and t is None
    w = ones if class_weight is None else class_weight

    def block(start: int, stop: int, scratch: np.ndarray) -> None:
        z_blk = z[start:stop]
        m_blk = row_max(z_blk)
        out = scratch[: stop - start] if softmax_out is None else softmax_out[start:stop]
        if skip_shift and -NO_SHIFT_LIMIT <= m_blk.min() and m_blk.max() <= NO_SHIFT_LIMIT:
            # float32, every row max within +-40: exp(z) cannot overflow, and what underflows is
            # below e^-47 of its row's largest term, so the shift would change nothing but cost a
            # pass (a row-wise broadcast subtract is as slow as exp itself). float64 keeps the
            # shift: the same formula as torch, so the last digits agree with it.
            exps = np.exp(z_blk, out=out)
            sums = exps @ ones  # a BLAS mat-vec: much faster than sum(axis=1) for short rows
            r[start:stop] = np.log(sums.astype(np.float64)) - m_blk  # float64: log(sums) may be ~40
        else:
            with np.errstate(invalid="ignore", divide="ignore"):  # NaN/inf rows: the caller reports them
                exps = np.subtract(z_blk, m_blk[:, None], out=out)  # <= 0, so exp cannot overflow
                if t is not None:
                    t[start:stop] = -(exps @ w)
                np.exp(exps, out=exps)
                sums = exps @ ones
                r[start:stop] = np.log(sums)
        if softmax_out is not None:
            scale = 1 / sums if row_scale is None else row_scale[start:stop] / sums
            np.multiply(exps, scale[:, None], out=exps)
        m[start:stop] = m_blk

    def chunk(start: int, stop: int) -> None:
        step = max(1, BLOCK_BYTES // (cols * z.itemsize))
        scratch = np.empty((min(step, stop - start), cols), z.dtype) if softmax_out is None else None
        for s in range(start, stop, step):
            block(s, min(s + step, stop), scratch)

    if z.size < PARALLEL_MIN_ELEMENTS or WORKERS == 1:
        chunk(0, rows)
    else:
        edges = np.linspace(0, rows, WORKERS + 1).astype(int)
        list(_executor().map(chunk, edges[:-1], edges[1:]))
    return m, r, t
